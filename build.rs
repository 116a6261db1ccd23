//! Stores the binary's large data deflated in `OUT_DIR`, where the code
//! includes it and inflates only what a run asks for:
//!
//! - the shipped faces (`fonts/*.ttf`, 4.5 MB of TrueType, 2.0 MB deflated,
//!   the tables that several faces have byte for byte stored once), for
//!   `src/fonts.rs`, each with a table of the characters it has (read
//!   from its `cmap` here), so that a run can ask which face has a character
//!   without inflating any;
//! - the hyphenation dictionaries of every language the `hyphenation` crate
//!   has (its `embed_all` build, read here only), as `dictionaries.rs`: a table
//!   of language codes and deflated bincode dictionaries (or, for one
//!   that differs from another in a few bytes, those bytes) for
//!   `src/layout/hyphenate.rs`, which inflates a language's dictionary the
//!   first time a book in that language is typeset;
//! - the transliteration of every character into the letters, digits and
//!   hyphens it gives an id (`deunicode`'s, read here only), in deflated
//!   blocks for `src/passes/ids/ascii.rs`, which inflates a block the first
//!   time an id needs one of its characters;
//! - for the release binary, its link arguments: relative relocations packed,
//!   no unwind tables, identical code and constants kept once.

#[path = "src/passes/ids/id_char.rs"]
mod id_char;

use hyphenation::{Language, Load, Standard};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

type Error = Box<dyn std::error::Error + Send + Sync>;

fn main() -> Result<(), Error> {
    println!("cargo::rerun-if-changed=fonts");
    println!("cargo::rerun-if-changed=build.rs");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("cargo sets OUT_DIR")?);
    // Deflating is the build script's time (zopfli: about a minute of CPU in
    // all, the faces half of it), so the three kinds are stored side by side.
    std::thread::scope(|scope| {
        let stored = [
            scope.spawn(|| faces(&out)),
            scope.spawn(|| dictionaries(&out)),
            scope.spawn(|| transliterations(&out)),
        ];
        stored
            .into_iter()
            .try_for_each(|thread| thread.join().map_err(|_| "a build thread panicked")?)
    })?;
    link_arguments(&out)?;
    Ok(())
}

/// The release binary's link arguments, on x86-64 Linux with glibc only,
/// where rustc 1.90 and later link with LLD (hence `rust-version`); any other
/// target links as rustc chooses.
fn link_arguments(out: &Path) -> Result<(), Error> {
    let var = |name: &str| std::env::var(name).unwrap_or_default();
    if var("PROFILE") != "release" || var("TARGET") != "x86_64-unknown-linux-gnu" {
        return Ok(());
    }
    // Relative relocations packed (DT_RELR): 0.6 MB of `.rela.dyn` become
    // a few kB. The release binary then needs glibc 2.36 or later.
    println!("cargo::rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    if var("DEBUG") == "true" {
        // Unwind tables kept in a build with debug information (profiling:
        // `perf` unwinds with them).
        return Ok(());
    }
    // No unwind tables (`.eh_frame`, `.eh_frame_hdr`: 0.6 MB). The release
    // profile aborts on a panic (`panic = "abort"`; a build script cannot see
    // that setting, so keep the two together), so nothing unwinds: a panic
    // still prints its message and aborts, only its backtrace (of a stripped
    // binary, addresses without names) is empty.
    let script = out.join("no-unwind-tables.ld");
    std::fs::write(
        &script,
        "SECTIONS { /DISCARD/ : { *(.eh_frame) *(.eh_frame_hdr) *(.gcc_except_table*) } }\n\
         INSERT AFTER .text;\n",
    )?;
    println!("cargo::rustc-link-arg-bins=-Wl,-T,{}", script.display());
    // Identical functions and constants kept once (LLD folds them; Rust
    // promises no distinct addresses).
    println!("cargo::rustc-link-arg-bins=-Wl,--icf=all");
    Ok(())
}

