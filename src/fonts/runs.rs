//! Font fallback by runs of text, not by glyph: a word is set in the first
//! face that has every one of its letters, so that a word is never a mix
//! of faces (`Ἀθῆναι` wholly in the Greek face, though Charis SIL has its
//! `θ` and `α`).
//!
//! Text is cut into grapheme clusters (a combining mark stays with its
//! base), the clusters into words (at white space, and where the letters
//! change script), and each word is given the first face, in the order
//! [`FontSet::order`] says, that covers all its letters. A cluster of the
//! word that face lacks (a symbol, say) takes the first face that has it;
//! a cluster no face has is left out.

use super::{FontSet, Style};
use std::ops::Range;
use unicode_script::{Script, UnicodeScript};
use unicode_segmentation::UnicodeSegmentation;

/// A stretch of text set in one face.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    /// The face, or `None` when no face has the text (it is left out).
    pub style: Option<Style>,
    /// The byte range of the text.
    pub range: Range<usize>,
}

/// The script of a cluster: that of its first character (a combining mark
/// is never first in a cluster but when it has no base).
pub fn script_of(cluster: &str) -> Script {
    cluster
        .chars()
        .next()
        .map_or(Script::Common, |c| c.script())
}

/// Whether a script names letters (not Common, Inherited or Unknown), so
/// that it decides the face of the word it is in.
pub fn is_letter_script(script: Script) -> bool {
    !matches!(script, Script::Common | Script::Inherited | Script::Unknown)
}

impl FontSet {
    /// The faces tried, in order, for text of `script` in `preferred`:
    /// for Greek in one of the four text styles, the Greek face first;
    /// otherwise the preferred face, then its Greek face; then the author's
    /// fallback fonts, in order; then every other shipped face.
    pub fn order(&self, preferred: Style, script: Script) -> impl Iterator<Item = Style> + '_ {
        let greek = preferred.greek();
        let head = if script == Script::Greek && greek.is_some() {
            [greek, Some(preferred)]
        } else {
            [Some(preferred), greek]
        };
        head.into_iter()
            .flatten()
            .chain(self.fallback_styles())
            .chain(Style::ALL)
    }

    /// Whether `style` has every character of `cluster`.
    fn covers_cluster(&self, style: Style, cluster: &str) -> bool {
        cluster.chars().all(|c| self.covers(style, c))
    }

    /// `text` cut into runs of one face each (see the module's comment),
    /// covering the whole text in order; neighbouring runs have different
    /// faces.
    pub fn runs(&self, preferred: Style, text: &str) -> Vec<Run> {
        let plain = preferred.greek().is_none();
        let face = self.slot(preferred);
        let mut out = Vec::new();
        // Most text is in the preferred face: one run, no segmenting.
        if text.chars().all(|c| {
            c.is_ascii_graphic()
                || (c.is_whitespace() && c != '\u{a0}')
                || (face.covers(c) && (plain || c.script() != Script::Greek))
        }) {
            push(&mut out, Some(preferred), 0..text.len());
            return out;
        }
        let mut word: Vec<(usize, &str)> = Vec::new();
        let mut word_script = Script::Common;
        for (at, cluster) in text.grapheme_indices(true) {
            let space = cluster.chars().all(|c| c.is_whitespace() && c != '\u{a0}');
            let script = script_of(cluster);
            let new_script =
                is_letter_script(script) && is_letter_script(word_script) && script != word_script;
            if space || new_script {
                self.word(preferred, word_script, &word, &mut out);
                word.clear();
                word_script = Script::Common;
            }
            if space {
                push(&mut out, Some(preferred), at..at + cluster.len());
                continue;
            }
            if is_letter_script(script) {
                word_script = script;
            }
            word.push((at, cluster));
        }
        self.word(preferred, word_script, &word, &mut out);
        out
    }

    /// Appends the runs of one word, its letters of `script`.
    fn word(&self, preferred: Style, script: Script, word: &[(usize, &str)], out: &mut Vec<Run>) {
        if word.is_empty() {
            return;
        }
        let letters = || {
            word.iter()
                .filter(move |(_, c)| !is_letter_script(script) || script_of(c) == script)
        };
        let chosen = self
            .order(preferred, script)
            .find(|&style| letters().all(|(_, c)| self.covers_cluster(style, c)));
        for &(at, cluster) in word {
            let style = chosen
                .filter(|&s| self.covers_cluster(s, cluster))
                .or_else(|| {
                    self.order(preferred, script_of(cluster))
                        .find(|&s| self.covers_cluster(s, cluster))
                });
            push(out, style, at..at + cluster.len());
        }
    }
}

