//! `book.toml`: the typed settings of a manuscript.
//!
//! Keys are kebab-case; an unknown or misspelled key is an error naming the
//! file and line, as is a missing required key or a malformed value.

use crate::error::{Error, ErrorKind, Location};
use crate::lines::LineIndex;
use crate::model::PageSize;
use crate::url::is_external_url;
use serde::Deserialize;
use std::path::Path;

/// The contents of `book.toml`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct BookConfig {
    /// The book's title.
    pub title: String,
    /// An optional subtitle.
    #[serde(default)]
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
    #[serde(default)]
    pub description: Option<String>,
    /// Subject headings or keywords.
    #[serde(default)]
    pub subjects: Vec<String>,
    /// Copyright or licence statement.
    #[serde(default)]
    pub rights: Option<String>,
    /// The publisher.
    #[serde(default)]
    pub publisher: Option<String>,
    /// The cover image, relative to the manuscript folder.
    #[serde(default)]
    pub cover: Option<String>,
    /// Heading levels listed in the table of contents (1–6, default 2).
    #[serde(default = "default_toc_depth")]
    pub toc_depth: u8,
    /// Trim size of the printed book: `6x9in` (default), `a5`, `letter`, or
    /// `WIDTHxHEIGHT` with a unit of `in`, `mm`, `cm` or `pt`.
    #[serde(default)]
    pub trim_size: Option<String>,
    /// Files of the front matter, in order.
    #[serde(default)]
    pub front_matter: Vec<String>,
    /// Files of the body, in order; default: every other `.md` file of the
    /// manuscript folder in natural name order.
    #[serde(default)]
    pub chapters: Option<Vec<String>>,
    /// Author appendices, in order (after the chapters, before the FAQ).
    #[serde(default)]
    pub appendices: Vec<String>,
    /// The questions-and-answers file for the FAQ appendix (default `faq.md`
    /// when it exists).
    #[serde(default)]
    pub faq: Option<String>,
    /// External resources to list on the resources page.
    #[serde(default)]
    pub resources: Vec<ResourceConfig>,
}

/// One declared external resource.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct ResourceConfig {
    /// The resource's name.
    pub title: String,
    /// Its address (`https://…`).
    pub url: String,
    /// One line on what it offers.
    #[serde(default)]
    pub description: Option<String>,
    /// The heading it is listed under (default "Further reading").
    #[serde(default)]
    pub group: Option<String>,
}

fn default_toc_depth() -> u8 {
    2
}

/// The default trim size: 6 × 9 in, the common trade paperback.
pub const DEFAULT_TRIM: PageSize = PageSize {
    width: 432.0,
    height: 648.0,
};

impl BookConfig {
    /// Parses and validates `book.toml`; `path` is used in error messages.
    pub fn parse(text: &str, path: &Path) -> Result<BookConfig, Error> {
        let config: BookConfig = toml::from_str(text).map_err(|e| {
            let line = e.span().map(|span| LineIndex::new(text).line(span.start));
            let message = e.message().to_string();
            Error {
                kind: ErrorKind::Config(message),
                location: Some(Location {
                    file: path.to_path_buf(),
                    line,
                }),
            }
        })?;
        config.validate(text, path)?;
        Ok(config)
    }

    fn validate(&self, text: &str, path: &Path) -> Result<(), Error> {
        let fail = |key: &str, message: String| {
            let line = key_line(text, key, None);
            Error {
                kind: ErrorKind::Config(message),
                location: Some(Location {
                    file: path.to_path_buf(),
                    line,
                }),
            }
        };
        for (key, value) in [
            ("title", &self.title),
            ("language", &self.language),
            ("identifier", &self.identifier),
        ] {
            if value.trim().is_empty() {
                return Err(fail(key, format!("`{key}` must not be empty")));
            }
        }
        if self.authors.iter().all(|a| a.trim().is_empty()) {
            return Err(fail(
                "authors",
                "`authors` must name at least one author".into(),
            ));
        }
        if !is_language_tag(&self.language) {
            return Err(fail(
                "language",
                format!(
                    "`language` must be a BCP 47 tag such as `en` or `en-GB`, not `{}`",
                    self.language
                ),
            ));
        }
        if !is_iso_date(&self.date) {
            return Err(fail(
                "date",
                format!("`date` must be YYYY-MM-DD, not `{}`", self.date),
            ));
        }
        if !(1..=6).contains(&self.toc_depth) {
            return Err(fail(
                "toc-depth",
                format!("`toc-depth` must be 1 to 6, not {}", self.toc_depth),
            ));
        }
        self.trim().map_err(|message| fail("trim-size", message))?;
        for resource in &self.resources {
            if !is_external_url(&resource.url) {
                return Err(Error {
                    kind: ErrorKind::Config(format!(
                        "resource `{}`: `url` must be an absolute http(s) address",
                        resource.title
                    )),
                    location: Some(Location {
                        file: path.to_path_buf(),
                        line: key_line(text, "url", Some(&resource.url)),
                    }),
                });
            }
        }
        Ok(())
    }

