//! The typographic cover: the design quire draws for a book that declares
//! no cover image — title, ornament, subtitle, byline and publisher in the
//! shipped faces, gold and cream on deep red — at any size. The EPUB
//! embeds it at 1600 × 2560 px; the print cover (`quire cover`) draws it
//! at 300 dpi on its front panel. Neither back end draws it itself.

use crate::error::RenderError;
use crate::fonts::{face, Style};
use crate::model::Metadata;
use crate::{Error, Result};
use ab_glyph::{point, Font, FontRef, PxScale, ScaleFont};
use image::{Rgb, RgbImage};

/// The cover's ground: a deep red.
pub const BACKGROUND: [u8; 3] = [0x3a, 0x16, 0x1c];
/// Its rules, ornament and byline.
pub const GOLD: [u8; 3] = [0xc9, 0xa4, 0x5c];
/// Its title and subtitle.
pub const CREAM: [u8; 3] = [0xf4, 0xea, 0xd5];
/// The height the design is drawn for, in pixels; other heights scale it.
const DESIGN_HEIGHT: f32 = 2560.0;
/// The width the text measures are drawn for; other widths scale them.
const DESIGN_WIDTH: f32 = 1600.0;
/// Letter spacing of the capitals of the byline, in ems.
const BYLINE_TRACKING: f32 = 0.12;

/// Draws the cover from title, subtitle, authors and publisher on a
/// `width` × `height` pixel canvas (the EPUB's is 1600 × 2560; the print
/// cover's is its front panel at 300 dpi): the same design at any size.
pub fn typographic(metadata: &Metadata, byline: &str, width: u32, height: u32) -> Result<RgbImage> {
    let font = |style| {
        FontRef::try_from_slice(face(style).data()).map_err(|e| {
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
    let mut canvas = RgbImage::from_pixel(width, height, Rgb(BACKGROUND));
    // Vertical places and type sizes scale with the height, measures with
    // the width.
    let k = height as f32 / DESIGN_HEIGHT;
    let kx = width as f32 / DESIGN_WIDTH;
    let px = |v: f32| (v * k).round() as u32;
    frame(&mut canvas, px(70.0), px(8.0));
    frame(&mut canvas, px(98.0), px(3.0));

    let center = width as f32 / 2.0;
    let fit = |font: &FontRef, text: &str, size: f32, tracking: f32, measure: f32, lines: usize| {
        fit_lines(font, text, size * k, tracking, measure * kx, lines, k)
    };
    let (size, lines) = fit(&bold, &metadata.title, 190.0, 0.0, 1240.0, 4);
    let mut baseline = 640.0 * k + size * 0.75;
    for line in &lines {
        draw_line(&mut canvas, &bold, size, line, center, baseline, 0.0, CREAM);
        baseline += size * 1.05;
    }
    let ornament_y = baseline - size * 0.55 + 70.0 * k;
    ornament(&mut canvas, center, ornament_y, k);
    if let Some(subtitle) = &metadata.subtitle {
        let (size, lines) = fit(&italic, subtitle, 84.0, 0.0, 1180.0, 4);
        let mut baseline = ornament_y + 90.0 * k + size;
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
        let (size, lines) = fit(&regular, &byline, 76.0, BYLINE_TRACKING, 1200.0, 3);
        let mut baseline = 2150.0 * k - (lines.len() as f32 - 1.0) * size * 1.3;
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
        let (size, lines) = fit(&italic, publisher, 48.0, 0.0, 1000.0, 1);
        if let Some(line) = lines.first() {
            draw_line(
                &mut canvas,
                &italic,
                size,
                line,
                center,
                2370.0 * k,
                0.0,
                CREAM,
            );
        }
    }
    Ok(canvas)
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
/// shrinking the type from `size` until it fits (or reaches 24 px × `k`);
/// `tracking` is the letter spacing in ems.
fn fit_lines(
    font: &FontRef,
    text: &str,
    size: f32,
    tracking: f32,
    width: f32,
    max_lines: usize,
    k: f32,
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
        if fits || size < 24.0 * k {
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

/// A rectangular rule `inset` px inside the edge, `stroke` px thick: its
/// top and bottom bars whole, and the two sides' pixels on the rows
/// between (not a test of every pixel of the canvas).
fn frame(canvas: &mut RgbImage, inset: u32, stroke: u32) {
    let (w, h) = canvas.dimensions();
    let (left, right) = (inset..inset + stroke, w - inset - stroke..w - inset);
    for y in inset..h - inset {
        if y < inset + stroke || y >= h - inset - stroke {
            for x in inset..w - inset {
                canvas.put_pixel(x, y, Rgb(GOLD));
            }
        } else {
            for x in left.clone().chain(right.clone()) {
                canvas.put_pixel(x, y, Rgb(GOLD));
            }
        }
    }
}

/// A rule with a diamond at its centre, `k` times the design's size.
fn ornament(canvas: &mut RgbImage, center: f32, y: f32, k: f32) {
    let radius = 22.0 * k;
    for py in (y - radius - 2.0 * k) as i64..=(y + radius + 2.0 * k) as i64 {
        for px in (center - 260.0 * k) as i64..=(center + 260.0 * k) as i64 {
            let (dx, dy) = (px as f32 + 0.5 - center, py as f32 + 0.5 - y);
            let diamond = (radius - dx.abs() - dy.abs() + 0.5).clamp(0.0, 1.0);
            let rule = if dx.abs() > radius + 14.0 * k {
                (2.5 * k - dy.abs()).clamp(0.0, 1.0)
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
    fn fitted_lines_stay_within_their_width_letter_spacing_included() {
        let font = FontRef::try_from_slice(face(Style::Regular).data()).expect("font");
        let text = "ZOË O’BRIEN & ANA <NG> AND SECOND AUTHOR";
        let (size, lines) = fit_lines(&font, text, 76.0, BYLINE_TRACKING, 1200.0, 3, 1.0);
        assert!(lines.len() > 1);
        for line in lines {
            assert!(
                measure(&font, size, &line, size * BYLINE_TRACKING) <= 1200.0,
                "{line}"
            );
        }
    }

    #[test]
    fn the_design_scales_to_any_size() {
        let book = crate::epub::tests::book();
        let small = typographic(&book.metadata, &book.matter.byline, 400, 640).unwrap();
        assert_eq!(small.dimensions(), (400, 640));
        // The ground at a corner, gold in the frame, cream in the title.
        assert_eq!(small.get_pixel(2, 2).0, BACKGROUND);
        assert_eq!(small.get_pixel(19, 320).0, GOLD);
        assert!(small.pixels().any(|p| p.0 == CREAM));
    }
}
