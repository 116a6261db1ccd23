//! Links as an mdBook writes them, rewritten into links quire reads:
//!
//! - `x.md`, `x.md#a` to a chapter of the book: kept;
//! - `x.html`, `x.html#a` (the page mdBook makes of `x.md`) and
//!   `index.html` (of `README.md`): the chapter's `.md` file;
//! - anything else inside or outside the book folder (`../std/fmt.html`,
//!   a file no chapter is): an external link when the site's address is
//!   known (`[output.html] site-url` as a full `https://` address), resolved
//!   as a browser would from the chapter's page; otherwise its text alone,
//!   with one warning each.
//!
//! Links written in HTML (`<a href="../std/fmt.html">`) meet the same fate:
//! their `href` is rewritten, or emptied (`href=""` is no link) so that
//! their text stays.
//!
//! Headings get the ids mdBook gives them ([`heading_ids`]), so that
//! anchors written for mdBook's pages (`config.md#buildrustflags`) resolve.
//!
//! The rewriting keeps every line where it was, so that the parser's lines
//! are still the author's.

use super::Lines;
use crate::parse::{attribute_value, link_addresses, resolve_relative};
use crate::url::{self, Kind};
use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};
use std::collections::BTreeSet;
use std::ops::Range;

/// What the rewriting knows of the book.
#[derive(Debug, Clone, Copy)]
pub struct Book<'a> {
    /// Every chapter file, relative to the book folder (`src/ch1.md`).
    pub files: &'a BTreeSet<String>,
    /// The source folder, relative to the book folder (`src`; empty for the
    /// book folder itself).
    pub src: &'a str,
    /// The site's address (`https://example.org/book/`), when known.
    pub base: Option<&'a str>,
}

/// What becomes of one destination.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Fate {
    Keep,
    /// A new destination.
    To(String),
    /// No link: its text alone.
    Text,
}

/// A link being read: its whole source, destination, type and content.
struct OpenLink {
    whole: Range<usize>,
    dest: String,
    link_type: LinkType,
    content: Option<Range<usize>>,
}

/// One change to the text.
struct Edit {
    range: Range<usize>,
    with: String,
}

/// Rewrites the links of `lines`, the text of `file` (relative to the book
/// folder). Returns the links kept as text: (line in the text, destination).
pub fn rewrite(lines: &mut Lines, file: &str, book: Book<'_>) -> Vec<(usize, String)> {
    let text = lines.text();
    let mut edits = Vec::new();
    let mut dropped = Vec::new();
    let parser = Parser::new_ext(&text, crate::parse::options());
    let mut definitions: Vec<(Range<usize>, String)> = Vec::new();
    let mut iter = parser.into_offset_iter();
    for (_, def) in iter.reference_definitions().iter() {
        definitions.push((def.span.clone(), def.dest.to_string()));
    }
    for (span, dest) in definitions {
        if let Fate::To(new) = fate(&dest, file, book) {
            if let Some(at) = destination_in(&text, span.clone(), "]:") {
                edits.push(Edit {
                    range: at,
                    with: new,
                });
            }
        }
    }
    let mut open: Option<OpenLink> = None;
    for (event, range) in iter.by_ref() {
        match event {
            // Each HTML block whole (a tag may span its lines), each inline
            // tag alone.
            Event::Start(Tag::HtmlBlock) | Event::InlineHtml(_) => {
                html_links(&text, range, file, book, &mut edits, &mut dropped);
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) => {
                open = Some(OpenLink {
                    whole: range,
                    dest: dest_url.into_string(),
                    link_type,
                    content: None,
                })
            }
            Event::End(TagEnd::Link) => {
                let Some(OpenLink {
                    whole,
                    dest,
                    link_type,
                    content,
                }) = open.take()
                else {
                    continue;
                };
                if matches!(link_type, LinkType::Autolink | LinkType::Email) {
                    continue;
                }
                let content = content.unwrap_or(whole.start + 1..whole.start + 1);
                match fate(&dest, file, book) {
                    Fate::Keep => {}
                    Fate::To(new) if link_type == LinkType::Inline => {
                        if let Some(at) = destination_in(&text, content.end..whole.end, "](") {
                            edits.push(Edit {
                                range: at,
                                with: new,
                            });
                        }
                    }
                    // A reference link's definition is rewritten above.
                    Fate::To(_) => {}
                    Fate::Text => {
                        let mut with = text[content.clone()].to_string();
                        if with.trim().is_empty() {
                            with = dest.clone();
                        }
                        let lost = text[whole.clone()].matches('\n').count();
                        let kept = with.matches('\n').count();
                        with.extend(std::iter::repeat_n('\n', lost.saturating_sub(kept)));
                        dropped.push((line_of(&text, whole.start), dest));
                        edits.push(Edit { range: whole, with });
                    }
                }
            }
            _ => {
                if let Some(OpenLink { content, .. }) = &mut open {
                    let span = content.get_or_insert(range.clone());
                    span.start = span.start.min(range.start);
                    span.end = span.end.max(range.end);
                }
            }
        }
    }
    if edits.is_empty() {
        return dropped;
    }
    edits.sort_by_key(|e| std::cmp::Reverse(e.range.start));
    let mut text = text;
    let mut last = usize::MAX;
    for edit in edits {
        // Never two edits of one place (a definition shared by links).
        if edit.range.end > last {
            continue;
        }
        last = edit.range.start;
        text.replace_range(edit.range, &edit.with);
    }
    lines.set_text(&text);
    dropped
}

