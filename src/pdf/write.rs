//! The PDF file: laid-out pages in, bytes out.
//!
//! [`Writer`] takes the pages as the layout draws them (a [`PageSink`]):
//! each batch's content streams are drawn and compressed in parallel and
//! written at once; of a page only its object numbers, size and links are
//! kept. The fonts (the shipped faces and the author's fallback fonts,
//! subset once every glyph is known, see [`super::faces`]), images, page objects, navigation (nested outline,
//! named destinations, page labels), document information and XMP metadata
//! are written at the end. The output depends only on the book: no clock,
//! no randomness, nor the number of threads.
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

use super::content::{compressed, page_content};
use super::faces::{Faces, Scan};
use super::tagged::{Marked, Tree};
use crate::error::RenderError;
use crate::fonts::FontSet;
use crate::layout::document::{
    destination_name, Frame, Link, Numbering, OutlineEntry, PageSink, Place, PlacedPage,
};
use crate::model::date::DateTime;
use crate::model::{Book, LinkTarget, Metadata};
use crate::Result;
use pdf_writer::types::{
    ActionType, AnnotationFlags, AnnotationType, NumberingStyle, PageMode, ProcSet, TabOrder,
};
use pdf_writer::writers::PageLabel;
use pdf_writer::{Filter, Finish, Name, Null, Pdf, Rect, Ref, Settings, Str, TextStr};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// The name quire gives as the PDF producer.
const PRODUCER: &str = "quire (pdf-writer)";

/// Hands out object numbers in order.
pub(super) struct Refs(Ref);

impl Refs {
    /// The next object number.
    pub fn next(&mut self) -> Ref {
        self.0.bump()
    }
}

/// How the PDF is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// A tagged PDF declaring PDF/UA-1: the content marked, a structure
    /// tree, links in it (see [`super::tagged`]). Without it, no marked
    /// content, no structure tree and no PDF/UA claim.
    pub tagged: bool,
    /// Conforming to PDF/A-2a and declaring it (see [`super::pdfa`]): an
    /// sRGB output intent, the PDF/A identification in the XMP. Level A
    /// needs the tags, so it is only claimed with `tagged`; a print file
    /// ([`Writer::for_print`]) never claims it.
    pub pdfa: bool,
}

impl Default for Options {
    /// The digital edition: tagged, PDF/A-2a.
    fn default() -> Options {
        Options {
            tagged: true,
            pdfa: true,
        }
    }
}

impl Options {
    /// Whether the file claims PDF/A-2a: asked for, and tagged.
    fn archival(self) -> bool {
        self.pdfa && self.tagged
    }
}

/// A page written: what its page object needs at the end.
struct PageRecord {
    id: Ref,
    content: Ref,
    width: f32,
    height: f32,
    links: Vec<Link>,
    /// What each MCID of the page is (empty when not tagged).
    marked: Vec<Marked>,
    /// The first MCID of the element holding each link.
    link_mcids: Vec<Option<u32>>,
}

/// A PDF being written, page batch by page batch (see [`PageSink`]), then
/// finished with [`Writer::finish`].
pub struct Writer<'a> {
    book: &'a Book,
    fonts: FontSet,
    faces: Faces,
    /// Every image's resource name, by key.
    image_names: BTreeMap<String, String>,
    /// The images the pages draw.
    images_used: BTreeSet<String>,
    pdf: Pdf,
    refs: Refs,
    catalog_id: Ref,
    pages_id: Ref,
    resources_id: Ref,
    front: Vec<Option<PageRecord>>,
    body: Vec<Option<PageRecord>>,
    /// Name → (the first page it is on, that page's object, top of the view).
    destinations: BTreeMap<String, (Place, Ref, f32)>,
    options: Options,
    /// The print profile's boxes and image checks; `None`: the digital
    /// edition.
    print: Option<super::print::PrintState>,
}

