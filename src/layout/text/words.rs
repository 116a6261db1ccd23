//! Words: text shaped word by word and the places a word may be
//! hyphenated, each remembered in the typesetter's caches, and single
//! marks (the hyphen, the leader dot) shaped alone.

use super::Typesetter;
use crate::fonts::Style;
use crate::layout::hyphenate::Hyphenator;
use crate::layout::shape::{shape, shape_with, ShapedGlyph};
use rustc_hash::FxHashMap;

/// The cost of a hyphenation (TeX's default is 50; Charis SIL is wide and a
/// 6 × 9 in measure holds about 62 characters, so hyphens are frequent and
/// we ask a little more of a line before taking one).
const HYPHEN_PENALTY: f64 = 100.0;

/// A word (or a single space) as a typesetter remembers it in one face, at
/// one size: its glyphs, and the places it may be hyphenated, found the
/// first time a paragraph that hyphenates sets it.
pub(super) struct Word {
    glyphs: Vec<ShapedGlyph>,
    hyphens: Option<Vec<(usize, f64)>>,
}

/// The language's patterns, and the hyphen points of each word whatever
/// its face (offset, cost), as `word_hyphens` keeps them.
pub(super) struct Hyphens {
    pub(super) hyphenator: Hyphenator,
    words: FxHashMap<String, Vec<(usize, f64)>>,
}

impl Typesetter {
    /// Shapes text word by word, remembering each word: a book repeats its
    /// words, and shaping is the dearest step of setting a paragraph. Words
    /// are shaped apart, which loses nothing in faces that do not kern
    /// across spaces (none of ours do). With `hyphenate`, also the byte
    /// offsets in `text` where a hyphen may go, with their costs
    /// ([`Hyphens::points`]), remembered with the word: what a word between
    /// spaces may be hyphenated at does not depend on what is beside it.
    pub(super) fn set_words(
        &mut self,
        style: Style,
        text: &str,
        size: f32,
        hyphenate: bool,
    ) -> (Vec<ShapedGlyph>, Vec<(usize, f64)>) {
        let small_caps = self.small_caps;
        let Typesetter {
            shaped,
            hyphens,
            fonts,
            ..
        } = self;
        let cache = shaped
            .entry((style, size.to_bits(), small_caps))
            .or_default();
        let font = fonts.get(style);
        // Small capitals are spaced out a little, as they should be.
        let (plan, tracking) = if small_caps {
            (&font.small_caps_plan, size * 0.06)
        } else {
            (&font.plan, 0.0)
        };
        let mut glyphs = Vec::with_capacity(text.len());
        let mut points = Vec::new();
        let mut start = 0;
        let bytes = text.as_bytes();
        while start < text.len() {
            // A word, or a single space.
            let end = if bytes[start] == b' ' {
                start + 1
            } else {
                text[start..].find(' ').map_or(text.len(), |i| start + i)
            };
            let word = &text[start..end];
            let known = match cache.get_mut(word) {
                Some(known) => known,
                None => cache.entry(word.to_string()).or_insert_with(|| {
                    let mut glyphs = shape_with(font, plan, word, size);
                    glyphs.iter_mut().for_each(|g| g.advance += tracking);
                    Word {
                        glyphs,
                        hyphens: None,
                    }
                }),
            };
            glyphs.extend(known.glyphs.iter().map(|g| ShapedGlyph {
                cluster: g.cluster + start,
                ..*g
            }));
            if hyphenate {
                let at = known.hyphens.get_or_insert_with(|| hyphens.points(word));
                points.extend(at.iter().map(|&(b, cost)| (start + b, cost)));
            }
            start = end;
        }
        (glyphs, points)
    }

    /// The first glyph of `mark` shaped alone in `style` at `size` (the
    /// face's default features, small capitals or not), remembered: a
    /// hyphen is wanted for every run of text that may be hyphenated.
    pub fn mark(&mut self, style: Style, size: f32, mark: &'static str) -> Option<ShapedGlyph> {
        let fonts = &self.fonts;
        *self
            .marks
            .entry((style, size.to_bits(), mark))
            .or_insert_with(|| shape(fonts.get(style), mark, size).into_iter().next())
    }
}

impl Hyphens {
    /// The patterns of `hyphenator`, no word hyphenated yet.
    pub(super) fn new(hyphenator: Hyphenator) -> Hyphens {
        Hyphens {
            hyphenator,
            words: FxHashMap::default(),
        }
    }

    /// Byte offsets in `text` where a hyphen may be inserted, with the
    /// cost of each: never fewer than three letters on either side, and
    /// dearer the fewer than five there are (as typst weighs them).
    pub(super) fn points(&mut self, text: &str) -> Vec<(usize, f64)> {
        let mut points = Vec::new();
        let mut start = None;
        // Each letter and what follows it, and the text's end (`None`).
        let chars = text
            .char_indices()
            .map(|(i, c)| (i, Some(c)))
            .chain(std::iter::once((text.len(), None)));
        for (i, c) in chars {
            match (start, c) {
                (None, Some(c)) if c.is_alphabetic() => start = Some(i),
                (Some(s), c) if !c.is_some_and(char::is_alphabetic) => {
                    self.word_points(text, s, i, c, &mut points);
                    start = None;
                }
                _ => {}
            }
        }
        points
    }

