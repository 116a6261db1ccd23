//! The EPUB 3 back end: [`write`] turns a finished [`Book`] into the bytes of an `.epub` file.

use crate::model::Book;
use crate::Result;

/// Renders the book as an EPUB 3 container.
pub fn write(_book: &Book) -> Result<Vec<u8>> {
    Err(crate::Error::render("the EPUB back end is not built yet"))
}
