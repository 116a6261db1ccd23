//! The typesetting stage: [`layout`] turns a finished [`Book`] into pages of
//! positioned glyph runs, rules, images and links ([`Document`]), with a
//! page map ([`Document::page_map`]) saying where in the model each page
//! starts. Renderers and later passes that need print pages read the
//! result; the PDF writer only turns it into bytes.
//!
//! The steps, each a module:
//! [`geometry`] (trim, mirrored margins, baseline grid) →
//! `shape` (rustybuzz: kerning, ligatures) and `hyphenate` (Liang patterns) →
//! [`linebreak`] (Knuth–Plass total fit) → `text` (paragraphs to lines) and
//! [`listing`] (code lines folded into rows) →
//! `flow` (blocks to a galley of slots) → `paginate` (slots to pages:
//! keeps, widows, orphans, footnotes) → `matter` and `toc` (generated pages)
//! → this module (the book assembled, page labels, the page map) and
//! `furniture` (running heads, folios).

pub mod cover;
pub mod document;
mod flow;
mod furniture;
pub mod geometry;
pub mod hyphenate;
mod ink;
pub mod linebreak;
pub mod listing;
pub mod math;
mod matter;
mod paginate;
mod shape;
mod sheets;
mod text;
mod toc;

pub use document::{Document, Frame, PageSink, Place, PlacedPage};

use crate::model::print::Margins;
use crate::model::{Book, Chapter, ChapterKind, TocEntry};
use crate::render::{Progress, Silent};
use crate::Result;
use document::{
    destination_name, Collect, Item, Numbering, OutlineEntry, Page, PageLabelRange, PageRole, Role,
    Tag,
};
use flow::{shift, Flow, SetFootnote, Slot};
use geometry::Geometry;
use paginate::{footnote_area, paginate, PageContent};
use rayon::prelude::*;
use sheets::{PageMapper, Set, Sheet, Source};
use std::collections::BTreeMap;
use text::{Forks, Typesetter};

/// How many galleys are set, drawn and handed on at a time per worker
/// thread: enough to keep the cores busy, few enough that the pages in
/// flight stay a small share of the book.
const GALLEYS_PER_THREAD: usize = 16;

/// Typesets the book into pages.
pub fn layout(book: &Book) -> Result<Document> {
    layout_with(book, &Silent)
}

/// Like [`layout`], telling `progress` of one stage, `"setting parts"`,
/// one step per galley (a part with the nested parts that run on in it).
pub fn layout_with(book: &Book, progress: &dyn Progress) -> Result<Document> {
    let mut pages = Collect::default();
    let frame = stream(book, progress, &mut pages)?;
    Ok(pages.into_document(frame))
}

/// Typesets the book, handing its pages to `sink` as they are drawn: the
/// body first (every galley from the first part that is not front matter,
/// in batches, in order), then the front (opening pages, contents and the
/// front-matter parts), whose contents need the body's page numbers. Only
/// a compact record of each page is kept meanwhile (its page-map entry and
/// the numbers of its destinations), so memory does not grow with the
/// glyphs of the book. Tells `progress` as [`layout_with`] does.
///
/// A book whose text refers to pages ("see page 12") is first set without
/// drawing, until the numbers stand still (a number's width may move a
/// page break), at most [`PAGE_REF_PASSES`] times; the known pagination
/// ([`Book::pagination`]) is the first guess.
pub fn stream(book: &Book, progress: &dyn Progress, sink: &mut dyn PageSink) -> Result<Frame> {
    stream_within(book, None, progress, sink)
}

/// Like [`stream`], with every margin at least `minimum` (the print
/// profile's: see [`Geometry::at_least`]).
pub fn stream_within(
    book: &Book,
    minimum: Option<crate::model::print::Margins>,
    progress: &dyn Progress,
    sink: &mut dyn PageSink,
) -> Result<Frame> {
    let mut numbers = book
        .pagination
        .as_ref()
        .map(|p| p.numbers.clone())
        .unwrap_or_default();
    if refers_to_pages(book) {
        for _ in 0..PAGE_REF_PASSES {
            let frame = stream_with(book, minimum, &numbers, &Silent, &mut Discard)?;
            if frame.numbers == numbers {
                break;
            }
            numbers = frame.numbers;
        }
    }
    stream_with(book, minimum, &numbers, progress, sink)
}

