//! `book.toml`: the typed settings of a manuscript.
//!
//! The file is parsed once into TOML values that keep their spans, then each
//! key is read by hand against one table of known keys ([`BOOK_KEYS`],
//! [`RESOURCE_KEYS`]). Every problem is reported in the same run, each at its
//! own line and column and saying what to write instead: an unknown or
//! misspelled key, a missing required key, a value of the wrong type, a value
//! of the wrong form. Only a TOML syntax error stops the reading, since
//! nothing after it can be trusted.

use crate::error::{Error, ErrorKind, Errors, Location, Warning};
use crate::lines::LineIndex;
use crate::model::PageSize;
use crate::url::is_external_url;
use std::ops::Range;
use std::path::Path;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

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

const DEFAULT_TOC_DEPTH: u8 = 2;

/// The TOML type a key takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// A string.
    Text,
    /// An array of strings.
    List,
    /// An integer.
    Number,
    /// `true` or `false`.
    Bool,
    /// An array of tables (`[[resources]]`).
    Tables,
}

/// One key `book.toml` knows: its name, type, and how to write it.
#[derive(Debug)]
struct Key {
    /// The key as written (kebab-case).
    name: &'static str,
    shape: Shape,
    required: bool,
    /// What the value must be, as a phrase ("a list of names").
    expected: &'static str,
    /// A right-hand side to show in messages (`["Ann Author"]`).
    example: &'static str,
}

const fn key(
    name: &'static str,
    shape: Shape,
    required: bool,
    expected: &'static str,
    example: &'static str,
) -> Key {
    Key {
        name,
        shape,
        required,
        expected,
        example,
    }
}

const TITLE: Key = key(
    "title",
    Shape::Text,
    true,
    "the title in quotes",
    "\"The Book's Title\"",
);
const SUBTITLE: Key = key(
    "subtitle",
    Shape::Text,
    false,
    "the subtitle in quotes",
    "\"A Subtitle\"",
);
const AUTHORS: Key = key(
    "authors",
    Shape::List,
    true,
    "a list of names",
    "[\"Ann Author\"]",
);
const LANGUAGE: Key = key(
    "language",
    Shape::Text,
    true,
    "a BCP 47 language tag in quotes",
    "\"en\"",
);
const IDENTIFIER: Key = key(
    "identifier",
    Shape::Text,
    true,
    "a unique identifier in quotes (`urn:uuid:` and a UUID from `uuidgen`, or `urn:isbn:` and the ISBN)",
    "\"urn:uuid:…\"",
);
const DATE: Key = key(
    "date",
    Shape::Text,
    true,
    "the publication date, YYYY-MM-DD",
    "\"2026-11-27\"",
);
const DESCRIPTION: Key = key(
    "description",
    Shape::Text,
    false,
    "a blurb in quotes",
    "\"What the book is about.\"",
);
const SUBJECTS: Key = key(
    "subjects",
    Shape::List,
    false,
    "a list of subject headings",
    "[\"History\"]",
);
const RIGHTS: Key = key(
    "rights",
    Shape::Text,
    false,
    "a copyright or licence statement in quotes",
    "\"© 2026 Ann Author\"",
);
const PUBLISHER: Key = key(
    "publisher",
    Shape::Text,
    false,
    "the publisher's name in quotes",
    "\"Ann's Press\"",
);
const COVER: Key = key(
    "cover",
    Shape::Text,
    false,
    "an image path in quotes",
    "\"images/cover.png\"",
);
const TOC_DEPTH: Key = key(
    "toc-depth",
    Shape::Number,
    false,
    "a whole number from 1 to 6, without quotes",
    "2",
);
const STRICT_HTML: Key = key(
    "strict-html",
    Shape::Bool,
    false,
    "`true` or `false`, without quotes",
    "true",
);
const TRIM_SIZE: Key = key(
    "trim-size",
    Shape::Text,
    false,
    "a page size in quotes",
    "\"6x9in\"",
);
const FRONT_MATTER: Key = key(
    "front-matter",
    Shape::List,
    false,
    "a list of file names",
    "[\"preface.md\"]",
);
const CHAPTERS: Key = key(
    "chapters",
    Shape::List,
    false,
    "a list of file names",
    "[\"01-first.md\", \"02-second.md\"]",
);
const APPENDICES: Key = key(
    "appendices",
    Shape::List,
    false,
    "a list of file names",
    "[\"appendix.md\"]",
);
const FAQ: Key = key(
    "faq",
    Shape::Text,
    false,
    "a file name in quotes",
    "\"faq.md\"",
);
const RESOURCES: Key = key(
    "resources",
    Shape::Tables,
    false,
    "tables, each opened by a `[[resources]]` line",
    "[[resources]]",
);

/// Every key of `book.toml`, in the README's order.
const BOOK_KEYS: &[Key] = &[
    TITLE,
    SUBTITLE,
    AUTHORS,
    LANGUAGE,
    IDENTIFIER,
    DATE,
    DESCRIPTION,
    SUBJECTS,
    RIGHTS,
    PUBLISHER,
    COVER,
    TOC_DEPTH,
    TRIM_SIZE,
    STRICT_HTML,
    FRONT_MATTER,
    CHAPTERS,
    APPENDICES,
    FAQ,
    RESOURCES,
];

const RESOURCE_TITLE: Key = key(
    "title",
    Shape::Text,
    true,
    "the resource's name in quotes",
    "\"Internet Archive\"",
);
const URL: Key = key(
    "url",
    Shape::Text,
    true,
    "an address in quotes",
    "\"https://example.org/\"",
);
const RESOURCE_DESCRIPTION: Key = key(
    "description",
    Shape::Text,
    false,
    "one line in quotes",
    "\"What it offers\"",
);
const GROUP: Key = key(
    "group",
    Shape::Text,
    false,
    "a heading in quotes",
    "\"Further reading\"",
);

