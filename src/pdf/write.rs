//! The PDF file: laid-out pages in, bytes out.
//!
//! Fonts are embedded as CID-keyed TrueType (Type0 / CIDFontType2),
//! subset with `subsetter`, with a ToUnicode map built from the text each
//! glyph stands for (so ligatures extract as their letters). Where a glyph
//! stands for different text in different places, the rarer use is marked
//! with `/ActualText`. Navigation (nested outline, named destinations,
//! page labels), document information and XMP metadata are written here
//! too. The output depends only on the book: no clock, no randomness.
//!
//! Why lopdf rather than printpdf 0.12.8, measured on the sample with a
//! complete port (our subsets handed to printpdf as `ParsedFont`s, glyph ids
//! with cluster text, then lopdf for what printpdf lacks; every PDF test
//! passed): the writer went from 91 M to 196 M instructions (callgrind), the
//! whole build from about 38 ms to 49 ms median (over the 40 ms target), the
//! file grew 7 %, and a clean release build took 68 s longer. The cost is
//! printpdf's serialisation (`to_lopdf_document()` alone is 115 M
//! instructions). It also writes integer glyph widths, random object and
//! document ids, a flat outline, page-number links only, no page labels or
//! named destinations, and it pins lopdf 0.44 beside our 0.47: everything
//! but the page content would have had to be rewritten with lopdf anyway.

