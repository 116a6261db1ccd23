//! The author's own faces (`[fonts] body`, `body-italic`, `body-bold`,
//! `mono`, `figures`) in both books, and the `[epub]` settings (`css`,
//! `embed-fonts`, `footnotes`), issue 12 items 2 and 4. The manuscript is
//! `tests/fixtures/own-faces`, our own sentences; its fonts are Debian's EB
//! Garamond (`fonts-ebgaramond`: CFF outlines, old-style figures, small
//! capitals, no bold italic) and DejaVu Sans Mono (`fonts-dejavu-core`),
//! installed by `scripts/test` and copied into a temporary copy of the
//! book, never committed.
//!
//! EPUBCheck, Ace, qpdf and poppler must be installed (see
//! `tests/common/mod.rs`).

mod common;
#[path = "common/epub_validators.rs"]
mod epub_validators;
#[path = "common/scratch.rs"]
mod scratch;

use epub_validators::{ace, entry_text, epubcheck};
use quire::fonts::Style;
use quire::layout::document::{GlyphRun, Item};
use std::path::Path;
use std::process::Command;

const GARAMOND: &str = "/usr/share/fonts/opentype/ebgaramond";
const FACES: [&str; 3] = [
    "EBGaramond12-Regular.otf",
    "EBGaramond12-Italic.otf",
    "EBGaramond12-Bold.otf",
];
const MONO: &str = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf";

