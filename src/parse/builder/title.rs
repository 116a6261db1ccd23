//! The part's title and id: from its first heading (anchors alone before
//! it count as its own), or from its front matter; the other headings
//! renumbered below the title.

use super::{Builder, ContainerKind, Frame};
use crate::error::{Error, ErrorKind, Location, MarkdownError, Warning};
use crate::model::{has_no_words, Block, Inline};

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
        if has_no_words(&content) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::plain_text;
    use crate::parse::tests::*;
    use crate::parse::{front_matter_block, parse, Context, Parsed};
    use std::path::Path;

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

    /// Parses `markdown` as a part that takes its first heading as title.
    fn part(markdown: &str) -> Parsed {
        let cx = Context {
            file: "ch1.md",
            display_path: Path::new("m/ch1.md"),
            requires_title: true,
            strict_html: false,
            math: true,
            punctuation: Default::default(),
        };
        parse(markdown, cx)
    }

    fn heading_levels(blocks: &[Block]) -> Vec<(u8, String)> {
        blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading { level, content, .. } => Some((*level, plain_text(content))),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_title_of_any_level_and_headings_renumbered_below_it() {
        let parsed = part("## Sub\n\n#### Deep\n\n### A\n\n#### B\n\n## Again\n\n# Top\n");
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        assert_eq!(parsed.title, Some(vec![text("Sub")]));
        let expected = [(3, "Deep"), (2, "A"), (3, "B"), (2, "Again"), (2, "Top")];
        let expected: Vec<(u8, String)> = expected.iter().map(|&(l, t)| (l, t.into())).collect();
        assert_eq!(heading_levels(&parsed.blocks), expected);
    }

    #[test]
    fn a_second_level_one_heading_is_a_section() {
        let parsed = part("# A\n\ntext\n\n# B\n\n## C\n");
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        assert_eq!(
            heading_levels(&parsed.blocks),
            [(2, "B".to_string()), (2, "C".to_string())]
        );
    }

    #[test]
    fn an_id_on_the_title_is_an_anchor_at_the_start() {
        let parsed = part("### Title {#start}\n\ntext\n");
        assert_eq!(
            parsed.title,
            Some(vec![Inline::Anchor { id: "start".into() }, text("Title")])
        );
    }

    #[test]
    fn anchors_and_comments_before_the_title_target_the_part() {
        for md in [
            "<a id=\"x\"></a>\n\n## Title\n\ntext\n",
            "<a id=\"x\"></a>\n## Title\n\ntext\n",
            "<!-- generated -->\n\n<a name=\"x\"></a> <span id=\"y\"></span>\n\n# Title\n\ntext\n",
        ] {
            let parsed = part(md);
            assert!(parsed.errors.is_empty(), "{md:?}: {:?}", parsed.errors);
            let title = parsed.title.expect("a title");
            assert_eq!(title[0], Inline::Anchor { id: "x".into() }, "{md:?}");
            assert_eq!(plain_text(&title), "Title");
            assert_eq!(parsed.blocks, vec![para(vec![text("text")])], "{md:?}");
        }
        // Words before the title are still something before it.
        let words = part("<a id=\"x\"></a> Note.\n\n# Title\n");
        assert_eq!(words.title, None);
        assert!(!words.errors.is_empty());
    }

    #[test]
    fn a_file_without_an_opening_heading_has_no_title() {
        let parsed = part("text\n\n# Late\n");
        assert_eq!(parsed.title, None);
        assert_eq!(
            parsed.errors[0].to_string(),
            "m/ch1.md:1: the file must open with its title, a heading of any level (`# Title`)"
        );
    }

    #[test]
    fn in_the_faq_only_a_level_one_heading_is_the_title() {
        let parsed = parsed("## Question?\n\nAnswer.\n");
        assert_eq!(parsed.title, None);
        assert_eq!(
            heading_levels(&parsed.blocks),
            [(2, "Question?".to_string())]
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
                    classes: Vec::new(),
                    content: vec![text("One")]
                },
                Block::Heading {
                    level: 3,
                    id: "custom".into(),
                    classes: Vec::new(),
                    content: vec![text("Two")]
                },
            ]
        );
    }

    #[test]
    fn front_matter_title_id_and_its_problems() {
        let parsed =
            part("---\ntitle: From the Top\nid: top\ntags: [a]\n---\n\n## Section\n\n### Sub\n");
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        assert_eq!(parsed.title, Some(vec![text("From the Top")]));
        assert_eq!(parsed.id.as_deref(), Some("top"));
        assert_eq!(
            heading_levels(&parsed.blocks),
            [(2, "Section".to_string()), (3, "Sub".to_string())]
        );
        assert_eq!(
            parsed.warnings[0].to_string(),
            "m/ch1.md:1: front matter keys quire does not use (it reads `title` and `id`): `tags`"
        );
        let toml = part("+++\ntitle = \"T\"\n+++\n\n# First\n");
        assert_eq!(toml.title, Some(vec![text("T")]));
        assert_eq!(heading_levels(&toml.blocks), [(2, "First".to_string())]);
        let bad = part("---\ntitle: ok\nid: [x\n---\n\ntext\n");
        assert!(
            bad.errors.iter().any(|e| e
                .to_string()
                .starts_with("m/ch1.md:4: front matter is not valid YAML")),
            "{:?}",
            bad.errors
        );
    }

    #[test]
    fn front_matter_only_at_the_start() {
        let parsed = part("# Title\n\ntext\n\n---\nnot: front matter\n---\n");
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        assert_eq!(parsed.title, Some(vec![text("Title")]));
        assert!(parsed.id.is_none());
        assert!(parsed.blocks.contains(&Block::ThematicBreak));
        assert!(part("---\n\nx\n").title.is_none());
        assert!(front_matter_block("---\n\nx\n---\n").is_none());
        assert_eq!(
            front_matter_block("+++\na = 1\n+++\nrest"),
            Some(("a = 1\n", true, 14))
        );
    }

    #[test]
    fn empty_headings_are_left_out_with_a_warning() {
        let parsed = part("# Title\n\n## \n\n###   ###\n\ntext\n");
        assert!(parsed.errors.is_empty());
        assert_eq!(heading_levels(&parsed.blocks), []);
        assert_eq!(parsed.warnings.len(), 2);
        assert_eq!(
            parsed.warnings[0].to_string(),
            "m/ch1.md:3: an empty heading is left out"
        );
    }
}
