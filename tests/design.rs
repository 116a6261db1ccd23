//! The design of the printed book (issue 12, items 3 and 5): each `[pdf]`
//! setting and each theme, shown on the PDF as a reader sees it — word
//! boxes from `pdftotext -bbox` (line pitch, margins, folios, running heads,
//! drop caps, spaced paragraphs) and page counts (chapters on any page).
//! The book is written here, in our own words; every PDF passes
//! `qpdf --check`, and the novel theme's EPUB passes EPUBCheck and Ace.

#[path = "common/bbox.rs"]
mod bbox;
mod common;
#[path = "common/epub_validators.rs"]
mod epub_validators;
#[path = "common/scratch.rs"]
mod scratch;

use bbox::Word;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const TITLE: &str = "Lanterns";

/// A paragraph of our own words, `n` sentences long, different for each `seed`.
fn prose(seed: usize, n: usize) -> String {
    const SENTENCES: [&str; 6] = [
        "The ferry left the harbour before the lamps were lit along the quay.",
        "Nobody on board spoke of the storm that had kept them waiting for a week.",
        "Gulls followed the wake as far as the breakwater and then turned back.",
        "A boy counted the crates twice and wrote the total on his sleeve.",
        "The captain kept one hand on the rail and the other in his coat.",
        "By noon the island was a grey line, and by evening it had gone.",
    ];
    (0..n)
        .map(|i| SENTENCES[(seed + i) % SENTENCES.len()])
        .collect::<Vec<_>>()
        .join(" ")
}

/// Writes a book of three chapters (the second opens with a quotation, the
/// third has a scene break) with `extra` at the end of its `book.toml`.
fn manuscript(dir: &Path, extra: &str) {
    let toml = format!(
        "title = \"{TITLE}\"\nauthors = [\"Ann Author\"]\nlanguage = \"en\"\n\
         identifier = \"urn:uuid:6b1e8c3a-2f4d-4e5a-9b7c-1d2e3f4a5b6c\"\ndate = \"2026-11-27\"\n{extra}"
    );
    std::fs::write(dir.join("book.toml"), toml).unwrap();
    for (n, title) in ["The Quay", "Crossing", "The Island"].iter().enumerate() {
        let mut text = format!("# {title}\n\n");
        if n == 1 {
            text.push_str("“Whose crates are these?” asked the mate. ");
        }
        for p in 0..14 {
            if p == 5 {
                text.push_str("## Later that day\n\n");
            }
            if n == 2 && p == 8 {
                text.push_str("***\n\n");
            }
            let _ = write!(text, "{}\n\n", prose(n + p, 5));
        }
        std::fs::write(dir.join(format!("0{}-chapter.md", n + 1)), text).unwrap();
    }
}

/// The book built with `extra` in its `book.toml`: its PDF (checked by
/// qpdf) and the words of each page.
struct Built {
    _temp: tempfile::TempDir,
    pdf: PathBuf,
    pages: Vec<Vec<Word>>,
    book: quire::model::Book,
    document: quire::layout::Document,
}

fn build(extra: &str) -> Option<Built> {
    if !common::require_tool("pdftotext") || !common::require_tool("qpdf") {
        return None;
    }
    let temp = tempfile::tempdir().unwrap();
    manuscript(temp.path(), extra);
    let book = quire::load(temp.path())
        .unwrap_or_else(|e| panic!("{e}"))
        .book;
    let document = quire::layout::layout(&book).expect("layout");
    let bytes = quire::pdf::write_document(&book, &document).expect("PDF");
    let pdf = temp.path().join("book.pdf");
    std::fs::write(&pdf, bytes).unwrap();
    common::qpdf_check(&pdf);
    let pages = bbox::pages(&pdf);
    Some(Built {
        _temp: temp,
        pdf,
        pages,
        book,
        document,
    })
}

impl Built {
    /// The pages (0-based) whose words include `word`.
    fn pages_with(&self, word: &str) -> Vec<usize> {
        (0..self.pages.len())
            .filter(|&i| self.pages[i].iter().any(|w| w.text == word))
            .collect()
    }

