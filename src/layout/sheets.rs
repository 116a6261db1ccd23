//! The order of the pages before they are drawn: sheets (what each page is
//! and where its content comes from), their printed numbers, the page
//! numbers of the destinations on them and the page map.
//!
//! The body (every galley from the first part that is not front matter) is
//! put in order first, batch by batch, numbered from its own first page: its
//! arabic numbers do not depend on how long the front is. The front
//! (opening pages, contents, front-matter parts) follows, numbered in roman.

use super::document::{roman, PageRole, PageStart};
use super::paginate::PageContent;
use crate::model::design::ChapterStart;
use crate::model::pagination::BreakAt;
use crate::model::Chapter;
use std::collections::{BTreeMap, BTreeSet};

/// Where a page's content comes from.
#[derive(Debug, Clone, Copy)]
pub(super) enum Source {
    /// One of the generated opening pages.
    Front(usize),
    /// A page of the contents.
    Contents(usize),
    /// Page `.1` of galley `.0` (of the galleys being put in order).
    Part(usize, usize),
    /// Nothing: a blank page.
    Blank,
}

/// A page before it is drawn: what kind of page it is and where its
/// content comes from.
#[derive(Debug, Clone, Copy)]
pub(super) struct Sheet {
    pub role: PageRole,
    pub source: Source,
}

/// Everything set for a run of sheets, before it is put on pages.
#[derive(Default)]
pub(super) struct Set {
    pub front: Vec<(PageRole, PageContent)>,
    pub contents: Vec<PageContent>,
    pub galleys: Vec<Vec<PageContent>>,
}

impl Set {
    pub fn content(&self, source: Source) -> Option<&PageContent> {
        match source {
            Source::Front(i) => self.front.get(i).map(|(_, c)| c),
            Source::Contents(i) => self.contents.get(i),
            Source::Part(p, i) => self.galleys.get(p).and_then(|g| g.get(i)),
            Source::Blank => None,
        }
    }

    /// Takes a page's content out, for drawing.
    pub fn take(&mut self, source: Source) -> PageContent {
        let content = match source {
            Source::Front(i) => self.front.get_mut(i).map(|(_, c)| c),
            Source::Contents(i) => self.contents.get_mut(i),
            Source::Part(p, i) => self.galleys.get_mut(p).and_then(|g| g.get_mut(i)),
            Source::Blank => None,
        };
        content.map(std::mem::take).unwrap_or_default()
    }
}

/// Pads `sheets` with a blank page so that the next one is a recto.
/// `before` is how many pages precede `sheets` (an even number).
fn recto(sheets: &mut Vec<Sheet>, before: usize) {
    if (before + sheets.len()) % 2 == 1 {
        sheets.push(Sheet {
            role: PageRole::Blank,
            source: Source::Blank,
        });
    }
}

/// Appends the galleys of `set`, each opening on a recto (or on the next
/// page, as `start` says); `before` pages precede `sheets`.
pub(super) fn galleys(sheets: &mut Vec<Sheet>, set: &Set, before: usize, start: ChapterStart) {
    for (p, pages) in set.galleys.iter().enumerate() {
        if start == ChapterStart::Recto {
            recto(sheets, before);
        }
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
}

/// The front in order: opening pages, contents, then each front-matter
/// galley (on a recto, or as `start` says); padded to an even length when
/// a body follows, so that the body opens on a recto.
pub(super) fn front(set: &Set, body_follows: bool, start: ChapterStart) -> Vec<Sheet> {
    let mut sheets: Vec<Sheet> = set
        .front
        .iter()
        .enumerate()
        .map(|(i, (role, _))| Sheet {
            role: *role,
            source: Source::Front(i),
        })
        .collect();
    recto(&mut sheets, 0);
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
    galleys(&mut sheets, set, 0, start);
    if body_follows {
        recto(&mut sheets, 0);
    }
    sheets
}

/// The front's printed numbers: i, ii, iii …
pub(super) fn front_labels(count: usize) -> Vec<String> {
    (1..=count).map(roman).collect()
}

/// Records the printed page number of every destination on `sheets` not
/// recorded yet (the first place a name is found is where it leads).
pub(super) fn locate(
    found: &mut BTreeMap<String, String>,
    set: &Set,
    sheets: &[Sheet],
    labels: &[String],
) {
    for (sheet, label) in sheets.iter().zip(labels) {
        let Some(content) = set.content(sheet.source) else {
            continue;
        };
        let names = content.slots.iter().flat_map(|s| {
            s.destinations
                .iter()
                .map(|(name, _)| name)
                .chain(&s.anchors)
        });
        for name in names {
            if !found.contains_key(name) {
                found.insert(name.clone(), label.clone());
            }
        }
    }
}

/// The page map as it is made, sheet after sheet: the part and the
/// destination in force carry over from one page to the next.
pub(super) struct PageMapper<'a> {
    /// The id of every part, so that a part's destination names it.
    ids: BTreeSet<&'a str>,
    section: Option<String>,
    current: String,
}

impl<'a> PageMapper<'a> {
    /// A mapper for the book with these parts.
    pub fn new(all: &[&'a Chapter]) -> PageMapper<'a> {
        PageMapper {
            ids: all.iter().map(|p| p.id.as_str()).collect(),
            section: None,
            current: String::new(),
        }
    }

    /// The entries of `sheets`; `openers` are the parts opening the
    /// galleys of `set`.
    pub fn map(
        &mut self,
        set: &Set,
        sheets: &[Sheet],
        openers: &[&Chapter],
        labels: &[String],
    ) -> Vec<PageStart> {
        sheets
            .iter()
            .zip(labels)
            .map(|(sheet, label)| self.entry(set, *sheet, openers, label))
            .collect()
    }

    fn entry(&mut self, set: &Set, sheet: Sheet, openers: &[&Chapter], label: &str) -> PageStart {
        let Source::Part(p, i) = sheet.source else {
            return PageStart {
                label: label.to_string(),
                part: None,
                block: Vec::new(),
                section: None,
                at: BreakAt::Before,
                role: sheet.role,
            };
        };
        if i == 0 {
            self.section = None;
            self.current.clone_from(&openers[p].id);
        }
        let slots = set.content(sheet.source).map_or(&[][..], |c| &c.slots);
        let first = slots.first();
        // A destination on the page's first line is at its top.
        if let Some((name, _)) = first.and_then(|s| s.destinations.last()) {
            if self.ids.contains(name.as_str()) {
                self.current.clone_from(name);
            }
            self.section = Some(name.clone());
        }
        let start = PageStart {
            label: label.to_string(),
            part: Some(self.current.clone()),
            block: first
                .and_then(|s| s.origin.as_deref())
                .map_or_else(Vec::new, <[usize]>::to_vec),
            section: self.section.clone(),
            at: first.map_or(BreakAt::Before, |s| s.at),
            role: sheet.role,
        };
        // The rest of the page's destinations are in force from the next page.
        for (name, _) in slots.iter().flat_map(|s| &s.destinations) {
            if self.ids.contains(name.as_str()) {
                self.current.clone_from(name);
            }
            self.section = Some(name.clone());
        }
        start
    }
}
