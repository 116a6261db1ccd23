//! Checking that every internal link lands on an anchor that exists.

use crate::error::{Error, ErrorKind};
use crate::model::{walk, Block, Book, Chapter};
use crate::parse::AnchorRef;
use std::collections::{BTreeMap, BTreeSet};

/// Every anchor a part offers: its heading ids and footnote ids.
pub fn anchors(chapter: &Chapter) -> BTreeSet<String> {
    let mut out: BTreeSet<String> = chapter.footnotes.iter().map(|f| f.id.clone()).collect();
    walk::blocks(&chapter.blocks, &mut |block| {
        if let Block::Heading { id, .. } = block {
            out.insert(id.clone());
        }
    });
    out
}

/// Checks each link to an anchor; returns one error per broken link. Each
/// part's anchors are gathered once, so checking stays linear.
pub fn check(book: &Book, refs: &[AnchorRef]) -> Vec<Error> {
    let offered: BTreeMap<&str, (&Chapter, BTreeSet<String>)> = book
        .parts()
        .map(|part| (part.id.as_str(), (part, anchors(part))))
        .collect();
    let mut errors = Vec::new();
    for r in refs {
        // A part missing here failed to parse; its own errors are reported.
        let Some((chapter, anchors)) = offered.get(r.chapter.as_str()) else {
            continue;
        };
        if !anchors.contains(&r.anchor) {
            let file = if chapter.source.is_empty() {
                &chapter.id
            } else {
                &chapter.source
            };
            errors.push(broken(
                r,
                format!(
                    "`{file}` has no heading or footnote with the id `{}`",
                    r.anchor
                ),
            ));
        }
    }
    errors
}

fn broken(r: &AnchorRef, reason: String) -> Error {
    Error::at(
        r.location.clone(),
        ErrorKind::BrokenLink(r.destination.clone(), reason),
    )
}
