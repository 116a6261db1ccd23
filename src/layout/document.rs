//! The laid-out book: pages of positioned glyph runs, rules, images and
//! links, plus the navigation data (outline, destinations, page labels).
//!
//! Coordinates are PostScript points with the origin at the top-left corner
//! of the page and y growing downwards; the writer flips them.

use crate::fonts::Style;
use crate::model::{Ink, LinkTarget};
use std::sync::Arc;

/// A typeset book, ready to be written: every page held at once (see
/// [`PageSink`] for the pages handed on as they are drawn instead).
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Every page, in order.
    pub pages: Vec<Page>,
    /// The index of the body's first page (the first page of the first part
    /// that is not front matter; `pages.len()` when there is none). The
    /// layout draws the body before the pages in front of it, whose contents
    /// need the body's page numbers, and hands them on in that order.
    pub body_start: usize,
    /// The bookmarks tree, mirroring the table of contents.
    pub outline: Vec<OutlineEntry>,
    /// Named places that links and bookmarks point to.
    pub destinations: Vec<Destination>,
    /// Where the page numbering changes style.
    pub page_labels: Vec<PageLabelRange>,
    /// Where in the model each page starts, one entry per page.
    pub page_map: Vec<PageStart>,
}

/// Where a page goes in the book, as the layout hands it on: the body is
/// drawn first, then the front (opening pages, contents and front-matter
/// parts), so a page's place is counted within its own sequence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Place {
    /// Page `.0` of the front; the front comes first in the book.
    Front(usize),
    /// Page `.0` of the body, which follows the front.
    Body(usize),
}

impl Place {
    /// The 0-based page index in the book, once the front's length is known.
    pub fn index(self, front_pages: usize) -> usize {
        match self {
            Place::Front(i) => i,
            Place::Body(i) => front_pages + i,
        }
    }
}

/// A page handed on by the layout, with the named places on it.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedPage {
    /// Where it goes.
    pub place: Place,
    /// The page.
    pub page: Page,
    /// The destinations on the page, in order: each name (see
    /// [`destination_name`]) with its vertical position (top-down).
    pub destinations: Vec<(String, f32)>,
}

/// Takes the pages as the layout draws them (see
/// [`crate::layout::stream`]): the body's pages in order, in batches, then
/// the front's. A writer that keeps only what it needs of each page keeps
/// the book's memory from growing with its glyphs.
pub trait PageSink {
    /// Takes a batch of pages, in the order of their places.
    fn pages(&mut self, pages: Vec<PlacedPage>) -> crate::Result<()>;
    /// Whether it wants the pages drawn at all: a sink that only needs the
    /// [`Frame`] (the page count, the page map, the page numbers) says no,
    /// and the layout sets and paginates the book without drawing a page
    /// or calling [`PageSink::pages`]. By default it does.
    fn wants_pages(&self) -> bool {
        true
    }
}

/// What the layout knows of the whole book once every page has gone to the
/// sink: how many pages each sequence has and the navigation, with the
/// compact page map.
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    /// How many pages the front has (the body's first index).
    pub front_pages: usize,
    /// How many pages the body has.
    pub body_pages: usize,
    /// The bookmarks tree, mirroring the table of contents.
    pub outline: Vec<OutlineEntry>,
    /// Where the page numbering changes style.
    pub page_labels: Vec<PageLabelRange>,
    /// Where in the model each page starts, one entry per page, in order.
    pub page_map: Vec<PageStart>,
    /// The printed page number of every destination (the first page a
    /// name is found on).
    pub numbers: std::collections::BTreeMap<String, String>,
}

/// A [`PageSink`] that keeps every page, to make a [`Document`].
#[derive(Debug, Default)]
pub struct Collect {
    front: Vec<Option<PlacedPage>>,
    body: Vec<Option<PlacedPage>>,
}

impl PageSink for Collect {
    fn pages(&mut self, pages: Vec<PlacedPage>) -> crate::Result<()> {
        for page in pages {
            let (list, i) = match page.place {
                Place::Front(i) => (&mut self.front, i),
                Place::Body(i) => (&mut self.body, i),
            };
            if list.len() <= i {
                list.resize_with(i + 1, || None);
            }
            list[i] = Some(page);
        }
        Ok(())
    }
}