    /// The opening page of the chapter whose title has `word` (the first
    /// page with it after the contents).
    fn opening(&self, word: &str) -> usize {
        let contents = self.pages_with("Contents")[0];
        let found = self.pages_with(word).into_iter().find(|&p| p > contents);
        found.unwrap_or_else(|| panic!("no chapter titled with `{word}`"))
    }

    /// A page of running text: the page after the opening of the chapter
    /// whose title has `word`.
    fn text_page(&self, word: &str) -> &[Word] {
        &self.pages[self.opening(word) + 1]
    }

    fn bytes(&self) -> Vec<u8> {
        std::fs::read(&self.pdf).unwrap()
    }
}

/// The distinct baselines (word bottoms, to the half point) of the words
/// set at body size on a page, top to bottom.
fn lines(words: &[Word]) -> Vec<f32> {
    let mut ys: Vec<f32> = words
        .iter()
        .filter(|w| (w.y_max - w.y_min) < 20.0)
        .map(|w| (w.y_max * 2.0).round() / 2.0)
        .collect();
    ys.sort_by(f32::total_cmp);
    ys.dedup();
    ys
}

/// The most common gap between consecutive baselines.
fn pitch(words: &[Word]) -> f32 {
    let ys = lines(words);
    let mut gaps: Vec<i32> = ys
        .windows(2)
        .map(|w| ((w[1] - w[0]) * 4.0).round() as i32)
        .collect();
    gaps.sort_unstable();
    let mode = gaps
        .chunk_by(|a, b| a == b)
        .max_by_key(|run| run.len())
        .map_or(0, |run| run[0]);
    mode as f32 / 4.0
}

/// Word boxes above this (in points from the top of a 6 × 9 in page) are
/// in the head line, above the text block (whose first line's box starts
/// at about 53.6 pt).
const HEAD_LINE: f32 = 45.0;

/// The words of a page that stand alone as a whole number (folios).
fn folio(words: &[Word]) -> Option<&Word> {
    words
        .iter()
        .find(|w| w.text.parse::<u32>().is_ok() && (w.y_min < HEAD_LINE || w.y_min > 560.0))
}

#[test]
fn defaults_and_the_classic_theme_spelled_out_give_todays_pdf_byte_for_byte() {
    let Some(plain) = build("") else { return };
    let Some(spelled) = build(
        "theme = \"classic\"\n[pdf]\nmargins = \"normal\"\nchapter-start = \"recto\"\n\
         paragraph = \"indent\"\nfolio = \"outer\"\nrunning-heads = true\ndrop-caps = false\n\
         toc-depth = 2\nchapter-sink = 6\nchapter-title = \"center\"\nscene-break = \"asterisks\"\n",
    ) else {
        return;
    };
    assert_eq!(plain.bytes(), spelled.bytes());
    // Today's pitch on 6 × 9 in: 13.5 pt; the folio in the head line.
    let page = plain.text_page("Quay");
    assert_eq!(pitch(page), 13.5);
    assert!(folio(page).is_some_and(|f| f.y_min < HEAD_LINE), "{page:?}");
}

#[test]
fn font_size_and_line_height_set_the_baseline_grid() {
    let Some(ratio) = build("[pdf]\nfont-size = 12\nline-height = 1.5\n") else {
        return;
    };
    assert_eq!(pitch(ratio.text_page("Quay")), 18.0);
    let Some(points) = build("[pdf]\nline-height = \"15pt\"\n") else {
        return;
    };
    assert_eq!(pitch(points.text_page("Quay")), 15.0);
    // Every line sits on the grid: each baseline a whole number of pitches
    // below the first.
    let ys = lines(ratio.text_page("Quay"));
    let body: Vec<f32> = ys[1..ys.len() - 1].to_vec();
    for y in &body {
        let steps = (y - body[0]) / 18.0;
        assert!(
            (steps - steps.round()).abs() < 0.05,
            "{y} off the grid: {body:?}"
        );
    }
}

