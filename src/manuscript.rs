//! Finding and reading a manuscript folder: the only part of the library that
//! reads the disk.
//!
//! A manuscript is a folder with a `book.toml`, Markdown files and the images
//! they use. [`load`] reads it, parses every file once, and runs the passes
//! that complete the model, returning every problem found rather than the
//! first.

use crate::config::BookConfig;
use crate::error::{Error, ErrorKind, Errors, Location, Warning};
use crate::model::{date, Book, Chapter, ChapterKind, ImageAsset, Metadata, Settings};
use crate::parse::{self, AnchorRef, Context, ImageRef};
use crate::passes;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

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

/// A manuscript loaded into a finished [`Book`], and what is worth fixing in it.
#[derive(Debug)]
pub struct Loaded {
    /// The book, generated matter included.
    pub book: Book,
    /// Problems that do not stop the build, in the order found, each with its place.
    pub warnings: Vec<Warning>,
}

/// Loads the manuscript in `dir` into a finished [`Book`]: parsed, with ids,
/// checked links, the FAQ appendix, the resources page and the table of
/// contents; and every warning, with its file and line.
///
/// `SOURCE_DATE_EPOCH`, when set, gives the modification date; otherwise it
/// is the publication date of `book.toml` (never the clock).
pub fn load(dir: &Path) -> Result<Loaded, Errors> {
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
    let config_path = dir.join("book.toml");
    let config_text = read_text(&config_path)?;
    let config = BookConfig::parse(&config_text, &config_path)?;
    let plan = plan(dir, &config, &config_text)?;
    let mut errors = Vec::new();
    let mut anchor_refs: Vec<AnchorRef> = Vec::new();
    let mut image_refs: Vec<ImageRef> = Vec::new();
    let mut parts: Vec<Chapter> = Vec::new();
    let mut warnings: Vec<Warning> = Vec::new();
    for entry in &plan.entries {
        let path = dir.join(&entry.file);
        let text = match read_text(&path) {
            Ok(text) => text,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let cx = Context {
            file: &entry.file,
            display_path: &path,
            chapter_id: &entry.id,
            files: &plan.ids,
            requires_title: entry.kind != ChapterKind::Faq,
        };
        let parsed = parse::parse(&text, cx);
        // A file with errors still has its links and images checked, so that
        // every problem comes out in one run; its part is left out.
        anchor_refs.extend(parsed.anchor_refs);
        warnings.extend(parsed.warnings);
        image_refs.extend(parsed.images);
        if !parsed.errors.is_empty() {
            errors.extend(parsed.errors);
            continue;
        }
        let mut chapter = Chapter {
            id: entry.id.clone(),
            kind: entry.kind,
            number: None,
            title: parsed.title.unwrap_or_default(),
            source: entry.file.clone(),
            blocks: parsed.blocks,
            footnotes: parsed.footnotes,
        };
        passes::ids::run(&mut chapter);
        if entry.kind == ChapterKind::Faq {
            if let Err(e) = passes::faq::run(&mut chapter, &Location::file(&path)) {
                errors.push(e);
            }
        }
        parts.push(chapter);
    }
    let modified = match modified_time(&config) {
        Ok(t) => t,
        Err(e) => {
            errors.push(e);
            0
        }
    };
    let cover = config
        .cover
        .as_deref()
        .map(|c| c.trim().trim_start_matches("./").to_string());
    if let Some(cover) = &cover {
        image_refs.push(ImageRef {
            location: Location::file(&config_path),
            src: cover.clone(),
        });
    }
    let images = load_images(dir, &image_refs, &mut errors);
    let mut book = Book {
        metadata: Metadata {
            title: config.title.clone(),
            subtitle: config.subtitle.clone(),
            authors: config.authors.clone(),
            language: config.language.clone(),
            identifier: config.identifier.clone(),
            date: config.date.clone(),
            description: config.description.clone(),
            subjects: config.subjects.clone(),
            rights: config.rights.clone(),
            publisher: config.publisher.clone(),
            cover,
            modified,
        },
        settings: Settings {
            toc_depth: config.toc_depth,
            trim: config.trim().unwrap_or(crate::config::DEFAULT_TRIM),
        },
        front_matter: Vec::new(),
        chapters: Vec::new(),
        appendices: Vec::new(),
        toc: Vec::new(),
        images,
    };
    let mut number = 0;
    for mut part in parts {
        match part.kind {
            ChapterKind::FrontMatter => book.front_matter.push(part),
            ChapterKind::Chapter => {
                number += 1;
                part.number = Some(number);
                book.chapters.push(part);
            }
            _ => book.appendices.push(part),
        }
    }
    // The FAQ file may be listed anywhere; it always closes the author's appendices.
    book.appendices.sort_by_key(|p| p.kind == ChapterKind::Faq);
    errors.extend(passes::links::check(&book, &anchor_refs));
    if !errors.is_empty() {
        return Err(Errors(errors));
    }
    let resources = passes::resources::collect(&book, &config.resources);
    book.appendices.extend(passes::resources::page(&resources));
    book.toc = passes::toc::build(&book);
    warnings.extend(crate::check::warnings(&book, dir));
    Ok(Loaded { book, warnings })
}

/// Reads a text file, rejecting invalid UTF-8 with the line of the first bad byte.
pub fn read_text(path: &Path) -> Result<String, Error> {
    let bytes =
        std::fs::read(path).map_err(|e| Error::at(Location::file(path), ErrorKind::Io(e)))?;
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

/// One Markdown file of the manuscript and the part it becomes.
#[derive(Debug, Clone, PartialEq)]
struct Entry {
    file: String,
    id: String,
    kind: ChapterKind,
}

/// The manuscript's files in reading order, and every file's part id.
#[derive(Debug)]
struct Plan {
    entries: Vec<Entry>,
    ids: BTreeMap<String, String>,
}

fn plan(dir: &Path, config: &BookConfig, config_text: &str) -> Result<Plan, Errors> {
    let config_path = dir.join("book.toml");
    let mut errors = Vec::new();
    let listed_error = |file: &str, message: String| {
        let line = config_text
            .lines()
            .position(|l| l.contains(&format!("\"{file}\"")))
            .map(|i| i + 1);
        Error {
            kind: ErrorKind::Config(message),
            location: Some(Location {
                file: config_path.clone(),
                line,
            }),
        }
    };
    let all = markdown_files(dir).map_err(|e| Error::at(Location::file(dir), ErrorKind::Io(e)))?;
    let faq = match &config.faq {
        Some(f) => Some(f.clone()),
        None => all.iter().find(|f| f.as_str() == "faq.md").cloned(),
    };
    let mut listed: Vec<(String, ChapterKind)> = Vec::new();
    listed.extend(
        config
            .front_matter
            .iter()
            .map(|f| (f.clone(), ChapterKind::FrontMatter)),
    );
    let taken: BTreeSet<&String> = config
        .front_matter
        .iter()
        .chain(&config.appendices)
        .chain(faq.iter())
        .collect();
    match &config.chapters {
        Some(chapters) => listed.extend(chapters.iter().map(|f| (f.clone(), ChapterKind::Chapter))),
        None => listed.extend(
            all.iter()
                .filter(|f| !taken.contains(f))
                .map(|f| (f.clone(), ChapterKind::Chapter)),
        ),
    }
    listed.extend(
        config
            .appendices
            .iter()
            .map(|f| (f.clone(), ChapterKind::Appendix)),
    );
    listed.extend(faq.iter().map(|f| (f.clone(), ChapterKind::Faq)));

    let mut entries: Vec<Entry> = Vec::new();
    let mut used_ids = BTreeSet::new();
    for (file, kind) in listed {
        let normalized = parse::resolve_relative("book.toml", &file).filter(|f| f.ends_with(".md"));
        let Some(normalized) = normalized else {
            errors.push(listed_error(
                &file,
                format!("`{file}` must be a `.md` file inside the manuscript folder"),
            ));
            continue;
        };
        if !dir.join(&normalized).is_file() {
            errors.push(listed_error(
                &file,
                format!("`{file}` is listed but does not exist"),
            ));
            continue;
        }
        if entries.iter().any(|e| e.file == normalized) {
            errors.push(listed_error(&file, format!("`{file}` is listed twice")));
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
            ErrorKind::Config("the manuscript has no chapters (no `.md` files besides front matter, appendices and FAQ)".into()),
        ));
    }
    if !errors.is_empty() {
        return Err(Errors(errors));
    }
    let ids = entries
        .iter()
        .map(|e| (e.file.clone(), e.id.clone()))
        .collect();
    Ok(Plan { entries, ids })
}

/// The Markdown files directly in `dir`, in natural order (`2-x.md` before `10-y.md`).
fn markdown_files(dir: &Path) -> std::io::Result<Vec<String>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".md") && !name.starts_with('.') && entry.file_type()?.is_file() {
            files.push(name);
        }
    }
    files.sort_by(|a, b| natural_cmp(a, b));
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
fn file_id(file: &str) -> String {
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

fn load_images(
    dir: &Path,
    refs: &[ImageRef],
    errors: &mut Vec<Error>,
) -> BTreeMap<String, ImageAsset> {
    let mut images = BTreeMap::new();
    let mut failed = BTreeSet::new();
    for r in refs {
        if images.contains_key(&r.src) || failed.contains(&r.src) {
            continue;
        }
        match read_image(&dir.join(&r.src)) {
            Ok(asset) => {
                images.insert(r.src.clone(), asset);
            }
            Err(reason) => {
                failed.insert(r.src.clone());
                errors.push(Error::at(
                    r.location.clone(),
                    ErrorKind::Image {
                        path: r.src.clone(),
                        reason,
                    },
                ));
            }
        }
    }
    images
}

fn read_image(path: &Path) -> Result<ImageAsset, String> {
    let data = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let reader = image::ImageReader::new(std::io::Cursor::new(&data))
        .with_guessed_format()
        .map_err(|e| e.to_string())?;
    let media_type = match reader.format() {
        Some(image::ImageFormat::Png) => "image/png",
        Some(image::ImageFormat::Jpeg) => "image/jpeg",
        _ => return Err("not a PNG or JPEG file".into()),
    };
    let (width, height) = reader
        .into_dimensions()
        .map_err(|e| format!("unreadable image: {e}"))?;
    Ok(ImageAsset {
        media_type: media_type.to_string(),
        width,
        height,
        data,
    })
}

fn modified_time(config: &BookConfig) -> Result<i64, Error> {
    if let Ok(value) = std::env::var("SOURCE_DATE_EPOCH") {
        return value.trim().parse::<i64>().map_err(|_| Error {
            kind: ErrorKind::Config(format!(
                "SOURCE_DATE_EPOCH must be a number of seconds, not `{value}`"
            )),
            location: None,
        });
    }
    // `date` was validated as YYYY-MM-DD by the config.
    let (y, m, d) = (&config.date[0..4], &config.date[5..7], &config.date[8..10]);
    let year = y.parse().unwrap_or(1970);
    let (month, day) = (m.parse().unwrap_or(1), d.parse().unwrap_or(1));
    Ok(date::days_from_civil(year, month, day) * 86_400)
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn modified_time_defaults_to_the_publication_date() {
        let text = "title = \"T\"\nauthors = [\"A\"]\nlanguage = \"en\"\nidentifier = \"x\"\ndate = \"2026-11-27\"\n";
        let config = BookConfig::parse(text, Path::new("book.toml")).unwrap();
        if std::env::var_os("SOURCE_DATE_EPOCH").is_none() {
            assert_eq!(modified_time(&config).unwrap(), 1_795_737_600);
        }
    }
}
