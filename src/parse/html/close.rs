//! Closing tags: an element ends with everything opened inside it since,
//! and what a closed container or caption gives to the frame below.

use crate::error::Error;
use crate::model::{Block, Definition, Inline};
use crate::parse::builder::{finish_row, Builder, ContainerKind, Frame, InlineKind};

impl Builder<'_> {
    /// A closing tag ends its element and everything opened inside it
    /// since; one that matches no element open inside the current Markdown
    /// block is dropped.
    pub(super) fn html_close(&mut self, name: &str) -> Result<(), Error> {
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
    pub(in crate::parse) fn close_html_container(
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
    pub(in crate::parse) fn give_inlines(
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
