//! The table of contents as links: the entries of the generated ToC,
//! resolved to the files a back end writes, and the nested list that shows
//! them (the EPUB's navigation document, the HTML site's index).

use super::names::Names;
use crate::model::{Book, TocEntry};
use crate::xml::escape;
use std::collections::HashMap;

/// One entry of the navigation, with its link already resolved.
#[derive(Debug)]
pub struct Entry {
    /// What the entry says.
    pub title: String,
    /// Where it points, relative to the documents' folder.
    pub href: String,
    /// Entries nested below it.
    pub children: Vec<Entry>,
}

/// The table of contents, to `settings.toc_depth` (a part, nested or not,
/// is always listed); when the book has no generated contents, one entry per
/// part.
pub fn entries(book: &Book, names: &Names) -> Vec<Entry> {
    fn convert(entries: &[TocEntry], depth: u8, names: &Names) -> Vec<Entry> {
        entries
            .iter()
            .filter(|entry| entry.level <= depth || entry.anchor.is_none())
            .map(|entry| {
                let file = names.part(&entry.chapter);
                Entry {
                    title: entry.title.clone(),
                    href: match &entry.anchor {
                        Some(anchor) => format!("{file}#{}", crate::xml::xml_id(anchor)),
                        None => file.to_owned(),
                    },
                    children: convert(&entry.children, depth, names),
                }
            })
            .collect()
    }
    let depth = book.settings.toc_depth.max(1);
    let mut toc = convert(&book.toc, depth, names);
    if toc.is_empty() {
        toc = book
            .parts()
            .map(|part| Entry {
                title: part.title_text(),
                href: names.chapter(part).to_owned(),
                children: Vec::new(),
            })
            .collect();
    }
    // A number makes a chapter's entry match its heading. One map from file
    // to number, not a search over every part per entry (quadratic in a book
    // of thousands of parts).
    let numbers: HashMap<&str, u32> = book
        .chapters
        .iter()
        .filter_map(|p| Some((names.chapter(p), p.number?)))
        .collect();
    for entry in &mut toc {
        if let Some(number) = numbers.get(entry.href.as_str()) {
            entry.title = format!("{number}. {}", entry.title);
        }
    }
    toc
}

/// Appends the entries to `out` as nested ordered lists of links.
pub fn list(entries: &[Entry], out: &mut String) {
    out.push_str("<ol>\n");
    for entry in entries {
        out.push_str(&format!(
            "<li><a href=\"{}\">{}</a>",
            escape(&entry.href),
            escape(&entry.title)
        ));
        if !entry.children.is_empty() {
            out.push('\n');
            list(&entry.children, out);
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ol>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toc_respects_the_configured_depth_and_numbers_chapters() {
        let mut book = crate::epub::tests::book();
        book.settings.toc_depth = 1;
        let names = Names::new(&book, &[], ".xhtml", "nav.xhtml");
        let toc = entries(&book, &names);
        assert!(toc.iter().all(|e| e.children.is_empty()));
        assert!(toc.iter().any(|e| e.title.starts_with("1. ")));
        book.settings.toc_depth = 2;
        assert!(entries(&book, &names)
            .iter()
            .any(|e| !e.children.is_empty()));
    }
}
