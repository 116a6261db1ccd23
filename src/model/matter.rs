//! The generated matter: the words quire adds to the author's text, as the
//! [`crate::passes::matter`] pass phrased them in the book's language (from
//! [`crate::l10n`], with the author's `[labels]`). Back ends render these and
//! phrase nothing of their own.

use super::AlertKind;
use serde::Serialize;

/// Declares [`Labels`]: one `String` field per generated word or phrase,
/// each with its key in the language tables and in `[labels]`.
macro_rules! labels {
    ($( $(#[doc = $doc:literal])* $field:ident = $key:literal [$($placeholder:literal),*] ),* $(,)?) => {
        /// The words and phrases quire prints on the pages and parts it
        /// generates or numbers, in the book's language. A phrase is a
        /// pattern whose `{name}` placeholders are filled in when it is used.
        #[derive(Debug, Clone, PartialEq, Serialize)]
        pub struct Labels {
            $( $(#[doc = $doc])* pub $field: String, )*
        }

        impl Labels {
            /// Every key (as in the language tables and `[labels]`), with
            /// the placeholders its pattern may hold, in declaration order.
            pub const KEYS: &'static [(&'static str, &'static [&'static str])] =
                &[$( ($key, &[$($placeholder),*]) ),*];

            /// The label named `key` (kebab-case, as in `[labels]`).
            pub fn get(&self, key: &str) -> Option<&str> {
                match key {
                    $( $key => Some(&self.$field), )*
                    _ => None,
                }
            }

            /// The label named `key`, to change.
            pub fn get_mut(&mut self, key: &str) -> Option<&mut String> {
                match key {
                    $( $key => Some(&mut self.$field), )*
                    _ => None,
                }
            }

            /// Labels with every field empty, to be filled key by key.
            pub(crate) fn empty() -> Labels {
                Labels { $( $field: String::new(), )* }
            }
        }
    };
}

labels! {
    /// A chapter's label, `{n}` its number: "Chapter {n}", "第{n}章".
    chapter = "chapter" ["n"],
    /// A numbered part's document title: "{label}: {title}".
    numbered_title = "numbered-title" ["label", "title"],
    /// The heading of the contents page ("Contents").
    contents = "contents" [],
    /// The heading of a part's notes ("Notes").
    notes = "notes" [],
    /// The cover page's name ("Cover").
    cover = "cover" [],
    /// The title page's name in navigation ("Title Page").
    title_page = "title-page" [],
    /// The copyright page's heading and name ("Copyright").
    copyright = "copyright" [],
    /// The landmark for the first chapter ("Start of Reading").
    start_of_reading = "start-of-reading" [],
    /// The heading of the EPUB's (hidden) landmarks list ("Landmarks").
    landmarks = "landmarks" [],
    /// The label of a `[!NOTE]` alert.
    note = "note" [],
    /// The label of a `[!TIP]` alert.
    tip = "tip" [],
    /// The label of an `[!IMPORTANT]` alert.
    important = "important" [],
    /// The label of a `[!WARNING]` alert.
    warning = "warning" [],
    /// The label of a `[!CAUTION]` alert.
    caution = "caution" [],
    /// What an open task's box says to assistive technology ("To do").
    to_do = "to-do" [],
    /// What a done task's box says ("Done").
    done = "done" [],
    /// The FAQ appendix's title when its file gives none.
    faq = "faq" [],
    /// The resources page's title ("Resources").
    resources = "resources" [],
    /// The group of declared resources that name none ("Further reading").
    further_reading = "further-reading" [],
    /// The group of links found only in the text ("Cited in the text").
    cited_in_text = "cited-in-text" [],
    /// Where a resource is cited: "Cited in {parts}." (the parts' titles).
    cited_in = "cited-in" ["parts"],
    /// Between the names of a list but the last two (", ").
    list_separator = "list-separator" [],
    /// Between the last two names of a list (" and ").
    list_and = "list-and" [],
    /// The work on the copyright page: "{title} by {authors}" (the title
    /// is set in italic).
    work = "work" ["title", "authors"],
    /// A title and its subtitle on one line (the cover's description):
    /// "{title}: {subtitle}".
    full_title = "full-title" ["title", "subtitle"],
    /// The cover image's alternative text: "Cover: {title}, by {authors}".
    cover_alt = "cover-alt" ["title", "authors"],
    /// The copyright line: "Copyright © {year} {holder}".
    copyright_line = "copyright-line" ["year", "holder"],
    /// The imprint with a publisher: "Published by {publisher}, {date}."
    published_by = "published-by" ["publisher", "date"],
    /// The imprint without one: "Published {date}."
    published = "published" ["date"],
    /// The book's identifier: "Identifier: {id}".
    identifier = "identifier" ["id"],
    /// The colophon, one face: "Set in {faces}, under the SIL Open Font License."
    set_in = "set-in" ["faces"],
    /// The colophon, several faces: "Set in {faces}, all under …".
    set_in_all = "set-in-all" ["faces"],
    /// The colophon's last words ("Made with quire.").
    made_with = "made-with" [],
    /// A reference to a print page, set after the link's own words
    /// (`[see](#x "page")` → "see page 12"): "page {n}".
    see_page = "see-page" ["n"],
    /// A footnote's link back to its reference, for assistive technology:
    /// "Back to reference {n} of note {note}".
    back_to_reference = "back-to-reference" ["n", "note"],
    /// An imported listing's caption label: "Listing {n}".
    listing = "listing" ["n"],
    /// An imported listing's file name: "Filename: {file}".
    filename = "filename" ["file"],
    /// A date: "{month} {day}, {year}".
    date = "date" ["day", "month", "year"],
    /// The twelve months as they stand in a date, separated by commas.
    months = "months" [],
    /// The first day of a month in a date, where it is not "1" ("1er").
    first_day = "first-day" [],
}

/// Fills the `{name}` placeholders of `pattern` with `values`; a
/// placeholder without a value is left as written.
pub fn fill(pattern: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open..];
        let value = after.find('}').and_then(|close| {
            let name = &after[1..close];
            values
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v, close + 1))
        });
        match value {
            Some((value, used)) => {
                out.push_str(value);
                rest = &after[used..];
            }
            None => {
                out.push('{');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

impl Labels {
    /// The English labels.
    pub fn english() -> Labels {
        crate::l10n::labels("en").0
    }

    /// The label of an alert ("Note").
    pub fn alert(&self, kind: AlertKind) -> &str {
        match kind {
            AlertKind::Note => &self.note,
            AlertKind::Tip => &self.tip,
            AlertKind::Important => &self.important,
            AlertKind::Warning => &self.warning,
            AlertKind::Caution => &self.caution,
        }
    }

    /// What a task's box says: done or to do.
    pub fn task(&self, done: bool) -> &str {
        if done {
            &self.done
        } else {
            &self.to_do
        }
    }

    /// A chapter's label with its number: "Chapter 3", "第3章". A pattern
    /// without `{n}` (an author's `chapter = "Teil"`) is followed by the
    /// number after a space.
    pub fn chapter_number(&self, number: u32) -> String {
        let n = number.to_string();
        if self.chapter.contains("{n}") {
            fill(&self.chapter, &[("n", &n)])
        } else {
            format!("{} {n}", self.chapter)
        }
    }

    /// A numbered part's title after its label: "Chapter 1: One".
    pub fn numbered_title(&self, number: u32, title: &str) -> String {
        fill(
            &self.numbered_title,
            &[("label", &self.chapter_number(number)), ("title", title)],
        )
    }

    /// A reference to print page `page`: "page 12".
    pub fn see_page(&self, page: &str) -> String {
        fill(&self.see_page, &[("n", page)])
    }

    /// Names as one phrase: "A", "A and B", "A, B and C" ("A, B und C",
    /// "A、B、C").
    pub fn join(&self, names: &[String]) -> String {
        match names {
            [] => String::new(),
            [one] => one.clone(),
            [init @ .., last] => {
                format!("{}{}{last}", init.join(&self.list_separator), self.list_and)
            }
        }
    }

    /// A `YYYY-MM-DD` date as the language writes it ("November 27,
    /// 2026", "27. November 2026"); any other text as it is.
    pub fn date(&self, iso: &str) -> String {
        let field =
            |range: std::ops::Range<usize>| iso.get(range).and_then(|f| f.parse::<u32>().ok());
        let (Some(year), Some(month), Some(day)) = (field(0..4), field(5..7), field(8..10)) else {
            return iso.to_string();
        };
        let months: Vec<&str> = self.months.split(',').map(str::trim).collect();
        let name = month.checked_sub(1).and_then(|m| months.get(m as usize));
        let (Some(name), 10, 1..=31) = (name, iso.len(), day) else {
            return iso.to_string();
        };
        let day = if day == 1 && !self.first_day.is_empty() {
            self.first_day.clone()
        } else {
            day.to_string()
        };
        fill(
            &self.date,
            &[("day", &day), ("month", name), ("year", &year.to_string())],
        )
    }
}

impl Default for Labels {
    fn default() -> Self {
        Labels::english()
    }
}

/// A run of generated text, upright or italic (titles of works are italic).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Span {
    /// The words.
    pub text: String,
    /// Whether they are set in italic.
    pub italic: bool,
}

/// Everything generated around the author's text, ready to render.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Matter {
    /// The labels of generated and numbered pages.
    pub labels: Labels,
    /// The authors as one phrase: "A", "A and B", "A, B and C".
    pub byline: String,
    /// The cover image's alternative text.
    pub cover_alt: String,
    /// The copyright page, paragraph by paragraph: the work, the rights,
    /// the publication, the identifier and the colophon.
    pub imprint: Vec<Vec<Span>>,
    /// The faces the book is set in, as the colophon names them.
    pub faces: Vec<String>,
}
