//! pandoc attributes (`{#id .class key=value}`, `{-}`, or one bare word on a
//! fenced div) and the HTML tags quire's parser maps them through; where a
//! heading's attribute block stands on its line.

use std::ops::Range;

/// The attributes of a heading, fenced div or bracketed span.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attrs {
    /// `#id`.
    pub id: Option<String>,
    /// `.class` words, `-` read as `unnumbered`.
    pub classes: Vec<String>,
    /// `key=value` pairs (quire has no place for them but `epub:type`).
    pub pairs: Vec<(String, String)>,
}

impl Attrs {
    /// Reads `{…}` (braces included); `None` if it is not an attribute list.
    pub fn braced(text: &str) -> Option<Attrs> {
        let inner = text.strip_prefix('{')?.strip_suffix('}')?;
        let mut attrs = Attrs::default();
        let mut rest = inner.trim_start();
        while !rest.is_empty() {
            let end = word_end(rest)?;
            let (word, after) = rest.split_at(end);
            if let Some(id) = word.strip_prefix('#') {
                valid_name(id)?;
                attrs.id = Some(id.to_string());
            } else if let Some(class) = word.strip_prefix('.') {
                valid_name(class)?;
                attrs.classes.push(class.to_string());
            } else if word == "-" {
                attrs.classes.push("unnumbered".into());
            } else if let Some((key, value)) = word.split_once('=') {
                valid_name(key)?;
                let value = value
                    .strip_prefix('"')
                    .and_then(|v| v.strip_suffix('"'))
                    .unwrap_or(value);
                attrs.pairs.push((key.to_string(), value.to_string()));
            } else {
                return None;
            }
            rest = after.trim_start();
        }
        Some(attrs)
    }

    /// The attributes of a fenced div's opening line after its colons:
    /// `{…}` or one bare word (a class), optionally followed by colons.
    pub fn fence(text: &str) -> Option<Attrs> {
        let text = text.trim().trim_end_matches(':').trim_end();
        if text.starts_with('{') {
            return Attrs::braced(text);
        }
        valid_name(text)?;
        Some(Attrs {
            classes: vec![text.to_string()],
            ..Attrs::default()
        })
    }

    /// Whether a class is set.
    pub fn has_class(&self, class: &str) -> bool {
        self.classes.iter().any(|c| c == class)
    }

    /// The value of `key`, if set.
    pub fn pair(&self, key: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// An opening tag `<NAME class="…" id="…">` carrying the id and classes.
    pub fn open_tag(&self, name: &str) -> String {
        let mut tag = format!("<{name}");
        if !self.classes.is_empty() {
            tag.push_str(" class=\"");
            crate::xml::push_escaped(&mut tag, &self.classes.join(" "));
            tag.push('"');
        }
        if let Some(id) = &self.id {
            tag.push_str(" id=\"");
            crate::xml::push_escaped(&mut tag, id);
            tag.push('"');
        }
        tag.push('>');
        tag
    }

    /// The heading attribute block quire's parser reads: `{#id .class …}`.
    pub fn heading_block(&self, id: &str) -> String {
        let mut out = format!("{{#{id}");
        for class in &self.classes {
            out.push_str(" .");
            out.push_str(class);
        }
        out.push('}');
        out
    }
}

/// Where the word at the start of `text` ends: at white space outside
/// double quotes. `None` for an unclosed quote.
fn word_end(text: &str) -> Option<usize> {
    let mut quoted = false;
    for (i, c) in text.char_indices() {
        match c {
            '"' => quoted = !quoted,
            c if c.is_whitespace() && !quoted => return Some(i),
            _ => {}
        }
    }
    (!quoted).then_some(text.len())
}

/// An id, class or key: letters, digits and `-_:.`, not empty.
fn valid_name(name: &str) -> Option<()> {
    (!name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || "-_:.".contains(c)))
    .then_some(())
}

/// The identifier pandoc derives from a heading's text (its
/// `auto_identifiers` extension): alphanumerics, white space, `_`, `-` and
/// `.` kept, words joined by `-`, lowercased, everything before the first
/// letter dropped; `section` when nothing is left.
pub fn pandoc_identifier(text: &str) -> String {
    let kept: String = text
        .chars()
        .filter(|&c| c.is_alphanumeric() || c.is_whitespace() || "_-.".contains(c))
        .flat_map(char::to_lowercase)
        .collect();
    let joined = kept.split_whitespace().collect::<Vec<_>>().join("-");
    let start = joined.find(char::is_alphabetic).unwrap_or(joined.len());
    match &joined[start..] {
        "" => "section".into(),
        id => id.to_string(),
    }
}

