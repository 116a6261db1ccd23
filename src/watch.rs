//! `quire watch`: build, then build again whenever a file of the book
//! changes.
//!
//! The `notify` crate reports changes; they are gathered until none has
//! come for a short while, so that an editor saving several files, or saving
//! through a temporary file, starts one build. Only changes start a build:
//! not files being read (every build reads them all), nor anything in the
//! output folder (or writing the books would start the next build), nor
//! hidden files and editors' backup files. Each build renders every book before
//! writing any (as `quire build` does), so a failed build leaves the last
//! good books in place; a file deleted or renamed mid-edit is a failed build
//! like any other, and the watch goes on.

use anyhow::{Context, Result};
use notify::event::{AccessKind, EventKind, MetadataKind, ModifyKind};
use notify::{Event, RecursiveMode, Watcher};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How long quire waits after the last change before it builds.
const SETTLE: Duration = Duration::from_millis(200);

/// Watches `source` (a manuscript folder, or the file of a one-file book)
/// and calls `build` once now and after every relevant change, printing one
/// line per build with its time. Runs until the process is stopped, or
/// returns the error that stopped the watching itself.
pub fn run(source: &Path, out: &Path, build: impl FnMut() -> Result<()>) -> Result<()> {
    let books = Outcome {
        target: format!("the books go to {}", out.display()),
        kept: "the last good books are kept",
    };
    watch(source, out, &books, build)
}

/// What the watch says about its builds: where they go, and what stays
/// when one fails.
pub struct Outcome {
    /// Where the builds go (`the books go to out`).
    pub target: String,
    /// What a failed build leaves (`the last good books are kept`).
    pub kept: &'static str,
}

/// The watch loop of [`run`], for any build: changes in `ignored` (the
/// output folder) start none; `outcome` words the lines printed.
pub fn watch(
    source: &Path,
    ignored: &Path,
    outcome: &Outcome,
    mut build: impl FnMut() -> Result<()>,
) -> Result<()> {
    let folder = if source.is_file() {
        source.parent().unwrap_or(Path::new(".")).to_path_buf()
    } else {
        source.to_path_buf()
    };
    let (sender, events) = mpsc::channel::<notify::Result<Event>>();
    let mut watcher = notify::recommended_watcher(sender).context("starting to watch files")?;
    watcher
        .watch(&folder, RecursiveMode::Recursive)
        .with_context(|| format!("watching {}", folder.display()))?;
    let ignored = absolute(ignored);
    log::info!(
        "watching {} ({}); stop with Ctrl-C",
        folder.display(),
        outcome.target
    );
    once(&mut build, outcome.kept);
    // Each batch: the first event, then every one until SETTLE passes quietly.
    while let Ok(first) = events.recv() {
        let mut batch = vec![first];
        while let Ok(next) = events.recv_timeout(SETTLE) {
            batch.push(next);
        }
        let mut paths = Vec::new();
        for event in batch {
            match event {
                Ok(event) if is_change(&event.kind) => paths.extend(event.paths),
                Ok(_) => {}
                Err(error) => log::warn!("watching files: {error}"),
            }
        }
        let changed = changed_files(paths, &ignored);
        if let Some(first) = changed.first() {
            let more = match changed.len() {
                1 => String::new(),
                n => format!(" and {} more", n - 1),
            };
            log::info!("changed: {}{more}", first.display());
            once(&mut build, outcome.kept);
        }
    }
    Ok(())
}

/// Whether an event is a change to the files: not a file being opened or
/// read, nor its access time updated.
fn is_change(kind: &EventKind) -> bool {
    !matches!(
        kind,
        EventKind::Access(AccessKind::Open(_) | AccessKind::Read | AccessKind::Close(_))
            | EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime))
    )
}

/// One build and its one-line outcome, saying what is `kept` when it
/// fails. Problems were already printed by the build.
fn once(build: &mut impl FnMut() -> Result<()>, kept: &str) {
    let started = Instant::now();
    let outcome = build();
    let seconds = started.elapsed().as_secs_f64();
    match outcome {
        Ok(()) => log::info!("built in {seconds:.2} s"),
        Err(error) => {
            if !error.is::<crate::report::Reported>() {
                log::error!("{error:#}");
            }
            log::info!("build failed in {seconds:.2} s; {kept}");
        }
    }
}

/// The files of a batch of changes that should start a build: not in the
/// output folder, not hidden (`.x.swp`, `.x.md.1234.tmp`), not a backup
/// (`x.md~`). Sorted, without repeats.
fn changed_files(paths: Vec<PathBuf>, ignored: &Path) -> Vec<PathBuf> {
    let mut changed: Vec<PathBuf> = paths
        .into_iter()
        .filter(|path| !absolute(path).starts_with(ignored))
        .filter(|path| {
            path.file_name()
                .map(|n| n.to_string_lossy())
                .is_some_and(|name| !name.starts_with('.') && !name.ends_with('~'))
        })
        .collect();
    changed.sort();
    changed.dedup();
    changed
}

/// `path` made absolute (real when it exists, so that symbolic links and
/// `..` compare equal).
fn absolute(path: &Path) -> PathBuf {
    path.canonicalize()
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{AccessMode, CreateKind, DataChange};

    #[test]
    fn output_hidden_and_backup_files_start_no_build() {
        let paths = [
            "/book/02-b.md",
            "/book/out/book.epub",
            "/book/out/.book.pdf.42.tmp",
            "/book/.01-a.md.swp",
            "/book/01-a.md~",
            "/book/images/map.png",
            "/book/02-b.md",
        ]
        .map(PathBuf::from);
        assert_eq!(
            changed_files(paths.to_vec(), Path::new("/book/out")),
            [
                PathBuf::from("/book/02-b.md"),
                PathBuf::from("/book/images/map.png")
            ]
        );
    }

    #[test]
    fn reading_a_file_is_no_change() {
        assert!(!is_change(&EventKind::Access(AccessKind::Open(
            AccessMode::Read
        ))));
        assert!(!is_change(&EventKind::Access(AccessKind::Close(
            AccessMode::Read
        ))));
        assert!(is_change(&EventKind::Create(CreateKind::File)));
        assert!(is_change(&EventKind::Modify(ModifyKind::Data(
            DataChange::Content
        ))));
        assert!(is_change(&EventKind::Remove(
            notify::event::RemoveKind::File
        )));
    }
}