    /// The trim size in points.
    pub fn trim(&self) -> Result<PageSize, String> {
        match &self.trim_size {
            None => Ok(DEFAULT_TRIM),
            Some(spec) => parse_trim(spec),
        }
    }
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
        format!("`trim-size` must be `a5`, `letter` or WIDTHxHEIGHT with a unit (in, mm, cm, pt), not `{spec}`")
    };
    let unit = ["in", "mm", "cm", "pt"]
        .into_iter()
        .find(|u| lower.ends_with(u))
        .ok_or_else(bad)?;
    let numbers = lower[..lower.len() - unit.len()].replace(unit, "");
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
            .filter(|v| *v > 0.0)
            .ok_or_else(bad)
    };
    let size = PageSize {
        width: parse(w)? * scale,
        height: parse(h)? * scale,
    };
    if size.width < 144.0 || size.height < 216.0 || size.width > 1296.0 || size.height > 1296.0 {
        return Err(format!(
            "`trim-size` `{spec}` is outside 2×3 in to 18×18 in"
        ));
    }
    Ok(size)
}

fn mm(v: f32) -> f32 {
    v * 72.0 / 25.4
}

fn is_iso_date(date: &str) -> bool {
    let b = date.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if b.len() != 10
        || b[4] != b'-'
        || b[7] != b'-'
        || !digits(0..4)
        || !digits(5..7)
        || !digits(8..10)
    {
        return false;
    }
    let month: u32 = date[5..7].parse().unwrap_or(0);
    let day: u32 = date[8..10].parse().unwrap_or(0);
    (1..=12).contains(&month) && (1..=31).contains(&day)
}

fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// The line where `key = …` is set (to `value`, when given), if it is.
fn key_line(text: &str, key: &str, value: Option<&str>) -> Option<usize> {
    text.lines()
        .position(|line| {
            let Some(rest) = line.trim_start().strip_prefix(key) else {
                return false;
            };
            let Some(assigned) = rest.trim_start().strip_prefix('=') else {
                return false;
            };
            value.is_none_or(|v| assigned.contains(v))
        })
        .map(|i| i + 1)
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

    fn parse(text: &str) -> Result<BookConfig, Error> {
        BookConfig::parse(text, Path::new("m/book.toml"))
    }

    #[test]
    fn minimal_config_gets_defaults() {
        let config = parse(MINIMAL).unwrap();
        assert_eq!(config.toc_depth, 2);
        assert_eq!(config.trim().unwrap(), DEFAULT_TRIM);
        assert!(config.chapters.is_none());
    }

    #[test]
    fn unknown_key_is_an_error_with_its_line() {
        let err = parse(&format!("{MINIMAL}titel = \"x\"\n")).unwrap_err();
        assert_eq!(err.location.unwrap().line, Some(6));
        assert!(err.kind.to_string().contains("titel"), "{}", err.kind);
    }

    #[test]
    fn missing_key_is_named() {
        let text = MINIMAL.replace("language = \"en\"\n", "");
        let err = parse(&text).unwrap_err();
        assert!(err.to_string().starts_with("m/book.toml:"), "{err}");
        assert!(err.kind.to_string().contains("language"), "{}", err.kind);
    }

    #[test]
    fn bad_values_point_at_their_line() {
        let err = parse(&MINIMAL.replace("2026-01-02", "2 Jan 2026")).unwrap_err();
        assert_eq!(err.location.unwrap().line, Some(5));
        let err = parse(&format!("{MINIMAL}toc-depth = 9\n")).unwrap_err();
        assert_eq!(err.location.unwrap().line, Some(6));
        let err = parse(&MINIMAL.replace("\"en\"", "\"english language\"")).unwrap_err();
        assert_eq!(err.location.unwrap().line, Some(3));
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
        assert!(size("1x1in").is_err());
    }

    #[test]
    fn resource_urls_must_be_absolute() {
        let text = format!(
            "{MINIMAL}[[resources]]\ntitle = \"X\"\nurl = \"https://a.example\"\n\
             [[resources]]\ntitle = \"Y\"\nurl = \"www.example.com\"\n"
        );
        let err = parse(&text).unwrap_err();
        assert_eq!(err.location.unwrap().line, Some(11));
    }
}
