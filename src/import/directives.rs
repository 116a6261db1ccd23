//! mdBook's directives, expanded as mdBook's `links` preprocessor does, and
//! its hidden code lines, dropped as its HTML renders them:
//!
//! - `{{#include path}}`, `{{#include path:10}}` (line 10), `path::20`
//!   (lines 1–20), `path:10:` (10 to the end), `path:10:20`, and
//!   `path:name` (the lines between `ANCHOR: name` and `ANCHOR_END: name`,
//!   marker lines left out);
//! - `{{#rustdoc_include …}}`: the whole file, the lines outside the range
//!   or anchor turned into hidden `# ` lines;
//! - `{{#playground path …}}` (and the old `{{#playpen}}`): the file;
//! - `{{#title …}}`: the HTML page's title, which a book has no place for:
//!   removed;
//! - `\{{#…}}`: the directive itself, written literally.
//!
//! Paths are relative to the file holding the directive; every file read
//! is inside the book folder, includes nest at most [`MAX_DEPTH`] deep, and
//! a file that includes itself is an error naming file and line, and so is
//! a chapter that its includes would make larger than
//! [`MAX_TEXT_BYTES`]. Included text is expanded in turn.
//!
//! In Rust code blocks (` ```rust`, ` ```rust,editable`), a line whose text
//! is `#` or starts with `# ` is hidden by mdBook: quire leaves it out of
//! both books; `##` at the start of a line stands for a literal `#`.

use super::{Lines, Origin};
use crate::error::{Error, ErrorKind, Location, MarkdownError, Warning};
use crate::manuscript::{confined, read_text, MAX_TEXT_BYTES};
use crate::parse::resolve_relative;
use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};
use std::collections::BTreeSet;
use std::path::Path;

/// How deeply includes may nest (mdBook's own limit).
pub const MAX_DEPTH: usize = 10;

/// Expands directives for the files of one book, remembering every file it
/// read and every problem.
#[derive(Debug)]
pub struct Expander<'a> {
    /// The book folder (the folder of `book.toml`), as the user named it.
    dir: &'a Path,
    /// Its real path: every file included must be inside.
    root: &'a Path,
    /// The files lines come from, relative to the book folder; an
    /// [`Origin`] indexes this list.
    pub files: Vec<String>,
    /// The files included, relative to the book folder.
    pub included: BTreeSet<String>,
    /// Directives that could not be expanded.
    pub errors: Vec<Error>,
    /// Directives expanded to nothing.
    pub warnings: Vec<Warning>,
    /// Bytes the chapter being expanded may still take in.
    budget: usize,
}

/// What a directive takes from its file.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Selection {
    /// 0-based lines `start..end` (`None`: from the first, to the last).
    Lines(Option<usize>, Option<usize>),
    /// The lines between the anchor markers of this name.
    Anchor(String),
}

/// A piece of a line: text as it is, or a directive.
#[derive(Debug, PartialEq, Eq)]
enum Piece<'t> {
    Text(&'t str),
    Directive { name: &'t str, args: &'t str },
}

impl<'a> Expander<'a> {
    /// An expander for the book in `dir` (real path `root`).
    pub fn new(dir: &'a Path, root: &'a Path) -> Self {
        Expander {
            dir,
            root,
            files: Vec::new(),
            included: BTreeSet::new(),
            errors: Vec::new(),
            warnings: Vec::new(),
            budget: 0,
        }
    }

