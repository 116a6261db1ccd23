//! The sample manuscript and the torture manuscript, loaded into the model
//! and checked against their sources.

use quire::model::{plain_text, walk, Block, Book, ChapterKind, Inline, LinkTarget, TocEntry};
use std::collections::BTreeSet;
use std::path::Path;

const SOURCE: &str = include_str!("fixtures/source/battle-of-callinicum.txt");

fn sample() -> Book {
    quire::load(Path::new("manuscript"))
        .unwrap_or_else(|e| panic!("{e}"))
        .book
}

fn torture() -> Book {
    quire::load(Path::new("tests/fixtures/torture"))
        .unwrap_or_else(|e| panic!("{e}"))
        .book
}

/// The source's own table of contents: the 18 sections and the Conclusion.
fn source_section_titles() -> Vec<&'static str> {
    SOURCE
        .lines()
        .skip(1)
        .take_while(|l| l.starts_with("- "))
        .map(|l| &l[2..])
        .take_while(|t| *t != "FAQs")
        .collect()
}

/// The paragraphs of the source between two lines.
fn source_paragraphs(after: &str, before: &str) -> Vec<&'static str> {
    let lines: Vec<&str> = SOURCE.lines().collect();
    let start = lines.iter().skip(24).position(|l| *l == after).unwrap() + 25;
    let end = start + lines[start..].iter().position(|l| *l == before).unwrap();
    lines[start..end]
        .iter()
        .copied()
        .filter(|l| !l.is_empty())
        .collect()
}

/// The text of every paragraph, list items and quotes included.
fn paragraphs(blocks: &[Block]) -> Vec<String> {
    let mut out = Vec::new();
    for b in blocks {
        match b {
            Block::Paragraph { content } => out.push(plain_text(content)),
            Block::List { items, .. } => items.iter().for_each(|i| out.extend(paragraphs(i))),
            Block::BlockQuote { blocks } => out.extend(paragraphs(blocks)),
            _ => {}
        }
    }
    out
}

/// All visible text of the author's parts: titles, headings and paragraphs.
fn all_text(book: &Book) -> String {
    let mut out = String::new();
    for part in book.parts().filter(|p| p.kind != ChapterKind::Resources) {
        out.push_str(&part.title_text());
        out.push('\n');
        for b in &part.blocks {
            if let Block::Heading { content, .. } = b {
                out.push_str(&plain_text(content));
                out.push('\n');
            }
        }
        for p in paragraphs(&part.blocks) {
            out.push_str(&p);
            out.push('\n');
        }
    }
    out
}

#[test]
fn chapters_match_the_source_sections_in_order_word_for_word() {
    let book = sample();
    let titles = source_section_titles();
    assert_eq!(titles.len(), 19);
    let chapter_titles: Vec<String> = book.chapters.iter().map(|c| c.title_text()).collect();
    assert_eq!(chapter_titles, titles);
    for (i, chapter) in book.chapters.iter().enumerate() {
        assert_eq!(chapter.kind, ChapterKind::Chapter);
        assert_eq!(chapter.number, Some(i as u32 + 1));
        let next = titles.get(i + 1).copied().unwrap_or("FAQs");
        assert_eq!(
            paragraphs(&chapter.blocks),
            source_paragraphs(titles[i], next),
            "{}",
            chapter.id
        );
    }
}

#[test]
fn special_characters_survive_exactly() {
    let all = all_text(&sample());
    // Everything after the source's own table of contents (first 23 lines)
    // and before its resource list, which becomes the resources page.
    let body: String = SOURCE
        .lines()
        .skip(23)
        .take_while(|l| *l != "External Resource")
        .collect::<Vec<_>>()
        .join("\n");
    for needle in [
        "savārān",
        "so\u{2011}called",
        "“Eternal Peace",
        "Justinian’s",
        "—",
        "–",
        "’",
        "“",
        "”",
    ] {
        assert_eq!(
            all.matches(needle).count(),
            body.matches(needle).count(),
            "{needle}"
        );
    }
}

