//! The event machine: drains pulldown-cmark's events into blocks and
//! inlines, keeping an explicit stack of open containers.

use super::{Context, ImageRef, LinkRef, Parsed, MAX_DEPTH};
use crate::error::{Error, ErrorKind, Location, MarkdownError, Warning};
use crate::model::{
    plain_text, AlertKind, Alignment, Block, Definition, Footnote, Image, Inline, PhraseKind,
};
use pulldown_cmark::{Event, HeadingLevel, LinkType, Tag, TagEnd};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug)]
pub(super) enum ContainerKind {
    Root,
    /// A block quote, or a GFM alert (`> [!NOTE]`).
    Quote(Option<AlertKind>),
    Item,
    Footnote(String),
    /// `<div id class>`.
    Division {
        id: Option<String>,
        classes: Vec<String>,
    },
    /// `<figure>`, with the `<figcaption>` once closed.
    Figure {
        caption: Vec<Inline>,
    },
    /// `<details>`, with the `<summary>` once closed.
    Details {
        summary: Vec<Inline>,
    },
    /// `<dd>`: one definition of the last term.
    Definition,
}

#[derive(Debug)]
pub(super) enum InlineKind {
    Paragraph {
        implicit: bool,
    },
    Heading {
        level: u8,
        id: String,
        classes: Vec<String>,
    },
    Emphasis,
    Strong,
    Link {
        destination: String,
        title: String,
        line: usize,
    },
    Image {
        src: Option<String>,
        title: String,
        line: usize,
    },
    Cell,
    /// An HTML phrase (`<kbd>`, `<span class>`…).
    Phrase {
        kind: PhraseKind,
        classes: Vec<String>,
        title: Option<String>,
    },
    /// HTML `<code>`: its text becomes inline code.
    Code,
    /// `<figcaption>`, `<summary>`, `<dt>`: given to the frame below.
    Caption,
    Summary,
    Term,
}

