//! Finding and reading a manuscript folder: the only part of the library that
//! reads the disk.
//!
//! A manuscript is a folder with a `book.toml`, Markdown files and the images
//! they use. [`read`] reads the configuration and the text of every file the
//! book uses; [`Manuscript::read_images`] reads the images the parsed text
//! names. Confinement to the folder and the size limits are checked here.

use crate::config::{BookConfig, ConfigFile};
use crate::error::{Error, ErrorKind, Errors, Location, Warning};
use crate::model::{ChapterKind, ImageAsset};
use crate::parse::{self, ImageRef};
use crate::passes;
use crate::{import, BuildOptions};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

mod images;

/// The largest Markdown file (or `book.toml`) quire reads: 16 MiB.
pub const MAX_TEXT_BYTES: u64 = 16 * 1024 * 1024;
/// The largest image file quire reads: 64 MiB.
pub const MAX_IMAGE_BYTES: u64 = 64 * 1024 * 1024;
/// The most pixels an image may have: 50 megapixels (10000 × 5000, say).
pub const MAX_IMAGE_PIXELS: u64 = 50_000_000;
/// Names (without `.md`, any case) of top-level files that are notes about a
/// book rather than part of it: never chapters unless `chapters` lists them.
pub const NOT_CHAPTERS: &[&str] = &[
    "readme",
    "notes",
    "todo",
    "changelog",
    "license",
    "licence",
    "contributing",
];
/// Folders the search for Markdown files never enters, besides hidden ones
/// and symbolic links to folders.
pub const SKIPPED_FOLDERS: &[&str] = &["out", "node_modules", "target"];

/// Part ids the back ends use for pages they generate; a manuscript file whose
/// name would give one of these gets `-text` appended to its id.
pub const RESERVED_IDS: &[&str] = &[
    "cover",
    "half-title",
    "title-page",
    "copyright",
    "toc",
    "nav",
    "ncx",
    "contents",
    "landmarks",
    "style",
    "stylesheet",
    "fonts",
    "images",
    passes::faq::ID,
    passes::resources::ID,
];

/// A manuscript folder, read: its configuration and the text of every
/// Markdown file the book uses, in reading order. Nothing is parsed yet.
#[derive(Debug)]
pub struct Manuscript {
    /// The folder, as the user named it (joined to files in locations).
    pub dir: PathBuf,
    /// The folder's real path: every file read but the cover must be inside.
    pub(crate) root: PathBuf,
    /// `book.toml`, parsed.
    pub config: BookConfig,
    /// The text of `book.toml`.
    pub config_text: String,
    /// The Markdown files read, in reading order.
    pub files: Vec<SourceFile>,
    /// Every Markdown file of the book (relative path) and its part's id,
    /// those that could not be read included.
    pub ids: BTreeMap<String, String>,
    /// The files that could not be read.
    pub errors: Vec<Error>,
    /// Problems in `book.toml` and files the book leaves out.
    pub warnings: Vec<Warning>,
    /// Where the cover is declared when that is not a `cover` key of
    /// `book.toml` (an imported book's metadata).
    pub cover_from: Option<Location>,
}

/// One Markdown file of the book, read.
#[derive(Debug)]
pub struct SourceFile {
    /// The path relative to the manuscript folder (`03-x.md`).
    pub file: String,
    /// The id of the part it becomes.
    pub id: String,
    /// What kind of part it is.
    pub kind: ChapterKind,
    /// Its text.
    pub text: String,
    /// How deep its part nests ([`crate::model::Chapter::depth`]).
    pub depth: u8,
    /// Where the lines of `text` come from when it is not the whole file
    /// `file` (an importer split or rewrote it); `None` for a file as written.
    pub origin: Option<TextOrigin>,
}

/// Where each line of an imported source's text comes from: runs of lines,
/// each continuing a file from one of its lines, so that a message about
/// line `n` of the text names the file and line the author wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextOrigin {
    /// The runs, by their first line of the text (1-based, ascending; the
    /// first starts at line 1).
    pub runs: Vec<Run>,
}

/// Lines of an imported text that continue one file from one of its lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    /// The run's first line in the text (1-based).
    pub text_line: usize,
    /// The file it comes from, relative to the manuscript folder.
    pub file: String,
    /// That line's number in the file (1-based).
    pub line: usize,
}

