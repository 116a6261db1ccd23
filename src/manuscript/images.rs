//! Reading one image file of the manuscript into an [`ImageAsset`] that
//! every back end can embed: PNG and JPEG as they are; GIF and WebP
//! converted to PNG (the first frame of an animation); SVG checked and
//! written again by usvg, with nothing in it that refers outside it.
//!
//! What an SVG may not do: usvg never fetches anything remote, and quire
//! also refuses what usvg would read by default — `<image>` elements are
//! never resolved (neither a file beside the SVG nor a `data:` URL; each is
//! left out with a warning), and the only fonts its text can use are the
//! faces quire ships (Charis SIL for every family but `monospace`, Noto Sans
//! Mono for that), so no system font changes the drawing. The text is turned
//! into paths when the SVG is written again, so both books draw the same
//! shapes on every reader.

use crate::fonts::{face, Style};
use crate::model::{ImageAsset, SVG};
use std::sync::{Arc, Mutex, OnceLock};
use svg2pdf::usvg;

use super::MAX_IMAGE_PIXELS;

/// An image read, with what the author should know about it.
#[derive(Debug)]
pub(super) struct Read {
    /// The image, ready to embed.
    pub(super) asset: ImageAsset,
    /// Problems that do not stop the build (an animation's later frames, an
    /// SVG's `<image>` left out).
    pub(super) warnings: Vec<String>,
}

/// Reads and checks an image from its bytes: a PNG or JPEG, in RGB or
/// greyscale, that is whole ([`whole`]: kept as it came, never decoded
/// here); a GIF or WebP that decodes completely (it becomes a PNG); each
/// within [`MAX_IMAGE_PIXELS`] (checked from its header, before anything
/// else); or an SVG that usvg reads.
pub(super) fn read(data: Vec<u8>, name: &str) -> Result<Read, String> {
    if looks_like_svg(&data, name) {
        return read_svg(&data);
    }
    use image::ImageDecoder;
    let mut reader = image::ImageReader::new(std::io::Cursor::new(&data))
        .with_guessed_format()
        .map_err(|e| e.to_string())?;
    let format = reader.format();
    let media_type = match format {
        Some(image::ImageFormat::Png) => "image/png",
        Some(image::ImageFormat::Jpeg) => "image/jpeg",
        Some(image::ImageFormat::Gif | image::ImageFormat::WebP) => "",
        _ => return Err("not a PNG, JPEG, GIF, WebP or SVG file".into()),
    };
    if media_type == "image/jpeg" && jpeg_components(&data) == Some(4) {
        return Err(
            "a CMYK JPEG, which e-readers and the PDF's colour space do not take: save it as RGB"
                .into(),
        );
    }
    // The header alone, so that a huge image is refused before any allocation.
    reader.no_limits();
    let mut decoder = reader
        .into_decoder()
        .map_err(|e| format!("unreadable image: {e}"))?;
    let (width, height) = decoder.dimensions();
    if u64::from(width) * u64::from(height) > MAX_IMAGE_PIXELS {
        return Err(format!(
            "{width} × {height} pixels is more than the {} megapixels quire accepts: scale it down",
            MAX_IMAGE_PIXELS / 1_000_000
        ));
    }
    if !media_type.is_empty() {
        // Both books embed a PNG or JPEG as it came: checking that the file
        // is whole is enough here, and costs nothing next to decoding every
        // pixel (a 1600 × 2560 cover: 110 M instructions). The PDF decodes
        // the pixels it draws.
        whole(&data, media_type)
            .map_err(|problem| format!("the image cannot be decoded: {problem}"))?;
        drop(decoder);
        let asset = ImageAsset {
            media_type: media_type.to_string(),
            width,
            height,
            data,
        };
        return Ok(Read {
            asset,
            warnings: Vec::new(),
        });
    }
    // GIF and WebP are not EPUB core media types: both books get a PNG.
    decoder
        .set_limits(image::Limits::default())
        .map_err(|e| format!("unreadable image: {e}"))?;
    let decoded = image::DynamicImage::from_decoder(decoder)
        .map_err(|e| format!("the image cannot be decoded: {e}"))?;
    let mut warnings = Vec::new();
    if is_animated(&data, format) {
        warnings.push(
            "an animation: the books show its first frame only (a printed page cannot move)".into(),
        );
    }
    Ok(Read {
        asset: ImageAsset {
            media_type: "image/png".into(),
            width,
            height,
            data: png(&decoded)?,
        },
        warnings,
    })
}

