//! XML and XHTML writing shared by the back ends that write markup (the
//! EPUB's content documents today, an HTML preview later): escaping for text
//! and attributes, model ids made valid XML ids, and the XHTML page skeleton.

/// Appends `text` to `out`, escaped for element content and double-quoted
/// attribute values alike. Characters XML 1.0 forbids (most C0 controls) are
/// dropped, since no reading system could show them anyway.
pub fn push_escaped(out: &mut String, text: &str) {
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

fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
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
