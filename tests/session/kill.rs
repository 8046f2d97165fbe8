//! A session survives cuecard being killed: a child process records a
//! busy talk and is killed (SIGKILL) at random moments, many times. Every
//! file must load, lose nothing the child had written, and lose at most
//! its last line.

use super::common;

use std::io::{BufRead as _, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use cuecard::deck;
use cuecard::session::{Recorder, Report, SessionFile, deck_key, find_resumable, list};
use cuecard::show::{Command as Cmd, Presentation};

const CHILD_DIR: &str = "CUECARD_TEST_SESSION_KILL_DIR";

/// In the child: present forever, parking a numbered question every few
/// steps and printing its number once the recorder has it.
#[test]
fn session_writer_child() {
    let Some(dir) = std::env::var_os(CHILD_DIR) else {
        return;
    };
    let dir = PathBuf::from(dir);
    let loaded = deck::parse(
        cuecard::MODULE5_RON.as_bytes(),
        Path::new(cuecard::MODULE5_NAME),
        None,
    )
    .unwrap();
    let mut p = Presentation::new(&loaded.deck);
    let mut rec = Recorder::start(&dir, &loaded, &p, Instant::now()).unwrap();
    let commands = [
        Cmd::Next,
        Cmd::ToggleBlackout,
        Cmd::Next,
        Cmd::ToggleBlackout,
        Cmd::Previous,
    ];
    let mut i = 0usize;
    loop {
        let now = Instant::now();
        p.apply(&commands[i % commands.len()], now);
        if p.current() + 1 >= p.slide_count() {
            p.apply(&Cmd::First, now);
        }
        rec.observe(&p, &loaded, now);
        if i.is_multiple_of(3) {
            rec.park(&format!("question {i}"), &p, &loaded, now)
                .unwrap();
            println!("parked {i}");
        }
        i += 1;
        std::thread::sleep(Duration::from_micros(300));
    }
}

#[test]
fn killing_cuecard_while_it_records_never_leaves_a_session_that_fails_to_load() {
    let dir = common::temp_dir("session-kill");
    let exe = std::env::current_exe().unwrap();
    for round in 0..30u64 {
        let before = list(&dir).unwrap().len();
        let mut child = Command::new(&exe)
            .args([
                "--exact",
                "kill::session_writer_child",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_DIR, &dir)
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        // Wait until the child has started its record (a loaded machine
        // can take a while to start a process), then kill it at a moment
        // that varies from round to round while it writes.
        let started = std::time::Instant::now();
        while list(&dir).unwrap().len() == before && started.elapsed() < Duration::from_secs(10) {
            std::thread::sleep(Duration::from_millis(5));
        }
        std::thread::sleep(Duration::from_millis(40 + (round * 13) % 90));
        child.kill().unwrap();
        child.wait().unwrap();
        let printed: Vec<String> = BufReader::new(child.stdout.take().unwrap())
            .lines()
            .map_while(Result::ok)
            .filter_map(|l| l.strip_prefix("parked ").map(str::to_owned))
            .collect();
        let sessions = list(&dir).unwrap();
        if sessions.len() == before {
            // Killed before the file existed: nothing to check this round.
            continue;
        }
        let path = &sessions.last().unwrap().path;
        let file = SessionFile::load(path).unwrap_or_else(|e| panic!("round {round}: {e}"));
        assert!(
            file.skipped_lines <= 1,
            "round {round}: {} torn lines",
            file.skipped_lines
        );
        let report = Report::from_lines(&file.lines, None, file.skipped_lines);
        let parked: Vec<String> = report
            .parked
            .iter()
            .map(|q| q.text.trim_start_matches("question ").to_owned())
            .collect();
        // Everything the child had parked before it was killed is there.
        for n in &printed {
            assert!(parked.contains(n), "round {round}: question {n} was lost");
        }
        assert!(!file.ended(), "a killed session has no clean end");
    }
    // The last killed session is offered for resuming.
    let loaded = deck::parse(
        cuecard::MODULE5_RON.as_bytes(),
        Path::new(cuecard::MODULE5_NAME),
        None,
    )
    .unwrap();
    assert!(list(&dir).unwrap().len() >= 20);
    let offer = find_resumable(&dir, &deck_key(&loaded)).unwrap();
    assert!(offer.is_some());
    let _ = std::fs::remove_dir_all(&dir);
}
