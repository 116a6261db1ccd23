use super::*;

fn table(name: &str) -> &'static Table {
    tables().get(name).expect("table")
}

#[test]
fn every_table_parses_and_every_language_has_every_label() {
    for (name, text) in TABLES {
        let parsed: Result<Table, _> = toml::from_str(text);
        assert!(parsed.is_ok(), "{name}.toml: {parsed:?}");
    }
    for language in LANGUAGES {
        let t = table(language);
        for (key, _) in Labels::KEYS {
            let value = t.get(*key).map(String::as_str).unwrap_or_default();
            assert!(!value.trim().is_empty(), "{language}.toml lacks `{key}`");
        }
    }
}

#[test]
fn every_key_of_every_table_is_a_label_with_its_own_placeholders() {
    for (name, _) in TABLES {
        for (key, value) in table(name) {
            assert!(
                Labels::KEYS.iter().any(|(k, _)| k == key),
                "{name}.toml: unknown key `{key}`"
            );
            assert_eq!(check_pattern(key, value), Ok(()), "{name}.toml");
        }
    }
}

#[test]
fn every_language_numbers_chapters_and_dates_its_own_way() {
    let chapter = |tag: &str| labels(tag).0.chapter_number(3);
    assert_eq!(chapter("en"), "Chapter 3");
    assert_eq!(chapter("de-AT"), "Kapitel 3");
    assert_eq!(chapter("fr"), "Chapitre 3");
    assert_eq!(chapter("es"), "Capítulo 3");
    assert_eq!(chapter("pt-BR"), "Capítulo 3");
    assert_eq!(chapter("ru"), "Глава 3");
    assert_eq!(chapter("tr"), "3. Bölüm");
    assert_eq!(chapter("ja"), "第3章");
    assert_eq!(chapter("zh-Hans-CN"), "第3章");
    for language in LANGUAGES {
        let (labels, known) = labels(language);
        assert!(known);
        let months: Vec<&str> = labels.months.split(',').collect();
        assert_eq!(months.len(), 12, "{language}: twelve months");
        assert!(labels.chapter_number(12).contains("12"), "{language}");
        assert!(labels.date("2026-11-27").contains("2026"), "{language}");
    }
    let date = |tag: &str, iso: &str| labels(tag).0.date(iso);
    assert_eq!(date("en", "2026-11-27"), "November 27, 2026");
    assert_eq!(date("en-GB", "2026-11-27"), "27 November 2026");
    assert_eq!(date("de", "2026-01-05"), "5. Januar 2026");
    assert_eq!(date("de-AT", "2026-01-05"), "5. Jänner 2026");
    assert_eq!(date("fr", "2026-05-01"), "1er mai 2026");
    assert_eq!(date("ru", "2026-11-27"), "27 ноября 2026 г.");
    assert_eq!(date("ja", "2026-11-27"), "2026年11月27日");
    assert_eq!(date("en", "2026-13-01"), "2026-13-01");
    assert_eq!(date("en", "2026-00-01"), "2026-00-01");
}

#[test]
fn names_are_joined_as_each_language_joins_them() {
    let names: Vec<String> = ["A", "B", "C"].map(String::from).to_vec();
    let joined = |tag: &str| labels(tag).0.join(&names);
    assert_eq!(joined("en"), "A, B and C");
    assert_eq!(joined("de"), "A, B und C");
    assert_eq!(joined("fr"), "A, B et C");
    assert_eq!(joined("es"), "A, B y C");
    assert_eq!(joined("ja"), "A、B、C");
    assert_eq!(joined("zh"), "A、B和C");
    assert_eq!(labels("de").0.join(&names[..1]), "A");
    assert_eq!(labels("de").0.join(&[]), "");
}

#[test]
fn regions_change_only_what_differs() {
    let (pt, _) = labels("pt");
    let (br, _) = labels("pt-BR");
    assert_eq!(pt.contents, "Índice");
    assert_eq!(br.contents, "Sumário");
    assert_eq!(pt.chapter, br.chapter);
    assert_eq!(labels("zh-TW").0.contents, "目錄");
    assert_eq!(labels("zh-Hant").0.contents, "目錄");
    assert_eq!(labels("zh-CN").0.contents, "目录");
    assert_eq!(labels("de-CH").0.contents, "Inhalt");
}

#[test]
fn an_unknown_language_gets_english_and_says_so() {
    let (latin, known) = labels("la");
    assert!(!known);
    assert_eq!(latin, labels("en").0);
    assert!(!is_known("eo"));
    assert!(is_known("DE-at"));
}

#[test]
fn a_pattern_may_hold_only_its_keys_placeholders() {
    assert_eq!(check_pattern("chapter", "Teil {n}"), Ok(()));
    assert_eq!(check_pattern("chapter", "Teil"), Ok(()));
    assert_eq!(
        check_pattern("chapter", "Teil {x}"),
        Err("`{x}` is not a placeholder of `chapter`: `chapter` takes `{n}`".into())
    );
    assert!(check_pattern("contents", "{n}")
        .unwrap_err()
        .ends_with("`contents` takes no placeholder"));
}