/// The `<a href>` links of the HTML at `range` in `text`, rewritten as
/// Markdown links are: a new address, or none (`href=""`: the text alone,
/// recorded in `dropped`).
fn html_links(
    text: &str,
    range: Range<usize>,
    file: &str,
    book: Book<'_>,
    edits: &mut Vec<Edit>,
    dropped: &mut Vec<(usize, String)>,
) {
    let start = range.start;
    for address in link_addresses(&text[range]) {
        let at = start + address.range.start..start + address.range.end;
        let with = match fate(&address.value, file, book) {
            Fate::Keep => continue,
            Fate::To(new) => attribute_value(&address, &new),
            Fate::Text => {
                dropped.push((line_of(text, at.start), address.value.clone()));
                attribute_value(&address, "")
            }
        };
        edits.push(Edit { range: at, with });
    }
}

/// mdBook's id for a heading's text: letters, digits, `_` and `-` kept (ASCII
/// letters lower-cased), white space as `-`, the rest dropped.
pub fn mdbook_id(text: &str) -> String {
    text.chars()
        .filter_map(|c| {
            if c.is_alphanumeric() || c == '_' || c == '-' {
                Some(c.to_ascii_lowercase())
            } else if c.is_whitespace() {
                Some('-')
            } else {
                None
            }
        })
        .collect()
}

/// Gives every heading of `lines` without an explicit `{#id}` the id mdBook
/// gives it (see [`mdbook_id`]; a repeated id gets `-1`, `-2`, … as in
/// mdBook), written as a `{#id}` after its text.
pub fn heading_ids(lines: &mut Lines) {
    let text = lines.text();
    let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
    let mut edits = Vec::new();
    // (plain text, end of the content) of the heading being read.
    let mut open: Option<(String, usize)> = None;
    for (event, range) in Parser::new_ext(&text, crate::parse::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { id: None, .. }) => open = Some((String::new(), 0)),
            Event::End(TagEnd::Heading(_)) => {
                let Some((words, end)) = open.take() else {
                    continue;
                };
                let id = mdbook_id(&words);
                if id.is_empty() || end == 0 {
                    continue;
                }
                let count = counts.entry(id.clone()).or_insert(0);
                let id = match *count {
                    0 => id,
                    n => format!("{id}-{n}"),
                };
                *count += 1;
                edits.push(Edit {
                    range: end..end,
                    with: format!(" {{#{id}}}"),
                });
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((words, end)) = &mut open {
                    words.push_str(&t);
                    *end = (*end).max(range.end);
                }
            }
            _ => {
                if let Some((_, end)) = &mut open {
                    *end = (*end).max(range.end);
                }
            }
        }
    }
    if edits.is_empty() {
        return;
    }
    let mut text = text;
    for edit in edits.into_iter().rev() {
        text.replace_range(edit.range, &edit.with);
    }
    lines.set_text(&text);
}

/// The 1-based line of byte `offset`.
fn line_of(text: &str, offset: usize) -> usize {
    text[..offset].matches('\n').count() + 1
}

