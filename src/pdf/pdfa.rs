//! PDF/A-2a for the digital edition (ISO 19005-2, level A: tagged, every
//! glyph mapped to Unicode), beside its PDF/UA-1 claim.
//!
//! What the writer adds for it, here: the **output intent** (`/S
//! /GTS_PDFA1`) whose `DestOutputProfile` is an sRGB ICC profile built by
//! moxcms from the sRGB primaries and tone curve (the pages paint in
//! DeviceRGB and DeviceGray, which PDF/A allows under an RGB output
//! intent), and the XMP's **identification** (`pdfaid:part` 2,
//! `pdfaid:conformance` A) with the **extension schema** describing
//! `pdfuaid:part`, a property PDF/A-2 does not predefine. The rest lives
//! where it is written: the document information kept equal to the XMP
//! ([`super::write`]), links with the print flag, no glyph 0 drawn
//! ([`super::content`]). The print interior and the cover claim neither.

use crate::error::RenderError;
use crate::Result;
use pdf_writer::types::OutputIntentSubtype;
use pdf_writer::{Filter, Pdf, Ref, TextStr};
use xmp_writer::XmpWriter;

/// The part of ISO 19005 the digital edition conforms to.
pub(super) const PART: i32 = 2;
/// Its conformance level: A (accessible: tagged, Unicode, language).
pub(super) const CONFORMANCE: &str = "A";

/// The profile's creation date in the ICC header (year, month, day, hour,
/// minute, second): fixed, so that the same book gives the same bytes
/// (moxcms stamps the encoding time).
const PROFILE_DATE: [u16; 6] = [2026, 1, 1, 0, 0, 0];

/// An sRGB ICC profile (version 4.2, display class, RGB to XYZ): moxcms's
/// sRGB primaries, D65 white adapted to D50 and the sRGB tone curve,
/// without the version 4.4 `cicp` tag (so only tags ICC.1:2004-10, the
/// version PDF/A-2 cites, defines), dated [`PROFILE_DATE`], each tag's data
/// on a four-byte boundary as ICC asks (moxcms packs them).
pub(super) fn srgb_profile() -> Result<Vec<u8>> {
    let mut profile = moxcms::ColorProfile::new_srgb();
    profile.cicp = None;
    let encoded = profile.encode().map_err(|e| RenderError::ColourProfile {
        reason: e.to_string(),
    })?;
    let mut bytes = aligned(&encoded).ok_or_else(|| RenderError::ColourProfile {
        reason: format!("{} bytes that do not read as a profile", encoded.len()),
    })?;
    // Version 4.2.0.
    bytes[8..12].copy_from_slice(&[4, 0x20, 0, 0]);
    for (i, field) in PROFILE_DATE.iter().enumerate() {
        bytes[24 + 2 * i..26 + 2 * i].copy_from_slice(&field.to_be_bytes());
    }
    Ok(bytes)
}

/// The ICC profile `icc` laid out again with each tag's data starting on
/// a four-byte boundary (zeros between) and the size in the header
/// updated; `None` when its tag table runs outside it.
fn aligned(icc: &[u8]) -> Option<Vec<u8>> {
    let be = |at: usize| -> Option<usize> {
        let word: [u8; 4] = icc.get(at..at.checked_add(4)?)?.try_into().ok()?;
        Some(u32::from_be_bytes(word) as usize)
    };
    let count = be(128)?;
    let table_end = count.checked_mul(12)?.checked_add(132)?;
    let mut out = icc.get(..table_end)?.to_vec();
    for i in 0..count {
        let entry = 132 + 12 * i;
        let (offset, size) = (be(entry + 4)?, be(entry + 8)?);
        let data = icc.get(offset..offset.checked_add(size)?)?;
        out.resize(out.len().next_multiple_of(4), 0);
        let at = u32::try_from(out.len()).ok()?;
        out[entry + 4..entry + 8].copy_from_slice(&at.to_be_bytes());
        out.extend_from_slice(data);
    }
    out.resize(out.len().next_multiple_of(4), 0);
    let size = u32::try_from(out.len()).ok()?;
    out[0..4].copy_from_slice(&size.to_be_bytes());
    Some(out)
}

/// Writes the sRGB profile as the stream `id`, which the catalog's
/// output intent names (see [`output_intent`]).
pub(super) fn write_profile(pdf: &mut Pdf, id: Ref) -> Result<()> {
    let packed = super::content::compressed(&srgb_profile()?)?;
    let mut stream = pdf.icc_profile(id, &packed);
    stream.n(3).filter(Filter::FlateDecode);
    Ok(())
}

/// Adds the catalog's `/OutputIntents`: one PDF/A intent, sRGB, its
/// profile the stream `profile`.
pub(super) fn output_intent(catalog: &mut pdf_writer::writers::Catalog<'_>, profile: Ref) {
    catalog
        .output_intents()
        .push()
        .subtype(OutputIntentSubtype::PDFA)
        .output_condition_identifier(TextStr("sRGB IEC61966-2.1"))
        .info(TextStr("sRGB IEC61966-2.1"))
        .dest_output_profile(profile);
}

