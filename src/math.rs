//! TeX math (`$…$`, `$$…$$`), read with [`pulldown_latex`].
//!
//! The model keeps a formula's TeX source ([`crate::model::Inline::Math`]);
//! the parse stage checks it here, so that a mistake is an error at its line
//! and a back end only ever gets formulas that read. The EPUB writes the
//! MathML made here; the PDF lays the same events out itself
//! ([`crate::layout::math`]).

use pulldown_latex::config::{DisplayMode, RenderConfig};
use pulldown_latex::{Parser, Storage};

/// Reads a formula's TeX: `Err` with the reason (the crate's first line,
/// without its drawing of the context) when it does not read.
pub fn check(tex: &str) -> Result<(), String> {
    let storage = Storage::new();
    for event in Parser::new(tex, &storage) {
        if let Err(e) = event {
            let message = e.to_string();
            let first = message.lines().next().unwrap_or_default();
            return Err(first.trim_start_matches("parsing error: ").to_string());
        }
    }
    Ok(())
}

/// The formula as a MathML `<math>` element in the MathML namespace, with
/// `display="block"` for display math and the TeX source as its `alttext`
/// (what a screen reader says when it cannot read MathML). Deterministic.
pub fn mathml(tex: &str, display: bool) -> String {
    let storage = Storage::new();
    let config = RenderConfig {
        display_mode: if display {
            DisplayMode::Block
        } else {
            DisplayMode::Inline
        },
        xml: true,
        ..RenderConfig::default()
    };
    let mut out = String::new();
    // Writing to a String cannot fail; a formula that does not read was
    // refused by `check` before any back end ran.
    if pulldown_latex::push_mathml(&mut out, Parser::new(tex, &storage), config).is_err() {
        out.clear();
    }
    // The crate writes HTML's `&nbsp;`, which XHTML does not declare, and
    // operators such as `<` unescaped.
    let out = well_formed(&out.replace("&nbsp;", "&#160;"));
    let alt = format!(" alttext=\"{}\"", crate::xml::escape(tex.trim()));
    match out.strip_prefix("<math") {
        Some(rest) => format!("<math{alt}{rest}"),
        None => out,
    }
}

/// The crate's markup with the characters it leaves raw in element
/// content (`<`, `>` and `&` as operators) escaped: outside a tag, a `<`
/// that opens no tag (no letter or `/` after it), any `>`, and an `&` that
/// starts no reference.
fn well_formed(markup: &str) -> String {
    let mut out = String::with_capacity(markup.len() + 8);
    let mut in_tag = false;
    let mut chars = markup.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        match c {
            '<' if !in_tag && next.is_some_and(|n| n.is_ascii_alphabetic() || n == '/') => {
                in_tag = true;
                out.push(c);
            }
            '<' if !in_tag => out.push_str("&lt;"),
            '>' if in_tag => {
                in_tag = false;
                out.push(c);
            }
            '>' => out.push_str("&gt;"),
            '&' if !in_tag && !starts_reference(&markup[i + 1..]) => out.push_str("&amp;"),
            _ => out.push(c),
        }
    }
    out
}

/// Whether text after an `&` is the rest of a reference (`amp;`, `#160;`).
fn starts_reference(rest: &str) -> bool {
    let name: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '#')
        .collect();
    !name.is_empty() && rest[name.len()..].starts_with(';')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_tex_reads_and_bad_tex_says_why() {
        assert!(check(r"\frac{-b \pm \sqrt{b^2-4ac}}{2a}").is_ok());
        let e = check(r"\frac{1}{").unwrap_err();
        assert!(!e.is_empty() && !e.contains('\n'), "{e}");
        assert!(check(r"\nosuchcommand x").is_err());
    }

    #[test]
    fn mathml_is_namespaced_with_alt_text_and_display() {
        let m = mathml("a < b", true);
        assert!(m.starts_with("<math alttext=\"a &lt; b\""), "{m}");
        assert!(m.contains("display=\"block\""), "{m}");
        assert!(
            m.contains("xmlns=\"http://www.w3.org/1998/Math/MathML\""),
            "{m}"
        );
        assert!(m.contains("<mo>&lt;</mo>"), "{m}");
        assert!(mathml("x^2", false).contains("<msup>"));
        assert!(!mathml(r"a \text{ if } b", false).contains("&nbsp;"));
        let m = mathml(r"a > b \& c \text{x<y & z}", false);
        assert!(
            m.contains("<mo>&gt;</mo>") && m.contains("<mi>&amp;</mi>"),
            "{m}"
        );
        assert!(m.contains("x&lt;y &amp; z"), "{m}");
        assert_eq!(mathml("x^2", false), mathml("x^2", false));
    }
}
