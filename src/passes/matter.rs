//! The generated matter pass: the words quire writes itself (labels, the
//! byline, the cover's description, the copyright page with its colophon),
//! computed once into [`Book::matter`] so that both back ends print the same
//! words. They are English for now; this is the one place that will learn
//! the book's language.

use super::PassContext;
use crate::model::{walk, Book, Labels, Matter, Metadata, Span};

/// The matter pass: sets [`Book::matter`] ([`build`]).
pub fn run(book: &mut Book, _cx: &mut PassContext<'_>) {
    book.matter = build(book);
}

/// Computes the generated matter of `book` (its metadata and whether any
/// code is set, which decides the faces the colophon names).
pub fn build(book: &Book) -> Matter {
    let labels = Labels::english();
    let metadata = &book.metadata;
    let byline = phrase(&metadata.authors);
    let mut faces = vec![crate::fonts::family(
        &book.faces,
        crate::fonts::Style::Regular,
    )];
    if walk::uses_code(book) {
        faces.push(crate::fonts::family(&book.faces, crate::fonts::Style::Mono));
    }
    Matter {
        cover_alt: cover_alt(metadata, &byline),
        imprint: imprint(metadata, &byline, &faces),
        labels,
        byline,
        faces,
    }
}

/// Names as one phrase: "A", "A and B", "A, B and C".
fn phrase(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn cover_alt(metadata: &Metadata, byline: &str) -> String {
    let mut alt = format!("Cover: {}", metadata.title);
    if let Some(subtitle) = &metadata.subtitle {
        alt.push_str(&format!(": {subtitle}"));
    }
    if !byline.is_empty() {
        alt.push_str(&format!(", by {byline}"));
    }
    alt
}

fn imprint(metadata: &Metadata, byline: &str, faces: &[String]) -> Vec<Vec<Span>> {
    let upright = |text: String| Span {
        text,
        italic: false,
    };
    let mut work = vec![Span {
        text: metadata.title.clone(),
        italic: true,
    }];
    if let Some(subtitle) = &metadata.subtitle {
        work.push(upright(": ".into()));
        work.push(Span {
            text: subtitle.clone(),
            italic: true,
        });
    }
    if !byline.is_empty() {
        work.push(upright(format!(" by {byline}")));
    }
    let mut paragraphs = vec![work];
    let year = metadata.date.get(..4).unwrap_or(&metadata.date);
    // A rights statement that is itself a copyright notice replaces the
    // generated one; any other (a licence, a permission) follows it.
    let rights = metadata.rights.as_deref().map(str::trim);
    let is_notice = rights.is_some_and(|r| r.contains('©') || r.starts_with("Copyright"));
    if !is_notice && !byline.is_empty() {
        paragraphs.push(vec![upright(format!("Copyright © {year} {byline}"))]);
    }
    if let Some(rights) = rights.filter(|r| !r.is_empty()) {
        paragraphs.push(vec![upright(rights.to_string())]);
    }
    paragraphs.push(vec![upright(match &metadata.publisher {
        Some(publisher) => format!("Published by {publisher}, {}.", metadata.date),
        None => format!("Published {}.", metadata.date),
    })]);
    paragraphs.push(vec![upright(format!(
        "Identifier: {}",
        metadata.identifier
    ))]);
    let set_in = match faces {
        [one] => format!("Set in {one}, under the SIL Open Font License."),
        _ => format!(
            "Set in {}, all under the SIL Open Font License.",
            phrase(faces)
        ),
    };
    paragraphs.push(vec![upright(format!("{set_in} Made with quire."))]);
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

    #[test]
    fn authors_read_as_one_phrase() {
        assert_eq!(phrase(&["A".into(), "B".into(), "C".into()]), "A, B and C");
        assert_eq!(phrase(&["A".into(), "B".into()]), "A and B");
        assert_eq!(phrase(&[]), "");
    }

    #[test]
    fn a_licence_follows_the_copyright_line_and_a_notice_replaces_it() {
        let mut m = metadata();
        m.rights = Some("Licensed under CC BY 4.0.".into());
        let lines: Vec<String> = imprint(&m, "A, B and C", &["F".into()])
            .iter()
            .map(|p| text(p))
            .collect();
        assert_eq!(lines[1], "Copyright © 2026 A, B and C");
        assert_eq!(lines[2], "Licensed under CC BY 4.0.");
        m.rights = Some("© 2020 The Estate".into());
        let lines: Vec<String> = imprint(&m, "A, B and C", &["F".into()])
            .iter()
            .map(|p| text(p))
            .collect();
        assert_eq!(lines[1], "© 2020 The Estate");
        assert!(!lines.iter().any(|l| l.starts_with("Copyright ©")));
    }

    #[test]
    fn the_colophon_names_the_faces_used() {
        let one = imprint(&metadata(), "A", &["Serif".into()]);
        assert_eq!(
            text(one.last().unwrap()),
            "Set in Serif, under the SIL Open Font License. Made with quire."
        );
        let two = imprint(&metadata(), "A", &["Serif".into(), "Mono".into()]);
        assert!(text(two.last().unwrap()).starts_with("Set in Serif and Mono, all under"));
    }
}
