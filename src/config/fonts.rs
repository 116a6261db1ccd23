//! The `[fonts]` table of `book.toml`: the author's own faces (`body`, its
//! italic and bold, `mono`), the fallback fonts, and the figures.

use super::keys::{key, Key, Shape, BOOK_KEYS, FONTS};
use super::reader::Reader;
use crate::error::ErrorKind;
use crate::fonts::Style;
use std::ops::Range;
use std::path::Path;
use toml::de::{DeTable, DeValue};

pub(super) const FALLBACK: Key = key(
    "fallback",
    Shape::List,
    false,
    "a list of font files (TrueType or OpenType) inside the book's folder",
    "[\"fonts/NotoSerifCJKsc-Regular.otf\"]",
);
const FACE: &str = "a font file (TrueType or OpenType) inside the book's folder, in quotes";
pub(super) const BODY: Key = key(
    "body",
    Shape::Text,
    false,
    FACE,
    "\"fonts/EBGaramond-Regular.otf\"",
);
pub(super) const BODY_ITALIC: Key = key(
    "body-italic",
    Shape::Text,
    false,
    FACE,
    "\"fonts/EBGaramond-Italic.otf\"",
);
pub(super) const BODY_BOLD: Key = key(
    "body-bold",
    Shape::Text,
    false,
    FACE,
    "\"fonts/EBGaramond-Bold.otf\"",
);
pub(super) const BODY_BOLD_ITALIC: Key = key(
    "body-bold-italic",
    Shape::Text,
    false,
    FACE,
    "\"fonts/EBGaramond-BoldItalic.otf\"",
);
pub(super) const MONO: Key = key("mono", Shape::Text, false, FACE, "\"fonts/Mono.ttf\"");
pub(super) const FIGURES: Key = key(
    "figures",
    Shape::Text,
    false,
    "`\"lining\"` or `\"old-style\"`",
    "\"old-style\"",
);

/// Every key of the `[fonts]` table.
pub(super) const FONT_KEYS: &[Key] = &[
    BODY,
    BODY_ITALIC,
    BODY_BOLD,
    BODY_BOLD_ITALIC,
    MONO,
    FALLBACK,
    FIGURES,
];

/// The face keys and the style each replaces.
const FACE_KEYS: [(Key, Style); 5] = [
    (BODY, Style::Regular),
    (BODY_ITALIC, Style::Italic),
    (BODY_BOLD, Style::Bold),
    (BODY_BOLD_ITALIC, Style::BoldItalic),
    (MONO, Style::Mono),
];

/// The `[fonts]` table of `book.toml`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FontsConfig {
    /// The author's faces in place of the shipped ones: the style each
    /// replaces (`body` → [`Style::Regular`], `body-italic`, `body-bold`,
    /// `body-bold-italic`, `mono`), the file (relative to the manuscript
    /// folder, inside it) and its line in `book.toml`; in that order.
    pub faces: Vec<(Style, String, Option<usize>)>,
    /// Font files tried in order for text the book's faces do not have,
    /// each with its line in `book.toml`.
    pub fallback: Vec<(String, Option<usize>)>,
    /// Which figures the text is set with (`figures`).
    pub figures: Figures,
}

/// The figures of the text (`[fonts] figures`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub enum Figures {
    /// The face's default figures (lining in most faces, old-style in
    /// some, such as EB Garamond).
    #[default]
    Default,
    /// Lining figures (`lnum`) where the face has them.
    Lining,
    /// Old-style figures (`onum`) where the face has them.
    OldStyle,
}

impl Figures {
    /// The OpenType feature that asks for these figures, if any.
    pub fn feature(self) -> Option<&'static [u8; 4]> {
        match self {
            Figures::Default => None,
            Figures::Lining => Some(b"lnum"),
            Figures::OldStyle => Some(b"onum"),
        }
    }
}

/// Why `file` cannot name a font file, if it cannot.
fn font_path_problem(file: &str) -> Option<String> {
    let lower = file.to_ascii_lowercase();
    if file.is_empty() {
        Some("an empty entry".to_string())
    } else if Path::new(file).is_absolute() || file.contains("://") {
        Some(format!("`{file}` is not a path inside the book's folder"))
    } else if ![".ttf", ".otf", ".ttc", ".otc"]
        .iter()
        .any(|end| lower.ends_with(end))
    {
        Some(format!(
            "`{file}` is not a TrueType or OpenType font file (`.ttf`, `.otf`, `.ttc`)"
        ))
    } else {
        None
    }
}

