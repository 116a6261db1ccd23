//! Setting a paragraph: inline content to shaped, hyphenated, broken and
//! justified lines. `items` turns the content into the boxes, glue and
//! penalties of the line breaker; [`linebreak`](super::linebreak) chooses
//! the breaks, in the passes `breaks` tries; `lines` positions the glyphs
//! of each line; `words` shapes and hyphenates words. This module holds the
//! typesetter, its word caches and the parameters of a paragraph.

mod breaks;
mod items;
mod lines;
mod words;

use super::document::GlyphRun;
use super::hyphenate::Hyphenator;
use super::shape::ShapedGlyph;
use crate::fonts::{FontSet, Style};
use crate::model::{Inline, LinkTarget};
pub use items::{LineImage, LineMath};
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

/// Fonts, hyphenation patterns and caches of shaped and hyphenated words.
///
/// The caches only remember what shaping and hyphenation give for a word,
/// which never depends on what was set before: typesetters made with
/// [`Typesetter::fork`] set the same lines in any order, on any thread.
pub struct Typesetter {
    /// The book's faces, shared with the typesetter's forks.
    pub fonts: Arc<FontSet>,
    /// The language's patterns and the hyphen points of each word.
    hyphens: words::Hyphens,
    /// Each word (or single space) set in a face, at a size, in small
    /// capitals or not: its glyphs and hyphen points.
    shaped: FxHashMap<(Style, u32, bool), FxHashMap<String, words::Word>>,
    /// Single marks (the hyphen, the leader dot) by face, size and text.
    marks: FxHashMap<(Style, u32, &'static str), Option<ShapedGlyph>>,
    small_caps: bool,
    /// Code and keyboard text is broken only at its spaces (never at the
    /// dots and underscores of an identifier): set for table cells.
    pub code_whole: bool,
    /// The id of the part being set, for links to its footnotes.
    pub chapter: String,
    /// The size in pixels of every image of the book, by key, for images
    /// in running text (see [`Line::images`]).
    pub image_sizes: Arc<BTreeMap<String, (u32, u32)>>,
    /// The printed page of every destination, for cross-references set
    /// as "see page 12" ([`crate::model::pagination::PAGE_REF`]).
    pub page_numbers: Arc<BTreeMap<String, String>>,
    /// The words of such a page number, `{n}` standing for it ("page {n}").
    pub page_word: Arc<str>,
}

/// Typesetters for rayon's worker threads (see [`Typesetter::forks`]).
pub struct Forks(Vec<Mutex<Typesetter>>);

impl Forks {
    /// Runs `f` with the typesetter of the current worker thread. Each
    /// worker has its own, so the lock is never contended; what a
    /// typesetter caches never changes what it sets, so which one sets a
    /// paragraph makes no difference to the output. `f` must not wait on
    /// rayon work itself (the worker could then take another task that
    /// asks for the same typesetter).
    pub fn with<R>(&self, f: impl FnOnce(&mut Typesetter) -> R) -> R {
        let index = rayon::current_thread_index().unwrap_or(0) % self.0.len();
        let mut ts = self.0[index]
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        f(&mut ts)
    }
}

/// How a paragraph is set.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Align {
    /// Flush left and right.
    Justify,
    /// Flush left, ragged right.
    Left,
    /// Centred lines.
    Center,
    /// Flush right.
    Right,
}

/// The parameters of one paragraph.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    /// The face for plain text.
    pub style: Style,
    /// Font size in points.
    pub size: f32,
    /// Line width in points.
    pub measure: f32,
    /// Indent of the first line.
    pub indent: f32,
    /// Alignment.
    pub align: Align,
    /// Whether words may be hyphenated.
    pub hyphenate: bool,
}

/// The first lines of a paragraph set short, beside a drop cap.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Hang {
    /// How many lines are short.
    pub lines: usize,
    /// By how much, in points.
    pub width: f32,
}

