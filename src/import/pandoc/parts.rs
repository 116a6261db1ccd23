//! The book cut into parts: a new part at each top-level `#` heading of
//! the files read one after the other, and what each part becomes (front
//! matter, chapter or appendix).

use super::attrs::{strip_attr_text, Attrs};
use super::{scan, Input};
use crate::error::{Location, Warning};
use crate::model::ChapterKind;
use std::ops::Range;

/// A part in the making: the heading opening it (file and index into its
/// scan's headings; `None` for the text before the first heading) and the
/// pieces of files it is made of.
pub(super) struct Piece {
    pub(super) heading: Option<(usize, usize)>,
    pub(super) segments: Vec<(usize, Range<usize>)>,
}

/// The pieces of the book: a new one at each top-level `#` heading; text
/// before the first one (if any but blank) is a piece of its own.
pub(super) fn split(inputs: &[Input]) -> Vec<Piece> {
    let mut pieces: Vec<Piece> = Vec::new();
    for (f, input) in inputs.iter().enumerate() {
        let mut pos = 0;
        let starts = input
            .scan
            .headings
            .iter()
            .enumerate()
            .filter(|(_, h)| h.level == 1 && h.top && !is_blank_chapter_heading(input, h));
        for (h, heading) in starts {
            add_segment(&mut pieces, f, pos..heading.range.start, &input.text);
            pieces.push(Piece {
                heading: Some((f, h)),
                segments: Vec::new(),
            });
            pos = heading.range.start;
        }
        add_segment(&mut pieces, f, pos..input.text.len(), &input.text);
    }
    pieces
}

fn add_segment(pieces: &mut Vec<Piece>, f: usize, range: Range<usize>, text: &str) {
    if range.is_empty() {
        return;
    }
    match pieces.last_mut() {
        Some(piece) => piece.segments.push((f, range)),
        None if !text[range.clone()].trim().is_empty() => pieces.push(Piece {
            heading: None,
            segments: vec![(f, range)],
        }),
        None => {}
    }
}

/// For each heading of each file, the piece it falls in.
pub(super) fn owners(inputs: &[Input], pieces: &[Piece]) -> Vec<Vec<usize>> {
    inputs
        .iter()
        .enumerate()
        .map(|(f, input)| {
            input
                .scan
                .headings
                .iter()
                .map(|h| piece_at(pieces, f, h.range.start).unwrap_or(0))
                .collect()
        })
        .collect()
}

/// The piece holding byte `at` of file `f`.
pub(super) fn piece_at(pieces: &[Piece], f: usize, at: usize) -> Option<usize> {
    pieces
        .iter()
        .position(|p| p.segments.iter().any(|(g, r)| *g == f && r.contains(&at)))
}

/// What each piece becomes: see the module comment.
pub(super) fn kinds(
    pieces: &[Piece],
    heading_ids: &[Vec<(String, Attrs)>],
    inputs: &[Input],
    warnings: &mut Vec<Warning>,
) -> Vec<ChapterKind> {
    const FRONT: &[&str] = &[
        "foreword",
        "preface",
        "prologue",
        "dedication",
        "epigraph",
        "acknowledgments",
        "introduction",
    ];
    const BACK: &[&str] = &[
        "appendix",
        "bibliography",
        "colophon",
        "glossary",
        "index",
        "afterword",
    ];
    let flags: Vec<(bool, bool)> = pieces
        .iter()
        .map(|p| match p.heading {
            None => (true, false),
            Some((f, h)) => {
                let attrs = &heading_ids[f][h].1;
                let epub = attrs.pair("epub:type").unwrap_or("");
                (
                    attrs.has_class("unnumbered") || FRONT.contains(&epub),
                    attrs.has_class("appendix") || BACK.contains(&epub),
                )
            }
        })
        .collect();
    let first_appendix = flags.iter().position(|f| f.1).unwrap_or(flags.len());
    let numbered: Vec<usize> = (0..first_appendix).filter(|&i| !flags[i].0).collect();
    let (Some(&first), Some(&last)) = (numbered.first(), numbered.last()) else {
        // No numbered part: all but appendices are chapters.
        return (0..pieces.len())
            .map(|i| {
                if i < first_appendix {
                    ChapterKind::Chapter
                } else {
                    ChapterKind::Appendix
                }
            })
            .collect();
    };
    (0..pieces.len())
        .map(|i| {
            if i < first {
                ChapterKind::FrontMatter
            } else if i > last {
                ChapterKind::Appendix
            } else {
                if flags[i].0 {
                    if let Some((f, h)) = pieces[i].heading {
                        let at = inputs[f].scan.headings[h].range.start;
                        warnings.push(Warning::at(
                            Location::line(&inputs[f].shown, inputs[f].lines.line(at)),
                            "an unnumbered part between numbered chapters: quire numbers it as a chapter (only leading ones are front matter, trailing ones appendices)",
                        ));
                    }
                }
                ChapterKind::Chapter
            }
        })
        .collect()
}

/// Whether a heading would open a chapter but has no text to title it
/// (`# <!-- page break -->`, say): it opens none.
pub(super) fn is_blank_chapter_heading(input: &Input, heading: &scan::Heading) -> bool {
    heading.level == 1
        && heading.top
        && strip_attr_text(&heading.text, &input.text, &heading.range)
            .trim()
            .is_empty()
}
