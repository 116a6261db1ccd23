//! An mdBook project read as a manuscript.
//!
//! The folder holds mdBook's `book.toml` (recognised by its `[book]` table)
//! and `SRC/SUMMARY.md` (`src = "src"` by default). [`read`] takes from them
//! what a quire `book.toml` would say:
//!
//! - `[book]`: `title`, `authors`, `language` (default `en`, as mdBook),
//!   `description`, `src`; `[output.html] site-url`, when it is a full
//!   address, is the base of links out of the book ([`super::links`]);
//! - `[quire]`: any key of a quire `book.toml` (read by
//!   [`BookConfig::parse_table`], same checks), which wins over `[book]`;
//!   but not `front-matter`, `chapters`, `appendices` or `faq`: the summary
//!   sets the order;
//! - a missing `identifier` is derived from the title and authors (a
//!   `urn:uuid:` of version 5, stable while they stay the same), a missing
//!   `date` is the day of `SOURCE_DATE_EPOCH` when set, else 1970-01-01;
//!   each with a warning saying what to write in `[quire]`.
//!
//! The summary ([`super::summary`]) gives the parts: prefix chapters are
//! front matter, numbered chapters are chapters (sub-chapters nested by
//! depth), part titles are parts of their own, suffix chapters are
//! appendices, and draft chapters are left out with a warning. Each file's
//! text has its directives expanded ([`super::directives`]) and its links
//! rewritten ([`super::links`]); a file that does not open with a heading
//! gets its summary title as `# Title`. Every line keeps the file and line
//! it came from, so that problems are reported where the author wrote them.

use super::directives::Expander;
use super::summary::{self, Entry, Place};
use super::{links, Lines};
use crate::config::{is_language_tag, BookConfig, ConfigFile};
use crate::error::{ConfigError, Error, ErrorKind, Errors, Location, Warning};
use crate::manuscript::{
    confined, file_id, markdown_files, read_text, Manuscript, SourceFile, TextOrigin, RESERVED_IDS,
};
use crate::model::{ChapterKind, Labels};
use crate::parse::resolve_relative;
use crate::passes::ids::{slug, Taken};
use crate::url::is_external_url;
use crate::BuildOptions;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// quire keys an mdBook's `[quire]` table may not set: the summary does.
const ORDER_KEYS: &[&str] = &["front-matter", "chapters", "appendices", "faq"];

/// Whether `config_text` is an mdBook's `book.toml`: a `[book]` table.
pub fn is_mdbook(config_text: &str) -> bool {
    toml::from_str::<toml::Table>(config_text)
        .is_ok_and(|table| table.get("book").is_some_and(toml::Value::is_table))
}

/// The settings of an mdBook's `book.toml` that quire uses.
#[derive(Debug, Default)]
struct MdBookToml {
    title: Option<String>,
    authors: Vec<String>,
    language: Option<String>,
    description: Option<String>,
    src: String,
    site_url: Option<String>,
}

/// One planned part.
#[derive(Debug)]
struct Planned {
    file: String,
    id: String,
    kind: ChapterKind,
    depth: u8,
    /// The summary's title (Markdown) and line.
    title: String,
    line: usize,
}

