//! `quire cover`: the full-wrap print cover as a one-page PDF.
//!
//! The interior is laid out as the print profile lays it out, only to
//! count its pages; the spine is that count × the paper's caliper
//! ([`Wrap`]). The sheet is 2 × trim width + spine + 2 × 0.125 in wide and
//! trim height + 2 × 0.125 in high, with its `/TrimBox` 0.125 in inside
//! each edge. The ground (back, spine and the bleed) and the barcode area
//! are vectors; the front is the book's cover image cut to fill the front
//! and its bleed, or the typographic cover ([`crate::cover`]) drawn at
//! 300 dpi; the words (title and description on the back, title and
//! authors on the spine) are set by [`layout::cover`].

use super::print::{resolution_warnings, Kept, Sheet};
use super::write::Writer;
use crate::error::RenderError;
use crate::layout::cover::{self, CoverArt};
use crate::layout::document::Rect;
use crate::layout::{self, Frame, PageSink, Place, PlacedPage};
use crate::model::print::{Wrap, INCH};
use crate::model::{Book, ImageAsset, SVG};
use crate::render::{Progress, Rendered, Renderer, Silent};
use crate::{Error, Result, Warning};
use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::DynamicImage;
use std::collections::BTreeMap;

/// The key of the ground's picture among the cover's images.
const GROUND: &str = "quire:cover-ground.svg";
/// The key of the typographic front's picture.
const FRONT: &str = "quire:cover-front.png";
/// The resolution the typographic front is drawn at.
const FRONT_DPI: f32 = 300.0;

/// A cover made: the PDF, the page count and wrap it was made for, and
/// what is worth fixing.
#[derive(Debug)]
pub struct Made {
    /// The PDF file.
    pub bytes: Vec<u8>,
    /// The sheet's measures.
    pub wrap: Wrap,
    /// Images printed below 300 dpi, each at its first use.
    pub warnings: Vec<Warning>,
}

/// Makes the full-wrap cover of `book`.
pub fn cover(book: &Book, progress: &dyn Progress) -> Result<Made> {
    let (_, _, pages, _) = layout::settle(book, progress, || Ok(layout::Discard))?;
    let print = &book.settings.print;
    let wrap = Wrap::new(print, book.settings.trim, pages);
    progress.stage("drawing the cover", None);
    let mut images = BTreeMap::new();
    images.insert(GROUND.to_string(), ground(&wrap, print.barcode_area));
    let (front_key, front_rect) = match &book.metadata.cover {
        Some(key) => {
            let asset = book
                .images
                .get(key)
                .ok_or_else(|| RenderError::CoverNotLoaded { path: key.clone() })?;
            // The front and its bleed: top, bottom and the fore-edge.
            let rect = Rect {
                x: wrap.front_x(),
                y: 0.0,
                width: wrap.trim.width + wrap.bleed,
                height: wrap.height(),
            };
            images.insert(key.clone(), fill(key, asset, rect.width / rect.height)?);
            (key.as_str(), rect)
        }
        None => {
            let rect = Rect {
                x: wrap.front_x(),
                y: wrap.bleed,
                width: wrap.trim.width,
                height: wrap.trim.height,
            };
            let pixels = |points: f32| (points / INCH * FRONT_DPI).round() as u32;
            let canvas = crate::cover::typographic(
                &book.metadata,
                &book.matter.byline,
                pixels(rect.width),
                pixels(rect.height),
            )?;
            images.insert(
                FRONT.to_string(),
                encode(FRONT, DynamicImage::from(canvas), false)?,
            );
            (FRONT, rect)
        }
    };
    // A book of the cover's own: the metadata, faces and pictures it draws.
    let sheet = Book {
        metadata: book.metadata.clone(),
        settings: book.settings.clone(),
        front_matter: Vec::new(),
        chapters: Vec::new(),
        appendices: Vec::new(),
        toc: Vec::new(),
        matter: book.matter.clone(),
        images,
        fonts: book.fonts.clone(),
        faces: book.faces.clone(),
        image_uses: book.image_uses.clone(),
        pagination: None,
    };
    let art = CoverArt {
        ground: GROUND,
        front: (front_key, front_rect),
    };
    let page = cover::page(&sheet, &wrap, &art, print.barcode_area)?;
    let mut writer = Writer::new(&sheet)?.for_print(Sheet::Cover { bleed: wrap.bleed });
    writer.pages(vec![PlacedPage {
        place: Place::Front(0),
        page,
        destinations: Vec::new(),
    }])?;
    let warnings = resolution_warnings(&sheet, &writer.low_resolution());
    let bytes = writer.finish(&Frame {
        front_pages: 1,
        body_pages: 0,
        outline: Vec::new(),
        page_labels: Vec::new(),
        page_map: Vec::new(),
        numbers: Default::default(),
    })?;
    Ok(Made {
        bytes,
        wrap,
        warnings,
    })
}

