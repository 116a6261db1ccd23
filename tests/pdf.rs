//! The PDF back end on real books, checked the way a printer and a reader
//! would: qpdf, pdffonts, pdftotext, pdfinfo, and the layout data itself.
//!
//! The poppler tools and qpdf must be installed (`scripts/test` installs
//! them): a test whose tool is absent fails, unless the run opts out with
//! `QUIRE_SKIP_MISSING_TOOLS=1` (ignored under `CI`); then it prints
//! `SKIPPED:` and why (`tests/common/mod.rs`).

mod common;
#[path = "common/words.rs"]
mod words;
use words::words;

use quire::layout::document::{Item, PageRole};
use quire::layout::Document;
use quire::model::{walk, Book, Inline};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

fn sample() -> &'static (Book, Document, PathBuf) {
    static BUILT: OnceLock<(Book, Document, PathBuf)> = OnceLock::new();
    BUILT.get_or_init(|| build(Path::new("manuscript"), "sample"))
}

fn build(manuscript: &Path, name: &str) -> (Book, Document, PathBuf) {
    let book = quire::load(manuscript)
        .unwrap_or_else(|e| panic!("{e}"))
        .book;
    let document = quire::layout::layout(&book).unwrap_or_else(|e| panic!("{e}"));
    let bytes = quire::pdf::write_document(&book, &document).unwrap_or_else(|e| panic!("{e}"));
    let path = common::written_for_tools("pdf", &format!("{name}.pdf"), &bytes);
    (book, document, path)
}

/// Runs a poppler/qpdf tool: its success and its output; `None` when it is
/// missing and the run opted out (see `common::require_tool`).
fn run(tool: &str, args: &[&str]) -> Option<(bool, String)> {
    if !common::require_tool(tool) {
        return None;
    }
    let out = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("`{tool}` does not start: {e}"));
    Some((
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    ))
}

/// Text of one page, or from a page to the end (1-based).
fn pdftotext_from(path: &Path, first: usize, last: Option<usize>) -> Option<String> {
    let p = path.to_string_lossy();
    let f = first.to_string();
    let l = last.map(|n| n.to_string()).unwrap_or_default();
    let mut args: Vec<&str> = vec!["-f", &f];
    if last.is_some() {
        args.extend(["-l", l.as_str()]);
    }
    args.extend([p.as_ref(), "-"]);
    run("pdftotext", &args).map(|(ok, out)| {
        assert!(ok, "pdftotext failed: {out}");
        out
    })
}

fn pdftotext(path: &Path, page: Option<usize>) -> Option<String> {
    match page {
        Some(n) => pdftotext_from(path, n, Some(n)),
        None => pdftotext_from(path, 1, None),
    }
}

/// Every word of the book's text, in reading order (footnotes excluded:
/// they move to the page foot).
fn book_words(book: &Book) -> Vec<String> {
    let mut text = String::new();
    for part in book.parts() {
        text.push_str(&part.title_text());
        text.push('\n');
        walk::blocks(&part.blocks, &mut |block| {
            let mut content = Vec::new();
            match block {
                quire::model::Block::Heading { content: c, .. }
                | quire::model::Block::Paragraph { content: c } => {
                    content.extend(c.iter().cloned())
                }
                quire::model::Block::CodeBlock { code, .. } => text.push_str(code),
                _ => {}
            }
            walk::inline_tree(&content, &mut |inline| match inline {
                Inline::Text { text: t } => text.push_str(t),
                Inline::Code { code } => text.push_str(code),
                Inline::HardBreak => text.push(' '),
                _ => {}
            });
            text.push('\n');
        });
    }
    words(&text)
}

#[test]
fn qpdf_finds_no_errors() {
    let (_, _, path) = sample();
    let Some((ok, out)) = run("qpdf", &["--check", &path.to_string_lossy()]) else {
        return;
    };
    assert!(ok, "{out}");
    assert!(out.contains("No syntax or stream encoding errors"), "{out}");
}

#[test]
fn every_font_is_embedded_and_subset_with_a_unicode_map() {
    let (_, _, path) = sample();
    let Some((ok, out)) = run("pdffonts", &[&path.to_string_lossy()]) else {
        return;
    };
    assert!(ok, "{out}");
    let rows: Vec<&str> = out.lines().skip(2).collect();
    assert!(rows.len() >= 3, "{out}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        assert!(cols[0].contains('+'), "not subset: {row}");
        assert_eq!(
            &cols[cols.len() - 5..cols.len() - 2],
            &["yes", "yes", "yes"],
            "{row}"
        );
    }
}

