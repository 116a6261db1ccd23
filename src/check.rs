//! Problems that do not stop a build but that an author should fix:
//! characters no shipped font can draw, parts with the same title. (The
//! parser warns about images without alternative text and empty links, with
//! their lines.)

use crate::error::{Location, Warning};
use crate::fonts::{self, Style};
use crate::model::{plain_text, walk, Block, Book, Chapter, ChapterKind, Inline};
use crate::passes::PassContext;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

/// The checks pass: adds [`warnings`] to the context's.
pub fn run(book: &mut Book, cx: &mut PassContext<'_>) {
    cx.warnings.extend(warnings(book, cx.dir, cx.sources));
}

/// Every warning for the book, in reading order; each missing character is
/// reported once, at its first use. `dir` is the manuscript folder, joined to
/// each part's source file in the warnings' locations (`book.toml` for the
/// metadata); `sources` holds the text of each of those files, by the same
/// relative name, to find the line of a warning.
pub fn warnings(book: &Book, dir: &Path, sources: &BTreeMap<String, String>) -> Vec<Warning> {
    let mut out = Vec::new();
    let mut coverage = Coverage::new();
    let metadata = &book.metadata;
    let mut files: Vec<(&str, Vec<&str>)> = vec![(
        "book.toml",
        [&metadata.title]
            .into_iter()
            .chain(&metadata.authors)
            .chain(&metadata.subtitle)
            .map(String::as_str)
            .collect(),
    )];
    files.extend(
        book.parts()
            .filter(|part| part.kind != ChapterKind::Resources)
            .map(|part| (part.source.as_str(), pieces_of(part))),
    );
    for (file, pieces) in files {
        let path = dir.join(file);
        let mut missing = Vec::new();
        for text in pieces {
            missing.extend(coverage.newly_missing(text));
        }
        let lines = first_lines(sources.get(file).map_or("", String::as_str), &missing);
        out.extend(missing.into_iter().map(|c| {
            let location = Location {
                file: path.clone(),
                line: lines.get(&c).copied(),
                column: None,
            };
            Warning::at(
                location,
                format!(
                    "no shipped font has the character {c:?} (U+{:04X}); the PDF leaves it out",
                    c as u32
                ),
            )
        }));
    }
    out.extend(duplicate_titles(book, dir, sources));
    out
}

/// Which characters the shipped faces draw, looked up once per character.
struct Coverage {
    faces: Vec<rustybuzz::ttf_parser::Face<'static>>,
    known: rustc_hash::FxHashMap<char, bool>,
}

impl Coverage {
    fn new() -> Self {
        Coverage {
            faces: Style::ALL
                .iter()
                .filter_map(|&style| {
                    rustybuzz::ttf_parser::Face::parse(fonts::face(style).data, 0).ok()
                })
                .collect(),
            known: rustc_hash::FxHashMap::default(),
        }
    }

    /// The characters of `text` no face has that were not met before, in
    /// order of first use. The PDF falls back from face to face; so does
    /// this check.
    fn newly_missing(&mut self, text: &str) -> Vec<char> {
        let mut out = Vec::new();
        for c in text.chars() {
            // Every face has printable ASCII (the layout relies on it too).
            if c.is_ascii() || self.known.contains_key(&c) {
                continue;
            }
            let covered = c.is_control() || self.faces.iter().any(|f| f.glyph_index(c).is_some());
            self.known.insert(c, covered);
            if !covered {
                out.push(c);
            }
        }
        out
    }
}

/// The 1-based line where each of `chars` first occurs in `source`, in one
/// pass over the text. A character the source does not contain (written as
/// an entity, say) has no line.
fn first_lines(source: &str, chars: &[char]) -> HashMap<char, usize> {
    let mut wanted: HashSet<char> = chars.iter().copied().collect();
    let mut found = HashMap::new();
    let mut line = 1;
    for c in source.chars() {
        if wanted.is_empty() {
            break;
        }
        if c == '\n' {
            line += 1;
        } else if wanted.remove(&c) {
            found.insert(c, line);
        }
    }
    found
}

/// A warning at each part whose title another part also has (compared
/// without regard to case): readers could not tell them apart in the
/// contents. The line is the title's, the first non-blank line of the file.
fn duplicate_titles(book: &Book, dir: &Path, sources: &BTreeMap<String, String>) -> Vec<Warning> {
    let authored = || book.parts().filter(|p| p.kind != ChapterKind::Resources);
    let mut by_title: BTreeMap<String, Vec<&Chapter>> = BTreeMap::new();
    for part in authored() {
        let title = plain_text(&part.title).trim().to_lowercase();
        if !title.is_empty() {
            by_title.entry(title).or_default().push(part);
        }
    }
    let mut out = Vec::new();
    for part in authored() {
        let title = plain_text(&part.title).trim().to_lowercase();
        let Some(same) = by_title.get(&title).filter(|same| same.len() > 1) else {
            continue;
        };
        let others: Vec<String> = same
            .iter()
            .filter(|other| other.source != part.source)
            .map(|other| format!("`{}`", other.source))
            .collect();
        let line = sources.get(&part.source).and_then(|text| {
            text.lines()
                .position(|l| !l.trim().is_empty())
                .map(|i| i + 1)
        });
        out.push(Warning::at(
            Location {
                file: dir.join(&part.source),
                line,
                column: None,
            },
            format!(
                "the title “{}” is also the title of {}: give each part its own title",
                plain_text(&part.title).trim(),
                others.join(", ")
            ),
        ));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_face_has_printable_ascii_which_the_check_skips() {
        let coverage = Coverage::new();
        assert_eq!(coverage.faces.len(), Style::ALL.len());
        for face in &coverage.faces {
            for c in (b' '..=b'~').map(char::from) {
                assert!(face.glyph_index(c).is_some(), "{c:?}");
            }
        }
    }

    #[test]
    fn first_lines_finds_each_character_once_in_one_pass() {
        let lines = first_lines("a\nb漢\r\n\n漢 ☃\n", &['漢', '☃', 'x']);
        assert_eq!(lines.get(&'漢'), Some(&2));
        assert_eq!(lines.get(&'☃'), Some(&4));
        assert_eq!(lines.get(&'x'), None);
    }

    #[test]
    fn coverage_reports_a_missing_character_only_the_first_time() {
        let mut coverage = Coverage::new();
        assert_eq!(coverage.newly_missing("abc 漢 d 漢"), ['漢']);
        assert!(coverage.newly_missing("漢 e").is_empty());
        assert!(
            coverage.newly_missing("\u{7}\t").is_empty(),
            "controls draw nothing"
        );
    }
}
