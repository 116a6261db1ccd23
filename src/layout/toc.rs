//! The table of contents: entries with dot leaders and the page numbers
//! found by a previous layout pass.

use super::document::{destination_name, GlyphRun, Item, Link, Rect, Role, Tag};
use super::flow::Slot;
use super::geometry::Geometry;
use super::paginate::{paginate, PageContent};
use super::text::{Align, Forks, Spec, Typesetter};
use crate::fonts::Style;
use crate::model::{Book, ChapterKind, LinkTarget, TocEntry};
use rayon::prelude::*;
use std::collections::BTreeMap;

/// Sets the contents pages, listing `toc` (the book's, or the PDF's own
/// depth of it); `numbers` maps destination names to printed page numbers
/// (empty on the first pass).
pub fn pages(
    ts: &mut Typesetter,
    forks: &Forks,
    g: &Geometry,
    (book, toc): (&Book, &[TocEntry]),
    numbers: &BTreeMap<String, String>,
) -> Vec<PageContent> {
    let mut slots = vec![Slot {
        height: g.leading * 6.0,
        keep_with_next: true,
        ..Slot::default()
    }];
    let title_size = (g.size * 1.75).round();
    let spec = Spec {
        style: Style::Regular,
        size: title_size,
        measure: g.measure(),
        indent: 0.0,
        align: Align::Center,
        hyphenate: false,
    };
    for line in ts.set_plain(&book.matter.labels.contents, &spec) {
        let mut slot = Slot {
            height: g.leading * 2.0,
            keep_with_next: true,
            ..Slot::default()
        };
        for mut run in line.runs {
            run.baseline += title_size * 0.8;
            slot.items.push(Item::Text(run));
        }
        slots.push(slot);
    }
    slots.push(Slot {
        height: g.leading * 2.0,
        keep_with_next: true,
        ..Slot::default()
    });
    let mut entries = Vec::new();
    flatten(toc, None, &mut entries);
    // The chapters' numbers, by id (looked up once per entry).
    let numbers_of: BTreeMap<&str, u32> = book
        .parts()
        .filter(|p| p.kind == ChapterKind::Chapter)
        .filter_map(|p| Some((p.id.as_str(), p.number?)))
        .collect();
    // The entries are set in parallel (a long book has thousands), then
    // put in order.
    let set: Vec<Vec<Slot>> = entries
        .par_iter()
        .map(|(entry, _)| {
            let number = numbers_of
                .get(entry.chapter.as_str())
                .filter(|_| entry.level == 1)
                .copied();
            let name = destination_name(&entry.chapter, entry.anchor.as_deref());
            let page = numbers.get(&name).map_or("0", String::as_str);
            forks.with(|ts| entry_slots(ts, g, entry, number, page))
        })
        .collect();
    for (i, ((entry, parent), mut entry_slots)) in entries.iter().zip(set).enumerate() {
        // Each entry a `TOCI` of the tagged PDF.
        let role = Role::ContentsEntry {
            entry: i as u32,
            parent: *parent,
        };
        for slot in entry_slots.iter_mut().filter(|s| !s.items.is_empty()) {
            slot.tags.push((0, Tag::new(role.clone(), 0)));
        }
        if entry.level == 1 && i > 0 {
            slots.push(Slot {
                height: g.leading * 0.5,
                discardable: true,
                ..Slot::default()
            });
        }
        slots.extend(entry_slots);
    }
    paginate(slots, &BTreeMap::new(), g.block_height(), g.leading)
}

/// The entries in reading order, each with the index of the entry it is
/// listed under.
fn flatten<'a>(
    entries: &'a [TocEntry],
    parent: Option<u32>,
    out: &mut Vec<(&'a TocEntry, Option<u32>)>,
) {
    for entry in entries {
        let index = out.len() as u32;
        out.push((entry, parent));
        flatten(&entry.children, Some(index), out);
    }
}

fn entry_slots(
    ts: &mut Typesetter,
    g: &Geometry,
    entry: &TocEntry,
    number: Option<u32>,
    page: &str,
) -> Vec<Slot> {
    let size = g.size;
    let column = size * 2.0;
    let indent = column + size * 1.5 * f32::from(entry.level.saturating_sub(1));
    let page_column = size * 3.0;
    let style = if entry.level == 1 {
        Style::Regular
    } else {
        Style::Italic
    };
    let spec = Spec {
        style,
        size,
        measure: g.measure() - indent - page_column,
        indent: 0.0,
        align: Align::Left,
        hyphenate: false,
    };
    let lines = ts.set_plain(&entry.title, &spec);
    let count = lines.len();
    let target = LinkTarget::Internal {
        chapter: entry.chapter.clone(),
        anchor: entry.anchor.clone(),
    };
    let baseline = g.ascent();
    let mut slots = Vec::new();
    for (i, line) in lines.into_iter().enumerate() {
        let mut slot = Slot {
            height: g.leading,
            keep_with_next: i + 1 < count,
            ..Slot::default()
        };
        if i == 0 {
            if let Some(n) = number {
                let spec = Spec {
                    measure: column - size * 0.6,
                    align: Align::Right,
                    ..spec
                };
                for mut run in ts
                    .set_plain(&n.to_string(), &spec)
                    .into_iter()
                    .flat_map(|l| l.runs)
                {
                    run.baseline += baseline;
                    slot.items.push(Item::Text(run));
                }
            }
        }
        let width = line.width;
        for mut run in line.runs {
            run.x += indent;
            run.baseline += baseline;
            slot.items.push(Item::Text(run));
        }
        if i + 1 == count {
            let number_spec = Spec {
                style: Style::Regular,
                measure: g.measure(),
                align: Align::Right,
                ..spec
            };
            let number_runs: Vec<GlyphRun> = ts
                .set_plain(page, &number_spec)
                .into_iter()
                .flat_map(|l| l.runs)
                .collect();
            let number_start = number_runs.first().map_or(g.measure(), |r| r.x);
            for mut run in number_runs {
                run.baseline += baseline;
                slot.items.push(Item::Text(run));
            }
            if let Some(dot) = ts.mark(Style::Regular, size, ".") {
                let pitch = size * 0.55;
                let from = indent + width + size * 0.5;
                let to = number_start - size * 0.5;
                let mut k = (from / pitch).ceil();
                let first = k * pitch;
                let mut dots = GlyphRun::new(Style::Regular, size, first, baseline);
                while k * pitch + dot.advance <= to {
                    dots.push(dot.id, k * pitch - first, dot.advance, ".");
                    k += 1.0;
                }
                if !dots.glyphs.is_empty() {
                    slot.items.push(Item::Text(dots));
                }
            }
        }
        slot.links.push(Link {
            rect: Rect {
                x: indent,
                y: 0.0,
                width: g.measure() - indent,
                height: g.leading,
            },
            target: target.clone(),
            tag: 0,
        });
        slots.push(slot);
    }
    slots
}
