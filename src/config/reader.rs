//! The reader: TOML values with their spans in, a [`BookConfig`] and every
//! problem with its place out.

use super::keys::*;
use super::values::{check_identifier, is_language_tag, iso_date, parse_trim};
use super::{value, BookConfig, CodeConfig, ResourceConfig, DEFAULT_TOC_DEPTH};
use crate::error::{Error, ErrorKind, Location, Warning};
use crate::lines::LineIndex;
use crate::passes::highlight::{knows, THEMES};
use crate::url::is_external_url;
use std::ops::Range;
use std::path::Path;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// Reads the TOML values of `book.toml` into a [`BookConfig`], collecting
/// every problem with its byte offset (for ordering) and place.
pub(super) struct Reader<'a> {
    pub(super) path: &'a Path,
    pub(super) text: &'a str,
    pub(super) lines: LineIndex,
    pub(super) errors: Vec<(usize, Error)>,
    pub(super) warnings: Vec<Warning>,
    /// The table read, when quire's keys live in one (`[quire]`): then no
    /// key is required.
    pub(super) table: Option<&'a str>,
}

impl Reader<'_> {
    /// The line and column of byte `offset`.
    pub(super) fn location(&self, offset: usize) -> Location {
        let (line, column) = self.lines.line_column(self.text, offset);
        Location::line_column(self.path, line, column)
    }

    /// An error at the start of `span`, with what to write instead.
    pub(super) fn error(&mut self, span: &Range<usize>, kind: ErrorKind, hint: Option<String>) {
        let location = self.location(span.start);
        self.errors
            .push((span.start, Error::at(location, kind).with_hint(hint)));
    }

    /// A value of `key` in a form quire does not accept, at the value.
    pub(super) fn invalid(&mut self, span: &Range<usize>, key: &'static str, message: String) {
        self.error(span, ErrorKind::InvalidValue { key, message }, None);
    }

    /// A required `key` missing from a table: the table's line, no column.
    fn missing(&mut self, span: &Range<usize>, key: &Key) {
        let mut location = self.location(span.start);
        location.column = None;
        let hint = format!(
            "add `{name} = {example}`, {expected}",
            name = key.name,
            example = key.example,
            expected = key.expected
        );
        self.errors.push((
            span.start,
            Error::at(location, ErrorKind::MissingKey { key: key.name }).with_hint(Some(hint)),
        ));
    }

    pub(super) fn warn(&mut self, span: &Range<usize>, message: String) {
        let location = self.location(span.start);
        self.warnings.push(Warning::at(location, message));
    }

    pub(super) fn book(&mut self, table: &DeTable<'_>) -> BookConfig {
        let top = 0..0;
        let owner = match self.table {
            Some(name) => format!("[{name}] of book.toml"),
            None => "book.toml".to_string(),
        };
        self.unknown_keys(table, BOOK_KEYS, &owner, &[], ("", ""));
        let title = self.text(table, &TITLE, &top);
        let subtitle = self.text(table, &SUBTITLE, &top);
        let authors = self.list(table, &AUTHORS, &top);
        if let Some(list) = &authors {
            if list.get_ref().is_empty() {
                self.invalid(
                    &list.span(),
                    AUTHORS.name,
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
                self.invalid(
                    &tag.span(),
                    LANGUAGE.name,
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
                Err(message) => self.invalid(&id.span(), IDENTIFIER.name, message),
            }
        }
        let date = self.date(table, &top);
        let toc_depth = self.number(table, &TOC_DEPTH, &top);
        if let Some(depth) = &toc_depth {
            if !(1..=6).contains(depth.get_ref()) {
                self.invalid(
                    &depth.span(),
                    TOC_DEPTH.name,
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
                self.invalid(&spec.span(), TRIM_SIZE.name, message);
            }
        }
        let resources = self.resources(table);
        let fonts = self.fonts(table);
        let epub = self.epub(table);
        let code = self.code(table);
        let print = self.print(table);
        let design = self.design(
            table,
            value(trim_size.clone())
                .and_then(|t| parse_trim(&t).ok())
                .unwrap_or(super::DEFAULT_TRIM),
        );
        let labels = self.labels(table, language.as_ref());
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
            math: self
                .get(table, &MATH, &top)
                .and_then(|found| found.get_ref().as_bool()),
            front_matter: value(self.list(table, &FRONT_MATTER, &top)).unwrap_or_default(),
            chapters: value(self.list(table, &CHAPTERS, &top)),
            appendices: value(self.list(table, &APPENDICES, &top)).unwrap_or_default(),
            faq: value(self.text(table, &FAQ, &top)),
            resources,
            fonts,
            code,
            epub,
            print,
            design,
            labels,
        }
    }

    /// The `[code]` table: highlighting on or off, the theme (one quire
    /// ships), the languages (each one quire knows).
    fn code(&mut self, table: &DeTable<'_>) -> CodeConfig {
        let mut code = CodeConfig::default();
        let Some(found) = self.get(table, &CODE, &(0..0)) else {
            return code;
        };
        let DeValue::Table(inner) = found.get_ref() else {
            return code;
        };
        let header = found.span();
        self.unknown_keys(
            inner,
            CODE_KEYS,
            "[code]",
            BOOK_KEYS,
            ("the `[code]` line into that table", "`[code]`"),
        );
        if let Some(on) = self.get(inner, &HIGHLIGHT, &header) {
            code.highlight = on.get_ref().as_bool().unwrap_or(true);
        }
        if let Some(theme) = self.text(inner, &THEME, &header) {
            if THEMES.contains(&theme.get_ref().as_str()) {
                code.theme = theme.into_inner();
            } else {
                let kind = ErrorKind::InvalidValue {
                    key: THEME.name,
                    message: format!("quire ships no theme `{}`", theme.get_ref()),
                };
                let hint = match crate::hint::closest(theme.get_ref(), THEMES.iter().copied()) {
                    Some(meant) => format!(
                        "did you mean `{meant}`? The themes are {}",
                        THEMES.join(", ")
                    ),
                    None => format!("the themes are {}", THEMES.join(", ")),
                };
                self.error(&theme.span(), kind, Some(hint));
            }
        }
        if let Some(list) = self.get(inner, &LANGUAGES, &header) {
            let DeValue::Array(items) = list.get_ref() else {
                return code;
            };
            let mut languages = Vec::new();
            for item in items.iter() {
                let name = item.get_ref().as_str().unwrap_or_default();
                if knows(name) {
                    languages.push(name.to_string());
                } else {
                    let kind = ErrorKind::InvalidValue {
                        key: LANGUAGES.name,
                        message: format!(
                            "quire cannot highlight `{name}`: it knows no such language"
                        ),
                    };
                    let hint = "name a language or its file extension: `rust` or `rs`, `python` or `py`, `sh`, `toml`".to_string();
                    self.error(&item.span(), kind, Some(hint));
                }
            }
            code.languages = Some(languages);
        }
        code
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
                self.resources_shape(&entry.span());
                continue;
            };
            let header = entry.span();
            self.unknown_keys(
                resource,
                RESOURCE_KEYS,
                "a resource",
                BOOK_KEYS,
                (
                    "a `[[resources]]` line into that resource",
                    "the first `[[resources]]`",
                ),
            );
            let title = self.text(resource, &RESOURCE_TITLE, &header);
            let url = self.text(resource, &URL, &header);
            if let Some(url) = &url {
                if !is_external_url(url.get_ref()) {
                    let hint = url
                        .get_ref()
                        .starts_with("www.")
                        .then(|| format!("write `https://{}`", url.get_ref()));
                    let message = format!(
                        "`url` must be a full address such as `https://example.org/page`, not `{}`",
                        url.get_ref()
                    );
                    let kind = ErrorKind::InvalidValue {
                        key: URL.name,
                        message,
                    };
                    self.error(&url.span(), kind, hint);
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
    /// `(header, above)` complete the hint for a misplaced key: "TOML puts
    /// every line after `header`: move it above `above`".
    pub(super) fn unknown_keys(
        &mut self,
        table: &DeTable<'_>,
        keys: &[Key],
        owner: &str,
        misplaced: &[Key],
        (header, above): (&str, &str),
    ) {
        for name in table.keys() {
            let written: &str = name.get_ref();
            if keys.iter().any(|k| k.name == written) {
                continue;
            }
            let hint = if misplaced.iter().any(|k| k.name == written) {
                format!("TOML puts every line after {header}: move `{written} = …` above {above}")
            } else if let Some(meant) = closest_key(written, keys) {
                format!("did you mean `{meant}`?")
            } else {
                let names: Vec<&str> = keys.iter().map(|k| k.name).collect();
                format!("the keys are {}", names.join(", "))
            };
            let kind = ErrorKind::UnknownKey {
                key: written.to_string(),
                table: owner.to_string(),
            };
            self.error(&name.span(), kind, Some(hint));
        }
    }

    /// The value of `key` in `table` when it has the key's type. A missing
    /// required key is reported at `missing_at` (the top of the file, or the
    /// table's header), a value of another type at the value.
    pub(super) fn get<'t, 'i>(
        &mut self,
        table: &'t DeTable<'i>,
        key: &Key,
        missing_at: &Range<usize>,
    ) -> Option<&'t Spanned<DeValue<'i>>> {
        let Some(found) = table.get(key.name) else {
            if key.required && self.table.is_none() {
                self.missing(missing_at, key);
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
            (Shape::Table, DeValue::Table(_)) => true,
            _ => false,
        };
        if fits {
            return Some(found);
        }
        if key.shape == Shape::Tables {
            self.resources_shape(&found.span());
        } else {
            let hint = match key.shape {
                Shape::Table => format!(
                    "write `[{}]` on a line of its own, then its keys on the lines below it",
                    key.name
                ),
                _ => format!("write `{} = {}`", key.name, self.suggestion(key, found)),
            };
            let kind = ErrorKind::WrongType {
                key: key.name,
                expected: key.expected,
            };
            self.error(&found.span(), kind, Some(hint));
        }
        None
    }

    /// `resources` written as something else than `[[resources]]` tables.
    fn resources_shape(&mut self, span: &Range<usize>) {
        let kind = ErrorKind::WrongType {
            key: RESOURCES.name,
            expected: RESOURCES.expected,
        };
        let hint = format!(
            "follow each `[[resources]]` line with `title = {}` and `url = {}` on the lines below it",
            RESOURCE_TITLE.example, URL.example
        );
        self.error(span, kind, Some(hint));
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
    pub(super) fn text(
        &mut self,
        table: &DeTable<'_>,
        key: &Key,
        missing_at: &Range<usize>,
    ) -> Option<Spanned<String>> {
        let found = self.get(table, key, missing_at)?;
        let text = found.get_ref().as_str().unwrap_or_default().to_string();
        if text.trim().is_empty() {
            self.invalid(
                &found.span(),
                key.name,
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
    pub(super) fn list(
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
                self.invalid(
                    &item.span(),
                    key.name,
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
    pub(super) fn number(
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
                        self.invalid(
                            &found.span(),
                            DATE.name,
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
            self.invalid(
                &date.span(),
                DATE.name,
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
