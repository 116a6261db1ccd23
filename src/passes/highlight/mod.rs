//! Syntax highlighting: each code block whose language quire knows gets its
//! tokens ([`Token`]: a byte range and its [`Ink`]) computed once, here, with
//! syntect and the syntaxes of two-face (pure-Rust regular expressions); the
//! back ends only set them.
//!
//! The syntaxes are loaded on first use, so a book without a code block in a
//! named language never pays for them. A language is the info string's first
//! word up to a comma (` ```rust,ignore ` is Rust), found by name or file
//! extension (`rust`, `rs`, `sh`, `py`). Code in a language quire does not
//! know is set plain, with one warning per language name in the whole book,
//! at its first fence; names that say "no language" (`text`, `console`,
//! `output`…) are set plain without one.

mod themes;

pub use themes::{contrast, THEMES};

use super::PassContext;
use crate::error::{Location, Warning};
use crate::model::{walk, Block, Book, Ink, Rgb, Token};
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::sync::LazyLock;
use syntect::easy::HighlightLines;
use syntect::highlighting::{FontStyle, Style, Theme};
use syntect::parsing::{SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

/// Info-string words that name no language: their code is plain, silently.
const PLAIN: &[&str] = &[
    "text",
    "txt",
    "plain",
    "plaintext",
    "none",
    "output",
    "console",
    "terminal",
    "log",
    "ignore",
];

/// Every syntax quire highlights, loaded on first use.
static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(two_face::syntax::extra_newlines);

/// The syntax a code block's language word names, if quire knows it.
fn syntax(word: &str) -> Option<&'static SyntaxReference> {
    SYNTAXES.find_syntax_by_token(word)
}

/// Whether quire can highlight `language` (a name or a file extension):
/// `book.toml`'s `languages` may list only these. Loads the syntaxes.
pub fn knows(language: &str) -> bool {
    syntax(language).is_some()
}

/// The language word of an info string: up to the first comma, without
/// pandoc's braces and dot (`{.rust}`) or a `language-` prefix.
fn language_word(info: &str) -> &str {
    let word = info.split(',').next().unwrap_or_default();
    let word = word.trim_start_matches('{').trim_end_matches('}');
    let word = word.trim_start_matches('.');
    word.strip_prefix("language-").unwrap_or(word)
}

/// The pass: highlights every code block of the book in a language `[code]`
/// lets through.
pub fn run(book: &mut Book, cx: &mut PassContext<'_>) {
    let config = cx.code;
    if !config.highlight || !has_language(book) {
        return;
    }
    let theme = themes::theme(&config.theme);
    let wanted: Option<BTreeSet<&str>> = config.languages.as_ref().map(|names| {
        names
            .iter()
            .filter_map(|name| syntax(name))
            .map(|s| s.name.as_str())
            .collect()
    });
    // Parts are independent: highlighted in parallel, the unknown names
    // gathered in reading order.
    let unknown: Vec<(String, String)> = book
        .parts_mut()
        .collect::<Vec<_>>()
        .into_par_iter()
        .flat_map_iter(|part| {
            let mut unknown = Vec::new();
            let mut each = |block: &mut Block| {
                if let Block::CodeBlock {
                    language: Some(language),
                    code,
                    highlight,
                    ..
                } = block
                {
                    let word = language_word(language);
                    match syntax(word) {
                        Some(s) if wanted.as_ref().is_none_or(|w| w.contains(s.name.as_str())) => {
                            *highlight = tokens(code, s, &theme);
                        }
                        Some(_) => {}
                        None if word.is_empty()
                            || PLAIN.contains(&word.to_lowercase().as_str()) => {}
                        None => unknown.push((word.to_string(), part.source.clone())),
                    }
                }
            };
            walk::blocks_mut(&mut part.blocks, &mut each);
            for note in &mut part.footnotes {
                walk::blocks_mut(&mut note.blocks, &mut each);
            }
            unknown
        })
        .collect();
    let mut said = BTreeSet::new();
    for (word, file) in unknown {
        if said.insert(word.clone()) {
            let location = fence_location(cx, &file, &word);
            cx.warnings.push(Warning::at(
                location,
                format!("code in `{word}` is set plain: quire has no syntax for it (said at its first listing only)"),
            ));
        }
    }
}

/// Whether any code block of the book names a language.
fn has_language(book: &Book) -> bool {
    let mut found = false;
    for part in book.parts() {
        walk::part_blocks(part, &mut |b| {
            found |= matches!(
                b,
                Block::CodeBlock {
                    language: Some(_),
                    ..
                }
            );
        });
    }
    found
}

/// The line of the first fence in `file` that names `word`, else the file.
fn fence_location(cx: &PassContext<'_>, file: &str, word: &str) -> Location {
    let path = cx.dir.join(file);
    let line = cx.sources.get(file).and_then(|text| {
        text.lines().position(|line| {
            let line = line.trim_start();
            let info = line.trim_start_matches('`').trim_start_matches('~');
            let first = info.split_whitespace().next().unwrap_or_default();
            info.len() < line.len() && language_word(first) == word
        })
    });
    match line {
        Some(index) => Location::line(path, index + 1),
        None => Location::file(path),
    }
}

/// The tokens of `code` in `syntax` under `theme`: what is not set in the
/// text's own look, in order, neighbours of one look merged (also across
/// white space, whose colour nobody sees), so that print switches colour as
/// seldom as it can. Code the highlighter fails on is left plain from there.
pub fn tokens(code: &str, syntax: &SyntaxReference, theme: &Theme) -> Vec<Token> {
    let mut lines = HighlightLines::new(syntax, theme);
    let mut tokens: Vec<Token> = Vec::new();
    let mut at = 0;
    for line in LinesWithEndings::from(code) {
        let Ok(pieces) = lines.highlight_line(line, &SYNTAXES) else {
            break;
        };
        for (style, text) in pieces {
            let start = at;
            at += text.len();
            let ink = ink(style);
            if ink == Ink::default() || text.trim().is_empty() {
                continue;
            }
            match tokens.last_mut() {
                Some(last)
                    if last.ink == ink
                        && code
                            .get(last.end..start)
                            .is_some_and(|gap| gap.trim().is_empty()) =>
                {
                    last.end = at;
                }
                _ => tokens.push(Token {
                    start,
                    end: at,
                    ink,
                }),
            }
        }
    }
    // A token ends before its line's end: no token holds a line break.
    for token in &mut tokens {
        let text = &code[token.start..token.end];
        token.end = token.start + text.trim_end().len();
    }
    tokens
}

fn ink(style: Style) -> Ink {
    let c = style.foreground;
    Ink {
        colour: Rgb {
            r: c.r,
            g: c.g,
            b: c.b,
        },
        bold: style.font_style.contains(FontStyle::BOLD),
        italic: style.font_style.contains(FontStyle::ITALIC),
    }
}

#[cfg(test)]
mod tests;
