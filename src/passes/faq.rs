//! The FAQ appendix, from the manuscript's questions-and-answers file.
//!
//! The file is a list of `## Question` headings, each followed by its answer.
//! This pass checks that shape and titles the part "Frequently Asked
//! Questions" (or the file's own `# Title`); every question keeps its anchor
//! and is listed in the table of contents by [`super::toc`].

use super::PassContext;
use crate::error::{Error, ErrorKind, Location, MarkdownError};
use crate::model::{plain_text, Block, Book, Chapter, ChapterKind, Inline};

/// The FAQ appendix's title when the file does not give one.
pub const DEFAULT_TITLE: &str = "Frequently Asked Questions";

/// The part id of the FAQ appendix.
pub const ID: &str = "faq";

/// The FAQ pass: makes the FAQ part (if any) the appendix ([`appendix`]).
pub fn run(book: &mut Book, cx: &mut PassContext<'_>) {
    for part in book.parts_mut().filter(|p| p.kind == ChapterKind::Faq) {
        let location = Location::file(cx.dir.join(&part.source));
        if let Err(e) = appendix(part, &location) {
            cx.errors.push(e);
        }
    }
}

/// Turns the parsed FAQ file into the appendix; `location` names the file
/// for error messages.
pub fn appendix(chapter: &mut Chapter, location: &Location) -> Result<(), Error> {
    let fail = |problem| Error::at(location.clone(), ErrorKind::Markdown(problem));
    if chapter.title.is_empty() {
        chapter.title = vec![Inline::Text {
            text: DEFAULT_TITLE.to_string(),
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