/// Every key of a `[[resources]]` table.
const RESOURCE_KEYS: &[Key] = &[RESOURCE_TITLE, URL, RESOURCE_DESCRIPTION, GROUP];

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
                let message = format!("not valid TOML: {}", e.message().trim_end());
                let location = match e.span() {
                    Some(span) => reader.location(span.start),
                    None => Location::file(path),
                };
                return Err(Error::at(location, ErrorKind::Config(message)).into());
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
                        ErrorKind::Config(format!("`{name}` must be a table: write `[{name}]` on a line of its own, then its keys")),
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
            Some(spec) => parse_trim(spec),
        }
    }
}

/// Reads the TOML values of `book.toml` into a [`BookConfig`], collecting
/// every problem with its byte offset (for ordering) and place.
struct Reader<'a> {
    path: &'a Path,
    text: &'a str,
    lines: LineIndex,
    errors: Vec<(usize, Error)>,
    warnings: Vec<Warning>,
    /// The table read, when quire's keys live in one (`[quire]`): then no
    /// key is required.
    table: Option<&'a str>,
}

impl Reader<'_> {
    /// The line and column of byte `offset`.
    fn location(&self, offset: usize) -> Location {
        let (line, column) = self.lines.line_column(self.text, offset);
        Location::line_column(self.path, line, column)
    }

    /// An error at the start of `span`.
    fn error(&mut self, span: &Range<usize>, message: String) {
        let location = self.location(span.start);
        self.errors
            .push((span.start, Error::at(location, ErrorKind::Config(message))));
    }

    /// An error about a table as a whole (a key it misses): its line, no column.
    fn table_error(&mut self, span: &Range<usize>, message: String) {
        let mut location = self.location(span.start);
        location.column = None;
        self.errors
            .push((span.start, Error::at(location, ErrorKind::Config(message))));
    }

    fn warn(&mut self, span: &Range<usize>, message: String) {
        let location = self.location(span.start);
        self.warnings.push(Warning::at(location, message));
    }

    fn book(&mut self, table: &DeTable<'_>) -> BookConfig {
        let top = 0..0;
        let owner = match self.table {
            Some(name) => format!("[{name}] of book.toml"),
            None => "book.toml".to_string(),
        };
        self.unknown_keys(table, BOOK_KEYS, &owner, &[]);
        let title = self.text(table, &TITLE, &top);
        let subtitle = self.text(table, &SUBTITLE, &top);
        let authors = self.list(table, &AUTHORS, &top);
        if let Some(list) = &authors {
            if list.get_ref().is_empty() {
                self.error(
                    &list.span(),
                    format!(
                        "`authors` must name at least one author: `authors = {}`",
                        AUTHORS.example
                    ),
                );
            }
        }
        let language = self.text(table, &LANGUAGE, &top);
        if let Some(tag) = &language {
            if !is_language_tag(tag.get_ref()) {
                self.error(
                    &tag.span(),
                    format!(
                        "`language` must be a BCP 47 language tag such as `en`, `en-GB` or `de`, not `{}`",
                        tag.get_ref()
                    ),
                );
            }
        }
        let identifier = self.text(table, &IDENTIFIER, &top);
        if let Some(id) = &identifier {
            match check_identifier(id.get_ref()) {
                Ok(None) => {}
                Ok(Some(warning)) => self.warn(&id.span(), warning),
                Err(message) => self.error(&id.span(), message),
            }
        }
        let date = self.date(table, &top);
        let toc_depth = self.number(table, &TOC_DEPTH, &top);
        if let Some(depth) = &toc_depth {
            if !(1..=6).contains(depth.get_ref()) {
                self.error(
                    &depth.span(),
                    format!(
                        "`toc-depth` must be a heading level from 1 to 6, like `toc-depth = 2`, not {}",
                        depth.get_ref()
                    ),
                );
            }
        }
        let trim_size = self.text(table, &TRIM_SIZE, &top);
        if let Some(spec) = &trim_size {
            if let Err(message) = parse_trim(spec.get_ref()) {
                self.error(&spec.span(), message);
            }
        }
        let resources = self.resources(table);
        BookConfig {
            title: value(title).unwrap_or_default(),
            subtitle: value(subtitle),
            authors: value(authors).unwrap_or_default(),
            language: value(language).unwrap_or_default(),
            identifier: value(identifier).unwrap_or_default(),
            date: date.unwrap_or_default(),
            description: value(self.text(table, &DESCRIPTION, &top)),
            subjects: value(self.list(table, &SUBJECTS, &top)).unwrap_or_default(),
            rights: value(self.text(table, &RIGHTS, &top)),
            publisher: value(self.text(table, &PUBLISHER, &top)),
            cover: value(self.text(table, &COVER, &top)),
            toc_depth: value(toc_depth)
                .and_then(|depth| u8::try_from(depth).ok())
                .unwrap_or(DEFAULT_TOC_DEPTH),
            trim_size: value(trim_size),
            strict_html: self
                .get(table, &STRICT_HTML, &top)
                .and_then(|found| found.get_ref().as_bool())
                .unwrap_or(false),
            front_matter: value(self.list(table, &FRONT_MATTER, &top)).unwrap_or_default(),
            chapters: value(self.list(table, &CHAPTERS, &top)),
            appendices: value(self.list(table, &APPENDICES, &top)).unwrap_or_default(),
            faq: value(self.text(table, &FAQ, &top)),
            resources,
        }
    }

    fn resources(&mut self, table: &DeTable<'_>) -> Vec<ResourceConfig> {
        let Some(declared) = self.get(table, &RESOURCES, &(0..0)) else {
            return Vec::new();
        };
        let DeValue::Array(entries) = declared.get_ref() else {
            return Vec::new();
        };
        let mut resources = Vec::new();
        for entry in entries.iter() {
            let DeValue::Table(resource) = entry.get_ref() else {
                self.error(&entry.span(), resources_shape_message());
                continue;
            };
            let header = entry.span();
            self.unknown_keys(resource, RESOURCE_KEYS, "a resource", BOOK_KEYS);
            let title = self.text(resource, &RESOURCE_TITLE, &header);
            let url = self.text(resource, &URL, &header);
            if let Some(url) = &url {
                if !is_external_url(url.get_ref()) {
                    let hint = if url.get_ref().starts_with("www.") {
                        format!(" (write `https://{}`)", url.get_ref())
                    } else {
                        String::new()
                    };
                    self.error(
                        &url.span(),
                        format!(
                            "`url` must be a full address such as `https://example.org/page`, not `{}`{hint}",
                            url.get_ref()
                        ),
                    );
                }
            }
            resources.push(ResourceConfig {
                title: value(title).unwrap_or_default(),
                url: value(url).unwrap_or_default(),
                description: value(self.text(resource, &RESOURCE_DESCRIPTION, &header)),
                group: value(self.text(resource, &GROUP, &header)),
            });
        }
        resources
    }

    /// Reports every key of `table` not in `keys`, with the likeliest meant
    /// key; `misplaced` are keys that belong to the enclosing table.
    fn unknown_keys(&mut self, table: &DeTable<'_>, keys: &[Key], owner: &str, misplaced: &[Key]) {
        for name in table.keys() {
            let written: &str = name.get_ref();
            if keys.iter().any(|k| k.name == written) {
                continue;
            }
            let message = if misplaced.iter().any(|k| k.name == written) {
                format!(
                    "`{written}` is not a resource key: TOML puts every line after a \
                     `[[resources]]` line into that resource, so move `{written} = …` above \
                     the first `[[resources]]`"
                )
            } else if let Some(meant) = closest_key(written, keys) {
                format!("unknown key `{written}` in {owner}: did you mean `{meant}`?")
            } else {
                let names: Vec<&str> = keys.iter().map(|k| k.name).collect();
                format!(
                    "unknown key `{written}` in {owner}: the keys are {}",
                    names.join(", ")
                )
            };
            self.error(&name.span(), message);
        }
    }

    /// The value of `key` in `table` when it has the key's type. A missing
    /// required key is reported at `missing_at` (the top of the file, or the
    /// table's header), a value of another type at the value.
    fn get<'t, 'i>(
        &mut self,
        table: &'t DeTable<'i>,
        key: &Key,
        missing_at: &Range<usize>,
    ) -> Option<&'t Spanned<DeValue<'i>>> {
        let Some(found) = table.get(key.name) else {
            if key.required && self.table.is_none() {
                self.table_error(
                    missing_at,
                    format!(
                        "missing `{name}`: add `{name} = {example}`, {expected}",
                        name = key.name,
                        example = key.example,
                        expected = key.expected
                    ),
                );
            }
            return None;
        };
        let fits = match (key.shape, found.get_ref()) {
            (Shape::Text, DeValue::String(_))
            | (Shape::Number, DeValue::Integer(_))
            | (Shape::Bool, DeValue::Boolean(_)) => true,
            (Shape::List, DeValue::Array(items)) => {
                items.iter().all(|item| item.get_ref().is_str())
            }
            (Shape::Tables, DeValue::Array(items)) => {
                items.iter().all(|item| item.get_ref().is_table())
            }
            _ => false,
        };
        if fits {
            return Some(found);
        }
        let message = match key.shape {
            Shape::Tables => resources_shape_message(),
            _ => format!(
                "`{name}` must be {expected}: `{name} = {suggestion}`",
                name = key.name,
                expected = key.expected,
                suggestion = self.suggestion(key, found)
            ),
        };
        self.error(&found.span(), message);
        None
    }

    /// What the author probably meant, in the key's type: `"X"` for `["X"]`,
    /// `["X"]` for `"X"`, `3` for `"3"`; else the key's example.
    fn suggestion(&self, key: &Key, found: &Spanned<DeValue<'_>>) -> String {
        let source = self.text.get(found.span()).unwrap_or_default();
        let quoted = |s: &str| toml::Value::String(s.to_string()).to_string();
        let strings: Vec<String> = match found.get_ref() {
            DeValue::String(s) => vec![s.to_string()],
            DeValue::Array(items) => items
                .iter()
                .map(|item| match item.get_ref() {
                    DeValue::String(s) => s.to_string(),
                    _ => self.text.get(item.span()).unwrap_or_default().to_string(),
                })
                .collect(),
            DeValue::Table(_) => Vec::new(),
            _ => vec![source.to_string()],
        };
        match (key.shape, strings.as_slice()) {
            (Shape::Text, [one]) if !one.is_empty() => quoted(one),
            (Shape::List, items) if !items.is_empty() => {
                let items: Vec<String> = items.iter().map(|s| quoted(s)).collect();
                format!("[{}]", items.join(", "))
            }
            (Shape::Number, [one]) if one.trim().parse::<i64>().is_ok() => one.trim().to_string(),
            (Shape::Bool, [one]) if matches!(one.trim(), "true" | "false") => {
                one.trim().to_string()
            }
            _ => key.example.to_string(),
        }
    }

    /// A string value; an empty one is an error.
    fn text(
        &mut self,
        table: &DeTable<'_>,
        key: &Key,
        missing_at: &Range<usize>,
    ) -> Option<Spanned<String>> {
        let found = self.get(table, key, missing_at)?;
        let text = found.get_ref().as_str().unwrap_or_default().to_string();
        if text.trim().is_empty() {
            self.error(
                &found.span(),
                format!(
                    "`{name}` is empty: write {expected}, like `{name} = {example}`{or_delete}",
                    name = key.name,
                    expected = key.expected,
                    example = key.example,
                    or_delete = if key.required {
                        ""
                    } else {
                        ", or delete the line"
                    }
                ),
            );
            return None;
        }
        Some(Spanned::new(found.span(), text))
    }

    /// A list of strings; an empty entry is an error at the entry.
    fn list(
        &mut self,
        table: &DeTable<'_>,
        key: &Key,
        missing_at: &Range<usize>,
    ) -> Option<Spanned<Vec<String>>> {
        let found = self.get(table, key, missing_at)?;
        let DeValue::Array(items) = found.get_ref() else {
            return None;
        };
        let mut list = Vec::new();
        for item in items.iter() {
            let text = item.get_ref().as_str().unwrap_or_default();
            if text.trim().is_empty() {
                self.error(
                    &item.span(),
                    format!(
                        "empty entry in `{name}`: write {expected} in quotes, like `{name} = {example}`, or remove the entry",
                        name = key.name,
                        expected = key.expected.trim_start_matches("a list of "),
                        example = key.example
                    ),
                );
            } else {
                list.push(text.to_string());
            }
        }
        Some(Spanned::new(found.span(), list))
    }

    /// An integer value.
    fn number(
        &mut self,
        table: &DeTable<'_>,
        key: &Key,
        missing_at: &Range<usize>,
    ) -> Option<Spanned<i64>> {
        let found = self.get(table, key, missing_at)?;
        let DeValue::Integer(integer) = found.get_ref() else {
            return None;
        };
        // Out of range for i64 is out of range for any key: keep the sign.
        let number = i64::from_str_radix(integer.as_str(), integer.radix()).unwrap_or(
            if integer.as_str().starts_with('-') {
                i64::MIN
            } else {
                i64::MAX
            },
        );
        Some(Spanned::new(found.span(), number))
    }

    /// The publication date: a `"YYYY-MM-DD"` string, or a bare TOML date
    /// (`date = 2026-11-27`), which is the same thing to an author.
    fn date(&mut self, table: &DeTable<'_>, missing_at: &Range<usize>) -> Option<String> {
        if let Some(found) = table.get(DATE.name) {
            if let DeValue::Datetime(datetime) = found.get_ref() {
                return match (datetime.date, datetime.time, datetime.offset) {
                    (Some(date), None, None) => Some(format!(
                        "{:04}-{:02}-{:02}",
                        date.year, date.month, date.day
                    )),
                    _ => {
                        self.error(
                            &found.span(),
                            format!(
                                "`date` must be a date alone, without a time: `date = {}`",
                                DATE.example
                            ),
                        );
                        None
                    }
                };
            }
        }
        let date = self.text(table, &DATE, missing_at)?;
        if iso_date(date.get_ref()).is_none() {
            self.error(
                &date.span(),
                format!(
                    "`date` must be a calendar date written YYYY-MM-DD, like `date = {}`, not `{}`",
                    DATE.example,
                    date.get_ref()
                ),
            );
            return None;
        }
        Some(date.into_inner())
    }
}

