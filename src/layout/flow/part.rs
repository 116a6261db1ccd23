//! A part's opening: a chapter's sunk title under its number, or a
//! nested part's title run on as a section heading; then its blocks and
//! its footnotes, as a galley.

use super::{shift, tag_all, Flow, Frame, Galley, Slot};
use crate::fonts::Style;
use crate::layout::document::{destination_name, Role};
use crate::layout::text::{Align, Spec};
use crate::model::design::TitleAlign;
use crate::model::{walk, Block, Chapter, ChapterKind, Inline, Labels};

impl Flow<'_> {
    /// Sets a whole part: its opening (sunk title, under its label from
    /// `labels` when numbered) and its blocks.
    pub fn part(&mut self, chapter: &Chapter, labels: &Labels) -> Galley {
        let g = self.geometry;
        self.chapter = chapter.id.clone();
        self.ts.chapter = chapter.id.clone();
        self.labels = labels.clone();
        let mut slots = Vec::new();
        let label = match (chapter.kind, chapter.number) {
            (ChapterKind::Chapter, Some(n)) => Some(labels.chapter_number(n)),
            _ => None,
        };
        let mut top = Slot {
            height: g.leading * f32::from(g.design.chapter_sink),
            ..Slot::default()
        };
        top.destinations.push((chapter.id.clone(), 0.0));
        walk::inline_tree(&chapter.title, &mut |i| {
            if let Inline::Anchor { id } = i {
                top.anchors.push(destination_name(&chapter.id, Some(id)));
            }
        });
        top.keep_with_next = true;
        slots.push(top);
        let (title_align, title_x, title_measure) = match g.design.chapter_title {
            TitleAlign::Center => (Align::Center, g.measure() * 0.075, g.measure() * 0.85),
            TitleAlign::Left => (Align::Left, 0.0, g.measure() * 0.85),
        };
        if let Some(label) = label {
            let spec = Spec {
                style: Style::Italic,
                size: g.size,
                ..self.body(title_align, g.measure())
            };
            for line in self.ts.set_plain(&label, &spec) {
                slots.push(self.line_slot(line, 0.0, g.leading, true, None));
            }
            slots.push(Slot {
                height: g.leading,
                keep_with_next: true,
                ..Slot::default()
            });
        }
        let title_size = (g.size * 1.75).round();
        let title_leading = (title_size * 1.2).round();
        let spec = Spec {
            style: Style::Regular,
            size: title_size,
            measure: title_measure,
            indent: 0.0,
            align: title_align,
            hyphenate: false,
        };
        let mut title_height = 0.0;
        for line in self.ts.set(&chapter.title, &spec) {
            let mut slot = self.line_slot(line, title_x, title_leading, true, None);
            slot.items
                .iter_mut()
                .for_each(|item| shift(item, 0.0, title_size * 0.8 - g.ascent()));
            title_height += slot.height;
            slots.push(slot);
        }
        // The number and the title are the part's heading.
        let element = self.element();
        tag_all(&mut slots, Role::Title { level: 1, part: 0 }, element);
        // Back onto the grid, then two blank lines before the text.
        let pad = (title_height / g.leading).ceil() * g.leading - title_height + 2.0 * g.leading;
        slots.push(Slot {
            height: pad,
            keep_with_next: true,
            ..Slot::default()
        });

        let frame = Frame {
            x: 0.0,
            measure: g.measure(),
            depth: 0,
        };
        self.drop_cap = chapter.kind == ChapterKind::Chapter && g.design.drop_caps > 0;
        self.blocks(&chapter.blocks, &frame, &mut slots, false);
        self.drop_cap = false;
        self.galley(chapter, slots, str::to_string)
    }

    /// Sets a nested part (a sub-chapter, depth 1 or more) to run on after
    /// the part before it, on no new page: its title as a section heading
    /// one level below a chapter's title per level of nesting (depth 1 is
    /// set like a `##` heading), then its blocks. Its footnotes are keyed
    /// `ID#NOTE`, so that they stay apart from its parent's on a shared page.
    pub fn nested_part(&mut self, chapter: &Chapter) -> Galley {
        self.chapter = chapter.id.clone();
        self.ts.chapter = chapter.id.clone();
        let frame = Frame {
            x: 0.0,
            measure: self.geometry.measure(),
            depth: 0,
        };
        let mut slots = vec![Slot {
            height: self.geometry.leading,
            discardable: true,
            ..Slot::default()
        }];
        let title = Block::Heading {
            level: chapter.depth.saturating_add(1).min(6),
            id: String::new(),
            content: chapter.title.clone(),
            classes: Vec::new(),
        };
        self.blocks(std::slice::from_ref(&title), &frame, &mut slots, false);
        let heading_destination = destination_name(&chapter.id, Some(""));
        for slot in &mut slots {
            slot.origin = None;
            for (_, tag) in &mut slot.tags {
                if let Role::Heading(level) = tag.role {
                    tag.role = Role::Title { level, part: 0 };
                }
            }
            for (name, _) in &mut slot.destinations {
                if *name == heading_destination {
                    name.clone_from(&chapter.id);
                }
            }
        }
        // Its own sections sit below its title.
        self.heading_shift = chapter.depth;
        self.blocks(&chapter.blocks, &frame, &mut slots, false);
        self.heading_shift = 0;
        let key = |id: &str| format!("{}#{id}", chapter.id);
        for slot in &mut slots {
            for id in &mut slot.footnotes {
                *id = key(id);
            }
        }
        self.galley(chapter, slots, key)
    }

    /// The part's galley: `slots`, and its footnotes set, each under `key`
    /// of its id.
    fn galley(
        &mut self,
        chapter: &Chapter,
        slots: Vec<Slot>,
        key: impl Fn(&str) -> String,
    ) -> Galley {
        let footnotes = chapter
            .footnotes
            .iter()
            .map(|f| (key(&f.id), self.footnote(f)))
            .collect();
        Galley {
            slots,
            footnotes,
            paragraphs: self.paragraphs,
            elements: self.elements,
        }
    }
}
