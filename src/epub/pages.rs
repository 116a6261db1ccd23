//! The pages quire generates from the metadata: cover, title page and
//! copyright page. (The table of contents page is the navigation document,
//! see [`super::nav`].)

use super::xhtml::page;
use crate::model::{Book, Span};
use crate::xml::escape;

/// The cover page: the cover image, full page.
pub fn cover(book: &Book, image_href: &str) -> String {
    let label = escape(&book.matter.labels.cover);
    let body = format!(
        "<section class=\"cover\" aria-label=\"{label}\">\n\
         <img epub:type=\"cover\" role=\"doc-cover\" src=\"{}\" alt=\"{}\"/>\n</section>\n",
        escape(image_href),
        escape(&book.matter.cover_alt),
    );
    page(
        &book.metadata.language,
        &book.matter.labels.cover,
        "frontmatter",
        &body,
    )
}

/// The title page: title, subtitle, authors, publisher.
pub fn title(book: &Book) -> String {
    let metadata = &book.metadata;
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
    if !book.matter.byline.is_empty() {
        body.push_str(&format!(
            "<p class=\"author\">{}</p>\n",
            escape(&book.matter.byline)
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

/// The copyright page: the generated imprint, paragraph by paragraph.
pub fn copyright(book: &Book) -> String {
    let heading = escape(&book.matter.labels.copyright);
    let mut body = format!(
        "<section class=\"imprint\" epub:type=\"copyright-page\" aria-labelledby=\"imprint-title\">\n\
         <h1 id=\"imprint-title\">{heading}</h1>\n",
    );
    for paragraph in &book.matter.imprint {
        body.push_str("<p>");
        for Span { text, italic } in paragraph {
            if *italic {
                body.push_str(&format!("<em>{}</em>", escape(text)));
            } else {
                body.push_str(&escape(text));
            }
        }
        body.push_str("</p>\n");
    }
    body.push_str("</section>\n");
    page(
        &book.metadata.language,
        &book.matter.labels.copyright,
        "frontmatter",
        &body,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_pages_escape_every_metadata_field() {
        let mut book = crate::epub::tests::book();
        book.metadata.title = "Tom & Jerry <3".into();
        book.metadata.rights = Some("\u{a9} \"Us\" & co".into());
        book.matter = crate::passes::matter::build(&book);
        for html in [title(&book), copyright(&book), cover(&book, "c.png")] {
            assert!(!html.contains("Tom & "), "{html}");
            assert!(!html.contains("<3"), "{html}");
        }
        assert!(copyright(&book).contains("\u{a9} &quot;Us&quot; &amp; co"));
    }
}