/// Declares PDF/A-2a in the XMP `writer`, and describes `pdfuaid:part`
/// (written by the caller) in an extension schema.
pub(super) fn declare(writer: &mut XmpWriter<'_>) {
    writer.pdfa_part(PART).pdfa_conformance(CONFORMANCE);
    writer
        .extension_schemas()
        .pdfua_id()
        .properties()
        .describe_part();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_profile_is_an_rgb_display_profile_of_version_4() {
        let bytes = srgb_profile().expect("encodes");
        let size = u32::from_be_bytes(bytes[0..4].try_into().unwrap()) as usize;
        assert_eq!(size, bytes.len(), "the header's size");
        assert_eq!(size % 4, 0);
        assert_eq!(&bytes[8..12], &[4, 0x20, 0, 0], "version 4.2");
        assert_eq!(&bytes[12..16], b"mntr");
        assert_eq!(&bytes[16..20], b"RGB ");
        assert_eq!(&bytes[20..24], b"XYZ ");
        assert_eq!(&bytes[36..40], b"acsp");
        // No version 4.4 tag (`cicp`) in the tag table.
        let count = u32::from_be_bytes(bytes[128..132].try_into().unwrap()) as usize;
        let tags: Vec<&[u8]> = (0..count)
            .map(|i| &bytes[132 + 12 * i..136 + 12 * i])
            .collect();
        for tag in [
            b"rXYZ", b"gXYZ", b"bXYZ", b"rTRC", b"gTRC", b"bTRC", b"wtpt", b"desc",
        ] {
            assert!(
                tags.contains(&&tag[..]),
                "{:?}",
                String::from_utf8_lossy(tag)
            );
        }
        assert!(!tags.contains(&&b"cicp"[..]));
        for i in 0..count {
            let entry = &bytes[132 + 12 * i..144 + 12 * i];
            let offset = u32::from_be_bytes(entry[4..8].try_into().unwrap()) as usize;
            let size = u32::from_be_bytes(entry[8..12].try_into().unwrap()) as usize;
            assert_eq!(offset % 4, 0, "tag {i} at {offset}");
            assert!(offset + size <= bytes.len());
        }
    }

    #[test]
    fn aligning_keeps_every_tag_s_data_and_refuses_a_broken_table() {
        let mut profile = moxcms::ColorProfile::new_srgb();
        profile.cicp = None;
        let packed = profile.encode().expect("encodes");
        let laid_out = aligned(&packed).expect("aligns");
        let tag = |icc: &[u8], i: usize| {
            let entry = &icc[132 + 12 * i..144 + 12 * i];
            let offset = u32::from_be_bytes(entry[4..8].try_into().unwrap()) as usize;
            let size = u32::from_be_bytes(entry[8..12].try_into().unwrap()) as usize;
            (entry[..4].to_vec(), icc[offset..offset + size].to_vec())
        };
        let count = u32::from_be_bytes(packed[128..132].try_into().unwrap()) as usize;
        for i in 0..count {
            assert_eq!(tag(&packed, i), tag(&laid_out, i));
        }
        assert_eq!(laid_out[4..128], packed[4..128]);
        let mut broken = packed.clone();
        broken[132 + 8..132 + 12].copy_from_slice(&u32::MAX.to_be_bytes());
        assert!(aligned(&broken).is_none());
        assert!(aligned(&packed[..100]).is_none());
    }

    #[test]
    fn the_profile_reads_back_as_srgb_and_is_the_same_bytes_twice() {
        let bytes = srgb_profile().expect("encodes");
        assert_eq!(bytes, srgb_profile().expect("encodes"));
        assert_eq!(&bytes[24..36], &[7, 234, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0]);
        let read = moxcms::ColorProfile::new_from_slice(&bytes).expect("moxcms reads it");
        let srgb = moxcms::ColorProfile::new_srgb();
        assert_eq!(read.color_space, moxcms::DataColorSpace::Rgb);
        for (a, b) in [
            (read.red_colorant, srgb.red_colorant),
            (read.green_colorant, srgb.green_colorant),
            (read.blue_colorant, srgb.blue_colorant),
        ] {
            assert!(
                (a.x - b.x).abs() < 1e-3 && (a.y - b.y).abs() < 1e-3 && (a.z - b.z).abs() < 1e-3
            );
        }
        // Converts like the sRGB it stands for: white stays white.
        let transform = read
            .create_transform_8bit(
                moxcms::Layout::Rgb,
                &srgb,
                moxcms::Layout::Rgb,
                moxcms::TransformOptions::default(),
            )
            .expect("a transform");
        let mut out = [0u8; 6];
        transform
            .transform(&[255, 255, 255, 200, 30, 90], &mut out)
            .expect("converts");
        assert_eq!(&out[..3], &[255, 255, 255]);
        for (a, b) in out[3..].iter().zip([200u8, 30, 90]) {
            assert!(a.abs_diff(b) <= 1, "{out:?}");
        }
    }

    #[test]
    fn the_xmp_declares_pdf_a_2a_and_describes_pdfuaid() {
        let mut writer = XmpWriter::new();
        writer.pdfua_part(1);
        declare(&mut writer);
        let packet = writer.finish(None);
        assert!(packet.contains("<pdfaid:part>2</pdfaid:part>"), "{packet}");
        assert!(
            packet.contains("<pdfaid:conformance>A</pdfaid:conformance>"),
            "{packet}"
        );
        assert!(
            packet.contains("<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>"),
            "{packet}"
        );
        assert!(
            packet.contains("<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>"),
            "{packet}"
        );
        assert!(
            packet.contains("<pdfaProperty:name>part</pdfaProperty:name>"),
            "{packet}"
        );
    }
}
