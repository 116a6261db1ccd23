//! The typefaces quire ships (in `fonts/`, OFL-licensed), compiled into the
//! binary so that a book builds the same on every machine.
//!
//! The layout shapes and measures text with these faces ([`FontSet`]); the
//! EPUB and PDF writers embed them. None of those depends on another.

use crate::error::RenderError;
mod runs;

use crate::model::FontAsset;
use crate::{Error, Result};
pub use runs::{is_letter_script, script_of, Run};
use rustybuzz::Face as ShapingFace;
use std::sync::Arc;

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
    /// Greek (polytonic) beside [`Style::Regular`]: Charis SIL has only a
    /// few Greek letters, so Greek text is set in Quire Greek (Gentium Plus,
    /// Charis's sibling, cut down to Greek by `scripts/greek-face.py`).
    GreekRegular,
    /// Greek beside [`Style::Italic`].
    GreekItalic,
    /// Greek beside [`Style::Bold`].
    GreekBold,
    /// Greek beside [`Style::BoldItalic`].
    GreekBoldItalic,
    /// The author's fallback font of this index (`[fonts] fallback` in
    /// `book.toml`, [`crate::model::Book::fonts`]); not in [`Style::ALL`].
    Fallback(u8),
}

impl Style {
    /// Every style, in a fixed order.
    pub const ALL: [Style; 10] = [
        Style::Regular,
        Style::Italic,
        Style::Bold,
        Style::BoldItalic,
        Style::Mono,
        Style::Math,
        Style::GreekRegular,
        Style::GreekItalic,
        Style::GreekBold,
        Style::GreekBoldItalic,
    ];

    /// The Greek face set beside this one, for the four text styles.
    pub fn greek(self) -> Option<Style> {
        match self {
            Style::Regular => Some(Style::GreekRegular),
            Style::Italic => Some(Style::GreekItalic),
            Style::Bold => Some(Style::GreekBold),
            Style::BoldItalic => Some(Style::GreekBoldItalic),
            _ => None,
        }
    }

    /// Whether the face is an italic.
    pub fn is_italic(self) -> bool {
        matches!(
            self,
            Style::Italic | Style::BoldItalic | Style::GreekItalic | Style::GreekBoldItalic
        )
    }

    /// Whether the face is a bold.
    pub fn is_bold(self) -> bool {
        matches!(
            self,
            Style::Bold | Style::BoldItalic | Style::GreekBold | Style::GreekBoldItalic
        )
    }

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
const GREEK: &str = "Quire Greek";

/// Each font file, once: a `static` is a single copy in the binary, where
/// `include_bytes!` inside a function body was duplicated into every codegen
/// unit that inlined it (17.9 MB of `.rodata` for five faces).
static CHARIS_REGULAR: &[u8] = include_bytes!("../fonts/CharisSIL-Regular.ttf");
static CHARIS_ITALIC: &[u8] = include_bytes!("../fonts/CharisSIL-Italic.ttf");
static CHARIS_BOLD: &[u8] = include_bytes!("../fonts/CharisSIL-Bold.ttf");
static CHARIS_BOLD_ITALIC: &[u8] = include_bytes!("../fonts/CharisSIL-BoldItalic.ttf");
static NOTO_SANS_MONO: &[u8] = include_bytes!("../fonts/NotoSansMono-Regular.ttf");
static DEJAVU_MATH: &[u8] = include_bytes!("../fonts/DejaVuMathTeXGyre.ttf");
static GREEK_REGULAR: &[u8] = include_bytes!("../fonts/QuireGreek-Regular.ttf");
static GREEK_ITALIC: &[u8] = include_bytes!("../fonts/QuireGreek-Italic.ttf");
static GREEK_BOLD: &[u8] = include_bytes!("../fonts/QuireGreek-Bold.ttf");
static GREEK_BOLD_ITALIC: &[u8] = include_bytes!("../fonts/QuireGreek-BoldItalic.ttf");

/// The shipped face for a style ([`Style::Regular`]'s for a
/// [`Style::Fallback`], whose bytes only its [`FontSet`] has).
pub fn face(style: Style) -> Face {
    let (family, file_name, data) = match style {
        Style::Regular | Style::Fallback(_) => (SERIF, "CharisSIL-Regular.ttf", CHARIS_REGULAR),
        Style::Italic => (SERIF, "CharisSIL-Italic.ttf", CHARIS_ITALIC),
        Style::Bold => (SERIF, "CharisSIL-Bold.ttf", CHARIS_BOLD),
        Style::BoldItalic => (SERIF, "CharisSIL-BoldItalic.ttf", CHARIS_BOLD_ITALIC),
        Style::Mono => (MONO, "NotoSansMono-Regular.ttf", NOTO_SANS_MONO),
        Style::Math => (MATH, "DejaVuMathTeXGyre.ttf", DEJAVU_MATH),
        Style::GreekRegular => (GREEK, "QuireGreek-Regular.ttf", GREEK_REGULAR),
        Style::GreekItalic => (GREEK, "QuireGreek-Italic.ttf", GREEK_ITALIC),
        Style::GreekBold => (GREEK, "QuireGreek-Bold.ttf", GREEK_BOLD),
        Style::GreekBoldItalic => (GREEK, "QuireGreek-BoldItalic.ttf", GREEK_BOLD_ITALIC),
    };
    Face {
        family,
        style,
        file_name,
        data,
    }
}

/// A font file's bytes: shipped in the binary, or the author's, shared.
enum FontBytes {
    Shipped(&'static [u8]),
    Author(Arc<[u8]>),
}

impl std::ops::Deref for FontBytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            FontBytes::Shipped(data) => data,
            FontBytes::Author(data) => data,
        }
    }
}

