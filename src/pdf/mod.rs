//! The PDF back end: [`write`] typesets a finished [`Book`] into the bytes of a print-ready PDF.

use crate::model::Book;
use crate::Result;

/// Typesets the book and returns the PDF file.
pub fn write(_book: &Book) -> Result<Vec<u8>> {
    Err(crate::Error::render("the PDF back end is not built yet"))
}
