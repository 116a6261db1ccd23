//! A pandoc book's metadata: YAML metadata blocks (and `metadata.yaml`) and
//! the `%` title block, read as pandoc reads them, into a [`BookConfig`].
//!
//! Keys quire needs and the book lacks get stable derived values, each with
//! a warning: the title from the file name, the language `en`, the
//! identifier a name-based (v5) UUID of title and authors, the date
//! `1970-01-01`. Nothing is refused but YAML that cannot be read.

use crate::config::BookConfig;
use crate::error::{ConfigError, Error, ErrorKind, Location, Warning};
use yaml_rust2::{Yaml, YamlLoader};

/// The default heading depth of the table of contents (as `book.toml`'s).
const TOC_DEPTH: u8 = 2;
/// The publication date a book without a usable `date` gets.
pub const FALLBACK_DATE: &str = "1970-01-01";
/// The namespace of derived identifiers: quire's own, so that the same
/// title and authors always give the same UUID.
const NAMESPACE: uuid::Uuid = uuid::Uuid::from_u128(0x6f2b_1c3e_8d5a_4e0f_9b7c_2a1d_3e4f_5a6b);

/// The metadata read so far; a later block's key replaces an earlier one's,
/// as in pandoc.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Metadata {
    /// `title` (or the `main` entry of a list of titles).
    pub title: Option<String>,
    /// `subtitle` (or the `subtitle` entry of a list of titles).
    pub subtitle: Option<String>,
    /// `author`, or `creator` entries whose role is author.
    pub authors: Option<Vec<String>>,
    /// `lang`.
    pub language: Option<String>,
    /// `date` as written, and where.
    pub date: Option<(String, Location)>,
    /// `identifier`.
    pub identifier: Option<String>,
    /// `rights`.
    pub rights: Option<String>,
    /// `description` (or `abstract`).
    pub description: Option<String>,
    /// `publisher`.
    pub publisher: Option<String>,
    /// `subject`, one or a list.
    pub subjects: Option<Vec<String>>,
    /// `cover-image`, and where it is set.
    pub cover: Option<(String, Location)>,
}

impl Metadata {
    /// Reads one YAML block, `yaml`, whose first line is line `first_line`
    /// of `file` (as shown). Keys quire has no use for are ignored; a value
    /// of a shape pandoc would not give meaning is warned about.
    pub fn read_yaml(
        &mut self,
        yaml: &str,
        file: &Location,
        first_line: usize,
        warnings: &mut Vec<Warning>,
    ) -> Result<(), Error> {
        let docs = YamlLoader::load_from_str(yaml).map_err(|e| {
            Error::at(
                Location::line(&file.file, first_line + e.marker().line().saturating_sub(1)),
                ErrorKind::Config(ConfigError::YamlSyntax {
                    reason: e.info().to_string(),
                }),
            )
        })?;
        let Some(Yaml::Hash(map)) = docs.into_iter().next() else {
            return Err(Error::at(
                Location::line(&file.file, first_line),
                ErrorKind::Config(ConfigError::YamlNotAMap),
            ));
        };
        let line_of = |key: &str| {
            yaml.lines()
                .position(|l| {
                    l.strip_prefix(key)
                        .is_some_and(|r| r.trim_start().starts_with(':'))
                })
                .map_or(first_line, |i| first_line + i)
        };
        for (key, value) in &map {
            let Some(key) = key.as_str() else { continue };
            let at = Location::line(&file.file, line_of(key));
            let mut odd = |what: &str| {
                warnings.push(Warning::at(
                    at.clone(),
                    format!("`{key}` should be {what}; it is ignored"),
                ));
            };
            match key {
                "title" => match value {
                    Yaml::Array(items) => {
                        for item in items {
                            let kind = item["type"].as_str().unwrap_or("main");
                            let text = scalar(&item["text"]).or_else(|| scalar(item));
                            match kind {
                                "main" => self.title = text.or(self.title.take()),
                                "subtitle" => self.subtitle = text.or(self.subtitle.take()),
                                _ => {}
                            }
                        }
                    }
                    other => match scalar(other) {
                        Some(text) => self.title = Some(text),
                        None => odd("text"),
                    },
                },
                "subtitle" => set(&mut self.subtitle, value, &mut odd),
                "author" | "creator" => match people(value, key == "creator") {
                    Some(names) => self.authors = Some(names),
                    None => odd("a name, a list of names, or a list of maps with `name`"),
                },
                "lang" => set(&mut self.language, value, &mut odd),
                "date" => match scalar(value) {
                    Some(text) => self.date = Some((text, at)),
                    None => odd("a date"),
                },
                "identifier" => match identifier(value) {
                    Some(id) => self.identifier = Some(id),
                    None => odd("a string or a list of maps with `text` and `scheme`"),
                },
                "rights" => set(&mut self.rights, value, &mut odd),
                "description" | "abstract" => set(&mut self.description, value, &mut odd),
                "publisher" => set(&mut self.publisher, value, &mut odd),
                "subject" => match value {
                    Yaml::Array(items) => {
                        self.subjects = Some(items.iter().filter_map(scalar).collect());
                    }
                    other => match scalar(other) {
                        Some(s) => self.subjects = Some(vec![s]),
                        None => odd("a subject or a list of them"),
                    },
                },
                "cover-image" => match scalar(value) {
                    Some(path) => self.cover = Some((path, at)),
                    None => odd("a path to an image"),
                },
                _ => {}
            }
        }
        Ok(())
    }