use crate::fonts::FontSet;
use crate::fonts::{face, Style};
use crate::layout::document::{
    destination_name, Document, GlyphRun, Item, Numbering, OutlineEntry, Page,
};
use crate::model::date::DateTime;
use crate::model::{Book, LinkTarget};
use crate::{Error, Result};
use flate2::{Compress, Compression, FlushCompress, Status};
use lopdf::{dictionary, Dictionary, Object, ObjectId, Stream, StringFormat};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Writes the document as PDF bytes.
pub fn write(book: &Book, document: &Document) -> Result<Vec<u8>> {
    let fonts = FontSet::load()?;
    let mut pdf = lopdf::Document::with_version("1.7");
    let pages_id = pdf.new_object_id();

    let embedded = embed_fonts(&mut pdf, &fonts, document)?;
    let images = embed_images(&mut pdf, book, document)?;

    let mut font_resources = Dictionary::new();
    for font in embedded.values() {
        font_resources.set(font.resource.as_bytes(), font.object);
    }
    let mut image_resources = Dictionary::new();
    for (name, id) in images.values() {
        image_resources.set(name.as_bytes(), *id);
    }
    let resources = pdf.add_object(dictionary! {
        "Font" => font_resources,
        "XObject" => image_resources,
        "ProcSet" => vec![Object::Name(b"PDF".to_vec()), Object::Name(b"Text".to_vec()), Object::Name(b"ImageC".to_vec())],
    });

    let page_ids: Vec<ObjectId> = document.pages.iter().map(|_| pdf.new_object_id()).collect();
    let mut destinations: BTreeMap<String, Object> = BTreeMap::new();
    for d in &document.destinations {
        if let (Some(&page_id), Some(page)) = (page_ids.get(d.page), document.pages.get(d.page)) {
            let top = (page.height - d.y + 2.0).min(page.height);
            destinations.entry(d.name.clone()).or_insert_with(|| {
                Object::Array(vec![
                    page_id.into(),
                    "XYZ".into(),
                    Object::Null,
                    top.into(),
                    Object::Null,
                ])
            });
        }
    }

    for (page, &page_id) in document.pages.iter().zip(&page_ids) {
        let content = page_content(page, &embedded, &images);
        let content_id = pdf.add_object(compressed(Dictionary::new(), &content)?);
        let mut annotations = Vec::new();
        for link in &page.links {
            let action = match &link.target {
                LinkTarget::External { url } => dictionary! {
                    "S" => "URI",
                    "URI" => Object::string_literal(crate::url::href(url)),
                },
                LinkTarget::Internal { chapter, anchor } => {
                    let name = destination_name(chapter, anchor.as_deref());
                    if !destinations.contains_key(&name) {
                        continue;
                    }
                    dictionary! { "S" => "GoTo", "D" => Object::string_literal(name.as_bytes()) }
                }
            };
            let r = link.rect;
            annotations.push(Object::from(pdf.add_object(dictionary! {
                "Type" => "Annot",
                "Subtype" => "Link",
                "Rect" => vec![r.x.into(), (page.height - r.y - r.height).into(), (r.x + r.width).into(), (page.height - r.y).into()],
                "Border" => vec![0.into(), 0.into(), 0.into()],
                "A" => action,
            })));
        }
        let mut dict = dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "MediaBox" => vec![0.into(), 0.into(), page.width.into(), page.height.into()],
            "TrimBox" => vec![0.into(), 0.into(), page.width.into(), page.height.into()],
            "Resources" => resources,
            "Contents" => content_id,
        };
        if !annotations.is_empty() {
            dict.set("Annots", annotations);
        }
        pdf.objects.insert(page_id, Object::Dictionary(dict));
    }
    pdf.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => page_ids.iter().map(|&id| Object::from(id)).collect::<Vec<_>>(),
            "Count" => page_ids.len() as i64,
        }),
    );

    let names: Vec<Object> = destinations
        .into_iter()
        .flat_map(|(name, dest)| [Object::string_literal(name.as_bytes()), dest])
        .collect();
    let dests = pdf.add_object(dictionary! { "Names" => names });
    let outline = write_outline(&mut pdf, &document.outline);
    let labels: Vec<Object> = document
        .page_labels
        .iter()
        .flat_map(|range| {
            let style = match range.numbering {
                Numbering::LowerRoman => "r",
                Numbering::Arabic => "D",
            };
            [
                Object::from(range.first_page as i64),
                Object::Dictionary(dictionary! { "S" => style, "St" => range.start as i64 }),
            ]
        })
        .collect();

    let meta = &book.metadata;
    let date = pdf_date(meta.modified);
    let mut info = dictionary! {
        "Title" => text_string(&meta.title),
        "Author" => text_string(&meta.authors.join(", ")),
        "Creator" => text_string("quire"),
        "Producer" => text_string("quire (lopdf)"),
        "CreationDate" => Object::string_literal(date.as_bytes()),
        "ModDate" => Object::string_literal(date.as_bytes()),
    };
    if let Some(description) = &meta.description {
        info.set("Subject", text_string(description));
    }
    if !meta.subjects.is_empty() {
        info.set("Keywords", text_string(&meta.subjects.join(", ")));
    }
    let info_id = pdf.add_object(info);
    let mut xmp_stream = Stream::new(
        dictionary! { "Type" => "Metadata", "Subtype" => "XML" },
        xmp(book).into_bytes(),
    );
    xmp_stream.allows_compression = false;
    let metadata_id = pdf.add_object(xmp_stream);

    let mut catalog = dictionary! {
        "Type" => "Catalog",
        "Pages" => pages_id,
        "PageLabels" => dictionary! { "Nums" => labels },
        "Names" => dictionary! { "Dests" => dests },
        "Metadata" => metadata_id,
        "Lang" => text_string(&meta.language),
        "ViewerPreferences" => dictionary! { "DisplayDocTitle" => true },
    };
    if let Some(outline) = outline {
        catalog.set("Outlines", outline);
        catalog.set("PageMode", "UseOutlines");
    }
    let catalog_id = pdf.add_object(catalog);
    pdf.trailer.set("Root", catalog_id);
    pdf.trailer.set("Info", info_id);
    let id = Object::String(
        fingerprint(&format!("{}\u{0}{}", meta.identifier, meta.modified)).to_vec(),
        StringFormat::Hexadecimal,
    );
    pdf.trailer.set("ID", vec![id.clone(), id]);

    let mut bytes = Vec::new();
    pdf.save_to(&mut bytes)
        .map_err(|e| Error::render(format!("cannot serialise the PDF: {e}")))?;
    Ok(bytes)
}

