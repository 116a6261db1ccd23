//! The print edition's pages, as the model knows them: where each printed
//! page begins in the text, so that the EPUB can mark the print page
//! breaks (a page-list) and both books can refer to pages.
//!
//! The layout stage lays the book out and the pipeline turns its page map
//! into a [`Pagination`] (see `quire::paginate`); back ends that cannot
//! lay out (the EPUB) read it here. Positions inside a paragraph are
//! counted in words, by [`WordCounter`], which the layout and the markup
//! both use so that they agree on what the n-th word is.

use serde::Serialize;
use std::collections::BTreeMap;

/// The print edition's pages, in order, and the page each named place is on.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Pagination {
    /// Every printed page, in order (blank pages too: each has a number).
    pub pages: Vec<PrintPage>,
    /// The printed page number of every destination (`chapter` or
    /// `chapter#anchor`): where a link to it leads in print.
    pub numbers: BTreeMap<String, String>,
}

/// One printed page: its number and where its text begins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PrintPage {
    /// The page number as printed (`iii`, `12`).
    pub label: String,
    /// Where the page begins.
    pub start: PageStart,
}

/// Where a printed page begins, in terms of the book's documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum PageStart {
    /// A page quire generates before the parts: half-title, title page.
    TitlePage,
    /// The copyright page.
    Copyright,
    /// A page of the table of contents.
    Contents,
    /// A page of a part's text.
    Part {
        /// The part's id.
        part: String,
        /// The block the page's first line belongs to: indices from the
        /// part's blocks down through quotes, list items and divisions
        /// (`[4, 2, 0]`: block 4, its item 2, that item's block 0). Empty
        /// when the page opens the part.
        block: Vec<usize>,
        /// Where in that block.
        at: BreakAt,
    },
}

/// Where in a block a page begins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(tag = "type", content = "word", rename_all = "kebab-case")]
pub enum BreakAt {
    /// Before the block.
    #[default]
    Before,
    /// Before word `.0` (counted from 0 by [`WordCounter`]) of a paragraph.
    /// A word split by a hyphen at the page's turn counts as the earlier
    /// page's: the break comes after it, as DAISY asks.
    Word(usize),
    /// Inside a block that is not a paragraph (a listing, a table): the
    /// break is marked after the block.
    After,
}

/// The link title that asks for a page number: `[see](#anchor "page")`
/// is set in print as "see page 12", in the EPUB as a link.
pub const PAGE_REF: &str = "page";

/// Counts the words of a paragraph as its text goes by, the same way in
/// the layout and in the markup: a word starts at a character that is not
/// white space after one that is (or at the paragraph's start). Only the
/// author's text counts (text and code); footnote marks, images, formulas
/// and task boxes count for nothing, and a forced line break is a space.
#[derive(Debug, Clone, Copy)]
pub struct WordCounter {
    words: usize,
    after_space: bool,
}

impl Default for WordCounter {
    fn default() -> WordCounter {
        WordCounter::new()
    }
}

impl WordCounter {
    /// A counter at a paragraph's start.
    pub fn new() -> WordCounter {
        WordCounter {
            words: 0,
            after_space: true,
        }
    }

    /// Takes the next character of the text: the index of the word it
    /// starts, if it starts one.
    pub fn feed(&mut self, c: char) -> Option<usize> {
        if c.is_whitespace() {
            self.after_space = true;
            return None;
        }
        if !self.after_space {
            return None;
        }
        self.after_space = false;
        self.words += 1;
        Some(self.words - 1)
    }

    /// A forced line break: the next character starts a word.
    pub fn space(&mut self) {
        self.after_space = true;
    }

    /// How many words have started.
    pub fn words(&self) -> usize {
        self.words
    }

    /// The index of the word the last character fed belongs to.
    pub fn current(&self) -> usize {
        self.words.saturating_sub(1)
    }
}

/// Feeds the author's words of `inlines` to `counter`, as
/// [`WordCounter`] counts them.
pub fn count_words(inlines: &[super::Inline], counter: &mut WordCounter) {
    use super::Inline;
    for inline in inlines {
        match inline {
            Inline::Text { text } => text.chars().for_each(|c| {
                counter.feed(c);
            }),
            Inline::Code { code } => code.chars().for_each(|c| {
                counter.feed(c);
            }),
            Inline::HardBreak => counter.space(),
            Inline::Emphasis { content }
            | Inline::Strong { content }
            | Inline::Phrase { content, .. }
            | Inline::Link { content, .. } => count_words(content, counter),
            Inline::Image { .. }
            | Inline::FootnoteRef { .. }
            | Inline::Math { .. }
            | Inline::Task { .. }
            | Inline::Anchor { .. } => {}
        }
    }
}

/// The `pageBreakSource` of an EPUB made from this book: the print
/// edition's ISBN when the identifier is `urn:isbn:…`, else a phrase
/// naming the print edition by its title.
pub fn break_source(identifier: &str, title: &str) -> String {
    match identifier.strip_prefix("urn:isbn:") {
        Some(isbn) => format!("urn:isbn:{isbn}"),
        None => format!("{title} (print edition, typeset by quire)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_start_after_white_space_and_a_forced_break() {
        let mut counter = WordCounter::new();
        let starts: Vec<Option<usize>> = " ab c".chars().map(|c| counter.feed(c)).collect();
        assert_eq!(starts, [None, Some(0), None, None, Some(1)]);
        // Text in the next inline continues the word.
        assert_eq!(counter.feed('d'), None);
        counter.space();
        assert_eq!(counter.feed('e'), Some(2));
        assert_eq!(counter.words(), 3);
        assert_eq!(counter.current(), 2);
    }

    #[test]
    fn the_break_source_is_the_isbn_when_there_is_one() {
        assert_eq!(
            break_source("urn:isbn:9780306406157", "T"),
            "urn:isbn:9780306406157"
        );
        assert!(break_source("urn:uuid:x", "The Title").starts_with("The Title"));
    }
}
