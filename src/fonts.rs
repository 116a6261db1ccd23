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

/// The face for a style.
pub fn face(style: Style) -> Face {
    let (family, file_name, data): (_, _, &'static [u8]) = match style {
        Style::Regular => (
            SERIF,
            "CharisSIL-Regular.ttf",
            include_bytes!("../fonts/CharisSIL-Regular.ttf"),
        ),
        Style::Italic => (
            SERIF,
            "CharisSIL-Italic.ttf",
            include_bytes!("../fonts/CharisSIL-Italic.ttf"),
        ),
        Style::Bold => (
            SERIF,
            "CharisSIL-Bold.ttf",
            include_bytes!("../fonts/CharisSIL-Bold.ttf"),
        ),
        Style::BoldItalic => (
            SERIF,
            "CharisSIL-BoldItalic.ttf",
            include_bytes!("../fonts/CharisSIL-BoldItalic.ttf"),
        ),
        Style::Mono => (
            MONO,
            "NotoSansMono-Regular.ttf",
            include_bytes!("../fonts/NotoSansMono-Regular.ttf"),
        ),
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
