//! Shaping: text in one face and size to positioned glyphs, with the face's
//! default features (standard ligatures, kerning where the face has it —
//! Charis SIL 6.101 carries no `kern` feature, only mark positioning), each
//! glyph saying how much of the text it stands for.

use crate::fonts::FontFace;
use rustybuzz::UnicodeBuffer;

/// One shaped glyph.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ShapedGlyph {
    /// Glyph id in the face.
    pub id: u16,
    /// Advance in points, kerning included.
    pub advance: f32,
    /// Byte offset in the shaped text of the cluster this glyph belongs to.
    pub cluster: usize,
    /// How many bytes of the shaped text, from `cluster`, this glyph stands
    /// for (2 for the fi ligature); 0 for the second and later glyphs of a
    /// cluster.
    pub len: usize,
}

/// Shapes `text` (left to right) at `size` points.
pub fn shape(font: &FontFace, text: &str, size: f32) -> Vec<ShapedGlyph> {
    shape_with(font, &font.plan, text, size)
}

/// Shapes `text` with a given plan (small capitals, say).
pub fn shape_with(
    font: &FontFace,
    plan: &rustybuzz::ShapePlan,
    text: &str,
    size: f32,
) -> Vec<ShapedGlyph> {
    let mut buffer = UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.set_direction(rustybuzz::Direction::LeftToRight);
    buffer.set_script(rustybuzz::script::LATIN);
    let output = rustybuzz::shape_with_plan(font.face(), plan, buffer);
    let scale = size / font.units_per_em;
    let infos = output.glyph_infos();
    let positions = output.glyph_positions();
    // Where each glyph's cluster ends: the next larger cluster start.
    let mut ends = vec![text.len(); infos.len()];
    let mut next = text.len();
    for i in (0..infos.len()).rev() {
        ends[i] = next;
        let cluster = infos[i].cluster as usize;
        if i == 0 || infos[i - 1].cluster != infos[i].cluster {
            next = cluster;
        }
    }
    let mut glyphs = Vec::with_capacity(infos.len());
    for (i, (info, position)) in infos.iter().zip(positions).enumerate() {
        let cluster = info.cluster as usize;
        let first_of_cluster = i == 0 || infos[i - 1].cluster != info.cluster;
        let end = ends[i];
        let len = if first_of_cluster && text.get(cluster..end).is_some() {
            end - cluster
        } else {
            0
        };
        glyphs.push(ShapedGlyph {
            id: u16::try_from(info.glyph_id).unwrap_or(0),
            advance: position.x_advance as f32 * scale,
            cluster,
            len,
        });
    }
    glyphs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::FontSet;
    use crate::fonts::Style;

    #[test]
    fn fi_ligature_is_one_glyph_that_extracts_as_two_letters() {
        let fonts = FontSet::load().expect("fonts");
        let glyphs = shape(fonts.get(Style::Regular), "fine", 10.0);
        assert_eq!(glyphs.len(), 3, "{glyphs:?}");
        let text = |g: &ShapedGlyph| &"fine"[g.cluster..g.cluster + g.len];
        assert_eq!(text(&glyphs[0]), "fi");
        let joined: String = glyphs.iter().map(text).collect();
        assert_eq!(joined, "fine");
    }
}
