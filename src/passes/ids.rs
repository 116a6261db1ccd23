//! Anchor ids for headings.

use super::PassContext;
use crate::model::{plain_text, walk, Block, Book, Chapter, Inline};
use std::collections::{BTreeSet, HashMap};

/// A URL- and XML-safe id made from text: lower-case ASCII letters, digits
/// and single hyphens (`"Blood on the Riverbank!"` → `blood-on-the-riverbank`).
/// Other scripts are transliterated (`deunicode`): letters with diacritics keep
/// their base letter (`savārān` → `savaran`), Greek and Cyrillic become Latin
/// (`Ἀθῆναι` → `athenai`), so headings in any script get readable, distinct ids.
/// An id never starts with a digit and is never empty (`531 AD` → `s-531-ad`).
/// Every id and file name quire makes goes through this one function.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in deunicode::deunicode(text).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty()
            && !out.ends_with('-')
            && (c.is_ascii_whitespace() || "-_.:/".contains(c))
        {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        format!("s-{out}").trim_end_matches('-').to_string()
    } else {
        out.to_string()
    }
}

/// Makes `wanted` unique among `used` by appending `-2`, `-3`, … and records it.
pub fn unique(wanted: String, used: &mut BTreeSet<String>) -> String {
    let mut id = wanted.clone();
    let mut n = 2;
    while !used.insert(id.clone()) {
        id = format!("{wanted}-{n}");
        n += 1;
    }
    id
}

/// Ids handed out so far, each made unique as [`unique`] does, with the
/// next number to try for every id asked for remembered: a hundred files
/// whose names give the same id cost a hundred tries, not five thousand.
#[derive(Debug, Default)]
pub struct Taken {
    used: BTreeSet<String>,
    next: HashMap<String, usize>,
}

impl Taken {
    /// `wanted`, or `wanted-2`, `wanted-3`, … : the first not handed out
    /// (the same id [`unique`] gives with the same ids used).
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

/// The ids pass: gives every heading of every part an id ([`assign`]).
pub fn run(book: &mut Book, _cx: &mut PassContext<'_>) {
    book.parts_mut().for_each(assign);
}

/// Gives every heading of the part an id: its explicit `{#id}` or a slug of
/// its text, made unique within the part (footnote ids included). The
/// author's anchors ([`Inline::Anchor`]) keep theirs, made unique first.
pub fn assign(chapter: &mut Chapter) {
    let mut used: BTreeSet<String> = chapter.footnotes.iter().map(|f| f.id.clone()).collect();
    let mut anchor = |inline: &mut Inline| {
        if let Inline::Anchor { id } = inline {
            *id = unique(std::mem::take(id), &mut used);
        }
    };
    walk::inline_tree_mut(&mut chapter.title, &mut anchor);
    walk::inlines_mut(&mut chapter.blocks, &mut anchor);
    for note in &mut chapter.footnotes {
        walk::inlines_mut(&mut note.blocks, &mut anchor);
    }
    walk::blocks_mut(&mut chapter.blocks, &mut |block| {
        if let Block::Division { id: Some(id), .. } = block {
            *id = unique(std::mem::take(id), &mut used);
        }
    });
    walk::blocks_mut(&mut chapter.blocks, &mut |block| {
        if let Block::Heading { id, content, .. } = block {
            let wanted = if id.is_empty() {
                slug(&plain_text(content))
            } else {
                std::mem::take(id)
            };
            *id = unique(wanted, &mut used);
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

    #[test]
    fn unique_appends_counters() {
        let mut used = BTreeSet::new();
        assert_eq!(unique("a".into(), &mut used), "a");
        assert_eq!(unique("a".into(), &mut used), "a-2");
        assert_eq!(unique("a".into(), &mut used), "a-3");
    }

    #[test]
    fn taken_gives_the_ids_unique_gives() {
        let wanted = [
            "a", "a-2", "a", "b", "a", "a-4", "a", "b-2", "b", "b", "a-2",
        ];
        let mut used = BTreeSet::new();
        let mut taken = Taken::default();
        let given: Vec<String> = wanted.iter().map(|w| taken.unique(w.to_string())).collect();
        let expected: Vec<String> = wanted
            .iter()
            .map(|w| unique(w.to_string(), &mut used))
            .collect();
        assert_eq!(given, expected);
        assert_eq!(
            given,
            ["a", "a-2", "a-3", "b", "a-4", "a-4-2", "a-5", "b-2", "b-3", "b-4", "a-2-2"]
        );
    }
}
