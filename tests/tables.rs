//! Tables and images in running text, in the PDF: a long table that runs
//! over pages with its header repeated, identifiers in narrow columns never
//! broken, a wide table set smaller, a wider one turned to landscape, a
//! heading before a table never left at a page foot, and images drawn in
//! the line. The manuscript is `tests/fixtures/tables`, our own words.
//!
//! qpdf and pdftotext must be installed (see `tests/common/mod.rs`); the
//! EPUB of the same book goes through EPUBCheck and Ace.

mod common;
#[path = "common/epub_validators.rs"]
mod epub_validators;

use quire::fonts::Style;
use quire::layout::document::{Document, GlyphRun, Item, Page};
use std::path::{Path, PathBuf};
use std::process::Command;

fn book_at(dir: &Path) -> quire::model::Book {
    let loaded = quire::load(dir).unwrap_or_else(|e| panic!("the book loads: {e}"));
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    loaded.book
}

fn fixture() -> quire::model::Book {
    book_at(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tables"))
}

/// Lays the book out and writes its PDF; checks it with qpdf.
fn pdf(book: &quire::model::Book) -> (tempfile::TempDir, PathBuf, Document) {
    let document = quire::layout::layout(book).expect("layout");
    let bytes = quire::pdf::write_document(book, &document).expect("the PDF builds");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("book.pdf");
    std::fs::write(&path, bytes).expect("write");
    common::qpdf_check(&path);
    (dir, path, document)
}

/// The text of each page, by `pdftotext -layout`.
fn page_texts(path: &Path) -> Option<Vec<String>> {
    if !common::require_tool("pdftotext") {
        return None;
    }
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    Some(text.split('\u{c}').map(str::to_string).collect())
}

fn runs(items: &[Item]) -> impl Iterator<Item = &GlyphRun> {
    items.iter().filter_map(|i| match i {
        Item::Text(run) => Some(run),
        _ => None,
    })
}

/// The text runs of a page inside its text block (not heads or folios),
/// top to bottom.
fn body_runs(page: &Page) -> Vec<&GlyphRun> {
    let block = page.text_block;
    let mut runs: Vec<&GlyphRun> = runs(&page.items)
        .filter(|r| r.baseline > block.y && r.baseline <= block.y + block.height + 1.0)
        .collect();
    runs.sort_by(|a, b| a.baseline.total_cmp(&b.baseline));
    runs
}

#[test]
fn a_long_table_repeats_its_header_on_every_page_it_runs_onto() {
    let (_dir, path, document) = pdf(&fixture());
    let Some(pages) = page_texts(&path) else {
        return;
    };
    // Only the long table's rows name these stores.
    let places = ["the north granary", "the river gate", "the long shed"];
    let table_pages: Vec<&String> = pages
        .iter()
        .filter(|p| places.iter().any(|place| p.contains(place)))
        .collect();
    assert!(table_pages.len() >= 2, "the table runs over pages");
    for page in &table_pages {
        let lines: Vec<&str> = page.lines().collect();
        let header = lines
            .iter()
            .position(|l| l.contains("Store") && l.contains("Quantity") && l.contains("Where kept"))
            .unwrap_or_else(|| panic!("no header on the page:\n{page}"));
        let first_row = lines
            .iter()
            .position(|l| places.iter().any(|place| l.contains(place)))
            .expect("a row");
        assert!(header < first_row, "the header is above the rows:\n{page}");
    }
    let all = pages.concat();
    assert_eq!(
        all.matches("Where kept").count(),
        table_pages.len(),
        "one header per page of the table"
    );
    // The repeated header is drawn, not linked or anchored twice.
    let names: Vec<&str> = document
        .destinations
        .iter()
        .map(|d| d.name.as_str())
        .collect();
    let mut unique = names.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), names.len(), "no destination set twice");
}

#[test]
fn identifiers_in_narrow_columns_are_never_broken() {
    let (_dir, path, document) = pdf(&fixture());
    // Nothing of the tables leaves the text block.
    for page in &document.pages {
        let block = page.text_block;
        for run in body_runs(page) {
            assert!(
                run.x >= block.x - 0.01 && run.end() <= block.x + block.width + 0.01,
                "{:?} leaves the block on page {}",
                run.text(),
                page.label
            );
        }
    }
    let Some(pages) = page_texts(&path) else {
        return;
    };
    let all = pages.concat();
    for identifier in [
        "BitAndAssign",
        "bitand_assign",
        "ShlAssign",
        "shl_assign",
        "PartialOrd",
        "partial_cmp",
        "DerefMut",
        "deref_mut",
        "configuration_builder",
        "parseConfiguration",
    ] {
        assert_eq!(all.matches(identifier).count(), 1, "{identifier} whole");
    }
}

