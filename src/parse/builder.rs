//! The event machine: drains pulldown-cmark's events into blocks and
//! inlines, keeping an explicit stack of open containers.
//! `frames` holds what the stack can hold; `blocks` opens and closes
//! Markdown's elements, `inlines` closes inline content (paragraphs,
//! links, images, formulas, footnote marks), `title` reads the part's
//! title and id from its first heading or its front matter.

mod blocks;
mod frames;
mod inlines;
mod title;

use super::{Context, ImageRef, LinkRef, Parsed, MAX_DEPTH};
use crate::error::{Error, ErrorKind, Location, MarkdownError, Warning};
use crate::model::{Block, Footnote, Inline};
pub(super) use blocks::{finish_row, safe_classes};
pub(super) use frames::{ContainerKind, Frame, InlineKind};
pub use inlines::footnote_id;
use pulldown_cmark::{Event, TagEnd};
use std::collections::{BTreeMap, BTreeSet};

/// The parser of one file: the stack of open frames and what the file
/// has given so far (title, footnotes, links, images, problems).
pub(super) struct Builder<'a> {
    pub(super) cx: Context<'a>,
    pub(super) stack: Vec<Frame>,
    pub(super) line: usize,
    pub(super) title: Option<Vec<Inline>>,
    /// The level the title was written at (1 until there is a title):
    /// headings below it are renumbered relative to it.
    pub(super) title_level: u8,
    /// The part's id, from the front matter.
    pub(super) id: Option<String>,
    /// The title came from the front matter and no heading has come yet.
    pub(super) front_title: bool,
    pub(super) footnote_numbers: BTreeMap<String, (u32, usize)>,
    pub(super) footnote_bodies: BTreeMap<String, Vec<Block>>,
    pub(super) links: Vec<LinkRef>,
    pub(super) images: Vec<ImageRef>,
    pub(super) warnings: Vec<Warning>,
    /// The caption of the last image closed, for turning a lone image into a figure.
    pub(super) last_image_title: String,
    pub(super) errors: Vec<Error>,
    pub(super) fatal: bool,
    /// The frames opened by HTML tags: (index in the stack, element name),
    /// in stack order, so that a closing tag finds its frame.
    pub(super) html_open: Vec<(usize, String)>,
    /// An element whose content is being dropped (`<script>`), until its
    /// closing tag or the end of the Markdown block.
    pub(super) dropping: Option<String>,
    /// Element names already warned about, so each is reported once.
    pub(super) warned: BTreeSet<String>,
    /// Whether the HTML being read is an HTML block (not inline HTML).
    pub(super) in_html_block: bool,
}

impl<'a> Builder<'a> {
    pub(super) fn new(cx: Context<'a>) -> Self {
        Builder {
            cx,
            stack: vec![Frame::Container {
                kind: ContainerKind::Root,
                blocks: Vec::new(),
            }],
            line: 1,
            title: None,
            title_level: 1,
            id: None,
            front_title: false,
            footnote_numbers: BTreeMap::new(),
            footnote_bodies: BTreeMap::new(),
            links: Vec::new(),
            images: Vec::new(),
            warnings: Vec::new(),
            last_image_title: String::new(),
            errors: Vec::new(),
            fatal: false,
            html_open: Vec::new(),
            dropping: None,
            warned: BTreeSet::new(),
            in_html_block: false,
        }
    }

    pub(super) fn here(&self) -> Location {
        Location::line(self.cx.display_path, self.line)
    }

    pub(super) fn error(&self, kind: ErrorKind) -> Error {
        Error::at(self.here(), kind)
    }

    pub(super) fn markdown_error(&self, problem: MarkdownError) -> Error {
        self.error(ErrorKind::Markdown(problem))
    }

