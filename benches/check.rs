//! Benchmark: how long `quire check` (that is, `quire::load`) takes on one
//! chapter of about 10 MB.
//!
//! `cargo bench --bench check` (release) builds the chapter from the sample's
//! own chapters, repeated, in a temporary manuscript folder (nothing is
//! committed), then prints the median load time and the throughput. Under
//! `cargo test --all-targets` it loads one copy of the sample text once, to
//! show it works.

use std::path::Path;
use std::time::{Duration, Instant};

/// The size of the benchmarked chapter, in bytes (10 MB).
const TARGET_SIZE: usize = 10_000_000;
/// At most this many timed loads, and no new one after this much time.
const MAX_RUNS: usize = 7;
const TIME_BUDGET: Duration = Duration::from_secs(60);

const BOOK_TOML: &str = "title = \"One Long Chapter\"\nauthors = [\"Anonymous\"]\n\
language = \"en\"\nidentifier = \"urn:uuid:5f0b7a52-2d6e-4c1b-9a3e-7c4d8e1f2a61\"\n\
date = \"2026-11-27\"\n";

/// The bodies of the sample's numbered chapters, their `# Title` lines
/// turned into `##` sections so that the whole stays one chapter.
fn sample_text(manuscript: &Path) -> std::io::Result<String> {
    let mut names: Vec<_> = std::fs::read_dir(manuscript)?
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".md") && name.starts_with(|c: char| c.is_ascii_digit()))
        .collect();
    names.sort();
    let mut text = String::new();
    for name in names {
        for line in std::fs::read_to_string(manuscript.join(name))?.lines() {
            if line.starts_with("# ") {
                text.push('#');
            }
            text.push_str(line);
            text.push('\n');
        }
        text.push('\n');
    }
    Ok(text)
}

/// A chapter of at least `size` bytes: a title, then `text` repeated.
fn chapter(text: &str, size: usize) -> String {
    let mut chapter = String::from("# One Long Chapter\n\n");
    while chapter.len() < size {
        chapter.push_str(text);
    }
    chapter
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = match sample_text(&root.join("manuscript")) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("cannot read the sample manuscript: {e}");
            std::process::exit(1);
        }
    };
    // `cargo test --all-targets` runs benches once, without `--bench`:
    // then one load of the sample text is enough to show it works.
    let bench = std::env::args().any(|a| a == "--bench");
    let (size, max_runs) = if bench {
        (TARGET_SIZE, MAX_RUNS)
    } else {
        (text.len(), 1)
    };
    let chapter = chapter(&text, size);
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(dir.path().join("book.toml"), BOOK_TOML).expect("write book.toml");
    std::fs::write(dir.path().join("01-long.md"), &chapter).expect("write the chapter");

    let started = Instant::now();
    let mut times = Vec::new();
    while times.len() < max_runs && (times.is_empty() || started.elapsed() < TIME_BUDGET) {
        let start = Instant::now();
        let loaded = quire::load(dir.path()).unwrap_or_else(|e| panic!("the chapter loads: {e}"));
        times.push(start.elapsed());
        assert_eq!(loaded.book.chapters.len(), 1, "one chapter");
        assert!(
            loaded.book.chapters[0].blocks.len() > chapter.len() / 2000,
            "the chapter's paragraphs are all there"
        );
    }
    let runs = times.len();
    let (best, median) = (
        times.iter().min().copied().unwrap_or_default(),
        median(times),
    );
    println!(
        "check (load) of one {:.2} MB chapter: {:.3} s median of {runs}, best {:.3} s",
        chapter.len() as f64 / 1e6,
        median.as_secs_f64(),
        best.as_secs_f64()
    );
    println!(
        "  {:.2} MB/s",
        chapter.len() as f64 / 1e6 / median.as_secs_f64()
    );
}