#[test]
fn margins_move_the_text_block() {
    let Some(wide) = build("[pdf]\nmargins = { inner = \"1in\", outer = \"1.25in\" }\n") else {
        return;
    };
    let Some(plain) = build("") else { return };
    let body = |words: &[Word]| -> (f32, f32) {
        let text: Vec<&Word> = words
            .iter()
            .filter(|w| w.y_min > 80.0 && w.y_max < 560.0)
            .collect();
        let left = text.iter().map(|w| w.x_min).fold(f32::MAX, f32::min);
        let right = text.iter().map(|w| w.x_max).fold(0.0, f32::max);
        (left, right)
    };
    // A recto (even index: page 1, 3, …) of running text.
    let recto = |b: &Built| -> usize {
        let first = b.opening("Quay") + 1;
        first + first % 2
    };
    let (left, right) = body(&wide.pages[recto(&wide)]);
    assert!((left - 72.0).abs() < 1.0, "inner edge at {left}");
    assert!(
        (right - (432.0 - 90.0)).abs() < 1.0,
        "outer edge at {right}"
    );
    let (left, _) = body(&plain.pages[recto(&plain)]);
    assert!((left - 54.0).abs() < 1.0, "today's inner edge at {left}");
    let Some(narrow) = build("[pdf]\nmargins = \"narrow\"\n") else {
        return;
    };
    let (left, _) = body(&narrow.pages[recto(&narrow)]);
    assert!(
        (left - 54.0 * 0.75).abs() < 1.0,
        "narrow inner edge at {left}"
    );
}

#[test]
fn folios_at_the_foot_and_no_running_heads() {
    let Some(built) = build("[pdf]\nfolio = \"bottom-center\"\nrunning-heads = false\n") else {
        return;
    };
    let page = built.text_page("Quay");
    let number = folio(page).expect("a folio");
    assert!(number.y_min > 560.0, "folio at {}", number.y_min);
    let middle = (number.x_min + number.x_max) / 2.0;
    assert!((middle - 216.0).abs() < 40.0, "folio centred: {middle}");
    // Nothing in the head line: no running head.
    let top = page.iter().map(|w| w.y_min).fold(f32::MAX, f32::min);
    assert!(top > HEAD_LINE, "a word in the head line at {top}");
    let Some(outer) = build("[pdf]\nfolio = \"bottom-outer\"\n") else {
        return;
    };
    let page = outer.text_page("Quay");
    let number = folio(page).expect("a folio");
    assert!(number.y_min > 560.0);
    // The running head stays at the top.
    assert!(page
        .iter()
        .any(|w| w.y_max < 60.0 && w.text.parse::<u32>().is_err()));
}

#[test]
fn drop_caps_span_their_lines_and_take_the_quotation_mark() {
    let Some(built) = build("[pdf]\ndrop-caps = 3\n") else {
        return;
    };
    // pdftotext gives the large initial as a word of its own, three lines tall.
    let opening = &built.pages[built.opening("Quay")];
    let cap = opening
        .iter()
        .find(|w| w.y_max - w.y_min > 30.0)
        .unwrap_or_else(|| panic!("no drop cap: {opening:?}"));
    assert!(cap.text.starts_with('T'), "{cap:?}");
    // The first three lines below the title start right of it, the
    // fourth at the block's edge; it reaches from the first line down past
    // the third.
    let mut starts: Vec<(f32, f32)> = Vec::new();
    for w in opening
        .iter()
        .filter(|w| w.y_max > cap.y_min && w.y_max - w.y_min < 20.0)
    {
        match starts.iter_mut().find(|(y, _)| (y - w.y_max).abs() < 1.0) {
            Some((_, x)) => *x = x.min(w.x_min),
            None => starts.push((w.y_max, w.x_min)),
        }
    }
    starts.sort_by(|a, b| a.0.total_cmp(&b.0));
    let beside = starts.iter().take_while(|(_, x)| *x > cap.x_max).count();
    assert_eq!(beside, 3, "{starts:?} {cap:?}");
    assert!(starts[3].1 < cap.x_min + 1.0, "{starts:?}");
    assert!(
        cap.y_min < starts[0].0 && starts[2].0 < cap.y_max,
        "{starts:?} {cap:?}"
    );
    let quoted = &built.pages[built.opening("Crossing")];
    let cap = quoted
        .iter()
        .find(|w| w.y_max - w.y_min > 30.0)
        .expect("a drop cap in chapter two");
    assert!(cap.text.starts_with("“W"), "{cap:?}");
    // Two lines: a smaller cap.
    let Some(two) = build("[pdf]\ndrop-caps = 2\n") else {
        return;
    };
    let opening = &two.pages[two.opening("Quay")];
    let small = opening
        .iter()
        .find(|w| w.y_max - w.y_min > 20.0)
        .expect("a cap");
    assert!(small.y_max - small.y_min < cap.y_max - cap.y_min);
}