    /// The book folder, as the user named it.
    pub fn dir(&self) -> &'a Path {
        self.dir
    }

    /// The index of `file` in [`Expander::files`], added if new.
    pub fn file_index(&mut self, file: &str) -> usize {
        match self.files.iter().position(|f| f == file) {
            Some(i) => i,
            None => {
                self.files.push(file.to_string());
                self.files.len() - 1
            }
        }
    }

    /// The text of `file` (relative to the book folder) with its directives
    /// expanded and the hidden lines of its Rust code blocks dropped.
    pub fn expand(&mut self, file: &str, text: &str) -> Lines {
        let lines: Vec<(String, usize)> = text
            .lines()
            .zip(1..)
            .map(|(l, n)| (l.to_string(), n))
            .collect();
        self.budget = MAX_TEXT_BYTES as usize;
        let mut stack = vec![file.to_string()];
        let mut out = Lines {
            lines: self.expand_lines(file, lines, &mut stack),
        };
        drop_hidden_lines(&mut out);
        out
    }

    fn expand_lines(
        &mut self,
        file: &str,
        lines: Vec<(String, usize)>,
        stack: &mut Vec<String>,
    ) -> Vec<(String, Origin)> {
        let index = self.file_index(file);
        let mut out = Vec::with_capacity(lines.len());
        for (line, number) in lines {
            let origin = (index, number);
            if !line.contains("{{") {
                out.push((line, origin));
                continue;
            }
            let mut current = (String::new(), origin);
            for piece in pieces(&line) {
                match piece {
                    Piece::Text(text) => current.0.push_str(text),
                    Piece::Directive { name, args } => {
                        let included = self.directive(file, number, name, args, stack);
                        let mut included = included.into_iter();
                        if let Some((first, at)) = included.next() {
                            // A line that is all included text is the included line.
                            if current.0.is_empty() {
                                current.1 = at;
                            }
                            current.0.push_str(&first);
                        }
                        for (text, at) in included {
                            out.push(std::mem::replace(&mut current, (text, at)));
                        }
                    }
                }
            }
            out.push(current);
        }
        out
    }

    /// The lines a directive stands for (its origin lines in the included
    /// file), or nothing after reporting why.
    fn directive(
        &mut self,
        file: &str,
        line: usize,
        name: &str,
        args: &str,
        stack: &mut Vec<String>,
    ) -> Vec<(String, Origin)> {
        let location = Location::line(self.dir.join(file), line);
        let rustdoc = name == "rustdoc_include";
        let spec = args.split_whitespace().next().unwrap_or_default();
        let (path, selection) = match name {
            "include" | "rustdoc_include" => match spec.split_once(':') {
                Some((path, rest)) => (path, selection(rest)),
                None => (spec, Selection::Lines(None, None)),
            },
            _ => (spec, Selection::Lines(None, None)),
        };
        let fail = |this: &mut Self, message: String| {
            this.errors.push(Error::at(
                location.clone(),
                ErrorKind::Markdown(MarkdownError::Directive {
                    name: name.to_string(),
                    args: args.to_string(),
                    reason: message,
                }),
            ));
            Vec::new()
        };
        let Some(target) = resolve_relative(file, path).filter(|t| !t.is_empty()) else {
            return fail(
                self,
                format!("`{path}` is not a file inside the book folder"),
            );
        };
        if let Some(at) = stack.iter().position(|f| *f == target) {
            let mut chain = stack[at..].to_vec();
            chain.push(target);
            return fail(self, format!("includes itself ({})", chain.join(" → ")));
        }
        if stack.len() > MAX_DEPTH {
            return fail(self, format!("includes nest more than {MAX_DEPTH} deep"));
        }
        let text = match confined(self.dir, self.root, &target) {
            Ok(_) => read_text(&self.dir.join(&target)).map_err(|e| e.kind.to_string()),
            Err(kind) => Err(kind.to_string()),
        };
        let text = match text {
            Ok(text) => text,
            Err(reason) => return fail(self, format!("cannot include `{target}`: {reason}")),
        };
        // Included many times over, small files could still make a huge text.
        let Some(left) = self.budget.checked_sub(text.len()) else {
            return fail(
                self,
                format!(
                    "the chapter with its includes would be larger than {} MiB",
                    MAX_TEXT_BYTES >> 20
                ),
            );
        };
        self.budget = left;
        self.included.insert(target.clone());
        let all: Vec<&str> = text.lines().collect();
        let chosen = select(&all, &selection, rustdoc);
        if let (Selection::Anchor(anchor), true) = (&selection, chosen.is_empty()) {
            self.warnings.push(Warning::at(
                location.clone(),
                format!("`{target}` has no lines marked `ANCHOR: {anchor}`: nothing is included"),
            ));
        }
        stack.push(target.clone());
        let lines = self.expand_lines(&target, chosen, stack);
        stack.pop();
        lines
    }
}

