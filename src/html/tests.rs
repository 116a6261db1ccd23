use super::*;
use crate::model::{Block, Footnote, Inline};

fn text(site: &BTreeMap<String, Vec<u8>>, name: &str) -> String {
    String::from_utf8(site[name].clone()).unwrap()
}

/// The test book with a footnote in chapter one.
fn book() -> Book {
    let mut book = crate::epub::tests::book();
    book.chapters[0].blocks.push(Block::Paragraph {
        content: vec![Inline::FootnoteRef {
            id: "fn-a".into(),
            number: 1,
        }],
    });
    book.chapters[0].footnotes.push(Footnote {
        id: "fn-a".into(),
        number: 1,
        blocks: vec![Block::Paragraph {
            content: vec![Inline::Text {
                text: "A note.".into(),
            }],
        }],
    });
    book
}

#[test]
fn one_page_per_part_plus_index_copyright_styles_and_fonts() {
    let site = site(&book(), &Options::default()).unwrap();
    let names: Vec<&str> = site.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "copyright.html",
            "css/book.css",
            "css/screen.css",
            "faq.html",
            "fonts/CharisSIL-Bold.ttf",
            "fonts/CharisSIL-BoldItalic.ttf",
            "fonts/CharisSIL-Italic.ttf",
            "fonts/CharisSIL-Regular.ttf",
            "fonts/QuireGreek-Bold.ttf",
            "fonts/QuireGreek-BoldItalic.ttf",
            "fonts/QuireGreek-Italic.ttf",
            "fonts/QuireGreek-Regular.ttf",
            "index.html",
            "one.html",
            "summary.html",
            "two.html",
        ]
    );
    assert_eq!(site, super::site(&book(), &Options::default()).unwrap());
}

#[test]
fn pages_are_html5_in_the_books_language_without_epub_markup() {
    let site = site(&book(), &Options::default()).unwrap();
    for (name, bytes) in site.iter().filter(|(n, _)| n.ends_with(".html")) {
        let page = String::from_utf8(bytes.clone()).unwrap();
        assert!(
            page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"),
            "{name}"
        );
        assert!(!page.contains("epub:") && !page.contains("<?xml"), "{name}");
        assert!(!page.contains("<script"), "{name}");
        assert_eq!(page.matches("<h1").count(), 1, "{name}");
    }
}

#[test]
fn the_index_is_the_title_page_and_the_contents_linked() {
    let index = text(&site(&book(), &Options::default()).unwrap(), INDEX);
    assert!(index.contains("<h1 id=\"book-title\">A Test &amp; Book</h1>"));
    assert!(index.contains("<title>A Test &amp; Book</title>"));
    for href in [
        "summary.html",
        "one.html",
        "one.html#section",
        "two.html",
        "faq.html",
    ] {
        assert!(index.contains(&format!("<a href=\"{href}\">")), "{href}");
    }
    assert!(index.contains("<span class=\"prev\"></span>"));
    assert!(index.contains("rel=\"next\" href=\"copyright.html\""));
}

#[test]
fn the_pager_follows_reading_order_and_footnotes_link_both_ways() {
    let site = site(&book(), &Options::default()).unwrap();
    let one = text(&site, "one.html");
    assert!(one.contains("rel=\"prev\" href=\"summary.html\""), "{one}");
    assert!(one.contains("rel=\"next\" href=\"two.html\""));
    assert!(one.contains("<a class=\"contents\" href=\"index.html#toc\">Contents</a>"));
    assert!(one.contains("<title>Chapter 1: One · A Test &amp; Book</title>"));
    assert!(one.contains("id=\"fnref-a\" href=\"#fn-a\""));
    assert!(one.contains("id=\"fn-a\""));
    assert!(one.contains("href=\"#fnref-a\""));
    let faq = text(&site, "faq.html");
    assert!(faq.contains("<span class=\"next\"></span>"));
}

#[test]
fn the_script_goes_into_every_page_only_when_asked_for() {
    let options = Options {
        script: Some("<script>reload()</script>\n".into()),
    };
    let site = site(&book(), &options).unwrap();
    for (name, bytes) in site.iter().filter(|(n, _)| n.ends_with(".html")) {
        let page = String::from_utf8(bytes.clone()).unwrap();
        assert!(
            page.ends_with("<script>reload()</script>\n</body>\n</html>\n"),
            "{name}"
        );
    }
}

#[test]
fn a_part_called_index_does_not_overwrite_the_index() {
    let mut book = book();
    book.chapters[1].id = "index".into();
    let site = site(&book, &Options::default()).unwrap();
    assert!(text(&site, INDEX).contains("book-title"));
    assert!(text(&site, "index-2.html").contains("Two"));
}
