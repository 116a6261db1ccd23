//! The typefaces quire ships (in `fonts/`, OFL-licensed), compiled into the
//! binary so that a book builds the same on every machine.
//!
//! The layout shapes and measures text with these faces ([`FontSet`]); the
//! EPUB and PDF writers embed them. None of those depends on another.

use crate::error::RenderError;
mod runs;

use crate::config::Figures;
use crate::model::{Faces, FontAsset};
use crate::{Error, Result};
pub use runs::{is_letter_script, script_of, Run};
use rustybuzz::Face as ShapingFace;
use std::sync::Arc;

/// One shipped font file.
#[derive(Debug, Clone, Copy)]
pub struct Face {
    /// The family name, as CSS and PDF font names use it.
    pub family: &'static str,
    /// Which member of the family this is.
    pub style: Style,
    /// The file name in `fonts/`.
    pub file_name: &'static str,
    /// Its place in [`SHIPPED`].
    index: usize,
}

impl Face {
    /// The whole TrueType file, inflated the first time any copy of this
    /// face asks (see [`shipped_data`]).
    pub fn data(&self) -> &'static [u8] {
        shipped_data(self.index)
    }

    /// Whether the face has a glyph for `c`, from the table `build.rs`
    /// read from its `cmap`: the answer of [`FontFace::covers`], without
    /// inflating the face.
    pub fn covers(&self, c: char) -> bool {
        let c = u32::from(c);
        let ranges = SHIPPED[self.index].covers;
        // The first range that does not end before `c`.
        let at = ranges.partition_point(|&(_, last)| last < c);
        ranges.get(at).is_some_and(|&(first, _)| first <= c)
    }
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

/// A shipped font file as the binary holds it, written by `build.rs` (see
/// [`shipped!`]): 4.5 MB of TrueType are 2.0 MB deflated.
struct Shipped {
    /// The name in `fonts/`.
    file_name: &'static str,
    /// The size of the TrueType file, inflated.
    size: usize,
    /// The file deflated, less its tables in [`SHARED_TABLES`].
    deflated: &'static [u8],
    /// Where each of its tables in [`SHARED_TABLES`] goes back in, in file
    /// order: `(offset in the file, offset in the shared tables, length)`.
    shared: &'static [(usize, usize, usize)],
    /// The characters the face has a glyph for (as ttf-parser's
    /// `Face::glyph_index` finds them in its `cmap`), as ranges of code
    /// points, first and last, in order.
    covers: &'static [(u32, u32)],
}

/// The shipped face `fonts/$file` as `build.rs` wrote it: a [`Shipped`].
macro_rules! shipped {
    ($file:literal) => {
        include!(concat!(env!("OUT_DIR"), "/", $file, ".rs"))
    };
}

/// Each shipped face, in the order of [`Style::ALL`]; a `static` is a single
/// copy in the binary.
static SHIPPED: [Shipped; 10] = [
    shipped!("CharisSIL-Regular.ttf"),
    shipped!("CharisSIL-Italic.ttf"),
    shipped!("CharisSIL-Bold.ttf"),
    shipped!("CharisSIL-BoldItalic.ttf"),
    shipped!("NotoSansMono-Regular.ttf"),
    shipped!("DejaVuMathTeXGyre.ttf"),
    shipped!("QuireGreek-Regular.ttf"),
    shipped!("QuireGreek-Italic.ttf"),
    shipped!("QuireGreek-Bold.ttf"),
    shipped!("QuireGreek-BoldItalic.ttf"),
];

/// The shipped faces' TrueType bytes, in the order of [`SHIPPED`], each
/// inflated the first time it is asked for: a run inflates only the faces
/// it sets or embeds (an English book never the Greek ones). Which face has
/// a character is answered without them ([`Face::covers`]).
static INFLATED: [std::sync::OnceLock<Vec<u8>>; 10] = [const { std::sync::OnceLock::new() }; 10];

/// The whole TrueType file of the shipped face at `index` in [`SHIPPED`]
/// (empty if it could not be inflated: then it does not parse, and says so).
fn shipped_data(index: usize) -> &'static [u8] {
    match (SHIPPED.get(index), INFLATED.get(index)) {
        (Some(shipped), Some(inflated)) => {
            inflated.get_or_init(|| inflate(shipped).unwrap_or_default())
        }
        _ => &[],
    }
}