/// A face as embedded: its resource name, object, glyph renumbering, widths
/// and the text each glyph maps to.
struct Embedded {
    resource: String,
    object: ObjectId,
    /// Indexed by the glyph id in the shipped font.
    glyphs: Vec<Option<EmbeddedGlyph>>,
}

/// A glyph of a subset.
struct EmbeddedGlyph {
    /// Its id (and CID) in the subset.
    new: u16,
    /// Its width in thousandths of an em, as written in `/W`.
    width: f32,
    /// The text its ToUnicode entry gives.
    text: String,
}

fn embed_fonts(
    pdf: &mut lopdf::Document,
    fonts: &FontSet,
    document: &Document,
) -> Result<BTreeMap<Style, Embedded>> {
    // For each face: every glyph used, and how often each text is given for it.
    let mut usage: BTreeMap<Style, BTreeMap<u16, BTreeMap<String, usize>>> = BTreeMap::new();
    for run in runs(document) {
        let glyphs = usage.entry(run.style).or_default();
        for g in &run.glyphs {
            let texts = glyphs.entry(g.id).or_default();
            match texts.get_mut(&g.text) {
                Some(count) => *count += 1,
                None => {
                    texts.insert(g.text.clone(), 1);
                }
            }
        }
    }
    let mut embedded = BTreeMap::new();
    for (n, (style, glyphs)) in usage.into_iter().enumerate() {
        let font = fonts.get(style);
        let shipped = face(style);
        let mut remapper = subsetter::GlyphRemapper::new();
        let mut new_ids = BTreeMap::new();
        for &old in glyphs.keys() {
            new_ids.insert(old, remapper.remap(old));
        }
        let program = subsetter::subset(shipped.data, 0, &remapper)
            .map_err(|e| Error::render(format!("cannot subset {}: {e:?}", shipped.file_name)))?;
        let mut unicode = BTreeMap::new();
        let mut widths = BTreeMap::new();
        for (old, texts) in &glyphs {
            let text = texts
                .iter()
                .filter(|(t, _)| !t.is_empty())
                .max_by_key(|(t, count)| (**count, std::cmp::Reverse((*t).clone())))
                .map(|(t, _)| t.clone())
                .unwrap_or_default();
            unicode.insert(*old, text);
            widths.insert(
                *old,
                (font.advance_per_mille(*old) * 1000.0).round() / 1000.0,
            );
        }
        let tag = subset_tag(style, &new_ids);
        let base_name = format!("{tag}+{}", shipped.file_name.trim_end_matches(".ttf"));

        let mut file = compressed(dictionary! { "Length1" => program.len() as i64 }, &program)?;
        file.allows_compression = false;
        let file_id = pdf.add_object(file);
        let scale = 1000.0 / font.units_per_em;
        let bbox = font.face.global_bounding_box();
        let mut flags = 32;
        if style == Style::Mono {
            flags |= 1;
        } else {
            flags |= 2;
        }
        if matches!(style, Style::Italic | Style::BoldItalic) {
            flags |= 64;
        }
        let descriptor = pdf.add_object(dictionary! {
            "Type" => "FontDescriptor",
            "FontName" => Object::Name(base_name.clone().into_bytes()),
            "Flags" => flags,
            "FontBBox" => vec![
                (f32::from(bbox.x_min) * scale).round().into(),
                (f32::from(bbox.y_min) * scale).round().into(),
                (f32::from(bbox.x_max) * scale).round().into(),
                (f32::from(bbox.y_max) * scale).round().into(),
            ],
            "ItalicAngle" => font.face.italic_angle(),
            "Ascent" => (f32::from(font.face.ascender()) * scale).round(),
            "Descent" => (f32::from(font.face.descender()) * scale).round(),
            "CapHeight" => (f32::from(font.face.capital_height().unwrap_or(font.face.ascender())) * scale).round(),
            "StemV" => if matches!(style, Style::Bold | Style::BoldItalic) { 120 } else { 80 },
            "FontFile2" => file_id,
        });
        let mut w = Vec::new();
        for (old, new) in &new_ids {
            w.push(Object::from(i64::from(*new)));
            w.push(Object::Array(vec![widths
                .get(old)
                .copied()
                .unwrap_or(0.0)
                .into()]));
        }
        let cid_font = pdf.add_object(dictionary! {
            "Type" => "Font",
            "Subtype" => "CIDFontType2",
            "BaseFont" => Object::Name(base_name.clone().into_bytes()),
            "CIDSystemInfo" => dictionary! {
                "Registry" => Object::string_literal("Adobe"),
                "Ordering" => Object::string_literal("Identity"),
                "Supplement" => 0,
            },
            "FontDescriptor" => descriptor,
            "W" => w,
            "CIDToGIDMap" => "Identity",
        });
        let cmap = to_unicode(&new_ids, &unicode);
        let cmap_id = pdf.add_object(compressed(Dictionary::new(), cmap.as_bytes())?);
        let object = pdf.add_object(dictionary! {
            "Type" => "Font",
            "Subtype" => "Type0",
            "BaseFont" => Object::Name(base_name.into_bytes()),
            "Encoding" => "Identity-H",
            "DescendantFonts" => vec![Object::from(cid_font)],
            "ToUnicode" => cmap_id,
        });
        let mut table: Vec<Option<EmbeddedGlyph>> = Vec::new();
        for (old, new) in new_ids {
            let index = usize::from(old);
            if table.len() <= index {
                table.resize_with(index + 1, || None);
            }
            table[index] = Some(EmbeddedGlyph {
                new,
                width: widths.get(&old).copied().unwrap_or(0.0),
                text: unicode.remove(&old).unwrap_or_default(),
            });
        }
        embedded.insert(
            style,
            Embedded {
                resource: format!("F{}", n + 1),
                object,
                glyphs: table,
            },
        );
    }
    Ok(embedded)
}