impl Collect {
    /// The document: the pages in book order, with their destinations.
    pub fn into_document(self, frame: Frame) -> Document {
        let mut document = Document {
            pages: Vec::new(),
            body_start: frame.front_pages,
            outline: frame.outline,
            destinations: Vec::new(),
            page_labels: frame.page_labels,
            page_map: frame.page_map,
        };
        for placed in self.front.into_iter().chain(self.body).flatten() {
            let page = placed.place.index(frame.front_pages);
            document.destinations.extend(
                placed
                    .destinations
                    .into_iter()
                    .map(|(name, y)| Destination { name, page, y }),
            );
            document.pages.push(placed.page);
        }
        document
    }
}

impl Document {
    /// The pages as the layout hands them on (the body's, then the
    /// front's), in batches of at most `batch`, for a [`PageSink`].
    pub fn placed(&self, batch: usize) -> Vec<Vec<PlacedPage>> {
        let mut on_page: Vec<Vec<(String, f32)>> = vec![Vec::new(); self.pages.len()];
        for d in &self.destinations {
            if let Some(list) = on_page.get_mut(d.page) {
                list.push((d.name.clone(), d.y));
            }
        }
        let start = self.body_start.min(self.pages.len());
        let place = |i: usize| {
            if i < start {
                Place::Front(i)
            } else {
                Place::Body(i - start)
            }
        };
        let order: Vec<usize> = (start..self.pages.len()).chain(0..start).collect();
        order
            .chunks(batch.max(1))
            .map(|chunk| {
                chunk
                    .iter()
                    .map(|&i| PlacedPage {
                        place: place(i),
                        page: self.pages[i].clone(),
                        destinations: std::mem::take(&mut on_page[i]),
                    })
                    .collect()
            })
            .collect()
    }

    /// The frame of the document (everything but its pages).
    pub fn frame(&self) -> Frame {
        Frame {
            front_pages: self.body_start.min(self.pages.len()),
            body_pages: self.pages.len() - self.body_start.min(self.pages.len()),
            outline: self.outline.clone(),
            page_labels: self.page_labels.clone(),
            page_map: self.page_map.clone(),
            numbers: {
                let mut numbers = std::collections::BTreeMap::new();
                for d in &self.destinations {
                    if let Some(page) = self.pages.get(d.page) {
                        numbers
                            .entry(d.name.clone())
                            .or_insert_with(|| page.label.clone());
                    }
                }
                numbers
            },
        }
    }
}

/// Where a page starts in the model: the compact page map that later
/// stages read to refer to print pages (an EPUB page-list, "see page N"
/// cross-references) without keeping the pages themselves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageStart {
    /// The page number as printed.
    pub label: String,
    /// The part (chapter id) the page's text belongs to; `None` for the
    /// pages quire generates before the parts (half-title, title, copyright,
    /// contents) and for blank pages.
    pub part: Option<String>,
    /// The block of the part the page's first line belongs to, as indices
    /// from the part's `blocks` down through block quotes and list items:
    /// `[4, 2, 0]` is block 4, its item 2, that item's block 0. Empty when
    /// the page opens the part (its title comes first).
    pub block: Vec<usize>,
    /// The destination in force at the page's top: the last part start or
    /// heading (see [`destination_name`]) at or above it.
    pub section: Option<String>,
    /// Where in `block` the page begins: before it, at a word of a
    /// paragraph, or inside another kind of block.
    pub at: crate::model::pagination::BreakAt,
    /// What the page is for (a blank page, the title page …).
    pub role: PageRole,
}

/// What a page is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageRole {
    /// The half-title (title only).
    HalfTitle,
    /// The title page.
    Title,
    /// The copyright page, verso of the title.
    Copyright,
    /// A page of the table of contents.
    Contents,
    /// An intentionally blank page (so the next part opens on a recto).
    Blank,
    /// The first page of a part: no running head.
    Opening,
    /// Any other page of running text.
    Text,
}

/// A rectangle in page coordinates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub x: f32,
    /// Top edge.
    pub y: f32,
    /// Width.
    pub width: f32,
    /// Height.
    pub height: f32,
}

