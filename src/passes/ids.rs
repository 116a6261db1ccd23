//! Anchor ids for headings.

mod ascii;
mod id_char;

use super::PassContext;
use crate::model::{plain_text, walk, Block, Book, Chapter, Inline};
use std::collections::{BTreeSet, HashMap};

/// A URL- and XML-safe id made from text: lower-case ASCII letters, digits
/// and single hyphens (`"Blood on the Riverbank!"` → `blood-on-the-riverbank`).
/// Other scripts are transliterated (`deunicode`'s, see `ids/ascii.rs`): letters
/// with diacritics keep their base letter (`savārān` → `savaran`), Greek and
/// Cyrillic become Latin (`Ἀθῆναι` → `athenai`), so headings in any script
/// get readable, distinct ids.
/// An id never starts with a digit and is never empty (`531 AD` → `s-531-ad`).
/// Every id and file name quire makes goes through this one function.
pub fn slug(text: &str) -> String {
    // Up to the first character past ASCII's printable ones, the text is
    // its own transliteration; from there each character is transliterated,
    // ASCII too (a control character then gives nothing), as `deunicode` does.
    let plain = text.find(|c: char| c >= '\u{7f}').unwrap_or(text.len());
    let mut letters = String::with_capacity(text.len());
    letters.push_str(&text[..plain]);
    for c in text[plain..].chars() {
        letters.push_str(ascii::letters(c));
    }
    slug_ascii(&letters)
}

/// [`slug`] of ASCII `text`.
fn slug_ascii(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().filter_map(id_char::id_char) {
        // No hyphen first, nor two in a row.
        if c != '-' || !(out.is_empty() || out.ends_with('-')) {
            out.push(c);
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        format!("s-{out}").trim_end_matches('-').to_string()
    } else {
        out.to_string()
    }
}

/// Ids handed out so far, with the next number to try for every id asked
/// for remembered: a hundred files whose names give the same id cost a
/// hundred tries, not five thousand.
#[derive(Debug, Default)]
pub struct Taken {
    used: BTreeSet<String>,
    next: HashMap<String, usize>,
}

impl Taken {
    /// `wanted`, or `wanted-2`, `wanted-3`, … : the first not handed out,
    /// now handed out.
    pub fn unique(&mut self, wanted: String) -> String {
        let mut n = match self.next.get(&wanted) {
            Some(&n) => n,
            None if self.used.insert(wanted.clone()) => {
                self.next.insert(wanted.clone(), 2);
                return wanted;
            }
            None => 2,
        };
        loop {
            let id = format!("{wanted}-{n}");
            n += 1;
            if self.used.insert(id.clone()) {
                self.next.insert(wanted, n);
                return id;
            }
        }
    }
}

/// Ids already taken (none of them asked for yet).
impl FromIterator<String> for Taken {
    fn from_iter<I: IntoIterator<Item = String>>(ids: I) -> Self {
        Taken {
            used: ids.into_iter().collect(),
            next: HashMap::new(),
        }
    }
}

/// The ids pass: gives every heading of every part an id ([`assign`]).
pub fn run(book: &mut Book, _cx: &mut PassContext<'_>) {
    book.parts_mut().for_each(assign);
}

/// Gives every heading of the part an id: its explicit `{#id}` or a slug of
/// its text, made unique within the part (footnote ids included). The
/// author's anchors ([`Inline::Anchor`]) keep theirs, made unique first.
pub fn assign(chapter: &mut Chapter) {
    let mut used: Taken = chapter.footnotes.iter().map(|f| f.id.clone()).collect();
    let mut anchor = |inline: &mut Inline| {
        if let Inline::Anchor { id } = inline {
            *id = used.unique(std::mem::take(id));
        }
    };
    walk::inline_tree_mut(&mut chapter.title, &mut anchor);
    walk::inlines_mut(&mut chapter.blocks, &mut anchor);
    for note in &mut chapter.footnotes {
        walk::inlines_mut(&mut note.blocks, &mut anchor);
    }
    walk::blocks_mut(&mut chapter.blocks, &mut |block| {
        if let Block::Division { id: Some(id), .. } = block {
            *id = used.unique(std::mem::take(id));
        }
    });
    walk::blocks_mut(&mut chapter.blocks, &mut |block| {
        if let Block::Heading { id, content, .. } = block {
            let wanted = if id.is_empty() {
                slug(&plain_text(content))
            } else {
                std::mem::take(id)
            };
            *id = used.unique(wanted);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(
            slug("Blood on the Riverbank: Casualties, Survivors"),
            "blood-on-the-riverbank-casualties-survivors"
        );
        assert_eq!(slug("Justinian’s Ambitions"), "justinians-ambitions");
        assert_eq!(slug("the savārān — cavalry"), "the-savaran-cavalry");
        assert_eq!(slug("so\u{2011}called"), "so-called");
        assert_eq!(slug("531 AD"), "s-531-ad");
        assert_eq!(slug("!!!"), "s");
        assert_eq!(slug("A & B < C"), "a-b-c");
        assert_eq!(slug("Ἀθῆναι"), "athenai");
        assert_eq!(slug("Война и мир"), "voina-i-mir");
        assert_ne!(slug("Ἀθῆναι"), slug("Σπάρτη"));
    }

    /// `slug` as it was made with the `deunicode` crate: its whole
    /// transliteration, then the letters.
    fn with_deunicode(text: &str) -> String {
        slug_ascii(&deunicode::deunicode(text))
    }

    #[test]
    fn every_character_slugs_as_deunicode_transliterates_it() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let text = format!("a{c}b {c}{c}");
            assert_eq!(slug(&text), with_deunicode(&text), "U+{:04X}", u32::from(c));
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_slugs_as_deunicode_transliterates_it(text in "(\\PC|[ -/:\\n北亰…Ω])*") {
            proptest::prop_assert_eq!(slug(&text), with_deunicode(&text));
        }
    }

    #[test]
    fn unique_appends_counters() {
        let mut used = Taken::default();
        assert_eq!(used.unique("a".into()), "a");
        assert_eq!(used.unique("a".into()), "a-2");
        assert_eq!(used.unique("a".into()), "a-3");
    }

    #[test]
    fn taken_gives_the_first_id_not_handed_out() {
        let wanted = [
            "a", "a-2", "a", "b", "a", "a-4", "a", "b-2", "b", "b", "a-2",
        ];
        let mut taken = Taken::default();
        let given: Vec<String> = wanted.iter().map(|w| taken.unique(w.to_string())).collect();
        // Each is `wanted`, or `wanted-N` with the least N from 2 up, that
        // none before it is.
        for (k, (id, wanted)) in given.iter().zip(wanted).enumerate() {
            let before = &given[..k];
            let first = std::iter::once(wanted.to_string())
                .chain((2..).map(|n| format!("{wanted}-{n}")))
                .find(|candidate| !before.contains(candidate));
            assert_eq!(Some(id), first.as_ref(), "{wanted}");
        }
        assert_eq!(
            given,
            ["a", "a-2", "a-3", "b", "a-4", "a-4-2", "a-5", "b-2", "b-3", "b-4", "a-2-2"]
        );
        // Ids taken beforehand are skipped.
        let mut taken: Taken = ["n".to_string(), "n-2".to_string()].into_iter().collect();
        assert_eq!(taken.unique("n".into()), "n-3");
    }
}