/// How many times the book is laid out again for a gutter that moved.
const MAX_LAYOUTS: usize = 6;

/// Lays the book out into sinks made by `sink` with the printer's margins
/// for its page count, again while the count moves the gutter up (it only
/// grows, so this ends: at the largest gutter more pages change nothing).
/// Returns the last sink, its frame, the page count and the margins.
pub fn settle<S: PageSink>(
    book: &Book,
    progress: &dyn Progress,
    mut sink: impl FnMut() -> Result<S>,
) -> Result<(S, Frame, usize, Margins)> {
    let print = &book.settings.print;
    let mut margins = print.minimum_margins(0);
    for _ in 1..MAX_LAYOUTS {
        let mut made = sink()?;
        let frame = stream_within(book, Some(margins), progress, &mut made)?;
        let pages = frame.front_pages + frame.body_pages;
        let needed = print.minimum_margins(pages);
        if needed.inner <= margins.inner + 0.01 {
            return Ok((made, frame, pages, margins));
        }
        margins = margins.max(needed);
    }
    let mut made = sink()?;
    let frame = stream_within(book, Some(margins), progress, &mut made)?;
    let pages = frame.front_pages + frame.body_pages;
    Ok((made, frame, pages, margins))
}

/// How many times a book with page references is set before it is drawn.
pub const PAGE_REF_PASSES: usize = 3;

/// A sink that keeps nothing: a setting for the page numbers and the
/// page map only.
pub struct Discard;

impl PageSink for Discard {
    fn pages(&mut self, _: Vec<PlacedPage>) -> Result<()> {
        Ok(())
    }
    fn wants_pages(&self) -> bool {
        false
    }
}

/// Whether the book has a cross-reference set with its page number.
pub(crate) fn refers_to_pages(book: &Book) -> bool {
    let mut found = false;
    for part in book.parts() {
        crate::model::walk::inlines(&part.blocks, &mut |i| {
            found |= matches!(
                i,
                crate::model::Inline::Link { title: Some(t), .. }
                    if t == crate::model::pagination::PAGE_REF
            );
        });
    }
    found
}

