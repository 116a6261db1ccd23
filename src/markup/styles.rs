//! The book's styles as the EPUB and the HTML site carry them alike: the
//! stylesheet and the faces it names — the shipped faces, or the author's
//! (`[fonts] body`, `mono`…) in their place, and the fallback fonts; none
//! with `[epub] embed-fonts = false` — and the author's stylesheet (`[epub]
//! css`), appended after quire's rules, with the files its `url()`s name.
//! Each back end writes the faces its own way (the EPUB subsets them, the
//! site keeps them whole).

use crate::config::Figures;
use crate::fonts::{author_face, face, figure_digits, Style};
use crate::model::{walk, Book, FontAsset};
use rayon::prelude::*;

/// The shipped families the author's faces replace in the stylesheet's
/// `font-family` lists.
const SHIPPED_SERIF: &str = "Charis, Georgia, serif";
const SHIPPED_MONO: &str = "\"DejaVu Sans Mono\", monospace";

/// An author's face as the EPUB carries it: its style, file name in
/// `fonts/` and the font.
struct AuthorFile<'a> {
    style: Style,
    file: String,
    font: &'a FontAsset,
}

/// A CSS family name in quotes.
fn quoted(family: &str) -> String {
    format!("\"{}\"", family.replace(['"', '\\'], ""))
}

/// The `@font-face` rule of an author's face, in `family`.
fn rule(family: &str, style: Style, file: &str) -> String {
    let italic = if style.is_italic() {
        "italic"
    } else {
        "normal"
    };
    let bold = if style.is_bold() { "bold" } else { "normal" };
    format!(
        "@font-face {{ font-family: {}; font-style: {italic}; font-weight: {bold}; src: url(../fonts/{file}); }}\n",
        quoted(family)
    )
}

/// The author's faces the book uses, each with its file name in `fonts/`:
/// the four text styles given when `body` is, `mono` when the text has code.
fn author_files(book: &Book, code: bool) -> Vec<AuthorFile<'_>> {
    let styles = [
        (Style::Regular, "body"),
        (Style::Italic, "body-italic"),
        (Style::Bold, "body-bold"),
        (Style::BoldItalic, "body-bold-italic"),
        (Style::Mono, "mono"),
    ];
    styles
        .into_iter()
        .filter(|(style, _)| *style != Style::Mono || code)
        .filter_map(|(style, name)| {
            let font = author_face(&book.faces, style)?;
            let extension = if font.cff { "otf" } else { "ttf" };
            Some(AuthorFile {
                style,
                file: format!("{name}.{extension}"),
                font,
            })
        })
        .collect()
}

/// The stylesheet with the author's faces in place of the shipped ones
/// they replace: their rules instead of the shipped faces', their family
/// first in the `font-family` lists; `styles` keeps the shipped faces
/// still named.
fn replace_faces(stylesheet: &str, styles: &mut Vec<Style>, files: &[AuthorFile<'_>]) -> String {
    let mut css = stylesheet.to_string();
    for (main, shipped, generic) in [
        (Style::Regular, SHIPPED_SERIF, "Georgia, serif"),
        (Style::Mono, SHIPPED_MONO, "monospace"),
    ] {
        let given: Vec<&AuthorFile<'_>> = files
            .iter()
            .filter(|f| (f.style == Style::Mono) == (main == Style::Mono))
            .collect();
        let Some(first) = given.first() else {
            continue;
        };
        let family = first.font.family.clone();
        let shipped_family = face(main).family;
        let replaced: &[Style] = if main == Style::Mono {
            &[Style::Mono]
        } else {
            &[
                Style::Regular,
                Style::Italic,
                Style::Bold,
                Style::BoldItalic,
            ]
        };
        styles.retain(|s| !replaced.contains(s));
        let prefix = format!("@font-face {{ font-family: \"{shipped_family}\";");
        let rules: String = given
            .iter()
            .map(|f| rule(&family, f.style, &f.file))
            .collect();
        let mut out = String::with_capacity(css.len());
        let mut placed = false;
        for line in css.split_inclusive('\n') {
            if line.starts_with(&prefix) {
                if !placed {
                    out.push_str(&rules);
                    placed = true;
                }
                continue;
            }
            out.push_str(line);
        }
        if !placed {
            out.insert_str(0, &rules);
        }
        css = out
            .replace(
                &format!("{}, ", quoted(shipped_family)),
                &format!("{}, ", quoted(&family)),
            )
            .replace(shipped, generic);
    }
    css
}

/// A font file the stylesheet names, to be written to `fonts/`.
#[derive(Debug)]
pub struct FontFile<'a> {
    /// Its name in `fonts/`.
    pub file: String,
    /// Whether it has CFF outlines (`.otf`, `font/otf`).
    pub cff: bool,
    /// The whole font.
    pub data: &'a [u8],
    /// Its name in messages: the shipped file's name, or the author's path.
    pub name: &'a str,
    /// The digits to map to other glyphs (the old-style figures `[fonts]
    /// figures` asks for, where the face has them) when the font is cut
    /// down to a new `cmap`; empty for the code's face.
    pub figures: Vec<(char, u16)>,
}

