//! The digital edition conforms to PDF/A-2a and says so; the print
//! interior and the cover claim nothing. veraPDF is not run (it is not
//! reachable here): each requirement of ISO 19005-2 quire must meet is
//! checked on the file read back with lopdf, the XMP parsed with roxmltree
//! and the ICC profile with moxcms, plus poppler's `pdffonts` and
//! `qpdf --check`.

mod common;
#[path = "common/pdf_dict.rs"]
mod pdf_dict;

use lopdf::content::Content;
use lopdf::{Document, Object};
use pdf_dict::{dict, name, text, xmp};
use std::path::{Path, PathBuf};
use std::process::Command;

const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
const DC: &str = "http://purl.org/dc/elements/1.1/";
const XMP: &str = "http://ns.adobe.com/xap/1.0/";
const PDF: &str = "http://ns.adobe.com/pdf/1.3/";
const PDFAID: &str = "http://www.aiim.org/pdfa/ns/id/";
const PDFA_SCHEMA: &str = "http://www.aiim.org/pdfa/ns/schema#";
const PDFA_PROPERTY: &str = "http://www.aiim.org/pdfa/ns/property#";

/// The digital PDF of the book at `manuscript`, written to a temporary
/// file; the book's warnings beside it.
fn build(manuscript: &Path, name: &str) -> (Vec<u8>, PathBuf, Vec<String>) {
    let loaded = quire::load(manuscript).unwrap_or_else(|e| panic!("{e}"));
    let warnings = loaded.warnings.iter().map(|w| w.to_string()).collect();
    let bytes = quire::pdf::write(&loaded.book).unwrap_or_else(|e| panic!("{e}"));
    let path = common::written_for_tools("pdfa", &format!("{name}.pdf"), &bytes);
    (bytes, path, warnings)
}

/// The text of the first element `(namespace, name)` under `node`, or of
/// its first `rdf:li` when it holds a list.
fn property(doc: &roxmltree::Document, namespace: &str, local: &str) -> Option<String> {
    let node = doc
        .descendants()
        .find(|n| n.tag_name().namespace() == Some(namespace) && n.tag_name().name() == local)?;
    let items: Vec<String> = node
        .descendants()
        .filter(|n| n.tag_name().namespace() == Some(RDF) && n.tag_name().name() == "li")
        .map(|n| n.text().unwrap_or("").to_string())
        .collect();
    match items.len() {
        0 => node.text().map(str::to_string),
        1 => items.into_iter().next(),
        n => panic!("{local}: {n} items, PDF/A compares the information with one"),
    }
}

/// `D:YYYYMMDDHHmmSSZ` as XMP writes it.
fn xmp_date(pdf_date: &str) -> String {
    let d = pdf_date.strip_prefix("D:").expect("a PDF date");
    assert!(d.ends_with('Z'), "{pdf_date}: UTC, as the XMP");
    format!(
        "{}-{}-{}T{}:{}:{}Z",
        &d[0..4],
        &d[4..6],
        &d[6..8],
        &d[8..10],
        &d[10..12],
        &d[12..14]
    )
}

/// Each information entry and the XMP property PDF/A matches it with.
fn info_matches_xmp(pdf: &Document, packet: &str) {
    let doc = roxmltree::Document::parse(packet).expect("the XMP parses");
    let info_id = pdf
        .trailer
        .get(b"Info")
        .and_then(Object::as_reference)
        .expect("Info");
    let info = pdf.get_dictionary(info_id).expect("Info");
    for (key, _) in info.iter() {
        let value = text(info, key).expect("a text entry");
        let (namespace, local, expected) = match key.as_slice() {
            b"Title" => (DC, "title", value),
            b"Author" => (DC, "creator", value),
            b"Subject" => (DC, "description", value),
            b"Keywords" => (PDF, "Keywords", value),
            b"Creator" => (XMP, "CreatorTool", value),
            b"Producer" => (PDF, "Producer", value),
            b"CreationDate" => (XMP, "CreateDate", xmp_date(&value)),
            b"ModDate" => (XMP, "ModifyDate", xmp_date(&value)),
            other => panic!("an Info entry PDF/A has no XMP for: {other:?}"),
        };
        assert_eq!(
            property(&doc, namespace, local).as_deref(),
            Some(expected.as_str()),
            "Info {} against the XMP's {local}",
            String::from_utf8_lossy(key)
        );
    }
}

