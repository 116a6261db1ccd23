//! The `[epub]` table of `book.toml`: the author's stylesheet, whether the
//! fonts are embedded, where the notes go, and whether the print edition's
//! pages are marked.

use super::keys::{key, Key, Shape, BOOK_KEYS, EPUB};
use super::reader::Reader;
use toml::de::{DeTable, DeValue};

pub(super) const CSS: Key = key(
    "css",
    Shape::Text,
    false,
    "a stylesheet (`.css`) inside the book's folder, in quotes",
    "\"style/extra.css\"",
);
pub(super) const EMBED_FONTS: Key = key(
    "embed-fonts",
    Shape::Bool,
    false,
    "`true` or `false`, without quotes",
    "false",
);
pub(super) const FOOTNOTES: Key = key(
    "footnotes",
    Shape::Text,
    false,
    "`\"popup\"` or `\"endnotes\"`",
    "\"endnotes\"",
);

/// `page-list`: whether the EPUB marks the print edition's pages.
pub(super) const PAGE_LIST: Key = key(
    "page-list",
    Shape::Bool,
    false,
    "`true` or `false`, without quotes",
    "true",
);

/// Every key of the `[epub]` table.
pub(super) const EPUB_KEYS: &[Key] = &[CSS, EMBED_FONTS, FOOTNOTES, PAGE_LIST];

/// The `[epub]` table of `book.toml`.
#[derive(Debug, Clone, PartialEq)]
pub struct EpubConfig {
    /// The author's stylesheet (relative to the manuscript folder) and its
    /// line in `book.toml`, appended after quire's.
    pub css: Option<(String, Option<usize>)>,
    /// Whether the faces are embedded (`embed-fonts`, default `true`).
    pub embed_fonts: bool,
    /// Where the notes go (`footnotes`).
    pub footnotes: Notes,
    /// Whether the EPUB carries the print edition's page breaks, a
    /// page-list and `pageBreakSource` (`page-list`, default `true`).
    pub page_list: bool,
}

impl Default for EpubConfig {
    fn default() -> Self {
        EpubConfig {
            css: None,
            embed_fonts: true,
            footnotes: Notes::Popup,
            page_list: true,
        }
    }
}

/// Where the EPUB puts the notes (`[epub] footnotes`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub enum Notes {
    /// Each part's notes at its end, as `epub:type="footnote"` asides that
    /// reading systems show as pop-ups (the default, as before).
    #[default]
    Popup,
    /// Every note in one generated Notes part at the end of the book.
    Endnotes,
}

impl Reader<'_> {
    /// The `[epub]` table.
    pub(super) fn epub(&mut self, table: &DeTable<'_>) -> EpubConfig {
        let mut config = EpubConfig::default();
        let Some(declared) = self.get(table, &EPUB, &(0..0)) else {
            return config;
        };
        let DeValue::Table(epub) = declared.get_ref() else {
            return config;
        };
        let header = declared.span();
        self.unknown_keys(
            epub,
            EPUB_KEYS,
            "[epub]",
            BOOK_KEYS,
            ("the `[epub]` line into that table", "`[epub]`"),
        );
        if let Some(css) = self.text(epub, &CSS, &header) {
            let file = css.get_ref().trim();
            if std::path::Path::new(file).is_absolute() || file.contains("://") {
                self.invalid(
                    &css.span(),
                    CSS.name,
                    format!(
                        "`{file}` is not a path inside the book's folder: write {}, like `css = {}`",
                        CSS.expected, CSS.example
                    ),
                );
            } else if !file.to_ascii_lowercase().ends_with(".css") {
                self.invalid(
                    &css.span(),
                    CSS.name,
                    format!(
                        "`{file}` is not a stylesheet: write {}, like `css = {}`",
                        CSS.expected, CSS.example
                    ),
                );
            } else {
                let line = self.location(css.span().start).line;
                config.css = Some((file.to_string(), line));
            }
        }
        if let Some(on) = self.get(epub, &EMBED_FONTS, &header) {
            config.embed_fonts = on.get_ref().as_bool().unwrap_or(true);
        }
        if let Some(notes) = self.text(epub, &FOOTNOTES, &header) {
            match notes.get_ref().as_str() {
                "popup" => config.footnotes = Notes::Popup,
                "endnotes" => config.footnotes = Notes::Endnotes,
                other => self.invalid(
                    &notes.span(),
                    FOOTNOTES.name,
                    format!(
                        "`footnotes` must be {}, not `{other}`: `footnotes = {}`",
                        FOOTNOTES.expected, FOOTNOTES.example
                    ),
                ),
            }
        }
        if let Some(on) = self.get(epub, &PAGE_LIST, &header) {
            config.page_list = on.get_ref().as_bool().unwrap_or(true);
        }
        config
    }
}

#[cfg(test)]
mod tests {
    use crate::config::{BookConfig, EpubConfig, Notes};
    use std::path::Path;

    const MINIMAL: &str = "title = \"T\"\nauthors = [\"A\"]\nlanguage = \"en\"\n\
        identifier = \"urn:uuid:00000000-0000-4000-8000-000000000000\"\ndate = \"2026-01-02\"\n";

    fn read(epub: &str) -> Result<EpubConfig, Vec<String>> {
        let text = format!("{MINIMAL}[epub]\n{epub}");
        BookConfig::parse(&text, Path::new("m/book.toml"))
            .map(|file| file.config.epub)
            .map_err(|errors| errors.0.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn the_epub_table_reads_each_key_and_defaults_to_today_s_book() {
        let default = BookConfig::parse(MINIMAL, Path::new("m/book.toml")).unwrap();
        assert_eq!(default.config.epub, EpubConfig::default());
        assert!(default.config.epub.embed_fonts);
        assert_eq!(default.config.epub.footnotes, Notes::Popup);
        let set =
            read("css = \"s/x.css\"\nembed-fonts = false\nfootnotes = \"endnotes\"\n").unwrap();
        assert_eq!(set.css, Some(("s/x.css".to_string(), Some(7))));
        assert!(!set.embed_fonts);
        assert_eq!(set.footnotes, Notes::Endnotes);
    }

    #[test]
    fn bad_epub_values_are_errors_at_their_place() {
        let one = |text: &str| {
            let errors = read(text).unwrap_err();
            assert_eq!(errors.len(), 1, "{errors:#?}");
            errors[0].clone()
        };
        assert!(
            one("footnotes = \"pop-up\"\n").starts_with("m/book.toml:7:13: `footnotes` must be")
        );
        assert!(one("css = \"x.scss\"\n").contains("is not a stylesheet"));
        assert!(one("css = \"/etc/x.css\"\n").contains("not a path inside"));
        assert!(one("embed-fonts = \"no\"\n").contains("embed-fonts"));
        assert!(one("embed_fonts = false\n").contains("unknown key `embed_fonts`"));
    }
}
