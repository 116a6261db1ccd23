//! Tables: columns sized from their content as a browser sizes them (the
//! automatic table layout of CSS 2.1, §17.5.2.2), rows that never split
//! unless one is taller than a page, the header repeated at the top of
//! every page the table runs onto, and a table too wide for the measure set
//! in smaller type (down to [`MIN_SCALE`]) or, past that, turned a quarter
//! on pages of its own.

use super::{mark, shift, Flow, Frame, Slot};
use crate::fonts::Style;
use crate::layout::document::{Item, Link, Role, Tag};
use crate::layout::text::{Align, Spec};
use crate::model::{Alignment, Block, Inline};
use std::sync::Arc;

/// The smallest a wide table's type is set, as a fraction of a table's
/// usual size, before the table is turned to landscape instead.
pub const MIN_SCALE: f32 = 0.75;

/// Column widths that share out `available` points as browsers do: every
/// column at its widest content (`max`) when all fit; otherwise each gets
/// its narrowest (`min`: its longest unbreakable word) plus a share of the
/// room left in proportion to how much wider it would like to be. When
/// not even the narrowest fit, the narrowest are returned (the caller
/// shrinks or turns the table).
pub fn column_widths(min: &[f32], max: &[f32], available: f32) -> Vec<f32> {
    let max: Vec<f32> = max.iter().zip(min).map(|(b, a)| b.max(*a)).collect();
    let (low, high): (f32, f32) = (min.iter().sum(), max.iter().sum());
    if high <= available {
        return max;
    }
    if low >= available {
        return min.to_vec();
    }
    let share = (available - low) / (high - low);
    min.iter()
        .zip(&max)
        .map(|(a, b)| a + (b - a) * share)
        .collect()
}

/// Which row of which table a row's cells are in.
#[derive(Clone, Copy)]
struct Cell {
    element: u32,
    row: u32,
}

/// Added to every cell's measured widths, in points.
const PAD: f32 = 0.5;

/// A table's cells, by row.
struct Cells<'a> {
    /// The header row, if the table has one.
    header: Option<&'a [Vec<Inline>]>,
    /// The body rows.
    body: Vec<&'a [Vec<Inline>]>,
    /// How many columns the widest row has.
    columns: usize,
}

/// How a table is set: its type, its columns, and whether it is turned.
struct Setting {
    size: f32,
    leading: f32,
    gap: f32,
    widths: Vec<f32>,
    turned: bool,
}

impl Setting {
    /// The table's full width.
    fn width(&self) -> f32 {
        self.widths.iter().sum::<f32>() + self.gap * (self.widths.len() as f32 - 1.0)
    }
}

/// A row set: its items relative to the row's top, each with the line of
/// the row it stands on.
struct SetRow {
    lines: usize,
    items: Vec<(usize, Item, Tag)>,
    links: Vec<(usize, Link)>,
    footnotes: Vec<String>,
}

/// Whether `block`, right before a table, introduces it and must stay on
/// its page: a heading, or a caption (`<span class="caption">`, as the
/// mdBook books write them).
pub(super) fn introduces_table(block: &Block) -> bool {
    match block {
        Block::Heading { .. } => true,
        Block::Paragraph { content } => {
            let mut parts = content
                .iter()
                .filter(|i| !matches!(i, Inline::Text { text } if text.trim().is_empty()));
            matches!(
                (parts.next(), parts.next()),
                (Some(Inline::Phrase { classes, .. }), None) if classes.iter().any(|c| c == "caption")
            )
        }
        _ => false,
    }
}

