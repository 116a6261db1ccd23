//! The rewrites that turn pandoc's Markdown into quire's, as byte-range
//! edits of the author's text (never inside code or HTML), and the text of
//! a part put together from pieces of files with the origin of each line.

use super::attrs::Attrs;
use super::scan::Scan;
use crate::error::Location;
use crate::lines::LineIndex;
use crate::manuscript::{Run, TextOrigin};
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

/// Replace `range` of a file's text by `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// The bytes replaced (empty for an insertion).
    pub range: Range<usize>,
    /// What replaces them.
    pub text: String,
}

/// Constructs of pandoc's Markdown quire has no place for, counted by kind,
/// each reported once, where first seen.
#[derive(Debug, Default)]
pub struct Notices(BTreeMap<&'static str, (Location, usize)>);

impl Notices {
    /// Counts one more `message`, seen at `at`.
    pub fn note(&mut self, message: &'static str, at: Location) {
        self.0.entry(message).or_insert((at, 0)).1 += 1;
    }

    /// One warning per kind.
    pub fn warnings(self) -> Vec<crate::error::Warning> {
        let mut out: Vec<_> = self
            .0
            .into_iter()
            .map(|(message, (at, count))| {
                let times = if count == 1 {
                    String::new()
                } else {
                    format!(" ({count} times in the book; the first is here)")
                };
                crate::error::Warning::at(at, format!("{message}{times}"))
            })
            .collect();
        out.sort_by(|a, b| {
            (&a.location.file, a.location.line).cmp(&(&b.location.file, b.location.line))
        });
        out
    }
}

/// What [`edits`] makes of a file.
#[derive(Debug, Default)]
pub struct Rewritten {
    /// The edits, in source order.
    pub edits: Vec<Edit>,
    /// How many divs are left open at each offset of the stops given (where
    /// a chapter ends), to be closed there.
    pub open_at_stop: BTreeMap<usize, usize>,
    /// The ids of fenced divs and spans, with where they are written.
    pub ids: Vec<(usize, String)>,
}

/// Block-level fenced divs, spans, raw blocks, LaTeX commands, attributes
/// after links and images, and citations in `text` (shown as `file`): the
/// edits that map them, and the divs still open at each of `stops`.
pub fn edits(
    text: &str,
    scan: &Scan,
    file: &Path,
    stops: &[usize],
    notices: &mut Notices,
) -> Rewritten {
    let mut ids = Vec::new();
    let lines = LineIndex::new(text);
    let at = |offset: usize| Location::line(file, lines.line(offset));
    let mut edits = Vec::new();
    let mut open_at_stop = BTreeMap::new();
    let mut open: Vec<usize> = Vec::new();
    let mut stops = stops.iter().copied().peekable();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let range = start..start + line.trim_end_matches(['\n', '\r']).len();
        start += line.len();
        while stops.peek().is_some_and(|&s| s <= range.start) {
            let stop = stops.next().unwrap_or_default();
            if !open.is_empty() {
                notices.note("a fenced div (`:::`) is still open where a chapter begins: quire closes it at the end of the chapter before", at(stop));
                open_at_stop.insert(stop, std::mem::take(&mut open).len());
            }
        }
        if scan.is_protected(range.start) {
            continue;
        }
        let content = &text[range.clone()];
        let trimmed = content.trim_start_matches(' ');
        if content.len() - trimmed.len() > 3 {
            continue;
        }
        if let Some(rest) = trimmed.strip_prefix(":::") {
            let rest = rest.trim_start_matches(':');
            if rest.trim().is_empty() {
                if open.pop().is_some() {
                    edits.push(Edit {
                        range,
                        text: "</div>\n".into(),
                    });
                }
            } else if let Some(attrs) = Attrs::fence(rest) {
                if !attrs.pairs.is_empty() {
                    notices.note("`key=value` attributes of fenced divs and spans have no place in quire's model: dropped", at(range.start));
                }
                open.push(range.start);
                ids.extend(attrs.id.clone().map(|id| (range.start, id)));
                edits.push(Edit {
                    range,
                    text: format!("{}\n", attrs.open_tag("div")),
                });
            }
            continue;
        }
        let row = trimmed.trim_end();
        if (row.starts_with("+-") || row.starts_with("+=")) && row.len() > 2 && row.ends_with('+') {
            notices.note(
                "grid tables (`+---+`) have no reader in quire: they are kept as text; write a pipe table",
                at(range.start),
            );
        }
        if is_latex_command(trimmed) {
            notices.note(
                "raw LaTeX such as `\\newpage` is for pandoc's LaTeX output only: dropped",
                at(range.start),
            );
            edits.push(Edit {
                range,
                text: String::new(),
            });
        }
    }
    if !open.is_empty() {
        notices.note(
            "a fenced div (`:::`) is never closed: quire closes it at the end of the file",
            at(text.len()),
        );
        open_at_stop.insert(text.len(), open.len());
    }
    spans(text, scan, &mut edits, &mut ids, &mut |m, o| {
        notices.note(m, at(o))
    });
    scripts(text, scan, &mut edits);
    for &end in &scan.link_ends {
        if let Some(close) = braces_at(text, end) {
            if Attrs::braced(&text[end..close]).is_some() {
                notices.note("attributes after links and images (`{width=50%}`) have no place in quire's model: dropped", at(end));
                edits.push(Edit {
                    range: end..close,
                    text: String::new(),
                });
            }
        }
    }
    for (range, format) in &scan.raw_blocks {
        if format == "html" || format == "html5" {
            notices.note(
                "raw HTML blocks (`{=html}`) are read as the HTML in them",
                at(range.start),
            );
            let block = &text[range.clone()];
            let first = block.find('\n').unwrap_or(block.len());
            let last = block.trim_end().rfind('\n').map_or(block.len(), |i| i + 1);
            edits.push(Edit {
                range: range.start..range.start + first,
                text: String::new(),
            });
            if last > first {
                edits.push(Edit {
                    range: range.start + last..range.start + block.trim_end().len(),
                    text: String::new(),
                });
            }
        } else {
            notices.note("raw blocks for other formats (```` ```{=latex} ````) are for pandoc's other outputs: dropped", at(range.start));
            edits.push(Edit {
                range: range.clone(),
                text: "\n".repeat(text[range.clone()].matches('\n').count()),
            });
        }
    }
    let mut cite = 0;
    while let Some(found) = text[cite..].find('[') {
        let offset = cite + found;
        cite = offset + 1;
        let rest = &text[cite..];
        if !(rest.starts_with('@') || rest.starts_with("-@")) || scan.is_protected(offset) {
            continue;
        }
        // `[@name](…)` is a link, not a citation.
        let link = rest
            .find(']')
            .is_some_and(|end| matches!(rest.as_bytes().get(end + 1), Some(b'(' | b'[')));
        if !link {
            notices.note(
                "citations (`[@key]`) are not processed: they are left as written",
                at(offset),
            );
        }
    }
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    Rewritten {
        edits,
        open_at_stop,
        ids,
    }
}

