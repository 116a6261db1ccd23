//! Code listings: the language and caption a fence's info string gives
//! (```` ```rust title="src/main.rs" ````, pandoc's
//! ```` ```{.rust title="src/main.rs"} ````), and mdBook's file-name line
//! (`<span class="filename">Filename: src/main.rs</span>` alone in the
//! paragraph before the code), which becomes the listing's caption.

use crate::model::{Block, Inline, PhraseKind};

/// The language and the caption of a fence's info string: the first word
/// (or, in braces, the first `.class`), and the `title` attribute.
pub(super) fn fence_info(info: &str) -> (Option<String>, Vec<Inline>) {
    let info = info.trim();
    let (braced, attributes) = match info.strip_prefix('{') {
        Some(inner) => (true, inner.strip_suffix('}').unwrap_or(inner)),
        None => (false, info),
    };
    let words = words(attributes);
    let language = if braced {
        words
            .iter()
            .find_map(|w| w.strip_prefix('.'))
            .filter(|w| !w.is_empty())
            .map(str::to_string)
    } else {
        info.split_whitespace()
            .next()
            .filter(|w| !w.contains('='))
            .map(str::to_string)
    };
    let title = words
        .iter()
        .find_map(|w| w.strip_prefix("title="))
        .map(unquote)
        .filter(|t| !t.trim().is_empty());
    let caption = title
        .map(|text| vec![Inline::Text { text }])
        .unwrap_or_default();
    (language, caption)
}

/// The words of an attribute list, a quoted value (with its spaces) kept
/// in its word.
fn words(text: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let mut start = None;
    let mut quote = None;
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => {
                quote = Some(c);
                start.get_or_insert(i);
            }
            (None, c) if c.is_whitespace() => {
                if let Some(s) = start.take() {
                    words.push(&text[s..i]);
                }
            }
            (None, _) => {
                start.get_or_insert(i);
            }
        }
    }
    if let Some(s) = start {
        words.push(&text[s..]);
    }
    words
}

/// A value without its quotes.
fn unquote(value: &str) -> String {
    for q in ['"', '\''] {
        if let Some(inner) = value.strip_prefix(q) {
            return inner.strip_suffix(q).unwrap_or(inner).to_string();
        }
    }
    value.to_string()
}

/// The caption for a listing about to follow `blocks`: a paragraph that is
/// only a `<span class="filename">` is taken out of `blocks` and its
/// content returned; otherwise nothing changes and the caption is empty.
pub(super) fn take_filename(blocks: &mut Vec<Block>) -> Vec<Inline> {
    let Some(Block::Paragraph { content }) = blocks.last() else {
        return Vec::new();
    };
    let mut parts = content
        .iter()
        .filter(|i| !matches!(i, Inline::Text { text } if text.trim().is_empty()));
    let filename = match (parts.next(), parts.next()) {
        (
            Some(Inline::Phrase {
                kind: PhraseKind::Span,
                classes,
                content,
                ..
            }),
            None,
        ) if classes.iter().any(|c| c == "filename") => content.clone(),
        _ => return Vec::new(),
    };
    blocks.pop();
    filename
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Vec<Inline> {
        vec![Inline::Text { text: s.into() }]
    }

    #[test]
    fn a_fence_gives_its_language_and_title() {
        assert_eq!(fence_info("rust"), (Some("rust".into()), vec![]));
        assert_eq!(
            fence_info("rust title=\"src/main.rs\""),
            (Some("rust".into()), text("src/main.rs"))
        );
        assert_eq!(
            fence_info("{.rust .numberLines title=\"A listing, with spaces\"}"),
            (Some("rust".into()), text("A listing, with spaces"))
        );
        assert_eq!(
            fence_info("console title=out.txt"),
            (Some("console".into()), text("out.txt"))
        );
        assert_eq!(fence_info("{title='x'}"), (None, text("x")));
        assert_eq!(fence_info("title=x"), (None, text("x")));
        assert_eq!(
            fence_info("rust,ignore"),
            (Some("rust,ignore".into()), vec![])
        );
        assert_eq!(fence_info("rust title=\"\""), (Some("rust".into()), vec![]));
    }

    #[test]
    fn only_a_filename_span_alone_in_its_paragraph_becomes_a_caption() {
        let span = |class: &str| Inline::Phrase {
            kind: PhraseKind::Span,
            classes: vec![class.into()],
            title: None,
            content: text("Filename: src/lib.rs"),
        };
        let para = |content| Block::Paragraph { content };
        let mut blocks = vec![para(text("Before.")), para(vec![span("filename")])];
        assert_eq!(take_filename(&mut blocks), text("Filename: src/lib.rs"));
        assert_eq!(blocks, vec![para(text("Before."))]);
        for other in [
            vec![span("other")],
            vec![span("filename"), Inline::Text { text: "and".into() }],
        ] {
            let mut blocks = vec![para(other)];
            assert!(take_filename(&mut blocks).is_empty());
            assert_eq!(blocks.len(), 1);
        }
    }
}
