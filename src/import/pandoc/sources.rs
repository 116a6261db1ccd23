//! The parts' text: each file's edits (headings with their pandoc ids,
//! links to the part an id falls in, pandoc constructs), then every part put
//! together from its pieces with the footnotes and link definitions it uses.

use super::attrs::{heading_attrs, pandoc_identifier, strip_attr_text, Attrs};
use super::parts::{is_blank_chapter_heading, kinds, owners, piece_at, split};
use super::rewrite::{self, Edit, Notices, Out};
use super::Input;
use crate::error::{Location, Warning};
use crate::manuscript::{self, SourceFile};
use crate::passes::ids;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

/// The book's parts: split at the top-level `#` headings of the files
/// read one after the other, each rewritten into quire's Markdown.
pub(super) fn sources(
    inputs: &[Input],
    title: &str,
    notices: &mut Notices,
    warnings: &mut Vec<Warning>,
) -> Vec<SourceFile> {
    let pieces = split(inputs);
    // Every heading's pandoc identifier, document-wide unique, and the part
    // it falls in.
    let mut used = BTreeSet::new();
    let mut suffixes: BTreeMap<String, usize> = BTreeMap::new();
    let mut heading_ids: Vec<Vec<(String, Attrs)>> = Vec::new();
    let mut part_of: BTreeMap<String, (usize, bool)> = BTreeMap::new();
    let owner = owners(inputs, &pieces);
    for (f, input) in inputs.iter().enumerate() {
        let mut list = Vec::new();
        for (h, heading) in input.scan.headings.iter().enumerate() {
            let (_, written) = heading_attrs(&input.text, &heading.range);
            let attrs = written.unwrap_or_default();
            let text = strip_attr_text(&heading.text, &input.text, &heading.range);
            let id = match &attrs.id {
                Some(id) => id.clone(),
                None => {
                    let base = pandoc_identifier(&text);
                    let next = suffixes.entry(base.clone()).or_insert(1);
                    let mut id = base.clone();
                    while used.contains(&id) {
                        id = format!("{base}-{next}");
                        *next += 1;
                    }
                    id
                }
            };
            used.insert(id.clone());
            let piece = owner[f][h];
            let is_title = pieces[piece].heading == Some((f, h));
            part_of.entry(id.clone()).or_insert((piece, is_title));
            list.push((id, attrs));
        }
        heading_ids.push(list);
    }
    let kinds = kinds(&pieces, &heading_ids, inputs, warnings);
    // Keys (sibling names of the files, so that images resolve alike) and ids.
    let mut used_ids = ids::Taken::default();
    let keys: Vec<(String, String)> = pieces
        .iter()
        .enumerate()
        .map(|(n, piece)| {
            let f = piece.segments.first().map_or(0, |s| s.0);
            let stem = inputs[f].name.trim_end_matches(".md");
            let key = format!("{stem}.{:02}.md", n + 1);
            let wanted = match piece.heading {
                Some((f, h)) => ids::slug(&heading_ids[f][h].0),
                None => ids::slug(title),
            };
            let wanted = if manuscript::RESERVED_IDS.contains(&wanted.as_str()) {
                format!("{wanted}-text")
            } else {
                wanted
            };
            (key, used_ids.unique(wanted))
        })
        .collect();
    // The edits of each file: headings, links, then the pandoc constructs.
    // The pandoc constructs of each file first: their ids are link targets too.
    let mut rewritten: Vec<rewrite::Rewritten> = Vec::new();
    for (f, input) in inputs.iter().enumerate() {
        let stops: Vec<usize> = pieces
            .iter()
            .filter_map(|p| p.heading.filter(|h| h.0 == f))
            .map(|(_, h)| input.scan.headings[h].range.start)
            .collect();
        let done = rewrite::edits(&input.text, &input.scan, &input.shown, &stops, notices);
        for (at, id) in done.ids.iter().chain(&input.scan.html_ids) {
            if let Some(piece) = piece_at(&pieces, f, *at) {
                part_of.entry(id.clone()).or_insert((piece, false));
            }
        }
        rewritten.push(done);
    }
    // Then headings, links and footnotes.
    let mut all_edits = Vec::new();
    let mut closers = Vec::new();
    for ((f, input), done) in inputs.iter().enumerate().zip(rewritten) {
        let mut edits = done.edits;
        let open = done.open_at_stop;
        for (h, heading) in input.scan.headings.iter().enumerate() {
            if is_blank_chapter_heading(input, heading) {
                let line = input.lines.line(heading.range.start);
                notices.note("a top-level heading with no text (a page-break device) opens no chapter: it is dropped and its text continues the part before", Location::line(&input.shown, line));
                edits.push(Edit {
                    range: heading.range.clone(),
                    text: "\n".repeat(input.text[heading.range.clone()].matches('\n').count()),
                });
                continue;
            }
            let (place, _) = heading_attrs(&input.text, &heading.range);
            let (id, attrs) = &heading_ids[f][h];
            edits.push(Edit {
                range: place,
                text: format!(" {}", attrs.heading_block(id)),
            });
        }
        for anchor in &input.scan.anchors {
            if let Some(&(piece, is_title)) = part_of.get(&anchor.id) {
                let key = &keys[piece].0;
                edits.push(Edit {
                    range: anchor.range.clone(),
                    text: if is_title {
                        key.clone()
                    } else {
                        format!("{key}#{}", anchor.id)
                    },
                });
            }
        }
        for (_, range) in &input.scan.footnotes {
            edits.push(Edit {
                range: range.clone(),
                text: "\n".repeat(input.text[range.clone()].matches('\n').count()),
            });
        }
        edits.sort_by_key(|e| (e.range.start, e.range.end));
        all_edits.push(edits);
        closers.push(open);
    }
    pieces
        .iter()
        .enumerate()
        .map(|(n, piece)| {
            let mut out = Out::new();
            if piece.heading.is_none() {
                let (f, range) = &piece.segments[0];
                out.push(
                    &format!("# {title}\n\n"),
                    &inputs[*f].name,
                    inputs[*f].lines.line(range.start),
                );
            }
            let mut footnotes = BTreeSet::new();
            let mut references = BTreeSet::new();
            for (f, range) in &piece.segments {
                let input = &inputs[*f];
                out.copy(
                    &input.text,
                    &input.lines,
                    &input.name,
                    range.clone(),
                    &all_edits[*f],
                );
                let inside = |at: &usize| range.contains(at);
                footnotes.extend(
                    input
                        .scan
                        .footnote_refs
                        .iter()
                        .filter(|r| inside(&r.0))
                        .map(|r| r.1.clone()),
                );
                references.extend(
                    input
                        .scan
                        .references
                        .iter()
                        .filter(|r| inside(&r.0))
                        .map(|r| r.1.to_lowercase()),
                );
                if let Some(count) = closers[*f].get(&range.end) {
                    out.push(
                        &"\n</div>\n".repeat(*count),
                        &input.name,
                        input.lines.line(range.end),
                    );
                }
            }
            // Footnotes and link definitions the part uses, from wherever
            // they are written.
            for (f, input) in inputs.iter().enumerate() {
                for (label, range) in &input.scan.footnotes {
                    if footnotes.remove(label) {
                        append(&mut out, input, range, &all_edits[f]);
                    }
                }
                for (label, range) in &input.scan.definitions {
                    let own = piece
                        .segments
                        .iter()
                        .any(|(g, r)| *g == f && r.contains(&range.start));
                    if !own && references.remove(&label.to_lowercase()) {
                        append(&mut out, input, range, &all_edits[f]);
                    }
                }
            }
            let (text, origin) = out.finish();
            let (key, id) = keys[n].clone();
            SourceFile {
                file: key,
                id,
                kind: kinds[n],
                text,
                depth: 0,
                origin: Some(origin),
            }
        })
        .collect()
}

/// Adds a definition written elsewhere (`range` of `input`) to a part.
fn append(out: &mut Out, input: &Input, range: &Range<usize>, edits: &[Edit]) {
    out.push("\n\n", &input.name, input.lines.line(range.start));
    out.copy(&input.text, &input.lines, &input.name, range.clone(), edits);
}
