//! The PDF file: laid-out pages in, bytes out.
//!
//! Fonts are embedded as CID-keyed TrueType (Type0 / CIDFontType2), or an
//! author's CFF font as OpenType (CIDFontType0, `FontFile3`), subset with
//! `subsetter`, with a ToUnicode map built from the text each
//! glyph stands for (so ligatures extract as their letters). Where a glyph
//! stands for different text in different places, the rarer use is marked
//! with `/ActualText`. Navigation (nested outline, named destinations,
//! page labels), document information and XMP metadata are written here
//! too. The output depends only on the book: no clock, no randomness.
//!
//! The file is written with `pdf-writer` (typed writers put each object
//! straight into one buffer) and the XMP packet with `xmp-writer`; content
//! streams are quire's own, with numbers rounded to thousandths.
//!
//! Why pdf-writer, measured against lopdf 0.47 with the same output (every
//! PDF test passing; the README's "Why pdf-writer" has the whole table):
//! 89 crates in the binary instead of 123 (lopdf brought 36 that nothing
//! else uses, among them aes, sha2, rand and nom, and builds in 125 CPU
//! seconds against 13 for pdf-writer and xmp-writer); the writer costs 87.9 M instructions
//! on the sample instead of 92.8 M (callgrind), the ×100 book peaks 18 MiB
//! lower, the file is 1.4 % larger. krilla 0.8 (on pdf-writer, with
//! tagging and PDF/UA and PDF/A validators) was not taken yet: 20 more
//! crates, its own font subsetting, and links and the destination name
//! tree in a form the tests pin differently. printpdf 0.12.8 lost earlier:
//! twice the instructions, random ids, integer widths, a flat outline.

use crate::error::RenderError;
use crate::fonts::FontSet;
use crate::fonts::Style;
use crate::layout::document::{
    destination_name, Document, GlyphRun, Item, Numbering, OutlineEntry, Page,
};
use crate::model::date::DateTime;
use crate::model::{Book, LinkTarget, Metadata, Rgb};
use crate::Result;
use flate2::{Compress, Compression, FlushCompress, Status};
use pdf_writer::types::{
    ActionType, AnnotationType, CidFontType, FontFlags, NumberingStyle, PageMode, ProcSet,
    SystemInfo, UnicodeCmap,
};
use pdf_writer::writers::PageLabel;
use pdf_writer::{Filter, Finish, Name, Null, Pdf, Rect, Ref, Settings, Str, TextStr};
use rayon::prelude::*;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The name quire gives as the PDF producer.
const PRODUCER: &str = "quire (pdf-writer)";

/// Hands out object numbers in order.
struct Refs(Ref);

impl Refs {
    fn next(&mut self) -> Ref {
        self.0.bump()
    }
}