/// Splits a line into text and directives.
fn pieces(line: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find("{{") {
        let after = &rest[at + 2..];
        if rest[..at].ends_with('\\') {
            // `\{{#…}}`: the braces themselves, without the backslash.
            out.push(Piece::Text(&rest[..at - 1]));
            out.push(Piece::Text("{{"));
            rest = after;
            continue;
        }
        let body = after.trim_start();
        let parsed = body.strip_prefix('#').and_then(|directive| {
            let end = directive.find("}}")?;
            let inner = &directive[..end];
            let name_end = inner
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(inner.len());
            let (name, args) = inner.split_at(name_end);
            let known = matches!(
                name,
                "include" | "rustdoc_include" | "playground" | "playpen" | "title"
            );
            // Up to the directive's text, then the text and its `}}`.
            let consumed = (after.len() - directive.len()) + end + 2;
            (known && !args.trim().is_empty()).then_some((name, args.trim(), consumed))
        });
        match parsed {
            Some((name, args, consumed)) => {
                out.push(Piece::Text(&rest[..at]));
                if name != "title" {
                    out.push(Piece::Directive { name, args });
                }
                rest = &after[consumed..];
            }
            None => {
                out.push(Piece::Text(&rest[..at + 2]));
                rest = after;
            }
        }
    }
    out.push(Piece::Text(rest));
    out
}

/// What `:10:20`, `::20`, `:10:`, `:10` or `:name` selects (as mdBook reads them).
fn selection(spec: &str) -> Selection {
    let mut parts = spec.splitn(2, ':');
    let first = parts.next().unwrap_or_default();
    let start = match first.parse::<usize>() {
        Ok(n) => Some(n.saturating_sub(1)),
        Err(_) if first.is_empty() => None,
        Err(_) => return Selection::Anchor(first.to_string()),
    };
    match (start, parts.next().map(str::parse::<usize>)) {
        (Some(start), None) => Selection::Lines(Some(start), Some(start + 1)),
        (start, Some(Ok(end))) => Selection::Lines(start, Some(end)),
        (start, Some(Err(_))) => Selection::Lines(start, None),
        (None, None) => Selection::Lines(None, None),
    }
}

/// `ANCHOR: name` or `ANCHOR_END: name` in a line: the name.
fn marker<'l>(line: &'l str, keyword: &str) -> Option<&'l str> {
    let mut rest = line;
    while let Some(at) = rest.find(keyword) {
        let after = &rest[at + keyword.len()..];
        let name = after.trim_start();
        let end = name
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(name.len());
        if end > 0 {
            return Some(&name[..end]);
        }
        rest = after;
    }
    None
}

fn is_start(line: &str) -> Option<&str> {
    marker(line, "ANCHOR:")
}

fn is_end(line: &str) -> Option<&str> {
    marker(line, "ANCHOR_END:")
}

/// The lines of a file a directive takes, with their 1-based numbers;
/// for `rustdoc_include`, every line, those outside the selection hidden.
fn select(all: &[&str], selection: &Selection, rustdoc: bool) -> Vec<(String, usize)> {
    let hidden = |line: &str| format!("# {line}");
    let mut out = Vec::new();
    match selection {
        Selection::Lines(start, end) => {
            let start = start.unwrap_or(0);
            let end = end.unwrap_or(usize::MAX);
            for (i, line) in all.iter().enumerate() {
                if (start..end).contains(&i) {
                    out.push((line.to_string(), i + 1));
                } else if rustdoc {
                    out.push((hidden(line), i + 1));
                }
            }
        }
        Selection::Anchor(anchor) => {
            let mut inside = false;
            for (i, line) in all.iter().enumerate() {
                if inside {
                    if is_end(line) == Some(anchor) {
                        if !rustdoc {
                            break;
                        }
                        inside = false;
                    } else if is_end(line).is_none() && is_start(line).is_none() {
                        out.push((line.to_string(), i + 1));
                    }
                } else if is_start(line) == Some(anchor) {
                    inside = true;
                } else if rustdoc && is_end(line).is_none() {
                    out.push((hidden(line), i + 1));
                }
            }
        }
    }
    out
}

