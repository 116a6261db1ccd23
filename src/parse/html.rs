//! Raw HTML in Markdown, mapped into the model through an allow-list.
//!
//! Every HTML fragment pulldown-cmark hands over (an HTML block, or one
//! inline tag) is cut into tokens by html5gum, a WHATWG-conformant
//! tokenizer, and each token drives the same stack of frames as Markdown:
//! a `<div>` opens a container that the Markdown after it fills until its
//! `</div>`, a `<kbd>` opens an inline frame that the next `</kbd>` closes.
//! Nothing is passed through: only the elements and attributes below reach
//! the model, and the back ends write their own markup from it.
//!
//! - Kept: `a` (`href`; `id`/`name` as anchors), `span`/`div` (`id`,
//!   `class`), `img` (`src`, `alt`, `width`, `title`), `br`, `em`/`i`,
//!   `strong`/`b`, `code`, `kbd`, `sup`, `sub`, `small`, `mark`, `s`/`del`,
//!   `ins`, `u`, `abbr` (`title`), `q`, `cite`, `p`, `pre`, `h1`–`h6`
//!   (`id`, `class`), `ul`/`ol` (`start`)/`li`, `blockquote`,
//!   `figure`/`figcaption`, `details`/`summary`, `table` and its rows and
//!   cells, `hr`, `dl`/`dt`/`dd`. Comments are dropped.
//! - Dropped with their content, with a warning: active content and forms
//!   ([`DROPPED`]); every `on…` attribute and `javascript:`, `vbscript:` or
//!   `data:` address is dropped with a warning too.
//! - Any other element (`<Listing>`, `<center>`): its tags are dropped and
//!   its content kept, with one warning per element name.
//!
//! Tags that do not fit where they stand (a `<div>` inside a paragraph, a
//! stray `</span>`, a `<td>` outside a table) are dropped and their content
//! kept; an element left open ends with the Markdown block around it (inline
//! elements with their HTML block), or at the end of the file.

use super::builder::{finish_row, Builder, ContainerKind, Frame, InlineKind};
use crate::error::{Error, ErrorKind, Warning};
use crate::model::{Block, Definition, Image, Inline, PhraseKind};
use std::collections::BTreeMap;

mod addresses;
mod tokens;
pub use addresses::{attribute_value, link_addresses, Address};
#[cfg(test)]
pub(super) use tokens::tokens;
pub(super) use tokens::{spanned_tokens, HtmlToken};

/// Elements dropped with everything inside them: they run code, embed
/// other documents or collect input, none of which belongs in a book.
pub const DROPPED: [&str; 18] = [
    "script", "style", "iframe", "object", "embed", "form", "input", "button", "select",
    "textarea", "frame", "frameset", "applet", "link", "meta", "base", "template", "noscript",
];

/// Elements that never have content or a closing tag.
const VOID: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// The safe class names of a `class` attribute.
fn classes(attributes: &BTreeMap<String, String>) -> Vec<String> {
    attributes
        .get("class")
        .map(|c| super::builder::safe_classes(c.split_whitespace()))
        .unwrap_or_default()
}

/// A non-empty attribute value, trimmed.
fn value<'a>(attributes: &'a BTreeMap<String, String>, name: &str) -> Option<&'a str> {
    attributes
        .get(name)
        .map(|v| v.trim())
        .filter(|v| !v.is_empty())
}

/// Whether an address would run code or smuggle a document in
/// (`javascript:`, `vbscript:`, `data:`), however it is spaced or cased.
fn is_active_address(address: &str) -> bool {
    let compact: String = address
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:"]
        .iter()
        .any(|scheme| compact.starts_with(scheme))
}

/// The phrase an inline element stands for.
fn phrase(name: &str) -> Option<PhraseKind> {
    Some(match name {
        "kbd" => PhraseKind::Keyboard,
        "small" => PhraseKind::Small,
        "mark" => PhraseKind::Mark,
        "ins" => PhraseKind::Inserted,
        "u" => PhraseKind::Underline,
        "abbr" => PhraseKind::Abbreviation,
        "q" => PhraseKind::Quotation,
        "cite" => PhraseKind::Citation,
        "s" | "del" | "strike" => PhraseKind::Strikethrough,
        "sup" => PhraseKind::Superscript,
        "sub" => PhraseKind::Subscript,
        _ => return None,
    })
}

