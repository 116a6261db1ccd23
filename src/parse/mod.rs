//! Markdown → model: drains pulldown-cmark's event stream into the blocks and
//! inlines of one [`Chapter`](crate::model::Chapter).
//!
//! pulldown-cmark events never leave this module. The builder keeps an
//! explicit stack of open containers (no recursion), so nesting depth is
//! bounded by [`MAX_DEPTH`] rather than by the call stack.
//!
//! HTML in the Markdown is mapped into the model through an allow-list
//! (see `html`); nothing is passed through unchecked.
//!
//! The modules: `builder` (the event machine and its stack of frames),
//! `targets` (link and image destinations), `html` (raw HTML), [`front`]
//! (YAML and TOML front matter).

mod builder;
pub mod front;
mod html;
mod listing;
mod targets;

pub use builder::footnote_id;
pub use html::{attribute_value, link_addresses, Address};
pub use targets::resolve_relative;

use crate::error::{Error, Location, Warning};
use crate::lines::LineIndex;
use crate::model::{Block, Footnote, Inline};
use builder::Builder;
use pulldown_cmark::{Event, Options, Parser};
use std::ops::Range;
use std::path::Path;

/// How deeply block quotes, lists and inline markup may nest.
pub const MAX_DEPTH: usize = 64;

/// What the parser knows of the file it parses: nothing of the other files
/// (links between them are resolved by [`crate::passes::links`]).
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The file being parsed, relative to the manuscript folder (`ch1.md`).
    pub file: &'a str,
    /// The file as shown in error messages (`manuscript/ch1.md`).
    pub display_path: &'a Path,
    /// Whether the file must open with a `# Title` (every part but the FAQ).
    pub requires_title: bool,
    /// Whether active content in HTML is an error (`strict-html`) rather
    /// than dropped with a warning.
    pub strict_html: bool,
    /// Whether `$…$` and `$$…$$` are read as TeX math.
    pub math: bool,
    /// The quotation marks and spacing of the book's language, which
    /// smart punctuation produces ([`crate::l10n::punctuation`]).
    pub punctuation: crate::l10n::punctuation::Punctuation,
}

/// An internal link as written, to be resolved and checked by
/// [`crate::passes::links`] once every part has its heading ids.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkRef {
    /// Where the link is written.
    pub location: Location,
    /// The destination as written.
    pub destination: String,
    /// The target file, relative to the manuscript folder (the linking file
    /// itself for `#anchor`); the model's link holds the same file in
    /// [`LinkTarget::Internal`]'s `chapter` until the links pass resolves it.
    pub file: String,
    /// The anchor inside it, if any.
    pub anchor: Option<String>,
}

/// An image the part uses, to be read from the manuscript folder.
#[derive(Debug, Clone, PartialEq)]
pub struct ImageRef {
    /// Where it is referenced.
    pub location: Location,
    /// The path relative to the manuscript folder (the model's `Image::src`).
    pub src: String,
}

/// One Markdown file, parsed: as much of the model as the text gives, and
/// every problem found in it.
#[derive(Debug, Default)]
pub struct Parsed {
    /// The title: the front matter's `title`, or the file's opening
    /// heading (of any level).
    pub title: Option<Vec<Inline>>,
    /// The part's id from the front matter's `id`, as written.
    pub id: Option<String>,
    /// The body. Headings without an explicit `{#id}` have an empty id until
    /// [`crate::passes::ids`] assigns one.
    pub blocks: Vec<Block>,
    /// Footnotes in order of first reference.
    pub footnotes: Vec<Footnote>,
    /// Every internal link, in the order written, resolved and checked later.
    pub links: Vec<LinkRef>,
    /// Images, loaded later.
    pub images: Vec<ImageRef>,
    /// Problems that do not stop the build, with their lines.
    pub warnings: Vec<Warning>,
    /// Every error found, in the order found, each with its line. The file is
    /// unusable when there is one; the rest of `Parsed` is still filled in
    /// (up to a fatal nesting error) so that its links can be checked too.
    pub errors: Vec<Error>,
}

/// The pulldown-cmark extensions quire's Markdown has.
pub fn options() -> Options {
    Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TABLES
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_DEFINITION_LIST
        | Options::ENABLE_SUPERSCRIPT
        | Options::ENABLE_SUBSCRIPT
        | Options::ENABLE_GFM
        | Options::ENABLE_MATH
}

/// Parses one Markdown file, in time linear in its length. Every problem
/// found is returned in [`Parsed::errors`], not just the first.
pub fn parse(text: &str, cx: Context<'_>) -> Parsed {
    let math = cx.math;
    let mut quoting = crate::l10n::punctuation::Quoting::new(cx.punctuation);
    let mut builder = Builder::new(cx);
    let lines = LineIndex::new(text);
    // Front matter only where it belongs, at the very start: pulldown-cmark
    // would take `---`, a line, `---` anywhere in the text for one.
    let start = match front_matter_block(text) {
        Some((block, toml, end)) => {
            if let Err(e) = builder.front_matter(block, toml, 1) {
                builder.errors.push(e);
            }
            end
        }
        None => 0,
    };
    let body = &text[start..];
    let mut options = options();
    options.set(Options::ENABLE_MATH, math);
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        builder.line = lines.line(start + range.start);
        let event = closing_quote(event, body, range.clone());
        let source = body.get(range.clone()).unwrap_or_default();
        let event = quoting.event(event, source, &body[range.end..]);
        if let Err(e) = builder.event(event) {
            builder.errors.push(e);
            if builder.fatal {
                break;
            }
        }
    }
    builder.finish()
}