/// Writes the document as PDF bytes.
pub fn write(book: &Book, document: &Document) -> Result<Vec<u8>> {
    let fonts = FontSet::with_fallbacks(&book.fonts)?;
    let mut refs = Refs(Ref::new(1));
    // Compact: no indentation (pdf-writer's default pretty-prints).
    let mut pdf = Pdf::with_settings(Settings { pretty: false });
    let meta = &book.metadata;
    let id = fingerprint(&format!("{}\u{0}{}", meta.identifier, meta.modified)).to_vec();
    pdf.set_file_id((id.clone(), id));

    let catalog_id = refs.next();
    let pages_id = refs.next();
    let embedded = embed_fonts(&mut pdf, &mut refs, &fonts, document)?;
    let images = super::images::embed(&mut pdf, &mut || refs.next(), book, document)?;

    let resources_id = refs.next();
    let mut resources = pdf
        .indirect(resources_id)
        .start::<pdf_writer::writers::Resources>();
    let mut font_resources = resources.fonts();
    for font in embedded.values() {
        font_resources.pair(Name(font.resource.as_bytes()), font.object);
    }
    font_resources.finish();
    let mut image_resources = resources.x_objects();
    for (name, id) in images.values() {
        image_resources.pair(Name(name.as_bytes()), *id);
    }
    image_resources.finish();
    resources.proc_sets([ProcSet::Pdf, ProcSet::Text, ProcSet::ImageColor]);
    resources.finish();

    let page_ids: Vec<Ref> = document.pages.iter().map(|_| refs.next()).collect();
    // Name → (page, top of the view).
    let mut destinations: BTreeMap<&str, (Ref, f32)> = BTreeMap::new();
    for d in &document.destinations {
        if let (Some(&page_id), Some(page)) = (page_ids.get(d.page), document.pages.get(d.page)) {
            let top = (page.height - d.y + 2.0).min(page.height);
            destinations.entry(&d.name).or_insert((page_id, top));
        }
    }

    // The pages' content streams are independent: drawn and compressed in
    // parallel, then written in order.
    let contents: Vec<Vec<u8>> = document
        .pages
        .par_iter()
        .map(|page| compressed(&page_content(page, &embedded, &images)))
        .collect::<Result<_>>()?;
    for ((page, &page_id), content) in document.pages.iter().zip(&page_ids).zip(contents) {
        let content_id = refs.next();
        pdf.stream(content_id, &content).filter(Filter::FlateDecode);
        let mut annotations = Vec::new();
        for link in &page.links {
            let destination = match &link.target {
                LinkTarget::External { .. } => None,
                LinkTarget::Internal { chapter, anchor } => {
                    let name = destination_name(chapter, anchor.as_deref());
                    if !destinations.contains_key(name.as_str()) {
                        continue;
                    }
                    Some(name)
                }
            };
            let annotation_id = refs.next();
            annotations.push(annotation_id);
            let r = link.rect;
            let mut annotation = pdf.annotation(annotation_id);
            annotation
                .subtype(AnnotationType::Link)
                .rect(Rect::new(
                    r.x,
                    page.height - r.y - r.height,
                    r.x + r.width,
                    page.height - r.y,
                ))
                .border(0.0, 0.0, 0.0, None);
            let mut action = annotation.action();
            match (&link.target, destination) {
                (LinkTarget::External { url }, _) => {
                    action
                        .action_type(ActionType::Uri)
                        .uri(Str(crate::url::href(url).as_bytes()));
                }
                (_, Some(name)) => {
                    action
                        .action_type(ActionType::GoTo)
                        .pair(Name(b"D"), Str(name.as_bytes()));
                }
                (_, None) => {}
            }
        }
        let size = Rect::new(0.0, 0.0, page.width, page.height);
        let mut page_writer = pdf.page(page_id);
        page_writer
            .parent(pages_id)
            .media_box(size)
            .trim_box(size)
            .contents(content_id)
            .pair(Name(b"Resources"), resources_id);
        if !annotations.is_empty() {
            page_writer.annotations(annotations);
        }
    }
    pdf.pages(pages_id)
        .kids(page_ids.iter().copied())
        .count(page_ids.len() as i32);

    let dests_id = refs.next();
    let mut tree = pdf.indirect(dests_id).dict();
    let mut names = tree.insert(Name(b"Names")).array();
    for (name, (page, top)) in &destinations {
        names.item(Str(name.as_bytes()));
        names
            .push()
            .array()
            .item(*page)
            .item(Name(b"XYZ"))
            .item(Null)
            .item(*top)
            .item(Null);
    }
    names.finish();
    tree.finish();

    let outline = write_outline(&mut pdf, &mut refs, &document.outline);

    let date = pdf_date(meta.modified);
    let info_id = refs.next();
    let authors = meta.authors.join(", ");
    let mut info = pdf.document_info(info_id);
    info.title(TextStr(&meta.title))
        .author(TextStr(&authors))
        .creator(TextStr("quire"))
        .producer(TextStr(PRODUCER))
        .creation_date(date)
        .modified_date(date);
    if let Some(description) = &meta.description {
        info.subject(TextStr(description));
    }
    let keywords = meta.subjects.join(", ");
    if !meta.subjects.is_empty() {
        info.keywords(TextStr(&keywords));
    }
    info.finish();

    let metadata_id = refs.next();
    let packet = xmp(meta);
    pdf.metadata(metadata_id, packet.as_bytes());

    let mut catalog = pdf.catalog(catalog_id);
    catalog
        .pages(pages_id)
        .metadata(metadata_id)
        .lang(TextStr(&meta.language));
    catalog.viewer_preferences().display_doc_title(true);
    catalog.names().pair(Name(b"Dests"), dests_id);
    let mut labels = catalog.insert(Name(b"PageLabels")).dict();
    let mut nums = labels.insert(Name(b"Nums")).array();
    for range in &document.page_labels {
        nums.item(range.first_page as i32);
        nums.push()
            .start::<PageLabel>()
            .style(match range.numbering {
                Numbering::LowerRoman => NumberingStyle::LowerRoman,
                Numbering::Arabic => NumberingStyle::Arabic,
            })
            .offset(range.start as i32);
    }
    nums.finish();
    labels.finish();
    if let Some(outline) = outline {
        catalog.outlines(outline).page_mode(PageMode::UseOutlines);
    }
    catalog.finish();
    Ok(pdf.finish())
}

