//! Ornaments of the design: the drop cap that opens a chapter
//! (`[pdf] drop-caps`) and the asterism of a scene break
//! (`scene-break = "ornament"`).

use super::{Flow, Frame, Slot};
use crate::fonts::Style;
use crate::layout::document::{Item, LineInfo, Role};
use crate::layout::text::{Hang, Spec};
use crate::model::Inline;

/// Marks that travel with the initial letter: opening quotation marks
/// and brackets, as typographers set them, in the drop cap's size.
const LEADING_MARKS: &[char] = &[
    '"', '\'', '“', '‘', '„', '‚', '«', '‹', '»', '›', '(', '[', '¿', '¡',
];

/// The drop cap of `text`: its leading marks and first letter (or digit),
/// and the text after it; `None` when it opens with no letter.
pub(super) fn split_initial(text: &str) -> Option<(&str, &str)> {
    let marks = text.len() - text.trim_start_matches(LEADING_MARKS).len();
    let letter = text[marks..].chars().next()?;
    if !letter.is_alphanumeric() {
        return None;
    }
    Some(text.split_at(marks + letter.len_utf8()))
}

impl Flow<'_> {
    /// Sets a paragraph with a drop cap `design.drop_caps` lines tall: its
    /// first letter (with any opening quotation mark) in large type, its
    /// cap height reaching from the first line's capitals down to the
    /// last dropped line's baseline, and the first lines set short beside
    /// it. Returns `false`, setting nothing, when the paragraph does not
    /// open with a letter in plain text (or holds a display formula).
    pub(super) fn drop_cap_paragraph(
        &mut self,
        content: &[Inline],
        spec: &Spec,
        x: f32,
        slots: &mut Vec<Slot>,
    ) -> bool {
        let g = self.geometry;
        let Some((Inline::Text { text }, after)) = content.split_first() else {
            return false;
        };
        let Some((initial, rest)) = split_initial(text) else {
            return false;
        };
        if crate::layout::math::split_display(content).len() != 1 {
            return false;
        }
        let lines = usize::from(g.design.drop_caps);
        let font = self.ts.fonts.get(Style::Regular);
        let cap_ratio = font
            .face()
            .capital_height()
            .map_or(0.65, |h| f32::from(h) / font.units_per_em);
        // From the first line's cap height to the last dropped baseline.
        let cap_height = g.size * cap_ratio + (lines - 1) as f32 * g.leading;
        let size = (cap_height / cap_ratio * 4.0).round() / 4.0;
        let cap_spec = Spec::plain(size, g.measure());
        let Some(cap) = self.ts.set_plain(initial, &cap_spec).into_iter().next() else {
            return false;
        };
        let hang = Hang {
            lines,
            width: cap.width + g.size * 0.4,
        };
        let mut rest_content = vec![Inline::Text {
            text: rest.to_string(),
        }];
        rest_content.extend_from_slice(after);
        let spec = Spec {
            indent: 0.0,
            ..*spec
        };
        let set = self.ts.set_hanging(&rest_content, &spec, hang);
        let count = set.len();
        let paragraph = self.paragraphs;
        self.paragraphs += 1;
        let first = slots.len();
        let element = self.element();
        for (index, line) in set.into_iter().enumerate() {
            let shift = if index < lines { hang.width } else { 0.0 };
            // The dropped lines stay together on the page, with the cap.
            let keep = index + 1 < lines || (count >= 2 && (index == 0 || index + 2 == count));
            let info = LineInfo {
                paragraph,
                index,
                count,
            };
            let mut slot = self.line_slot(line, x + shift, g.leading, keep, Some(info));
            slot.tag(&Role::Paragraph, element);
            slots.push(slot);
        }
        // A paragraph shorter than its drop cap leaves room for it.
        for _ in count..lines {
            slots.push(Slot {
                height: g.leading,
                keep_with_next: false,
                ..Slot::default()
            });
        }
        let baseline = g.ascent() + (lines - 1) as f32 * g.leading;
        let top = &mut slots[first];
        for mut run in cap.runs {
            run.x += x;
            run.baseline += baseline;
            top.items.push(Item::Text(run));
        }
        true
    }

    /// An asterism (⁂) for a scene break, built of the face's own
    /// asterisks (the shipped faces have no fleuron): two side by side
    /// over one, centred in one grid line.
    pub(super) fn asterism(&mut self, frame: &Frame) -> Slot {
        let g = self.geometry;
        let spec = Spec::plain(g.size, frame.measure);
        let mut slot = Slot {
            height: g.leading,
            ..Slot::default()
        };
        let Some(star) = self.ts.set_plain("*", &spec).into_iter().next() else {
            return slot;
        };
        let centre = frame.x + (frame.measure - star.width) / 2.0;
        let (dx, dy) = (star.width * 0.8, g.size * 0.5);
        let base = g.ascent() + g.size * 0.1;
        for (x, y) in [
            (centre - dx, base - dy),
            (centre + dx, base - dy),
            (centre, base),
        ] {
            for mut run in star.runs.clone() {
                run.x += x;
                run.baseline += y;
                slot.items.push(Item::Text(run));
            }
        }
        slot
    }
}

#[cfg(test)]
mod tests {
    use super::split_initial;

    #[test]
    fn the_initial_takes_its_opening_quotation_mark_with_it() {
        assert_eq!(split_initial("The day"), Some(("T", "he day")));
        assert_eq!(split_initial("“Who goes?”"), Some(("“W", "ho goes?”")));
        assert_eq!(split_initial("«Ça va»"), Some(("«Ç", "a va»")));
        assert_eq!(split_initial("1848 was"), Some(("1", "848 was")));
        assert_eq!(split_initial("— said he"), None);
        assert_eq!(split_initial(""), None);
    }
}
