//! Rehearsed timings written back into deck files, in place: the numbers
//! change, every comment and line of layout stays.

use super::common;

use std::path::Path;

use cuecard::session::SessionError;
use cuecard::session::rehearse::{rehearse_file, rehearsed_minutes, rewrite_minutes};

const MODULE5: &str = include_str!("../../decks/module5.ron");
const TOUR: &str = include_str!("../../decks/tour.ron");

fn ids(source: &str) -> Vec<String> {
    cuecard::deck::parse(source.as_bytes(), Path::new("x.ron"), None)
        .unwrap()
        .deck
        .slides
        .iter()
        .map(|s| s.id.clone())
        .collect()
}

#[test]
fn rehearsing_module5_changes_only_the_slides_minutes_and_keeps_every_comment() {
    let slide_ids = ids(MODULE5);
    // Each slide rehearsed at (its number x 75) seconds; slide 2 skipped.
    let timings: Vec<(String, f64)> = slide_ids
        .iter()
        .enumerate()
        .map(|(i, id)| {
            (
                id.clone(),
                if i == 1 { 2.0 } else { (i as f64 + 1.0) * 75.0 },
            )
        })
        .collect();
    let path = Path::new("decks/module5.ron");
    let rewrite = rewrite_minutes(path, MODULE5, &timings).unwrap();
    assert_eq!(rewrite.kept, vec![slide_ids[1].clone()]);

    let old: Vec<&str> = MODULE5.lines().collect();
    let new: Vec<&str> = rewrite.text.lines().collect();
    assert_eq!(
        old.len(),
        new.len(),
        "every slide has minutes: no line added"
    );
    let mut changed = 0;
    for (a, b) in old.iter().zip(&new) {
        if a != b {
            changed += 1;
            // Only a slide-level `minutes:` line, same indentation, new number.
            assert!(a.trim_start().starts_with("minutes: "), "changed: {a}");
            assert_eq!(a.len() - a.trim_start().len(), 12, "slide level: {a}");
            assert_eq!(b.split(':').next(), a.split(':').next());
        }
    }
    assert_eq!(changed, rewrite.changes.len());
    // Slide 1 (3.0 planned) got 75 s = 1.3 min; slide 2 keeps 1.0.
    assert_eq!(rewrite.changes[0].slide_id, "title");
    assert_eq!(rewrite.changes[0].old_minutes, Some(3.0));
    assert_eq!(rewrite.changes[0].new_minutes, 1.3);
    // Every comment is intact, in order.
    let comments = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| l.trim_start().starts_with("//"))
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(comments(&rewrite.text), comments(MODULE5));
    assert!(comments(MODULE5).len() >= 20);
    // The prompts' own `minutes` (discussion lengths) are not touched.
    let prompt_minutes = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| l.starts_with("                    minutes:"))
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(prompt_minutes(&rewrite.text), prompt_minutes(MODULE5));
    // The diff shows the change with the file's name.
    let diff = rewrite.diff();
    assert!(
        diff.starts_with("--- decks/module5.ron\n+++ decks/module5.ron\n"),
        "{diff}"
    );
    assert!(
        diff.contains("\n-            minutes: 3.0,\n+            minutes: 1.3,\n"),
        "{diff}"
    );
    assert!(!diff.contains("-//"), "no comment removed:\n{diff}");
}

#[test]
fn a_slide_without_minutes_gets_a_line_after_its_id_and_writing_is_atomic() {
    let dir = common::temp_dir("rehearse-tour");
    let path = dir.join("tour.ron");
    std::fs::write(&path, TOUR).unwrap();
    let rewrite = rehearse_file(&path, &[("backup-exercise".to_owned(), 150.0)]).unwrap();
    assert_eq!(rewrite.changes.len(), 1);
    assert_eq!(rewrite.changes[0].old_minutes, None);
    let diff = rewrite.diff();
    assert!(
        diff.contains("             id: \"backup-exercise\",\n+            minutes: 2.5,\n"),
        "{diff}"
    );
    assert_eq!(rewrite.text.lines().count(), TOUR.lines().count() + 1);
    rewrite.write().unwrap();
    let written = std::fs::read_to_string(&path).unwrap();
    assert_eq!(written, rewrite.text);
    let deck = cuecard::deck::load(&path).unwrap().deck;
    let slide = deck
        .slides
        .iter()
        .find(|s| s.id == "backup-exercise")
        .unwrap();
    assert_eq!(slide.minutes, Some(2.5));
    // A deck edited in the meantime is not overwritten.
    let stale = rehearse_file(&path, &[("welcome".to_owned(), 600.0)]).unwrap();
    std::fs::write(&path, format!("{written}\n// edited\n")).unwrap();
    assert!(matches!(
        stale.write(),
        Err(SessionError::DeckChanged { .. })
    ));
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .ends_with("// edited\n")
    );
}