/// Whether a line is a lone LaTeX command (`\newpage`, `\clearpage`), which
/// pandoc keeps for LaTeX and drops elsewhere.
/// pandoc's superscript `x^2^` and subscript `H~2~O`, inside a word too
/// (pulldown-cmark reads them only between words): `<sup>`, `<sub>` tags
/// that the HTML allow-list maps. The content has no space, as pandoc
/// wants; `~~strike~~` is left to Markdown.
fn scripts(text: &str, scan: &Scan, edits: &mut Vec<Edit>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let mark = bytes[i];
        if !(mark == b'^' || mark == b'~') || scan.is_protected(i) {
            i += 1;
            continue;
        }
        let escaped = i > 0 && bytes[i - 1] == b'\\';
        if mark == b'~' && bytes.get(i + 1) == Some(&b'~') {
            // A strikethrough run: skip all of it.
            while bytes.get(i) == Some(&b'~') {
                i += 1;
            }
            continue;
        }
        let close = bytes[i + 1..]
            .iter()
            .position(|&b| b == mark || b.is_ascii_whitespace() || b"[](){}<>\\".contains(&b))
            .map(|p| i + 1 + p)
            .filter(|&c| bytes[c] == mark && c > i + 1);
        match close {
            Some(c) if !(escaped || mark == b'~' && bytes.get(c + 1) == Some(&b'~')) => {
                let tag = if mark == b'^' { "sup" } else { "sub" };
                edits.push(Edit {
                    range: i..c + 1,
                    text: format!("<{tag}>{}</{tag}>", &text[i + 1..c]),
                });
                i = c + 1;
            }
            _ => i += 1,
        }
    }
}