/// [`stream`] with the page numbers of the destinations known so far.
fn stream_with(
    book: &Book,
    minimum: Option<crate::model::print::Margins>,
    numbers: &BTreeMap<String, String>,
    progress: &dyn Progress,
    sink: &mut dyn PageSink,
) -> Result<Frame> {
    let geometry = Geometry::with_design(book.settings.trim, &book.settings.design);
    let geometry = minimum.map_or(geometry, |m| geometry.at_least(m));
    let fonts = crate::fonts::FontSet::for_book(&book.faces, &book.fonts)?;
    let mut ts = Typesetter::with_fonts(&book.metadata.language, fonts);
    ts.page_numbers = std::sync::Arc::new(numbers.clone());
    ts.page_word = book.matter.labels.see_page.as_str().into();
    ts.image_sizes = std::sync::Arc::new(
        book.images
            .iter()
            .map(|(key, asset)| (key.clone(), (asset.width, asset.height)))
            .collect(),
    );

    // The parts are set once: their pagination does not depend on where
    // they start. A nested part runs on in the galley of the part above it,
    // so `openers` from here on are the parts that open a galley.
    let all: Vec<&Chapter> = book.parts().collect();
    let groups = groups(&all);
    let openers: Vec<&Chapter> = groups.iter().map(|g| all[g[0]]).collect();
    let split = openers
        .iter()
        .position(|part| part.kind != ChapterKind::FrontMatter)
        .unwrap_or(openers.len());
    progress.stage("setting parts", Some(groups.len() as u64));
    // The typesetters of the worker threads, whose caches serve every
    // parallel step below.
    let forks = ts.forks();
    let setter = Setter {
        forks: &forks,
        geometry,
        book,
        all: &all,
        progress,
    };
    let mut paragraphs = 0;
    let mut elements = 0;
    let front_parts = setter.set(&groups[..split], &mut paragraphs, &mut elements);

    // The body, batch by batch: set, put in order, drawn and handed on.
    let mut numbers: BTreeMap<String, String> = BTreeMap::new();
    let mut body_map = Vec::new();
    let mut body_pages = 0;
    let mut mapper = PageMapper::new(&all);
    // A sink that needs only the frame gets no pages: none is drawn.
    let drawn = sink.wants_pages();
    let batch = rayon::current_num_threads().max(1) * GALLEYS_PER_THREAD;
    for (n, chunk) in groups[split..].chunks(batch).enumerate() {
        let first = split + n * batch;
        let batch_openers = &openers[first..first + chunk.len()];
        let parts = setter.set(chunk, &mut paragraphs, &mut elements);
        let (mut set, notes) = into_set(parts);
        let mut sheets = Vec::new();
        sheets::galleys(&mut sheets, &set, body_pages, geometry.design.chapter_start);
        let labels: Vec<String> = (body_pages..body_pages + sheets.len())
            .map(|i| (i + 1).to_string())
            .collect();
        sheets::locate(&mut numbers, &set, &sheets, &labels);
        body_map.extend(mapper.map(&set, &sheets, batch_openers, &labels));
        if !drawn {
            body_pages += sheets.len();
            continue;
        }
        let pages = setter.draw(
            &mut set,
            &sheets,
            body_pages,
            &labels,
            batch_openers,
            &notes,
        );
        let placed = pages
            .into_iter()
            .enumerate()
            .map(|(i, (page, destinations))| PlacedPage {
                place: Place::Body(body_pages + i),
                page,
                destinations,
            })
            .collect();
        body_pages += sheets.len();
        sink.pages(placed)?;
    }

    // The front: its contents list needs page numbers, which depend on its
    // own length: set it, put the front in order, and set it again until
    // the numbers stand still.
    let (galleys, notes) = into_set(front_parts);
    let mut set = Set {
        front: matter::front_pages(&mut ts, &geometry, book),
        contents: Vec::new(),
        galleys: galleys.galleys,
    };
    let front_openers = &openers[..split];
    let toc = contents(book);
    let mut known: BTreeMap<String, String> = BTreeMap::new();
    let mut sheets = Vec::new();
    let mut labels = Vec::new();
    for _ in 0..4 {
        set.contents = toc::pages(&mut ts, &forks, &geometry, (book, &toc), &known);
        sheets = sheets::front(&set, body_pages > 0, geometry.design.chapter_start);
        labels = sheets::front_labels(sheets.len());
        let mut found = BTreeMap::new();
        sheets::locate(&mut found, &set, &sheets, &labels);
        for (name, label) in &numbers {
            if !found.contains_key(name) {
                found.insert(name.clone(), label.clone());
            }
        }
        if found == known {
            break;
        }
        known = found;
    }
    let mut page_map = PageMapper::new(&all).map(&set, &sheets, front_openers, &labels);
    page_map.extend(body_map);
    if drawn {
        let pages = setter.draw(&mut set, &sheets, 0, &labels, front_openers, &notes);
        let placed = pages
            .into_iter()
            .enumerate()
            .map(|(i, (page, destinations))| PlacedPage {
                place: Place::Front(i),
                page,
                destinations,
            })
            .collect();
        sink.pages(placed)?;
    }

    let front_pages = sheets.len();
    let mut page_labels = vec![PageLabelRange {
        first_page: 0,
        numbering: Numbering::LowerRoman,
        start: 1,
    }];
    if body_pages > 0 {
        page_labels.push(PageLabelRange {
            first_page: front_pages,
            numbering: Numbering::Arabic,
            start: 1,
        });
    }
    Ok(Frame {
        front_pages,
        body_pages,
        outline: outline(&toc),
        page_labels,
        page_map,
        numbers: known,
    })
}

/// The galleys set, as a [`Set`] of their pages beside their footnotes.
fn into_set(parts: Vec<SetPart>) -> (Set, Vec<BTreeMap<String, SetFootnote>>) {
    let (galleys, notes) = parts
        .into_iter()
        .map(|part| (part.pages, part.notes))
        .unzip();
    (
        Set {
            galleys,
            ..Set::default()
        },
        notes,
    )
}

/// What setting and drawing need of the book, shared by the batches.
struct Setter<'a> {
    forks: &'a Forks,
    geometry: Geometry,
    book: &'a Book,
    all: &'a [&'a Chapter],
    progress: &'a dyn Progress,
}

