//! Quotation marks and the spaces around punctuation, by language. The
//! parser's smart punctuation ([`crate::parse`]) turns the author's straight
//! `"` and `'` into these marks, and [`Quoting`] adds the spaces French
//! sets before `; : ! ?`, in text only (never in code, math or an address),
//! so that both books get the same characters.

use pulldown_cmark::{Event, Tag, TagEnd};

/// U+202F NARROW NO-BREAK SPACE: before `; ! ?` and inside « » in French.
pub const NARROW_NBSP: char = '\u{202F}';
/// U+00A0 NO-BREAK SPACE: before `:` in French.
pub const NBSP: char = '\u{00A0}';

/// How a language quotes, and whether it spaces high punctuation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Punctuation {
    /// The opening and closing marks of a quotation.
    pub double: [&'static str; 2],
    /// The marks of a quotation inside a quotation (written `'…'`).
    pub single: [&'static str; 2],
    /// The space before `; ! ?` (French: a narrow no-break space), if any.
    pub before_high: Option<char>,
    /// The space before `:` (French: a no-break space), if any.
    pub before_colon: Option<char>,
}

impl Default for Punctuation {
    fn default() -> Self {
        ENGLISH
    }
}

const ENGLISH: Punctuation = Punctuation {
    double: ["“", "”"],
    single: ["‘", "’"],
    before_high: None,
    before_colon: None,
};

const fn marks(double: [&'static str; 2], single: [&'static str; 2]) -> Punctuation {
    Punctuation {
        double,
        single,
        before_high: None,
        before_colon: None,
    }
}

/// The punctuation of the language of BCP 47 `tag`. English's (“…” ‘…’)
/// for a language without its own, and for Dutch and Turkish, which quote
/// the same way.
pub fn for_language(tag: &str) -> Punctuation {
    let lower = tag.to_ascii_lowercase().replace('_', "-");
    let mut subtags = lower.split('-');
    let language = subtags.next().unwrap_or_default();
    let rest: Vec<&str> = subtags.collect();
    let guillemets = ["«", "»"];
    match language {
        // Lexique de l'Imprimerie nationale: « » with a narrow no-break
        // space inside, a narrow one before ; ! ?, a full one before :.
        // Quebec sets no space before ; ! ? (OQLF).
        "fr" => Punctuation {
            double: ["«\u{202F}", "\u{202F}»"],
            single: ["“", "”"],
            before_high: (!rest.contains(&"ca")).then_some(NARROW_NBSP),
            before_colon: Some(NBSP),
        },
        "de" | "cs" => marks(["„", "“"], ["‚", "‘"]),
        "pl" => marks(["„", "”"], ["«", "»"]),
        "sv" => marks(["”", "”"], ["’", "’"]),
        "ru" => marks(guillemets, ["„", "“"]),
        "es" | "it" | "el" => marks(guillemets, ["“", "”"]),
        "pt" if rest.contains(&"br") => ENGLISH,
        "pt" => marks(guillemets, ["“", "”"]),
        "ja" => marks(["「", "」"], ["『", "』"]),
        "zh" if rest.contains(&"hant") || rest.iter().any(|r| ["tw", "hk", "mo"].contains(r)) => {
            marks(["「", "」"], ["『", "』"])
        }
        _ => ENGLISH,
    }
}

/// Rewrites the text events of one Markdown file, in order, with a
/// language's [`Punctuation`]: the quotation marks smart punctuation made
/// from straight quotes, and the spaces before high punctuation.
#[derive(Debug)]
pub struct Quoting {
    punctuation: Punctuation,
    /// Single quotations open (an apostrophe closes none).
    open_single: usize,
    /// Inside a code block, whose text is never touched.
    in_code: bool,
    /// The last character of text before the event, in this block.
    previous: Option<char>,
}

impl Quoting {
    /// A rewriter for `punctuation`.
    pub fn new(punctuation: Punctuation) -> Quoting {
        Quoting {
            punctuation,
            open_single: 0,
            in_code: false,
            previous: None,
        }
    }

    /// The event with the language's marks and spaces. `source` is the
    /// Markdown the event was read from; `after` the text that follows it.
    pub fn event<'e>(&mut self, event: Event<'e>, source: &str, after: &str) -> Event<'e> {
        match &event {
            Event::Start(Tag::CodeBlock(_)) => self.in_code = true,
            Event::End(TagEnd::CodeBlock) => self.in_code = false,
            Event::Start(tag) if !is_inline(tag) => self.reset(),
            Event::End(tag) if !inline_end(tag) => self.reset(),
            Event::Code(code) => self.previous = code.chars().next_back(),
            Event::InlineMath(_) | Event::FootnoteReference(_) => self.previous = Some('x'),
            Event::SoftBreak | Event::HardBreak => self.previous = Some(' '),
            Event::Text(text) if !self.in_code => {
                let text = self.quotes(text, source, after);
                let text = self.spaces(&text, after);
                self.previous = text.chars().next_back().or(self.previous);
                return Event::Text(text.into());
            }
            _ => {}
        }
        event
    }

    fn reset(&mut self) {
        self.open_single = 0;
        self.previous = None;
    }

    /// A mark smart punctuation made from `"` or `'`, as the language
    /// writes it; anything else as it is.
    fn quotes(&mut self, text: &str, source: &str, after: &str) -> String {
        let p = self.punctuation;
        let synthesized = matches!(source, "\"" | "'");
        if !synthesized || p == ENGLISH {
            return text.to_string();
        }
        match text {
            "“" => p.double[0].to_string(),
            "”" => p.double[1].to_string(),
            "‘" => {
                self.open_single += 1;
                p.single[0].to_string()
            }
            // An apostrophe (inside a word, or with no quotation open)
            // stays one.
            "’" if self.open_single > 0 && !after.starts_with(char::is_alphanumeric) => {
                self.open_single -= 1;
                p.single[1].to_string()
            }
            _ => text.to_string(),
        }
    }

    /// French spacing: a no-break space before `; : ! ?` that end a word
    /// (followed by a space, the end of the text or closing punctuation,
    /// so `10:30`, `https://` and `?q=` are left alone), replacing a plain
    /// space written there; and the plain space inside « » made
    /// no-break.
    fn spaces(&self, text: &str, after: &str) -> String {
        let p = self.punctuation;
        if p.before_high.is_none() && p.before_colon.is_none() {
            return text.to_string();
        }
        let chars: Vec<char> = text.chars().collect();
        let next_after = after.chars().next();
        let mut out = String::with_capacity(text.len() + 8);
        let mut previous = self.previous;
        for (i, &c) in chars.iter().enumerate() {
            let next = chars.get(i + 1).copied().or(next_after);
            let space = match c {
                ';' | '!' | '?' => p.before_high,
                ':' => p.before_colon,
                _ => None,
            }
            .filter(|_| {
                next.is_none_or(|n| n.is_whitespace() || "»)]”’\"'!?;:.,…".contains(n))
                    && previous.is_some_and(|b| b != '(' && b != '[' && !";:!?".contains(b))
            });
            if let Some(space) = space {
                match previous {
                    Some(' ' | NBSP | NARROW_NBSP) => {
                        if out.ends_with(' ') {
                            out.pop();
                            out.push(space);
                        }
                    }
                    _ => out.push(space),
                }
            }
            if c == ' ' && (previous == Some('«') || next == Some('»')) {
                out.push(NARROW_NBSP);
            } else {
                out.push(c);
            }
            previous = Some(c);
        }
        out
    }
}