/// Reads the mdBook in `dir` (real path `root`), whose `book.toml` is
/// `config_text`, into the sources of a manuscript.
pub fn read(
    dir: &Path,
    root: PathBuf,
    config_text: String,
    options: &BuildOptions,
) -> Result<Manuscript, Errors> {
    let config_path = dir.join("book.toml");
    let mut errors = Vec::new();
    let mdbook = mdbook_toml(&config_text, &config_path, &mut errors);
    for key in ORDER_KEYS {
        if let Some(line) = line_in_table(&config_text, "quire", key) {
            errors.push(Error::at(
                Location::line(&config_path, line),
                ErrorKind::Config(ConfigError::OrderKeyInMdBook { key }),
            ));
        }
    }
    // Every problem of book.toml in one run, in the order of the file.
    let (mut config, mut warnings) =
        match BookConfig::parse_table(&config_text, &config_path, "quire") {
            Ok(ConfigFile { config, warnings }) if errors.is_empty() => (config, warnings),
            Ok(_) => return Err(Errors(errors)),
            Err(Errors(mut more)) => {
                more.append(&mut errors);
                more.sort_by_key(|e| e.location.as_ref().and_then(|l| l.line));
                return Err(Errors(more));
            }
        };
    // mdBook reads no `$…$` math: dollars are text unless `[quire]` says.
    config.math = Some(config.math.unwrap_or(false));
    complete(
        &mut config,
        &mdbook,
        dir,
        &config_path,
        options,
        &mut warnings,
    );

    let src = mdbook.src.clone();
    let summary_file = join(&src, "SUMMARY.md");
    let summary_path = dir.join(&summary_file);
    confined(dir, &root, &summary_file)
        .map_err(|kind| Error::at(Location::file(&summary_path), kind))?;
    let summary_text = read_text(&summary_path)?;
    let summary = summary::read(&summary_text);
    warnings.extend(
        summary.warnings.iter().map(|(line, message)| {
            Warning::at(Location::line(&summary_path, *line), message.clone())
        }),
    );
    let planned = plan(
        dir,
        &root,
        &src,
        &summary_file,
        &summary.entries,
        &mut errors,
        &mut warnings,
    );
    if !planned.iter().any(|p| p.kind == ChapterKind::Chapter) && errors.is_empty() {
        errors.push(Error::at(
            Location::file(&summary_path),
            ErrorKind::Config(ConfigError::NoNumberedChapter),
        ));
    }
    if !errors.is_empty() {
        return Err(Errors(errors));
    }

    let chapter_files: BTreeSet<String> = planned
        .iter()
        .filter(|p| p.kind != ChapterKind::Part)
        .map(|p| p.file.clone())
        .collect();
    let base = mdbook.site_url.as_deref().filter(|u| is_external_url(u));
    let book = links::Book {
        files: &chapter_files,
        src: &src,
        base,
    };
    let mut expander = Expander::new(dir, &root);
    // The words of `<Listing>`s, in the book's language.
    let labels = crate::passes::matter::labels(&config.language, &config.labels);
    let summary_index = expander.file_index(&summary_file);
    let mut files = Vec::new();
    let mut origins = Vec::new();
    for part in &planned {
        let lines = if part.kind == ChapterKind::Part {
            Lines {
                lines: vec![(format!("# {}", part.title), (summary_index, part.line))],
            }
        } else {
            match read_text(&dir.join(&part.file)) {
                Ok(text) => chapter_lines(
                    &mut expander,
                    part,
                    &text,
                    book,
                    &labels,
                    summary_index,
                    &mut warnings,
                ),
                Err(e) => {
                    errors.push(e);
                    continue;
                }
            }
        };
        origins.push(
            lines
                .lines
                .iter()
                .map(|(_, origin)| *origin)
                .collect::<Vec<_>>(),
        );
        files.push(SourceFile {
            file: part.file.clone(),
            id: part.id.clone(),
            kind: part.kind,
            text: lines.text(),
            depth: part.depth,
            origin: None,
        });
    }
    errors.append(&mut expander.errors);
    warnings.append(&mut expander.warnings);
    // Every included file is known now: where each line comes from.
    for (file, lines) in files.iter_mut().zip(&origins) {
        file.origin = Some(TextOrigin::from_lines(&expander.files, lines));
    }
    warnings.extend(left_out(dir, &src, &chapter_files, &expander.included)?);
    let ids = planned
        .iter()
        .filter(|p| p.kind != ChapterKind::Part)
        .map(|p| (p.file.clone(), p.id.clone()))
        .collect();
    Ok(Manuscript {
        dir: dir.to_path_buf(),
        root,
        config,
        config_text,
        files,
        ids,
        errors,
        warnings,
        cover_from: None,
    })
}

/// A chapter's lines: directives expanded, hidden lines dropped,
/// `<Listing>`s rewritten in the words of `labels`, links rewritten, and its
/// summary title added when it opens with no heading.
fn chapter_lines(
    expander: &mut Expander<'_>,
    part: &Planned,
    text: &str,
    book: links::Book<'_>,
    labels: &Labels,
    summary_index: usize,
    warnings: &mut Vec<Warning>,
) -> Lines {
    let mut lines = expander.expand(&part.file, text);
    super::listing::rewrite(&mut lines, labels);
    let text = lines.text();
    if !opens_with_heading(&text) {
        lines.lines.splice(
            0..0,
            [
                (format!("# {}", part.title), (summary_index, part.line)),
                (String::new(), (summary_index, part.line)),
            ],
        );
    }
    links::heading_ids(&mut lines);
    for (line, dest) in links::rewrite(&mut lines, &part.file, book) {
        let (file, at) = lines
            .origin(line)
            .map_or((part.file.clone(), line), |(f, at)| {
                (expander.files[f].clone(), at)
            });
        warnings.push(Warning::at(
            Location::line(expander.dir().join(file), at),
            format!("the link to `{dest}` leads out of the book and no site address is known (`[output.html] site-url` in book.toml, a full https:// address): its text is kept without the link"),
        ));
    }
    lines
}

