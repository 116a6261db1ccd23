//! The faces the pages use (the shipped ones and the author's fallback
//! fonts), followed while the pages stream in, then embedded as CID-keyed
//! TrueType (Type0 / CIDFontType2), or an author's CFF font as OpenType
//! (CIDFontType0, `FontFile3`), subset with `subsetter`.
//!
//! The pages name glyphs by their ids in the font files (the character
//! codes, two bytes each), whose ids in the subset are only known once
//! every page has been seen: for TrueType the codes are the CIDs and a
//! `/CIDToGIDMap` stream maps them to the subset's glyphs; for CFF, whose
//! subset's CIDs are its glyph ids, an embedded CMap (`/Encoding`) maps
//! each code to its CID. The ToUnicode map gives each glyph
//! one text, chosen without the whole book in memory: the character the
//! face's own `cmap` maps to it (the lowest, when several do), or else, for
//! glyphs no character maps to (ligatures, alternates), the text of its
//! first use in the order the pages are written. A use standing for other
//! text is marked on the page with `/ActualText`.

use super::content::compressed;
use super::write::{fingerprint, Refs};
use crate::error::RenderError;
use crate::fonts::{FontSet, Style};
use crate::layout::document::{GlyphRun, Item, Page};
use crate::Result;
use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Filter, Finish, Name, Pdf, Rect, Ref, Str};
use std::collections::BTreeSet;
use std::fmt::Write as _;

/// One face as the pages use it.
pub(super) struct FaceUse {
    /// Its style.
    pub style: Style,
    /// Its resource name on the pages (fixed by its style).
    pub resource: String,
    /// The width of every glyph in thousandths of an em, as `/W` gives it
    /// (none until [`Faces::load`] reads the face).
    pub widths: Vec<f32>,
    /// The text each glyph gives back (see the module's documentation);
    /// `None` for a glyph no character maps to and not used yet.
    pub texts: Vec<Option<Box<str>>>,
    /// Which glyphs the pages use.
    pub used: Vec<bool>,
    /// Drawn slanted: an italic made from an upright face.
    pub slanted: bool,
    /// Drawn emboldened: a bold made from a lighter face.
    pub emboldened: bool,
}

impl FaceUse {
    /// The text glyph `id` gives back ("" for none).
    pub fn text(&self, id: u16) -> &str {
        self.texts
            .get(usize::from(id))
            .and_then(Option::as_deref)
            .unwrap_or_default()
    }
}

/// Every face of the family, indexed like [`Style::ALL`], then the
/// author's fallback fonts in their order.
pub(super) struct Faces(pub Vec<FaceUse>);

/// What a batch of pages uses, found in parallel and added up in order.
#[derive(Default)]
pub(super) struct Scan {
    /// For each face, the glyphs used (a bit per glyph id).
    used: Vec<Vec<u64>>,
    /// Texts of glyphs with none yet: (page, face, glyph, text), each
    /// glyph's first use on a page.
    novel: Vec<(usize, usize, u16, String)>,
    /// The images drawn.
    pub images: BTreeSet<String>,
}

impl Scan {
    /// Adds what `page` (the `index`th of its batch) uses.
    pub fn page(mut self, faces: &Faces, index: usize, page: &Page) -> Scan {
        if self.used.is_empty() {
            self.used = faces
                .0
                .iter()
                .map(|face| vec![0; face.widths.len().div_ceil(64)])
                .collect();
        }
        let first_novel = self.novel.len();
        for item in page.items.iter().chain(&page.turned) {
            match item {
                Item::Text(run) => self.run(faces, index, first_novel, run),
                Item::Image { key, .. } => {
                    if !self.images.contains(key) {
                        self.images.insert(key.clone());
                    }
                }
                Item::Rule { .. } => {}
            }
        }
        self
    }

    fn run(&mut self, faces: &Faces, index: usize, first_novel: usize, run: &GlyphRun) {
        let f = Faces::index(run.style);
        let (Some(face), Some(used)) = (faces.0.get(f), self.used.get_mut(f)) else {
            return;
        };
        for (glyph, text) in run.glyph_texts() {
            let id = glyph.id;
            // Glyph 0 is never drawn (see `content`): no text of its own.
            if id == 0 || usize::from(id) >= face.widths.len() {
                continue;
            }
            used[usize::from(id / 64)] |= 1 << (id % 64);
            let known = face.texts[usize::from(id)].is_some()
                || self.novel[first_novel..]
                    .iter()
                    .any(|&(_, face, glyph, _)| face == f && glyph == id);
            if !known {
                self.novel.push((index, f, id, text.to_string()));
            }
        }
    }

