//! The CSS of highlighted code: one rule per look the book's tokens use.

use crate::model::{walk, Block, Book, Token};
use crate::xml::push_escaped;
use std::collections::BTreeMap;

/// The book's rules for its highlighted code: one per look its tokens use,
/// named by [`crate::model::Ink::class`], in the order of the names (the
/// same book gives the same bytes); empty when nothing is highlighted.
pub fn css(book: &Book) -> String {
    let mut inks = BTreeMap::new();
    for part in book.parts() {
        walk::part_blocks(part, &mut |b| {
            if let Block::CodeBlock { highlight, .. } = b {
                for token in highlight {
                    inks.insert(token.ink.class(), token.ink);
                }
            }
        });
    }
    let mut css = String::new();
    for (class, ink) in inks {
        css.push_str(&format!("code .{class} {{ color: #{};", ink.colour.hex()));
        if ink.bold {
            css.push_str(" font-weight: bold;");
        }
        if ink.italic {
            css.push_str(" font-style: italic;");
        }
        css.push_str(" }\n");
    }
    css
}

/// Writes `code`, escaped, with each token in a `<span>` of its look's
/// class; the text outside tokens as it is.
pub fn push_code(out: &mut String, code: &str, tokens: &[Token]) {
    let mut at = 0;
    for token in tokens {
        let (Some(before), Some(text)) =
            (code.get(at..token.start), code.get(token.start..token.end))
        else {
            continue;
        };
        push_escaped(out, before);
        out.push_str(&format!("<span class=\"{}\">", token.ink.class()));
        push_escaped(out, text);
        out.push_str("</span>");
        at = token.end;
    }
    push_escaped(out, code.get(at..).unwrap_or_default());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Ink, Rgb};

    #[test]
    fn tokens_become_classed_spans_and_the_rest_stays_text() {
        let grey = Ink {
            colour: Rgb {
                r: 0x5c,
                g: 0x63,
                b: 0x70,
            },
            italic: true,
            ..Ink::default()
        };
        let code = "x < 1 // <ok>";
        let mut out = String::new();
        push_code(
            &mut out,
            code,
            &[Token {
                start: 6,
                end: code.len(),
                ink: grey,
            }],
        );
        assert_eq!(
            out,
            "x &lt; 1 <span class=\"hl-5c6370-i\">// &lt;ok&gt;</span>"
        );
    }
}