/// The XMP identifies PDF/A-2a and describes `pdfuaid` in an extension
/// schema.
fn declares_pdfa(packet: &str) {
    let doc = roxmltree::Document::parse(packet).expect("the XMP parses");
    assert!(
        packet.starts_with("<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>"),
        "{packet}"
    );
    assert!(!packet.contains("bytes=") && !packet.contains("encoding="));
    assert_eq!(property(&doc, PDFAID, "part").as_deref(), Some("2"));
    assert_eq!(property(&doc, PDFAID, "conformance").as_deref(), Some("A"));
    let schema = doc
        .descendants()
        .find(|n| {
            n.tag_name().namespace() == Some(PDFA_SCHEMA)
                && n.tag_name().name() == "namespaceURI"
                && n.text() == Some("http://www.aiim.org/pdfua/ns/id/")
        })
        .expect("an extension schema for pdfuaid")
        .parent()
        .expect("the schema");
    let child = |ns: &str, local: &str| {
        schema
            .children()
            .find(|n| n.tag_name().namespace() == Some(ns) && n.tag_name().name() == local)
    };
    assert_eq!(
        child(PDFA_SCHEMA, "prefix").and_then(|n| n.text()),
        Some("pdfuaid")
    );
    let property = child(PDFA_SCHEMA, "property").expect("its properties");
    let described: Vec<(&str, &str)> = property
        .descendants()
        .filter(|n| n.tag_name().name() == "li")
        .map(|li| {
            let field = |local: &str| {
                li.descendants()
                    .find(|n| {
                        n.tag_name().namespace() == Some(PDFA_PROPERTY)
                            && n.tag_name().name() == local
                    })
                    .and_then(|n| n.text())
                    .unwrap_or("")
            };
            (field("name"), field("valueType"))
        })
        .collect();
    assert!(described.contains(&("part", "Integer")), "{described:?}");
}

/// The output intent: one, GTS_PDFA1, its profile an RGB display profile
/// of ICC version 4 or lower that moxcms reads as sRGB.
fn output_intent(pdf: &Document) {
    let catalog = pdf.catalog().expect("catalog");
    let intents = catalog
        .get(b"OutputIntents")
        .and_then(Object::as_array)
        .expect("OutputIntents");
    assert_eq!(intents.len(), 1);
    let intent = dict(pdf, &intents[0]);
    assert_eq!(name(intent, b"S"), "GTS_PDFA1");
    assert!(text(intent, b"OutputConditionIdentifier").is_some());
    let profile_id = intent
        .get(b"DestOutputProfile")
        .and_then(Object::as_reference)
        .expect("DestOutputProfile");
    let stream = pdf
        .get_object(profile_id)
        .and_then(Object::as_stream)
        .expect("a profile stream");
    assert_eq!(stream.dict.get(b"N").and_then(Object::as_i64).ok(), Some(3));
    let bytes = stream.decompressed_content().expect("inflates");
    assert_eq!(
        u32::from_be_bytes(bytes[0..4].try_into().unwrap()) as usize,
        bytes.len()
    );
    assert!(bytes[8] <= 4, "ICC version {}", bytes[8]);
    assert_eq!(&bytes[12..16], b"mntr");
    assert_eq!(&bytes[16..20], b"RGB ");
    assert_eq!(&bytes[36..40], b"acsp");
    let read = moxcms::ColorProfile::new_from_slice(&bytes).expect("moxcms reads it");
    assert_eq!(read.color_space, moxcms::DataColorSpace::Rgb);
    let srgb = moxcms::ColorProfile::new_srgb();
    assert!((read.red_colorant.x - srgb.red_colorant.x).abs() < 1e-3);
}

/// What a walk over every object found.
#[derive(Default)]
struct Objects {
    annotations: usize,
    fonts: usize,
    images: usize,
}

