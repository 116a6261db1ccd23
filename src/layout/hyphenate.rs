//! Liang hyphenation in the book's language.

use hyphenation::{Hyphenator as _, Language, Load, Standard};
use std::sync::OnceLock;

/// Finds the places where a word may be hyphenated.
#[derive(Debug, Clone, Copy)]
pub struct Hyphenator {
    dictionary: Option<&'static Standard>,
}

fn english() -> Option<&'static Standard> {
    static DICTIONARY: OnceLock<Option<Standard>> = OnceLock::new();
    DICTIONARY
        .get_or_init(|| Standard::from_embedded(Language::EnglishUS).ok())
        .as_ref()
}

impl Hyphenator {
    /// The hyphenator for a BCP 47 language tag. Only US English patterns
    /// are compiled in; any other language falls back to them, with a warning.
    pub fn for_language(tag: &str) -> Hyphenator {
        let primary = tag.split(['-', '_']).next().unwrap_or_default();
        if !primary.eq_ignore_ascii_case("en") {
            log::warn!("no hyphenation patterns for language `{tag}`; using US English");
        }
        Hyphenator {
            dictionary: english(),
        }
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

    fn hyphenated(word: &str) -> String {
        let h = Hyphenator::for_language("en-US");
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
}
