//! Math in both books: `$…$` and `$$…$$` become MathML in the EPUB (with
//! the `mathml` manifest property and the TeX as alternative text) and are
//! typeset by quire in the PDF. The manuscript is `tests/fixtures/math`,
//! our own sentences and formulas.
//!
//! EPUBCheck, Ace, qpdf and pdftotext must be installed (see
//! `tests/common/mod.rs`).

mod common;
#[path = "common/epub_validators.rs"]
mod epub_validators;

use epub_validators::{ace, entry_text, epubcheck};
use std::path::Path;
use std::process::Command;

fn book() -> quire::model::Book {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/math");
    let loaded = quire::load(&dir).unwrap_or_else(|e| panic!("the math book loads: {e}"));
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    loaded.book
}

#[test]
fn math_book_epub_has_mathml_and_passes_epubcheck_and_ace() {
    let book = book();
    let bytes = quire::epub::write(&book).expect("the EPUB builds");
    assert!(bytes == quire::epub::write(&book).unwrap(), "deterministic");
    let opf = entry_text(&bytes, "EPUB/package.opf");
    assert!(
        opf.contains(
            "href=\"formulas.xhtml\" media-type=\"application/xhtml+xml\" properties=\"mathml\""
        ),
        "{opf}"
    );
    let chapter = entry_text(&bytes, "EPUB/formulas.xhtml");
    let maths = chapter.matches("<math ").count();
    assert_eq!(maths, 11, "{chapter}");
    assert_eq!(
        chapter
            .matches("xmlns=\"http://www.w3.org/1998/Math/MathML\"")
            .count(),
        maths
    );
    assert_eq!(chapter.matches("display=\"block\"").count(), 5);
    assert!(chapter
        .contains("<math alttext=\"x = \\frac{-b \\pm \\sqrt{b^2 - 4ac}}{2a}\" display=\"block\""));
    for element in [
        "<mfrac>",
        "<msqrt>",
        "<mroot>",
        "<munderover>",
        "<mtable",
        "<mtext>",
    ] {
        assert!(chapter.contains(element), "{element} in {chapter}");
    }
    // Dollars that open no formula stay text.
    assert!(chapter.contains("$5 and $7 stay"), "{chapter}");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("math.epub");
    std::fs::write(&path, &bytes).expect("write");
    epubcheck(&path);
    ace(&path);
}

#[test]
fn bad_tex_is_an_error_at_its_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/math");
    std::fs::copy(source.join("book.toml"), dir.path().join("book.toml")).unwrap();
    std::fs::write(
        dir.path().join("01-bad.md"),
        "# Bad\n\nFine: $x^2$.\n\nBroken: $\\frac{1}$ here.\n",
    )
    .unwrap();
    let Err(error) = quire::load(dir.path()) else {
        panic!("bad TeX is refused")
    };
    let text = error.to_string();
    assert!(text.contains("01-bad.md:5"), "{text}");
    assert!(text.contains("invalid TeX math `\\frac{1}`"), "{text}");
}

#[test]
fn math_book_pdf_sets_the_formulas_as_text_and_passes_qpdf() {
    let book = book();
    let document = quire::layout::layout(&book).expect("layout");
    let bytes = quire::pdf::write_document(&book, &document).expect("the PDF builds");
    assert!(bytes == quire::pdf::write(&book).unwrap(), "deterministic");
    // Formulas are glyphs of the math face and rules (fraction bars, the
    // radicals' overbars, the bar over y).
    use quire::layout::document::Item;
    let items: Vec<&Item> = document.pages.iter().flat_map(|p| &p.items).collect();
    let math_runs = items
        .iter()
        .filter(|i| matches!(i, Item::Text(r) if r.style == quire::fonts::Style::Math))
        .count();
    assert!(math_runs > 30, "{math_runs} runs in the math face");
    let rules = items
        .iter()
        .filter(|i| matches!(i, Item::Rule { .. }))
        .count();
    assert!(rules >= 7, "{rules} rules");
    // Display math is centred in the measure: the sum sign stands well
    // inside the text block, the quadratic formula's two sides about its
    // middle.
    let page = document
        .pages
        .iter()
        .find(|p| {
            p.items
                .iter()
                .any(|i| matches!(i, Item::Text(r) if r.text.contains('∑')))
        })
        .expect("a page with the sum");
    let block = page.text_block;
    let sigma = page
        .items
        .iter()
        .find_map(|i| match i {
            Item::Text(r) if r.text.contains('∑') => Some(r.x),
            _ => None,
        })
        .unwrap();
    assert!(sigma > block.x + block.width / 4.0, "{sigma} in {block:?}");
    assert!(sigma < block.x + block.width / 2.0, "{sigma} in {block:?}");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("math.pdf");
    std::fs::write(&path, &bytes).expect("write");
    common::qpdf_check(&path);
    if common::require_tool("pdffonts") {
        let fonts = Command::new("pdffonts").arg(&path).output().unwrap();
        let fonts = String::from_utf8_lossy(&fonts.stdout);
        assert!(fonts.contains("+DejaVuMathTeXGyre"), "{fonts}");
    }
    if common::require_tool("pdftotext") {
        let out = Command::new("pdftotext")
            .arg(&path)
            .arg("-")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        // The letters come back as letters (not as math italic code
        // points), the symbols as themselves.
        for expected in [
            "4ac", "2a", "n(n + 1)", "∑", "∫", "√", "π", "≠", "≤", "−1", "e", "iπ", " if ",
        ] {
            assert!(text.contains(expected), "{expected} in {text}");
        }
        assert!(!text.contains('𝑥'), "{text}");
        assert!(
            text.contains("$5 and") && text.contains("$7 stay"),
            "{text}"
        );
    }
}