/// `data` deflated by zopfli, with its default 15 iterations: 4.6 % smaller
/// than zlib's best on what the binary stores (3,300,153 B against
/// 3,462,696 B), in the format flate2 inflates at run time, as fast.
fn deflate(data: &[u8]) -> Result<Vec<u8>, Error> {
    let mut deflated = Vec::new();
    zopfli::compress(
        zopfli::Options::default(),
        zopfli::Format::Deflate,
        data,
        &mut deflated,
    )?;
    Ok(deflated)
}

/// The shortest table stored once for the faces that have it byte for byte.
const SHARED_TABLE_MIN: usize = 64;

/// The tables of the font `data` as `(offset, length)` in its directory's
/// order (ttf-parser's reading of it; none if it does not read: such a face
/// then shares none).
fn tables(data: &[u8]) -> Vec<(usize, usize)> {
    let Ok(face) = ttf_parser::RawFace::parse(data, 0) else {
        return Vec::new();
    };
    face.table_records
        .into_iter()
        .map(|record| (record.offset as usize, record.length as usize))
        .take_while(|&(offset, length)| data.get(offset..offset + length).is_some())
        .collect()
}

/// Writes the shipped faces for `src/fonts.rs`: the tables that two or
/// more faces have byte for byte (the four Charis faces share their `cmap`,
/// `GSUB`, `GDEF` and more) once, deflated as `OUT_DIR/shared-tables.deflate`
/// with `OUT_DIR/shared-tables.rs` (its size inflated and its bytes); and for
/// each `fonts/NAME.ttf` the rest of the file deflated as
/// `OUT_DIR/NAME.ttf.deflate`, with `OUT_DIR/NAME.ttf.rs`, the face as
/// `src/fonts.rs` holds it: a `Shipped` with its file name, its size, its
/// deflated bytes, where the shared tables go back in and the characters it has.
fn faces(out: &Path) -> Result<(), Error> {
    let mut faces = Vec::new();
    for entry in std::fs::read_dir("fonts")? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "ttf") {
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .ok_or("a file name")?
                .to_string();
            faces.push((name, std::fs::read(&path)?));
        }
    }
    // In name order, so that the shared tables are the same bytes on every machine.
    faces.sort();
    let mut faces_with: BTreeMap<&[u8], usize> = BTreeMap::new();
    for (_, data) in &faces {
        let mut own: Vec<&[u8]> = tables(data)
            .into_iter()
            .map(|(at, n)| &data[at..at + n])
            .collect();
        own.sort();
        own.dedup();
        for table in own.into_iter().filter(|t| t.len() >= SHARED_TABLE_MIN) {
            *faces_with.entry(table).or_default() += 1;
        }
    }
    let mut shared: Vec<u8> = Vec::new();
    let mut shared_at: BTreeMap<&[u8], usize> = BTreeMap::new();
    for (name, data) in &faces {
        let ranges = coverage(data).map_err(|e| format!("fonts/{name}: {e}"))?;
        // The shared tables in file order, none overlapping another.
        let mut splices: Vec<(usize, usize, usize)> = Vec::new();
        let mut by_offset = tables(data);
        by_offset.sort();
        for (at, n) in by_offset {
            let table = &data[at..at + n];
            let overlaps = splices
                .last()
                .is_some_and(|&(last, _, len)| at < last + len);
            if faces_with.get(table).is_some_and(|&k| k > 1) && !overlaps {
                let from = *shared_at.entry(table).or_insert_with(|| {
                    shared.extend_from_slice(table);
                    shared.len() - n
                });
                splices.push((at, from, n));
            }
        }
        let mut rest = Vec::with_capacity(data.len());
        let mut next = 0;
        for &(at, _, n) in &splices {
            rest.extend_from_slice(&data[next..at]);
            next = at + n;
        }
        rest.extend_from_slice(&data[next..]);
        std::fs::write(out.join(format!("{name}.deflate")), deflate(&rest)?)?;
        let mut shipped = format!(
            "Shipped {{\n    file_name: {name:?},\n    size: {},\n    \
             deflated: include_bytes!(concat!(env!(\"OUT_DIR\"), \"/{name}.deflate\")),\n    \
             shared: &{splices:?},\n    covers: &[\n",
            data.len()
        );
        for (first, last) in ranges {
            writeln!(shipped, "        ({first:#x}, {last:#x}),")?;
        }
        shipped.push_str("    ],\n}\n");
        std::fs::write(out.join(format!("{name}.rs")), shipped)?;
    }
    std::fs::write(out.join("shared-tables.deflate"), deflate(&shared)?)?;
    std::fs::write(
        out.join("shared-tables.rs"),
        format!(
            "({}, include_bytes!(concat!(env!(\"OUT_DIR\"), \"/shared-tables.deflate\")))\n",
            shared.len()
        ),
    )?;
    Ok(())
}