/// Whether `text` opens with a heading, after nothing but HTML blocks and
/// paragraphs of HTML tags alone (`<a id="x"></a>`, a comment): the parser
/// takes such anchors for the part's start.
fn opens_with_heading(text: &str) -> bool {
    let mut depth = 0usize;
    let mut only_tags = true;
    for event in Parser::new(text) {
        match event {
            Event::Start(Tag::Heading { .. }) if depth == 0 => return true,
            Event::Start(Tag::HtmlBlock | Tag::Paragraph) if depth == 0 => depth = 1,
            Event::End(TagEnd::HtmlBlock) => depth = 0,
            Event::End(TagEnd::Paragraph) if depth == 1 => {
                depth = 0;
                if !std::mem::replace(&mut only_tags, true) {
                    return false;
                }
            }
            Event::Html(_) | Event::InlineHtml(_) | Event::SoftBreak => {}
            Event::Text(t) if t.trim().is_empty() => {}
            _ if depth == 1 => only_tags = false,
            _ => return false,
        }
    }
    false
}

/// The parts the summary lists, in reading order, each file checked to be
/// a Markdown file inside the book folder and listed once.
fn plan(
    dir: &Path,
    root: &Path,
    src: &str,
    summary_file: &str,
    entries: &[Entry],
    errors: &mut Vec<Error>,
    warnings: &mut Vec<Warning>,
) -> Vec<Planned> {
    let summary_path = dir.join(summary_file);
    let mut planned: Vec<Planned> = Vec::new();
    let mut used_ids = Taken::default();
    let mut listed: BTreeMap<String, usize> = BTreeMap::new();
    // For each depth of the summary, whether the chapter there was kept.
    let mut kept_above: Vec<bool> = Vec::new();
    for entry in entries {
        let (title, path, depth, place, line) = match entry {
            Entry::Part { title, line } => {
                kept_above.clear();
                let id = used_ids.unique(format!("part-{}", slug(title)));
                planned.push(Planned {
                    file: summary_file.to_string(),
                    id,
                    kind: ChapterKind::Part,
                    depth: 0,
                    title: title.clone(),
                    line: *line,
                });
                continue;
            }
            Entry::Chapter {
                title,
                path,
                depth,
                place,
                line,
            } => (title, path, *depth, *place, *line),
        };
        kept_above.truncate(usize::from(depth));
        let nesting = kept_above.iter().filter(|k| **k).count() as u8;
        let at = Location::line(&summary_path, line);
        let Some(path) = path else {
            warnings.push(Warning::at(
                at,
                format!("`{title}` is a draft chapter (no file): left out of the book"),
            ));
            kept_above.push(false);
            continue;
        };
        let file = resolve_relative(summary_file, path).filter(|f| f.ends_with(".md"));
        let problem = match &file {
            None => Some(ErrorKind::Config(ConfigError::NotMarkdownInside {
                file: path.to_string(),
                folder: "book",
            })),
            Some(file) => match confined(dir, root, file) {
                Ok(real) if real.is_file() => None,
                Ok(_) => Some(ErrorKind::Config(ConfigError::NotAFile {
                    file: path.to_string(),
                })),
                Err(ErrorKind::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => {
                    Some(ErrorKind::Config(ConfigError::ListedMissing {
                        file: path.to_string(),
                    }))
                }
                Err(kind) => Some(kind),
            },
        };
        let file = match (file, problem) {
            (Some(file), None) => file,
            // A missing file always comes with its problem.
            (_, problem) => {
                errors.extend(problem.map(|kind| Error::at(at, kind)));
                kept_above.push(false);
                continue;
            }
        };
        if let Some(first) = listed.get(&file) {
            errors.push(Error::at(
                at,
                ErrorKind::Config(ConfigError::ListedTwice {
                    file: path.to_string(),
                    first_line: Some(*first),
                }),
            ));
            kept_above.push(false);
            continue;
        }
        listed.insert(file.clone(), line);
        let kind = match place {
            Place::Prefix => ChapterKind::FrontMatter,
            Place::Numbered => ChapterKind::Chapter,
            Place::Suffix => ChapterKind::Appendix,
        };
        let id = part_id(&file, src);
        let id = if RESERVED_IDS.contains(&id.as_str()) {
            format!("{id}-text")
        } else {
            id
        };
        planned.push(Planned {
            id: used_ids.unique(id),
            file,
            kind,
            depth: nesting,
            title: title.clone(),
            line,
        });
        kept_above.push(true);
    }
    planned
}

/// A part's id from its file, as for a quire manuscript; a `README.md` or
/// `index.md` (mdBook's page for its folder) in a folder of the source
/// folder `src` is named after that folder.
fn part_id(file: &str, src: &str) -> String {
    let (folder, name) = file.rsplit_once('/').unwrap_or(("", file));
    let is_index = ["readme.md", "index.md"].contains(&name.to_ascii_lowercase().as_str());
    match folder.rsplit('/').next() {
        Some(parent) if is_index && !parent.is_empty() && folder != src => {
            file_id(&format!("{parent}.md"))
        }
        _ => file_id(file),
    }
}

/// Reads `[book]` and `[output.html]`, reporting values of the wrong type.
fn mdbook_toml(text: &str, path: &Path, errors: &mut Vec<Error>) -> MdBookToml {
    let table: toml::Table = toml::from_str(text).unwrap_or_default();
    let book = table.get("book").and_then(toml::Value::as_table);
    let html = table
        .get("output")
        .and_then(|o| o.get("html"))
        .and_then(toml::Value::as_table);
    let mut text_of = |owner: Option<&toml::Table>, name: &str, key: &str| {
        let value = owner?.get(key)?;
        match value.as_str() {
            Some(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
            _ => {
                errors.push(key_error(text, path, name, key, "text in quotes".into()));
                None
            }
        }
    };
    let title = text_of(book, "book", "title");
    let language = text_of(book, "book", "language");
    let description = text_of(book, "book", "description");
    let src = text_of(book, "book", "src");
    let site_url = text_of(html, "output.html", "site-url");
    let authors = match book.and_then(|b| b.get("authors")) {
        None => Vec::new(),
        Some(toml::Value::Array(items)) if items.iter().all(toml::Value::is_str) => items
            .iter()
            .filter_map(toml::Value::as_str)
            .map(str::to_string)
            .collect(),
        Some(_) => {
            errors.push(key_error(
                text,
                path,
                "book",
                "authors",
                "a list of names: `authors = [\"Ann Author\"]`".into(),
            ));
            Vec::new()
        }
    };
    if let Some(tag) = &language {
        if !is_language_tag(tag) {
            errors.push(key_error(
                text,
                path,
                "book",
                "language",
                format!("a BCP 47 language tag such as `en`, not `{tag}`"),
            ));
        }
    }
    let src = match src {
        None => "src".to_string(),
        Some(src) => match resolve_relative("book.toml", &src) {
            Some(src) => src,
            None => {
                errors.push(key_error(
                    text,
                    path,
                    "book",
                    "src",
                    format!("a folder inside the book folder, not `{src}`"),
                ));
                "src".to_string()
            }
        },
    };
    MdBookToml {
        title,
        authors,
        language,
        description,
        src,
        site_url,
    }
}

/// An error about `key` of the table `[table]` of `book.toml`, at its line:
/// it must be `expected`.
fn key_error(text: &str, path: &Path, table: &str, key: &str, expected: String) -> Error {
    let location = Location {
        file: path.to_path_buf(),
        line: line_in_table(text, table, key),
        column: None,
    };
    let problem = ConfigError::MdBookValue {
        table: table.to_string(),
        key: key.to_string(),
        expected,
    };
    Error::at(location, ErrorKind::Config(problem))
}

/// Fills what `[quire]` leaves out from `[book]`, or derives it.
fn complete(
    config: &mut BookConfig,
    mdbook: &MdBookToml,
    dir: &Path,
    config_path: &Path,
    options: &BuildOptions,
    warnings: &mut Vec<Warning>,
) {
    let mut warn =
        |message: String| warnings.push(Warning::at(Location::file(config_path), message));
    if config.title.is_empty() {
        config.title = match &mdbook.title {
            Some(title) => title.clone(),
            None => {
                let name = dir
                    .canonicalize()
                    .ok()
                    .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
                    .unwrap_or_else(|| "Untitled".into());
                warn(format!(
                    "no `title` in [book]: the book is called `{name}`, after its folder"
                ));
                name
            }
        };
    }
    if config.authors.is_empty() {
        config.authors.clone_from(&mdbook.authors);
        if config.authors.is_empty() {
            warn(
                "no `authors` in [book]: the book credits no one; add `authors = [\"Ann Author\"]`"
                    .into(),
            );
        }
    }
    if config.language.is_empty() {
        config.language = mdbook.language.clone().unwrap_or_else(|| "en".into());
    }
    if config.description.is_none() {
        config.description.clone_from(&mdbook.description);
    }
    if config.identifier.is_empty() {
        config.identifier = derived_identifier(&config.title, &config.authors);
        warn(format!(
            "no `identifier`: using `{}`, derived from the title and authors (it changes if they do); to keep one, add `[quire]` with `identifier = \"{}\"`",
            config.identifier, config.identifier
        ));
    }
    if config.date.is_empty() {
        let (date, source) = super::missing_date(options);
        warn(format!(
            "no publication `date`: using {date}, {source}; add `[quire]` with `date = \"YYYY-MM-DD\"`"
        ));
        config.date = date;
    }
}

/// A `urn:uuid:` (version 5, URL namespace) from the title and authors.
pub fn derived_identifier(title: &str, authors: &[String]) -> String {
    let name = format!("quire:mdbook:{title}\n{}", authors.join("\n"));
    let uuid = uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, name.as_bytes());
    format!("urn:uuid:{uuid}")
}

/// The line of `book.toml` that sets `key` in the table `[table]`.
fn line_in_table(text: &str, table: &str, key: &str) -> Option<usize> {
    let mut current = String::new();
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if let Some(header) = trimmed.strip_prefix('[') {
            current = header
                .trim_start_matches('[')
                .split(']')
                .next()
                .unwrap_or_default()
                .replace(' ', "");
            continue;
        }
        let is_key = trimmed
            .strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with('='));
        if current == table && is_key {
            return Some(i + 1);
        }
    }
    None
}