fn runs(document: &Document) -> impl Iterator<Item = &GlyphRun> {
    document
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|item| match item {
            Item::Text(run) => Some(run),
            _ => None,
        })
}

/// Six capital letters naming a subset, derived from what it contains.
fn subset_tag(style: Style, ids: &BTreeMap<u16, u16>) -> String {
    let mut text = format!("{style:?}");
    for id in ids.keys() {
        let _ = write!(text, ",{id}");
    }
    fingerprint(&text)
        .iter()
        .take(6)
        .map(|b| char::from(b'A' + b % 26))
        .collect()
}

fn to_unicode(new_ids: &BTreeMap<u16, u16>, unicode: &BTreeMap<u16, String>) -> String {
    let mut entries: Vec<(u16, String)> = new_ids
        .iter()
        .filter_map(|(old, new)| {
            unicode
                .get(old)
                .filter(|t| !t.is_empty())
                .map(|t| (*new, utf16_hex(t)))
        })
        .collect();
    entries.sort();
    let mut out = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    for chunk in entries.chunks(100) {
        let _ = writeln!(out, "{} beginbfchar", chunk.len());
        for (code, text) in chunk {
            let _ = writeln!(out, "<{code:04X}> <{text}>");
        }
        out.push_str("endbfchar\n");
    }
    out.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    out
}

fn utf16_hex(text: &str) -> String {
    text.encode_utf16().fold(String::new(), |mut s, u| {
        let _ = write!(s, "{u:04X}");
        s
    })
}