/// Appends a run, merged with the last one when they share a face.
fn push(out: &mut Vec<Run>, style: Option<Style>, range: Range<usize>) {
    match out.last_mut() {
        Some(last) if last.style == style && last.range.end == range.start => {
            last.range.end = range.end;
        }
        _ => out.push(Run { style, range }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs(style: Style, text: &str) -> Vec<(Option<Style>, &str)> {
        let fonts = FontSet::load().unwrap();
        fonts
            .runs(style, text)
            .into_iter()
            .map(|r| (r.style, &text[r.range]))
            .collect()
    }

    #[test]
    fn plain_text_is_one_run_in_the_preferred_face() {
        assert_eq!(
            runs(Style::Italic, "Belisarius — “ā” Москва"),
            [(Some(Style::Italic), "Belisarius — “ā” Москва")]
        );
    }

    #[test]
    fn a_greek_word_is_set_wholly_in_the_greek_face() {
        // Charis SIL has θ and α but not ν, ι, Ἀ or ῆ: per glyph, this word
        // was a mix of two faces.
        let fonts = FontSet::load().unwrap();
        assert!(fonts.get(Style::Regular).covers('θ'));
        assert!(!fonts.get(Style::Regular).covers('ν'));
        assert_eq!(
            runs(Style::Regular, "to Ἀθῆναι, then"),
            [
                (Some(Style::Regular), "to "),
                (Some(Style::GreekRegular), "Ἀθῆναι,"),
                (Some(Style::Regular), " then"),
            ]
        );
        assert_eq!(
            runs(Style::Bold, "θ"),
            [(Some(Style::GreekBold), "θ")],
            "Greek letters come from the Greek face, as in the EPUB"
        );
    }

    #[test]
    fn combining_marks_stay_with_their_base() {
        // α + combining comma above + perispomeni, and e + acute.
        let text = "\u{3b1}\u{313}\u{342} e\u{301}";
        assert_eq!(
            runs(Style::Regular, text),
            [
                (Some(Style::GreekRegular), "\u{3b1}\u{313}\u{342}"),
                (Some(Style::Regular), " e\u{301}"),
            ]
        );
    }

    #[test]
    fn a_word_changing_script_is_cut_where_the_letters_change() {
        assert_eq!(
            runs(Style::Regular, "API-ключ λόγος"),
            [
                (Some(Style::Regular), "API-ключ "),
                (Some(Style::GreekRegular), "λόγος"),
            ]
        );
    }

    #[test]
    fn what_no_face_has_is_a_run_of_its_own_without_a_face() {
        assert_eq!(
            runs(Style::Regular, "a 漢字 b"),
            [
                (Some(Style::Regular), "a "),
                (None, "漢字"),
                (Some(Style::Regular), " b"),
            ]
        );
    }

    #[test]
    fn a_symbol_the_word_s_face_lacks_comes_from_another_face_alone() {
        let fonts = FontSet::load().unwrap();
        let symbol = '\u{2200}'; // ∀: the math face has it, Charis not
        assert!(!fonts.get(Style::Regular).covers(symbol));
        let text = format!("x{symbol}y");
        let got = runs(Style::Regular, &text);
        assert_eq!(got[0], (Some(Style::Regular), "x"));
        assert_ne!(got[1].0, Some(Style::Regular));
        assert!(got[1].0.is_some());
        assert_eq!(got[2], (Some(Style::Regular), "y"));
    }
}
