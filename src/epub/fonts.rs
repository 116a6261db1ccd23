//! Embedded fonts: the shipped faces cut down to the characters the book
//! uses.
//!
//! The `subsetter` crate keeps only the tables a PDF needs and drops `cmap`
//! and `OS/2`, which a reading system needs to map text to glyphs. So after
//! subsetting, this module writes a fresh `cmap` (formats 4 and 12) for the
//! remapped glyphs, copies the original `OS/2`, and reassembles the font.

use crate::error::RenderError;
use crate::{Error, Result};
use std::collections::BTreeSet;
use subsetter::GlyphRemapper;
use ttf_parser::Tag;

/// Characters every subset keeps, whatever the text: printable ASCII and
/// what a reading system may insert when it hyphenates or justifies.
const ALWAYS: [char; 4] = ['\u{a0}', '\u{ad}', '\u{2010}', '\u{2026}'];

/// A subset of the font `data` (named `name` in messages; of a collection,
/// the first face) that covers `chars` (and printable ASCII) where it can;
/// each character of `instead` maps to the glyph given with it (old-style
/// figures) rather than to its own.
pub fn subset(
    data: &[u8],
    name: &str,
    chars: &BTreeSet<char>,
    instead: &[(char, u16)],
) -> Result<Vec<u8>> {
    let fail = |what: &str| {
        Error::render(RenderError::FontSubset {
            file: name.to_string(),
            reason: what.to_string(),
        })
    };
    let parsed = ttf_parser::Face::parse(data, 0).map_err(|e| fail(&e.to_string()))?;
    let wanted = (' '..='~').chain(ALWAYS).chain(chars.iter().copied());
    let mut mapping: Vec<(u32, u16)> = wanted
        .filter_map(|c| {
            let glyph = instead
                .iter()
                .find(|&&(d, _)| d == c)
                .map(|&(_, g)| g)
                .or_else(|| parsed.glyph_index(c).map(|g| g.0));
            glyph.map(|g| (u32::from(c), g))
        })
        .collect();
    mapping.sort_unstable();
    mapping.dedup();
    let mut remapper = GlyphRemapper::new();
    for (_, glyph) in &mapping {
        remapper.remap(*glyph);
    }
    let subset = subsetter::subset(data, 0, &remapper).map_err(|e| fail(&format!("{e:?}")))?;
    let remapped: Vec<(u32, u16)> = mapping
        .iter()
        .filter_map(|&(c, glyph)| remapper.get(glyph).map(|new| (c, new)))
        .collect();
    let cmap = cmap(&remapped).ok_or_else(|| fail("too many characters for a cmap"))?;
    let os2 = parsed
        .raw_face()
        .table(Tag::from_bytes(b"OS/2"))
        .ok_or_else(|| fail("no OS/2 table"))?;
    add_tables(&subset, &[(*b"cmap", &cmap), (*b"OS/2", os2)])
        .ok_or_else(|| fail("malformed subset"))
}

/// A `cmap` table with a format 4 subtable (BMP) and a format 12 subtable
/// (all of Unicode) for `(code point, glyph)` pairs sorted by code point.
fn cmap(pairs: &[(u32, u16)]) -> Option<Vec<u8>> {
    // Runs of consecutive code points mapped to consecutive glyphs.
    let mut runs: Vec<(u32, u32, u16)> = Vec::new();
    for &(c, g) in pairs {
        match runs.last_mut() {
            Some((start, end, first))
                if *end + 1 == c && u32::from(*first) + (c - *start) == u32::from(g) =>
            {
                *end = c;
            }
            _ => runs.push((c, c, g)),
        }
    }
    let mut format4 = Vec::new();
    let bmp: Vec<&(u32, u32, u16)> = runs.iter().filter(|r| r.1 < 0xFFFF).collect();
    let segments = bmp.len() + 1;
    let seg_x2 = u16::try_from(segments * 2).ok()?;
    let entry_selector = (usize::BITS - 1 - segments.leading_zeros()) as u16;
    let search_range = 2 * (1u16 << entry_selector);
    let length = u16::try_from(16 + 8 * segments).ok()?;
    for value in [
        4,
        length,
        0,
        seg_x2,
        search_range,
        entry_selector,
        seg_x2 - search_range,
    ] {
        format4.extend(value.to_be_bytes());
    }
    for r in &bmp {
        format4.extend((r.1 as u16).to_be_bytes());
    }
    format4.extend(0xFFFFu16.to_be_bytes());
    format4.extend(0u16.to_be_bytes());
    for r in &bmp {
        format4.extend((r.0 as u16).to_be_bytes());
    }
    format4.extend(0xFFFFu16.to_be_bytes());
    for r in &bmp {
        format4.extend(r.2.wrapping_sub(r.0 as u16).to_be_bytes());
    }
    format4.extend(1u16.to_be_bytes());
    format4.extend(std::iter::repeat_n(0u8, 2 * segments));

    let mut format12 = Vec::new();
    format12.extend(12u16.to_be_bytes());
    format12.extend(0u16.to_be_bytes());
    format12.extend(u32::try_from(16 + 12 * runs.len()).ok()?.to_be_bytes());
    format12.extend(0u32.to_be_bytes());
    format12.extend(u32::try_from(runs.len()).ok()?.to_be_bytes());
    for &(start, end, glyph) in &runs {
        for value in [start, end, u32::from(glyph)] {
            format12.extend(value.to_be_bytes());
        }
    }

    // Header and four encoding records (sorted by platform, encoding).
    let offset4 = 4 + 4 * 8u32;
    let offset12 = offset4 + u32::try_from(format4.len()).ok()?;
    let mut table = Vec::new();
    table.extend(0u16.to_be_bytes());
    table.extend(4u16.to_be_bytes());
    for (platform, encoding, offset) in [
        (0u16, 3u16, offset4),
        (0, 4, offset12),
        (3, 1, offset4),
        (3, 10, offset12),
    ] {
        table.extend(platform.to_be_bytes());
        table.extend(encoding.to_be_bytes());
        table.extend(offset.to_be_bytes());
    }
    table.extend(format4);
    table.extend(format12);
    Some(table)
}

