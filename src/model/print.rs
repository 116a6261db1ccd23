//! The print edition's settings (`[print]` in `book.toml`) and the
//! printers' rules that follow from them: the minimum margins for a page
//! count, the paper's thickness for the spine.
//!
//! The figures are the printers' published ones (2026): Amazon KDP's
//! paperback gutter table, paper calipers and spine-text rule,
//! IngramSpark's 0.5 in minimum margin, the calipers its cover template
//! generator gives and its spine-text rule; see the README's "Print on
//! demand", which says where the sources differ.

use serde::Serialize;

/// Points in an inch.
pub const INCH: f32 = 72.0;

/// Who prints the book: their minimum margins differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Printer {
    /// Amazon KDP: the gutter grows with the page count; outside, top and
    /// bottom at least 0.25 in (0.375 in with bleed).
    #[default]
    Kdp,
    /// IngramSpark (Lightning Source): at least 0.5 in on every side.
    Ingram,
}

/// The interior paper, which sets the spine's width.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Paper {
    /// White paper (black and white interior).
    #[default]
    White,
    /// Cream paper (black and white interior).
    Cream,
    /// The paper of a colour interior.
    Color,
}

impl Paper {
    /// The thickness of one page (one leaf side counted as a page, as the
    /// printers count pages), in inches: KDP's published calipers.
    pub fn caliper(self) -> f32 {
        match self {
            Paper::White => 0.002252,
            Paper::Cream => 0.0025,
            Paper::Color => 0.002347,
        }
    }

    /// The thickness of one page on IngramSpark's stock, in inches, from
    /// the spines its cover template generator gives (200 pages: 10.77 mm
    /// on its 50 lb white, 11.63 mm on its 50 lb cream); its standard colour
    /// prints on the same 50 lb white. Thinner than KDP's (see the README).
    pub fn ingram_caliper(self) -> f32 {
        match self {
            Paper::White | Paper::Color => 0.00212,
            Paper::Cream => 0.002289,
        }
    }
}

impl Printer {
    /// The thickness of one page of `paper` at this printer, in inches.
    pub fn caliper(self, paper: Paper) -> f32 {
        match self {
            Printer::Kdp => paper.caliper(),
            Printer::Ingram => paper.ingram_caliper(),
        }
    }

    /// The fewest pages whose spine may carry text: KDP's 79
    /// ([`SPINE_TEXT_PAGES`]), IngramSpark's 48 ([`INGRAM_SPINE_TEXT_PAGES`]).
    pub fn spine_text_pages(self) -> usize {
        match self {
            Printer::Kdp => SPINE_TEXT_PAGES,
            Printer::Ingram => INGRAM_SPINE_TEXT_PAGES,
        }
    }
}

/// Margins in points; which side is which follows the spine.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Margins {
    /// At the spine (the gutter).
    pub inner: f32,
    /// At the fore-edge.
    pub outer: f32,
    /// Above the text block.
    pub top: f32,
    /// Below the text block.
    pub bottom: f32,
}

impl Margins {
    /// The same margin on every side.
    pub fn all(points: f32) -> Margins {
        Margins {
            inner: points,
            outer: points,
            top: points,
            bottom: points,
        }
    }

    /// Each side the larger of the two.
    pub fn max(self, other: Margins) -> Margins {
        Margins {
            inner: self.inner.max(other.inner),
            outer: self.outer.max(other.outer),
            top: self.top.max(other.top),
            bottom: self.bottom.max(other.bottom),
        }
    }
}

/// The `[print]` table: what the print interior and the cover are made for.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Print {
    /// Bleed on the top, bottom and outer edge of the interior (and all
    /// round the cover's art), in points; 0: none.
    pub bleed: f32,
    /// The printer whose minimum margins apply.
    pub printer: Printer,
    /// Margins the author asks for at least (`[print] margins`), applied
    /// on top of the printer's minimum and the book's own.
    pub margins: Margins,
    /// The interior paper.
    pub paper: Paper,
    /// Whether the back cover keeps a white area clear for the barcode.
    pub barcode_area: bool,
}

impl Default for Print {
    fn default() -> Self {
        Print {
            bleed: 0.0,
            printer: Printer::default(),
            margins: Margins::default(),
            paper: Paper::default(),
            barcode_area: true,
        }
    }
}