/// One page.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// Page width in points.
    pub width: f32,
    /// Page height in points.
    pub height: f32,
    /// The text block (between the margins): running text never leaves it.
    pub text_block: Rect,
    /// What the page is for.
    pub role: PageRole,
    /// The page number as printed (renderers may show it as a page label too).
    pub label: String,
    /// The things drawn on the page.
    pub items: Vec<Item>,
    /// Clickable areas.
    pub links: Vec<Link>,
    /// For each line of running text on the page (not heads or folios):
    /// which paragraph it belongs to and where in it.
    pub lines: Vec<LineInfo>,
    /// What is drawn turned a quarter anticlockwise in the text block (a
    /// landscape table): positions as in [`Page::items`], but in the turned
    /// block, which is `text_block.height` wide and `text_block.width`
    /// high, with its top along the block's left edge, so that it reads
    /// when the book is turned a quarter clockwise. Kept apart from
    /// `items`, which are all upright.
    pub turned: Vec<Item>,
    /// Where each of [`Page::items`] stands in the book's logical
    /// structure, for a tagged PDF: `(first item, tag)`, in item order;
    /// each tag holds from its first item to the next entry's.
    pub tags: Vec<(u32, Tag)>,
    /// The same for [`Page::turned`].
    pub turned_tags: Vec<(u32, Tag)>,
    /// Whether `turned` is turned a quarter clockwise instead, its top
    /// along the block's right edge (a cover's spine, read top to bottom
    /// as English books are).
    pub clockwise: bool,
}

/// Where a run of a page's items stands in the book's logical structure:
/// the element it belongs to, for a tagged PDF (see [`Page::tags`]).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Tag {
    /// What the element is.
    pub role: Role,
    /// The element's number, unique in the book and shared by all its
    /// runs (a paragraph over two pages is one element); 0 for a run that
    /// is an element of its own (a line of a generated page).
    pub element: u32,
    /// The block of the part the element is in, as in
    /// [`PageStart::block`]: the lists, quotes and tables around it.
    pub origin: Option<Arc<[usize]>>,
}

impl Tag {
    /// A tag for (part of) element `element`, its place not known yet.
    pub fn new(role: Role, element: u32) -> Tag {
        Tag {
            role,
            element,
            origin: None,
        }
    }
}

/// What a structure element is (see [`Tag`]).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Role {
    /// A line set apart, or a line of a generated page: a paragraph of
    /// its own.
    #[default]
    Line,
    /// Not part of the text: running heads, folios, rules, ornaments.
    Artifact,
    /// A part's title (with its number): a heading of `level`, opening
    /// part `part` (its index among the book's parts, in order).
    Title {
        /// The heading level: 1, or deeper for a nested part.
        level: u8,
        /// The part's index in [`crate::model::Book::parts`].
        part: u32,
    },
    /// A heading of this level (the nesting of the part counted in).
    Heading(u8),
    /// A paragraph of running text.
    Paragraph,
    /// A code listing.
    Code,
    /// The caption of a figure or a listing.
    Caption,
    /// A figure's picture.
    Figure,
    /// A display formula, with its TeX for the alternative text.
    Formula(Arc<str>),
    /// The number or bullet of a list item.
    Label,
    /// A table cell.
    Cell {
        /// The row, from 0 (the header row, when the table has one).
        row: u32,
        /// The column, from 0.
        column: u32,
        /// A header cell.
        header: bool,
    },
    /// A footnote.
    Note,
    /// An entry of the contents pages: a `TOCI`, in a `TOC` of its own
    /// or, for a sub-entry, in one inside its parent entry's.
    ContentsEntry {
        /// The entry's index among the contents' entries, in order.
        entry: u32,
        /// The index of the entry it is listed under, if any.
        parent: Option<u32>,
    },
}

/// Where a line sits in its paragraph, for widow and orphan checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineInfo {
    /// A number unique to the paragraph within the book.
    pub paragraph: usize,
    /// 0-based index of the line in the paragraph.
    pub index: usize,
    /// How many lines the paragraph has.
    pub count: usize,
}

/// Something drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// Glyphs in one face and size on one baseline.
    Text(GlyphRun),
    /// A straight line.
    Rule {
        /// Start point (x, y).
        from: (f32, f32),
        /// End point (x, y).
        to: (f32, f32),
        /// Line width.
        thickness: f32,
    },
    /// An image (pixels or vectors) scaled into a rectangle.
    Image {
        /// Key into the book's images.
        key: String,
        /// Its alternative text, kept beside the drawing.
        alt: String,
        /// Where it is drawn.
        rect: Rect,
    },
}

