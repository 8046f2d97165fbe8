//! `cuecard report`: the latest session by default, Markdown, CSV and PDF
//! with `--out`, and clear errors.

use std::path::Path;
use std::time::Instant;

use cuecard::session::pdf::{Op, layout};
use cuecard::session::{Recorder, Report, SessionFile, sessions_dir};
use cuecard::show::{Command, Presentation};

use super::{common, module5_loaded, pass, secs, step};

/// Records a short talk in `data`'s sessions folder; returns its file.
fn record_talk(data: &Path, question: &str) -> std::path::PathBuf {
    let deck = module5_loaded();
    let t0 = Instant::now();
    let mut p = Presentation::new(&deck.deck);
    let mut rec = Recorder::start(&sessions_dir(&data.join("cuecard")), &deck, &p, t0).unwrap();
    step(&mut rec, &mut p, &deck, &Command::Next, t0);
    pass(&mut rec, &p, &deck, t0, 90);
    rec.park(question, &p, &deck, t0 + secs(90)).unwrap();
    step(&mut rec, &mut p, &deck, &Command::Next, t0 + secs(90));
    pass(&mut rec, &p, &deck, t0 + secs(90), 200);
    let path = rec.path().unwrap().to_path_buf();
    rec.finish(&p, t0 + secs(290)).unwrap();
    path
}

fn report_cli(data: &Path, args: &[&str]) -> (i32, String, String) {
    let args: Vec<&str> = std::iter::once("report")
        .chain(args.iter().copied())
        .collect();
    super::cuecard_in(data, &args)
}

#[test]
fn report_prints_the_latest_session_and_writes_markdown_csv_and_pdf() {
    let data = common::temp_dir("report-cli");
    let (code, _, err) = report_cli(&data, &[]);
    assert_eq!(code, 2);
    assert!(err.contains("no sessions here yet"), "{err}");

    let older = record_talk(&data, "An older question");
    std::thread::sleep(std::time::Duration::from_millis(20));
    let newer = record_talk(&data, "Where is the MOU template, a \"model\" one?");
    let (code, out, err) = report_cli(&data, &[]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(&newer.display().to_string()), "{out}");
    assert!(out.contains("Where is the MOU template"), "{out}");
    assert!(
        !out.contains("An older question"),
        "the latest session only: {out}"
    );
    assert!(
        out.contains("1:30") && out.contains("3:20"),
        "slide times: {out}"
    );
    // A session by file name in the sessions folder.
    let name = older.file_name().unwrap().to_string_lossy().into_owned();
    let (_, out, _) = report_cli(&data, &[&name]);
    assert!(out.contains("An older question"), "{out}");

    let md = data.join("report.md");
    let (code, out, err) = report_cli(&data, &["--out", md.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Wrote"));
    let md = std::fs::read_to_string(&md).unwrap();
    let row = md.lines().find(|l| l.starts_with("| 2 | ")).unwrap();
    assert!(row.contains("| 1:30 |"), "{row}");
    assert!(md.contains("## Parked questions"));

    let csv = data.join("report.csv");
    assert_eq!(report_cli(&data, &["--out", csv.to_str().unwrap()]).0, 0);
    let csv = std::fs::read_to_string(&csv).unwrap();
    assert!(csv.starts_with(
        "kind,slide_number,slide_id,slide_title,text,planned_minutes,actual_minutes,visits\r\n"
    ));
    assert!(csv.contains("\r\nslide,2,"), "{csv}");
    assert!(
        csv.contains(",\"Where is the MOU template, a \"\"model\"\" one?\","),
        "{csv}"
    );

    let pdf = data.join("report.pdf");
    assert_eq!(report_cli(&data, &["--out", pdf.to_str().unwrap()]).0, 0);
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"), "a PDF file");

    let (code, _, err) = report_cli(&data, &["--out", data.join("r.docx").to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        err.contains("r.docx") && err.contains(".md, .csv or .pdf"),
        "{err}"
    );
    assert!(!data.join("r.docx").exists());
}

#[test]
fn the_pdf_chart_has_a_bar_per_timed_slide_and_a_tick_per_plan_to_scale() {
    let data = common::temp_dir("report-pdf");
    let path = record_talk(&data, "q");
    let file = SessionFile::load(&path).unwrap();
    let report = Report::from_lines(&file.lines, None, 0);
    let pages = layout(&report);
    let ops: Vec<&Op> = pages.iter().flatten().collect();
    let bars: Vec<f32> = ops
        .iter()
        .filter_map(|op| match op {
            Op::Bar { w, .. } => Some(*w),
            _ => None,
        })
        .collect();
    assert_eq!(bars.len(), 2, "two slides were talked on");
    // 90 s and 200 s: the bars' lengths are in the same ratio.
    assert!((bars[1] / bars[0] - 200.0 / 90.0).abs() < 0.01, "{bars:?}");
    let ticks = ops
        .iter()
        .filter(|op| matches!(op, Op::Line { width_pt, .. } if *width_pt == 2.0))
        .count();
    let planned = report
        .slides
        .iter()
        .filter(|s| s.planned_minutes.is_some())
        .count();
    assert_eq!(ticks, planned);
    // Everything stays on the page.
    for op in &ops {
        if let Op::Text { x, y, .. } = op {
            assert!(
                (0.0..595.0).contains(x) && (0.0..842.0).contains(y),
                "{op:?}"
            );
        }
    }
}
