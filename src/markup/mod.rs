//! Markup shared by the back ends that write (X)HTML documents — the EPUB's
//! content documents and the HTML site — so that neither imports the other.
//!
//! - [`names`]: the file of every part and image;
//! - [`body`]: a part's blocks, inlines and notes as semantic markup;
//! - [`pages`]: the generated title and copyright pages;
//! - [`toc`]: the generated contents as links;
//! - [`stylesheet`]: the book's CSS (`book.css`) and the faces it names;
//! - [`highlight`]: the CSS of the book's highlighted code.
//!
//! Escaping and ids come from [`crate::xml`]. What differs between the two
//! back ends is the [`Flavor`] and the page skeleton each wraps around a body.

pub mod body;
pub mod highlight;
pub mod names;
pub mod pages;
pub mod toc;

use crate::fonts::Style;

/// Which markup a document is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    /// EPUB 3 XHTML: elements carry their `epub:type` beside their ARIA role.
    Epub,
    /// HTML5 for browsers: ARIA roles only (`epub:type` is not HTML).
    Html,
}

impl Flavor {
    /// ` epub:type="kind"` in the EPUB flavor, nothing in HTML.
    pub fn epub_type(self, kind: &str) -> String {
        match self {
            Flavor::Epub => format!(" epub:type=\"{kind}\""),
            Flavor::Html => String::new(),
        }
    }
}

/// The book's stylesheet as shipped: `@font-face` rules name the faces at
/// `../fonts/<file>`, relative to a stylesheet in `css/`.
const STYLESHEET: &str = include_str!("book.css");
const MONO_FONT_FACE: &str = "@font-face { font-family: \"Noto Sans Mono\"; font-style: normal; \
                              font-weight: normal; src: url(../fonts/NotoSansMono-Regular.ttf); }";

/// The book's stylesheet, for a file in `css/` beside a `fonts/` folder,
/// with the monospace face only when the text has `code`, and the rules of
/// its highlighted code ([`highlight::css`]) at the end; and the faces it
/// names, which must be written to `fonts/` under their file names.
pub fn stylesheet(code: bool, highlight: &str) -> (String, Vec<Style>) {
    let mut styles = vec![
        Style::Regular,
        Style::Italic,
        Style::Bold,
        Style::BoldItalic,
    ];
    let mut stylesheet = if code {
        styles.push(Style::Mono);
        STYLESHEET.replace("/*MONO*/", MONO_FONT_FACE)
    } else {
        STYLESHEET.replace("/*MONO*/\n", "")
    };
    stylesheet.push_str(highlight);
    (stylesheet, styles)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stylesheet_names_every_face_it_asks_for_and_no_other() {
        for code in [false, true] {
            let (css, styles) = stylesheet(code, "");
            assert_eq!(styles.len(), if code { 5 } else { 4 });
            for style in &styles {
                let file = crate::fonts::face(*style).file_name;
                assert!(css.contains(&format!("url(../fonts/{file})")), "{file}");
            }
            assert_eq!(css.matches("@font-face").count(), styles.len());
            assert!(!css.contains("/*MONO*/"));
        }
    }
}
