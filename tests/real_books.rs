//! Markdown as real books write it (issue 9): any heading shape, HTML in
//! Markdown, every pulldown-cmark extension quire enables, per-file front
//! matter. One manuscript of our own words, `tests/fixtures/real-books/`,
//! one chapter per construct, built into both books: the EPUB must pass
//! EPUBCheck and Ace, the PDF `qpdf --check`, and `pdftotext` must give
//! back the words of each chapter in order.
//!
//! The validators must be installed (`scripts/test` does); a test whose tool
//! is missing fails unless the run opts out (`tests/common/mod.rs`).

mod common;
#[path = "common/words.rs"]
mod words;
use words::words;
#[path = "common/epub_validators.rs"]
mod epub_validators;

use epub_validators::{ace, epubcheck};
use quire::model::Book;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The fixture, loaded once, with its EPUB and PDF written to a temporary
/// folder.
struct Built {
    book: Book,
    epub: Vec<u8>,
    epub_path: PathBuf,
    pdf_path: PathBuf,
    _dir: tempfile::TempDir,
}

fn built() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real-books");
        let book = quire::load(&dir).unwrap_or_else(|e| panic!("{e}")).book;
        let epub = quire::epub::write(&book).expect("the EPUB builds");
        let document = quire::layout::layout(&book).expect("the book lays out");
        let pdf = quire::pdf::write_document(&book, &document).expect("the PDF builds");
        let temp = tempfile::tempdir().expect("temp dir");
        let epub_path = temp.path().join("real-books.epub");
        let pdf_path = temp.path().join("real-books.pdf");
        std::fs::write(&epub_path, &epub).unwrap();
        std::fs::write(&pdf_path, pdf).unwrap();
        Built {
            book,
            epub,
            epub_path,
            pdf_path,
            _dir: temp,
        }
    })
}

/// The XHTML document of the part with this id.
fn xhtml(id: &str) -> String {
    epub_validators::part_xhtml(&built().epub, id)
}