#[test]
fn summary_is_front_matter_and_the_description() {
    let book = sample();
    assert_eq!(book.front_matter.len(), 1);
    let summary = SOURCE
        .lines()
        .find_map(|l| l.strip_prefix("Article Summary: "))
        .unwrap();
    assert_eq!(paragraphs(&book.front_matter[0].blocks), vec![summary]);
    assert_eq!(book.metadata.description.as_deref(), Some(summary));
}

#[test]
fn faq_appendix_has_the_eight_questions_with_their_answers() {
    let book = sample();
    let faq = book
        .appendices
        .iter()
        .find(|a| a.kind == ChapterKind::Faq)
        .unwrap();
    assert_eq!(faq.title_text(), "Frequently Asked Questions");
    let questions: Vec<String> = faq
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading {
                level: 2, content, ..
            } => Some(plain_text(content)),
            _ => None,
        })
        .collect();
    let faq_source = &SOURCE[SOURCE.find("\nFAQs\n").unwrap()..];
    assert_eq!(questions.len(), 8);
    for q in &questions {
        assert!(faq_source.contains(&format!("- {q}\n")), "{q}");
    }
    for answer in paragraphs(&faq.blocks) {
        assert!(faq_source.contains(&answer), "{answer}");
        assert!(
            !answer.contains(" - "),
            "two entries run together: {answer}"
        );
    }
    let toc = book.toc.iter().find(|e| e.chapter == faq.id).unwrap();
    assert_eq!(toc.children.len(), 8);
    assert!(toc.children.iter().all(|c| c.anchor.is_some()));
}

#[test]
fn resources_page_lists_the_declared_resources_with_search_urls() {
    let book = sample();
    let page = book.appendices.last().unwrap();
    assert_eq!(page.kind, ChapterKind::Resources);
    let urls = external_urls(&page.blocks);
    assert_eq!(urls.len(), 3);
    for (name, host) in [
        ("Encyclopaedia Britannica", "britannica.com"),
        ("Google Scholar", "scholar.google.com"),
        ("Internet Archive", "archive.org"),
    ] {
        assert!(SOURCE.contains(&format!("- {name} – ")));
        assert!(
            paragraphs(&page.blocks).iter().any(|p| p.starts_with(name)),
            "{name}"
        );
        assert!(
            urls.iter()
                .any(|u| u.contains(host) && u.contains("Callinicum")),
            "{host}"
        );
    }
}

#[test]
fn the_source_toc_is_not_copied_and_the_generated_one_covers_every_part() {
    let book = sample();
    let all: String = book.parts().flat_map(|c| paragraphs(&c.blocks)).collect();
    assert!(!all.contains("Table of Contents"));
    let parts: Vec<&str> = book.parts().map(|p| p.id.as_str()).collect();
    let toc: Vec<&str> = book.toc.iter().map(|e| e.chapter.as_str()).collect();
    assert_eq!(parts, toc);
    assert_eq!(toc.len(), 1 + 19 + 2);
}

#[test]
fn ids_are_unique_and_every_internal_link_lands() {
    for book in [sample(), torture()] {
        let ids: Vec<&str> = book.parts().map(|p| p.id.as_str()).collect();
        assert_eq!(
            ids.iter().collect::<BTreeSet<_>>().len(),
            ids.len(),
            "{ids:?}"
        );
        for part in book.parts() {
            let anchors = quire::passes::links::anchors(part);
            let mut count = 0;
            walk_headings(&part.blocks, &mut |_| count += 1);
            assert_eq!(
                anchors.len(),
                count + part.footnotes.len(),
                "{}: duplicate anchors",
                part.id
            );
        }
        fn check(book: &Book, toc: &[TocEntry]) {
            for entry in toc {
                let part = book.part(&entry.chapter).unwrap();
                if let Some(anchor) = &entry.anchor {
                    assert!(quire::passes::links::anchors(part).contains(anchor));
                }
                check(book, &entry.children);
            }
        }
        check(&book, &book.toc);
        for part in book.parts() {
            for (chapter, anchor) in internal_links(&part.blocks) {
                let target = book.part(&chapter).unwrap();
                if let Some(anchor) = anchor {
                    assert!(quire::passes::links::anchors(target).contains(&anchor));
                }
            }
        }
    }
}

