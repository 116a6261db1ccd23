//! Navigation: the EPUB 3 navigation document (also the book's contents
//! page, in the spine) and the NCX for EPUB 2 reading systems.

use super::names::{COPYRIGHT_PAGE, COVER_PAGE, NAV, TITLE_PAGE};
use super::xhtml::page;
use crate::markup::names::Names;
use crate::markup::pagebreaks;
use crate::markup::toc::{self, Entry};
use crate::model::pagination::PageStart;
use crate::model::{Book, ChapterKind};
use crate::xml::escape;

/// The landmarks: cover, contents, start of reading, first appendix, the
/// resources page and the Notes part (`endnotes`), each only when the book
/// has one.
fn landmarks(
    book: &Book,
    names: &Names,
    endnotes: Option<&str>,
) -> Vec<(&'static str, String, String)> {
    let labels = &book.matter.labels;
    let mut marks = vec![
        ("cover", COVER_PAGE.to_owned(), labels.cover.clone()),
        (
            "titlepage",
            TITLE_PAGE.to_owned(),
            labels.title_page.clone(),
        ),
        (
            "copyright-page",
            COPYRIGHT_PAGE.to_owned(),
            labels.copyright.clone(),
        ),
        ("toc", format!("{NAV}#toc"), labels.contents.clone()),
    ];
    let start = book.chapters.first().or_else(|| book.parts().next());
    if let Some(start) = start {
        marks.push((
            "bodymatter",
            names.chapter(start).to_owned(),
            labels.start_of_reading.clone(),
        ));
    }
    let appendix = book
        .appendices
        .iter()
        .find(|a| a.kind != ChapterKind::Resources);
    if let Some(appendix) = appendix {
        marks.push((
            "appendix",
            names.chapter(appendix).to_owned(),
            appendix.title_text(),
        ));
    }
    let resources = book
        .appendices
        .iter()
        .find(|a| a.kind == ChapterKind::Resources);
    if let Some(resources) = resources {
        marks.push((
            "bibliography",
            names.chapter(resources).to_owned(),
            resources.title_text(),
        ));
    }
    if let Some(file) = endnotes {
        marks.push(("endnotes", file.to_owned(), labels.notes.clone()));
    }
    marks
}

/// The EPUB 3 navigation document; `endnotes` is the Notes part's file,
/// if the book has one, for the landmarks.
pub fn document(book: &Book, toc: &[Entry], names: &Names, endnotes: Option<&str>) -> String {
    let labels = &book.matter.labels;
    let mut body = super::pages::generated(book, &PageStart::Contents);
    body += &format!(
        "<nav epub:type=\"toc\" role=\"doc-toc\" id=\"toc\" aria-labelledby=\"toc-title\">\n\
         <h1 id=\"toc-title\">{}</h1>\n",
        escape(&labels.contents)
    );
    toc::list(toc, &mut body);
    page_list(book, names, &mut body);
    body.push_str(&format!(
        "</nav>\n<nav epub:type=\"landmarks\" id=\"landmarks\" aria-labelledby=\"landmarks-title\" hidden=\"hidden\">\n\
         <h2 id=\"landmarks-title\">{}</h2>\n<ol>\n",
        escape(&labels.landmarks)
    ));
    for (kind, href, title) in landmarks(book, names, endnotes) {
        body.push_str(&format!(
            "<li><a epub:type=\"{kind}\" href=\"{}\">{}</a></li>\n",
            escape(&href),
            escape(&title)
        ));
    }
    body.push_str("</ol>\n</nav>\n");
    page(
        &book.metadata.language,
        &labels.contents,
        "frontmatter",
        &body,
    )
}

/// The hidden page-list: every print page, in order, leading to its
/// marker (see [`crate::markup::pagebreaks`]). Closes the contents' `nav`
/// and leaves its own open (the landmarks' writer closes it).
fn page_list(book: &Book, names: &Names, body: &mut String) {
    let Some(pagination) = &book.pagination else {
        return;
    };
    body.push_str("</nav>\n<nav epub:type=\"page-list\" hidden=\"hidden\">\n<ol>\n");
    for page in &pagination.pages {
        let file = match &page.start {
            PageStart::TitlePage => TITLE_PAGE,
            PageStart::Copyright => COPYRIGHT_PAGE,
            PageStart::Contents => NAV,
            PageStart::Part { part, .. } => names.part(part),
        };
        body.push_str(&format!(
            "<li><a href=\"{}#{}\">{}</a></li>\n",
            escape(file),
            escape(&pagebreaks::page_id(&page.label)),
            escape(&page.label)
        ));
    }
    body.push_str("</ol>\n");
}

/// The NCX, for reading systems that predate EPUB 3.
pub fn ncx(book: &Book, toc: &[Entry]) -> String {
    fn depth(entries: &[Entry]) -> usize {
        entries
            .iter()
            .map(|e| 1 + depth(&e.children))
            .max()
            .unwrap_or(0)
    }
    fn points(entries: &[Entry], order: &mut usize, out: &mut String) {
        for entry in entries {
            *order += 1;
            out.push_str(&format!(
                "<navPoint id=\"nav-{order}\" playOrder=\"{order}\">\n<navLabel><text>{}</text></navLabel>\n\
                 <content src=\"{}\"/>\n",
                escape(&entry.title),
                escape(&entry.href),
            ));
            points(&entry.children, order, out);
            out.push_str("</navPoint>\n");
        }
    }
    let metadata = &book.metadata;
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <ncx xmlns=\"http://www.daisy.org/z3986/2005/ncx/\" version=\"2005-1\" xml:lang=\"{}\">\n<head>\n\
         <meta name=\"dtb:uid\" content=\"{}\"/>\n<meta name=\"dtb:depth\" content=\"{}\"/>\n\
         <meta name=\"dtb:totalPageCount\" content=\"0\"/>\n<meta name=\"dtb:maxPageNumber\" content=\"0\"/>\n\
         </head>\n<docTitle><text>{}</text></docTitle>\n",
        escape(&metadata.language),
        escape(&metadata.identifier),
        depth(toc).max(1),
        escape(&metadata.title),
    );
    for author in &metadata.authors {
        out.push_str(&format!(
            "<docAuthor><text>{}</text></docAuthor>\n",
            escape(author)
        ));
    }
    out.push_str("<navMap>\n");
    points(toc, &mut 0, &mut out);
    out.push_str("</navMap>\n</ncx>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nav_has_language_landmarks_and_escaped_titles() {
        let book = crate::epub::tests::book();
        let names = super::super::names::names(&book);
        let nav = document(&book, &toc::entries(&book, &names), &names, None);
        assert!(nav.contains("xml:lang=\"en\""));
        for kind in ["cover", "toc", "bodymatter", "appendix"] {
            assert!(
                nav.contains(&format!("epub:type=\"{kind}\"")),
                "{kind} landmark missing"
            );
        }
        assert!(!nav.contains(" & "));
        let ncx = ncx(&book, &toc::entries(&book, &names));
        assert!(ncx.contains("dtb:uid"));
    }
}
