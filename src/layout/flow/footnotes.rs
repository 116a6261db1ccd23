//! Footnotes set for the page foot, smaller, their number before their
//! first line; the blocks of a note run on as one paragraph.

use super::{shift, Flow, Slot};
use crate::fonts::Style;
use crate::layout::document::{destination_name, Role};
use crate::layout::text::{Align, Spec};
use crate::model::{Block, Footnote, Inline};

/// A footnote set for the page foot.
#[derive(Debug, Clone)]
pub struct SetFootnote {
    /// Its lines, as slots of the footnote leading.
    pub slots: Vec<Slot>,
}

impl SetFootnote {
    /// Total height of its lines.
    pub fn height(&self) -> f32 {
        self.slots.iter().map(|s| s.height).sum()
    }
}

/// Footnote type size and leading, relative to the body's.
const FOOTNOTE_RATIO: f32 = 0.81;

impl Flow<'_> {
    pub(super) fn footnote(&mut self, footnote: &Footnote) -> SetFootnote {
        let g = self.geometry;
        let size = (g.size * FOOTNOTE_RATIO * 2.0).round() / 2.0;
        let leading = (g.leading * FOOTNOTE_RATIO).round();
        let mut slots = Vec::new();
        let element = self.element();
        for (i, block) in footnote.blocks.iter().enumerate() {
            let mut content = Vec::new();
            if i == 0 {
                content.push(Inline::Text {
                    text: format!("{}.\u{2002}", footnote.number),
                });
            }
            content.extend(block_inlines(block));
            let spec = Spec {
                style: Style::Regular,
                size,
                measure: g.measure(),
                indent: 0.0,
                align: Align::Justify,
                hyphenate: true,
            };
            for (k, line) in self.ts.set(&content, &spec).into_iter().enumerate() {
                let mut slot = self.line_slot(line, 0.0, leading, false, None);
                slot.items
                    .iter_mut()
                    .for_each(|item| shift(item, 0.0, size * 0.75 - g.ascent()));
                if i == 0 && k == 0 {
                    slot.destinations
                        .push((destination_name(&self.chapter, Some(&footnote.id)), 0.0));
                }
                slot.tag(&Role::Note, element);
                slots.push(slot);
            }
        }
        SetFootnote { slots }
    }
}

/// Inline content standing for a block inside a footnote.
fn block_inlines(block: &Block) -> Vec<Inline> {
    match block {
        Block::Paragraph { content } | Block::Heading { content, .. } => content.clone(),
        Block::CodeBlock { code, .. } => vec![Inline::Code { code: code.clone() }],
        Block::BlockQuote { blocks } | Block::Alert { blocks, .. } => {
            blocks.iter().flat_map(block_inlines).collect()
        }
        // A list runs on inside a note: "• one • two", "1. one 2. two".
        Block::List { start, items, .. } => items
            .iter()
            .enumerate()
            .flat_map(|(i, item)| {
                let marker = match start {
                    Some(n) => format!(" {}.\u{a0}", n + i as u64),
                    None => " •\u{a0}".to_string(),
                };
                std::iter::once(Inline::Text { text: marker })
                    .chain(item.iter().flat_map(block_inlines))
            })
            .collect(),
        Block::Table { header, rows, .. } => header
            .iter()
            .chain(rows.iter().flatten())
            .flat_map(|cell| {
                cell.iter()
                    .cloned()
                    .chain([Inline::Text { text: " ".into() }])
            })
            .collect(),
        Block::Figure { caption, .. } => caption.clone(),
        Block::ThematicBreak => Vec::new(),
        Block::Division { blocks, .. } => blocks.iter().flat_map(block_inlines).collect(),
        Block::Details { summary, blocks } => summary
            .iter()
            .cloned()
            .chain(blocks.iter().flat_map(block_inlines))
            .collect(),
        Block::DefinitionList { items } => items
            .iter()
            .flat_map(|item| {
                item.term
                    .iter()
                    .cloned()
                    .chain([Inline::Text { text: ": ".into() }])
                    .chain(item.definitions.iter().flatten().flat_map(block_inlines))
            })
            .collect(),
    }
}
