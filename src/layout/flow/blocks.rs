//! A part's blocks set one after another: the space between them, what
//! each kind of block becomes (alerts, lists, terms and summaries here;
//! paragraphs, displays and tables in their own modules), the keeps that
//! hold an introduction to its display, and each block's anchors, tags
//! and place in the page map.

use super::{mark, table, tag_all, Flow, Frame, Slot};
use crate::fonts::Style;
use crate::layout::document::{destination_name, Item, Role, Tag};
use crate::layout::geometry::Geometry;
use crate::layout::text::{Align, Spec};
use crate::model::design::{Paragraph, SceneBreak};
use crate::model::pagination::BreakAt;
use crate::model::{walk, Block, Inline};
use std::sync::Arc;

impl Flow<'_> {
    pub(super) fn blocks(
        &mut self,
        blocks: &[Block],
        frame: &Frame,
        slots: &mut Vec<Slot>,
        mut indent: bool,
    ) {
        let g = self.geometry;
        // Where the block before this one starts.
        let mut previous = slots.len();
        for (index, block) in blocks.iter().enumerate() {
            self.path.push(index);
            let first = slots.len();
            // Only the chapter's first block may open with a drop cap.
            let opening = std::mem::take(&mut self.drop_cap);
            match block {
                Block::Paragraph { content } => {
                    let block_style = g.design.paragraph == Paragraph::Block;
                    if block_style && indent {
                        self.space(slots);
                    }
                    let spec = Spec {
                        indent: if indent && !block_style { g.size } else { 0.0 },
                        ..self.body(Align::Justify, frame.measure)
                    };
                    if !(opening && self.drop_cap_paragraph(content, &spec, frame.x, slots)) {
                        self.paragraph(content, &spec, frame.x, slots);
                    }
                    // A paragraph that introduces a display stays with it.
                    if introduces(content, blocks.get(index + 1)) {
                        if let Some(last) = slots[first..].last_mut() {
                            last.keep_with_next = true;
                        }
                    }
                    indent = true;
                }
                Block::Heading {
                    level, id, content, ..
                } => {
                    slots.push(Slot {
                        height: g.leading,
                        discardable: true,
                        ..Slot::default()
                    });
                    let style = if level.saturating_add(self.heading_shift) <= 2 {
                        Style::Bold
                    } else {
                        Style::Italic
                    };
                    let spec = Spec {
                        style,
                        ..self.body(Align::Left, frame.measure)
                    };
                    let lines = self.ts.set(content, &spec);
                    let at = slots.len();
                    for (i, line) in lines.into_iter().enumerate() {
                        let mut slot = self.line_slot(line, frame.x, g.leading, true, None);
                        if i == 0 {
                            slot.destinations
                                .push((destination_name(&self.chapter, Some(id)), 0.0));
                        }
                        slots.push(slot);
                    }
                    let level = level.saturating_add(self.heading_shift).min(6);
                    let element = self.element();
                    tag_all(&mut slots[at..], Role::Heading(level), element);
                    indent = false;
                }
                Block::BlockQuote { blocks } => {
                    let inset = g.size * 1.5;
                    let inner = Frame {
                        x: frame.x + inset,
                        measure: frame.measure - 2.0 * inset,
                        depth: frame.depth,
                    };
                    self.space(slots);
                    self.blocks(blocks, &inner, slots, false);
                    self.space(slots);
                    indent = false;
                }
                Block::List { start, items, .. } => {
                    if frame.depth == 0 {
                        self.space(slots);
                    }
                    self.list(*start, items, frame, slots);
                    if frame.depth == 0 {
                        self.space(slots);
                    }
                    indent = false;
                }
                Block::CodeBlock {
                    code,
                    highlight,
                    caption,
                    ..
                } => {
                    self.space(slots);
                    self.code(code, caption, highlight, frame, slots);
                    self.space(slots);
                    indent = false;
                }
                Block::ThematicBreak => {
                    self.space(slots);
                    let slot = match g.design.scene_break {
                        SceneBreak::Asterisks => {
                            let spec = self.body(Align::Center, frame.measure);
                            let lines = self.ts.set_plain("*\u{2003}*\u{2003}*", &spec);
                            lines
                                .into_iter()
                                .map(|line| self.line_slot(line, frame.x, g.leading, false, None))
                                .collect()
                        }
                        SceneBreak::Ornament => vec![self.asterism(frame)],
                    };
                    for mut slot in slot {
                        slot.tag(&Role::Artifact, 0);
                        slots.push(slot);
                    }
                    self.space(slots);
                    indent = false;
                }
                Block::Figure { image, caption } => {
                    self.figure(image, caption, frame, slots);
                    indent = false;
                }
                Block::Alert { kind, blocks } => {
                    self.space(slots);
                    let label = self.labels.alert(*kind).to_string();
                    self.alert(&label, blocks, frame, slots);
                    self.space(slots);
                    indent = false;
                }
                // Classes are for screens: in print a division is its blocks.
                Block::Division { blocks, .. } => {
                    self.blocks(blocks, frame, slots, indent);
                    indent = false;
                }
                Block::Details { summary, blocks } => {
                    self.space(slots);
                    self.lead_in(summary, Style::Bold, frame, slots);
                    self.blocks(blocks, frame, slots, false);
                    self.space(slots);
                    indent = false;
                }
                Block::DefinitionList { items } => {
                    self.space(slots);
                    let inset = g.size * 1.5;
                    let inner = Frame {
                        x: frame.x + inset,
                        measure: frame.measure - inset,
                        depth: frame.depth,
                    };
                    for item in items {
                        self.lead_in(&item.term, Style::Bold, frame, slots);
                        for definition in &item.definitions {
                            self.blocks(definition, &inner, slots, false);
                        }
                    }
                    self.space(slots);
                    indent = false;
                }
                Block::Table {
                    alignments,
                    header,
                    rows,
                } => {
                    self.space(slots);
                    let turned = self.table(alignments, header, rows, frame, slots);
                    // A heading or caption right before the table stays on
                    // its page (a turned table stands apart from the text).
                    if !turned && index > 0 && table::introduces_table(&blocks[index - 1]) {
                        slots[previous..first]
                            .iter_mut()
                            .filter(|s| !s.discardable)
                            .for_each(|s| s.keep_with_next = true);
                        if let Some(space) = slots.get_mut(first).filter(|s| s.discardable) {
                            space.keep_with_next = true;
                        }
                    }
                    self.space(slots);
                    indent = false;
                }
            }
            self.anchor(block, &mut slots[first..]);
            // What is not tagged yet is a paragraph of its own.
            if slots[first..]
                .iter()
                .any(|s| s.tags.is_empty() && !s.items.is_empty())
            {
                let element = self.element();
                tag_all(&mut slots[first..], Role::Line, element);
            }
            // Nested blocks have stamped their own slots already. A page
            // that begins inside a block but not at one of a paragraph's
            // words is marked after the block.
            let origin: Arc<[usize]> = self.path.as_slice().into();
            let opening = slots[first..].iter().position(|s| !s.discardable);
            for (i, slot) in slots[first..].iter_mut().enumerate() {
                if slot.origin.is_some() {
                    continue;
                }
                slot.origin = Some(Arc::clone(&origin));
                if Some(i) != opening && slot.at == BreakAt::Before {
                    slot.at = BreakAt::After;
                }
            }
            previous = first;
            self.path.pop();
        }
    }

    /// A GFM alert: between two rules, its label in bold, then its blocks
    /// indented.
    fn alert(&mut self, label: &str, blocks: &[Block], frame: &Frame, slots: &mut Vec<Slot>) {
        let g = self.geometry;
        slots.push(rule(g, frame, true));
        let label = [Inline::Text {
            text: label.to_string(),
        }];
        self.lead_in(&label, Style::Bold, frame, slots);
        let inset = g.size * 1.5;
        let inner = Frame {
            x: frame.x + inset,
            measure: frame.measure - inset,
            depth: frame.depth,
        };
        self.blocks(blocks, &inner, slots, false);
        slots.push(rule(g, frame, false));
    }

    /// A line of `style` kept with what follows: a term, a summary.
    fn lead_in(&mut self, content: &[Inline], style: Style, frame: &Frame, slots: &mut Vec<Slot>) {
        let spec = Spec {
            style,
            ..self.body(Align::Left, frame.measure)
        };
        let element = self.element();
        for line in self.ts.set(content, &spec) {
            let mut slot = self.line_slot(line, frame.x, self.geometry.leading, true, None);
            slot.tag(&Role::Line, element);
            slots.push(slot);
        }
    }

    /// Marks the author's anchors in the block's own text (not in the
    /// blocks it holds, which mark theirs) on the first slot it drew.
    fn anchor(&self, block: &Block, slots: &mut [Slot]) {
        let mut ids = Vec::new();
        let mut visit = |i: &Inline| {
            if let Inline::Anchor { id } = i {
                ids.push(destination_name(&self.chapter, Some(id)));
            }
        };
        match block {
            Block::Paragraph { content } | Block::Heading { content, .. } => {
                walk::inline_tree(content, &mut visit)
            }
            Block::Figure { caption, .. } => walk::inline_tree(caption, &mut visit),
            Block::Details { summary, .. } => walk::inline_tree(summary, &mut visit),
            Block::DefinitionList { items } => items
                .iter()
                .for_each(|item| walk::inline_tree(&item.term, &mut visit)),
            Block::Division { id: Some(id), .. } => {
                ids.push(destination_name(&self.chapter, Some(id)))
            }
            Block::Table { header, rows, .. } => header
                .iter()
                .chain(rows.iter().flatten())
                .for_each(|cell| walk::inline_tree(cell, &mut visit)),
            _ => {}
        }
        if let Some(slot) = slots.iter_mut().find(|s| !s.discardable) {
            slot.anchors.extend(ids);
        }
    }

    /// A blank line between blocks; after a slot kept with what follows
    /// (a heading, a paragraph introducing a listing), kept too.
    pub(super) fn space(&self, slots: &mut Vec<Slot>) {
        if slots.last().is_some_and(|s| s.discardable) {
            return;
        }
        slots.push(Slot {
            height: self.geometry.leading,
            discardable: true,
            keep_with_next: slots.last().is_some_and(|s| s.keep_with_next),
            ..Slot::default()
        });
    }

    fn list(
        &mut self,
        start: Option<u64>,
        items: &[Vec<Block>],
        frame: &Frame,
        slots: &mut Vec<Slot>,
    ) {
        let g = self.geometry;
        let hang = g.size * 1.6;
        let inner = Frame {
            x: frame.x + hang,
            measure: (frame.measure - hang).max(g.size * 6.0),
            depth: frame.depth + 1,
        };
        for (i, item) in items.iter().enumerate() {
            let marker = match start {
                Some(n) => format!("{}.", n + i as u64),
                None => if frame.depth.is_multiple_of(2) {
                    "•"
                } else {
                    "–"
                }
                .to_string(),
            };
            let first = slots.len();
            self.path.push(i);
            self.blocks(item, &inner, slots, false);
            self.path.pop();
            let spec = Spec {
                measure: hang - g.size * 0.4,
                ..self.body(Align::Right, hang)
            };
            if let Some(line) = self.ts.set_plain(&marker, &spec).into_iter().next() {
                let marker_slot = self.line_slot(line, frame.x, g.leading, false, None);
                let element = self.element();
                if let Some(slot) = slots[first..]
                    .iter_mut()
                    .find(|s| !s.items.is_empty() && !s.discardable)
                {
                    let from = slot.items.len();
                    mark(&mut slot.tags, from, Tag::new(Role::Label, element));
                    slot.items.extend(marker_slot.items);
                }
            }
        }
    }
}

/// A half-line slot with a thin rule across the frame (alerts).
fn rule(g: Geometry, frame: &Frame, keep_with_next: bool) -> Slot {
    let mut slot = Slot {
        height: g.leading * 0.5,
        keep_with_next,
        ..Slot::default()
    };
    slot.items.push(Item::Rule {
        from: (frame.x, g.leading * 0.25),
        to: (frame.x + frame.measure, g.leading * 0.25),
        thickness: 0.5,
    });
    slot
}

/// Whether a paragraph of `content` introduces the display `next` (a
/// listing, a table or a figure): it ends with a colon.
fn introduces(content: &[Inline], next: Option<&Block>) -> bool {
    matches!(
        next,
        Some(Block::CodeBlock { .. } | Block::Table { .. } | Block::Figure { .. })
    ) && crate::model::plain_text(content).trim_end().ends_with(':')
}
