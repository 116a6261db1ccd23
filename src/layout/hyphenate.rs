//! Liang hyphenation in the book's language: the `hyphenation` crate's
//! patterns (every language it has), chosen by the BCP 47 tag. `build.rs`
//! stores them deflated; a language's are inflated the first time a book in
//! that language is typeset.

use hyphenation::{Hyphenator as _, Language, Load, Standard};
use std::collections::BTreeMap;
use std::io::Read;
use std::sync::{Mutex, OnceLock};

/// Finds the places where a word may be hyphenated.
#[derive(Debug, Clone, Copy)]
pub struct Hyphenator {
    dictionary: Option<&'static Standard>,
    /// Whether a capitalised word is an ordinary word (every German noun)
    /// rather than a proper name, which is not hyphenated.
    capitals: bool,
}

/// A language's dictionary (bincode) as `build.rs` stored it.
enum Stored {
    /// Deflated.
    Deflated(&'static [u8]),
    /// As the dictionary of the language with this code, with these bytes
    /// (offset, value) in its place.
    Like(&'static str, &'static [(usize, u8)]),
}

/// Each language's dictionary as `build.rs` stored it, by code, in code order.
static STORED: &[(&str, Stored)] = include!(concat!(env!("OUT_DIR"), "/dictionaries.rs"));

/// The bincode bytes of the dictionary with `code` (`None` if [`STORED`]
/// has none, or it does not inflate).
fn bincode(code: &str) -> Option<Vec<u8>> {
    let index = STORED.binary_search_by(|(c, _)| (*c).cmp(code)).ok()?;
    match &STORED[index].1 {
        Stored::Deflated(deflated) => {
            let mut bytes = Vec::new();
            flate2::read::DeflateDecoder::new(*deflated)
                .read_to_end(&mut bytes)
                .ok()?;
            Some(bytes)
        }
        Stored::Like(base, differ) => {
            let mut bytes = bincode(base)?;
            for &(at, value) in *differ {
                *bytes.get_mut(at)? = value;
            }
            Some(bytes)
        }
    }
}

/// The dictionary of `language` from [`STORED`] (`None` if the crate has
/// none for it, or it does not read back).
fn inflate(language: Language) -> Option<Standard> {
    let bytes = bincode(language.code())?;
    Standard::from_reader(language, &mut bytes.as_slice()).ok()
}

/// The patterns of `language`, loaded once per process (each language's
/// dictionary is leaked: there are at most a few dozen, each read once).
fn dictionary(language: Language) -> Option<&'static Standard> {
    static LOADED: OnceLock<Mutex<BTreeMap<Language, Option<&'static Standard>>>> = OnceLock::new();
    let loaded = LOADED.get_or_init(Default::default);
    let mut loaded = loaded
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    *loaded
        .entry(language)
        .or_insert_with(|| inflate(language).map(|d| &*Box::leak(Box::new(d))))
}

/// The patterns for a BCP 47 tag: the tag itself where the crate names it
/// (`de-1901`, `el-polyton`), then its language with the region or script
/// that picks a variant (`en-GB` and the Commonwealth → British, other
/// English → American; `de` → the 1996 orthography; `el` → monotonic;
/// `sr-Latn` → Latin Serbo-Croatian; `no` → Bokmål), then its language
/// alone. `None`: the crate has no patterns (Japanese, Chinese in
/// characters, Korean…), and the book is not hyphenated.
pub fn language(tag: &str) -> Option<Language> {
    let lower = tag.to_ascii_lowercase().replace('_', "-");
    if let Some(language) = Language::try_from_code(&lower) {
        return Some(language);
    }
    let mut subtags = lower.split('-');
    let primary = subtags.next().unwrap_or_default();
    let rest: Vec<&str> = subtags.collect();
    let has = |s: &str| rest.contains(&s);
    let language = match primary {
        "en" if ["gb", "uk", "ie", "au", "nz", "in", "za"]
            .iter()
            .any(|r| has(r)) =>
        {
            Language::EnglishGB
        }
        "en" => Language::EnglishUS,
        "de" if has("1901") => Language::German1901,
        "de" => Language::German1996,
        "el" if has("polyton") => Language::GreekPoly,
        "el" => Language::GreekMono,
        "sr" if has("latn") => Language::SerbocroatianLatin,
        "sr" => Language::SerbianCyrillic,
        "sh" | "hbs" | "bs" => Language::SerbocroatianLatin,
        "no" | "nb" => Language::NorwegianBokmal,
        "mn" => Language::Mongolian,
        "am" | "ti" => Language::Ethiopic,
        "zh" if has("pinyin") => Language::Chinese,
        "zh" => return None,
        "fi" if has("x") && has("school") => Language::FinnishScholastic,
        other => return Language::try_from_code(other),
    };
    Some(language)
}

