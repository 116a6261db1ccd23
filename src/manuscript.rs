//! Finding and reading a manuscript folder (being written).
use crate::model::Book;
use crate::Errors;
use std::path::Path;

/// Loads, parses and completes a manuscript folder into a [`Book`].
pub fn load(_dir: &Path) -> Result<Book, Errors> {
    todo!()
}