/// The value of a checked key, without its span.
fn value<T>(spanned: Option<Spanned<T>>) -> Option<T> {
    spanned.map(Spanned::into_inner)
}

fn resources_shape_message() -> String {
    format!(
        "`resources` must be {}, followed by `title = {}` and `url = {}` on the lines below it",
        RESOURCES.expected, RESOURCE_TITLE.example, URL.example
    )
}

/// The known key closest to a misspelled `written` one, if any is close:
/// a few edits away (`titel`, `toc_depth`, `Author`) or a prefix (`lang`).
fn closest_key(written: &str, keys: &[Key]) -> Option<&'static str> {
    let normal = written.to_lowercase().replace('_', "-");
    crate::hint::closest(&normal, keys.iter().map(|k| k.name))
}

/// `Ok(None)` for an identifier of a recognised form, `Ok(Some(warning))`
/// for one accepted but unusual, `Err(message)` for a malformed UUID or ISBN.
fn check_identifier(id: &str) -> Result<Option<String>, String> {
    let id = id.trim();
    if let Some(uuid) = strip_prefix_ignore_case(id, "urn:uuid:") {
        return if is_uuid(uuid) {
            Ok(None)
        } else {
            Err(format!(
                "`identifier` `{id}` does not hold a valid UUID: write 32 hexadecimal digits \
                 grouped 8-4-4-4-12, like `urn:uuid:5f0b7a52-2d6e-4c1b-9a3e-7c4d8e1f2a60` \
                 (`uuidgen` makes one)"
            ))
        };
    }
    if let Some(isbn) = strip_prefix_ignore_case(id, "urn:isbn:") {
        return match isbn_problem(isbn) {
            None => Ok(None),
            Some(problem) => Err(format!(
                "`identifier` `{id}` is not a valid ISBN ({problem}): write the 10- or \
                 13-digit ISBN as printed, like `urn:isbn:978-3-16-148410-0`"
            )),
        };
    }
    if is_urn(id)
        || ["http://", "https://"]
            .iter()
            .any(|scheme| strip_prefix_ignore_case(id, scheme).is_some())
    {
        return Ok(None);
    }
    let usual = if is_uuid(id) {
        format!("write it as `urn:uuid:{id}`")
    } else if isbn_problem(id).is_none() {
        format!("write it as `urn:isbn:{id}`")
    } else {
        "prefer `urn:uuid:` and a UUID (`uuidgen` makes one) or `urn:isbn:` and the ISBN".into()
    };
    Ok(Some(format!(
        "`identifier` `{id}` is neither a URN nor a URL, so readers may not tell the book apart from others: {usual}"
    )))
}

