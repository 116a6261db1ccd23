//! The print profile (`quire pdf --profile print`): the interior a printer
//! takes (Amazon KDP, IngramSpark).
//!
//! Each page gets a `/TrimBox` (the trim size) and a `/MediaBox` =
//! `/BleedBox` grown by `[print] bleed` on the top, the bottom and the
//! outer edge (right on rectos, left on versos); a one-line content stream
//! before the page's own moves the drawing so that the trim stays where it
//! was. The margins are at least the printer's minimum for the final page
//! count (see [`Print::minimum_margins`]): when the count moves the gutter
//! up, the book is laid out again until it stands still. No link
//! annotations, no outline, no `/OpenAction`; images printed below 300 dpi
//! are warned about at their first use.

use super::write::{Refs, Writer};
use crate::layout::document::Item;
use crate::layout::{self, PlacedPage};
use crate::model::print::{Margins, Print, Printer, INCH, KDP_MAX_PAGES};
use crate::model::Book;
use crate::render::{Progress, Rendered, Renderer, Silent};
use crate::{Location, Result, Warning};
use pdf_writer::{Pdf, Rect, Ref};
use std::collections::BTreeMap;
use std::sync::Mutex;

/// The resolution below which a printed image is warned about.
pub const MIN_DPI: f32 = 300.0;

/// What kind of print sheet the pages are.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Sheet {
    /// Interior pages, `bleed` points of bleed on the top, the bottom and
    /// the outer edge; the first page is a recto.
    Interior {
        /// The bleed, in points (0: none).
        bleed: f32,
    },
    /// A cover drawn with its bleed: the trim is `bleed` inside each edge.
    Cover {
        /// The bleed, in points.
        bleed: f32,
    },
}

/// A print page's boxes, in PDF coordinates.
#[derive(Debug, Clone, Copy)]
pub(super) struct Boxes {
    /// The media box, also the bleed box.
    pub media: Rect,
    /// The trim box.
    pub trim: Rect,
    /// The content stream that moves the page's drawing onto its trim.
    pub shift: Option<Ref>,
}

/// The two shifts of the interior's drawings: rectos bleed right, versos left.
#[derive(Debug, Clone, Copy)]
pub(super) struct Shifts {
    recto: Option<Ref>,
    verso: Option<Ref>,
}

/// What the writer keeps for a print file.
#[derive(Debug)]
pub(super) struct PrintState {
    sheet: Sheet,
    /// Each image's lowest printed resolution, by key.
    dpi: BTreeMap<String, f32>,
}

impl PrintState {
    pub fn new(sheet: Sheet) -> Self {
        PrintState {
            sheet,
            dpi: BTreeMap::new(),
        }
    }

    /// Notes the printed resolution of every picture on `pages`.
    pub fn scan(&mut self, book: &Book, pages: &[PlacedPage]) {
        for placed in pages {
            let page = &placed.page;
            for item in page.items.iter().chain(&page.turned) {
                let Item::Image { key, rect, .. } = item else {
                    continue;
                };
                if let Some(dpi) = book.images.get(key).and_then(|asset| {
                    printed_dpi(
                        asset.is_svg(),
                        (asset.width, asset.height),
                        rect.width,
                        rect.height,
                    )
                }) {
                    let lowest = self.dpi.entry(key.clone()).or_insert(dpi);
                    *lowest = lowest.min(dpi);
                }
            }
        }
    }

    /// The images printed below [`MIN_DPI`], with their lowest resolution.
    pub fn low_resolution(&self) -> Vec<(String, f32)> {
        self.dpi
            .iter()
            .filter(|(_, dpi)| **dpi < MIN_DPI - 0.5)
            .map(|(key, dpi)| (key.clone(), *dpi))
            .collect()
    }

    /// Writes the content streams that move the interior's drawings.
    pub fn write_shifts(&self, pdf: &mut Pdf, refs: &mut Refs) -> Shifts {
        let mut shift = |dx: f32, dy: f32| {
            let id = refs.next();
            pdf.stream(id, format!("1 0 0 1 {dx} {dy} cm\n").as_bytes());
            Some(id)
        };
        match self.sheet {
            Sheet::Interior { bleed } if bleed > 0.0 => Shifts {
                recto: shift(0.0, bleed),
                verso: shift(bleed, bleed),
            },
            _ => Shifts {
                recto: None,
                verso: None,
            },
        }
    }

    /// The boxes of page `index` (0-based; even = recto), of `width` ×
    /// `height` trim.
    pub fn boxes(&self, index: usize, width: f32, height: f32, shifts: Shifts) -> Boxes {
        match self.sheet {
            Sheet::Interior { bleed } => {
                let recto = index.is_multiple_of(2);
                let left = if recto { 0.0 } else { bleed };
                Boxes {
                    media: Rect::new(0.0, 0.0, width + bleed, height + 2.0 * bleed),
                    trim: Rect::new(left, bleed, left + width, bleed + height),
                    shift: if recto { shifts.recto } else { shifts.verso },
                }
            }
            Sheet::Cover { bleed } => Boxes {
                media: Rect::new(0.0, 0.0, width, height),
                trim: Rect::new(bleed, bleed, width - bleed, height - bleed),
                shift: None,
            },
        }
    }
}

/// The resolution a picture of `pixels` prints at in a `width` × `height`
/// point box, in dots per inch (the lower of the two directions); `None`
/// for vectors.
pub fn printed_dpi(svg: bool, pixels: (u32, u32), width: f32, height: f32) -> Option<f32> {
    if svg || width <= 0.0 || height <= 0.0 {
        return None;
    }
    let across = pixels.0 as f32 / (width / INCH);
    let down = pixels.1 as f32 / (height / INCH);
    Some(across.min(down))
}