/// Whether a tag is inline markup (its start and end do not break the text).
pub fn is_inline(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

/// Whether `tag` ends an inline element (emphasis, a link…), not a block.
pub fn inline_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{Options, Parser};

    /// The text of `markdown` rewritten for `tag`, as the parser does it.
    fn text(tag: &str, markdown: &str) -> String {
        let mut quoting = Quoting::new(for_language(tag));
        let mut out = String::new();
        let options = Options::ENABLE_SMART_PUNCTUATION | Options::ENABLE_MATH;
        for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
            let source = &markdown[range.clone()];
            match quoting.event(event, source, &markdown[range.end..]) {
                Event::Text(t) | Event::Code(t) | Event::InlineMath(t) => out.push_str(&t),
                Event::SoftBreak => out.push(' '),
                Event::End(TagEnd::Paragraph) => out.push('\n'),
                _ => {}
            }
        }
        out
    }

    #[test]
    fn german_quotes_low_then_high_and_keeps_apostrophes() {
        assert_eq!(
            text("de-AT", "Er sagte: \"Das ist 'gut', geht's?\"\n"),
            "Er sagte: „Das ist ‚gut‘, geht’s?“\n"
        );
    }

    #[test]
    fn french_quotes_and_spaces_high_punctuation() {
        assert_eq!(
            text("fr", "Il dit : \"Viens!\" Pourquoi? Voici: rien; fin.\n"),
            "Il dit\u{A0}: «\u{202F}Viens\u{202F}!\u{202F}» Pourquoi\u{202F}? Voici\u{A0}: rien\u{202F}; fin.\n"
        );
    }

    #[test]
    fn french_spacing_spares_code_math_times_and_addresses() {
        assert_eq!(
            text(
                "fr",
                "À 10:30, `a: b;` et $x:y$ sur https://ex.org/?q=1 ou <https://ex.org/a?b>.\n"
            ),
            "À 10:30, a: b; et x:y sur https://ex.org/?q=1 ou https://ex.org/a?b.\n"
        );
        assert_eq!(text("fr", "```\nx = a ? b : c;\n```\n"), "x = a ? b : c;\n");
    }

    #[test]
    fn quebec_french_spaces_only_the_colon() {
        assert_eq!(text("fr-CA", "Quoi? Ceci:\n"), "Quoi? Ceci\u{A0}:\n");
    }

    #[test]
    fn other_languages_quote_their_way() {
        let quoted = |tag| text(tag, "\"a 'b' c\"\n");
        assert_eq!(quoted("en"), "“a ‘b’ c”\n");
        assert_eq!(quoted("ru"), "«a „b“ c»\n");
        assert_eq!(quoted("pl"), "„a «b» c”\n");
        assert_eq!(quoted("cs"), "„a ‚b‘ c“\n");
        assert_eq!(quoted("sv"), "”a ’b’ c”\n");
        assert_eq!(quoted("pt"), "«a “b” c»\n");
        assert_eq!(quoted("pt-BR"), "“a ‘b’ c”\n");
        assert_eq!(quoted("ja"), "「a 『b』 c」\n");
        assert_eq!(quoted("zh-TW"), "「a 『b』 c」\n");
        assert_eq!(quoted("zh"), "“a ‘b’ c”\n");
        assert_eq!(quoted("la"), "“a ‘b’ c”\n");
    }

    #[test]
    fn marks_the_author_typed_are_kept() {
        assert_eq!(text("de", "“So” he wrote.\n"), "“So” he wrote.\n");
    }
}
