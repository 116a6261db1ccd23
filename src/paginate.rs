//! The print edition's pagination handed to the back ends that cannot lay
//! out: [`paginate`] lays the book out with [`crate::layout`] (no PDF is
//! written) and records where each printed page begins as a model value,
//! [`Pagination`], which the EPUB reads for its page-list.

use crate::layout::document::{PageRole, PageStart as LaidPage};
use crate::model::pagination::{PageStart, PrintPage};
use crate::model::{Book, Pagination};
use crate::render::Silent;
use crate::Result;

/// Lays the book out and sets [`Book::pagination`] when the book asks for
/// a page-list ([`crate::model::EpubSettings::page_list`]); otherwise does
/// nothing.
pub fn paginate(book: &mut Book) -> Result<()> {
    if !book.settings.epub.page_list {
        return Ok(());
    }
    // The print interior's pages: with the printer's margins for its page
    // count, as `quire pdf --profile print` lays it out.
    let (_, frame, _, _) = crate::layout::settle(book, &Silent, || Ok(crate::layout::Discard))?;
    book.pagination = Some(pagination(&frame.page_map, frame.numbers));
    Ok(())
}

/// The model's pagination from the layout's page map: generated pages by
/// what they are, text pages by where they begin; a blank page begins
/// where the page after it does (or, last in the book, after the text).
fn pagination(map: &[LaidPage], numbers: std::collections::BTreeMap<String, String>) -> Pagination {
    let start = |page: &LaidPage| match (page.role, &page.part) {
        (PageRole::HalfTitle | PageRole::Title, _) => Some(PageStart::TitlePage),
        (PageRole::Copyright, _) => Some(PageStart::Copyright),
        (PageRole::Blank, _) => None,
        (_, Some(part)) => Some(PageStart::Part {
            part: part.clone(),
            block: page.block.clone(),
            at: page.at,
        }),
        (_, None) => Some(PageStart::Contents),
    };
    let mut pages: Vec<PrintPage> = Vec::with_capacity(map.len());
    let mut next: Option<PageStart> = None;
    for page in map.iter().rev() {
        let here = start(page).or_else(|| next.clone()).or_else(|| {
            // A blank page closing the book: after the last part's text.
            map.iter()
                .rev()
                .find_map(|p| p.part.clone())
                .map(|part| PageStart::Part {
                    part,
                    block: vec![usize::MAX],
                    at: crate::model::pagination::BreakAt::After,
                })
        });
        if let Some(here) = here {
            next = Some(here.clone());
            pages.push(PrintPage {
                label: page.label.clone(),
                start: here,
            });
        }
    }
    pages.reverse();
    Pagination { pages, numbers }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::pagination::BreakAt;

    #[test]
    fn the_sample_has_one_print_page_per_pdf_page_each_placed() {
        let mut book = crate::load(std::path::Path::new("manuscript"))
            .unwrap()
            .book;
        // The sample has no `[print]` table: the page-list is asked for.
        book.settings.epub.page_list = true;
        paginate(&mut book).unwrap();
        let pagination = book.pagination.clone().unwrap();
        let document = crate::layout::layout(&book).unwrap();
        let labels: Vec<&str> = document.pages.iter().map(|p| p.label.as_str()).collect();
        let printed: Vec<&str> = pagination.pages.iter().map(|p| p.label.as_str()).collect();
        assert_eq!(printed, labels);
        assert_eq!(pagination.pages[0].start, PageStart::TitlePage);
        // Some page of the sample begins inside a paragraph.
        assert!(pagination.pages.iter().any(|p| matches!(
            p.start,
            PageStart::Part {
                at: BreakAt::Word(_),
                ..
            }
        )));
        // Off, nothing is laid out.
        book.pagination = None;
        book.settings.epub.page_list = false;
        paginate(&mut book).unwrap();
        assert_eq!(book.pagination, None);
    }
}
