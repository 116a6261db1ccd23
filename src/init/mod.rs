//! `quire init`: a new manuscript folder, ready to build.
//!
//! The files come from `src/init/template/`: a `book.toml` with every key
//! shown (the optional ones commented out), a preface, two short chapters
//! that show the Markdown quire reads, a FAQ, a generated image and a
//! `.gitignore` for the output. Nothing that exists is ever overwritten.

use crate::error::{ConfigError, Error, ErrorKind, Location};
use std::io::Write;
use std::path::{Path, PathBuf};

/// What a new book starts with; the command line fills it in (from its
/// options, the locale, the clock or `SOURCE_DATE_EPOCH`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InitOptions {
    /// The book's title.
    pub title: String,
    /// The authors, as credited.
    pub authors: Vec<String>,
    /// A BCP 47 language tag.
    pub language: String,
    /// The publication date, `YYYY-MM-DD`.
    pub date: String,
    /// The book's unique identifier, e.g. `urn:uuid:…`.
    pub identifier: String,
}

/// The image the first chapter shows, relative to the book's folder.
pub const IMAGE: &str = "images/progress.png";

/// The template's text files: (path in the new book, contents).
const FILES: &[(&str, &str)] = &[
    ("preface.md", include_str!("template/preface.md")),
    (
        "01-getting-started.md",
        include_str!("template/01-getting-started.md"),
    ),
    (
        "02-writing-the-book.md",
        include_str!("template/02-writing-the-book.md"),
    ),
    ("faq.md", include_str!("template/faq.md")),
    (".gitignore", include_str!("template/gitignore")),
];

/// Creates a new book in `dir` (made if missing) and returns the files
/// written, relative to `dir`. Refuses, writing nothing, when `dir` already
/// holds a `book.toml` or any file the template would write.
pub fn create(dir: &Path, options: &InitOptions) -> Result<Vec<PathBuf>, Error> {
    let book_toml = book_toml(options);
    let image = progress_chart();
    let files: Vec<(&str, &[u8])> = std::iter::once(("book.toml", book_toml.as_bytes()))
        .chain(FILES.iter().map(|&(path, text)| (path, text.as_bytes())))
        .chain(std::iter::once((IMAGE, image.as_slice())))
        .collect();
    if let Some((existing, _)) = files.iter().find(|(path, _)| dir.join(path).exists()) {
        let path = dir.join(existing);
        return Err(Error::at(
            Location::file(&path),
            ErrorKind::Config(ConfigError::AlreadyExists {
                holds_book: *existing == "book.toml",
            }),
        ));
    }
    let mut written = Vec::new();
    for (path, bytes) in files {
        let target = dir.join(path);
        let io = |e| Error::at(Location::file(&target), ErrorKind::Io(e));
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(io)?;
        }
        // `create_new`: a file that appeared since the check above is kept.
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&target)
            .and_then(|mut file| file.write_all(bytes))
            .map_err(io)?;
        written.push(PathBuf::from(path));
    }
    Ok(written)
}

/// The template's `book.toml` with the book's values, each written as a
/// TOML value (quoted and escaped by the `toml` crate).
fn book_toml(options: &InitOptions) -> String {
    let value = |s: &str| toml::Value::String(s.to_string()).to_string();
    let authors = toml::Value::Array(
        options
            .authors
            .iter()
            .map(|a| toml::Value::String(a.clone()))
            .collect(),
    )
    .to_string();
    include_str!("template/book.toml")
        .replace("{title}", &value(&options.title))
        .replace("{authors}", &authors)
        .replace("{language}", &value(&options.language))
        .replace("{identifier}", &value(&options.identifier))
        .replace("{date}", &value(&options.date))
}

/// A title from a folder name: `my-first_book` → `My First Book`.
pub fn title_from_folder(name: &str) -> String {
    let words: Vec<String> = name
        .split(['-', '_', ' ', '.'])
        .filter(|w| !w.is_empty())
        .map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|first| first.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        })
        .collect();
    if words.is_empty() {
        "Untitled".to_string()
    } else {
        words.join(" ")
    }
}

