//! The pages quire generates from the metadata: cover, title page and
//! copyright page, as content documents (their bodies are shared with the
//! HTML site: [`crate::markup::pages`]). The table of contents page is the
//! navigation document, see [`super::nav`].

use super::xhtml::page;
use crate::markup::pagebreaks;
use crate::markup::{pages, Flavor};
use crate::model::pagination::PageStart;
use crate::model::Book;
use crate::xml::escape;

/// The markers of the print pages that begin at `start`.
pub fn generated(book: &Book, start: &PageStart) -> String {
    pagebreaks::generated(book.pagination.as_ref(), start)
}

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
    let body = generated(book, &PageStart::TitlePage) + &pages::title(book, Flavor::Epub);
    page(&metadata.language, &metadata.title, "frontmatter", &body)
}

/// The copyright page: the generated imprint, paragraph by paragraph.
pub fn copyright(book: &Book) -> String {
    page(
        &book.metadata.language,
        &book.matter.labels.copyright,
        "frontmatter",
        &(generated(book, &PageStart::Copyright) + &pages::copyright(book, Flavor::Epub)),
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