/// The bleed all round a print cover: 0.125 in, as KDP and IngramSpark
/// both ask.
pub const COVER_BLEED: f32 = 0.125 * INCH;

/// Spine text only from this many pages (KDP's rule: thinner spines may
/// not carry text).
pub const SPINE_TEXT_PAGES: usize = 79;

/// IngramSpark's spine text minimum: its cover template generator allows
/// no spine text under 48 pages.
pub const INGRAM_SPINE_TEXT_PAGES: usize = 48;

/// The narrowest spine that carries text, in points: 1/16 in clear of each
/// fold (the binding's variance, both printers') and room for 3 pt type
/// (the cover sets it at 0.8 of the room), whatever the page count allows.
/// KDP's 79 pages on white paper are just wider.
pub const SPINE_TEXT_WIDTH: f32 = 2.0 * 0.0625 * INCH + 3.0 / 0.8;

/// The most pages KDP binds in a paperback (white or cream paper, trims up
/// to 6.12 in wide).
pub const KDP_MAX_PAGES: usize = 828;

/// KDP's minimum gutter for a book of `pages` pages, in inches: 0.375 up to
/// 150 pages, 0.5 to 300, 0.625 to 500, 0.75 to 700, 0.875 beyond.
pub fn kdp_gutter(pages: usize) -> f32 {
    match pages {
        0..=150 => 0.375,
        151..=300 => 0.5,
        301..=500 => 0.625,
        501..=700 => 0.75,
        _ => 0.875,
    }
}

impl Print {
    /// The printer's minimum margins for a book of `pages` pages, in
    /// points, with the author's `[print] margins` on top.
    pub fn minimum_margins(&self, pages: usize) -> Margins {
        let printer = match self.printer {
            Printer::Kdp => {
                let outside = if self.bleed > 0.0 { 0.375 } else { 0.25 };
                Margins {
                    inner: kdp_gutter(pages) * INCH,
                    ..Margins::all(outside * INCH)
                }
            }
            // Ingram's 0.5 in everywhere; its gutter table for thick books
            // is KDP's or smaller, so the larger of the two is kept.
            Printer::Ingram => Margins {
                inner: kdp_gutter(pages).max(0.5) * INCH,
                ..Margins::all(0.5 * INCH)
            },
        };
        printer.max(self.margins)
    }

    /// The spine's width for `pages` pages, in points: the page count
    /// times the printer's caliper for the paper.
    pub fn spine(&self, pages: usize) -> f32 {
        pages as f32 * self.printer.caliper(self.paper) * INCH
    }
}

/// The measures of a full-wrap cover, in points: back, spine and front
/// side by side, with [`COVER_BLEED`] all round.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Wrap {
    /// The book's trim size (each of the back and the front).
    pub trim: super::PageSize,
    /// The spine's width.
    pub spine: f32,
    /// The bleed all round.
    pub bleed: f32,
    /// The interior's page count.
    pub pages: usize,
    /// The fewest pages whose spine carries text, by the printer's rule.
    pub spine_text_pages: usize,
}

impl Wrap {
    /// The wrap of a book of `pages` pages trimmed to `trim`.
    pub fn new(print: &Print, trim: super::PageSize, pages: usize) -> Wrap {
        Wrap {
            trim,
            spine: print.spine(pages),
            bleed: COVER_BLEED,
            pages,
            spine_text_pages: print.printer.spine_text_pages(),
        }
    }

    /// The whole sheet's width: 2 × trim width + spine + 2 × bleed.
    pub fn width(&self) -> f32 {
        2.0 * self.trim.width + self.spine + 2.0 * self.bleed
    }

    /// The whole sheet's height: trim height + 2 × bleed.
    pub fn height(&self) -> f32 {
        self.trim.height + 2.0 * self.bleed
    }

    /// Where the spine starts, from the sheet's left edge.
    pub fn spine_x(&self) -> f32 {
        self.bleed + self.trim.width
    }

    /// Where the front cover's trim starts, from the sheet's left edge.
    pub fn front_x(&self) -> f32 {
        self.spine_x() + self.spine
    }

