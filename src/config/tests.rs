//! Tests of `book.toml` reading.

use super::values::parse_trim;
use super::*;
use crate::url::is_external_url;

pub(super) const MINIMAL: &str = r#"title = "T"
authors = ["A"]
language = "en"
identifier = "urn:uuid:00000000-0000-4000-8000-000000000000"
date = "2026-01-02"
"#;

pub(super) fn parse(text: &str) -> Result<ConfigFile, Errors> {
    BookConfig::parse(text, Path::new("m/book.toml"))
}

/// Every error of `text`, as `line:column: message` (column when known).
pub(super) fn problems(text: &str) -> Vec<String> {
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
        .contains("unknown key `author` in [quire] of book.toml (did you mean `authors`?)"));
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
        "6:15: `strict-html` must be `true` or `false`, without quotes (write `strict-html = true`)"
    );
    let path = Path::new("m/book.toml");
    let table = BookConfig::parse_table("[quire]\nstrict-html = true\n", path, "quire");
    assert!(table.unwrap().config.strict_html);
}

#[test]
fn math_is_a_boolean_left_unset_by_default() {
    assert_eq!(parse(MINIMAL).unwrap().config.math, None);
    let off = parse(&format!("{MINIMAL}math = false\n")).unwrap();
    assert_eq!(off.config.math, Some(false));
    let quoted = only_problem(&format!("{MINIMAL}math = \"no\"\n"));
    assert!(
        quoted.starts_with("6:8: `math` must be `true` or `false`"),
        "{quoted}"
    );
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
        include_str!("../../manuscript/book.toml"),
        include_str!("../../tests/fixtures/torture/book.toml"),
    ] {
        let parsed = parse(text).unwrap();
        assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
        assert!(!parsed.config.resources.is_empty());
    }
    let torture = parse(include_str!("../../tests/fixtures/torture/book.toml"))
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
        "6:3: unknown key `toc_depth` in book.toml (did you mean `toc-depth`?)"
    );
    assert!(only_problem(&format!("{MINIMAL}lang = \"en\"\n")).contains("did you mean `language`?"));
    assert!(
        only_problem(&format!("{MINIMAL}author = [\"B\"]\n")).contains("did you mean `authors`?")
    );
    let far = only_problem(&format!("{MINIMAL}zzz = 1\n"));
    assert!(
        far.starts_with("6:1: unknown key `zzz` in book.toml (the keys are title, subtitle,"),
        "{far}"
    );
}

#[test]
fn a_book_key_after_a_resources_header_is_explained() {
    let text = format!(
        "{MINIMAL}[[resources]]\ntitle = \"X\"\nurl = \"https://a.example\"\ncover = \"c.png\"\n"
    );
    let problem = only_problem(&text);
    assert!(
        problem.starts_with("9:1: unknown key `cover` in a resource (TOML puts every line"),
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
        found[0].starts_with("1: missing `language` (add `language = \"en\"`"),
        "{}",
        found[0]
    );
    assert!(
        found[1].starts_with("1: missing `identifier` (add `identifier = \"urn:uuid:…\"`"),
        "{}",
        found[1]
    );
}

#[test]
fn a_resource_missing_a_key_points_at_its_header() {
    let text = format!("{MINIMAL}\n[[resources]]\ntitle = \"X\"\nurl = \"https://a.example\"\n\n[[resources]]\ntitle = \"Y\"\n");
    assert_eq!(
        only_problem(&text),
        "11: missing `url` (add `url = \"https://example.org/\"`, an address in quotes)"
    );
}

