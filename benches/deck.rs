//! Deck loading benchmarks (filled in by the performance work).
fn main() {}
