//! pandoc-style books: one Markdown file (or a folder of them) with a YAML
//! metadata block, read as pandoc reads it and split into parts as pandoc
//! splits an EPUB (`--split-level=1`, `--epub-chapter-level=1` before
//! pandoc 3).
//!
//! - **Which folder.** A folder without `book.toml` is a pandoc book when it
//!   holds `metadata.yaml` (or `.yml`) or one of its top-level `.md` files
//!   opens with a YAML metadata block (`---` on its first line). Its
//!   top-level `.md` files (notes such as README excepted) are read in
//!   natural order, one after the other, as `pandoc *.md` reads them.
//! - **Metadata** ([`meta`]): every YAML block (a later one wins) and a `%`
//!   title block opening the book; missing keys are derived, with warnings.
//! - **Parts.** Each top-level `#` heading opens a part; text before the
//!   first is a front-matter part titled with the book's title (pandoc makes
//!   it the first section). Leading `{.unnumbered}`/`{-}` parts are front
//!   matter, `{.appendix}` parts and every unnumbered part after the last
//!   numbered one are appendices; the rest are numbered chapters.
//! - **Rewrites** ([`rewrite`]): every heading gets pandoc's identifier as
//!   an explicit `{#id}`; links `#id` to another part name that part; fenced
//!   divs and bracketed spans become `<div>`/`<span>` tags with their id and
//!   classes; footnote and link definitions go with the parts that use them;
//!   pandoc-only constructs are dropped or kept as written, warned about
//!   once per kind. Code is never rewritten, and every message names the
//!   file and line the author wrote.

mod attrs;
mod meta;
mod rewrite;
mod scan;

use crate::error::{Error, ErrorKind, Errors, Location, Warning};
use crate::lines::LineIndex;
use crate::manuscript::{self, Manuscript, SourceFile};
use crate::model::ChapterKind;
use crate::passes::ids;
use attrs::{pandoc_identifier, Attrs};
use meta::Metadata;
use rewrite::{Edit, Notices, Out};
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

/// Files of a folder that hold only metadata, read first.
const METADATA_FILES: &[&str] = &["metadata.yaml", "metadata.yml"];

