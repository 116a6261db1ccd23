//! The generated matter pass: the words quire writes itself (labels, the
//! byline, the cover's description, the copyright page with its colophon),
//! computed once into [`Book::matter`] so that both back ends print the same
//! words, in the book's language ([`crate::l10n`]) with the author's
//! `[labels]` over them. It runs before the FAQ and resources passes, which
//! title their pages with these labels.

use super::PassContext;
use crate::model::{fill, walk, Book, Labels, Matter, Metadata, Span};
use std::collections::BTreeMap;

/// The matter pass: sets [`Book::matter`] ([`build_with`]).
pub fn run(book: &mut Book, cx: &mut PassContext<'_>) {
    book.matter = build_with(book, cx.labels);
}

/// Computes the generated matter of `book` in its language, without
/// overrides: see [`build_with`].
pub fn build(book: &Book) -> Matter {
    build_with(book, &BTreeMap::new())
}

/// Computes the generated matter of `book` (its metadata and whether any
/// code is set, which decides the faces the colophon names), with the
/// labels of its language and `overrides` (`[labels]`, by key) over them.
pub fn build_with(book: &Book, overrides: &BTreeMap<String, String>) -> Matter {
    let labels = labels(&book.metadata.language, overrides);
    let metadata = &book.metadata;
    let byline = labels.join(&metadata.authors);
    let mut faces = vec![crate::fonts::family(
        &book.faces,
        crate::fonts::Style::Regular,
    )];
    if walk::uses_code(book) {
        faces.push(crate::fonts::family(&book.faces, crate::fonts::Style::Mono));
    }
    Matter {
        cover_alt: cover_alt(metadata, &byline, &labels),
        imprint: imprint(metadata, &byline, &faces, &labels),
        labels,
        byline,
        faces,
    }
}

/// The labels of the language of `tag`, with `overrides` over them.
pub fn labels(tag: &str, overrides: &BTreeMap<String, String>) -> Labels {
    let mut labels = crate::l10n::labels(tag).0;
    for (key, value) in overrides {
        if let Some(slot) = labels.get_mut(key) {
            slot.clone_from(value);
        }
    }
    labels
}

/// The title with its subtitle, joined the language's way: "Title:
/// Subtitle", "Titre : Sous-titre".
fn full_title(metadata: &Metadata, labels: &Labels) -> String {
    match &metadata.subtitle {
        Some(subtitle) => fill(
            &labels.full_title,
            &[("title", &metadata.title), ("subtitle", subtitle)],
        ),
        None => metadata.title.clone(),
    }
}

/// `pattern` filled with `title` and `authors`; with no authors, only the
/// part of the pattern on the title's side of them ("Cover: {title}, by
/// {authors}" → "Cover: {title}").
fn credited(pattern: &str, title: &str, authors: &str) -> String {
    let pattern = match (
        authors.is_empty(),
        pattern.find("{title}"),
        pattern.find("{authors}"),
    ) {
        (true, Some(t), Some(a)) if t < a => &pattern[..t + "{title}".len()],
        (true, Some(t), Some(_)) => &pattern[t..],
        _ => pattern,
    };
    fill(pattern, &[("title", title), ("authors", authors)])
}

fn cover_alt(metadata: &Metadata, byline: &str, labels: &Labels) -> String {
    credited(&labels.cover_alt, &full_title(metadata, labels), byline)
}