/// `text` without `prefix`, compared ignoring ASCII case.
fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

/// `8-4-4-4-12` hexadecimal digits.
fn is_uuid(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(group, len)| group.len() == len && group.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Why `text` is not an ISBN-10 or ISBN-13 (hyphens and spaces allowed), or
/// `None` when it is one, check digit included.
fn isbn_problem(text: &str) -> Option<&'static str> {
    let chars: Vec<char> = text.chars().filter(|c| !matches!(c, '-' | ' ')).collect();
    let digit = |c: char| c.to_digit(10);
    match chars.len() {
        10 => {
            let mut sum = 0;
            for (i, &c) in chars.iter().enumerate() {
                let value = match (digit(c), c) {
                    (Some(d), _) => d,
                    (None, 'X' | 'x') if i == 9 => 10,
                    _ => return Some("only digits, and X as the last one"),
                };
                sum += value * (10 - i as u32);
            }
            (sum % 11 != 0).then_some("its check digit does not match")
        }
        13 => {
            let digits: Option<Vec<u32>> = chars.iter().map(|&c| digit(c)).collect();
            let Some(digits) = digits else {
                return Some("only digits");
            };
            let sum: u32 = digits
                .iter()
                .enumerate()
                .map(|(i, d)| if i % 2 == 0 { *d } else { d * 3 })
                .sum();
            (sum % 10 != 0).then_some("its check digit does not match")
        }
        _ => Some("an ISBN has 10 or 13 digits"),
    }
}