/// The tables that two or more shipped faces have byte for byte (the four
/// Charis faces' `cmap`, `GSUB`, `GDEF`…), stored once by `build.rs`: their
/// size inflated and their bytes deflated.
static SHARED_TABLES: (usize, &[u8]) = include!(concat!(env!("OUT_DIR"), "/shared-tables.rs"));

/// [`SHARED_TABLES`] inflated, the first time a face needs them (empty if
/// they could not be: then the faces that need them do not inflate).
fn shared_tables() -> &'static [u8] {
    static INFLATED: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    INFLATED.get_or_init(|| inflate_exact(SHARED_TABLES.1, SHARED_TABLES.0).unwrap_or_default())
}

/// `deflated` inflated in one call into a buffer of `size` bytes; `None`
/// if it does not inflate to that size.
fn inflate_exact(deflated: &[u8], size: usize) -> Option<Vec<u8>> {
    let mut data = Vec::with_capacity(size);
    let status = flate2::Decompress::new(false)
        .decompress_vec(deflated, &mut data, flate2::FlushDecompress::Finish)
        .ok()?;
    (status == flate2::Status::StreamEnd && data.len() == size).then_some(data)
}

/// A shipped face's TrueType bytes: its own inflated, with its shared
/// tables put back in; `None` if the stored bytes do not make a file of its size.
fn inflate(shipped: &Shipped) -> Option<Vec<u8>> {
    let shared_length: usize = shipped.shared.iter().map(|&(_, _, n)| n).sum();
    let own = inflate_exact(shipped.deflated, shipped.size.checked_sub(shared_length)?)?;
    if shipped.shared.is_empty() {
        return Some(own);
    }
    let shared = shared_tables();
    let mut data = Vec::with_capacity(shipped.size);
    let mut next = 0;
    for &(at, from, n) in shipped.shared {
        let before = at.checked_sub(data.len())?;
        data.extend_from_slice(own.get(next..next + before)?);
        data.extend_from_slice(shared.get(from..from + n)?);
        next += before;
    }
    data.extend_from_slice(own.get(next..)?);
    (data.len() == shipped.size).then_some(data)
}