/// A face as embedded: its resource name, object, glyph renumbering, widths
/// and the text each glyph maps to.
struct Embedded {
    resource: String,
    object: Ref,
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
    pdf: &mut Pdf,
    refs: &mut Refs,
    fonts: &FontSet,
    document: &Document,
) -> Result<BTreeMap<Style, Embedded>> {
    // For each face: every glyph used (indexed by its id), and how often
    // each text is given for it (a glyph has one or two texts: a short list).
    // Counted over runs of pages in parallel and summed: the choice made from the
    // counts below does not depend on the order they were summed in.
    let usage: Usage = document
        .pages
        .par_iter()
        .fold(Usage::new, |mut usage, page| {
            for run in page_runs(page) {
                count_texts(usage.entry(run.style).or_default(), run);
            }
            usage
        })
        .reduce(Usage::new, merge_usage);
    let mut embedded = BTreeMap::new();
    for (n, (style, glyphs)) in usage.into_iter().enumerate() {
        let glyphs: Vec<(u16, Vec<(&str, usize)>)> = glyphs
            .into_iter()
            .enumerate()
            .filter(|(_, texts)| !texts.is_empty())
            .map(|(id, texts)| (id as u16, texts))
            .collect();
        let font = fonts.get(style);
        let mut remapper = subsetter::GlyphRemapper::new();
        let mut new_ids = BTreeMap::new();
        for &(old, _) in &glyphs {
            new_ids.insert(old, remapper.remap(old));
        }
        let program =
            subsetter::subset(font.data(), 0, &remapper).map_err(|e| RenderError::FontSubset {
                file: font.name.clone(),
                reason: format!("{e:?}"),
            })?;
        let mut table: Vec<Option<EmbeddedGlyph>> = Vec::new();
        for (old, texts) in &glyphs {
            let text = texts
                .iter()
                .filter(|(t, _)| !t.is_empty())
                .max_by_key(|(t, count)| (*count, std::cmp::Reverse(*t)))
                .map(|(t, _)| t.to_string())
                .unwrap_or_default();
            let index = usize::from(*old);
            if table.len() <= index {
                table.resize_with(index + 1, || None);
            }
            table[index] = Some(EmbeddedGlyph {
                new: new_ids[old],
                width: (font.advance_per_mille(*old) * 1000.0).round() / 1000.0,
                text,
            });
        }
        let tag = subset_tag(style, &new_ids);
        let base_name = format!("{tag}+{}", postscript_name(&font.name));
        let cff = font.is_cff();
        let (object, cid_id, descriptor_id, file_id, cmap_id) = (
            refs.next(),
            refs.next(),
            refs.next(),
            refs.next(),
            refs.next(),
        );

        let packed = compressed(&program)?;
        let mut file = pdf.stream(file_id, &packed);
        file.filter(Filter::FlateDecode);
        if cff {
            // CFF outlines go in an OpenType wrapper (PDF 1.6, FontFile3).
            file.pair(Name(b"Subtype"), Name(b"OpenType"));
        } else {
            file.pair(Name(b"Length1"), program.len() as i32);
        }
        file.finish();
        let scale = 1000.0 / font.units_per_em;
        let bbox = font.face().global_bounding_box();
        let mut flags = FontFlags::NON_SYMBOLIC;
        flags |= if style == Style::Mono {
            FontFlags::FIXED_PITCH
        } else {
            FontFlags::SERIF
        };
        if style.is_italic() {
            flags |= FontFlags::ITALIC;
        }
        let em = |units: i16| (f32::from(units) * scale).round();
        let mut descriptor = pdf.font_descriptor(descriptor_id);
        descriptor
            .name(Name(base_name.as_bytes()))
            .flags(flags)
            .bbox(Rect::new(
                em(bbox.x_min),
                em(bbox.y_min),
                em(bbox.x_max),
                em(bbox.y_max),
            ))
            .italic_angle(font.face().italic_angle())
            .ascent(em(font.face().ascender()))
            .descent(em(font.face().descender()))
            .cap_height(em(font
                .face()
                .capital_height()
                .unwrap_or(font.face().ascender())))
            .stem_v(if style.is_bold() { 120.0 } else { 80.0 });
        if cff {
            descriptor.font_file3(file_id);
        } else {
            descriptor.font_file2(file_id);
        }
        descriptor.finish();

        let system_info = SystemInfo {
            registry: Str(b"Adobe"),
            ordering: Str(b"Identity"),
            supplement: 0,
        };
        let mut cid_font = pdf.cid_font(cid_id);
        cid_font
            .subtype(if cff {
                CidFontType::Type0
            } else {
                CidFontType::Type2
            })
            .base_font(Name(base_name.as_bytes()))
            .system_info(system_info)
            .font_descriptor(descriptor_id);
        if !cff {
            cid_font.cid_to_gid_map_predefined(Name(b"Identity"));
        }
        let used: Vec<&EmbeddedGlyph> = table.iter().flatten().collect();
        let mut widths = cid_font.widths();
        // One `first [w …]` entry per run of consecutive subset ids.
        for run in used.chunk_by(|a, b| b.new == a.new + 1) {
            widths.consecutive(run[0].new, run.iter().map(|g| g.width));
        }
        widths.finish();
        cid_font.finish();

        let mut cmap = UnicodeCmap::new(Name(b"Adobe-Identity-UCS"), system_info);
        for glyph in &used {
            if !glyph.text.is_empty() {
                cmap.pair_with_multiple(glyph.new, glyph.text.chars());
            }
        }
        pdf.stream(cmap_id, &compressed(&cmap.finish().into_vec())?)
            .filter(Filter::FlateDecode);
        pdf.type0_font(object)
            .base_font(Name(base_name.as_bytes()))
            .encoding_predefined(Name(b"Identity-H"))
            .descendant_font(cid_id)
            .to_unicode(cmap_id);
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

/// For each face, for each glyph id used: each text it stands for, with how
/// often.
type Usage<'a> = BTreeMap<Style, Vec<Vec<(&'a str, usize)>>>;

/// Counts the texts of a run's glyphs into `glyphs` (one face's usage).
fn count_texts<'a>(glyphs: &mut Vec<Vec<(&'a str, usize)>>, run: &'a GlyphRun) {
    for (g, text) in run.glyph_texts() {
        add_text(glyphs, usize::from(g.id), text, 1);
    }
}