#[test]
fn block_paragraphs_have_no_indent_and_a_line_between_them() {
    let Some(block) = build("[pdf]\nparagraph = \"block\"\n") else {
        return;
    };
    let Some(plain) = build("") else { return };
    let starts = |words: &[Word]| -> Vec<f32> {
        let mut xs: Vec<f32> = words
            .iter()
            .filter(|w| w.y_min > 60.0 && w.y_max < 560.0)
            .map(|w| w.x_min.round())
            .collect();
        xs.sort_by(f32::total_cmp);
        xs.dedup();
        xs
    };
    // Indented paragraphs start one em right of the block's edge.
    let page = plain.text_page("Quay");
    let edge = starts(page)[0];
    assert!(starts(page).iter().any(|x| (x - edge - 10.5).abs() < 1.5));
    let page = block.text_page("Quay");
    let edge = starts(page)[0];
    assert!(
        !starts(page).iter().any(|x| (x - edge - 10.5).abs() < 1.5),
        "{:?}",
        starts(page)
    );
    // Gaps of two lines between paragraphs, on the same grid.
    let ys = lines(page);
    let gaps: Vec<f32> = ys.windows(2).map(|w| w[1] - w[0]).collect();
    assert!(gaps.iter().any(|g| (g - 27.0).abs() < 0.6), "{gaps:?}");
    // (A bold heading's boxes reach lower than the body's: its gap is off.)
    let off_grid = gaps
        .iter()
        .filter(|g| (*g / 13.5 - (*g / 13.5).round()).abs() > 0.05)
        .count();
    assert!(off_grid <= 1, "{gaps:?}");
}

#[test]
fn chapters_on_any_page_leave_no_blank_pages() {
    let Some(any) = build("[pdf]\nchapter-start = \"any\"\n") else {
        return;
    };
    let Some(recto) = build("") else { return };
    let openings = |b: &Built| -> Vec<usize> {
        ["Quay", "Crossing", "Island"]
            .iter()
            .map(|t| b.opening(t))
            .collect()
    };
    assert!(
        openings(&recto).iter().all(|p| p % 2 == 0),
        "{:?}",
        openings(&recto)
    );
    assert!(
        openings(&any).iter().any(|p| p % 2 == 1),
        "{:?}",
        openings(&any)
    );
    let blank = |b: &Built| -> usize {
        let body = b.opening("Quay");
        b.pages[body..].iter().filter(|p| p.is_empty()).count()
    };
    assert!(blank(&recto) > 0);
    assert_eq!(blank(&any), 0);
    assert!(any.pages.len() < recto.pages.len());
}

#[test]
fn the_pdf_contents_have_their_own_depth() {
    let Some(shallow) = build("[pdf]\ntoc-depth = 1\n") else {
        return;
    };
    let contents = shallow.pages_with("Contents")[0];
    let words: Vec<&str> = shallow.pages[contents]
        .iter()
        .map(|w| w.text.as_str())
        .collect();
    assert!(
        words.contains(&"Crossing") && !words.contains(&"Later"),
        "{words:?}"
    );
    // The EPUB keeps the book's depth.
    assert_eq!(shallow.book.settings.toc_depth, 2);
    assert!(shallow.book.toc[0]
        .children
        .iter()
        .any(|e| e.title == "Later that day"));
    let Some(plain) = build("") else { return };
    let contents = plain.pages_with("Contents")[0];
    assert!(plain.pages[contents].iter().any(|w| w.text == "Later"));
}

