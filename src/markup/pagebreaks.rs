//! The print edition's page breaks in the EPUB's markup: an empty
//! `pagebreak` span where each printed page begins, from the book's
//! [`Pagination`]. The body writer asks [`Pending`] for the markers due at
//! each block's start and end and before each word of a paragraph.

use crate::model::pagination::{BreakAt, PageStart, Pagination, WordCounter};
use crate::xml::escape;
use std::collections::VecDeque;

/// One print page that begins inside a part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Break {
    /// The page number as printed.
    pub label: String,
    /// The block where it begins (see [`PageStart::Part`]).
    pub block: Vec<usize>,
    /// Where in that block.
    pub at: BreakAt,
}

/// The id of the marker of the page printed as `label`.
pub fn page_id(label: &str) -> String {
    format!("page-{label}")
}

/// The marker of the page printed as `label`: an empty span that assistive
/// technology announces by its label.
pub fn marker(label: &str) -> String {
    let label = escape(label);
    format!(
        "<span epub:type=\"pagebreak\" role=\"doc-pagebreak\" id=\"page-{label}\" aria-label=\"{label}\"></span>"
    )
}

/// The markers of the generated pages whose start is `start` (the title
/// page, the copyright page, the contents), with the blank pages before
/// them, for the top of their document.
pub fn generated(pagination: Option<&Pagination>, start: &PageStart) -> String {
    pagination
        .map(|p| {
            p.pages
                .iter()
                .filter(|page| &page.start == start)
                .map(|page| marker(&page.label))
                .collect()
        })
        .unwrap_or_default()
}

/// The breaks that fall in the part `id`, in order.
pub fn in_part(pagination: Option<&Pagination>, id: &str) -> Vec<Break> {
    let Some(pagination) = pagination else {
        return Vec::new();
    };
    pagination
        .pages
        .iter()
        .filter_map(|page| match &page.start {
            PageStart::Part { part, block, at } if part == id => Some(Break {
                label: page.label.clone(),
                block: block.clone(),
                at: *at,
            }),
            _ => None,
        })
        .collect()
}

/// The breaks of a part not marked yet, with the place the writer is at.
#[derive(Debug, Default)]
pub struct Pending {
    queue: VecDeque<Break>,
    /// The path of the block being written.
    pub path: Vec<usize>,
    /// The words of the paragraph being written, while a break falls in it.
    words: Option<(WordCounter, VecDeque<(usize, String)>)>,
}

impl Pending {
    /// The breaks of a part, in order.
    pub fn new(breaks: Vec<Break>) -> Pending {
        Pending {
            queue: breaks.into(),
            ..Pending::default()
        }
    }

    /// The markers due while `due` holds for the next break.
    fn take_while(&mut self, due: impl Fn(&Break) -> bool) -> String {
        let mut out = String::new();
        while let Some(next) = self.queue.front() {
            if !due(next) {
                break;
            }
            out.push_str(&marker(&next.label));
            self.queue.pop_front();
        }
        out
    }

    /// The markers due before the part's title (the pages it opens).
    pub fn opening(&mut self) -> String {
        self.take_while(|b| b.block.is_empty())
    }

    /// The markers due before the block at [`Pending::path`]: those
    /// before it, and any earlier one its own block did not place.
    pub fn before_block(&mut self) -> String {
        let path = std::mem::take(&mut self.path);
        let out = self.take_while(|b| match b.at {
            BreakAt::Before => b.block <= path,
            _ => b.block < path && !path.starts_with(&b.block),
        });
        self.path = path;
        out
    }

    /// The markers due after the block at [`Pending::path`]: every break
    /// inside it not placed yet.
    pub fn after_block(&mut self) -> String {
        let path = std::mem::take(&mut self.path);
        let out = self.take_while(|b| b.block.starts_with(&path));
        self.path = path;
        out
    }

    /// Every marker left (at the end of the part's text).
    pub fn rest(&mut self) -> String {
        self.take_while(|_| true)
    }

    /// A paragraph at [`Pending::path`] begins: its breaks at words are
    /// placed by [`Pending::text`].
    pub fn start_paragraph(&mut self) {
        let mut words = VecDeque::new();
        while let Some(next) = self.queue.front() {
            match next.at {
                BreakAt::Word(n) if next.block == self.path => {
                    words.push_back((n, marker(&next.label)));
                    self.queue.pop_front();
                }
                _ => break,
            }
        }
        self.words = (!words.is_empty()).then_some((WordCounter::new(), words));
    }

    /// The paragraph ends: the markers of breaks past its last word.
    pub fn end_paragraph(&mut self) -> String {
        self.words
            .take()
            .map(|(_, rest)| rest.into_iter().map(|(_, m)| m).collect())
            .unwrap_or_default()
    }

    /// Whether a paragraph's words are being counted.
    pub fn counting(&self) -> bool {
        self.words.is_some()
    }

    /// A forced line break in the paragraph.
    pub fn hard_break(&mut self) {
        if let Some((counter, _)) = &mut self.words {
            counter.space();
        }
    }

    /// Writes `text` of the paragraph escaped into `out`, with the markers
    /// due before its words.
    pub fn text(&mut self, text: &str, out: &mut String) {
        let Some((counter, due)) = &mut self.words else {
            crate::xml::push_escaped(out, text);
            return;
        };
        let mut buffer = [0u8; 4];
        for c in text.chars() {
            if let Some(word) = counter.feed(c) {
                while due.front().is_some_and(|(n, _)| *n <= word) {
                    if let Some((_, m)) = due.pop_front() {
                        out.push_str(&m);
                    }
                }
            }
            crate::xml::push_escaped(out, c.encode_utf8(&mut buffer));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(label: &str, block: &[usize], at: BreakAt) -> Break {
        Break {
            label: label.into(),
            block: block.to_vec(),
            at,
        }
    }

    #[test]
    fn markers_come_before_their_word_and_around_their_blocks() {
        let mut pending = Pending::new(vec![
            at("1", &[], BreakAt::Before),
            at("2", &[0], BreakAt::Word(2)),
            at("3", &[1], BreakAt::After),
            at("4", &[2, 0, 0], BreakAt::Before),
        ]);
        assert!(pending.opening().contains("id=\"page-1\""));
        pending.path = vec![0];
        assert_eq!(pending.before_block(), "");
        pending.start_paragraph();
        let mut out = String::new();
        pending.text("one two three", &mut out);
        assert!(
            out.starts_with("one two <span epub:type=\"pagebreak\""),
            "{out}"
        );
        assert!(out.ends_with("aria-label=\"2\"></span>three"), "{out}");
        assert_eq!(pending.end_paragraph(), "");
        pending.path = vec![1];
        assert_eq!(pending.before_block(), "");
        assert!(pending.after_block().contains("page-3"));
        pending.path = vec![2, 0, 0];
        assert!(pending.before_block().contains("page-4"));
        assert_eq!(pending.rest(), "");
    }

    #[test]
    fn a_break_in_a_block_never_visited_is_placed_at_the_next_one() {
        let mut pending = Pending::new(vec![at("7", &[3, 1], BreakAt::After)]);
        pending.path = vec![4];
        assert!(pending.before_block().contains("page-7"));
    }
}