    /// The book's settings, deriving what is missing (with a warning at
    /// `at`): `fallback_title` is the name of the book's file or folder; a
    /// missing date is the day of `SOURCE_DATE_EPOCH` when `options` set it.
    pub fn into_config(
        self,
        fallback_title: &str,
        at: &Location,
        options: &crate::BuildOptions,
        warnings: &mut Vec<Warning>,
    ) -> BookConfig {
        let mut extra = Vec::new();
        let mut derived = |key: &str, value: &str| {
            extra.push(Warning::at(
                at.clone(),
                format!("the metadata has no `{key}`: quire uses {value}; add `{key}:` to the YAML metadata block"),
            ));
        };
        let title = match self.title.filter(|t| !t.trim().is_empty()) {
            Some(title) => title,
            None => {
                derived("title", &format!("“{fallback_title}”"));
                fallback_title.to_string()
            }
        };
        let authors = self.authors.unwrap_or_default();
        if authors.is_empty() {
            warnings.push(Warning::at(
                at.clone(),
                "the metadata has no `author`: the book credits no one; add `author:` to the YAML metadata block",
            ));
        }
        let language = self.language.unwrap_or_else(|| {
            derived("lang", "`en`");
            "en".into()
        });
        let identifier = self.identifier.unwrap_or_else(|| {
            let id = derived_identifier(&title, &authors);
            derived(
                "identifier",
                &format!("`{id}`, derived from the title and authors"),
            );
            id
        });
        let date = match self.date {
            Some((written, place)) => match normalize_date(&written) {
                Some((date, true)) => date,
                Some((date, false)) => {
                    warnings.push(Warning::at(place, format!("the date `{written}` names no day: quire uses {date}; write `date: YYYY-MM-DD`")));
                    date
                }
                None => {
                    warnings.push(Warning::at(place, format!("the date `{written}` is not one quire can read: it uses {FALLBACK_DATE}; write `date: YYYY-MM-DD`")));
                    FALLBACK_DATE.to_string()
                }
            },
            None => {
                let (date, source) = super::super::missing_date(options);
                derived("date", &format!("{date}, {source}"));
                date
            }
        };
        warnings.extend(extra);
        BookConfig {
            title,
            subtitle: self.subtitle,
            authors,
            language,
            identifier,
            date,
            description: self.description,
            subjects: self.subjects.unwrap_or_default(),
            rights: self.rights,
            publisher: self.publisher,
            cover: self.cover.map(|(path, _)| path),
            toc_depth: TOC_DEPTH,
            trim_size: None,
            strict_html: false,
            math: None,
            front_matter: Vec::new(),
            chapters: None,
            appendices: Vec::new(),
            faq: None,
            resources: Vec::new(),
            fonts: Default::default(),
            code: Default::default(),
            epub: Default::default(),
            print: Default::default(),
            design: Default::default(),
            labels: Default::default(),
        }
    }
}

