//! Markup shared by the back ends that write (X)HTML documents — the EPUB's
//! content documents and the HTML site — so that neither imports the other.
//!
//! - [`names`]: the file of every part and image;
//! - [`body`]: a part's blocks, inlines and notes as semantic markup;
//! - [`pages`]: the generated title and copyright pages;
//! - [`toc`]: the generated contents as links;
//! - [`stylesheet`]: the book's CSS (`book.css`) and the faces it names;
//! - [`highlight`]: the CSS of the book's highlighted code;
//! - [`styles`]: the stylesheet with the author's faces and CSS, and the
//!   font files it names, for both back ends.
//!
//! Escaping and ids come from [`crate::xml`]. What differs between the two
//! back ends is the [`Flavor`] and the page skeleton each wraps around a body.

pub mod body;
pub mod design;
pub mod highlight;
pub mod names;
pub mod pagebreaks;
pub mod pages;
pub mod styles;
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

/// The Greek faces, used only for Greek letters and combining marks
/// (`unicode-range`) and named first in the body's `font-family`, so that a
/// Greek word is set wholly in them, as in the PDF, and nothing else is.
const GREEK_FONT_FACES: &str = "@font-face { font-family: \"Quire Greek\"; font-style: normal; font-weight: normal; src: url(../fonts/QuireGreek-Regular.ttf); unicode-range: U+0300-03FF, U+1F00-1FFF; }
@font-face { font-family: \"Quire Greek\"; font-style: italic; font-weight: normal; src: url(../fonts/QuireGreek-Italic.ttf); unicode-range: U+0300-03FF, U+1F00-1FFF; }
@font-face { font-family: \"Quire Greek\"; font-style: normal; font-weight: bold; src: url(../fonts/QuireGreek-Bold.ttf); unicode-range: U+0300-03FF, U+1F00-1FFF; }
@font-face { font-family: \"Quire Greek\"; font-style: italic; font-weight: bold; src: url(../fonts/QuireGreek-BoldItalic.ttf); unicode-range: U+0300-03FF, U+1F00-1FFF; }
";

/// The book's stylesheet, for a file in `css/` beside a `fonts/` folder,
/// with the monospace face only when the text has `code` and the Greek
/// faces only when it has `greek` letters; and the faces it names, which
/// must be written to `fonts/` under their file names.
///
/// `fallbacks` are the author's fonts as (family, file name in `fonts/`):
/// each gets an `@font-face` rule and follows the shipped faces in the
/// body's `font-family`, so that a reading system tries them in the same
/// order as the PDF. The rules of the highlighted code
/// ([`highlight::css`]) come last.
pub fn stylesheet(
    code: bool,
    greek: bool,
    fallbacks: &[(String, String)],
    highlight: &str,
) -> (String, Vec<Style>) {
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
    if greek {
        styles.extend([
            Style::GreekRegular,
            Style::GreekItalic,
            Style::GreekBold,
            Style::GreekBoldItalic,
        ]);
        stylesheet = stylesheet.replace("/*GREEK*/\n", GREEK_FONT_FACES).replace(
            "font-family: \"Charis SIL\",",
            "font-family: \"Quire Greek\", \"Charis SIL\",",
        );
    } else {
        stylesheet = stylesheet.replace("/*GREEK*/\n", "");
    }
    if !fallbacks.is_empty() {
        let quoted = |family: &str| format!("\"{}\"", family.replace(['"', '\\'], ""));
        let mut rules = String::new();
        let mut families = String::new();
        for (family, file) in fallbacks {
            rules.push_str(&format!(
                "@font-face {{ font-family: {}; src: url(../fonts/{file}); }}\n",
                quoted(family)
            ));
            families.push_str(&format!(" {},", quoted(family)));
        }
        let body = "\"Charis SIL\",";
        if let Some(at) = stylesheet.find("body {") {
            if let Some(found) = stylesheet[at..].find(body) {
                let end = at + found + body.len();
                stylesheet.insert_str(end, &families);
            }
        }
        let at = stylesheet.find("\n/* HTML5 elements").unwrap_or(0);
        stylesheet.insert_str(at, &format!("\n{}", rules.trim_end()));
    }
    stylesheet.push_str(highlight);
    (stylesheet, styles)
}

/// Whether `c` is in the Greek or Greek Extended block, for which a book
/// carries the Greek faces.
pub fn is_greek(c: char) -> bool {
    matches!(c, '\u{370}'..='\u{3FF}' | '\u{1F00}'..='\u{1FFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fallback_fonts_get_a_rule_and_follow_the_shipped_faces_in_the_body() {
        let fallbacks = [(
            "WenQuanYi Micro Hei".to_string(),
            "fallback-1.ttf".to_string(),
        )];
        let (css, _) = stylesheet(false, true, &fallbacks, "");
        assert!(css.contains(
            "@font-face { font-family: \"WenQuanYi Micro Hei\"; src: url(../fonts/fallback-1.ttf); }"
        ));
        assert!(css.contains(
            "font-family: \"Quire Greek\", \"Charis SIL\", \"WenQuanYi Micro Hei\", Charis, Georgia, serif;"
        ));
    }

    #[test]
    fn the_stylesheet_names_every_face_it_asks_for_and_no_other() {
        for (code, greek) in [(false, false), (true, false), (false, true), (true, true)] {
            let (css, styles) = stylesheet(code, greek, &[], "");
            assert_eq!(styles.len(), 4 + usize::from(code) + 4 * usize::from(greek));
            assert_eq!(css.contains("\"Quire Greek\", \"Charis SIL\""), greek);
            for style in &styles {
                let file = crate::fonts::face(*style).file_name;
                assert!(css.contains(&format!("url(../fonts/{file})")), "{file}");
            }
            assert_eq!(css.matches("@font-face").count(), styles.len());
            assert!(!css.contains("/*MONO*/") && !css.contains("/*GREEK*/"));
        }
    }
}
