//! The galley's rows (`Slot`): what each draws and where it stands in the
//! book's structure (the tags on its items), and moving what they draw.

use crate::layout::document::{GlyphRun, Item, LineInfo, Link, Role, Tag};
use crate::model::pagination::BreakAt;
use std::sync::Arc;

/// One row of the galley. Positions are relative to the left edge of the
/// text block and the top of the slot.
#[derive(Debug, Clone, Default)]
pub struct Slot {
    /// Height, a multiple of the grid pitch for running text.
    pub height: f32,
    /// What it draws.
    pub items: Vec<Item>,
    /// Clickable areas.
    pub links: Vec<Link>,
    /// Destinations that start here: (name, offset from the slot top).
    pub destinations: Vec<(String, f32)>,
    /// The author's anchors ([`Inline::Anchor`](crate::model::Inline::Anchor)) in the block that starts
    /// here: destinations, at the slot's top, that are not headings.
    pub anchors: Vec<String>,
    /// Footnotes referenced in this slot.
    pub footnotes: Vec<String>,
    /// No page break may follow this slot.
    pub keep_with_next: bool,
    /// Dropped when it would start a page (space above headings).
    pub discardable: bool,
    /// The slot is a line of a paragraph.
    pub line: Option<LineInfo>,
    /// The line ends with an added hyphen.
    pub hyphenated: bool,
    /// The block of the part it belongs to, as a path of indices (see
    /// [`PageStart::block`](crate::layout::document::PageStart::block)); `None` for
    /// the part's opening and for footnotes.
    pub origin: Option<Arc<[usize]>>,
    /// Where in that block the slot begins, for the page map: before it
    /// (its first slot), at a word of a paragraph, or inside a block that
    /// is not one (marked after the block).
    pub at: BreakAt,
    /// The rows to draw above this slot when it starts a page: a table's
    /// header (with its rules), repeated on every page the table runs onto.
    pub header: Option<Arc<[Slot]>>,
    /// What is drawn turned a quarter anticlockwise (a landscape table on a
    /// page of its own): positions in the turned text block, whose width is
    /// the block's height, and whose top lies along the block's left edge.
    pub turned: Vec<Item>,
    /// Where `items` stand in the book's structure: `(first item, tag)`,
    /// in item order (see [`Page::tags`](crate::layout::document::Page::tags));
    /// none for a slot whose lines are each an element of their own.
    pub tags: Vec<(u32, Tag)>,
    /// The same for `turned`.
    pub turned_tags: Vec<(u32, Tag)>,
}

impl Slot {
    /// Tags the slot's items, if it has any and none is tagged yet, as
    /// (part of) element `element`.
    pub(super) fn tag(&mut self, role: &Role, element: u32) {
        if self.tags.is_empty() && !self.items.is_empty() {
            self.tags.push((0, Tag::new(role.clone(), element)));
        }
    }

    /// Every element number of the slot moved on by `by` (the elements
    /// of the galleys set before).
    pub fn renumber(&mut self, by: u32) {
        for (_, tag) in self.tags.iter_mut().chain(&mut self.turned_tags) {
            if tag.element != 0 {
                tag.element += by;
            }
        }
    }
}

/// Records that the items from `from` on belong to `tag` (the tags of a
/// slot, or of a page, in item order).
pub fn mark(tags: &mut Vec<(u32, Tag)>, from: usize, tag: Tag) {
    if tags.last().is_none_or(|(_, last)| *last != tag) {
        tags.push((from as u32, tag));
    }
}

/// Tags the untagged slots as (part of) element `element`.
pub(super) fn tag_all(slots: &mut [Slot], role: Role, element: u32) {
    for slot in slots {
        slot.tag(&role, element);
    }
}

/// Moves an item by (dx, dy).
pub fn shift(item: &mut Item, dx: f32, dy: f32) {
    match item {
        Item::Text(GlyphRun { x, baseline, .. }) => {
            *x += dx;
            *baseline += dy;
        }
        Item::Rule { from, to, .. } => {
            from.0 += dx;
            from.1 += dy;
            to.0 += dx;
            to.1 += dy;
        }
        Item::Image { rect, .. } => {
            rect.x += dx;
            rect.y += dy;
        }
    }
}
