//! pandoc-style books: one Markdown file (or a folder of them) with a YAML
//! metadata block, read as pandoc reads it and split into parts as pandoc
//! splits an EPUB (`--split-level=1`, `--epub-chapter-level=1` before
//! pandoc 3).
//!
//! - **Which folder.** A folder without `book.toml` is a pandoc book when it
//!   holds `metadata.yaml` (or `.yml`) or one of its top-level `.md` files
//!   opens with a YAML metadata block (`---` on its first line). Its
//!   top-level `.md` files (notes such as README excepted) are read in
//!   natural order, one after the other, as `pandoc *.md` reads them.
//! - **Metadata** ([`meta`]): every YAML block (a later one wins) and a `%`
//!   title block opening the book; missing keys are derived, with warnings.
//! - **Parts** ([`parts`]). Each top-level `#` heading opens a part; text before the
//!   first is a front-matter part titled with the book's title (pandoc makes
//!   it the first section). Leading `{.unnumbered}`/`{-}` parts are front
//!   matter, `{.appendix}` parts and every unnumbered part after the last
//!   numbered one are appendices; the rest are numbered chapters.
//! - **Rewrites** ([`rewrite`], put together per part by [`sources`]): every heading gets pandoc's identifier as
//!   an explicit `{#id}`; links `#id` to another part name that part; fenced
//!   divs and bracketed spans become `<div>`/`<span>` tags with their id and
//!   classes; footnote and link definitions go with the parts that use them;
//!   pandoc-only constructs are dropped or kept as written, warned about
//!   once per kind. Code is never rewritten, and every message names the
//!   file and line the author wrote.

mod attrs;
mod meta;
mod parts;
mod rewrite;
mod scan;
mod sources;

use crate::error::{ConfigError, Error, ErrorKind, Errors, Location, Warning};
use crate::lines::LineIndex;
use crate::manuscript::{self, Manuscript};
use meta::Metadata;
use rewrite::Notices;
use sources::sources;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// Files of a folder that hold only metadata, read first.
const METADATA_FILES: &[&str] = &["metadata.yaml", "metadata.yml"];

