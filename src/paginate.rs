//! The print edition's pagination handed to the back ends that cannot lay
//! out: [`paginate`] lays the book out with [`crate::layout`] (no PDF is
//! written) and records where each printed page begins as a model value,
//! [`Pagination`], which the EPUB reads for its page-list. A build that
//! writes the digital PDF too lays the book out once when the print
//! interior has the digital PDF's pages ([`paginate_sharing`]).

use crate::layout::document::{PageRole, PageStart as LaidPage};
use crate::layout::geometry::Geometry;
use crate::layout::Frame;
use crate::model::pagination::{PageStart, PrintPage};
use crate::model::{Book, Pagination};
use crate::render::{Progress, Silent};
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

/// [`paginate`] for a build that writes the digital PDF as well: returns
/// the digital PDF's bytes (those [`crate::pdf::write`] gives), or `None`
/// when the book asks for no page-list or refers to pages (then it only
/// paginates, as [`paginate`] does).
///
/// The digital PDF is laid out first. When the print interior's page
/// geometry for that page count is the digital one (the design's margins
/// already cover the printer's, as for the default 6 × 9 in design up to
/// 700 pages), the print layout would be the same, so the page-list is
/// taken from the PDF's own layout: the book is set once. Otherwise the
/// print interior is set on its own ([`crate::layout::settle`]): its text
/// block is narrower, so its pages are not the PDF's.
///
/// A book that refers to pages ("see page 12") is not shared: the digital
/// PDF's page-number passes start from the pagination's numbers, which a
/// layout made before the pagination could not do, so its bytes might
/// differ when those passes do not settle.
pub fn paginate_sharing(book: &mut Book, progress: &dyn Progress) -> Result<Option<Vec<u8>>> {
    if !book.settings.epub.page_list || crate::layout::refers_to_pages(book) {
        paginate(book)?;
        return Ok(None);
    }
    let (pdf, frame) = crate::pdf::write_framed(book, progress, Default::default())?;
    let frame = match print_frame_is(book, frame) {
        Some(frame) => {
            log::debug!("one layout for the digital PDF and the print page-list");
            frame
        }
        None => {
            log::debug!("the print interior's margins differ from the PDF's: laid out again");
            crate::layout::settle(book, progress, || Ok(crate::layout::Discard))?.1
        }
    };
    book.pagination = Some(pagination(&frame.page_map, frame.numbers));
    Ok(Some(pdf))
}

/// The digital layout's `frame`, when [`crate::layout::settle`] would lay
/// the print interior out with the same geometry: with the printer's
/// margins for no pages, then (if its gutter grows with the page count)
/// for the digital layout's page count, which the same geometry keeps.
fn print_frame_is(book: &Book, frame: Frame) -> Option<Frame> {
    let digital = Geometry::with_design(book.settings.trim, &book.settings.design);
    let print = &book.settings.print;
    let first = print.minimum_margins(0);
    let needed = print.minimum_margins(frame.front_pages + frame.body_pages);
    let same = digital.at_least(first) == digital && digital.at_least(first.max(needed)) == digital;
    same.then_some(frame)
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

    /// Counts the layouts that draw or settle: each tells its stage.
    #[derive(Default)]
    struct Layouts(std::sync::atomic::AtomicUsize);

    impl Progress for Layouts {
        fn stage(&self, name: &str, _: Option<u64>) {
            if name == "setting parts" {
                self.0.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
        }
    }

    /// The sample with a `[print]` table (the default printer), and what
    /// [`paginate`] and the digital PDF give it on their own.
    fn sample_in_print() -> (Book, Book, Vec<u8>) {
        let mut book = crate::load(std::path::Path::new("manuscript"))
            .unwrap()
            .book;
        book.settings.epub.page_list = true;
        let mut alone = book.clone();
        paginate(&mut alone).unwrap();
        let pdf = crate::pdf::write(&alone).unwrap();
        (book, alone, pdf)
    }

    #[test]
    fn the_sample_in_print_is_laid_out_once_for_its_page_list_and_pdf() {
        let (mut book, alone, pdf) = sample_in_print();
        let layouts = Layouts::default();
        let shared = paginate_sharing(&mut book, &layouts).unwrap();
        assert_eq!(layouts.0.into_inner(), 1, "one layout");
        assert_eq!(shared.as_deref(), Some(pdf.as_slice()), "the same PDF");
        assert!(book.pagination.is_some());
        assert_eq!(book.pagination, alone.pagination, "the same page-list");
    }

    #[test]
    fn wider_print_margins_are_laid_out_apart_with_the_same_results() {
        let (mut book, _, _) = sample_in_print();
        // The printer asks for more than the design's inner margin: the
        // print interior's text block is narrower than the PDF's.
        book.settings.print.margins.inner = 1.5 * crate::model::print::INCH;
        let mut alone = book.clone();
        paginate(&mut alone).unwrap();
        let pdf = crate::pdf::write(&alone).unwrap();
        let layouts = Layouts::default();
        let shared = paginate_sharing(&mut book, &layouts).unwrap();
        assert_eq!(
            layouts.0.into_inner(),
            2,
            "the PDF's and the print interior's"
        );
        assert_eq!(shared, Some(pdf));
        assert_eq!(book.pagination, alone.pagination);
        assert_ne!(
            book.pagination.as_ref().unwrap().pages.len(),
            crate::layout::layout(&book).unwrap().pages.len(),
            "the print interior has other pages than the PDF"
        );
    }

    #[test]
    fn without_a_page_list_nothing_is_laid_out() {
        let (mut book, _, _) = sample_in_print();
        book.settings.epub.page_list = false;
        let layouts = Layouts::default();
        assert_eq!(paginate_sharing(&mut book, &layouts).unwrap(), None);
        assert_eq!(layouts.0.into_inner(), 0);
        assert_eq!(book.pagination, None);
    }
}
