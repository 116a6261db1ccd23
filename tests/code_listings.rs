//! Code in print (issue 10, items 1 and 5), on a fixture of our own words
//! (`tests/fixtures/code-listings/`): long Rust and shell lines folded at
//! spaces and joints with a ↪ on each continuation, a fence `title` and an
//! mdBook file-name line set as captions, listings split across pages only
//! with two rows or more on each side, and inline code in justified text.
//! Word boxes come from `pdftotext -bbox`; the EPUB must pass EPUBCheck and
//! Ace with its captioned listings.
//!
//! `the_rust_book_keeps_every_word_in_the_text_block` runs the same box
//! check on the Rust book (`QUIRE_RUST_BOOK=/path/to/book`, a checkout of
//! rust-lang/book): `cargo test --test code_listings -- --ignored`.

#[path = "common/bbox.rs"]
mod bbox;
mod common;
#[path = "common/epub_validators.rs"]
mod epub_validators;

use quire::fonts::Style;
use quire::layout::document::{GlyphRun, Item, Page};
use quire::layout::Document;
use quire::model::{walk, Block, Book};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The fixture laid out, with its PDF and EPUB written to a temporary folder.
struct Built {
    book: Book,
    document: Document,
    pdf: PathBuf,
    epub: PathBuf,
    _dir: tempfile::TempDir,
}

fn build(dir: &Path, name: &str, epub: bool) -> Built {
    let book = quire::load(dir).unwrap_or_else(|e| panic!("{e}")).book;
    let document = quire::layout::layout(&book).expect("the book lays out");
    let bytes = quire::pdf::write_document(&book, &document).expect("the PDF builds");
    let temp = tempfile::tempdir().expect("temp dir");
    let (pdf, epub_path) = (
        temp.path().join(format!("{name}.pdf")),
        temp.path().join(format!("{name}.epub")),
    );
    std::fs::write(&pdf, bytes).unwrap();
    if epub {
        std::fs::write(&epub_path, quire::epub::write(&book).expect("EPUB")).unwrap();
    }
    Built {
        book,
        document,
        pdf,
        epub: epub_path,
        _dir: temp,
    }
}

fn built() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/code-listings");
        build(&dir, "code-listings", true)
    })
}

/// A printed line of the text block: its runs, left to right.
struct Row<'a> {
    runs: Vec<&'a GlyphRun>,
}

impl Row<'_> {
    fn text(&self) -> String {
        self.runs
            .iter()
            .map(|r| r.text())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// A row of a listing: monospaced only (the ↪ mark comes from the math face).
    fn is_code(&self) -> bool {
        self.runs.iter().any(|r| r.style == Style::Mono)
            && self
                .runs
                .iter()
                .all(|r| matches!(r.style, Style::Mono | Style::Math))
    }

    fn is_continuation(&self) -> bool {
        self.runs.first().is_some_and(|r| r.text().starts_with('↪'))
    }
}

/// The page's lines inside its text block, top to bottom.
fn rows(page: &Page) -> Vec<Row<'_>> {
    let block = page.text_block;
    let mut runs: Vec<&GlyphRun> = page
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Text(run) if run.baseline > block.y && run.baseline <= block.y + block.height => {
                Some(run)
            }
            _ => None,
        })
        .collect();
    runs.sort_by(|a, b| a.baseline.total_cmp(&b.baseline).then(a.x.total_cmp(&b.x)));
    let mut rows: Vec<(f32, Row)> = Vec::new();
    for run in runs {
        match rows.last_mut() {
            // Raised marks and ↪ sit near their line's baseline.
            Some((baseline, row)) if (run.baseline - *baseline).abs() < 3.0 => row.runs.push(run),
            _ => rows.push((run.baseline, Row { runs: vec![run] })),
        }
    }
    rows.into_iter().map(|(_, row)| row).collect()
}

/// The identifiers in `text`: runs of letters, digits and `_` that do not
/// start with a digit.
fn identifiers(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| w.starts_with(|c: char| c.is_alphabetic() || c == '_'))
        .map(str::to_string)
        .collect()
}

#[test]
fn folded_lines_stay_in_the_block_marked_with_identifiers_whole() {
    if !common::require_tool("pdftotext") {
        return;
    }
    let built = built();
    let pages = bbox::pages(&built.pdf);
    let outside = bbox::outside_the_block(&built.document, &pages);
    assert!(
        outside.is_empty(),
        "words outside the text block: {outside:?}"
    );
    let words: Vec<&bbox::Word> = pages.iter().flatten().collect();
    let marks = words.iter().filter(|w| w.text == "↪").count();
    assert!(marks >= 20, "continuation marks: {marks}");
    // Every identifier of the code comes out whole.
    let printed = identifiers(
        &words
            .iter()
            .map(|w| w.text.as_str())
            .collect::<Vec<_>>()
            .join(" "),
    );
    let mut code = String::new();
    walk::blocks(&built.book.chapters[0].blocks, &mut |b| {
        if let Block::CodeBlock { code: c, .. } = b {
            code.push_str(c);
        }
    });
    let missing: Vec<String> = identifiers(&code).difference(&printed).cloned().collect();
    assert!(missing.is_empty(), "split identifiers: {missing:?}");
    // The one token too long for a row is split, as a last resort.
    assert!(
        !printed.contains("f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08cafe")
    );
}

