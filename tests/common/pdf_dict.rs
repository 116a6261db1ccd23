//! Reading a PDF's dictionaries back with lopdf: the lookups the tagged
//! and PDF/A tests share.

use lopdf::{Dictionary, Document, Object};

/// The dictionary `object` is, or refers to.
pub fn dict<'a>(pdf: &'a Document, object: &'a Object) -> &'a Dictionary {
    match object {
        Object::Reference(id) => pdf.get_dictionary(*id).expect("a dictionary"),
        Object::Dictionary(d) => d,
        other => panic!("not a dictionary: {other:?}"),
    }
}

/// The name at `key` (empty when there is none).
pub fn name(d: &Dictionary, key: &[u8]) -> String {
    String::from_utf8_lossy(d.get(key).and_then(Object::as_name).unwrap_or(b"")).into_owned()
}

/// The text string at `key`, decoded.
pub fn text(d: &Dictionary, key: &[u8]) -> Option<String> {
    let bytes = d.get(key).and_then(Object::as_str).ok()?;
    Some(lopdf::decode_text_string(&Object::string_literal(bytes.to_vec())).unwrap_or_default())
}

/// The catalog's XMP packet (unfiltered, as PDF/A asks).
#[allow(dead_code)] // Not every test reads it.
pub fn xmp(pdf: &Document) -> String {
    let catalog = pdf.catalog().expect("catalog");
    let id = catalog
        .get(b"Metadata")
        .and_then(Object::as_reference)
        .expect("XMP");
    let stream = pdf.get_object(id).and_then(Object::as_stream).expect("XMP");
    assert!(
        stream.dict.get(b"Filter").is_err(),
        "the XMP is not filtered"
    );
    String::from_utf8(stream.content.clone()).expect("UTF-8 XMP")
}