fn imprint(metadata: &Metadata, byline: &str, faces: &[String], labels: &Labels) -> Vec<Vec<Span>> {
    let upright = |text: String| Span {
        text,
        italic: false,
    };
    // The work: the pattern around the title upright, the title italic.
    let marker = "\u{0}";
    let work_line = credited(&labels.work, marker, byline);
    let mut work = Vec::new();
    let (before, after) = work_line.split_once(marker).unwrap_or((&work_line, ""));
    if !before.is_empty() {
        work.push(upright(before.to_string()));
    }
    // The title and subtitle italic, the words of `full-title` upright.
    const TITLE: char = '\u{1}';
    const SUBTITLE: char = '\u{2}';
    let joined = match &metadata.subtitle {
        Some(_) => fill(
            &labels.full_title,
            &[("title", "\u{1}"), ("subtitle", "\u{2}")],
        ),
        None => TITLE.to_string(),
    };
    for piece in joined.split_inclusive([TITLE, SUBTITLE]) {
        let (words, text) = if let Some(words) = piece.strip_suffix(TITLE) {
            (words, Some(&metadata.title))
        } else if let Some(words) = piece.strip_suffix(SUBTITLE) {
            (words, metadata.subtitle.as_ref())
        } else {
            (piece, None)
        };
        if !words.is_empty() {
            work.push(upright(words.to_string()));
        }
        if let Some(text) = text {
            work.push(Span {
                text: text.clone(),
                italic: true,
            });
        }
    }
    if !after.is_empty() {
        work.push(upright(after.to_string()));
    }
    let mut paragraphs = vec![work];
    let year = metadata.date.get(..4).unwrap_or(&metadata.date);
    // A rights statement that is itself a copyright notice replaces the
    // generated one; any other (a licence, a permission) follows it.
    let rights = metadata.rights.as_deref().map(str::trim);
    let is_notice = rights.is_some_and(|r| r.contains('©') || r.starts_with("Copyright"));
    if !is_notice && !byline.is_empty() {
        paragraphs.push(vec![upright(fill(
            &labels.copyright_line,
            &[("year", year), ("holder", byline)],
        ))]);
    }
    if let Some(rights) = rights.filter(|r| !r.is_empty()) {
        paragraphs.push(vec![upright(rights.to_string())]);
    }
    let date = labels.date(&metadata.date);
    paragraphs.push(vec![upright(match &metadata.publisher {
        Some(publisher) => fill(
            &labels.published_by,
            &[("publisher", publisher), ("date", &date)],
        ),
        None => fill(&labels.published, &[("date", &date)]),
    })]);
    paragraphs.push(vec![upright(fill(
        &labels.identifier,
        &[("id", &metadata.identifier)],
    ))]);
    let set_in = match faces {
        [one] => fill(&labels.set_in, &[("faces", one)]),
        _ => fill(&labels.set_in_all, &[("faces", &labels.join(faces))]),
    };
    paragraphs.push(vec![upright(format!("{set_in} {}", labels.made_with))]);
    paragraphs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn metadata() -> Metadata {
        Metadata {
            title: "T".into(),
            subtitle: None,
            authors: vec!["A".into(), "B".into(), "C".into()],
            language: "en".into(),
            identifier: "urn:isbn:9780000000002".into(),
            date: "2026-11-27".into(),
            description: None,
            subjects: Vec::new(),
            rights: None,
            publisher: None,
            cover: None,
            modified: 0,
        }
    }

    fn text(paragraph: &[Span]) -> String {
        paragraph.iter().map(|s| s.text.as_str()).collect()
    }

    fn english() -> Labels {
        Labels::english()
    }

    #[test]
    fn authors_read_as_one_phrase() {
        let l = english();
        assert_eq!(l.join(&["A".into(), "B".into(), "C".into()]), "A, B and C");
        assert_eq!(l.join(&["A".into(), "B".into()]), "A and B");
        assert_eq!(l.join(&[]), "");
    }

    #[test]
    fn a_licence_follows_the_copyright_line_and_a_notice_replaces_it() {
        let mut m = metadata();
        m.rights = Some("Licensed under CC BY 4.0.".into());
        let lines: Vec<String> = imprint(&m, "A, B and C", &["F".into()], &english())
            .iter()
            .map(|p| text(p))
            .collect();
        assert_eq!(lines[1], "Copyright © 2026 A, B and C");
        assert_eq!(lines[2], "Licensed under CC BY 4.0.");
        m.rights = Some("© 2020 The Estate".into());
        let lines: Vec<String> = imprint(&m, "A, B and C", &["F".into()], &english())
            .iter()
            .map(|p| text(p))
            .collect();
        assert_eq!(lines[1], "© 2020 The Estate");
        assert!(!lines.iter().any(|l| l.starts_with("Copyright ©")));
    }

    #[test]
    fn title_and_subtitle_are_joined_the_language_s_way() {
        let mut m = metadata();
        m.subtitle = Some("S".into());
        let alt = |tag: &str| cover_alt(&m, "A", &labels(tag, &BTreeMap::new()));
        assert_eq!(alt("en"), "Cover: T: S, by A");
        assert_eq!(alt("fr"), "Couverture\u{a0}: T\u{a0}: S, par A");
        assert!(alt("ja").contains("T：S"), "{}", alt("ja"));
        let work = &imprint(&m, "A", &["F".into()], &labels("fr", &BTreeMap::new()))[0];
        let italic: Vec<&str> = work
            .iter()
            .filter(|s| s.italic)
            .map(|s| s.text.as_str())
            .collect();
        assert_eq!(italic, ["T", "S"]);
        assert_eq!(text(work), "T\u{a0}: S par A");
        let mine = BTreeMap::from([("full-title".to_string(), "{title} — {subtitle}".to_string())]);
        assert_eq!(
            cover_alt(&m, "A", &labels("en", &mine)),
            "Cover: T — S, by A"
        );
    }

    #[test]
    fn the_colophon_names_the_faces_used() {
        let one = imprint(&metadata(), "A", &["Serif".into()], &english());
        assert_eq!(
            text(one.last().unwrap()),
            "Set in Serif, under the SIL Open Font License. Made with quire."
        );
        let two = imprint(
            &metadata(),
            "A",
            &["Serif".into(), "Mono".into()],
            &english(),
        );
        assert!(text(two.last().unwrap()).starts_with("Set in Serif and Mono, all under"));
    }
}
