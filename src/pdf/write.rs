//! PDF file writer
pub fn write(_b: &crate::model::Book, _d: &super::Document) -> crate::Result<Vec<u8>> { Ok(Vec::new()) }
