//! quire turns a folder of Markdown chapters into an EPUB 3 and a print-ready PDF.
//!
//! The pipeline, in order (each stage is a module; [`load_with`] runs 1–4):
//!
//! 1. **load** — [`manuscript::read`] reads `book.toml` ([`config`]), plans
//!    which Markdown files the book uses and reads their texts; once the
//!    text is parsed, [`manuscript::Manuscript::read_images`] reads the
//!    images it names. The only stage that reads the disk; confinement and
//!    limits live there. A book written for another tool is read by its
//!    importer in [`import`] into the same sources (a pandoc-style file or
//!    folder: [`import::pandoc`]).
//! 2. **parse** — [`parse::parse`] turns each file's Markdown into the
//!    blocks of one part of the document [`model`], each file on its own
//!    (in parallel) and knowing nothing of the others: internal links are
//!    recorded as written, naming a file, with their lines.
//! 3. The parts are assembled into a [`model::Book`] with the metadata.
//! 4. **passes** — [`passes::run`] completes the book, one signature, in the
//!    order of [`passes::ORDER`]: ids, links (resolved to parts and checked),
//!    numbering, generated matter (the words in the book's language,
//!    [`l10n`]), FAQ, resources, ToC, highlighting of code, checks.
//! 5. **render** — each back end implements [`render::Renderer`], the book
//!    in, the bytes of one file (or a site's files) out: [`epub`] and
//!    [`html`] from the model; [`pdf`] from the [`layout`] stage, which
//!    typesets the book into pages of positioned glyphs with a page map.
//!    Back ends never depend on each other; they share [`fonts`] and, for
//!    markup, [`markup`] and [`xml`].
//!    A back end that marks the print pages without laying out (the
//!    EPUB's page-list) reads [`model::Book::pagination`], which
//!    [`paginate`] sets from the layout before it renders.
//! 6. The command-line front end (`src/main.rs`) picks the renderers, reads
//!    the environment into [`BuildOptions`] and writes the bytes to disk,
//!    atomically.

pub mod check;
pub mod config;
pub mod cover;
pub mod deflate;
pub mod epub;
pub mod error;
pub mod fonts;
pub mod hint;
pub mod html;
pub mod import;
pub mod init;
pub mod l10n;
pub mod layout;
pub mod lines;
pub mod manuscript;
pub mod markup;
pub mod math;
pub mod model;
mod paginate;
pub mod parse;
pub mod passes;
pub mod pdf;
pub mod render;
pub mod url;
pub mod xml;

pub use error::{Error, ErrorKind, Errors, Location, Result, Severity, Warning};
pub use paginate::{paginate, paginate_sharing};

use model::{date, Book, Chapter, ChapterKind, Metadata, Settings};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// What a build takes from outside the manuscript, as values (the command
/// line reads them from the environment; the library never does).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BuildOptions {
    /// `SOURCE_DATE_EPOCH`: the book's modification time, in seconds since
    /// 1970; `None` takes the publication date of `book.toml`.
    pub source_date_epoch: Option<i64>,
}

/// A manuscript loaded into a finished [`Book`], and what is worth fixing in it.
#[derive(Debug)]
pub struct Loaded {
    /// The book, generated matter included.
    pub book: Book,
    /// Problems that do not stop the build, in the order found, each with its place.
    pub warnings: Vec<Warning>,
}

/// Loads the manuscript in `dir` with the default [`BuildOptions`] (dates
/// from `book.toml`): see [`load_with`].
pub fn load(dir: &Path) -> Result<Loaded, Errors> {
    load_with(dir, &BuildOptions::default())
}

/// Loads the manuscript in `dir` into a finished [`Book`] (stages 1–4:
/// load, parse, assemble, passes), with every warning; or every error found,
/// each with its file and line.
pub fn load_with(dir: &Path, options: &BuildOptions) -> Result<Loaded, Errors> {
    let mut warnings = Vec::new();
    let book = load_into(dir, options, &mut warnings)?;
    Ok(Loaded { book, warnings })
}