    /// Appends the hyphen points of the word `text[s..i]` (followed by
    /// `next`, if anything) to `points`, at their offsets in `text`.
    fn word_points(
        &mut self,
        text: &str,
        s: usize,
        i: usize,
        next: Option<char>,
        points: &mut Vec<(usize, f64)>,
    ) {
        let word = &text[s..i];
        // Proper names (a capital, but for German nouns) and the halves of
        // hyphenated compounds (as TeX) are not hyphenated.
        let compound = text[..s].ends_with(['-', '\u{2011}'])
            || next.is_some_and(|c| matches!(c, '-' | '\u{2011}'));
        // Nor are identifiers (snake_case, camelCase, with digits): they
        // are not prose.
        let joined = |c: char| c == '_' || c.is_ascii_digit();
        let identifier = text[..s].ends_with(joined)
            || next.is_some_and(joined)
            || word.chars().skip(1).any(char::is_uppercase);
        // Fewer than five letters take up fewer than five bytes or more.
        if word.len() < 5
            || compound
            || identifier
            || (!self.hyphenator.hyphenates_capitals() && word.starts_with(char::is_uppercase))
        {
            return;
        }
        let hyphenator = self.hyphenator;
        let cached = match self.words.get(word) {
            Some(cached) => cached,
            None => self
                .words
                .entry(word.to_string())
                .or_insert_with(|| word_hyphens(&hyphenator, word)),
        };
        points.extend(cached.iter().map(|&(b, cost)| (s + b, cost)));
    }
}

/// The hyphen points of one word (offset in the word, cost), as
/// [`Typesetter::hyphen_points`] keeps them: none in a word of fewer than
/// five letters, at least three letters on either side, dearer the fewer
/// than five there are.
fn word_hyphens(hyphenator: &Hyphenator, word: &str) -> Vec<(usize, f64)> {
    let letters = word.chars().count();
    if letters < 5 {
        return Vec::new();
    }
    hyphenator
        .breaks(word)
        .into_iter()
        .filter_map(|b| {
            let left = word[..b].chars().count();
            let right = letters - left;
            if left < 3 || right < 3 {
                return None;
            }
            let short = (5usize.saturating_sub(left) + 5usize.saturating_sub(right)) as f64;
            Some((b, HYPHEN_PENALTY * (1.0 + 0.15 * short)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_runs_hyphen_points_are_its_words_points_set_apart_and_remembered() {
        // Words beside spaces, compounds, identifiers, a capital, a line
        // break and punctuation: what each word between spaces may be
        // hyphenated at does not depend on what stands beside it.
        let run = "unbelievably well-established parseConfiguration, \
                   Constantinople's\nextraordinarily  configuration_builder (considerable) \
                   unbelievably";
        let mut ts = Typesetter::new("en").expect("typesetter");
        let whole = Hyphens::new(ts.hyphens.hyphenator).points(run);
        assert!(whole.len() > 6, "{whole:?}");
        let (glyphs, points) = ts.set_words(Style::Regular, run, 10.0, true);
        assert_eq!(points, whole);
        // Set again, from the caches: as many glyphs, the same points; a
        // run that starts with a word met in the middle of the first: its
        // own points; and none when the run is not hyphenated.
        let (again, points) = ts.set_words(Style::Regular, run, 10.0, true);
        assert_eq!((again.len(), points), (glyphs.len(), whole.clone()));
        let tail = &run[run.find("Constantinople").unwrap()..];
        let (_, points) = ts.set_words(Style::Regular, tail, 10.0, true);
        assert_eq!(points, Hyphens::new(ts.hyphens.hyphenator).points(tail));
        assert!(ts.set_words(Style::Italic, run, 10.0, false).1.is_empty());
    }

    #[test]
    fn hyphens_leave_three_letters_each_side_and_short_fragments_cost_more() {
        let mut ts = Typesetter::new("en").expect("typesetter");
        // The patterns give de-fined and in-cre-as-ingly: only increas-ingly
        // and increasing-ly leave three letters on each side.
        assert!(ts.hyphens.points("defined").is_empty());
        let points = ts.hyphens.points("increasingly");
        assert!(!points.is_empty());
        for (at, cost) in &points {
            assert!(*at >= 3 && *at <= "increasingly".len() - 3);
            assert!(*cost >= HYPHEN_PENALTY);
        }
        assert!(
            ts.hyphens.points("Belisarius").is_empty(),
            "proper names stay whole"
        );
        assert!(
            ts.hyphens.points("near-contemporary").is_empty(),
            "compounds stay whole"
        );
        for identifier in [
            "configuration_builder",
            "parseConfiguration",
            "utf8decoding",
        ] {
            assert!(
                ts.hyphens.points(identifier).is_empty(),
                "{identifier} is an identifier, not prose"
            );
        }
    }
}
