//! HTML fragments cut into the tokens the builder reads.

use html5gum::{DefaultEmitter, Token, Tokenizer};
use std::collections::BTreeMap;

/// One HTML token, as the builder reads it.
#[derive(Debug, Clone, PartialEq)]
pub(in crate::parse) enum HtmlToken {
    /// A start tag: lower-case name, attributes (first of each name).
    Open {
        name: String,
        attributes: BTreeMap<String, String>,
    },
    /// An end tag.
    Close { name: String },
    /// Text, character references decoded.
    Text(String),
}

/// Cuts an HTML fragment into tokens; comments, doctypes and the
/// tokenizer's error reports are left out (it recovers from every error).
#[cfg(test)]
pub(in crate::parse) fn tokens(html: &str) -> Vec<HtmlToken> {
    spanned_tokens(html).into_iter().map(|(_, t)| t).collect()
}

/// [`tokens`], each with the byte where it starts in `html`, so that a
/// message names the line of its tag.
pub(in crate::parse) fn spanned_tokens(html: &str) -> Vec<(usize, HtmlToken)> {
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    // The raw text of `<script>`, `<style>`, `<textarea>`… stays text.
    emitter.naively_switch_states(true);
    let text = |s: &[u8]| String::from_utf8_lossy(s).into_owned();
    Tokenizer::new_with_emitter(html, emitter)
        .flatten()
        .filter_map(|token| match token {
            Token::StartTag(tag) => Some((
                tag.span.start,
                HtmlToken::Open {
                    name: text(&tag.name),
                    attributes: tag
                        .attributes
                        .iter()
                        .map(|(k, v)| (text(k), text(&v.value)))
                        .collect(),
                },
            )),
            Token::EndTag(tag) => Some((
                tag.span.start,
                HtmlToken::Close {
                    name: text(&tag.name),
                },
            )),
            Token::String(s) => Some((s.span.start, HtmlToken::Text(text(&s.value)))),
            Token::Comment(_) | Token::Doctype(_) | Token::Error(_) => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_know_where_they_start() {
        let html = "<p>\n  <b>x</b>\n</p>";
        let starts: Vec<usize> = spanned_tokens(html).iter().map(|(at, _)| *at).collect();
        assert_eq!(starts, [0, 3, 6, 9, 10, 14, 15]);
    }
}
