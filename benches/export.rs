//! PDF export benchmarks (`cargo bench --bench export`).
//!
//! - `export/guide module5`: Module 5's presenter's guide, from the loaded
//!   deck to PDF bytes (layout, fonts subset and embedded, PDF/UA check),
//!   with [`cuecard::export::guide_pdf`] (budget: 500 ms, so the console's
//!   "Print guide…" answers at once even on a slow laptop).
//! - `export/handout module5`: the 3-a-page handout (budget: 300 ms).
//!
//! After criterion's figures the bench prints a budget table from its own
//! single-shot timings (median, 95th percentile and worst).
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::missing_docs_in_private_items
)]

mod common;
use common::{budget_line, sample};
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::Criterion;
use cuecard::export::{GuideOptions, HandoutOptions, guide_pdf, handout_pdf};

/// Budget for Module 5's guide.
const GUIDE_BUDGET: Duration = Duration::from_millis(500);
/// Budget for Module 5's handout.
const HANDOUT_BUDGET: Duration = Duration::from_millis(300);

fn benches(c: &mut Criterion) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("decks/module5.ron");
    let loaded = cuecard::deck::load(&path).expect("decks/module5.ron loads");
    let (bytes, pages) = guide_pdf(&loaded, GuideOptions::default()).expect("exports");
    println!("module5 guide: {pages} pages, {} bytes", bytes.len());

    let mut group = c.benchmark_group("export");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(5));
    group.bench_function("guide module5", |b| {
        b.iter(|| guide_pdf(black_box(&loaded), GuideOptions::default()).expect("exports"));
    });
    group.bench_function("handout module5", |b| {
        b.iter(|| handout_pdf(black_box(&loaded), HandoutOptions::default()).expect("exports"));
    });
    group.finish();

    let guide = sample(10, || {
        black_box(guide_pdf(&loaded, GuideOptions::default()).expect("exports"));
    });
    budget_line("module5 guide to PDF bytes", &guide, GUIDE_BUDGET);
    let handout = sample(10, || {
        black_box(handout_pdf(&loaded, HandoutOptions::default()).expect("exports"));
    });
    budget_line("module5 handout to PDF bytes", &handout, HANDOUT_BUDGET);
}

fn main() {
    let mut criterion = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .configure_from_args();
    benches(&mut criterion);
    criterion.final_summary();
}
