//! The command line: what users type.

use crate::report::MessageFormat;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// quire: build an EPUB 3 and a print-ready PDF from a folder of Markdown chapters.
#[derive(Debug, Parser)]
#[command(name = "quire", version, about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
    /// Options every command takes.
    #[command(flatten)]
    pub shared: Shared,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write the EPUB 3 (OUT/<book>.epub).
    Epub(Written),
    /// Write the print-ready PDF (OUT/<book>.pdf; `--profile print`: the
    /// printer's interior, OUT/<book>-print.pdf).
    Pdf(PdfArgs),
    /// Write both the EPUB and the PDF.
    Build(Written),
    /// Write the full-wrap print cover (OUT/<book>-cover.pdf): back, spine
    /// and front, its spine from the print interior's page count.
    Cover(Written),
    /// Load and validate the manuscript, report every problem, write nothing.
    Check,
    /// Build both books, then again whenever a file of the book changes.
    Watch,
    /// Write the book as a website (OUT/html/), for publishing.
    Html,
    /// Serve the HTML edition on 127.0.0.1, rebuilt and reloaded on every change.
    Serve(Serve),
    /// Print the document model, generated matter included, as JSON on stdout.
    Model,
    /// Start a new book in DIR (default: the current folder), ready to build.
    Init(Init),
    /// Print the completion script for SHELL on stdout.
    Completions(Completions),
    /// Print the manual page in roff on stdout: quire(1), or COMMAND's own.
    Man(Man),
}

/// What the commands that write books take.
#[derive(Debug, Args)]
pub struct Written {
    /// Open what was written in the system's viewer (or the program named
    /// by `QUIRE_VIEWER`), once the build has succeeded.
    #[arg(long)]
    pub open: bool,
}

/// What `quire pdf` takes.
#[derive(Debug, Args)]
pub struct PdfArgs {
    /// Which PDF: `digital` (default: links, bookmarks) or `print` (the
    /// interior for KDP or IngramSpark: trim and bleed boxes, the
    /// printer's gutter, no links or bookmarks; see `[print]`).
    #[arg(long, value_enum, default_value_t, value_name = "PROFILE")]
    pub profile: Profile,
    /// The options of every command that writes a book.
    #[command(flatten)]
    pub written: Written,
}

/// The PDF profiles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Profile {
    /// The digital edition, to read on screen.
    #[default]
    Digital,
    /// The print interior, for the printer.
    Print,
}

/// What `quire man` takes.
#[derive(Debug, Args)]
pub struct Man {
    /// The command whose page to print (`build` for quire-build(1));
    /// default: quire(1), the page of every command.
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,
}

/// What `quire completions` takes.
#[derive(Debug, Args)]
pub struct Completions {
    /// The shell: bash, zsh, fish, elvish or powershell.
    #[arg(value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

/// What `quire init` takes.
#[derive(Debug, Args)]
pub struct Init {
    /// The folder of the new book (made if missing; must not hold a book).
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
    /// The title (default: from the folder's name).
    #[arg(long)]
    pub title: Option<String>,
    /// An author, as credited; repeat for several (default: git's
    /// `user.name`, else "Anonymous").
    #[arg(long = "author", value_name = "NAME")]
    pub authors: Vec<String>,
    /// The book's language, a BCP 47 tag (default: from the locale, else `en`).
    #[arg(long, value_name = "TAG")]
    pub language: Option<String>,
}

/// What `quire serve` takes.
#[derive(Debug, Args)]
pub struct Serve {
    /// The port on 127.0.0.1 (0: any free port, printed).
    #[arg(long, default_value_t = 3000)]
    pub port: u16,
    /// Open the first page in the browser (the program named by QUIRE_VIEWER, else the system's).
    #[arg(long)]
    pub open: bool,
}

/// Options shared by every command.
#[derive(Debug, Args)]
pub struct Shared {
    /// The manuscript: a folder with book.toml, or a pandoc-style book (a
    /// Markdown file, or a folder of them with YAML metadata). Default: the
    /// nearest folder with a book.toml, from the current folder up; else
    /// `manuscript/` in the current folder.
    #[arg(long, short = 'm', global = true, value_name = "PATH")]
    pub manuscript: Option<PathBuf>,
    /// Where to write the books. Default: `out/` beside the book.toml found,
    /// or `out/` in the current folder when `-m` is given.
    #[arg(long, short = 'o', global = true, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// How problems are printed: `human` (the source line, a caret, a hint)
    /// or `json` (one object per line on stderr, for editors).
    #[arg(
        long,
        global = true,
        value_enum,
        default_value_t,
        value_name = "FORMAT"
    )]
    pub message_format: MessageFormat,
    /// Print nothing but errors.
    #[arg(long, short = 'q', global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print what each stage does.
    #[arg(long, short = 'v', global = true)]
    pub verbose: bool,
}