impl Flow<'_> {
    /// A table between thin rules, its header row in bold. Returns whether
    /// it was turned to landscape (then its pages stand apart from the
    /// text, and nothing before it is kept with it).
    pub(super) fn table(
        &mut self,
        alignments: &[Alignment],
        header: &[Vec<Inline>],
        rows: &[Vec<Vec<Inline>>],
        frame: &Frame,
        slots: &mut Vec<Slot>,
    ) -> bool {
        let columns = header
            .len()
            .max(rows.iter().map(Vec::len).max().unwrap_or(0))
            .max(1);
        // A table written in HTML may have no header row.
        let cells = Cells {
            header: (!header.is_empty()).then_some(header),
            body: rows.iter().map(Vec::as_slice).collect(),
            columns,
        };
        self.ts.code_whole = true;
        let setting = self.setting(&cells, frame.measure);
        let element = self.element();
        let header = cells.header.map(|h| {
            let cell = Cell { element, row: 0 };
            self.row(h, true, &setting, alignments, cell)
        });
        let first = u32::from(header.is_some());
        let body: Vec<SetRow> = (first..)
            .zip(&cells.body)
            .map(|(row, r)| self.row(r, false, &setting, alignments, Cell { element, row }))
            .collect();
        self.ts.code_whole = false;
        if setting.turned {
            self.turned(header, body, &setting, slots);
        } else {
            self.upright(header, body, &setting, frame.x, slots);
        }
        setting.turned
    }

    /// Sizes the columns for `measure`, shrinking the type or turning the
    /// table when even its narrowest columns do not fit.
    fn setting(&mut self, cells: &Cells, measure: f32) -> Setting {
        let g = self.geometry;
        let usual = g.size * 0.86;
        let gaps = cells.columns as f32 - 1.0;
        let pads = cells.columns as f32 * PAD;
        let (mut min, mut max) = self.column_extents(cells, usual);
        // Widths grow with the size: the scale at which the narrowest
        // columns and the gaps (one em each) fill `room`.
        let scale = |min: &[f32], room: f32| {
            (room - pads) / (min.iter().sum::<f32>() - pads + usual * gaps)
        };
        let mut turned = false;
        let mut room = measure;
        let mut factor = scale(&min, room).min(1.0);
        if factor < MIN_SCALE {
            turned = true;
            room = g.block_height();
            factor = scale(&min, room).clamp(MIN_SCALE, 1.0);
        }
        let size = if factor < 1.0 {
            (usual * factor * 4.0).floor() / 4.0
        } else {
            usual
        };
        if size != usual {
            (min, max) = self.column_extents(cells, size);
        }
        let gap = size;
        Setting {
            size,
            leading: (size * g.leading / g.size).round(),
            gap,
            widths: column_widths(&min, &max, room - gap * gaps),
            turned,
        }
    }

    /// Each column's narrowest and widest content at `size` (with
    /// [`PAD`], so that a cell set at its width never wraps by rounding).
    fn column_extents(&mut self, cells: &Cells, size: f32) -> (Vec<f32>, Vec<f32>) {
        let columns = cells.columns;
        let (mut min, mut max) = (vec![size; columns], vec![size; columns]);
        let rows = cells
            .header
            .into_iter()
            .map(|h| (true, h))
            .chain(cells.body.iter().map(|r| (false, *r)));
        for (is_header, row) in rows {
            let spec = cell_spec(is_header, size, 10_000.0, Align::Left);
            for (c, cell) in row.iter().enumerate().take(columns) {
                let (narrow, wide) = self.ts.widths(cell, &spec);
                min[c] = min[c].max(narrow + PAD);
                max[c] = max[c].max(wide + PAD);
            }
        }
        (min, max)
    }

    /// Sets one row's cells in their columns, from x = 0.
    fn row(
        &mut self,
        cells: &[Vec<Inline>],
        is_header: bool,
        setting: &Setting,
        alignments: &[Alignment],
        at: Cell,
    ) -> SetRow {
        let g = self.geometry;
        let (size, leading) = (setting.size, setting.leading);
        let mut row = SetRow {
            lines: 1,
            items: Vec::new(),
            links: Vec::new(),
            footnotes: Vec::new(),
        };
        let mut x = 0.0;
        for (c, width) in setting.widths.iter().enumerate() {
            let align = match alignments.get(c) {
                Some(Alignment::Center) => Align::Center,
                Some(Alignment::Right) => Align::Right,
                _ => Align::Left,
            };
            if let Some(cell) = cells.get(c) {
                let lines = self
                    .ts
                    .set(cell, &cell_spec(is_header, size, *width, align));
                row.lines = row.lines.max(lines.len());
                for (k, line) in lines.into_iter().enumerate() {
                    let set = self.line_slot(line, x, leading, false, None);
                    let dy = k as f32 * leading + size * 0.75 - g.ascent() + leading * 0.15;
                    let tag = Tag::new(
                        Role::Cell {
                            row: at.row,
                            column: c as u32,
                            header: is_header,
                        },
                        at.element,
                    );
                    for mut item in set.items {
                        shift(&mut item, 0.0, dy);
                        row.items.push((k, item, tag.clone()));
                    }
                    for mut link in set.links {
                        link.rect.y += dy;
                        row.links.push((k, link));
                    }
                    row.footnotes.extend(set.footnotes);
                }
            }
            x += width + setting.gap;
        }
        row
    }

    /// A table in the text: a slot per row (a slot per line of a row
    /// taller than a page), each body row carrying the header to repeat
    /// when it starts a page.
    fn upright(
        &mut self,
        header: Option<SetRow>,
        body: Vec<SetRow>,
        setting: &Setting,
        x: f32,
        slots: &mut Vec<Slot>,
    ) {
        let g = self.geometry;
        let leading = setting.leading;
        let rule = |keep: bool| table_rule(g.leading, x, setting.width(), keep);
        let first = slots.len();
        slots.push(rule(true));
        let mut repeat: Option<Arc<[Slot]>> = None;
        if let Some(header) = header {
            let mut row = row_slot(header, x, leading);
            row.keep_with_next = true;
            let heading = [rule(true), row, rule(true)];
            repeat = Some(heading.iter().map(repeated).collect());
            slots.extend(heading.into_iter().skip(1));
        }
        let header_height: f32 = repeat.iter().flat_map(|r| r.iter()).map(|s| s.height).sum();
        let count = body.len();
        for (i, row) in body.into_iter().enumerate() {
            // No row alone at either end of a page.
            let keep = i == 0 || i + 2 >= count;
            let height = row.lines as f32 * leading + leading * 0.3;
            let mut parts = if height + header_height + g.leading > g.block_height() {
                bands(row, x, leading)
            } else {
                vec![row_slot(row, x, leading)]
            };
            // The lines of a row taller than a page may part anywhere.
            for slot in &mut parts {
                slot.header.clone_from(&repeat);
            }
            if let Some(slot) = parts.last_mut() {
                slot.keep_with_next = keep;
            }
            slots.extend(parts);
        }
        slots.push(rule(false));
        let total: f32 = slots[first..].iter().map(|s| s.height).sum();
        slots.push(Slot {
            height: (total / g.leading).ceil() * g.leading - total,
            ..Slot::default()
        });
    }

    /// A table turned a quarter anticlockwise (its top to the page's left
    /// edge, as books turn them), on pages of its own: the text block's
    /// height is its width, the block's width its height. Each page is one
    /// slot as tall as the text block, its drawing in
    /// [`Slot::turned`]; each page after the first starts with the header.
    fn turned(
        &mut self,
        header: Option<SetRow>,
        body: Vec<SetRow>,
        setting: &Setting,
        slots: &mut Vec<Slot>,
    ) {
        let g = self.geometry;
        let (leading, width) = (setting.leading, setting.width());
        let capacity = g.measure();
        let rule_height = g.leading * 0.5;
        let place = |page: &mut Slot, row: &SetRow, y: f32, repeat: bool| {
            for (_, item, tag) in &row.items {
                let mut item = item.clone();
                shift(&mut item, 0.0, y);
                let tag = if repeat {
                    Tag::new(Role::Artifact, 0)
                } else {
                    tag.clone()
                };
                mark(&mut page.turned_tags, page.turned.len(), tag);
                page.turned.push(item);
            }
            page.footnotes.extend(row.footnotes.iter().cloned());
        };
        let rule_at = |page: &mut Slot, y: f32| {
            let ruled = table_rule(g.leading, 0.0, width, false);
            for mut item in ruled.items {
                shift(&mut item, 0.0, y);
                let artifact = Tag::new(Role::Artifact, 0);
                mark(&mut page.turned_tags, page.turned.len(), artifact);
                page.turned.push(item);
            }
        };
        let open = |y: &mut f32, repeat: bool| {
            let mut page = Slot {
                height: g.block_height(),
                ..Slot::default()
            };
            rule_at(&mut page, 0.0);
            *y = rule_height;
            if let Some(header) = &header {
                place(&mut page, header, *y, repeat);
                *y += header.lines as f32 * leading + leading * 0.3;
                rule_at(&mut page, *y);
                *y += rule_height;
            }
            page
        };
        let mut y = 0.0;
        let mut page = open(&mut y, false);
        let mut rows_on_page = 0;
        for row in &body {
            let height = row.lines as f32 * leading + leading * 0.3;
            if rows_on_page > 0 && y + height + rule_height > capacity {
                rule_at(&mut page, y);
                slots.push(std::mem::take(&mut page));
                page = open(&mut y, true);
                rows_on_page = 0;
            }
            place(&mut page, row, y, false);
            y += height;
            rows_on_page += 1;
        }
        rule_at(&mut page, y);
        slots.push(page);
    }
}