#[test]
fn document_information_has_title_author_and_the_manuscript_date() {
    let (book, _, path) = sample();
    let Some((ok, out)) = run("pdfinfo", &["-isodates", &path.to_string_lossy()]) else {
        return;
    };
    assert!(ok, "{out}");
    assert!(
        out.contains(&format!("Title:           {}", book.metadata.title)),
        "{out}"
    );
    assert!(out.contains("Author:          Anonymous"), "{out}");
    assert!(out.contains("Metadata Stream: yes"), "{out}");
    assert!(out.contains("Page size:       432 x 648 pts"), "{out}");
}

#[test]
fn text_extraction_gives_back_every_word_in_order() {
    let (book, document, path) = sample();
    // From the first part on: the contents list repeats the titles.
    let first = book.parts().next().expect("a part");
    let start = document
        .destinations
        .iter()
        .find(|d| d.name == first.id)
        .expect("destination")
        .page;
    let Some(text) = pdftotext_from(path, start + 1, None) else {
        return;
    };
    let extracted = words(&text);
    let expected = book_words(book);
    assert!(expected.len() > 8000, "{} words", expected.len());
    let mut at = 0;
    let key = |w: &str| {
        w.chars()
            .filter(|c| c.is_alphanumeric())
            .collect::<String>()
    };
    for (n, word) in expected.iter().enumerate() {
        let word_key = key(word);
        let found = (at..(at + 80).min(extracted.len())).find_map(|i| {
            // A URL broken over lines extracts as several tokens.
            let mut joined = String::new();
            for (k, token) in extracted[i..].iter().enumerate().take(6) {
                joined.push_str(&key(token));
                if joined == word_key {
                    return Some(i + k + 1);
                }
                if !word_key.starts_with(joined.as_str()) {
                    break;
                }
            }
            None
        });
        match found {
            Some(next) => at = next,
            None => panic!(
                "word {n} `{word}` not found after …{}…",
                extracted[at.saturating_sub(8)..(at + 8).min(extracted.len())].join(" ")
            ),
        }
    }
}

#[test]
fn no_ligature_or_hyphenation_leaves_marks_in_extracted_text() {
    let (_, _, path) = sample();
    let Some(text) = pdftotext(path, None) else {
        return;
    };
    for bad in ['\u{fb01}', '\u{fb02}', '\u{fb00}', '\u{fffd}', '\u{ad}'] {
        assert!(!text.contains(bad), "extracted text contains {bad:?}");
    }
    // A hyphen that ends a line is a hyphenation: poppler joins the word.
    let dangling: Vec<&str> = text.lines().filter(|l| l.ends_with('-')).collect();
    assert!(dangling.is_empty(), "{dangling:?}");
}

#[test]
fn the_outline_has_an_entry_per_part_and_nests_headings() {
    let (book, _, path) = sample();
    let pdf = lopdf::Document::load(path).expect("lopdf reads it");
    let catalog = pdf.catalog().expect("catalog");
    let outlines = catalog
        .get(b"Outlines")
        .and_then(|o| o.as_reference())
        .expect("outline");
    let root = pdf.get_dictionary(outlines).expect("outline root");
    let mut titles = Vec::new();
    let mut nested = 0;
    let mut next = root.get(b"First").and_then(|o| o.as_reference()).ok();
    while let Some(id) = next {
        let item = pdf.get_dictionary(id).expect("outline item");
        let title = item.get(b"Title").and_then(|t| t.as_str()).expect("title");
        titles.push(
            lopdf::decode_text_string(&lopdf::Object::String(
                title.to_vec(),
                lopdf::StringFormat::Literal,
            ))
            .unwrap_or_default(),
        );
        if item.has(b"First") {
            nested += 1;
        }
        next = item.get(b"Next").and_then(|o| o.as_reference()).ok();
    }
    let parts: Vec<String> = book.parts().map(|p| p.title_text()).collect();
    assert_eq!(titles, parts);
    assert!(nested >= 1, "headings nest under their part");
}