/// Adds `count` uses of `text` for glyph `index`.
fn add_text<'a>(
    glyphs: &mut Vec<Vec<(&'a str, usize)>>,
    index: usize,
    text: &'a str,
    count: usize,
) {
    if glyphs.len() <= index {
        glyphs.resize_with(index + 1, Vec::new);
    }
    let texts = &mut glyphs[index];
    match texts.iter_mut().find(|(t, _)| *t == text) {
        Some((_, n)) => *n += count,
        None => texts.push((text, count)),
    }
}

/// The sum of two counts of usage.
fn merge_usage<'a>(mut into: Usage<'a>, from: Usage<'a>) -> Usage<'a> {
    for (style, glyphs) in from {
        let target = into.entry(style).or_default();
        for (index, texts) in glyphs.into_iter().enumerate() {
            for (text, count) in texts {
                add_text(target, index, text, count);
            }
        }
    }
    into
}

/// The glyph runs of a page.
fn page_runs(page: &Page) -> impl Iterator<Item = &GlyphRun> {
    page.items
        .iter()
        .chain(&page.turned)
        .filter_map(|item| match item {
            Item::Text(run) => Some(run),
            _ => None,
        })
}

/// A font's PostScript-style name from its file name: the file's stem,
/// letters, digits and hyphens only (`CharisSIL-Regular`).
fn postscript_name(file: &str) -> String {
    let stem = file.rsplit('/').next().unwrap_or(file);
    let stem = stem.rsplit_once('.').map_or(stem, |(stem, _)| stem);
    stem.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect()
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
    images: &BTreeMap<String, (String, Ref)>,
) -> Vec<u8> {
    let mut out = String::new();
    // The fill colour in force: set only when a run needs another.
    let mut fill = Rgb::default();
    draw_items(&mut out, &page.items, page.height, fonts, images, &mut fill);
    if !page.turned.is_empty() {
        // Turned a quarter anticlockwise about the block's lower right
        // corner: the turned block's x runs up the page, its y (down)
        // runs right, and its top lies along the block's left edge.
        let block = page.text_block;
        let _ = writeln!(
            out,
            "q 0 1 -1 0 {} {} cm",
            num(block.x + block.width),
            num(page.height - block.y - block.height)
        );
        draw_items(
            &mut out,
            &page.turned,
            block.width,
            fonts,
            images,
            &mut fill,
        );
        out.push_str("Q\n");
    }
    out.into_bytes()
}

