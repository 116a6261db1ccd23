//! Where everything lives inside the container: the generated documents'
//! names, and [`names`] for the parts and images.

use crate::markup::names::Names;
use crate::model::Book;

/// Folder of the publication inside the container (next to `META-INF/`).
pub const ROOT: &str = "EPUB";
/// The cover page.
pub const COVER_PAGE: &str = "cover.xhtml";
/// The title page.
pub const TITLE_PAGE: &str = "title.xhtml";
/// The copyright (imprint) page.
pub const COPYRIGHT_PAGE: &str = "copyright.xhtml";
/// The navigation document, which is also the book's table of contents page.
pub const NAV: &str = "nav.xhtml";
/// The EPUB 2 table of contents.
pub const NCX: &str = "toc.ncx";
/// The package document.
pub const PACKAGE: &str = "package.opf";
/// The cover image, without its extension (`.png` or `.jpg`).
pub const COVER_IMAGE: &str = "images/cover";
/// The stylesheet.
pub const STYLESHEET: &str = "css/book.css";
/// The Notes part, with every note (`[epub] footnotes = "endnotes"`).
pub const NOTES: &str = "endnotes.xhtml";

/// The file names of the parts (`.xhtml`) and images of `book`, relative
/// to [`ROOT`], clear of the generated pages and the cover image.
pub fn names(book: &Book) -> Names {
    let cover_png = format!("{COVER_IMAGE}.png");
    let cover_jpg = format!("{COVER_IMAGE}.jpg");
    Names::new(
        book,
        &[
            COVER_PAGE,
            TITLE_PAGE,
            COPYRIGHT_PAGE,
            NAV,
            NOTES,
            &cover_png,
            &cover_jpg,
        ],
        ".xhtml",
        NAV,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_author_image_called_cover_does_not_overwrite_the_cover() {
        let mut book = crate::epub::tests::book();
        let asset = crate::model::ImageAsset {
            media_type: "image/png".into(),
            width: 1,
            height: 1,
            data: Vec::new(),
        };
        book.images.insert("images/cover.png".into(), asset);
        assert_eq!(
            names(&book).image("images/cover.png"),
            Some("images/cover-2.png")
        );
    }
}