#[test]
fn contents_page_numbers_are_the_pages_where_the_titles_are() {
    let (book, document, path) = sample();
    let contents: Vec<usize> = document
        .pages
        .iter()
        .enumerate()
        .filter(|(i, p)| {
            p.role == PageRole::Contents
                || (p.role == PageRole::Opening && *i < 8 && p.items.len() > 10)
        })
        .map(|(i, _)| i + 1)
        .collect();
    assert!(!contents.is_empty());
    let mut toc = String::new();
    for page in &contents {
        let p = path.to_string_lossy();
        let n = page.to_string();
        let Some((ok, text)) = run("pdftotext", &["-layout", "-f", &n, "-l", &n, &p, "-"]) else {
            return;
        };
        assert!(ok);
        toc.push_str(&text);
        toc.push('\n');
    }
    let toc = toc.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut from = 0;
    for part in book.parts() {
        let title = part
            .title_text()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let at = toc[from..]
            .find(&title)
            .unwrap_or_else(|| panic!("`{title}` is not in the contents: {toc}"))
            + from;
        let rest = toc[at + title.len()..].trim_start_matches([' ', '.']);
        let number: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        from = at + title.len();
        let page = document
            .pages
            .iter()
            .position(|p| p.label == number && p.role == PageRole::Opening)
            .unwrap_or_else(|| panic!("`{title}`: no opening page labelled {number}"));
        let Some(text) = pdftotext(path, Some(page + 1)) else {
            return;
        };
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            text.contains(&title),
            "`{title}` is not on page {number} (pdf page {}): {text:.200}",
            page + 1
        );
    }
}

#[test]
fn no_text_leaves_the_text_block() {
    let (_, document, _) = sample();
    for (n, page) in document.pages.iter().enumerate() {
        let b = page.text_block;
        for item in &page.items {
            let Item::Text(run) = item else { continue };
            assert!(
                run.x >= b.x - 0.01 && run.end() <= b.x + b.width + 0.01,
                "page {}: `{}` runs from {} to {}, the block from {} to {}",
                n + 1,
                run.text(),
                run.x,
                run.end(),
                b.x,
                b.x + b.width
            );
            let in_block = run.baseline >= b.y && run.baseline <= b.y + b.height;
            let furniture = (run.baseline - (b.y - 20.25)).abs() < 0.01
                || (run.baseline - (b.y + b.height + 20.25)).abs() < 0.01;
            assert!(
                in_block || furniture,
                "page {}: `{}` at baseline {}",
                n + 1,
                run.text(),
                run.baseline
            );
        }
    }
}

#[test]
fn no_widows_or_orphans() {
    let (_, document, _) = sample();
    for (n, page) in document.pages.iter().enumerate() {
        if let Some(first) = page.lines.first() {
            assert!(
                !(first.count > 1 && first.index + 1 == first.count),
                "widow at the top of page {}",
                n + 1
            );
        }
        if let Some(last) = page.lines.last() {
            assert!(
                !(last.count > 1 && last.index == 0),
                "orphan at the foot of page {}",
                n + 1
            );
        }
    }
}

#[test]
fn chapters_open_on_rectos_with_roman_front_matter_and_arabic_body() {
    let (book, document, _) = sample();
    let openings: Vec<usize> = document
        .pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.role == PageRole::Opening)
        .map(|(i, _)| i)
        .collect();
    assert_eq!(
        openings.len(),
        book.parts().count() + 1,
        "one opening per part plus the contents"
    );
    assert!(openings.iter().all(|i| i % 2 == 0), "{openings:?}");
    assert_eq!(document.pages[0].role, PageRole::HalfTitle);
    assert_eq!(document.pages[2].role, PageRole::Title);
    assert_eq!(document.pages[3].role, PageRole::Copyright);
    let first_chapter = document
        .destinations
        .iter()
        .find(|d| d.name == book.chapters[0].id)
        .expect("chapter 1");
    assert_eq!(document.pages[first_chapter.page].label, "1");
    assert_eq!(
        document.pages[first_chapter.page - 1].label,
        quire::layout::document::roman(first_chapter.page)
    );
}

#[test]
fn other_trim_sizes_keep_text_in_the_block_with_mirrored_margins() {
    let (book, _, _) = sample();
    for (width, height) in [(419.53, 595.28), (612.0, 792.0), (360.0, 576.0)] {
        let mut book = book.clone();
        book.settings.trim = quire::model::PageSize { width, height };
        let document = quire::layout::layout(&book).expect("layout");
        let (recto, verso) = (document.pages[0].text_block, document.pages[1].text_block);
        assert!(recto.x < verso.x, "the inner margin is the narrower one");
        assert!(
            (recto.x + recto.width + verso.x - width).abs() < 0.01,
            "mirrored"
        );
        for page in &document.pages {
            assert_eq!((page.width, page.height), (width, height));
            let b = page.text_block;
            for item in &page.items {
                if let Item::Text(run) = item {
                    assert!(
                        run.x >= b.x - 0.01 && run.end() <= b.x + b.width + 0.01,
                        "{width}x{height}: `{}`",
                        run.text()
                    );
                    assert!(run.baseline > 0.0 && run.baseline < height);
                }
            }
        }
    }
}

