//! The PDF back end: [`layout`] typesets a finished [`Book`] into pages of
//! positioned glyphs ([`Document`]); [`write`] turns those pages into the
//! bytes of a print-ready PDF.
//!
//! The stages, each a module:
//! [`geometry`] (trim, mirrored margins, baseline grid) →
//! `shape` (rustybuzz: kerning, ligatures) and `hyphenate` (Liang patterns) →
//! [`linebreak`] (Knuth–Plass total fit) → `text` (paragraphs to lines) →
//! `flow` (blocks to a galley of slots) → `paginate` (slots to pages:
//! keeps, widows, orphans, footnotes) → `matter` and `toc` (generated pages)
//! → this module (the book assembled, running heads, folios, page labels) →
//! `write` (the PDF file).

pub mod document;
mod flow;
mod fonts;
pub mod geometry;
mod hyphenate;
pub mod linebreak;
mod matter;
mod paginate;
mod shape;
mod text;
mod toc;
mod write;

pub use document::Document;

use crate::fonts::Style;
use crate::model::{Book, Chapter, ChapterKind, TocEntry};
use crate::Result;
use document::{
    destination_name, roman, Destination, Item, Numbering, OutlineEntry, Page, PageLabelRange,
    PageRole,
};
use flow::{shift, Flow, SetFootnote, Slot};
use geometry::Geometry;
use paginate::{footnote_area, paginate, PageContent};
use std::collections::BTreeMap;
use text::{Align, Spec, Typesetter};

/// Typesets the book and returns the PDF file.
pub fn write(book: &Book) -> Result<Vec<u8>> {
    let document = layout(book)?;
    write::write(book, &document)
}

/// A page before it is drawn: its content and what kind of page it is.
struct Sheet {
    role: PageRole,
    content: PageContent,
    /// Index into the parts, for running heads and footnotes.
    part: Option<usize>,
    /// Running head on a recto.
    head: String,
}

/// Typesets the book into pages.
pub fn layout(book: &Book) -> Result<Document> {
    let geometry = Geometry::new(book.settings.trim);
    let mut ts = Typesetter::new(&book.metadata.language)?;
    let capacity = geometry.block_height();

    // The parts are set once: their pagination does not depend on where they start.
    let parts: Vec<&Chapter> = book.parts().collect();
    let mut paragraphs = 0;
    let mut galleys = Vec::new();
    let mut notes: Vec<BTreeMap<String, SetFootnote>> = Vec::new();
    for part in &parts {
        let galley = Flow::new(&mut ts, geometry, &book.images, &mut paragraphs).part(part);
        notes.push(galley.footnotes.clone());
        galleys.push(paginate(galley, capacity, geometry.leading));
    }
    let front = matter::front_pages(&mut ts, &geometry, &book.metadata);

    // The contents list needs page numbers, which depend on its own length:
    // set it, assemble, and set it again until the numbers stand still.
    let mut numbers: BTreeMap<String, String> = BTreeMap::new();
    let mut sheets = Vec::new();
    let mut labels = (Vec::new(), Vec::new());
    for _ in 0..4 {
        let contents = toc::pages(&mut ts, &geometry, book, &numbers);
        sheets = assemble(&front, contents, &galleys, &parts);
        labels = page_labels(&sheets, &parts);
        let found = locate(&sheets, &labels.1);
        if found == numbers {
            break;
        }
        numbers = found;
    }

    let mut document = Document {
        pages: Vec::new(),
        outline: outline(&book.toc),
        destinations: Vec::new(),
        page_labels: labels.0,
    };
    for (index, sheet) in sheets.iter().enumerate() {
        let part_notes = sheet.part.and_then(|p| notes.get(p));
        let page = render(
            &mut ts,
            &geometry,
            book,
            sheet,
            index,
            &labels.1[index],
            part_notes,
            &mut document.destinations,
        );
        document.pages.push(page);
    }
    Ok(document)
}

fn assemble(
    front: &[(PageRole, PageContent)],
    contents: Vec<PageContent>,
    galleys: &[Vec<PageContent>],
    parts: &[&Chapter],
) -> Vec<Sheet> {
    let mut sheets: Vec<Sheet> = front
        .iter()
        .map(|(role, content)| Sheet {
            role: *role,
            content: content.clone(),
            part: None,
            head: String::new(),
        })
        .collect();
    let recto = |sheets: &mut Vec<Sheet>| {
        if sheets.len() % 2 == 1 {
            sheets.push(Sheet {
                role: PageRole::Blank,
                content: PageContent::default(),
                part: None,
                head: String::new(),
            });
        }
    };
    recto(&mut sheets);
    for (i, content) in contents.into_iter().enumerate() {
        let role = if i == 0 {
            PageRole::Opening
        } else {
            PageRole::Contents
        };
        sheets.push(Sheet {
            role,
            content,
            part: None,
            head: "Contents".to_string(),
        });
    }
    for (p, pages) in galleys.iter().enumerate() {
        recto(&mut sheets);
        for (i, content) in pages.iter().enumerate() {
            let role = if i == 0 {
                PageRole::Opening
            } else {
                PageRole::Text
            };
            sheets.push(Sheet {
                role,
                content: content.clone(),
                part: Some(p),
                head: parts[p].title_text(),
            });
        }
    }
    sheets
}

