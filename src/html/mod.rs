//! The HTML back end: the book as a static website, one HTML5 page per
//! part, for reading in a browser and for publishing.
//!
//! The site holds, relative to its folder:
//!
//! - `index.html`: the title page and the generated contents, linked;
//! - `copyright.html`: the generated imprint;
//! - one page per part, in reading order (the same parts, ids and generated
//!   matter — FAQ, resources — as the EPUB), named by [`names`];
//! - `css/book.css` (the EPUB's stylesheet, [`crate::markup::styles`]:
//!   the author's faces and `[epub] css` included, with the files that
//!   stylesheet names under `css/`) and `css/screen.css` (a measure and the
//!   pager, for screens);
//! - `fonts/`: the faces the stylesheet names — shipped, the author's
//!   `[fonts]` and fallbacks — whole (not subset, so that a rebuild is quick
//!   and any character the author adds has its glyph);
//! - `images/`: every image of the book.
//!
//! Each page has a pager (previous, contents, next) at its top and foot;
//! footnotes link both ways as in the EPUB. The bodies come from
//! [`crate::markup`] in its HTML [`Flavor`].

mod page;

use crate::markup::names::Names;
use crate::markup::{body, pages, toc, Flavor};
use crate::model::{Book, Chapter};
use crate::render::{Rendered, Renderer};
use crate::xml::escape;
use crate::Result;
use page::{Neighbour, Page};
use rayon::prelude::*;
use std::collections::BTreeMap;

/// The site's first page: title page and contents.
pub const INDEX: &str = "index.html";
/// The copyright page.
pub const COPYRIGHT: &str = "copyright.html";
const SCREEN_CSS: &str = include_str!("screen.css");

/// The HTML back end as a [`Renderer`]: [`site`] with no script, written as
/// the folder `html` in the output folder.
#[derive(Debug, Clone, Copy)]
pub struct Html;

impl Renderer for Html {
    fn name(&self) -> &'static str {
        "HTML"
    }
    fn extension(&self) -> &'static str {
        "html"
    }
    fn render(&self, book: &Book) -> Result<Rendered> {
        site(book, &Options::default()).map(Rendered::Site)
    }
    fn output_name(&self, _book: &Book) -> String {
        "html".to_owned()
    }
}

/// What a site is built with beyond the book.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// Markup added at the end of every page's `<body>`, as is (the preview
    /// server's live-reload script); `None` for a site to publish.
    pub script: Option<String>,
}

/// The file names of the parts (`.html`) and images of `book`, clear of
/// the generated pages.
pub fn names(book: &Book) -> Names {
    Names::new(book, &[INDEX, COPYRIGHT], ".html", INDEX)
}

/// The whole site: every file by its path inside the site's folder.
pub fn site(book: &Book, options: &Options) -> Result<BTreeMap<String, Vec<u8>>> {
    let names = names(book);
    let labels = &book.matter.labels;
    let parts: Vec<&Chapter> = book.parts().collect();

    // Reading order, for the pager: index, copyright, then every part.
    let mut order: Vec<Neighbour> = vec![
        Neighbour::new(INDEX, &book.metadata.title),
        Neighbour::new(COPYRIGHT, &labels.copyright),
    ];
    order.extend(
        parts
            .iter()
            .map(|part| Neighbour::new(names.chapter(part), &body::page_title(part, labels))),
    );
    let page = |i: usize, title: &str| Page {
        book,
        title: title.to_owned(),
        previous: i.checked_sub(1).and_then(|p| order.get(p)),
        next: order.get(i + 1),
        script: options.script.as_deref(),
    };

    let mut files = BTreeMap::new();
    let mut index = pages::title(book, Flavor::Html);
    index.push_str(&format!(
        "<nav role=\"doc-toc\" id=\"toc\" aria-labelledby=\"toc-title\">\n\
         <h2 id=\"toc-title\">{}</h2>\n",
        escape(&labels.contents)
    ));
    toc::list(&toc::entries(book, &names), &mut index);
    index.push_str("</nav>\n");
    files.insert(INDEX.to_owned(), page(0, "").render(&index));
    files.insert(
        COPYRIGHT.to_owned(),
        page(1, &labels.copyright).render(&pages::copyright(book, Flavor::Html)),
    );
    // Parts are independent: written in parallel, collected in order.
    let written: Vec<(String, Vec<u8>)> = parts
        .par_iter()
        .enumerate()
        .map(|(i, part)| {
            let section = body::section(part, labels, &names, Flavor::Html);
            let html = page(i + 2, &body::page_title(part, labels)).render(&section);
            (names.chapter(part).to_owned(), html)
        })
        .collect();
    files.extend(written);

    // The Greek faces always: a browser fetches them only for Greek
    // letters (`unicode-range`), and the site's faces are whole anyway.
    // The faces are always there: `[epub] embed-fonts` is the EPUB's.
    let styles = crate::markup::styles::styles(book, true, true);
    files.insert(page::STYLESHEET.to_owned(), styles.stylesheet.into_bytes());
    files.insert(page::SCREEN.to_owned(), SCREEN_CSS.as_bytes().to_vec());
    for (name, _, data) in styles.files {
        files.insert(format!("css/{name}"), data.to_vec());
    }
    for font in styles.fonts {
        files.insert(format!("fonts/{}", font.file), font.data.to_vec());
    }
    for (key, asset) in &book.images {
        if let Some(name) = names.image(key) {
            files.insert(name.to_owned(), asset.data.clone());
        }
    }
    Ok(files)
}

#[cfg(test)]
mod tests;