#[test]
fn compact_decks_some_and_crlf_are_edited_in_place() {
    let src = "// plan\r\n(title: \"T\", slides: [\r\n  (id: \"a\", title: \"A\", minutes: Some(2.0)), // keep\r\n  (id: \"b\", title: \"B\"),\r\n  (id: \"c\",\r\n   title: \"C\", minutes: 1.0 /* one */),\r\n])\r\n";
    let timings = [
        ("a".to_owned(), 90.0),
        ("b".to_owned(), 30.0),
        ("c".to_owned(), 240.0),
    ];
    let rewrite = rewrite_minutes(Path::new("compact.ron"), src, &timings).unwrap();
    assert_eq!(
        rewrite.text,
        "// plan\r\n(title: \"T\", slides: [\r\n  (id: \"a\", title: \"A\", minutes: Some(1.5)), // keep\r\n  (id: \"b\", minutes: 0.5, title: \"B\"),\r\n  (id: \"c\",\r\n   title: \"C\", minutes: 4.0 /* one */),\r\n])\r\n"
    );
}

#[test]
fn rehearsed_minutes_round_to_six_seconds_and_a_broken_deck_says_where() {
    assert_eq!(rehearsed_minutes(75.0), 1.3);
    assert_eq!(rehearsed_minutes(59.0), 1.0);
    assert_eq!(rehearsed_minutes(1.0), 0.1);
    let error = rewrite_minutes(
        Path::new("bad.ron"),
        "(title: \"T\",\n slides: [(id: 3)])",
        &[],
    )
    .unwrap_err()
    .to_string();
    assert!(error.starts_with("bad.ron:2:"), "{error}");
}

fn rehearse_cli(data: &Path, args: &[&str]) -> (i32, String, String) {
    let args: Vec<&str> = std::iter::once("rehearse")
        .chain(args.iter().copied())
        .collect();
    super::cuecard_in(data, &args)
}

#[test]
fn cuecard_rehearse_shows_the_diff_and_writes_the_minutes_only_when_told() {
    use cuecard::session::{Recorder, sessions_dir};
    use cuecard::show::{Command, Presentation};
    use std::time::Instant;

    let dir = common::temp_dir("rehearse-cli");
    let deck_path = dir.join("module5.ron");
    std::fs::write(&deck_path, MODULE5).unwrap();
    let data = dir.join("data");
    // A rehearsal: slide 1 for 90 s, slide 2 for 150 s, then quit.
    let deck = cuecard::deck::load(&deck_path).unwrap();
    let t0 = Instant::now();
    let mut p = Presentation::new(&deck.deck);
    let mut rec = Recorder::start(&sessions_dir(&data.join("cuecard")), &deck, &p, t0).unwrap();
    super::step(&mut rec, &mut p, &deck, &Command::ToggleTimer, t0);
    super::pass(&mut rec, &p, &deck, t0, 90);
    let t1 = t0 + super::secs(90);
    super::step(&mut rec, &mut p, &deck, &Command::Next, t1);
    super::pass(&mut rec, &p, &deck, t1, 150);
    let session = rec.path().unwrap().to_path_buf();
    rec.finish(&p, t1 + super::secs(150)).unwrap();
    let session_arg = session.to_str().unwrap();
    let deck_arg = deck_path.to_str().unwrap();

    // Without --yes (and no terminal to ask): the diff, nothing written.
    let (code, out, err) = rehearse_cli(&data, &[deck_arg, "--from", session_arg]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("-            minutes: 3.0,"), "{out}");
    assert!(out.contains("+            minutes: 1.5,"), "{out}");
    assert!(out.contains("+            minutes: 2.5,"), "{out}");
    assert!(out.contains("The minutes of 2 slides"), "{out}");
    assert!(out.contains("Nothing was written"), "{out}");
    assert_eq!(std::fs::read_to_string(&deck_path).unwrap(), MODULE5);

    // With --yes: only those two numbers change.
    let (code, out, err) = rehearse_cli(&data, &[deck_arg, "--from", session_arg, "--yes"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("Wrote the rehearsed minutes"), "{out}");
    let after = std::fs::read_to_string(&deck_path).unwrap();
    let changed: Vec<(&str, &str)> = MODULE5
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(
        changed,
        [
            ("            minutes: 3.0,", "            minutes: 1.5,"),
            ("            minutes: 1.0,", "            minutes: 2.5,"),
        ]
    );
    assert_eq!(MODULE5.lines().count(), after.lines().count());

    // No session of the deck: a clear error, the deck untouched.
    let (code, _, err) = rehearse_cli(&dir.join("empty"), &[deck_arg, "--from", "nope.jsonl"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("cuecard rehearse: error:"), "{err}");
    assert_eq!(std::fs::read_to_string(&deck_path).unwrap(), after);
}