/// Whether `path` names a Markdown file quire reads as a pandoc book.
pub fn is_markdown_file(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// Whether `dir` is a pandoc-style book folder: no `book.toml`, and a
/// `metadata.yaml` or a top-level `.md` file opening with a YAML block.
pub fn is_pandoc_folder(dir: &Path) -> bool {
    if dir.join("book.toml").exists() {
        return false;
    }
    if METADATA_FILES.iter().any(|f| dir.join(f).is_file()) {
        return true;
    }
    chapter_files(dir).iter().any(|file| {
        manuscript::read_text(&dir.join(file))
            .is_ok_and(|text| text.lines().next().is_some_and(|l| l.trim_end() == "---"))
    })
}

/// The top-level `.md` files of a folder that are not notes, in natural order.
fn chapter_files(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<String> = entries
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_ok_and(|t| !t.is_dir()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md") && !n.starts_with('.') && !manuscript::is_note(n))
        .collect();
    files.sort_by(|a, b| manuscript::natural_cmp(a, b));
    files
}

/// One file of the book, read, its metadata blanked out, scanned.
struct Input {
    name: String,
    shown: PathBuf,
    text: String,
    lines: LineIndex,
    scan: scan::Scan,
}

/// A part in the making: the heading opening it (file and index into its
/// scan's headings; `None` for the text before the first heading) and the
/// pieces of files it is made of.
struct Piece {
    heading: Option<(usize, usize)>,
    segments: Vec<(usize, Range<usize>)>,
}

/// Reads the pandoc book `path` (a Markdown file, or a folder as
/// [`is_pandoc_folder`] says) into the sources of a manuscript.
pub fn read(path: &Path, options: &crate::BuildOptions) -> Result<Manuscript, Errors> {
    let (dir, names) = if path.is_file() {
        let dir = path.parent().unwrap_or(Path::new("")).to_path_buf();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        (dir, vec![name])
    } else {
        (path.to_path_buf(), chapter_files(path))
    };
    let real_dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        &dir
    };
    let root = real_dir
        .canonicalize()
        .map_err(|e| Error::at(Location::file(real_dir), ErrorKind::Io(e)))?;
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let mut metadata = Metadata::default();
    for file in METADATA_FILES.iter().filter(|f| dir.join(f).is_file()) {
        let shown = dir.join(file);
        match read_confined(&dir, &root, file) {
            Ok(text) => {
                let (body, first) = match text.strip_prefix("---\n") {
                    Some(rest) => (rest, 2),
                    None => (text.as_str(), 1),
                };
                let body = body
                    .strip_suffix("...\n")
                    .or_else(|| body.strip_suffix("---\n"))
                    .unwrap_or(body);
                if let Err(e) =
                    metadata.read_yaml(body, &Location::file(&shown), first, &mut warnings)
                {
                    errors.push(e);
                }
            }
            Err(e) => errors.push(e),
        }
    }
    let mut inputs = Vec::new();
    for name in &names {
        let shown = dir.join(name);
        let text = match read_confined(&dir, &root, name) {
            Ok(text) => text,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let text = take_metadata(
            text,
            &shown,
            inputs.is_empty(),
            &mut metadata,
            &mut warnings,
            &mut errors,
        );
        let scan = scan::scan(&text);
        inputs.push(Input {
            name: name.clone(),
            shown,
            lines: LineIndex::new(&text),
            text,
            scan,
        });
    }
    if inputs.is_empty() && errors.is_empty() {
        errors.push(Error::at(
            Location::file(path),
            ErrorKind::Config("the folder has no `.md` files to read".into()),
        ));
    }
    let fallback = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "book".into());
    let cover_from = metadata.cover.as_ref().map(|(_, at)| at.clone());
    let first_file = inputs
        .first()
        .map_or(path.to_path_buf(), |i| i.shown.clone());
    let config = metadata.into_config(
        &fallback,
        &Location::file(&first_file),
        options,
        &mut warnings,
    );
    let mut notices = Notices::default();
    let files = if errors.is_empty() {
        sources(&inputs, &config.title, &mut notices, &mut warnings)
    } else {
        Vec::new()
    };
    warnings.extend(notices.warnings());
    if path.is_dir() {
        warnings.extend(left_out(&dir, &names));
    }
    let ids = files
        .iter()
        .map(|f| (f.file.clone(), f.id.clone()))
        .collect();
    Ok(Manuscript {
        dir,
        root,
        config,
        config_text: String::new(),
        files,
        ids,
        errors,
        warnings,
        cover_from,
    })
}

/// Reads `file` of `dir`, which must lie inside the folder (`root`).
fn read_confined(dir: &Path, root: &Path, file: &str) -> Result<String, Error> {
    let shown = dir.join(file);
    manuscript::confined(dir, root, file)
        .map_err(|kind| Error::at(Location::file(&shown), kind))?;
    manuscript::read_text(&shown)
}

/// Warnings for the `.md` files of the folder the book does not read.
fn left_out(dir: &Path, names: &[String]) -> Vec<Warning> {
    let Ok(all) = manuscript::markdown_files(dir) else {
        return Vec::new();
    };
    all.into_iter()
        .filter(|f| !names.contains(f))
        .map(|f| {
            Warning::at(
                Location::file(dir.join(&f)),
                format!("`{f}` is not part of the book: a pandoc-style folder reads its top-level `.md` files, notes such as README excepted"),
            )
        })
        .collect()
}

/// Reads the metadata of `text` (a `%` title block when `first`, then
/// every YAML metadata block) into `metadata`, and returns the text with
/// those lines emptied, so that every other line keeps its number.
fn take_metadata(
    mut text: String,
    shown: &Path,
    first: bool,
    metadata: &mut Metadata,
    warnings: &mut Vec<Warning>,
    errors: &mut Vec<Error>,
) -> String {
    if first {
        if let Some((block, lines)) = meta::title_block(&text, shown) {
            metadata.update(block);
            let end = text.split_inclusive('\n').take(lines).map(str::len).sum();
            blank(&mut text, 0..end);
        }
    }
    let code = scan::scan(&text);
    let lines: Vec<(usize, &str)> = text
        .split_inclusive('\n')
        .scan(0, |start, line| {
            let at = *start;
            *start += line.len();
            Some((at, line.trim_end_matches(['\n', '\r'])))
        })
        .collect();
    let mut blocks = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let (start, line) = lines[i];
        let opens = line.trim_end() == "---"
            && (i == 0 || lines[i - 1].1.trim().is_empty())
            && lines.get(i + 1).is_some_and(|l| !l.1.trim().is_empty())
            && !code.is_protected(start);
        let close = opens
            .then(|| (i + 1..lines.len()).find(|&j| matches!(lines[j].1.trim_end(), "---" | "...")))
            .flatten();
        let Some(close) = close else {
            i += 1;
            continue;
        };
        let body_start = lines[i + 1].0;
        let body_end = lines[close].0;
        let end = lines.get(close + 1).map_or(text.len(), |l| l.0);
        let mut block = Metadata::default();
        let mut found = Vec::new();
        match block.read_yaml(
            &text[body_start..body_end],
            &Location::file(shown),
            i + 2,
            &mut found,
        ) {
            Ok(()) => {
                metadata.update(block);
                warnings.extend(found);
                blocks.push(start..end);
                i = close + 1;
            }
            // Only a block opening the file must be metadata; elsewhere
            // `---` may be a rule or a heading's underline.
            Err(e) if i == 0 => {
                errors.push(e);
                blocks.push(start..end);
                i = close + 1;
            }
            Err(_) => i += 1,
        }
    }
    for range in blocks {
        blank(&mut text, range);
    }
    text
}

