//! Markdown → model: drains pulldown-cmark's event stream into the blocks and
//! inlines of one [`Chapter`](crate::model::Chapter).
//!
//! pulldown-cmark events never leave this module. The builder keeps an
//! explicit stack of open containers (no recursion), so nesting depth is
//! bounded by [`MAX_DEPTH`] rather than by the call stack.
//!
//! Raw HTML has one defined fate: `<br>` becomes a hard line break, HTML
//! comments are dropped (authors keep notes in them), and anything else is an
//! error naming file and line — quire never passes markup through unchecked.

use crate::error::{Error, ErrorKind, Location, Warning};
use crate::lines::LineIndex;
use crate::model::{plain_text, Alignment, Block, Footnote, Image, Inline, LinkTarget};
use crate::url::{self, Kind};
use pulldown_cmark::{Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

/// How deeply block quotes, lists and inline markup may nest.
pub const MAX_DEPTH: usize = 64;

/// What the parser knows of the file it parses: nothing of the other files
/// (links between them are resolved by [`crate::passes::links`]).
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The file being parsed, relative to the manuscript folder (`ch1.md`).
    pub file: &'a str,
    /// The file as shown in error messages (`manuscript/ch1.md`).
    pub display_path: &'a Path,
    /// Whether the file must open with a `# Title` (every part but the FAQ).
    pub requires_title: bool,
}

/// An internal link as written, to be resolved and checked by
/// [`crate::passes::links`] once every part has its heading ids.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkRef {
    /// Where the link is written.
    pub location: Location,
    /// The destination as written.
    pub destination: String,
    /// The target file, relative to the manuscript folder (the linking file
    /// itself for `#anchor`); the model's link holds the same file in
    /// [`LinkTarget::Internal`]'s `chapter` until the links pass resolves it.
    pub file: String,
    /// The anchor inside it, if any.
    pub anchor: Option<String>,
}

/// An image the part uses, to be read from the manuscript folder.
#[derive(Debug, Clone, PartialEq)]
pub struct ImageRef {
    /// Where it is referenced.
    pub location: Location,
    /// The path relative to the manuscript folder (the model's `Image::src`).
    pub src: String,
}

/// One Markdown file, parsed: as much of the model as the text gives, and
/// every problem found in it.
#[derive(Debug, Default)]
pub struct Parsed {
    /// The opening `# Title`, if the file starts with one.
    pub title: Option<Vec<Inline>>,
    /// The body. Headings without an explicit `{#id}` have an empty id until
    /// [`crate::passes::ids`] assigns one.
    pub blocks: Vec<Block>,
    /// Footnotes in order of first reference.
    pub footnotes: Vec<Footnote>,
    /// Every internal link, in the order written, resolved and checked later.
    pub links: Vec<LinkRef>,
    /// Images, loaded later.
    pub images: Vec<ImageRef>,
    /// Problems that do not stop the build, with their lines.
    pub warnings: Vec<Warning>,
    /// Every error found, in the order found, each with its line. The file is
    /// unusable when there is one; the rest of `Parsed` is still filled in
    /// (up to a fatal nesting error) so that its links can be checked too.
    pub errors: Vec<Error>,
}

/// The pulldown-cmark extensions quire's Markdown has.
pub fn options() -> Options {
    Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TABLES
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Parses one Markdown file, in time linear in its length. Every problem
/// found is returned in [`Parsed::errors`], not just the first.
pub fn parse(text: &str, cx: Context<'_>) -> Parsed {
    let mut builder = Builder::new(cx);
    let lines = LineIndex::new(text);
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        builder.line = lines.line(range.start);
        let event = closing_quote(event, text, range);
        if let Err(e) = builder.event(event) {
            builder.errors.push(e);
            if builder.fatal {
                break;
            }
        }
    }
    builder.finish()
}