/// The font `font` with `extra` tables added, its table directory rebuilt
/// and its checksums recomputed.
fn add_tables(font: &[u8], extra: &[([u8; 4], &[u8])]) -> Option<Vec<u8>> {
    let read_u16 = |at: usize| {
        font.get(at..at + 2)
            .map(|b| u16::from_be_bytes([b[0], b[1]]))
    };
    let read_u32 = |at: usize| {
        font.get(at..at + 4)
            .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    };
    let count = usize::from(read_u16(4)?);
    let mut tables: Vec<([u8; 4], &[u8])> = Vec::new();
    for i in 0..count {
        let record = 12 + 16 * i;
        let tag: [u8; 4] = font.get(record..record + 4)?.try_into().ok()?;
        let offset = read_u32(record + 8)? as usize;
        let length = read_u32(record + 12)? as usize;
        if extra.iter().all(|(t, _)| *t != tag) {
            tables.push((tag, font.get(offset..offset + length)?));
        }
    }
    tables.extend(extra.iter().copied());
    tables.sort_by_key(|(tag, _)| *tag);

    let count = u16::try_from(tables.len()).ok()?;
    let entry_selector = 15 - count.leading_zeros() as u16;
    let search_range = 16 * (1u16 << entry_selector);
    let mut out = Vec::new();
    out.extend(font.get(..4)?);
    for value in [
        count,
        search_range,
        entry_selector,
        count * 16 - search_range,
    ] {
        out.extend(value.to_be_bytes());
    }
    let mut offset = 12 + 16 * tables.len();
    let mut head_at = None;
    let mut body = Vec::new();
    for (tag, data) in &tables {
        let mut data = data.to_vec();
        if tag == b"head" {
            data.get_mut(8..12)?.fill(0);
            head_at = Some(offset + 8);
        }
        out.extend(tag);
        out.extend(checksum(&data).to_be_bytes());
        out.extend(u32::try_from(offset).ok()?.to_be_bytes());
        out.extend(u32::try_from(data.len()).ok()?.to_be_bytes());
        while data.len() % 4 != 0 {
            data.push(0);
        }
        offset += data.len();
        body.extend(data);
    }
    out.extend(body);
    let adjustment = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
    let head_at = head_at?;
    out.get_mut(head_at..head_at + 4)?
        .copy_from_slice(&adjustment.to_be_bytes());
    Some(out)
}

fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, chunk| {
        let mut word = [0u8; 4];
        word[..chunk.len()].copy_from_slice(chunk);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::{face, Style};

    #[test]
    fn subset_is_small_and_maps_the_book_s_characters_to_their_glyphs() {
        let chars: BTreeSet<char> = "Callinicum ā “quoted” — end‑".chars().collect();
        for style in [Style::Regular, Style::Mono] {
            let data = subset(face(style).data(), "test", &chars, &[]).expect("subset");
            assert!(
                data.len() < face(style).data().len() / 4,
                "{style:?}: {} bytes",
                data.len()
            );
            let font = ttf_parser::Face::parse(&data, 0).expect("subset parses");
            let original = ttf_parser::Face::parse(face(style).data(), 0).expect("original parses");
            for c in chars.iter().copied().chain(['A', '~']) {
                let glyph = font
                    .glyph_index(c)
                    .unwrap_or_else(|| panic!("{style:?} lost {c:?}"));
                let old = original.glyph_index(c).expect("original has it");
                assert_eq!(
                    font.glyph_hor_advance(glyph),
                    original.glyph_hor_advance(old),
                    "{style:?}: {c:?} maps to the wrong glyph"
                );
            }
            assert!(font.glyph_index('Ж').is_none());
        }
    }

    #[test]
    fn cmap_merges_consecutive_runs() {
        let table = cmap(&[(65, 3), (66, 4), (67, 9)]).expect("cmap");
        // Format 12 at the end: two groups.
        let groups = &table[table.len() - 24..];
        assert_eq!(
            u32::from_be_bytes([groups[0], groups[1], groups[2], groups[3]]),
            65
        );
        assert_eq!(
            u32::from_be_bytes([groups[4], groups[5], groups[6], groups[7]]),
            66
        );
    }
}