#[test]
fn a_wide_table_is_set_smaller_and_a_wider_one_turned() {
    let (_dir, path, document) = pdf(&fixture());
    let find = |text: &str| {
        document
            .pages
            .iter()
            .flat_map(|p| runs(&p.items))
            .find(|r| r.text().contains(text))
            .unwrap_or_else(|| panic!("{text} is set upright"))
    };
    // The identifiers' table is at a table's usual size; the pay register
    // (seven columns) smaller, but not below three quarters of it.
    let usual = find("the hoist").size;
    let shrunk = find("Anastasius").size;
    assert!(
        shrunk < usual && shrunk >= usual * 0.75 - 0.01,
        "{shrunk} vs {usual}"
    );

    // The muster roll (thirteen columns) is turned, on a page of its own.
    let turned: Vec<&Page> = document
        .pages
        .iter()
        .filter(|p| !p.turned.is_empty())
        .collect();
    assert_eq!(turned.len(), 1);
    let page = turned[0];
    let text: String = runs(&page.turned).map(GlyphRun::text).collect();
    for word in ["Company", "Januarius", "December", "slingers", "sixty-one"] {
        assert!(text.contains(word), "{word} in {text}");
    }
    assert!(body_runs(page).is_empty(), "no upright text beside it");
    // Inside the turned block: the block's height wide, its width high.
    let block = page.text_block;
    for run in runs(&page.turned) {
        assert!(
            run.x >= -0.01 && run.end() <= block.height + 0.01,
            "{run:?}"
        );
        assert!(run.baseline > 0.0 && run.baseline <= block.width, "{run:?}");
    }
    // Set upright, thirteen columns would have to go below the limit.
    assert!(
        runs(&page.turned).all(|r| r.size >= usual * 0.75 - 0.01),
        "turned, not shrunk further"
    );
    let Some(pages) = page_texts(&path) else {
        return;
    };
    let index = document
        .pages
        .iter()
        .position(|p| std::ptr::eq(p, page))
        .expect("the page");
    assert!(pages[index].contains("Februarius"), "{}", pages[index]);
    // Drawn under a quarter turn.
    let qdf = Command::new("qpdf")
        .args(["--qdf", "--object-streams=disable"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("qpdf runs");
    let qdf = String::from_utf8_lossy(&qdf.stdout);
    assert_eq!(qdf.matches(" 0 1 -1 0 ").count(), 1);
}

#[test]
fn images_in_running_text_stand_on_the_baseline_and_figures_keep_their_captions() {
    let book = fixture();
    let size = quire::layout::geometry::Geometry::new(book.settings.trim).size;
    let (_dir, path, document) = pdf(&book);
    let mut inline = 0;
    for page in &document.pages {
        for item in &page.items {
            let Item::Image { rect, key, .. } = item else {
                continue;
            };
            assert_eq!(key, "images/seal.png");
            if rect.height > size {
                // The figure: its caption on the same page.
                let text: String = runs(&page.items).map(GlyphRun::text).collect();
                assert!(text.contains("pressed into the wax"), "{text}");
                continue;
            }
            inline += 1;
            // At text height, its foot on the baseline of a line of text,
            // between its words, inside the measure.
            assert!(rect.height <= size * 0.75 + 0.01, "{rect:?}");
            let line: Vec<&GlyphRun> = runs(&page.items)
                .filter(|r| (r.baseline - (rect.y + rect.height)).abs() < 0.01)
                .collect();
            let glyphs: Vec<(f32, f32)> = line
                .iter()
                .flat_map(|r| r.glyphs.iter().map(|g| (r.x + g.x, r.x + g.x + g.advance)))
                .collect();
            assert!(
                glyphs.iter().any(|(_, end)| *end <= rect.x + 0.01)
                    && glyphs.iter().any(|(x, _)| *x >= rect.x + rect.width - 0.01),
                "text on both sides of {rect:?}"
            );
            assert!(
                glyphs
                    .iter()
                    .all(|(x, end)| *end <= rect.x + 0.01 || *x >= rect.x + rect.width - 0.01),
                "no glyph over {rect:?}"
            );
            let block = page.text_block;
            assert!(rect.x >= block.x && rect.x + rect.width <= block.x + block.width);
        }
    }
    assert_eq!(inline, 2);
    let Some(pages) = page_texts(&path) else {
        return;
    };
    let all = pages.concat();
    assert!(all.contains("quartermaster’s seal") || all.contains("quartermaster's seal"));
    assert!(
        !all.contains("[the small seal]") && !all.contains("[the quartermaster"),
        "the images are drawn, not their descriptions"
    );
}

#[test]
fn a_heading_before_a_table_is_never_left_at_the_foot_of_a_page() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("book.toml"),
        "title = \"Headed Tables\"\nauthors = [\"Quire Tests\"]\nlanguage = \"en\"\n\
         identifier = \"urn:uuid:0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9\"\ndate = \"2026-11-27\"\n",
    )
    .expect("book.toml");
    // Sections whose text grows a line at a time, so that some heading
    // falls on every line of a page in turn.
    let mut text = String::from("# Headed Tables\n\n");
    let sentence =
        "The scribe ruled another table into the ledger and wrote its heading above it. ";
    for k in 0..30 {
        text.push_str(&sentence.repeat(1 + (k * 5) % 9));
        text.push_str(&format!(
            "\n\n## Section {k}\n\n| Store | Count |\n|---|---|\n| barley | {k} |\n| salt | 2 |\n| rope | 3 |\n\n"
        ));
    }
    std::fs::write(dir.path().join("01-tables.md"), text).expect("chapter");
    let book = book_at(dir.path());
    let (_dir, _path, document) = pdf(&book);
    for page in &document.pages {
        let body = body_runs(page);
        let Some(last) = body.last() else { continue };
        let heading = |r: &GlyphRun| r.style == Style::Bold && r.text().starts_with("Section");
        assert!(!heading(last), "{} ends page {}", last.text(), page.label);
        // Each heading has its table's header below it on its page.
        for (i, run) in body.iter().enumerate() {
            if heading(run) {
                assert!(
                    body[i..].iter().any(|r| r.text().contains("Store")),
                    "{} is parted from its table on page {}",
                    run.text(),
                    page.label
                );
            }
        }
    }
}

