//! The `quire` command: parse the command line, run the pipeline, write the
//! files atomically, report errors with their file and line.
//!
//! Exit codes: 0 success, 1 the book could not be built (or `check` found
//! problems), 2 the command line was wrong.

mod cli;
mod logger;
mod manual;
mod open;
mod progress;
mod report;
mod serve;
mod site;
mod watch;

use anyhow::{Context, Result};
use clap::Parser;
use cli::{Cli, Command};
use quire::epub::Epub;
use quire::html::Html;
use quire::model::Book;
use quire::pdf::cover::Cover;
use quire::pdf::print::PrintPdf;
use quire::pdf::Pdf;
use quire::render::{Rendered, Renderer};
use report::{MessageFormat, Reported, Reporter};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// mimalloc 2 instead of glibc's allocator: setting a paragraph allocates
/// and frees many small vectors on every thread, and glibc's `malloc` and
/// `free` were about 14 % of the ×100 PDF's time (perf). Measured on the
/// sample ×100 (README, "Benchmarks"): the PDF and the EPUB about 8 and
/// 15 % faster for a higher peak; mimalloc 3 was slower than 2 there (it
/// gave its pages back and faulted them in again).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    logger::init(
        if cli.shared.quiet {
            log::LevelFilter::Error
        } else if cli.shared.message_format == MessageFormat::Json {
            // Editors read stderr line by line: only problems, as JSON.
            log::LevelFilter::Warn
        } else if cli.shared.verbose {
            log::LevelFilter::Debug
        } else {
            log::LevelFilter::Info
        },
        cli.shared.message_format == MessageFormat::Json,
    );
    match run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        // `quire model | head` closes the pipe early: not a failure.
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) if error.is::<Reported>() => ExitCode::FAILURE,
        Err(error) => {
            let mut message = error.to_string();
            for cause in error.chain().skip(1) {
                message.push_str(&format!("\n  caused by: {cause}"));
            }
            Reporter::new(cli.shared.message_format).failure(&message);
            ExitCode::FAILURE
        }
    }
}

fn run(cli: &Cli) -> Result<()> {
    match &cli.command {
        Command::Init(init) => init_book(init, cli.shared.message_format),
        Command::Check => {
            let bar = progress::Bar::for_command(&cli.shared);
            bar.begin("loading");
            let (book, dir, _) = load(&cli.shared)?;
            drop(bar);
            log::info!(
                "{}: {} parts, {} table-of-contents entries, no errors",
                dir.display(),
                book.parts().count(),
                book.toc.len()
            );
            Ok(())
        }
        Command::Model => {
            let (book, _, _) = load(&cli.shared)?;
            let mut stdout = std::io::stdout().lock();
            serde_json::to_writer_pretty(&mut stdout, &book).context("writing the model")?;
            writeln!(stdout).context("writing the model")?;
            Ok(())
        }
        Command::Epub(written) => make(&cli.shared, &[&Epub], written.open),
        Command::Pdf(args) => match args.profile {
            cli::Profile::Digital => make(&cli.shared, &[&Pdf], args.written.open),
            cli::Profile::Print => {
                let print = PrintPdf::default();
                let made = make(&cli.shared, &[&print], args.written.open);
                report_warnings(&cli.shared, &print.take_warnings());
                made
            }
        },
        Command::Cover(written) => {
            let cover = Cover::default();
            let made = make(&cli.shared, &[&cover], written.open);
            report_warnings(&cli.shared, &cover.take_warnings());
            made
        }
        Command::Build(written) => make(&cli.shared, &[&Epub, &Pdf], written.open),
        Command::Watch => {
            let (dir, out) = manuscript_and_out(&cli.shared)?;
            watch::run(&dir, &out, || make(&cli.shared, &[&Epub, &Pdf], false))
        }
        Command::Completions(completions) => {
            manual::completions(completions.shell, &mut std::io::stdout().lock())
        }
        Command::Man(man) => manual::man(man.command.as_deref(), &mut std::io::stdout().lock()),
        Command::Html => make(&cli.shared, &[&Html], false),
        Command::Serve(options) => {
            let (dir, out) = manuscript_and_out(&cli.shared)?;
            serve::run(&dir, &out, options, || {
                load(&cli.shared).map(|(book, _, _)| book)
            })
        }
    }
}