impl TextOrigin {
    /// The origin of a text whose every line is known: `lines[i]` is the
    /// index into `files` and the 1-based line that line `i + 1` of the text
    /// comes from. Consecutive lines of one file make one run.
    pub fn from_lines(files: &[String], lines: &[(usize, usize)]) -> TextOrigin {
        let mut runs: Vec<Run> = Vec::new();
        for (i, &(file, line)) in lines.iter().enumerate() {
            let Some(name) = files.get(file) else {
                continue;
            };
            let continues = runs
                .last()
                .is_some_and(|run| run.file == *name && run.line + (i + 1 - run.text_line) == line);
            if !continues {
                runs.push(Run {
                    text_line: i + 1,
                    file: name.clone(),
                    line,
                });
            }
        }
        TextOrigin { runs }
    }

    /// The file the text begins in.
    pub fn first_file(&self) -> Option<&str> {
        self.runs.first().map(|r| r.file.as_str())
    }

    /// The file and line that line `line` of the text comes from.
    pub fn place(&self, line: usize) -> Option<(&str, usize)> {
        let index = self.runs.partition_point(|r| r.text_line <= line);
        let run = &self.runs[index.checked_sub(1)?];
        Some((run.file.as_str(), run.line + (line - run.text_line)))
    }

    /// Moves `location`, a place in the text shown under `dir`, to the file
    /// and line it comes from.
    pub fn relocate(&self, dir: &Path, location: &mut Location) {
        match location.line.and_then(|line| self.place(line)) {
            Some((file, line)) => {
                location.file = dir.join(file);
                location.line = Some(line);
            }
            None => {
                if let Some(file) = self.first_file() {
                    location.file = dir.join(file);
                }
            }
        }
    }
}

/// The manuscript folder for a command run in `start` with no folder named,
/// found as cargo finds its manifest: the nearest folder holding a
/// `book.toml`, `start` first, then each parent; `None` when there is none.
pub fn locate(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .find(|dir| dir.join("book.toml").is_file())
        .map(Path::to_path_buf)
}

/// Reads the manuscript in `dir` with the default [`BuildOptions`]: see [`read_with`].
pub fn read(dir: &Path) -> Result<Manuscript, Errors> {
    read_with(dir, &BuildOptions::default())
}

/// Reads the manuscript in `dir`: `book.toml`, the plan of files (which
/// Markdown files, in which order, as which kind of part) and their texts,
/// each confined to the folder and within the limits.
///
/// A Markdown file, or a folder without `book.toml` that holds a pandoc-style
/// book, is imported by [`crate::import::pandoc`]; a folder whose `book.toml`
/// is an mdBook's (a `[book]` table) by [`crate::import::mdbook`]: both into
/// the same sources.
pub fn read_with(dir: &Path, options: &BuildOptions) -> Result<Manuscript, Errors> {
    if dir.is_file() && !import::pandoc::is_markdown_file(dir) {
        return Err(Error::at(
            Location::file(dir),
            ErrorKind::Config(
                "not a manuscript: name a folder, or a pandoc-style Markdown file (`.md`, `.markdown`)"
                    .into(),
            ),
        )
        .into());
    }
    if dir.is_file() || (dir.is_dir() && import::pandoc::is_pandoc_folder(dir)) {
        return import::pandoc::read(dir, options);
    }
    if !dir.is_dir() {
        return Err(Error::at(
            Location::file(dir),
            ErrorKind::Io(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "no such manuscript folder",
            )),
        )
        .into());
    }
    let root = dir
        .canonicalize()
        .map_err(|e| Error::at(Location::file(dir), ErrorKind::Io(e)))?;
    let config_path = dir.join("book.toml");
    confined(dir, &root, "book.toml")
        .map_err(|kind| Error::at(Location::file(&config_path), kind))?;
    let config_text = read_text(&config_path)?;
    if import::mdbook::is_mdbook(&config_text) {
        return import::mdbook::read(dir, root, config_text, options);
    }
    let ConfigFile {
        config,
        warnings: mut config_warnings,
    } = BookConfig::parse(&config_text, &config_path)?;
    let plan = plan(dir, &root, &config, &config_text)?;
    config_warnings.extend(plan.warnings);
    let mut errors = Vec::new();
    let mut files = Vec::new();
    for entry in plan.entries {
        match read_text(&dir.join(&entry.file)) {
            Ok(text) => files.push(SourceFile {
                file: entry.file,
                id: entry.id,
                kind: entry.kind,
                text,
                depth: 0,
                origin: None,
            }),
            Err(e) => errors.push(e),
        }
    }
    Ok(Manuscript {
        dir: dir.to_path_buf(),
        root,
        config,
        config_text,
        files,
        ids: plan.ids,
        errors,
        warnings: config_warnings,
        cover_from: None,
    })
}