/// pulldown-cmark 0.13 turns a `"` that can only close a quotation into an
/// opening “ when no quotation is open; CommonMark's smart punctuation makes
/// every right-flanking `"` a closing ”. `range` is the event's source.
fn closing_quote<'e>(event: Event<'e>, text: &str, range: Range<usize>) -> Event<'e> {
    let is_lone_opening =
        matches!(&event, Event::Text(t) if &**t == "“") && text.get(range.clone()) == Some("\"");
    if !is_lone_opening {
        return event;
    }
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    let space = |c: Option<char>| c.is_none_or(char::is_whitespace);
    let punctuation =
        |c: Option<char>| c.is_some_and(|c| c.is_ascii_punctuation() || is_unicode_punctuation(c));
    let right_flanking =
        !space(before) && (!punctuation(before) || space(after) || punctuation(after));
    let left_flanking =
        !space(after) && (!punctuation(after) || space(before) || punctuation(before));
    if right_flanking && !left_flanking {
        Event::Text("”".into())
    } else {
        event
    }
}

/// Unicode punctuation as CommonMark counts it (general categories P and S),
/// approximated for the non-ASCII characters quotes meet in prose.
fn is_unicode_punctuation(c: char) -> bool {
    matches!(c, '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}' | '\u{00A1}'..='\u{00BF}' | '\u{00D7}' | '\u{00F7}')
}

#[derive(Debug)]
enum ContainerKind {
    Root,
    Quote,
    Item,
    Footnote(String),
}

#[derive(Debug)]
enum InlineKind {
    Paragraph {
        implicit: bool,
    },
    Heading {
        level: u8,
        id: String,
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
}

#[derive(Debug)]
enum Frame {
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
    },
    Table {
        alignments: Vec<Alignment>,
        header: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
        row: Vec<Vec<Inline>>,
    },
    Html {
        text: String,
        line: usize,
    },
}

struct Builder<'a> {
    cx: Context<'a>,
    stack: Vec<Frame>,
    line: usize,
    title: Option<Vec<Inline>>,
    footnote_numbers: BTreeMap<String, (u32, usize)>,
    footnote_bodies: BTreeMap<String, Vec<Block>>,
    links: Vec<LinkRef>,
    images: Vec<ImageRef>,
    warnings: Vec<Warning>,
    /// The caption of the last image closed, for turning a lone image into a figure.
    last_image_title: String,
    errors: Vec<Error>,
    fatal: bool,
}

impl<'a> Builder<'a> {
    fn new(cx: Context<'a>) -> Self {
        Builder {
            cx,
            stack: vec![Frame::Container {
                kind: ContainerKind::Root,
                blocks: Vec::new(),
            }],
            line: 1,
            title: None,
            footnote_numbers: BTreeMap::new(),
            footnote_bodies: BTreeMap::new(),
            links: Vec::new(),
            images: Vec::new(),
            warnings: Vec::new(),
            last_image_title: String::new(),
            errors: Vec::new(),
            fatal: false,
        }
    }

    fn here(&self) -> Location {
        Location::line(self.cx.display_path, self.line)
    }

    fn error(&self, kind: ErrorKind) -> Error {
        Error::at(self.here(), kind)
    }

    fn markdown_error(&self, message: impl Into<String>) -> Error {
        self.error(ErrorKind::Markdown(message.into()))
    }

