//! Where everything lives inside the container: one file name per part and
//! per image, chosen once so that links and manifest always agree.

use crate::model::{Book, Chapter};
use crate::passes::ids::slug;
use std::collections::{BTreeMap, BTreeSet};

/// Folder of the publication inside the container (next to `META-INF/`).
pub const ROOT: &str = "EPUB";
/// The cover page.
pub const COVER_PAGE: &str = "cover.xhtml";
/// The title page.
pub const TITLE_PAGE: &str = "title.xhtml";
/// The copyright (imprint) page.
pub const COPYRIGHT_PAGE: &str = "copyright.xhtml";
/// The navigation document, which is also the book's table of contents page.
pub const NAV: &str = "nav.xhtml";
/// The EPUB 2 table of contents.
pub const NCX: &str = "toc.ncx";
/// The package document.
pub const PACKAGE: &str = "package.opf";
/// The cover image, without its extension (`.png` or `.jpg`).
pub const COVER_IMAGE: &str = "images/cover";
/// The stylesheet.
pub const STYLESHEET: &str = "css/book.css";

/// File names of the parts and images of one book, relative to [`ROOT`].
#[derive(Debug)]
pub struct Names {
    parts: BTreeMap<String, String>,
    images: BTreeMap<String, String>,
}

impl Names {
    /// Chooses a unique, URL-safe file name for every part and every image.
    pub fn new(book: &Book) -> Names {
        let mut taken: BTreeSet<String> = [COVER_PAGE, TITLE_PAGE, COPYRIGHT_PAGE, NAV]
            .iter()
            .map(|name| name.to_string())
            .chain(["png", "jpg"].map(|extension| format!("{COVER_IMAGE}.{extension}")))
            .collect();
        let mut parts = BTreeMap::new();
        for part in book.parts() {
            let name = unique(&mut taken, &slug(&part.id), ".xhtml");
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
        Names { parts, images }
    }

    /// The file of a part, by [`Chapter::id`].
    pub fn part(&self, id: &str) -> &str {
        self.parts.get(id).map_or(NAV, String::as_str)
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
    fn an_author_image_called_cover_does_not_overwrite_the_cover() {
        let mut book = crate::epub::tests::book();
        let asset = crate::model::ImageAsset {
            media_type: "image/png".into(),
            width: 1,
            height: 1,
            data: Vec::new(),
        };
        book.images.insert("images/cover.png".into(), asset);
        assert_eq!(
            Names::new(&book).image("images/cover.png"),
            Some("images/cover-2.png")
        );
    }

    #[test]
    fn names_never_collide_with_each_other_or_generated_pages() {
        let mut taken: BTreeSet<String> = [NAV.to_owned()].into();
        assert_eq!(unique(&mut taken, "nav", ".xhtml"), "nav-2.xhtml");
        assert_eq!(unique(&mut taken, "nav", ".xhtml"), "nav-3.xhtml");
    }
}
