//! The pages quire generates from the metadata, as the bodies of their
//! documents: the title page and the copyright page.

use super::Flavor;
use crate::model::{Book, Span};
use crate::xml::escape;

/// The title page's section: title, subtitle, authors, publisher.
pub fn title(book: &Book, flavor: Flavor) -> String {
    let metadata = &book.metadata;
    let mut body = format!(
        "<section class=\"titlepage\"{} aria-labelledby=\"book-title\">\n",
        flavor.epub_type("titlepage")
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
    body
}

/// The copyright page's section: the generated imprint, paragraph by
/// paragraph.
pub fn copyright(book: &Book, flavor: Flavor) -> String {
    let heading = escape(&book.matter.labels.copyright);
    let mut body = format!(
        "<section class=\"imprint\"{} aria-labelledby=\"imprint-title\">\n\
         <h1 id=\"imprint-title\">{heading}</h1>\n",
        flavor.epub_type("copyright-page")
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
    body
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_html_flavor_escapes_alike_without_epub_types() {
        let mut book = crate::epub::tests::book();
        book.metadata.title = "Tom & Jerry <3".into();
        book.matter = crate::passes::matter::build(&book);
        let epub = [title(&book, Flavor::Epub), copyright(&book, Flavor::Epub)];
        let html = [title(&book, Flavor::Html), copyright(&book, Flavor::Html)];
        assert!(html[0].contains("Tom &amp; Jerry &lt;3"), "{}", html[0]);
        assert!(epub[0].contains(" epub:type=\"titlepage\""));
        assert!(epub[1].contains(" epub:type=\"copyright-page\""));
        assert_eq!(html[0], epub[0].replace(" epub:type=\"titlepage\"", ""));
        assert_eq!(
            html[1],
            epub[1].replace(" epub:type=\"copyright-page\"", "")
        );
    }
}