#[test]
fn a_listing_splits_between_rows_with_two_on_each_page() {
    let pages = &built().document.pages;
    let mut splits = 0;
    for (i, pair) in pages.windows(2).enumerate() {
        let (before, after) = (rows(&pair[0]), rows(&pair[1]));
        let tail = before.iter().rev().take_while(|r| r.is_code()).count();
        let head = after.iter().take_while(|r| r.is_code()).count();
        if tail == 0 || head == 0 {
            continue;
        }
        splits += 1;
        assert!(
            tail >= 2 && head >= 2,
            "pages {}–{}: {tail} row(s) before the break, {head} after",
            i + 1,
            i + 2
        );
        assert!(
            !after[0].is_continuation(),
            "page {}: a folded line is split across pages",
            i + 2
        );
    }
    assert!(
        splits >= 1,
        "the fixture splits no listing: it tests nothing"
    );
    for (i, page) in pages.iter().enumerate() {
        if let Some(last) = rows(page).last() {
            let text = last.text();
            assert!(
                !text.trim_end().ends_with(':') && !text.starts_with("Filename:"),
                "page {}: `{text}` is stranded at the foot",
                i + 1
            );
        }
    }
}

#[test]
fn a_line_a_little_too_long_is_set_smaller_not_folded() {
    let line = "let pruned_this_week = ledger.rows_pruned_between(monday, sunday);";
    // The row's runs (highlighting colours its tokens in runs of their own).
    let document = &built().document;
    let rows: Vec<Vec<&GlyphRun>> = document
        .pages
        .iter()
        .filter_map(|page| {
            let runs = |baseline: Option<f32>| {
                page.items.iter().filter_map(move |item| match item {
                    Item::Text(run) if baseline.is_none_or(|b| (run.baseline - b).abs() < 0.01) => {
                        Some(run)
                    }
                    _ => None,
                })
            };
            let found = runs(None).find(|run| run.text().contains("pruned_this_week"))?;
            let mut row: Vec<&GlyphRun> = runs(Some(found.baseline))
                .filter(|run| run.style == found.style)
                .collect();
            row.sort_by(|a, b| a.x.total_cmp(&b.x));
            Some(row)
        })
        .collect();
    assert_eq!(rows.len(), 1, "{rows:?}");
    let text: String = rows[0].iter().map(|run| run.text()).collect();
    assert_eq!(text, line, "one row, whole");
    // The code size is 0.82 of the text's 10.5 pt; at least 85 % of it.
    let code = 10.5 * 0.82;
    for run in &rows[0] {
        assert!(run.size < code && run.size >= code * 0.85, "{}", run.size);
    }
}

#[test]
fn captions_stand_in_italics_right_above_their_code() {
    let built = built();
    let captions: Vec<String> = {
        let mut out = Vec::new();
        walk::blocks(&built.book.chapters[0].blocks, &mut |b| {
            if let Block::CodeBlock { caption, .. } = b {
                out.push(quire::model::plain_text(caption));
            }
        });
        out.into_iter().filter(|c| !c.is_empty()).collect()
    };
    assert_eq!(captions, ["src/orchard.rs", "Filename: src/report.rs"]);
    for caption in &captions {
        let found = built.document.pages.iter().any(|page| {
            let rows = rows(page);
            rows.windows(2).any(|pair| {
                pair[0].text() == *caption
                    && pair[0].runs.iter().all(|r| r.style == Style::Italic)
                    && pair[1].is_code()
            })
        });
        assert!(found, "`{caption}` is not set as a caption above its code");
    }
}

#[test]
fn inline_code_keeps_its_spaces_in_justified_lines() {
    let built = built();
    let mut checked = 0;
    for page in &built.document.pages {
        for row in rows(page).iter().filter(|r| !r.is_code()) {
            for run in row.runs.iter().filter(|r| r.style == Style::Mono) {
                for pair in run.glyphs.windows(2) {
                    let gap = pair[1].x - pair[0].x;
                    assert!(
                        (gap - pair[0].advance).abs() < 0.01,
                        "`{}`: a glyph {gap} from the last, not {}",
                        run.text(),
                        pair[0].advance
                    );
                }
                checked += run.text().matches(' ').count();
            }
        }
    }
    assert!(
        checked >= 10,
        "only {checked} spaces in inline code checked"
    );
}

#[test]
fn captioned_listings_pass_epubcheck_and_ace() {
    let built = built();
    let xhtml = epub_validators::part_xhtml(&std::fs::read(&built.epub).unwrap(), "listings");
    assert!(
        xhtml.contains("<figure class=\"listing\">\n<figcaption>src/orchard.rs</figcaption>\n<pre><code class=\"language-rust\">"),
        "{xhtml}"
    );
    assert!(xhtml.contains("<figcaption>Filename: src/report.rs</figcaption>"));
    assert!(
        !xhtml.contains("class=\"filename\""),
        "the span became the caption"
    );
    epub_validators::epubcheck(&built.epub);
    epub_validators::ace(&built.epub);
}

#[test]
#[ignore = "needs the Rust book: QUIRE_RUST_BOOK=/path/to/rust-lang/book"]
fn the_rust_book_keeps_every_word_in_the_text_block() {
    let dir = std::env::var_os("QUIRE_RUST_BOOK").map(PathBuf::from);
    let found = dir.as_ref().is_some_and(|d| d.join("book.toml").is_file());
    if !common::require("the Rust book (QUIRE_RUST_BOOK)", found)
        || !common::require_tool("pdftotext")
    {
        return;
    }
    let built = build(&dir.unwrap(), "rust-book", false);
    common::qpdf_check(&built.pdf);
    let pages = bbox::pages(&built.pdf);
    let outside = bbox::outside_the_block(&built.document, &pages);
    assert!(
        outside.is_empty(),
        "words outside the text block: {outside:?}"
    );
}
