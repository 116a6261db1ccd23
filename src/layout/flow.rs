//! The galley: a part's blocks turned into a column of slots (lines and
//! other rows of fixed height) that pagination distributes over pages.
//! `slot` holds the galley's rows and their structure tags, `part` a
//! part's opening, `blocks` each kind of block (`paragraph` running
//! text and its lines, `display` listings and figures, `table` tables,
//! `initial` drop caps and the asterism), `footnotes` the notes set for
//! the page foot.

mod blocks;
mod display;
mod footnotes;
mod initial;
mod paragraph;
mod part;
mod slot;
mod table;

use super::geometry::Geometry;
use super::text::{Align, Spec, Typesetter};
use crate::fonts::Style;
use crate::model::{ImageAsset, Labels};
pub use footnotes::SetFootnote;
use slot::tag_all;
pub use slot::{mark, shift, Slot};
use std::collections::BTreeMap;

/// A part of the book set as a galley.
pub struct Galley {
    /// The rows, in order.
    pub slots: Vec<Slot>,
    /// The part's footnotes, by id.
    pub footnotes: BTreeMap<String, SetFootnote>,
    /// How many paragraphs the rows number (from 0, in [`LineInfo::paragraph`](super::document::LineInfo::paragraph)).
    pub paragraphs: usize,
    /// How many structure elements the rows number (from 1, in [`Tag::element`](super::document::Tag::element)).
    pub elements: u32,
}

/// Sets blocks into slots, numbering the paragraphs of a part from 0.
pub struct Flow<'a> {
    ts: &'a mut Typesetter,
    geometry: Geometry,
    images: &'a BTreeMap<String, ImageAsset>,
    paragraphs: usize,
    chapter: String,
    /// The path of the block being set.
    path: Vec<usize>,
    /// Levels added to every heading: a nested part's depth.
    heading_shift: u8,
    /// The generated words, for alerts.
    labels: Labels,
    /// The last structure element numbered.
    elements: u32,
    /// Words of the paragraph before the piece being set (the text before
    /// a display formula), for the page map.
    words_before: usize,
    /// The next paragraph opens the chapter with a drop cap.
    drop_cap: bool,
}

struct Frame {
    x: f32,
    measure: f32,
    depth: usize,
}

impl<'a> Flow<'a> {
    /// A flow over `ts` with the book's geometry.
    pub fn new(
        ts: &'a mut Typesetter,
        geometry: Geometry,
        images: &'a BTreeMap<String, ImageAsset>,
    ) -> Flow<'a> {
        Flow {
            ts,
            geometry,
            images,
            paragraphs: 0,
            chapter: String::new(),
            path: Vec::new(),
            heading_shift: 0,
            labels: Labels::default(),
            elements: 0,
            words_before: 0,
            drop_cap: false,
        }
    }

    /// The number of a new structure element.
    fn element(&mut self) -> u32 {
        self.elements += 1;
        self.elements
    }

    fn body(&self, align: Align, measure: f32) -> Spec {
        Spec {
            style: Style::Regular,
            size: self.geometry.size,
            measure,
            indent: 0.0,
            align,
            hyphenate: align == Align::Justify,
        }
    }
}
