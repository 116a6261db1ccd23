//! The table of contents, computed once on the model for both back ends.

use super::PassContext;
use crate::model::{plain_text, Block, Book, ChapterKind, TocEntry};

/// The ToC pass: sets [`Book::toc`] ([`build`]).
pub fn run(book: &mut Book, _cx: &mut PassContext<'_>) {
    book.toc = build(book);
}

/// Builds the table of contents: one entry per part in reading order, with
/// its headings that have words nested below down to `settings.toc_depth`. A sub-chapter
/// (depth 1 and more) nests under the part before it one level down, its
/// headings one level further; entries deeper than `toc_depth` are left
/// out, but a sub-chapter itself is always listed. The FAQ's questions are
/// always listed.
pub fn build(book: &Book) -> Vec<TocEntry> {
    build_to(book, book.settings.toc_depth)
}

/// Builds the table of contents as [`build`] does, down to `depth` (the
/// PDF's own depth, `[pdf] toc-depth`, when it differs from the book's).
pub fn build_to(book: &Book, depth: u8) -> Vec<TocEntry> {
    let mut root = TocEntry {
        title: String::new(),
        level: 0,
        chapter: String::new(),
        anchor: None,
        children: Vec::new(),
    };
    for part in book.parts() {
        let max_level = if part.kind == ChapterKind::Faq {
            depth.max(2)
        } else {
            depth
        };
        // Each level of nesting shifts the part and its headings down one.
        let shift = part.depth;
        let mut entry = TocEntry {
            title: part.title_text(),
            level: 1 + shift,
            chapter: part.id.clone(),
            anchor: None,
            children: Vec::new(),
        };
        for block in &part.blocks {
            if let Block::Heading {
                level, id, content, ..
            } = block
            {
                let level = level.saturating_add(shift);
                let title = plain_text(content);
                // A heading with no words has nothing to list.
                if level <= max_level && !title.trim().is_empty() {
                    let child = TocEntry {
                        title,
                        level,
                        chapter: part.id.clone(),
                        anchor: Some(id.clone()),
                        children: Vec::new(),
                    };
                    insert(&mut entry, child);
                }
            }
        }
        insert(&mut root, entry);
    }
    root.children
}

/// Places `child` under the last entry of a lower level.
fn insert(parent: &mut TocEntry, child: TocEntry) {
    match parent.children.last_mut() {
        Some(last) if last.level < child.level => insert(last, child),
        _ => parent.children.push(child),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(level: u8) -> TocEntry {
        TocEntry {
            title: level.to_string(),
            level,
            chapter: "c".into(),
            anchor: None,
            children: vec![],
        }
    }

    #[test]
    fn sub_chapters_nest_under_their_chapter() {
        let mut book = crate::epub::tests::book();
        book.settings.toc_depth = 2;
        let mut sub = book.chapters[0].clone();
        sub.id = "sub".into();
        sub.depth = 1;
        book.chapters.insert(1, sub);
        let toc = build(&book);
        let first = toc
            .iter()
            .find(|e| e.chapter == book.chapters[0].id)
            .unwrap();
        let nested = first.children.iter().find(|e| e.chapter == "sub").unwrap();
        assert_eq!(nested.level, 2);
        // Its own sections would be at level 3: deeper than toc-depth 2.
        assert!(nested.children.is_empty());
        assert!(toc.iter().all(|e| e.chapter != "sub"));
    }

    #[test]
    fn deeper_headings_nest_under_the_last_shallower_one() {
        let mut root = entry(1);
        for level in [2, 3, 3, 2, 4, 2] {
            insert(&mut root, entry(level));
        }
        let shape: Vec<(u8, usize)> = root
            .children
            .iter()
            .map(|c| (c.level, c.children.len()))
            .collect();
        assert_eq!(shape, vec![(2, 2), (2, 1), (2, 0)]);
    }

    #[test]
    fn headings_without_words_are_not_listed() {
        let mut book = crate::epub::tests::book();
        let heading = |text: &str| Block::Heading {
            level: 2,
            id: "h".into(),
            classes: Vec::new(),
            content: vec![crate::model::Inline::Text { text: text.into() }],
        };
        book.chapters[0].blocks = vec![heading(" "), heading("Words")];
        let toc = build(&book);
        let part = toc
            .iter()
            .find(|e| e.chapter == book.chapters[0].id)
            .unwrap();
        let titles: Vec<&str> = part.children.iter().map(|c| c.title.as_str()).collect();
        assert_eq!(titles, ["Words"]);
    }
}
