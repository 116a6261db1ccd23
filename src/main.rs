//! The `quire` command: parse the command line, run the pipeline, write the
//! files atomically, report errors with their file and line.
//!
//! Exit codes: 0 success, 1 the book could not be built (or `check` found
//! problems), 2 the command line was wrong.

mod cli;
mod logger;

use anyhow::{Context, Result};
use clap::Parser;
use cli::{Cli, Command};
use quire::epub::Epub;
use quire::model::Book;
use quire::pdf::Pdf;
use quire::render::{file_name, Renderer};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    logger::init(if cli.shared.quiet {
        log::LevelFilter::Error
    } else if cli.shared.verbose {
        log::LevelFilter::Debug
    } else {
        log::LevelFilter::Info
    });
    match run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        // `quire model | head` closes the pipe early: not a failure.
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            for cause in error.chain().skip(1) {
                eprintln!("  caused by: {cause}");
            }
            ExitCode::FAILURE
        }
    }
}

fn run(cli: &Cli) -> Result<()> {
    let dir = &cli.shared.manuscript;
    log::debug!("loading {}", dir.display());
    let options = build_options()?;
    let mut warnings = Vec::new();
    let loaded = quire::load_into(dir, &options, &mut warnings);
    // Warnings first, then one `error:` line per problem, as rustc and cargo
    // print them, then the count.
    for warning in &warnings {
        log::warn!("warning: {warning}");
    }
    let book = loaded.map_err(|errors| {
        for error in &errors.0 {
            eprintln!("error: {error}");
        }
        let count = errors.0.len();
        anyhow::anyhow!(
            "{count} problem{} found in {}",
            if count == 1 { "" } else { "s" },
            dir.display()
        )
    })?;
    log::debug!(
        "loaded {} parts, {} images, {} contents entries",
        book.parts().count(),
        book.images.len(),
        book.toc.len()
    );
    match cli.command {
        Command::Check => {
            log::info!(
                "{}: {} parts, {} table-of-contents entries, no errors",
                dir.display(),
                book.parts().count(),
                book.toc.len()
            );
            Ok(())
        }
        Command::Model => {
            let mut stdout = std::io::stdout().lock();
            serde_json::to_writer_pretty(&mut stdout, &book).context("writing the model")?;
            writeln!(stdout).context("writing the model")?;
            Ok(())
        }
        Command::Epub => build(&book, &cli.shared.out, &[&Epub]),
        Command::Pdf => build(&book, &cli.shared.out, &[&Pdf]),
        Command::Build => build(&book, &cli.shared.out, &[&Epub, &Pdf]),
    }
}

/// The build options the environment sets: `SOURCE_DATE_EPOCH`, a number of
/// seconds, for reproducible dates.
fn build_options() -> Result<quire::BuildOptions> {
    let source_date_epoch = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(value) => Some(value.trim().parse::<i64>().map_err(|_| {
            anyhow::anyhow!("SOURCE_DATE_EPOCH must be a number of seconds, not `{value}`")
        })?),
        Err(_) => None,
    };
    Ok(quire::BuildOptions { source_date_epoch })
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    let broken = Some(std::io::ErrorKind::BrokenPipe);
    error.chain().any(|cause| {
        cause.downcast_ref::<std::io::Error>().map(|e| e.kind()) == broken
            || cause
                .downcast_ref::<serde_json::Error>()
                .and_then(|e| e.io_error_kind())
                == broken
    })
}

/// Runs every renderer first, then writes the files: a book one back end
/// cannot render leaves no file of any format behind.
fn build(book: &Book, out_dir: &Path, renderers: &[&dyn Renderer]) -> Result<()> {
    let mut rendered = Vec::new();
    for &renderer in renderers {
        let started = std::time::Instant::now();
        let bytes = renderer
            .render(book)
            .with_context(|| format!("building the {}", renderer.name()))?;
        log::debug!("{} rendered in {:.1?}", renderer.name(), started.elapsed());
        rendered.push((file_name(book, renderer), bytes));
    }
    for (name, bytes) in rendered {
        let path = out_dir.join(name);
        write_atomically(&path, &bytes)?;
        log::info!(
            "wrote {} ({} KiB)",
            path.display(),
            bytes.len().div_ceil(1024)
        );
    }
    Ok(())
}

/// Writes `bytes` to a temporary file beside `path`, then renames it over
/// `path`: readers never see a half-written book, and a failure leaves any
/// previous file untouched.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = std::fs::write(&temp, bytes)
        .and_then(|()| std::fs::rename(&temp, path))
        .with_context(|| format!("writing {}", path.display()));
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}
