//! The library's one error type: what went wrong, and where in the manuscript.
//!
//! [`ErrorKind`] names each problem with its facts in named fields; the
//! problems of the text, of the configuration and of the back ends are
//! enums of their own ([`MarkdownError`], [`ConfigError`], [`RenderError`]),
//! so that each variant keeps its cause (`#[source]`) where there is one.

mod config;
mod markdown;
mod render;

pub use config::ConfigError;
pub use markdown::{ActiveContent, MarkdownError};
pub use render::RenderError;
use std::fmt;
use std::path::PathBuf;

/// A place in a manuscript file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file, as the user named it (manuscript folder joined with the
    /// relative path).
    pub file: PathBuf,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column (in characters) on that line, when known.
    pub column: Option<usize>,
}

impl Location {
    /// A whole file, no line.
    pub fn file(file: impl Into<PathBuf>) -> Self {
        Location {
            file: file.into(),
            line: None,
            column: None,
        }
    }

    /// A line of a file.
    pub fn line(file: impl Into<PathBuf>, line: usize) -> Self {
        Location {
            file: file.into(),
            line: Some(line),
            column: None,
        }
    }

    /// A line and column of a file.
    pub fn line_column(file: impl Into<PathBuf>, line: usize, column: usize) -> Self {
        Location {
            file: file.into(),
            line: Some(line),
            column: Some(column),
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        Ok(())
    }
}

/// What went wrong.
#[derive(Debug, thiserror::Error)]
pub enum ErrorKind {
    /// A file or folder could not be read or written.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// A file is not valid UTF-8 text.
    #[error("not valid UTF-8 text (byte {offset} cannot be decoded)")]
    InvalidUtf8 {
        /// Byte offset of the first bad byte.
        offset: usize,
    },
    /// The manuscript's configuration cannot be used as it is: `book.toml`
    /// is not valid TOML, a listed file is missing, the book has no chapters.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// `book.toml` has a key quire does not know; the error's hint names the
    /// likeliest meant key, or lists them all.
    #[error("unknown key `{key}` in {table}")]
    UnknownKey {
        /// The key as written.
        key: String,
        /// Where it was found (`book.toml`, `a resource`, `[quire] of book.toml`).
        table: String,
    },
    /// `book.toml` lacks a required key; the hint says what to add.
    #[error("missing `{key}`")]
    MissingKey {
        /// The key's name.
        key: &'static str,
    },
    /// A `book.toml` value has the wrong TOML type; the hint shows it
    /// written in the right one.
    #[error("`{key}` must be {expected}")]
    WrongType {
        /// The key's name.
        key: &'static str,
        /// What it takes, as a phrase ("a list of names").
        expected: &'static str,
    },
    /// A `book.toml` value of the right type in a form quire does not accept
    /// (an empty title, a malformed date or ISBN); the message says what to
    /// write instead.
    #[error("{message}")]
    InvalidValue {
        /// The key's name.
        key: &'static str,
        /// What is wrong, and what to write.
        message: String,
    },
    /// The Markdown uses something quire does not accept (bad TeX, too deep nesting, …).
    #[error(transparent)]
    Markdown(#[from] MarkdownError),
    /// An internal link points to a chapter or anchor that does not exist.
    #[error("broken internal link `{target}`: {reason}")]
    BrokenLink {
        /// The link's destination, as written.
        target: String,
        /// What is missing.
        reason: String,
    },
    /// An image file is missing, unreadable or of an unsupported kind.
    #[error("image `{path}`: {reason}")]
    Image {
        /// The image path as written.
        path: String,
        /// Why it was rejected.
        reason: String,
    },
    /// A font file of `[fonts]` is missing, unreadable or not a font.
    #[error("font `{path}`: {reason}")]
    Font {
        /// The font path as written in `book.toml`.
        path: String,
        /// Why it was rejected.
        reason: String,
    },
    /// The author's stylesheet (`[epub] css`) or a file it names is
    /// missing, outside the book or of a kind the EPUB cannot carry.
    #[error("stylesheet `{path}`: {reason}")]
    Stylesheet {
        /// The stylesheet's path as written in `book.toml`.
        path: String,
        /// Why it was rejected.
        reason: String,
    },
    /// A file is larger than quire reads (see the README's "Limits").
    #[error("the file is {size} bytes, more than the {limit} bytes quire reads")]
    TooLarge {
        /// The file's size in bytes.
        size: u64,
        /// The most quire reads of such a file.
        limit: u64,
    },
    /// A file of the book leads out of the manuscript folder through a
    /// symbolic link.
    #[error(
        "`{path}` is a link to {}, outside the manuscript folder: quire reads only files inside it (copy the file in instead)",
        .target.display()
    )]
    OutsideManuscript {
        /// The file as the manuscript names it.
        path: String,
        /// Where the link leads.
        target: PathBuf,
    },
    /// A back end could not render the book.
    #[error(transparent)]
    Render(#[from] RenderError),
}

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The book cannot be built.
    Error,
    /// Worth fixing; the book is built anyway.
    Warning,
}