/// Every object: annotations printed and visible, links with their
/// text, fonts embedded with a CIDToGIDMap and no partial CIDSet, images
/// without interpolation and at 8 bits, no LZW, no JavaScript, no
/// CMYK, no additional actions, no optional content.
fn objects(pdf: &Document) -> Objects {
    let mut found = Objects::default();
    let catalog = pdf.catalog().expect("catalog");
    for key in [&b"AA"[..], b"OCProperties", b"Requirements", b"Collection"] {
        assert!(
            catalog.get(key).is_err(),
            "{}",
            String::from_utf8_lossy(key)
        );
    }
    assert!(pdf.trailer.get(b"Encrypt").is_err());
    for (id, object) in &pdf.objects {
        let d = match object {
            Object::Dictionary(d) => d,
            Object::Stream(s) => &s.dict,
            _ => continue,
        };
        if let Ok(filter) = d.get(b"Filter") {
            let filters = match filter {
                Object::Array(a) => a.clone(),
                other => vec![other.clone()],
            };
            for f in filters {
                let f = f.as_name().map(<[u8]>::to_vec).unwrap_or_default();
                assert!(f != b"LZWDecode", "LZW in {id:?}");
            }
        }
        assert!(d.get(b"JS").is_err(), "JavaScript in {id:?}");
        assert!(name(d, b"S") != "JavaScript", "JavaScript in {id:?}");
        for value in d.iter().map(|(_, v)| v) {
            assert!(
                value.as_name().ok() != Some(&b"DeviceCMYK"[..]),
                "CMYK in {id:?}"
            );
        }
        match (name(d, b"Type").as_str(), name(d, b"Subtype").as_str()) {
            ("Page", _) => assert!(d.get(b"AA").is_err(), "page actions in {id:?}"),
            ("Annot", subtype) | (_, subtype @ "Link") if d.get(b"Rect").is_ok() => {
                found.annotations += 1;
                let flags = d.get(b"F").and_then(Object::as_i64).unwrap_or(0);
                assert_eq!(flags & 4, 4, "annotation {id:?} not printed");
                assert_eq!(flags & (1 | 2 | 32), 0, "annotation {id:?} hidden");
                if subtype == "Link" {
                    assert!(text(d, b"Contents").is_some(), "a link without /Contents");
                }
            }
            ("FontDescriptor", _) => {
                found.fonts += 1;
                assert!(
                    ["FontFile", "FontFile2", "FontFile3"]
                        .iter()
                        .any(|k| d.get(k.as_bytes()).is_ok()),
                    "a font not embedded: {d:?}"
                );
                assert!(d.get(b"CIDSet").is_err(), "a CIDSet (must then be whole)");
            }
            ("Font", "CIDFontType2") => {
                assert!(d.get(b"CIDToGIDMap").is_ok(), "no CIDToGIDMap: {d:?}");
                widths_match(pdf, d);
            }
            ("Font", "CIDFontType0") => widths_match(pdf, d),
            (_, "Image") => {
                found.images += 1;
                assert!(
                    !d.get(b"Interpolate")
                        .and_then(Object::as_bool)
                        .unwrap_or(false),
                    "an interpolated image"
                );
                let bits = d.get(b"BitsPerComponent").and_then(Object::as_i64).ok();
                assert!(bits.is_some_and(|b| b <= 8), "{id:?}: {bits:?} bits");
                assert!(d.get(b"Alternates").is_err() && d.get(b"OPI").is_err());
            }
            _ => {}
        }
    }
    found
}

/// The CID font `font`'s `/W` widths are its embedded program's advances
/// (to a unit in a thousand of the em, as veraPDF allows): each CID's
/// glyph through the `/CIDToGIDMap` (TrueType) or itself (CFF in
/// OpenType, whose CIDs are the subset's glyph ids).
fn widths_match(pdf: &Document, font: &lopdf::Dictionary) {
    let descriptor = dict(pdf, font.get(b"FontDescriptor").expect("descriptor"));
    let file = descriptor
        .get(b"FontFile2")
        .or_else(|_| descriptor.get(b"FontFile3"))
        .and_then(Object::as_reference)
        .expect("a font file");
    let program = pdf
        .get_object(file)
        .and_then(Object::as_stream)
        .expect("a stream")
        .decompressed_content()
        .expect("inflates");
    let face = ttf_parser::Face::parse(&program, 0).expect("the subset parses");
    let map: Option<Vec<u8>> = font
        .get(b"CIDToGIDMap")
        .and_then(Object::as_reference)
        .ok()
        .map(|id| {
            let stream = pdf.get_object(id).and_then(Object::as_stream).expect("map");
            stream.decompressed_content().expect("inflates")
        });
    let gid = |cid: usize| match &map {
        Some(map) => u16::from_be_bytes([map[2 * cid], map[2 * cid + 1]]),
        None => cid as u16,
    };
    let scale = 1000.0 / f32::from(face.units_per_em());
    let w = font.get(b"W").and_then(Object::as_array).expect("/W");
    let mut checked = 0;
    for pair in w.chunks(2) {
        let first = pair[0].as_i64().expect("a first CID") as usize;
        let widths = pair[1].as_array().expect("first [w …]");
        for (k, width) in widths.iter().enumerate() {
            let width = width.as_float().expect("a width");
            let glyph = ttf_parser::GlyphId(gid(first + k));
            let advance = f32::from(face.glyph_hor_advance(glyph).expect("an advance")) * scale;
            assert!(
                (advance - width).abs() <= 1.0,
                "CID {}: /W {width}, the font {advance}",
                first + k
            );
            checked += 1;
        }
    }
    assert!(checked > 0, "no width checked");
}