/// Draws `items` (positions from the top left, y down) in a space `h`
/// points high; `fill` is the fill colour in force, kept up to date.
fn draw_items(
    out: &mut String,
    items: &[Item],
    h: f32,
    fonts: &BTreeMap<Style, Embedded>,
    images: &BTreeMap<String, (String, Ref)>,
    fill: &mut Rgb,
) {
    for item in items {
        match item {
            Item::Text(run) => {
                let Some(font) = fonts.get(&run.style) else {
                    continue;
                };
                if run.ink.colour != *fill {
                    *fill = run.ink.colour;
                    put_colour(out, *fill, "rg");
                }
                if run.ink.bold {
                    // Emboldened: the outlines stroked in the fill colour too.
                    out.push_str("q ");
                    put_colour(out, *fill, "RG");
                    let _ = write!(out, "2 Tr {} w ", num(run.size * 0.03));
                }
                let _ = write!(out, "BT /{} ", font.resource);
                put_num(out, run.size);
                // Italic: slanted by 12 degrees.
                out.push_str(if run.ink.italic {
                    " Tf 1 0 0.213 1 "
                } else {
                    " Tf 1 0 0 1 "
                });
                put_num(out, run.x);
                out.push(' ');
                put_num(out, h - run.baseline);
                out.push_str(" Tm [");
                let mut pen = 0.0f32;
                for (glyph, text) in run.glyph_texts() {
                    let gap = glyph.x - pen;
                    if gap.abs() > 0.001 {
                        put_num(out, -gap * 1000.0 / run.size);
                    }
                    let Some(entry) = font
                        .glyphs
                        .get(usize::from(glyph.id))
                        .and_then(Option::as_ref)
                    else {
                        continue;
                    };
                    if text != entry.text {
                        out.push_str("] TJ /Span << /ActualText <FEFF");
                        out.push_str(&utf16_hex(text));
                        out.push_str("> >> BDC [");
                        put_hex(out, entry.new);
                        out.push_str("] TJ EMC [");
                    } else {
                        put_hex(out, entry.new);
                    }
                    pen = glyph.x + entry.width * run.size / 1000.0;
                }
                out.push_str("] TJ ET\n");
                if run.ink.bold {
                    out.push_str("Q\n");
                }
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
            Item::Image { key, alt, rect } => {
                if let Some((name, _)) = images.get(key) {
                    // The alternative text travels with the drawing.
                    let _ = writeln!(
                        out,
                        "/Span << /Alt <FEFF{}> >> BDC q {} 0 0 {} {} {} cm /{name} Do Q EMC",
                        utf16_hex(alt),
                        num(rect.width),
                        num(rect.height),
                        num(rect.x),
                        num(h - rect.y - rect.height)
                    );
                }
            }
        }
    }
}

/// `r g b OP` for a colour, each channel from 0 to 1.
fn put_colour(out: &mut String, colour: Rgb, op: &str) {
    for channel in [colour.r, colour.g, colour.b] {
        put_num(out, f32::from(channel) / 255.0);
        out.push(' ');
    }
    out.push_str(op);
    out.push('\n');
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

/// Flate-compresses a stream's data. One compressor is reused: setting one
/// up costs more than compressing a page.
pub(super) fn compressed(data: &[u8]) -> Result<Vec<u8>> {
    thread_local! {
        static DEFLATE: RefCell<Compress> = RefCell::new(Compress::new(Compression::new(3), true));
    }
    DEFLATE.with(|deflate| {
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
                Err(source) => return Err(RenderError::Compress { source }.into()),
            }
        }
    })
}

