//! Running text: a paragraph's lines (kept against widows and orphans),
//! its display formulas on lines of their own, and a set line turned into
//! a slot (its glyphs, links, strikes, formulas and images).

use super::{Flow, Slot};
use crate::layout::document::{Item, LineInfo, Link, Rect, Role};
use crate::layout::text::{Line, Spec};
use crate::model::pagination::{BreakAt, WordCounter};
use crate::model::Inline;

impl Flow<'_> {
    pub(super) fn paragraph(
        &mut self,
        content: &[Inline],
        spec: &Spec,
        x: f32,
        slots: &mut Vec<Slot>,
    ) {
        // Display formulas stand on lines of their own, centred.
        let parts = crate::layout::math::split_display(content);
        if parts.len() > 1 || parts.first().is_some_and(|p| p.is_err()) {
            let mut spec = *spec;
            let mut counter = WordCounter::new();
            for part in parts {
                match part {
                    Ok(content) => {
                        self.words_before = counter.words();
                        self.paragraph(content, &spec, x, slots);
                        crate::model::pagination::count_words(content, &mut counter);
                    }
                    Err(tex) => slots.push(Slot {
                        at: BreakAt::After,
                        ..self.display_math(tex, &spec, x)
                    }),
                }
                spec.indent = 0.0;
            }
            self.words_before = 0;
            return;
        }
        let lines = self.ts.set(content, spec);
        let count = lines.len();
        let paragraph = self.paragraphs;
        self.paragraphs += 1;
        let element = self.element();
        for (index, line) in lines.into_iter().enumerate() {
            // No orphan (first line alone at a page foot) and no widow
            // (last line alone at a page head).
            let keep = count >= 2 && (index == 0 || index + 2 == count);
            let info = LineInfo {
                paragraph,
                index,
                count,
            };
            let word = self.words_before + line.word;
            let mut slot = self.line_slot(line, x, self.geometry.leading, keep, Some(info));
            slot.tag(&Role::Paragraph, element);
            if word > 0 {
                slot.at = BreakAt::Word(word);
            }
            slots.push(slot);
        }
    }

    /// A display formula, centred in the measure, in a slot of whole lines
    /// with at least half a line above and below it.
    fn display_math(&mut self, tex: &str, spec: &Spec, x: f32) -> Slot {
        let math = crate::layout::math::set(&self.ts.fonts, tex, true, spec.size);
        let leading = self.geometry.leading;
        let lines = ((math.ascent + math.descent) / leading + 1.0)
            .ceil()
            .max(2.0);
        let height = lines * leading;
        let baseline = (height - math.ascent - math.descent) / 2.0 + math.ascent;
        let left = x + ((spec.measure - math.width) / 2.0).max(0.0);
        let mut slot = Slot {
            height,
            items: math.page_items(left, baseline),
            ..Slot::default()
        };
        let element = self.element();
        slot.tag(&Role::Formula(tex.into()), element);
        slot
    }

    pub(super) fn line_slot(
        &self,
        line: Line,
        x: f32,
        height: f32,
        keep: bool,
        info: Option<LineInfo>,
    ) -> Slot {
        let baseline = self.geometry.ascent();
        let mut slot = Slot {
            height,
            keep_with_next: keep,
            line: info,
            hyphenated: line.hyphenated,
            footnotes: line.footnotes,
            ..Slot::default()
        };
        for (from, to, target) in line.links {
            slot.links.push(Link {
                rect: Rect {
                    x: x + from,
                    y: baseline - height * 0.7,
                    width: to - from,
                    height: height * 0.9,
                },
                target,
                tag: 0,
            });
        }
        // A strike through the middle of the lower-case letters.
        for (from, to, size) in line.strikes {
            let y = baseline - size * 0.26;
            slot.items.push(Item::Rule {
                from: (x + from, y),
                to: (x + to, y),
                thickness: (size * 0.05).max(0.4),
            });
        }
        for mut run in line.runs {
            run.x += x;
            run.baseline += baseline;
            slot.items.push(Item::Text(run));
        }
        for m in line.maths {
            slot.items.extend(m.math.page_items(x + m.x, baseline));
        }
        for image in line.images {
            slot.items.push(Item::Image {
                key: image.key,
                alt: image.alt,
                rect: Rect {
                    x: x + image.x,
                    y: baseline - image.height,
                    width: image.width,
                    height: image.height,
                },
            });
        }
        slot
    }
}