/// Tags that need nothing of their own: table sections and the like.
const TRANSPARENT: [&str; 6] = ["thead", "tbody", "tfoot", "colgroup", "col", "caption"];

impl Builder<'_> {
    /// An HTML fragment: inline HTML, or an HTML block outside a frame.
    pub(super) fn html(&mut self, html: &str) -> Result<(), Error> {
        // In an HTML block, each tag's own line (the block's first is
        // `self.line`); inline HTML is one tag at the event's line.
        let mut seen = 0;
        for (at, token) in spanned_tokens(html) {
            if self.in_html_block {
                if let Some(between) = html.get(seen..at) {
                    self.line += between.matches('\n').count();
                    seen = at;
                }
            }
            self.html_token(token)?;
        }
        Ok(())
    }

    /// An HTML block ends: its tokens, read in place, then the inline
    /// elements it left open end with it.
    pub(super) fn close_html_block(&mut self) -> Result<(), Error> {
        let Some(Frame::Html { text, line }) = self.pop() else {
            return Ok(());
        };
        let line_now = std::mem::replace(&mut self.line, line);
        self.in_html_block = true;
        let mut result = self.html(&text);
        while result.is_ok() && self.top_is_html_inline() {
            result = self.close_top();
        }
        self.in_html_block = false;
        self.dropping = None;
        self.line = line_now;
        result
    }

    fn top_is_html_inline(&self) -> bool {
        match self.stack.last() {
            Some(Frame::Inlines {
                kind: InlineKind::Paragraph { implicit: true },
                ..
            }) => true,
            Some(Frame::Inlines { .. } | Frame::Code { .. }) => self.top_is_html(),
            _ => false,
        }
    }

    fn html_token(&mut self, token: HtmlToken) -> Result<(), Error> {
        if let Some(dropped) = &self.dropping {
            if matches!(&token, HtmlToken::Close { name } if name == dropped) {
                self.dropping = None;
            }
            return Ok(());
        }
        match token {
            HtmlToken::Text(text) => self.html_text(&text),
            HtmlToken::Open { name, attributes } => self.html_open(&name, &attributes),
            HtmlToken::Close { name } => self.html_close(&name),
        }
    }

    fn html_text(&mut self, text: &str) -> Result<(), Error> {
        match self.stack.last_mut() {
            Some(Frame::Code { code, .. }) => {
                // As in HTML, a newline right after `<pre>` is not content.
                let text = if code.is_empty() {
                    text.strip_prefix('\n').unwrap_or(text)
                } else {
                    text
                };
                code.push_str(text);
                Ok(())
            }
            Some(Frame::Inlines { .. }) => self.text(&collapse(text)),
            Some(Frame::Container { .. }) if !text.trim().is_empty() => {
                self.text(collapse(text).trim_start())
            }
            _ => Ok(()),
        }
    }

    fn warn_once(&mut self, name: &str, message: String) {
        if self.warned.insert(name.to_string()) {
            self.warnings.push(Warning::at(self.here(), message).once());
        }
    }

    /// Active content, dropped: a warning (once per `name`), or under
    /// `strict-html` an error at each place.
    fn active(&mut self, name: &str, message: String) {
        if self.cx.strict_html {
            let error = self.error(ErrorKind::Markdown(format!(
                "{message} (`strict-html` is set: remove it)"
            )));
            self.errors.push(error);
        } else {
            self.warn_once(name, message);
        }
    }

    /// Whether inline content may go here (an implicit paragraph opens in
    /// a container).
    fn inline_place(&self) -> bool {
        matches!(
            self.stack.last(),
            Some(Frame::Inlines { .. } | Frame::Container { .. })
        )
    }

    /// Whether a block may open here: in a container, or after an implicit
    /// paragraph of the same HTML block (which it then closes).
    fn block_place(&mut self) -> bool {
        match self.stack.last() {
            Some(Frame::Container { .. }) => true,
            Some(Frame::Inlines {
                kind: InlineKind::Paragraph { implicit: true },
                ..
            }) if self.in_html_block => {
                self.close_implicit_paragraph();
                true
            }
            _ => false,
        }
    }

    fn open_html(&mut self, name: &str, frame: Frame) -> Result<(), Error> {
        self.open(frame)?;
        self.html_open
            .push((self.stack.len() - 1, name.to_string()));
        Ok(())
    }

    fn open_inline(&mut self, name: &str, kind: InlineKind) -> Result<(), Error> {
        self.ensure_inline_context()?;
        self.open_html(
            name,
            Frame::Inlines {
                kind,
                content: Vec::new(),
            },
        )
    }

    fn open_container(&mut self, name: &str, kind: ContainerKind) -> Result<(), Error> {
        self.open_html(
            name,
            Frame::Container {
                kind,
                blocks: Vec::new(),
            },
        )
    }

    /// An anchor for the element's `id` (and an `<a>`'s `name`), where
    /// inline content may go.
    fn anchors(&mut self, name: &str, attributes: &BTreeMap<String, String>) -> Result<(), Error> {
        let mut ids = vec![value(attributes, "id")];
        if name == "a" {
            ids.push(value(attributes, "name"));
        }
        let mut ids: Vec<String> = ids.into_iter().flatten().map(str::to_string).collect();
        ids.dedup();
        for id in ids {
            if self.inline_place() {
                self.push_inline(Inline::Anchor { id })?;
            }
        }
        Ok(())
    }

    fn html_open(
        &mut self,
        name: &str,
        attributes: &BTreeMap<String, String>,
    ) -> Result<(), Error> {
        for attribute in attributes.keys().filter(|a| a.starts_with("on")) {
            let key = format!("{name} {attribute}");
            self.active(
                &key,
                format!("the `{attribute}` attribute of `<{name}>` runs code: it is dropped"),
            );
        }
        if DROPPED.contains(&name) {
            self.active(
                name,
                format!("`<{name}>` is active content or a form: it is dropped with its content"),
            );
            if !VOID.contains(&name) {
                self.dropping = Some(name.to_string());
            }
            return Ok(());
        }
        if let Some(kind) = phrase(name) {
            if !self.inline_place() {
                return Ok(());
            }
            self.anchors(name, attributes)?;
            let title = value(attributes, "title").map(str::to_string);
            let classes = classes(attributes);
            return self.open_inline(
                name,
                InlineKind::Phrase {
                    kind,
                    classes,
                    title,
                },
            );
        }
        match name {
            "a" | "span" | "em" | "i" | "strong" | "b" | "code" | "br" | "img" => {
                if self.inline_place() {
                    self.inline_element(name, attributes)?;
                }
            }
            "p" | "figcaption" | "summary" | "dt" | "th" | "td" | "tr" => {
                self.text_block(name, attributes)?;
            }
            "div" | "figure" | "details" | "dd" | "dl" | "table" | "pre" | "hr" | "blockquote"
            | "ul" | "ol" | "li" => {
                self.block_element(name, attributes)?;
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => self.html_heading(name, attributes)?,
            _ if TRANSPARENT.contains(&name) => {}
            _ => self.warn_once(
                name,
                format!(
                    "`<{name}>` is not HTML quire knows: its tags are dropped and its content kept"
                ),
            ),
        }
        Ok(())
    }

    fn inline_element(
        &mut self,
        name: &str,
        attributes: &BTreeMap<String, String>,
    ) -> Result<(), Error> {
        self.anchors(name, attributes)?;
        match name {
            "a" => {
                let Some(href) = value(attributes, "href") else {
                    return Ok(());
                };
                // A link inside a link is its text only.
                let in_link = self.stack.iter().any(|f| {
                    matches!(
                        f,
                        Frame::Inlines {
                            kind: InlineKind::Link { .. } | InlineKind::Image { .. },
                            ..
                        }
                    )
                });
                if in_link {
                    return Ok(());
                }
                if is_active_address(href) {
                    self.active("a href", format!(
                        "the address `{href}` of a link runs code or embeds data: the link is dropped, its text kept"
                    ));
                    return Ok(());
                }
                let kind = InlineKind::Link {
                    destination: href.to_string(),
                    title: value(attributes, "title").unwrap_or_default().to_string(),
                    line: self.line,
                };
                self.open_inline(name, kind)
            }
            "span" => {
                let classes = classes(attributes);
                if classes.is_empty() {
                    return Ok(());
                }
                let kind = InlineKind::Phrase {
                    kind: PhraseKind::Span,
                    classes,
                    title: None,
                };
                self.open_inline(name, kind)
            }
            "em" | "i" => self.open_inline(name, InlineKind::Emphasis),
            "strong" | "b" => self.open_inline(name, InlineKind::Strong),
            "code" => self.open_inline(name, InlineKind::Code),
            "br" => self.push_inline(Inline::HardBreak),
            _ => self.image(attributes),
        }
    }

    fn image(&mut self, attributes: &BTreeMap<String, String>) -> Result<(), Error> {
        let Some(src) = value(attributes, "src") else {
            return Ok(());
        };
        if is_active_address(src) {
            self.active(
                "img src",
                format!(
                "the address `{src}` of an image embeds data or runs code: the image is dropped"
            ),
            );
            return Ok(());
        }
        let Some(src) = self.image_path(src) else {
            return Ok(());
        };
        let alt = attributes
            .get("alt")
            .map(|a| collapse(a).trim().to_string())
            .unwrap_or_default();
        if alt.is_empty() {
            self.warnings.push(Warning::at(
                self.here(),
                format!("image `{src}` has no alternative text: describe it in its `alt`"),
            ));
        }
        let width = value(attributes, "width")
            .and_then(|w| w.strip_suffix("px").unwrap_or(w).parse::<u32>().ok())
            .filter(|w| *w > 0);
        self.last_image_title = value(attributes, "title").unwrap_or_default().to_string();
        self.push_inline(Inline::Image {
            image: Image { src, alt, width },
        })
    }

    /// Elements that hold inline content in a block of their own.
    fn text_block(
        &mut self,
        name: &str,
        attributes: &BTreeMap<String, String>,
    ) -> Result<(), Error> {
        // An open element of the same family ends where the next begins.
        let ends = match name {
            "p" => &["p"][..],
            "dt" => &["dt", "dd"][..],
            "th" | "td" => &["th", "td"][..],
            "tr" => &["th", "td", "tr"][..],
            _ => &[][..],
        };
        while self
            .html_open
            .last()
            .is_some_and(|(i, n)| *i + 1 == self.stack.len() && ends.contains(&n.as_str()))
        {
            self.close_top()?;
        }
        if self.in_html_block {
            self.close_implicit_paragraph();
        }
        let inline = |kind| Frame::Inlines {
            kind,
            content: Vec::new(),
        };
        match (name, self.stack.last_mut()) {
            (
                "tr",
                Some(Frame::Table {
                    header,
                    rows,
                    row,
                    head,
                    ..
                }),
            ) => {
                if !row.is_empty() {
                    finish_row(header, rows, std::mem::take(row), *head);
                }
                *head = true;
                return Ok(());
            }
            ("th" | "td", Some(Frame::Table { head, .. })) => {
                *head &= name == "th";
                self.open_html(name, inline(InlineKind::Cell))?;
                return self.anchors(name, attributes);
            }
            ("dt", Some(Frame::Definitions { .. })) => {
                self.open_html(name, inline(InlineKind::Term))?;
                return self.anchors(name, attributes);
            }
            (
                "figcaption",
                Some(Frame::Container {
                    kind: ContainerKind::Figure { .. },
                    ..
                }),
            ) => {
                self.open_html(name, inline(InlineKind::Caption))?;
                return self.anchors(name, attributes);
            }
            (
                "summary",
                Some(Frame::Container {
                    kind: ContainerKind::Details { .. },
                    ..
                }),
            ) => {
                self.open_html(name, inline(InlineKind::Summary))?;
                return self.anchors(name, attributes);
            }
            ("tr", _) => return Ok(()),
            _ => {}
        }
        // Anywhere else, a paragraph of its own where blocks may go.
        if self.block_place() {
            self.open_html(name, inline(InlineKind::Paragraph { implicit: false }))?;
            self.anchors(name, attributes)?;
        }
        Ok(())
    }

    /// `<h1>`…`<h6>`: a heading like Markdown's (a title when it opens the
    /// file, renumbered below it otherwise), its `id` kept.
    fn html_heading(
        &mut self,
        name: &str,
        attributes: &BTreeMap<String, String>,
    ) -> Result<(), Error> {
        if self.in_html_block {
            self.close_implicit_paragraph();
        }
        if !self.block_place() {
            return Ok(());
        }
        let level = name[1..].parse().unwrap_or(2);
        let kind = InlineKind::Heading {
            level,
            id: value(attributes, "id").unwrap_or_default().to_string(),
            classes: classes(attributes),
        };
        self.open_html(
            name,
            Frame::Inlines {
                kind,
                content: Vec::new(),
            },
        )
    }

    /// Elements that hold blocks, or are blocks.
    fn block_element(
        &mut self,
        name: &str,
        attributes: &BTreeMap<String, String>,
    ) -> Result<(), Error> {
        if name == "dd" {
            while self
                .html_open
                .last()
                .is_some_and(|(i, n)| *i + 1 == self.stack.len() && (n == "dt" || n == "dd"))
            {
                self.close_top()?;
            }
            if matches!(self.stack.last(), Some(Frame::Definitions { .. })) {
                return self.open_container(name, ContainerKind::Definition);
            }
        }
        if name == "li" {
            // An open item ends where the next begins; outside a list an
            // item is a division.
            self.close_implicit_paragraph();
            while self
                .html_open
                .last()
                .is_some_and(|(i, n)| *i + 1 == self.stack.len() && n == "li")
            {
                self.close_top()?;
                self.close_implicit_paragraph();
            }
            if matches!(self.stack.last(), Some(Frame::List { .. })) {
                return self.open_container(name, ContainerKind::Item);
            }
        }
        if !self.block_place() {
            return Ok(());
        }
        match name {
            "blockquote" => self.open_container(name, ContainerKind::Quote(None)),
            "ul" | "ol" => self.open_html(
                name,
                Frame::List {
                    start: (name == "ol").then(|| {
                        value(attributes, "start")
                            .and_then(|s| s.parse().ok())
                            .unwrap_or(1)
                    }),
                    tight: true,
                    items: Vec::new(),
                },
            ),
            "div" => self.open_container(
                name,
                ContainerKind::Division {
                    id: value(attributes, "id").map(str::to_string),
                    classes: classes(attributes),
                },
            ),
            "figure" => self.open_container(
                name,
                ContainerKind::Figure {
                    caption: Vec::new(),
                },
            ),
            "details" => self.open_container(
                name,
                ContainerKind::Details {
                    summary: Vec::new(),
                },
            ),
            // A `<dd>` or `<li>` outside its list: a division.
            "dd" | "li" => self.open_container(
                name,
                ContainerKind::Division {
                    id: None,
                    classes: Vec::new(),
                },
            ),
            "dl" => self.open_html(name, Frame::Definitions { items: Vec::new() }),
            "table" => self.open_html(
                name,
                Frame::Table {
                    alignments: Vec::new(),
                    header: Vec::new(),
                    rows: Vec::new(),
                    row: Vec::new(),
                    head: false,
                },
            ),
            "pre" => self.open_html(
                name,
                Frame::Code {
                    language: None,
                    code: String::new(),
                    caption: Vec::new(),
                },
            ),
            _ => self.push_block(Block::ThematicBreak),
        }
    }

    /// A closing tag ends its element and everything opened inside it
    /// since; one that matches no element open inside the current Markdown
    /// block is dropped.
    fn html_close(&mut self, name: &str) -> Result<(), Error> {
        if name == "tr" {
            while matches!(
                self.stack.last(),
                Some(Frame::Inlines {
                    kind: InlineKind::Cell,
                    ..
                })
            ) && self.top_is_html()
            {
                self.close_top()?;
            }
            if let Some(Frame::Table {
                header,
                rows,
                row,
                head,
                ..
            }) = self.stack.last_mut()
            {
                if !row.is_empty() {
                    finish_row(header, rows, std::mem::take(row), *head);
                }
            }
            return Ok(());
        }
        let barrier = (0..self.stack.len())
            .rev()
            .find(|&i| {
                let html = self.html_open.iter().any(|(j, _)| *j == i);
                let implicit = matches!(
                    self.stack[i],
                    Frame::Inlines {
                        kind: InlineKind::Paragraph { implicit: true },
                        ..
                    }
                );
                !html && !implicit
            })
            .unwrap_or(0);
        let open = self
            .html_open
            .iter()
            .rev()
            .find(|(i, n)| n == name && *i > barrier)
            .map(|(i, _)| *i);
        if let Some(index) = open {
            while self.stack.len() > index {
                self.close_top()?;
            }
        }
        Ok(())
    }

    /// A container opened by HTML closes.
    pub(super) fn close_html_container(
        &mut self,
        kind: ContainerKind,
        blocks: Vec<Block>,
    ) -> Result<(), Error> {
        match kind {
            ContainerKind::Division { id, classes } => self.push_block(Block::Division {
                id,
                classes,
                blocks,
            }),
            ContainerKind::Details { summary } => {
                self.push_block(Block::Details { summary, blocks })
            }
            ContainerKind::Definition => {
                if let Some(Frame::Definitions { items }) = self.stack.last_mut() {
                    match items.last_mut() {
                        Some(item) => item.definitions.push(blocks),
                        None => items.push(Definition {
                            term: Vec::new(),
                            definitions: vec![blocks],
                        }),
                    }
                }
                Ok(())
            }
            ContainerKind::Figure { caption } => {
                let image = match blocks.as_slice() {
                    [Block::Figure { image, caption }] => Some((image.clone(), caption.clone())),
                    _ => None,
                };
                match image {
                    Some((image, own)) => self.push_block(Block::Figure {
                        image,
                        caption: if caption.is_empty() { own } else { caption },
                    }),
                    None => {
                        let mut blocks = blocks;
                        if !caption.is_empty() {
                            blocks.push(Block::Paragraph { content: caption });
                        }
                        self.push_block(Block::Division {
                            id: None,
                            classes: vec!["figure".into()],
                            blocks,
                        })
                    }
                }
            }
            // Markdown's own containers are closed by the builder.
            ContainerKind::Root
            | ContainerKind::Quote(_)
            | ContainerKind::Item
            | ContainerKind::Footnote(_) => Ok(()),
        }
    }

    /// A caption, summary or term gives its content to the frame below.
    pub(super) fn give_inlines(
        &mut self,
        kind: InlineKind,
        content: Vec<Inline>,
    ) -> Result<(), Error> {
        match (kind, self.stack.last_mut()) {
            (
                InlineKind::Caption,
                Some(Frame::Container {
                    kind: ContainerKind::Figure { caption },
                    ..
                }),
            )
            | (
                InlineKind::Summary,
                Some(Frame::Container {
                    kind: ContainerKind::Details { summary: caption },
                    ..
                }),
            ) => {
                caption.extend(content);
            }
            (InlineKind::Term, Some(Frame::Definitions { items })) => {
                items.push(Definition {
                    term: content,
                    definitions: Vec::new(),
                });
            }
            _ => {}
        }
        Ok(())
    }
}

/// Runs of white space as one space, as HTML renders text.
fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
    if text.starts_with(char::is_whitespace) && !out.is_empty() {
        out.insert(0, ' ');
    }
    if text.ends_with(char::is_whitespace) {
        out.push(' ');
    }
    out
}

#[cfg(test)]
mod tests;