#[test]
fn wrong_types_show_the_right_form() {
    let authors = only_problem(&MINIMAL.replace("[\"A\"]", "\"X\""));
    assert_eq!(
        authors,
        "2:11: `authors` must be a list of names (write `authors = [\"X\"]`)"
    );
    let title = only_problem(&MINIMAL.replace("\"T\"", "[\"T\"]"));
    assert_eq!(
        title,
        "1:9: `title` must be the title in quotes (write `title = \"T\"`)"
    );
    let depth = only_problem(&format!("{MINIMAL}toc-depth = \"3\"\n"));
    assert_eq!(
        depth,
        "6:13: `toc-depth` must be a whole number from 1 to 6, without quotes (write `toc-depth = 3`)"
    );
    let mixed = only_problem(&MINIMAL.replace("[\"A\"]", "[\"A\", 3]"));
    assert_eq!(
        mixed,
        "2:11: `authors` must be a list of names (write `authors = [\"A\", \"3\"]`)"
    );
    let resources = only_problem(&format!("{MINIMAL}resources = \"https://a.example\"\n"));
    assert!(
        resources
            .starts_with("6:13: `resources` must be tables, each opened by a `[[resources]]` line"),
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
        only_problem(&format!("{MINIMAL}toc-depth = 99999999999999999999\n")).starts_with("6:13:")
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

#[test]
fn the_fonts_table_reads_fallback_files_with_their_lines() {
    let text =
        format!("{MINIMAL}\n[fonts]\nfallback = [\n  \"fonts/a.otf\",\n  \"fonts/b.ttc\",\n]\n");
    let config = parse(&text).expect("accepted").config;
    assert_eq!(
        config.fonts.fallback,
        [
            ("fonts/a.otf".to_string(), Some(9)),
            ("fonts/b.ttc".to_string(), Some(10))
        ]
    );
    assert!(parse(MINIMAL).unwrap().config.fonts.fallback.is_empty());
}

#[test]
fn fonts_table_problems_are_errors_at_their_place() {
    let wrong_type = only_problem(&format!("{MINIMAL}[fonts]\nfallback = \"fonts/a.otf\"\n"));
    assert!(wrong_type.starts_with("7:12:"), "{wrong_type}");
    let not_a_table = only_problem(&format!("{MINIMAL}fonts = \"fonts/a.otf\"\n"));
    assert!(not_a_table.starts_with("6:9:"), "{not_a_table}");
    let woff = only_problem(&format!(
        "{MINIMAL}[fonts]\nfallback = [\"fonts/a.woff2\"]\n"
    ));
    assert!(
        woff.contains("`fonts/a.woff2` is not a TrueType or OpenType font file"),
        "{woff}"
    );
    let outside = only_problem(&format!(
        "{MINIMAL}[fonts]\nfallback = [\"/usr/share/x.ttf\"]\n"
    ));
    assert!(
        outside.contains("is not a path inside the book's folder"),
        "{outside}"
    );
    let misspelt = parse(&format!("{MINIMAL}[fonts]\nfallbacks = [\"a.ttf\"]\n")).unwrap_err();
    let error = &misspelt.0[0];
    assert!(error.to_string().contains("fallbacks"), "{error}");
    assert_eq!(error.hint.as_deref(), Some("did you mean `fallback`?"));
}

#[test]
fn the_code_table_sets_highlighting_theme_and_languages() {
    let default = parse(MINIMAL).unwrap().config.code;
    assert_eq!(default, CodeConfig::default());
    assert!(default.highlight && default.theme == "quire" && default.languages.is_none());
    let text = format!(
        "{MINIMAL}\n[code]\nhighlight = false\ntheme = \"quire-mono\"\nlanguages = [\"rust\", \"sh\"]\n"
    );
    let code = parse(&text).unwrap().config.code;
    assert!(!code.highlight);
    assert_eq!(code.theme, "quire-mono");
    assert_eq!(code.languages, Some(vec!["rust".into(), "sh".into()]));
}

#[test]
fn an_unknown_theme_or_language_is_an_error_at_its_place_with_the_choices() {
    let text =
        format!("{MINIMAL}\n[code]\ntheme = \"quire-mon\"\nlanguages = [\"rust\", \"rsut\"]\n");
    let errors = parse(&text).expect_err("should be rejected").0;
    let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(shown.len(), 2, "{shown:#?}");
    assert!(
        shown[0].starts_with("m/book.toml:8:9: ") && shown[0].contains("no theme `quire-mon`"),
        "{shown:#?}"
    );
    let hint = errors[0].hint.as_deref().unwrap_or_default();
    assert!(hint.contains("did you mean `quire-mono`?") && hint.contains("quire, quire-mono"));
    assert!(
        shown[1].starts_with("m/book.toml:9:22: ") && shown[1].contains("cannot highlight `rsut`"),
        "{shown:#?}"
    );
}

#[test]
fn a_code_key_of_the_wrong_shape_says_what_to_write() {
    let not_table = only_problem(&format!("{MINIMAL}code = true\n"));
    assert!(not_table.contains("`code`"), "{not_table}");
    let wrong = only_problem(&format!("{MINIMAL}\n[code]\nthemes = 1\n"));
    assert!(wrong.starts_with("8:1: unknown key `themes`"), "{wrong}");
    let problems = problems(&format!("{MINIMAL}\n[code]\nhighlight = \"yes\"\n"));
    assert!(problems[0].starts_with("8:13: "), "{problems:#?}");
    let misplaced = parse(&format!("{MINIMAL}\n[code]\ntoc-depth = 3\n"))
        .unwrap_err()
        .0;
    let hint = misplaced[0].hint.as_deref().unwrap_or_default();
    assert!(hint.contains("above `[code]`"), "{hint}");
}