/// A BCP 47 tag from a POSIX locale (`de_DE.UTF-8` → `de-DE`); `None` for
/// `C`, `POSIX` or anything that is not a language.
pub fn language_from_locale(locale: &str) -> Option<String> {
    let name = locale.split(['.', '@']).next().unwrap_or("");
    let mut parts = name.split('_');
    let language = parts
        .next()
        .filter(|l| (2..=3).contains(&l.len()) && l.chars().all(|c| c.is_ascii_alphabetic()))?;
    let language = language.to_ascii_lowercase();
    match parts.next() {
        Some(region) if region.len() == 2 && region.chars().all(|c| c.is_ascii_alphabetic()) => {
            Some(format!("{language}-{}", region.to_ascii_uppercase()))
        }
        _ => Some(language),
    }
}

/// The first chapter's figure: a bar chart of six rising bars, drawn here so
/// that the template carries no binary file.
fn progress_chart() -> Vec<u8> {
    const WIDTH: u32 = 600;
    const HEIGHT: u32 = 300;
    let paper = image::Rgb([250, 248, 242]);
    let ink = image::Rgb([52, 73, 94]);
    let rule = image::Rgb([160, 160, 160]);
    let picture = image::RgbImage::from_fn(WIDTH, HEIGHT, |x, y| {
        if y == HEIGHT - 30 && (30..WIDTH - 30).contains(&x) {
            return rule;
        }
        let bar = x.checked_sub(50).map(|dx| (dx / 85, dx % 85));
        match bar {
            Some((index, offset)) if index < 6 && offset < 60 => {
                let height = 40 + index * 38;
                if y < HEIGHT - 30 && y >= HEIGHT - 30 - height {
                    ink
                } else {
                    paper
                }
            }
            _ => paper,
        }
    });
    let mut png = Vec::new();
    picture
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .expect("encoding a PNG in memory cannot fail");
    png
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> InitOptions {
        InitOptions {
            title: "A \"Quoted\" Title".into(),
            authors: vec!["Zoë Writer".into()],
            language: "fr-CA".into(),
            date: "2026-11-27".into(),
            identifier: "urn:uuid:00000000-0000-4000-8000-000000000000".into(),
        }
    }

    #[test]
    fn book_toml_holds_the_values_escaped() {
        let text = book_toml(&options());
        let parsed = crate::config::BookConfig::parse(&text, Path::new("book.toml")).unwrap();
        assert_eq!(parsed.config.title, "A \"Quoted\" Title");
        assert_eq!(parsed.config.authors, ["Zoë Writer"]);
        assert_eq!(parsed.config.language, "fr-CA");
        assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    }

    #[test]
    fn create_writes_the_book_and_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let book = dir.path().join("new");
        let written = create(&book, &options()).unwrap();
        assert!(written.contains(&PathBuf::from("book.toml")));
        assert!(book.join(IMAGE).is_file());
        assert!(book.join(".gitignore").is_file());
        let error = create(&book, &options()).unwrap_err().to_string();
        assert!(error.contains("book.toml"), "{error}");
        assert!(error.contains("never overwrites"), "{error}");
    }

    #[test]
    fn a_stray_file_of_the_template_stops_init_before_anything_is_written() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("faq.md"), "mine").unwrap();
        let error = create(dir.path(), &options()).unwrap_err().to_string();
        assert!(error.contains("faq.md"), "{error}");
        assert!(!dir.path().join("book.toml").exists());
        assert_eq!(
            std::fs::read_to_string(dir.path().join("faq.md")).unwrap(),
            "mine"
        );
    }

    #[test]
    fn titles_and_languages() {
        assert_eq!(title_from_folder("my-first_book"), "My First Book");
        assert_eq!(title_from_folder("--"), "Untitled");
        assert_eq!(
            language_from_locale("de_DE.UTF-8").as_deref(),
            Some("de-DE")
        );
        assert_eq!(language_from_locale("fr").as_deref(), Some("fr"));
        assert_eq!(
            language_from_locale("sr_RS@latin").as_deref(),
            Some("sr-RS")
        );
        assert_eq!(language_from_locale("C.UTF-8"), None);
        assert_eq!(language_from_locale("POSIX"), None);
        assert_eq!(language_from_locale(""), None);
    }
}