fn is_latex_command(line: &str) -> bool {
    let line = line.trim_end();
    line.strip_prefix('\\').is_some_and(|name| {
        let name = name.strip_suffix("{}").unwrap_or(name);
        !name.is_empty() && name.chars().all(|c| c.is_ascii_alphabetic())
    })
}

/// Where a `{…}` starting at `at` on one line ends (past its `}`).
fn braces_at(text: &str, at: usize) -> Option<usize> {
    let rest = text.get(at..)?;
    if !rest.starts_with('{') {
        return None;
    }
    let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
    line.find('}').map(|i| at + i + 1)
}

/// Bracketed spans `[text]{attrs}` outside code: `[` and `]{attrs}` become
/// `<span …>` and `</span>` (or nothing when no id or class is left).
fn spans(
    text: &str,
    scan: &Scan,
    edits: &mut Vec<Edit>,
    ids: &mut Vec<(usize, String)>,
    note: &mut impl FnMut(&'static str, usize),
) {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(found) = text[from..].find("]{") {
        let close = from + found;
        from = close + 2;
        if scan.is_protected(close) || (close > 0 && bytes[close - 1] == b'\\') {
            continue;
        }
        let Some(end) = braces_at(text, close + 1) else {
            continue;
        };
        let Some(attrs) = Attrs::braced(&text[close + 1..end]) else {
            continue;
        };
        let Some(open) = matching_bracket(bytes, close) else {
            continue;
        };
        if scan.is_protected(open) || (open > 0 && bytes[open - 1] == b'!') {
            continue;
        }
        if !attrs.pairs.is_empty() {
            note("`key=value` attributes of fenced divs and spans have no place in quire's model: dropped", open);
        }
        ids.extend(attrs.id.clone().map(|id| (open, id)));
        let plain = attrs.id.is_none() && attrs.classes.is_empty();
        edits.push(Edit {
            range: open..open + 1,
            text: if plain {
                String::new()
            } else {
                attrs.open_tag("span")
            },
        });
        edits.push(Edit {
            range: close..end,
            text: if plain {
                String::new()
            } else {
                "</span>".into()
            },
        });
        from = end;
    }
}

/// The `[` matching the `]` at `close`, within the paragraph.
fn matching_bracket(bytes: &[u8], close: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = close;
    while i > 0 {
        i -= 1;
        let escaped = i > 0 && bytes[i - 1] == b'\\';
        match bytes[i] {
            b']' if !escaped => depth += 1,
            b'[' if !escaped => {
                if depth == 0 {
                    return Some(i);
                }
                depth -= 1;
            }
            b'\n' if i > 0 && bytes[i - 1] == b'\n' => return None,
            _ => {}
        }
    }
    None
}

/// A part's text put together from pieces of files, with the origin of
/// every line.
#[derive(Debug, Default)]
pub struct Out {
    /// The text so far.
    pub text: String,
    line: usize,
    runs: Vec<Run>,
}

impl Out {
    /// An empty text.
    pub fn new() -> Self {
        Out {
            text: String::new(),
            line: 1,
            runs: Vec::new(),
        }
    }

    /// Adds `text`, written at line `line` of `file`.
    pub fn push(&mut self, text: &str, file: &str, line: usize) {
        let continues = self
            .runs
            .last()
            .is_some_and(|r| r.file == file && r.line + (self.line - r.text_line) == line);
        if !continues {
            self.runs.push(Run {
                text_line: self.line,
                file: file.to_string(),
                line,
            });
        }
        self.text.push_str(text);
        self.line += text.matches('\n').count();
    }

    /// Adds `range` of `text` (the file `file`, with its line index) with
    /// the `edits` that start inside it applied, except one replacing
    /// exactly `range`.
    pub fn copy(
        &mut self,
        text: &str,
        lines: &LineIndex,
        file: &str,
        range: Range<usize>,
        edits: &[Edit],
    ) {
        let first = edits.partition_point(|e| e.range.start < range.start);
        let mut pos = range.start;
        for edit in &edits[first..] {
            if edit.range.start >= range.end
                || (edit.range.start == range.end && !edit.range.is_empty())
            {
                break;
            }
            if edit.range.start < pos || edit.range == range || edit.range.end > range.end {
                continue;
            }
            self.push(&text[pos..edit.range.start], file, lines.line(pos));
            self.push(&edit.text, file, lines.line(edit.range.start));
            pos = edit.range.end;
        }
        self.push(&text[pos..range.end], file, lines.line(pos));
    }

    /// The text and where its lines come from.
    pub fn finish(self) -> (String, TextOrigin) {
        (self.text, TextOrigin { runs: self.runs })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::pandoc::scan::scan;

    fn rewrite(text: &str) -> (String, TextOrigin, Vec<String>) {
        let scan = scan(text);
        let mut notices = Notices::default();
        let edits = edits(text, &scan, Path::new("b.md"), &[], &mut notices).edits;
        let mut out = Out::new();
        out.copy(text, &LineIndex::new(text), "b.md", 0..text.len(), &edits);
        let (text, origin) = out.finish();
        let warnings = notices.warnings().iter().map(ToString::to_string).collect();
        (text, origin, warnings)
    }

    #[test]
    fn fenced_divs_become_div_tags_on_lines_of_their_own() {
        let (text, origin, _) =
            rewrite("::: {.note #n}\nInside\n\n::: warning\nDeep\n:::\n:::\nAfter\n");
        assert_eq!(text, "<div class=\"note\" id=\"n\">\n\nInside\n\n<div class=\"warning\">\n\nDeep\n</div>\n\n</div>\n\nAfter\n");
        // “After” is line 12 of the text and line 8 of the file.
        assert_eq!(origin.place(12), Some(("b.md", 8)));
        assert_eq!(origin.place(3), Some(("b.md", 2)));
    }

    #[test]
    fn superscripts_and_subscripts_inside_words_become_tags() {
        let (text, _, _) =
            rewrite("x^2^ and H~2~O, ~~struck~~, a ^lone^, 2^10 ^not here^ \\^no^, `y^3^`.\n");
        assert_eq!(
            text,
            "x<sup>2</sup> and H<sub>2</sub>O, ~~struck~~, a <sup>lone</sup>, 2^10 ^not here^ \\^no^, `y^3^`.\n"
        );
    }

    #[test]
    fn spans_are_tags_but_never_in_code() {
        let (text, _, _) = rewrite("A [Small *caps*]{.smallcaps} and `[x]{.y}` and [plain]{k=v}.\n\n```\n[z]{.w}\n:::\n```\n");
        assert_eq!(text, "A <span class=\"smallcaps\">Small *caps*</span> and `[x]{.y}` and plain.\n\n```\n[z]{.w}\n:::\n```\n");
    }

    #[test]
    fn pandoc_only_constructs_are_dropped_and_warned_once_per_kind() {
        let (text, _, warnings) = rewrite("See [@a] and [@b]. [@me](https://example.com)\n\n\\newpage\n\n![x](i.png){width=50%}\n\n```{=latex}\n\\foo\n```\n\n+---+\n| a |\n+---+\n");
        assert_eq!(
            text,
            "See [@a] and [@b]. [@me](https://example.com)\n\n\n\n![x](i.png)\n\n\n\n\n\n+---+\n| a |\n+---+\n"
        );
        assert_eq!(warnings.len(), 5, "{warnings:?}");
        assert!(warnings[4].starts_with("b.md:11: grid tables") && warnings[4].contains("2 times"));
        assert!(warnings[0].starts_with("b.md:1: citations") && warnings[0].contains("2 times"));
        assert!(warnings[1].starts_with("b.md:3: raw LaTeX"));
    }
}
