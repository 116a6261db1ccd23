//! quire turns a folder of Markdown chapters into an EPUB 3 and a print-ready PDF.
//!
//! The pipeline, in order (each stage is a module):
//!
//! 1. [`manuscript`] finds and reads the files of a manuscript folder
//!    (`book.toml`, chapters, images): the only stage that reads the disk.
//! 2. [`config`] parses `book.toml` into typed settings.
//! 3. [`parse`] turns each chapter's Markdown (pulldown-cmark events) into
//!    the document [`model`], once.
//! 4. [`passes`] compute the generated matter on the model: heading ids,
//!    link resolution, the FAQ appendix, the resources page, the table of
//!    contents.
//! 5. [`layout`] typesets the finished [`model::Book`] into pages of
//!    positioned glyphs ([`layout::Document`]), with a page map
//!    ([`layout::document::PageStart`]) saying which part and block each page
//!    starts with, for any later stage that needs print page numbers.
//! 6. The renderers return bytes: [`epub::write`] from the model,
//!    [`pdf::write`] from the layout (it only writes the pages). They never
//!    depend on each other; all take their typefaces from [`fonts`].
//! 7. The command-line front end (`src/main.rs`) writes those bytes to disk,
//!    atomically.
//!
//! [`load`] runs stages 1–4 and is what every command starts with.

pub mod check;
pub mod config;
pub mod epub;
pub mod error;
pub mod fonts;
pub mod layout;
pub mod lines;
pub mod manuscript;
pub mod model;
pub mod parse;
pub mod passes;
pub mod pdf;
pub mod render;
pub mod url;
pub mod xml;

pub use error::{Error, ErrorKind, Errors, Location, Result, Warning};
pub use manuscript::{load, Loaded};