/// The warnings for images printed below 300 dpi, at each one's first use.
pub fn resolution_warnings(book: &Book, low: &[(String, f32)]) -> Vec<Warning> {
    low.iter()
        .map(|(key, dpi)| {
            let place = book
                .image_uses
                .get(key)
                .cloned()
                .unwrap_or_else(|| Location::file(key));
            Warning::at(
                place,
                format!(
                    "image `{key}` prints at {dpi:.0} dpi, below the {MIN_DPI:.0} dpi printers ask for: give a larger image or print it smaller"
                ),
            )
        })
        .collect()
}

/// A warning when KDP would not bind `pages` pages (more than 828).
fn too_many_pages(print: &Print, pages: usize) -> Option<Warning> {
    (print.printer == Printer::Kdp && pages > KDP_MAX_PAGES).then(|| {
        Warning::at(
            Location::file("book.toml"),
            format!(
                "the print interior has {pages} pages: KDP binds at most {KDP_MAX_PAGES} in a paperback (fewer on some trims and papers); a larger trim-size makes fewer pages"
            ),
        )
    })
}

/// The print interior: its bytes, its page count and the warnings.
#[derive(Debug)]
pub struct Interior {
    /// The PDF file.
    pub bytes: Vec<u8>,
    /// How many pages it has.
    pub pages: usize,
    /// The margins it was laid out with at least.
    pub margins: Margins,
    /// Images below 300 dpi, each at its first use.
    pub warnings: Vec<Warning>,
}

/// Lays the book out with the printer's margins for its page count (see
/// [`layout::settle`]) and writes the print interior.
pub fn interior(book: &Book, progress: &dyn Progress) -> Result<Interior> {
    let bleed = book.settings.print.bleed;
    let (writer, frame, pages, margins) = layout::settle(book, progress, || {
        Ok(Writer::new(book)?.for_print(Sheet::Interior { bleed }))
    })?;
    let mut warnings = resolution_warnings(book, &writer.low_resolution());
    warnings.extend(too_many_pages(&book.settings.print, pages));
    progress.stage("writing the PDF", None);
    let bytes = writer.finish(&frame)?;
    Ok(Interior {
        bytes,
        pages,
        margins,
        warnings,
    })
}

/// The warnings of a print renderer's renders, kept until the command
/// line takes them (a [`Renderer`] returns only bytes).
#[derive(Debug, Default)]
pub struct Kept(Mutex<Vec<Warning>>);

impl Kept {
    /// Keeps `warnings` after those already kept.
    pub fn keep(&self, warnings: Vec<Warning>) {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend(warnings);
    }

    /// The warnings kept so far, taken out.
    pub fn take(&self) -> Vec<Warning> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

/// The print interior as a [`Renderer`]: `BOOK-print.pdf`. The warnings
/// of the last render wait in it for the command line ([`PrintPdf::take_warnings`]).
#[derive(Debug, Default)]
pub struct PrintPdf {
    warnings: Kept,
}

impl PrintPdf {
    /// The warnings of the renders so far, taken out.
    pub fn take_warnings(&self) -> Vec<Warning> {
        self.warnings.take()
    }
}

impl Renderer for PrintPdf {
    fn name(&self) -> &'static str {
        "print PDF"
    }
    fn extension(&self) -> &'static str {
        "pdf"
    }
    fn render(&self, book: &Book) -> Result<Rendered> {
        self.render_with(book, &Silent)
    }
    fn render_with(&self, book: &Book, progress: &dyn Progress) -> Result<Rendered> {
        let made = interior(book, progress)?;
        self.warnings.keep(made.warnings);
        Ok(Rendered::File(made.bytes))
    }
    fn output_name(&self, book: &Book) -> String {
        format!(
            "{}-print.pdf",
            crate::passes::ids::slug(&book.metadata.title)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolution_is_pixels_over_printed_inches_the_lower_way() {
        assert_eq!(printed_dpi(false, (600, 300), 144.0, 72.0), Some(300.0));
        assert_eq!(printed_dpi(false, (600, 200), 144.0, 72.0), Some(200.0));
        assert_eq!(printed_dpi(true, (10, 10), 144.0, 72.0), None);
    }

    #[test]
    fn more_pages_than_kdp_binds_is_a_warning_for_kdp_only() {
        let mut print = Print::default();
        assert!(too_many_pages(&print, 828).is_none());
        let warning = too_many_pages(&print, 829).expect("a warning");
        assert!(warning.message.contains("829 pages"), "{}", warning.message);
        print.printer = Printer::Ingram;
        assert!(too_many_pages(&print, 829).is_none());
    }

    #[test]
    fn interior_boxes_bleed_at_the_outer_edge_and_keep_the_trim() {
        let state = PrintState::new(Sheet::Interior { bleed: 9.0 });
        let shifts = Shifts {
            recto: Some(Ref::new(7)),
            verso: Some(Ref::new(8)),
        };
        let recto = state.boxes(0, 432.0, 648.0, shifts);
        assert_eq!(recto.media, Rect::new(0.0, 0.0, 441.0, 666.0));
        assert_eq!(recto.trim, Rect::new(0.0, 9.0, 432.0, 657.0));
        assert_eq!(recto.shift, Some(Ref::new(7)));
        let verso = state.boxes(1, 432.0, 648.0, shifts);
        assert_eq!(verso.trim, Rect::new(9.0, 9.0, 441.0, 657.0));
        assert_eq!(verso.shift, Some(Ref::new(8)));
    }
}
