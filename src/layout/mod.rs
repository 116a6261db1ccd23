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

pub mod document;
mod flow;
mod furniture;
pub mod geometry;
mod hyphenate;
mod ink;
pub mod linebreak;
pub mod listing;
pub mod math;
mod matter;
mod paginate;
mod shape;
mod text;
mod toc;

pub use document::Document;

use crate::model::{Book, Chapter, ChapterKind, TocEntry};
use crate::render::{Progress, Silent};
use crate::Result;
use document::{
    destination_name, roman, Destination, Item, Numbering, OutlineEntry, Page, PageLabelRange,
    PageRole, PageStart,
};
use flow::{shift, Flow, SetFootnote, Slot};
use geometry::Geometry;
use paginate::{footnote_area, paginate, PageContent};
use rayon::prelude::*;
use std::collections::BTreeMap;
use text::{Forks, Typesetter};

/// Where a page's content comes from.
#[derive(Debug, Clone, Copy)]
enum Source {
    /// One of the generated opening pages.
    Front(usize),
    /// A page of the contents.
    Contents(usize),
    /// Page `.1` of part `.0`.
    Part(usize, usize),
    /// Nothing: a blank page.
    Blank,
}

/// A page before it is drawn: what kind of page it is and where its
/// content comes from.
#[derive(Debug, Clone, Copy)]
struct Sheet {
    role: PageRole,
    source: Source,
}

/// Everything set, before it is put on pages.
struct Set {
    front: Vec<(PageRole, PageContent)>,
    contents: Vec<PageContent>,
    galleys: Vec<Vec<PageContent>>,
}

impl Set {
    fn content(&self, source: Source) -> Option<&PageContent> {
        match source {
            Source::Front(i) => self.front.get(i).map(|(_, c)| c),
            Source::Contents(i) => self.contents.get(i),
            Source::Part(p, i) => self.galleys.get(p).and_then(|g| g.get(i)),
            Source::Blank => None,
        }
    }

    /// Takes a page's content out, for drawing.
    fn take(&mut self, source: Source) -> PageContent {
        let content = match source {
            Source::Front(i) => self.front.get_mut(i).map(|(_, c)| c),
            Source::Contents(i) => self.contents.get_mut(i),
            Source::Part(p, i) => self.galleys.get_mut(p).and_then(|g| g.get_mut(i)),
            Source::Blank => None,
        };
        content.map(std::mem::take).unwrap_or_default()
    }
}

/// Typesets the book into pages.
pub fn layout(book: &Book) -> Result<Document> {
    layout_with(book, &Silent)
}

