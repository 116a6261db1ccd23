//! Markdown's elements opened and closed: each start tag becomes a frame
//! on the stack, each end tag closes it into what it stands for (a quote,
//! an alert, a list, a listing, a table…), given to the frame below.

use super::{Builder, ContainerKind, Frame, InlineKind};
use crate::error::{Error, MarkdownError};
use crate::model::{has_no_words, AlertKind, Alignment, Block, Inline, PhraseKind};
use pulldown_cmark::{HeadingLevel, LinkType, Tag, TagEnd};

impl Builder<'_> {
    pub(super) fn start(&mut self, tag: Tag<'_>) -> Result<(), Error> {
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
                        crate::parse::listing::fence_info(&info)
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

    pub(super) fn end(&mut self, tag: TagEnd) -> Result<(), Error> {
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

    /// Turns a frame just popped into what it stands for, given to the
    /// frame below.
    pub(super) fn close(&mut self, frame: Frame) -> Result<(), Error> {
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
                    caption = crate::parse::listing::take_filename(blocks);
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
                if header.iter().all(|cell| has_no_words(cell)) {
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
pub(in crate::parse) fn finish_row(
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
pub(in crate::parse) fn safe_classes<'c>(classes: impl Iterator<Item = &'c str>) -> Vec<String> {
    classes
        .filter(|c| {
            !c.is_empty()
                && c.chars()
                    .all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_')
        })
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::tests::*;

    #[test]
    fn a_table_header_without_words_is_no_header() {
        let blocks = blocks("|   |   |\n|---|---|\n| a | b |\n");
        let [Block::Table { header, rows, .. }] = blocks.as_slice() else {
            panic!("{blocks:?}")
        };
        assert!(header.is_empty());
        assert_eq!(rows.len(), 1);
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
                    code: "fn main() {}\n  x\n".into(),
                    highlight: Vec::new(),
                    caption: vec![],
                },
                Block::CodeBlock {
                    language: None,
                    code: "indented\n".into(),
                    highlight: Vec::new(),
                    caption: vec![],
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
    fn extensions_definition_lists_alerts_and_heading_classes() {
        use crate::model::{AlertKind, Definition};
        assert_eq!(
            blocks("Term\n: One.\n: Two.\n\n> [!TIP]\n> Do this.\n\n## Head {.a .b$ #h}\n"),
            vec![
                Block::DefinitionList {
                    items: vec![Definition {
                        term: vec![text("Term")],
                        definitions: vec![
                            vec![para(vec![text("One.")])],
                            vec![para(vec![text("Two.")])]
                        ],
                    }]
                },
                Block::Alert {
                    kind: AlertKind::Tip,
                    blocks: vec![para(vec![text("Do this.")])]
                },
                Block::Heading {
                    level: 2,
                    id: "h".into(),
                    classes: vec!["a".into()],
                    content: vec![text("Head")]
                },
            ]
        );
    }
}
