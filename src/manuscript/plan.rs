//! The plan of a manuscript: which files the book uses, in which order,
//! as which kind of part, from `book.toml` or the folder's default rule.

use super::*;
use crate::config::BookConfig;
use crate::error::{ConfigError, Error, ErrorKind, Errors, Location, Warning};
use crate::model::ChapterKind;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

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
pub(super) fn listed_line(config_text: &str, file: &str) -> Option<usize> {
    let quoted = format!("\"{file}\"");
    config_text
        .lines()
        .position(|l| l.contains(&quoted))
        .map(|i| i + 1)
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
pub(super) struct Entry {
    pub(super) file: String,
    pub(super) id: String,
    pub(super) kind: ChapterKind,
}

/// The manuscript's files in reading order, every file's part id, and the
/// Markdown files the book leaves out.
#[derive(Debug)]
pub(super) struct Plan {
    pub(super) entries: Vec<Entry>,
    pub(super) ids: BTreeMap<String, String>,
    pub(super) warnings: Vec<Warning>,
}

pub(super) fn plan(
    dir: &Path,
    root: &Path,
    config: &BookConfig,
    config_text: &str,
) -> Result<Plan, Errors> {
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
    let mut used_ids = passes::ids::Taken::default();
    // The files already planned (a search of `entries` was quadratic).
    let mut listed_files = BTreeSet::new();
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
            errors.push(place(ErrorKind::Config(ConfigError::NotMarkdownInside {
                file: file.clone(),
                folder: "manuscript",
            })));
            continue;
        };
        match confined(dir, root, &normalized) {
            Ok(real) if real.is_file() => {
                used.insert(real);
            }
            Ok(_) => {
                errors.push(place(ErrorKind::Config(ConfigError::NotAFile {
                    file: file.clone(),
                })));
                continue;
            }
            Err(ErrorKind::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => {
                errors.push(place(ErrorKind::Config(ConfigError::ListedMissing {
                    file: file.clone(),
                })));
                continue;
            }
            Err(kind) => {
                errors.push(place(kind));
                continue;
            }
        }
        if !listed_files.insert(normalized.clone()) {
            errors.push(place(ErrorKind::Config(ConfigError::ListedTwice {
                file: file.clone(),
                first_line: None,
            })));
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
        let id = used_ids.unique(id);
        entries.push(Entry {
            file: normalized,
            id,
            kind,
        });
    }
    if !entries.iter().any(|e| e.kind == ChapterKind::Chapter) && errors.is_empty() {
        errors.push(Error::at(
            Location::file(&config_path),
            ErrorKind::Config(ConfigError::NoChapters),
        ));
    }
    if !errors.is_empty() {
        return Err(Errors(errors));
    }
    // A file the book reads through a symbolic link is not left out; a
    // file it reads as named was resolved already (not again: a long book
    // has thousands).
    let warnings = all
        .iter()
        .filter(|f| {
            !listed_files.contains(*f)
                && dir
                    .join(f)
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
