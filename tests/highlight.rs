//! Syntax highlighting in both books, on `tests/fixtures/code` (our own
//! listings in Rust, TOML and Python, and one in a notation quire does not
//! know): classed spans and their CSS in the EPUB, colour runs in the PDF
//! with the text unchanged, and the validators clean.
//!
//! EPUBCheck, Ace, qpdf and pdftotext must be installed (see
//! `tests/common/mod.rs`).

mod common;
#[path = "common/epub_validators.rs"]
mod epub_validators;

use epub_validators::{ace, entry_text, epubcheck};
use quire::model::{walk, Block, Book};
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

fn book() -> Book {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/code");
    let loaded = quire::load(&dir).unwrap_or_else(|e| panic!("the code book loads: {e}"));
    // The one listing in an unknown notation is named once, at its fence.
    let warnings: Vec<String> = loaded.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert!(
        warnings[0].contains("01-listings.md:52: code in `tally` is set plain"),
        "{warnings:#?}"
    );
    loaded.book
}

/// The class names of the `<span class="hl-…">` elements of `xhtml`.
fn classes(xhtml: &str) -> BTreeSet<String> {
    xhtml
        .split("<span class=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|class| class.starts_with("hl-"))
        .map(str::to_string)
        .collect()
}

#[test]
fn epub_listings_have_classed_spans_styled_by_the_stylesheet() {
    let book = book();
    let bytes = quire::epub::write(&book).expect("the EPUB builds");
    assert!(bytes == quire::epub::write(&book).unwrap(), "deterministic");
    let chapter = entry_text(&bytes, "EPUB/listings.xhtml");
    let css = entry_text(&bytes, "EPUB/css/book.css");
    // Every listing but the unknown one has spans; the text is whole.
    let listings: Vec<&str> = chapter.split("<pre>").skip(1).collect();
    assert_eq!(listings.len(), 4);
    for listing in &listings[..3] {
        assert!(listing.contains("<span class=\"hl-"), "{listing}");
    }
    assert!(!listings[3].contains("<span"), "{}", listings[3]);
    assert!(
        chapter
            .contains("<span class=\"hl-5c6370-i\">// Count the lines that are not blank.</span>"),
        "{chapter}"
    );
    let used = classes(&chapter);
    assert!(used.len() >= 4, "{used:?}");
    for class in &used {
        assert!(
            css.contains(&format!("code .{class} {{ color: #")),
            "{class} in {css}"
        );
    }
    // No rule for a look the book does not use.
    assert_eq!(css.matches("code .hl-").count(), used.len(), "{css}");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("code.epub");
    std::fs::write(&path, &bytes).expect("write");
    epubcheck(&path);
    ace(&path);
}

/// The fill colours (`r g b rg`) set in the page contents of `pdf`.
fn fill_colours(pdf: &[u8]) -> BTreeSet<String> {
    let document = lopdf::Document::load_mem(pdf).expect("lopdf reads it");
    let mut colours = BTreeSet::new();
    for (_, page) in document.get_pages() {
        let content = document.get_page_content(page);
        let text = String::from_utf8_lossy(&content);
        for line in text.lines().filter(|l| l.ends_with(" rg")) {
            colours.insert(line.to_string());
        }
    }
    colours
}

fn pdftotext(pdf: &[u8], dir: &Path, name: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, pdf).expect("write");
    common::qpdf_check(&path);
    let out = Command::new("pdftotext")
        .args(["-layout"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(out.status.success());
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn pdf_listings_are_set_in_colour_runs_with_the_text_unchanged() {
    let book = book();
    let bytes = quire::pdf::write(&book).expect("the PDF builds");
    assert!(bytes == quire::pdf::write(&book).unwrap(), "deterministic");
    let colours = fill_colours(&bytes);
    // Black and at least keyword, string and comment colours.
    assert!(colours.len() >= 4, "{colours:?}");
    assert!(colours.contains("0 0 0 rg"), "{colours:?}");

    let mut plain = book.clone();
    for part in plain.chapters.iter_mut() {
        walk::blocks_mut(&mut part.blocks, &mut |block| {
            if let Block::CodeBlock { highlight, .. } = block {
                highlight.clear();
            }
        });
    }
    let plain_bytes = quire::pdf::write(&plain).expect("the plain PDF builds");
    assert!(fill_colours(&plain_bytes).is_empty());
    if !common::require_tool("pdftotext") || !common::require_tool("qpdf") {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let coloured = pdftotext(&bytes, dir.path(), "code.pdf");
    assert_eq!(coloured, pdftotext(&plain_bytes, dir.path(), "plain.pdf"));
    assert!(
        coloured.contains("fn count(text: &str) -> usize {"),
        "{coloured}"
    );
}
