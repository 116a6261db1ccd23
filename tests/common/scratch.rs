//! Copies of the test fixtures in temporary folders, to break in a test.

use std::fs;
use std::path::Path;

/// A copy of the torture manuscript (`tests/fixtures/torture`) in a
/// temporary folder, removed when dropped.
pub fn torture_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(Path::new("tests/fixtures/torture"), dir.path());
    dir
}

/// Copies the folder `from`, recursively, to `to`.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Replaces `from` with `to` in the file `name` of the folder `dir`.
pub fn edit(dir: &Path, name: &str, from: &str, to: &str) {
    let path = dir.join(name);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{name} has no `{from}` to replace");
    fs::write(&path, text.replace(from, to)).unwrap();
}

/// Runs the `quire` binary with `args`, with no `SOURCE_DATE_EPOCH`.
pub fn quire(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_quire"))
        .args(args)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("quire runs")
}