/// The content stream of a page.
fn page_content(
    page: &Page,
    fonts: &BTreeMap<Style, Embedded>,
    images: &BTreeMap<String, (String, ObjectId)>,
) -> Vec<u8> {
    let h = page.height;
    let mut out = String::new();
    for item in &page.items {
        match item {
            Item::Text(run) => {
                let Some(font) = fonts.get(&run.style) else {
                    continue;
                };
                let _ = write!(out, "BT /{} ", font.resource);
                put_num(&mut out, run.size);
                out.push_str(" Tf 1 0 0 1 ");
                put_num(&mut out, run.x);
                out.push(' ');
                put_num(&mut out, h - run.baseline);
                out.push_str(" Tm [");
                let mut pen = 0.0f32;
                for glyph in &run.glyphs {
                    let gap = glyph.x - pen;
                    if gap.abs() > 0.001 {
                        put_num(&mut out, -gap * 1000.0 / run.size);
                    }
                    let Some(entry) = font
                        .glyphs
                        .get(usize::from(glyph.id))
                        .and_then(Option::as_ref)
                    else {
                        continue;
                    };
                    if glyph.text != entry.text {
                        out.push_str("] TJ /Span << /ActualText <FEFF");
                        out.push_str(&utf16_hex(&glyph.text));
                        out.push_str("> >> BDC [");
                        put_hex(&mut out, entry.new);
                        out.push_str("] TJ EMC [");
                    } else {
                        put_hex(&mut out, entry.new);
                    }
                    pen = glyph.x + entry.width * run.size / 1000.0;
                }
                out.push_str("] TJ ET\n");
            }
            Item::Rule {
                from,
                to,
                thickness,
            } => {
                let _ = writeln!(
                    out,
                    "{} w 0 J {} {} m {} {} l S",
                    num(*thickness),
                    num(from.0),
                    num(h - from.1),
                    num(to.0),
                    num(h - to.1)
                );
            }
            Item::Image { key, rect } => {
                if let Some((name, _)) = images.get(key) {
                    let _ = writeln!(
                        out,
                        "q {} 0 0 {} {} {} cm /{name} Do Q",
                        num(rect.width),
                        num(rect.height),
                        num(rect.x),
                        num(h - rect.y - rect.height)
                    );
                }
            }
        }
    }
    out.into_bytes()
}

/// A number for a content stream: at most three decimals, no trailing zeros.
fn num(value: f32) -> String {
    let mut out = String::new();
    put_num(&mut out, value);
    out
}

/// Appends [`num`]'s form of `value` (without going through float formatting,
/// which dominates the writer's time otherwise).
fn put_num(out: &mut String, value: f32) {
    let milli = (f64::from(value) * 1000.0).round() as i64;
    if milli < 0 {
        out.push('-');
    }
    let (whole, mut fraction) = (milli.unsigned_abs() / 1000, milli.unsigned_abs() % 1000);
    let _ = write!(out, "{whole}");
    if fraction != 0 {
        out.push('.');
        let mut divisor = 100;
        while fraction != 0 {
            out.push(char::from(b'0' + (fraction / divisor) as u8));
            fraction %= divisor;
            divisor /= 10;
        }
    }
}

/// Appends a glyph code as a four-digit hex string.
fn put_hex(out: &mut String, code: u16) {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    out.push('<');
    for shift in [12, 8, 4, 0] {
        out.push(char::from(DIGITS[usize::from((code >> shift) & 0xF)]));
    }
    out.push('>');
}

