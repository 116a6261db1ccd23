//! `book.toml`: the typed settings of a manuscript.
//!
//! The file is parsed once into TOML values that keep their spans, then each
//! key is read by hand (`reader`) against one table of known keys
//! (`keys`); single values are checked in `values`. Every problem is reported in the same run, each at its
//! own line and column and saying what to write instead: an unknown or
//! misspelled key, a missing required key, a value of the wrong type, a value
//! of the wrong form. Only a TOML syntax error stops the reading, since
//! nothing after it can be trusted.

mod epub;
mod fonts;
mod keys;
mod labels;
mod pdf;
mod print;
mod reader;
#[cfg(test)]
mod tests;
mod values;

use crate::error::{ConfigError, Error, ErrorKind, Errors, Location, Warning};
use crate::lines::LineIndex;
use crate::model::PageSize;
use reader::Reader;
use std::collections::BTreeMap;
use std::path::Path;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

pub use epub::{EpubConfig, Notes};
pub use fonts::{Figures, FontsConfig};
pub(crate) use values::is_language_tag;

/// The contents of `book.toml`.
#[derive(Debug, Clone, PartialEq)]
pub struct BookConfig {
    /// The book's title.
    pub title: String,
    /// An optional subtitle.
    pub subtitle: Option<String>,
    /// The authors, as credited (at least one).
    pub authors: Vec<String>,
    /// BCP 47 language tag of the text.
    pub language: String,
    /// Stable unique identifier (`urn:uuid:…`, `urn:isbn:…`).
    pub identifier: String,
    /// Publication date, `YYYY-MM-DD`.
    pub date: String,
    /// A short description (blurb).
    pub description: Option<String>,
    /// Subject headings or keywords.
    pub subjects: Vec<String>,
    /// Copyright or licence statement.
    pub rights: Option<String>,
    /// The publisher.
    pub publisher: Option<String>,
    /// The cover image, relative to the manuscript folder.
    pub cover: Option<String>,
    /// Heading levels listed in the table of contents (1–6, default 2).
    pub toc_depth: u8,
    /// Trim size of the printed book: `6x9in` (default), `a5`, `letter`, or
    /// `WIDTHxHEIGHT` with a unit of `in`, `mm`, `cm` or `pt`.
    pub trim_size: Option<String>,
    /// Whether active content in HTML (`<script>`, `on…` attributes,
    /// `javascript:` addresses…) is an error rather than dropped with a
    /// warning (`strict-html`, default `false`).
    pub strict_html: bool,
    /// Whether `$…$` and `$$…$$` are TeX math (`math`); `None`: the
    /// default, on for a quire or pandoc book, off for an mdBook (mdBook
    /// reads no dollars, so `$HOME … $PATH` is text there).
    pub math: Option<bool>,
    /// Files of the front matter, in order.
    pub front_matter: Vec<String>,
    /// Files of the body, in order; default: every other `.md` file of the
    /// manuscript folder in natural name order.
    pub chapters: Option<Vec<String>>,
    /// Author appendices, in order (after the chapters, before the FAQ).
    pub appendices: Vec<String>,
    /// The questions-and-answers file for the FAQ appendix (default `faq.md`
    /// when it exists).
    pub faq: Option<String>,
    /// External resources to list on the resources page.
    pub resources: Vec<ResourceConfig>,
    /// The `[fonts]` table: the author's own faces.
    pub fonts: FontsConfig,
    /// How code blocks are highlighted (`[code]`).
    pub code: CodeConfig,
    /// The EPUB's settings (`[epub]`).
    pub epub: EpubConfig,
    /// The print edition (`[print]`): bleed, printer, margins, paper.
    pub print: crate::model::print::Print,
    /// The design of the printed book: `theme`, then the `[pdf]` keys over it.
    pub design: crate::model::design::Design,
    /// The author's `[labels]`: generated words by key, over the language's.
    pub labels: BTreeMap<String, String>,
}

/// The `[code]` table: the highlighting of code blocks.
#[derive(Debug, Clone, PartialEq)]
pub struct CodeConfig {
    /// Whether code in a known language is highlighted (`highlight`,
    /// default `true`).
    pub highlight: bool,
    /// The theme, one of [`crate::passes::highlight::THEMES`] (`theme`,
    /// default `quire`).
    pub theme: String,
    /// The languages to highlight, by name or file extension (`languages`);
    /// `None`: every language quire knows.
    pub languages: Option<Vec<String>>,
}

