//! Deflate with a compressor reused per thread: setting one up (zeroing
//! its window and hash tables) costs more than compressing a page or a
//! chapter, so each thread keeps one per setting and resets it between
//! streams. The PDF's streams and the EPUB's ZIP entries both use it.

use flate2::{Compress, CompressError, Compression, FlushCompress, Status};
use std::cell::RefCell;

/// How a stream is deflated.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Setting {
    /// zlib's level, 0–9.
    pub level: u32,
    /// With the zlib header and checksum (PDF's FlateDecode), or raw
    /// deflate (a ZIP entry).
    pub zlib_header: bool,
}

/// `data` deflated as `setting` says. The same input and setting always
/// give the same bytes, whichever thread compresses them and whatever it
/// compressed before.
pub fn deflate(data: &[u8], setting: Setting) -> Result<Vec<u8>, CompressError> {
    thread_local! {
        static COMPRESSORS: RefCell<Vec<(Setting, Compress)>> = const { RefCell::new(Vec::new()) };
    }
    COMPRESSORS.with(|compressors| {
        let mut compressors = compressors.borrow_mut();
        let at = match compressors.iter().position(|(s, _)| *s == setting) {
            Some(at) => at,
            None => {
                let fresh = Compress::new(Compression::new(setting.level), setting.zlib_header);
                compressors.push((setting, fresh));
                compressors.len() - 1
            }
        };
        let deflate = &mut compressors[at].1;
        deflate.reset();
        let mut out = Vec::with_capacity(data.len() / 2 + 256);
        loop {
            let consumed = usize::try_from(deflate.total_in())
                .unwrap_or(data.len())
                .min(data.len());
            match deflate.compress_vec(&data[consumed..], &mut out, FlushCompress::Finish)? {
                Status::StreamEnd => return Ok(out),
                _ => out.reserve(out.capacity().max(1024)),
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn a_reused_compressor_gives_the_bytes_of_a_fresh_one_and_they_inflate_back() {
        let raw = Setting {
            level: 6,
            zlib_header: false,
        };
        let zlib = Setting {
            level: 3,
            zlib_header: true,
        };
        let texts: Vec<Vec<u8>> = (0..5)
            .map(|i| format!("<p>{}</p>", "a chapter of words ".repeat(i * 300)).into_bytes())
            .collect();
        for text in &texts {
            for setting in [raw, zlib] {
                let reused = deflate(text, setting).unwrap();
                let mut fresh = Vec::with_capacity(text.len() + 1024);
                let mut one = Compress::new(Compression::new(setting.level), setting.zlib_header);
                one.compress_vec(text, &mut fresh, FlushCompress::Finish)
                    .unwrap();
                assert_eq!(reused, fresh);
                let mut back = Vec::new();
                if setting.zlib_header {
                    flate2::read::ZlibDecoder::new(&reused[..]).read_to_end(&mut back)
                } else {
                    flate2::read::DeflateDecoder::new(&reused[..]).read_to_end(&mut back)
                }
                .unwrap();
                assert_eq!(&back, text);
            }
        }
    }
}