/// Whether `path` names a Markdown file quire reads as a pandoc book.
pub fn is_markdown_file(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// Whether `dir` is a pandoc-style book folder: no `book.toml`, and a
/// `metadata.yaml` or a top-level `.md` file opening with a YAML block.
pub fn is_pandoc_folder(dir: &Path) -> bool {
    if dir.join("book.toml").exists() {
        return false;
    }
    if METADATA_FILES.iter().any(|f| dir.join(f).is_file()) {
        return true;
    }
    chapter_files(dir).iter().any(|file| {
        manuscript::read_text(&dir.join(file))
            .is_ok_and(|text| text.lines().next().is_some_and(|l| l.trim_end() == "---"))
    })
}

/// The top-level `.md` files of a folder that are not notes, in natural order.
fn chapter_files(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<String> = entries
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_ok_and(|t| !t.is_dir()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md") && !n.starts_with('.') && !manuscript::is_note(n))
        .collect();
    files.sort_by(|a, b| manuscript::natural_cmp(a, b));
    files
}

/// One file of the book, read, its metadata blanked out, scanned.
struct Input {
    name: String,
    shown: PathBuf,
    text: String,
    lines: LineIndex,
    scan: scan::Scan,
}

/// Reads the pandoc book `path` (a Markdown file, or a folder as
/// [`is_pandoc_folder`] says) into the sources of a manuscript.
pub fn read(path: &Path, options: &crate::BuildOptions) -> Result<Manuscript, Errors> {
    let (dir, names) = if path.is_file() {
        let dir = path.parent().unwrap_or(Path::new("")).to_path_buf();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        (dir, vec![name])
    } else {
        (path.to_path_buf(), chapter_files(path))
    };
    let real_dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        &dir
    };
    let root = real_dir
        .canonicalize()
        .map_err(|e| Error::at(Location::file(real_dir), ErrorKind::Io(e)))?;
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let mut metadata = Metadata::default();
    for file in METADATA_FILES.iter().filter(|f| dir.join(f).is_file()) {
        let shown = dir.join(file);
        match read_confined(&dir, &root, file) {
            Ok(text) => {
                let (body, first) = match text.strip_prefix("---\n") {
                    Some(rest) => (rest, 2),
                    None => (text.as_str(), 1),
                };
                let body = body
                    .strip_suffix("...\n")
                    .or_else(|| body.strip_suffix("---\n"))
                    .unwrap_or(body);
                if let Err(e) =
                    metadata.read_yaml(body, &Location::file(&shown), first, &mut warnings)
                {
                    errors.push(e);
                }
            }
            Err(e) => errors.push(e),
        }
    }
    let mut inputs = Vec::new();
    for name in &names {
        let shown = dir.join(name);
        let text = match read_confined(&dir, &root, name) {
            Ok(text) => text,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let text = take_metadata(
            text,
            &shown,
            inputs.is_empty(),
            &mut metadata,
            &mut warnings,
            &mut errors,
        );
        let scan = scan::scan(&text);
        inputs.push(Input {
            name: name.clone(),
            shown,
            lines: LineIndex::new(&text),
            text,
            scan,
        });
    }
    if inputs.is_empty() && errors.is_empty() {
        errors.push(Error::at(
            Location::file(path),
            ErrorKind::Config(ConfigError::NoMarkdownFiles),
        ));
    }
    let fallback = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "book".into());
    let cover_from = metadata.cover.as_ref().map(|(_, at)| at.clone());
    let first_file = inputs
        .first()
        .map_or(path.to_path_buf(), |i| i.shown.clone());
    let config = metadata.into_config(
        &fallback,
        &Location::file(&first_file),
        options,
        &mut warnings,
    );
    let mut notices = Notices::default();
    let files = if errors.is_empty() {
        sources(&inputs, &config.title, &mut notices, &mut warnings)
    } else {
        Vec::new()
    };
    warnings.extend(notices.warnings());
    if path.is_dir() {
        warnings.extend(left_out(&dir, &names));
    }
    let ids = files
        .iter()
        .map(|f| (f.file.clone(), f.id.clone()))
        .collect();
    Ok(Manuscript {
        dir,
        root,
        config,
        config_text: String::new(),
        files,
        ids,
        errors,
        warnings,
        cover_from,
    })
}

/// Reads `file` of `dir`, which must lie inside the folder (`root`).
fn read_confined(dir: &Path, root: &Path, file: &str) -> Result<String, Error> {
    let shown = dir.join(file);
    manuscript::confined(dir, root, file)
        .map_err(|kind| Error::at(Location::file(&shown), kind))?;
    manuscript::read_text(&shown)
}

/// Warnings for the `.md` files of the folder the book does not read.
fn left_out(dir: &Path, names: &[String]) -> Vec<Warning> {
    let Ok(all) = manuscript::markdown_files(dir) else {
        return Vec::new();
    };
    all.into_iter()
        .filter(|f| !names.contains(f))
        .map(|f| {
            Warning::at(
                Location::file(dir.join(&f)),
                format!("`{f}` is not part of the book: a pandoc-style folder reads its top-level `.md` files, notes such as README excepted"),
            )
        })
        .collect()
}

/// Reads the metadata of `text` (a `%` title block when `first`, then
/// every YAML metadata block) into `metadata`, and returns the text with
/// those lines emptied, so that every other line keeps its number.
fn take_metadata(
    mut text: String,
    shown: &Path,
    first: bool,
    metadata: &mut Metadata,
    warnings: &mut Vec<Warning>,
    errors: &mut Vec<Error>,
) -> String {
    if first {
        if let Some((block, lines)) = meta::title_block(&text, shown) {
            metadata.update(block);
            let end = text.split_inclusive('\n').take(lines).map(str::len).sum();
            blank(&mut text, 0..end);
        }
    }
    let code = scan::scan(&text);
    let lines: Vec<(usize, &str)> = text
        .split_inclusive('\n')
        .scan(0, |start, line| {
            let at = *start;
            *start += line.len();
            Some((at, line.trim_end_matches(['\n', '\r'])))
        })
        .collect();
    let mut blocks = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let (start, line) = lines[i];
        let opens = line.trim_end() == "---"
            && (i == 0 || lines[i - 1].1.trim().is_empty())
            && lines.get(i + 1).is_some_and(|l| !l.1.trim().is_empty())
            && !code.is_protected(start);
        let close = opens
            .then(|| (i + 1..lines.len()).find(|&j| matches!(lines[j].1.trim_end(), "---" | "...")))
            .flatten();
        let Some(close) = close else {
            i += 1;
            continue;
        };
        let body_start = lines[i + 1].0;
        let body_end = lines[close].0;
        let end = lines.get(close + 1).map_or(text.len(), |l| l.0);
        let mut block = Metadata::default();
        let mut found = Vec::new();
        match block.read_yaml(
            &text[body_start..body_end],
            &Location::file(shown),
            i + 2,
            &mut found,
        ) {
            Ok(()) => {
                metadata.update(block);
                warnings.extend(found);
                blocks.push(start..end);
                i = close + 1;
            }
            // Only a block opening the file must be metadata; elsewhere
            // `---` may be a rule or a heading's underline.
            Err(e) if i == 0 => {
                errors.push(e);
                blocks.push(start..end);
                i = close + 1;
            }
            Err(_) => i += 1,
        }
    }
    for range in blocks {
        blank(&mut text, range);
    }
    text
}

