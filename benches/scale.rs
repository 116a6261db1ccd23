//! Benchmark: quire at scale, beside its peers, in one run.
//!
//! `cargo bench --bench scale` builds the sample book as shipped and a book
//! a hundred times its size (generated here, in a temporary folder, from the
//! sample's own chapters: never committed) with the release binary, as an
//! author runs it (`quire epub` and `quire pdf`, each a process of its own),
//! and prints for each the median wall time, the CPU time (user + sys) and
//! the peak memory (the two last from `/usr/bin/time`, where installed).
//! Then, on the same input, it times the peers that are installed: pandoc
//! (EPUB), crowbook (EPUB) and typst (PDF, through its PyPI binding and
//! `benches/peers/typst_sample.py`); a peer that is missing is named and
//! skipped.
//!
//! The binary timed is `$QUIRE_BIN`, else `target/release/quire` (build it
//! first: `cargo build --release`; the bench says when it is older than the
//! sources), else the one cargo built beside this bench. Timing the release
//! binary as a child means the bench measures the shipped profile (LTO,
//! `panic = "abort"`), whatever the bench profile is.
//!
//! `cargo bench --bench scale -- --quire-only` measures quire alone (the
//! sample and ×100, without the peers). Wall times depend on what else the
//! machine runs; CPU time and peak memory much less.
//!
//! `cargo test --all-targets` runs it once, without `--bench`: then it
//! builds the sample once, to show the harness works.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

/// How many times the ×100 book repeats the sample's chapters.
const COPIES: usize = 100;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let full = args.iter().any(|a| a == "--bench");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let quire = binary(root);
    println!("quire: {}", quire.display());
    let sample = root.join("manuscript");
    let scratch = tempfile::tempdir().expect("a temporary folder");
    report(
        &quire,
        "sample",
        &sample,
        scratch.path(),
        if full { 11 } else { 1 },
    );
    if !full {
        return;
    }
    let manuscript = scratch.path().join("manuscript");
    multiply(&sample, &manuscript, COPIES);
    report(
        &quire,
        &format!("sample ×{COPIES}"),
        &manuscript,
        scratch.path(),
        3,
    );
    if !args.iter().any(|a| a == "--quire-only") {
        peers(&quire, &manuscript, scratch.path());
    }
}

/// The quire binary to time: `$QUIRE_BIN`, the release build, or the one
/// built with this bench; a release build older than a source is named.
fn binary(root: &Path) -> PathBuf {
    if let Some(path) = std::env::var_os("QUIRE_BIN") {
        return PathBuf::from(path);
    }
    let release = root.join("target/release/quire");
    match modified(&release) {
        Some(built) => {
            let newest = newest_source(&root.join("src"))
                .into_iter()
                .chain(modified(&root.join("Cargo.toml")))
                .max();
            if newest.is_some_and(|newest| newest > built) {
                println!(
                    "warning: {} is older than the sources (cargo build --release)",
                    release.display()
                );
            }
            release
        }
        None => PathBuf::from(env!("CARGO_BIN_EXE_quire")),
    }
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// The latest modification time of a file under `dir`.
fn newest_source(dir: &Path) -> Option<SystemTime> {
    std::fs::read_dir(dir)
        .ok()?
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let path = entry.path();
            if path.is_dir() {
                newest_source(&path)
            } else {
                modified(&path)
            }
        })
        .max()
}

/// Runs `quire epub` and `quire pdf` on the book in `dir`, `runs` times
/// each, and prints the medians.
fn report(quire: &Path, name: &str, dir: &Path, scratch: &Path, runs: usize) {
    let out = scratch.join("out");
    println!("{name}: {} Markdown files", markdown_files(dir));
    for format in ["epub", "pdf"] {
        let measures: Vec<Measure> = (0..runs)
            .map(|_| {
                let mut command = Command::new(quire);
                command
                    .args([format, "-q", "-m"])
                    .arg(dir)
                    .arg("-o")
                    .arg(&out);
                measure(command, None)
                    .unwrap_or_else(|why| panic!("quire {format} on {name}: {why}"))
            })
            .collect();
        let size: u64 = std::fs::read_dir(&out)
            .expect("the output folder")
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == format))
            .filter_map(|e| e.metadata().ok())
            .map(|m| m.len())
            .sum();
        println!(
            "  {:<5} {}, {} KiB",
            format.to_uppercase(),
            summary(&measures),
            size / 1024
        );
    }
}

fn markdown_files(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
                .count()
        })
        .unwrap_or(0)
}

/// One run of a process: wall time, and CPU time and peak memory (KiB)
/// where `/usr/bin/time` tells them.
#[derive(Debug, Clone)]
struct Measure {
    wall: Duration,
    cpu: Option<Duration>,
    peak_kib: Option<u64>,
    /// The first line it printed, trimmed (typst's script prints its own timing).
    said: String,
}