impl Setter<'_> {
    /// Sets and paginates the galleys `groups` (see [`set_parts`]),
    /// numbering their paragraphs on from `paragraphs` and their structure
    /// elements on from `elements`.
    fn set(
        &self,
        groups: &[Vec<usize>],
        paragraphs: &mut usize,
        elements: &mut u32,
    ) -> Vec<SetPart> {
        let mut set = set_parts(
            self.forks,
            self.geometry,
            self.book,
            self.all,
            groups,
            self.progress,
        );
        for part in &mut set {
            let lines = part.pages.iter_mut().flat_map(|page| &mut page.slots);
            for line in lines.filter_map(|slot| slot.line.as_mut()) {
                line.paragraph += *paragraphs;
            }
            *paragraphs += part.paragraphs;
            let slots = part.pages.iter_mut().flat_map(|page| &mut page.slots);
            let notes = part.notes.values_mut().flat_map(|note| &mut note.slots);
            for slot in slots.chain(notes) {
                slot.renumber(*elements);
            }
            *elements += part.elements;
        }
        set
    }

    /// Draws `sheets` (the first of them page `first` of its sequence, all
    /// printed as `labels`) in parallel: each page is drawn on its own
    /// (running heads and folios are set per page). Returns each page with
    /// its destinations, in order.
    #[allow(clippy::type_complexity)]
    fn draw(
        &self,
        set: &mut Set,
        sheets: &[Sheet],
        first: usize,
        labels: &[String],
        openers: &[&Chapter],
        notes: &[BTreeMap<String, SetFootnote>],
    ) -> Vec<(Page, Vec<(String, f32)>)> {
        let views: Vec<(usize, Sheet, PageContent)> = sheets
            .iter()
            .enumerate()
            .map(|(i, sheet)| (i, *sheet, set.take(sheet.source)))
            .collect();
        views
            .into_par_iter()
            .map(|(i, sheet, content)| {
                self.forks.with(|ts| {
                    let (part, head) = match sheet.source {
                        Source::Part(p, _) => (Some(p), openers[p].title_text()),
                        Source::Contents(_) => (None, self.book.matter.labels.contents.clone()),
                        _ => (None, String::new()),
                    };
                    let mut destinations = Vec::new();
                    let page = render(
                        ts,
                        &self.geometry,
                        self.book,
                        SheetView {
                            role: sheet.role,
                            content,
                            head: &head,
                        },
                        first + i,
                        &labels[i],
                        part.and_then(|p| notes.get(p)),
                        &mut destinations,
                    );
                    (page, destinations)
                })
            })
            .collect()
    }
}

/// A part set and paginated.
struct SetPart {
    /// Its pages.
    pages: Vec<PageContent>,
    /// Its footnotes, by id.
    notes: BTreeMap<String, SetFootnote>,
    /// How many paragraphs it has.
    paragraphs: usize,
    /// How many structure elements it has.
    elements: u32,
}

/// The parts in galleys: each part of depth 0 with the nested parts that
/// follow it (indices into `parts`); a nested part with no part above it
/// opens a galley of its own.
fn groups(parts: &[&Chapter]) -> Vec<Vec<usize>> {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        match groups.last_mut() {
            Some(group) if part.depth > 0 => group.push(i),
            _ => groups.push(vec![i]),
        }
    }
    groups
}

/// Sets and paginates every galley (a part and the nested parts running on
/// after it, see [`groups`]), in parallel (a galley's pages depend neither
/// on the others nor on where it starts), one typesetter per worker thread; the
/// galleys come back in reading order, their paragraphs numbered from 0.
fn set_parts(
    forks: &Forks,
    geometry: Geometry,
    book: &Book,
    parts: &[&Chapter],
    groups: &[Vec<usize>],
    progress: &dyn Progress,
) -> Vec<SetPart> {
    let capacity = geometry.block_height();
    groups
        .par_iter()
        .map(|group| {
            forks.with(|ts| {
                let mut flow = Flow::new(ts, geometry, &book.images);
                let mut galley = flow.part(parts[group[0]], &book.matter.labels);
                title_part(&mut galley.slots, group[0]);
                for &nested in &group[1..] {
                    let mut more = flow.nested_part(parts[nested]);
                    title_part(&mut more.slots, nested);
                    galley.slots.extend(more.slots);
                    galley.footnotes.extend(more.footnotes);
                    galley.paragraphs = more.paragraphs;
                    galley.elements = more.elements;
                }
                let notes = std::mem::take(&mut galley.footnotes);
                let pages = paginate(galley.slots, &notes, capacity, geometry.leading);
                progress.advance(1);
                SetPart {
                    pages,
                    notes,
                    paragraphs: galley.paragraphs,
                    elements: galley.elements,
                }
            })
        })
        .collect()
}

