//! The layout stage on real books: the page map that later stages (an EPUB
//! page-list, "see page N" cross-references) read instead of the pages.

use quire::layout::document::{destination_name, Item};
use quire::layout::Document;
use quire::model::{walk, Block, Book, Chapter, Inline};
use std::path::Path;

fn laid_out(manuscript: &str) -> (Book, Document) {
    let book = quire::load(Path::new(manuscript))
        .unwrap_or_else(|e| panic!("{e}"))
        .book;
    let document = quire::layout::layout(&book).unwrap_or_else(|e| panic!("{e}"));
    (book, document)
}

/// The block at `path` among `blocks`, through block quotes and list items.
fn block_at<'a>(blocks: &'a [Block], path: &[usize]) -> Option<&'a Block> {
    let (&first, rest) = path.split_first()?;
    let block = blocks.get(first)?;
    match (block, rest) {
        (_, []) => Some(block),
        (Block::BlockQuote { blocks }, _) => block_at(blocks, rest),
        (Block::List { items, .. }, [item, rest @ ..]) => block_at(items.get(*item)?, rest),
        _ => None,
    }
}

/// The text a block prints, nested blocks included.
fn block_text(block: &Block) -> String {
    let mut text = String::new();
    let block = std::slice::from_ref(block);
    walk::blocks(block, &mut |b| {
        if let Block::CodeBlock { code, .. } = b {
            text.push_str(code);
        }
    });
    walk::inlines(block, &mut |inline| match inline {
        Inline::Text { text: t } => text.push_str(t),
        Inline::Code { code } => text.push_str(code),
        Inline::Image { image } => text.push_str(&format!("[{}]", image.alt)),
        _ => {}
    });
    text
}

/// Checks the page map against the pages and the named destinations;
/// returns how many pages start with a heading (each checked against its
/// destination).
fn check_page_map(book: &Book, document: &Document) -> usize {
    let map = &document.page_map;
    assert_eq!(map.len(), document.pages.len(), "one entry per page");
    for (page, start) in document.pages.iter().zip(map) {
        assert_eq!(start.label, page.label);
    }
    let parts: Vec<&Chapter> = book.parts().collect();
    let page_of = |name: &str| {
        document
            .destinations
            .iter()
            .find(|d| d.name == name)
            .unwrap_or_else(|| panic!("no destination {name}"))
            .page
    };

    // A part's first page is the page of its destination, and no earlier
    // page belongs to it.
    for part in &parts {
        let page = page_of(&part.id);
        let start = &map[page];
        assert_eq!(start.part.as_deref(), Some(part.id.as_str()), "page {page}");
        assert!(start.block.is_empty(), "{} opens on page {page}", part.id);
        assert_eq!(start.section.as_deref(), Some(part.id.as_str()));
        assert!(
            map[..page]
                .iter()
                .all(|s| s.part.as_deref() != Some(part.id.as_str())),
            "{} appears before its opening",
            part.id
        );
    }
    // Every destination in a part lies on a page of that part.
    for d in &document.destinations {
        let chapter = d.name.split('#').next().unwrap_or_default();
        if parts.iter().any(|p| p.id == chapter) {
            assert_eq!(map[d.page].part.as_deref(), Some(chapter), "{}", d.name);
        }
    }

    // Reading order: generated pages first, then the parts in book order,
    // and within a part the block paths never go back.
    let mut previous: Option<(usize, &[usize])> = None;
    let mut headings = 0;
    for (page, start) in map.iter().enumerate() {
        let Some(id) = &start.part else {
            assert!(start.block.is_empty() && start.section.is_none());
            assert!(
                previous.is_none() || document.pages[page].items.is_empty(),
                "only blank pages between parts: page {page}"
            );
            continue;
        };
        let index = parts
            .iter()
            .position(|p| &p.id == id)
            .unwrap_or_else(|| panic!("page {page}: no part {id}"));
        let key = (index, start.block.as_slice());
        assert!(
            previous.is_none_or(|p| p <= key),
            "page {page} ({key:?}) comes before {previous:?}"
        );
        previous = Some(key);
        let part = parts[index];
        // The section in force is in this part, on this page or before.
        let section = start.section.as_deref().expect("a section");
        assert_eq!(section.split('#').next(), Some(id.as_str()));
        assert!(page_of(section) <= page, "page {page}: {section}");
        if start.block.is_empty() {
            continue;
        }
        let block = block_at(&part.blocks, &start.block)
            .unwrap_or_else(|| panic!("page {page}: no block {:?} in {id}", start.block));
        // The page's first glyphs (if it starts with text) are that block's.
        let first_run = match document.pages[page].items.first() {
            Some(Item::Text(run)) => Some(run.text()),
            _ => None,
        };
        let text = block_text(block);
        for word in first_run.iter().flat_map(|t| t.split_whitespace()) {
            let word = word.trim_end_matches('-');
            assert!(
                text.contains(word),
                "page {page} starts with {word:?}, not in {text:?}"
            );
        }
        // A page that starts with a heading starts its section.
        if let Block::Heading { id: anchor, .. } = block {
            assert_eq!(section, destination_name(id, Some(anchor)), "page {page}");
            assert_eq!(page_of(section), page);
            headings += 1;
        }
    }
    headings
}