/// A metadata block opening the file, as pulldown-cmark reads one: a `---`
/// (YAML) or `+++` (TOML) line, a line that is not blank, and a closing
/// `---` or `...` (`+++`) line. Gives its text, whether it is TOML, and
/// where the Markdown after it starts.
fn front_matter_block(text: &str) -> Option<(&str, bool, usize)> {
    let toml = text.starts_with("+++");
    let fence = if toml { "+++" } else { "---" };
    let first_end = text.find('\n')? + 1;
    if text[..first_end].trim_end() != fence {
        return None;
    }
    if text[first_end..]
        .lines()
        .next()
        .is_none_or(|l| l.trim().is_empty())
    {
        return None;
    }
    let mut at = first_end;
    while at < text.len() {
        let end = text[at..].find('\n').map_or(text.len(), |i| at + i + 1);
        let line = text[at..end].trim_end();
        if line == fence || (!toml && line == "...") {
            return Some((&text[first_end..at], toml, end));
        }
        at = end;
    }
    None
}

/// pulldown-cmark 0.13 turns a `"` that can only close a quotation into an
/// opening “ when no quotation is open; CommonMark's smart punctuation makes
/// every right-flanking `"` a closing ”. `range` is the event's source.
fn closing_quote<'e>(event: Event<'e>, text: &str, range: Range<usize>) -> Event<'e> {
    let is_lone_opening =
        matches!(&event, Event::Text(t) if &**t == "“") && text.get(range.clone()) == Some("\"");
    if !is_lone_opening {
        return event;
    }
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    let space = |c: Option<char>| c.is_none_or(char::is_whitespace);
    let punctuation =
        |c: Option<char>| c.is_some_and(|c| c.is_ascii_punctuation() || is_unicode_punctuation(c));
    let right_flanking =
        !space(before) && (!punctuation(before) || space(after) || punctuation(after));
    let left_flanking =
        !space(after) && (!punctuation(after) || space(before) || punctuation(before));
    if right_flanking && !left_flanking {
        Event::Text("”".into())
    } else {
        event
    }
}

/// Unicode punctuation as CommonMark counts it (general categories P and S),
/// approximated for the non-ASCII characters quotes meet in prose.
fn is_unicode_punctuation(c: char) -> bool {
    matches!(c, '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}' | '\u{00A1}'..='\u{00BF}' | '\u{00D7}' | '\u{00F7}')
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::error::Errors;

    pub(crate) fn parsed(markdown: &str) -> Parsed {
        let cx = Context {
            file: "ch1.md",
            display_path: Path::new("m/ch1.md"),
            requires_title: false,
            strict_html: false,
            math: true,
            punctuation: Default::default(),
        };
        parse(markdown, cx)
    }

    pub(crate) fn try_parse(markdown: &str) -> Result<Parsed, Errors> {
        let parsed = parsed(markdown);
        if parsed.errors.is_empty() {
            Ok(parsed)
        } else {
            Err(Errors(parsed.errors))
        }
    }

    pub(crate) fn blocks(markdown: &str) -> Vec<Block> {
        try_parse(markdown).unwrap_or_else(|e| panic!("{e}")).blocks
    }

    pub(crate) fn error(markdown: &str) -> String {
        try_parse(markdown).unwrap_err().to_string()
    }

    pub(crate) fn text(s: &str) -> Inline {
        Inline::Text { text: s.into() }
    }

    pub(crate) fn para(content: Vec<Inline>) -> Block {
        Block::Paragraph { content }
    }

    #[test]
    fn smart_punctuation_and_soft_breaks() {
        assert_eq!(
            blocks("\"Quoted\" -- it's... done---\nnext"),
            vec![para(vec![text("“Quoted” – it’s… done—\u{20}next")])]
        );
    }

    #[test]
    fn nesting_is_bounded_without_overflowing_the_stack() {
        let deep_quote = ">".repeat(10_000) + " x\n";
        assert!(error(&deep_quote).contains("nesting is deeper than 64 levels"));
        let deep_list: String = (0..1_000)
            .map(|i| format!("{}- x\n", "  ".repeat(i)))
            .collect();
        assert!(error(&deep_list).contains("nesting is deeper than 64 levels"));
        let deep_emphasis = "*".repeat(5_000) + "x" + &"*".repeat(5_000);
        assert!(try_parse(&deep_emphasis).is_ok() || error(&deep_emphasis).contains("nesting"));
    }

    #[test]
    fn every_problem_of_a_file_is_returned_with_what_was_parsed() {
        let parsed = parsed(
            "[r](irc://x.org)\n\n[a](#here) [b](nowhere.md) ![c](i.png)\n\n![d](https://x.org/d.png)\n",
        );
        let errors: Vec<String> = parsed.errors.iter().map(ToString::to_string).collect();
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors[0].starts_with("m/ch1.md:1: broken internal link `irc://x.org`"));
        assert!(errors[1].starts_with("m/ch1.md:5: image `https://x.org/d.png`"));
        assert_eq!(parsed.links.len(), 2);
        assert_eq!(parsed.images.len(), 1);
    }

    #[test]
    fn a_quote_that_can_only_close_is_a_closing_quote() {
        assert_eq!(
            blocks("He said it\" and left.\n\n\"One\" and \"two\n\n5\" wide, \"x\"."),
            vec![
                para(vec![text("He said it” and left.")]),
                para(vec![text("“One” and “two")]),
                para(vec![text("5” wide, “x”.")]),
            ]
        );
    }
}
