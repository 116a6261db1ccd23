//! Page geometry: trim size, mirrored margins, the text block and its
//! baseline grid.

use super::document::Rect;
use crate::model::design::Design;
use crate::model::print::Margins;
use crate::model::PageSize;

/// The measurements every page shares.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Geometry {
    /// Trim width.
    pub width: f32,
    /// Trim height.
    pub height: f32,
    /// Margin at the spine.
    pub inner: f32,
    /// Margin at the fore-edge.
    pub outer: f32,
    /// Margin above the text block.
    pub top: f32,
    /// Body text size.
    pub size: f32,
    /// Body leading: the baseline grid's pitch.
    pub leading: f32,
    /// How many grid lines the text block holds.
    pub lines: usize,
    /// The book's design (paragraphs, openings, folios, running heads…).
    pub design: Design,
}

impl Geometry {
    /// The geometry for a trim size in the default design: margins in
    /// the classic proportions (inner < top < outer < bottom), body type
    /// 10.5/13.5 pt on 6 × 9 in and scaled gently for larger pages.
    pub fn new(trim: PageSize) -> Geometry {
        Geometry::with_design(trim, &Design::default())
    }

    /// The geometry for a trim size in `design` ([`Design::measures`]):
    /// the baseline grid's pitch is the design's leading, and the text
    /// block holds a whole number of its lines.
    pub fn with_design(trim: PageSize, design: &Design) -> Geometry {
        let width = trim.width.max(144.0);
        let height = trim.height.max(216.0);
        let m = design.measures(width, height);
        let lines = ((height - m.top - m.bottom) / m.leading).floor().max(4.0) as usize;
        Geometry {
            width,
            height,
            inner: m.inner,
            outer: m.outer,
            top: m.top,
            size: m.size,
            leading: m.leading,
            lines,
            design: *design,
        }
    }

    /// The same geometry with every margin at least `minimum`'s (the
    /// print profile's gutter and outside margins): the text block narrows,
    /// and shortens to whole grid lines. The running head and the folio sit
    /// a line and a half outside the block, so the top and bottom margins
    /// keep that room and a type size besides beyond the minimum.
    pub fn at_least(mut self, minimum: Margins) -> Geometry {
        let furniture = self.leading * 1.5 + self.size;
        let bottom = (self.height - self.top - self.block_height()).max(minimum.bottom + furniture);
        self.inner = self.inner.max(minimum.inner);
        self.outer = self.outer.max(minimum.outer);
        self.top = self.top.max(minimum.top + furniture);
        self.lines = ((self.height - self.top - bottom) / self.leading)
            .floor()
            .max(4.0) as usize;
        self
    }

    /// Width of the text block.
    pub fn measure(&self) -> f32 {
        self.width - self.inner - self.outer
    }

    /// Height of the text block: a whole number of grid lines.
    pub fn block_height(&self) -> f32 {
        self.lines as f32 * self.leading
    }

    /// Distance from the top of a line slot to its baseline.
    pub fn ascent(&self) -> f32 {
        self.size * 0.75
    }

    /// The text block of the page with this 0-based index (even = recto).
    pub fn text_block(&self, index: usize) -> Rect {
        let x = if index.is_multiple_of(2) {
            self.inner
        } else {
            self.outer
        };
        Rect {
            x,
            y: self.top,
            width: self.measure(),
            height: self.block_height(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn six_by_nine_has_mirrored_margins_and_a_whole_grid() {
        let g = Geometry::new(PageSize {
            width: 432.0,
            height: 648.0,
        });
        assert_eq!(g.size, 10.5);
        assert_eq!(g.leading, 13.5);
        assert!(g.inner < g.outer);
        assert_eq!(g.text_block(0).x, g.inner);
        assert_eq!(g.text_block(1).x, g.outer);
        assert_eq!(g.text_block(0).x + g.measure() + g.outer, 432.0);
        assert!(g.top + g.block_height() < 648.0 - g.leading * 2.0);
        assert!((35..=40).contains(&g.lines), "{} lines", g.lines);
    }

    #[test]
    fn minimum_margins_only_ever_widen_the_margins() {
        let g = Geometry::new(PageSize {
            width: 432.0,
            height: 648.0,
        });
        assert_eq!(g.at_least(Margins::all(18.0)), g);
        let wide = g.at_least(Margins {
            inner: 63.0,
            ..Margins::all(36.0)
        });
        assert_eq!((wide.inner, wide.outer), (63.0, g.outer));
        assert!(wide.top >= 36.0 + wide.leading * 1.5 + wide.size);
        let bottom = wide.height - wide.top - wide.block_height();
        assert!(bottom >= 36.0 + wide.leading * 1.5 + wide.size);
        assert!(wide.lines < g.lines && wide.measure() < g.measure());
    }

    #[test]
    fn a4_and_letter_get_larger_type_and_more_lines() {
        let a4 = Geometry::new(PageSize {
            width: 595.0,
            height: 842.0,
        });
        assert!(a4.size > 10.5 && a4.lines > 38);
    }

    #[test]
    fn the_design_sets_the_grid_and_the_margins() {
        use crate::model::design::{LineHeight, Margins};
        let trim = PageSize {
            width: 432.0,
            height: 648.0,
        };
        let design = Design {
            font_size: Some(12.0),
            line_height: Some(LineHeight::Ratio { ratio: 1.5 }),
            margins: Margins {
                inner: Some(72.0),
                ..Margins::NORMAL
            },
            ..Design::default()
        };
        let g = Geometry::with_design(trim, &design);
        assert_eq!((g.size, g.leading, g.inner), (12.0, 18.0, 72.0));
        assert_eq!(g.outer, Geometry::new(trim).outer);
        assert_eq!(g.lines, ((648.0 - g.top - 648.0 * 0.115) / 18.0) as usize);
        let wide = Design {
            margins: Margins {
                scale: 1.3,
                ..Margins::NORMAL
            },
            ..Design::default()
        };
        let wide = Geometry::with_design(trim, &wide);
        assert!(wide.measure() < Geometry::new(trim).measure());
        assert!(wide.lines < Geometry::new(trim).lines);
    }
}
