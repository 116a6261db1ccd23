//! How long the sample EPUB takes to build, fonts and cover included:
//! `cargo bench --bench epub`.
#![allow(missing_docs)] // criterion's macros generate undocumented functions

use criterion::{criterion_group, criterion_main, Criterion};
use quire::model::{Book, ImageAsset};
use std::path::Path;
use std::time::Duration;

fn sample() -> Book {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    match quire::load(&root.join("manuscript")) {
        Ok(book) => book,
        Err(errors) => panic!("the sample does not load: {errors}"),
    }
}

fn sample_epub(c: &mut Criterion) {
    let book = sample();
    // The same book with the shipped cover declared, as the sample's
    // book.toml does once it names `covers/battle-of-callinicum.png`.
    let mut with_cover = book.clone();
    if with_cover.metadata.cover.is_none() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let data =
            std::fs::read(root.join("covers/battle-of-callinicum.png")).expect("shipped cover");
        let asset = ImageAsset {
            media_type: "image/png".into(),
            width: 1600,
            height: 2560,
            data,
        };
        with_cover.images.insert("cover.png".into(), asset);
        with_cover.metadata.cover = Some("cover.png".into());
    }
    let mut group = c.benchmark_group("epub");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(3));
    group.bench_function("sample", |b| b.iter(|| quire::epub::write(&book)));
    group.bench_function("sample with declared cover", |b| {
        b.iter(|| quire::epub::write(&with_cover))
    });
    group.finish();
}

criterion_group!(benches, sample_epub);
criterion_main!(benches);