/// The shipped face for a style ([`Style::Regular`]'s for a
/// [`Style::Fallback`], whose bytes only its [`FontSet`] has).
pub fn face(style: Style) -> Face {
    let family = match style {
        Style::Regular | Style::Fallback(_) | Style::Italic | Style::Bold | Style::BoldItalic => {
            SERIF
        }
        Style::Mono => MONO,
        Style::Math => MATH,
        Style::GreekRegular | Style::GreekItalic | Style::GreekBold | Style::GreekBoldItalic => {
            GREEK
        }
    };
    let index = Style::ALL.iter().position(|&s| s == style).unwrap_or(0);
    Face {
        family,
        style,
        file_name: SHIPPED[index].file_name,
        index,
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
    /// Whether the face has small capitals (an `smcp` feature): without,
    /// running heads are set as written.
    pub has_small_caps: bool,
    /// Made from another style's face: drawn slanted (an italic the author
    /// did not give).
    pub slanted: bool,
    /// Made from another style's face: drawn emboldened (a bold the author
    /// did not give).
    pub emboldened: bool,
}

/// A shaping feature by its tag, on for the whole text.
fn feature(tag: &[u8; 4]) -> rustybuzz::Feature {
    rustybuzz::Feature::new(rustybuzz::ttf_parser::Tag::from_bytes(tag), 1, ..)
}

impl FontFace {
    /// A face shaped with `features` on besides its defaults (`onum`).
    fn with_features(
        bytes: FontBytes,
        name: String,
        features: &[rustybuzz::Feature],
    ) -> Result<FontFace> {
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
        let mut small_caps = features.to_vec();
        small_caps.push(feature(b"smcp"));
        let (plan, small_caps_plan) = (plan(features), plan(&small_caps));
        let has_small_caps = has_feature(face, b"smcp");
        Ok(FontFace {
            parsed,
            name,
            units_per_em,
            plan,
            small_caps_plan,
            has_small_caps,
            slanted: false,
            emboldened: false,
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

/// Whether the face's `GSUB` table has the feature `tag`.
pub fn has_feature(face: &ShapingFace<'_>, tag: &[u8; 4]) -> bool {
    let tag = rustybuzz::ttf_parser::Tag::from_bytes(tag);
    face.tables()
        .gsub
        .is_some_and(|gsub| gsub.features.into_iter().any(|f| f.tag == tag))
}

/// The figures `figures` asks for (`onum`, `lnum`) in the font `data`:
/// each digit whose glyph the feature changes, with the glyph it becomes.
/// The EPUB's subset maps the digits to these (a subset keeps no `GSUB`
/// to apply the feature).
pub fn figure_digits(data: &[u8], figures: Figures) -> Vec<(char, u16)> {
    let (Some(face), Some(tag)) = (ShapingFace::from_slice(data, 0), figures.feature()) else {
        return Vec::new();
    };
    let features = [feature(tag)];
    ('0'..='9')
        .filter_map(|digit| {
            let plain = face.glyph_index(digit)?.0;
            let mut buffer = rustybuzz::UnicodeBuffer::new();
            buffer.push_str(&digit.to_string());
            buffer.set_direction(rustybuzz::Direction::LeftToRight);
            buffer.set_script(rustybuzz::script::LATIN);
            let shaped = rustybuzz::shape(&face, &features, buffer);
            let glyph = u16::try_from(shaped.glyph_infos().first()?.glyph_id).ok()?;
            (glyph != plain).then_some((digit, glyph))
        })
        .collect()
}

/// Every face of the family, indexed by [`Style`] (the author's faces in
/// place of the shipped ones), and the fallback fonts.
pub struct FontSet {
    faces: Vec<Slot>,
    fallbacks: Vec<Slot>,
}

/// A face of a [`FontSet`]: the author's, parsed when the set is made (so
/// that a font that does not parse is an error then), or a shipped one,
/// inflated and parsed the first time its outlines or metrics are asked
/// for: which characters it has is known without ([`Face::covers`]).
enum Slot {
    Ready(FontFace),
    Shipped {
        face: Face,
        features: Vec<rustybuzz::Feature>,
        parsed: std::sync::OnceLock<FontFace>,
    },
}

impl Slot {
    /// The shipped face `face`, shaped with `features`, not parsed yet.
    fn shipped(face: Face, features: &[rustybuzz::Feature]) -> Slot {
        Slot::Shipped {
            face,
            features: features.to_vec(),
            parsed: std::sync::OnceLock::new(),
        }
    }

    /// The parsed face.
    fn get(&self) -> &FontFace {
        match self {
            Slot::Ready(face) => face,
            Slot::Shipped {
                face,
                features,
                parsed,
            } => parsed.get_or_init(|| {
                // build.rs parsed every shipped face and the tests inflate
                // each to its file: this fails only in a damaged binary.
                FontFace::with_features(
                    FontBytes::Shipped(face.data()),
                    face.file_name.to_string(),
                    features,
                )
                .unwrap_or_else(|e| panic!("the binary's face {}: {e}", face.file_name))
            }),
        }
    }

    /// Whether the face has a glyph for `c` (a shipped face is not parsed
    /// for it).
    fn covers(&self, c: char) -> bool {
        match self {
            Slot::Ready(face) => face.covers(c),
            Slot::Shipped { face, .. } => face.covers(c),
        }
    }
}

/// The author's face for a text style, if `[fonts]` gives one.
pub fn author_face(faces: &Faces, style: Style) -> Option<&FontAsset> {
    match style {
        Style::Regular => faces.body.as_ref(),
        Style::Italic => faces.italic.as_ref(),
        Style::Bold => faces.bold.as_ref(),
        Style::BoldItalic => faces.bold_italic.as_ref(),
        Style::Mono => faces.mono.as_ref(),
        _ => None,
    }
}

/// How a text style the author gave no face for is made when `body` is
/// given: from which style's face, slanted, emboldened. An italic is the
/// upright slanted (as browsers do), a bold the upright emboldened, a bold
/// italic the bold slanted or else the italic emboldened. `None` when the
/// style has its own face (or `body` is not given: the shipped faces then).
pub fn made_from(faces: &Faces, style: Style) -> Option<(Style, bool, bool)> {
    faces.body.as_ref()?;
    if author_face(faces, style).is_some() {
        return None;
    }
    match style {
        Style::Italic => Some((Style::Regular, true, false)),
        Style::Bold => Some((Style::Regular, false, true)),
        Style::BoldItalic if faces.bold.is_some() => Some((Style::Bold, true, false)),
        Style::BoldItalic if faces.italic.is_some() => Some((Style::Italic, false, true)),
        Style::BoldItalic => Some((Style::Regular, true, true)),
        _ => None,
    }
}

/// The styles `[fonts]` leaves to be made, as their keys and how each is
/// made, for the load stage's one warning.
pub fn made_styles(faces: &Faces) -> Vec<(&'static str, &'static str)> {
    [
        (Style::Italic, "body-italic", "italic is slanted"),
        (Style::Bold, "body-bold", "bold is emboldened"),
        (Style::BoldItalic, "body-bold-italic", "bold italic is made"),
    ]
    .into_iter()
    .filter(|(style, ..)| made_from(faces, *style).is_some())
    .map(|(_, key, how)| (key, how))
    .collect()
}

/// The family a style is set in: the author's face's or the shipped one's.
pub fn family(faces: &Faces, style: Style) -> String {
    let main = if matches!(style, Style::Mono) {
        Style::Mono
    } else {
        Style::Regular
    };
    author_face(faces, main).map_or_else(|| face(main).family.to_string(), |f| f.family.clone())
}

impl FontSet {
    /// Parses the shipped faces.
    pub fn load() -> Result<FontSet> {
        FontSet::with_fallbacks(&[])
    }

    /// Parses the shipped faces and the author's `fallbacks` (as the load
    /// stage read them).
    pub fn with_fallbacks(fallbacks: &[FontAsset]) -> Result<FontSet> {
        FontSet::for_book(&Faces::default(), fallbacks)
    }

    /// The book's faces: the author's `faces` in place of the shipped ones
    /// (the missing styles made from them, see [`made_from`]), shaped with
    /// old-style figures when asked; then the `fallbacks`, and, when the
    /// author replaced the body, the shipped text faces after them, for
    /// the characters the author's faces lack.
    pub fn for_book(faces: &Faces, fallbacks: &[FontAsset]) -> Result<FontSet> {
        let text_features: Vec<rustybuzz::Feature> =
            faces.figures.feature().map(feature).into_iter().collect();
        let author = |font: &FontAsset, features: &[rustybuzz::Feature]| {
            FontFace::with_features(
                FontBytes::Author(Arc::clone(&font.data)),
                font.path.clone(),
                features,
            )
        };
        let mut set = Vec::with_capacity(Style::ALL.len());
        for style in Style::ALL {
            let features: &[rustybuzz::Feature] = if style == Style::Mono || style == Style::Math {
                &[]
            } else {
                &text_features
            };
            let slot = if let Some(font) = author_face(faces, style) {
                Slot::Ready(author(font, features)?)
            } else if let Some((from, slant, bold)) = made_from(faces, style) {
                let base = author_face(faces, from)
                    .or_else(|| author_face(faces, Style::Regular))
                    .expect("made only when `body` is given");
                let mut face = author(base, features)?;
                face.slanted = slant;
                face.emboldened = bold;
                Slot::Ready(face)
            } else {
                Slot::shipped(face(style), features)
            };
            set.push(slot);
        }
        let mut fallback_faces = fallbacks
            .iter()
            .map(|font| author(font, &text_features).map(Slot::Ready))
            .collect::<Result<Vec<_>>>()?;
        if faces.body.is_some() {
            for style in [
                Style::Regular,
                Style::Italic,
                Style::Bold,
                Style::BoldItalic,
            ] {
                fallback_faces.push(Slot::shipped(face(style), &text_features));
            }
        }
        Ok(FontSet {
            faces: set,
            fallbacks: fallback_faces,
        })
    }

    /// The face for a style (a shipped face is inflated and parsed the
    /// first time it is asked for).
    pub fn get(&self, style: Style) -> &FontFace {
        self.slot(style).get()
    }

    /// Whether the face for `style` has a glyph for `c`, without parsing a
    /// shipped face for it.
    pub fn covers(&self, style: Style, c: char) -> bool {
        self.slot(style).covers(c)
    }

    fn slot(&self, style: Style) -> &Slot {
        if let Style::Fallback(index) = style {
            if let Some(slot) = self.fallbacks.get(usize::from(index)) {
                return slot;
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
        if self.covers(preferred, c) {
            return Some(preferred);
        }
        self.fallback_styles()
            .chain(Style::ALL)
            .find(|&s| self.covers(s, c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_face_inflates_to_its_file_in_fonts_once() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts");
        let mut names = std::collections::BTreeSet::new();
        for style in Style::ALL {
            let shipped = face(style);
            let file = std::fs::read(dir.join(shipped.file_name)).unwrap();
            assert!(
                shipped.data() == file.as_slice(),
                "{} differs",
                shipped.file_name
            );
            // Inflated once: the same bytes every time.
            assert!(std::ptr::eq(shipped.data(), face(style).data()));
            names.insert(shipped.file_name);
        }
        // The Charis faces keep their common tables (cmap, GSUB…) once.
        assert!(SHIPPED[..4].iter().all(|s| s.shared.len() >= 5));
        // Every style has a file of its own, and every file in fonts/ is shipped.
        let files = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(|e| e.unwrap().file_name().into_string().ok())
            .filter(|n| n.ends_with(".ttf"))
            .count();
        assert_eq!((names.len(), files), (Style::ALL.len(), Style::ALL.len()));
        let named: Vec<&str> = Style::ALL.iter().map(|&s| face(s).file_name).collect();
        assert_eq!(
            named,
            [
                "CharisSIL-Regular.ttf",
                "CharisSIL-Italic.ttf",
                "CharisSIL-Bold.ttf",
                "CharisSIL-BoldItalic.ttf",
                "NotoSansMono-Regular.ttf",
                "DejaVuMathTeXGyre.ttf",
                "QuireGreek-Regular.ttf",
                "QuireGreek-Italic.ttf",
                "QuireGreek-Bold.ttf",
                "QuireGreek-BoldItalic.ttf",
            ]
        );
    }

    #[test]
    fn the_build_time_coverage_table_agrees_with_each_face_s_cmap() {
        for style in Style::ALL {
            let face = face(style);
            let parsed = rustybuzz::ttf_parser::Face::parse(face.data(), 0).unwrap();
            // `Face::glyph_index` asks the Unicode subtables in order (read
            // once here: that call reads them again every time, too slow
            // for every code point in a debug build; it is asked for every
            // 61st below, to show the two agree).
            let unicode: Vec<_> = parsed
                .tables()
                .cmap
                .into_iter()
                .flat_map(|cmap| cmap.subtables)
                .filter(|subtable| subtable.is_unicode())
                .collect();
            let mut covered = 0;
            // Every code point, but only each 61st of planes 4 to 13, which
            // Unicode leaves unassigned (the whole range took minutes).
            let unassigned = 0x4_0000..0xE_0000;
            let codes = (0..unassigned.start)
                .chain(unassigned.step_by(61))
                .chain(0xE_0000..=0x10_FFFF);
            for code in codes {
                let Some(c) = char::from_u32(code) else {
                    continue;
                };
                let has = unicode.iter().any(|s| s.glyph_index(code).is_some());
                if code % 61 == 0 {
                    assert_eq!(parsed.glyph_index(c).is_some(), has);
                }
                assert_eq!(face.covers(c), has, "{} U+{code:04X}", face.file_name);
                covered += usize::from(has);
            }
            assert!(covered > 150, "{}: {covered}", face.file_name);
        }
    }

    #[test]
    fn asking_which_face_has_a_character_parses_no_shipped_face() {
        let set = FontSet::load().unwrap();
        let parsed = |style: Style| match set.slot(style) {
            Slot::Shipped { parsed, .. } => parsed.get().is_some(),
            Slot::Ready(_) => true,
        };
        let runs = set.runs(Style::Regular, "the Ἀθῆναι of ∑ and 漢");
        assert!(runs.iter().any(|r| r.style == Some(Style::GreekRegular)));
        assert_eq!(set.cover(Style::Regular, '\u{1D538}'), Some(Style::Math));
        assert!(Style::ALL.into_iter().all(|s| !parsed(s)), "none parsed");
        // Asked for its metrics, a face is parsed, once.
        let regular: *const FontFace = set.get(Style::Regular);
        assert!(parsed(Style::Regular) && !parsed(Style::Italic));
        assert!(std::ptr::eq(regular, set.get(Style::Regular)));
    }

    #[test]
    fn every_face_parses_and_covers_the_sample_s_special_characters() {
        // The Greek faces have Greek and punctuation only (their own test).
        let text = |s: &Style| *s != Style::Math && face(*s).family != GREEK;
        for style in Style::ALL.into_iter().filter(text) {
            let face = face(style);
            let parsed = rustybuzz::ttf_parser::Face::parse(face.data(), 0)
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
            let parsed = rustybuzz::ttf_parser::Face::parse(greek.data(), 0).unwrap();
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

    fn asset(style: Style) -> FontAsset {
        let shipped = face(style);
        FontAsset {
            path: format!("fonts/{}", shipped.file_name),
            family: "Author".into(),
            cff: false,
            data: shipped.data().into(),
        }
    }

    #[test]
    fn missing_styles_are_made_from_the_nearest_face_given() {
        let mut faces = Faces::default();
        assert_eq!(
            made_from(&faces, Style::Italic),
            None,
            "no body: shipped faces"
        );
        faces.body = Some(asset(Style::Regular));
        assert_eq!(
            made_from(&faces, Style::Italic),
            Some((Style::Regular, true, false))
        );
        assert_eq!(
            made_from(&faces, Style::Bold),
            Some((Style::Regular, false, true))
        );
        assert_eq!(
            made_from(&faces, Style::BoldItalic),
            Some((Style::Regular, true, true))
        );
        assert_eq!(made_from(&faces, Style::Mono), None);
        faces.bold = Some(asset(Style::Bold));
        assert_eq!(made_from(&faces, Style::Bold), None);
        assert_eq!(
            made_from(&faces, Style::BoldItalic),
            Some((Style::Bold, true, false))
        );
        assert_eq!(
            made_styles(&faces),
            [
                ("body-italic", "italic is slanted"),
                ("body-bold-italic", "bold italic is made")
            ]
        );
        let set = FontSet::for_book(&faces, &[]).unwrap();
        assert!(set.get(Style::Italic).slanted && !set.get(Style::Italic).emboldened);
        assert!(set.get(Style::BoldItalic).slanted && !set.get(Style::BoldItalic).emboldened);
        assert!(!set.get(Style::Bold).slanted && !set.get(Style::Bold).emboldened);
        assert_eq!(set.get(Style::Italic).name, "fonts/CharisSIL-Regular.ttf");
        // The shipped text faces follow, for what the author's lack.
        assert_eq!(set.fallback_styles().count(), 4);
        assert_eq!(family(&faces, Style::Italic), "Author");
        assert_eq!(family(&faces, Style::Mono), "Noto Sans Mono");
    }

    #[test]
    fn a_face_without_old_style_figures_keeps_its_own_with_the_option() {
        // Charis SIL 6.101 has no `onum` (EB Garamond's are checked in
        // tests/faces.rs); it has small capitals.
        let data = face(Style::Regular).data();
        assert!(figure_digits(data, Figures::OldStyle).is_empty());
        assert!(figure_digits(data, Figures::Default).is_empty());
        assert!(figure_digits(b"not a font", Figures::OldStyle).is_empty());
        let set = FontSet::for_book(
            &Faces {
                figures: Figures::OldStyle,
                ..Faces::default()
            },
            &[],
        )
        .unwrap();
        let regular = set.get(Style::Regular);
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str("1");
        buffer.set_direction(rustybuzz::Direction::LeftToRight);
        buffer.set_script(rustybuzz::script::LATIN);
        let shaped = rustybuzz::shape_with_plan(regular.face(), &regular.plan, buffer);
        let one = regular.face().glyph_index('1').unwrap().0;
        assert_eq!(shaped.glyph_infos()[0].glyph_id, u32::from(one));
        assert!(regular.has_small_caps);
    }

    #[test]
    fn the_math_face_has_a_math_table() {
        let parsed = rustybuzz::ttf_parser::Face::parse(face(Style::Math).data(), 0).unwrap();
        let math = parsed.tables().math.expect("a MATH table");
        assert!(math.constants.is_some() && math.variants.is_some());
        assert!(parsed.glyph_index('\u{1D465}').is_some(), "math italic x");
    }
}
