//! The cover image: the book's own, checked and fitted to 1600×2560 px,
//! or, when the book declares none, a typographic cover drawn with the
//! shipped typefaces.

use crate::error::RenderError;
use crate::fonts::{face, Style};
use crate::model::{Book, ImageAsset, Metadata};
use crate::{Error, Result};
use ab_glyph::{point, Font, FontRef, PxScale, ScaleFont};
use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::{CompressionType, FilterType, PngEncoder};
use image::{ImageFormat, ImageReader, Rgb, RgbImage};
use std::io::Cursor;

/// The largest cover, in pixels; larger covers are scaled down to fit.
pub const MAX_WIDTH: u32 = 1600;
/// See [`MAX_WIDTH`].
pub const MAX_HEIGHT: u32 = 2560;

/// A cover ready to embed.
#[derive(Debug)]
pub struct CoverImage {
    /// The encoded image.
    pub data: Vec<u8>,
    /// `image/png` or `image/jpeg`.
    pub media_type: &'static str,
}

impl CoverImage {
    /// The file name extension for the media type.
    pub fn extension(&self) -> &'static str {
        if self.media_type == "image/jpeg" {
            "jpg"
        } else {
            "png"
        }
    }
}

/// The book's cover: its declared image, fitted, or a drawn one.
pub fn cover(book: &Book) -> Result<CoverImage> {
    match &book.metadata.cover {
        Some(key) => {
            let asset = book
                .images
                .get(key)
                .ok_or_else(|| RenderError::CoverNotLoaded { path: key.clone() })?;
            fit(key, asset)
        }
        None => typographic(&book.metadata, &book.matter.byline),
    }
}

/// Checks the declared cover; scales it down (keeping its aspect ratio) and
/// re-encodes it when it is larger than 1600×2560, else embeds it as is.
fn fit(key: &str, asset: &ImageAsset) -> Result<CoverImage> {
    let fail = |reason: String| {
        Error::render(RenderError::Cover {
            path: key.to_string(),
            reason,
        })
    };
    let reader = ImageReader::new(Cursor::new(&asset.data))
        .with_guessed_format()
        .map_err(|e| fail(e.to_string()))?;
    let format = reader.format();
    let media_type = match format {
        Some(ImageFormat::Png) => "image/png",
        Some(ImageFormat::Jpeg) => "image/jpeg",
        _ => return Err(fail("not a PNG or JPEG file".into())),
    };
    let (width, height) = reader.into_dimensions().map_err(|e| fail(e.to_string()))?;
    if width <= MAX_WIDTH && height <= MAX_HEIGHT {
        return Ok(CoverImage {
            data: asset.data.clone(),
            media_type,
        });
    }
    let image = image::load_from_memory(&asset.data).map_err(|e| fail(e.to_string()))?;
    let image = image.resize(MAX_WIDTH, MAX_HEIGHT, image::imageops::FilterType::Lanczos3);
    let mut data = Vec::new();
    if media_type == "image/jpeg" {
        image
            .to_rgb8()
            .write_with_encoder(JpegEncoder::new_with_quality(&mut data, 90))
            .map_err(|e| fail(e.to_string()))?;
    } else {
        image
            .write_with_encoder(PngEncoder::new(&mut data))
            .map_err(|e| fail(e.to_string()))?;
    }
    Ok(CoverImage { data, media_type })
}

const BACKGROUND: [u8; 3] = [0x3a, 0x16, 0x1c];
const GOLD: [u8; 3] = [0xc9, 0xa4, 0x5c];
const CREAM: [u8; 3] = [0xf4, 0xea, 0xd5];
/// Letter spacing of the capitals of the byline, in ems.
const BYLINE_TRACKING: f32 = 0.12;