/// Every string shown on every page (and in every form XObject the pages
/// draw): no two-byte code 0, the `.notdef` glyph.
fn no_notdef(pdf: &Document) -> usize {
    let mut shown = 0;
    for (number, page) in pdf.get_pages() {
        let content = pdf.get_page_content(page);
        let ops = Content::decode(&content)
            .expect("content parses")
            .operations;
        for op in ops {
            let strings: Vec<&[u8]> = match op.operator.as_str() {
                "Tj" | "'" | "\"" => op.operands.iter().filter_map(|o| o.as_str().ok()).collect(),
                "TJ" => op
                    .operands
                    .iter()
                    .filter_map(|o| o.as_array().ok())
                    .flatten()
                    .filter_map(|o| o.as_str().ok())
                    .collect(),
                _ => continue,
            };
            for s in strings {
                for code in s.chunks(2) {
                    shown += 1;
                    assert!(code != [0, 0], "glyph 0 shown on page {number}");
                }
            }
        }
    }
    shown
}

/// `pdffonts`: every font embedded, with a Unicode map.
fn pdffonts(path: &Path) {
    if !common::require_tool("pdffonts") {
        return;
    }
    let out = Command::new("pdffonts")
        .arg(path)
        .output()
        .expect("pdffonts");
    let listing = String::from_utf8_lossy(&out.stdout);
    let rows: Vec<&str> = listing.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{listing}");
    for row in rows {
        let columns: Vec<&str> = row.split_whitespace().collect();
        // name type [type…] encoding emb sub uni object ID
        let n = columns.len();
        assert!(n >= 7, "{row}");
        assert_eq!(&columns[n - 5..n - 2], ["yes", "yes", "yes"], "{listing}");
    }
}

/// Everything checked here, on one digital PDF.
fn check_pdfa(bytes: &[u8], path: &Path) -> Objects {
    let header = &bytes[..bytes.iter().position(|&b| b == b'\n').expect("a header")];
    let version = std::str::from_utf8(header).expect("ASCII header");
    assert!(
        ["%PDF-1.4", "%PDF-1.5", "%PDF-1.6", "%PDF-1.7"].contains(&version),
        "{version}"
    );
    let second = &bytes[header.len() + 1..];
    assert!(
        second.starts_with(b"%"),
        "a binary comment follows the header"
    );
    assert!(second[1..5].iter().all(|&b| b > 127), "four bytes over 127");

    let pdf = Document::load_mem(bytes).expect("lopdf reads it");
    let id = pdf
        .trailer
        .get(b"ID")
        .and_then(Object::as_array)
        .expect("a trailer /ID");
    assert_eq!(id.len(), 2);
    assert!(id.iter().all(|i| i.as_str().is_ok_and(|s| s.len() == 16)));

    output_intent(&pdf);
    let packet = xmp(&pdf);
    declares_pdfa(&packet);
    info_matches_xmp(&pdf, &packet);
    let found = objects(&pdf);
    assert!(found.fonts > 0);
    assert!(no_notdef(&pdf) > 0, "no text checked");
    pdffonts(path);
    common::qpdf_check(path);
    found
}

#[test]
fn the_sample_is_pdf_a_2a() {
    let (bytes, path, _) = build(Path::new("manuscript"), "sample");
    let found = check_pdfa(&bytes, &path);
    assert!(
        found.annotations > 10,
        "the sample's links: {}",
        found.annotations
    );
}

/// The images fixture without its second chapter (whose GIF and WebP
/// `tests/images.rs` writes): SVGs with a gradient and text, a PNG with
/// transparency, in figures and in the running text.
fn pictures() -> tempfile::TempDir {
    let source = Path::new("tests/fixtures/images");
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("images")).expect("images folder");
    for file in ["book.toml", "01-plans.md"] {
        std::fs::copy(source.join(file), dir.path().join(file)).expect("copy");
    }
    for file in ["plan.svg", "compass.svg", "seal.png"] {
        let to = dir.path().join("images").join(file);
        std::fs::copy(source.join("images").join(file), to).expect("copy");
    }
    dir
}

