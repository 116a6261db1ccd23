//! What each allowed opening tag becomes: inline elements and images,
//! elements holding a line of text (paragraphs, cells, terms, captions),
//! headings, and elements holding blocks (lists, quotes, divisions, tables).

use super::{classes, collapse, is_active_address, value};
use crate::error::{ActiveContent, Error, Warning};
use crate::model::{Block, Image, Inline, PhraseKind};
use crate::parse::builder::{finish_row, Builder, ContainerKind, Frame, InlineKind};
use std::collections::BTreeMap;

impl Builder<'_> {
    pub(super) fn inline_element(
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
                    self.active(
                        "a href",
                        ActiveContent::LinkAddress {
                            address: href.to_string(),
                        },
                    );
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
                ActiveContent::ImageAddress {
                    address: src.to_string(),
                },
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
    pub(super) fn text_block(
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
    pub(super) fn html_heading(
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
    pub(super) fn block_element(
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
}
