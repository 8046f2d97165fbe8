//! Deck loading benchmarks (`cargo bench --bench deck`).
//!
//! - `deck/load module5.ron`: read `decks/module5.ron` from disk, parse and
//!   validate it with [`cuecard::deck::load`] (budget: 1 ms).
//! - `deck/parse 1000-slide deck`: parse and validate a generated deck of
//!   1,000 slides (Module 5's ten slides repeated 100 times, each with a
//!   unique id) with [`cuecard::deck::parse`] (budget: 30 ms).
//!
//! After criterion's figures the bench prints a budget table from its own
//! single-shot timings (median, 95th percentile and worst of many runs), so
//! a reader sees the spread as well as criterion's mean. See
//! `docs/PERFORMANCE.md`.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::missing_docs_in_private_items
)]

mod common;
use common::{budget_line, ms, quantile, sample as timed};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{Criterion, Throughput};

/// Slides in the generated deck.
const GENERATED_SLIDES: usize = 1000;
/// Budget for loading Module 5 from disk.
const MODULE5_BUDGET: Duration = Duration::from_millis(1);
/// Budget for parsing the 1,000-slide deck.
const GENERATED_BUDGET: Duration = Duration::from_millis(30);

fn module5_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("decks/module5.ron")
}

/// RON text of a deck with `count` slides: Module 5's slides over and
/// over, each copy's id suffixed with its round so ids stay unique.
fn generated_ron(count: usize) -> String {
    let mut deck = cuecard::deck::load(&module5_path())
        .expect("decks/module5.ron loads")
        .deck;
    let originals = std::mem::take(&mut deck.slides);
    deck.slides = originals
        .iter()
        .cycle()
        .take(count)
        .enumerate()
        .map(|(i, slide)| {
            let mut slide = slide.clone();
            slide.id = format!("{}-{}", slide.id, i / originals.len().max(1));
            slide
        })
        .collect();
    cuecard::deck::to_ron(&deck).expect("the generated deck serializes")
}

fn benches(c: &mut Criterion) {
    let path = module5_path();
    let module5_bytes = std::fs::read(&path).expect("decks/module5.ron is readable");
    let generated = generated_ron(GENERATED_SLIDES);
    let generated_path = Path::new("generated-1000.ron");
    let loaded = cuecard::deck::parse(generated.as_bytes(), generated_path, None)
        .expect("the generated deck is valid");
    assert_eq!(loaded.deck.slides.len(), GENERATED_SLIDES);
    println!(
        "deck sizes: module5.ron {} bytes, 10 slides; generated deck {} bytes, {} slides ({} warnings)",
        module5_bytes.len(),
        generated.len(),
        loaded.deck.slides.len(),
        loaded.diagnostics.len()
    );

    let mut group = c.benchmark_group("deck");
    group.throughput(Throughput::Bytes(module5_bytes.len() as u64));
    group.bench_function("load module5.ron", |b| {
        b.iter(|| cuecard::deck::load(black_box(&path)).expect("loads"));
    });
    group.throughput(Throughput::Bytes(generated.len() as u64));
    // Criterion's least: this deck takes long enough per run (see the docs).
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(5));
    group.bench_function("parse 1000-slide deck", |b| {
        b.iter(|| {
            cuecard::deck::parse(black_box(generated.as_bytes()), generated_path, None)
                .expect("parses")
        });
    });
    group.finish();

    let load = sample(300, || {
        black_box(cuecard::deck::load(&path).expect("loads"));
    });
    budget_line("load module5.ron from disk", &load, MODULE5_BUDGET);
    let parse = sample(30, || {
        black_box(
            cuecard::deck::parse(generated.as_bytes(), generated_path, None).expect("parses"),
        );
    });
    budget_line("parse the 1000-slide deck", &parse, GENERATED_BUDGET);

    // Where the time goes: ron's deserializer alone, then validation alone
    // (which finds a line and column for each place it might report).
    for (name, text, count) in [
        (
            "module5.ron",
            String::from_utf8_lossy(&module5_bytes).into_owned(),
            300,
        ),
        ("1000-slide deck", generated, 5),
    ] {
        let deserialize = sample(count, || {
            black_box(
                cuecard::deck::ron_options()
                    .from_str::<cuecard::deck::Deck>(&text)
                    .expect("deserializes"),
            );
        });
        let deck = cuecard::deck::ron_options()
            .from_str::<cuecard::deck::Deck>(&text)
            .expect("deserializes");
        let validate = sample(count, || {
            black_box(cuecard::deck::validate(&deck, &text, generated_path, None));
        });
        println!(
            "breakdown: {name}: ron deserialize median {}, validate median {}",
            ms(quantile(&deserialize, 0.5)),
            ms(quantile(&validate, 0.5))
        );
    }
}

fn main() {
    let mut criterion = Criterion::default()
        .sample_size(30)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    benches(&mut criterion);
    criterion.final_summary();
}

/// Times `f` once per run, `runs` times, after one untimed warm-up run.
fn sample(runs: usize, mut f: impl FnMut()) -> Vec<Duration> {
    f();
    timed(runs, f)
}