/// `urn:` + a namespace (2–32 letters, digits or hyphens) + `:` + something.
fn is_urn(text: &str) -> bool {
    let Some(rest) = strip_prefix_ignore_case(text, "urn:") else {
        return false;
    };
    let Some((namespace, specific)) = rest.split_once(':') else {
        return false;
    };
    (2..=32).contains(&namespace.len())
        && namespace.starts_with(|c: char| c.is_ascii_alphanumeric())
        && namespace
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !specific.trim().is_empty()
}

fn parse_trim(spec: &str) -> Result<PageSize, String> {
    let lower = spec.trim().to_ascii_lowercase();
    match lower.as_str() {
        "a5" => {
            return Ok(PageSize {
                width: mm(148.0),
                height: mm(210.0),
            })
        }
        "letter" | "us-letter" => {
            return Ok(PageSize {
                width: 612.0,
                height: 792.0,
            })
        }
        "6x9" | "6x9in" => return Ok(DEFAULT_TRIM),
        _ => {}
    }
    let bad = || {
        let hint = if spec.contains('×') {
            " (write the `x` as a plain letter x)"
        } else {
            ""
        };
        format!(
            "`trim-size` must be `6x9in`, `a5`, `letter`, or WIDTHxHEIGHT with a unit \
             (in, mm, cm, pt) like `5.5x8.5in` or `140x216mm`, not `{spec}`{hint}"
        )
    };
    let (numbers, unit) = ["in", "mm", "cm", "pt"]
        .into_iter()
        .find_map(|u| lower.strip_suffix(u).map(|numbers| (numbers, u)))
        .ok_or_else(bad)?;
    let (w, h) = numbers.split_once('x').ok_or_else(bad)?;
    let scale = match unit {
        "in" => 72.0,
        "mm" => 72.0 / 25.4,
        "cm" => 720.0 / 25.4,
        _ => 1.0,
    };
    let parse = |s: &str| {
        s.trim()
            .parse::<f32>()
            .ok()
            .filter(|v| v.is_finite() && *v > 0.0)
            .ok_or_else(bad)
    };
    let size = PageSize {
        width: parse(w)? * scale,
        height: parse(h)? * scale,
    };
    if size.width < 144.0 || size.height < 216.0 || size.width > 1296.0 || size.height > 1296.0 {
        return Err(format!(
            "`trim-size` `{spec}` is outside 2×3 in to 18×18 in: give a printable page size, like `6x9in`"
        ));
    }
    Ok(size)
}

fn mm(v: f32) -> f32 {
    v * 72.0 / 25.4
}

/// Year, month and day of a `YYYY-MM-DD` date that exists in the calendar.
fn iso_date(date: &str) -> Option<(u32, u32, u32)> {
    let mut fields = date.split('-');
    let mut field = |len: usize| {
        fields
            .next()
            .filter(|f| f.len() == len && f.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|f| f.parse::<u32>().ok())
    };
    let (year, month, day) = (field(4)?, field(2)?, field(2)?);
    if fields.next().is_some() {
        return None;
    }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => return None,
    };
    (1..=days).contains(&day).then_some((year, month, day))
}