/// Draws a cover from title, subtitle, authors and publisher, as a PNG.
pub fn typographic(metadata: &Metadata, byline: &str) -> Result<CoverImage> {
    let font = |style| {
        FontRef::try_from_slice(face(style).data).map_err(|e| {
            Error::render(RenderError::CoverFont {
                file: face(style).file_name,
                reason: e.to_string(),
            })
        })
    };
    let (bold, italic, regular) = (
        font(Style::Bold)?,
        font(Style::Italic)?,
        font(Style::Regular)?,
    );
    let mut canvas = RgbImage::from_pixel(MAX_WIDTH, MAX_HEIGHT, Rgb(BACKGROUND));
    frame(&mut canvas, 70, 8);
    frame(&mut canvas, 98, 3);

    let width = MAX_WIDTH as f32;
    let center = width / 2.0;
    let (size, lines) = fit_lines(&bold, &metadata.title, 190.0, 0.0, 1240.0, 4);
    let mut baseline = 640.0 + size * 0.75;
    for line in &lines {
        draw_line(&mut canvas, &bold, size, line, center, baseline, 0.0, CREAM);
        baseline += size * 1.05;
    }
    let ornament_y = baseline - size * 0.55 + 70.0;
    ornament(&mut canvas, center, ornament_y);
    if let Some(subtitle) = &metadata.subtitle {
        let (size, lines) = fit_lines(&italic, subtitle, 84.0, 0.0, 1180.0, 4);
        let mut baseline = ornament_y + 90.0 + size;
        for line in &lines {
            draw_line(
                &mut canvas,
                &italic,
                size,
                line,
                center,
                baseline,
                0.0,
                CREAM,
            );
            baseline += size * 1.3;
        }
    }
    let byline = byline.to_uppercase();
    if !byline.is_empty() {
        let (size, lines) = fit_lines(&regular, &byline, 76.0, BYLINE_TRACKING, 1200.0, 3);
        let mut baseline = 2150.0 - (lines.len() as f32 - 1.0) * size * 1.3;
        for line in &lines {
            draw_line(
                &mut canvas,
                &regular,
                size,
                line,
                center,
                baseline,
                size * BYLINE_TRACKING,
                GOLD,
            );
            baseline += size * 1.3;
        }
    }
    if let Some(publisher) = &metadata.publisher {
        let (size, lines) = fit_lines(&italic, publisher, 48.0, 0.0, 1000.0, 1);
        if let Some(line) = lines.first() {
            draw_line(&mut canvas, &italic, size, line, center, 2370.0, 0.0, CREAM);
        }
    }
    let mut data = Vec::new();
    canvas
        .write_with_encoder(PngEncoder::new_with_quality(
            &mut data,
            CompressionType::Default,
            FilterType::Adaptive,
        ))
        .map_err(|source| RenderError::CoverEncode { source })?;
    Ok(CoverImage {
        data,
        media_type: "image/png",
    })
}

/// Width of `text` set in `font` at `size` px with `tracking` px between letters.
fn measure(font: &FontRef, size: f32, text: &str, tracking: f32) -> f32 {
    let scaled = font.as_scaled(PxScale::from(size));
    let mut width = 0.0;
    let mut previous = None;
    for c in text.chars() {
        let glyph = font.glyph_id(c);
        if let Some(previous) = previous {
            width += scaled.kern(previous, glyph) + tracking;
        }
        width += scaled.h_advance(glyph);
        previous = Some(glyph);
    }
    width
}

/// Breaks `text` into at most `max_lines` lines no wider than `width`,
/// shrinking the type from `size` until it fits; `tracking` is the letter
/// spacing in ems.
fn fit_lines(
    font: &FontRef,
    text: &str,
    size: f32,
    tracking: f32,
    width: f32,
    max_lines: usize,
) -> (f32, Vec<String>) {
    let mut size = size;
    loop {
        let mut lines: Vec<String> = Vec::new();
        for word in text.split_whitespace() {
            let candidate = match lines.last() {
                Some(last) => format!("{last} {word}"),
                None => word.to_owned(),
            };
            match lines.last_mut() {
                Some(last) if measure(font, size, &candidate, size * tracking) <= width => {
                    *last = candidate
                }
                _ => lines.push(word.to_owned()),
            }
        }
        let fits = lines.len() <= max_lines
            && lines
                .iter()
                .all(|l| measure(font, size, l, size * tracking) <= width);
        if fits || size < 24.0 {
            return (size, lines);
        }
        size *= 0.92;
    }
}

/// Draws one line centred on `center`, its baseline at `baseline`.
#[allow(clippy::too_many_arguments)]
fn draw_line(
    canvas: &mut RgbImage,
    font: &FontRef,
    size: f32,
    text: &str,
    center: f32,
    baseline: f32,
    tracking: f32,
    colour: [u8; 3],
) {
    let scale = PxScale::from(size);
    let scaled = font.as_scaled(scale);
    let mut x = center - measure(font, size, text, tracking) / 2.0;
    let mut previous = None;
    for c in text.chars() {
        let glyph = font.glyph_id(c);
        if let Some(previous) = previous {
            x += scaled.kern(previous, glyph) + tracking;
        }
        if let Some(outline) =
            font.outline_glyph(glyph.with_scale_and_position(scale, point(x, baseline)))
        {
            let bounds = outline.px_bounds();
            outline.draw(|gx, gy, coverage| {
                let px = bounds.min.x as i64 + i64::from(gx);
                let py = bounds.min.y as i64 + i64::from(gy);
                blend(canvas, px, py, colour, coverage);
            });
        }
        x += scaled.h_advance(glyph);
        previous = Some(glyph);
    }
}

fn blend(canvas: &mut RgbImage, x: i64, y: i64, colour: [u8; 3], coverage: f32) {
    let (Ok(x), Ok(y)) = (u32::try_from(x), u32::try_from(y)) else {
        return;
    };
    if x >= canvas.width() || y >= canvas.height() {
        return;
    }
    let coverage = coverage.clamp(0.0, 1.0);
    let pixel = canvas.get_pixel_mut(x, y);
    for (channel, target) in pixel.0.iter_mut().zip(colour) {
        let mixed = f32::from(*channel) * (1.0 - coverage) + f32::from(target) * coverage;
        *channel = mixed.round() as u8;
    }
}