    pub(super) fn event(&mut self, event: Event<'_>) -> Result<(), Error> {
        if let Some(Frame::Html { text, .. }) = self.stack.last_mut() {
            match event {
                Event::Html(html) | Event::Text(html) => {
                    text.push_str(&html);
                    return Ok(());
                }
                Event::End(TagEnd::HtmlBlock) => return self.close_html_block(),
                _ => {}
            }
        }
        if self.dropping.is_some() {
            match event {
                Event::Text(_)
                | Event::Code(_)
                | Event::SoftBreak
                | Event::HardBreak
                | Event::FootnoteReference(_)
                | Event::TaskListMarker(_) => return Ok(()),
                _ => {}
            }
        }
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => self.text(&text),
            Event::Code(code) => self.push_inline(Inline::Code {
                code: code.into_string(),
            }),
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => self.push_inline(Inline::HardBreak),
            Event::TaskListMarker(done) => self.push_inline(Inline::Task { done }),
            Event::Rule => self.push_block(Block::ThematicBreak),
            Event::FootnoteReference(label) => self.footnote_reference(&label),
            Event::InlineHtml(html) | Event::Html(html) => self.html(&html),
            Event::InlineMath(tex) => self.math(&tex, false),
            Event::DisplayMath(tex) => self.math(&tex, true),
        }
    }

    pub(super) fn open(&mut self, frame: Frame) -> Result<(), Error> {
        if self.stack.len() > MAX_DEPTH {
            self.fatal = true;
            return Err(self.markdown_error(MarkdownError::TooDeep { limit: MAX_DEPTH }));
        }
        self.stack.push(frame);
        Ok(())
    }

    /// Pops the top frame, forgetting it if HTML opened it.
    pub(super) fn pop(&mut self) -> Option<Frame> {
        let frame = self.stack.pop()?;
        let depth = self.stack.len();
        while self.html_open.last().is_some_and(|(i, _)| *i >= depth) {
            self.html_open.pop();
        }
        Some(frame)
    }

    /// Closes the top frame, whatever opened it (never the root).
    pub(super) fn close_top(&mut self) -> Result<(), Error> {
        if self.stack.len() <= 1 {
            return Ok(());
        }
        match self.pop() {
            Some(frame) => self.close(frame),
            None => Ok(()),
        }
    }

    /// Whether an HTML tag opened the top frame.
    pub(super) fn top_is_html(&self) -> bool {
        let top = self.stack.len().wrapping_sub(1);
        self.html_open.last().is_some_and(|(i, _)| *i == top)
    }

    /// Makes sure inline content has a place to go: loose text in a list item
    /// (a "tight" list) or block quote gets an implicit paragraph.
    pub(super) fn ensure_inline_context(&mut self) -> Result<(), Error> {
        if matches!(self.stack.last(), Some(Frame::Container { .. })) {
            self.open(Frame::Inlines {
                kind: InlineKind::Paragraph { implicit: true },
                content: Vec::new(),
            })?;
        }
        Ok(())
    }

    pub(super) fn close_implicit_paragraph(&mut self) {
        if let Some(Frame::Inlines {
            kind: InlineKind::Paragraph { implicit: true },
            ..
        }) = self.stack.last()
        {
            if let Some(Frame::Inlines { kind, content }) = self.pop() {
                // Closing a paragraph only pushes a block into its container.
                let _ = self.close_inlines(kind, content);
            }
        }
    }

    pub(super) fn text(&mut self, text: &str) -> Result<(), Error> {
        if let Some(Frame::Code { code, .. } | Frame::Metadata { text: code, .. }) =
            self.stack.last_mut()
        {
            code.push_str(text);
            return Ok(());
        }
        self.ensure_inline_context()?;
        if let Some(Frame::Inlines { content, .. }) = self.stack.last_mut() {
            match content.last_mut() {
                Some(Inline::Text { text: last }) => last.push_str(text),
                _ => content.push(Inline::Text {
                    text: text.to_string(),
                }),
            }
        }
        Ok(())
    }

    pub(super) fn push_inline(&mut self, inline: Inline) -> Result<(), Error> {
        self.ensure_inline_context()?;
        match self.stack.last_mut() {
            Some(Frame::Inlines { content, .. }) => {
                content.push(inline);
                Ok(())
            }
            _ => Err(self.markdown_error(MarkdownError::InlineOutsideParagraph)),
        }
    }

    pub(super) fn push_block(&mut self, block: Block) -> Result<(), Error> {
        self.close_implicit_paragraph();
        match self.stack.last_mut() {
            Some(Frame::Container { blocks, .. }) => {
                blocks.push(block);
                Ok(())
            }
            _ => Err(self.markdown_error(MarkdownError::BlockMisplaced)),
        }
    }

    pub(super) fn finish(mut self) -> Parsed {
        // HTML left open at the end of the file ends there.
        while self.stack.len() > 1 && !self.fatal {
            if let Err(e) = self.close_top() {
                self.errors.push(e);
                break;
            }
        }
        let root = match self.stack.first_mut() {
            Some(Frame::Container {
                kind: ContainerKind::Root,
                blocks,
            }) => std::mem::take(blocks),
            _ => Vec::new(),
        };
        let mut footnotes = Vec::new();
        for (label, (number, line)) in &self.footnote_numbers {
            match self.footnote_bodies.remove(label) {
                Some(blocks) => footnotes.push(Footnote {
                    id: footnote_id(label),
                    number: *number,
                    blocks,
                }),
                None => self.errors.push(Error::at(
                    Location::line(self.cx.display_path, *line),
                    ErrorKind::Markdown(MarkdownError::UndefinedFootnote {
                        label: label.clone(),
                    }),
                )),
            }
        }
        footnotes.sort_by_key(|f| f.number);
        if self.cx.requires_title && self.title.is_none() {
            self.errors.insert(
                0,
                Error::at(
                    Location::line(self.cx.display_path, 1),
                    ErrorKind::Markdown(MarkdownError::MissingTitle),
                ),
            );
        }
        Parsed {
            title: self.title,
            id: self.id,
            blocks: root,
            footnotes,
            links: self.links,
            images: self.images,
            warnings: self.warnings,
            errors: self.errors,
        }
    }
}