impl Manuscript {
    /// The cover `book.toml` declares, as a path relative to the folder.
    pub fn cover(&self) -> Option<String> {
        self.config
            .cover
            .as_deref()
            .map(|c| c.trim().trim_start_matches("./").to_string())
    }

    /// Reads every image the text uses (`refs`, as the parser found them)
    /// and the cover, each once: Markdown images must resolve inside the
    /// manuscript folder; the cover is wherever `book.toml` says, relative to
    /// the folder. Problems are added to `errors` and `warnings` (an
    /// animation shown still, an SVG's `<image>` left out), with the line
    /// using the image.
    pub fn read_images(
        &self,
        refs: &[ImageRef],
        errors: &mut Vec<Error>,
        warnings: &mut Vec<Warning>,
    ) -> BTreeMap<String, ImageAsset> {
        let cover_ref = self.cover().map(|src| ImageRef {
            location: self.cover_from.clone().unwrap_or_else(|| Location {
                file: self.dir.join("book.toml"),
                line: key_line(&self.config_text, "cover"),
                column: None,
            }),
            src,
        });
        let found = load_images(&self.dir, &self.root, refs, cover_ref.as_ref(), errors);
        let mut images = BTreeMap::new();
        for (src, (asset, notes, location)) in found {
            warnings.extend(
                notes
                    .into_iter()
                    .map(|note| Warning::at(location.clone(), format!("image `{src}`: {note}"))),
            );
            images.insert(src, asset);
        }
        images
    }
}

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
fn read_bounded(path: &Path, limit: u64) -> Result<Vec<u8>, ErrorKind> {
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

/// The line of `book.toml` that sets `key`.
pub(crate) fn key_line(config_text: &str, key: &str) -> Option<usize> {
    config_text
        .lines()
        .position(|l| {
            l.trim_start()
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map(|i| i + 1)
}

/// The line of `book.toml` that lists `file`.
fn listed_line(config_text: &str, file: &str) -> Option<usize> {
    let quoted = format!("\"{file}\"");
    config_text
        .lines()
        .position(|l| l.contains(&quoted))
        .map(|i| i + 1)
}

/// Whether a top-level file is a note about the book ([`NOT_CHAPTERS`]).
pub(crate) fn is_note(file: &str) -> bool {
    let stem = file.trim_end_matches(".md").to_ascii_lowercase();
    !file.contains('/') && NOT_CHAPTERS.contains(&stem.as_str())
}

/// How a file came into the book.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Origin {
    /// `book.toml` lists it.
    Listed,
    /// Found in the folder by the default rule.
    Found,
}

/// One Markdown file of the manuscript and the part it becomes.
#[derive(Debug, Clone, PartialEq)]
struct Entry {
    file: String,
    id: String,
    kind: ChapterKind,
}

/// The manuscript's files in reading order, every file's part id, and the
/// Markdown files the book leaves out.
#[derive(Debug)]
struct Plan {
    entries: Vec<Entry>,
    ids: BTreeMap<String, String>,
    warnings: Vec<Warning>,
}

fn plan(dir: &Path, root: &Path, config: &BookConfig, config_text: &str) -> Result<Plan, Errors> {
    let config_path = dir.join("book.toml");
    let mut errors = Vec::new();
    let all = markdown_files(dir)?;
    let faq = match &config.faq {
        Some(f) => Some((f.clone(), Origin::Listed)),
        None => all
            .iter()
            .find(|f| f.as_str() == "faq.md")
            .map(|f| (f.clone(), Origin::Found)),
    };
    let mut listed: Vec<(String, ChapterKind, Origin)> = Vec::new();
    listed.extend(
        config
            .front_matter
            .iter()
            .map(|f| (f.clone(), ChapterKind::FrontMatter, Origin::Listed)),
    );
    let taken: BTreeSet<&String> = config
        .front_matter
        .iter()
        .chain(&config.appendices)
        .chain(faq.iter().map(|(f, _)| f))
        .collect();
    match &config.chapters {
        Some(chapters) => listed.extend(
            chapters
                .iter()
                .map(|f| (f.clone(), ChapterKind::Chapter, Origin::Listed)),
        ),
        None => listed.extend(
            all.iter()
                .filter(|f| !f.contains('/') && !taken.contains(f) && !is_note(f))
                .map(|f| (f.clone(), ChapterKind::Chapter, Origin::Found)),
        ),
    }
    listed.extend(
        config
            .appendices
            .iter()
            .map(|f| (f.clone(), ChapterKind::Appendix, Origin::Listed)),
    );
    listed.extend(faq.map(|(f, origin)| (f, ChapterKind::Faq, origin)));

    let mut entries: Vec<Entry> = Vec::new();
    let mut used = BTreeSet::new();
    let mut used_ids = BTreeSet::new();
    for (file, kind, origin) in listed {
        let place = |kind: ErrorKind| {
            Error::at(
                match origin {
                    Origin::Listed => Location {
                        file: config_path.clone(),
                        line: listed_line(config_text, &file),
                        column: None,
                    },
                    Origin::Found => Location::file(dir.join(&file)),
                },
                kind,
            )
        };
        let normalized = parse::resolve_relative("book.toml", &file).filter(|f| f.ends_with(".md"));
        let Some(normalized) = normalized else {
            errors.push(place(ErrorKind::Config(format!(
                "`{file}` must be a `.md` file inside the manuscript folder"
            ))));
            continue;
        };
        match confined(dir, root, &normalized) {
            Ok(real) if real.is_file() => {
                used.insert(real);
            }
            Ok(_) => {
                errors.push(place(ErrorKind::Config(format!("`{file}` is not a file"))));
                continue;
            }
            Err(ErrorKind::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => {
                errors.push(place(ErrorKind::Config(format!(
                    "`{file}` is listed but does not exist"
                ))));
                continue;
            }
            Err(kind) => {
                errors.push(place(kind));
                continue;
            }
        }
        if entries.iter().any(|e| e.file == normalized) {
            errors.push(place(ErrorKind::Config(format!(
                "`{file}` is listed twice"
            ))));
            continue;
        }
        let id = if kind == ChapterKind::Faq {
            passes::faq::ID.to_string()
        } else {
            let id = file_id(&normalized);
            if RESERVED_IDS.contains(&id.as_str()) {
                format!("{id}-text")
            } else {
                id
            }
        };
        let id = passes::ids::unique(id, &mut used_ids);
        entries.push(Entry {
            file: normalized,
            id,
            kind,
        });
    }
    if !entries.iter().any(|e| e.kind == ChapterKind::Chapter) && errors.is_empty() {
        errors.push(Error::at(
            Location::file(&config_path),
            ErrorKind::Config("the manuscript has no chapters (no `.md` files besides front matter, appendices, FAQ and notes such as README.md)".into()),
        ));
    }
    if !errors.is_empty() {
        return Err(Errors(errors));
    }
    // A file the book reads through a symbolic link is not left out.
    let warnings = all
        .iter()
        .filter(|f| {
            dir.join(f)
                .canonicalize()
                .map_or(true, |real| !used.contains(&real))
        })
        .map(|file| {
            let message = if config.chapters.is_some() {
                let line = key_line(config_text, "chapters")
                    .map(|n| format!(" (line {n})"))
                    .unwrap_or_default();
                format!("`{file}` is not part of the book: `chapters` in book.toml{line} does not list it; list it there, in `front-matter` or in `appendices`, or move it out of the manuscript folder")
            } else if is_note(file) {
                format!("`{file}` is not a chapter: README, NOTES, TODO, CHANGELOG, LICENSE and CONTRIBUTING files are left out unless `chapters` in book.toml lists them")
            } else {
                format!("`{file}` is not part of the book: only `.md` files directly in the manuscript folder are chapters by default; list it in `chapters`, `front-matter` or `appendices` in book.toml, or move it out of the manuscript folder")
            };
            Warning::at(Location::file(dir.join(file)), message)
        })
        .collect();
    let ids = entries
        .iter()
        .map(|e| (e.file.clone(), e.id.clone()))
        .collect();
    Ok(Plan {
        entries,
        ids,
        warnings,
    })
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
    files.sort_by(|a, b| {
        a.contains('/')
            .cmp(&b.contains('/'))
            .then_with(|| natural_cmp(a, b))
    });
    Ok(files)
}

/// Compares names so that runs of digits compare by value.
pub fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
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
    let (ca, cb) = (chunks(a), chunks(b));
    for (x, y) in ca.iter().zip(&cb) {
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

/// Reads every image the manuscript uses (and the cover), each once:
/// Markdown images must resolve inside the manuscript folder (`root` is its
/// real path); the cover is wherever `book.toml` says, relative to `dir`.
/// Each comes with its warnings and the place that first uses it.
fn load_images(
    dir: &Path,
    root: &Path,
    refs: &[ImageRef],
    cover: Option<&ImageRef>,
    errors: &mut Vec<Error>,
) -> BTreeMap<String, (ImageAsset, Vec<String>, Location)> {
    let mut images = BTreeMap::new();
    let mut failed = BTreeSet::new();
    let all = refs
        .iter()
        .map(|r| (r, false))
        .chain(cover.map(|c| (c, true)));
    for (r, is_cover) in all {
        if images.contains_key(&r.src) || failed.contains(&r.src) {
            continue;
        }
        let image_error = |reason: String| ErrorKind::Image {
            path: r.src.clone(),
            reason,
        };
        let path = if is_cover {
            if Path::new(&r.src).is_absolute() || r.src.contains("://") {
                Err(image_error("the cover must be a path relative to the manuscript folder (quire fetches nothing remote)".into()))
            } else {
                Ok(dir.join(&r.src))
            }
        } else {
            confined(dir, root, &r.src)
        };
        let asset = path
            .map_err(|kind| match kind {
                ErrorKind::Io(e) => image_error(format!("cannot read the file: {e}")),
                other => other,
            })
            .and_then(|path| read_image(&path, is_cover).map_err(image_error));
        match asset {
            Ok(read) => {
                let place = r.location.clone();
                images.insert(r.src.clone(), (read.asset, read.warnings, place));
            }
            Err(kind) => {
                failed.insert(r.src.clone());
                errors.push(Error::at(r.location.clone(), kind));
            }
        }
    }
    images
}

/// Reads an image file within [`MAX_IMAGE_BYTES`] and checks it
/// ([`images::read`]); a cover must be a picture, not an SVG.
fn read_image(path: &Path, is_cover: bool) -> Result<images::Read, String> {
    let data = read_bounded(path, MAX_IMAGE_BYTES).map_err(|kind| match kind {
        ErrorKind::Io(e) => format!("cannot read the file: {e}"),
        other => other.to_string(),
    })?;
    let name = path.to_string_lossy();
    let read = images::read(data, &name)?;
    if is_cover && read.asset.is_svg() {
        return Err("a cover must be a PNG, JPEG, GIF or WebP picture, not an SVG".into());
    }
    Ok(read)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_origins_give_the_authors_file_and_line() {
        let run = |text_line, file: &str, line| Run {
            text_line,
            file: file.into(),
            line,
        };
        let origin = TextOrigin {
            runs: vec![run(1, "a.md", 10), run(4, "a.md", 12), run(6, "b.md", 1)],
        };
        assert_eq!(origin.place(1), Some(("a.md", 10)));
        assert_eq!(origin.place(3), Some(("a.md", 12)));
        assert_eq!(origin.place(5), Some(("a.md", 13)));
        assert_eq!(origin.place(9), Some(("b.md", 4)));
        assert_eq!(origin.place(0), None);
        let mut at = Location::line("m/a.02.md", 7);
        origin.relocate(Path::new("m"), &mut at);
        assert_eq!(at, Location::line("m/b.md", 2));
        let mut whole = Location::file("m/a.02.md");
        origin.relocate(Path::new("m"), &mut whole);
        assert_eq!(whole, Location::file("m/a.md"));
    }

    #[test]
    fn locate_finds_the_nearest_book_toml_upwards() {
        let root = tempfile::tempdir().unwrap();
        let book = root.path().join("book");
        let deep = book.join("images/maps");
        std::fs::create_dir_all(&deep).unwrap();
        assert_eq!(locate(&deep), None);
        std::fs::write(book.join("book.toml"), "").unwrap();
        assert_eq!(locate(&deep), Some(book.clone()));
        assert_eq!(locate(&book), Some(book));
    }

    #[test]
    fn natural_order_compares_numbers_by_value() {
        let mut names = vec!["10-b.md", "2-a.md", "1-c.md", "chapter.md", "02-z.md"];
        names.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(
            names,
            ["1-c.md", "2-a.md", "02-z.md", "10-b.md", "chapter.md"]
        );
    }

    #[test]
    fn file_ids_drop_number_prefixes() {
        assert_eq!(
            file_id("03-road-to-the-euphrates.md"),
            "road-to-the-euphrates"
        );
        assert_eq!(file_id("2024.md"), "s-2024");
        assert_eq!(file_id("Preface.md"), "preface");
    }

    #[test]
    fn book_toml_lines_of_keys_and_listed_files() {
        let text = "title = \"T\"\n  chapters  = [\n  \"a.md\",\n]\nchapters-x = 1\n";
        assert_eq!(key_line(text, "chapters"), Some(2));
        assert_eq!(key_line(text, "cover"), None);
        assert_eq!(listed_line(text, "a.md"), Some(3));
    }

    #[test]
    fn notes_are_top_level_files_of_known_names_in_any_case() {
        assert!(is_note("README.md") && is_note("notes.md") && is_note("License.md"));
        assert!(!is_note("docs/README.md") && !is_note("01-readme-first.md"));
    }

    #[test]
    fn text_files_lose_their_byte_order_mark_and_keep_their_lines() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, "\u{FEFF}# Title\r\n\r\nText\r\n").unwrap();
        assert_eq!(read_text(&path).unwrap(), "# Title\r\n\r\nText\r\n");
        std::fs::write(&path, b"\xEF\xBB\xBFok\nbad \xff\n").unwrap();
        let error = read_text(&path).unwrap_err();
        assert_eq!(error.location.as_deref(), Some(&Location::line(&path, 2)));
    }

    #[test]
    fn markdown_files_top_level_first_skipping_hidden_and_build_folders() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for folder in ["sub", "out", "node_modules", ".git", "sub/target"] {
            std::fs::create_dir_all(root.join(folder)).unwrap();
            std::fs::write(root.join(folder).join("x.md"), "# X\n").unwrap();
        }
        for file in ["10-b.md", "2-a.md", ".hidden.md", "notes.txt"] {
            std::fs::write(root.join(file), "# X\n").unwrap();
        }
        std::os::unix::fs::symlink(".", root.join("sub/loop")).unwrap();
        assert_eq!(
            markdown_files(root).unwrap(),
            ["2-a.md", "10-b.md", "sub/x.md"]
        );
    }

    #[test]
    fn confinement_follows_links_and_compares_real_paths() {
        let outside = tempfile::tempdir().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::write(dir.path().join("in.md"), "").unwrap();
        std::fs::write(outside.path().join("out.md"), "").unwrap();
        std::os::unix::fs::symlink("in.md", dir.path().join("link.md")).unwrap();
        std::os::unix::fs::symlink(outside.path().join("out.md"), dir.path().join("away.md"))
            .unwrap();
        assert_eq!(
            confined(dir.path(), &root, "link.md").unwrap(),
            root.join("in.md")
        );
        assert!(matches!(
            confined(dir.path(), &root, "away.md"),
            Err(ErrorKind::OutsideManuscript { path, .. }) if path == "away.md"
        ));
        assert!(matches!(
            confined(dir.path(), &root, "missing.md"),
            Err(ErrorKind::Io(_))
        ));
    }

    #[test]
    fn files_over_the_limit_are_refused_unread() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, "12345").unwrap();
        assert_eq!(read_bounded(&path, 5).unwrap(), b"12345");
        assert!(matches!(
            read_bounded(&path, 4),
            Err(ErrorKind::TooLarge { size: 5, limit: 4 })
        ));
    }
}
