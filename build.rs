//! Deflates the shipped faces (`fonts/*.ttf`) into `OUT_DIR`, where
//! `src/fonts.rs` includes them: 4.5 MB of TrueType are 2.2 MB in the
//! binary, inflated together (in parallel) the first time a face is asked for.

use flate2::write::DeflateEncoder;
use flate2::Compression;
use std::io::Write;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("cargo::rerun-if-changed=fonts");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("cargo sets OUT_DIR")?);
    for entry in std::fs::read_dir("fonts")? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "ttf") {
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .ok_or("a file name")?;
            let mut deflated = DeflateEncoder::new(Vec::new(), Compression::best());
            deflated.write_all(&std::fs::read(&path)?)?;
            std::fs::write(out.join(format!("{name}.deflate")), deflated.finish()?)?;
        }
    }
    Ok(())
}