#[test]
fn the_same_book_gives_the_same_bytes() {
    let (book, _, _) = sample();
    let a = quire::pdf::write(book).expect("pdf");
    let b = quire::pdf::write(book).expect("pdf");
    assert!(a == b, "two builds differ");
}

/// Every link annotation: (is internal, destination name or URL).
fn links(pdf: &lopdf::Document) -> Vec<(bool, String)> {
    let mut out = Vec::new();
    for page in pdf.get_pages().values() {
        let Ok(page) = pdf.get_dictionary(*page) else {
            continue;
        };
        let Ok(annots) = page.get(b"Annots").and_then(|a| a.as_array()) else {
            continue;
        };
        for annot in annots {
            let Ok(annot) = annot.as_reference().and_then(|id| pdf.get_dictionary(id)) else {
                continue;
            };
            assert_eq!(
                annot
                    .get(b"Border")
                    .and_then(|b| b.as_array())
                    .map(Vec::len)
                    .ok(),
                Some(3)
            );
            let action = annot.get(b"A").and_then(|a| a.as_dict()).expect("action");
            let kind = action
                .get(b"S")
                .and_then(|s| s.as_name())
                .expect("action type");
            let target = if kind == b"GoTo" {
                action.get(b"D")
            } else {
                action.get(b"URI")
            };
            let target = target.and_then(|t| t.as_str()).expect("target");
            out.push((
                kind == b"GoTo",
                String::from_utf8_lossy(target).into_owned(),
            ));
        }
    }
    out
}

/// The names of the document's named destinations.
fn destination_names(pdf: &lopdf::Document) -> Vec<String> {
    let catalog = pdf.catalog().expect("catalog");
    let names = catalog
        .get(b"Names")
        .and_then(|n| n.as_dict())
        .expect("names");
    let dests = names
        .get(b"Dests")
        .and_then(|d| d.as_reference())
        .expect("dests");
    let tree = pdf.get_dictionary(dests).expect("dests tree");
    let list = tree
        .get(b"Names")
        .and_then(|n| n.as_array())
        .expect("names array");
    list.iter()
        .step_by(2)
        .filter_map(|n| n.as_str().ok())
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .collect()
}

#[test]
fn contents_entries_and_internal_links_lead_to_named_destinations() {
    let (book, _, path) = sample();
    let pdf = lopdf::Document::load(path).expect("lopdf reads it");
    let names = destination_names(&pdf);
    let links = links(&pdf);
    let internal: Vec<&String> = links.iter().filter(|(i, _)| *i).map(|(_, d)| d).collect();
    for part in book.parts() {
        assert!(
            internal.contains(&&part.id),
            "no contents link to `{}`",
            part.id
        );
    }
    for target in internal {
        assert!(
            names.contains(target),
            "link to missing destination `{target}`"
        );
    }
    let external: Vec<&String> = links.iter().filter(|(i, _)| !*i).map(|(_, u)| u).collect();
    assert!(
        external
            .iter()
            .any(|u| u.starts_with("https://www.britannica.com/")),
        "{external:?}"
    );
}

#[test]
fn the_torture_manuscript_builds_into_a_valid_pdf() {
    let (_, document, path) = build(Path::new("tests/fixtures/torture"), "torture");
    assert!(document.pages.len() > 6);
    assert!(document
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .any(|i| matches!(i, Item::Image { .. })));
    let Some((ok, out)) = run("qpdf", &["--check", &path.to_string_lossy()]) else {
        return;
    };
    assert!(ok, "{out}");
    let Some(text) = pdftotext(&path, None) else {
        return;
    };
    assert!(
        text.contains('&') && text.contains('<'),
        "special characters survive"
    );
}

#[test]
fn the_copyright_page_prints_the_generated_imprint() {
    let (book, document, path) = sample();
    assert_eq!(document.pages[3].role, PageRole::Copyright);
    let Some(text) = pdftotext(path, Some(4)) else {
        return;
    };
    let printed = words(&text).join(" ");
    for paragraph in &book.matter.imprint {
        let line: String = paragraph.iter().map(|s| s.text.as_str()).collect();
        let expected = words(&line).join(" ");
        assert!(
            printed.contains(&expected),
            "`{expected}` not in `{printed}`"
        );
    }
    assert!(
        !printed.contains("noto sans mono"),
        "the sample sets no code: the colophon names only the faces used"
    );
}