/// The destination written after `marker` (`](` or `]:`) in `range`.
fn destination_in(text: &str, range: Range<usize>, marker: &str) -> Option<Range<usize>> {
    let slice = text.get(range.clone())?;
    let at = if marker == "]:" {
        // A definition: its label, then `]:`.
        slice.find(marker)?
    } else {
        slice.starts_with(marker).then_some(0)?
    };
    let after = at + marker.len();
    let rest = &slice[after..];
    let start = after + (rest.len() - rest.trim_start().len());
    let tail = &slice[start..];
    let len = if tail.starts_with('<') {
        tail.find('>')? + 1
    } else {
        let mut depth = 0i32;
        tail.char_indices()
            .find(|&(_, c)| {
                match c {
                    '(' => depth += 1,
                    ')' if depth == 0 => return true,
                    ')' => depth -= 1,
                    _ => {}
                }
                c.is_whitespace()
            })
            .map_or(tail.len(), |(i, _)| i)
    };
    Some(range.start + start..range.start + start + len)
}

/// What becomes of a link to `dest` written in `file`.
fn fate(dest: &str, file: &str, book: Book<'_>) -> Fate {
    if url::kind(dest) != Kind::Internal {
        return Fate::Keep;
    }
    let (path, anchor) = match dest.split_once('#') {
        Some((path, anchor)) => (path, Some(anchor)),
        None => (dest, None),
    };
    if path.is_empty() {
        return Fate::Keep;
    }
    let resolved = resolve_relative(file, path);
    if let Some(resolved) = &resolved {
        if book.files.contains(resolved) {
            return Fate::Keep;
        }
        if let Some(stem) = resolved.strip_suffix(".html") {
            let (folder, name) = stem.rsplit_once('/').unwrap_or(("", stem));
            let candidates = if name == "index" {
                vec![format!("{stem}.md"), join(folder, "README.md")]
            } else {
                vec![format!("{stem}.md")]
            };
            if let Some(found) = candidates.iter().find(|c| book.files.contains(*c)) {
                let written = path.rsplit_once('/').map_or("", |(folder, _)| folder);
                let name = found.rsplit('/').next().unwrap_or(found);
                let mut new = join(written, name);
                if let Some(anchor) = anchor {
                    new.push('#');
                    new.push_str(anchor);
                }
                return Fate::To(new);
            }
        }
    }
    match book.base {
        Some(base) => Fate::To(external(base, page_of(file, book.src), dest)),
        None => Fate::Text,
    }
}

fn join(folder: &str, name: &str) -> String {
    if folder.is_empty() {
        name.to_string()
    } else {
        format!("{folder}/{name}")
    }
}

/// The page mdBook makes of `file`, relative to the site: `src/a/b.md` →
/// `a/b.html`.
fn page_of(file: &str, src: &str) -> String {
    let inside = if src.is_empty() {
        file
    } else {
        file.strip_prefix(src)
            .map_or(file, |f| f.trim_start_matches('/'))
    };
    let stem = inside.strip_suffix(".md").unwrap_or(inside);
    format!("{stem}.html")
}