    /// Whether the spine may carry text, by the printer's rule, and has
    /// room for it ([`SPINE_TEXT_WIDTH`]).
    pub fn spine_text(&self) -> bool {
        self.pages >= self.spine_text_pages && self.spine >= SPINE_TEXT_WIDTH
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_kdp_gutter_grows_with_the_page_count_at_each_bound() {
        let cases = [
            (24, 0.375),
            (150, 0.375),
            (151, 0.5),
            (300, 0.5),
            (301, 0.625),
            (500, 0.625),
            (501, 0.75),
            (700, 0.75),
            (701, 0.875),
            (828, 0.875),
        ];
        for (pages, inches) in cases {
            assert_eq!(kdp_gutter(pages), inches, "{pages} pages");
        }
    }

    #[test]
    fn outside_margins_follow_the_bleed_and_the_printer() {
        let mut print = Print::default();
        assert_eq!(print.minimum_margins(100).outer, 0.25 * INCH);
        print.bleed = 0.125 * INCH;
        assert_eq!(print.minimum_margins(100).outer, 0.375 * INCH);
        assert_eq!(print.minimum_margins(400).inner, 0.625 * INCH);
        print.printer = Printer::Ingram;
        let ingram = print.minimum_margins(100);
        assert_eq!(ingram, Margins::all(0.5 * INCH));
        assert_eq!(print.minimum_margins(800).inner, 0.875 * INCH);
    }

    #[test]
    fn the_authors_margins_only_ever_add() {
        let print = Print {
            margins: Margins {
                inner: 0.1 * INCH,
                top: INCH,
                ..Margins::default()
            },
            ..Print::default()
        };
        let m = print.minimum_margins(200);
        assert_eq!((m.inner, m.top, m.bottom), (0.5 * INCH, INCH, 0.25 * INCH));
    }

    #[test]
    fn a_wrap_is_two_covers_a_spine_and_the_bleed() {
        let trim = super::super::PageSize {
            width: 6.0 * INCH,
            height: 9.0 * INCH,
        };
        let wrap = Wrap::new(&Print::default(), trim, 200);
        assert!((wrap.width() / INCH - (12.0 + 200.0 * 0.002252 + 0.25)).abs() < 1e-4);
        assert!((wrap.height() / INCH - 9.25).abs() < 1e-4);
        assert_eq!(wrap.front_x(), wrap.spine_x() + wrap.spine);
        assert!(wrap.spine_text());
        assert!(!Wrap::new(&Print::default(), trim, 78).spine_text());
    }

    #[test]
    fn ingram_s_spine_is_its_own_calipers_and_carries_text_from_48_pages() {
        let trim = super::super::PageSize {
            width: 6.0 * INCH,
            height: 9.0 * INCH,
        };
        let mut print = Print {
            printer: Printer::Ingram,
            ..Print::default()
        };
        // Its generator's 200-page spines, to a hundredth of a millimetre.
        let mm = |points: f32| points / INCH * 25.4;
        assert!(
            (mm(print.spine(200)) - 10.77).abs() < 0.01,
            "{}",
            mm(print.spine(200))
        );
        print.paper = Paper::Cream;
        assert!(
            (mm(print.spine(200)) - 11.63).abs() < 0.01,
            "{}",
            mm(print.spine(200))
        );
        print.paper = Paper::Color;
        assert_eq!(
            print.spine(300),
            Print {
                paper: Paper::White,
                ..print.clone()
            }
            .spine(300)
        );
        assert!(
            print.spine(300) < Print::default().spine(300),
            "thinner than KDP's"
        );
        // 48 pages may carry text, but their spine has no room: on cream,
        // from 78 pages; on KDP's paper, from 79 whatever the room.
        let text = |print: &Print, pages| Wrap::new(print, trim, pages).spine_text();
        assert!(!text(&print, 48), "0.1 in, less than 2 × 1/16 in");
        print.paper = Paper::Cream;
        assert!(text(&print, 78) && !text(&print, 77));
        let kdp = Print::default();
        assert!(text(&kdp, 79) && !text(&kdp, 78));
        let cream = Print {
            paper: Paper::Cream,
            ..Print::default()
        };
        assert!(!text(&cream, 78), "KDP: never under 79 pages");
    }

    #[test]
    fn the_spine_is_the_page_count_times_the_caliper() {
        let mut print = Print::default();
        assert!((print.spine(250) / INCH - 0.563).abs() < 0.001);
        print.paper = Paper::Cream;
        assert!((print.spine(200) / INCH - 0.5).abs() < 1e-4);
        print.paper = Paper::Color;
        assert!((print.spine(100) / INCH - 0.2347).abs() < 1e-4);
    }
}
