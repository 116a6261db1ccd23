//! Where each document and image of a book lives: one file name per part
//! and per image, chosen once so that links and the files written always
//! agree. The EPUB and the HTML site choose the same way, each with its own
//! extension and its own generated pages.

use crate::model::{Book, Chapter};
use crate::passes::ids::slug;
use std::collections::{BTreeMap, BTreeSet};

/// File names of the parts and images of one book, relative to the folder
/// that holds the documents.
#[derive(Debug)]
pub struct Names {
    parts: BTreeMap<String, String>,
    images: BTreeMap<String, String>,
    fallback: String,
}

impl Names {
    /// Chooses a unique, URL-safe file name for every part (the slug of its
    /// id, with `extension`) and every image (under `images/`), never one
    /// of `reserved` (the back end's generated files). A part the book does
    /// not have is found at `fallback`.
    pub fn new(book: &Book, reserved: &[&str], extension: &str, fallback: &str) -> Names {
        let mut taken: BTreeSet<String> = reserved.iter().map(|name| name.to_string()).collect();
        let mut parts = BTreeMap::new();
        for part in book.parts() {
            let name = unique(&mut taken, &slug(&part.id), extension);
            parts.insert(part.id.clone(), name);
        }
        let mut images = BTreeMap::new();
        for (key, asset) in &book.images {
            let stem = key.rsplit('/').next().unwrap_or(key);
            let stem = stem.rsplit_once('.').map_or(stem, |(stem, _)| stem);
            let extension = match asset.media_type.as_str() {
                "image/jpeg" => ".jpg",
                crate::model::SVG => ".svg",
                _ => ".png",
            };
            let name = unique(&mut taken, &format!("images/{}", slug(stem)), extension);
            images.insert(key.clone(), name);
        }
        Names {
            parts,
            images,
            fallback: fallback.to_owned(),
        }
    }

    /// The file of a part, by [`Chapter::id`].
    pub fn part(&self, id: &str) -> &str {
        self.parts.get(id).unwrap_or(&self.fallback)
    }

    /// The file of a chapter.
    pub fn chapter(&self, chapter: &Chapter) -> &str {
        self.part(&chapter.id)
    }

    /// The file of an image, by its key in [`Book::images`].
    pub fn image(&self, key: &str) -> Option<&str> {
        self.images.get(key).map(String::as_str)
    }
}

fn unique(taken: &mut BTreeSet<String>, stem: &str, extension: &str) -> String {
    let mut name = format!("{stem}{extension}");
    let mut n = 2;
    while taken.contains(&name) {
        name = format!("{stem}-{n}{extension}");
        n += 1;
    }
    taken.insert(name.clone());
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_never_collide_with_each_other_or_generated_pages() {
        let mut taken: BTreeSet<String> = ["nav.xhtml".to_owned()].into();
        assert_eq!(unique(&mut taken, "nav", ".xhtml"), "nav-2.xhtml");
        assert_eq!(unique(&mut taken, "nav", ".xhtml"), "nav-3.xhtml");
    }

    #[test]
    fn a_part_the_book_lacks_is_found_at_the_fallback() {
        let book = crate::epub::tests::book();
        let names = Names::new(&book, &["one.html"], ".html", "index.html");
        assert_eq!(names.part("one"), "one-2.html");
        assert_eq!(names.part("two"), "two.html");
        assert_eq!(names.part("gone"), "index.html");
    }
}
