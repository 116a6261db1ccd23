//! Print on demand (issue 13 items 1 and 2): `quire pdf --profile print`
//! and `quire cover`, checked as a printer's preflight would: the boxes
//! with `pdfinfo -box`, links and bookmarks in qpdf's uncompressed file,
//! the words' places with `pdftotext -bbox`, the file with `qpdf --check`.
//!
//! The poppler tools and qpdf must be installed (`scripts/test` installs
//! them); see `tests/common/mod.rs` for the opt-out.

#[path = "common/bbox.rs"]
#[allow(dead_code)] // Not every helper is used here.
mod bbox;
mod common;
#[path = "common/scratch.rs"]
mod scratch;

use std::path::{Path, PathBuf};
use std::process::Command;

/// Runs a tool and returns its standard output; `None` when it is missing
/// and the run opted out.
fn tool(name: &str, args: &[&str]) -> Option<String> {
    if !common::require_tool(name) {
        return None;
    }
    let out = Command::new(name)
        .args(args)
        .output()
        .expect("the tool runs");
    assert!(
        out.status.success(),
        "{name} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Runs quire and fails the test with its messages if it fails; returns
/// its standard error (the warnings).
fn quire(args: &[&str]) -> String {
    let out = scratch::quire(args);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "quire {args:?}: {stderr}");
    stderr
}

/// The sample (with its cover beside it) in a temporary folder, with
/// `[print]` appended to its `book.toml`.
fn sample_with(print: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    scratch::copy_dir(Path::new("manuscript"), &dir.path().join("manuscript"));
    scratch::copy_dir(Path::new("covers"), &dir.path().join("covers"));
    let manuscript = dir.path().join("manuscript");
    let toml = manuscript.join("book.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(&toml, format!("{text}\n{print}\n")).unwrap();
    (dir, manuscript)
}

/// The sample's print interior and cover made with `print`, the cover
/// checked by qpdf: the folder, the cover, what `quire cover` said, and the
/// interior's page count (`None` when poppler is missing and allowed to be).
fn sample_cover(print: &str) -> (tempfile::TempDir, PathBuf, String, Option<usize>) {
    let (dir, manuscript) = sample_with(print);
    let out = dir.path().join("out");
    let m = manuscript.to_string_lossy();
    let o = out.to_string_lossy();
    quire(&["pdf", "--profile", "print", "-m", &m, "-o", &o]);
    let said = quire(&["cover", "-m", &m, "-o", &o]);
    let cover = out.join("the-battle-of-callinicum-cover.pdf");
    common::qpdf_check(&cover);
    let pages = page_count(&out.join("the-battle-of-callinicum-print.pdf"));
    (dir, cover, said, pages)
}

/// One page's boxes from `pdfinfo -box`: name → [x0, y0, x1, y1].
fn boxes(pdf: &Path, page: usize) -> Option<Vec<(String, [f32; 4])>> {
    let n = page.to_string();
    let out = tool(
        "pdfinfo",
        &["-box", "-f", &n, "-l", &n, &pdf.to_string_lossy()],
    )?;
    Some(
        out.lines()
            .filter(|line| line.starts_with(&format!("Page {n:>4} ")))
            .filter_map(|line| {
                let mut fields = line.split_whitespace().skip(2);
                let name = fields.next()?.trim_end_matches(':').to_string();
                let v: Vec<f32> = fields.filter_map(|f| f.parse().ok()).collect();
                (v.len() == 4).then(|| (name, [v[0], v[1], v[2], v[3]]))
            })
            .collect(),
    )
}

fn find(boxes: &[(String, [f32; 4])], name: &str) -> [f32; 4] {
    boxes
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no {name} in {boxes:?}"))
        .1
}

/// The file with its streams uncompressed, to search for keys.
fn uncompressed(pdf: &Path) -> Option<String> {
    if !common::require_tool("qpdf") {
        return None;
    }
    let out = pdf.with_extension("qdf.pdf");
    let status = Command::new("qpdf")
        .args(["--qdf", "--object-streams=disable"])
        .arg(pdf)
        .arg(&out)
        .status()
        .expect("qpdf runs");
    assert!(status.success());
    Some(String::from_utf8_lossy(&std::fs::read(out).unwrap()).into_owned())
}

fn page_count(pdf: &Path) -> Option<usize> {
    let info = tool("pdfinfo", &[&pdf.to_string_lossy()])?;
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .map(|n| n.trim().parse().unwrap())
}

#[test]
fn the_print_interior_has_trim_and_bleed_boxes_and_no_links_or_bookmarks() {
    let (dir, manuscript) = sample_with("[print]\nbleed = \"0.125in\"");
    let out = dir.path().join("out");
    let m = manuscript.to_string_lossy();
    let o = out.to_string_lossy();
    quire(&["pdf", "--profile", "print", "-m", &m, "-o", &o]);
    quire(&["pdf", "-m", &m, "-o", &o]);
    let print = out.join("the-battle-of-callinicum-print.pdf");
    let digital = out.join("the-battle-of-callinicum.pdf");
    common::qpdf_check(&print);

    // Page 1 is a recto (bleed on the right), page 2 a verso (on the left):
    // 6 × 9 in trimmed, 0.125 in (9 pt) more on top, bottom and outside.
    let Some(recto) = boxes(&print, 1) else {
        return;
    };
    assert_eq!(find(&recto, "TrimBox"), [0.0, 9.0, 432.0, 657.0]);
    assert_eq!(find(&recto, "BleedBox"), [0.0, 0.0, 441.0, 666.0]);
    assert_eq!(find(&recto, "MediaBox"), [0.0, 0.0, 441.0, 666.0]);
    let verso = boxes(&print, 2).unwrap();
    assert_eq!(find(&verso, "TrimBox"), [9.0, 9.0, 441.0, 657.0]);
    assert_eq!(find(&verso, "BleedBox"), [0.0, 0.0, 441.0, 666.0]);
    // The digital edition's page is its trim.
    let plain = boxes(&digital, 2).unwrap();
    assert_eq!(find(&plain, "MediaBox"), [0.0, 0.0, 432.0, 648.0]);

    // Links and bookmarks are in the digital file, not in the print one.
    let Some(digital_text) = uncompressed(&digital) else {
        return;
    };
    assert!(digital_text.contains("/Annots") && digital_text.contains("/Outlines"));
    let print_text = uncompressed(&print).unwrap();
    for key in ["/Annots", "/Outlines", "/OpenAction", "/Link"] {
        assert!(!print_text.contains(key), "{key} in the print file");
    }
    // Every font is embedded.
    let fonts = tool("pdffonts", &[&print.to_string_lossy()]).unwrap();
    for line in fonts.lines().skip(2) {
        assert!(line.contains(" yes "), "not embedded: {line}");
    }

    // The drawing moved with the trim: the same words at the same place
    // from the trim's edge (pdftotext measures from the media box's).
    let print_words = bbox::pages(&print);
    let digital_words = bbox::pages(&digital);
    assert_eq!(print_words.len(), digital_words.len());
    // A verso shifts by the bleed at its left, a recto not at all.
    let verso = (2..print_words.len())
        .step_by(2)
        .find(|&p| !print_words[p - 1].is_empty());
    let recto = (3..print_words.len())
        .step_by(2)
        .find(|&p| !print_words[p - 1].is_empty());
    for (page, shift) in [(verso.unwrap(), 9.0), (recto.unwrap(), 0.0)] {
        let p = &print_words[page - 1][0];
        let d = &digital_words[page - 1][0];
        assert_eq!(p.text, d.text);
        assert!(
            (p.x_min - d.x_min - shift).abs() < 0.5,
            "page {page}: {p:?} {d:?}"
        );
    }
}

#[test]
fn the_cover_is_as_wide_as_its_page_count_says_and_warns_of_a_thin_cover_image() {
    let (_dir, cover, warnings, pages) = sample_cover("[print]\npaper = \"cream\"");
    let Some(pages) = pages else {
        return;
    };
    // 2 × 6 in + pages × 0.0025 in (cream) + 2 × 0.125 in; 9.25 in high.
    let width = (12.0 + pages as f32 * 0.0025 + 0.25) * 72.0;
    let sheet = boxes(&cover, 1).unwrap();
    let media = find(&sheet, "MediaBox");
    assert!(
        (media[2] - width).abs() < 0.01,
        "{media:?} for {pages} pages"
    );
    assert_eq!(media[3], 666.0);
    let trim = find(&sheet, "TrimBox");
    assert!((trim[0] - 9.0).abs() < 0.01 && (trim[2] - (width - 9.0)).abs() < 0.01);
    // The sample's cover is 1600 × 2560 px: 261 dpi over the front and its
    // bleed, said at its line of book.toml.
    assert!(
        warnings
            .contains("book.toml:34: image `../covers/battle-of-callinicum.png` prints at 261 dpi"),
        "{warnings}"
    );
    // The back has the description; a book under 79 pages no spine text.
    let words = &bbox::pages(&cover)[0];
    let spine = (432.0 + 9.0, width - 432.0 - 9.0);
    assert!(words
        .iter()
        .any(|w| w.text == "Callinicum" && w.x_max < spine.0));
    assert!(
        !words
            .iter()
            .any(|w| w.x_min >= spine.0 && w.x_max <= spine.1),
        "{words:?}"
    );
}

#[test]
fn an_ingram_cover_has_ingram_s_spine_and_no_text_where_there_is_no_room() {
    let (_dir, cover, said, pages) =
        sample_cover("[print]\nprinter = \"ingram\"\npaper = \"cream\"");
    let Some(pages) = pages else {
        return;
    };
    // IngramSpark's cream: 0.002289 in a page (KDP's is 0.0025).
    let spine = pages as f32 * 0.002289 * 72.0;
    let width = 12.0 * 72.0 + spine + 18.0;
    let media = find(&boxes(&cover, 1).unwrap(), "MediaBox");
    assert!(
        (media[2] - width).abs() < 0.01,
        "{media:?} for {pages} pages: {said}"
    );
    // Ingram allows spine text from 48 pages, but the sample's spine has
    // no room for it between its 1/16 in clearances: nothing is set there.
    assert!((48..78).contains(&pages), "{pages} pages");
    assert!(spine < 2.0 * 4.5, "{spine}");
    let words = &bbox::pages(&cover)[0];
    assert!(
        !words
            .iter()
            .any(|w| w.x_max > 441.0 && w.x_min < 441.0 + spine),
        "{words:?}"
    );
}

/// A book of our own words long enough to cross 150 pages on a small trim
/// (3 × 5 in, whose own inner margin is 0.375 in: KDP's 0.5 in gutter for
/// 151–300 pages must widen it), with no cover image.
fn long_book() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(
        root.join("book.toml"),
        "title = \"A Long Walk\"\nauthors = [\"Ann Author\"]\nlanguage = \"en\"\n\
         identifier = \"urn:uuid:7c9e6679-7425-40de-944b-e07fc1f90ae7\"\ndate = \"2026-11-27\"\n\
         description = \"A walk told at length, to fill a spine.\"\ntrim-size = \"3x5in\"\n",
    )
    .unwrap();
    let paragraph = "The road went on over the hill and down to the river, where the \
        ferryman waited with his lantern and his long pole, and the walkers paid him \
        in bread and news from the towns behind them.";
    for chapter in 1..=16 {
        let body = vec![paragraph; 40].join("\n\n");
        std::fs::write(
            root.join(format!("{chapter:02}-stage.md")),
            format!("# Stage {chapter}\n\n{body}\n"),
        )
        .unwrap();
    }
    dir
}

#[test]
fn a_book_past_150_pages_gets_the_wider_gutter_and_a_cover_with_spine_text() {
    let book = long_book();
    let m = book.path().to_string_lossy().into_owned();
    let out = book.path().join("out");
    let o = out.to_string_lossy();
    quire(&["pdf", "--profile", "print", "-m", &m, "-o", &o]);
    quire(&["pdf", "-m", &m, "-o", &o]);
    quire(&["cover", "-m", &m, "-o", &o]);
    let print = out.join("a-long-walk-print.pdf");
    let digital = out.join("a-long-walk.pdf");
    common::qpdf_check(&print);
    let Some(pages) = page_count(&print) else {
        return;
    };
    assert!((151..=300).contains(&pages), "{pages} pages");
    // On rectos the text starts at the gutter: 0.5 in in print, the
    // book's own 0.375 in in the digital edition.
    let inner = |pdf: &Path| {
        bbox::pages(pdf)
            .iter()
            .step_by(2)
            .flat_map(|page| page.iter().map(|w| w.x_min))
            .fold(f32::MAX, f32::min)
    };
    let (print_inner, digital_inner) = (inner(&print), inner(&digital));
    assert!(print_inner >= 36.0 - 0.5, "{print_inner}");
    assert!(digital_inner < 36.0 - 2.0, "{digital_inner}");

    // The cover's spine carries the title and the author, read top to bottom.
    let cover = out.join("a-long-walk-cover.pdf");
    common::qpdf_check(&cover);
    let spine = pages as f32 * 0.002252 * 72.0;
    let left = 216.0 + 9.0;
    let words = &bbox::pages(&cover)[0];
    let on_spine: Vec<&str> = words
        .iter()
        .filter(|w| w.x_min >= left - 0.5 && w.x_max <= left + spine + 0.5)
        .map(|w| w.text.as_str())
        .collect();
    assert!(
        on_spine.contains(&"Walk") && on_spine.contains(&"Author"),
        "{on_spine:?}"
    );
    let text = tool("pdftotext", &[&cover.to_string_lossy(), "-"]).unwrap();
    assert!(text.contains("A walk told at length"), "{text}");
}