#[test]
fn torture_manuscript_keeps_every_construct() {
    let book = torture();
    assert_eq!(
        book.metadata.title,
        "Tom & Jerry <Unabridged>: \"Quotes\" & 'Apostrophes'"
    );
    assert_eq!(book.front_matter[0].title_text(), "Preface: “Why” & <How>");
    let kinds: Vec<ChapterKind> = book.appendices.iter().map(|a| a.kind).collect();
    assert_eq!(
        kinds,
        [
            ChapterKind::Appendix,
            ChapterKind::Faq,
            ChapterKind::Resources
        ]
    );
    let first = &book.chapters[0];
    let json = serde_json::to_string(first).unwrap();
    for construct in [
        "\"heading\"",
        "\"block-quote\"",
        "\"list\"",
        "\"figure\"",
        "\"emphasis\"",
        "\"strong\"",
        "\"code\"",
        "\"hard-break\"",
        "\"footnote-ref\"",
        "\"image\"",
        "\"thematic-break\"",
    ] {
        assert!(json.contains(construct), "{construct}");
    }
    assert_eq!(list_depth(&first.blocks), 6);
    assert_eq!(first.footnotes.len(), 1);
    let second = serde_json::to_string(&book.chapters[1]).unwrap();
    assert!(second.contains("\"table\"") && second.contains("\"code-block\""));
    assert_eq!(book.images.len(), 2);
    // Three levels of headings in the ToC, as configured.
    let first_toc = &book.toc[1];
    assert_eq!(
        first_toc
            .children
            .iter()
            .find(|c| c.title == "Images")
            .unwrap()
            .children
            .len(),
        1
    );
    // Declared and cited resources are merged: one entry, citing both chapters.
    let resources = book.appendices.last().unwrap();
    let urls = external_urls(&resources.blocks);
    assert_eq!(
        urls.iter()
            .filter(|u| u.starts_with("https://example.org/search"))
            .count(),
        1
    );
    assert_eq!(urls.len(), 4, "{urls:?}");
}

fn list_depth(blocks: &[Block]) -> usize {
    blocks
        .iter()
        .map(|b| match b {
            Block::List { items, .. } => 1 + items.iter().map(|i| list_depth(i)).max().unwrap_or(0),
            Block::BlockQuote { blocks } => list_depth(blocks),
            _ => 0,
        })
        .max()
        .unwrap_or(0)
}

fn walk_headings(blocks: &[Block], f: &mut impl FnMut(&str)) {
    walk::blocks(blocks, &mut |b| {
        if let Block::Heading { id, .. } = b {
            f(id)
        }
    });
}

fn links(blocks: &[Block]) -> Vec<LinkTarget> {
    let mut out = Vec::new();
    walk::inlines(blocks, &mut |i| {
        if let Inline::Link { target, .. } = i {
            out.push(target.clone())
        }
    });
    out
}

fn external_urls(blocks: &[Block]) -> Vec<String> {
    links(blocks)
        .into_iter()
        .filter_map(|t| match t {
            LinkTarget::External { url } => Some(url),
            _ => None,
        })
        .collect()
}

fn internal_links(blocks: &[Block]) -> Vec<(String, Option<String>)> {
    links(blocks)
        .into_iter()
        .filter_map(|t| match t {
            LinkTarget::Internal { chapter, anchor } => Some((chapter, anchor)),
            _ => None,
        })
        .collect()
}