/// Writes the bookmarks; returns the outline root, if there are any.
fn write_outline(pdf: &mut Pdf, refs: &mut Refs, entries: &[OutlineEntry]) -> Option<Ref> {
    if entries.is_empty() {
        return None;
    }
    let root = refs.next();
    let (first, last) = outline_level(pdf, refs, entries, root);
    pdf.outline(root)
        .first(first)
        .last(last)
        .count(entries.len() as i32);
    Some(root)
}

/// Writes one level of bookmarks under `parent`; returns (first, last).
fn outline_level(
    pdf: &mut Pdf,
    refs: &mut Refs,
    entries: &[OutlineEntry],
    parent: Ref,
) -> (Ref, Ref) {
    let ids: Vec<Ref> = entries.iter().map(|_| refs.next()).collect();
    for (i, entry) in entries.iter().enumerate() {
        let children =
            (!entry.children.is_empty()).then(|| outline_level(pdf, refs, &entry.children, ids[i]));
        let mut item = pdf.outline_item(ids[i]);
        item.title(TextStr(&entry.title))
            .parent(parent)
            .pair(Name(b"Dest"), Str(entry.destination.as_bytes()));
        if i > 0 {
            item.prev(ids[i - 1]);
        }
        if let Some(&next) = ids.get(i + 1) {
            item.next(next);
        }
        if let Some((first, last)) = children {
            // Closed: a negative count of the children.
            item.first(first)
                .last(last)
                .count(-(entry.children.len() as i32));
        }
    }
    (ids[0], ids[ids.len() - 1])
}

