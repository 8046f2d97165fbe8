//! The PDF side of `benches/measure.sh`, which compares cuecard with
//! Pympress on the same PDF:
//!
//! - `cargo run --release --example pdf_figures -- write N OUT.pdf` writes
//!   a training-like PDF of N pages (`cuecard::pdf::sample::talk_deck`:
//!   text, vector shapes and a photo on each 960x540 pt page);
//! - `... -- render PDF PAGE WIDTHxHEIGHT RUNS` opens the PDF once and
//!   renders page PAGE (from 1) RUNS times at that pixel size, as a render
//!   worker does for the audience view, and prints
//!   `render WxH: median M ms, min A ms, max B ms over RUNS runs`.

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use cuecard::pdf::{PdfDocument, sample};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["write", count, out] => write(count, out),
        ["render", pdf, page, size, runs] => render(pdf, page, size, runs),
        _ => {
            Err("usage: pdf_figures write N OUT.pdf | render PDF PAGE WIDTHxHEIGHT RUNS".to_owned())
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(why) => {
            eprintln!("pdf_figures: {why}");
            ExitCode::FAILURE
        }
    }
}

fn number<T: std::str::FromStr>(text: &str, what: &str) -> Result<T, String> {
    text.parse()
        .map_err(|_| format!("{what} {text:?} is not a number"))
}

fn write(count: &str, out: &str) -> Result<(), String> {
    let count: usize = number(count, "the page count")?;
    let bytes = sample::talk_deck(count);
    std::fs::write(out, &bytes).map_err(|e| format!("{out}: {e}"))?;
    println!("wrote {out}: {count} pages, {} MB", bytes.len() / 1_000_000);
    Ok(())
}

fn render(pdf: &str, page: &str, size: &str, runs: &str) -> Result<(), String> {
    let page: usize = number(page, "the page")?;
    let runs: usize = number(runs, "the run count")?;
    let (w, h) = size
        .split_once('x')
        .ok_or_else(|| format!("the size {size:?} is not WIDTHxHEIGHT"))?;
    let (w, h): (u32, u32) = (number(w, "the width")?, number(h, "the height")?);
    let document = PdfDocument::open(Path::new(pdf)).map_err(|e| e.to_string())?;
    let index = page.checked_sub(1).ok_or("pages count from 1")?;
    let size = document
        .page_size(index)
        .ok_or_else(|| format!("{pdf} has no page {page}"))?;
    let (fw, fh) = size.fit_within(w, h);
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs.max(1) {
        let start = Instant::now();
        let image = document.render(index, fw, fh).map_err(|e| e.to_string())?;
        times.push(start.elapsed().as_secs_f64() * 1000.0);
        std::hint::black_box(image);
    }
    times.sort_by(f64::total_cmp);
    let median = times.get(times.len() / 2).copied().unwrap_or(0.0);
    let min = times.first().copied().unwrap_or(0.0);
    let max = times.last().copied().unwrap_or(0.0);
    println!(
        "render {w}x{h}: median {median:.1} ms, min {min:.1} ms, max {max:.1} ms over {} runs",
        times.len()
    );
    Ok(())
}