/// A pandoc title block (`% Title`, `% Author; Author`, `% Date` opening the
/// file): its metadata and its number of lines, or `None` when the file
/// does not open with one.
pub fn title_block(text: &str, file: &std::path::Path) -> Option<(Metadata, usize)> {
    let mut fields: Vec<String> = Vec::new();
    let mut lines = 0;
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix('%') {
            if fields.len() == 3 {
                break;
            }
            fields.push(rest.trim().to_string());
        } else if line.starts_with(' ') && !fields.is_empty() && !line.trim().is_empty() {
            // A continuation line of the field above.
            let last = fields.last_mut()?;
            last.push(' ');
            last.push_str(line.trim());
        } else {
            break;
        }
        lines += 1;
    }
    if fields.is_empty() {
        return None;
    }
    let nonempty = |s: &String| Some(s.clone()).filter(|s| !s.is_empty());
    let meta = Metadata {
        title: fields.first().and_then(nonempty),
        authors: fields.get(1).and_then(nonempty).map(|a| {
            a.split(';')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect()
        }),
        date: fields
            .get(2)
            .and_then(nonempty)
            .map(|d| (d, Location::line(file, 3))),
        ..Metadata::default()
    };
    Some((meta, lines))
}

impl Metadata {
    /// Takes every key `later` sets (a later block wins, as in pandoc).
    pub fn update(&mut self, later: Metadata) {
        macro_rules! take {
            ($($field:ident),*) => { $( if later.$field.is_some() { self.$field = later.$field; } )* };
        }
        take!(
            title,
            subtitle,
            authors,
            language,
            date,
            identifier,
            rights,
            description,
            publisher,
            subjects,
            cover
        );
    }
}

fn set(slot: &mut Option<String>, value: &Yaml, odd: &mut impl FnMut(&str)) {
    match scalar(value) {
        Some(text) => *slot = Some(text),
        None => odd("text"),
    }
}

/// A scalar as text, its Markdown reduced to plain text (pandoc reads every
/// string of the metadata as Markdown).
fn scalar(value: &Yaml) -> Option<String> {
    let text = match value {
        Yaml::String(s) | Yaml::Real(s) => s.clone(),
        Yaml::Integer(i) => i.to_string(),
        Yaml::Boolean(b) => b.to_string(),
        _ => return None,
    };
    let plain = plain_markdown(&text);
    Some(plain).filter(|s| !s.is_empty())
}

/// The words of a line of Markdown: emphasis and code marks dropped.
pub fn plain_markdown(text: &str) -> String {
    use pulldown_cmark::{Event, Parser};
    let mut out = String::new();
    for event in Parser::new_ext(text, crate::parse::options()) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            _ => {}
        }
    }
    out.trim().to_string()
}

/// Names from `author` (a name, a list of names or of maps with `name` or
/// `text`) or `creator` (maps with `text` and an optional `role`, which
/// must be `author` or `aut`).
fn people(value: &Yaml, creator: bool) -> Option<Vec<String>> {
    let one = |item: &Yaml| -> Option<String> {
        if let Yaml::Hash(_) = item {
            if creator {
                let role = item["role"].as_str().unwrap_or("author");
                if role != "author" && role != "aut" {
                    return None;
                }
            }
            scalar(&item["name"]).or_else(|| scalar(&item["text"]))
        } else {
            scalar(item)
        }
    };
    match value {
        Yaml::Array(items) => Some(items.iter().filter_map(one).collect()),
        Yaml::Null => Some(Vec::new()),
        other => one(other).map(|name| vec![name]),
    }
}

/// An `identifier`: a string, or the first of a list of maps with `text`
/// and `scheme` (an ISBN becomes `urn:isbn:…`, a UUID `urn:uuid:…`).
fn identifier(value: &Yaml) -> Option<String> {
    let item = match value {
        Yaml::Array(items) => items.first()?,
        other => other,
    };
    if let Yaml::Hash(_) = item {
        let text = scalar(&item["text"])?;
        let scheme = item["scheme"].as_str().unwrap_or("").to_ascii_lowercase();
        let prefixed = |prefix: &str| {
            if text.to_ascii_lowercase().starts_with(prefix) {
                text.clone()
            } else {
                format!("{prefix}{text}")
            }
        };
        return Some(match scheme.as_str() {
            "isbn" | "isbn-10" | "isbn-13" | "gtin-13" => prefixed("urn:isbn:"),
            "uuid" => prefixed("urn:uuid:"),
            _ => text,
        });
    }
    scalar(item)
}

