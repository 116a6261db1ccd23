//! The author's faces (`[fonts]`) and the EPUB's settings (`[epub]`), as
//! the load stage read them.

use super::FontAsset;
use crate::config::{Figures, Notes};
use serde::Serialize;
use std::sync::Arc;

/// The author's own faces in place of the shipped ones (`[fonts]`); a
/// style without one is the shipped face's, or, when `body` is given, made
/// from the nearest face the author gave (see [`crate::fonts`]).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Faces {
    /// The upright text face (`body`).
    pub body: Option<FontAsset>,
    /// Its italic (`body-italic`).
    pub italic: Option<FontAsset>,
    /// Its bold (`body-bold`).
    pub bold: Option<FontAsset>,
    /// Its bold italic (`body-bold-italic`).
    pub bold_italic: Option<FontAsset>,
    /// The monospace face for code (`mono`).
    pub mono: Option<FontAsset>,
    /// The line of `body` in `book.toml`, for the warning about made-up
    /// styles.
    pub body_line: Option<usize>,
    /// Which figures the text is set with.
    pub figures: Figures,
}

/// The EPUB's settings (`[epub]`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EpubSettings {
    /// The author's stylesheet, appended after quire's.
    pub css: Option<AuthorCss>,
    /// Whether the faces are embedded (else the stylesheet names generic
    /// families only).
    pub embed_fonts: bool,
    /// Where the notes go.
    pub footnotes: Notes,
    /// Whether the EPUB carries the print edition's page breaks, a
    /// page-list and `pageBreakSource` (`[epub] page-list`).
    pub page_list: bool,
}

impl Default for EpubSettings {
    fn default() -> Self {
        EpubSettings {
            css: None,
            embed_fonts: true,
            footnotes: Notes::Popup,
            page_list: true,
        }
    }
}

/// The author's stylesheet with the files its `url()`s name.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuthorCss {
    /// Its path, relative to the manuscript folder.
    pub path: String,
    /// Its text, each `url()` rewritten to the file's place in the EPUB
    /// (relative to the stylesheet in `css/`).
    pub text: String,
    /// The files it names, each once: the name in the EPUB (under
    /// `css/author/`), the media type and the bytes.
    #[serde(skip)]
    pub files: Vec<(String, &'static str, Arc<[u8]>)>,
}
