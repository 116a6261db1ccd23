//! Every script the text uses (issue 10, item 6): polytonic Greek and
//! Cyrillic in the book's own style, Chinese in the author's fallback font
//! (`[fonts] fallback`), in both books. The manuscript is
//! `tests/fixtures/scripts`, our own sentences; its Chinese font is Debian's
//! WenQuanYi Micro Hei (`fonts-wqy-microhei`, installed by `scripts/test`),
//! copied into a temporary copy of the book, never committed.
//!
//! EPUBCheck, Ace, qpdf and poppler must be installed (see
//! `tests/common/mod.rs`).

mod common;
#[path = "common/epub_validators.rs"]
mod epub_validators;
#[path = "common/scratch.rs"]
mod scratch;

use epub_validators::{ace, entry_bytes, entry_text, epubcheck};
use quire::fonts::Style;
use quire::layout::document::{GlyphRun, Item};
use std::path::Path;
use std::process::Command;

const CJK_FONT: &str = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

/// A copy of the fixture with the Chinese font in `fonts/`; `None` (the
/// test skipped) when the font is missing and the run allows that.
fn book_folder() -> Option<tempfile::TempDir> {
    if !common::require("fonts-wqy-microhei", Path::new(CJK_FONT).is_file()) {
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    scratch::copy_dir(Path::new("tests/fixtures/scripts"), dir.path());
    std::fs::create_dir(dir.path().join("fonts")).unwrap();
    std::fs::copy(CJK_FONT, dir.path().join("fonts/wqy-microhei.ttc")).unwrap();
    Some(dir)
}

fn load(dir: &Path) -> quire::model::Book {
    let loaded = quire::load(dir).unwrap_or_else(|e| panic!("the book loads: {e}"));
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    loaded.book
}

fn tool(program: &str, args: &[&str]) -> String {
    let output = Command::new(program).args(args).output().expect(program);
    assert!(output.status.success(), "{program}: {output:?}");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The glyph runs of the pages, in order.
fn text_runs(document: &quire::layout::Document) -> Vec<&GlyphRun> {
    document
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|i| match i {
            Item::Text(run) => Some(run),
            _ => None,
        })
        .collect()
}

#[test]
fn each_word_is_in_one_face_and_the_pdf_gives_every_script_back() {
    let Some(dir) = book_folder() else { return };
    let book = load(dir.path());
    assert_eq!(book.fonts.len(), 1);
    assert_eq!(book.fonts[0].family, "WenQuanYi Micro Hei");
    let document = quire::layout::layout(&book).expect("layout");
    let runs = text_runs(&document);
    // The face of every run holding a word: one run, one face, whole.
    let face_of = |word: &str| {
        let found: Vec<Style> = runs
            .iter()
            .filter(|r| r.text.contains(word))
            .map(|r| r.style)
            .collect();
        assert!(!found.is_empty(), "no run holds {word}");
        found
    };
    for word in ["Ἀθῆναι", "ἀρετή", "λόγος", "Ἀθηναίων", "φίλε"] {
        assert!(
            face_of(word).iter().all(|&s| s == Style::GreekRegular),
            "{word}: {:?}",
            face_of(word)
        );
    }
    for word in ["Москва", "Петербург", "«хорошо»", "travellers"] {
        assert!(face_of(word).iter().all(|&s| s == Style::Regular), "{word}");
    }
    for word in ["北京", "上海", "我们在这里"] {
        assert!(
            face_of(word).iter().all(|&s| s == Style::Fallback(0)),
            "{word}"
        );
    }
    // The Greek letters Charis has (θ, α) are not drawn from it.
    assert!(!runs
        .iter()
        .filter(|r| r.style == Style::Regular)
        .any(|r| r.text.contains(['θ', 'α', 'ε'])));

    let bytes = quire::pdf::write_document(&book, &document).expect("the PDF builds");
    assert!(bytes == quire::pdf::write(&book).unwrap(), "deterministic");
    let pdf = dir.path().join("scripts.pdf");
    std::fs::write(&pdf, &bytes).unwrap();
    common::qpdf_check(&pdf);
    if !common::require_tool("pdffonts") {
        return;
    }
    let fonts = tool("pdffonts", &[pdf.to_str().unwrap()]);
    for face in ["CharisSIL-Regular", "QuireGreek-Regular", "wqy-microhei"] {
        assert!(fonts.contains(&format!("+{face} ")), "{face}:\n{fonts}");
    }
    let text = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    for words in [
        "The travellers reached Ἀθῆναι at dusk",
        "A merchant from Москва",
        "then 北京 and 上海, all in one sentence",
        "ὡς λέγουσιν οἱ ποιηταί.",
    ] {
        assert!(text.contains(words), "{words} in:\n{text}");
    }
    // The Chinese paragraph comes back whole once its lines are joined,
    // broken between ideographs, never before its full stops and commas,
    // and never hyphenated.
    let chinese: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("我们"))
        .take_while(|l| !l.trim().is_empty())
        .collect();
    assert!(chinese.len() >= 3, "{chinese:?}");
    assert!(chinese
        .concat()
        .starts_with("我们在这里写一本关于字母的小书。每一种文字都有自己的形状和声音，排版的人"));
    for line in &chinese {
        assert!(
            !line.starts_with(['。', '，']) && !line.ends_with('-'),
            "{line}"
        );
    }
    // Greek words are one word box each, in one font: no gap inside.
    let boxes = tool("pdftotext", &["-bbox", pdf.to_str().unwrap(), "-"]);
    assert!(boxes.contains(">Ἀθῆναι</word>"), "{boxes}");
}

