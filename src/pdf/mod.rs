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
    let geometry = Geometry::new(book.settings.trim);
    let mut ts = Typesetter::new(&book.metadata.language)?;
    let capacity = geometry.block_height();

    // The parts are set once: their pagination does not depend on where they start.
    let parts: Vec<&Chapter> = book.parts().collect();
    let mut paragraphs = 0;
    let mut galleys = Vec::new();
    let mut notes: Vec<BTreeMap<String, SetFootnote>> = Vec::new();
    for part in &parts {
        let mut galley = Flow::new(&mut ts, geometry, &book.images, &mut paragraphs)
            .part(part, &book.matter.labels);
        notes.push(std::mem::take(&mut galley.footnotes));
        galleys.push(paginate(
            galley.slots,
            &notes[notes.len() - 1],
            capacity,
            geometry.leading,
        ));
    }
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
        set.contents = toc::pages(&mut ts, &geometry, book, &numbers);
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
        page_labels: labels.0,
    };
    for (index, sheet) in sheets.iter().enumerate() {
        let (part, head) = match sheet.source {
            Source::Part(p, _) => (Some(p), parts[p].title_text()),
            Source::Contents(_) => (None, book.matter.labels.contents.clone()),
            _ => (None, String::new()),
        };
        let page = render(
            &mut ts,
            &geometry,
            book,
            SheetView {
                role: sheet.role,
                content: set.take(sheet.source),
                head: &head,
            },
            index,
            &labels.1[index],
            part.and_then(|p| notes.get(p)),
            &mut document.destinations,
        );
        document.pages.push(page);
    }
    Ok(document)
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
        for (name, dy) in slot.destinations {
            destinations.push(Destination {
                name,
                page: index,
                y: y + dy,
            });
        }
        if let Some(line) = slot.line {
            page.lines.push(line);
        }
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
    furniture(ts, g, book, &sheet, index, label, &mut page);
    page
}

/// A running head that fits between the folios: the whole title, else
/// its part before a colon, else as many words as fit and an ellipsis.
fn running_head(ts: &mut Typesetter, title: &str, spec: &Spec, room: f32) -> String {
    let wide = Spec {
        measure: 10_000.0,
        ..*spec
    };
    let mut fits = |text: &str| {
        ts.set_small_caps(text, &wide)
            .first()
            .is_some_and(|l| l.width <= room)
    };
    if fits(title) {
        return title.to_string();
    }
    if let Some((before, _)) = title.split_once(':') {
        if fits(before) {
            return before.to_string();
        }
    }
    let words: Vec<&str> = title.split_whitespace().collect();
    (1..words.len())
        .rev()
        .map(|n| {
            format!(
                "{}…",
                words[..n].join(" ").trim_end_matches([',', ':', ';'])
            )
        })
        .find(|text| fits(text))
        .unwrap_or_default()
}

/// Running head and folio.
fn furniture(
    ts: &mut Typesetter,
    g: &Geometry,
    book: &Book,
    sheet: &SheetView<'_>,
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
               small_caps: bool,
               align: Align,
               baseline: f32,
               page: &mut Page| {
        let spec = spec(Style::Regular, align);
        let lines = if small_caps {
            ts.set_small_caps(text, &spec)
        } else {
            ts.set_plain(text, &spec)
        };
        for line in lines.into_iter().take(1) {
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
                sheet.head
            } else {
                book.metadata.title.as_str()
            };
            let baseline = block.y - g.leading * 1.5;
            let head = running_head(
                ts,
                head,
                &spec(Style::Regular, Align::Center),
                block.width - size * 8.0,
            );
            put(ts, &head, true, Align::Center, baseline, page);
            put(
                ts,
                label,
                false,
                if recto { Align::Right } else { Align::Left },
                baseline,
                page,
            );
        }
        PageRole::Opening => {
            let baseline = block.y + block.height + g.leading * 1.5;
            put(ts, label, false, Align::Center, baseline, page);
        }
        PageRole::HalfTitle | PageRole::Title | PageRole::Copyright | PageRole::Blank => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_running_head_is_shortened_to_fit_between_the_folios() {
        let mut ts = Typesetter::new("en").expect("typesetter");
        let spec = Spec {
            style: Style::Regular,
            size: 9.0,
            measure: 300.0,
            indent: 0.0,
            align: Align::Center,
            hyphenate: false,
        };
        let short = "Conclusion";
        assert_eq!(running_head(&mut ts, short, &spec, 200.0), short);
        let long = "Kavadh I, Khosrow I, and the Sasanian Quest for Supremacy: A Long Subtitle";
        let head = running_head(&mut ts, long, &spec, 200.0);
        assert!(
            head.starts_with("Kavadh I, Khosrow I") && head.ends_with('…'),
            "{head}"
        );
        let colon = "Blame and Justification: Belisarius on Trial in the Court of Opinion";
        assert_eq!(
            running_head(&mut ts, colon, &spec, 200.0),
            "Blame and Justification"
        );
    }
}