/// Whether a fenced code block's info string is Rust (`rust`, `rust,ignore`).
fn is_rust(info: &str) -> bool {
    info.split(|c: char| c == ',' || c.is_whitespace())
        .next()
        .is_some_and(|lang| lang == "rust")
}

/// Drops mdBook's hidden lines (`# …`) from the Rust code blocks of `lines`,
/// turns a leading `##` into `#`, and keeps only the language of an info
/// string with mdBook's attributes (`rust,editable` → `rust`).
pub fn drop_hidden_lines(lines: &mut Lines) {
    let text = lines.text();
    // Where each line starts in `text`.
    let starts = lines.starts();
    let line_of = |offset: usize| starts.partition_point(|&s| s <= offset);
    let mut drop = BTreeSet::new();
    let mut unescape = Vec::new();
    let mut languages = Vec::new();
    let mut in_rust = false;
    for (event, range) in Parser::new(&text).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                in_rust = is_rust(&info);
                if let Some((language, _)) = info.split_once(',') {
                    // mdBook's attributes (`rust,editable`) are no language.
                    languages.push((line_of(range.start), info.to_string(), language.to_string()));
                }
            }
            Event::End(TagEnd::CodeBlock) => in_rust = false,
            Event::Text(_) if in_rust => {
                let mut offset = range.start;
                for piece in text[range].split_inclusive('\n') {
                    let line = line_of(offset);
                    let code = piece.trim_end_matches(['\n', '\r']);
                    let trimmed = code.trim_start();
                    if trimmed.starts_with("##") {
                        let column = offset - starts[line - 1] + (code.len() - trimmed.len());
                        unescape.push((line, column));
                    } else if trimmed == "#" || trimmed.starts_with("# ") {
                        drop.insert(line);
                    }
                    offset += piece.len();
                }
            }
            _ => {}
        }
    }
    for (line, column) in unescape {
        if let Some((text, _)) = lines.lines.get_mut(line - 1) {
            if text.get(column..column + 2) == Some("##") {
                text.remove(column);
            }
        }
    }
    for (line, info, language) in languages {
        if let Some((text, _)) = lines.lines.get_mut(line - 1) {
            if let Some(at) = text.rfind(&info) {
                text.replace_range(at..at + info.len(), &language);
            }
        }
    }
    let mut number = 0;
    lines.lines.retain(|_| {
        number += 1;
        !drop.contains(&number)
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "one\n// ANCHOR: core\ntwo\n// ANCHOR: inner\nthree\n// ANCHOR_END: inner\n// ANCHOR_END: core\nfour";

    fn lines(all: &[&str], selection: Selection, rustdoc: bool) -> Vec<String> {
        select(all, &selection, rustdoc)
            .into_iter()
            .map(|(l, _)| l)
            .collect()
    }

    #[test]
    fn ranges_are_read_as_mdbook_reads_them() {
        assert_eq!(selection("2"), Selection::Lines(Some(1), Some(2)));
        assert_eq!(selection(":3"), Selection::Lines(None, Some(3)));
        assert_eq!(selection("2:"), Selection::Lines(Some(1), None));
        assert_eq!(selection("2:3"), Selection::Lines(Some(1), Some(3)));
        assert_eq!(selection("core"), Selection::Anchor("core".into()));
        let all: Vec<&str> = "a\nb\nc\nd".lines().collect();
        assert_eq!(lines(&all, selection("2:3"), false), ["b", "c"]);
        assert_eq!(lines(&all, selection("3"), false), ["c"]);
        assert_eq!(
            lines(&all, selection("2:3"), true),
            ["# a", "b", "c", "# d"]
        );
        assert!(lines(&all, selection("9:12"), false).is_empty());
    }

    #[test]
    fn anchors_take_their_lines_without_any_marker() {
        let all: Vec<&str> = FILE.lines().collect();
        assert_eq!(lines(&all, selection("core"), false), ["two", "three"]);
        assert_eq!(lines(&all, selection("inner"), false), ["three"]);
        assert_eq!(
            lines(&all, selection("inner"), true),
            ["# one", "# // ANCHOR: core", "# two", "three", "# four"]
        );
        assert!(lines(&all, selection("missing"), false).is_empty());
    }

    #[test]
    fn directives_are_found_escaped_and_titles_removed() {
        assert_eq!(
            pieces("a {{#include x.rs:2}} b"),
            [
                Piece::Text("a "),
                Piece::Directive {
                    name: "include",
                    args: "x.rs:2"
                },
                Piece::Text(" b")
            ]
        );
        let text: String = pieces("\\{{#include x}} {{#title T}}{{ x }}")
            .iter()
            .map(|p| match p {
                Piece::Text(t) => *t,
                Piece::Directive { .. } => "?",
            })
            .collect();
        assert_eq!(text, "{{#include x}} {{ x }}");
    }

    #[test]
    fn includes_nest_at_most_ten_deep() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        for n in 0..12 {
            let next = format!("{{{{#include {}.md}}}}\n", n + 1);
            std::fs::write(
                dir.path().join(format!("{n}.md")),
                format!("level {n}\n{next}"),
            )
            .unwrap();
        }
        let mut expander = Expander::new(dir.path(), &root);
        let lines = expander.expand("top.md", "{{#include 0.md}}\n");
        assert_eq!(lines.lines.len(), 11, "levels 0 to 9 and the refused line");
        assert_eq!(expander.errors.len(), 1);
        let message = expander.errors[0].to_string();
        assert!(
            message.contains("9.md:2") && message.contains("more than 10 deep"),
            "{message}"
        );
    }

    proptest::proptest! {
        /// Any line splits into pieces without panicking, and a line with no
        /// `{{` is one piece, itself.
        #[test]
        fn any_line_splits_into_pieces(line in "[{}#\\\\a-z:. é]{0,80}") {
            let pieces = pieces(&line);
            if !line.contains("{{") {
                proptest::prop_assert_eq!(pieces, vec![Piece::Text(&line)]);
            }
        }
    }

    #[test]
    fn hidden_lines_leave_rust_blocks_only() {
        let mut text = Lines::of("```rust,editable\n# fn main() {\nlet x = 1;\n## not hidden\n#\n# }\n```\n\n```sh\n# a comment\n```", 0);
        drop_hidden_lines(&mut text);
        assert_eq!(
            text.text(),
            "```rust\nlet x = 1;\n# not hidden\n```\n\n```sh\n# a comment\n```\n"
        );
        assert_eq!(text.origin(2), Some((0, 3)));
    }

    #[test]
    fn includes_nest_and_cycles_are_errors_with_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir(dir.path().join("src")).unwrap();
        std::fs::write(dir.path().join("code.rs"), "fn a() {}\nfn b() {}\n").unwrap();
        std::fs::write(
            dir.path().join("src/part.md"),
            "see {{#include ../code.rs:2}}\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("src/loop.md"), "x\n{{#include loop.md}}\n").unwrap();
        let mut expander = Expander::new(dir.path(), &root);
        let lines = expander.expand(
            "src/ch.md",
            "A\n{{#include part.md}}\nB {{#include ../../x}}\n",
        );
        assert_eq!(lines.text(), "A\nsee fn b() {}\nB \n");
        let file = |o: Origin| expander.files[o.0].clone();
        assert_eq!(file(lines.origin(2).unwrap()), "src/part.md");
        assert_eq!(expander.errors.len(), 1);
        assert!(expander.errors[0].to_string().contains("src/ch.md:3"));
        expander.expand("src/loop.md", "{{#include loop.md}}");
        let message = expander.errors[1].to_string();
        assert!(
            message.contains("src/loop.md:1") && message.contains("includes itself"),
            "{message}"
        );
        // A file included over and over stops at the size limit.
        std::fs::write(dir.path().join("src/big.txt"), "x".repeat(1 << 20)).unwrap();
        let many = "{{#include big.txt}}\n".repeat(20);
        let lines = expander.expand("src/many.md", &many);
        assert_eq!(lines.lines.len(), 20);
        assert!(lines.text().len() < MAX_TEXT_BYTES as usize + 100);
        let message = expander.errors[2].to_string();
        assert!(
            message.contains("src/many.md:17") && message.contains("larger than 16 MiB"),
            "{message}"
        );
    }
}
