//! Page content streams: glyph runs (glyphs named by their ids in the
//! shipped fonts, see [`super::faces`]), rules and images, with numbers
//! rounded to thousandths, and their compression.

use super::faces::Faces;
use crate::layout::document::{Item, Page};
use crate::{Error, Result};
use flate2::{Compress, Compression, FlushCompress, Status};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// A string as UTF-16BE hex digits.
pub(super) fn utf16_hex(text: &str) -> String {
    text.encode_utf16().fold(String::new(), |mut s, u| {
        let _ = write!(s, "{u:04X}");
        s
    })
}

/// The content stream of a page.
pub(super) fn page_content(
    page: &Page,
    faces: &Faces,
    images: &BTreeMap<String, String>,
) -> Vec<u8> {
    let h = page.height;
    let mut out = String::new();
    for item in &page.items {
        match item {
            Item::Text(run) => {
                let Some(font) = faces.get(run.style) else {
                    continue;
                };
                let _ = write!(out, "BT /{} ", font.resource);
                put_num(&mut out, run.size);
                out.push_str(" Tf 1 0 0 1 ");
                put_num(&mut out, run.x);
                out.push(' ');
                put_num(&mut out, h - run.baseline);
                out.push_str(" Tm [");
                let mut pen = 0.0f32;
                for (glyph, text) in run.glyph_texts() {
                    let gap = glyph.x - pen;
                    if gap.abs() > 0.001 {
                        put_num(&mut out, -gap * 1000.0 / run.size);
                    }
                    let Some(&width) = font.widths.get(usize::from(glyph.id)) else {
                        continue;
                    };
                    if text != font.text(glyph.id) {
                        out.push_str("] TJ /Span << /ActualText <FEFF");
                        out.push_str(&utf16_hex(text));
                        out.push_str("> >> BDC [");
                        put_hex(&mut out, glyph.id);
                        out.push_str("] TJ EMC [");
                    } else {
                        put_hex(&mut out, glyph.id);
                    }
                    pen = glyph.x + width * run.size / 1000.0;
                }
                out.push_str("] TJ ET\n");
            }
            Item::Rule {
                from,
                to,
                thickness,
            } => {
                let _ = writeln!(
                    out,
                    "{} w 0 J {} {} m {} {} l S",
                    num(*thickness),
                    num(from.0),
                    num(h - from.1),
                    num(to.0),
                    num(h - to.1)
                );
            }
            Item::Image { key, alt, rect } => {
                if let Some(name) = images.get(key) {
                    // The alternative text travels with the drawing.
                    let _ = writeln!(
                        out,
                        "/Span << /Alt <FEFF{}> >> BDC q {} 0 0 {} {} {} cm /{name} Do Q EMC",
                        utf16_hex(alt),
                        num(rect.width),
                        num(rect.height),
                        num(rect.x),
                        num(h - rect.y - rect.height)
                    );
                }
            }
        }
    }
    out.into_bytes()
}

/// A number for a content stream: at most three decimals, no trailing zeros.
fn num(value: f32) -> String {
    let mut out = String::new();
    put_num(&mut out, value);
    out
}

/// Appends [`num`]'s form of `value` (without going through float formatting,
/// which dominates the writer's time otherwise).
fn put_num(out: &mut String, value: f32) {
    let milli = (f64::from(value) * 1000.0).round() as i64;
    if milli < 0 {
        out.push('-');
    }
    let (whole, mut fraction) = (milli.unsigned_abs() / 1000, milli.unsigned_abs() % 1000);
    let _ = write!(out, "{whole}");
    if fraction != 0 {
        out.push('.');
        let mut divisor = 100;
        while fraction != 0 {
            out.push(char::from(b'0' + (fraction / divisor) as u8));
            fraction %= divisor;
            divisor /= 10;
        }
    }
}

/// Appends a glyph code as a four-digit hex string.
fn put_hex(out: &mut String, code: u16) {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    out.push('<');
    for shift in [12, 8, 4, 0] {
        out.push(char::from(DIGITS[usize::from((code >> shift) & 0xF)]));
    }
    out.push('>');
}

/// Flate-compresses a stream's data. One compressor is reused: setting one
/// up costs more than compressing a page.
pub(super) fn compressed(data: &[u8]) -> Result<Vec<u8>> {
    thread_local! {
        static DEFLATE: RefCell<Compress> = RefCell::new(Compress::new(Compression::new(3), true));
    }
    DEFLATE.with(|deflate| {
        let mut deflate = deflate.borrow_mut();
        deflate.reset();
        let mut out = Vec::with_capacity(data.len() / 2 + 256);
        loop {
            let consumed = usize::try_from(deflate.total_in())
                .unwrap_or(data.len())
                .min(data.len());
            match deflate.compress_vec(&data[consumed..], &mut out, FlushCompress::Finish) {
                Ok(Status::StreamEnd) => return Ok(out),
                Ok(_) => out.reserve(out.capacity().max(1024)),
                Err(e) => return Err(Error::render(format!("cannot compress a PDF stream: {e}"))),
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short() {
        assert_eq!(num(1.0), "1");
        assert_eq!(num(-0.0001), "0");
        assert_eq!(num(12.3456), "12.346");
    }
}
