//! Property tests for `book.toml`: whatever an author (or a damaged file)
//! puts there, reading it ends in settings or in errors that each name the
//! file and a line inside it, never in a panic; and settings it accepts keep
//! the promises the back ends rely on.

use proptest::prelude::*;
use quire::config::{BookConfig, ConfigFile};
use quire::Errors;
use std::path::Path;

/// Keys, known, misspelled and misplaced.
const KEYS: &[&str] = &[
    "title",
    "titel",
    "subtitle",
    "authors",
    "author",
    "language",
    "identifier",
    "date",
    "toc-depth",
    "toc_depth",
    "trim-size",
    "front-matter",
    "chapters",
    "faq",
    "cover",
    "url",
    "group",
    "\"quoted key\"",
    "a.b",
    "é",
];

/// Values of every TOML type, with hostile text inside strings.
const VALUES: &[&str] = &[
    "\"T\"",
    "\"\"",
    "\" \"",
    "[\"A\"]",
    "[]",
    "[\"\", 3]",
    "[[1], {x = 1}]",
    "\"en\"",
    "\"english\"",
    "\"urn:uuid:00000000-0000-4000-8000-000000000000\"",
    "\"urn:uuid:é\"",
    "\"urn:isbn:978-3-16-148410-0\"",
    "\"urn:isbn:９７８\"",
    "\"urn:\"",
    "\"2026-01-02\"",
    "\"2026-02-30\"",
    "\"２０２６-01-02\"",
    "2026-01-02",
    "2026-01-02T10:00:00Z",
    "10:00:00",
    "3",
    "0",
    "-1",
    "0x7fffffffffffffff",
    "99999999999999999999",
    "3.5",
    "nan",
    "inf",
    "true",
    "\"6x9in\"",
    "\"６x９in\"",
    "\"5×8in\"",
    "\"infxinfpt\"",
    "\"a5\"",
    "\"https://a.example\"",
    "\"mailtoé\"",
    "\"abcdeé\"",
    "\"https://../\"",
    "\"\\u0000\\u001f\\u007f\"",
    "\"\\u202e\\ufeff\"",
    "'''multi\nline'''",
    "{ title = \"x\" }",
];

/// Pieces of a `book.toml` beyond `key = value` lines.
const OTHER: &[&str] = &[
    "[[resources]]\n",
    "[resources]\n",
    "[book]\n",
    "[[chapters]]\n",
    "# comment é\n",
    "\n",
    "\r\n",
    "\u{feff}",
    "=",
    "\"",
    "[",
    "]",
];

fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => (prop::sample::select(KEYS), prop::sample::select(VALUES))
            .prop_map(|(k, v)| format!("{k} = {v}\n")),
        1 => prop::sample::select(OTHER).prop_map(String::from),
    ]
}

fn book_toml() -> impl Strategy<Value = String> {
    prop::collection::vec(line(), 0..30).prop_map(|lines| lines.concat())
}

/// A valid file with one line's value replaced by arbitrary text in quotes.
fn almost_valid() -> impl Strategy<Value = String> {
    (0..5usize, any::<String>()).prop_map(|(at, value)| {
        let value = toml_string(&value);
        [
            format!("title = {value}\n"),
            format!("authors = [{value}]\n"),
            format!("language = {value}\n"),
            format!("identifier = {value}\n"),
            format!("date = {value}\n"),
        ]
        .into_iter()
        .enumerate()
        .map(|(i, line)| {
            if i == at {
                line
            } else {
                [
                    "title = \"T\"\n",
                    "authors = [\"A\"]\n",
                    "language = \"en\"\n",
                    "identifier = \"urn:uuid:00000000-0000-4000-8000-000000000000\"\n",
                    "date = \"2026-01-02\"\n",
                ][i]
                    .to_string()
            }
        })
        .collect::<String>()
            + &format!("trim-size = {value}\n[[resources]]\ntitle = {value}\nurl = {value}\n")
    })
}

/// `text` as a TOML basic string.
fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn run(text: &str) -> Result<ConfigFile, Errors> {
    BookConfig::parse(text, Path::new("m/book.toml"))
}

/// Every error and warning names the file and a line of it; accepted
/// settings hold what the back ends rely on.
fn check(text: &str) -> Result<(), TestCaseError> {
    let lines = text.split('\n').count();
    let within = |line: Option<usize>| line.is_some_and(|l| (1..=lines).contains(&l));
    match run(text) {
        Ok(ConfigFile { config, warnings }) => {
            prop_assert!(!config.title.trim().is_empty());
            prop_assert!(config.authors.iter().any(|a| !a.trim().is_empty()));
            prop_assert!((1..=6).contains(&config.toc_depth));
            prop_assert!(config.trim().is_ok());
            prop_assert_eq!(config.date.len(), 10);
            for warning in warnings {
                prop_assert_eq!(&warning.location.file, Path::new("m/book.toml"));
                prop_assert!(within(warning.location.line), "{warning}");
            }
        }
        Err(errors) => {
            prop_assert!(!errors.0.is_empty());
            for error in &errors.0 {
                let location = error.location.as_ref().expect("config errors have a place");
                prop_assert_eq!(&location.file, Path::new("m/book.toml"));
                prop_assert!(within(location.line), "{error} (of {lines} lines)");
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, ..ProptestConfig::default() })]

    #[test]
    fn hostile_book_toml_never_panics_and_errors_are_located(text in book_toml()) {
        check(&text)?;
    }

    #[test]
    fn arbitrary_values_in_a_valid_file_never_panic(text in almost_valid()) {
        check(&text)?;
    }

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        check(&text)?;
    }
}