/// The label ranges and each page's printed number.
fn page_labels(sheets: &[Sheet], parts: &[&Chapter]) -> (Vec<PageLabelRange>, Vec<String>) {
    let first_body = sheets
        .iter()
        .position(|s| {
            s.part
                .is_some_and(|p| parts[p].kind != ChapterKind::FrontMatter)
        })
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
fn locate(sheets: &[Sheet], labels: &[String]) -> BTreeMap<String, String> {
    let mut found = BTreeMap::new();
    for (sheet, label) in sheets.iter().zip(labels) {
        for (name, _) in sheet.content.slots.iter().flat_map(|s| &s.destinations) {
            found.entry(name.clone()).or_insert_with(|| label.clone());
        }
    }
    found
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

#[allow(clippy::too_many_arguments)]
fn render(
    ts: &mut Typesetter,
    g: &Geometry,
    book: &Book,
    sheet: &Sheet,
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
    };
    let mut y = block.y;
    let place = |slot: &Slot, y: f32, page: &mut Page, destinations: &mut Vec<Destination>| {
        for item in &slot.items {
            let mut item = item.clone();
            shift(&mut item, block.x, y);
            page.items.push(item);
        }
        for link in &slot.links {
            let mut link = link.clone();
            link.rect.x += block.x;
            link.rect.y += y;
            page.links.push(link);
        }
        for (name, dy) in &slot.destinations {
            destinations.push(Destination {
                name: name.clone(),
                page: index,
                y: y + dy,
            });
        }
        if let Some(line) = slot.line {
            page.lines.push(line);
        }
    };
    for slot in &sheet.content.slots {
        place(slot, y, &mut page, destinations);
        y += slot.height;
    }
    if let Some(notes) = notes {
        let area = footnote_area(&sheet.content.footnotes, notes, g.leading);
        if area > 0.0 {
            let top = block.y + block.height - area;
            page.items.push(Item::Rule {
                from: (block.x, top + g.leading * 0.3),
                to: (block.x + block.width * 0.3, top + g.leading * 0.3),
                thickness: 0.4,
            });
            let mut y = top + g.leading * 0.75;
            for note in sheet
                .content
                .footnotes
                .iter()
                .filter_map(|id| notes.get(id))
            {
                for slot in &note.slots {
                    place(slot, y, &mut page, destinations);
                    y += slot.height;
                }
            }
        }
    }
    furniture(ts, g, book, sheet, index, label, &mut page);
    page
}

/// Running head and folio.
fn furniture(
    ts: &mut Typesetter,
    g: &Geometry,
    book: &Book,
    sheet: &Sheet,
    index: usize,
    label: &str,
    page: &mut Page,
) {
    let block = page.text_block;
    let size = (g.size * 0.86 * 2.0).round() / 2.0;
    let spec = |style, align| Spec {
        style,
        size,
        measure: block.width,
        indent: 0.0,
        align,
        hyphenate: false,
    };
    let put = |ts: &mut Typesetter,
               text: &str,
               style: Style,
               align: Align,
               baseline: f32,
               page: &mut Page| {
        for line in ts.set_plain(text, &spec(style, align)).into_iter().take(1) {
            for mut run in line.runs {
                run.x += block.x;
                run.baseline += baseline;
                page.items.push(Item::Text(run));
            }
        }
    };
    match sheet.role {
        PageRole::Text | PageRole::Contents => {
            let recto = index % 2 == 0;
            let head = if recto {
                sheet.head.as_str()
            } else {
                book.metadata.title.as_str()
            };
            let baseline = block.y - g.leading * 1.5;
            put(ts, head, Style::Italic, Align::Center, baseline, page);
            put(
                ts,
                label,
                Style::Regular,
                if recto { Align::Right } else { Align::Left },
                baseline,
                page,
            );
        }
        PageRole::Opening => {
            let baseline = block.y + block.height + g.leading * 1.5;
            put(ts, label, Style::Regular, Align::Center, baseline, page);
        }
        PageRole::HalfTitle | PageRole::Title | PageRole::Copyright | PageRole::Blank => {}
    }
}