/// Like [`load_with`], adding the warnings to `sink` whether or not the
/// book loads, so that a failed build still shows them beside its errors.
pub fn load_into(
    dir: &Path,
    options: &BuildOptions,
    sink: &mut Vec<Warning>,
) -> Result<Book, Errors> {
    let mut manuscript = manuscript::read_with(dir, options)?;
    // A pandoc book named by its file lives in that file's folder.
    let folder = manuscript.dir.clone();
    let dir = folder.as_path();
    let mut errors = std::mem::take(&mut manuscript.errors);
    let mut warnings = std::mem::take(&mut manuscript.warnings);

    // Each file on its own, in parallel; collected in reading order.
    let parsed: Vec<parse::Parsed> = manuscript
        .files
        .par_iter()
        .map(|source| {
            let origin = source.origin.as_ref();
            let display_path =
                dir.join(origin.and_then(|o| o.first_file()).unwrap_or(&source.file));
            let cx = parse::Context {
                file: &source.file,
                display_path: &display_path,
                requires_title: source.kind != ChapterKind::Faq,
                strict_html: manuscript.config.strict_html,
                math: manuscript.config.math.unwrap_or(true),
                punctuation: l10n::punctuation::for_language(&manuscript.config.language),
            };
            let mut parsed = parse::parse(&source.text, cx);
            if let Some(origin) = origin {
                relocate(&mut parsed, origin, dir);
            }
            parsed
        })
        .collect();

    let mut links = Vec::new();
    let mut image_refs = Vec::new();
    let mut parts = Vec::new();
    let mut said_once = BTreeMap::new();
    // Part ids by file, as front matter may rename them.
    let mut ids = manuscript.ids.clone();
    let mut taken: BTreeSet<String> = ids.values().cloned().collect();
    for (source, parsed) in manuscript.files.iter().zip(parsed) {
        let id = match &parsed.id {
            Some(wanted) => {
                front_matter_id(source, wanted, &mut ids, &mut taken, dir, &mut warnings)
            }
            None => source.id.clone(),
        };
        // A file with errors still has its links and images checked, so that
        // every problem comes out in one run; its part is left out.
        links.extend(parsed.links);
        image_refs.extend(parsed.images);
        add_warnings(&mut warnings, parsed.warnings, &mut said_once);
        if !parsed.errors.is_empty() {
            errors.extend(parsed.errors);
            continue;
        }
        parts.push(Chapter {
            id,
            kind: source.kind,
            number: None,
            depth: source.depth,
            title: parsed.title.unwrap_or_default(),
            source: source.file.clone(),
            blocks: parsed.blocks,
            footnotes: parsed.footnotes,
        });
    }
    let config = &manuscript.config;
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
            cover: manuscript.cover(),
            modified: modified_time(&config.date, options),
        },
        settings: Settings {
            toc_depth: config.toc_depth,
            trim: config.trim().unwrap_or(config::DEFAULT_TRIM),
            epub: Default::default(),
            print: config.print.clone(),
            design: config.design,
        },
        front_matter: Vec::new(),
        chapters: Vec::new(),
        appendices: Vec::new(),
        toc: Vec::new(),
        matter: Default::default(),
        images: BTreeMap::new(),
        fonts: Vec::new(),
        faces: Default::default(),
        image_uses: BTreeMap::new(),
        pagination: None,
    };
    for part in parts {
        match part.kind {
            ChapterKind::FrontMatter => book.front_matter.push(part),
            ChapterKind::Chapter | ChapterKind::Part => book.chapters.push(part),
            _ => book.appendices.push(part),
        }
    }

    // The author's fonts, before the checks pass asks what they cover.
    book.fonts = manuscript.read_fonts(&mut errors);
    book.faces = manuscript.read_faces(&mut errors, &mut warnings);
    book.settings.epub = manuscript.read_epub(&mut errors);
    let config_text = manuscript.config_text.clone();
    let sources: BTreeMap<String, String> = std::mem::take(&mut manuscript.files)
        .into_iter()
        .map(|source| (source.file, source.text))
        .chain([("book.toml".to_string(), config_text)])
        .collect();
    let mut cx = passes::PassContext {
        dir,
        files: &ids,
        links,
        resources: &config.resources,
        code: &config.code,
        labels: &config.labels,
        sources: &sources,
        errors,
        warnings,
    };
    passes::run(&mut book, &mut cx);
    let mut errors = cx.errors;
    let mut warnings = cx.warnings;
    // The images the text names (no pass reads them), and the cover.
    book.images = manuscript.read_images(&image_refs, &mut errors, &mut warnings);
    book.image_uses = manuscript.image_uses(&image_refs);
    sink.extend(warnings);
    if !errors.is_empty() {
        return Err(Errors(errors));
    }
    Ok(book)
}