fn embed_images(
    pdf: &mut lopdf::Document,
    book: &Book,
    document: &Document,
) -> Result<BTreeMap<String, (String, ObjectId)>> {
    let mut used: Vec<&String> = document
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|item| match item {
            Item::Image { key, .. } => Some(key),
            _ => None,
        })
        .collect();
    used.sort();
    used.dedup();
    let mut out = BTreeMap::new();
    for (n, key) in used.into_iter().enumerate() {
        let Some(asset) = book.images.get(key) else {
            continue;
        };
        let decoded = image::load_from_memory(&asset.data)
            .map_err(|e| Error::render(format!("image `{key}` cannot be decoded: {e}")))?;
        let (width, height) = (i64::from(decoded.width()), i64::from(decoded.height()));
        let gray = matches!(
            decoded.color(),
            image::ColorType::L8
                | image::ColorType::L16
                | image::ColorType::La8
                | image::ColorType::La16
        );
        let mut dict = dictionary! {
            "Type" => "XObject",
            "Subtype" => "Image",
            "Width" => width,
            "Height" => height,
            "BitsPerComponent" => 8,
            "ColorSpace" => if gray { "DeviceGray" } else { "DeviceRGB" },
        };
        let is_jpeg = asset.media_type == "image/jpeg";
        let plain_jpeg = is_jpeg
            && matches!(
                decoded.color(),
                image::ColorType::L8 | image::ColorType::Rgb8
            );
        let stream = if plain_jpeg {
            // Print wants the photograph as it came: no second lossy pass.
            dict.set("Filter", "DCTDecode");
            let mut s = Stream::new(dict, asset.data.clone());
            s.allows_compression = false;
            s
        } else {
            if decoded.color().has_alpha() {
                let alpha = decoded
                    .to_luma_alpha8()
                    .pixels()
                    .map(|p| p.0[1])
                    .collect::<Vec<u8>>();
                let mask = compressed(
                    dictionary! {
                        "Type" => "XObject", "Subtype" => "Image", "Width" => width, "Height" => height,
                        "BitsPerComponent" => 8, "ColorSpace" => "DeviceGray",
                    },
                    &alpha,
                )?;
                dict.set("SMask", pdf.add_object(mask));
            }
            let samples = if gray {
                decoded.to_luma8().into_raw()
            } else {
                decoded.to_rgb8().into_raw()
            };
            compressed(dict, &samples)?
        };
        out.insert(
            key.clone(),
            (format!("Im{}", n + 1), pdf.add_object(stream)),
        );
    }
    Ok(out)
}

/// A Flate-compressed stream. One compressor is reused: setting one up
/// costs more than compressing a page.
fn compressed(mut dict: Dictionary, data: &[u8]) -> Result<Stream> {
    thread_local! {
        static DEFLATE: RefCell<Compress> = RefCell::new(Compress::new(Compression::new(3), true));
    }
    let bytes = DEFLATE.with(|deflate| {
        let mut deflate = deflate.borrow_mut();
        deflate.reset();
        let mut out = Vec::with_capacity(data.len() / 2 + 256);
        loop {
            let consumed = usize::try_from(deflate.total_in())
                .unwrap_or(data.len())
                .min(data.len());
            match deflate.compress_vec(&data[consumed..], &mut out, FlushCompress::Finish) {
                Ok(Status::StreamEnd) => return Ok(out),
                Ok(_) => out.reserve(out.capacity().max(1024)),
                Err(e) => return Err(Error::render(format!("cannot compress a PDF stream: {e}"))),
            }
        }
    })?;
    dict.set("Filter", "FlateDecode");
    let mut stream = Stream::new(dict, bytes);
    stream.allows_compression = false;
    Ok(stream)
}

fn write_outline(pdf: &mut lopdf::Document, entries: &[OutlineEntry]) -> Option<ObjectId> {
    if entries.is_empty() {
        return None;
    }
    let root = pdf.new_object_id();
    let (first, last) = outline_level(pdf, entries, root);
    pdf.objects.insert(
        root,
        Object::Dictionary(dictionary! {
            "Type" => "Outlines",
            "First" => first,
            "Last" => last,
            "Count" => entries.len() as i64,
        }),
    );
    Some(root)
}

/// Writes one level of bookmarks under `parent`; returns (first, last).
fn outline_level(
    pdf: &mut lopdf::Document,
    entries: &[OutlineEntry],
    parent: ObjectId,
) -> (ObjectId, ObjectId) {
    let ids: Vec<ObjectId> = entries.iter().map(|_| pdf.new_object_id()).collect();
    for (i, entry) in entries.iter().enumerate() {
        let mut dict = dictionary! {
            "Title" => text_string(&entry.title),
            "Parent" => parent,
            "Dest" => Object::string_literal(entry.destination.as_bytes()),
        };
        if i > 0 {
            dict.set("Prev", ids[i - 1]);
        }
        if let Some(next) = ids.get(i + 1) {
            dict.set("Next", *next);
        }
        if !entry.children.is_empty() {
            let (first, last) = outline_level(pdf, &entry.children, ids[i]);
            dict.set("First", first);
            dict.set("Last", last);
            // Closed: a negative count of the children.
            dict.set("Count", -(entry.children.len() as i64));
        }
        pdf.objects.insert(ids[i], Object::Dictionary(dict));
    }
    (ids[0], ids[ids.len() - 1])
}

