//! The typefaces quire ships (in `fonts/`, OFL-licensed), compiled into the
//! binary so that a book builds the same on every machine.
//!
//! Both back ends read faces from here; neither depends on the other.

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
}

impl Style {
    /// Every style, in a fixed order.
    pub const ALL: [Style; 5] = [
        Style::Regular,
        Style::Italic,
        Style::Bold,
        Style::BoldItalic,
        Style::Mono,
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

/// Each font file, once: a `static` is a single copy in the binary, where
/// `include_bytes!` inside a function body was duplicated into every codegen
/// unit that inlined it (17.9 MB of `.rodata` for five faces).
static CHARIS_REGULAR: &[u8] = include_bytes!("../fonts/CharisSIL-Regular.ttf");
static CHARIS_ITALIC: &[u8] = include_bytes!("../fonts/CharisSIL-Italic.ttf");
static CHARIS_BOLD: &[u8] = include_bytes!("../fonts/CharisSIL-Bold.ttf");
static CHARIS_BOLD_ITALIC: &[u8] = include_bytes!("../fonts/CharisSIL-BoldItalic.ttf");
static NOTO_SANS_MONO: &[u8] = include_bytes!("../fonts/NotoSansMono-Regular.ttf");

/// The face for a style.
pub fn face(style: Style) -> Face {
    let (family, file_name, data) = match style {
        Style::Regular => (SERIF, "CharisSIL-Regular.ttf", CHARIS_REGULAR),
        Style::Italic => (SERIF, "CharisSIL-Italic.ttf", CHARIS_ITALIC),
        Style::Bold => (SERIF, "CharisSIL-Bold.ttf", CHARIS_BOLD),
        Style::BoldItalic => (SERIF, "CharisSIL-BoldItalic.ttf", CHARIS_BOLD_ITALIC),
        Style::Mono => (MONO, "NotoSansMono-Regular.ttf", NOTO_SANS_MONO),
    };
    Face {
        family,
        style,
        file_name,
        data,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_face_parses_and_covers_the_sample_s_special_characters() {
        for style in Style::ALL {
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
}