/// Whether a GIF or WebP file has more than one frame.
fn is_animated(data: &[u8], format: Option<image::ImageFormat>) -> bool {
    use image::AnimationDecoder;
    let cursor = std::io::Cursor::new(data);
    match format {
        Some(image::ImageFormat::Gif) => image::codecs::gif::GifDecoder::new(cursor)
            .map(|d| d.into_frames().take(2).count() > 1)
            .unwrap_or(false),
        Some(image::ImageFormat::WebP) => image::codecs::webp::WebPDecoder::new(cursor)
            .map(|d| d.has_animation())
            .unwrap_or(false),
        _ => false,
    }
}

/// A decoded image as a PNG file, keeping its greyness and its
/// transparency (when some pixel is not opaque).
fn png(image: &image::DynamicImage) -> Result<Vec<u8>, String> {
    let alpha = image.color().has_alpha() && image.to_rgba8().pixels().any(|p| p.0[3] < 255);
    let image = match (alpha, image.color().has_color()) {
        (true, true) => image::DynamicImage::ImageRgba8(image.to_rgba8()),
        (true, false) => image::DynamicImage::ImageLumaA8(image.to_luma_alpha8()),
        (false, true) => image::DynamicImage::ImageRgb8(image.to_rgb8()),
        (false, false) => image::DynamicImage::ImageLuma8(image.to_luma8()),
    };
    let mut out = Vec::new();
    image
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .map_err(|e| format!("the image cannot be converted to PNG: {e}"))?;
    Ok(out)
}

/// Whether a file is an SVG: named `.svg`, or XML text that opens an
/// `<svg` element early on.
fn looks_like_svg(data: &[u8], name: &str) -> bool {
    if name.to_ascii_lowercase().ends_with(".svg") {
        return true;
    }
    let head = String::from_utf8_lossy(&data[..data.len().min(1024)]);
    let head = head.trim_start_matches('\u{feff}').trim_start();
    (head.starts_with("<?xml") || head.starts_with("<svg") || head.starts_with("<!DOCTYPE svg"))
        && head.contains("<svg")
}

/// Parses an SVG with [`options`], then writes it again: plain SVG with
/// its text as paths, no script, no `<image>`, nothing external.
fn read_svg(data: &[u8]) -> Result<Read, String> {
    let skipped = Arc::new(Mutex::new(Vec::new()));
    let tree = parse_svg(data, Some(Arc::clone(&skipped)))
        .map_err(|e| format!("not a usable SVG: {e}"))?;
    let size = tree.size();
    let (width, height) = (size.width().ceil(), size.height().ceil());
    // A drawing of more than 50 megapixels' worth of CSS pixels is a sign
    // of a broken size, and the back ends scale it anyway.
    if f64::from(width) * f64::from(height) > MAX_IMAGE_PIXELS as f64 {
        return Err(format!(
            "its size, {width} × {height} CSS pixels, is more than the {} megapixels quire accepts: give the <svg> a smaller width and height (its viewBox keeps the drawing)",
            MAX_IMAGE_PIXELS / 1_000_000
        ));
    }
    if !tree.root().has_children() {
        return Err("the SVG draws nothing quire can show".into());
    }
    let written = tree.to_string(&usvg::WriteOptions::default());
    let warnings = skipped
        .lock()
        .map(|hrefs| {
            hrefs
                .iter()
                .map(|href: &String| format!("the SVG's <image> `{href}` is left out: quire reads nothing an SVG refers to (draw it in the SVG, or use the picture as an image of its own)"))
                .collect()
        })
        .unwrap_or_default();
    Ok(Read {
        asset: ImageAsset {
            media_type: SVG.into(),
            width: width.max(1.0) as u32,
            height: height.max(1.0) as u32,
            data: written.into_bytes(),
        },
        warnings,
    })
}