impl<'a> Writer<'a> {
    /// A writer for `book`, which supplies the metadata and images.
    pub fn new(book: &'a Book) -> Result<Writer<'a>> {
        Writer::with_options(book, Options::default())
    }

    /// A writer for `book` written as `options` say.
    pub fn with_options(book: &'a Book, options: Options) -> Result<Writer<'a>> {
        let fonts = FontSet::for_book(&book.faces, &book.fonts)?;
        let faces = Faces::new(&fonts);
        let mut refs = Refs(Ref::new(1));
        // Compact: no indentation (pdf-writer's default pretty-prints).
        let mut pdf = Pdf::with_settings(Settings { pretty: false });
        let meta = &book.metadata;
        let id = fingerprint(&format!("{}\u{0}{}", meta.identifier, meta.modified)).to_vec();
        pdf.set_file_id((id.clone(), id));
        let (catalog_id, pages_id, resources_id) = (refs.next(), refs.next(), refs.next());
        Ok(Writer {
            book,
            image_names: super::images::names(book),
            images_used: BTreeSet::new(),
            fonts,
            faces,
            pdf,
            refs,
            catalog_id,
            pages_id,
            resources_id,
            front: Vec::new(),
            body: Vec::new(),
            destinations: BTreeMap::new(),
            options,
            print: None,
        })
    }

    /// The same writer making a print file (see [`super::print`]): pages
    /// with trim and bleed boxes, no links, no outline.
    pub fn for_print(mut self, sheet: super::print::Sheet) -> Self {
        self.print = Some(super::print::PrintState::new(sheet));
        // The printers' own checks, not PDF/A's, apply to a print file.
        self.options.pdfa = false;
        self
    }

    /// The images printed below 300 dpi so far, each with its lowest
    /// resolution (print only).
    pub fn low_resolution(&self) -> Vec<(String, f32)> {
        self.print
            .as_ref()
            .map(|p| p.low_resolution())
            .unwrap_or_default()
    }
}

impl PageSink for Writer<'_> {
    fn pages(&mut self, mut pages: Vec<PlacedPage>) -> Result<()> {
        // What the pages use, found in parallel and added up in page order.
        self.faces
            .load(&self.fonts, pages.iter().map(|placed| &placed.page));
        let faces = &self.faces;
        let mut scan = pages
            .par_iter()
            .enumerate()
            .fold(Scan::default, |scan, (i, placed)| {
                scan.page(faces, i, &placed.page)
            })
            .reduce(Scan::default, Scan::merge);
        self.images_used.extend(std::mem::take(&mut scan.images));
        if let Some(print) = &mut self.print {
            print.scan(self.book, &pages);
        }
        self.faces.add(scan);
        // The content streams are independent: drawn and compressed in
        // parallel, then written in order.
        let (faces, names) = (&self.faces, &self.image_names);
        let tagged = self.options.tagged;
        let contents: Vec<(Vec<u8>, super::content::Content)> = pages
            .par_iter()
            .map(|placed| {
                let mut content = page_content(&placed.page, faces, names, tagged);
                let bytes = compressed(&std::mem::take(&mut content.bytes))?;
                Ok((bytes, content))
            })
            .collect::<Result<_>>()?;
        for (placed, (content, marks)) in pages.iter_mut().zip(contents) {
            let (id, content_id) = (self.refs.next(), self.refs.next());
            self.pdf
                .stream(content_id, &content)
                .filter(Filter::FlateDecode);
            let page = &mut placed.page;
            for (name, y) in std::mem::take(&mut placed.destinations) {
                let top = (page.height - y + 2.0).min(page.height);
                let entry = self
                    .destinations
                    .entry(name)
                    .or_insert((placed.place, id, top));
                if placed.place < entry.0 {
                    *entry = (placed.place, id, top);
                }
            }
            let (list, i) = match placed.place {
                Place::Front(i) => (&mut self.front, i),
                Place::Body(i) => (&mut self.body, i),
            };
            if list.len() <= i {
                list.resize_with(i + 1, || None);
            }
            let links = std::mem::take(&mut page.links);
            let link_mcids = links
                .iter()
                .map(|link| marks.tag_mcids.get(link.tag as usize).copied().flatten())
                .collect();
            list[i] = Some(PageRecord {
                id,
                content: content_id,
                width: page.width,
                height: page.height,
                links,
                marked: marks.marked,
                link_mcids,
            });
        }
        // Freeing a batch's glyphs is work too: on every core.
        pages.into_par_iter().for_each(drop);
        Ok(())
    }
}

impl Writer<'_> {
    /// Writes what follows the pages (fonts, images, page objects,
    /// navigation, metadata) and returns the file.
    pub fn finish(mut self, frame: &Frame) -> Result<Vec<u8>> {
        let book = self.book;
        let pdf = &mut self.pdf;
        let refs = &mut self.refs;
        let fonts = self.faces.embed(pdf, refs, &self.fonts)?;
        let images = super::images::embed(
            pdf,
            &mut || refs.next(),
            book,
            &self.images_used,
            &self.image_names,
        )?;

        let mut resources = pdf
            .indirect(self.resources_id)
            .start::<pdf_writer::writers::Resources>();
        let mut font_resources = resources.fonts();
        for (name, object) in &fonts {
            font_resources.pair(Name(name.as_bytes()), *object);
        }
        font_resources.finish();
        let mut image_resources = resources.x_objects();
        for (name, id) in images.values() {
            image_resources.pair(Name(name.as_bytes()), *id);
        }
        image_resources.finish();
        resources.proc_sets([ProcSet::Pdf, ProcSet::Text, ProcSet::ImageColor]);
        resources.finish();

        let records: Vec<&PageRecord> = self.front.iter().chain(&self.body).flatten().collect();
        let expected = frame.front_pages + frame.body_pages;
        if records.len() != expected {
            return Err(RenderError::PageCount {
                announced: expected,
                handed: records.len(),
            }
            .into());
        }
        let mut structure = self.options.tagged.then(|| Tree::new(book, records.len()));
        if let Some(tree) = &mut structure {
            for (i, record) in records.iter().enumerate() {
                tree.page(i, &record.marked);
            }
        }
        let context = PageContext {
            pages_id: self.pages_id,
            resources_id: self.resources_id,
            destinations: &self.destinations,
        };
        let shifts = self.print.as_ref().map(|p| p.write_shifts(pdf, refs));
        for (i, record) in records.iter().enumerate() {
            let boxes = self
                .print
                .as_ref()
                .zip(shifts)
                .map(|(p, s)| p.boxes(i, record.width, record.height, s));
            write_page(pdf, refs, (i, record), &context, structure.as_mut(), boxes);
        }
        pdf.pages(self.pages_id)
            .kids(records.iter().map(|r| r.id))
            .count(records.len() as i32);

        let dests_id = refs.next();
        let mut tree = pdf.indirect(dests_id).dict();
        let mut names = tree.insert(Name(b"Names")).array();
        for (name, (_, page, top)) in &self.destinations {
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

        // A print file has no bookmarks (nor links).
        let outline = match self.print {
            Some(_) => None,
            None => write_outline(pdf, refs, &frame.outline),
        };
        let meta = &book.metadata;
        let metadata_id = write_info(pdf, refs, meta, self.options);
        let profile = if self.options.archival() {
            let id = refs.next();
            super::pdfa::write_profile(pdf, id)?;
            Some(id)
        } else {
            None
        };
        let page_ids: Vec<Ref> = records.iter().map(|r| r.id).collect();
        let structure = structure.map(|tree| tree.write(pdf, &page_ids, &mut || refs.next()));

        let mut catalog = pdf.catalog(self.catalog_id);
        catalog
            .pages(self.pages_id)
            .metadata(metadata_id)
            .lang(TextStr(&meta.language));
        catalog.viewer_preferences().display_doc_title(true);
        if let Some(profile) = profile {
            super::pdfa::output_intent(&mut catalog, profile);
        }
        if let Some(root) = structure {
            catalog.pair(Name(b"StructTreeRoot"), root);
            catalog.mark_info().marked(true);
        }
        catalog.names().pair(Name(b"Dests"), dests_id);
        let mut labels = catalog.insert(Name(b"PageLabels")).dict();
        let mut nums = labels.insert(Name(b"Nums")).array();
        for range in &frame.page_labels {
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
        Ok(self.pdf.finish())
    }
}

/// What every page object refers to.
struct PageContext<'a> {
    pages_id: Ref,
    resources_id: Ref,
    destinations: &'a BTreeMap<String, (Place, Ref, f32)>,
}

/// Writes page `index` (its object, from `record`) with its link
/// annotations (an internal link whose destination is nowhere in the book
/// is left out); in a tagged PDF, each link is put in the structure
/// `tree` and the page says where its marked content's elements are. A
/// print page (with `boxes`) has its trim and bleed boxes and no links.
fn write_page(
    pdf: &mut Pdf,
    refs: &mut Refs,
    (index, record): (usize, &PageRecord),
    context: &PageContext<'_>,
    mut tree: Option<&mut Tree<'_>>,
    boxes: Option<super::print::Boxes>,
) {
    let height = record.height;
    let destinations = context.destinations;
    let mut annotations = Vec::new();
    let links = if boxes.is_some() {
        &[][..]
    } else {
        &record.links[..]
    };
    for (link, mcid) in links.iter().zip(&record.link_mcids) {
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
                height - r.y - r.height,
                r.x + r.width,
                height - r.y,
            ))
            .border(0.0, 0.0, 0.0, None)
            // Printed with the page (PDF/A), never hidden.
            .flags(AnnotationFlags::PRINT);
        if let Some(tree) = tree.as_deref_mut() {
            let key = tree.link(index, mcid.map(|m| m as usize), annotation_id);
            annotation.struct_parent(key);
            let contents = match (&link.target, &destination) {
                (LinkTarget::External { url }, _) => format!("Link to {}", crate::url::href(url)),
                (_, Some(name)) => format!("Link to {name}"),
                (_, None) => String::from("Link"),
            };
            annotation.contents(TextStr(&contents));
        }
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
    let size = Rect::new(0.0, 0.0, record.width, height);
    let mut page_writer = pdf.page(record.id);
    page_writer.parent(context.pages_id);
    match boxes {
        None => {
            page_writer
                .media_box(size)
                .trim_box(size)
                .contents(record.content);
        }
        Some(boxes) => {
            page_writer
                .media_box(boxes.media)
                .bleed_box(boxes.media)
                .trim_box(boxes.trim);
            match boxes.shift {
                Some(shift) => {
                    page_writer
                        .insert(Name(b"Contents"))
                        .array()
                        .items([shift, record.content]);
                }
                None => {
                    page_writer.contents(record.content);
                }
            }
        }
    }
    page_writer.pair(Name(b"Resources"), context.resources_id);
    if tree.is_some() {
        if !record.marked.is_empty() {
            page_writer.struct_parents(index as i32);
        }
        if !annotations.is_empty() {
            // Links in the order of the structure.
            page_writer.tab_order(TabOrder::StructureOrder);
        }
    }
    if !annotations.is_empty() {
        page_writer.annotations(annotations);
    }
}