#[test]
fn the_novel_theme_sets_drop_caps_an_asterism_and_any_page_starts() {
    let Some(novel) = build("theme = \"novel\"\n") else {
        return;
    };
    let Some(plain) = build("") else { return };
    let opening = &novel.pages[novel.opening("Quay")];
    assert!(
        opening.iter().any(|w| w.y_max - w.y_min > 30.0),
        "no drop cap"
    );
    // The title sits lower than today's.
    let title = |b: &Built| {
        b.pages[b.opening("Quay")]
            .iter()
            .find(|w| w.text == "Quay")
            .map(|w| w.y_min)
            .unwrap()
    };
    assert!(title(&novel) > title(&plain) + 40.0);
    // The drop cap and the asterism stay inside the text block.
    let outside = bbox::outside_the_block(&novel.document, &novel.pages);
    assert!(outside.is_empty(), "{outside:?}");
    // The scene break: three asterisks on two heights.
    let island = novel.opening("Island");
    let stars: Vec<&Word> = novel.pages[island..]
        .iter()
        .flatten()
        .filter(|w| w.text == "*")
        .collect();
    assert!(stars.len() >= 2, "{stars:?}");
    assert!(novel.pages.len() < plain.pages.len() + 2);
    // Keys override the theme.
    let Some(recto) =
        build("theme = \"novel\"\n[pdf]\nchapter-start = \"recto\"\ndrop-caps = false\n")
    else {
        return;
    };
    let openings: Vec<usize> = ["Quay", "Crossing", "Island"]
        .iter()
        .map(|t| recto.opening(t))
        .collect();
    assert!(openings.iter().all(|p| p % 2 == 0), "{openings:?}");
    let opening = &recto.pages[openings[0]];
    assert!(!opening.iter().any(|w| w.y_max - w.y_min > 30.0));
}

#[test]
fn the_modern_theme_sets_titles_flush_left_without_running_heads() {
    let Some(modern) = build("theme = \"modern\"\n") else {
        return;
    };
    let opening = &modern.pages[modern.opening("Quay")];
    let the = opening.iter().find(|w| w.text == "The").expect("the title");
    let body_left = opening
        .iter()
        .filter(|w| w.y_min > the.y_max)
        .map(|w| w.x_min)
        .fold(f32::MAX, f32::min);
    assert!(
        (the.x_min - body_left).abs() < 1.0,
        "title at {}, text at {body_left}",
        the.x_min
    );
    let page = modern.text_page("Quay");
    let top = page.iter().map(|w| w.y_min).fold(f32::MAX, f32::min);
    assert!(top > HEAD_LINE, "a running head at {top}");
    assert!(folio(page).is_some_and(|f| f.y_min > 560.0));
}

#[test]
fn the_novel_themes_epub_has_its_drop_cap_and_passes_the_validators() {
    let temp = tempfile::tempdir().unwrap();
    manuscript(temp.path(), "theme = \"novel\"\n");
    let book = quire::load(temp.path()).unwrap().book;
    let bytes = quire::epub::write(&book).expect("EPUB");
    let css = epub_validators::entry_text(&bytes, "EPUB/css/book.css");
    assert!(css.contains("h1 + p::first-letter"), "{css}");
    let path = temp.path().join("novel.epub");
    std::fs::write(&path, &bytes).unwrap();
    epub_validators::epubcheck(&path);
    epub_validators::ace(&path);
}

#[test]
fn a_bad_pdf_setting_stops_the_build_naming_its_line() {
    let temp = tempfile::tempdir().unwrap();
    manuscript(temp.path(), "theme = \"gothic\"\n[pdf]\nfont-size = 40\n");
    let out = scratch::quire(&[
        "pdf",
        "-m",
        &temp.path().to_string_lossy(),
        "-o",
        &temp.path().join("out").to_string_lossy(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("book.toml:6:9: `theme` must be"),
        "{stderr}"
    );
    assert!(
        stderr.contains("the choices are `classic`, `modern`, `novel`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("book.toml:8:13: `font-size` must be from 7 to 16, not 40"),
        "{stderr}"
    );
    assert!(!temp.path().join("out").exists());
}