    /// The sum of two scans, `self` of the earlier pages.
    pub fn merge(mut self, other: Scan) -> Scan {
        if self.used.is_empty() {
            self.used = other.used;
        } else {
            for (into, from) in self.used.iter_mut().zip(other.used) {
                for (a, b) in into.iter_mut().zip(from) {
                    *a |= b;
                }
            }
        }
        self.novel.extend(other.novel);
        self.images.extend(other.images);
        self
    }
}

impl Faces {
    /// The faces, none read yet: [`Faces::load`] reads those the pages use.
    pub fn new(fonts: &FontSet) -> Faces {
        let faces = Style::ALL
            .into_iter()
            .chain(fonts.fallback_styles())
            .enumerate()
            .map(|(n, style)| FaceUse {
                style,
                resource: format!("F{}", n + 1),
                widths: Vec::new(),
                texts: Vec::new(),
                used: Vec::new(),
                slanted: false,
                emboldened: false,
            })
            .collect();
        Faces(faces)
    }

    /// Reads the widths and the texts the `cmap` gives of each face `pages`
    /// use that is not read yet. A face no page uses is never read (nor
    /// inflated: a book in one style reads one of the ten shipped faces).
    pub fn load<'p>(&mut self, fonts: &FontSet, pages: impl IntoIterator<Item = &'p Page>) {
        let mut wanted = vec![false; self.0.len()];
        for page in pages {
            for item in page.items.iter().chain(&page.turned) {
                if let Item::Text(run) = item {
                    if let Some(w) = wanted.get_mut(Faces::index(run.style)) {
                        *w = true;
                    }
                }
            }
        }
        for (f, wanted) in wanted.into_iter().enumerate() {
            if wanted {
                self.load_face(fonts, f);
            }
        }
    }

    /// Reads the `f`th face, unless it is read already.
    fn load_face(&mut self, fonts: &FontSet, f: usize) {
        let Some(face) = self.0.get_mut(f).filter(|face| face.widths.is_empty()) else {
            return;
        };
        let font = fonts.get(face.style);
        let count = usize::from(font.face().number_of_glyphs());
        face.widths = (0..count)
            .map(|id| (font.advance_per_mille(id as u16) * 1000.0).round() / 1000.0)
            .collect();
        face.texts = cmap_texts(font.face(), count);
        face.used = vec![false; count];
        face.slanted = font.slanted;
        face.emboldened = font.emboldened;
    }

    /// Reads the face of `style` (see [`Faces::load`]).
    #[cfg(test)]
    pub fn load_style(&mut self, fonts: &FontSet, style: Style) {
        self.load_face(fonts, Faces::index(style));
    }

    /// The index of a style's face (a fallback font's may be past the
    /// end, when the book has no such font).
    pub fn index(style: Style) -> usize {
        match style {
            Style::Fallback(i) => Style::ALL.len() + usize::from(i),
            _ => Style::ALL.iter().position(|&s| s == style).unwrap_or(0),
        }
    }

    /// The face of a style.
    pub fn get(&self, style: Style) -> Option<&FaceUse> {
        self.0.get(Faces::index(style))
    }

    /// Takes in what a batch of pages uses: the glyphs, and for a glyph
    /// with no text yet the text of its first use (in page order).
    pub fn add(&mut self, mut scan: Scan) {
        for (face, used) in self.0.iter_mut().zip(&scan.used) {
            for (id, flag) in face.used.iter_mut().enumerate() {
                *flag |= used[id / 64] & (1 << (id % 64)) != 0;
            }
        }
        scan.novel.sort_by_key(|&(page, ..)| page);
        for (_, f, id, text) in scan.novel {
            let slot = &mut self.0[f].texts[usize::from(id)];
            if slot.is_none() {
                *slot = Some(text.into_boxed_str());
            }
        }
    }

    /// Embeds every face with a glyph used; returns each one's resource
    /// name and font object.
    pub fn embed(
        &self,
        pdf: &mut Pdf,
        refs: &mut Refs,
        fonts: &FontSet,
    ) -> Result<Vec<(String, Ref)>> {
        let mut out = Vec::new();
        for face in &self.0 {
            let ids: Vec<u16> = (0..face.used.len())
                .filter(|&id| face.used[id])
                .map(|id| id as u16)
                .collect();
            if ids.is_empty() {
                continue;
            }
            let object = embed_face(pdf, refs, fonts, face, &ids)?;
            out.push((face.resource.clone(), object));
        }
        Ok(out)
    }
}