#[test]
fn pictures_vectors_code_notes_and_formulas_keep_to_pdf_a() {
    let pictures = pictures();
    for (fixture, dir) in [
        ("torture", Path::new("tests/fixtures/torture")),
        ("images", pictures.path()),
        ("math", Path::new("tests/fixtures/math")),
    ] {
        let (bytes, path, _) = build(dir, fixture);
        let found = check_pdfa(&bytes, &path);
        if fixture != "math" {
            assert!(found.images > 0, "{fixture}: no image checked");
        }
        let again = build(dir, fixture).0;
        assert!(bytes == again, "{fixture}: two builds differ");
    }
}

#[test]
fn a_character_no_face_has_is_left_out_never_drawn_as_glyph_0() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("book.toml"),
        "title = \"Signs\"\nauthors = [\"Ann Author\", \"Bo Writer\"]\nlanguage = \"en\"\n\
         identifier = \"urn:uuid:0c7d1f2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f\"\ndate = \"2026-11-28\"\n\
         description = \"A blurb.\"\nsubjects = [\"Signs\", \"Scripts\"]\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("01-signs.md"),
        "# Signs \u{13000}\n\nThe scribe drew \u{13000} beside the owl and went on writing.\n\n\
         In code: `owl \u{13000}`, and a listing:\n\n```\nowl = \"\u{13000}\"\n```\n",
    )
    .unwrap();
    let (bytes, path, warnings) = build(dir.path(), "signs");
    assert!(
        warnings.iter().any(|w| w.contains('\u{13000}')),
        "the checks name the character: {warnings:?}"
    );
    check_pdfa(&bytes, &path);
    if common::require_tool("pdftotext") {
        let out = Command::new("pdftotext")
            .arg(&path)
            .arg("-")
            .output()
            .expect("pdftotext");
        let words = String::from_utf8_lossy(&out.stdout);
        assert!(words.contains("beside the owl"), "{words}");
    }
}

#[test]
fn the_print_interior_and_the_cover_claim_no_pdf_a() {
    let book = quire::load(Path::new("manuscript")).expect("loads").book;
    let interior = quire::pdf::print::interior(&book, &quire::render::Silent)
        .expect("interior")
        .bytes;
    let cover = quire::pdf::cover::cover(&book, &quire::render::Silent)
        .expect("cover")
        .bytes;
    for (what, bytes) in [("interior", interior), ("cover", cover)] {
        let pdf = Document::load_mem(&bytes).expect("lopdf reads it");
        let catalog = pdf.catalog().expect("catalog");
        assert!(catalog.get(b"OutputIntents").is_err(), "{what}");
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("pdfaid"), "{what} claims PDF/A");
        assert!(!text.contains("pdfaExtension"), "{what}");
    }
}

#[test]
fn an_authors_cff_and_truetype_faces_keep_to_pdf_a() {
    // EB Garamond (CFF, its codes mapped by an embedded CMap) and DejaVu
    // Sans Mono, from Debian, as `tests/faces.rs` takes them.
    let fonts = [
        "/usr/share/fonts/opentype/ebgaramond/EBGaramond12-Regular.otf",
        "/usr/share/fonts/opentype/ebgaramond/EBGaramond12-Italic.otf",
        "/usr/share/fonts/opentype/ebgaramond/EBGaramond12-Bold.otf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
    ];
    let found = fonts.iter().all(|f| Path::new(f).is_file());
    if !common::require("fonts-ebgaramond and fonts-dejavu-core", found) {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let source = Path::new("tests/fixtures/own-faces");
    for file in ["book.toml", "01-the-ledger.md", "02-the-inspector.md"] {
        std::fs::copy(source.join(file), dir.path().join(file)).expect("copy");
    }
    std::fs::create_dir(dir.path().join("fonts")).expect("fonts folder");
    for font in fonts {
        let name = Path::new(font).file_name().expect("a file name");
        std::fs::copy(font, dir.path().join("fonts").join(name)).expect("copy");
    }
    let (bytes, path, _) = build(dir.path(), "own-faces");
    let found = check_pdfa(&bytes, &path);
    assert!(found.fonts >= 4, "{}", found.fonts);
}

/// The same checks on *The Rust Programming Language* (an mdBook, 800+
/// pages): `QUIRE_RUST_BOOK=DIR cargo test --test pdfa -- --ignored` with
/// DIR a checkout of rust-lang/book.
#[test]
#[ignore = "needs a checkout of rust-lang/book in QUIRE_RUST_BOOK"]
fn the_rust_book_is_pdf_a_too() {
    let dir = std::env::var("QUIRE_RUST_BOOK").expect("QUIRE_RUST_BOOK names the book's folder");
    let (bytes, path, _) = build(Path::new(&dir), "rust-book");
    let found = check_pdfa(&bytes, &path);
    assert!(found.annotations > 100, "{}", found.annotations);
}
