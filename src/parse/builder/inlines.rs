//! Inline content closed: a paragraph (or a lone image, which becomes a
//! figure), emphasis, phrases, links and images with their warnings;
//! formulas checked as they come, and footnote marks numbered.

use super::{Builder, Frame, InlineKind};
use crate::error::{Error, Location, MarkdownError, Warning};
use crate::model::{plain_text, Block, Image, Inline};

impl Builder<'_> {
    pub(super) fn close_inlines(
        &mut self,
        kind: InlineKind,
        content: Vec<Inline>,
    ) -> Result<(), Error> {
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

    /// A formula: its TeX is read now, so that a mistake in it is an error
    /// at its line and the back ends get only formulas they can set.
    pub(super) fn math(&mut self, tex: &str, display: bool) -> Result<(), Error> {
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

    pub(super) fn footnote_reference(&mut self, label: &str) -> Result<(), Error> {
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
