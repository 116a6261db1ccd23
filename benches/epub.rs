//! How long the sample EPUB takes to build, fonts and cover included:
//! `cargo bench --bench epub`.
#![allow(missing_docs)] // criterion's macros generate undocumented functions

use criterion::{criterion_group, criterion_main, Criterion};
use quire::model::Book;
use std::path::Path;
use std::time::Duration;

fn sample() -> Book {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    match quire::load(&root.join("manuscript")) {
        Ok(loaded) => loaded.book,
        Err(errors) => panic!("the sample does not load: {errors}"),
    }
}

fn sample_epub(c: &mut Criterion) {
    let book = sample();
    // The same book without its cover: quire then draws a typographic one.
    let mut drawn_cover = book.clone();
    drawn_cover.metadata.cover = None;
    let mut group = c.benchmark_group("epub");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(3));
    group.bench_function("sample", |b| b.iter(|| quire::epub::write(&book)));
    group.bench_function("sample with a drawn cover", |b| {
        b.iter(|| quire::epub::write(&drawn_cover))
    });
    // With the print pages marked: the book laid out first (`[epub]
    // page-list`, on by default in a build), then written.
    group.bench_function("sample with its page-list", |b| {
        b.iter(|| {
            let mut paged = book.clone();
            quire::paginate(&mut paged).expect("laid out");
            quire::epub::write(&paged)
        })
    });
    group.finish();
}

criterion_group!(benches, sample_epub);
criterion_main!(benches);
