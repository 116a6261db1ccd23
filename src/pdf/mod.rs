//! The PDF back end: laid-out pages in, the bytes of a print-ready PDF out.
//!
//! It only writes: shaping, line breaking and pagination are the
//! [`layout`] stage's, whose pages this module turns into a file as they
//! are drawn ([`layout::stream`] into a `write::Writer`: page content in
//! `content`, the faces followed and subset fonts in `faces`, images,
//! navigation, metadata; `images`: pictures as image XObjects, SVGs as
//! vector form XObjects through `svg`). The layout knows nothing of PDF
//! objects, so the writer can be replaced without touching it.

mod content;
pub mod cover;
mod faces;
mod images;
mod pdfa;
pub mod print;
mod svg;
mod tagged;
mod write;

pub use write::Options;

use crate::layout::{self, Document, PageSink};
use crate::model::Book;
use crate::render::{Progress, Rendered, Renderer, Silent};
use crate::Result;

/// The PDF back end as a [`Renderer`]: [`write`].
#[derive(Debug, Clone, Copy)]
pub struct Pdf;

impl Renderer for Pdf {
    fn name(&self) -> &'static str {
        "PDF"
    }
    fn extension(&self) -> &'static str {
        "pdf"
    }
    fn render(&self, book: &Book) -> Result<Rendered> {
        write(book).map(Rendered::File)
    }
    fn render_with(&self, book: &Book, progress: &dyn Progress) -> Result<Rendered> {
        write_with(book, progress).map(Rendered::File)
    }
    fn shares_layout(&self) -> bool {
        true
    }
}

/// Lays the book out and returns the PDF file.
pub fn write(book: &Book) -> Result<Vec<u8>> {
    write_with(book, &Silent)
}

/// Like [`write`], telling `progress` how the layout goes (see
/// [`layout::layout_with`]), then that the file is being finished. The
/// pages are written as they are drawn ([`layout::stream`]), so the whole
/// book's glyphs are never in memory at once.
pub fn write_with(book: &Book, progress: &dyn Progress) -> Result<Vec<u8>> {
    write_with_options(book, progress, Options::default())
}

/// Like [`write_with`], written as `options` say (tagged or not).
pub fn write_with_options(
    book: &Book,
    progress: &dyn Progress,
    options: Options,
) -> Result<Vec<u8>> {
    write_framed(book, progress, options).map(|(bytes, _)| bytes)
}

/// Like [`write_with_options`], returning beside the bytes the layout's
/// [`layout::Frame`] (page count, page map, page numbers), for a stage
/// that needs the pages this PDF has (the EPUB's page-list, when the
/// print interior has the same pages: [`crate::paginate_sharing`]).
pub fn write_framed(
    book: &Book,
    progress: &dyn Progress,
    options: Options,
) -> Result<(Vec<u8>, layout::Frame)> {
    let mut writer = write::Writer::with_options(book, options)?;
    let frame = layout::stream(book, progress, &mut writer)?;
    progress.stage("writing the PDF", None);
    let bytes = writer.finish(&frame)?;
    Ok((bytes, frame))
}

/// Writes an already laid-out book as PDF bytes; `book` supplies the
/// metadata and the images the pages refer to. The bytes are those
/// [`write`] gives: the pages go to the writer in the order the layout
/// hands them on.
pub fn write_document(book: &Book, document: &Document) -> Result<Vec<u8>> {
    let mut writer = write::Writer::new(book)?;
    for batch in document.placed(64) {
        writer.pages(batch)?;
    }
    writer.finish(&document.frame())
}
