//! Displays: the blocks set apart from running text in a galley of
//! their own shape (code listings in the monospaced face, figures scaled
//! to the measure with their captions).

use super::{shift, Flow, Frame, Slot};
use crate::fonts::Style;
use crate::layout::document::{Item, Rect};
use crate::layout::ink::{self, expand_line};
use crate::layout::text::{Align, Spec};
use crate::model::{inks_per_byte, Image, Ink, Inline, Token};

impl Flow<'_> {
    /// A code listing: one slot a line, long lines folded at the measure
    /// with a two-space hang.
    pub(super) fn code(
        &mut self,
        code: &str,
        tokens: &[Token],
        frame: &Frame,
        slots: &mut Vec<Slot>,
    ) {
        let g = self.geometry;
        let size = g.size * 0.82;
        let font = self.ts.fonts.get(Style::Mono);
        let space = font
            .advance(font.face().glyph_index(' ').map_or(0, |id| id.0), size)
            .max(size * 0.5);
        let columns = ((frame.measure - g.size) / space).floor().max(8.0) as usize;
        let lines: Vec<&str> = code.trim_end_matches('\n').lines().collect();
        let inks = inks_per_byte(code.len(), tokens);
        // Each row's text, and the ink of each of its bytes.
        let mut rows: Vec<(String, Vec<Ink>)> = Vec::new();
        for line in &lines {
            let start = line.as_ptr() as usize - code.as_ptr() as usize;
            let chars = expand_line(line, start, &inks);
            if chars.is_empty() {
                rows.push(Default::default());
            }
            for (k, chunk) in chars.chunks(columns).enumerate() {
                let prefix = if k > 0 { "  " } else { "" };
                let mut row = (prefix.to_string(), vec![Ink::default(); prefix.len()]);
                for &(c, ink) in chunk {
                    row.0.push(c);
                    row.1.extend(std::iter::repeat_n(ink, c.len_utf8()));
                }
                rows.push(row);
            }
        }
        let count = rows.len();
        for (i, (row, row_inks)) in rows.iter().enumerate() {
            let spec = Spec {
                style: Style::Mono,
                size,
                measure: frame.measure * 4.0,
                indent: 0.0,
                align: Align::Left,
                hyphenate: false,
            };
            let mut slot = Slot {
                height: g.leading,
                keep_with_next: i == 0 || i + 2 == count,
                ..Slot::default()
            };
            if !row.trim().is_empty() {
                let lead = row.len() - row.trim_start().len();
                for line in self.ts.set_plain(row.trim_start(), &spec) {
                    let mut s = self.line_slot(
                        line,
                        frame.x + g.size + lead as f32 * space,
                        g.leading,
                        false,
                        None,
                    );
                    slot.items.append(&mut s.items);
                }
                ink::paint(&mut slot.items, row.trim_start(), &row_inks[lead..]);
            }
            slots.push(slot);
        }
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
            for line in self.ts.set(caption, &spec) {
                let mut s = self.line_slot(line, frame.x, leading, true, None);
                s.items
                    .iter_mut()
                    .for_each(|i| shift(i, 0.0, size * 0.75 - g.ascent()));
                height += s.height;
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
