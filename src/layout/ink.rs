//! Highlighted code in print: the inks of a listing's tokens laid over the
//! glyph runs its lines were set in, by byte, so that the setting of the
//! lines need not know about colour.

use super::document::{GlyphRun, Item};
use super::listing::TAB;
use crate::model::Ink;

/// The text of one source line of a listing, tabs expanded to
/// [`TAB`] spaces,
/// and the ink of each of its bytes, from the listing's `inks` (one per
/// byte of the code) starting at byte `start` of the code.
pub fn expand_line(line: &str, start: usize, inks: &[Ink]) -> Vec<(char, Ink)> {
    let mut out = Vec::with_capacity(line.len());
    for (i, c) in line.char_indices() {
        let ink = inks.get(start + i).copied().unwrap_or_default();
        match c {
            '\t' => out.extend(std::iter::repeat_n((' ', ink), TAB)),
            c => out.push((c, ink)),
        }
    }
    out
}

/// Splits every text run of `items` into runs of one ink each, where
/// `text` is what the runs were set from, in order, and `inks` holds the
/// ink of each of its bytes. Glyphs are found in `text` from where the last
/// one ended (so spaces the setting dropped are skipped); a glyph not found
/// keeps the ink of the one before. Runs in one ink stay whole.
pub fn paint(items: &mut Vec<Item>, text: &str, inks: &[Ink]) {
    if inks.iter().all(|ink| *ink == Ink::default()) {
        return;
    }
    let mut at = 0;
    let mut painted = Vec::with_capacity(items.len());
    for item in items.drain(..) {
        let Item::Text(run) = item else {
            painted.push(item);
            continue;
        };
        let mut pieces: Vec<GlyphRun> = Vec::new();
        let mut ink = inks.get(at).copied().unwrap_or_default();
        for (glyph, glyph_text) in run.glyph_texts() {
            if let Some(found) = text.get(at..).and_then(|rest| rest.find(glyph_text)) {
                at += found;
                ink = inks.get(at).copied().unwrap_or_default();
                at += glyph_text.len();
            }
            let same = pieces.last().is_some_and(|p| p.ink == ink);
            if !same {
                let mut piece = GlyphRun::new(run.style, run.size, run.x + glyph.x, run.baseline);
                piece.ink = ink;
                pieces.push(piece);
            }
            if let Some(piece) = pieces.last_mut() {
                let x = run.x + glyph.x - piece.x;
                piece.push(glyph.id, x, glyph.advance, glyph_text);
            }
        }
        painted.extend(pieces.into_iter().map(Item::Text));
    }
    *items = painted;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::Style;
    use crate::model::Rgb;

    fn run(text: &str) -> GlyphRun {
        let mut run = GlyphRun::new(Style::Mono, 10.0, 100.0, 50.0);
        for (i, c) in text.chars().enumerate() {
            run.push(i as u16, i as f32 * 6.0, 6.0, &c.to_string());
        }
        run
    }

    #[test]
    fn a_run_is_split_where_the_ink_changes_and_keeps_its_places() {
        let red = Ink {
            colour: Rgb { r: 160, g: 0, b: 0 },
            ..Ink::default()
        };
        let text = "fn  main";
        let mut inks = vec![Ink::default(); text.len()];
        inks[..2].fill(red);
        // The setting dropped one of the two spaces.
        let mut items = vec![Item::Text(run("fn main"))];
        paint(&mut items, text, &inks);
        let runs: Vec<(&str, Ink, f32)> = items
            .iter()
            .map(|item| match item {
                Item::Text(r) => (r.text.as_str(), r.ink, r.x + r.glyphs[0].x),
                _ => unreachable!(),
            })
            .collect();
        assert_eq!(runs, [("fn", red, 100.0), (" main", Ink::default(), 112.0)]);
    }

    #[test]
    fn tabs_expand_with_their_ink() {
        let inks = vec![Ink::default(); 3];
        let expanded = expand_line("\tx", 0, &inks);
        assert_eq!(expanded.len(), 5);
        assert!(expanded.iter().all(|(_, ink)| *ink == Ink::default()));
    }
}