impl Default for CodeConfig {
    fn default() -> Self {
        CodeConfig {
            highlight: true,
            theme: crate::passes::highlight::THEMES[0].to_string(),
            languages: None,
        }
    }
}

/// One declared external resource.
#[derive(Debug, Clone, PartialEq)]
pub struct ResourceConfig {
    /// The resource's name.
    pub title: String,
    /// Its address (`https://…`).
    pub url: String,
    /// One line on what it offers.
    pub description: Option<String>,
    /// The heading it is listed under (default "Further reading").
    pub group: Option<String>,
}

/// A `book.toml` read and checked: the settings, and what is worth fixing in
/// them without stopping the build.
#[derive(Debug)]
pub struct ConfigFile {
    /// The settings.
    pub config: BookConfig,
    /// Unusual but accepted values (an identifier that is not a URN, say),
    /// each with its line.
    pub warnings: Vec<Warning>,
}

/// The default trim size: 6 × 9 in, the common trade paperback.
pub const DEFAULT_TRIM: PageSize = PageSize {
    width: 432.0,
    height: 648.0,
};

pub(super) const DEFAULT_TOC_DEPTH: u8 = 2;

impl BookConfig {
    /// Parses and checks `book.toml`; `path` names it in messages. Returns
    /// every problem found, in the order of the file, or the settings with
    /// their warnings.
    pub fn parse(text: &str, path: &Path) -> Result<ConfigFile, Errors> {
        Self::parse_in(text, path, None)
    }

    /// Reads quire's keys from the table `[name]` of a `book.toml` that
    /// belongs to another tool (the `[quire]` table of an mdBook's
    /// `book.toml`): the same keys and checks as a quire `book.toml`, but
    /// none is required, since the importer derives what is missing (a
    /// missing text key is empty, a missing list empty). Keys outside the
    /// table are not read; a TOML syntax error anywhere stops the reading.
    pub fn parse_table(text: &str, path: &Path, name: &str) -> Result<ConfigFile, Errors> {
        Self::parse_in(text, path, Some(name))
    }

    fn parse_in(text: &str, path: &Path, table: Option<&str>) -> Result<ConfigFile, Errors> {
        let mut reader = Reader {
            path,
            text,
            lines: LineIndex::new(text),
            errors: Vec::new(),
            warnings: Vec::new(),
            table,
        };
        let document = match DeTable::parse(text) {
            Ok(document) => document,
            Err(e) => {
                let reason = e.message().trim_end().to_string();
                let location = match e.span() {
                    Some(span) => reader.location(span.start),
                    None => Location::file(path),
                };
                return Err(Error::at(
                    location,
                    ErrorKind::Config(ConfigError::TomlSyntax { reason }),
                )
                .into());
            }
        };
        let empty = DeTable::new();
        let root = match table {
            None => document.get_ref(),
            Some(name) => match document.get_ref().get(name).map(|t| t.get_ref()) {
                Some(DeValue::Table(table)) => table,
                Some(_) => {
                    let location =
                        reader.location(document.get_ref().get(name).map_or(0, |v| v.span().start));
                    return Err(Error::at(
                        location,
                        ErrorKind::Config(ConfigError::NotATable {
                            name: name.to_string(),
                        }),
                    )
                    .into());
                }
                None => &empty,
            },
        };
        let config = reader.book(root);
        if reader.errors.is_empty() {
            Ok(ConfigFile {
                config,
                warnings: reader.warnings,
            })
        } else {
            reader.errors.sort_by_key(|(offset, _)| *offset);
            Err(Errors(reader.errors.into_iter().map(|(_, e)| e).collect()))
        }
    }

    /// The trim size in points.
    pub fn trim(&self) -> Result<PageSize, String> {
        match &self.trim_size {
            None => Ok(DEFAULT_TRIM),
            Some(spec) => values::parse_trim(spec),
        }
    }
}

/// The value of a checked key, without its span.
pub(super) fn value<T>(spanned: Option<Spanned<T>>) -> Option<T> {
    spanned.map(Spanned::into_inner)
}