#[test]
fn a_row_taller_than_a_page_splits_between_its_lines_under_its_header() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("book.toml"),
        "title = \"A Tall Row\"\nauthors = [\"Quire Tests\"]\nlanguage = \"en\"\n\
         identifier = \"urn:uuid:1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d\"\ndate = \"2026-11-27\"\n",
    )
    .expect("book.toml");
    let long = "The clerk entered every sack by hand. ".repeat(150);
    std::fs::write(
        dir.path().join("01-tall.md"),
        format!(
            "# A Tall Row\n\n| Entry | Account |\n|---|---|\n| one | {long} |\n| two | short |\n"
        ),
    )
    .expect("chapter");
    let (_dir, _path, document) = pdf(&book_at(dir.path()));
    let mut pages_with_row = 0;
    for page in &document.pages {
        let body = body_runs(page);
        let block = page.text_block;
        for run in runs(&page.items).filter(|r| r.text().contains("clerk")) {
            assert!(
                run.baseline <= block.y + block.height + 0.01,
                "{} below the block on page {}",
                run.text(),
                page.label
            );
        }
        if body.iter().any(|r| r.text().contains("clerk")) {
            pages_with_row += 1;
            assert!(
                body.iter().any(|r| r.text() == "Account"),
                "the header above the row's lines on page {}",
                page.label
            );
        }
    }
    assert!(pages_with_row >= 2, "{pages_with_row}");
}

/// The text of the entry `name` of the EPUB `epub`.
fn entry(epub: &[u8], name: &str) -> String {
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(epub)).expect("the EPUB is a ZIP file");
    std::io::read_to_string(archive.by_name(name).expect(name)).expect(name)
}

#[test]
fn tables_book_is_deterministic_and_its_epub_passes_epubcheck_and_ace() {
    let book = fixture();
    let (_dir, path, _) = pdf(&book);
    let (_dir2, path2, _) = pdf(&book);
    assert!(
        std::fs::read(&path).unwrap() == std::fs::read(&path2).unwrap(),
        "same bytes"
    );
    let bytes = quire::epub::write(&book).expect("the EPUB builds");
    // The empty corner of a header row is a data cell: a header cell must
    // name its column to a screen reader (Ace's empty-table-header).
    let seals = entry(&bytes, "EPUB/seals.xhtml");
    assert!(
        seals.contains("<thead>\n<tr><td></td><th scope=\"col\">Spring</th>"),
        "{seals}"
    );
    assert!(!seals.contains("<th scope=\"col\"></th>"), "{seals}");
    let dir = tempfile::tempdir().expect("temp dir");
    let epub = dir.path().join("tables.epub");
    std::fs::write(&epub, bytes).expect("write");
    epub_validators::epubcheck(&epub);
    epub_validators::ace(&epub);
}
