//! Problems that do not stop a build but that an author should fix:
//! characters no shipped font can draw. (The parser warns about images
//! without alternative text and empty links, with their lines.)

use crate::error::{Location, Warning};
use crate::fonts::{self, Style};
use crate::model::{walk, Block, Book, Chapter, Inline};
use std::collections::BTreeSet;
use std::path::Path;

/// Every warning for the book, in reading order; each missing character is
/// reported once, at its first use. `dir` is the manuscript folder, joined to
/// each part's source file in the warnings' locations (`book.toml` for the
/// metadata).
pub fn warnings(book: &Book, dir: &Path) -> Vec<Warning> {
    let mut out = Vec::new();
    let faces: Vec<_> = Style::ALL
        .iter()
        .filter_map(|&style| rustybuzz::ttf_parser::Face::parse(fonts::face(style).data, 0).ok())
        .collect();
    let mut reported = BTreeSet::new();
    let metadata = &book.metadata;
    let mut pieces: Vec<(&str, &str)> = [&metadata.title]
        .into_iter()
        .chain(&metadata.authors)
        .chain(&metadata.subtitle)
        .map(|t| ("", t.as_str()))
        .collect();
    for part in book.parts() {
        pieces.extend(
            pieces_of(part)
                .into_iter()
                .map(|p| (part.source.as_str(), p)),
        );
    }
    for (file, text) in pieces {
        let location = Location::file(dir.join(if file.is_empty() { "book.toml" } else { file }));
        let warn = |message: String| Warning::at(location.clone(), message);
        for c in text.chars() {
            // The PDF falls back from face to face; so does this check.
            let covered = c.is_control() || faces.iter().any(|f| f.glyph_index(c).is_some());
            if !covered && reported.insert(c) {
                out.push(warn(format!(
                    "no shipped font has the character {c:?} (U+{:04X}); the PDF leaves it out",
                    c as u32
                )));
            }
        }
    }
    out
}

/// A part's text and code, in reading order (footnotes last).
fn pieces_of(part: &Chapter) -> Vec<&str> {
    let mut out = Vec::new();
    walk::inline_tree(&part.title, &mut |i| push_inline(i, &mut out));
    for blocks in std::iter::once(&part.blocks).chain(part.footnotes.iter().map(|f| &f.blocks)) {
        walk::blocks(blocks, &mut |b| {
            if let Block::CodeBlock { code, .. } = b {
                out.push(code.as_str());
            }
        });
        walk::inlines(blocks, &mut |i| push_inline(i, &mut out));
    }
    out
}

fn push_inline<'a>(inline: &'a Inline, out: &mut Vec<&'a str>) {
    match inline {
        Inline::Text { text } => out.push(text),
        Inline::Code { code } => out.push(code),
        _ => {}
    }
}
