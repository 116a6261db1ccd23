//! The command line: what users type.

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
    Epub,
    /// Write the print-ready PDF (OUT/<book>.pdf).
    Pdf,
    /// Write both the EPUB and the PDF.
    Build,
    /// Load and validate the manuscript, report every problem, write nothing.
    Check,
    /// Print the document model, generated matter included, as JSON on stdout.
    Model,
}

/// Options shared by every command.
#[derive(Debug, Args)]
pub struct Shared {
    /// The manuscript: a folder with book.toml, or a pandoc-style book (a
    /// Markdown file, or a folder of them with YAML metadata).
    #[arg(
        long,
        short = 'm',
        global = true,
        default_value = "manuscript",
        value_name = "PATH"
    )]
    pub manuscript: PathBuf,
    /// Where to write the books.
    #[arg(
        long,
        short = 'o',
        global = true,
        default_value = "out",
        value_name = "DIR"
    )]
    pub out: PathBuf,
    /// Print nothing but errors.
    #[arg(long, short = 'q', global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print what each stage does.
    #[arg(long, short = 'v', global = true)]
    pub verbose: bool,
}