/// Whether a character may stand for a glyph in the ToUnicode map: not a
/// control character (fonts map tab and return to the space) nor a private
/// use or noncharacter code point.
fn is_text(c: char) -> bool {
    let u = u32::from(c);
    !c.is_control()
        && !(0xE000..=0xF8FF).contains(&u)
        && u < 0xF_0000
        && !(0xFDD0..=0xFDEF).contains(&u)
        && u & 0xFFFE != 0xFFFE
}

/// For each glyph, the lowest character the face's Unicode `cmap`s map to it.
fn cmap_texts(face: &rustybuzz::ttf_parser::Face<'_>, count: usize) -> Vec<Option<Box<str>>> {
    let mut lowest: Vec<Option<char>> = vec![None; count];
    if let Some(cmap) = face.tables().cmap {
        for subtable in cmap.subtables {
            if !subtable.is_unicode() {
                continue;
            }
            subtable.codepoints(|code| {
                let Some(c) = char::from_u32(code).filter(|&c| is_text(c)) else {
                    return;
                };
                let Some(glyph) = subtable.glyph_index(code) else {
                    return;
                };
                let id = usize::from(glyph.0);
                if id != 0 && id < count && lowest[id].is_none_or(|l| c < l) {
                    lowest[id] = Some(c);
                }
            });
        }
    }
    lowest
        .into_iter()
        .map(|c| c.map(|c| c.to_string().into_boxed_str()))
        .collect()
}

