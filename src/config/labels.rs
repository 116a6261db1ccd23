//! The `[labels]` table of `book.toml`: the author's own generated words
//! (`chapter = "Teil"`, `contents = "Inhaltsverzeichnis"`), each key a
//! [`crate::model::Labels`] field; and the one warning for a language
//! quire has no words for.

use super::keys::{key, Key, Shape};
use super::reader::Reader;
use crate::error::ErrorKind;
use crate::model::Labels;
use std::collections::BTreeMap;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// The `[labels]` table.
pub(super) const LABELS: Key = key(
    "labels",
    Shape::Table,
    false,
    "a table, opened by a `[labels]` line",
    "[labels]",
);

impl Reader<'_> {
    /// The `[labels]` table, every key and pattern checked; and a warning
    /// at the `language` line when quire has no words for it (English is
    /// used).
    pub(super) fn labels(
        &mut self,
        table: &DeTable<'_>,
        language: Option<&Spanned<String>>,
    ) -> BTreeMap<String, String> {
        if let Some(tag) = language {
            if super::is_language_tag(tag.get_ref()) && !crate::l10n::is_known(tag.get_ref()) {
                self.warn(
                    &tag.span(),
                    format!(
                        "quire has no generated words for language `{}`: they are English \
                         (set them in `[labels]`); the languages with their own are {}",
                        tag.get_ref(),
                        crate::l10n::LANGUAGES.join(", ")
                    ),
                );
            }
        }
        let mut labels = BTreeMap::new();
        let Some(found) = self.get(table, &LABELS, &(0..0)) else {
            return labels;
        };
        let DeValue::Table(inner) = found.get_ref() else {
            return labels;
        };
        let names = || Labels::KEYS.iter().map(|(k, _)| *k);
        for (name, value) in inner.iter() {
            let written: &str = name.get_ref();
            let Some(&(key, _)) = Labels::KEYS.iter().find(|(k, _)| *k == written) else {
                let hint = match crate::hint::closest(written, names()) {
                    Some(meant) => format!("did you mean `{meant}`? The labels are {}", list()),
                    None => format!("the labels are {}", list()),
                };
                let kind = ErrorKind::UnknownKey {
                    key: written.to_string(),
                    table: "[labels]".to_string(),
                };
                self.error(&name.span(), kind, Some(hint));
                continue;
            };
            let text = match value.get_ref() {
                DeValue::String(text) => text.to_string(),
                _ => {
                    let kind = ErrorKind::WrongType {
                        key,
                        expected: "the words in quotes",
                    };
                    let example = crate::l10n::labels("en").0;
                    let hint = format!(
                        "write `{key} = \"{}\"`",
                        example.get(key).unwrap_or_default()
                    );
                    self.error(&value.span(), kind, Some(hint));
                    continue;
                }
            };
            let problem = if text.trim().is_empty() {
                Err(format!(
                    "`{key}` in `[labels]` is empty: write the words, or delete the line to keep the language's"
                ))
            } else {
                crate::l10n::check_pattern(key, &text)
            };
            match problem {
                Ok(()) => {
                    labels.insert(key.to_string(), text);
                }
                Err(message) => self.error(
                    &value.span(),
                    ErrorKind::InvalidValue { key, message },
                    None,
                ),
            }
        }
        labels
    }
}

/// Every label's key, for hints.
fn list() -> String {
    let keys: Vec<&str> = Labels::KEYS.iter().map(|(k, _)| *k).collect();
    keys.join(", ")
}

#[cfg(test)]
mod tests {
    use crate::config::BookConfig;
    use std::path::Path;

    fn book(language: &str, rest: &str) -> String {
        format!(
            "title = \"T\"\nauthors = [\"A\"]\nlanguage = \"{language}\"\n\
             identifier = \"urn:uuid:00000000-0000-4000-8000-000000000000\"\n\
             date = \"2026-01-02\"\n{rest}"
        )
    }

    fn errors(text: &str) -> Vec<(String, Option<String>)> {
        BookConfig::parse(text, Path::new("book.toml"))
            .expect_err("rejected")
            .0
            .iter()
            .map(|e| (e.to_string(), e.hint.as_deref().map(String::from)))
            .collect()
    }

    #[test]
    fn labels_are_read_by_key() {
        let text = book(
            "de",
            "[labels]\nchapter = \"Teil\"\ncontents = \"Inhaltsverzeichnis\"\n",
        );
        let parsed = BookConfig::parse(&text, Path::new("book.toml")).expect("accepted");
        assert!(parsed.warnings.is_empty());
        assert_eq!(parsed.config.labels["chapter"], "Teil");
        assert_eq!(parsed.config.labels["contents"], "Inhaltsverzeichnis");
        assert_eq!(parsed.config.labels.len(), 2);
    }

    #[test]
    fn an_unknown_label_is_an_error_with_the_valid_keys() {
        let found = errors(&book(
            "de",
            "[labels]\nchapters = \"Teil\"\nzzzzzz = \"x\"\n",
        ));
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0]
            .0
            .starts_with("book.toml:7:1: unknown key `chapters` in [labels]"));
        let hint = found[0].1.as_deref().unwrap_or_default();
        assert!(
            hint.starts_with(
                "did you mean `chapter`? The labels are chapter, numbered-title, contents"
            ),
            "{hint}"
        );
        let hint = found[1].1.as_deref().unwrap_or_default();
        assert!(
            hint.starts_with("the labels are chapter,") && hint.contains("see-page"),
            "{hint}"
        );
    }

    #[test]
    fn a_label_of_the_wrong_type_or_with_a_foreign_placeholder_is_an_error_at_its_value() {
        let found = errors(&book(
            "en",
            "[labels]\ncontents = 3\nchapter = \"Part {number}\"\nnotes = \" \"\n",
        ));
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(
            found[0]
                .0
                .starts_with("book.toml:7:12: `contents` must be the words in quotes"),
            "{found:?}"
        );
        assert_eq!(
            found[0].1.as_deref(),
            Some("write `contents = \"Contents\"`")
        );
        assert!(found[1].0.starts_with("book.toml:8:11: `{number}` is not a placeholder of `chapter`: `chapter` takes `{n}`"), "{found:?}");
        assert!(
            found[2].0.contains("`notes` in `[labels]` is empty"),
            "{found:?}"
        );
        let not_a_table = errors(&book("en", "labels = \"x\"\n"));
        assert!(
            not_a_table[0].0.contains("`labels` must be a table"),
            "{not_a_table:?}"
        );
    }

    #[test]
    fn an_unknown_language_is_one_warning_at_its_line() {
        let parsed = BookConfig::parse(&book("eo", ""), Path::new("book.toml")).expect("accepted");
        let warnings: Vec<String> = parsed.warnings.iter().map(ToString::to_string).collect();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(
            warnings[0].starts_with(
                "book.toml:3:12: quire has no generated words for language `eo`: they are English"
            ),
            "{warnings:?}"
        );
        for known in ["fr", "pt-BR", "zh-Hant-TW", "en-GB"] {
            let parsed = BookConfig::parse(&book(known, ""), Path::new("book.toml")).unwrap();
            assert!(parsed.warnings.is_empty(), "{known}");
        }
    }
}