/// The characters the font `data` has a glyph for, as ttf-parser's
/// `Face::glyph_index` answers (what the layout and the coverage check
/// ask), in ranges of consecutive code points, first and last, in order.
/// The face must parse: the shaper parses it again, lazily, at run time
/// (rustybuzz's `Face::from_slice` fails only where this does).
fn coverage(data: &[u8]) -> Result<Vec<(u32, u32)>, Error> {
    let face = ttf_parser::Face::parse(data, 0)?;
    // Every code point of the Basic Multilingual Plane, and beyond it every
    // one some Unicode subtable names; `glyph_index` asks those subtables
    // only, and says which of them have a glyph. (Not only the named ones
    // in the BMP: `codepoints` leaves out a format 4 subtable's closing
    // U+FFFF segment, which `glyph_index` answers.) A unit test compares
    // the table with `glyph_index` for every code point.
    let mut named: std::collections::BTreeSet<u32> = (0..=0xFFFF).collect();
    for subtable in face.tables().cmap.into_iter().flat_map(|c| c.subtables) {
        if subtable.is_unicode() {
            subtable.codepoints(|c| {
                named.insert(c);
            });
        }
    }
    let mut ranges: Vec<(u32, u32)> = Vec::new();
    for c in named.into_iter().filter_map(char::from_u32) {
        if face.glyph_index(c).is_none() {
            continue;
        }
        let c = u32::from(c);
        match ranges.last_mut() {
            Some((_, last)) if *last + 1 == c => *last = c,
            _ => ranges.push((c, c)),
        }
    }
    Ok(ranges)
}

/// Every language the `hyphenation` crate names, in its order: bincode
/// writes an enum as its variant's index, so the indices that read back are
/// the languages.
fn languages() -> Vec<Language> {
    (0u32..)
        .map_while(|i| bincode::deserialize::<Language>(&i.to_le_bytes()).ok())
        .collect()
}

/// `dictionary` as bincode, with its exceptions in word order: the crate
/// keeps them in a `HashMap`, whose order changes from run to run, and the
/// binary must be the same bytes from the same sources. Bincode writes a
/// struct as its fields one after the other, the exceptions and the minima
/// last, so the bytes before them are kept and the two written again.
fn canonical(dictionary: &Standard) -> Result<Vec<u8>, Error> {
    let mut bytes = bincode::serialize(dictionary)?;
    let tail = bincode::serialized_size(&dictionary.exceptions)?
        + bincode::serialized_size(&dictionary.minima)?;
    let head = bytes
        .len()
        .checked_sub(usize::try_from(tail)?)
        .ok_or("a dictionary shorter than its exceptions")?;
    bytes.truncate(head);
    let sorted: BTreeMap<&String, &Vec<usize>> = dictionary.exceptions.0.iter().collect();
    bytes.extend(bincode::serialize(&sorted)?);
    bytes.extend(bincode::serialize(&dictionary.minima)?);
    // What is stored reads back as the same dictionary.
    let again = Standard::from_reader(dictionary.language(), &mut bytes.as_slice())?;
    if again.exceptions != dictionary.exceptions || again.minima != dictionary.minima {
        return Err(format!("{} did not read back", dictionary.language().code()).into());
    }
    Ok(bytes)
}

/// How many bytes a dictionary may differ in from another of the same
/// length to be stored as that one and the differences.
const DICTIONARY_LIKE_MAX: usize = 16;