/// The ground as an SVG the sheet's size: the cover's red all over, a gold
/// rule round the back, and the white barcode area.
fn ground(wrap: &Wrap, barcode: bool) -> ImageAsset {
    let hex = |[r, g, b]: [u8; 3]| format!("#{r:02x}{g:02x}{b:02x}");
    let (width, height) = (wrap.width(), wrap.height());
    let inset = wrap.bleed + 0.3 * INCH;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">\
         <rect width=\"{width}\" height=\"{height}\" fill=\"{}\"/>\
         <rect x=\"{inset}\" y=\"{inset}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"1.5\"/>",
        hex(crate::cover::BACKGROUND),
        wrap.trim.width - 2.0 * (inset - wrap.bleed),
        wrap.trim.height - 2.0 * (inset - wrap.bleed),
        hex(crate::cover::GOLD),
    );
    if barcode {
        let area = cover::barcode_area(wrap);
        svg.push_str(&format!(
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#ffffff\"/>",
            area.x, area.y, area.width, area.height
        ));
    }
    svg.push_str("</svg>");
    ImageAsset {
        media_type: SVG.to_string(),
        width: width.ceil() as u32,
        height: height.ceil() as u32,
        data: svg.into_bytes(),
    }
}

/// The cover image cut (about its centre) to the `aspect` (width over
/// height) of the place it fills, so that it covers it unstretched; one
/// already of that aspect (within half a percent) is kept as it is.
fn fill(key: &str, asset: &ImageAsset, aspect: f32) -> Result<ImageAsset> {
    let own = asset.width as f32 / asset.height.max(1) as f32;
    if (own / aspect - 1.0).abs() < 0.005 {
        return Ok(asset.clone());
    }
    let image =
        image::load_from_memory(&asset.data).map_err(|source| RenderError::ImageDecode {
            path: key.to_string(),
            source,
        })?;
    let (w, h) = (image.width(), image.height());
    let (cw, ch) = if own > aspect {
        (((h as f32 * aspect).round() as u32).clamp(1, w), h)
    } else {
        (w, ((w as f32 / aspect).round() as u32).clamp(1, h))
    };
    let cut = image.crop_imm((w - cw) / 2, (h - ch) / 2, cw, ch);
    encode(key, cut, asset.media_type == "image/jpeg")
}

/// A picture encoded for embedding: JPEG (quality 92) or PNG.
fn encode(key: &str, image: DynamicImage, jpeg: bool) -> Result<ImageAsset> {
    let mut data = Vec::new();
    let written = if jpeg {
        image
            .to_rgb8()
            .write_with_encoder(JpegEncoder::new_with_quality(&mut data, 92))
    } else {
        image.write_with_encoder(PngEncoder::new(&mut data))
    };
    written.map_err(|e| {
        Error::render(RenderError::Cover {
            path: key.to_string(),
            reason: e.to_string(),
        })
    })?;
    Ok(ImageAsset {
        media_type: if jpeg { "image/jpeg" } else { "image/png" }.to_string(),
        width: image.width(),
        height: image.height(),
        data,
    })
}

/// The cover as a [`Renderer`]: `BOOK-cover.pdf`. The warnings of the
/// last render wait in it for the command line ([`Cover::take_warnings`]).
#[derive(Debug, Default)]
pub struct Cover {
    warnings: Kept,
}

impl Cover {
    /// The warnings of the renders so far, taken out.
    pub fn take_warnings(&self) -> Vec<Warning> {
        self.warnings.take()
    }
}

impl Renderer for Cover {
    fn name(&self) -> &'static str {
        "cover"
    }
    fn extension(&self) -> &'static str {
        "pdf"
    }
    fn render(&self, book: &Book) -> Result<Rendered> {
        self.render_with(book, &Silent)
    }
    fn render_with(&self, book: &Book, progress: &dyn Progress) -> Result<Rendered> {
        let made = cover(book, progress)?;
        log::info!(
            "cover for {} pages: spine {:.4} in, sheet {:.4} × {:.4} in",
            made.wrap.pages,
            made.wrap.spine / INCH,
            made.wrap.width() / INCH,
            made.wrap.height() / INCH
        );
        self.warnings.keep(made.warnings);
        Ok(Rendered::File(made.bytes))
    }
    fn output_name(&self, book: &Book) -> String {
        format!(
            "{}-cover.pdf",
            crate::passes::ids::slug(&book.metadata.title)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cover_of_another_shape_is_cut_to_fill_its_place_unstretched() {
        let image = image::RgbImage::from_pixel(200, 200, image::Rgb([9, 9, 9]));
        let asset = encode("x.png", DynamicImage::from(image), false).unwrap();
        let cut = fill("x.png", &asset, 0.5).unwrap();
        assert_eq!((cut.width, cut.height), (100, 200));
        let kept = fill("x.png", &asset, 1.0).unwrap();
        assert_eq!(kept, asset);
    }

    #[test]
    fn the_ground_is_an_svg_of_the_whole_sheet_with_the_barcode_area() {
        let wrap = Wrap::new(
            &Default::default(),
            crate::model::PageSize {
                width: 432.0,
                height: 648.0,
            },
            100,
        );
        let with = String::from_utf8(ground(&wrap, true).data).unwrap();
        assert!(
            with.contains("#ffffff") && with.contains("#3a161c"),
            "{with}"
        );
        let without = String::from_utf8(ground(&wrap, false).data).unwrap();
        assert!(!without.contains("#ffffff"));
    }
}
