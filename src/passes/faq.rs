//! The FAQ appendix, from the manuscript's questions-and-answers file.
//!
//! The file is a list of `## Question` headings, each followed by its answer.
//! This pass checks that shape and titles the part with the `faq` label
//! ("Frequently Asked Questions", in the book's language; or the file's own
//! `# Title`); every question keeps its anchor
//! and is listed in the table of contents by [`super::toc`].

use super::PassContext;
use crate::error::{Error, ErrorKind, Location, MarkdownError};
use crate::model::{plain_text, Block, Book, Chapter, ChapterKind, Inline};

/// The part id of the FAQ appendix.
pub const ID: &str = "faq";

/// The FAQ pass: makes the FAQ part (if any) the appendix ([`appendix`]).
pub fn run(book: &mut Book, cx: &mut PassContext<'_>) {
    let title = book.matter.labels.faq.clone();
    for part in book.parts_mut().filter(|p| p.kind == ChapterKind::Faq) {
        let location = Location::file(cx.dir.join(&part.source));
        if let Err(e) = appendix(part, &title, &location) {
            cx.errors.push(e);
        }
    }
}

/// Turns the parsed FAQ file into the appendix, titled `title` when the
/// file gives no title; `location` names the file for error messages.
pub fn appendix(chapter: &mut Chapter, title: &str, location: &Location) -> Result<(), Error> {
    let fail = |problem| Error::at(location.clone(), ErrorKind::Markdown(problem));
    if chapter.title.is_empty() {
        chapter.title = vec![Inline::Text {
            text: title.to_string(),
        }];
    }
    chapter.kind = ChapterKind::Faq;
    let questions = questions(chapter);
    if questions.is_empty() {
        return Err(fail(MarkdownError::FaqWithoutQuestions));
    }
    if !matches!(
        chapter.blocks.first(),
        Some(Block::Heading { level: 2, .. })
    ) {
        return Err(fail(MarkdownError::FaqTextBeforeQuestion));
    }
    for (i, (question, _)) in questions.iter().enumerate() {
        let next = questions.get(i + 1).map_or(chapter.blocks.len(), |q| q.1);
        let answered = chapter.blocks[questions[i].1 + 1..next]
            .iter()
            .any(|b| !matches!(b, Block::Heading { .. }));
        if !answered {
            return Err(fail(MarkdownError::UnansweredQuestion {
                question: question.clone(),
            }));
        }
    }
    Ok(())
}

/// The questions of a FAQ part: each `##` heading's text and block index.
pub fn questions(chapter: &Chapter) -> Vec<(String, usize)> {
    chapter
        .blocks
        .iter()
        .enumerate()
        .filter_map(|(i, b)| match b {
            Block::Heading {
                level: 2, content, ..
            } => Some((plain_text(content), i)),
            _ => None,
        })
        .collect()
}
