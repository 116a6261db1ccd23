//! The author's fonts (`[fonts] fallback` in `book.toml`): each file read
//! from inside the manuscript folder, as images are, and checked to be a
//! font quire can shape and embed.

use super::files::{confined, read_bounded};
use super::Manuscript;
use crate::error::{Error, ErrorKind, Location, Warning};
use crate::fonts::Style;
use crate::model::{Faces, FontAsset};
use std::path::Path;

/// The largest font file quire reads: 64 MiB (a CJK face is 10–30 MB).
pub const MAX_FONT_BYTES: u64 = 64 * 1024 * 1024;

impl Manuscript {
    /// Reads the fallback fonts `book.toml` names, in order; a file that is
    /// missing, outside the folder or not a usable font is an error at its
    /// line in `book.toml`, added to `errors`.
    pub fn read_fonts(&self, errors: &mut Vec<Error>) -> Vec<FontAsset> {
        let mut fonts = Vec::new();
        for (file, line) in &self.config.fonts.fallback {
            match self.read_font(file, *line) {
                Ok(font) => fonts.push(font),
                Err(error) => errors.push(error),
            }
        }
        fonts
    }

    /// Reads the author's faces (`body`, `body-italic`, `body-bold`,
    /// `body-bold-italic`, `mono`) as [`Manuscript::read_fonts`] reads the
    /// fallback fonts; warns once, at `body`'s line, about the styles that
    /// will be made from the faces given (slanted, emboldened).
    pub fn read_faces(&self, errors: &mut Vec<Error>, warnings: &mut Vec<Warning>) -> Faces {
        let fonts = &self.config.fonts;
        let mut faces = Faces {
            figures: fonts.figures,
            ..Faces::default()
        };
        for (style, file, line) in &fonts.faces {
            let font = match self.read_font(file, *line) {
                Ok(font) => font,
                Err(error) => {
                    errors.push(error);
                    continue;
                }
            };
            let slot = match style {
                Style::Regular => {
                    faces.body_line = *line;
                    &mut faces.body
                }
                Style::Italic => &mut faces.italic,
                Style::Bold => &mut faces.bold,
                Style::BoldItalic => &mut faces.bold_italic,
                _ => &mut faces.mono,
            };
            *slot = Some(font);
        }
        if faces.body.is_some() {
            let made = crate::fonts::made_styles(&faces);
            if !made.is_empty() {
                let location = Location {
                    file: self.dir.join("book.toml"),
                    line: faces.body_line,
                    column: None,
                };
                warnings.push(
                    Warning::at(
                        location,
                        format!(
                            "`[fonts]` names no {}: {} made from the faces it names",
                            made.iter()
                                .map(|(key, _)| format!("`{key}`"))
                                .collect::<Vec<_>>()
                                .join(", "),
                            made.iter()
                                .map(|(_, how)| *how)
                                .collect::<Vec<_>>()
                                .join(", "),
                        ),
                    )
                    .with_hint(Some(
                        "name the family's own italic and bold files for true italics and bolds"
                            .into(),
                    )),
                );
            }
        }
        faces
    }

    /// Reads one font file `book.toml` names at `line`.
    fn read_font(&self, file: &str, line: Option<usize>) -> Result<FontAsset, Error> {
        let location = Location {
            file: self.dir.join("book.toml"),
            line,
            column: None,
        };
        let fail = |reason: String| {
            Error::at(
                location.clone(),
                ErrorKind::Font {
                    path: file.to_string(),
                    reason,
                },
            )
        };
        let data = confined(&self.dir, &self.root, file)
            .and_then(|path| read_bounded(&path, MAX_FONT_BYTES));
        match data {
            Ok(data) => check(file, data).map_err(fail),
            Err(ErrorKind::Io(e)) => Err(fail(format!("cannot read the file: {e}"))),
            Err(other) => Err(Error::at(location.clone(), other)),
        }
    }
}

/// Checks that `data` is a font the shaper reads, with a Unicode `cmap`,
/// and describes it.
fn check(file: &str, data: Vec<u8>) -> Result<FontAsset, String> {
    let face = ttf_parser::Face::parse(&data, 0)
        .map_err(|e| format!("not a TrueType or OpenType font ({e})"))?;
    if rustybuzz::Face::from_slice(&data, 0).is_none() {
        return Err("the font cannot be read for shaping".into());
    }
    if !face
        .tables()
        .cmap
        .is_some_and(|cmap| cmap.subtables.into_iter().any(|s| s.is_unicode()))
    {
        return Err("the font maps no Unicode characters (no Unicode `cmap`)".into());
    }
    let family = face
        .names()
        .into_iter()
        .filter(|n| {
            n.name_id == ttf_parser::name_id::TYPOGRAPHIC_FAMILY
                || n.name_id == ttf_parser::name_id::FAMILY
        })
        .filter(|n| n.is_unicode())
        // The US English name (CSS and people read it), the typographic
        // family before the legacy one.
        .max_by_key(|n| {
            (
                n.language() == ttf_parser::Language::English_UnitedStates,
                n.name_id == ttf_parser::name_id::TYPOGRAPHIC_FAMILY,
            )
        })
        .and_then(|n| n.to_string())
        .unwrap_or_else(|| {
            Path::new(file)
                .file_stem()
                .map_or_else(|| file.to_string(), |s| s.to_string_lossy().into_owned())
        });
    let cff = face.tables().cff.is_some();
    if !cff && face.tables().glyf.is_none() {
        return Err("the font has neither TrueType (`glyf`) nor CFF outlines".into());
    }
    Ok(FontAsset {
        path: file.to_string(),
        family,
        cff,
        data: data.into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shipped_face_is_accepted_with_its_family_name() {
        let data = crate::fonts::face(crate::fonts::Style::GreekBold)
            .data()
            .to_vec();
        let font = check("fonts/g.ttf", data).unwrap();
        assert_eq!(font.family, "Quire Greek");
        assert!(!font.cff);
    }

    #[test]
    fn what_is_not_a_font_is_refused_with_the_reason() {
        let err = check("fonts/x.ttf", b"not a font at all".to_vec()).unwrap_err();
        assert!(err.starts_with("not a TrueType or OpenType font"), "{err}");
    }
}
