//! Finding and reading a manuscript folder: the only part of the library that
//! reads the disk.
//!
//! A manuscript is a folder with a `book.toml`, Markdown files and the images
//! they use. [`read`] reads the configuration and the text of every file the
//! book uses; [`Manuscript::read_images`] reads the images the parsed text
//! names. Confinement to the folder and the size limits are checked here.

use crate::config::{BookConfig, ConfigFile};
use crate::error::{ConfigError, Error, ErrorKind, Errors, Location, Warning};
use crate::model::{ChapterKind, ImageAsset};
use crate::parse::{self, ImageRef};
use crate::passes;
use crate::{import, BuildOptions};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

mod files;
mod fonts;
mod images;
mod origin;
mod plan;
mod stylesheet;

use files::read_bounded;
pub(crate) use files::{confined, file_id, is_note, markdown_files};
pub use files::{natural_cmp, read_text};
pub use origin::{Run, TextOrigin};
pub(crate) use plan::key_line;
use plan::plan;

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
            ErrorKind::Config(ConfigError::NotAManuscript),
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
            location: self.cover_place(),
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

    /// Where the cover is declared: its line of `book.toml` (or of the
    /// importer's metadata).
    fn cover_place(&self) -> Location {
        self.cover_from.clone().unwrap_or_else(|| Location {
            file: self.dir.join("book.toml"),
            line: key_line(&self.config_text, "cover"),
            column: None,
        })
    }

    /// Where each image is first used (by key; the cover at its line of
    /// `book.toml`), for messages the back ends give about an image.
    pub fn image_uses(&self, refs: &[ImageRef]) -> BTreeMap<String, Location> {
        let mut uses = BTreeMap::new();
        if let Some(src) = self.cover() {
            uses.insert(src, self.cover_place());
        }
        for image in refs {
            uses.entry(image.src.clone())
                .or_insert_with(|| image.location.clone());
        }
        uses
    }
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
    use super::plan::listed_line;
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
