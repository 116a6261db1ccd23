//! Stores the binary's large data deflated in `OUT_DIR`, where the code
//! includes it and inflates only what a run asks for:
//!
//! - the shipped faces (`fonts/*.ttf`, 4.5 MB of TrueType, 2.2 MB deflated),
//!   for `src/fonts.rs`, each with a table of the characters it has (read
//!   from its `cmap` here), so that a run can ask which face has a character
//!   without inflating any;
//! - the hyphenation dictionaries of every language the `hyphenation` crate
//!   has (its `embed_all` build, read here only), as `dictionaries.rs`: a table
//!   of language codes and deflated bincode dictionaries for
//!   `src/layout/hyphenate.rs`, which inflates a language's dictionary the
//!   first time a book in that language is typeset;
//! - the syntaxes of `two-face` (its `extra_newlines` set, syntect's binary
//!   dump) as `syntaxes.deflate`, for `src/passes/highlight/`: syntect keeps
//!   each syntax's contexts deflated on its own (0.96 MB in all); they are
//!   stored inflated inside one dump deflated as a whole (0.80 MB), which the
//!   highlight pass inflates the first time a book has code;
//! - for the release binary, its link arguments: relative relocations packed,
//!   no unwind tables, identical code and constants kept once.

use flate2::write::DeflateEncoder;
use flate2::Compression;
use hyphenation::{Language, Load, Standard};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};

type Error = Box<dyn std::error::Error>;

fn main() -> Result<(), Error> {
    println!("cargo::rerun-if-changed=fonts");
    println!("cargo::rerun-if-changed=build.rs");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("cargo sets OUT_DIR")?);
    faces(&out)?;
    dictionaries(&out)?;
    syntaxes(&out)?;
    if std::env::var("PROFILE").as_deref() == Ok("release") {
        // Relative relocations packed (DT_RELR): 0.6 MB of `.rela.dyn` become
        // a few kB. The release binary then needs glibc 2.36 or later.
        println!("cargo::rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
    let debug = std::env::var("DEBUG").as_deref() == Ok("true");
    if std::env::var("PROFILE").as_deref() == Ok("release") && !debug {
        // No unwind tables (`.eh_frame`, `.eh_frame_hdr`: 0.6 MB). The
        // release profile aborts on a panic (`panic = "abort"`; a build
        // script cannot see that setting, so keep the two together), so
        // nothing unwinds: a panic still prints its message and aborts, only
        // its backtrace (of a stripped binary, addresses without names) is
        // empty. Kept in a build with debug information (profiling: `perf`
        // unwinds with them).
        let script = out.join("no-unwind-tables.ld");
        std::fs::write(
            &script,
            "SECTIONS { /DISCARD/ : { *(.eh_frame) *(.eh_frame_hdr) *(.gcc_except_table*) } }\n\
             INSERT AFTER .text;\n",
        )?;
        println!("cargo::rustc-link-arg-bins=-Wl,-T,{}", script.display());
        // Identical functions and constants kept once (rustc links with
        // LLD, which folds them; Rust promises no distinct addresses).
        println!("cargo::rustc-link-arg-bins=-Wl,--icf=all");
    }
    Ok(())
}

/// `data` deflated at the best compression.
fn deflate(data: &[u8]) -> Result<Vec<u8>, Error> {
    let mut deflated = DeflateEncoder::new(Vec::new(), Compression::best());
    deflated.write_all(data)?;
    Ok(deflated.finish()?)
}

/// Writes `fonts/NAME.ttf` deflated as `OUT_DIR/NAME.ttf.deflate`, and
/// `OUT_DIR/NAME.ttf.rs`: the face as `src/fonts.rs` holds it, a `Shipped`
/// with its file name, its size inflated, its deflated bytes and the
/// characters it has.
fn faces(out: &Path) -> Result<(), Error> {
    for entry in std::fs::read_dir("fonts")? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "ttf") {
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .ok_or("a file name")?;
            let data = std::fs::read(&path)?;
            let ranges = coverage(&data).map_err(|e| format!("fonts/{name}: {e}"))?;
            let deflated = deflate(&data)?;
            std::fs::write(out.join(format!("{name}.deflate")), deflated)?;
            let mut shipped = format!(
                "Shipped {{\n    file_name: {name:?},\n    size: {},\n    \
                 deflated: include_bytes!(concat!(env!(\"OUT_DIR\"), \"/{name}.deflate\")),\n    \
                 covers: &[\n",
                data.len()
            );
            for (first, last) in ranges {
                writeln!(shipped, "        ({first:#x}, {last:#x}),")?;
            }
            shipped.push_str("    ],\n}\n");
            std::fs::write(out.join(format!("{name}.rs")), shipped)?;
        }
    }
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

