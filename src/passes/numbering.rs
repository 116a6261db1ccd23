//! Numbering: chapters are numbered 1, 2, … in reading order, and the FAQ
//! appendix, which `book.toml` may list anywhere, closes the author's
//! appendices.

use super::PassContext;
use crate::model::{Book, ChapterKind};

/// The numbering pass.
pub fn run(book: &mut Book, _cx: &mut PassContext<'_>) {
    for (number, chapter) in (1..).zip(&mut book.chapters) {
        chapter.number = Some(number);
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
        let kinds: Vec<ChapterKind> = book.appendices.iter().map(|c| c.kind).collect();
        assert_eq!(kinds.last(), Some(&ChapterKind::Faq));
        assert!(kinds[..kinds.len() - 1]
            .iter()
            .all(|k| *k != ChapterKind::Faq));
    }
}
