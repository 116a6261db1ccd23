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
//!
//! This module reads the tokens and decides where they may go; `elements`
//! says what each opening tag becomes, `close` what a closing tag ends.

use super::builder::{Builder, ContainerKind, Frame, InlineKind};
use crate::error::{ActiveContent, Error, ErrorKind, MarkdownError, Warning};
use crate::model::{Inline, PhraseKind};
use std::collections::BTreeMap;

mod addresses;
mod close;
mod elements;
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
    fn active(&mut self, name: &str, content: ActiveContent) {
        if self.cx.strict_html {
            let error = self.error(ErrorKind::Markdown(MarkdownError::ActiveHtml { content }));
            self.errors.push(error);
        } else {
            self.warn_once(name, content.to_string());
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
                ActiveContent::Handler {
                    element: name.to_string(),
                    attribute: attribute.clone(),
                },
            );
        }
        if DROPPED.contains(&name) {
            self.active(
                name,
                ActiveContent::Element {
                    element: name.to_string(),
                },
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
