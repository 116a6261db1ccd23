//! What can go wrong while a back end renders a book that loaded cleanly.

/// A back end could not render the book.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// A shipped face cannot be read.
    #[error("font {file} cannot be parsed")]
    FontParse {
        /// The face's file name.
        file: String,
    },
    /// A face cannot be read for the drawn cover.
    #[error("cannot read {file} for the cover: {reason}")]
    CoverFont {
        /// The face's file name.
        file: &'static str,
        /// What the font reader said.
        reason: String,
    },
    /// A face cannot be subset to the characters the book uses.
    #[error("cannot subset {file}: {reason}")]
    FontSubset {
        /// The face's file name.
        file: String,
        /// What went wrong.
        reason: String,
    },
    /// A PDF stream or an EPUB entry cannot be deflated.
    #[error("cannot compress a stream: {source}")]
    Compress {
        /// The compressor's error.
        #[source]
        source: flate2::CompressError,
    },
    /// The PDF writer was handed another number of pages than the layout
    /// announced (a bug in quire, never the book's fault).
    #[error("the layout announced {announced} pages but handed on {handed}")]
    PageCount {
        /// The pages the layout counted.
        announced: usize,
        /// The pages the writer received.
        handed: usize,
    },
    /// A raster image cannot be decoded.
    #[error("image `{path}` cannot be decoded: {source}")]
    ImageDecode {
        /// The image, as the book names it.
        path: String,
        /// The decoder's error.
        #[source]
        source: image::ImageError,
    },
    /// The sRGB colour profile of the PDF/A output intent cannot be
    /// encoded (a bug in quire or moxcms, never the book's fault).
    #[error("cannot encode the sRGB colour profile: {reason}")]
    ColourProfile {
        /// What the encoder said.
        reason: String,
    },
    /// An SVG image cannot be read or converted.
    #[error("SVG image `{path}`: {reason}")]
    Svg {
        /// The image, as the book names it.
        path: String,
        /// What went wrong.
        reason: String,
    },
    /// An image the text names is missing from the loaded book.
    #[error("image `{path}` was not loaded")]
    ImageNotLoaded {
        /// The image, as the book names it.
        path: String,
    },
    /// The declared cover is missing from the loaded book.
    #[error("the cover image `{path}` was not loaded")]
    CoverNotLoaded {
        /// The cover, as `book.toml` names it.
        path: String,
    },
    /// The declared cover cannot be used.
    #[error("cover image `{path}`: {reason}")]
    Cover {
        /// The cover, as `book.toml` names it.
        path: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The cover cannot be encoded as an image.
    #[error("cannot encode the cover: {source}")]
    CoverEncode {
        /// The encoder's error.
        #[source]
        source: image::ImageError,
    },
    /// An entry, or the whole EPUB, is beyond what a ZIP without the
    /// ZIP64 extension holds (4 GiB, 65,535 entries).
    #[error("cannot add `{path}` to the EPUB: the container would exceed 4 GiB or 65,535 files")]
    ZipTooLarge {
        /// The entry's path in the container.
        path: String,
    },
}
