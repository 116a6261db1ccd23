//! Where HTML written in Markdown gives a link's address, so that an
//! importer can rewrite `<a href>` as it rewrites a Markdown link.

use html5gum::{DefaultEmitter, Token, Tokenizer};
use std::ops::Range;

/// One `<a href>` of an HTML fragment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    /// The bytes of the value as written (between its quotes, if any).
    pub range: Range<usize>,
    /// Whether the value is written between quotes.
    pub quoted: bool,
    /// The address, character references decoded.
    pub value: String,
}

/// Every `<a href>` address of `html`, in order. The content of `<script>`,
/// `<style>` and the like is text, never tags.
pub fn link_addresses(html: &str) -> Vec<Address> {
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    emitter.naively_switch_states(true);
    Tokenizer::new_with_emitter(html, emitter)
        .flatten()
        .filter_map(|token| match token {
            Token::StartTag(tag) if &*tag.name == b"a" => {
                let href = tag.attributes.get(&b"href"[..])?;
                // The attribute's span opens at its name.
                let (range, quoted) = value_at(html, href.span.start)?;
                let value = String::from_utf8_lossy(&href.value).into_owned();
                Some(Address {
                    range,
                    quoted,
                    value,
                })
            }
            _ => None,
        })
        .collect()
}

/// The bytes of the value of the attribute whose name starts at `at`, and
/// whether it is quoted.
fn value_at(html: &str, at: usize) -> Option<(Range<usize>, bool)> {
    let bytes = html.as_bytes();
    let mut i = at;
    while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !b"=>/".contains(&bytes[i]) {
        i += 1;
    }
    let skip = |mut i: usize| {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        i
    };
    i = skip(i);
    if bytes.get(i) != Some(&b'=') {
        return None;
    }
    i = skip(i + 1);
    match bytes.get(i) {
        Some(&q) if q == b'"' || q == b'\'' => {
            let len = html[i + 1..].find(q as char)?;
            Some((i + 1..i + 1 + len, true))
        }
        _ => {
            let len = html[i..]
                .find(|c: char| c.is_ascii_whitespace() || c == '>')
                .unwrap_or(html.len() - i);
            Some((i..i + len, false))
        }
    }
}

/// `value` written as an attribute value in place of an [`Address`]:
/// `&`, quotes and `<`, `>` escaped, quoted when the original was not.
pub fn attribute_value(address: &Address, value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    if address.quoted {
        out
    } else {
        format!("\"{out}\"")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_each_href_as_written() {
        let html = "<p><a id=x href=\"../a.html#b\">t</a> <A HREF='c&amp;d'>u</A> <a href=e>v</a> <a>w</a> <b href=\"no\">";
        let found = link_addresses(html);
        let values: Vec<(&str, bool, &str)> = found
            .iter()
            .map(|a| (&html[a.range.clone()], a.quoted, a.value.as_str()))
            .collect();
        assert_eq!(
            values,
            [
                ("../a.html#b", true, "../a.html#b"),
                ("c&amp;d", true, "c&d"),
                ("e", false, "e")
            ]
        );
    }

    #[test]
    fn script_text_is_not_read_as_tags() {
        assert!(link_addresses("<script>'<a href=\"x\">'</script>").is_empty());
    }

    #[test]
    fn values_are_escaped_and_quoted() {
        let found = link_addresses("<a href=e>v</a><a href=\"f\">w</a>");
        assert_eq!(attribute_value(&found[0], "a&b"), "\"a&amp;b\"");
        assert_eq!(attribute_value(&found[1], "\"q\""), "&quot;q&quot;");
        assert_eq!(value_at("a  =  'x y' b", 0), Some((7..10, true)));
        assert_eq!(value_at("a=x>", 0), Some((2..3, false)));
        assert_eq!(value_at("a>", 0), None);
    }
}