#[test]
fn the_epub_embeds_the_greek_and_the_fallback_faces_and_passes_the_validators() {
    let Some(dir) = book_folder() else { return };
    let book = load(dir.path());
    let bytes = quire::epub::write(&book).expect("the EPUB builds");
    assert!(bytes == quire::epub::write(&book).unwrap(), "deterministic");
    let opf = entry_text(&bytes, "EPUB/package.opf");
    for href in ["fonts/QuireGreek-Regular.ttf", "fonts/fallback-1.ttf"] {
        assert!(
            opf.contains(&format!("href=\"{href}\" media-type=\"font/ttf\"")),
            "{href}: {opf}"
        );
    }
    let css = entry_text(&bytes, "EPUB/css/book.css");
    assert!(
        css.contains("font-family: \"Quire Greek\", \"Charis SIL\", \"WenQuanYi Micro Hei\","),
        "{css}"
    );
    // The fallback font is cut down to the book's characters.
    let subset = entry_bytes(&bytes, "EPUB/fonts/fallback-1.ttf");
    assert!(subset.len() < 200_000, "{} bytes", subset.len());
    let face = ttf_parser::Face::parse(&subset, 0).expect("a font");
    assert!(face.glyph_index('汉').is_some() && face.glyph_index('龍').is_none());
    let path = dir.path().join("scripts.epub");
    std::fs::write(&path, &bytes).unwrap();
    epubcheck(&path);
    ace(&path);
}

#[test]
fn without_the_fallback_font_chinese_is_one_warning_with_its_places() {
    let dir = tempfile::tempdir().unwrap();
    scratch::copy_dir(Path::new("tests/fixtures/scripts"), dir.path());
    scratch::edit(
        dir.path(),
        "book.toml",
        "[fonts]\nfallback = [\"fonts/wqy-microhei.ttc\"]\n",
        "",
    );
    let loaded = quire::load(dir.path()).expect("the book loads");
    let warnings: Vec<String> = loaded.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    let han = &warnings[0];
    assert!(
        han.contains("01-three-alphabets.md:10: no shipped font has ")
            && han.contains(" characters of the Han script ('北', '京', '上', '海', '我', …)"),
        "{han}"
    );
    assert!(warnings[0].contains("also at"), "{}", warnings[0]);
}

#[test]
fn a_fallback_font_that_is_missing_or_not_a_font_is_an_error_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    scratch::copy_dir(Path::new("tests/fixtures/scripts"), dir.path());
    let refused = |dir: &Path| match quire::load(dir) {
        Ok(_) => panic!("the book is refused"),
        Err(error) => error.to_string(),
    };
    let text = refused(dir.path());
    assert!(
        text.contains("book.toml:13: font `fonts/wqy-microhei.ttc`: cannot read the file"),
        "{text}"
    );
    std::fs::create_dir(dir.path().join("fonts")).unwrap();
    std::fs::write(dir.path().join("fonts/wqy-microhei.ttc"), "not a font").unwrap();
    let text = refused(dir.path());
    assert!(
        text.contains("font `fonts/wqy-microhei.ttc`: not a TrueType or OpenType font"),
        "{text}"
    );
    // A link leading out of the book is refused as images' are.
    std::fs::remove_file(dir.path().join("fonts/wqy-microhei.ttc")).unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(CJK_FONT, dir.path().join("fonts/wqy-microhei.ttc")).unwrap();
        let text = refused(dir.path());
        assert!(text.contains("outside the manuscript folder"), "{text}");
    }
}