/// Embeds one face, subset to the glyphs `ids` (ascending); returns its
/// Type0 font object.
fn embed_face(
    pdf: &mut Pdf,
    refs: &mut Refs,
    fonts: &FontSet,
    face: &FaceUse,
    ids: &[u16],
) -> Result<Ref> {
    let style = face.style;
    let font = fonts.get(style);
    let mut remapper = subsetter::GlyphRemapper::new();
    let new_ids: Vec<u16> = ids.iter().map(|&old| remapper.remap(old)).collect();
    let program =
        subsetter::subset(font.data(), 0, &remapper).map_err(|e| RenderError::FontSubset {
            file: font.name.clone(),
            reason: format!("{e:?}"),
        })?;
    let tag = subset_tag(style, ids);
    let base_name = format!("{tag}+{}", postscript_name(&font.name));
    let cff = font.is_cff();
    // Each glyph's CID: its code on the pages for TrueType (mapped to the
    // subset's glyph by `/CIDToGIDMap`), the subset's glyph id for CFF.
    let cids = if cff { &new_ids } else { ids };
    let (object, cid_id, descriptor_id, file_id, cmap_id, map_id) = (
        refs.next(),
        refs.next(),
        refs.next(),
        refs.next(),
        refs.next(),
        refs.next(),
    );

    let packed = compressed(&program)?;
    let mut file = pdf.stream(file_id, &packed);
    file.filter(Filter::FlateDecode);
    if cff {
        // CFF outlines go in an OpenType wrapper (PDF 1.6, FontFile3).
        file.pair(Name(b"Subtype"), Name(b"OpenType"));
    } else {
        file.pair(Name(b"Length1"), program.len() as i32);
    }
    file.finish();
    let scale = 1000.0 / font.units_per_em;
    let bbox = font.face().global_bounding_box();
    let mut flags = FontFlags::NON_SYMBOLIC;
    flags |= if style == Style::Mono {
        FontFlags::FIXED_PITCH
    } else {
        FontFlags::SERIF
    };
    if style.is_italic() || font.slanted {
        flags |= FontFlags::ITALIC;
    }
    let em = |units: i16| (f32::from(units) * scale).round();
    let mut descriptor = pdf.font_descriptor(descriptor_id);
    descriptor
        .name(Name(base_name.as_bytes()))
        .flags(flags)
        .bbox(Rect::new(
            em(bbox.x_min),
            em(bbox.y_min),
            em(bbox.x_max),
            em(bbox.y_max),
        ))
        .italic_angle(font.face().italic_angle())
        .ascent(em(font.face().ascender()))
        .descent(em(font.face().descender()))
        .cap_height(em(font
            .face()
            .capital_height()
            .unwrap_or(font.face().ascender())))
        .stem_v(if style.is_bold() { 120.0 } else { 80.0 });
    if cff {
        descriptor.font_file3(file_id);
    } else {
        descriptor.font_file2(file_id);
    }
    descriptor.finish();

    let system_info = SystemInfo {
        registry: Str(b"Adobe"),
        ordering: Str(b"Identity"),
        supplement: 0,
    };
    if cff {
        let name = format!("{tag}-Quire-Codes");
        let data = compressed(&code_cmap(&name, ids, &new_ids))?;
        let mut cmap = pdf.cmap(map_id, &data);
        cmap.name(Name(name.as_bytes())).system_info(system_info);
        cmap.filter(Filter::FlateDecode);
    } else {
        // CID (the font file's glyph id) → the subset's glyph id, two bytes each.
        let last = ids.last().map_or(0, |&id| usize::from(id));
        let mut map = vec![0u8; 2 * (last + 1)];
        for (&old, &new) in ids.iter().zip(&new_ids) {
            let at = 2 * usize::from(old);
            map[at..at + 2].copy_from_slice(&new.to_be_bytes());
        }
        pdf.stream(map_id, &compressed(&map)?)
            .filter(Filter::FlateDecode);
    }

    let mut cid_font = pdf.cid_font(cid_id);
    cid_font
        .subtype(if cff {
            CidFontType::Type0
        } else {
            CidFontType::Type2
        })
        .base_font(Name(base_name.as_bytes()))
        .system_info(system_info)
        .font_descriptor(descriptor_id);
    if !cff {
        cid_font.cid_to_gid_map_stream(map_id);
    }
    let mut widths = cid_font.widths();
    // One `first [w …]` entry per run of consecutive CIDs.
    let pairs: Vec<(u16, u16)> = ids.iter().copied().zip(cids.iter().copied()).collect();
    for run in pairs.chunk_by(|a, b| b.1 == a.1 + 1) {
        widths.consecutive(
            run[0].1,
            run.iter().map(|&(id, _)| face.widths[usize::from(id)]),
        );
    }
    widths.finish();
    cid_font.finish();

    // The text of each code (the glyph's id in the font file).
    let mut cmap = UnicodeCmap::new(Name(b"Adobe-Identity-UCS"), system_info);
    for &id in ids {
        let text = face.text(id);
        if !text.is_empty() {
            cmap.pair_with_multiple(id, text.chars());
        }
    }
    pdf.stream(cmap_id, &compressed(&cmap.finish().into_vec())?)
        .filter(Filter::FlateDecode);
    let mut type0 = pdf.type0_font(object);
    type0
        .base_font(Name(base_name.as_bytes()))
        .descendant_font(cid_id)
        .to_unicode(cmap_id);
    if cff {
        type0.encoding_cmap(map_id);
    } else {
        type0.encoding_predefined(Name(b"Identity-H"));
    }
    type0.finish();
    Ok(object)
}

/// The CMap of a CFF face: each code (a glyph id in the font file,
/// ascending in `ids`) to its CID (the subset's glyph id, in `new_ids`),
/// one `cidrange` per run where both go up by one.
fn code_cmap(name: &str, ids: &[u16], new_ids: &[u16]) -> Vec<u8> {
    let mut out = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> def\n",
    );
    let _ = writeln!(out, "/CMapName /{name} def\n/CMapType 1 def");
    out.push_str("1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    let pairs: Vec<(u16, u16)> = ids.iter().copied().zip(new_ids.iter().copied()).collect();
    let runs: Vec<&[(u16, u16)]> = pairs
        .chunk_by(|a, b| b.0 == a.0 + 1 && b.1 == a.1 + 1)
        .collect();
    // At most a hundred entries to a block.
    for block in runs.chunks(100) {
        let _ = writeln!(out, "{} begincidrange", block.len());
        for run in block {
            let ((first, cid), (last, _)) = (run[0], run[run.len() - 1]);
            let _ = writeln!(out, "<{first:04X}> <{last:04X}> {cid}");
        }
        out.push_str("endcidrange\n");
    }
    out.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    out.into_bytes()
}