/// Writes each language's dictionary deflated as `OUT_DIR/hyph-CODE.deflate`
/// and the table `OUT_DIR/dictionaries.rs` naming them: a `&[(&str,
/// &[u8])]` of language codes and deflated dictionaries, in code order.
fn dictionaries(out: &Path) -> Result<(), Error> {
    let mut table = String::from("&[\n");
    let mut entries = BTreeMap::new();
    for language in languages() {
        // A language without patterns of its own (none today) is left out:
        // it is not hyphenated.
        let Ok(dictionary) = Standard::from_embedded(language) else {
            continue;
        };
        let bytes = canonical(&dictionary)?;
        let deflated = deflate(&bytes)?;
        let file = format!("hyph-{}.deflate", language.code());
        std::fs::write(out.join(&file), deflated)?;
        entries.insert(language.code(), file);
    }
    if entries.is_empty() {
        return Err("the hyphenation crate embeds no dictionary".into());
    }
    for (code, file) in entries {
        writeln!(
            table,
            "    ({code:?}, include_bytes!(concat!(env!(\"OUT_DIR\"), \"/{file}\"))),"
        )?;
    }
    table.push_str("]\n");
    std::fs::write(out.join("dictionaries.rs"), table)?;
    Ok(())
}

/// syntect's `SyntaxSet` as bincode writes it: its serialised fields, in
/// order (the build checks that the bytes read back the same).
#[derive(Serialize, Deserialize)]
struct SyntaxDump {
    syntaxes: Vec<SyntaxEntry>,
    path_syntaxes: Vec<(String, usize)>,
}

/// syntect's `SyntaxReference` as bincode writes it; `contexts` is its
/// lazily read part, zlib-compressed bincode.
#[derive(Serialize, Deserialize)]
struct SyntaxEntry {
    name: String,
    file_extensions: Vec<String>,
    scope: String,
    first_line_match: Option<String>,
    hidden: bool,
    variables: BTreeMap<String, String>,
    contexts: Vec<u8>,
}

/// Writes two-face's syntaxes (`extra_newlines`) as `OUT_DIR/syntaxes.deflate`:
/// syntect's dump with each syntax's contexts inflated (kept in zlib's
/// stored blocks, which syntect still reads), deflated as a whole — the
/// syntaxes share most of their words, which per-syntax compression cannot
/// see.
fn syntaxes(out: &Path) -> Result<(), Error> {
    use flate2::read::ZlibDecoder;
    use flate2::write::ZlibEncoder;
    use std::io::Read;
    let set = two_face::syntax::extra_newlines();
    let dump = bincode::serialize(&set)?;
    let mut mirror: SyntaxDump = bincode::deserialize(&dump)?;
    if bincode::serialize(&mirror)? != dump {
        return Err("syntect's syntax dump changed its layout: update build.rs".into());
    }
    for syntax in &mut mirror.syntaxes {
        let mut contexts = Vec::new();
        ZlibDecoder::new(syntax.contexts.as_slice()).read_to_end(&mut contexts)?;
        let mut stored = ZlibEncoder::new(Vec::new(), Compression::none());
        stored.write_all(&contexts)?;
        syntax.contexts = stored.finish()?;
    }
    let stored = bincode::serialize(&mirror)?;
    // What is stored reads back as the same syntaxes, each one's contexts
    // loading (syntect reads them on first use).
    let again: syntect::parsing::SyntaxSet = syntect::dumps::from_uncompressed_data(&stored)?;
    let names = |set: &syntect::parsing::SyntaxSet| -> Vec<String> {
        set.syntaxes().iter().map(|s| s.name.clone()).collect()
    };
    if names(&again) != names(&set) {
        return Err("the stored syntaxes did not read back".into());
    }
    for syntax in again.syntaxes() {
        // Resolving a syntax's main context loads its contexts.
        let mut state = syntect::parsing::ParseState::new(syntax);
        state.parse_line("", &again)?;
    }
    std::fs::write(out.join("syntaxes.deflate"), deflate(&stored)?)?;
    Ok(())
}