/// Runs `command` to its end, reading `stdin` when given, under
/// `/usr/bin/time` when installed;
/// it keeps the first line of its output. An error says why it failed.
fn measure(command: Command, stdin: Option<&Path>) -> Result<Measure, String> {
    let time = Path::new("/usr/bin/time");
    let report = tempfile::NamedTempFile::new().map_err(|e| e.to_string())?;
    let mut run = if time.exists() {
        let mut timed = Command::new(time);
        timed
            .args(["-f", "%U %S %M", "-o"])
            .arg(report.path())
            .arg(command.get_program())
            .args(command.get_args());
        if let Some(dir) = command.get_current_dir() {
            timed.current_dir(dir);
        }
        for (key, value) in command.get_envs() {
            if let Some(value) = value {
                timed.env(key, value);
            }
        }
        timed
    } else {
        command
    };
    if let Some(path) = stdin {
        run.stdin(std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?);
    }
    let start = Instant::now();
    let out = run
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| format!("not run: {e}"))?;
    let wall = start.elapsed();
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr)
            .lines()
            .next()
            .unwrap_or("failed")
            .to_string());
    }
    let timed = std::fs::read_to_string(report.path()).unwrap_or_default();
    let fields: Vec<f64> = timed
        .lines()
        .last()
        .unwrap_or("")
        .split_whitespace()
        .filter_map(|f| f.parse().ok())
        .collect();
    let (cpu, peak_kib) = match fields[..] {
        [user, sys, peak] => (Some(Duration::from_secs_f64(user + sys)), Some(peak as u64)),
        _ => (None, None),
    };
    let said = String::from_utf8_lossy(&out.stdout)
        .lines()
        .next()
        .unwrap_or("")
        .trim()
        .to_string();
    Ok(Measure {
        wall,
        cpu,
        peak_kib,
        said,
    })
}

/// The medians of `measures`: wall, CPU, peak.
fn summary(measures: &[Measure]) -> String {
    let wall = median(measures.iter().map(|m| m.wall).collect());
    let mut text = format!("{:>9} wall", ms(wall));
    let cpu: Vec<Duration> = measures.iter().filter_map(|m| m.cpu).collect();
    if !cpu.is_empty() {
        let _ = write!(text, ", {:>9} CPU", ms(median(cpu)));
    }
    let mut peaks: Vec<u64> = measures.iter().filter_map(|m| m.peak_kib).collect();
    if !peaks.is_empty() {
        peaks.sort_unstable();
        let _ = write!(
            text,
            ", {:.0} MiB peak",
            peaks[peaks.len() / 2] as f64 / 1024.0
        );
    }
    let _ = write!(text, " (median of {})", measures.len());
    text
}

/// Writes a manuscript to `to` with the front matter, FAQ and `book.toml`
/// of `from` and its chapters repeated `copies` times, numbered in order.
fn multiply(from: &Path, to: &Path, copies: usize) {
    std::fs::create_dir_all(to).expect("manuscript folder");
    let mut chapters: Vec<PathBuf> = std::fs::read_dir(from)
        .expect("the sample folder")
        .map(|e| e.expect("an entry").path())
        .filter(|p| {
            let name = p.file_name().unwrap_or_default().to_string_lossy();
            name.ends_with(".md") && name.starts_with(|c: char| c.is_ascii_digit())
        })
        .collect();
    chapters.sort();
    for name in ["summary.md", "faq.md"] {
        std::fs::copy(from.join(name), to.join(name)).expect("copy");
    }
    // The cover lies outside the sample folder; the copy draws its own.
    let config = std::fs::read_to_string(from.join("book.toml")).expect("book.toml");
    let config: String =
        config
            .lines()
            .filter(|l| !l.starts_with("cover"))
            .fold(String::new(), |mut out, l| {
                let _ = writeln!(out, "{l}");
                out
            });
    std::fs::write(to.join("book.toml"), config).expect("book.toml");
    for copy in 1..=copies {
        for (i, chapter) in chapters.iter().enumerate() {
            let text = std::fs::read_to_string(chapter).expect("a chapter");
            let name = format!("{copy:03}-{:02}.md", i + 1);
            std::fs::write(to.join(name), text).expect("a chapter copy");
        }
    }
}

/// Times the installed peers on the same manuscript.
fn peers(quire: &Path, manuscript: &Path, scratch: &Path) {
    let mut chapters: Vec<String> = std::fs::read_dir(manuscript)
        .expect("the manuscript")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|n| n.ends_with(".md") && n != "summary.md" && n != "faq.md")
        .collect();
    chapters.sort();
    let mut files = vec!["summary.md".to_string()];
    files.extend(chapters);
    files.push("faq.md".into());

    let epub = scratch.join("pandoc.epub");
    let mut pandoc = Command::new("pandoc");
    pandoc
        .current_dir(manuscript)
        .args(&files)
        .args(["--metadata", "title=The Battle of Callinicum", "-o"])
        .arg(&epub);
    time_peer("pandoc (EPUB)", pandoc, None);

    let mut book = String::from("title: The Battle of Callinicum\nauthor: Anonymous\nlang: en\n");
    for file in &files {
        let _ = writeln!(book, "+ {file}");
    }
    std::fs::write(manuscript.join("book.book"), book).expect("crowbook config");
    let mut crowbook = Command::new("crowbook");
    crowbook
        .current_dir(manuscript)
        .args(["book.book", "--to", "epub", "--output"])
        .arg(scratch.join("crowbook.epub"));
    time_peer("crowbook (EPUB)", crowbook, None);

    let model = Command::new(quire)
        .args(["model", "--quiet", "-m"])
        .arg(manuscript)
        .output()
        .expect("quire model runs");
    let model_path = scratch.join("model.json");
    std::fs::write(&model_path, &model.stdout).expect("model.json");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/peers/typst_sample.py");
    let mut typst = Command::new("python3");
    typst
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg(script)
        .arg(scratch.join("typst.pdf"));
    time_peer("typst (PDF, its own timing)", typst, Some(&model_path));
}

/// Runs a peer once and prints its times, or why it did not run.
fn time_peer(name: &str, command: Command, stdin: Option<&Path>) {
    match measure(command, stdin) {
        Ok(run) => println!(
            "  {name:<28} {} {}",
            summary(std::slice::from_ref(&run)),
            run.said
        ),
        Err(why) => println!("  {name:<28} failed: {why}"),
    }
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}