const CFF_FONT: &str = "/usr/share/texmf/fonts/opentype/public/lm/lmroman10-regular.otf";

/// An author's CFF font (an `.otf`; Debian's Latin Modern Roman from
/// `fonts-lmodern`, copied into a temporary copy of
/// `tests/fixtures/old-figures`, never committed) is embedded as OpenType
/// (`FontFile3`) and the pages, written before its subset exists, reach
/// their glyphs through the font's embedded CMap: mupdf draws each glyph
/// the layout set, at its width, and poppler gives the text back.
#[test]
fn a_cff_fallback_font_draws_the_glyphs_set_through_its_code_to_cid_cmap() {
    if !common::require("fonts-lmodern", Path::new(CFF_FONT).is_file()) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    scratch::copy_dir(Path::new("tests/fixtures/old-figures"), dir.path());
    std::fs::create_dir(dir.path().join("fonts")).unwrap();
    std::fs::copy(CFF_FONT, dir.path().join("fonts/lmroman10-regular.otf")).unwrap();
    let book = load(dir.path());
    assert!(book.fonts[0].cff);
    let document = quire::layout::layout(&book).expect("layout");
    let set: Vec<u16> = text_runs(&document)
        .into_iter()
        .filter(|run| run.style == Style::Fallback(0))
        .flat_map(|run| run.glyphs.iter().map(|g| g.id))
        .collect();
    assert!(set.len() >= 14, "{set:?}");
    let bytes = quire::pdf::write_document(&book, &document).expect("the PDF builds");
    assert!(bytes == quire::pdf::write(&book).unwrap(), "deterministic");
    let pdf = dir.path().join("figures.pdf");
    std::fs::write(&pdf, &bytes).unwrap();
    common::qpdf_check(&pdf);
    if !common::require_tool("pdffonts") || !common::require_tool("mutool") {
        return;
    }
    let fonts = tool("pdffonts", &[pdf.to_str().unwrap()]);
    let line = fonts
        .lines()
        .find(|l| l.contains("+lmroman10-regular "))
        .unwrap_or_else(|| panic!("{fonts}"));
    assert!(
        line.contains("CID Type 0C (OT)") && line.contains("Custom"),
        "{line}"
    );
    let text = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    assert!(
        text.contains("opened in \u{f731}\u{f738}\u{f738}\u{f737} and closed in \u{f731}\u{f739}\u{f731}\u{f732};"),
        "{text}"
    );
    // The subset numbers its glyphs in the order of their ids in the font
    // file, after .notdef; each glyph drawn is the one set, at its width.
    let mut ids = set.clone();
    ids.sort_unstable();
    ids.dedup();
    let face = ttf_parser::Face::parse(&book.fonts[0].data, 0).unwrap();
    let trace = tool("mutool", &["trace", pdf.to_str().unwrap()]);
    let mut in_face = false;
    let mut drawn = Vec::new();
    for line in trace.lines().map(str::trim) {
        if line.starts_with("<span ") {
            in_face = line.contains("+lmroman10-regular\"");
        } else if in_face && line.starts_with("<g ") {
            let attribute = |name: &str| {
                let start = line.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
                line[start..].split('"').next().unwrap().to_string()
            };
            drawn.push((attribute("glyph"), attribute("adv")));
        }
    }
    assert_eq!(drawn.len(), set.len(), "{drawn:?}");
    for (&id, (glyph, adv)) in set.iter().zip(&drawn) {
        let subset_id = ids.iter().position(|&i| i == id).unwrap() + usize::from(ids[0] != 0);
        assert_eq!(glyph, &subset_id.to_string(), "glyph {id}");
        let width = f32::from(face.glyph_hor_advance(ttf_parser::GlyphId(id)).unwrap())
            / f32::from(face.units_per_em());
        assert!(
            (adv.parse::<f32>().unwrap() - width).abs() < 0.001,
            "{id}: {adv} against {width}"
        );
    }
}