/// The identifier a book without one gets: `urn:uuid:` with the name-based
/// (v5) UUID of its title and authors, so that it never changes between
/// builds and differs between books.
pub fn derived_identifier(title: &str, authors: &[String]) -> String {
    let name = format!("{title}\n{}", authors.join("\n"));
    format!(
        "urn:uuid:{}",
        uuid::Uuid::new_v5(&NAMESPACE, name.as_bytes())
    )
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A date pandoc accepts, as `YYYY-MM-DD`, and whether it named a day
/// (a year or a month alone gives its first day). Reads ISO dates (`2024-03-05`,
/// `2024/03/05`, a time after them), `March 5, 2024`, `5 March 2024`,
/// `Mar 5 2024`, `March 2024`, `2024-03` and `2024`.
pub fn normalize_date(text: &str) -> Option<(String, bool)> {
    let text = text.trim();
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let number = |w: &str| w.parse::<u32>().ok();
    let month = |w: &str| {
        let w = w.trim_end_matches('.').to_ascii_lowercase();
        (w.len() >= 3)
            .then(|| MONTHS.iter().position(|m| m.starts_with(&w)))
            .flatten()
            .map(|i| i as u32 + 1)
    };
    let iso = |w: &str| -> Option<(u32, u32, u32)> {
        let date = w.split('T').next()?;
        let mut parts = date.split(['-', '/']).map(number);
        let year = parts.next()??;
        let month = parts.next().unwrap_or(Some(0))?;
        let day = parts.next().unwrap_or(Some(0))?;
        parts.next().is_none().then_some((year, month, day))
    };
    let ordinal = |w: &str| number(w.trim_end_matches(['s', 't', 'n', 'd', 'r', 'h']));
    let (year, month, day) = match words.as_slice() {
        [w] => iso(w)?,
        [w, _time] if w.contains(['-', '/']) => iso(w).filter(|d| d.2 != 0)?,
        [m, y] => (number(y)?, month(m)?, 0),
        [a, b, c] => match (month(a), month(b)) {
            (Some(m), _) => (number(c)?, m, ordinal(b)?),
            (None, Some(m)) => (number(c)?, m, ordinal(a)?),
            _ => return None,
        },
        _ => return None,
    };
    if !(1000..=9999).contains(&year) || month > 12 || (month == 0 && day != 0) {
        return None;
    }
    if day > days_in_month(year, month.max(1)) {
        return None;
    }
    let exact = month != 0 && day != 0;
    Some((
        format!("{year:04}-{:02}-{:02}", month.max(1), day.max(1)),
        exact,
    ))
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(yaml: &str) -> (Metadata, Vec<Warning>) {
        let mut meta = Metadata::default();
        let mut warnings = Vec::new();
        meta.read_yaml(yaml, &Location::file("b.md"), 2, &mut warnings)
            .unwrap();
        (meta, warnings)
    }

    #[test]
    fn keys_are_read_as_pandoc_reads_them() {
        let (meta, warnings) = read(
            "title: The *Long* Road\nsubtitle: Notes\nauthor:\n- name: Ann Lee\n  affiliation: X\n- Bo Chan\nlang: de\ndate: March 5, 2024\nidentifier:\n- scheme: ISBN-13\n  text: 9780306406157\nrights: CC BY 4.0\ndescription: A blurb.\npublisher: P\nsubject: [a, b]\ncover-image: images/c.png\n",
        );
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(meta.title.as_deref(), Some("The Long Road"));
        assert_eq!(meta.subtitle.as_deref(), Some("Notes"));
        assert_eq!(meta.authors, Some(vec!["Ann Lee".into(), "Bo Chan".into()]));
        assert_eq!(meta.language.as_deref(), Some("de"));
        assert_eq!(meta.identifier.as_deref(), Some("urn:isbn:9780306406157"));
        assert_eq!(meta.subjects, Some(vec!["a".into(), "b".into()]));
        let (cover, at) = meta.cover.clone().unwrap();
        assert_eq!((cover.as_str(), at.line), ("images/c.png", Some(17)));
        let config = meta.into_config(
            "b",
            &Location::file("b.md"),
            &Default::default(),
            &mut Vec::new(),
        );
        assert_eq!(config.date, "2024-03-05");
    }

    #[test]
    fn authors_take_every_shape_and_titles_may_be_lists() {
        assert_eq!(read("author: Solo\n").0.authors, Some(vec!["Solo".into()]));
        let (meta, _) = read("creator:\n- role: author\n  text: A\n- role: editor\n  text: E\ntitle:\n- type: main\n  text: Main\n- type: subtitle\n  text: Sub\n");
        assert_eq!(meta.authors, Some(vec!["A".into()]));
        assert_eq!(
            (meta.title.as_deref(), meta.subtitle.as_deref()),
            (Some("Main"), Some("Sub"))
        );
        let (meta, warnings) = read("author: {x: 1}\n");
        assert_eq!(meta.authors, None);
        assert!(warnings[0].message.contains("`author` should be"));
        assert_eq!(warnings[0].location.line, Some(2));
    }

    #[test]
    fn bad_yaml_is_an_error_at_its_line() {
        let mut meta = Metadata::default();
        let error = meta
            .read_yaml(
                "title: a\nauthor: [b\n",
                &Location::file("b.md"),
                5,
                &mut Vec::new(),
            )
            .unwrap_err();
        assert!(error.to_string().starts_with("b.md:"), "{error}");
        assert!(error.to_string().contains("cannot be read"), "{error}");
        let error = meta
            .read_yaml("- a\n", &Location::file("b.md"), 5, &mut Vec::new())
            .unwrap_err();
        assert!(error
            .to_string()
            .contains("b.md:5: a YAML metadata block must be a map"));
    }

    #[test]
    fn missing_keys_are_derived_stably_with_warnings() {
        let mut warnings = Vec::new();
        let config = Metadata::default().into_config(
            "my-book",
            &Location::file("b.md"),
            &Default::default(),
            &mut warnings,
        );
        assert_eq!(config.title, "my-book");
        assert_eq!(config.language, "en");
        assert_eq!(config.date, FALLBACK_DATE);
        let epoch = crate::BuildOptions {
            source_date_epoch: Some(1_700_000_000),
        };
        let mut dated = Vec::new();
        let config2 =
            Metadata::default().into_config("my-book", &Location::file("b.md"), &epoch, &mut dated);
        assert_eq!(config2.date, "2023-11-14");
        assert!(dated.iter().any(|w| w
            .message
            .contains("2023-11-14, the day of SOURCE_DATE_EPOCH")));
        assert_eq!(config.identifier, derived_identifier("my-book", &[]));
        assert!(config.identifier.starts_with("urn:uuid:"));
        assert_eq!(warnings.len(), 5, "{warnings:?}");
        assert_ne!(
            derived_identifier("A", &["B".into()]),
            derived_identifier("A", &["C".into()])
        );
        assert_eq!(
            derived_identifier("A", &["B".into()]),
            derived_identifier("A", &["B".into()])
        );
    }

    #[test]
    fn free_dates_are_normalised() {
        let exact = |s: &str| normalize_date(s).filter(|d| d.1).map(|d| d.0);
        assert_eq!(exact("2024-03-05").as_deref(), Some("2024-03-05"));
        assert_eq!(exact("2024/3/5").as_deref(), Some("2024-03-05"));
        assert_eq!(exact("2024-03-05T10:00:00Z").as_deref(), Some("2024-03-05"));
        assert_eq!(exact("March 5, 2024").as_deref(), Some("2024-03-05"));
        assert_eq!(exact("5 Mar 2024").as_deref(), Some("2024-03-05"));
        assert_eq!(exact("Sept. 1st 2020").as_deref(), Some("2020-09-01"));
        assert_eq!(normalize_date("2024"), Some(("2024-01-01".into(), false)));
        assert_eq!(
            normalize_date("July 2021"),
            Some(("2021-07-01".into(), false))
        );
        assert_eq!(normalize_date("2024-02-30"), None);
        assert_eq!(normalize_date("the spring"), None);
        assert_eq!(normalize_date("2024-13-01"), None);
    }

    #[test]
    fn title_blocks_give_title_authors_and_date() {
        let (meta, lines) = title_block(
            "% My Book\n% A One; B Two\n% 2020-01-02\n\n# One\n",
            "b.md".as_ref(),
        )
        .unwrap();
        assert_eq!(lines, 3);
        assert_eq!(meta.title.as_deref(), Some("My Book"));
        assert_eq!(meta.authors, Some(vec!["A One".into(), "B Two".into()]));
        assert_eq!(meta.date.unwrap().0, "2020-01-02");
        assert!(title_block("# Not one\n", "b.md".as_ref()).is_none());
    }
}
