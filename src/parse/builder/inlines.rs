//! Inline content closed: a paragraph (or a lone image, which becomes a
//! figure), emphasis, phrases, links and images with their warnings;
//! formulas checked as they come, and footnote marks numbered.

use super::{Builder, Frame, InlineKind};
use crate::error::{Error, Location, MarkdownError, Warning};
use crate::model::{has_no_words, plain_text, Block, Image, Inline};

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
                if has_no_words(&content) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::LinkTarget::Internal;
    use crate::parse::tests::*;

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
    fn extensions_strikethrough_super_and_subscript_tasks() {
        let phrase = |kind, t: &str| Inline::Phrase {
            kind,
            classes: vec![],
            title: None,
            content: vec![text(t)],
        };
        use crate::model::PhraseKind;
        assert_eq!(
            blocks("~~old~~ x ^2^ H ~2~ O $5 x^2^"),
            vec![para(vec![
                phrase(PhraseKind::Strikethrough, "old"),
                text(" x "),
                phrase(PhraseKind::Superscript, "2"),
                text(" H "),
                phrase(PhraseKind::Subscript, "2"),
                // Within a word, pulldown-cmark 0.13 reads neither; math stays text.
                text(" O $5 x^2^"),
            ])]
        );
        let list = blocks("- [x] done\n- [ ] not yet\n");
        let Block::List { items, .. } = &list[0] else {
            panic!("{list:?}")
        };
        assert_eq!(
            items[0],
            vec![para(vec![Inline::Task { done: true }, text("done")])]
        );
        assert_eq!(
            items[1],
            vec![para(vec![Inline::Task { done: false }, text("not yet")])]
        );
    }
}
