//! The renderer interface: the last stage of the pipeline, a finished
//! [`Book`] in, the bytes of one file out.
//!
//! Each back end implements [`Renderer`] ([`crate::epub::Epub`],
//! [`crate::pdf::Pdf`]); the command line picks the renderers a command asks
//! for and writes what they return, so a new back end (an HTML preview, say)
//! plugs in by implementing the trait. Renderers only read the model, never
//! one another; markup they share lives in [`crate::xml`].

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
}

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
}