    fn event(&mut self, event: Event<'_>) -> Result<(), Error> {
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
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => self.text(&text),
            Event::Code(code) => self.push_inline(Inline::Code {
                code: code.into_string(),
            }),
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => self.push_inline(Inline::HardBreak),
            Event::Rule => self.push_block(Block::ThematicBreak),
            Event::FootnoteReference(label) => self.footnote_reference(&label),
            Event::InlineHtml(html) => self.inline_html(&html),
            Event::Html(html) => self.inline_html(&html),
            other => {
                Err(self.markdown_error(format!("unsupported Markdown construct ({other:?})")))
            }
        }
    }

    fn open(&mut self, frame: Frame) -> Result<(), Error> {
        if self.stack.len() > MAX_DEPTH {
            self.fatal = true;
            return Err(self.markdown_error(format!(
                "nesting is deeper than {MAX_DEPTH} levels (block quotes, lists or emphasis inside each other)"
            )));
        }
        self.stack.push(frame);
        Ok(())
    }

    fn start(&mut self, tag: Tag<'_>) -> Result<(), Error> {
        let is_inline = matches!(
            tag,
            Tag::Emphasis | Tag::Strong | Tag::Link { .. } | Tag::Image { .. }
        );
        if is_inline {
            self.ensure_inline_context()?;
        } else {
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
            Tag::Heading { level, id, .. } => Frame::Inlines {
                kind: InlineKind::Heading {
                    level: heading_level(level),
                    id: id.map(|s| s.into_string()).unwrap_or_default(),
                },
                content: Vec::new(),
            },
            Tag::BlockQuote(_) => Frame::Container {
                kind: ContainerKind::Quote,
                blocks: Vec::new(),
            },
            Tag::CodeBlock(kind) => Frame::Code {
                language: match kind {
                    pulldown_cmark::CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().map(str::to_string)
                    }
                    pulldown_cmark::CodeBlockKind::Indented => None,
                },
                code: String::new(),
            },
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
            other => {
                return Err(
                    self.markdown_error(format!("unsupported Markdown construct ({other:?})"))
                )
            }
        };
        self.open(frame)
    }

    fn end(&mut self, tag: TagEnd) -> Result<(), Error> {
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
            TagEnd::Item | TagEnd::BlockQuote(_) | TagEnd::FootnoteDefinition => {
                self.close_implicit_paragraph()
            }
            _ => {}
        }
        let Some(frame) = self.stack.pop() else {
            return Err(self.markdown_error("unbalanced Markdown structure"));
        };
        match frame {
            Frame::Inlines { kind, content } => self.close_inlines(kind, content),
            Frame::Container {
                kind: ContainerKind::Quote,
                blocks,
            } => self.push_block(Block::BlockQuote { blocks }),
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
            } => Err(self.markdown_error("unbalanced Markdown structure")),
            Frame::List {
                start,
                tight,
                items,
            } => self.push_block(Block::List {
                start,
                tight,
                items,
            }),
            Frame::Code { language, code } => self.push_block(Block::CodeBlock { language, code }),
            Frame::Table {
                alignments,
                header,
                rows,
                ..
            } => self.push_block(Block::Table {
                alignments,
                header,
                rows,
            }),
            Frame::Html { .. } => Ok(()),
        }
    }

    fn close_inlines(&mut self, kind: InlineKind, content: Vec<Inline>) -> Result<(), Error> {
        match kind {
            InlineKind::Paragraph { .. } => {
                let block = match content.as_slice() {
                    [Inline::Image { image }] => Block::Figure {
                        image: image.clone(),
                        caption: caption(std::mem::take(&mut self.last_image_title)),
                    },
                    _ => Block::Paragraph { content },
                };
                self.push_block(block)
            }
            InlineKind::Heading { level: 1, .. } => {
                let at_start = self.title.is_none()
                    && matches!(self.stack.as_slice(), [Frame::Container { kind: ContainerKind::Root, blocks }] if blocks.is_empty());
                if at_start {
                    self.title = Some(content);
                    Ok(())
                } else {
                    Err(self.markdown_error(
                        "only the heading that opens the file may be level 1 (`#`); use `##` for sections",
                    ))
                }
            }
            InlineKind::Heading { level, id } => {
                self.push_block(Block::Heading { level, id, content })
            }
            InlineKind::Emphasis => self.push_inline(Inline::Emphasis { content }),
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
    fn ensure_inline_context(&mut self) -> Result<(), Error> {
        if matches!(self.stack.last(), Some(Frame::Container { .. })) {
            self.open(Frame::Inlines {
                kind: InlineKind::Paragraph { implicit: true },
                content: Vec::new(),
            })?;
        }
        Ok(())
    }

    fn close_implicit_paragraph(&mut self) {
        if let Some(Frame::Inlines {
            kind: InlineKind::Paragraph { implicit: true },
            ..
        }) = self.stack.last()
        {
            if let Some(Frame::Inlines { kind, content }) = self.stack.pop() {
                // Closing a paragraph only pushes a block into its container.
                let _ = self.close_inlines(kind, content);
            }
        }
    }

    fn text(&mut self, text: &str) -> Result<(), Error> {
        if let Some(Frame::Code { code, .. }) = self.stack.last_mut() {
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

    fn push_inline(&mut self, inline: Inline) -> Result<(), Error> {
        self.ensure_inline_context()?;
        match self.stack.last_mut() {
            Some(Frame::Inlines { content, .. }) => {
                content.push(inline);
                Ok(())
            }
            _ => Err(self.markdown_error("inline content outside a paragraph")),
        }
    }

    fn push_block(&mut self, block: Block) -> Result<(), Error> {
        self.close_implicit_paragraph();
        match self.stack.last_mut() {
            Some(Frame::Container { blocks, .. }) => {
                blocks.push(block);
                Ok(())
            }
            _ => Err(self.markdown_error("block content in an unexpected place")),
        }
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

    fn inline_html(&mut self, html: &str) -> Result<(), Error> {
        let trimmed = html.trim();
        if is_comment(trimmed) {
            return Ok(());
        }
        let tag = trimmed.to_ascii_lowercase().replace(' ', "");
        if matches!(tag.as_str(), "<br>" | "<br/>") {
            return self.push_inline(Inline::HardBreak);
        }
        Err(raw_html_error(self.here(), trimmed))
    }

    fn close_html_block(&mut self) -> Result<(), Error> {
        let Some(Frame::Html { text, line }) = self.stack.pop() else {
            return Ok(());
        };
        let trimmed = text.trim();
        if trimmed.is_empty() || is_comment(trimmed) {
            return Ok(());
        }
        let tag = trimmed.to_ascii_lowercase().replace(' ', "");
        if matches!(tag.as_str(), "<br>" | "<br/>") {
            return Ok(());
        }
        Err(raw_html_error(
            Location::line(self.cx.display_path, line),
            trimmed,
        ))
    }

    /// Reads a link destination: external URLs stay as written; `#anchor`
    /// and `file.md#anchor` become internal targets naming the file (relative
    /// to the manuscript folder), recorded in [`Parsed::links`] for the links
    /// pass to resolve to a part and check.
    fn link_target(&mut self, destination: &str, line: usize) -> Result<LinkTarget, Error> {
        let location = Location::line(self.cx.display_path, line);
        let broken = |reason: String| {
            Error::at(
                location.clone(),
                ErrorKind::BrokenLink {
                    target: destination.to_string(),
                    reason,
                },
            )
        };
        match url::kind(destination) {
            Kind::External => {
                return Ok(LinkTarget::External {
                    url: destination.to_string(),
                })
            }
            Kind::Malformed { expected } => {
                return Err(broken(format!(
                    "not a well-formed address: expected {expected}"
                )))
            }
            Kind::OtherScheme => {
                return Err(broken(
                    "only http, https, ftp and mailto addresses may leave the book".into(),
                ))
            }
            Kind::Internal => {}
        }
        let (path, anchor) = match destination.split_once('#') {
            Some((path, anchor)) => (path, Some(anchor)),
            None => (destination, None),
        };
        let file = if path.is_empty() {
            self.cx.file.to_string()
        } else {
            resolve_relative(self.cx.file, path)
                .ok_or_else(|| broken("it leaves the manuscript folder".into()))?
        };
        let anchor = anchor.filter(|a| !a.is_empty()).map(str::to_string);
        self.links.push(LinkRef {
            location,
            destination: destination.to_string(),
            file: file.clone(),
            anchor: anchor.clone(),
        });
        Ok(LinkTarget::Internal {
            chapter: file,
            anchor,
        })
    }

    fn image_path(&mut self, destination: &str) -> Option<String> {
        let resolved = match url::kind(destination) {
            Kind::Internal => resolve_relative(self.cx.file, destination),
            _ => None,
        };
        match resolved {
            Some(src) => {
                self.images.push(ImageRef {
                    location: self.here(),
                    src: src.clone(),
                });
                Some(src)
            }
            None => {
                self.errors.push(self.error(ErrorKind::Image {
                    path: destination.to_string(),
                    reason: "images must be files inside the manuscript folder (remote images are not embedded)".into(),
                }));
                None
            }
        }
    }

    fn finish(mut self) -> Parsed {
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
                    ErrorKind::Markdown(format!(
                        "footnote `[^{label}]` is referenced but never defined"
                    )),
                )),
            }
        }
        footnotes.sort_by_key(|f| f.number);
        if self.cx.requires_title && self.title.is_none() {
            self.errors.insert(
                0,
                Error::at(
                    Location::line(self.cx.display_path, 1),
                    ErrorKind::Markdown(
                        "the file must open with its title as a `# Title` heading".into(),
                    ),
                ),
            );
        }
        Parsed {
            title: self.title,
            blocks: root,
            footnotes,
            links: self.links,
            images: self.images,
            warnings: self.warnings,
            errors: self.errors,
        }
    }
}