/// Like [`layout`], telling `progress` two stages: `"setting parts"`, one
/// step per galley (a part with the nested parts that run on in it), then
/// `"drawing pages"`, one step per page.
pub fn layout_with(book: &Book, progress: &dyn Progress) -> Result<Document> {
    let geometry = Geometry::new(book.settings.trim);
    let fonts = crate::fonts::FontSet::with_fallbacks(&book.fonts)?;
    let mut ts = Typesetter::with_fonts(&book.metadata.language, fonts);
    ts.image_sizes = std::sync::Arc::new(
        book.images
            .iter()
            .map(|(key, asset)| (key.clone(), (asset.width, asset.height)))
            .collect(),
    );

    // The parts are set once: their pagination does not depend on where
    // they start. A nested part runs on in the galley of the part above it,
    // so `parts` from here on are the parts that open a galley.
    let all: Vec<&Chapter> = book.parts().collect();
    let groups = groups(&all);
    let parts: Vec<&Chapter> = groups.iter().map(|g| all[g[0]]).collect();
    progress.stage("setting parts", Some(groups.len() as u64));
    // The typesetters of the worker threads, whose caches serve every
    // parallel step below.
    let forks = ts.forks();
    let (galleys, notes): (Vec<_>, Vec<_>) =
        set_parts(&forks, geometry, book, &all, &groups, progress)
            .into_iter()
            .map(|part| (part.pages, part.notes))
            .unzip();
    let front = matter::front_pages(&mut ts, &geometry, book);
    let mut set = Set {
        front,
        contents: Vec::new(),
        galleys,
    };

    // The contents list needs page numbers, which depend on its own length:
    // set it, assemble, and set it again until the numbers stand still.
    let mut numbers: BTreeMap<String, String> = BTreeMap::new();
    let mut sheets = Vec::new();
    let mut labels = (Vec::new(), Vec::new());
    for _ in 0..4 {
        set.contents = toc::pages(&mut ts, &forks, &geometry, book, &numbers);
        sheets = assemble(&set);
        labels = page_labels(&sheets, &parts);
        let found = locate(&set, &sheets, &labels.1);
        if found == numbers {
            break;
        }
        numbers = found;
    }

    let mut document = Document {
        pages: Vec::new(),
        outline: outline(&book.toc),
        destinations: Vec::new(),
        page_map: page_map(&set, &sheets, &parts, &all, &labels.1),
        page_labels: labels.0,
    };
    progress.stage("drawing pages", Some(sheets.len() as u64));
    // Each page is drawn on its own (running heads and folios are set per
    // page), so the pages are drawn in parallel and gathered in order.
    let views: Vec<(usize, Sheet, PageContent)> = sheets
        .iter()
        .enumerate()
        .map(|(index, sheet)| (index, *sheet, set.take(sheet.source)))
        .collect();
    let drawn: Vec<(Page, Vec<Destination>)> = views
        .into_par_iter()
        .map(|(index, sheet, content)| {
            forks.with(|ts| {
                let (part, head) = match sheet.source {
                    Source::Part(p, _) => (Some(p), parts[p].title_text()),
                    Source::Contents(_) => (None, book.matter.labels.contents.clone()),
                    _ => (None, String::new()),
                };
                let mut destinations = Vec::new();
                let page = render(
                    ts,
                    &geometry,
                    book,
                    SheetView {
                        role: sheet.role,
                        content,
                        head: &head,
                    },
                    index,
                    &labels.1[index],
                    part.and_then(|p| notes.get(p)),
                    &mut destinations,
                );
                progress.advance(1);
                (page, destinations)
            })
        })
        .collect();
    for (page, destinations) in drawn {
        document.pages.push(page);
        document.destinations.extend(destinations);
    }
    Ok(document)
}

