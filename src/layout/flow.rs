//! The galley: a part's blocks turned into a column of slots (lines and
//! other rows of fixed height) that pagination distributes over pages.

mod display;
mod initial;
mod table;

use super::document::{destination_name, GlyphRun, Item, LineInfo, Link, Rect, Role, Tag};
use super::geometry::Geometry;
use super::text::{Align, Line, Spec, Typesetter};
use crate::fonts::Style;
use crate::model::design::{Paragraph, SceneBreak, TitleAlign};
use crate::model::pagination::{BreakAt, WordCounter};
use crate::model::{walk, Block, Chapter, ChapterKind, Footnote, ImageAsset, Inline, Labels};
use std::collections::BTreeMap;
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
    /// The author's anchors ([`Inline::Anchor`]) in the block that starts
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
    /// [`PageStart::block`](super::document::PageStart::block)); `None` for
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
    /// in item order (see [`Page::tags`](super::document::Page::tags));
    /// none for a slot whose lines are each an element of their own.
    pub tags: Vec<(u32, Tag)>,
    /// The same for `turned`.
    pub turned_tags: Vec<(u32, Tag)>,
}

impl Slot {
    /// Tags the slot's items, if it has any and none is tagged yet, as
    /// (part of) element `element`.
    fn tag(&mut self, role: &Role, element: u32) {
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
fn tag_all(slots: &mut [Slot], role: Role, element: u32) {
    for slot in slots {
        slot.tag(&role, element);
    }
}

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

/// A part of the book set as a galley.
pub struct Galley {
    /// The rows, in order.
    pub slots: Vec<Slot>,
    /// The part's footnotes, by id.
    pub footnotes: BTreeMap<String, SetFootnote>,
    /// How many paragraphs the rows number (from 0, in [`LineInfo::paragraph`]).
    pub paragraphs: usize,
    /// How many structure elements the rows number (from 1, in [`Tag::element`]).
    pub elements: u32,
}

/// Footnote type size and leading, relative to the body's.
const FOOTNOTE_RATIO: f32 = 0.81;

/// Sets blocks into slots, numbering the paragraphs of a part from 0.
pub struct Flow<'a> {
    ts: &'a mut Typesetter,
    geometry: Geometry,
    images: &'a BTreeMap<String, ImageAsset>,
    paragraphs: usize,
    chapter: String,
    /// The path of the block being set.
    path: Vec<usize>,
    /// Levels added to every heading: a nested part's depth.
    heading_shift: u8,
    /// The generated words, for alerts.
    labels: Labels,
    /// The last structure element numbered.
    elements: u32,
    /// Words of the paragraph before the piece being set (the text before
    /// a display formula), for the page map.
    words_before: usize,
    /// The next paragraph opens the chapter with a drop cap.
    drop_cap: bool,
}

struct Frame {
    x: f32,
    measure: f32,
    depth: usize,
}

impl<'a> Flow<'a> {
    /// A flow over `ts` with the book's geometry.
    pub fn new(
        ts: &'a mut Typesetter,
        geometry: Geometry,
        images: &'a BTreeMap<String, ImageAsset>,
    ) -> Flow<'a> {
        Flow {
            ts,
            geometry,
            images,
            paragraphs: 0,
            chapter: String::new(),
            path: Vec::new(),
            heading_shift: 0,
            labels: Labels::default(),
            elements: 0,
            words_before: 0,
            drop_cap: false,
        }
    }

    /// The number of a new structure element.
    fn element(&mut self) -> u32 {
        self.elements += 1;
        self.elements
    }

    fn body(&self, align: Align, measure: f32) -> Spec {
        Spec {
            style: Style::Regular,
            size: self.geometry.size,
            measure,
            indent: 0.0,
            align,
            hyphenate: align == Align::Justify,
        }
    }

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
        let footnotes = chapter
            .footnotes
            .iter()
            .map(|f| (f.id.clone(), self.footnote(f)))
            .collect();
        Galley {
            slots,
            footnotes,
            paragraphs: self.paragraphs,
            elements: self.elements,
        }
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

    fn blocks(&mut self, blocks: &[Block], frame: &Frame, slots: &mut Vec<Slot>, mut indent: bool) {
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
    fn space(&self, slots: &mut Vec<Slot>) {
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

    fn paragraph(&mut self, content: &[Inline], spec: &Spec, x: f32, slots: &mut Vec<Slot>) {
        // Display formulas stand on lines of their own, centred.
        let parts = super::math::split_display(content);
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
        let math = super::math::set(&self.ts.fonts, tex, true, spec.size);
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

    fn line_slot(
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
                None => if frame.depth % 2 == 0 { "•" } else { "–" }.to_string(),
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

    fn footnote(&mut self, footnote: &Footnote) -> SetFootnote {
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
