//! Pagination: a galley distributed over pages of a fixed number of grid
//! lines, keeping headings with what follows, avoiding widows, orphans and
//! a hyphen at the foot of a page, and placing footnotes at the foot of the
//! page that refers to them.

use super::flow::{SetFootnote, Slot};
use std::collections::{BTreeMap, VecDeque};

/// Gap between the text and the footnotes (the rule sits in it).
const FOOTNOTE_GAP: f32 = 0.75;

/// One page's share of a galley.
#[derive(Debug, Clone, Default)]
pub struct PageContent {
    /// The rows on the page, top to bottom.
    pub slots: Vec<Slot>,
    /// Footnote ids at the foot, in order.
    pub footnotes: Vec<String>,
}

/// Height taken at the page foot by these footnotes (a whole number of grid lines).
pub fn footnote_area(ids: &[String], notes: &BTreeMap<String, SetFootnote>, leading: f32) -> f32 {
    if ids.is_empty() {
        return 0.0;
    }
    let height: f32 = ids
        .iter()
        .filter_map(|id| notes.get(id))
        .map(SetFootnote::height)
        .sum();
    ((height + FOOTNOTE_GAP * leading) / leading).ceil() * leading
}

/// Distributes a galley's slots over pages `capacity` points high, with
/// its footnotes `notes` at the page feet.
pub fn paginate(
    slots: Vec<Slot>,
    notes: &BTreeMap<String, SetFootnote>,
    capacity: f32,
    leading: f32,
) -> Vec<PageContent> {
    let mut queue: VecDeque<Slot> = slots.into();
    let mut pages = Vec::new();
    let mut current: Vec<Slot> = Vec::new();
    let used = |slots: &[Slot]| slots.iter().map(|s| s.height).sum::<f32>();
    let notes_of = |slots: &[Slot]| {
        let mut ids: Vec<String> = Vec::new();
        for id in slots.iter().flat_map(|s| &s.footnotes) {
            if notes.contains_key(id) && !ids.contains(id) {
                ids.push(id.clone());
            }
        }
        ids
    };
    while let Some(slot) = queue.pop_front() {
        if current.is_empty() && slot.discardable {
            continue;
        }
        // A table's header is drawn again above a row that starts a page,
        // when both fit (a row taller than the page goes alone).
        if let Some(header) = slot.header.as_ref().filter(|_| current.is_empty()) {
            let mut page: Vec<Slot> = header.to_vec();
            page.push(slot.clone());
            if used(&page) + footnote_area(&notes_of(&page), notes, leading) <= capacity + 0.01 {
                current.extend(page.into_iter().take(header.len()));
            }
        }
        current.push(slot);
        let fits =
            used(&current) + footnote_area(&notes_of(&current), notes, leading) <= capacity + 0.01;
        if fits {
            continue;
        }
        let Some(slot) = current.pop() else { continue };
        if current.is_empty() {
            // Taller than a page: it gets a page of its own.
            current.push(slot);
            pages.push(close(std::mem::take(&mut current), &notes_of));
            continue;
        }
        queue.push_front(slot);
        let cut = cut_point(&current);
        for s in current.split_off(cut).into_iter().rev() {
            queue.push_front(s);
        }
        pages.push(close(std::mem::take(&mut current), &notes_of));
    }
    if !current.is_empty() {
        pages.push(close(current, &notes_of));
    }
    pages
}

/// Where the page ends: after the last slot that may be followed by a
/// break. A page that would end on a hyphen ends up to two lines earlier
/// instead, when that is also a legal end. With no legal break at all,
/// everything stays.
fn cut_point(slots: &[Slot]) -> usize {
    let allowed = |i: usize| !slots[i].keep_with_next;
    let Some(last) = (0..slots.len()).rev().find(|&i| allowed(i)) else {
        return slots.len();
    };
    if slots[last].hyphenated && slots.len() > 8 {
        if let Some(earlier) = (last.saturating_sub(2)..last)
            .rev()
            .find(|&i| allowed(i) && !slots[i].hyphenated)
        {
            return earlier + 1;
        }
    }
    last + 1
}