/// A part set and paginated.
struct SetPart {
    /// Its pages.
    pages: Vec<PageContent>,
    /// Its footnotes, by id.
    notes: BTreeMap<String, SetFootnote>,
    /// How many paragraphs it has.
    paragraphs: usize,
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
/// galleys come back in reading order with their paragraphs numbered
/// through the book.
fn set_parts(
    forks: &Forks,
    geometry: Geometry,
    book: &Book,
    parts: &[&Chapter],
    groups: &[Vec<usize>],
    progress: &dyn Progress,
) -> Vec<SetPart> {
    let capacity = geometry.block_height();
    let mut set: Vec<SetPart> = groups
        .par_iter()
        .map(|group| {
            forks.with(|ts| {
                let mut flow = Flow::new(ts, geometry, &book.images);
                let mut galley = flow.part(parts[group[0]], &book.matter.labels);
                for &nested in &group[1..] {
                    let more = flow.nested_part(parts[nested]);
                    galley.slots.extend(more.slots);
                    galley.footnotes.extend(more.footnotes);
                    galley.paragraphs = more.paragraphs;
                }
                let notes = std::mem::take(&mut galley.footnotes);
                let pages = paginate(galley.slots, &notes, capacity, geometry.leading);
                progress.advance(1);
                SetPart {
                    pages,
                    notes,
                    paragraphs: galley.paragraphs,
                }
            })
        })
        .collect();
    let mut first = 0;
    for part in &mut set {
        let lines = part.pages.iter_mut().flat_map(|page| &mut page.slots);
        for line in lines.filter_map(|slot| slot.line.as_mut()) {
            line.paragraph += first;
        }
        first += part.paragraphs;
    }
    set
}

/// The order of the pages: opening pages, contents, then each part on a recto.
fn assemble(set: &Set) -> Vec<Sheet> {
    let mut sheets: Vec<Sheet> = set
        .front
        .iter()
        .enumerate()
        .map(|(i, (role, _))| Sheet {
            role: *role,
            source: Source::Front(i),
        })
        .collect();
    let recto = |sheets: &mut Vec<Sheet>| {
        if sheets.len() % 2 == 1 {
            sheets.push(Sheet {
                role: PageRole::Blank,
                source: Source::Blank,
            });
        }
    };
    recto(&mut sheets);
    for i in 0..set.contents.len() {
        let role = if i == 0 {
            PageRole::Opening
        } else {
            PageRole::Contents
        };
        sheets.push(Sheet {
            role,
            source: Source::Contents(i),
        });
    }
    for (p, pages) in set.galleys.iter().enumerate() {
        recto(&mut sheets);
        for i in 0..pages.len() {
            let role = if i == 0 {
                PageRole::Opening
            } else {
                PageRole::Text
            };
            sheets.push(Sheet {
                role,
                source: Source::Part(p, i),
            });
        }
    }
    sheets
}

/// The label ranges and each page's printed number.
fn page_labels(sheets: &[Sheet], parts: &[&Chapter]) -> (Vec<PageLabelRange>, Vec<String>) {
    let first_body = sheets
        .iter()
        .position(
            |s| matches!(s.source, Source::Part(p, _) if parts[p].kind != ChapterKind::FrontMatter),
        )
        .unwrap_or(sheets.len());
    let mut ranges = vec![PageLabelRange {
        first_page: 0,
        numbering: Numbering::LowerRoman,
        start: 1,
    }];
    if first_body < sheets.len() {
        ranges.push(PageLabelRange {
            first_page: first_body,
            numbering: Numbering::Arabic,
            start: 1,
        });
    }
    let labels = (0..sheets.len())
        .map(|i| {
            if i < first_body {
                roman(i + 1)
            } else {
                (i - first_body + 1).to_string()
            }
        })
        .collect();
    (ranges, labels)
}

/// The printed page number of every destination.
fn locate(set: &Set, sheets: &[Sheet], labels: &[String]) -> BTreeMap<String, String> {
    let mut found = BTreeMap::new();
    for (sheet, label) in sheets.iter().zip(labels) {
        let Some(content) = set.content(sheet.source) else {
            continue;
        };
        for (name, _) in content.slots.iter().flat_map(|s| &s.destinations) {
            found.entry(name.clone()).or_insert_with(|| label.clone());
        }
    }
    found
}

/// Where in the model each page starts. `parts` are the parts opening the
/// galleys; `all` every part, so that a page of a nested part names it.
fn page_map(
    set: &Set,
    sheets: &[Sheet],
    parts: &[&Chapter],
    all: &[&Chapter],
    labels: &[String],
) -> Vec<PageStart> {
    let ids: std::collections::BTreeSet<&str> = all.iter().map(|p| p.id.as_str()).collect();
    let mut section: Option<String> = None;
    let mut current = String::new();
    sheets
        .iter()
        .zip(labels)
        .map(|(sheet, label)| {
            let Source::Part(p, i) = sheet.source else {
                return PageStart {
                    label: label.clone(),
                    part: None,
                    block: Vec::new(),
                    section: None,
                };
            };
            if i == 0 {
                section = None;
                current.clone_from(&parts[p].id);
            }
            let slots = set.content(sheet.source).map_or(&[][..], |c| &c.slots);
            let first = slots.first();
            // A destination on the page's first line is at its top.
            if let Some((name, _)) = first.and_then(|s| s.destinations.last()) {
                if ids.contains(name.as_str()) {
                    current.clone_from(name);
                }
                section = Some(name.clone());
            }
            let start = PageStart {
                label: label.clone(),
                part: Some(current.clone()),
                block: first
                    .and_then(|s| s.origin.as_deref())
                    .map_or_else(Vec::new, <[usize]>::to_vec),
                section: section.clone(),
            };
            // The rest of the page's destinations are in force from the next page.
            for (name, _) in slots.iter().flat_map(|s| &s.destinations) {
                if ids.contains(name.as_str()) {
                    current.clone_from(name);
                }
                section = Some(name.clone());
            }
            start
        })
        .collect()
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
    destinations: &mut Vec<Destination>,
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
    };
    let mut y = block.y;
    let place = |slot: Slot, y: f32, page: &mut Page, destinations: &mut Vec<Destination>| {
        for mut item in slot.items {
            shift(&mut item, block.x, y);
            page.items.push(item);
        }
        for mut link in slot.links {
            link.rect.x += block.x;
            link.rect.y += y;
            page.links.push(link);
        }
        let anchors = slot.anchors.into_iter().map(|name| (name, 0.0));
        for (name, dy) in slot.destinations.into_iter().chain(anchors) {
            destinations.push(Destination {
                name,
                page: index,
                y: y + dy,
            });
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
    furniture::draw(ts, g, book, &sheet, index, label, &mut page);
    page
}
