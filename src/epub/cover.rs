//! The cover image: the book's own, checked and fitted to 1600×2560 px,
//! or, when the book declares none, a typographic cover drawn with the
//! shipped typefaces.

use crate::error::RenderError;
use crate::model::{Book, ImageAsset, Metadata};
use crate::{Error, Result};
use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::{ImageFormat, ImageReader};
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

/// The typographic cover ([`crate::cover`]) at the EPUB's size, as a PNG.
pub fn typographic(metadata: &Metadata, byline: &str) -> Result<CoverImage> {
    let canvas = crate::cover::typographic(metadata, byline, MAX_WIDTH, MAX_HEIGHT)?;
    let mut data = Vec::new();
    // Fast (fdeflate) compression: the sample's drawn cover in 7 ms instead
    // of 95 ms with zlib's default level, for a file of 149 KB instead of
    // 87 KB. The rows are filtered adaptively either way.
    canvas
        .write_with_encoder(PngEncoder::new(&mut data))
        .map_err(|source| RenderError::CoverEncode { source })?;
    Ok(CoverImage {
        data,
        media_type: "image/png",
    })
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

#[cfg(test)]
mod tests {
    use super::*;
    use image::{Rgb, RgbImage};

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
