//! Reading files: bounded, UTF-8 checked, confined to the manuscript folder;
//! finding the Markdown files of a folder, and naming their parts.

use super::{MAX_TEXT_BYTES, NOT_CHAPTERS, SKIPPED_FOLDERS};
use crate::error::{Error, ErrorKind, Location};
use crate::passes;
use std::path::{Path, PathBuf};

/// Reads a text file of at most [`MAX_TEXT_BYTES`], dropping a UTF-8 byte
/// order mark at its start and rejecting invalid UTF-8 with the line of the
/// first bad byte.
pub fn read_text(path: &Path) -> Result<String, Error> {
    const BOM: &[u8] = b"\xEF\xBB\xBF";
    let mut bytes =
        read_bounded(path, MAX_TEXT_BYTES).map_err(|kind| Error::at(Location::file(path), kind))?;
    if bytes.starts_with(BOM) {
        bytes.drain(..BOM.len());
    }
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..offset]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        Error::at(
            Location::line(path, line),
            ErrorKind::InvalidUtf8 { offset },
        )
    })
}

/// The bytes of a file of at most `limit` bytes.
pub(super) fn read_bounded(path: &Path, limit: u64) -> Result<Vec<u8>, ErrorKind> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    let size = file.metadata()?.len();
    if size > limit {
        return Err(ErrorKind::TooLarge { size, limit });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    // The file may grow while it is read: never read more than the limit.
    file.take(limit + 1).read_to_end(&mut bytes)?;
    let size = bytes.len() as u64;
    if size > limit {
        return Err(ErrorKind::TooLarge { size, limit });
    }
    Ok(bytes)
}

/// Where `file` (relative to the manuscript folder `dir`) really is once
/// symbolic links are followed: an error unless that is inside `root`, the
/// real path of the manuscript folder.
pub(crate) fn confined(dir: &Path, root: &Path, file: &str) -> Result<PathBuf, ErrorKind> {
    let real = dir.join(file).canonicalize()?;
    if real.starts_with(root) {
        Ok(real)
    } else {
        Err(ErrorKind::OutsideManuscript {
            path: file.to_string(),
            target: real,
        })
    }
}

/// Whether a top-level file is a note about the book ([`NOT_CHAPTERS`]).
pub(crate) fn is_note(file: &str) -> bool {
    let stem = file.trim_end_matches(".md").to_ascii_lowercase();
    !file.contains('/') && NOT_CHAPTERS.contains(&stem.as_str())
}

/// Every `.md` file in the manuscript folder tree, relative to it (`/`
/// separators): the top-level ones first, each group in natural order
/// (`2-x.md` before `10-y.md`). Hidden entries, [`SKIPPED_FOLDERS`] and
/// symbolic links to folders are not entered, so a link loop cannot hang the
/// search; a symbolic link named `*.md` is listed, to be followed and
/// confined when it is used.
pub(crate) fn markdown_files(dir: &Path) -> Result<Vec<String>, Error> {
    let mut files = Vec::new();
    let mut folders = vec![String::new()];
    while let Some(folder) = folders.pop() {
        let path = dir.join(&folder);
        let fail = |e| Error::at(Location::file(&path), ErrorKind::Io(e));
        for entry in std::fs::read_dir(&path).map_err(fail)? {
            let entry = entry.map_err(fail)?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            let relative = if folder.is_empty() {
                name.clone()
            } else {
                format!("{folder}/{name}")
            };
            if entry.file_type().map_err(fail)?.is_dir() {
                if !SKIPPED_FOLDERS.contains(&name.as_str()) {
                    folders.push(relative);
                }
            } else if name.ends_with(".md") {
                files.push(relative);
            }
        }
    }
    // Each name cut into its runs once, not once per comparison.
    let mut keyed: Vec<_> = files
        .iter()
        .map(|f| (f.contains('/'), chunks(f), f.as_str()))
        .collect();
    keyed.sort_by(|(nested_a, ca, a), (nested_b, cb, b)| {
        nested_a
            .cmp(nested_b)
            .then_with(|| chunks_cmp(ca, cb, a, b))
    });
    Ok(keyed.into_iter().map(|(_, _, f)| f.to_string()).collect())
}

/// Compares names so that runs of digits compare by value.
pub fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    chunks_cmp(&chunks(a), &chunks(b), a, b)
}

/// `s` cut into runs of digits and of other characters, each marked
/// whether it is digits.
fn chunks(s: &str) -> Vec<(bool, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = s.as_bytes();
    for i in 1..=bytes.len() {
        if i == bytes.len() || bytes[i].is_ascii_digit() != bytes[start].is_ascii_digit() {
            out.push((bytes[start].is_ascii_digit(), &s[start..i]));
            start = i;
        }
    }
    out
}

/// [`natural_cmp`] of `a` and `b`, cut into `ca` and `cb` by [`chunks`].
fn chunks_cmp(ca: &[(bool, &str)], cb: &[(bool, &str)], a: &str, b: &str) -> std::cmp::Ordering {
    for (x, y) in ca.iter().zip(cb) {
        let order = match (x, y) {
            ((true, x), (true, y)) => {
                let (x, y) = (x.trim_start_matches('0'), y.trim_start_matches('0'));
                x.len().cmp(&y.len()).then(x.cmp(y))
            }
            ((_, x), (_, y)) => x.cmp(y),
        };
        if order.is_ne() {
            return order;
        }
    }
    ca.len().cmp(&cb.len()).then(a.cmp(b))
}

/// A part's id from its file name: the stem without a leading number
/// (`03-road-to-the-euphrates.md` → `road-to-the-euphrates`), slugged.
pub(crate) fn file_id(file: &str) -> String {
    let stem = file
        .rsplit('/')
        .next()
        .unwrap_or(file)
        .trim_end_matches(".md");
    let unnumbered = stem
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .trim_start_matches(['-', '_', '.', ' ']);
    passes::ids::slug(if unnumbered.is_empty() {
        stem
    } else {
        unnumbered
    })
}