/// The PDF's text, or `None` when pdftotext is missing and the run opted out.
fn pdf_text() -> Option<String> {
    if !common::require_tool("pdftotext") {
        return None;
    }
    let out = Command::new("pdftotext")
        .arg(&built().pdf_path)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(out.status.success());
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Asserts that the PDF's text holds `expected`'s words, in order (other
/// words may come between them: running heads, folios).
fn pdf_has_in_order(expected: &str) {
    let Some(text) = pdf_text() else { return };
    let got = words(&text);
    let mut at = 0;
    for word in words(expected) {
        match got[at..].iter().position(|w| *w == word) {
            Some(i) => at += i + 1,
            None => panic!("`{word}` of “{expected}” is missing or out of order in the PDF"),
        }
    }
}

#[test]
fn the_epub_passes_epubcheck_and_ace() {
    let built = built();
    epubcheck(&built.epub_path);
    ace(&built.epub_path);
}

#[test]
fn the_pdf_passes_qpdf() {
    common::qpdf_check(&built().pdf_path);
}

#[test]
fn a_title_of_any_level_and_a_second_top_heading() {
    let book = &built().book;
    let pruning = book.part("pruning").expect("the part");
    assert_eq!(pruning.title_text(), "Pruning in Late Winter");
    let html = xhtml("pruning");
    assert!(html.contains("<span id=\"pruning\"></span>Pruning in Late Winter</h1>"));
    assert!(html.contains("<h2 id=\"which-branches-go\">"), "{html}");
    assert!(html.contains("<h2 id=\"tools\">"), "{html}");
    assert!(html.contains("<h2 id=\"grafting-a-second-top-heading\">"));
    let harvest = xhtml("harvest");
    assert!(
        harvest.contains("<h2 id=\"storage\">Storage</h2>"),
        "{harvest}"
    );
    assert!(
        harvest.contains("href=\"pruning.xhtml#pruning\""),
        "{harvest}"
    );
    pdf_has_in_order(
        "Pruning in Late Winter The orchard sleeps Which branches go Crossing branches \
         Tools A sharp blade Grafting, a Second Top Heading A second heading \
         Harvest The apples are ready Storage A cool cellar",
    );
}

#[test]
fn html_in_markdown_is_mapped_and_nothing_active_is_kept() {
    let html = xhtml("html");
    for expected in [
        "<span id=\"shed-door\"></span>The shed door",
        "<kbd>Shift</kbd>",
        "1998<sup>1</sup>",
        "H<sub>2</sub>O",
        "<abbr title=\"millimetres\">mm</abbr>",
        "<span class=\"filename\">shelf-b.txt</span>",
        "<cite>The Grower’s Year</cite>",
        "<q>the driest corner</q>",
        "<small>Mind the step.</small>",
        "<mark>Oil the hinge</mark>",
        "<del>paint it red</del>",
        "<ins>blue</ins>",
        "<u>twice</u>",
        "<code>crate &lt;7&gt;</code>",
        "<a href=\"https://example.org/orchard\" title=\"The orchard's page\">",
        "<a href=\"html.xhtml#shed-door\">door</a>",
        "<div id=\"ladder\" class=\"warning\">",
        "width=\"240\"/>",
        "<figcaption>The rows, as planted in spring.</figcaption>",
        "<details>\n<summary>What the shed holds</summary>",
        "<th scope=\"col\">Tool</th>",
        "<dt>Spur</dt>",
        "<pre><code>shelf A  spades\nshelf B  twine &amp; wire</code></pre>",
    ] {
        assert!(html.contains(expected), "{expected} missing in {html}");
    }
    for active in [
        "script",
        "never shown",
        "onclick",
        "iframe",
        "not shown either",
        "listing",
    ] {
        assert!(!html.to_lowercase().contains(active), "{active} in {html}");
    }
    pdf_has_in_order(
        "The Shed, in HTML The shed door sticks press Shift 19981 H2O mm shelf-b.txt \
         The Grower’s Year the driest corner Mind the step Oil the hinge paint it red green blue twice \
         Keep key hook door crate 7 Ask at the orchard’s page back to the door \
         A careful gardener writes everything down The ladder is not to be used in wind \
         Check the feet Check the rungs The rows, as planted in spring What the shed holds \
         Spades, forks, twine Tool Shelf Shears top Twine bottom Spur A short shoot Scion \
         The cutting joined shelf A spades shelf B twine wire Monday sweeping, Friday oiling \
         The end of the shed",
    );
}

#[test]
fn every_html_warning_names_its_file_and_line() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real-books");
    let warnings: Vec<String> = quire::load(&dir)
        .unwrap()
        .warnings
        .iter()
        .map(ToString::to_string)
        .filter(|w| w.contains("03-html.md"))
        .collect();
    let expected = [
        "03-html.md:14: `<script>` is active content or a form: it is dropped with its content",
        "03-html.md:15: the `onclick` attribute of `<span>` runs code: it is dropped",
        "03-html.md:58: `<listing>` is not HTML quire knows: its tags are dropped and its content kept",
        "03-html.md:64: `<iframe>` is active content or a form: it is dropped with its content",
    ];
    assert_eq!(warnings.len(), expected.len(), "{warnings:#?}");
    for (warning, expected) in warnings.iter().zip(expected) {
        assert!(warning.ends_with(expected), "{warning} is not {expected}");
    }
}

#[test]
fn every_extension_in_both_books() {
    let html = xhtml("extensions");
    for expected in [
        "<del>plums</del>",
        "<sup>hard</sup>",
        "<sub>dry</sub>",
        "<h2 id=\"march\" class=\"season\">Jobs for March</h2>",
        "<input type=\"checkbox\" class=\"task\" disabled=\"disabled\" checked=\"checked\" aria-label=\"Done\"/> Order the rootstocks",
        "<input type=\"checkbox\" class=\"task\" disabled=\"disabled\" aria-label=\"To do\"/> Mend the fence",
        "<dt>Rootstock</dt>\n<dd>The lower part",
        "<dd>It sets how tall the tree will grow.</dd>",
        "<aside class=\"alert note\" role=\"note\" aria-labelledby=\"alert-note\">\n<p class=\"alert-title\" id=\"alert-note\">Note</p>",
        "<aside class=\"alert warning\" role=\"note\"",
        "<blockquote>\n<p class=\"first\">A plain quotation",
        "$5 for a whip",
    ] {
        assert!(html.contains(expected), "{expected} missing in {html}");
    }
    pdf_has_in_order(
        "Every Extension Last year’s plan was plums pears the frost was a hard one cellar stayed dry \
         Jobs for March x Order the rootstocks Mend the fence Rootstock The lower part of a grafted tree \
         It sets how tall Whip A young tree Note Pears flower a week before apples \
         Warning Never prune stone fruit A plain quotation stays a quotation \
         Prices are in $ and stay as written $5 for a whip",
    );
}

#[test]
fn front_matter_gives_title_and_id() {
    let book = &built().book;
    let cider = book.part("cider").expect("the YAML front matter's id");
    assert_eq!(cider.title_text(), "Cider: A Short Account");
    let bees = book.part("toml").expect("the file's own id");
    assert_eq!(bees.title_text(), "Bees Among the Blossom");
    let html = xhtml("cider");
    assert!(html.contains("Cider: A Short Account</h1>"), "{html}");
    assert!(html.contains("<h2 id=\"pressing\">Pressing</h2>"), "{html}");
    assert!(html.contains("<h3 id=\"keeping\">Keeping</h3>"), "{html}");
    assert!(html.contains("href=\"cider.xhtml#pressing\""), "{html}");
    assert!(!html.contains("Nobody in particular"));
    pdf_has_in_order(
        "Cider: A Short Account Pressing Windfalls go to the press Keeping Sealed casks \
         Bees Among the Blossom The hives stand at the orchard’s edge",
    );
}