fn close(mut slots: Vec<Slot>, notes_of: &dyn Fn(&[Slot]) -> Vec<String>) -> PageContent {
    while slots.last().is_some_and(|s| s.discardable) {
        slots.pop();
    }
    let footnotes = notes_of(&slots);
    PageContent { slots, footnotes }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::document::LineInfo;

    fn paragraph(id: usize, count: usize) -> Vec<Slot> {
        (0..count)
            .map(|index| Slot {
                height: 10.0,
                keep_with_next: count >= 2 && (index == 0 || index + 2 == count),
                line: Some(LineInfo {
                    paragraph: id,
                    index,
                    count,
                }),
                ..Slot::default()
            })
            .collect()
    }

    fn galley(slots: Vec<Slot>) -> Vec<PageContent> {
        paginate(slots, &BTreeMap::new(), 100.0, 10.0)
    }

    fn assert_no_widows_or_orphans(pages: &[PageContent]) {
        for page in pages {
            let lines: Vec<LineInfo> = page.slots.iter().filter_map(|s| s.line).collect();
            if let Some(first) = lines.first() {
                assert!(
                    !(first.count > 1 && first.index == first.count - 1),
                    "widow: {first:?}"
                );
            }
            if let Some(last) = lines.last() {
                assert!(!(last.count > 1 && last.index == 0), "orphan: {last:?}");
            }
        }
    }

    #[test]
    fn a_paragraph_is_split_without_widow_or_orphan() {
        for first in 1..10 {
            for second in 2..12 {
                let mut slots = paragraph(0, first);
                slots.extend(paragraph(1, second));
                slots.extend(paragraph(2, 7));
                let pages = galley(slots);
                assert_no_widows_or_orphans(&pages);
                for page in &pages {
                    assert!(page.slots.iter().map(|s| s.height).sum::<f32>() <= 100.0);
                }
                let total: usize = pages.iter().map(|p| p.slots.len()).sum();
                assert_eq!(total, first + second + 7);
            }
        }
    }

    #[test]
    fn a_heading_is_never_the_last_thing_on_a_page() {
        let mut slots = paragraph(0, 8);
        slots.push(Slot {
            height: 10.0,
            discardable: true,
            ..Slot::default()
        });
        slots.push(Slot {
            height: 10.0,
            keep_with_next: true,
            ..Slot::default()
        });
        slots.extend(paragraph(1, 5));
        let pages = galley(slots);
        assert_eq!(
            pages[0].slots.len(),
            8,
            "the heading moves to the next page"
        );
        assert!(pages[1].slots[0].keep_with_next && pages[1].slots[0].line.is_none());
    }

    #[test]
    fn a_table_header_is_repeated_above_a_row_that_starts_a_page() {
        let header: std::sync::Arc<[Slot]> = vec![
            Slot {
                height: 10.0,
                keep_with_next: true,
                ..Slot::default()
            };
            2
        ]
        .into();
        let mut slots = paragraph(0, 6);
        for i in 0..14 {
            slots.push(Slot {
                height: 10.0,
                header: Some(header.clone()),
                keep_with_next: i == 0 || i + 2 >= 14,
                ..Slot::default()
            });
        }
        let pages = galley(slots);
        assert_eq!(pages.len(), 3, "6 lines + 4 rows, 2 + 8 rows, 2 + 2 rows");
        for page in &pages[1..] {
            assert!(page.slots[0].header.is_none() && page.slots[1].header.is_none());
            assert!(page.slots[2].header.is_some(), "a row follows the header");
            assert!(page.slots.iter().map(|s| s.height).sum::<f32>() <= 100.0);
        }
        // Every row is set once; the header twice more.
        let rows = pages
            .iter()
            .flat_map(|p| &p.slots)
            .filter(|s| s.header.is_some())
            .count();
        assert_eq!(rows, 14);
        // A row that cannot fit under its header starts a page alone.
        let tall = Slot {
            height: 95.0,
            header: Some(header),
            ..Slot::default()
        };
        let pages = galley(vec![tall]);
        assert_eq!(pages[0].slots.len(), 1);
    }

    #[test]
    fn space_above_a_heading_vanishes_at_the_top_of_a_page() {
        let mut slots = paragraph(0, 10);
        slots.push(Slot {
            height: 10.0,
            discardable: true,
            ..Slot::default()
        });
        slots.extend(paragraph(1, 3));
        let pages = galley(slots);
        assert!(pages.iter().all(|p| !p.slots[0].discardable));
    }

    #[test]
    fn a_page_does_not_end_on_a_hyphen_when_a_line_earlier_will_do() {
        let mut slots = paragraph(0, 14);
        slots[9].hyphenated = true;
        let pages = galley(slots);
        assert_eq!(pages[0].slots.len(), 9);
        assert!(!pages[0].slots[8].hyphenated);
        assert_no_widows_or_orphans(&pages);
    }

    #[test]
    fn footnotes_take_room_at_the_foot_of_their_page() {
        let mut slots = paragraph(0, 9);
        slots[3].footnotes.push("fn-1".to_string());
        let note = SetFootnote {
            slots: vec![
                Slot {
                    height: 8.0,
                    ..Slot::default()
                };
                2
            ],
        };
        let notes = BTreeMap::from([("fn-1".to_string(), note)]);
        let pages = paginate(slots, &notes, 100.0, 10.0);
        assert_eq!(pages[0].footnotes, vec!["fn-1".to_string()]);
        // 16pt of note + gap rounds to 3 grid lines: 7 lines of text remain (5 after widow control).
        assert!(pages[0].slots.len() <= 7);
        assert_no_widows_or_orphans(&pages);
    }
}
