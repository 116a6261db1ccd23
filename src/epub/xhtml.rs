//! XHTML content documents: the page skeleton around a body written by
//! [`crate::markup`].

use super::names::STYLESHEET;
use crate::markup::{body, names::Names, pagebreaks::Break, Flavor};
use crate::model::{Chapter, Labels};
use std::collections::BTreeMap;

/// A complete XHTML content document of the book, with its stylesheet:
/// `body` is inserted as is.
pub fn page(language: &str, title: &str, body_type: &str, body: &str) -> String {
    crate::xml::xhtml_page(language, title, STYLESHEET, body_type, body)
}

/// The whole content document of one part, in `language`, with the
/// generated words of `labels`.
#[cfg(test)]
pub fn chapter(chapter: &Chapter, language: &str, labels: &Labels, names: &Names) -> String {
    with_notes(chapter, language, labels, names, None, Vec::new()).0
}

/// [`chapter`], its notes in the Notes part `endnotes` when given, and a
/// marker where each of the print pages `breaks` begins; with the ids of
/// each note's references.
pub fn with_notes(
    chapter: &Chapter,
    language: &str,
    labels: &Labels,
    names: &Names,
    endnotes: Option<&str>,
    breaks: Vec<Break>,
) -> (String, BTreeMap<String, Vec<String>>) {
    let (section, refs) =
        body::section_with(chapter, labels, names, Flavor::Epub, endnotes, breaks);
    let page = page(
        language,
        &body::page_title(chapter, labels),
        body::body_type(chapter),
        &section,
    );
    (page, refs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ChapterKind, Inline};

    #[test]
    fn chapter_carries_language_type_role_and_escaped_title() {
        let part = Chapter {
            id: "c1".into(),
            kind: ChapterKind::Chapter,
            number: Some(1),
            depth: 0,
            title: vec![Inline::Text {
                text: "A & B <C>".into(),
            }],
            source: "c1.md".into(),
            blocks: Vec::new(),
            footnotes: Vec::new(),
        };
        let names = super::super::names::names(&crate::epub::tests::book());
        let html = chapter(&part, "en-GB", &Labels::english(), &names);
        assert!(html.contains("lang=\"en-GB\" xml:lang=\"en-GB\""));
        assert!(html.contains("epub:type=\"chapter\" role=\"doc-chapter\""));
        assert!(html.contains("<title>Chapter 1: A &amp; B &lt;C&gt;</title>"));
        assert!(html.contains("A &amp; B &lt;C&gt;</h1>"));
        assert!(html.contains("<body epub:type=\"bodymatter\">"));
    }
}