/// Empties the lines of `range`, keeping their line ends.
fn blank(text: &mut String, range: Range<usize>) {
    let newlines = "\n".repeat(text[range.clone()].matches('\n').count());
    text.replace_range(range, &newlines);
}

/// The book's parts: split at the top-level `#` headings of the files
/// read one after the other, each rewritten into quire's Markdown.
fn sources(
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
    let mut used_ids = BTreeSet::new();
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
            (key, ids::unique(wanted, &mut used_ids))
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

/// The pieces of the book: a new one at each top-level `#` heading; text
/// before the first one (if any but blank) is a piece of its own.
fn split(inputs: &[Input]) -> Vec<Piece> {
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
fn owners(inputs: &[Input], pieces: &[Piece]) -> Vec<Vec<usize>> {
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
fn piece_at(pieces: &[Piece], f: usize, at: usize) -> Option<usize> {
    pieces
        .iter()
        .position(|p| p.segments.iter().any(|(g, r)| *g == f && r.contains(&at)))
}

/// What each piece becomes: see the module comment.
fn kinds(
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

/// Where a heading's attribute block is written (or is to be inserted) on
/// its line, and the attributes written there.
fn heading_attrs(text: &str, range: &Range<usize>) -> (Range<usize>, Option<Attrs>) {
    let source = &text[range.clone()];
    let atx = source.trim_start_matches(' ').starts_with('#');
    let lines: Vec<(usize, &str)> = source
        .split_inclusive('\n')
        .scan(range.start, |start, line| {
            let at = *start;
            *start += line.len();
            Some((at, line.trim_end_matches(['\n', '\r'])))
        })
        .collect();
    let (start, line) = if atx || lines.len() < 2 {
        lines[0]
    } else {
        lines[lines.len() - 2]
    };
    let mut content = line.trim_end();
    if atx {
        let without = content.trim_end_matches('#');
        if without.len() < content.len()
            && (without.ends_with(' ') || without.trim_start_matches(' ').is_empty())
        {
            content = without.trim_end();
        }
    }
    // The block replaces a closing `##` too: pulldown-cmark reads
    // attributes only at the very end of the line.
    let end = start + line.trim_end().len();
    if content.ends_with('}') {
        if let Some(open) = content.rfind('{') {
            if let Some(attrs) = Attrs::braced(&content[open..]) {
                let before = content[..open].trim_end().len();
                return (start + before..end, Some(attrs));
            }
        }
    }
    (start + content.len()..end, None)
}

/// Whether a heading would open a chapter but has no text to title it
/// (`# <!-- page break -->`, say): it opens none.
fn is_blank_chapter_heading(input: &Input, heading: &scan::Heading) -> bool {
    heading.level == 1
        && heading.top
        && strip_attr_text(&heading.text, &input.text, &heading.range)
            .trim()
            .is_empty()
}

/// A heading's text without an attribute block the parser left in it.
fn strip_attr_text(heading: &str, text: &str, range: &Range<usize>) -> String {
    let (place, attrs) = heading_attrs(text, range);
    let trimmed = heading.trim_end();
    if attrs.is_some() {
        let written = text[place].trim().trim_end_matches('#').trim_end();
        if let Some(stripped) = trimmed.strip_suffix(written) {
            return stripped.to_string();
        }
    }
    trimmed.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn book(text: &str) -> (tempfile::TempDir, Manuscript) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("b.md"), text).unwrap();
        let manuscript = read(&dir.path().join("b.md"), &Default::default()).unwrap();
        (dir, manuscript)
    }

    fn kinds_of(m: &Manuscript) -> Vec<(ChapterKind, &str)> {
        m.files.iter().map(|f| (f.kind, f.id.as_str())).collect()
    }

    #[test]
    fn leading_unnumbered_parts_are_front_matter_and_trailing_ones_appendices() {
        let (_d, m) = book("---\ntitle: T\n---\n\nOpening words.\n\n# Foreword {-}\n\nx\n\n# One\n\n# Aside {.unnumbered}\n\n# Two\n\n# Notes {-}\n\n# Three {.appendix}\n");
        use ChapterKind::*;
        assert_eq!(
            kinds_of(&m),
            [
                (FrontMatter, "t"),
                (FrontMatter, "foreword"),
                (Chapter, "one"),
                (Chapter, "aside"),
                (Chapter, "two"),
                (Appendix, "notes"),
                (Appendix, "three"),
            ]
        );
        assert!(m.warnings.iter().any(|w| w.location.line == Some(13)
            && w.message
                .contains("unnumbered part between numbered chapters")));
        // The opening words become a part titled with the book's title.
        assert!(m.files[0].text.starts_with("# T\n\n"));
        assert_eq!(
            m.files[0].origin.as_ref().unwrap().place(1),
            Some(("b.md", 1))
        );
    }

    #[test]
    fn a_heading_without_text_opens_no_chapter() {
        let (_d, m) = book("# One\n\nx\n\n# <!-- page break --> {.unlisted}\n\ny\n\n# Two\n");
        assert_eq!(m.files.len(), 2);
        assert_eq!(m.files[0].text, "# One {#one}\n\nx\n\n\n\ny\n\n");
        assert!(m
            .warnings
            .iter()
            .any(|w| w.location.line == Some(5) && w.message.contains("opens no chapter")));
    }

    #[test]
    fn a_book_without_headings_is_one_chapter() {
        let (_d, m) = book("% Only Words\n% Ann\n\nJust a paragraph.\n");
        assert_eq!(kinds_of(&m), [(ChapterKind::Chapter, "only-words")]);
        assert_eq!(m.config.title, "Only Words");
        assert_eq!(m.config.authors, ["Ann"]);
    }

    #[test]
    fn headings_get_pandocs_ids_and_footnotes_follow_their_references() {
        let (_d, m) = book("# A\n\nSee [b](#b-c).[^1]\n\n# B\n\n## B c ##\n\nSetext\n------\n\n## B c\n\n[^1]: Note.\n");
        assert_eq!(m.files.len(), 2);
        assert_eq!(
            m.files[0].text,
            "# A {#a}\n\nSee [b](b.02.md#b-c).[^1]\n\n\n\n[^1]: Note.\n"
        );
        assert_eq!(
            m.files[1].text,
            "# B {#b}\n\n## B c {#b-c}\n\nSetext {#setext}\n------\n\n## B c {#b-c-1}\n\n\n"
        );
    }

    #[test]
    fn heading_attribute_blocks_are_found_on_their_line() {
        let text = "# Title {#x .y} ##\n";
        let (place, attrs) = heading_attrs(text, &(0..text.len()));
        assert_eq!(&text[place], " {#x .y} ##");
        assert_eq!(attrs.unwrap().id.as_deref(), Some("x"));
        let setext = "Title {-}\n===\n";
        let (place, attrs) = heading_attrs(setext, &(0..setext.len()));
        assert_eq!(&setext[place], " {-}");
        assert!(attrs.unwrap().has_class("unnumbered"));
        let plain = "# Title\n";
        assert_eq!(heading_attrs(plain, &(0..plain.len())), (7..7, None));
        let closed = "## Title ##\n";
        assert_eq!(heading_attrs(closed, &(0..closed.len())), (8..11, None));
    }

    #[test]
    fn a_folder_needs_metadata_and_no_book_toml() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "# A\n").unwrap();
        assert!(!is_pandoc_folder(dir.path()));
        std::fs::write(dir.path().join("a.md"), "---\ntitle: X\n---\n# A\n").unwrap();
        assert!(is_pandoc_folder(dir.path()));
        std::fs::write(dir.path().join("book.toml"), "").unwrap();
        assert!(!is_pandoc_folder(dir.path()));
        assert!(
            is_markdown_file(Path::new("b.markdown")) && !is_markdown_file(Path::new("book.toml"))
        );
    }
}