self_cell::self_cell!(
    /// A font's bytes with the shaper's view of them.
    struct Parsed {
        owner: FontBytes,
        #[covariant]
        dependent: ShapingFace,
    }
);

/// One parsed face with the metrics layout and the PDF widths need.
pub struct FontFace {
    parsed: Parsed,
    /// The file's name (`CharisSIL-Regular.ttf`, or the author's path), for
    /// the PDF's font names and messages.
    pub name: String,
    /// Font units per em.
    pub units_per_em: f32,
    /// The shaping plan for left-to-right Latin text (made once: it is slow to make).
    pub plan: rustybuzz::ShapePlan,
    /// The same with small capitals (`smcp`) on.
    pub small_caps_plan: rustybuzz::ShapePlan,
}

impl FontFace {
    fn new(bytes: FontBytes, name: String) -> Result<FontFace> {
        let parsed = Parsed::try_new(bytes, |data| {
            ShapingFace::from_slice(data, 0)
                .ok_or_else(|| Error::render(RenderError::FontParse { file: name.clone() }))
        })?;
        let face = parsed.borrow_dependent();
        let units_per_em = face.units_per_em() as f32;
        let plan = |features: &[rustybuzz::Feature]| {
            rustybuzz::ShapePlan::new(
                face,
                rustybuzz::Direction::LeftToRight,
                Some(rustybuzz::script::LATIN),
                None,
                features,
            )
        };
        let (plan, small_caps_plan) = (
            plan(&[]),
            plan(&[rustybuzz::Feature::new(
                rustybuzz::ttf_parser::Tag::from_bytes(b"smcp"),
                1,
                ..,
            )]),
        );
        Ok(FontFace {
            parsed,
            name,
            units_per_em,
            plan,
            small_caps_plan,
        })
    }