#[test]
fn the_page_map_agrees_with_the_destinations_and_is_in_reading_order() {
    let (book, document) = laid_out("manuscript");
    check_page_map(&book, &document);
    assert!(
        document
            .page_map
            .iter()
            .any(|s| s.section.as_deref().is_some_and(|s| s.starts_with("faq#"))),
        "a later page of the FAQ is in a question's section"
    );
    let (book, document) = laid_out("tests/fixtures/torture");
    check_page_map(&book, &document);
    assert!(
        document.page_map.iter().any(|s| s.block.len() > 2),
        "a page of the torture test starts inside a nested list"
    );
}

#[test]
fn a_page_that_starts_with_a_heading_starts_its_section() {
    let (mut book, _) = laid_out("manuscript");
    // Short sections: a heading keeps with its paragraph, so every page
    // after the first breaks before a heading.
    let part = book.chapters.first_mut().expect("a chapter");
    part.footnotes.clear();
    part.blocks = (0..40)
        .flat_map(|n| {
            [
                Block::Heading {
                    level: 2,
                    id: format!("section-{n}"),
                    classes: Vec::new(),
                    content: vec![Inline::Text {
                        text: format!("Section {n}"),
                    }],
                },
                Block::Paragraph {
                    content: vec![Inline::Text {
                        text: "One line of text under it.".into(),
                    }],
                },
            ]
        })
        .collect();
    let document = quire::layout::layout(&book).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        check_page_map(&book, &document) >= 2,
        "pages start with headings"
    );
}

#[test]
fn parts_set_in_parallel_give_the_pages_of_one_thread() {
    let book = quire::load(Path::new("manuscript"))
        .unwrap_or_else(|e| panic!("{e}"))
        .book;
    let on = |threads: usize| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap_or_else(|e| panic!("{e}"))
            .install(|| quire::layout::layout(&book))
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let one = on(1);
    assert!(one.pages.len() > 20);
    assert!(one == on(3), "three threads set other pages than one");
    assert!(one == on(3), "two runs on three threads differ");
}

#[test]
fn paragraphs_are_numbered_once_each_through_the_book() {
    let (_, document) = laid_out("manuscript");
    let lines: Vec<_> = document.pages.iter().flat_map(|p| &p.lines).collect();
    assert!(lines.len() > 500);
    let mut next = 0;
    for pair in lines.windows(2) {
        let (before, line) = (pair[0], pair[1]);
        if line.paragraph == before.paragraph {
            assert_eq!(line.index, before.index + 1, "{line:?} after {before:?}");
        } else {
            next += 1;
            assert_eq!(line.paragraph, next, "{line:?} after {before:?}");
            assert_eq!(line.index, 0);
            assert_eq!(
                before.index + 1,
                before.count,
                "{before:?} is not its paragraph's last line"
            );
        }
    }
    assert_eq!(lines[0].paragraph, 0);
}