/// A PDF text string: literal when plain ASCII, UTF-16BE otherwise.
fn text_string(text: &str) -> Object {
    if text.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        Object::string_literal(text.as_bytes())
    } else {
        let mut bytes = vec![0xFE, 0xFF];
        for unit in text.encode_utf16() {
            bytes.extend(unit.to_be_bytes());
        }
        Object::String(bytes, StringFormat::Hexadecimal)
    }
}

fn pdf_date(epoch: i64) -> String {
    let DateTime {
        year,
        month,
        day,
        hour,
        minute,
        second,
    } = DateTime::from_epoch(epoch);
    format!("D:{year:04}{month:02}{day:02}{hour:02}{minute:02}{second:02}Z")
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

fn xmp(book: &Book) -> String {
    let meta = &book.metadata;
    let date = DateTime::from_epoch(meta.modified).iso8601();
    let creators: String = meta
        .authors
        .iter()
        .map(|a| format!("<rdf:li>{}</rdf:li>", xml_escape(a)))
        .collect();
    let description = meta
        .description
        .as_ref()
        .map(|d| format!("<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:description>", xml_escape(d)))
        .unwrap_or_default();
    format!(
        "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n\
<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" \
xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n\
<dc:format>application/pdf</dc:format>\n\
<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{title}</rdf:li></rdf:Alt></dc:title>\n\
<dc:creator><rdf:Seq>{creators}</rdf:Seq></dc:creator>\n{description}\n\
<dc:language><rdf:Bag><rdf:li>{language}</rdf:li></rdf:Bag></dc:language>\n\
<dc:identifier>{identifier}</dc:identifier>\n\
<xmp:CreateDate>{date}</xmp:CreateDate>\n<xmp:ModifyDate>{date}</xmp:ModifyDate>\n<xmp:MetadataDate>{date}</xmp:MetadataDate>\n\
<xmp:CreatorTool>quire</xmp:CreatorTool>\n<pdf:Producer>quire (lopdf)</pdf:Producer>\n\
</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>",
        title = xml_escape(&meta.title),
        language = xml_escape(&meta.language),
        identifier = xml_escape(&meta.identifier),
    )
}

/// A 16-byte fingerprint of a string (FNV-1a, two lanes): stable across
/// builds and machines, for the document id and subset tags.
fn fingerprint(text: &str) -> [u8; 16] {
    let mut a: u64 = 0xcbf2_9ce4_8422_2325;
    let mut b: u64 = 0x8422_2325_cbf2_9ce4;
    for byte in text.bytes() {
        a = (a ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3);
        b = (b ^ u64::from(byte.rotate_left(3))).wrapping_mul(0x0000_0100_0000_01b3);
    }
    let mut out = [0; 16];
    out[..8].copy_from_slice(&a.to_be_bytes());
    out[8..].copy_from_slice(&b.to_be_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_come_from_the_epoch() {
        assert_eq!(pdf_date(0), "D:19700101000000Z");
        assert_eq!(pdf_date(1_700_000_000), "D:20231114221320Z");
    }

    #[test]
    fn numbers_are_short() {
        assert_eq!(num(1.0), "1");
        assert_eq!(num(-0.0001), "0");
        assert_eq!(num(12.3456), "12.346");
    }

    #[test]
    fn text_strings_are_utf16_when_needed() {
        assert_eq!(text_string("abc"), Object::string_literal("abc"));
        assert_eq!(
            text_string("ā"),
            Object::String(vec![0xFE, 0xFF, 0x01, 0x01], StringFormat::Hexadecimal)
        );
    }
}