/// Writes each language's dictionary deflated as `OUT_DIR/hyph-CODE.deflate`
/// and the table `OUT_DIR/dictionaries.rs` naming them: a `&[(&str,
/// Stored)]` of language codes and stored dictionaries, in code order. A
/// dictionary that differs from one before it in a few bytes only (Nynorsk
/// and Bokmål have the same patterns) is stored as that one's code and
/// the bytes that differ, `Stored::Like`; the others as `Stored::Deflated`.
fn dictionaries(out: &Path) -> Result<(), Error> {
    let mut entries = BTreeMap::new();
    for language in languages() {
        // A language without patterns of its own (none today) is left out:
        // it is not hyphenated.
        let Ok(dictionary) = Standard::from_embedded(language) else {
            continue;
        };
        entries.insert(language.code(), canonical(&dictionary)?);
    }
    if entries.is_empty() {
        return Err("the hyphenation crate embeds no dictionary".into());
    }
    let mut table = String::from("&[\n");
    let mut whole: Vec<(&str, &[u8])> = Vec::new();
    for (code, bytes) in &entries {
        let like = whole
            .iter()
            .filter(|(_, stored)| stored.len() == bytes.len())
            .find_map(|(base, stored)| {
                let differ: Vec<(usize, u8)> = bytes
                    .iter()
                    .zip(stored.iter())
                    .enumerate()
                    .filter(|(_, (b, s))| b != s)
                    .map(|(i, (&b, _))| (i, b))
                    .collect();
                (!differ.is_empty() && differ.len() <= DICTIONARY_LIKE_MAX)
                    .then_some((*base, differ))
            });
        if let Some((base, differ)) = like {
            writeln!(
                table,
                "    ({code:?}, Stored::Like({base:?}, &{differ:?})),"
            )?;
        } else {
            let file = format!("hyph-{code}.deflate");
            std::fs::write(out.join(&file), deflate(bytes)?)?;
            writeln!(
                table,
                "    ({code:?}, Stored::Deflated(include_bytes!(concat!(env!(\"OUT_DIR\"), \"/{file}\")))),"
            )?;
            whole.push((code, bytes));
        }
    }
    table.push_str("]\n");
    std::fs::write(out.join("dictionaries.rs"), table)?;
    Ok(())
}

/// How many code points a block of transliterations holds.
const TRANSLITERATION_BLOCK: u32 = 4096;

/// What `c` gives an id: `deunicode`'s transliteration, each of its
/// characters as `id_char` says (the file `slug` reads too: letters and
/// digits in lower case, separators a hyphen, the rest dropped), a run of
/// hyphens as one; an unknown character gives nothing.
fn slug_letters(c: char) -> String {
    let mut out = String::new();
    let letters = deunicode::deunicode_char(c).unwrap_or("").chars();
    for t in letters.filter_map(id_char::id_char) {
        if t != '-' || !out.ends_with('-') {
            out.push(t);
        }
    }
    out
}

/// Writes what each character gives an id ([`slug_letters`]) in blocks of
/// [`TRANSLITERATION_BLOCK`] code points, up to the last character
/// `deunicode` knows: each block its characters' letters, one line each,
/// deflated as `OUT_DIR/ascii-N.deflate`; and `OUT_DIR/ascii.rs`, the block
/// size and the blocks, `(u32, &[&[u8]])`.
fn transliterations(out: &Path) -> Result<(), Error> {
    let last = (0..=u32::from(char::MAX))
        .rev()
        .filter_map(char::from_u32)
        .find(|&c| deunicode::deunicode_char(c).is_some())
        .ok_or("deunicode knows no character")?;
    let mut table = format!("({TRANSLITERATION_BLOCK}, &[\n");
    for block in 0..=u32::from(last) / TRANSLITERATION_BLOCK {
        let lines: Vec<String> = (block * TRANSLITERATION_BLOCK
            ..(block + 1) * TRANSLITERATION_BLOCK)
            .map(|c| char::from_u32(c).map(slug_letters).unwrap_or_default())
            .collect();
        let file = format!("ascii-{block}.deflate");
        std::fs::write(out.join(&file), deflate(lines.join("\n").as_bytes())?)?;
        writeln!(
            table,
            "    include_bytes!(concat!(env!(\"OUT_DIR\"), \"/{file}\")),"
        )?;
    }
    table.push_str("])\n");
    std::fs::write(out.join("ascii.rs"), table)?;
    Ok(())
}
