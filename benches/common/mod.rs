//! Timing helpers shared by the benches: single-shot samples, quantiles,
//! and the `budget:` lines each bench prints.
#![allow(dead_code)]

use std::time::{Duration, Instant};

/// Times `f` once per run, `runs` times; sorted, fastest first. Warm up
/// before calling it if the first run would be unusual.
pub fn sample(runs: usize, mut f: impl FnMut()) -> Vec<Duration> {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort_unstable();
    times
}

/// The `q` quantile (0 to 1) of `sorted` durations.
pub fn quantile(sorted: &[Duration], q: f64) -> Duration {
    let i = ((sorted.len().saturating_sub(1)) as f64 * q).round() as usize;
    sorted.get(i).copied().unwrap_or_default()
}

/// A duration in milliseconds, e.g. `0.204 ms`.
pub fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1e3)
}

/// Prints `budget: WHAT: median … p95 … max … -> MET|MISSED`.
pub fn budget_line(what: &str, sorted: &[Duration], budget: Duration) {
    let median = quantile(sorted, 0.5);
    let verdict = if median <= budget { "MET" } else { "MISSED" };
    println!(
        "budget: {what}: median {} p95 {} max {} over {} runs; budget {} -> {verdict} (median is {:.0}% of the budget)",
        ms(median),
        ms(quantile(sorted, 0.95)),
        ms(quantile(sorted, 1.0)),
        sorted.len(),
        ms(budget),
        median.as_secs_f64() / budget.as_secs_f64() * 100.0
    );
}