/// Loads the book and writes what `renderers` make of it, under a progress
/// bar; then, if `open` is set, opens the files written (never after a
/// failure).
fn make(shared: &cli::Shared, renderers: &[&dyn Renderer], open: bool) -> Result<()> {
    let written = {
        let bar = progress::Bar::for_command(shared);
        bar.begin("loading");
        let (mut book, _, out) = load(shared)?;
        let laid_out = if renderers.iter().any(|r| r.wants_pagination()) {
            bar.begin("paginating");
            let paginated = if renderers.iter().any(|r| r.shares_layout()) {
                // The digital PDF, laid out once with the page-list when
                // the print interior has its pages.
                quire::paginate_sharing(&mut book, &bar)
            } else {
                quire::paginate(&mut book).map(|()| None)
            };
            paginated.map_err(|error| placed(error, "paginating the book", shared))?
        } else {
            None
        };
        build(&book, &out, renderers, laid_out, &bar, shared)?
    };
    if open {
        open::open(&written);
    }
    Ok(())
}

/// Finds and loads the book: the book, its folder and the output folder.
/// Warnings first, then one `error:` line per problem, as rustc and cargo
/// print them, then the count.
fn load(shared: &cli::Shared) -> Result<(Book, PathBuf, PathBuf)> {
    let (dir, out) = manuscript_and_out(shared)?;
    log::debug!("loading {}", dir.display());
    let options = build_options()?;
    let mut warnings = Vec::new();
    let loaded = quire::load_into(&dir, &options, &mut warnings);
    let mut reporter = Reporter::new(shared.message_format);
    if log::log_enabled!(log::Level::Warn) {
        for warning in &warnings {
            reporter.warning(warning);
        }
    }
    let book = loaded.map_err(|errors| {
        for error in &errors.0 {
            reporter.error(error);
        }
        let count = errors.0.len();
        reporter.summary(&format!(
            "{count} problem{} found in {}",
            if count == 1 { "" } else { "s" },
            dir.display()
        ));
        anyhow::Error::new(Reported)
    })?;
    log::debug!(
        "loaded {} parts, {} images, {} contents entries",
        book.parts().count(),
        book.images.len(),
        book.toc.len()
    );
    Ok((book, dir, out))
}

/// Prints the warnings a back end gave (an image below 300 dpi in print).
fn report_warnings(shared: &cli::Shared, warnings: &[quire::Warning]) {
    if log::log_enabled!(log::Level::Warn) {
        let mut reporter = Reporter::new(shared.message_format);
        for warning in warnings {
            reporter.warning(warning);
        }
    }
}

/// The manuscript folder and the output folder. `-m` and `-o` win; with no
/// `-m`, the nearest `book.toml` from the current folder up (its books go to
/// `out/` beside it), else `manuscript/` here (books to `out/` here, as in
/// quire's own repository, whose sample lives there).
fn manuscript_and_out(shared: &cli::Shared) -> Result<(PathBuf, PathBuf)> {
    let here = Path::new(".");
    let (dir, default_out) = match &shared.manuscript {
        Some(dir) => (dir.clone(), PathBuf::from("out")),
        None => {
            let cwd = std::env::current_dir().context("reading the current folder")?;
            if let Some(found) = quire::manuscript::locate(&cwd) {
                let dir = relative_to(&found, &cwd);
                let out = if dir == Path::new(".") {
                    PathBuf::from("out")
                } else {
                    dir.join("out")
                };
                (dir, out)
            } else if here.join("manuscript/book.toml").is_file() {
                (PathBuf::from("manuscript"), PathBuf::from("out"))
            } else {
                anyhow::bail!(
                    "no book.toml in {} or any folder above it\n  \
                     hint: `quire init` starts a new book here; `-m DIR` names a manuscript folder",
                    cwd.display()
                );
            }
        }
    };
    Ok((dir, shared.out.clone().unwrap_or(default_out)))
}

/// `path` as the user would write it from `cwd` (`.`, `..`, `../..`), so
/// that messages name files as short as they can.
fn relative_to(path: &Path, cwd: &Path) -> PathBuf {
    match cwd.strip_prefix(path) {
        Ok(rest) if rest.as_os_str().is_empty() => PathBuf::from("."),
        Ok(rest) => rest.components().map(|_| "..").collect(),
        Err(_) => path.to_path_buf(),
    }
}

