//! Problems that do not stop a build but that an author should fix:
//! characters no shipped font can draw, parts with the same title. (The
//! parser warns about images without alternative text and empty links, with
//! their lines.)

use crate::error::{Location, Warning};
use crate::fonts::{self, Style};
use crate::model::{plain_text, walk, Block, Book, Chapter, ChapterKind, FontAsset, Inline};
use crate::passes::PassContext;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

/// The checks pass: adds [`warnings`] to the context's.
pub fn run(book: &mut Book, cx: &mut PassContext<'_>) {
    cx.warnings.extend(warnings(book, cx.dir, cx.sources));
}

/// Every warning for the book, in reading order; the characters no face
/// has are reported once per script, at the first use of the first one,
/// with the count and the next few places. `dir` is the manuscript folder, joined to
/// each part's source file in the warnings' locations (`book.toml` for the
/// metadata); `sources` holds the text of each of those files, by the same
/// relative name, to find the line of a warning.
pub fn warnings(book: &Book, dir: &Path, sources: &BTreeMap<String, String>) -> Vec<Warning> {
    let mut out = Vec::new();
    let mut coverage = Coverage::new(&book.fonts, &book.faces);
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
    let mut missing = Missing {
        fallbacks: !book.fonts.is_empty(),
        ..Missing::default()
    };
    for (file, pieces) in files {
        let path = dir.join(file);
        let mut chars = Vec::new();
        for text in pieces {
            chars.extend(coverage.newly_missing(text));
        }
        let lines = first_lines(sources.get(file).map_or("", String::as_str), &chars);
        for c in chars {
            missing.add(
                c,
                Location {
                    file: path.clone(),
                    line: lines.get(&c).copied(),
                    column: None,
                },
            );
        }
    }
    out.extend(missing.warnings());
    out.extend(duplicate_titles(book, dir, sources));
    out
}

/// How many characters and places a warning about missing characters names.
const NAMED: usize = 5;

/// Characters no face has, gathered by script in order of first use: one
/// warning per script (a Chinese sentence is one warning, not one per
/// character), with the count and the first few places.
#[derive(Default)]
struct Missing {
    /// Whether the book has fallback fonts of its own (the message then
    /// names them).
    fallbacks: bool,
    scripts: Vec<(unicode_script::Script, Vec<char>, Vec<Location>)>,
}

impl Missing {
    /// Records the first use of `c`, at `place`.
    fn add(&mut self, c: char, place: Location) {
        let script = group_script(c);
        let index = match self.scripts.iter().position(|(s, ..)| *s == script) {
            Some(index) => index,
            None => {
                self.scripts.push((script, Vec::new(), Vec::new()));
                self.scripts.len() - 1
            }
        };
        let (_, chars, places) = &mut self.scripts[index];
        chars.push(c);
        if !places.contains(&place) {
            places.push(place);
        }
    }

    /// One warning per script, at the place of its first missing character.
    fn warnings(self) -> Vec<Warning> {
        let (fonts, hint) = if self.fallbacks {
            ("neither a shipped font nor a `fallback` font", None)
        } else {
            (
                "no shipped font",
                Some(format!(
                    "name a font file of the book that has them in book.toml: `[fonts]`, then `fallback = {}`",
                    "[\"fonts/NotoSerifCJKsc-Regular.otf\"]"
                )),
            )
        };
        self.scripts
            .into_iter()
            .filter_map(|(script, chars, places)| {
                let first = places.first()?.clone();
                let what = match chars.as_slice() {
                    [c] => format!(
                        "{fonts} has the character {c:?} (U+{:04X}); the PDF leaves it out",
                        *c as u32
                    ),
                    _ => {
                        let mut named: Vec<String> =
                            chars.iter().take(NAMED).map(|c| format!("{c:?}")).collect();
                        if chars.len() > NAMED {
                            named.push("…".into());
                        }
                        format!(
                            "{fonts} has {} {} ({}); the PDF leaves them out",
                            chars.len(),
                            script_name(script),
                            named.join(", ")
                        )
                    }
                };
                let others: Vec<String> = places[1..]
                    .iter()
                    .take(NAMED - 1)
                    .map(|p| match p.line {
                        Some(line) => format!("{}:{line}", p.file.display()),
                        None => p.file.display().to_string(),
                    })
                    .collect();
                let message = match places.len() - 1 {
                    0 => what,
                    n if n < NAMED => format!("{what}; also at {}", others.join(", ")),
                    n => format!(
                        "{what}; also at {} and {} more places",
                        others.join(", "),
                        n - others.len()
                    ),
                };
                Some(Warning::at(first, message).with_hint(hint.clone()))
            })
            .collect()
    }
}