/// Says which part the titles among `slots` open: the part with index
/// `part` in the book's parts.
fn title_part(slots: &mut [Slot], part: usize) {
    for (_, tag) in slots.iter_mut().flat_map(|s| &mut s.tags) {
        if let Role::Title { part: p, .. } = &mut tag.role {
            *p = part as u32;
        }
    }
}

/// The entries of the PDF's contents and outline: the book's, or, when
/// `[pdf] toc-depth` differs from the book's `toc-depth`, built to that depth.
fn contents(book: &Book) -> std::borrow::Cow<'_, [TocEntry]> {
    match book.settings.design.toc_depth {
        Some(depth) if depth != book.settings.toc_depth => {
            std::borrow::Cow::Owned(crate::passes::toc::build_to(book, depth))
        }
        _ => std::borrow::Cow::Borrowed(&book.toc),
    }
}

fn outline(entries: &[TocEntry]) -> Vec<OutlineEntry> {
    entries
        .iter()
        .map(|e| OutlineEntry {
            title: e.title.clone(),
            destination: destination_name(&e.chapter, e.anchor.as_deref()),
            children: outline(&e.children),
        })
        .collect()
}

/// A sheet with its content, ready to draw.
struct SheetView<'a> {
    role: PageRole,
    content: PageContent,
    head: &'a str,
}

#[allow(clippy::too_many_arguments)]
fn render(
    ts: &mut Typesetter,
    g: &Geometry,
    book: &Book,
    mut sheet: SheetView<'_>,
    index: usize,
    label: &str,
    notes: Option<&BTreeMap<String, SetFootnote>>,
    destinations: &mut Vec<(String, f32)>,
) -> Page {
    let block = g.text_block(index);
    let mut page = Page {
        width: g.width,
        height: g.height,
        text_block: block,
        role: sheet.role,
        label: label.to_string(),
        items: Vec::new(),
        links: Vec::new(),
        lines: Vec::new(),
        turned: Vec::new(),
        tags: Vec::new(),
        turned_tags: Vec::new(),
        clockwise: false,
    };
    let mut y = block.y;
    let place = |slot: Slot, y: f32, page: &mut Page, destinations: &mut Vec<(String, f32)>| {
        // The slot's tags, from the page's next item, with its place in
        // the part; items before the first tag are a line of their own.
        let owner = page.tags.len() as u32;
        let (first, count) = (page.items.len(), slot.items.len());
        place_tags(&mut page.tags, (first, count), slot.tags, &slot.origin);
        let (first, count) = (page.turned.len(), slot.turned.len());
        place_tags(
            &mut page.turned_tags,
            (first, count),
            slot.turned_tags,
            &slot.origin,
        );
        for mut item in slot.items {
            shift(&mut item, block.x, y);
            page.items.push(item);
        }
        for mut link in slot.links {
            link.rect.x += block.x;
            link.rect.y += y;
            link.tag = owner.min(page.tags.len().saturating_sub(1) as u32);
            page.links.push(link);
        }
        let anchors = slot.anchors.into_iter().map(|name| (name, 0.0));
        for (name, dy) in slot.destinations.into_iter().chain(anchors) {
            destinations.push((name, y + dy));
        }
        if let Some(line) = slot.line {
            page.lines.push(line);
        }
        page.turned.extend(slot.turned);
    };
    let PageContent { slots, footnotes } = std::mem::take(&mut sheet.content);
    for slot in slots {
        let height = slot.height;
        place(slot, y, &mut page, destinations);
        y += height;
    }
    if let Some(notes) = notes {
        let area = footnote_area(&footnotes, notes, g.leading);
        if area > 0.0 {
            let top = block.y + block.height - area;
            let artifact = Tag::new(Role::Artifact, 0);
            flow::mark(&mut page.tags, page.items.len(), artifact);
            page.items.push(Item::Rule {
                from: (block.x, top + g.leading * 0.3),
                to: (block.x + block.width * 0.3, top + g.leading * 0.3),
                thickness: 0.4,
            });
            let mut y = top + g.leading * 0.75;
            for note in footnotes.iter().filter_map(|id| notes.get(id)) {
                for slot in &note.slots {
                    place(slot.clone(), y, &mut page, destinations);
                    y += slot.height;
                }
            }
        }
    }
    // Running heads and folios are the page's, not the book's text.
    let artifact = Tag::new(Role::Artifact, 0);
    flow::mark(&mut page.tags, page.items.len(), artifact);
    furniture::draw(ts, g, book, &sheet, index, label, &mut page);
    page
}

