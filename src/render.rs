//! The renderer interface: the last stage of the pipeline, a finished
//! [`Book`] in, the bytes of one file out.
//!
//! Each back end implements [`Renderer`] ([`crate::epub::Epub`],
//! [`crate::pdf::Pdf`]); the command line picks the renderers a command asks
//! for and writes what they return, so a new back end (an HTML preview, say)
//! plugs in by implementing the trait. Renderers only read the model, never
//! one another; markup they share lives in [`crate::xml`].
//!
//! A renderer may tell how far it has come through [`Progress`], which the
//! command line draws as a progress bar; the library draws nothing.

use crate::model::Book;
use crate::Result;

/// A back end: turns a finished book into the bytes of one file.
pub trait Renderer: Sync {
    /// The format's name for people (`EPUB`, `PDF`).
    fn name(&self) -> &'static str;
    /// The output file's extension, without the dot (`epub`).
    fn extension(&self) -> &'static str;
    /// The whole file, in memory; the same book always gives the same bytes.
    fn render(&self, book: &Book) -> Result<Vec<u8>>;
    /// Like [`Renderer::render`], telling `progress` the stages and steps
    /// it goes through; the bytes are the same. By default it tells nothing.
    fn render_with(&self, book: &Book, progress: &dyn Progress) -> Result<Vec<u8>> {
        let _ = progress;
        self.render(book)
    }
}

/// Hears how far a render has come, for a progress bar. Calls are cheap
/// and may come from several threads at once; both methods do nothing
/// unless implemented.
pub trait Progress: Sync {
    /// A stage begins (`"laying out pages"`), of `total` steps when known.
    fn stage(&self, name: &str, total: Option<u64>) {
        let _ = (name, total);
    }
    /// `steps` more steps of the current stage are done.
    fn advance(&self, steps: u64) {
        let _ = steps;
    }
}

/// The [`Progress`] nobody hears.
#[derive(Debug, Clone, Copy, Default)]
pub struct Silent;

impl Progress for Silent {}

/// The name of the file `renderer` writes for `book`: the title made into a
/// slug, with the renderer's extension (`the-battle-of-callinicum.epub`).
pub fn file_name(book: &Book, renderer: &dyn Renderer) -> String {
    format!(
        "{}.{}",
        crate::passes::ids::slug(&book.metadata.title),
        renderer.extension()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A renderer that is neither back end: what a third one would write.
    struct Plain;

    impl Renderer for Plain {
        fn name(&self) -> &'static str {
            "plain text"
        }
        fn extension(&self) -> &'static str {
            "txt"
        }
        fn render(&self, book: &Book) -> Result<Vec<u8>> {
            Ok(book.metadata.title.clone().into_bytes())
        }
    }

    #[test]
    fn a_new_back_end_plugs_in_by_implementing_the_trait() {
        let mut book = crate::epub::tests::book();
        book.metadata.title = "Ἀθῆναι: A Guide".into();
        let renderers: [&dyn Renderer; 3] = [&Plain, &crate::epub::Epub, &crate::pdf::Pdf];
        let names: Vec<String> = renderers.iter().map(|r| file_name(&book, *r)).collect();
        assert_eq!(
            names,
            [
                "athenai-a-guide.txt",
                "athenai-a-guide.epub",
                "athenai-a-guide.pdf"
            ]
        );
        assert_eq!(Plain.render(&book).unwrap(), "Ἀθῆναι: A Guide".as_bytes());
        assert_eq!(
            (crate::epub::Epub.name(), crate::pdf::Pdf.name()),
            ("EPUB", "PDF")
        );
        assert!(crate::epub::Epub.render(&book).unwrap().starts_with(b"PK"));
    }

    /// What a progress bar would hear: each stage with its total, and the
    /// steps done in it.
    #[derive(Default)]
    struct Heard(std::sync::Mutex<Vec<(String, Option<u64>, u64)>>);

    impl Progress for Heard {
        fn stage(&self, name: &str, total: Option<u64>) {
            self.0.lock().unwrap().push((name.to_string(), total, 0));
        }
        fn advance(&self, steps: u64) {
            let mut stages = self.0.lock().unwrap();
            stages.last_mut().expect("a stage has begun").2 += steps;
        }
    }

    #[test]
    fn the_pdf_tells_its_stages_and_counts_every_step_and_renders_the_same_bytes() {
        let book = crate::epub::tests::book();
        let heard = Heard::default();
        let bytes = crate::pdf::Pdf.render_with(&book, &heard).unwrap();
        assert_eq!(bytes, crate::pdf::Pdf.render(&book).unwrap());
        let stages = heard.0.into_inner().unwrap();
        let names: Vec<&str> = stages.iter().map(|s| s.0.as_str()).collect();
        assert_eq!(names, ["setting parts", "drawing pages", "writing the PDF"]);
        let galleys = book.parts().filter(|part| part.depth == 0).count() as u64;
        assert_eq!((stages[0].1, stages[0].2), (Some(galleys), galleys));
        let pages = crate::layout::layout(&book).unwrap().pages.len() as u64;
        assert!(pages > 1);
        assert_eq!((stages[1].1, stages[1].2), (Some(pages), pages));
        assert_eq!((stages[2].1, stages[2].2), (None, 0));
    }

    #[test]
    fn a_renderer_that_tells_nothing_renders_as_without_progress() {
        let book = crate::epub::tests::book();
        let heard = Heard::default();
        let bytes = crate::epub::Epub.render_with(&book, &heard).unwrap();
        assert_eq!(bytes, crate::epub::Epub.render(&book).unwrap());
        assert!(heard.0.into_inner().unwrap().is_empty());
    }
}