/// `quire init`: fills in what the options leave out (the title from the
/// folder's name, the author from git, the language from the locale, today's
/// date or `SOURCE_DATE_EPOCH`, a fresh `urn:uuid:`) and writes the book.
fn init_book(init: &cli::Init, message_format: MessageFormat) -> Result<()> {
    let folder = std::path::absolute(&init.dir).context("reading the current folder")?;
    let title = init.title.clone().unwrap_or_else(|| {
        quire::init::title_from_folder(
            &folder
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
        )
    });
    let authors = if init.authors.is_empty() {
        vec![git_user_name().unwrap_or_else(|| "Anonymous".to_string())]
    } else {
        init.authors.clone()
    };
    let language = init.language.clone().unwrap_or_else(|| {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|name| std::env::var(name).ok())
            .find(|value| !value.is_empty())
            .and_then(|locale| quire::init::language_from_locale(&locale))
            .unwrap_or_else(|| "en".to_string())
    });
    let now = match build_options()?.source_date_epoch {
        Some(epoch) => epoch,
        None => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0),
    };
    let day = quire::model::date::DateTime::from_epoch(now);
    let options = quire::init::InitOptions {
        title,
        authors,
        language,
        date: format!("{:04}-{:02}-{:02}", day.year, day.month, day.day),
        identifier: format!("urn:uuid:{}", uuid::Uuid::new_v4()),
    };
    let written = quire::init::create(&init.dir, &options).map_err(|error| {
        let mut reporter = Reporter::new(message_format);
        reporter.error(&error);
        reporter.summary(&format!("no book was started in {}", init.dir.display()));
        anyhow::Error::new(Reported)
    })?;
    log::info!(
        "started \"{}\" in {} ({} files); build it with `quire build`{}",
        options.title,
        init.dir.display(),
        written.len(),
        if init.dir == Path::new(".") {
            String::new()
        } else {
            format!(" inside {}", init.dir.display())
        }
    );
    Ok(())
}

/// The author's name as git knows it, for a new book's `authors`.
fn git_user_name() -> Option<String> {
    let output = std::process::Command::new("git")
        .args(["config", "--get", "user.name"])
        .output()
        .ok()?;
    let name = String::from_utf8(output.stdout).ok()?.trim().to_string();
    (output.status.success() && !name.is_empty()).then_some(name)
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
/// cannot render leaves no file of any format behind. Returns the files
/// written. `laid_out` is the digital PDF made while paginating, taken for
/// the renderer that [`Renderer::shares_layout`].
fn build(
    book: &Book,
    out_dir: &Path,
    renderers: &[&dyn Renderer],
    mut laid_out: Option<Vec<u8>>,
    bar: &progress::Bar,
    shared: &cli::Shared,
) -> Result<Vec<PathBuf>> {
    let mut rendered = Vec::new();
    for &renderer in renderers {
        let started = std::time::Instant::now();
        bar.begin(renderer.name());
        let made = laid_out.take_if(|_| renderer.shares_layout());
        let bytes = match made {
            Some(bytes) => {
                log::debug!("{} taken from the pagination's layout", renderer.name());
                Rendered::File(bytes)
            }
            None => renderer.render_with(book, bar).map_err(|error| {
                placed(error, &format!("building the {}", renderer.name()), shared)
            })?,
        };
        log::debug!("{} rendered in {:.1?}", renderer.name(), started.elapsed());
        rendered.push((renderer.output_name(book), bytes));
    }
    bar.begin("writing");
    let mut written = Vec::new();
    for (name, rendered) in rendered {
        let path = out_dir.join(name);
        match &rendered {
            Rendered::File(bytes) => write_atomically(&path, bytes)?,
            Rendered::Site(files) => site::write(&path, files)?,
        }
        log::info!(
            "wrote {} ({} KiB)",
            path.display(),
            rendered.len().div_ceil(1024)
        );
        written.push(path);
    }
    Ok(written)
}

/// An error of `doing` (paginating, building a format): one with a place in
/// the book is printed as a load error is (the place, the source line, a
/// caret where the column is known; or as JSON), then what failed; one
/// without keeps `doing` as its context.
fn placed(error: quire::Error, doing: &str, shared: &cli::Shared) -> anyhow::Error {
    if error.location.is_none() {
        return anyhow::Error::new(error).context(doing.to_string());
    }
    let mut reporter = Reporter::new(shared.message_format);
    reporter.error(&error);
    reporter.summary(&format!("{doing} failed"));
    anyhow::Error::new(Reported)
}

/// Writes `bytes` to a temporary file beside `path`, then renames it over
/// `path`: readers never see a half-written book, and a failure leaves any
/// previous file untouched.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let temp = site::beside(path, "tmp")?;
    let result = std::fs::write(&temp, bytes)
        .and_then(|()| std::fs::rename(&temp, path))
        .with_context(|| format!("writing {}", path.display()));
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}