/// The book's styles: the stylesheet, the fonts it names and the author's
/// files (see the module's comment).
#[derive(Debug)]
pub struct Styles<'a> {
    /// The whole stylesheet, for `css/book.css`.
    pub stylesheet: String,
    /// The fonts it names (none when they are not embedded).
    pub fonts: Vec<FontFile<'a>>,
    /// The files the author's stylesheet names: the path beside the
    /// stylesheet (`author/…`, to be written under `css/`), the media type
    /// and the bytes.
    pub files: Vec<(&'a str, &'static str, &'a [u8])>,
}

/// The styles of `book`, with the Greek faces when `greek` (see
/// [`crate::markup::stylesheet`]) and the fonts only when `embed`.
pub fn styles(book: &Book, greek: bool, embed: bool) -> Styles<'_> {
    let code = walk::uses_code(book);
    let fallbacks: Vec<(String, String)> = book
        .fonts
        .iter()
        .enumerate()
        .map(|(i, font)| {
            let extension = if font.cff { "otf" } else { "ttf" };
            (
                font.family.clone(),
                format!("fallback-{}.{extension}", i + 1),
            )
        })
        .collect();
    let highlight = crate::markup::highlight::css(book);
    let (stylesheet, mut styles) = crate::markup::stylesheet(code, greek, &fallbacks, &highlight);
    let files = author_files(book, code);
    let mut stylesheet = replace_faces(&stylesheet, &mut styles, &files);
    match book.faces.figures {
        Figures::OldStyle => {
            stylesheet.push_str("\nbody { font-variant-numeric: oldstyle-nums; }\n");
        }
        Figures::Lining => stylesheet.push_str("\nbody { font-variant-numeric: lining-nums; }\n"),
        Figures::Default => {}
    }
    stylesheet.push_str(&crate::markup::design::css(&book.settings.design));
    if !embed {
        // No font files: the rules go, the families stay (a reading
        // system may have them), and the generic family ends each list.
        stylesheet = stylesheet
            .split_inclusive('\n')
            .filter(|line| !line.starts_with("@font-face"))
            .collect();
    }
    let css = book.settings.epub.css.as_ref();
    if let Some(css) = css {
        stylesheet.push_str(&format!(
            "\n/* The author's stylesheet ({}). */\n{}\n",
            css.path.replace("*/", "* /"),
            css.text
        ));
    }
    let author_css = css
        .map(|css| {
            css.files
                .iter()
                .map(|(name, media_type, data)| (name.as_str(), *media_type, &data[..]))
                .collect()
        })
        .unwrap_or_default();
    let mut fonts = Vec::new();
    if embed {
        // Each face is inflated once, on first use: here all at once, on
        // every core (the sample's four faces are half of its EPUB's work).
        styles.par_iter().for_each(|style| {
            face(*style).data();
        });
        // The text's figures, not the code's.
        let figures = |data: &[u8], style: Option<Style>| match style {
            Some(Style::Mono) => Vec::new(),
            _ => figure_digits(data, book.faces.figures),
        };
        for style in &styles {
            let shipped = face(*style);
            fonts.push(FontFile {
                file: shipped.file_name.to_string(),
                cff: false,
                data: shipped.data(),
                name: shipped.file_name,
                figures: figures(shipped.data(), Some(*style)),
            });
        }
        for file in &files {
            let font = file.font;
            fonts.push(FontFile {
                file: file.file.clone(),
                cff: font.cff,
                data: &font.data,
                name: &font.path,
                figures: figures(&font.data, Some(file.style)),
            });
        }
        for (font, (_, file)) in book.fonts.iter().zip(&fallbacks) {
            fonts.push(FontFile {
                file: file.clone(),
                cff: font.cff,
                data: &font.data,
                name: &font.path,
                figures: figures(&font.data, None),
            });
        }
    }
    Styles {
        stylesheet,
        fonts,
        files: author_css,
    }
}