fn raw_html_error(location: Location, html: &str) -> Error {
    let first_line = html.lines().next().unwrap_or(html);
    let shown: String = first_line.chars().take(40).collect();
    Error::at(
        location,
        ErrorKind::Markdown(format!(
            "raw HTML `{shown}` is not supported: write it in Markdown (only `<br>` and HTML comments are accepted)"
        )),
    )
}

fn is_comment(html: &str) -> bool {
    html.starts_with("<!--") && html.ends_with("-->")
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

/// Resolves `target` relative to the folder of `from` (both relative to the
/// manuscript folder), percent-decoding it. `None` if it escapes the folder
/// or is absolute.
pub fn resolve_relative(from: &str, target: &str) -> Option<String> {
    let target = percent_decode(target);
    if target.starts_with('/') || target.contains('\\') {
        return None;
    }
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for part in target.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::error::Errors;
    use crate::model::LinkTarget::{External, Internal};

    pub(crate) fn parsed(markdown: &str) -> Parsed {
        let cx = Context {
            file: "ch1.md",
            display_path: Path::new("m/ch1.md"),
            requires_title: false,
        };
        parse(markdown, cx)
    }

    fn try_parse(markdown: &str) -> Result<Parsed, Errors> {
        let parsed = parsed(markdown);
        if parsed.errors.is_empty() {
            Ok(parsed)
        } else {
            Err(Errors(parsed.errors))
        }
    }

    fn blocks(markdown: &str) -> Vec<Block> {
        try_parse(markdown).unwrap_or_else(|e| panic!("{e}")).blocks
    }

    fn error(markdown: &str) -> String {
        try_parse(markdown).unwrap_err().to_string()
    }

    fn text(s: &str) -> Inline {
        Inline::Text { text: s.into() }
    }

    fn para(content: Vec<Inline>) -> Block {
        Block::Paragraph { content }
    }

    #[test]
    fn title_heading_is_taken_out_of_the_body() {
        let parsed = try_parse("# The *Wars*\n\nText.\n").unwrap();
        assert_eq!(
            parsed.title,
            Some(vec![
                text("The "),
                Inline::Emphasis {
                    content: vec![text("Wars")]
                }
            ])
        );
        assert_eq!(parsed.blocks, vec![para(vec![text("Text.")])]);
    }

    #[test]
    fn a_second_level_one_heading_is_an_error_with_its_line() {
        assert_eq!(
            error("# A\n\ntext\n\n# B\n"),
            "m/ch1.md:5: only the heading that opens the file may be level 1 (`#`); use `##` for sections"
        );
    }

    #[test]
    fn headings_keep_level_and_explicit_ids() {
        assert_eq!(
            blocks("## One\n\n### Two {#custom}\n"),
            vec![
                Block::Heading {
                    level: 2,
                    id: String::new(),
                    content: vec![text("One")]
                },
                Block::Heading {
                    level: 3,
                    id: "custom".into(),
                    content: vec![text("Two")]
                },
            ]
        );
    }

    #[test]
    fn smart_punctuation_and_soft_breaks() {
        assert_eq!(
            blocks("\"Quoted\" -- it's... done---\nnext"),
            vec![para(vec![text("“Quoted” – it’s… done—\u{20}next")])]
        );
    }

    #[test]
    fn emphasis_strong_code_and_hard_breaks() {
        assert_eq!(
            blocks("*a* **b** `c`  \nd"),
            vec![para(vec![
                Inline::Emphasis {
                    content: vec![text("a")]
                },
                text(" "),
                Inline::Strong {
                    content: vec![text("b")]
                },
                text(" "),
                Inline::Code { code: "c".into() },
                Inline::HardBreak,
                text("d"),
            ])]
        );
    }

    #[test]
    fn block_quotes_nest() {
        assert_eq!(
            blocks("> a\n>\n> > b\n"),
            vec![Block::BlockQuote {
                blocks: vec![
                    para(vec![text("a")]),
                    Block::BlockQuote {
                        blocks: vec![para(vec![text("b")])]
                    }
                ]
            }]
        );
    }

    #[test]
    fn lists_keep_their_start_nesting_and_tightness() {
        assert_eq!(
            blocks("3. a\n4. b\n   - c\n\n     d\n"),
            vec![Block::List {
                start: Some(3),
                tight: true,
                items: vec![
                    vec![para(vec![text("a")])],
                    vec![
                        para(vec![text("b")]),
                        Block::List {
                            start: None,
                            tight: false,
                            items: vec![vec![para(vec![text("c")]), para(vec![text("d")])]]
                        }
                    ],
                ]
            }]
        );
        let loose = |md: &str| match blocks(md).as_slice() {
            [Block::List { tight, .. }] => !tight,
            other => panic!("{other:?}"),
        };
        assert!(loose("- a\n\n- b\n"));
        assert!(!loose("- a\n- b\n"));
        assert!(loose("- a\n  > quoted\n\n  > paragraphs\n"));
        assert!(!loose("- a\n  > one quote\n  >\n  > in two paragraphs\n"));
    }

    #[test]
    fn code_blocks_keep_language_and_lines() {
        assert_eq!(
            blocks("```rust ignore\nfn main() {}\n  x\n```\n\n    indented\n"),
            vec![
                Block::CodeBlock {
                    language: Some("rust".into()),
                    code: "fn main() {}\n  x\n".into()
                },
                Block::CodeBlock {
                    language: None,
                    code: "indented\n".into()
                },
            ]
        );
    }

    #[test]
    fn thematic_break() {
        assert_eq!(
            blocks("a\n\n---\n\nb"),
            vec![
                para(vec![text("a")]),
                Block::ThematicBreak,
                para(vec![text("b")])
            ]
        );
    }

    #[test]
    fn lone_image_becomes_a_figure_with_its_title_as_caption() {
        let parsed = try_parse(
            "![A map](img/map.png \"The frontier\")\n\nSee ![icon](sub/../m/icon.png) here.",
        )
        .unwrap();
        let map = Image {
            src: "img/map.png".into(),
            alt: "A map".into(),
            width: None,
        };
        assert_eq!(
            parsed.blocks[0],
            Block::Figure {
                image: map,
                caption: vec![text("The frontier")]
            }
        );
        let icon = Image {
            src: "m/icon.png".into(),
            alt: "icon".into(),
            width: None,
        };
        assert_eq!(
            parsed.blocks[1],
            para(vec![
                text("See "),
                Inline::Image { image: icon },
                text(" here.")
            ])
        );
        let srcs: Vec<_> = parsed
            .images
            .iter()
            .map(|i| (i.src.as_str(), i.location.line))
            .collect();
        assert_eq!(
            srcs,
            vec![("img/map.png", Some(1)), ("m/icon.png", Some(3))]
        );
    }

    #[test]
    fn figure_without_title_has_no_caption() {
        let Block::Figure { caption, .. } = &blocks("![alt](a.png)")[0] else {
            panic!()
        };
        assert!(caption.is_empty());
    }

    #[test]
    fn images_outside_the_manuscript_or_remote_are_errors() {
        assert!(error("![x](../../etc/passwd.png)")
            .contains("m/ch1.md:1: image `../../etc/passwd.png`"));
        assert!(error("![x](https://example.com/a.png)").contains("remote images are not embedded"));
    }

    #[test]
    fn tables_keep_alignment_header_and_rows() {
        assert_eq!(
            blocks("| a | b |\n|:--|--:|\n| 1 | *2* |\n"),
            vec![Block::Table {
                alignments: vec![Alignment::Left, Alignment::Right],
                header: vec![vec![text("a")], vec![text("b")]],
                rows: vec![vec![
                    vec![text("1")],
                    vec![Inline::Emphasis {
                        content: vec![text("2")]
                    }]
                ]],
            }]
        );
    }

    #[test]
    fn footnotes_are_numbered_by_first_reference() {
        let parsed = try_parse("A[^z] b[^a] c[^z].\n\n[^a]: Note A.\n[^z]: Note Z.\n").unwrap();
        let numbers: Vec<_> = parsed
            .footnotes
            .iter()
            .map(|f| (f.id.as_str(), f.number))
            .collect();
        assert_eq!(numbers, vec![("fn-z", 1), ("fn-a", 2)]);
        assert_eq!(
            parsed.footnotes[1].blocks,
            vec![para(vec![text("Note A.")])]
        );
        let Block::Paragraph { content } = &parsed.blocks[0] else {
            panic!()
        };
        assert_eq!(
            content[1],
            Inline::FootnoteRef {
                id: "fn-z".into(),
                number: 1
            }
        );
        assert_eq!(
            content[5],
            Inline::FootnoteRef {
                id: "fn-z".into(),
                number: 1
            }
        );
    }

    #[test]
    fn undefined_footnote_stays_text_as_in_gfm() {
        assert_eq!(
            blocks("Text[^missing]."),
            vec![para(vec![text("Text[^missing].")])]
        );
    }

    #[test]
    fn links_are_external_or_internal_targets_naming_the_file() {
        let parsed = try_parse(
            "[w](https://example.org/a?b=1&c) [s](#sec) [o](sub/ch2.md) [a](sub/ch2.md#x) <me@example.org>",
        )
        .unwrap();
        let Block::Paragraph { content } = &parsed.blocks[0] else {
            panic!()
        };
        let targets: Vec<_> = content
            .iter()
            .filter_map(|i| match i {
                Inline::Link { target, .. } => Some(target.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(
            targets,
            vec![
                External {
                    url: "https://example.org/a?b=1&c".into()
                },
                Internal {
                    chapter: "ch1.md".into(),
                    anchor: Some("sec".into())
                },
                Internal {
                    chapter: "sub/ch2.md".into(),
                    anchor: None
                },
                Internal {
                    chapter: "sub/ch2.md".into(),
                    anchor: Some("x".into())
                },
                External {
                    url: "mailto:me@example.org".into()
                },
            ]
        );
        let links: Vec<_> = parsed
            .links
            .iter()
            .map(|r| (r.file.as_str(), r.anchor.as_deref(), r.location.line))
            .collect();
        assert_eq!(
            links,
            vec![
                ("ch1.md", Some("sec"), Some(1)),
                ("sub/ch2.md", None, Some(1)),
                ("sub/ch2.md", Some("x"), Some(1))
            ]
        );
    }

    #[test]
    fn links_with_another_scheme_are_refused_by_the_parser() {
        assert!(error("[x](javascript://alert)").contains("only http"));
    }

    #[test]
    fn raw_html_fate() {
        assert_eq!(
            blocks("a<br>b"),
            vec![para(vec![text("a"), Inline::HardBreak, text("b")])]
        );
        assert_eq!(
            blocks("<!-- a note\nover lines -->\n\ntext <!-- inline -->"),
            vec![para(vec![text("text ")])]
        );
        assert!(error("a\n\n<div>\nx\n</div>\n")
            .starts_with("m/ch1.md:3: raw HTML `<div>` is not supported"));
        assert!(error("a <span>b</span>").starts_with("m/ch1.md:1: raw HTML `<span>`"));
    }

    #[test]
    fn nesting_is_bounded_without_overflowing_the_stack() {
        let deep_quote = ">".repeat(10_000) + " x\n";
        assert!(error(&deep_quote).contains("nesting is deeper than 64 levels"));
        let deep_list: String = (0..1_000)
            .map(|i| format!("{}- x\n", "  ".repeat(i)))
            .collect();
        assert!(error(&deep_list).contains("nesting is deeper than 64 levels"));
        let deep_emphasis = "*".repeat(5_000) + "x" + &"*".repeat(5_000);
        assert!(try_parse(&deep_emphasis).is_ok() || error(&deep_emphasis).contains("nesting"));
    }

    #[test]
    fn non_ascii_addresses_near_their_start_are_errors_not_panics() {
        let files: Vec<String> = parsed("[x](abcdeé) [y](mailtoé)")
            .links
            .into_iter()
            .map(|r| r.file)
            .collect();
        assert_eq!(files, ["abcdeé", "mailtoé"]);
        assert!(error("[ΑΓΩ]\n\n[ΑΓΩ]: /φου\n").contains("m/ch1.md:1: broken internal link `/φου`"));
        assert_eq!(
            try_parse("![x](é/httpé.png)").unwrap().images[0].src,
            "é/httpé.png"
        );
    }

    #[test]
    fn every_problem_of_a_file_is_returned_with_what_was_parsed() {
        let parsed = parsed("<div>\n\n[a](#here) [b](nowhere.md) ![c](i.png)\n\n<span>\n");
        let errors: Vec<String> = parsed.errors.iter().map(ToString::to_string).collect();
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors[0].starts_with("m/ch1.md:1: raw HTML `<div>`"));
        assert!(errors[1].starts_with("m/ch1.md:5: raw HTML `<span>`"));
        assert_eq!(parsed.links.len(), 2);
        assert_eq!(parsed.images.len(), 1);
    }

    #[test]
    fn external_links_must_be_well_formed() {
        assert_eq!(
            error("x\n<https://../>"),
            "m/ch1.md:2: broken internal link `https://../`: not a well-formed address: \
             expected an address with a host, such as `https://example.com/page`"
        );
        assert!(error("[m](mailto:nobody)").contains("expected an e-mail address"));
        assert!(error("[m](irc://x.org)").contains("only http"));
    }

    #[test]
    fn link_titles_are_kept() {
        let blocks = blocks("[a](https://x.org \"The title\") [b](#s)");
        let [Block::Paragraph { content }] = blocks.as_slice() else {
            panic!()
        };
        let titles: Vec<_> = content
            .iter()
            .filter_map(|i| match i {
                Inline::Link { title, .. } => Some(title.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(titles, [Some("The title".to_string()), None]);
    }

    #[test]
    fn empty_links_and_images_without_alt_text_warn_with_their_lines() {
        let parsed = parsed("x\n\n[](https://example.com) and [ ](#s)\n\n![](map.png)\n");
        assert!(parsed.errors.is_empty());
        let warnings: Vec<String> = parsed.warnings.iter().map(ToString::to_string).collect();
        assert_eq!(
            warnings,
            [
                "m/ch1.md:3: link to `https://example.com` has no text: its address is shown instead; write `[text](https://example.com)`",
                "m/ch1.md:3: link to `#s` has no text: its address is shown instead; write `[text](#s)`",
                "m/ch1.md:5: image `map.png` has no alternative text: describe it in `![…](…)`",
            ]
        );
        let Block::Paragraph { content } = &parsed.blocks[1] else {
            panic!()
        };
        assert_eq!(plain_text(content), "https://example.com and  #s");
        assert_eq!(
            blocks("[]()"),
            [para(vec![Inline::Link {
                target: Internal {
                    chapter: "ch1.md".into(),
                    anchor: None
                },
                title: None,
                content: vec![text("ch1.md")],
            }])]
        );
    }

    #[test]
    fn info_strings_are_decoded_as_commonmark_says() {
        let languages: Vec<_> = blocks("``` f&ouml;&ouml; x\n```\n\n```a\\_b\n```\n")
            .into_iter()
            .map(|b| match b {
                Block::CodeBlock { language, .. } => language,
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            languages,
            [Some("föö".to_string()), Some("a_b".to_string())]
        );
    }

    #[test]
    fn a_quote_that_can_only_close_is_a_closing_quote() {
        assert_eq!(
            blocks("He said it\" and left.\n\n\"One\" and \"two\n\n5\" wide, \"x\"."),
            vec![
                para(vec![text("He said it” and left.")]),
                para(vec![text("“One” and “two")]),
                para(vec![text("5” wide, “x”.")]),
            ]
        );
    }

    #[test]
    fn resolve_relative_stays_inside_the_manuscript() {
        assert_eq!(
            resolve_relative("a/b.md", "../c%20d.png").as_deref(),
            Some("c d.png")
        );
        assert_eq!(
            resolve_relative("b.md", "./x/./y.png").as_deref(),
            Some("x/y.png")
        );
        assert_eq!(resolve_relative("b.md", "../y.png"), None);
        assert_eq!(resolve_relative("b.md", "/etc/y.png"), None);
    }
}