fn join(folder: &str, name: &str) -> String {
    if folder.is_empty() {
        name.to_string()
    } else {
        format!("{folder}/{name}")
    }
}

/// A warning for each `.md` file of the source folder that the book
/// neither lists nor includes.
fn left_out(
    dir: &Path,
    src: &str,
    chapters: &BTreeSet<String>,
    included: &BTreeSet<String>,
) -> Result<Vec<Warning>, Error> {
    let found = markdown_files(&dir.join(src))?;
    Ok(found
        .into_iter()
        .map(|f| join(src, &f))
        .filter(|f| !chapters.contains(f) && !included.contains(f) && !f.ends_with("SUMMARY.md"))
        .map(|f| {
            Warning::at(
                Location::file(dir.join(&f)),
                format!("`{f}` is not part of the book: SUMMARY.md does not list it"),
            )
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_and_comments_may_come_before_the_opening_heading() {
        assert!(opens_with_heading("# T\n"));
        assert!(opens_with_heading("<a id=\"x\"></a>\n\n## T\n"));
        assert!(opens_with_heading("<!-- c -->\n<a name=\"x\"></a>\n# T\n"));
        assert!(!opens_with_heading("Text.\n\n# T\n"));
        assert!(!opens_with_heading("<a id=\"x\"></a> Text.\n\n# T\n"));
        assert!(!opens_with_heading("- # T\n"));
    }

    #[test]
    fn an_mdbook_is_known_by_its_book_table() {
        assert!(is_mdbook("[book]\ntitle = \"T\"\n"));
        assert!(!is_mdbook("title = \"T\"\nauthors = [\"A\"]\n"));
        assert!(!is_mdbook("book = \"T\"\n"));
        assert!(!is_mdbook("[book\n"));
    }

    #[test]
    fn derived_identifiers_are_stable_version_5_uuids() {
        let a = derived_identifier("T", &["A".into()]);
        assert_eq!(a, derived_identifier("T", &["A".into()]));
        assert_ne!(a, derived_identifier("T", &["B".into()]));
        assert_eq!(a.len(), "urn:uuid:".len() + 36);
        assert_eq!(&a["urn:uuid:".len() + 14..][..1], "5");
    }

    #[test]
    fn a_folder_page_is_named_after_its_folder() {
        assert_eq!(part_id("src/lamp/README.md", "src"), "lamp");
        assert_eq!(part_id("src/02-lamp/index.md", "src"), "lamp");
        assert_eq!(part_id("src/03-wicks.md", "src"), "wicks");
        assert_eq!(part_id("src/README.md", "src"), "readme");
        assert_eq!(part_id("README.md", ""), "readme");
    }

    /// An mdBook in a temporary folder: `book.toml`, then (path, text) pairs.
    fn book(toml: &str, files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("book.toml"), toml).unwrap();
        for (path, text) in files {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        dir
    }

    #[test]
    fn an_untitled_book_is_named_after_its_folder_and_credits_no_one() {
        let dir = book(
            "[book]\n",
            &[
                ("src/SUMMARY.md", "- [One](one.md)\n"),
                ("src/one.md", "Text.\n"),
            ],
        );
        let loaded = crate::load(dir.path()).unwrap();
        let name = dir.path().canonicalize().unwrap();
        let name = name.file_name().unwrap().to_string_lossy();
        assert_eq!(loaded.book.metadata.title, name);
        assert_eq!(loaded.book.metadata.language, "en");
        assert!(loaded.book.metadata.authors.is_empty());
        let messages: Vec<&str> = loaded.warnings.iter().map(|w| w.message.as_str()).collect();
        assert!(messages
            .iter()
            .any(|m| m.starts_with("no `title` in [book]")));
        assert!(messages
            .iter()
            .any(|m| m.starts_with("no `authors` in [book]")));
        assert_eq!(loaded.book.chapters[0].title_text(), "One");
    }

    #[test]
    fn listings_speak_the_book_s_language() {
        let dir = book(
            "[book]\ntitle = \"T\"\nlanguage = \"fr\"\n",
            &[
                ("src/SUMMARY.md", "- [Un](un.md)\n"),
                (
                    "src/un.md",
                    "# Un\n\n<Listing number=\"1-1\" file-name=\"src/main.rs\" caption=\"Bonjour\">\n\n```rust\nfn main() {}\n```\n\n</Listing>\n",
                ),
            ],
        );
        let book = crate::load(dir.path()).unwrap().book;
        let mut captions = Vec::new();
        crate::model::walk::blocks(&book.chapters[0].blocks, &mut |b| {
            if let crate::model::Block::CodeBlock { caption, .. } = b {
                captions.push(crate::model::plain_text(caption));
            }
        });
        assert_eq!(captions, ["Fichier\u{a0}: src/main.rs"]);
        let text = serde_json::to_string(&book.chapters[0].blocks).unwrap();
        assert!(text.contains("Listing 1-1\u{a0}: Bonjour"), "{text}");
    }

    #[test]
    fn summary_entries_outside_the_book_or_not_markdown_are_errors_at_their_line() {
        let dir = book(
            "[book]\ntitle = \"T\"\nsrc = \"text\"\n",
            &[
                (
                    "text/SUMMARY.md",
                    "- [One](one.md)\n- [Out](../../x.md)\n- [Pic](a.png)\n- [Again](one.md)\n",
                ),
                ("text/one.md", "# One\n"),
                ("text/a.png", ""),
            ],
        );
        let errors = crate::load(dir.path()).unwrap_err().0;
        let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
        let summary = dir.path().join("text/SUMMARY.md").display().to_string();
        assert_eq!(messages.len(), 3, "{messages:#?}");
        assert!(messages[0].starts_with(&format!(
            "{summary}:2: `../../x.md` must be a `.md` file inside"
        )));
        assert!(messages[1].starts_with(&format!("{summary}:3: `a.png` must be a `.md` file")));
        assert!(messages[2].starts_with(&format!(
            "{summary}:4: `one.md` is listed twice (first on line 1)"
        )));
    }

    #[test]
    fn keys_are_found_in_their_own_table() {
        let text = "[quire]\ntitle = \"Q\"\n\n[book]\n# note\ntitle = \"B\"\n[output.html]\nsite-url = \"/x/\"\n";
        assert_eq!(line_in_table(text, "book", "title"), Some(6));
        assert_eq!(line_in_table(text, "quire", "title"), Some(2));
        assert_eq!(line_in_table(text, "output.html", "site-url"), Some(8));
        assert_eq!(line_in_table(text, "book", "src"), None);
    }
}