/// A font's PostScript-style name from its file name: the file's stem,
/// letters, digits and hyphens only (`CharisSIL-Regular`).
fn postscript_name(file: &str) -> String {
    let stem = file.rsplit('/').next().unwrap_or(file);
    let stem = stem.rsplit_once('.').map_or(stem, |(stem, _)| stem);
    stem.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect()
}

/// Six capital letters naming a subset, derived from what it contains.
fn subset_tag(style: Style, ids: &[u16]) -> String {
    let mut text = format!("{style:?}");
    for id in ids {
        let _ = write!(text, ",{id}");
    }
    fingerprint(&text)
        .iter()
        .take(6)
        .map(|b| char::from(b'A' + b % 26))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_faces_the_pages_use_are_read() {
        let fonts = FontSet::load().unwrap();
        let mut faces = Faces::new(&fonts);
        let mut run = GlyphRun::new(Style::Regular, 10.0, 0.0, 0.0);
        run.push(1, 0.0, 5.0, "x");
        faces.load(
            &fonts,
            [&crate::pdf::content::page_of(vec![Item::Text(run)])],
        );
        for face in &faces.0 {
            assert_eq!(
                face.widths.is_empty(),
                face.style != Style::Regular,
                "{:?}",
                face.style
            );
        }
    }

    #[test]
    fn a_glyph_gives_back_the_lowest_character_its_face_maps_to_it() {
        let fonts = FontSet::load().unwrap();
        let mut faces = Faces::new(&fonts);
        faces.load_style(&fonts, Style::Regular);
        let regular = faces.get(Style::Regular).unwrap();
        let font = fonts.get(Style::Regular);
        let a = font.face().glyph_index('a').unwrap().0;
        assert_eq!(regular.text(a), "a");
        // The space glyph stands for the space, not the tab or the no-break space.
        let space = font.face().glyph_index(' ').unwrap().0;
        assert_eq!(regular.text(space), " ");
    }

    #[test]
    fn a_cff_face_maps_its_codes_to_the_subset_s_cids_in_runs_of_at_most_a_hundred() {
        let cmap = String::from_utf8(code_cmap("T", &[0, 5, 6, 7, 9], &[0, 1, 2, 3, 4])).unwrap();
        assert!(cmap.contains("/CMapName /T def"), "{cmap}");
        assert!(
            cmap.contains(
                "3 begincidrange\n<0000> <0000> 0\n<0005> <0007> 1\n<0009> <0009> 4\nendcidrange\n"
            ),
            "{cmap}"
        );
        // 150 glyphs, every other id: 150 runs, in two blocks.
        let ids: Vec<u16> = (0..150).map(|i| 2 * i).collect();
        let new_ids: Vec<u16> = (0..150).collect();
        let cmap = String::from_utf8(code_cmap("T", &ids, &new_ids)).unwrap();
        assert!(
            cmap.contains("100 begincidrange\n<0000> <0000> 0\n"),
            "{cmap}"
        );
        assert!(
            cmap.contains("50 begincidrange\n<00C8> <00C8> 100\n"),
            "{cmap}"
        );
        assert!(cmap.ends_with("<012A> <012A> 149\nendcidrange\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"), "{cmap}");
    }

    #[test]
    fn a_glyph_no_character_maps_to_takes_its_first_use() {
        let fonts = FontSet::load().unwrap();
        let mut faces = Faces::new(&fonts);
        faces.load_style(&fonts, Style::Regular);
        let regular = faces.get(Style::Regular).unwrap();
        let unmapped = (1..regular.widths.len() as u16)
            .find(|&id| regular.text(id).is_empty())
            .expect("a glyph no character maps to");
        let page = |text: &str| {
            let mut run = GlyphRun::new(Style::Regular, 10.0, 0.0, 0.0);
            run.push(unmapped, 0.0, 5.0, text);
            crate::pdf::content::page_of(vec![Item::Text(run)])
        };
        let (first, second) = (page("ffi"), page("ff"));
        // Scanned in parallel halves: the first page still wins.
        let scan = Scan::default()
            .page(&faces, 1, &second)
            .merge(Scan::default().page(&faces, 0, &first));
        faces.add(scan);
        let regular = faces.get(Style::Regular).unwrap();
        assert_eq!(regular.text(unmapped), "ffi");
        assert!(regular.used[usize::from(unmapped)]);
        // Later batches keep it.
        let later = Scan::default().page(&faces, 0, &second);
        faces.add(later);
        assert_eq!(faces.get(Style::Regular).unwrap().text(unmapped), "ffi");
    }
}
