//! XML and XHTML writing shared by the back ends that write markup (the
//! EPUB's content documents today, an HTML preview later): escaping for text
//! and attributes, model ids made valid XML ids, and the XHTML page skeleton.

/// Appends `text` to `out`, escaped for element content and double-quoted
/// attribute values alike. Characters XML 1.0 forbids (most C0 controls) are
/// dropped, since no reading system could show them anyway.
pub fn push_escaped(out: &mut String, text: &str) {
    // Runs of plain text are copied whole; only the bytes that start a
    // character to replace or drop are looked at one by one. A character
    // XML forbids is a C0 control or U+FFFE/U+FFFF (UTF-8 `EF BF BE/BF`):
    // a `str` holds no surrogates.
    let bytes = text.as_bytes();
    let mut plain = 0;
    let mut i = 0;
    while i < bytes.len() {
        let (replacement, len) = match bytes[i] {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            b'\t' | b'\n' | b'\r' => {
                i += 1;
                continue;
            }
            0..=0x1F => ("", 1),
            0xEF if matches!(bytes.get(i + 1..i + 3), Some([0xBF, 0xBE | 0xBF])) => ("", 3),
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&text[plain..i]);
        out.push_str(replacement);
        i += len;
        plain = i;
    }
    out.push_str(&text[plain..]);
}

/// `text`, escaped (see [`push_escaped`]).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_escaped(&mut out, text);
    out
}

/// A complete XHTML document in `language`, titled `title`, styled by the
/// stylesheet at `stylesheet` (relative to the page), whose `<body>` has the
/// `epub:type` `body_type` and holds `body`, inserted as is.
pub fn xhtml_page(
    language: &str,
    title: &str,
    stylesheet: &str,
    body_type: &str,
    body: &str,
) -> String {
    let language = escape(language);
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n\
         <html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" \
         lang=\"{language}\" xml:lang=\"{language}\">\n<head>\n<meta charset=\"utf-8\"/>\n\
         <title>{title}</title>\n<link rel=\"stylesheet\" type=\"text/css\" href=\"{stylesheet}\"/>\n\
         </head>\n<body epub:type=\"{body_type}\">\n{body}</body>\n</html>\n",
        title = escape(title),
        stylesheet = escape(stylesheet),
    )
}

/// A valid XML id (an NCName, as EPUBCheck demands) for a model id.
///
/// Ids that already qualify are kept as they are, so anchors stay readable;
/// any other id is prefixed and has its offending characters spelled out as
/// hex, which keeps distinct ids distinct. Links and targets both go through
/// this function, so they always agree.
pub fn xml_id(id: &str) -> String {
    let is_name_char = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.');
    let starts_well = id.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_');
    if starts_well && id.chars().all(is_name_char) {
        return id.to_owned();
    }
    let mut out = String::from("id-");
    for c in id.chars() {
        if is_name_char(c) {
            out.push(c);
        } else {
            out.push_str(&format!("_{:x}_", u32::from(c)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_characters_and_drops_forbidden_controls() {
        assert_eq!(
            escape("Tom & \"Jerry\" <b> ’ā\u{1}"),
            "Tom &amp; &quot;Jerry&quot; &lt;b&gt; ’ā"
        );
    }

    /// The escaper as the XML 1.0 `Char` production and the four
    /// replacements say it, a character at a time.
    fn escaped_char_by_char(text: &str) -> String {
        let is_xml_char = |c: char| matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..);
        let mut out = String::new();
        for c in text.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' => out.push_str("&quot;"),
                c if is_xml_char(c) => out.push(c),
                _ => {}
            }
        }
        out
    }

    #[test]
    fn escapes_every_character_as_the_xml_char_production_says() {
        let edges = [
            '\u{7F}',
            '\u{80}',
            '\u{D7FF}',
            '\u{E000}',
            '\u{EFBF}',
            '\u{FEFF}',
            '\u{FFBE}',
            '\u{FFFD}',
            '\u{FFFE}',
            '\u{FFFF}',
            '\u{10000}',
            '\u{10FFFF}',
        ];
        let all: String = ('\0'..='\u{7F}').chain(edges).collect();
        for text in [
            all.as_str(),
            "plain",
            "",
            "a&",
            "&a",
            "\u{FFFF}x\u{FFFE}",
            "\u{1}\u{1}ā",
        ] {
            assert_eq!(escape(text), escaped_char_by_char(text), "{text:?}");
        }
        let mut out = String::from("kept: ");
        push_escaped(&mut out, "x<y");
        assert_eq!(out, "kept: x&lt;y");
    }

    #[test]
    fn keeps_valid_ids_and_repairs_invalid_ones_injectively() {
        assert_eq!(xml_id("fn-note_1"), "fn-note_1");
        assert_eq!(xml_id("1-intro"), "id-1-intro");
        assert_eq!(xml_id("caf\u{e9}"), "id-caf_e9_");
        assert_ne!(xml_id("a b"), xml_id("a_b"));
    }

    #[test]
    fn pages_escape_language_title_and_stylesheet_and_keep_the_body() {
        let page = xhtml_page("en\"", "A & B", "s.css", "bodymatter", "<p>x</p>\n");
        assert!(page.contains("lang=\"en&quot;\" xml:lang=\"en&quot;\""));
        assert!(page.contains("<title>A &amp; B</title>"));
        assert!(page.contains("href=\"s.css\""));
        assert!(page.ends_with("<body epub:type=\"bodymatter\">\n<p>x</p>\n</body>\n</html>\n"));
    }
}