#[derive(Debug)]
pub(super) enum Frame {
    Container {
        kind: ContainerKind,
        blocks: Vec<Block>,
    },
    List {
        start: Option<u64>,
        /// Cleared when an item opens a paragraph: pulldown-cmark gives
        /// paragraphs in loose lists only.
        tight: bool,
        items: Vec<Vec<Block>>,
    },
    Inlines {
        kind: InlineKind,
        content: Vec<Inline>,
    },
    Code {
        language: Option<String>,
        code: String,
        caption: Vec<Inline>,
    },
    Table {
        alignments: Vec<Alignment>,
        header: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
        row: Vec<Vec<Inline>>,
        /// Every cell of the row is a header cell so far (HTML tables).
        head: bool,
    },
    /// A definition list: terms, each with its definitions.
    Definitions {
        items: Vec<Definition>,
    },
    Html {
        text: String,
        line: usize,
    },
    /// Front matter being read: YAML, or TOML when `toml`.
    Metadata {
        toml: bool,
        text: String,
        line: usize,
    },
}

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

    fn start(&mut self, tag: Tag<'_>) -> Result<(), Error> {
        if crate::l10n::punctuation::is_inline(&tag) {
            self.ensure_inline_context()?;
        } else {
            // Markdown blocks go into containers: HTML left open that is not
            // one (a `<span>`, a `<table>`) ends here.
            while self.top_is_html() && !matches!(self.stack.last(), Some(Frame::Container { .. }))
            {
                self.close_top()?;
            }
            self.close_implicit_paragraph();
        }
        let frame = match tag {
            Tag::Paragraph => {
                self.mark_list_loose();
                Frame::Inlines {
                    kind: InlineKind::Paragraph { implicit: false },
                    content: Vec::new(),
                }
            }
            Tag::Heading {
                level, id, classes, ..
            } => Frame::Inlines {
                kind: InlineKind::Heading {
                    level: heading_level(level),
                    id: id.map(|s| s.into_string()).unwrap_or_default(),
                    classes: safe_classes(classes.iter().map(|c| &**c)),
                },
                content: Vec::new(),
            },
            Tag::BlockQuote(kind) => Frame::Container {
                kind: ContainerKind::Quote(kind.map(alert_kind)),
                blocks: Vec::new(),
            },
            Tag::CodeBlock(kind) => {
                let (language, caption) = match kind {
                    pulldown_cmark::CodeBlockKind::Fenced(info) => {
                        super::listing::fence_info(&info)
                    }
                    pulldown_cmark::CodeBlockKind::Indented => (None, Vec::new()),
                };
                Frame::Code {
                    language,
                    code: String::new(),
                    caption,
                }
            }
            Tag::HtmlBlock => Frame::Html {
                text: String::new(),
                line: self.line,
            },
            Tag::List(start) => Frame::List {
                start,
                tight: true,
                items: Vec::new(),
            },
            Tag::Item => Frame::Container {
                kind: ContainerKind::Item,
                blocks: Vec::new(),
            },
            Tag::FootnoteDefinition(label) => Frame::Container {
                kind: ContainerKind::Footnote(label.into_string()),
                blocks: Vec::new(),
            },
            Tag::Table(alignments) => Frame::Table {
                alignments: alignments.into_iter().map(alignment).collect(),
                header: Vec::new(),
                rows: Vec::new(),
                row: Vec::new(),
                head: false,
            },
            Tag::TableHead | Tag::TableRow => return Ok(()),
            Tag::TableCell => Frame::Inlines {
                kind: InlineKind::Cell,
                content: Vec::new(),
            },
            Tag::Emphasis => Frame::Inlines {
                kind: InlineKind::Emphasis,
                content: Vec::new(),
            },
            Tag::Strikethrough | Tag::Superscript | Tag::Subscript => Frame::Inlines {
                kind: InlineKind::Phrase {
                    kind: match tag {
                        Tag::Strikethrough => PhraseKind::Strikethrough,
                        Tag::Superscript => PhraseKind::Superscript,
                        _ => PhraseKind::Subscript,
                    },
                    classes: Vec::new(),
                    title: None,
                },
                content: Vec::new(),
            },
            Tag::DefinitionList => Frame::Definitions { items: Vec::new() },
            Tag::MetadataBlock(kind) => Frame::Metadata {
                toml: kind == pulldown_cmark::MetadataBlockKind::PlusesStyle,
                text: String::new(),
                line: self.line,
            },
            Tag::DefinitionListTitle => Frame::Inlines {
                kind: InlineKind::Term,
                content: Vec::new(),
            },
            Tag::DefinitionListDefinition => Frame::Container {
                kind: ContainerKind::Definition,
                blocks: Vec::new(),
            },
            Tag::Strong => Frame::Inlines {
                kind: InlineKind::Strong,
                content: Vec::new(),
            },
            Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            } => {
                let destination = match link_type {
                    LinkType::Email => format!("mailto:{dest_url}"),
                    _ => dest_url.into_string(),
                };
                Frame::Inlines {
                    kind: InlineKind::Link {
                        destination,
                        title: title.into_string(),
                        line: self.line,
                    },
                    content: Vec::new(),
                }
            }
            Tag::Image {
                dest_url, title, ..
            } => {
                let src = self.image_path(&dest_url);
                Frame::Inlines {
                    kind: InlineKind::Image {
                        src,
                        title: title.into_string(),
                        line: self.line,
                    },
                    content: Vec::new(),
                }
            }
        };
        self.open(frame)
    }

    fn end(&mut self, tag: TagEnd) -> Result<(), Error> {
        if !crate::l10n::punctuation::inline_end(&tag) {
            self.dropping = None;
        }
        // HTML left open inside the Markdown element ends with it.
        while self.top_is_html() {
            self.close_top()?;
        }
        match tag {
            TagEnd::TableHead | TagEnd::TableRow => {
                if let Some(Frame::Table {
                    header, rows, row, ..
                }) = self.stack.last_mut()
                {
                    let cells = std::mem::take(row);
                    if tag == TagEnd::TableHead {
                        *header = cells;
                    } else {
                        rows.push(cells);
                    }
                }
                return Ok(());
            }
            TagEnd::Item
            | TagEnd::BlockQuote(_)
            | TagEnd::FootnoteDefinition
            | TagEnd::DefinitionListDefinition => self.close_implicit_paragraph(),
            _ => {}
        }
        let Some(frame) = self.pop() else {
            return Err(self.markdown_error(MarkdownError::Unbalanced));
        };
        self.close(frame)
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

    /// Turns a frame just popped into what it stands for, given to the
    /// frame below.
    fn close(&mut self, frame: Frame) -> Result<(), Error> {
        match frame {
            Frame::Inlines { kind, content } => self.close_inlines(kind, content),
            Frame::Container {
                kind: ContainerKind::Quote(None),
                blocks,
            } => self.push_block(Block::BlockQuote { blocks }),
            Frame::Container {
                kind: ContainerKind::Quote(Some(kind)),
                blocks,
            } => self.push_block(Block::Alert { kind, blocks }),
            Frame::Container {
                kind: ContainerKind::Item,
                blocks,
            } => {
                if let Some(Frame::List { items, .. }) = self.stack.last_mut() {
                    items.push(blocks);
                }
                Ok(())
            }
            Frame::Container {
                kind: ContainerKind::Footnote(label),
                blocks,
            } => {
                self.footnote_bodies.insert(label, blocks);
                Ok(())
            }
            Frame::Container {
                kind: ContainerKind::Root,
                ..
            } => Err(self.markdown_error(MarkdownError::Unbalanced)),
            Frame::Container { kind, blocks } => self.close_html_container(kind, blocks),
            Frame::Definitions { items } => {
                if items.is_empty() {
                    return Ok(());
                }
                self.push_block(Block::DefinitionList { items })
            }
            Frame::List {
                start,
                tight,
                items,
            } => self.push_block(Block::List {
                start,
                tight,
                items,
            }),
            Frame::Code {
                language,
                code,
                mut caption,
            } => {
                // mdBook's file-name line before the code is its caption.
                if let (true, Some(Frame::Container { blocks, .. })) =
                    (caption.is_empty(), self.stack.last_mut())
                {
                    caption = super::listing::take_filename(blocks);
                }
                self.push_block(Block::CodeBlock {
                    language,
                    code,
                    highlight: Vec::new(),
                    caption,
                })
            }
            Frame::Table {
                alignments,
                mut header,
                mut rows,
                row,
                head,
            } => {
                if !row.is_empty() {
                    finish_row(&mut header, &mut rows, row, head);
                }
                // A header row with no words (a layout trick of web books)
                // heads nothing: an empty `<th>` is an accessibility fault.
                if header.iter().all(|cell| plain_text(cell).trim().is_empty()) {
                    header.clear();
                }
                if header.is_empty() && rows.is_empty() {
                    return Ok(());
                }
                self.push_block(Block::Table {
                    alignments,
                    header,
                    rows,
                })
            }
            Frame::Html { .. } => Ok(()),
            Frame::Metadata { toml, text, line } => self.front_matter(&text, toml, line),
        }
    }

    fn close_inlines(&mut self, kind: InlineKind, content: Vec<Inline>) -> Result<(), Error> {
        match kind {
            InlineKind::Paragraph { .. } => {
                let content = trim(content);
                if content.is_empty() {
                    return Ok(());
                }
                let block = match content.as_slice() {
                    [Inline::Image { image }] => Block::Figure {
                        image: image.clone(),
                        caption: caption(std::mem::take(&mut self.last_image_title)),
                    },
                    _ => Block::Paragraph { content },
                };
                self.push_block(block)
            }
            InlineKind::Heading { level, id, classes } => self.heading(level, id, classes, content),
            InlineKind::Emphasis => self.push_inline(Inline::Emphasis { content }),
            InlineKind::Phrase {
                kind,
                classes,
                title,
            } => self.push_inline(Inline::Phrase {
                kind,
                classes,
                title,
                content,
            }),
            InlineKind::Code => self.push_inline(Inline::Code {
                code: plain_text(&content),
            }),
            InlineKind::Caption | InlineKind::Summary | InlineKind::Term => {
                self.give_inlines(kind, content)
            }
            InlineKind::Strong => self.push_inline(Inline::Strong { content }),
            InlineKind::Link {
                destination,
                title,
                line,
            } => {
                let target = self.link_target(&destination, line)?;
                let mut content = content;
                if plain_text(&content).trim().is_empty() {
                    // Its address gives the link a name readers can see and hear.
                    self.warnings.push(Warning::at(
                        Location::line(self.cx.display_path, line),
                        format!("link to `{destination}` has no text: its address is shown instead; write `[text]({destination})`"),
                    ));
                    // An empty destination is this very part.
                    let name = if destination.trim().is_empty() {
                        self.cx.file.to_string()
                    } else {
                        destination
                    };
                    content.push(Inline::Text { text: name });
                }
                self.push_inline(Inline::Link {
                    target,
                    title: Some(title).filter(|t| !t.is_empty()),
                    content,
                })
            }
            InlineKind::Image { src, title, line } => {
                let Some(src) = src else { return Ok(()) };
                let alt = plain_text(&content);
                if alt.trim().is_empty() {
                    self.warnings.push(Warning::at(
                        Location::line(self.cx.display_path, line),
                        format!("image `{src}` has no alternative text: describe it in `![…](…)`"),
                    ));
                }
                self.last_image_title = title;
                self.push_inline(Inline::Image {
                    image: Image {
                        src,
                        alt,
                        width: None,
                    },
                })
            }
            InlineKind::Cell => {
                if let Some(Frame::Table { row, .. }) = self.stack.last_mut() {
                    row.push(content);
                }
                Ok(())
            }
        }
    }

    /// A heading closes. The file's first heading, when nothing comes
    /// before it, is its title, whatever its level (in the FAQ only a `#`
    /// heading is: its questions are `##`); an explicit `{#id}` on it becomes
    /// an anchor at the part's start. Every other heading is renumbered so
    /// that the title is level 1 and the rest keep their depth below it; one
    /// at the title's level or above (a second `#`) is a section, level 2.
    fn heading(
        &mut self,
        level: u8,
        id: String,
        classes: Vec<String>,
        content: Vec<Inline>,
    ) -> Result<(), Error> {
        // Anchors alone before the title (`<a id="x"></a>`, as web books
        // write them) do not count as something before it: they target
        // the part's start, as the title's own id does.
        let before = match self.stack.as_slice() {
            [Frame::Container {
                kind: ContainerKind::Root,
                blocks,
            }] if self.title.is_none() => leading_anchors(blocks),
            _ => None,
        };
        if let Some(anchors) = before.filter(|_| self.cx.requires_title || level == 1) {
            if let [Frame::Container { blocks, .. }] = self.stack.as_mut_slice() {
                blocks.clear();
            }
            let mut title = Vec::with_capacity(content.len() + anchors.len() + 1);
            title.extend(anchors.into_iter().map(|id| Inline::Anchor { id }));
            if !id.is_empty() {
                title.push(Inline::Anchor { id });
            }
            title.extend(content);
            self.title = Some(title);
            self.title_level = level;
            return Ok(());
        }
        // A heading without words says nothing to a reader (and an empty
        // heading is an accessibility fault): it is left out.
        if plain_text(&content).trim().is_empty() {
            self.warnings.push(Warning::at(
                self.here(),
                "an empty heading is left out".to_string(),
            ));
            return Ok(());
        }
        // Under a front-matter title, the first heading is a section (2).
        if std::mem::take(&mut self.front_title) {
            self.title_level = level - 1;
        }
        let level = (level + 1).saturating_sub(self.title_level).clamp(2, 6);
        self.push_block(Block::Heading {
            level,
            id,
            classes,
            content,
        })
    }

    /// The front matter, read: its title is the part's title (the file's
    /// headings then all stay sections), its id the part's id.
    pub(super) fn front_matter(
        &mut self,
        text: &str,
        toml: bool,
        line: usize,
    ) -> Result<(), Error> {
        let front = super::front::read(text, toml).map_err(|(message, at)| {
            Error::at(
                Location::line(self.cx.display_path, line + at),
                ErrorKind::Markdown(MarkdownError::FrontMatter { reason: message }),
            )
        })?;
        if let Some(title) = front.title.filter(|t| !t.trim().is_empty()) {
            self.title = Some(vec![Inline::Text { text: title }]);
            self.front_title = true;
        }
        self.id = front.id.filter(|i| !i.trim().is_empty());
        if !front.unused.is_empty() {
            let keys: Vec<String> = front.unused.iter().map(|k| format!("`{k}`")).collect();
            self.warnings.push(Warning::at(
                Location::line(self.cx.display_path, line),
                format!(
                    "front matter keys quire does not use (it reads `title` and `id`): {}",
                    keys.join(", ")
                ),
            ));
        }
        Ok(())
    }

    /// A paragraph opening directly in a list item makes its list loose.
    fn mark_list_loose(&mut self) {
        if let [.., Frame::List { tight, .. }, Frame::Container {
            kind: ContainerKind::Item,
            ..
        }] = self.stack.as_mut_slice()
        {
            *tight = false;
        }
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

    /// A formula: its TeX is read now, so that a mistake in it is an error
    /// at its line and the back ends get only formulas they can set.
    fn math(&mut self, tex: &str, display: bool) -> Result<(), Error> {
        if let Err(reason) = crate::math::check(tex) {
            // Kept as code, so that the rest of the paragraph still reads.
            self.push_inline(Inline::Code {
                code: tex.to_string(),
            })?;
            return Err(self.markdown_error(MarkdownError::BadMath {
                tex: tex.to_string(),
                reason,
            }));
        }
        self.push_inline(Inline::Math {
            tex: tex.to_string(),
            display,
        })
    }

    fn footnote_reference(&mut self, label: &str) -> Result<(), Error> {
        let next = self.footnote_numbers.len() as u32 + 1;
        let line = self.line;
        let (number, _) = *self
            .footnote_numbers
            .entry(label.to_string())
            .or_insert((next, line));
        self.push_inline(Inline::FootnoteRef {
            id: footnote_id(label),
            number,
        })
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

fn caption(title: String) -> Vec<Inline> {
    if title.trim().is_empty() {
        Vec::new()
    } else {
        vec![Inline::Text { text: title }]
    }
}

/// The id of the footnote with this label (`[^label]`).
pub fn footnote_id(label: &str) -> String {
    format!("fn-{}", crate::passes::ids::slug(label))
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn alignment(a: pulldown_cmark::Alignment) -> Alignment {
    match a {
        pulldown_cmark::Alignment::None => Alignment::None,
        pulldown_cmark::Alignment::Left => Alignment::Left,
        pulldown_cmark::Alignment::Center => Alignment::Center,
        pulldown_cmark::Alignment::Right => Alignment::Right,
    }
}

/// Ends a row of an HTML table: the first row is the header when all its
/// cells are `<th>`.
pub(super) fn finish_row(
    header: &mut Vec<Vec<Inline>>,
    rows: &mut Vec<Vec<Vec<Inline>>>,
    row: Vec<Vec<Inline>>,
    head: bool,
) {
    if head && header.is_empty() && rows.is_empty() {
        *header = row;
    } else {
        rows.push(row);
    }
}

/// Inline content without white space at either end (HTML's line breaks
/// around its tags are not text).
fn trim(mut content: Vec<Inline>) -> Vec<Inline> {
    if let Some(Inline::Text { text }) = content.last_mut() {
        text.truncate(text.trim_end().len());
        if text.is_empty() {
            content.pop();
        }
    }
    if let Some(Inline::Text { text }) = content.first_mut() {
        *text = text.trim_start().to_string();
        if text.is_empty() {
            content.remove(0);
        }
    }
    content
}

fn alert_kind(kind: pulldown_cmark::BlockQuoteKind) -> AlertKind {
    match kind {
        pulldown_cmark::BlockQuoteKind::Note => AlertKind::Note,
        pulldown_cmark::BlockQuoteKind::Tip => AlertKind::Tip,
        pulldown_cmark::BlockQuoteKind::Important => AlertKind::Important,
        pulldown_cmark::BlockQuoteKind::Warning => AlertKind::Warning,
        pulldown_cmark::BlockQuoteKind::Caution => AlertKind::Caution,
    }
}

/// The class names that are safe as written: letters, digits, `-` and `_`.
pub(super) fn safe_classes<'c>(classes: impl Iterator<Item = &'c str>) -> Vec<String> {
    classes
        .filter(|c| {
            !c.is_empty()
                && c.chars()
                    .all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_')
        })
        .map(str::to_string)
        .collect()
}

/// The anchor ids of `blocks` when they hold nothing else (paragraphs of
/// anchors and white space, as `<a id="x"></a>` lines make): `Some` of an
/// empty list for no blocks, `None` when anything else is there.
fn leading_anchors(blocks: &[Block]) -> Option<Vec<String>> {
    let mut ids = Vec::new();
    for block in blocks {
        let Block::Paragraph { content } = block else {
            return None;
        };
        for inline in content {
            match inline {
                Inline::Anchor { id } => ids.push(id.clone()),
                Inline::Text { text } if text.trim().is_empty() => {}
                _ => return None,
            }
        }
    }
    Some(ids)
}