/// A date for the document information: the epoch in UTC, years clamped
/// to the four digits PDF dates have.
fn pdf_date(epoch: i64) -> pdf_writer::Date {
    let t = DateTime::from_epoch(epoch);
    pdf_writer::Date::new(year(t.year))
        .month(t.month as u8)
        .day(t.day as u8)
        .hour(t.hour as u8)
        .minute(t.minute as u8)
        .second(t.second as u8)
        .utc_offset_hour(0)
}

/// A year as PDF and XMP dates take it: 0 to 9999.
fn year(year: i64) -> u16 {
    year.clamp(0, 9999) as u16
}

/// The XMP metadata packet: Dublin Core, XMP basic and PDF properties.
fn xmp(meta: &Metadata) -> String {
    let t = DateTime::from_epoch(meta.modified);
    let date = xmp_writer::DateTime {
        year: year(t.year),
        month: Some(t.month as u8),
        day: Some(t.day as u8),
        hour: Some(t.hour as u8),
        minute: Some(t.minute as u8),
        second: Some(t.second as u8),
        timezone: Some(xmp_writer::Timezone::Utc),
    };
    let mut writer = xmp_writer::XmpWriter::new();
    writer
        .format("application/pdf")
        .title([(None, meta.title.as_str())])
        .creator(meta.authors.iter().map(String::as_str))
        // The tag is checked as BCP 47 when `book.toml` is read.
        .language([xmp_writer::LangId(&meta.language)])
        .identifier(&meta.identifier)
        .create_date(date)
        .modify_date(date)
        .metadata_date(date)
        .creator_tool("quire")
        .producer(PRODUCER);
    if let Some(description) = &meta.description {
        writer.description([(None, description.as_str())]);
    }
    writer.finish(None)
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

    /// The document information of an otherwise empty file with this date.
    fn info_with_date(epoch: i64) -> String {
        let mut pdf = Pdf::new();
        pdf.document_info(Ref::new(1))
            .creation_date(pdf_date(epoch));
        String::from_utf8_lossy(&pdf.finish()).into_owned()
    }

    #[test]
    fn dates_come_from_the_epoch() {
        assert!(info_with_date(0).contains("(D:19700101000000Z)"));
        assert!(info_with_date(1_700_000_000).contains("(D:20231114221320Z)"));
    }

    #[test]
    fn years_beyond_four_digits_are_clamped() {
        assert_eq!(year(-5), 0);
        assert_eq!(year(2026), 2026);
        assert_eq!(year(123_456), 9999);
    }

    #[test]
    fn numbers_are_short() {
        assert_eq!(num(1.0), "1");
        assert_eq!(num(-0.0001), "0");
        assert_eq!(num(12.3456), "12.346");
    }

    #[test]
    fn xmp_carries_the_metadata_escaped() {
        let meta = Metadata {
            title: "Salt & <Iron>".into(),
            subtitle: None,
            authors: vec!["A. Writer".into(), "B. Writer".into()],
            language: "en-GB".into(),
            identifier: "urn:isbn:9780000000002".into(),
            date: "2023-11-14".into(),
            description: Some("A blurb".into()),
            subjects: Vec::new(),
            rights: None,
            publisher: None,
            cover: None,
            modified: 1_700_000_000,
        };
        let packet = xmp(&meta);
        assert!(packet.contains("Salt &amp; &lt;Iron&gt;"), "{packet}");
        assert!(packet.contains("<rdf:li>A. Writer</rdf:li>"), "{packet}");
        assert!(packet.contains("<rdf:li>B. Writer</rdf:li>"), "{packet}");
        assert!(packet.contains("en-GB"), "{packet}");
        assert!(packet.contains("urn:isbn:9780000000002"), "{packet}");
        assert!(packet.contains("2023-11-14T22:13:20Z"), "{packet}");
        assert!(packet.contains("A blurb"), "{packet}");
        assert!(packet.contains(PRODUCER), "{packet}");
    }
}
