//! The notes of the text: at the end of each part, as EPUB 3 footnotes
//! (`<aside epub:type="footnote" role="doc-footnote">`, which Apple Books,
//! Kobo and others show as pop-ups), or all in the book's Notes part
//! (`[epub] footnotes = "endnotes"`: a `doc-endnotes` section, one list
//! per part).

use super::{Flavor, Names, Writer};
use crate::model::{Block, Chapter, Footnote, Labels};
use crate::xml::{escape, xml_id};
use std::collections::{BTreeMap, BTreeSet};

/// A part whose notes go to the Notes part: the part, its document's file
/// and the ids of each note's references in it, by note id.
pub type Noted<'a> = (&'a Chapter, &'a str, &'a BTreeMap<String, Vec<String>>);

/// The id of a note in the Notes part: the part's id, then the note's.
pub fn endnote_id(part: &str, note: &str) -> String {
    xml_id(&format!("{part}-{note}"))
}

/// The links from a note back to each of its `references` (ids in the
/// file `file`, empty for the same document).
fn backlinks(note: &Footnote, references: &[String], file: &str, labels: &Labels) -> String {
    let mut backlinks = String::new();
    for (n, reference) in (1..).zip(references) {
        let label = if n == 1 {
            note.number.to_string()
        } else {
            format!("<span aria-hidden=\"true\">↩</span>{n}")
        };
        let back = crate::model::fill(
            &labels.back_to_reference,
            &[("n", &n.to_string()), ("note", &note.number.to_string())],
        );
        backlinks.push_str(&format!(
            "<a class=\"backlink\" role=\"doc-backlink\" href=\"{}#{}\" \
             aria-label=\"{}\">{label}</a> ",
            escape(file),
            escape(reference),
            escape(&back),
        ));
    }
    if backlinks.is_empty() {
        backlinks = format!("<span class=\"backlink\">{}</span> ", note.number);
    }
    backlinks
}

impl Writer<'_> {
    /// The chapter's notes, each an EPUB 3 footnote with links back to every
    /// place that refers to it.
    pub(super) fn footnotes(&mut self, chapter: &Chapter) {
        if chapter.footnotes.is_empty() {
            return;
        }
        let heading_id = self.fresh_id("notes-title");
        self.out.push_str(&format!(
            "<section class=\"footnotes\" aria-labelledby=\"{heading_id}\">\n\
             <h2 id=\"{heading_id}\">{}</h2>\n",
            escape(&self.labels.notes)
        ));
        for note in &chapter.footnotes {
            let references = self.refs.get(&note.id).cloned().unwrap_or_default();
            let backlinks = backlinks(note, &references, "", self.labels);
            self.out.push_str(&format!(
                "<aside class=\"footnote\"{} role=\"doc-footnote\" id=\"{}\">\n",
                self.flavor.epub_type("footnote"),
                escape(&xml_id(&note.id)),
            ));
            self.note_body(note, &backlinks);
            self.out.push_str("</aside>\n");
        }
        self.out.push_str("</section>\n");
    }

    /// A note's blocks, its backlinks opening its first paragraph.
    fn note_body(&mut self, note: &Footnote, backlinks: &str) {
        match note.blocks.split_first() {
            Some((Block::Paragraph { content }, rest)) => {
                self.out.push_str("<p>");
                self.out.push_str(backlinks);
                self.inlines(content);
                self.out.push_str("</p>\n");
                self.blocks(rest, false);
            }
            _ => {
                self.out
                    .push_str(&format!("<p>{}</p>\n", backlinks.trim_end()));
                self.blocks(&note.blocks, true);
            }
        }
    }
}

/// The book's Notes part (`[epub] footnotes = "endnotes"`): under the
/// heading `labels.notes`, for each part with notes (its document `file`,
/// the ids of each note's references in it, `refs`, as
/// [`super::section_with`] gave them) a heading and the list of its notes.
pub fn endnotes(parts: &[Noted<'_>], labels: &Labels, names: &Names, flavor: Flavor) -> String {
    let mut w = Writer {
        out: String::new(),
        names,
        labels,
        flavor,
        taken: BTreeSet::new(),
        refs: BTreeMap::new(),
        heading_level: 1,
        endnotes: None,
        pages: super::Pending::new(Vec::new()),
    };
    for (part, ..) in parts {
        for note in &part.footnotes {
            w.taken.insert(endnote_id(&part.id, &note.id));
        }
    }
    let title_id = w.fresh_id("notes-title");
    w.out.push_str(&format!(
        "<section{} role=\"doc-endnotes\" aria-labelledby=\"{title_id}\">\n<h1 id=\"{title_id}\">{}</h1>\n",
        flavor.epub_type("endnotes"),
        escape(&labels.notes)
    ));
    for (part, file, refs) in parts {
        if part.footnotes.is_empty() {
            continue;
        }
        let heading = w.fresh_id(&format!("notes-{}", part.id));
        w.out.push_str(&format!(
            "<section aria-labelledby=\"{heading}\">\n<h2 id=\"{heading}\">{}</h2>\n<ol class=\"endnotes\">\n",
            escape(&super::page_title(part, labels))
        ));
        for note in &part.footnotes {
            let references = refs.get(&note.id).cloned().unwrap_or_default();
            let backlinks = backlinks(note, &references, file, labels);
            w.out.push_str(&format!(
                "<li{} id=\"{}\">\n",
                flavor.epub_type("endnote"),
                escape(&endnote_id(&part.id, &note.id)),
            ));
            w.note_body(note, &backlinks);
            w.out.push_str("</li>\n");
        }
        w.out.push_str("</ol>\n</section>\n");
    }
    w.out.push_str("</section>\n");
    w.out
}
