//! The pages quire generates from the metadata: cover, title page and
//! copyright page. (The table of contents page is the navigation document,
//! see [`super::nav`].)

use super::xhtml::page;
use super::xml::escape;
use crate::model::Metadata;

/// The authors as one phrase: "A", "A and B", "A, B and C".
pub fn authors(metadata: &Metadata) -> String {
    match metadata.authors.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The cover image's alternative text.
pub fn cover_alt(metadata: &Metadata) -> String {
    let mut alt = format!("Cover: {}", metadata.title);
    if let Some(subtitle) = &metadata.subtitle {
        alt.push_str(&format!(": {subtitle}"));
    }
    if !metadata.authors.is_empty() {
        alt.push_str(&format!(", by {}", authors(metadata)));
    }
    alt
}

/// The cover page: the cover image, full page.
pub fn cover(metadata: &Metadata, image_href: &str) -> String {
    let body = format!(
        "<section class=\"cover\" aria-label=\"Cover\">\n\
         <img epub:type=\"cover\" role=\"doc-cover\" src=\"{}\" alt=\"{}\"/>\n</section>\n",
        escape(image_href),
        escape(&cover_alt(metadata)),
    );
    page(&metadata.language, "Cover", "frontmatter", &body)
}

/// The title page: title, subtitle, authors, publisher.
pub fn title(metadata: &Metadata) -> String {
    let mut body = String::from(
        "<section class=\"titlepage\" epub:type=\"titlepage\" aria-labelledby=\"book-title\">\n",
    );
    body.push_str(&format!(
        "<h1 id=\"book-title\">{}</h1>\n",
        escape(&metadata.title)
    ));
    if let Some(subtitle) = &metadata.subtitle {
        body.push_str(&format!("<p class=\"subtitle\">{}</p>\n", escape(subtitle)));
    }
    if !metadata.authors.is_empty() {
        body.push_str(&format!(
            "<p class=\"author\">{}</p>\n",
            escape(&authors(metadata))
        ));
    }
    if let Some(publisher) = &metadata.publisher {
        body.push_str(&format!(
            "<p class=\"publisher\">{}</p>\n",
            escape(publisher)
        ));
    }
    body.push_str("</section>\n");
    page(&metadata.language, &metadata.title, "frontmatter", &body)
}

/// The copyright page: rights, publisher, date, identifier and typefaces.
pub fn copyright(metadata: &Metadata, uses_mono: bool) -> String {
    let mut body = String::from(
        "<section class=\"imprint\" epub:type=\"copyright-page\" aria-labelledby=\"imprint-title\">\n\
         <h1 id=\"imprint-title\">Copyright</h1>\n",
    );
    let mut line = format!("<em>{}</em>", escape(&metadata.title));
    if let Some(subtitle) = &metadata.subtitle {
        line.push_str(&format!(": <em>{}</em>", escape(subtitle)));
    }
    if !metadata.authors.is_empty() {
        line.push_str(&format!(" by {}", escape(&authors(metadata))));
    }
    body.push_str(&format!("<p>{line}</p>\n"));
    let year = metadata.date.get(..4).unwrap_or(&metadata.date);
    let rights = match &metadata.rights {
        Some(rights) => rights.clone(),
        None => format!("Copyright © {year} {}", authors(metadata))
            .trim_end()
            .to_owned(),
    };
    body.push_str(&format!("<p>{}</p>\n", escape(&rights)));
    let published = match &metadata.publisher {
        Some(publisher) => format!("Published by {publisher}, {}.", metadata.date),
        None => format!("Published {}.", metadata.date),
    };
    body.push_str(&format!("<p>{}</p>\n", escape(&published)));
    body.push_str(&format!(
        "<p>Identifier: {}</p>\n",
        escape(&metadata.identifier)
    ));
    let faces = if uses_mono {
        "Set in Charis SIL and Noto Sans Mono, both under the SIL Open Font License."
    } else {
        "Set in Charis SIL, under the SIL Open Font License."
    };
    body.push_str(&format!("<p>{faces} Made with quire.</p>\n</section>\n"));
    page(&metadata.language, "Copyright", "frontmatter", &body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn authors_read_as_a_phrase() {
        let mut metadata = crate::epub::tests::book().metadata;
        metadata.authors = vec!["A".into(), "B".into(), "C".into()];
        assert_eq!(authors(&metadata), "A, B and C");
    }

    #[test]
    fn generated_pages_escape_every_metadata_field() {
        let mut metadata = crate::epub::tests::book().metadata;
        metadata.title = "Tom & Jerry <3".into();
        metadata.rights = Some("© \"Us\" & co".into());
        for html in [
            title(&metadata),
            copyright(&metadata, false),
            cover(&metadata, "c.png"),
        ] {
            assert!(!html.contains("Tom & "), "{html}");
            assert!(!html.contains("<3"), "{html}");
        }
        assert!(copyright(&metadata, false).contains("© &quot;Us&quot; &amp; co"));
    }
}