/// Parses SVG bytes with [`options`]; each `<image>` href it leaves out is
/// added to `skipped`.
pub(crate) fn parse_svg(
    data: &[u8],
    skipped: Option<Arc<Mutex<Vec<String>>>>,
) -> Result<usvg::Tree, usvg::Error> {
    let mut options = options();
    let record = move |href: String| {
        if let Some(skipped) = &skipped {
            if let Ok(mut list) = skipped.lock() {
                let mut href: String = href.chars().take(60).collect();
                if href.starts_with("data:") {
                    href = href.split([',', ';']).next().unwrap_or("data:").to_string() + ",…";
                }
                list.push(href);
            }
        }
    };
    let record = Arc::new(record);
    let (on_data, on_string) = (Arc::clone(&record), record);
    options.image_href_resolver = usvg::ImageHrefResolver {
        resolve_data: Box::new(move |mime, _, _| {
            on_data(format!("data:{mime}"));
            None
        }),
        resolve_string: Box::new(move |href, _| {
            on_string(href.to_string());
            None
        }),
    };
    usvg::Tree::from_data(data, &options)
}

/// usvg's options for quire: no resources folder, no `<image>` resolved
/// (see [`parse_svg`]), and the shipped faces as the only fonts.
fn options() -> usvg::Options<'static> {
    usvg::Options {
        resources_dir: None,
        font_family: face(Style::Regular).family.to_string(),
        fontdb: Arc::clone(fonts()),
        ..usvg::Options::default()
    }
}

/// The font database SVG text is set with: the shipped faces only.
fn fonts() -> &'static Arc<usvg::fontdb::Database> {
    static FONTS: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    FONTS.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        for style in Style::ALL {
            db.load_font_source(usvg::fontdb::Source::Binary(Arc::new(face(style).data())));
        }
        let serif = face(Style::Regular).family;
        db.set_serif_family(serif);
        db.set_sans_serif_family(serif);
        db.set_cursive_family(serif);
        db.set_fantasy_family(serif);
        db.set_monospace_family(face(Style::Mono).family);
        Arc::new(db)
    })
}

/// Whether a PNG or JPEG file is whole: a PNG's chunks each with the
/// right CRC, from `IHDR` through at least one `IDAT` to `IEND`; a JPEG's
/// segments through the start of its scan, and an end-of-image marker
/// after that. A file cut short or with damaged bytes fails; what it does
/// not prove is that the compressed pixels themselves decode.
fn whole(data: &[u8], media_type: &str) -> Result<(), &'static str> {
    if media_type == "image/png" {
        png_whole(data)
    } else {
        jpeg_whole(data)
    }
}

/// [`whole`] for a PNG.
fn png_whole(data: &[u8]) -> Result<(), &'static str> {
    let mut rest = data.get(8..).ok_or("it is cut short")?;
    let mut pixels = false;
    let mut first = true;
    loop {
        let (length, after) = rest.split_first_chunk::<4>().ok_or("it is cut short")?;
        let length =
            usize::try_from(u32::from_be_bytes(*length)).map_err(|_| "a chunk too long")?;
        let (kind_and_data, after) = after
            .split_at_checked(4 + length)
            .ok_or("it is cut short")?;
        let (crc, after) = after.split_first_chunk::<4>().ok_or("it is cut short")?;
        if crc32fast::hash(kind_and_data) != u32::from_be_bytes(*crc) {
            return Err("a chunk is damaged (its CRC is wrong)");
        }
        let kind = &kind_and_data[..4];
        if first && kind != b"IHDR" {
            return Err("it does not start with its header");
        }
        first = false;
        pixels |= kind == b"IDAT";
        if kind == b"IEND" {
            return if pixels {
                Ok(())
            } else {
                Err("it has no pixels")
            };
        }
        rest = after;
    }
}

/// [`whole`] for a JPEG.
fn jpeg_whole(data: &[u8]) -> Result<(), &'static str> {
    let scan = segments(data)
        .find(|&(marker, _)| marker == 0xDA)
        .map(|(_, at)| at)
        .ok_or("it is cut short before its image data")?;
    if data[scan..].windows(2).any(|pair| pair == [0xFF, 0xD9]) {
        Ok(())
    } else {
        Err("it is cut short (no end-of-image marker)")
    }
}

/// The markers of a JPEG's segments up to its first scan (or the end of
/// what is readable), each with the offset just after the marker.
fn segments(data: &[u8]) -> impl Iterator<Item = (u8, usize)> + '_ {
    let mut i = 2; // after the start-of-image marker
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        while *data.get(i)? == 0xFF {
            i += 1;
        }
        let marker = *data.get(i)?;
        i += 1;
        let at = i;
        match marker {
            0x01 | 0xD0..=0xD8 => {}
            0xDA | 0xD9 => done = true,
            _ => {
                let length = usize::from(*data.get(i)?) << 8 | usize::from(*data.get(i + 1)?);
                i += length;
            }
        }
        Some((marker, at))
    })
}