impl Hyphenator {
    /// The hyphenator for a BCP 47 language tag ([`language`]); one that
    /// breaks no word when the language has no patterns.
    pub fn for_language(tag: &str) -> Hyphenator {
        let dictionary = language(tag).and_then(dictionary);
        if dictionary.is_none() {
            log::debug!("no hyphenation patterns for language `{tag}`: words are not hyphenated");
        }
        let primary = crate::l10n::primary(tag);
        Hyphenator {
            dictionary,
            capitals: matches!(primary.as_str(), "de" | "gsw" | "lb"),
        }
    }

    /// Whether capitalised words may be hyphenated: in German (and Swiss
    /// German, Luxembourgish) every noun is capitalised, so a capital does
    /// not mark a proper name there.
    pub fn hyphenates_capitals(&self) -> bool {
        self.capitals
    }

    /// Byte offsets inside `word` where a hyphen may go.
    pub fn breaks(&self, word: &str) -> Vec<usize> {
        match self.dictionary {
            Some(dictionary) if word.chars().all(char::is_alphabetic) => {
                dictionary.hyphenate(word).breaks
            }
            _ => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hyphenated_in(tag: &str, word: &str) -> String {
        let h = Hyphenator::for_language(tag);
        let mut out = String::new();
        let mut last = 0;
        for b in h.breaks(word) {
            out.push_str(&word[last..b]);
            out.push('-');
            last = b;
        }
        out.push_str(&word[last..]);
        out
    }

    fn hyphenated(word: &str) -> String {
        hyphenated_in("en-US", word)
    }

    #[test]
    fn known_words_break_at_the_dictionary_points() {
        assert_eq!(hyphenated("hyphenation"), "hy-phen-a-tion");
        assert_eq!(hyphenated("Byzantine"), "Byzan-tine");
        assert_eq!(hyphenated("the"), "the");
    }

    #[test]
    fn words_with_digits_or_marks_are_left_alone() {
        assert_eq!(hyphenated("A.D.531"), "A.D.531");
    }

    #[test]
    fn each_language_breaks_with_its_own_patterns() {
        // German compounds break at their joints; English patterns would not.
        assert_eq!(
            hyphenated_in("de-AT", "Silbentrennung"),
            "Sil-ben-tren-nung"
        );
        let words = ["Geschwindigkeitsbegrenzung", "Wissenschaft", "Übersetzung"];
        assert!(
            words
                .iter()
                .any(|w| hyphenated_in("en", w) != hyphenated_in("de", w)),
            "German and English patterns break these words alike"
        );
        assert_eq!(hyphenated_in("fr", "typographie"), "ty-po-gra-phie");
        assert_eq!(hyphenated_in("ru", "переносы"), "пе-ре-но-сы");
        for tag in [
            "es", "it", "pt-BR", "nl", "sv", "pl", "cs", "el", "tr", "en-GB",
        ] {
            assert!(language(tag).is_some(), "{tag}");
            assert!(Hyphenator::for_language(tag).dictionary.is_some(), "{tag}");
        }
    }

    #[test]
    fn every_stored_dictionary_inflates_as_its_language() {
        // build.rs stored every language the crate has patterns for.
        assert!(STORED.len() >= 70, "{} dictionaries", STORED.len());
        assert!(STORED.windows(2).all(|w| w[0].0 < w[1].0));
        // Nynorsk has Bokmål's patterns: stored as Bokmål's and a few bytes.
        assert!(STORED
            .iter()
            .any(|(code, stored)| *code == "nn" && matches!(stored, Stored::Like("nb", _))));
        for (code, _) in STORED {
            let language = Language::try_from_code(code).unwrap();
            let dictionary = inflate(language).unwrap_or_else(|| panic!("{code}"));
            assert_eq!(dictionary.language(), language);
            assert_eq!(dictionary.minima, language.minima(), "{code}");
        }
    }

    #[test]
    fn a_language_without_patterns_breaks_nothing() {
        assert_eq!(language("ja"), None);
        assert_eq!(language("zh-Hans"), None);
        assert_eq!(hyphenated_in("ja", "ひらがな"), "ひらがな");
        assert_eq!(hyphenated_in("xx", "hyphenation"), "hyphenation");
        assert_eq!(language("de"), Some(Language::German1996));
        assert_eq!(language("el-polyton"), Some(Language::GreekPoly));
        assert_eq!(language("en-AU"), Some(Language::EnglishGB));
        assert!(Hyphenator::for_language("de-CH").hyphenates_capitals());
        assert!(!Hyphenator::for_language("en").hyphenates_capitals());
    }
}