/// The paragraph spec of a cell: header cells bold, prose hyphenated.
fn cell_spec(is_header: bool, size: f32, measure: f32, align: Align) -> Spec {
    Spec {
        style: if is_header {
            Style::Bold
        } else {
            Style::Regular
        },
        size,
        measure,
        indent: 0.0,
        align,
        hyphenate: !is_header,
    }
}

/// A half-line slot with a thin rule across the table's width.
fn table_rule(leading: f32, x: f32, width: f32, keep_with_next: bool) -> Slot {
    Slot {
        height: leading * 0.5,
        keep_with_next,
        items: vec![Item::Rule {
            from: (x, leading * 0.25),
            to: (x + width, leading * 0.25),
            thickness: 0.5,
        }],
        ..Slot::default()
    }
}

/// A whole row as one slot, moved to `x`.
fn row_slot(row: SetRow, x: f32, leading: f32) -> Slot {
    let mut slot = Slot {
        height: row.lines as f32 * leading + leading * 0.3,
        footnotes: row.footnotes,
        ..Slot::default()
    };
    for (_, mut item, tag) in row.items {
        shift(&mut item, x, 0.0);
        mark(&mut slot.tags, slot.items.len(), tag);
        slot.items.push(item);
    }
    for (_, mut link) in row.links {
        link.rect.x += x;
        slot.links.push(link);
    }
    slot
}