/// Whether `tag` has the shape of a BCP 47 language tag (`en`, `en-GB`, `zh-Hant`).
pub(crate) fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"title = "T"
authors = ["A"]
language = "en"
identifier = "urn:uuid:00000000-0000-4000-8000-000000000000"
date = "2026-01-02"
"#;

    fn parse(text: &str) -> Result<ConfigFile, Errors> {
        BookConfig::parse(text, Path::new("m/book.toml"))
    }

    /// Every error of `text`, as `line:column: message` (column when known).
    fn problems(text: &str) -> Vec<String> {
        let errors = parse(text).expect_err("should be rejected").0;
        errors
            .iter()
            .map(|e| {
                e.to_string()
                    .strip_prefix("m/book.toml:")
                    .expect("every error names the file")
                    .to_string()
            })
            .collect()
    }

    fn only_problem(text: &str) -> String {
        let found = problems(text);
        assert_eq!(found.len(), 1, "{found:#?}");
        found.into_iter().next().unwrap_or_default()
    }

    #[test]
    fn a_quire_table_requires_nothing_and_checks_what_it_has() {
        let path = Path::new("m/book.toml");
        let text = "[book]\ntitle = \"B\"\n\n[quire]\ndate = \"2026-01-02\"\n";
        let parsed = BookConfig::parse_table(text, path, "quire").unwrap();
        assert_eq!(parsed.config.date, "2026-01-02");
        assert!(parsed.config.title.is_empty() && parsed.config.identifier.is_empty());
        let none = BookConfig::parse_table("[book]\n", path, "quire").unwrap();
        assert!(none.config.authors.is_empty());
        let bad = "[quire]\ndate = \"2026-13-01\"\nauthor = [\"A\"]\n";
        let errors: Vec<String> = BookConfig::parse_table(bad, path, "quire")
            .unwrap_err()
            .0
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(errors.len(), 2, "{errors:#?}");
        assert!(errors[0].starts_with("m/book.toml:2:8: `date` must be a calendar date"));
        assert!(errors[1]
            .contains("unknown key `author` in [quire] of book.toml: did you mean `authors`?"));
        let not_table = BookConfig::parse_table("quire = 1\n", path, "quire").unwrap_err();
        assert!(not_table.to_string().contains("`quire` must be a table"));
    }

    #[test]
    fn strict_html_is_a_boolean() {
        assert!(!parse(MINIMAL).unwrap().config.strict_html);
        let strict = parse(&format!("{MINIMAL}strict-html = true\n")).unwrap();
        assert!(strict.config.strict_html);
        let quoted = only_problem(&format!("{MINIMAL}strict-html = \"true\"\n"));
        assert_eq!(
            quoted,
            "6:15: `strict-html` must be `true` or `false`, without quotes: `strict-html = true`"
        );
        let path = Path::new("m/book.toml");
        let table = BookConfig::parse_table("[quire]\nstrict-html = true\n", path, "quire");
        assert!(table.unwrap().config.strict_html);
    }

    #[test]
    fn minimal_config_gets_defaults() {
        let parsed = parse(MINIMAL).unwrap();
        assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
        let config = parsed.config;
        assert_eq!(config.toc_depth, 2);
        assert_eq!(config.trim().unwrap(), DEFAULT_TRIM);
        assert!(config.chapters.is_none());
        assert_eq!(config.date, "2026-01-02");
    }

    #[test]
    fn shipped_books_are_accepted_without_warnings() {
        for text in [
            include_str!("../manuscript/book.toml"),
            include_str!("../tests/fixtures/torture/book.toml"),
        ] {
            let parsed = parse(text).unwrap();
            assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
            assert!(!parsed.config.resources.is_empty());
        }
        let torture = parse(include_str!("../tests/fixtures/torture/book.toml"))
            .unwrap()
            .config;
        assert_eq!(torture.authors.len(), 2);
        assert_eq!(torture.toc_depth, 3);
        assert_eq!(
            torture.resources[1].group.as_deref(),
            Some("Libraries & <Archives>")
        );
    }

    #[test]
    fn every_problem_is_reported_at_once_in_file_order() {
        let text = "titel = \"T\"\n\
                    authors = \"Ann\"\n\
                    language = \"english language\"\n\
                    date = \"2 Jan 2026\"\n\
                    toc-depth = 9\n\
                    trim-size = \"9 furlongs\"\n\
                    [[resources]]\n\
                    title = \"X\"\n\
                    url = \"www.example.com\"\n";
        let found = problems(text);
        let places: Vec<&str> = found
            .iter()
            .map(|p| p.split(": ").next().unwrap_or_default())
            .collect();
        // The misspelled key, missing `title` and `identifier` at the top,
        // then one problem per line.
        assert_eq!(
            places,
            ["1:1", "1", "1", "2:11", "3:12", "4:8", "5:13", "6:13", "9:7"],
            "{found:#?}"
        );
        assert!(found.iter().any(|p| p.contains("missing `title`")));
        assert!(found.iter().any(|p| p.contains("missing `identifier`")));
        assert!(found[0].contains("did you mean `title`?"), "{}", found[0]);
        assert!(
            found[8].contains("write `https://www.example.com`"),
            "{}",
            found[8]
        );
    }

    #[test]
    fn unknown_key_is_an_error_with_its_line_column_and_likely_meaning() {
        let problem = only_problem(&format!("{MINIMAL}  toc_depth = 3\n"));
        assert_eq!(
            problem,
            "6:3: unknown key `toc_depth` in book.toml: did you mean `toc-depth`?"
        );
        assert!(
            only_problem(&format!("{MINIMAL}lang = \"en\"\n")).contains("did you mean `language`?")
        );
        assert!(only_problem(&format!("{MINIMAL}author = [\"B\"]\n"))
            .contains("did you mean `authors`?"));
        let far = only_problem(&format!("{MINIMAL}zzz = 1\n"));
        assert!(
            far.starts_with("6:1: unknown key `zzz` in book.toml: the keys are title, subtitle,"),
            "{far}"
        );
    }

    #[test]
    fn a_book_key_after_a_resources_header_is_explained() {
        let text = format!("{MINIMAL}[[resources]]\ntitle = \"X\"\nurl = \"https://a.example\"\ncover = \"c.png\"\n");
        let problem = only_problem(&text);
        assert!(
            problem.starts_with("9:1: `cover` is not a resource key"),
            "{problem}"
        );
        assert!(
            problem.contains("above the first `[[resources]]`"),
            "{problem}"
        );
    }

    #[test]
    fn missing_keys_say_what_to_write() {
        let text = MINIMAL.replace(
            "identifier = \"urn:uuid:00000000-0000-4000-8000-000000000000\"\n",
            "",
        );
        let found = problems(&text.replace("language = \"en\"\n", ""));
        assert_eq!(found.len(), 2, "{found:#?}");
        assert!(
            found[0].starts_with("1: missing `language`: add `language = \"en\"`"),
            "{}",
            found[0]
        );
        assert!(
            found[1].starts_with("1: missing `identifier`: add `identifier = \"urn:uuid:…\"`"),
            "{}",
            found[1]
        );
    }

    #[test]
    fn a_resource_missing_a_key_points_at_its_header() {
        let text = format!("{MINIMAL}\n[[resources]]\ntitle = \"X\"\nurl = \"https://a.example\"\n\n[[resources]]\ntitle = \"Y\"\n");
        assert_eq!(
            only_problem(&text),
            "11: missing `url`: add `url = \"https://example.org/\"`, an address in quotes"
        );
    }

    #[test]
    fn wrong_types_show_the_right_form() {
        let authors = only_problem(&MINIMAL.replace("[\"A\"]", "\"X\""));
        assert_eq!(
            authors,
            "2:11: `authors` must be a list of names: `authors = [\"X\"]`"
        );
        let title = only_problem(&MINIMAL.replace("\"T\"", "[\"T\"]"));
        assert_eq!(
            title,
            "1:9: `title` must be the title in quotes: `title = \"T\"`"
        );
        let depth = only_problem(&format!("{MINIMAL}toc-depth = \"3\"\n"));
        assert_eq!(
            depth,
            "6:13: `toc-depth` must be a whole number from 1 to 6, without quotes: `toc-depth = 3`"
        );
        let mixed = only_problem(&MINIMAL.replace("[\"A\"]", "[\"A\", 3]"));
        assert_eq!(
            mixed,
            "2:11: `authors` must be a list of names: `authors = [\"A\", \"3\"]`"
        );
        let resources = only_problem(&format!("{MINIMAL}resources = \"https://a.example\"\n"));
        assert!(
            resources.starts_with(
                "6:13: `resources` must be tables, each opened by a `[[resources]]` line"
            ),
            "{resources}"
        );
    }

    #[test]
    fn empty_values_are_errors_at_their_place() {
        let found = problems(
            &format!("{MINIMAL}subtitle = \" \"\nsubjects = [\"History\", \"\"]\n")
                .replace("[\"A\"]", "[]"),
        );
        assert_eq!(found.len(), 3, "{found:#?}");
        assert!(
            found[0].starts_with("2:11: `authors` must name at least one author"),
            "{}",
            found[0]
        );
        assert!(
            found[1].starts_with("6:12: `subtitle` is empty"),
            "{}",
            found[1]
        );
        assert!(found[1].ends_with("or delete the line"), "{}", found[1]);
        assert!(
            found[2].starts_with("7:24: empty entry in `subjects`"),
            "{}",
            found[2]
        );
    }

    #[test]
    fn bad_values_point_at_their_line() {
        let date = only_problem(&MINIMAL.replace("2026-01-02", "2 Jan 2026"));
        assert_eq!(
            date,
            "5:8: `date` must be a calendar date written YYYY-MM-DD, like `date = \"2026-11-27\"`, not `2 Jan 2026`"
        );
        assert!(only_problem(&format!("{MINIMAL}toc-depth = 9\n"))
            .starts_with("6:13: `toc-depth` must be a heading level from 1 to 6"));
        assert!(
            only_problem(&format!("{MINIMAL}toc-depth = 99999999999999999999\n"))
                .starts_with("6:13:")
        );
        assert!(
            only_problem(&MINIMAL.replace("\"en\"", "\"english language\""))
                .starts_with("3:12: `language` must be a BCP 47")
        );
    }

    #[test]
    fn dates_must_exist_in_the_calendar() {
        assert!(parse(&MINIMAL.replace("2026-01-02", "2024-02-29")).is_ok());
        for bad in [
            "2023-02-29",
            "2026-04-31",
            "2026-13-01",
            "2026-00-10",
            "2026-1-02",
            "２０２６-01-02",
            "2026-01-02-03",
        ] {
            assert!(
                only_problem(&MINIMAL.replace("2026-01-02", bad)).starts_with("5:8:"),
                "{bad}"
            );
        }
    }

    #[test]
    fn a_bare_toml_date_is_accepted_and_a_time_is_not() {
        let config = parse(&MINIMAL.replace("\"2026-01-02\"", "2026-01-02"))
            .unwrap()
            .config;
        assert_eq!(config.date, "2026-01-02");
        let problem = only_problem(&MINIMAL.replace("\"2026-01-02\"", "2026-01-02T10:00:00"));
        assert!(
            problem.starts_with("5:8: `date` must be a date alone"),
            "{problem}"
        );
    }

    fn identifier(id: &str) -> Result<Vec<String>, String> {
        let text = MINIMAL.replace("urn:uuid:00000000-0000-4000-8000-000000000000", id);
        match parse(&text) {
            Ok(parsed) => Ok(parsed.warnings.iter().map(ToString::to_string).collect()),
            Err(errors) => Err(errors.to_string()),
        }
    }

    #[test]
    fn identifiers_of_recognised_forms_pass_silently() {
        for id in [
            "urn:uuid:5F0B7A52-2D6E-4C1B-9A3E-7C4D8E1F2A60",
            "urn:isbn:978-3-16-148410-0",
            "urn:isbn:0306406152",
            "urn:isbn:0-8044-2957-X",
            "urn:doi:10.1000/182",
            "https://example.org/books/callinicum",
        ] {
            assert_eq!(identifier(id), Ok(vec![]), "{id}");
        }
    }

    #[test]
    fn malformed_uuids_and_isbns_are_errors_with_the_form_to_write() {
        let uuid = identifier("urn:uuid:1234").unwrap_err();
        assert!(
            uuid.starts_with(
                "m/book.toml:4:14: `identifier` `urn:uuid:1234` does not hold a valid UUID"
            ),
            "{uuid}"
        );
        assert!(uuid.contains("8-4-4-4-12"), "{uuid}");
        let isbn = identifier("urn:isbn:978-3-16-148410-1").unwrap_err();
        assert!(isbn.contains("its check digit does not match"), "{isbn}");
        assert!(isbn.contains("like `urn:isbn:978-3-16-148410-0`"), "{isbn}");
        assert!(identifier("urn:isbn:12345")
            .unwrap_err()
            .contains("10 or 13 digits"));
        assert!(identifier("urn:isbn:030640615é").is_err());
    }

    #[test]
    fn unusual_identifiers_are_accepted_with_a_located_warning() {
        let bare = identifier("5f0b7a52-2d6e-4c1b-9a3e-7c4d8e1f2a60").unwrap();
        assert_eq!(bare.len(), 1);
        assert!(
            bare[0].starts_with("m/book.toml:4:14: `identifier`"),
            "{}",
            bare[0]
        );
        assert!(
            bare[0].ends_with("write it as `urn:uuid:5f0b7a52-2d6e-4c1b-9a3e-7c4d8e1f2a60`"),
            "{}",
            bare[0]
        );
        let isbn = identifier("978-3-16-148410-0").unwrap();
        assert!(
            isbn[0].ends_with("write it as `urn:isbn:978-3-16-148410-0`"),
            "{}",
            isbn[0]
        );
        let plain = identifier("my-book").unwrap();
        assert!(plain[0].contains("prefer `urn:uuid:`"), "{}", plain[0]);
        assert!(identifier("")
            .unwrap_err()
            .contains("`identifier` is empty"));
    }

    #[test]
    fn a_toml_syntax_error_stops_with_its_line() {
        let errors = parse(&format!("{MINIMAL}subtitle = \n")).unwrap_err().0;
        assert_eq!(errors.len(), 1);
        let message = errors[0].to_string();
        assert!(message.starts_with("m/book.toml:6:"), "{message}");
        assert!(message.contains("not valid TOML"), "{message}");
        let duplicate = parse(&format!("{MINIMAL}title = \"U\"\n")).unwrap_err();
        assert!(
            duplicate.to_string().starts_with("m/book.toml:6:"),
            "{duplicate}"
        );
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let problem = only_problem(&format!("{MINIMAL}subjects = [\"Zoë\", \"\"]\n"));
        assert!(
            problem.starts_with("6:20: empty entry in `subjects`"),
            "{problem}"
        );
    }

    #[test]
    fn resource_urls_must_be_full_addresses() {
        let text = format!(
            "{MINIMAL}[[resources]]\ntitle = \"X\"\nurl = \"https://a.example\"\n\
             [[resources]]\ntitle = \"Y\"\nurl = \"www.example.com\"\n\
             [[resources]]\ntitle = \"Z\"\nurl = \"mailtoé\"\n\
             [[resources]]\ntitle = \"W\"\nurl = \"https://../\"\n"
        );
        let found = problems(&text);
        let lines: Vec<&str> = found
            .iter()
            .map(|p| p.split(':').next().unwrap_or_default())
            .collect();
        assert_eq!(lines, ["11", "14", "17"], "{found:#?}");
        for address in [
            "https://a.example/x?q=1",
            "HTTP://Example.org",
            "mailto:a@b.example",
            "ftp://ftp.example.org/f",
        ] {
            assert!(is_external_url(address), "{address}");
        }
        for address in [
            "https://",
            "https:///x",
            "https://a b.example",
            "javascript:x",
            "//a.example",
            "é:x",
        ] {
            assert!(!is_external_url(address), "{address}");
        }
    }

    #[test]
    fn trim_sizes() {
        let size = |s: &str| parse_trim(s);
        assert_eq!(size("6x9in").unwrap(), DEFAULT_TRIM);
        assert_eq!(
            size("letter").unwrap(),
            PageSize {
                width: 612.0,
                height: 792.0
            }
        );
        let a5 = size("A5").unwrap();
        assert!((a5.width - 419.53).abs() < 0.1 && (a5.height - 595.28).abs() < 0.1);
        let custom = size("5.5 x 8.5 in").unwrap();
        assert_eq!(
            custom,
            PageSize {
                width: 396.0,
                height: 612.0
            }
        );
        assert_eq!(size("140x216mm").unwrap().width.round(), 397.0);
        assert!(size("6x9").is_ok());
        assert!(size("9 furlongs").is_err());
        assert!(size("1x1in")
            .unwrap_err()
            .contains("outside 2×3 in to 18×18 in"));
        assert!(size("infxinfpt").is_err());
        assert!(size("NaNx9in").is_err());
    }

    #[test]
    fn trim_sizes_with_multi_byte_characters_are_errors_not_panics() {
        assert!(parse_trim("６x９in").unwrap_err().contains("not `６x９in`"));
        assert!(parse_trim("5×8in")
            .unwrap_err()
            .contains("write the `x` as a plain letter x"));
        assert!(parse_trim("5x8ín").is_err());
        assert!(parse_trim("ın").is_err());
    }

    #[test]
    fn location_shows_the_column_only_when_known() {
        assert_eq!(
            Location::line_column("b.toml", 3, 7).to_string(),
            "b.toml:3:7"
        );
        assert_eq!(Location::line("b.toml", 3).to_string(), "b.toml:3");
    }
}
