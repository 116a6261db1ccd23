//! Problems that do not stop a build but that an author should fix: images
//! without alternative text, characters no shipped font can draw.

use crate::fonts::{self, Style};
use crate::model::{Block, Book, Chapter, Inline};
use std::collections::BTreeSet;
use std::fmt;

/// One thing worth fixing, and the file it is in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// The source file, relative to the manuscript folder (empty for metadata).
    pub file: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.file.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.file, self.message)
        }
    }
}

/// Every warning for the book, in reading order; each missing character is
/// reported once, at its first use.
pub fn warnings(book: &Book) -> Vec<Warning> {
    let mut out = Vec::new();
    let text_face = face(Style::Regular);
    let mono_face = face(Style::Mono);
    let mut reported = BTreeSet::new();
    let mut missing = |file: &str, text: &str, mono: bool, out: &mut Vec<Warning>| {
        let face = if mono { &mono_face } else { &text_face };
        for c in text.chars() {
            if !c.is_control()
                && face.as_ref().is_some_and(|f| f.glyph_index(c).is_none())
                && reported.insert(c)
            {
                out.push(Warning {
                    file: file.to_string(),
                    message: format!("no shipped font has the character {c:?} (U+{:04X}); it will not be printed", c as u32),
                });
            }
        }
    };
    let metadata = &book.metadata;
    for text in [&metadata.title]
        .into_iter()
        .chain(&metadata.authors)
        .chain(&metadata.subtitle)
    {
        missing("", text, false, &mut out);
    }
    for part in book.parts() {
        let mut visitor = |item: Item<'_>, out: &mut Vec<Warning>| match item {
            Item::Text(text) => missing(&part.source, text, false, out),
            Item::Code(code) => missing(&part.source, code, true, out),
            Item::Image(src, alt) => {
                if alt.trim().is_empty() {
                    out.push(Warning {
                        file: part.source.clone(),
                        message: format!(
                            "image `{src}` has no alternative text: describe it in `![…](…)`"
                        ),
                    });
                }
            }
        };
        visit_part(part, &mut |item| visitor(item, &mut out));
    }
    out
}

fn face(style: Style) -> Option<rustybuzz::ttf_parser::Face<'static>> {
    rustybuzz::ttf_parser::Face::parse(fonts::face(style).data, 0).ok()
}

enum Item<'a> {
    Text(&'a str),
    Code(&'a str),
    Image(&'a str, &'a str),
}

fn visit_part<'a>(part: &'a Chapter, f: &mut impl FnMut(Item<'a>)) {
    visit_inlines(&part.title, f);
    visit_blocks(&part.blocks, f);
    part.footnotes
        .iter()
        .for_each(|n| visit_blocks(&n.blocks, f));
}

fn visit_blocks<'a>(blocks: &'a [Block], f: &mut impl FnMut(Item<'a>)) {
    for block in blocks {
        match block {
            Block::Heading { content, .. } | Block::Paragraph { content } => {
                visit_inlines(content, f)
            }
            Block::BlockQuote { blocks } => visit_blocks(blocks, f),
            Block::List { items, .. } => items.iter().for_each(|i| visit_blocks(i, f)),
            Block::CodeBlock { code, .. } => f(Item::Code(code)),
            Block::Figure { image, caption } => {
                f(Item::Image(&image.src, &image.alt));
                visit_inlines(caption, f);
            }
            Block::Table { header, rows, .. } => header
                .iter()
                .chain(rows.iter().flatten())
                .for_each(|c| visit_inlines(c, f)),
            Block::ThematicBreak => {}
        }
    }
}

fn visit_inlines<'a>(inlines: &'a [Inline], f: &mut impl FnMut(Item<'a>)) {
    for inline in inlines {
        match inline {
            Inline::Text { text } => f(Item::Text(text)),
            Inline::Code { code } => f(Item::Code(code)),
            Inline::Emphasis { content }
            | Inline::Strong { content }
            | Inline::Link { content, .. } => visit_inlines(content, f),
            Inline::Image { image } => f(Item::Image(&image.src, &image.alt)),
            Inline::FootnoteRef { .. } | Inline::HardBreak => {}
        }
    }
}