impl Reader<'_> {
    /// The `[fonts]` table: each face and `fallback` file with its line,
    /// and the figures.
    pub(super) fn fonts(&mut self, table: &DeTable<'_>) -> FontsConfig {
        let mut config = FontsConfig::default();
        let Some(declared) = self.get(table, &FONTS, &(0..0)) else {
            return config;
        };
        let DeValue::Table(fonts) = declared.get_ref() else {
            return config;
        };
        let header = declared.span();
        self.unknown_keys(
            fonts,
            FONT_KEYS,
            "[fonts]",
            BOOK_KEYS,
            ("the `[fonts]` line into that table", "`[fonts]`"),
        );
        for (key, style) in FACE_KEYS {
            if let Some(file) = self.text(fonts, &key, &header) {
                let span = file.span();
                if let Some(file) = self.font_file(file.get_ref().trim(), &span, &key, false) {
                    config
                        .faces
                        .push((style, file, self.location(span.start).line));
                }
            }
        }
        if let Some(found) = self.get(fonts, &FALLBACK, &header) {
            if let DeValue::Array(items) = found.get_ref() {
                for item in items.iter() {
                    let file = item.get_ref().as_str().unwrap_or_default().trim();
                    let span = item.span();
                    if let Some(file) = self.font_file(file, &span, &FALLBACK, true) {
                        config.fallback.push((file, self.location(span.start).line));
                    }
                }
            }
        }
        if let Some(figures) = self.text(fonts, &FIGURES, &header) {
            match figures.get_ref().as_str() {
                "lining" => config.figures = Figures::Lining,
                "old-style" => config.figures = Figures::OldStyle,
                other => self.invalid(
                    &figures.span(),
                    FIGURES.name,
                    format!(
                        "`figures` must be {}, not `{other}`: `figures = {}`",
                        FIGURES.expected, FIGURES.example
                    ),
                ),
            }
        }
        if config
            .faces
            .iter()
            .any(|(style, ..)| matches!(style, Style::Italic | Style::Bold | Style::BoldItalic))
            && !config
                .faces
                .iter()
                .any(|(style, ..)| *style == Style::Regular)
        {
            let kind = ErrorKind::MissingKey { key: BODY.name };
            let hint = format!(
                "the italic and bold faces go with a `body` face: add `body = {}`, or delete them",
                BODY.example
            );
            self.error(&header, kind, Some(hint));
        }
        config
    }

    /// `file` when it may name a font file, else an error at `span`.
    fn font_file(
        &mut self,
        file: &str,
        span: &Range<usize>,
        key: &Key,
        list: bool,
    ) -> Option<String> {
        let Some(problem) = font_path_problem(file) else {
            return Some(file.to_string());
        };
        let (what, example) = if list {
            (key.expected.trim_start_matches("a list of "), key.example)
        } else {
            (key.expected, key.example)
        };
        self.invalid(
            span,
            key.name,
            format!(
                "{problem} in `{}`: write {what}, like `{} = {example}`",
                key.name, key.name
            ),
        );
        None
    }
}

#[cfg(test)]
mod tests {
    use crate::config::{BookConfig, Figures};
    use crate::fonts::Style;
    use std::path::Path;

    const MINIMAL: &str = "title = \"T\"\nauthors = [\"A\"]\nlanguage = \"en\"\n\
        identifier = \"urn:uuid:00000000-0000-4000-8000-000000000000\"\ndate = \"2026-01-02\"\n";

    fn errors(fonts: &str) -> Vec<String> {
        let text = format!("{MINIMAL}[fonts]\n{fonts}");
        BookConfig::parse(&text, Path::new("m/book.toml"))
            .expect_err("refused")
            .0
            .iter()
            .map(|e| format!("{e} | {}", e.hint.clone().unwrap_or_default()))
            .collect()
    }

    #[test]
    fn the_faces_are_read_with_their_styles_and_lines() {
        let text = format!(
            "{MINIMAL}[fonts]\nbody = \"f/R.otf\"\nbody-italic = \"f/I.otf\"\n\
             mono = \"f/M.ttf\"\nfigures = \"old-style\"\n"
        );
        let config = BookConfig::parse(&text, Path::new("m/book.toml"))
            .unwrap()
            .config
            .fonts;
        assert_eq!(
            config.faces,
            [
                (Style::Regular, "f/R.otf".to_string(), Some(7)),
                (Style::Italic, "f/I.otf".to_string(), Some(8)),
                (Style::Mono, "f/M.ttf".to_string(), Some(9)),
            ]
        );
        assert_eq!(config.figures, Figures::OldStyle);
        let plain = BookConfig::parse(MINIMAL, Path::new("m/book.toml")).unwrap();
        assert_eq!(plain.config.fonts.figures, Figures::Default);
    }

    #[test]
    fn bad_faces_are_errors_at_their_place_with_what_to_write() {
        let found = errors("body = \"f/R.woff2\"\n");
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0].starts_with("m/book.toml:7:8: "), "{found:#?}");
        assert!(found[0].contains("not a TrueType or OpenType font file"));
        let found = errors("body = 3\n");
        assert!(found[0].contains("body = \"3\""), "{found:#?}");
        let found = errors("figures = \"oldstyle\"\n");
        assert!(found[0].contains("`figures` must be `\"lining\"` or `\"old-style\"`"));
        let found = errors("bodyitalic = \"f/I.otf\"\n");
        assert!(
            found[0].contains("did you mean `body-italic`?"),
            "{found:#?}"
        );
        let found = errors("body-bold = \"f/B.otf\"\n");
        assert!(found[0].contains("missing") || found[0].contains("`body`"));
        assert!(found[0].contains("add `body = "), "{found:#?}");
        let found = errors("mono = \"/usr/share/fonts/x.ttf\"\n");
        assert!(found[0].contains("not a path inside the book's folder"));
    }
}
