//! The `<Listing>` element of mdBook books that use the `mdbook-trpl`
//! preprocessor (the Rust book among them), rewritten as that preprocessor
//! renders it, into the Markdown quire already reads:
//!
//! - `<Listing number="1-1" file-name="src/main.rs" caption="…">` becomes
//!   `<span class="filename">Filename: src/main.rs</span>` (the listing's
//!   caption above its code) or an empty line when there is no file name;
//! - the matching `</Listing>` becomes `<span class="caption">Listing 1-1:
//!   …</span>`, a paragraph after the code (the caption is Markdown, as the
//!   preprocessor reads it), or an empty line.
//!
//! Each line stays a line, so every later message keeps its place. Only
//! HTML blocks are rewritten: a `<Listing>` inside code is code.

use super::Lines;
use html5gum::{Token, Tokenizer};
use pulldown_cmark::{Event, Parser};

/// Rewrites the `<Listing>` elements of `lines` (see the module comment).
pub fn rewrite(lines: &mut Lines) {
    if !lines.lines.iter().any(|(l, _)| l.contains("Listing")) {
        return;
    }
    let text = lines.text();
    let starts = lines.starts();
    let line_of = |offset: usize| starts.partition_point(|&s| s <= offset) - 1;
    // Each HTML block's lines that open or close a listing.
    let mut marks = Vec::new();
    for (event, range) in Parser::new(&text).into_offset_iter() {
        if let Event::Html(_) = event {
            let first = line_of(range.start);
            let last = line_of(range.end.saturating_sub(1).max(range.start));
            for index in first..=last {
                let line = lines.lines[index].0.trim();
                if line.starts_with("<Listing") || line == "</Listing>" {
                    marks.push(index);
                }
            }
        }
    }
    marks.dedup();
    let mut open: Vec<String> = Vec::new();
    for index in marks {
        let line = &mut lines.lines[index].0;
        if line.trim() == "</Listing>" {
            *line = open.pop().unwrap_or_default();
            continue;
        }
        let (number, file, caption) = attributes(line.trim());
        let closing = match (number, caption) {
            (Some(n), Some(c)) => format!("Listing {n}: {c}"),
            (Some(n), None) => format!("Listing {n}"),
            (None, Some(c)) => c,
            (None, None) => String::new(),
        };
        open.push(if closing.is_empty() {
            String::new()
        } else {
            format!("<span class=\"caption\">{closing}</span>")
        });
        *line = file
            .map(|f| format!("<span class=\"filename\">Filename: {f}</span>"))
            .unwrap_or_default();
    }
}

/// The `number`, `file-name` and `caption` of a `<Listing …>` tag (entities
/// decoded; a `<` kept out, so a caption cannot open an element).
fn attributes(tag: &str) -> (Option<String>, Option<String>, Option<String>) {
    let mut found = (None, None, None);
    if let Some(Ok(Token::StartTag(start))) = Tokenizer::new(tag).next() {
        let get = |name: &str| {
            start
                .attributes
                .get(name.as_bytes())
                .map(|v| String::from_utf8_lossy(v).replace('<', "&lt;"))
                .filter(|v| !v.trim().is_empty())
        };
        found = (get("number"), get("file-name"), get("caption"));
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_listing_becomes_a_file_name_above_and_a_caption_below() {
        let mut lines = Lines::of(
            "Intro.\n\n<Listing number=\"3-2\" file-name=\"src/lib.rs\" caption=\"Sorting the `crates` by *weight*\">\n\n```rust\nfn main() {}\n```\n\n</Listing>\n\nAfter.",
            0,
        );
        rewrite(&mut lines);
        assert_eq!(
            lines.text(),
            "Intro.\n\n<span class=\"filename\">Filename: src/lib.rs</span>\n\n```rust\nfn main() {}\n```\n\n<span class=\"caption\">Listing 3-2: Sorting the `crates` by *weight*</span>\n\nAfter.\n"
        );
    }

    #[test]
    fn bare_listings_leave_empty_lines_and_code_is_left_alone() {
        let text = "<Listing>\n\n```sh\nls\n```\n\n</Listing>\n\n```html\n<Listing file-name=\"x\">\n</Listing>\n```";
        let mut lines = Lines::of(text, 0);
        rewrite(&mut lines);
        assert_eq!(
            lines.text(),
            "\n\n```sh\nls\n```\n\n\n\n```html\n<Listing file-name=\"x\">\n</Listing>\n```\n"
        );
        assert_eq!(lines.lines.len(), Lines::of(text, 0).lines.len());
    }
}