/// A run of glyphs sharing face, size and baseline.
///
/// The text the run stands for is kept once, in `text`; each glyph says how
/// many of its bytes it stands for, in order (a book holds millions of
/// glyphs until it is written, so a glyph carries no string of its own).
#[derive(Debug, Clone, PartialEq)]
pub struct GlyphRun {
    /// The face.
    pub style: Style,
    /// Font size in points.
    pub size: f32,
    /// Left end of the run.
    pub x: f32,
    /// The baseline.
    pub baseline: f32,
    /// The glyphs, positioned relative to `x`.
    pub glyphs: Vec<Glyph>,
    /// The text of the glyphs, one after another (see [`Glyph::text_len`]).
    pub text: String,
    /// Its colour, weight and slant (highlighted code); the default is
    /// the text's own: black, upright.
    pub ink: Ink,
}

impl GlyphRun {
    /// An empty run.
    pub fn new(style: Style, size: f32, x: f32, baseline: f32) -> GlyphRun {
        GlyphRun {
            style,
            size,
            x,
            baseline,
            glyphs: Vec::new(),
            text: String::new(),
            ink: Ink::default(),
        }
    }

    /// Adds a glyph at `x` (from the run's start) standing for `text`.
    /// Text beyond 65,535 bytes (a cluster no real text has) is cut at a
    /// character boundary.
    pub fn push(&mut self, id: u16, x: f32, advance: f32, text: &str) {
        let mut len = text.len().min(usize::from(u16::MAX));
        while !text.is_char_boundary(len) {
            len -= 1;
        }
        self.text.push_str(&text[..len]);
        self.glyphs.push(Glyph {
            id,
            text_len: len as u16,
            x,
            advance,
        });
    }

    /// The right end of the run's last glyph.
    pub fn end(&self) -> f32 {
        self.glyphs
            .last()
            .map_or(self.x, |g| self.x + g.x + g.advance)
    }

    /// The text the run stands for.
    pub fn text(&self) -> String {
        self.text.clone()
    }

    /// Each glyph with the text it stands for.
    pub fn glyph_texts(&self) -> impl Iterator<Item = (&Glyph, &str)> + '_ {
        let mut start = 0;
        self.glyphs.iter().map(move |g| {
            let end = start + usize::from(g.text_len);
            let text = self.text.get(start..end).unwrap_or_default();
            start = end;
            (g, text)
        })
    }
}

/// One positioned glyph.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    /// Glyph id in the face.
    pub id: u16,
    /// How many bytes of the run's text it stands for, for extraction (2
    /// for the "fi" ligature, 0 for the later glyphs of a cluster).
    pub text_len: u16,
    /// Offset from the run's start.
    pub x: f32,
    /// Advance width in points.
    pub advance: f32,
}

/// A clickable area.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// The area.
    pub rect: Rect,
    /// Where it leads.
    pub target: LinkTarget,
    /// The entry of [`Page::tags`] whose element holds the link (0 until
    /// the link is placed on a page).
    pub tag: u32,
}

/// A named place in the book.
#[derive(Debug, Clone, PartialEq)]
pub struct Destination {
    /// `chapter-id` for a part's start, `chapter-id#anchor` inside it.
    pub name: String,
    /// 0-based page index.
    pub page: usize,
    /// Vertical position on the page (top-down).
    pub y: f32,
}

/// The name of the destination for a chapter and optional anchor.
pub fn destination_name(chapter: &str, anchor: Option<&str>) -> String {
    match anchor {
        Some(anchor) => format!("{chapter}#{anchor}"),
        None => chapter.to_string(),
    }
}

/// One bookmark.
#[derive(Debug, Clone, PartialEq)]
pub struct OutlineEntry {
    /// The bookmark's title.
    pub title: String,
    /// The destination name it opens.
    pub destination: String,
    /// Nested bookmarks.
    pub children: Vec<OutlineEntry>,
}

/// Page-numbering style from a page on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Numbering {
    /// i, ii, iii …
    LowerRoman,
    /// 1, 2, 3 …
    Arabic,
}

/// A range of pages numbered in one style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageLabelRange {
    /// 0-based index of the first page of the range.
    pub first_page: usize,
    /// The style.
    pub numbering: Numbering,
    /// The number of the first page.
    pub start: usize,
}

/// Lower-case roman numeral for `n` (n ≥ 1).
pub fn roman(mut n: usize) -> String {
    const TABLE: [(usize, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut out = String::new();
    for (value, numeral) in TABLE {
        while n >= value {
            out.push_str(numeral);
            n -= value;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roman_numerals() {
        assert_eq!(roman(1), "i");
        assert_eq!(roman(4), "iv");
        assert_eq!(roman(9), "ix");
        assert_eq!(roman(14), "xiv");
        assert_eq!(roman(49), "xlix");
    }
}