/// Appends a slot's `tags` (relative to its first item, which is item
/// `first` of the page's `count`) to a page's, each placed at `origin`; a
/// slot with items before its first tag has them as a line of its own.
fn place_tags(
    page: &mut Vec<(u32, Tag)>,
    (first, count): (usize, usize),
    tags: Vec<(u32, Tag)>,
    origin: &Option<std::sync::Arc<[usize]>>,
) {
    if count > 0 && tags.first().is_none_or(|(from, _)| *from > 0) {
        // Not merged with the line before: each is its own element.
        page.push((first as u32, Tag::default()));
    }
    for (from, tag) in tags {
        let tag = Tag {
            origin: origin.clone(),
            ..tag
        };
        flow::mark(page, first + from as usize, tag);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Remembers the places of the pages it is handed, batch by batch.
    #[derive(Default)]
    struct Batches(Vec<Vec<Place>>);

    impl PageSink for Batches {
        fn pages(&mut self, pages: Vec<PlacedPage>) -> Result<()> {
            self.0.push(pages.iter().map(|p| p.place).collect());
            Ok(())
        }
    }

    /// Wants no pages, and fails the test if it is handed any.
    struct Undrawn;

    impl PageSink for Undrawn {
        fn pages(&mut self, pages: Vec<PlacedPage>) -> Result<()> {
            panic!("{} pages handed to a sink that wants none", pages.len())
        }
        fn wants_pages(&self) -> bool {
            false
        }
    }

    #[test]
    fn a_sink_that_wants_no_pages_gets_none_and_the_same_frame() {
        let mut book = crate::load(std::path::Path::new("manuscript"))
            .unwrap()
            .book;
        let drawn = stream(&book, &Silent, &mut Collect::default()).unwrap();
        assert_eq!(stream(&book, &Silent, &mut Undrawn).unwrap(), drawn);
        // With the print profile's margins, as the page-list and the
        // cover's spine lay the book out.
        book.settings.print.margins.inner = 72.0;
        let wide = Some(book.settings.print.minimum_margins(0));
        let drawn = stream_within(&book, wide, &Silent, &mut Collect::default()).unwrap();
        let undrawn = stream_within(&book, wide, &Silent, &mut Undrawn).unwrap();
        assert_eq!(undrawn, drawn);
        assert!(drawn.page_map.len() > 40, "{}", drawn.page_map.len());
    }

    #[test]
    fn the_body_streams_in_batches_before_the_front_and_collects_into_the_same_document() {
        let book = crate::load(std::path::Path::new("manuscript"))
            .unwrap()
            .book;
        // One thread: batches of `GALLEYS_PER_THREAD` galleys; the sample
        // has more, so the body comes in more than one batch.
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        let mut batches = Batches::default();
        let frame = pool
            .install(|| stream(&book, &Silent, &mut batches))
            .unwrap();
        let (front, body) = batches.0.split_last().unwrap();
        assert!(body.len() >= 2, "{:?}", batches.0);
        let body: Vec<Place> = body.concat();
        let expected: Vec<Place> = (0..frame.body_pages).map(Place::Body).collect();
        assert_eq!(body, expected);
        let expected: Vec<Place> = (0..frame.front_pages).map(Place::Front).collect();
        assert_eq!(front, &expected);
        assert_eq!(frame.page_map.len(), frame.front_pages + frame.body_pages);
        // The whole document is the same on any number of threads.
        let document = layout(&book).unwrap();
        assert_eq!(document, pool.install(|| layout(&book)).unwrap());
        assert_eq!(document.body_start, frame.front_pages);
        assert_eq!(document.page_map, frame.page_map);
    }
}
