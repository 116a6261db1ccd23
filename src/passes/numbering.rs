//! Numbering: chapters are numbered 1, 2, … in reading order, and the FAQ
//! appendix, which `book.toml` may list anywhere, closes the author's
//! appendices. Part titles and sub-chapters (depth 1 and more) are not
//! numbered: quire numbers no section either, and the contents show where a
//! sub-chapter belongs by nesting it under its chapter.
//!
//! Footnotes are numbered from 1 in each chapter; a sub-chapter, which the
//! PDF runs on after its chapter, continues its chapter's numbers (in the
//! EPUB too, so both books agree): never two notes 1 on one printed page.

use super::PassContext;
use crate::model::{walk, Book, Chapter, ChapterKind, Inline};

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
    for parts in [
        &mut book.front_matter,
        &mut book.chapters,
        &mut book.appendices,
    ] {
        continue_footnotes(parts);
    }
}

/// Sub-chapters' footnote numbers continue from the chapter (and the
/// sub-chapters) before them.
fn continue_footnotes(parts: &mut [Chapter]) {
    let mut before = 0;
    for part in parts {
        if part.depth == 0 {
            before = 0;
        } else if before > 0 {
            for note in &mut part.footnotes {
                note.number += before;
            }
            let mut shift = |inline: &mut Inline| {
                if let Inline::FootnoteRef { number, .. } = inline {
                    *number += before;
                }
            };
            walk::inlines_mut(&mut part.blocks, &mut shift);
            for note in &mut part.footnotes {
                walk::inlines_mut(&mut note.blocks, &mut shift);
            }
        }
        before = part
            .footnotes
            .iter()
            .map(|n| n.number)
            .max()
            .unwrap_or(before);
    }
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
            code: &Default::default(),
            labels: &Default::default(),
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

    #[test]
    fn sub_chapters_continue_their_chapters_footnote_numbers() {
        let note = |n: u32| crate::model::Footnote {
            id: format!("fn-{n}"),
            number: n,
            blocks: vec![crate::model::Block::Paragraph {
                content: vec![Inline::FootnoteRef {
                    id: "fn-x".into(),
                    number: n,
                }],
            }],
        };
        let mut chapter = crate::epub::tests::book().chapters[0].clone();
        chapter.footnotes = vec![note(1), note(2)];
        let mut sub = chapter.clone();
        sub.depth = 1;
        sub.footnotes = vec![note(1)];
        sub.blocks = vec![crate::model::Block::Paragraph {
            content: vec![Inline::FootnoteRef {
                id: "fn-1".into(),
                number: 1,
            }],
        }];
        let mut deeper = sub.clone();
        deeper.depth = 2;
        let mut next = chapter.clone();
        next.footnotes = vec![note(1)];
        let mut parts = vec![chapter, sub, deeper, next];
        continue_footnotes(&mut parts);
        let numbers: Vec<Vec<u32>> = parts
            .iter()
            .map(|p| p.footnotes.iter().map(|n| n.number).collect())
            .collect();
        assert_eq!(numbers, [vec![1, 2], vec![3], vec![4], vec![1]]);
        let mut refs = Vec::new();
        walk::inlines(&parts[2].blocks, &mut |i| {
            if let Inline::FootnoteRef { number, .. } = i {
                refs.push(*number);
            }
        });
        assert_eq!(refs, [4]);
    }
}
