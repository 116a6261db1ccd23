//! Benchmark: how long the sample book takes to typeset and write as PDF.
//!
//! `cargo bench --bench pdf` (release) prints the median build time, its
//! split between layout and writing, and pages per second.

use std::path::Path;
use std::time::{Duration, Instant};

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn main() {
    let book = match quire::load(Path::new("manuscript")) {
        Ok(loaded) => loaded.book,
        Err(e) => {
            eprintln!("cannot load the sample manuscript: {e}");
            std::process::exit(1);
        }
    };
    // `cargo test --all-targets` runs benches once, without `--bench`:
    // then one build is enough to show it works.
    let runs = if std::env::args().any(|a| a == "--bench") {
        21
    } else {
        1
    };
    let (mut total, mut layout) = (Vec::new(), Vec::new());
    let mut pages = 0;
    let mut size = 0;
    for _ in 0..runs {
        let start = Instant::now();
        let document = quire::layout::layout(&book).expect("layout");
        layout.push(start.elapsed());
        let bytes = quire::pdf::write_document(&book, &document).expect("pdf");
        pages = document.pages.len();
        size = bytes.len();
        total.push(start.elapsed());
    }
    let best = total.iter().min().copied().unwrap_or_default();
    let first = total[0];
    let (total, layout) = (median(total), median(layout));
    println!("sample PDF: {pages} pages, {} KiB", size / 1024);
    println!(
        "build (layout + write): {:.1} ms median of {runs}",
        total.as_secs_f64() * 1e3
    );
    println!(
        "  best {:.1} ms, first (cold caches) {:.1} ms",
        best.as_secs_f64() * 1e3,
        first.as_secs_f64() * 1e3
    );
    println!("  layout alone: {:.1} ms", layout.as_secs_f64() * 1e3);
    println!(
        "  writing alone: {:.1} ms",
        (total.saturating_sub(layout)).as_secs_f64() * 1e3
    );
    println!(
        "pages per second: {:.0}",
        pages as f64 / total.as_secs_f64()
    );
}
