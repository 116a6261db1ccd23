//! Turning inline content back into plain text.

use super::Inline;

/// The visible text of inline content, without markup: for titles in
/// navigation, running heads, metadata and ids.
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    push_text(inlines, &mut out);
    out
}

/// Whether inline content has no words for a reader to see or hear (nothing,
/// or white space only): an empty heading, link text or header cell.
pub fn has_no_words(inlines: &[Inline]) -> bool {
    plain_text(inlines).trim().is_empty()
}

fn push_text(inlines: &[Inline], out: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Text { text } => out.push_str(text),
            Inline::Code { code } => out.push_str(code),
            Inline::Math { tex, .. } => out.push_str(tex.trim()),
            Inline::Emphasis { content }
            | Inline::Strong { content }
            | Inline::Phrase { content, .. }
            | Inline::Link { content, .. } => push_text(content, out),
            Inline::Image { image } => out.push_str(&image.alt),
            Inline::HardBreak => out.push(' '),
            Inline::FootnoteRef { .. } | Inline::Anchor { .. } | Inline::Task { .. } => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Inline {
        Inline::Text { text: s.into() }
    }

    #[test]
    fn no_words_is_nothing_or_white_space_but_code_is_words() {
        assert!(has_no_words(&[]));
        assert!(has_no_words(&[text(" \u{a0}"), Inline::HardBreak]));
        assert!(has_no_words(&[Inline::Emphasis {
            content: vec![text(" ")]
        }]));
        assert!(!has_no_words(&[Inline::Code { code: "T".into() }]));
        assert!(!has_no_words(&[text(" 'a ")]));
    }

    #[test]
    fn flattens_nested_markup_and_drops_footnote_refs() {
        let inlines = vec![
            text("The "),
            Inline::Emphasis {
                content: vec![
                    text("Wars"),
                    Inline::Strong {
                        content: vec![text("!")],
                    },
                ],
            },
            Inline::FootnoteRef {
                id: "fn-1".into(),
                number: 1,
            },
            Inline::HardBreak,
            Inline::Code { code: "x".into() },
        ];
        assert_eq!(plain_text(&inlines), "The Wars! x");
    }
}