/// A row taller than a page as one slot per line, so that the page may
/// break inside it: the first band has the row's top padding, the last its
/// bottom padding.
fn bands(row: SetRow, x: f32, leading: f32) -> Vec<Slot> {
    let pad = leading * 0.15;
    let top = |k: usize| {
        if k == 0 {
            0.0
        } else {
            pad + k as f32 * leading
        }
    };
    let mut slots: Vec<Slot> = (0..row.lines)
        .map(|k| Slot {
            height: leading
                + if k == 0 { pad } else { 0.0 }
                + if k + 1 == row.lines { pad } else { 0.0 },
            ..Slot::default()
        })
        .collect();
    for (k, mut item, tag) in row.items {
        shift(&mut item, x, -top(k));
        let slot = &mut slots[k];
        mark(&mut slot.tags, slot.items.len(), tag);
        slot.items.push(item);
    }
    for (k, mut link) in row.links {
        link.rect.x += x;
        link.rect.y -= top(k);
        slots[k].links.push(link);
    }
    slots[0].footnotes = row.footnotes;
    slots
}

/// A copy of a header slot to draw again at the top of a later page:
/// its drawing only (its links, anchors and notes stay with the first).
fn repeated(slot: &Slot) -> Slot {
    Slot {
        height: slot.height,
        items: slot.items.clone(),
        // Drawn again for the reader's eye: not text a second time.
        tags: vec![(0, Tag::new(Role::Artifact, 0))],
        keep_with_next: true,
        ..Slot::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(min: &[f32], max: &[f32], available: f32, expected: &[f32]) {
        let widths = column_widths(min, max, available);
        assert!(
            widths.len() == expected.len()
                && widths
                    .iter()
                    .zip(expected)
                    .all(|(x, y)| (x - y).abs() < 0.01),
            "{widths:?} for {min:?}, {max:?} in {available}"
        );
    }

    #[test]
    fn columns_that_fit_take_their_widest_content() {
        check(&[10.0, 20.0], &[40.0, 50.0], 200.0, &[40.0, 50.0]);
    }

    #[test]
    fn room_beyond_the_narrowest_is_shared_by_how_much_more_each_wants() {
        // 30 of min, 90 of max, 60 available: half of each column's extra.
        check(&[10.0, 20.0], &[40.0, 50.0], 60.0, &[25.0, 35.0]);
        // A column whose content cannot wrap (min = max) keeps its width.
        check(&[30.0, 10.0], &[30.0, 100.0], 80.0, &[30.0, 50.0]);
    }

    #[test]
    fn columns_never_go_below_their_longest_word() {
        check(&[50.0, 60.0], &[80.0, 90.0], 100.0, &[50.0, 60.0]);
        // A max below the min (rounding) is lifted to it.
        check(&[50.0], &[40.0], 45.0, &[50.0]);
    }

    #[test]
    fn a_row_taller_than_a_page_splits_between_its_lines() {
        let rule = |y: f32| Item::Rule {
            from: (0.0, y),
            to: (5.0, y),
            thickness: 0.5,
        };
        let leading = 10.0;
        // Something drawn on each of three lines, 1.5 pt below the line's top.
        let row = SetRow {
            lines: 3,
            items: (0..3)
                .map(|k| (k, rule(1.5 + k as f32 * leading), Tag::default()))
                .collect(),
            links: Vec::new(),
            footnotes: vec!["n1".into()],
        };
        let slots = bands(row, 20.0, leading);
        assert_eq!(slots.len(), 3);
        let total: f32 = slots.iter().map(|s| s.height).sum();
        assert!(
            (total - 3.3 * leading).abs() < 0.01,
            "as tall as the row: {total}"
        );
        assert_eq!(slots[0].footnotes, ["n1"]);
        let mut top = 0.0;
        for slot in &slots {
            let [Item::Rule { from, .. }] = slot.items.as_slice() else {
                panic!("one item a band: {slot:?}");
            };
            // Moved to x, and at the same place on the page as in the row.
            assert!((from.0 - 20.0).abs() < 0.01);
            assert!(
                from.1 >= 0.0 && from.1 < slot.height,
                "{from:?} in {}",
                slot.height
            );
            let page_y = top + from.1;
            assert!(((page_y - 1.5) / leading).fract().abs() < 0.01, "{page_y}");
            top += slot.height;
        }
    }

    #[test]
    fn headings_and_captions_introduce_a_table() {
        let text = |t: &str| Inline::Text { text: t.into() };
        let caption = Block::Paragraph {
            content: vec![Inline::Phrase {
                kind: crate::model::PhraseKind::Span,
                classes: vec!["caption".into()],
                title: None,
                content: vec![text("Table 1: Keywords")],
            }],
        };
        assert!(introduces_table(&caption));
        let heading = Block::Heading {
            level: 2,
            id: "a".into(),
            classes: Vec::new(),
            content: vec![text("Keywords")],
        };
        assert!(introduces_table(&heading));
        let prose = Block::Paragraph {
            content: vec![text("The keywords are these.")],
        };
        assert!(!introduces_table(&prose));
    }
}
