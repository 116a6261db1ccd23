//! The part's title and id: from its first heading (anchors alone before
//! it count as its own), or from its front matter; the other headings
//! renumbered below the title.

use super::{Builder, ContainerKind, Frame};
use crate::error::{Error, ErrorKind, Location, MarkdownError, Warning};
use crate::model::{plain_text, Block, Inline};

impl Builder<'_> {
    /// A heading closes. The file's first heading, when nothing comes
    /// before it, is its title, whatever its level (in the FAQ only a `#`
    /// heading is: its questions are `##`); an explicit `{#id}` on it becomes
    /// an anchor at the part's start. Every other heading is renumbered so
    /// that the title is level 1 and the rest keep their depth below it; one
    /// at the title's level or above (a second `#`) is a section, level 2.
    pub(super) fn heading(
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
    pub(in crate::parse) fn front_matter(
        &mut self,
        text: &str,
        toml: bool,
        line: usize,
    ) -> Result<(), Error> {
        let front = crate::parse::front::read(text, toml).map_err(|(message, at)| {
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
