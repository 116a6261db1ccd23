//! Pins the epub-builder 0.8.3 defects that made quire write the package,
//! navigation and container itself. Each test asserts the defect is still
//! there; when an upgrade fixes one, its test fails and says which part of
//! `quire::epub` could go back to the crate.

use epub_builder::{EpubBuilder, EpubContent, EpubVersion, MetadataOpfV3, ZipLibrary};
use std::io::{Cursor, Read};

/// Builds a one-chapter book with epub-builder and returns its files.
fn build(configure: impl FnOnce(&mut EpubBuilder<ZipLibrary>)) -> zip::ZipArchive<Cursor<Vec<u8>>> {
    let mut builder = EpubBuilder::new(ZipLibrary::new().expect("zip")).expect("builder");
    builder.epub_version(EpubVersion::V30);
    builder.set_title("T");
    configure(&mut builder);
    builder
        .add_content(EpubContent::new("c.xhtml", b"<html/>".as_ref()).title("C"))
        .expect("content");
    let mut bytes = Vec::new();
    builder.generate(&mut bytes).expect("generate");
    zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip")
}

fn file(archive: &mut zip::ZipArchive<Cursor<Vec<u8>>>, name: &str) -> String {
    let mut text = String::new();
    archive
        .by_name(name)
        .expect("file present")
        .read_to_string(&mut text)
        .expect("utf-8");
    text
}

/// Hence `package.rs` writes the creators and the language itself.
#[test]
fn author_and_language_share_an_id() {
    let mut epub = build(|b| {
        b.add_author("A");
        b.add_language("en");
    });
    let opf = file(&mut epub, "OEBPS/content.opf");
    assert_eq!(opf.matches("id=\"epub-creator-0\"").count(), 2, "{opf}");
}

/// Hence `package.rs` writes `<package xml:lang>`.
#[test]
fn package_has_no_language_attribute() {
    let mut epub = build(|b| b.add_language("en"));
    let opf = file(&mut epub, "OEBPS/content.opf");
    let package = opf
        .lines()
        .find(|l| l.starts_with("<package"))
        .expect("package");
    assert!(!package.contains("lang"), "{package}");
}

/// Hence `nav.rs` writes the navigation document (with `lang`, landmarks
/// for appendix and bibliography, which `ReferenceType` lacks).
#[test]
fn navigation_document_has_no_language_and_empty_landmarks() {
    let mut epub = build(|b| b.add_language("en"));
    let nav = file(&mut epub, "OEBPS/nav.xhtml");
    let html = nav.lines().find(|l| l.starts_with("<html")).expect("html");
    assert!(!html.contains("lang"), "{html}");
    assert!(nav.contains("epub:type = \"landmarks\""), "{nav}");
    assert!(
        !nav.contains("<ol>\n      <li><a epub:type"),
        "landmarks are empty: {nav}"
    );
}

/// Hence `package.rs` escapes every metadata value itself.
#[test]
fn metadata_opf_v3_does_not_escape_its_content() {
    let mut epub = build(|b| {
        b.add_metadata_opf(Box::new(MetadataOpfV3::new(
            "dcterms:x".into(),
            "a & b".into(),
        )));
    });
    let opf = file(&mut epub, "OEBPS/content.opf");
    assert!(opf.contains(">a & b</meta>"), "{opf}");
}

/// Hence `container.rs`: ZipLibrary stamps entries with the wall clock and
/// an unset identifier is a random UUID, so two builds differ.
#[test]
fn output_depends_on_clock_and_randomness() {
    let mut epub = build(|_| {});
    let stamp = epub.by_name("mimetype").expect("mimetype").last_modified();
    assert!(stamp.is_some_and(|t| t.year() > 1980), "{stamp:?}");
    let first = file(&mut epub, "OEBPS/content.opf");
    let second = file(&mut build(|_| {}), "OEBPS/content.opf");
    assert_ne!(first, second, "identifier is random");
}