/// A copy of the fixture with its fonts in `fonts/` and, so that the
/// chapters run over several pages (running heads), more paragraphs of
/// the same words; `None` (the test skipped) when the fonts are missing
/// and the run allows that.
fn book_folder() -> Option<tempfile::TempDir> {
    let found = Path::new(GARAMOND).join(FACES[0]).is_file() && Path::new(MONO).is_file();
    if !common::require("fonts-ebgaramond and fonts-dejavu-core", found) {
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    scratch::copy_dir(Path::new("tests/fixtures/own-faces"), dir.path());
    let fonts = dir.path().join("fonts");
    std::fs::create_dir(&fonts).unwrap();
    for face in FACES {
        std::fs::copy(Path::new(GARAMOND).join(face), fonts.join(face)).unwrap();
    }
    std::fs::copy(MONO, fonts.join("DejaVuSansMono.ttf")).unwrap();
    let chapter = dir.path().join("01-the-ledger.md");
    let mut text = std::fs::read_to_string(&chapter).unwrap();
    for year in 1888..1900 {
        text.push_str(&format!(
            "\nIn {year} the keeper wrote of fog on {} nights, of a schooner \
             aground on the bar and refloated on the next tide, and of the \
             lamp glass cracked by the cold and replaced from the store.\n",
            year % 37
        ));
    }
    std::fs::write(&chapter, text).unwrap();
    Some(dir)
}

/// Adds `text` at the end of the book's `book.toml`.
fn add_to_config(dir: &Path, text: &str) {
    let toml = dir.join("book.toml");
    let mut config = std::fs::read_to_string(&toml).unwrap();
    config.push_str(text);
    std::fs::write(&toml, &config).unwrap();
}

fn load(dir: &Path) -> quire::Loaded {
    quire::load(dir).unwrap_or_else(|e| panic!("the book loads: {e}"))
}

fn tool(program: &str, args: &[&str]) -> String {
    let output = Command::new(program).args(args).output().expect(program);
    assert!(output.status.success(), "{program}: {output:?}");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The glyph runs of the pages: in the text block, and above it (the
/// running heads).
fn runs(document: &quire::layout::Document) -> (Vec<&GlyphRun>, Vec<&GlyphRun>) {
    let mut text = Vec::new();
    let mut heads = Vec::new();
    for page in &document.pages {
        for item in &page.items {
            if let Item::Text(run) = item {
                if run.baseline < page.text_block.y {
                    heads.push(run);
                } else {
                    text.push(run);
                }
            }
        }
    }
    (text, heads)
}

#[test]
fn the_author_s_faces_set_both_books_with_small_caps_in_the_heads() {
    let Some(dir) = book_folder() else {
        return;
    };
    let loaded = load(dir.path());
    // One warning: the bold italic is made, at `body`'s line.
    assert_eq!(loaded.warnings.len(), 1, "{:?}", loaded.warnings);
    let warning = &loaded.warnings[0];
    assert_eq!(warning.location.line, Some(14), "{warning:?}");
    assert!(
        warning.message.contains("`body-bold-italic`")
            && warning.message.contains("bold italic is made"),
        "{}",
        warning.message
    );
    let book = loaded.book;
    assert!(book.faces.body.as_ref().unwrap().cff);
    assert_eq!(book.faces.body.as_ref().unwrap().family, "EB Garamond");
    // The colophon names the faces used.
    assert_eq!(book.matter.faces, ["EB Garamond", "DejaVu Sans Mono"]);

    // The PDF: small capitals in the running heads.
    let document = quire::layout::layout(&book).expect("layout");
    let garamond = ttf_parser::Face::parse(&book.faces.body.as_ref().unwrap().data, 0).unwrap();
    let (_, heads) = runs(&document);
    let letters: Vec<(u16, char)> = heads
        .iter()
        .flat_map(|run| run.glyph_texts())
        .filter_map(|(g, t)| {
            let c = t.chars().next()?;
            c.is_ascii_lowercase().then_some((g.id, c))
        })
        .collect();
    assert!(letters.len() > 20, "running heads: {letters:?}");
    for (id, c) in &letters {
        assert_ne!(
            *id,
            garamond.glyph_index(*c).unwrap().0,
            "{c} in a running head is not a small capital"
        );
    }
    // Every text style is set in the author's faces: no Charis SIL.
    let bytes = quire::pdf::write_document(&book, &document).expect("the PDF builds");
    assert!(bytes == quire::pdf::write(&book).unwrap(), "deterministic");
    let pdf = dir.path().join("faces.pdf");
    std::fs::write(&pdf, &bytes).unwrap();
    common::qpdf_check(&pdf);
    if !common::require_tool("pdffonts") {
        return;
    }
    let fonts = tool("pdffonts", &[pdf.to_str().unwrap()]);
    for face in [
        "EBGaramond12-Regular",
        "EBGaramond12-Italic",
        "EBGaramond12-Bold",
    ] {
        let line = fonts
            .lines()
            .find(|l| l.contains(&format!("+{face} ")))
            .unwrap_or_else(|| panic!("{face} not embedded:\n{fonts}"));
        assert!(line.contains("CID Type 0C (OT)"), "{line}");
        let columns: Vec<&str> = line.split_whitespace().collect();
        assert!(
            columns.ends_with(&["yes", "yes", "yes"]) || line.contains("yes yes yes"),
            "{line}"
        );
    }
    assert!(fonts.contains("+DejaVuSansMono "), "{fonts}");
    assert!(!fonts.contains("CharisSIL"), "{fonts}");
    let extracted = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    let extracted = extracted.split_whitespace().collect::<Vec<_>>().join(" ");
    for phrase in [
        "opened the ledger in 1887 and wrote in it every night until 1931",
        "240 gallons in the first quarter",
        "never again",
        "1931-11-30 storm NE 9",
    ] {
        assert!(extracted.contains(phrase), "{phrase}: {extracted}");
    }

    // The EPUB: the faces packaged, named by the stylesheet.
    let epub = quire::epub::write(&book).expect("the EPUB builds");
    let opf = entry_text(&epub, "EPUB/package.opf");
    for (file, kind) in [
        ("fonts/body.otf", "font/otf"),
        ("fonts/body-italic.otf", "font/otf"),
        ("fonts/body-bold.otf", "font/otf"),
        ("fonts/mono.ttf", "font/ttf"),
    ] {
        assert!(
            opf.contains(&format!("href=\"{file}\" media-type=\"{kind}\"")),
            "{file}: {opf}"
        );
    }
    assert!(
        !opf.contains("CharisSIL") && !opf.contains("NotoSansMono"),
        "{opf}"
    );
    let css = entry_text(&epub, "EPUB/css/book.css");
    assert!(css.contains(
        "@font-face { font-family: \"EB Garamond\"; font-style: italic; font-weight: normal; src: url(../fonts/body-italic.otf); }"
    ));
    assert!(
        css.contains("font-family: \"EB Garamond\", Georgia, serif;"),
        "{css}"
    );
    assert!(
        css.contains("font-family: \"DejaVu Sans Mono\", monospace;"),
        "{css}"
    );
    assert!(!css.contains("Charis"), "{css}");
    let path = dir.path().join("faces.epub");
    std::fs::write(&path, &epub).unwrap();
    epubcheck(&path);
    ace(&path);
}

#[test]
fn epub_settings_endnotes_no_fonts_and_the_author_s_stylesheet() {
    let Some(dir) = book_folder() else {
        return;
    };
    std::fs::create_dir(dir.path().join("style")).unwrap();
    let png = dir.path().join("style/rule.png");
    image::RgbImage::from_pixel(4, 1, image::Rgb([90, 90, 90]))
        .save(&png)
        .unwrap();
    std::fs::write(
        dir.path().join("style/extra.css"),
        "/* Our own rule. */\nhr { border: none; height: 1px; background: url(\"rule.png\") repeat-x; }\nh1 { letter-spacing: 0.02em; }\n",
    )
    .unwrap();
    let toml = dir.path().join("book.toml");
    let mut config = std::fs::read_to_string(&toml).unwrap();
    config.push_str(
        "\n[epub]\ncss = \"style/extra.css\"\nembed-fonts = false\nfootnotes = \"endnotes\"\n",
    );
    std::fs::write(&toml, &config).unwrap();
    let book = load(dir.path()).book;
    let epub = quire::epub::write(&book).expect("the EPUB builds");
    let opf = entry_text(&epub, "EPUB/package.opf");
    // No font files; the author's stylesheet appended, its image packaged.
    assert!(!opf.contains("media-type=\"font/"), "{opf}");
    assert!(
        opf.contains("href=\"css/author/1.png\" media-type=\"image/png\""),
        "{opf}"
    );
    let css = entry_text(&epub, "EPUB/css/book.css");
    assert!(!css.contains("@font-face"), "{css}");
    let author = css
        .find("/* The author's stylesheet (style/extra.css). */")
        .expect(&css);
    assert!(
        css.find("h1, h2, h3").unwrap() < author,
        "after quire's rules"
    );
    assert!(
        css[author..].contains("background: url(author/1.png) repeat-x;"),
        "{css}"
    );
    // The notes: in a Notes part at the end, linked both ways.
    assert!(opf.contains("href=\"endnotes.xhtml\""), "{opf}");
    let spine_end = opf.rfind("<itemref").unwrap();
    assert!(opf[spine_end..].contains("idref=\"endnotes\""), "{opf}");
    let ledger = epub_validators::part_xhtml(&epub, "the-ledger");
    assert!(!ledger.contains("doc-footnote"), "{ledger}");
    assert!(
        ledger.contains(
            "role=\"doc-noteref\" id=\"fnref-ink\" href=\"endnotes.xhtml#the-ledger-fn-ink\""
        ),
        "{ledger}"
    );
    let notes = entry_text(&epub, "EPUB/endnotes.xhtml");
    assert!(
        notes.contains("epub:type=\"endnotes\" role=\"doc-endnotes\""),
        "{notes}"
    );
    assert!(
        notes.contains("<li epub:type=\"endnote\" id=\"the-ledger-fn-ink\">"),
        "{notes}"
    );
    assert!(
        notes.contains("href=\"the-ledger.xhtml#fnref-ink\""),
        "{notes}"
    );
    assert!(
        notes.contains("The ink of the last pages is brown"),
        "{notes}"
    );
    // Listed last in the contents (both of them) and as a landmark.
    let nav = entry_text(&epub, "EPUB/nav.xhtml");
    let (toc, landmarks) = nav.split_once("epub:type=\"landmarks\"").expect(&nav);
    let last = toc.rfind("<li><a href=").expect(&nav);
    assert!(
        toc[last..].starts_with("<li><a href=\"endnotes.xhtml\">Notes</a></li>"),
        "{nav}"
    );
    assert!(
        landmarks.contains("<li><a epub:type=\"endnotes\" href=\"endnotes.xhtml\">Notes</a></li>"),
        "{nav}"
    );
    let ncx = entry_text(&epub, "EPUB/toc.ncx");
    let last = ncx.rfind("<navPoint").expect(&ncx);
    assert!(
        ncx[last..].contains("<text>Notes</text></navLabel>\n<content src=\"endnotes.xhtml\"/>"),
        "{ncx}"
    );
    let path = dir.path().join("settings.epub");
    std::fs::write(&path, &epub).unwrap();
    epubcheck(&path);
    ace(&path);

    // The default keeps the notes at each part's end, as pop-up asides.
    std::fs::write(&toml, config.replace("footnotes = \"endnotes\"\n", "")).unwrap();
    let epub = quire::epub::write(&load(dir.path()).book).unwrap();
    let ledger = epub_validators::part_xhtml(&epub, "the-ledger");
    assert!(
        ledger.contains(
            "<aside class=\"footnote\" epub:type=\"footnote\" role=\"doc-footnote\" id=\"fn-ink\">"
        ),
        "{ledger}"
    );
    assert!(!entry_text(&epub, "EPUB/package.opf").contains("endnotes.xhtml"));
    assert!(!entry_text(&epub, "EPUB/nav.xhtml").contains("endnotes"));
}

#[test]
fn a_stylesheet_naming_a_file_out_of_the_book_is_an_error_at_its_line() {
    let Some(dir) = book_folder() else {
        return;
    };
    std::fs::write(
        dir.path().join("extra.css"),
        "body { background: url(https://example.org/paper.png); }\n",
    )
    .unwrap();
    add_to_config(dir.path(), "\n[epub]\ncss = \"extra.css\"\n");
    let error = quire::load(dir.path()).expect_err("refused").to_string();
    assert!(error.contains("book.toml:21"), "{error}");
    assert!(
        error.contains(
            "stylesheet `extra.css`: `url(https://example.org/paper.png)` leads out of the book"
        ),
        "{error}"
    );
    // A face that is not a font: an error at its line too.
    std::fs::write(dir.path().join("fonts/EBGaramond12-Bold.otf"), "not a font").unwrap();
    let error = quire::load(dir.path()).expect_err("refused").to_string();
    assert!(error.contains("book.toml:16"), "{error}");
    assert!(
        error.contains("font `fonts/EBGaramond12-Bold.otf`: not a TrueType or OpenType font"),
        "{error}"
    );
}

/// The digits of the text in the body face, each with its glyph.
fn digits(document: &quire::layout::Document) -> Vec<(u16, char)> {
    runs(document)
        .0
        .iter()
        .filter(|run| run.style == Style::Regular)
        .flat_map(|run| run.glyph_texts())
        .filter_map(|(g, t)| {
            let c = t.chars().next()?;
            (t.len() == 1 && c.is_ascii_digit()).then_some((g.id, c))
        })
        .collect()
}

const LATIN_MODERN: &str = "/usr/share/texmf/fonts/opentype/public/lm/lmroman10-regular.otf";

/// `figures` asks for the face's `onum` or `lnum`: Latin Modern's figures
/// are lining and become old-style (in the PDF and in the EPUB's subset);
/// EB Garamond's are old-style and become lining.
#[test]
fn figures_are_the_face_s_old_style_or_lining_ones() {
    let Some(dir) = book_folder() else {
        return;
    };
    if !common::require("fonts-lmodern", Path::new(LATIN_MODERN).is_file()) {
        return;
    }
    std::fs::copy(LATIN_MODERN, dir.path().join("fonts/lmroman10-regular.otf")).unwrap();
    let toml = dir.path().join("book.toml");
    let config = std::fs::read_to_string(&toml).unwrap();
    let head = &config[..config.find("[fonts]").unwrap()];
    std::fs::write(
        &toml,
        format!("{head}[fonts]\nbody = \"fonts/lmroman10-regular.otf\"\nfigures = \"old-style\"\n"),
    )
    .unwrap();
    let book = load(dir.path()).book;
    let face = ttf_parser::Face::parse(&book.faces.body.as_ref().unwrap().data, 0).unwrap();
    let set = digits(&quire::layout::layout(&book).unwrap());
    assert!(set.len() > 40, "{}", set.len());
    for (id, c) in &set {
        assert_ne!(*id, face.glyph_index(*c).unwrap().0, "{c} is set lining");
    }
    // In the EPUB the subset's `1` is the old-style one: no taller than
    // an x-height, where the lining one is as tall as a capital.
    let epub = quire::epub::write(&book).unwrap();
    let body = epub_validators::entry_bytes(&epub, "EPUB/fonts/body.otf");
    let subset = ttf_parser::Face::parse(&body, 0).unwrap();
    let height = |face: &ttf_parser::Face<'_>, c| {
        face.glyph_bounding_box(face.glyph_index(c).unwrap())
            .unwrap()
            .y_max
    };
    assert!(
        height(&subset, '1') < height(&face, '1') * 4 / 5,
        "{} against {}",
        height(&subset, '1'),
        height(&face, '1')
    );
    assert_eq!(height(&subset, 'x'), height(&face, 'x'));
    assert!(entry_text(&epub, "EPUB/css/book.css").contains("font-variant-numeric: oldstyle-nums;"));

    // EB Garamond's own figures are old-style: `lining` asks for `lnum`.
    std::fs::copy("tests/fixtures/own-faces/book.toml", &toml).unwrap();
    scratch::edit(
        dir.path(),
        "book.toml",
        "figures = \"old-style\"",
        "figures = \"lining\"",
    );
    let book = load(dir.path()).book;
    let face = ttf_parser::Face::parse(&book.faces.body.as_ref().unwrap().data, 0).unwrap();
    for (id, c) in digits(&quire::layout::layout(&book).unwrap()) {
        assert_ne!(
            id,
            face.glyph_index(c).unwrap().0,
            "{c} is EB Garamond's old-style"
        );
    }
}

#[test]
fn the_site_shows_the_author_s_faces_and_stylesheet() {
    let Some(dir) = book_folder() else {
        return;
    };
    std::fs::create_dir(dir.path().join("style")).unwrap();
    image::RgbImage::from_pixel(4, 1, image::Rgb([90, 90, 90]))
        .save(dir.path().join("style/rule.png"))
        .unwrap();
    std::fs::write(
        dir.path().join("style/extra.css"),
        "hr { border: none; height: 1px; background: url(\"rule.png\") repeat-x; }\n",
    )
    .unwrap();
    // The EPUB's `embed-fonts` does not empty the site's `fonts/`.
    add_to_config(
        dir.path(),
        "\n[epub]\ncss = \"style/extra.css\"\nembed-fonts = false\n",
    );
    let book = load(dir.path()).book;
    let site = quire::html::site(&book, &quire::html::Options::default()).expect("the site");
    let css = String::from_utf8(site["css/book.css"].clone()).unwrap();
    // The author's faces replace Charis SIL and DejaVu Sans Mono.
    assert!(
        css.contains("@font-face { font-family: \"EB Garamond\"; font-style: italic; font-weight: normal; src: url(../fonts/body-italic.otf); }"),
        "{css}"
    );
    assert!(!css.contains("CharisSIL-Regular.ttf"), "{css}");
    assert!(
        css.contains("font-variant-numeric: oldstyle-nums;"),
        "{css}"
    );
    // Whole, as in the book's folder.
    let whole = std::fs::read(Path::new(GARAMOND).join(FACES[0])).unwrap();
    assert_eq!(site["fonts/body.otf"], whole);
    assert_eq!(site["fonts/mono.ttf"], std::fs::read(MONO).unwrap());
    // The author's stylesheet last, with the image it names.
    let author = css
        .find("/* The author's stylesheet (style/extra.css). */")
        .expect(&css);
    assert!(css[author..].contains("url(author/1.png)"), "{css}");
    assert!(site.contains_key("css/author/1.png"), "{:?}", site.keys());
    // Every `url()` of the stylesheet is a file of the site.
    for url in css.split("url(").skip(1) {
        let target = url[..url.find(')').unwrap()].trim_matches('"');
        let path = match target.strip_prefix("../") {
            Some(path) => path.to_owned(),
            None => format!("css/{target}"),
        };
        assert!(site.contains_key(&path), "{path} is missing");
    }
}
