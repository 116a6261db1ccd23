//! The passes: each completes the parsed [`Book`] a step further, all with
//! one signature ([`Pass`]), run by [`run`] in the order of [`ORDER`]:
//!
//! 1. [`ids`]: every heading gets an anchor id, unique within its part.
//! 2. [`links`]: every internal link is resolved from the file it names to
//!    that file's part, and its anchor checked to exist.
//! 3. [`numbering`]: chapters are numbered 1, 2, …; the FAQ closes the
//!    appendices.
//! 4. [`matter`]: the generated words in the book's language (labels, title
//!    page, copyright page), which the FAQ and resources pages take.
//! 5. [`faq`]: the FAQ file becomes the "Frequently Asked Questions" appendix.
//! 6. [`resources`]: every external link, merged with the declared resources,
//!    becomes the resources page.
//! 7. [`toc`]: the table of contents, from the finished parts.
//! 8. [`highlight`]: the tokens of every code block in a known language.
//! 9. [`crate::check`]: warnings about the finished book (font coverage,
//!    duplicate titles).
//!
//! A pass reports problems into its [`PassContext`] rather than stopping, so
//! that every problem of a manuscript comes out in one run.

pub mod faq;
pub mod highlight;
pub mod ids;
pub mod links;
pub mod matter;
pub mod numbering;
pub mod resources;
pub mod toc;

use crate::config::{CodeConfig, ResourceConfig};
use crate::error::{Error, Warning};
use crate::model::Book;
use crate::parse::LinkRef;
use std::collections::BTreeMap;
use std::path::Path;

/// What the passes know beside the book, and what they report.
#[derive(Debug)]
pub struct PassContext<'a> {
    /// The manuscript folder, joined to a part's source file in locations.
    pub dir: &'a Path,
    /// Every Markdown file of the book (relative to the folder) and its part's id.
    pub files: &'a BTreeMap<String, String>,
    /// Every internal link of every file, as the parser recorded it (files
    /// with errors included, so that their links are checked too).
    pub links: Vec<LinkRef>,
    /// The resources `book.toml` declares.
    pub resources: &'a [ResourceConfig],
    /// How `book.toml` asks code to be highlighted.
    pub code: &'a CodeConfig,
    /// The author's `[labels]`, by key, over the language's.
    pub labels: &'a BTreeMap<String, String>,
    /// The text of each file by its relative name (`book.toml` included), to
    /// find the line of a warning.
    pub sources: &'a BTreeMap<String, String>,
    /// Problems that stop the build, in the order found.
    pub errors: Vec<Error>,
    /// Problems that do not, in the order found.
    pub warnings: Vec<Warning>,
}

/// A pass: completes `book`, reporting into `cx`.
pub type Pass = fn(&mut Book, &mut PassContext<'_>);

/// Every pass, by name, in the order [`run`] runs them.
pub const ORDER: &[(&str, Pass)] = &[
    ("ids", ids::run),
    ("links", links::run),
    ("numbering", numbering::run),
    ("matter", matter::run),
    ("faq", faq::run),
    ("resources", resources::run),
    ("toc", toc::run),
    ("highlight", highlight::run),
    ("checks", crate::check::run),
];

/// Runs every pass of [`ORDER`] on `book`. All run even after an error, each
/// on what it can use, so that one run reports every problem; a book with
/// errors in `cx` must not be rendered.
pub fn run(book: &mut Book, cx: &mut PassContext<'_>) {
    for (name, pass) in ORDER {
        log::debug!("pass: {name}");
        pass(book, cx);
    }
}
