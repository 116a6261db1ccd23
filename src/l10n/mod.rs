//! The words quire generates, in the book's language: one table per
//! language (`en.toml`, `de.toml`, …, compiled in), with a few regional
//! tables that change only what differs (`pt-BR.toml`, `de-AT.toml`,
//! `en-GB.toml`, `zh-Hant.toml`), and the quotation marks and spacing
//! each language sets ([`punctuation`]).
//!
//! A table is TOML, one key per [`Labels`] field (the keys of `[labels]` in
//! `book.toml`); a phrase's `{name}` placeholders are filled in where it is
//! used. English is the reference: every table has every key, which a test
//! checks. A small hand table rather than Fluent or ICU4X: quire needs
//! some forty fixed phrases with at most three values each, no plural
//! rules, and no date or number formatting beyond a day, a month's name
//! and a year, which the table spells; those crates would add megabytes of
//! locale data to the binary for that.

pub mod punctuation;

use crate::model::Labels;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The languages with a table of their own, by primary subtag.
pub const LANGUAGES: &[&str] = &[
    "en", "de", "fr", "es", "it", "pt", "nl", "sv", "pl", "cs", "ru", "el", "tr", "ja", "zh",
];

/// Every table, by name: a language, or a regional table over it.
const TABLES: &[(&str, &str)] = &[
    ("en", include_str!("en.toml")),
    ("en-GB", include_str!("en-GB.toml")),
    ("de", include_str!("de.toml")),
    ("de-AT", include_str!("de-AT.toml")),
    ("fr", include_str!("fr.toml")),
    ("es", include_str!("es.toml")),
    ("it", include_str!("it.toml")),
    ("pt", include_str!("pt.toml")),
    ("pt-BR", include_str!("pt-BR.toml")),
    ("nl", include_str!("nl.toml")),
    ("sv", include_str!("sv.toml")),
    ("pl", include_str!("pl.toml")),
    ("cs", include_str!("cs.toml")),
    ("ru", include_str!("ru.toml")),
    ("el", include_str!("el.toml")),
    ("tr", include_str!("tr.toml")),
    ("ja", include_str!("ja.toml")),
    ("zh", include_str!("zh.toml")),
    ("zh-Hant", include_str!("zh-Hant.toml")),
];

type Table = BTreeMap<String, String>;

/// The tables, parsed once.
fn tables() -> &'static BTreeMap<&'static str, Table> {
    static TABLES_PARSED: OnceLock<BTreeMap<&'static str, Table>> = OnceLock::new();
    TABLES_PARSED.get_or_init(|| {
        TABLES
            .iter()
            .map(|(name, text)| {
                // The tables are quire's own, checked by the tests below.
                let table: Table = toml::from_str(text).unwrap_or_default();
                (*name, table)
            })
            .collect()
    })
}

/// The primary language subtag of a BCP 47 tag, lower-case (`pt-BR` → `pt`).
pub fn primary(tag: &str) -> String {
    tag.split(['-', '_'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase()
}

/// Whether quire has a table for the language of `tag` (its primary subtag).
pub fn is_known(tag: &str) -> bool {
    LANGUAGES.contains(&primary(tag).as_str())
}

/// The regional table `tag` takes over its language's, if any: `pt-BR`,
/// `de-AT`, `en-GB`; `zh-Hant`, `zh-TW`, `zh-HK` and `zh-MO` take the
/// Traditional Chinese one.
pub fn region(tag: &str) -> Option<&'static str> {
    let lower = tag.to_ascii_lowercase().replace('_', "-");
    let mut subtags = lower.split('-');
    let language = subtags.next().unwrap_or_default();
    let rest: Vec<&str> = subtags.collect();
    let has = |s: &str| rest.contains(&s);
    match language {
        "pt" if has("br") => Some("pt-BR"),
        "de" if has("at") => Some("de-AT"),
        "en" if !has("us")
            && ["gb", "uk", "ie", "au", "nz", "in", "za"]
                .iter()
                .any(|r| has(r)) =>
        {
            Some("en-GB")
        }
        "zh" if has("hant") || (!has("hans") && ["tw", "hk", "mo"].iter().any(|r| has(r))) => {
            Some("zh-Hant")
        }
        _ => None,
    }
}

/// The labels for the language of `tag`, and whether quire knows that
/// language: English, then the language's table, then its region's, each
/// over the one before; an unknown language gets English.
pub fn labels(tag: &str) -> (Labels, bool) {
    let tables = tables();
    let mut labels = Labels::empty();
    let language = primary(tag);
    let known = is_known(tag);
    let mut layers = vec!["en"];
    if known {
        layers.extend(LANGUAGES.iter().copied().filter(|l| **l == language));
    }
    if let Some(region) = region(tag) {
        layers.push(region);
    }
    for layer in layers {
        for (key, value) in tables.get(layer).into_iter().flatten() {
            if let Some(slot) = labels.get_mut(key) {
                slot.clone_from(value);
            }
        }
    }
    (labels, known)
}

/// What is wrong with `pattern` as the value of label `key`: a
/// placeholder the key does not fill (`{x}`), with the ones it does.
pub fn check_pattern(key: &str, pattern: &str) -> Result<(), String> {
    let allowed = Labels::KEYS
        .iter()
        .find(|(k, _)| *k == key)
        .map_or(&[][..], |(_, p)| *p);
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        let name = &after[..close];
        if !allowed.contains(&name) {
            let offer = if allowed.is_empty() {
                format!("`{key}` takes no placeholder")
            } else {
                let names: Vec<String> = allowed.iter().map(|p| format!("`{{{p}}}`")).collect();
                format!("`{key}` takes {}", names.join(", "))
            };
            return Err(format!(
                "`{{{name}}}` is not a placeholder of `{key}`: {offer}"
            ));
        }
        rest = &after[close + 1..];
    }
    Ok(())
}

#[cfg(test)]
mod tests;
