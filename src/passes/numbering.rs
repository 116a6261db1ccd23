//! Numbering: chapters are numbered 1, 2, … in reading order, and the FAQ
//! appendix, which `book.toml` may list anywhere, closes the author's
//! appendices.

use super::PassContext;
use crate::model::{Book, ChapterKind};

/// The numbering pass.
pub fn run(book: &mut Book, _cx: &mut PassContext<'_>) {
    for (number, chapter) in (1..).zip(&mut book.chapters) {
        chapter.number = Some(number);
    }
    // A stable sort: the author's appendices keep their order.
    book.appendices.sort_by_key(|p| p.kind == ChapterKind::Faq);
}
