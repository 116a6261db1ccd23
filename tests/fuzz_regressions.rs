//! Every crash the fuzzer found, minimised and saved as
//! `fuzz/regressions/TARGET/NAME`, replayed through the same code as its fuzz
//! target (`fuzz/targets/entry.rs`, included here): each must now end in a
//! result or an error, never a panic.

#[path = "../fuzz/targets/entry.rs"]
mod entry;

use std::path::{Path, PathBuf};

/// The files of a folder, sorted.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("a folder entry").path())
        .collect();
    files.sort();
    files
}

#[test]
fn every_saved_crash_now_ends_without_a_panic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let mut replayed = 0;
    for folder in files(&root) {
        let target = folder.file_name().unwrap_or_default().to_string_lossy();
        let run: fn(&[u8]) = match target.as_ref() {
            "markdown" => entry::markdown,
            "book_toml" => entry::book_toml,
            "manuscript" => entry::manuscript,
            other => panic!("fuzz/regressions/{other}: there is no fuzz target `{other}`"),
        };
        for input in files(&folder) {
            let bytes = std::fs::read(&input).expect("a saved input");
            let outcome = std::panic::catch_unwind(|| run(&bytes));
            assert!(outcome.is_ok(), "{} still panics", input.display());
            replayed += 1;
        }
    }
    assert!(replayed > 0, "fuzz/regressions holds the crashes found");
}