impl Spec {
    /// Plain text in the regular face, flush left, not hyphenated.
    pub fn plain(size: f32, measure: f32) -> Spec {
        Spec {
            style: Style::Regular,
            size,
            measure,
            indent: 0.0,
            align: Align::Left,
            hyphenate: false,
        }
    }
}

/// One set line, positioned relative to its left end and its baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// Glyph runs; `x` from the line's left end, `baseline` relative to the line's baseline.
    pub runs: Vec<GlyphRun>,
    /// Width of the set line.
    pub width: f32,
    /// Linked stretches: (from x, to x, target).
    pub links: Vec<(f32, f32, LinkTarget)>,
    /// Footnotes referenced on this line, by id.
    pub footnotes: Vec<String>,
    /// Whether the line ends with an added hyphen.
    pub hyphenated: bool,
    /// Images in the line, `x` from its left end, standing on its baseline.
    pub images: Vec<LineImage>,
    /// Struck-through stretches: (from x, to x, font size).
    pub strikes: Vec<(f32, f32, f32)>,
    /// Formulas in the line, `x` from its left end, on its baseline.
    pub maths: Vec<LineMath>,
    /// The paragraph's first word that starts on this line (counted by
    /// [`WordCounter`](crate::model::pagination::WordCounter)), for the
    /// page map.
    pub word: usize,
}

impl Typesetter {
    /// Loads the shipped faces and the patterns for `language`.
    #[cfg(test)]
    pub fn new(language: &str) -> crate::Result<Typesetter> {
        Ok(Typesetter::with_fonts(language, FontSet::load()?))
    }

    /// A typesetter with the given faces (the book's fallback fonts among
    /// them) and the patterns for `language`.
    pub fn with_fonts(language: &str, fonts: FontSet) -> Typesetter {
        Typesetter {
            fonts: Arc::new(fonts),
            hyphens: words::Hyphens::new(Hyphenator::for_language(language)),
            shaped: FxHashMap::default(),
            marks: FxHashMap::default(),
            small_caps: false,
            code_whole: false,
            chapter: String::new(),
            image_sizes: Arc::default(),
            page_numbers: Arc::default(),
            page_word: Arc::from("page {n}"),
        }
    }

    /// A typesetter with the same faces and patterns and empty caches, for
    /// another thread.
    pub fn fork(&self) -> Typesetter {
        Typesetter {
            fonts: Arc::clone(&self.fonts),
            hyphens: words::Hyphens::new(self.hyphens.hyphenator),
            shaped: FxHashMap::default(),
            marks: FxHashMap::default(),
            small_caps: false,
            code_whole: false,
            chapter: String::new(),
            image_sizes: Arc::clone(&self.image_sizes),
            page_numbers: Arc::clone(&self.page_numbers),
            page_word: Arc::clone(&self.page_word),
        }
    }

    /// One fork per worker thread of rayon's pool, for setting in
    /// parallel with caches that last the whole book (a fork per task would
    /// start with empty caches and shape the same words again).
    pub fn forks(&self) -> Forks {
        Forks(
            (0..rayon::current_num_threads().max(1))
                .map(|_| Mutex::new(self.fork()))
                .collect(),
        )
    }

    /// Sets plain text (no markup) as lines.
    pub fn set_plain(&mut self, text: &str, spec: &Spec) -> Vec<Line> {
        self.set(
            &[Inline::Text {
                text: text.to_string(),
            }],
            spec,
        )
    }

    /// Sets plain text in letterspaced small capitals (running heads),
    /// when the face has them (`smcp`); else as written.
    pub fn set_small_caps(&mut self, text: &str, spec: &Spec) -> Vec<Line> {
        if !self.fonts.get(spec.style).has_small_caps {
            return self.set_plain(text, spec);
        }
        self.small_caps = true;
        let lines = self.set_plain(&text.to_lowercase(), spec);
        self.small_caps = false;
        lines
    }

    /// Sets inline content as lines.
    pub fn set(&mut self, content: &[Inline], spec: &Spec) -> Vec<Line> {
        self.set_hanging(content, spec, Hang::default())
    }
}