impl Severity {
    /// `error` or `warning`, as compilers print it.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// An error with the place it was found, when there is one.
#[derive(Debug)]
pub struct Error {
    /// What went wrong.
    pub kind: ErrorKind,
    /// Where: file and, when known, line and column. (Boxed, like the
    /// hint, to keep the error small enough to return by value.)
    pub location: Option<Box<Location>>,
    /// What the author may have meant or should write ("did you mean
    /// `#images`?"), when quire can tell.
    pub hint: Option<Box<str>>,
}

impl Error {
    /// An error found at `location`.
    pub fn at(location: Location, kind: ErrorKind) -> Self {
        Error {
            kind,
            location: Some(Box::new(location)),
            hint: None,
        }
    }

    /// An error with no place in the manuscript (a back end failing, say).
    pub fn render(problem: RenderError) -> Self {
        Error {
            kind: ErrorKind::Render(problem),
            location: None,
            hint: None,
        }
    }

    /// The same error with a hint.
    pub fn with_hint(mut self, hint: Option<String>) -> Self {
        self.hint = hint.map(String::into_boxed_str);
        self
    }

    /// Always [`Severity::Error`]: errors stop the build.
    pub fn severity(&self) -> Severity {
        Severity::Error
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(location) = &self.location {
            write!(f, "{location}: ")?;
        }
        write!(f, "{}", self.kind)?;
        if let Some(hint) = &self.hint {
            write!(f, " ({hint})")?;
        }
        Ok(())
    }
}

impl From<RenderError> for Error {
    fn from(problem: RenderError) -> Self {
        Error::render(problem)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        std::error::Error::source(&self.kind)
    }
}

/// Every problem found in one pass over a manuscript, so that an author can
/// fix them all at once. Never empty.
#[derive(Debug)]
pub struct Errors(pub Vec<Error>);

impl fmt::Display for Errors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, error) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Errors {}

impl From<Error> for Errors {
    fn from(error: Error) -> Self {
        Errors(vec![error])
    }
}

/// Something worth fixing that does not stop the build, and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// Where: the file (as the user named it) and, when known, the line.
    pub location: Location,
    /// What is wrong and what to do about it.
    pub message: String,
    /// What the author may have meant, when quire can tell.
    pub hint: Option<String>,
    /// Said once per book: the same message from other files is left out
    /// and counted ("one warning per element name").
    pub once: bool,
}

impl Warning {
    /// A warning found at `location`.
    pub fn at(location: Location, message: impl Into<String>) -> Self {
        Warning {
            location,
            message: message.into(),
            hint: None,
            once: false,
        }
    }

    /// The same warning, said once per book.
    pub fn once(mut self) -> Self {
        self.once = true;
        self
    }

    /// The same warning with a hint.
    pub fn with_hint(mut self, hint: Option<String>) -> Self {
        self.hint = hint;
        self
    }

    /// Always [`Severity::Warning`].
    pub fn severity(&self) -> Severity {
        Severity::Warning
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, " ({hint})")?;
        }
        Ok(())
    }
}

/// The result of a library operation that reports one problem.
pub type Result<T, E = Error> = std::result::Result<T, E>;
