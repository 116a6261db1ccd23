//! The HTML5 page around a body: head, stylesheets, the pager at the top
//! and the foot, and the optional script.

use crate::model::Book;
use crate::xml::escape;

/// The book's stylesheet, shared with the EPUB.
pub const STYLESHEET: &str = "css/book.css";
/// The stylesheet for screens: measure, margins, pager.
pub const SCREEN: &str = "css/screen.css";

/// A page the pager links to: its file and its title.
#[derive(Debug)]
pub struct Neighbour {
    href: String,
    title: String,
}

impl Neighbour {
    /// The page at `href`, called `title`.
    pub fn new(href: &str, title: &str) -> Neighbour {
        Neighbour {
            href: href.to_owned(),
            title: title.to_owned(),
        }
    }
}

/// One page of the site, before its body.
pub struct Page<'a> {
    /// The book, for its language and title.
    pub book: &'a Book,
    /// The page's own title; empty for the index, which is the book's.
    pub title: String,
    /// The page before it in reading order, if any.
    pub previous: Option<&'a Neighbour>,
    /// The page after it, if any.
    pub next: Option<&'a Neighbour>,
    /// Markup to add at the end of the body, as is.
    pub script: Option<&'a str>,
}

impl Page<'_> {
    /// The whole page around `body` (inserted as is), as UTF-8 bytes.
    pub fn render(&self, body: &str) -> Vec<u8> {
        let metadata = &self.book.metadata;
        let title = if self.title.is_empty() {
            escape(&metadata.title)
        } else {
            format!("{} · {}", escape(&self.title), escape(&metadata.title))
        };
        let pager = self.pager();
        format!(
            "<!DOCTYPE html>\n<html lang=\"{language}\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>{title}</title>\n\
             <link rel=\"stylesheet\" href=\"{STYLESHEET}\">\n<link rel=\"stylesheet\" href=\"{SCREEN}\">\n\
             </head>\n<body>\n<header>\n<nav class=\"pager\" aria-label=\"{book}\">\n{pager}</nav>\n</header>\n\
             <main>\n{body}</main>\n<footer class=\"pager\">\n{pager}</footer>\n{script}</body>\n</html>\n",
            language = escape(&metadata.language),
            book = escape(&metadata.title),
            script = self.script.unwrap_or_default(),
        )
        .into_bytes()
    }

    /// Previous, contents, next: each a link when there is such a page.
    fn pager(&self) -> String {
        let link =
            |neighbour: Option<&Neighbour>, rel: &str, before: &str, after: &str| match neighbour {
                Some(n) => format!(
                    "<a class=\"{rel}\" rel=\"{rel}\" href=\"{}\">{before}{}{after}</a>\n",
                    escape(&n.href),
                    escape(&n.title)
                ),
                None => format!("<span class=\"{rel}\"></span>\n"),
            };
        format!(
            "{}<a class=\"contents\" href=\"{}#toc\">{}</a>\n{}",
            link(
                self.previous,
                "prev",
                "<span aria-hidden=\"true\">← </span>",
                ""
            ),
            super::INDEX,
            escape(&self.book.matter.labels.contents),
            link(
                self.next,
                "next",
                "",
                "<span aria-hidden=\"true\"> →</span>"
            ),
        )
    }
}