/// A rectangular rule `inset` px inside the edge, `stroke` px thick.
fn frame(canvas: &mut RgbImage, inset: u32, stroke: u32) {
    let (w, h) = canvas.dimensions();
    for y in inset..h - inset {
        for x in inset..w - inset {
            let inside = x >= inset + stroke
                && x < w - inset - stroke
                && y >= inset + stroke
                && y < h - inset - stroke;
            if !inside {
                canvas.put_pixel(x, y, Rgb(GOLD));
            }
        }
    }
}

/// A rule with a diamond at its centre.
fn ornament(canvas: &mut RgbImage, center: f32, y: f32) {
    let radius = 22.0;
    for py in (y - radius - 2.0) as i64..=(y + radius + 2.0) as i64 {
        for px in (center - 260.0) as i64..=(center + 260.0) as i64 {
            let (dx, dy) = (px as f32 + 0.5 - center, py as f32 + 0.5 - y);
            let diamond = (radius - dx.abs() - dy.abs() + 0.5).clamp(0.0, 1.0);
            let rule = if dx.abs() > radius + 14.0 {
                (2.5 - dy.abs()).clamp(0.0, 1.0)
            } else {
                0.0
            };
            blend(canvas, px, py, GOLD, diamond.max(rule));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typographic_cover_is_a_deterministic_full_size_png() {
        let book = crate::epub::tests::book();
        let first = typographic(&book.metadata, &book.matter.byline).expect("cover");
        let image = image::load_from_memory(&first.data).expect("valid png");
        assert_eq!((image.width(), image.height()), (MAX_WIDTH, MAX_HEIGHT));
        assert_eq!(
            first.data,
            typographic(&book.metadata, &book.matter.byline)
                .expect("cover")
                .data
        );
    }

    #[test]
    fn fitted_lines_stay_within_their_width_letter_spacing_included() {
        let font = FontRef::try_from_slice(face(Style::Regular).data).expect("font");
        let text = "ZOË O’BRIEN & ANA <NG> AND SECOND AUTHOR";
        let (size, lines) = fit_lines(&font, text, 76.0, BYLINE_TRACKING, 1200.0, 3);
        assert!(lines.len() > 1);
        for line in lines {
            assert!(
                measure(&font, size, &line, size * BYLINE_TRACKING) <= 1200.0,
                "{line}"
            );
        }
    }

    #[test]
    fn large_covers_are_scaled_to_fit_keeping_their_aspect_ratio() {
        let big = RgbImage::from_pixel(3200, 3200, Rgb([10, 20, 30]));
        let mut data = Vec::new();
        big.write_with_encoder(PngEncoder::new(&mut data))
            .expect("encode");
        let asset = ImageAsset {
            media_type: "image/png".into(),
            width: 3200,
            height: 3200,
            data,
        };
        let fitted = fit("big.png", &asset).expect("fits");
        let image = image::load_from_memory(&fitted.data).expect("valid png");
        assert_eq!((image.width(), image.height()), (1600, 1600));
    }

    #[test]
    fn a_cover_that_fits_is_embedded_byte_for_byte() {
        let small = RgbImage::from_pixel(160, 256, Rgb([1, 2, 3]));
        let mut data = Vec::new();
        small
            .write_with_encoder(JpegEncoder::new_with_quality(&mut data, 80))
            .expect("encode");
        let asset = ImageAsset {
            media_type: "image/jpeg".into(),
            width: 160,
            height: 256,
            data: data.clone(),
        };
        let fitted = fit("small.jpg", &asset).expect("fits");
        assert_eq!(fitted.media_type, "image/jpeg");
        assert_eq!(fitted.data, data);
    }

    #[test]
    fn a_cover_that_is_not_an_image_is_an_error() {
        let asset = ImageAsset {
            media_type: "image/png".into(),
            width: 1,
            height: 1,
            data: b"nope".to_vec(),
        };
        assert!(fit("x.png", &asset).is_err());
    }

    /// Writes the sample's cover from its own `book.toml`:
    /// `cargo test --lib -- --ignored write_sample_cover`.
    #[test]
    #[ignore = "writes covers/battle-of-callinicum.png"]
    fn write_sample_cover() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut book = crate::load(&root.join("manuscript"))
            .expect("the sample loads")
            .book;
        book.metadata.cover = None;
        let cover = typographic(&book.metadata, &book.matter.byline).expect("cover");
        std::fs::create_dir_all(root.join("covers")).expect("covers/");
        std::fs::write(root.join("covers/battle-of-callinicum.png"), cover.data)
            .expect("write cover");
    }
}
