//! Numbering: chapters are numbered 1, 2, … in reading order, and the FAQ
//! appendix, which `book.toml` may list anywhere, closes the author's
//! appendices. Part titles and sub-chapters (depth 1 and more) are not
//! numbered: quire numbers no section either, and the contents show where a
//! sub-chapter belongs by nesting it under its chapter.

use super::PassContext;
use crate::model::{Book, ChapterKind};

/// The numbering pass.
pub fn run(book: &mut Book, _cx: &mut PassContext<'_>) {
    let mut next = 1;
    for chapter in &mut book.chapters {
        chapter.number = None;
        if chapter.kind == ChapterKind::Chapter && chapter.depth == 0 {
            chapter.number = Some(next);
            next += 1;
        }
    }
    // A stable sort: the author's appendices keep their order.
    book.appendices.sort_by_key(|p| p.kind == ChapterKind::Faq);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;
    use std::path::Path;

    #[test]
    fn chapters_are_numbered_in_order_and_the_faq_closes_the_appendices() {
        let mut book = crate::epub::tests::book();
        book.chapters.iter_mut().for_each(|c| c.number = None);
        book.appendices.reverse();
        let mut extra = book.chapters[0].clone();
        extra.kind = ChapterKind::Appendix;
        book.appendices.push(extra);
        let (files, sources) = (BTreeMap::new(), BTreeMap::new());
        let mut cx = PassContext {
            dir: Path::new("m"),
            files: &files,
            links: Vec::new(),
            resources: &[],
            sources: &sources,
            errors: Vec::new(),
            warnings: Vec::new(),
        };
        run(&mut book, &mut cx);
        let numbers: Vec<Option<u32>> = book.chapters.iter().map(|c| c.number).collect();
        assert_eq!(numbers, [Some(1), Some(2)]);
        // A part title and a sub-chapter between them are not numbered.
        let mut part = book.chapters[0].clone();
        part.kind = ChapterKind::Part;
        let mut sub = book.chapters[0].clone();
        sub.depth = 1;
        book.chapters.insert(1, sub);
        book.chapters.insert(0, part);
        run(&mut book, &mut cx);
        let numbers: Vec<Option<u32>> = book.chapters.iter().map(|c| c.number).collect();
        assert_eq!(numbers, [None, Some(1), None, Some(2)]);
        let kinds: Vec<ChapterKind> = book.appendices.iter().map(|c| c.kind).collect();
        assert_eq!(kinds.last(), Some(&ChapterKind::Faq));
        assert!(kinds[..kinds.len() - 1]
            .iter()
            .all(|k| *k != ChapterKind::Faq));
    }
}