/// `dest`, written on the page `page` of the site at `base`, as a full
/// address; a `.md` file becomes its `.html` page.
fn external(base: &str, page: String, dest: &str) -> String {
    let (scheme, rest) = base.split_once("://").unwrap_or(("https", base));
    let (host, base_path) = rest.split_once('/').unwrap_or((rest, ""));
    let (path, suffix) = match dest.find(['#', '?']) {
        Some(at) => dest.split_at(at),
        None => (dest, ""),
    };
    let mut segments: Vec<&str> = if path.starts_with('/') {
        Vec::new()
    } else {
        base_path
            .split('/')
            .chain(page.split('/'))
            .filter(|s| !s.is_empty())
            .collect()
    };
    if !path.starts_with('/') {
        segments.pop(); // the page itself
    }
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            other => segments.push(other),
        }
    }
    let mut joined = segments.join("/");
    if let Some(stem) = joined.strip_suffix(".md") {
        joined = format!("{stem}.html");
    }
    if path.ends_with('/') && !joined.is_empty() {
        joined.push('/');
    }
    format!("{scheme}://{host}/{joined}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rewritten(text: &str, base: Option<&str>) -> (String, Vec<(usize, String)>) {
        let files: BTreeSet<String> = ["src/a.md", "src/sub/b.md", "src/README.md"]
            .into_iter()
            .map(String::from)
            .collect();
        let mut lines = Lines::of(text, 0);
        let book = Book {
            files: &files,
            src: "src",
            base,
        };
        let dropped = rewrite(&mut lines, "src/a.md", book);
        (lines.text(), dropped)
    }

    #[test]
    fn html_links_to_chapters_become_md_links() {
        let (text, dropped) = rewritten(
            "[b](sub/b.html#x) [c](a.md) [i](index.html) [r][ref] <https://e.org/>\n\n[ref]: sub/b.html\n",
            None,
        );
        assert_eq!(
            text,
            "[b](sub/b.md#x) [c](a.md) [i](README.md) [r][ref] <https://e.org/>\n\n[ref]: sub/b.md\n"
        );
        assert!(dropped.is_empty());
    }

    #[test]
    fn links_out_of_the_book_become_text_or_external_links() {
        let source = "See [the *std*\ndocs](../std/fmt.html#x \"t\") and [gone](gone.md).\n";
        let (text, dropped) = rewritten(source, None);
        assert_eq!(text, "See the *std*\ndocs and gone.\n");
        assert_eq!(
            dropped,
            [
                (1, "../std/fmt.html#x".to_string()),
                (2, "gone.md".to_string())
            ]
        );
        let (text, dropped) = rewritten(source, Some("https://example.org/book/"));
        assert_eq!(
            text,
            "See [the *std*\ndocs](https://example.org/std/fmt.html#x \"t\") and [gone](https://example.org/book/gone.html).\n"
        );
        assert!(dropped.is_empty());
    }

    #[test]
    fn headings_get_mdbook_ids() {
        assert_eq!(mdbook_id("`build.rustflags`"), "buildrustflags");
        assert_eq!(mdbook_id("Why have `Cargo.lock`?"), "why-have-cargolock");
        assert_eq!(mdbook_id("unused_dependencies"), "unused_dependencies");
        let mut lines = Lines::of(
            "# Title\n\n## `a.b` *c*\n\n## A.b c\n\nSetext\n---\n\n## Kept {#mine}\n",
            0,
        );
        heading_ids(&mut lines);
        assert_eq!(
            lines.text(),
            "# Title {#title}\n\n## `a.b` *c* {#ab-c}\n\n## A.b c {#ab-c-1}\n\nSetext {#setext}\n---\n\n## Kept {#mine}\n"
        );
    }

    #[test]
    fn html_links_are_rewritten_as_markdown_links_are() {
        let source = "<p>See <a href=\"sub/b.html#x\">b</a>,\n<a id=k href='../std/fmt.html'>fmt</a>.</p>\n\nand <a href=\"https://e.org/\">e</a> <a href=gone.md>g</a>.\n";
        let (text, dropped) = rewritten(source, None);
        assert_eq!(
            text,
            "<p>See <a href=\"sub/b.md#x\">b</a>,\n<a id=k href=''>fmt</a>.</p>\n\nand <a href=\"https://e.org/\">e</a> <a href=\"\">g</a>.\n"
        );
        assert_eq!(
            dropped,
            [
                (2, "../std/fmt.html".to_string()),
                (4, "gone.md".to_string())
            ]
        );
        let (text, dropped) = rewritten(source, Some("https://example.org/book/"));
        assert!(
            text.contains("href='https://example.org/std/fmt.html'"),
            "{text}"
        );
        assert!(
            text.contains("href=\"https://example.org/book/gone.html\""),
            "{text}"
        );
        assert!(dropped.is_empty());
    }

    #[test]
    fn html_in_code_is_not_rewritten() {
        let source = "`<a href=\"gone.html\">`\n\n```\n<a href=\"gone.html\">\n```\n";
        let (text, dropped) = rewritten(source, None);
        assert_eq!(text, source);
        assert!(dropped.is_empty());
    }

    #[test]
    fn lines_stay_where_they_were() {
        let (text, _) = rewritten("[a\nb\nc](\n../x.html)\nnext\n", None);
        assert_eq!(text.lines().count(), 5);
        assert_eq!(text.lines().last(), Some("next"));
    }
}