/// Adds a file's warnings to the book's. A warning said once per book
/// ([`Warning::once`]) that was said already, from an earlier file, is
/// counted on the first instead (`said` maps its message to its index).
fn add_warnings(
    book: &mut Vec<Warning>,
    file: Vec<Warning>,
    said: &mut BTreeMap<String, (usize, usize)>,
) {
    for warning in file {
        if !warning.once {
            book.push(warning);
            continue;
        }
        match said.get_mut(&warning.message) {
            Some((index, more)) => {
                *more += 1;
                let plural = if *more == 1 { "" } else { "s" };
                book[*index].message =
                    format!("{} (also in {more} more file{plural})", warning.message);
            }
            None => {
                said.insert(warning.message.clone(), (book.len(), 0));
                book.push(warning);
            }
        }
    }
}

/// Moves every place `parsed` names to the file and line an importer took
/// the text from.
fn relocate(parsed: &mut parse::Parsed, origin: &manuscript::TextOrigin, dir: &Path) {
    let errors = parsed
        .errors
        .iter_mut()
        .filter_map(|e| e.location.as_deref_mut());
    let warnings = parsed.warnings.iter_mut().map(|w| &mut w.location);
    let links = parsed.links.iter_mut().map(|l| &mut l.location);
    let images = parsed.images.iter_mut().map(|i| &mut i.location);
    for location in errors.chain(warnings).chain(links).chain(images) {
        origin.relocate(dir, location);
    }
}

/// The id a file's front matter asks for, made a slug: taken when no other
/// part (or generated page) has it, otherwise the file keeps its own id,
/// with a warning. `ids` (file → id) and `taken` follow the change.
fn front_matter_id(
    source: &manuscript::SourceFile,
    wanted: &str,
    ids: &mut BTreeMap<String, String>,
    taken: &mut BTreeSet<String>,
    dir: &Path,
    warnings: &mut Vec<Warning>,
) -> String {
    let wanted = passes::ids::slug(wanted);
    if wanted == source.id {
        return wanted;
    }
    if taken.contains(&wanted) || manuscript::RESERVED_IDS.contains(&wanted.as_str()) {
        warnings.push(Warning::at(
            Location::line(dir.join(&source.file), 1),
            format!(
                "front matter id `{wanted}` is another part's (or a generated page's): the part keeps `{}`",
                source.id
            ),
        ));
        return source.id.clone();
    }
    taken.remove(&source.id);
    taken.insert(wanted.clone());
    ids.insert(source.file.clone(), wanted.clone());
    wanted
}

/// The book's modification time: `SOURCE_DATE_EPOCH` when given, otherwise
/// midnight (UTC) of its publication date `YYYY-MM-DD` (never the clock).
fn modified_time(publication_date: &str, options: &BuildOptions) -> i64 {
    if let Some(epoch) = options.source_date_epoch {
        return epoch;
    }
    // `date` was validated as YYYY-MM-DD by the config.
    let field = |range: std::ops::Range<usize>| {
        publication_date
            .get(range)
            .and_then(|f| f.parse::<u32>().ok())
    };
    let year = i64::from(field(0..4).unwrap_or(1970));
    date::days_from_civil(year, field(5..7).unwrap_or(1), field(8..10).unwrap_or(1)) * 86_400
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_warning_said_once_per_book_is_counted_not_repeated() {
        let at = |file: &str| Location::line(file, 1);
        let mut book = Vec::new();
        let mut said = BTreeMap::new();
        for file in ["a.md", "b.md", "c.md"] {
            let warnings = vec![
                Warning::at(at(file), "`<listing>` is unknown").once(),
                Warning::at(at(file), "no alternative text"),
            ];
            add_warnings(&mut book, warnings, &mut said);
        }
        let messages: Vec<String> = book.iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [
                "a.md:1: `<listing>` is unknown (also in 2 more files)",
                "a.md:1: no alternative text",
                "b.md:1: no alternative text",
                "c.md:1: no alternative text",
            ]
        );
    }

    #[test]
    fn modified_time_is_the_epoch_given_or_the_publication_date() {
        let none = BuildOptions::default();
        assert_eq!(modified_time("2026-11-27", &none), 1_795_737_600);
        let given = BuildOptions {
            source_date_epoch: Some(42),
        };
        assert_eq!(modified_time("2026-11-27", &given), 42);
    }
}
