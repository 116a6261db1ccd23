//! The `[epub]` table of `book.toml`: settings of the EPUB alone.
//! (`page-list` is read here; issue 12's `css`, `embed-fonts` and
//! `footnotes` belong in the same table, [`EPUB_KEYS`].)

use super::keys::{key, Key, Shape, BOOK_KEYS};
use super::reader::Reader;
use toml::de::{DeTable, DeValue};

/// The `[epub]` table itself, among the book's keys.
pub(super) const EPUB: Key = key(
    "epub",
    Shape::Table,
    false,
    "a table, opened by an `[epub]` line",
    "[epub]",
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
pub(super) const EPUB_KEYS: &[Key] = &[PAGE_LIST];

/// The `[epub]` table: settings of the EPUB alone.
#[derive(Debug, Clone, PartialEq)]
pub struct EpubConfig {
    /// Whether the EPUB carries the print edition's page breaks, a
    /// page-list and `pageBreakSource` (`page-list`, default `true`).
    pub page_list: bool,
}

impl Default for EpubConfig {
    fn default() -> Self {
        EpubConfig { page_list: true }
    }
}

impl Reader<'_> {
    /// The `[epub]` table, every key checked.
    pub(super) fn epub(&mut self, table: &DeTable<'_>) -> EpubConfig {
        let mut epub = EpubConfig::default();
        let Some(found) = self.get(table, &EPUB, &(0..0)) else {
            return epub;
        };
        let DeValue::Table(inner) = found.get_ref() else {
            return epub;
        };
        self.unknown_keys(
            inner,
            EPUB_KEYS,
            "[epub]",
            BOOK_KEYS,
            ("the `[epub]` line into that table", "`[epub]`"),
        );
        if let Some(on) = self.get(inner, &PAGE_LIST, &found.span()) {
            epub.page_list = on.get_ref().as_bool().unwrap_or(true);
        }
        epub
    }
}

#[cfg(test)]
mod tests {
    use super::super::BookConfig;
    use super::*;
    use std::path::Path;

    const MINIMAL: &str = "title = \"T\"\nauthors = [\"A\"]\nlanguage = \"en\"\n\
        identifier = \"urn:uuid:00000000-0000-4000-8000-000000000000\"\ndate = \"2026-01-02\"\n";

    fn parse(text: &str) -> Result<EpubConfig, Vec<String>> {
        BookConfig::parse(text, Path::new("m/book.toml"))
            .map(|file| file.config.epub)
            .map_err(|errors| errors.0.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn page_list_is_on_unless_turned_off() {
        assert_eq!(parse(MINIMAL).unwrap(), EpubConfig { page_list: true });
        let off = parse(&format!("{MINIMAL}\n[epub]\npage-list = false\n")).unwrap();
        assert!(!off.page_list);
    }

    #[test]
    fn a_wrong_or_unknown_epub_key_is_an_error_at_its_place() {
        let wrong = parse(&format!("{MINIMAL}\n[epub]\npage-list = \"no\"\n")).unwrap_err();
        assert_eq!(wrong.len(), 1, "{wrong:#?}");
        assert!(wrong[0].starts_with("m/book.toml:8:13: "), "{wrong:#?}");
        let unknown = parse(&format!("{MINIMAL}\n[epub]\npagelist = true\n")).unwrap_err();
        assert!(
            unknown[0].starts_with("m/book.toml:8:1: unknown key `pagelist`"),
            "{unknown:#?}"
        );
        let not_table = parse(&format!("{MINIMAL}epub = true\n")).unwrap_err();
        assert!(not_table[0].contains("`epub`"), "{not_table:#?}");
    }
}
