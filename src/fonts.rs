//! The typefaces quire ships (in `fonts/`, OFL-licensed), compiled into the
//! binary so that a book builds the same on every machine.
//!
//! The layout shapes and measures text with these faces ([`FontSet`]); the
//! EPUB and PDF writers embed them. None of those depends on another.

use crate::error::RenderError;
use crate::{Error, Result};
use rustybuzz::Face as ShapingFace;

/// One font file.
#[derive(Debug, Clone, Copy)]
pub struct Face {
    /// The family name, as CSS and PDF font names use it.
    pub family: &'static str,
    /// Which member of the family this is.
    pub style: Style,
    /// The file name in `fonts/`.
    pub file_name: &'static str,
    /// The whole TrueType file.
    pub data: &'static [u8],
}

/// The members of the book's type family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Style {
    /// Upright text face.
    Regular,
    /// Italic, for emphasis.
    Italic,
    /// Bold, for strong emphasis and headings.
    Bold,
    /// Bold italic.
    BoldItalic,
    /// Monospace, for code.
    Mono,
    /// The math face (an OpenType MATH table), for formulas in the PDF.
    Math,
}

impl Style {
    /// Every style, in a fixed order.
    pub const ALL: [Style; 6] = [
        Style::Regular,
        Style::Italic,
        Style::Bold,
        Style::BoldItalic,
        Style::Mono,
        Style::Math,
    ];

    /// The style with emphasis (italic) toggled on.
    pub fn with_italic(self) -> Style {
        match self {
            Style::Regular => Style::Italic,
            Style::Bold => Style::BoldItalic,
            other => other,
        }
    }

    /// The style with strong emphasis (bold) switched on.
    pub fn with_bold(self) -> Style {
        match self {
            Style::Regular => Style::Bold,
            Style::Italic => Style::BoldItalic,
            other => other,
        }
    }
}

const SERIF: &str = "Charis SIL";
const MONO: &str = "Noto Sans Mono";
const MATH: &str = "DejaVu Math TeX Gyre";

/// Each font file, once: a `static` is a single copy in the binary, where
/// `include_bytes!` inside a function body was duplicated into every codegen
/// unit that inlined it (17.9 MB of `.rodata` for five faces).
static CHARIS_REGULAR: &[u8] = include_bytes!("../fonts/CharisSIL-Regular.ttf");
static CHARIS_ITALIC: &[u8] = include_bytes!("../fonts/CharisSIL-Italic.ttf");
static CHARIS_BOLD: &[u8] = include_bytes!("../fonts/CharisSIL-Bold.ttf");
static CHARIS_BOLD_ITALIC: &[u8] = include_bytes!("../fonts/CharisSIL-BoldItalic.ttf");
static NOTO_SANS_MONO: &[u8] = include_bytes!("../fonts/NotoSansMono-Regular.ttf");
static DEJAVU_MATH: &[u8] = include_bytes!("../fonts/DejaVuMathTeXGyre.ttf");

/// The face for a style.
pub fn face(style: Style) -> Face {
    let (family, file_name, data) = match style {
        Style::Regular => (SERIF, "CharisSIL-Regular.ttf", CHARIS_REGULAR),
        Style::Italic => (SERIF, "CharisSIL-Italic.ttf", CHARIS_ITALIC),
        Style::Bold => (SERIF, "CharisSIL-Bold.ttf", CHARIS_BOLD),
        Style::BoldItalic => (SERIF, "CharisSIL-BoldItalic.ttf", CHARIS_BOLD_ITALIC),
        Style::Mono => (MONO, "NotoSansMono-Regular.ttf", NOTO_SANS_MONO),
        Style::Math => (MATH, "DejaVuMathTeXGyre.ttf", DEJAVU_MATH),
    };
    Face {
        family,
        style,
        file_name,
        data,
    }
}

/// One parsed face with the metrics layout and the PDF widths need.
pub struct FontFace {
    /// The shaper's view of the font.
    pub face: ShapingFace<'static>,
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
                let parsed = ShapingFace::from_slice(shipped.data, 0).ok_or_else(|| {
                    Error::render(RenderError::FontParse {
                        file: shipped.file_name,
                    })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_face_parses_and_covers_the_sample_s_special_characters() {
        for style in Style::ALL.into_iter().filter(|&s| s != Style::Math) {
            let face = face(style);
            let parsed = rustybuzz::ttf_parser::Face::parse(face.data, 0)
                .unwrap_or_else(|e| panic!("{}: {e}", face.file_name));
            for c in ['ā', '\u{2011}', '“', '”', '’', '–', '—'] {
                assert!(
                    parsed.glyph_index(c).is_some(),
                    "{} lacks {c:?}",
                    face.file_name
                );
            }
        }
    }

    #[test]
    fn the_math_face_has_a_math_table() {
        let parsed = rustybuzz::ttf_parser::Face::parse(face(Style::Math).data, 0).unwrap();
        let math = parsed.tables().math.expect("a MATH table");
        assert!(math.constants.is_some() && math.variants.is_some());
        assert!(parsed.glyph_index('\u{1D465}').is_some(), "math italic x");
    }
}