/// The script a missing character is counted under: its own, or Han for
/// the punctuation of Chinese and Japanese text (CJK Symbols and
/// Punctuation, the full-width forms), which is of no script.
fn group_script(c: char) -> unicode_script::Script {
    use unicode_script::{Script, UnicodeScript};
    let script = c.script();
    if !fonts::is_letter_script(script)
        && matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}')
    {
        return Script::Han;
    }
    script
}

/// What characters of a script are called in a warning: "characters of
/// the Han script", or "symbols" for those of no script.
fn script_name(script: unicode_script::Script) -> String {
    if fonts::is_letter_script(script) {
        format!("characters of the {} script", script.full_name())
    } else {
        "symbols".to_string()
    }
}

/// Which characters the shipped faces and the author's fallback fonts
/// draw, looked up once per character. The shipped faces answer from the
/// tables `build.rs` made of their `cmap`s ([`fonts::Face::covers`]), so
/// the check inflates none of them; the author's fonts are parsed.
struct Coverage<'a> {
    shipped: Vec<fonts::Face>,
    faces: Vec<rustybuzz::ttf_parser::Face<'a>>,
    known: rustc_hash::FxHashMap<char, bool>,
}

impl<'a> Coverage<'a> {
    fn new(fallbacks: &'a [FontAsset], authors: &'a crate::model::Faces) -> Self {
        Coverage {
            shipped: Style::ALL.iter().map(|&style| fonts::face(style)).collect(),
            faces: fallbacks
                .iter()
                .map(|font| &*font.data)
                .chain(
                    Style::ALL
                        .iter()
                        .filter_map(|&style| fonts::author_face(authors, style))
                        .map(|font| &*font.data),
                )
                .filter_map(|data| rustybuzz::ttf_parser::Face::parse(data, 0).ok())
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
            let covered = c.is_control()
                || self.shipped.iter().any(|f| f.covers(c))
                || self.faces.iter().any(|f| f.glyph_index(c).is_some());
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
        // The first few others, then a count: naming every other part made
        // the warnings quadratic in the number of parts sharing a title.
        let all_others = same.iter().filter(|other| other.source != part.source);
        let count = all_others.clone().count();
        let named: Vec<String> = all_others
            .take(NAMED)
            .map(|other| format!("`{}`", other.source))
            .collect();
        let others = match count - named.len() {
            0 => named.join(", "),
            more => format!(
                "{} and {more} more part{}",
                named.join(", "),
                if more == 1 { "" } else { "s" }
            ),
        };
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
                others
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
        let no_faces = crate::model::Faces::default();
        let coverage = Coverage::new(&[], &no_faces);
        assert_eq!(coverage.shipped.len(), Style::ALL.len());
        assert!(coverage.faces.is_empty(), "no font of the author's");
        // The Greek faces are only ever asked for Greek words (and their
        // punctuation); a text face always covers ASCII.
        let greek = fonts::face(Style::GreekRegular).family;
        for face in coverage.shipped.iter().filter(|f| f.family != greek) {
            for c in (b' '..=b'~').map(char::from) {
                assert!(face.covers(c), "{} lacks {c:?}", face.file_name);
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
    fn missing_characters_give_one_warning_per_script_with_count_and_places() {
        let mut missing = Missing::default();
        let at = |file: &str, line| Location {
            file: file.into(),
            line: Some(line),
            column: None,
        };
        // A Chinese sentence: 27 characters were 27 warnings.
        let sentence = "我们在这里写一本书，书里有中文句子与图片以及更多的内容";
        let no_faces = crate::model::Faces::default();
        let mut coverage = Coverage::new(&[], &no_faces);
        let chars = coverage.newly_missing(sentence);
        assert!(chars.len() > 20, "{chars:?}");
        for (i, &c) in chars.iter().enumerate() {
            missing.add(c, at(if i < 10 { "a.md" } else { "b.md" }, 3 + i / 4));
        }
        missing.add('\u{1F600}', at("c.md", 9));
        let warnings = missing.warnings();
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        let han = &warnings[0];
        assert_eq!(han.location, at("a.md", 3));
        assert!(
            han.message.starts_with(&format!(
                "no shipped font has {} characters of the Han script ('我', '们', '在', '这', '里', …)",
                chars.len()
            )),
            "{}",
            han.message
        );
        assert!(
            han.message
                .contains("also at a.md:4, a.md:5, b.md:5, b.md:6 and 3 more places"),
            "{}",
            han.message
        );
        assert_eq!(
            warnings[1].message,
            "no shipped font has the character '😀' (U+1F600); the PDF leaves it out"
        );
    }

    #[test]
    fn coverage_reports_a_missing_character_only_the_first_time() {
        let no_faces = crate::model::Faces::default();
        let mut coverage = Coverage::new(&[], &no_faces);
        assert_eq!(coverage.newly_missing("abc 漢 d 漢"), ['漢']);
        assert!(coverage.newly_missing("漢 e").is_empty());
        assert!(
            coverage.newly_missing("\u{7}\t").is_empty(),
            "controls draw nothing"
        );
    }
}
