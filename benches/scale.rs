//! Benchmark: quire at scale, beside its peers, in one run.
//!
//! `cargo bench --bench scale` builds the sample book as shipped and a book
//! a hundred times its size (generated here, in a temporary folder, from the
//! sample's own chapters: never committed), and prints for each the time to
//! load, to write the EPUB and to write the PDF, and the peak memory of a
//! process that loads the book and writes one of them, as `quire epub` and
//! `quire pdf` do (Linux: the high-water mark of a child process running this
//! bench with `--peak`). Then, on the same input, it times the
//! peers that are installed: pandoc (EPUB), crowbook (EPUB) and typst
//! (PDF, through its PyPI binding and `benches/peers/typst_sample.py`); a
//! peer that is missing is named and skipped.
//!
//! `cargo bench --bench scale -- --quire-only` measures quire alone (the
//! sample and ×100, without the peers). Wall times depend on what else the
//! machine runs; the peak memory does not, and the README's figures give
//! CPU time (`/usr/bin/time`, user + sys) beside them.
//!
//! `cargo test --all-targets` runs it once, without `--bench`: then it
//! builds the sample only, to show the harness works.

use quire::model::Book;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How many times the ×100 book repeats the sample's chapters.
const COPIES: usize = 100;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--peak") {
        return print_peak(&args[i + 1], Path::new(&args[i + 2]));
    }
    let full = args.iter().any(|a| a == "--bench");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let sample = root.join("manuscript");
    report("sample", &sample, if full { 11 } else { 1 });
    if !full {
        return;
    }
    let big = tempfile::tempdir().expect("a temporary folder");
    let manuscript = big.path().join("manuscript");
    multiply(&sample, &manuscript, COPIES);
    report(&format!("sample ×{COPIES}"), &manuscript, 3);
    if !args.iter().any(|a| a == "--quire-only") {
        peers(&manuscript, big.path());
    }
}

/// Times `runs` builds of the book in `dir` and prints the medians, with
/// the peak memory of loading and writing each book in a process of its own.
fn report(name: &str, dir: &Path, runs: usize) {
    let (mut load, mut epub, mut pdf) = (Vec::new(), Vec::new(), Vec::new());
    let mut sizes = (0, 0, 0);
    for _ in 0..runs {
        let start = Instant::now();
        let book = load_book(dir);
        load.push(start.elapsed());

        let start = Instant::now();
        let bytes = quire::epub::write(&book).expect("the EPUB builds");
        epub.push(start.elapsed());
        sizes.0 = bytes.len();
        drop(bytes);

        let start = Instant::now();
        let bytes = quire::pdf::write(&book).expect("the PDF builds");
        pdf.push(start.elapsed());
        sizes.1 = bytes.len();
        sizes.2 = book.parts().count();
    }
    println!("{name}: {} parts", sizes.2);
    println!("  load  {:>9} median of {runs}", ms(median(load)));
    println!(
        "  EPUB  {:>9} median of {runs}, {} KiB; load + EPUB peak {}",
        ms(median(epub)),
        sizes.0 / 1024,
        peak_of("epub", dir)
    );
    println!(
        "  PDF   {:>9} median of {runs}, {} KiB; load + PDF peak {}",
        ms(median(pdf)),
        sizes.1 / 1024,
        peak_of("pdf", dir)
    );
}

/// The peak memory of a child process that loads `dir` and writes `format`.
fn peak_of(format: &str, dir: &Path) -> String {
    let exe = std::env::current_exe().expect("the bench's own path");
    let out = Command::new(exe)
        .arg("--peak")
        .arg(format)
        .arg(dir)
        .output()
        .expect("the bench runs itself");
    let kib: u64 = String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .unwrap_or(0);
    format!("{:.0} MiB", kib as f64 / 1024.0)
}

/// In the child: loads `dir`, writes `format`, prints the peak resident
/// memory in KiB (0 where the kernel does not say).
fn print_peak(format: &str, dir: &Path) {
    let book = load_book(dir);
    let bytes = match format {
        "epub" => quire::epub::write(&book),
        _ => quire::pdf::write(&book),
    }
    .expect("the book builds");
    drop(bytes);
    let peak = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        })
        .unwrap_or(0);
    println!("{peak}");
}

fn load_book(dir: &Path) -> Book {
    match quire::load(dir) {
        Ok(loaded) => loaded.book,
        Err(errors) => panic!("{} does not load: {errors}", dir.display()),
    }
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
fn peers(manuscript: &Path, scratch: &Path) {
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
    time_peer("pandoc (EPUB)", pandoc);

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
    time_peer("crowbook (EPUB)", crowbook);

    let model = Command::new(env!("CARGO_BIN_EXE_quire"))
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
        .arg(scratch.join("typst.pdf"))
        .stdin(std::fs::File::open(&model_path).expect("model.json"));
    time_peer("typst (PDF, its own timing)", typst);
}

/// Runs a peer once and prints its wall time, or why it did not run.
fn time_peer(name: &str, mut command: Command) {
    let start = Instant::now();
    match command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
    {
        Ok(out) if out.status.success() => {
            let said = String::from_utf8_lossy(&out.stdout);
            println!(
                "  {name:<28} {:>9} wall {}",
                ms(start.elapsed()),
                said.trim()
            );
        }
        Ok(out) => println!(
            "  {name:<28} failed: {}",
            String::from_utf8_lossy(&out.stderr)
                .lines()
                .next()
                .unwrap_or("")
        ),
        Err(e) => println!("  {name:<28} not run: {e}"),
    }
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}