/// The number of colour components of a JPEG (1 grey, 3 colour, 4 CMYK),
/// from its frame header; `None` if there is none before the image data.
fn jpeg_components(data: &[u8]) -> Option<u8> {
    segments(data).find_map(|(marker, at)| match marker {
        0xC4 | 0xC8 | 0xCC => None,
        0xC0..=0xCF => Some(data.get(at + 7).copied()),
        _ => None,
    })?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jpeg_components_come_from_the_frame_header() {
        // Start of image, an APP0 segment of 4 bytes, then SOF2 with 4 components.
        let cmyk = [
            0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0xAA, 0xBB, 0xFF, 0xC2, 0x00, 0x14, 8, 0, 1, 0, 1,
            4,
        ];
        assert_eq!(jpeg_components(&cmyk), Some(4));
        // The Huffman table marker (0xC4) is not a frame header; scan data ends the search.
        let no_frame = [0xFF, 0xD8, 0xFF, 0xC4, 0x00, 0x02, 0xFF, 0xDA, 0x00];
        assert_eq!(jpeg_components(&no_frame), None);
        assert_eq!(jpeg_components(&[0xFF, 0xD8, 0xFF, 0xE0, 0x00]), None);
    }

    const SHAPES: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60.5" viewBox="0 0 120 60">
<script>alert(1)</script>
<rect x="5" y="5" width="50" height="50" fill="#3a6" onclick="alert(2)"/>
<text x="60" y="40" font-family="sans-serif" font-size="20">Hi</text>
<image href="/etc/passwd.png" width="10" height="10"/>
</svg>"##;

    #[test]
    fn an_svg_is_written_again_without_script_text_or_outside_references() {
        let read = read(SHAPES.as_bytes().to_vec(), "a.svg").expect("svg");
        assert_eq!(read.asset.media_type, SVG);
        assert_eq!((read.asset.width, read.asset.height), (120, 61));
        let text = String::from_utf8(read.asset.data).unwrap();
        for gone in ["script", "alert", "onclick", "<text", "passwd", "<image"] {
            assert!(!text.contains(gone), "{gone} in {text}");
        }
        // The rectangle, and the two letters as outlines.
        assert!(text.matches("<path").count() >= 2, "{text}");
        assert_eq!(read.warnings.len(), 1, "{:?}", read.warnings);
        assert!(read.warnings[0].contains("`/etc/passwd.png` is left out"));
    }

    #[test]
    fn broken_svgs_are_errors_not_panics() {
        for bad in [
            "<svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"0\" height=\"10\"><rect width=\"1\" height=\"1\"/></svg>",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100000\" height=\"100000\"><rect width=\"1\" height=\"1\"/></svg>",
            "<!DOCTYPE svg [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\"><!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">]><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" height=\"1\"><text>&f;&f;&f;&f;&f;&f;&f;&f;</text></svg>",
            "\u{0}\u{1}<svg",
        ] {
            assert!(read(bad.as_bytes().to_vec(), "bad.svg").is_err(), "{bad}");
        }
    }

    /// A small image encoded as `format`.
    fn encoded(format: image::ImageFormat) -> Vec<u8> {
        let mut data = Vec::new();
        image::DynamicImage::ImageRgb8(image::RgbImage::from_fn(30, 20, |x, y| {
            image::Rgb([x as u8 * 8, y as u8 * 12, 90])
        }))
        .write_to(&mut std::io::Cursor::new(&mut data), format)
        .unwrap();
        data
    }

    #[test]
    fn a_png_or_jpeg_cut_short_or_damaged_is_refused_and_a_whole_one_kept_as_it_came() {
        for (format, name) in [
            (image::ImageFormat::Png, "a.png"),
            (image::ImageFormat::Jpeg, "a.jpg"),
        ] {
            let data = encoded(format);
            let kept = read(data.clone(), name).expect(name);
            assert_eq!(kept.asset.data, data);
            assert_eq!((kept.asset.width, kept.asset.height), (30, 20));
            let cut = read(data[..data.len() - 3].to_vec(), name).unwrap_err();
            assert!(
                cut.starts_with("the image cannot be decoded: it is cut short"),
                "{cut}"
            );
        }
        let mut png = encoded(image::ImageFormat::Png);
        let last = png.len() - 20; // inside the last IDAT
        png[last] ^= 1;
        let damaged = read(png, "a.png").unwrap_err();
        assert!(
            damaged.ends_with("a chunk is damaged (its CRC is wrong)"),
            "{damaged}"
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 96, ..Default::default() })]

        /// A PNG or JPEG cut short or with bytes changed is read or refused,
        /// never panics; what is read is kept byte for byte.
        #[test]
        fn damaged_pngs_and_jpegs_never_panic(
            jpeg in proptest::prelude::any::<bool>(),
            cut in 1usize..2000,
            changes in proptest::collection::vec((0usize..2000, proptest::prelude::any::<u8>()), 0..4),
        ) {
            let (format, name) = if jpeg {
                (image::ImageFormat::Jpeg, "d.jpg")
            } else {
                (image::ImageFormat::Png, "d.png")
            };
            let mut data = encoded(format);
            for (at, byte) in changes {
                let at = at % data.len();
                data[at] = byte;
            }
            data.truncate(cut);
            if let Ok(read) = read(data.clone(), name) {
                proptest::prop_assert_eq!(read.asset.data, data);
            }
        }
    }

    #[test]
    fn gif_and_webp_become_png_and_an_animation_warns() {
        use image::codecs::gif::{GifEncoder, Repeat};
        use image::{Delay, Frame, Rgba, RgbaImage};
        let frame = |c: u8| {
            Frame::from_parts(
                RgbaImage::from_pixel(4, 3, Rgba([c, 0, 0, 255])),
                0,
                0,
                Delay::from_numer_denom_ms(100, 1),
            )
        };
        let mut gif = Vec::new();
        {
            let mut encoder = GifEncoder::new(&mut gif);
            encoder.set_repeat(Repeat::Infinite).unwrap();
            encoder.encode_frames([frame(200), frame(10)]).unwrap();
        }
        let read_gif = read(gif, "a.gif").expect("gif");
        assert_eq!(read_gif.asset.media_type, "image/png");
        assert_eq!((read_gif.asset.width, read_gif.asset.height), (4, 3));
        let first = image::load_from_memory(&read_gif.asset.data).unwrap();
        assert_eq!(first.to_rgb8().get_pixel(0, 0).0, [200, 0, 0]);
        assert!(read_gif.warnings[0].contains("first frame"));

        let mut webp = Vec::new();
        image::DynamicImage::ImageRgb8(image::RgbImage::from_pixel(2, 5, image::Rgb([1, 2, 3])))
            .write_to(
                &mut std::io::Cursor::new(&mut webp),
                image::ImageFormat::WebP,
            )
            .unwrap();
        let read_webp = read(webp, "a.webp").expect("webp");
        assert_eq!(read_webp.asset.media_type, "image/png");
        assert_eq!((read_webp.asset.width, read_webp.asset.height), (2, 5));
        assert!(read_webp.warnings.is_empty());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 96, ..Default::default() })]

        /// An SVG cut short or with bytes changed reads or is refused,
        /// never panics; what reads is written back as an SVG.
        #[test]
        fn damaged_svgs_never_panic(
            cut in 0usize..400,
            changes in proptest::collection::vec((0usize..400, proptest::prelude::any::<u8>()), 0..6),
        ) {
            let mut data = SHAPES.as_bytes().to_vec();
            for (at, byte) in changes {
                let at = at % data.len();
                data[at] = byte;
            }
            data.truncate(cut.max(1));
            if let Ok(read) = read(data, "d.svg") {
                proptest::prop_assert!(read.asset.is_svg());
                proptest::prop_assert!(String::from_utf8(read.asset.data).unwrap().contains("<svg"));
            }
        }
    }

    #[test]
    fn other_files_are_refused_by_name() {
        let error = read(b"GIF87a".to_vec(), "x.gif").unwrap_err();
        assert!(
            error.contains("unreadable") || error.contains("decoded"),
            "{error}"
        );
        let error = read(b"hello".to_vec(), "x.txt").unwrap_err();
        assert!(
            error.contains("not a PNG, JPEG, GIF, WebP or SVG file"),
            "{error}"
        );
    }
}