/// Where a heading's attribute block is written (or is to be inserted) on
/// its line, and the attributes written there.
pub fn heading_attrs(text: &str, range: &Range<usize>) -> (Range<usize>, Option<Attrs>) {
    let source = &text[range.clone()];
    let atx = source.trim_start_matches(' ').starts_with('#');
    let lines: Vec<(usize, &str)> = source
        .split_inclusive('\n')
        .scan(range.start, |start, line| {
            let at = *start;
            *start += line.len();
            Some((at, line.trim_end_matches(['\n', '\r'])))
        })
        .collect();
    let (start, line) = if atx || lines.len() < 2 {
        lines[0]
    } else {
        lines[lines.len() - 2]
    };
    let mut content = line.trim_end();
    if atx {
        let without = content.trim_end_matches('#');
        if without.len() < content.len()
            && (without.ends_with(' ') || without.trim_start_matches(' ').is_empty())
        {
            content = without.trim_end();
        }
    }
    // The block replaces a closing `##` too: pulldown-cmark reads
    // attributes only at the very end of the line.
    let end = start + line.trim_end().len();
    if content.ends_with('}') {
        if let Some(open) = content.rfind('{') {
            if let Some(attrs) = Attrs::braced(&content[open..]) {
                let before = content[..open].trim_end().len();
                return (start + before..end, Some(attrs));
            }
        }
    }
    (start + content.len()..end, None)
}

/// A heading's text without an attribute block the parser left in it.
pub fn strip_attr_text(heading: &str, text: &str, range: &Range<usize>) -> String {
    let (place, attrs) = heading_attrs(text, range);
    let trimmed = heading.trim_end();
    if attrs.is_some() {
        let written = text[place].trim().trim_end_matches('#').trim_end();
        if let Some(stripped) = trimmed.strip_suffix(written) {
            return stripped.to_string();
        }
    }
    trimmed.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_attribute_blocks_are_found_on_their_line() {
        let text = "# Title {#x .y} ##\n";
        let (place, attrs) = heading_attrs(text, &(0..text.len()));
        assert_eq!(&text[place], " {#x .y} ##");
        assert_eq!(attrs.unwrap().id.as_deref(), Some("x"));
        let setext = "Title {-}\n===\n";
        let (place, attrs) = heading_attrs(setext, &(0..setext.len()));
        assert_eq!(&setext[place], " {-}");
        assert!(attrs.unwrap().has_class("unnumbered"));
        let plain = "# Title\n";
        assert_eq!(heading_attrs(plain, &(0..plain.len())), (7..7, None));
        let closed = "## Title ##\n";
        assert_eq!(heading_attrs(closed, &(0..closed.len())), (8..11, None));
    }

    #[test]
    fn braced_attributes() {
        let attrs = Attrs::braced("{#intro .note .wide lang=\"en gb\" -}").unwrap();
        assert_eq!(attrs.id.as_deref(), Some("intro"));
        assert_eq!(attrs.classes, ["note", "wide", "unnumbered"]);
        assert_eq!(attrs.pair("lang"), Some("en gb"));
        assert_eq!(Attrs::braced("{}"), Some(Attrs::default()));
        assert_eq!(Attrs::braced("{not attrs}"), None);
        assert_eq!(Attrs::braced("{@cite}"), None);
        assert_eq!(Attrs::braced("{#a \"b}"), None);
    }

    #[test]
    fn fence_attributes_and_tags() {
        let attrs = Attrs::fence(" {.note #n1} :::").unwrap();
        assert_eq!(attrs.open_tag("div"), "<div class=\"note\" id=\"n1\">");
        assert_eq!(Attrs::fence("warning ::").unwrap().classes, ["warning"]);
        assert_eq!(Attrs::fence("two words"), None);
        assert_eq!(Attrs::fence("").map(|a| a.classes), None);
        assert_eq!(attrs.heading_block("x"), "{#x .note}");
    }

    #[test]
    fn identifiers_as_pandoc_derives_them() {
        assert_eq!(
            pandoc_identifier("Heading identifiers in HTML"),
            "heading-identifiers-in-html"
        );
        assert_eq!(pandoc_identifier("Maître d’hôtel"), "maître-dhôtel");
        assert_eq!(pandoc_identifier("Dogs?–in my house?"), "dogsin-my-house");
        assert_eq!(pandoc_identifier("HTML, S5, or RTF?"), "html-s5-or-rtf");
        assert_eq!(pandoc_identifier("3. Applications"), "applications");
        assert_eq!(pandoc_identifier("33"), "section");
        assert_eq!(pandoc_identifier("A – B"), "a-b");
        assert_eq!(pandoc_identifier("Maître d’hôtel  x"), "maître-dhôtel-x");
    }
}
