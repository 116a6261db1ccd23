//! The renderer interface: the last stage of the pipeline, a finished
//! [`Book`] in, what to write out: the bytes of one file (an EPUB, a PDF),
//! or the files of a site (the HTML edition).
//!
//! Each back end implements [`Renderer`] ([`crate::epub::Epub`],
//! [`crate::pdf::Pdf`], [`crate::html::Html`]); the command line picks the
//! renderers a command asks for and writes what they return, so a new back
//! end plugs in by implementing the trait. Renderers only read the model,
//! never one another; markup they share lives in [`crate::markup`] and
//! [`crate::xml`].
//!
//! A renderer may tell how far it has come through [`Progress`], which the
//! command line draws as a progress bar; the library draws nothing.

use crate::model::Book;
use crate::Result;
use std::collections::BTreeMap;

/// What a renderer makes of a book.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rendered {
    /// One file, written as [`Renderer::output_name`].
    File(Vec<u8>),
    /// A folder of files, written as [`Renderer::output_name`]: each file
    /// by its path inside the folder (relative, `/`-separated), in order.
    Site(BTreeMap<String, Vec<u8>>),
}

impl Rendered {
    /// The number of bytes made, all files together.
    pub fn len(&self) -> usize {
        match self {
            Rendered::File(bytes) => bytes.len(),
            Rendered::Site(files) => files.values().map(Vec::len).sum(),
        }
    }

    /// Whether nothing was made.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A back end: turns a finished book into a file or a site.
pub trait Renderer: Sync {
    /// The format's name for people (`EPUB`, `PDF`).
    fn name(&self) -> &'static str;
    /// The output file's extension, without the dot (`epub`).
    fn extension(&self) -> &'static str;
    /// The whole output, in memory; the same book always gives the same bytes.
    fn render(&self, book: &Book) -> Result<Rendered>;
    /// Like [`Renderer::render`], telling `progress` the stages and steps
    /// it goes through; the output is the same. By default it tells nothing.
    fn render_with(&self, book: &Book, progress: &dyn Progress) -> Result<Rendered> {
        let _ = progress;
        self.render(book)
    }
    /// Whether it reads the print pagination ([`crate::paginate`] before
    /// rendering): the EPUB's page-list does. By default it does not.
    fn wants_pagination(&self) -> bool {
        false
    }
    /// Whether it is the digital PDF, laid out with the design's margins:
    /// a build that paginates for another renderer may make it from the
    /// same layout ([`crate::paginate_sharing`]) instead of calling
    /// [`Renderer::render_with`]; the bytes are the same. By default not.
    fn shares_layout(&self) -> bool {
        false
    }
    /// The name of the file or folder written in the output folder: by
    /// default [`file_name`], the title's slug with the extension.
    fn output_name(&self, book: &Book) -> String {
        file_name(book, self)
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
pub fn file_name<R: Renderer + ?Sized>(book: &Book, renderer: &R) -> String {
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
        fn render(&self, book: &Book) -> Result<Rendered> {
            Ok(Rendered::File(book.metadata.title.clone().into_bytes()))
        }
    }

    #[test]
    fn a_new_back_end_plugs_in_by_implementing_the_trait() {
        let mut book = crate::epub::tests::book();
        book.metadata.title = "Ἀθῆναι: A Guide".into();
        let renderers: [&dyn Renderer; 4] = [
            &Plain,
            &crate::epub::Epub,
            &crate::pdf::Pdf,
            &crate::html::Html,
        ];
        let names: Vec<String> = renderers.iter().map(|r| r.output_name(&book)).collect();
        assert_eq!(
            names,
            [
                "athenai-a-guide.txt",
                "athenai-a-guide.epub",
                "athenai-a-guide.pdf",
                "html"
            ]
        );
        assert_eq!(
            Plain.render(&book).unwrap(),
            Rendered::File("Ἀθῆναι: A Guide".as_bytes().to_vec())
        );
        assert_eq!(file_name(&book, &Plain), "athenai-a-guide.txt");
        assert_eq!(
            (crate::epub::Epub.name(), crate::pdf::Pdf.name()),
            ("EPUB", "PDF")
        );
        match crate::epub::Epub.render(&book).unwrap() {
            Rendered::File(bytes) => assert!(bytes.starts_with(b"PK")),
            Rendered::Site(_) => panic!("an EPUB is one file"),
        }
        match crate::html::Html.render(&book).unwrap() {
            Rendered::Site(files) => assert!(files.contains_key("index.html")),
            Rendered::File(_) => panic!("the HTML edition is a site"),
        }
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
        // The pages are drawn and written as the parts are set: one stage
        // counts the galleys, then the file is finished.
        assert_eq!(names, ["setting parts", "writing the PDF"]);
        let galleys = book.parts().filter(|part| part.depth == 0).count() as u64;
        assert_eq!((stages[0].1, stages[0].2), (Some(galleys), galleys));
        assert_eq!((stages[1].1, stages[1].2), (None, 0));
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