/// Writes the document information and the XMP metadata; returns the
/// metadata stream's object. Each entry of the information has its equal
/// in the XMP, as PDF/A asks: Title and `dc:title`, Author and
/// `dc:creator` (the authors joined by commas in both: the information
/// holds one string, and PDF/A compares it with the first creator),
/// Subject and `dc:description`, Keywords and `pdf:Keywords`, Creator and
/// `xmp:CreatorTool`, Producer and `pdf:Producer`, the dates (UTC) and
/// `xmp:CreateDate`/`xmp:ModifyDate`.
fn write_info(pdf: &mut Pdf, refs: &mut Refs, meta: &Metadata, options: Options) -> Ref {
    let date = pdf_date(meta.modified);
    let info_id = refs.next();
    let authors = authors(meta);
    let mut info = pdf.document_info(info_id);
    info.title(TextStr(&meta.title));
    if let Some(authors) = &authors {
        info.author(TextStr(authors));
    }
    info.creator(TextStr("quire"))
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
    let packet = xmp(meta, options);
    pdf.metadata(metadata_id, packet.as_bytes());
    metadata_id
}

/// The book's authors as one line (`None` without any): the document
/// information's Author and the XMP's one `dc:creator`.
fn authors(meta: &Metadata) -> Option<String> {
    let authors = meta.authors.join(", ");
    (!authors.is_empty()).then_some(authors)
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

/// The XMP metadata packet: Dublin Core, XMP basic and PDF properties,
/// the PDF/UA-1 claim of a tagged PDF and the PDF/A-2a claim of an
/// archival one.
fn xmp(meta: &Metadata, options: Options) -> String {
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
    let authors = authors(meta);
    let keywords = meta.subjects.join(", ");
    let mut writer = xmp_writer::XmpWriter::new();
    writer
        .format("application/pdf")
        .title([(None, meta.title.as_str())]);
    if let Some(authors) = &authors {
        writer.creator([authors.as_str()]);
    }
    if !keywords.is_empty() {
        writer.pdf_keywords(&keywords);
    }
    writer
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
    if options.tagged {
        writer.pdfua_part(1);
    }
    if options.archival() {
        super::pdfa::declare(&mut writer);
    }
    writer.finish(None)
}

/// A 16-byte fingerprint of a string (FNV-1a, two lanes): stable across
/// builds and machines, for the document id and subset tags.
pub(super) fn fingerprint(text: &str) -> [u8; 16] {
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
    fn the_information_has_no_entry_the_xmp_lacks() {
        let mut meta = Metadata {
            authors: Vec::new(),
            ..sample_metadata()
        };
        let mut pdf = Pdf::new();
        write_info(&mut pdf, &mut Refs(Ref::new(1)), &meta, Options::default());
        let bytes = String::from_utf8_lossy(&pdf.finish()).into_owned();
        assert!(!bytes.contains("/Author"), "{bytes}");
        assert!(!bytes.contains("dc:creator"), "{bytes}");
        assert!(!bytes.contains("/Keywords"), "{bytes}");
        assert!(!bytes.contains("pdf:Keywords"), "{bytes}");
        meta.subjects = vec!["War".into(), "Rome".into()];
        meta.authors = vec!["A. Writer".into()];
        let mut pdf = Pdf::new();
        write_info(&mut pdf, &mut Refs(Ref::new(1)), &meta, Options::default());
        let bytes = String::from_utf8_lossy(&pdf.finish()).into_owned();
        assert!(bytes.contains("/Author (A. Writer)"), "{bytes}");
        assert!(bytes.contains("<rdf:li>A. Writer</rdf:li>"), "{bytes}");
        assert!(bytes.contains("/Keywords (War, Rome)"), "{bytes}");
        assert!(
            bytes.contains("<pdf:Keywords>War, Rome</pdf:Keywords>"),
            "{bytes}"
        );
    }

    /// Metadata for the tests here.
    fn sample_metadata() -> Metadata {
        Metadata {
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
        }
    }

    #[test]
    fn years_beyond_four_digits_are_clamped() {
        assert_eq!(year(-5), 0);
        assert_eq!(year(2026), 2026);
        assert_eq!(year(123_456), 9999);
    }

    #[test]
    fn xmp_carries_the_metadata_escaped() {
        let meta = sample_metadata();
        let packet = xmp(&meta, Options::default());
        assert!(packet.contains("Salt &amp; &lt;Iron&gt;"), "{packet}");
        // One creator, as the document information's Author (PDF/A).
        assert!(
            packet.contains("<rdf:li>A. Writer, B. Writer</rdf:li>"),
            "{packet}"
        );
        assert!(packet.contains("en-GB"), "{packet}");
        assert!(packet.contains("urn:isbn:9780000000002"), "{packet}");
        assert!(packet.contains("2023-11-14T22:13:20Z"), "{packet}");
        assert!(packet.contains("A blurb"), "{packet}");
        assert!(packet.contains(PRODUCER), "{packet}");
        assert!(
            packet.contains("<pdfuaid:part>1</pdfuaid:part>"),
            "{packet}"
        );
        assert!(packet.contains("<pdfaid:part>2</pdfaid:part>"), "{packet}");
        let untagged = xmp(
            &meta,
            Options {
                tagged: false,
                pdfa: true,
            },
        );
        assert!(!untagged.contains("pdfuaid"), "{untagged}");
        assert!(!untagged.contains("pdfaid"), "{untagged}");
        let not_archival = xmp(
            &meta,
            Options {
                tagged: true,
                pdfa: false,
            },
        );
        assert!(not_archival.contains("pdfuaid:part"), "{not_archival}");
        assert!(!not_archival.contains("pdfaid"), "{not_archival}");
        assert!(!not_archival.contains("pdfaExtension"), "{not_archival}");
    }
}