/// Empties the lines of `range`, keeping their line ends.
fn blank(text: &mut String, range: Range<usize>) {
    let newlines = "\n".repeat(text[range.clone()].matches('\n').count());
    text.replace_range(range, &newlines);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ChapterKind;

    fn book(text: &str) -> (tempfile::TempDir, Manuscript) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("b.md"), text).unwrap();
        let manuscript = read(&dir.path().join("b.md"), &Default::default()).unwrap();
        (dir, manuscript)
    }

    fn kinds_of(m: &Manuscript) -> Vec<(ChapterKind, &str)> {
        m.files.iter().map(|f| (f.kind, f.id.as_str())).collect()
    }

    #[test]
    fn leading_unnumbered_parts_are_front_matter_and_trailing_ones_appendices() {
        let (_d, m) = book("---\ntitle: T\n---\n\nOpening words.\n\n# Foreword {-}\n\nx\n\n# One\n\n# Aside {.unnumbered}\n\n# Two\n\n# Notes {-}\n\n# Three {.appendix}\n");
        use ChapterKind::*;
        assert_eq!(
            kinds_of(&m),
            [
                (FrontMatter, "t"),
                (FrontMatter, "foreword"),
                (Chapter, "one"),
                (Chapter, "aside"),
                (Chapter, "two"),
                (Appendix, "notes"),
                (Appendix, "three"),
            ]
        );
        assert!(m.warnings.iter().any(|w| w.location.line == Some(13)
            && w.message
                .contains("unnumbered part between numbered chapters")));
        // The opening words become a part titled with the book's title.
        assert!(m.files[0].text.starts_with("# T\n\n"));
        assert_eq!(
            m.files[0].origin.as_ref().unwrap().place(1),
            Some(("b.md", 1))
        );
    }

    #[test]
    fn a_heading_without_text_opens_no_chapter() {
        let (_d, m) = book("# One\n\nx\n\n# <!-- page break --> {.unlisted}\n\ny\n\n# Two\n");
        assert_eq!(m.files.len(), 2);
        assert_eq!(m.files[0].text, "# One {#one}\n\nx\n\n\n\ny\n\n");
        assert!(m
            .warnings
            .iter()
            .any(|w| w.location.line == Some(5) && w.message.contains("opens no chapter")));
    }

    #[test]
    fn a_book_without_headings_is_one_chapter() {
        let (_d, m) = book("% Only Words\n% Ann\n\nJust a paragraph.\n");
        assert_eq!(kinds_of(&m), [(ChapterKind::Chapter, "only-words")]);
        assert_eq!(m.config.title, "Only Words");
        assert_eq!(m.config.authors, ["Ann"]);
    }

    #[test]
    fn headings_get_pandocs_ids_and_footnotes_follow_their_references() {
        let (_d, m) = book("# A\n\nSee [b](#b-c).[^1]\n\n# B\n\n## B c ##\n\nSetext\n------\n\n## B c\n\n[^1]: Note.\n");
        assert_eq!(m.files.len(), 2);
        assert_eq!(
            m.files[0].text,
            "# A {#a}\n\nSee [b](b.02.md#b-c).[^1]\n\n\n\n[^1]: Note.\n"
        );
        assert_eq!(
            m.files[1].text,
            "# B {#b}\n\n## B c {#b-c}\n\nSetext {#setext}\n------\n\n## B c {#b-c-1}\n\n\n"
        );
    }

    #[test]
    fn a_folder_needs_metadata_and_no_book_toml() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "# A\n").unwrap();
        assert!(!is_pandoc_folder(dir.path()));
        std::fs::write(dir.path().join("a.md"), "---\ntitle: X\n---\n# A\n").unwrap();
        assert!(is_pandoc_folder(dir.path()));
        std::fs::write(dir.path().join("book.toml"), "").unwrap();
        assert!(!is_pandoc_folder(dir.path()));
        assert!(
            is_markdown_file(Path::new("b.markdown")) && !is_markdown_file(Path::new("book.toml"))
        );
    }
}
