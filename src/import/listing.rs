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
//! The words are the book's language's labels (`filename`, `listing`, and
//! `numbered-title` between the number and the caption: "Fichier : …",
//! "Listing 1-1 : …" in French), or the author's `[labels]`.
//!
//! Each line stays a line, so every later message keeps its place. Only
//! HTML blocks are rewritten: a `<Listing>` inside code is code.

use super::Lines;
use crate::model::{fill, Labels};
use crate::xml::escape;
use html5gum::{DefaultEmitter, Token, Tokenizer};
use pulldown_cmark::{Event, Parser};

/// Rewrites the `<Listing>` elements of `lines` in the words of `labels`
/// (see the module comment).
pub fn rewrite(lines: &mut Lines, labels: &Labels) {
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
            (Some(n), Some(c)) => {
                let label = phrase(&labels.listing, &[("n", &n)]);
                phrase(&labels.numbered_title, &[("label", &label), ("title", &c)])
            }
            (Some(n), None) => phrase(&labels.listing, &[("n", &n)]),
            (None, Some(c)) => c,
            (None, None) => String::new(),
        };
        open.push(if closing.is_empty() {
            String::new()
        } else {
            format!("<span class=\"caption\">{closing}</span>")
        });
        *line = file
            .map(|f| {
                let words = phrase(&labels.filename, &[("file", &f)]);
                format!("<span class=\"filename\">{words}</span>")
            })
            .unwrap_or_default();
    }
}

/// `pattern` filled with `values`: the pattern's own words escaped (a
/// label is text), the values, already markup, inserted as they are.
fn phrase(pattern: &str, values: &[(&str, &str)]) -> String {
    // Private-use characters stand for the values while the words are escaped.
    let markers: Vec<(&str, String)> = values
        .iter()
        .zip('\u{F8F0}'..)
        .map(|((name, _), marker)| (*name, marker.to_string()))
        .collect();
    let named: Vec<(&str, &str)> = markers.iter().map(|(n, m)| (*n, m.as_str())).collect();
    let mut out = escape(&fill(pattern, &named));
    for ((_, marker), (_, value)) in markers.iter().zip(values) {
        out = out.replace(marker.as_str(), value);
    }
    out
}

/// The `number`, `file-name` and `caption` of a `<Listing …>` tag (entities
/// decoded; a `<` kept out, so a caption cannot open an element).
fn attributes(tag: &str) -> (Option<String>, Option<String>, Option<String>) {
    let mut found = (None, None, None);
    // The emitter with spans, as `parse::html` uses it: one copy of the
    // tokenizer in the binary, not two (its spans are not needed here).
    let emitter = DefaultEmitter::<usize>::new_with_span();
    if let Some(Ok(Token::StartTag(start))) = Tokenizer::new_with_emitter(tag, emitter).next() {
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
        rewrite(&mut lines, &Labels::english());
        assert_eq!(
            lines.text(),
            "Intro.\n\n<span class=\"filename\">Filename: src/lib.rs</span>\n\n```rust\nfn main() {}\n```\n\n<span class=\"caption\">Listing 3-2: Sorting the `crates` by *weight*</span>\n\nAfter.\n"
        );
    }

    #[test]
    fn the_words_are_the_book_s_language_s_and_stay_text() {
        let text = "<Listing number=\"3-2\" file-name=\"src/lib.rs\" caption=\"Trier\">\n\n```rust\n```\n\n</Listing>\n\n<Listing number=\"3-3\">\n\n```rust\n```\n\n</Listing>";
        let rewritten = |labels: &Labels| {
            let mut lines = Lines::of(text, 0);
            rewrite(&mut lines, labels);
            lines.text()
        };
        let french = rewritten(&crate::l10n::labels("fr").0);
        assert!(
            french.starts_with("<span class=\"filename\">Fichier\u{a0}: src/lib.rs</span>\n"),
            "{french}"
        );
        assert!(
            french.contains("<span class=\"caption\">Listing 3-2\u{a0}: Trier</span>"),
            "{french}"
        );
        assert!(
            french.contains("<span class=\"caption\">Listing 3-3</span>"),
            "{french}"
        );
        let japanese = rewritten(&crate::l10n::labels("ja").0);
        assert!(japanese.contains(">ファイル名：src/lib.rs<"), "{japanese}");
        assert!(japanese.contains(">リスト3-2\u{3000}Trier<"), "{japanese}");
        // An author's words are text: escaped; the values are not touched twice.
        let mut mine = Labels::english();
        mine.filename = "<File> & {file}".into();
        mine.listing = "Code {n} of {n}".into();
        let mine = rewritten(&mine);
        assert!(mine.contains(">&lt;File&gt; &amp; src/lib.rs<"), "{mine}");
        assert!(mine.contains(">Code 3-3 of 3-3<"), "{mine}");
    }

    #[test]
    fn bare_listings_leave_empty_lines_and_code_is_left_alone() {
        let text = "<Listing>\n\n```sh\nls\n```\n\n</Listing>\n\n```html\n<Listing file-name=\"x\">\n</Listing>\n```";
        let mut lines = Lines::of(text, 0);
        rewrite(&mut lines, &Labels::english());
        assert_eq!(
            lines.text(),
            "\n\n```sh\nls\n```\n\n\n\n```html\n<Listing file-name=\"x\">\n</Listing>\n```\n"
        );
        assert_eq!(lines.lines.len(), Lines::of(text, 0).lines.len());
    }
}