    /// The shaper's view of the font.
    pub fn face(&self) -> &ShapingFace<'_> {
        self.parsed.borrow_dependent()
    }

    /// The whole font file.
    pub fn data(&self) -> &[u8] {
        self.parsed.borrow_owner()
    }

    /// Whether the outlines are CFF (embedded in a PDF as OpenType) rather
    /// than TrueType.
    pub fn is_cff(&self) -> bool {
        self.face().tables().cff.is_some()
    }

    /// Whether the face has a glyph for `c`.
    pub fn covers(&self, c: char) -> bool {
        self.face().glyph_index(c).is_some()
    }

    /// The advance of glyph `id` at `size` points.
    pub fn advance(&self, id: u16, size: f32) -> f32 {
        let units = self
            .face()
            .glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(id))
            .unwrap_or(0);
        f32::from(units) * size / self.units_per_em
    }

    /// The advance in thousandths of an em, as PDF widths are written.
    pub fn advance_per_mille(&self, id: u16) -> f32 {
        self.advance(id, 1000.0)
    }
}

/// Every face of the family, indexed by [`Style`], and the author's
/// fallback fonts.
pub struct FontSet {
    faces: Vec<FontFace>,
    fallbacks: Vec<FontFace>,
}

impl FontSet {
    /// Parses the shipped faces.
    pub fn load() -> Result<FontSet> {
        FontSet::with_fallbacks(&[])
    }

    /// Parses the shipped faces and the author's `fallbacks` (as the load
    /// stage read them).
    pub fn with_fallbacks(fallbacks: &[FontAsset]) -> Result<FontSet> {
        let faces = Style::ALL
            .iter()
            .map(|&style| {
                let shipped = face(style);
                FontFace::new(
                    FontBytes::Shipped(shipped.data),
                    shipped.file_name.to_string(),
                )
            })
            .collect::<Result<Vec<_>>>()?;
        let fallbacks = fallbacks
            .iter()
            .map(|font| FontFace::new(FontBytes::Author(Arc::clone(&font.data)), font.path.clone()))
            .collect::<Result<Vec<_>>>()?;
        Ok(FontSet { faces, fallbacks })
    }

    /// The face for a style.
    pub fn get(&self, style: Style) -> &FontFace {
        if let Style::Fallback(index) = style {
            if let Some(face) = self.fallbacks.get(usize::from(index)) {
                return face;
            }
        }
        let index = Style::ALL.iter().position(|&s| s == style).unwrap_or(0);
        &self.faces[index]
    }

    /// The author's fallback fonts' styles, in order.
    pub fn fallback_styles(&self) -> impl Iterator<Item = Style> {
        (0..self.fallbacks.len().min(256)).map(|i| Style::Fallback(i as u8))
    }

    /// The style to draw `c` with when `preferred` lacks it: the preferred
    /// style if it covers the character, else the first face that does.
    pub fn cover(&self, preferred: Style, c: char) -> Option<Style> {
        if self.get(preferred).covers(c) {
            return Some(preferred);
        }
        self.fallback_styles()
            .chain(Style::ALL)
            .find(|&s| self.get(s).covers(c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_face_parses_and_covers_the_sample_s_special_characters() {
        // The Greek faces have Greek and punctuation only (their own test).
        let text = |s: &Style| *s != Style::Math && face(*s).family != GREEK;
        for style in Style::ALL.into_iter().filter(text) {
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
    fn the_greek_faces_cover_polytonic_greek_and_carry_no_reserved_name() {
        for style in [
            Style::Regular,
            Style::Italic,
            Style::Bold,
            Style::BoldItalic,
        ] {
            let greek = face(style.greek().unwrap());
            let parsed = rustybuzz::ttf_parser::Face::parse(greek.data, 0).unwrap();
            for c in "Ἀθῆναι ἀρετή ᾧ ῥ ϊ ΐ ;·—«»".chars() {
                assert!(
                    parsed.glyph_index(c).is_some(),
                    "{} lacks {c:?}",
                    greek.file_name
                );
            }
            assert!(parsed.glyph_index('a').is_none(), "Latin stays Charis's");
            // OFL: a modified version may not use the Reserved Font Names.
            for name in parsed.names() {
                if matches!(name.name_id, 1 | 3 | 4 | 6 | 16 | 17 | 21 | 22) {
                    let text = name.to_string().unwrap_or_default();
                    assert!(!text.contains("Gentium") && !text.contains("SIL"), "{text}");
                }
            }
            assert!(parsed.is_italic() == style.is_italic());
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
