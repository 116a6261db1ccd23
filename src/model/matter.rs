//! The generated matter: the words quire adds to the author's text, as the
//! [`crate::passes::matter`] pass phrased them. Back ends render these and
//! phrase nothing of their own.

use super::AlertKind;
use serde::Serialize;

/// The labels quire prints on pages and parts it generates or numbers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Labels {
    /// The word before a chapter's number ("Chapter").
    pub chapter: String,
    /// The heading of the contents page ("Contents").
    pub contents: String,
    /// The heading of a part's notes in the EPUB ("Notes").
    pub notes: String,
    /// The cover page's name ("Cover").
    pub cover: String,
    /// The title page's name in navigation ("Title Page").
    pub title_page: String,
    /// The copyright page's heading and name ("Copyright").
    pub copyright: String,
    /// The landmark for the first chapter ("Start of Reading").
    pub start_of_reading: String,
    /// The heading of the EPUB's (hidden) landmarks list ("Landmarks").
    pub landmarks: String,
    /// The labels of GFM alerts, in the order of [`AlertKind`]: "Note",
    /// "Tip", "Important", "Warning", "Caution".
    pub alerts: [String; 5],
    /// What a task list's box says to assistive technology: not done
    /// ("To do"), done ("Done").
    pub tasks: [String; 2],
    /// The word before a page number in a cross-reference ("see page
    /// 12"): "page".
    pub see_page: String,
}

impl Labels {
    /// The English labels.
    pub fn english() -> Labels {
        Labels {
            chapter: "Chapter".into(),
            contents: "Contents".into(),
            notes: "Notes".into(),
            cover: "Cover".into(),
            title_page: "Title Page".into(),
            copyright: "Copyright".into(),
            start_of_reading: "Start of Reading".into(),
            landmarks: "Landmarks".into(),
            alerts: ["Note", "Tip", "Important", "Warning", "Caution"].map(String::from),
            tasks: ["To do", "Done"].map(String::from),
            see_page: "page".into(),
        }
    }

    /// The label of an alert ("Note").
    pub fn alert(&self, kind: AlertKind) -> &str {
        &self.alerts[kind as usize]
    }

    /// A chapter's label with its number: "Chapter 3".
    pub fn chapter_number(&self, number: u32) -> String {
        format!("{} {number}", self.chapter)
    }
}

impl Default for Labels {
    fn default() -> Self {
        Labels::english()
    }
}

/// A run of generated text, upright or italic (titles of works are italic).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Span {
    /// The words.
    pub text: String,
    /// Whether they are set in italic.
    pub italic: bool,
}

/// Everything generated around the author's text, ready to render.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Matter {
    /// The labels of generated and numbered pages.
    pub labels: Labels,
    /// The authors as one phrase: "A", "A and B", "A, B and C".
    pub byline: String,
    /// The cover image's alternative text.
    pub cover_alt: String,
    /// The copyright page, paragraph by paragraph: the work, the rights,
    /// the publication, the identifier and the colophon.
    pub imprint: Vec<Vec<Span>>,
    /// The faces the book is set in, as the colophon names them.
    pub faces: Vec<String>,
}
