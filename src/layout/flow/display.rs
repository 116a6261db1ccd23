//! Displays: the blocks set apart from running text in a galley of
//! their own shape (code listings in the monospaced face, folded to the
//! measure, figures scaled to the measure with their captions).

use super::{shift, tag_all, Flow, Frame, Slot};
use crate::fonts::Style;
use crate::layout::document::{Item, Rect, Role};
use crate::layout::ink::{self, expand_line};
use crate::layout::listing::{self, HANG, TAB};
use crate::layout::text::{Align, Spec};
use crate::model::{inks_per_byte, Image, Ink, Inline, Token};
use std::sync::Arc;

/// The mark at the start of a continuation row of a folded code line.
pub const CONTINUATION: &str = "\u{21AA}";

/// A listing is set smaller to fit its longest line only down to this
/// share of the code size; longer lines are folded instead.
const SHRINK_LIMIT: f32 = 0.85;

impl Flow<'_> {
    /// A code listing, one slot a row: its caption (a file name) above it
    /// in italics, kept with the code; lines that do not fit folded by
    /// [`listing::fold`], each continuation marked with a ↪ in its hang.
    /// A listing whose longest line fits at 85 % of the code size or more
    /// is set just small enough to fit instead. It splits across pages only
    /// between lines (never inside a folded one), leaving at least two rows
    /// on each page. Highlighted `tokens` colour the rows they fall in.
    pub(super) fn code(
        &mut self,
        code: &str,
        caption: &[Inline],
        tokens: &[Token],
        frame: &Frame,
        slots: &mut Vec<Slot>,
    ) {
        let g = self.geometry;
        // The code stands one em in from the text.
        let (left, measure) = (frame.x + g.size, frame.measure - g.size);
        let fonts = Arc::clone(&self.ts.fonts);
        let advance = |size: f32| {
            let fonts = Arc::clone(&fonts);
            move |c: char| {
                fonts.cover(Style::Mono, c).map_or(0.0, |style| {
                    let font = fonts.get(style);
                    font.advance(font.face().glyph_index(c).map_or(0, |id| id.0), size)
                })
            }
        };
        let mut size = g.size * 0.82;
        let longest = code
            .lines()
            .map(|line| {
                let at = advance(size);
                line.trim_end()
                    .chars()
                    .map(|c| {
                        if c == '\t' {
                            at(' ') * TAB as f32
                        } else {
                            at(c)
                        }
                    })
                    .sum::<f32>()
            })
            .fold(0.0, f32::max);
        if longest > measure && longest * SHRINK_LIMIT <= measure {
            size = (size * measure / longest * 100.0).floor() / 100.0;
        }
        let at = advance(size);
        let space = at(' ').max(size * 0.5);
        let rows = listing::fold(code, measure, space, &at);
        let lines: Vec<&str> = code.split('\n').collect();
        let inks = inks_per_byte(code.len(), tokens);

        if !caption.is_empty() {
            let spec = Spec {
                style: Style::Italic,
                size: g.size * 0.86,
                measure,
                indent: 0.0,
                align: Align::Left,
                hyphenate: false,
            };
            let at = slots.len();
            for line in self.ts.set(caption, &spec) {
                slots.push(self.line_slot(line, left, g.leading, true, None));
            }
            let element = self.element();
            tag_all(&mut slots[at..], Role::Caption, element);
        }
        let first_row = slots.len();
        let spec = Spec {
            style: Style::Mono,
            size,
            measure: frame.measure * 4.0,
            indent: 0.0,
            align: Align::Left,
            hyphenate: false,
        };
        let count = rows.len();
        for (i, row) in rows.iter().enumerate() {
            let folded = rows.get(i + 1).is_some_and(|next| next.continued);
            let mut slot = Slot {
                height: g.leading,
                keep_with_next: (i == 0 && count > 1) || i + 2 == count || folded,
                ..Slot::default()
            };
            // The row's text, tabs expanded, and the ink of each of its bytes.
            let line = lines.get(row.line).copied().unwrap_or_default();
            let start = line.as_ptr() as usize - code.as_ptr() as usize;
            let chars = line
                .get(row.range.clone())
                .map(|part| expand_line(part, start + row.range.start, &inks))
                .unwrap_or_default();
            let text: String = chars.iter().map(|&(c, _)| c).collect();
            let row_inks: Vec<Ink> = chars
                .iter()
                .flat_map(|&(c, ink)| std::iter::repeat_n(ink, c.len_utf8()))
                .collect();
            let mut set = |text: &str, x: f32, size: f32| {
                let spec = Spec { size, ..spec };
                let mut items = Vec::new();
                for line in self.ts.set_plain(text, &spec) {
                    items.append(&mut self.line_slot(line, x, g.leading, false, None).items);
                }
                items
            };
            if row.continued {
                let mark = left + row.indent - HANG as f32 * space;
                slot.items.append(&mut set(CONTINUATION, mark, size * 0.9));
            }
            if !text.is_empty() {
                let mut items = set(&text, left + row.indent, size);
                ink::paint(&mut items, &text, &row_inks);
                slot.items.append(&mut items);
            }
            slots.push(slot);
        }
        let element = self.element();
        tag_all(&mut slots[first_row..], Role::Code, element);
    }

    /// A figure: as wide as the measure, or as the `width` asked for (CSS
    /// pixels, 96 to the inch) when that is narrower; never taller than
    /// three fifths of the text block.
    pub(super) fn figure(
        &mut self,
        image: &Image,
        caption: &[Inline],
        frame: &Frame,
        slots: &mut Vec<Slot>,
    ) {
        let g = self.geometry;
        self.space(slots);
        let Some(asset) = self.images.get(&image.src) else {
            return;
        };
        let (pw, ph) = (asset.width.max(1) as f32, asset.height.max(1) as f32);
        let max_height = g.block_height() * 0.6;
        let width = image
            .width
            .map_or(frame.measure, |w| (w as f32 * 0.75).min(frame.measure));
        let scale = (width / pw).min(max_height / ph);
        let (w, h) = (pw * scale, ph * scale);
        let mut slot = Slot {
            height: h,
            keep_with_next: !caption.is_empty(),
            ..Slot::default()
        };
        slot.items.push(Item::Image {
            key: image.src.clone(),
            alt: image.alt.clone(),
            rect: Rect {
                x: frame.x + (frame.measure - w) / 2.0,
                y: 0.0,
                width: w,
                height: h,
            },
        });
        let element = self.element();
        slot.tag(&Role::Figure, element);
        slots.push(slot);
        let mut height = h;
        if !caption.is_empty() {
            let size = g.size * 0.86;
            let leading = (g.leading * 0.86).round();
            let spec = Spec {
                style: Style::Italic,
                size,
                measure: frame.measure,
                indent: 0.0,
                align: Align::Center,
                hyphenate: false,
            };
            slots.push(Slot {
                height: g.leading * 0.5,
                keep_with_next: true,
                ..Slot::default()
            });
            height += g.leading * 0.5;
            let element = self.element();
            for line in self.ts.set(caption, &spec) {
                let mut s = self.line_slot(line, frame.x, leading, true, None);
                s.items
                    .iter_mut()
                    .for_each(|i| shift(i, 0.0, size * 0.75 - g.ascent()));
                height += s.height;
                s.tag(&Role::Caption, element);
                slots.push(s);
            }
        }
        let pad = (height / g.leading).ceil() * g.leading - height;
        slots.push(Slot {
            height: pad,
            ..Slot::default()
        });
        self.space(slots);
    }
}
