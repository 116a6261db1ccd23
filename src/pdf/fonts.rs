//! The book's faces, parsed once for shaping and measuring.

use crate::fonts::{face, Style};
use crate::{Error, Result};
use rustybuzz::Face;

/// One parsed face with the metrics layout needs.
pub struct FontFace {
    /// The shaper's view of the font.
    pub face: Face<'static>,
    /// Font units per em.
    pub units_per_em: f32,
    /// The shaping plan for left-to-right Latin text (made once: it is slow to make).
    pub plan: rustybuzz::ShapePlan,
    /// The same with small capitals (`smcp`) on.
    pub small_caps_plan: rustybuzz::ShapePlan,
}

impl FontFace {
    /// Whether the face has a glyph for `c`.
    pub fn covers(&self, c: char) -> bool {
        self.face.glyph_index(c).is_some()
    }

    /// The advance of glyph `id` at `size` points.
    pub fn advance(&self, id: u16, size: f32) -> f32 {
        let units = self
            .face
            .glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(id))
            .unwrap_or(0);
        f32::from(units) * size / self.units_per_em
    }

    /// The advance in thousandths of an em, as PDF widths are written.
    pub fn advance_per_mille(&self, id: u16) -> f32 {
        self.advance(id, 1000.0)
    }
}

/// Every face of the family, indexed by [`Style`].
pub struct FontSet {
    faces: Vec<FontFace>,
}

impl FontSet {
    /// Parses the shipped faces.
    pub fn load() -> Result<FontSet> {
        let faces = Style::ALL
            .iter()
            .map(|&style| {
                let shipped = face(style);
                let parsed = Face::from_slice(shipped.data, 0).ok_or_else(|| {
                    Error::render(format!("font {} cannot be parsed", shipped.file_name))
                })?;
                let units_per_em = parsed.units_per_em() as f32;
                let plan = rustybuzz::ShapePlan::new(
                    &parsed,
                    rustybuzz::Direction::LeftToRight,
                    Some(rustybuzz::script::LATIN),
                    None,
                    &[],
                );
                let small_caps = [rustybuzz::Feature::new(
                    rustybuzz::ttf_parser::Tag::from_bytes(b"smcp"),
                    1,
                    ..,
                )];
                let small_caps_plan = rustybuzz::ShapePlan::new(
                    &parsed,
                    rustybuzz::Direction::LeftToRight,
                    Some(rustybuzz::script::LATIN),
                    None,
                    &small_caps,
                );
                Ok(FontFace {
                    face: parsed,
                    units_per_em,
                    plan,
                    small_caps_plan,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(FontSet { faces })
    }

    /// The face for a style.
    pub fn get(&self, style: Style) -> &FontFace {
        let index = Style::ALL.iter().position(|&s| s == style).unwrap_or(0);
        &self.faces[index]
    }

    /// The style to draw `c` with when `preferred` lacks it: the preferred
    /// style if it covers the character, else the first face that does.
    pub fn cover(&self, preferred: Style, c: char) -> Option<Style> {
        if self.get(preferred).covers(c) {
            return Some(preferred);
        }
        Style::ALL.iter().copied().find(|&s| self.get(s).covers(c))
    }
}
