//! The images the pages draw, each embedded once as an XObject: a picture
//! as an image XObject (a plain JPEG as it came, anything else as
//! Flate-compressed samples with its transparency as a soft mask), an SVG
//! as a form XObject of vectors ([`super::svg`]). Both are one point square,
//! so a page draws either the same way: `q w 0 0 h x y cm /ImN Do Q`.

use super::content::compressed;
use crate::error::RenderError;
use crate::model::{Book, ImageAsset};
use crate::{Error, Result};
use pdf_writer::{Filter, Finish, Pdf, Ref};
use std::collections::{BTreeMap, BTreeSet};

/// Every image's resource name, by key: `Im1`, `Im2` … in the order of
/// the keys, so that a page can name an image before it is embedded.
pub fn names(book: &Book) -> BTreeMap<String, String> {
    book.images
        .keys()
        .enumerate()
        .map(|(n, key)| (key.clone(), format!("Im{}", n + 1)))
        .collect()
}

/// Embeds the images `used` (by key) once each; returns, by image key, its
/// resource name (from `names`) and object. `next` hands out object
/// numbers.
pub fn embed(
    pdf: &mut Pdf,
    next: &mut dyn FnMut() -> Ref,
    book: &Book,
    used: &BTreeSet<String>,
    names: &BTreeMap<String, String>,
) -> Result<BTreeMap<String, (String, Ref)>> {
    let mut out = BTreeMap::new();
    for key in used {
        let (Some(asset), Some(name)) = (book.images.get(key), names.get(key)) else {
            continue;
        };
        let id = if asset.is_svg() {
            super::svg::embed(pdf, next, key, &asset.data)
        } else {
            picture(pdf, next, key, asset)
        }
        .map_err(|error| at_first_use(book, key, error))?;
        out.insert(key.clone(), (name.clone(), id));
    }
    Ok(out)
}

/// `error`, about the image `key`, placed where the book first uses the
/// image (its chapter and line) when it has no place of its own.
fn at_first_use(book: &Book, key: &str, mut error: Error) -> Error {
    if error.location.is_none() {
        error.location = book.image_uses.get(key).cloned().map(Box::new);
    }
    error
}

/// Embeds a PNG or JPEG as an image XObject.
fn picture(
    pdf: &mut Pdf,
    next: &mut dyn FnMut() -> Ref,
    key: &str,
    asset: &ImageAsset,
) -> Result<Ref> {
    let decoded =
        image::load_from_memory(&asset.data).map_err(|source| RenderError::ImageDecode {
            path: key.to_string(),
            source,
        })?;
    let (width, height) = (
        i32::try_from(decoded.width()).unwrap_or(i32::MAX),
        i32::try_from(decoded.height()).unwrap_or(i32::MAX),
    );
    let gray = matches!(
        decoded.color(),
        image::ColorType::L8
            | image::ColorType::L16
            | image::ColorType::La8
            | image::ColorType::La16
    );
    let plain_jpeg = asset.media_type == "image/jpeg"
        && matches!(
            decoded.color(),
            image::ColorType::L8 | image::ColorType::Rgb8
        );
    let mask = if !plain_jpeg && decoded.color().has_alpha() {
        let alpha: Vec<u8> = decoded.to_luma_alpha8().pixels().map(|p| p.0[1]).collect();
        let mask_id = next();
        let alpha = compressed(&alpha)?;
        let mut mask = pdf.image_xobject(mask_id, &alpha);
        mask.width(width)
            .height(height)
            .bits_per_component(8)
            .filter(Filter::FlateDecode);
        mask.color_space().device_gray();
        mask.finish();
        Some(mask_id)
    } else {
        None
    };
    // Print wants the photograph as it came: no second lossy pass.
    let (data, filter) = if plain_jpeg {
        (asset.data.clone(), Filter::DctDecode)
    } else {
        let samples = if gray {
            decoded.to_luma8().into_raw()
        } else {
            decoded.to_rgb8().into_raw()
        };
        (compressed(&samples)?, Filter::FlateDecode)
    };
    let image_id = next();
    let mut image = pdf.image_xobject(image_id, &data);
    image
        .width(width)
        .height(height)
        .bits_per_component(8)
        .filter(filter);
    if let Some(mask_id) = mask {
        image.s_mask(mask_id);
    }
    if gray {
        image.color_space().device_gray();
    } else {
        image.color_space().device_rgb();
    }
    image.finish();
    Ok(image_id)
}
