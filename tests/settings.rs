//! Settings survive a crash mid-write: a child process writes them in a
//! tight loop and is killed (SIGKILL) at random moments, many times; the
//! file must always parse.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use cuecard::settings::{FILE_NAME, Settings};

const CHILD_DIR: &str = "CUECARD_TEST_WRITE_LOOP_DIR";

/// In the child: write settings forever with changing values. In the
/// parent: the test below.
#[test]
fn settings_writer_child() {
    let Some(dir) = std::env::var_os(CHILD_DIR) else {
        return;
    };
    let dir = PathBuf::from(dir);
    let mut i = 0u32;
    loop {
        i = i.wrapping_add(1);
        let settings = Settings {
            notes_zoom: 1.0 + (i % 200) as f32 / 100.0,
            ..Settings::default()
        };
        settings.save(&dir).unwrap();
    }
}

#[test]
fn killing_cuecard_while_it_writes_its_settings_never_leaves_a_broken_file() {
    let dir = std::env::temp_dir().join(format!("cuecard-kill-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let exe = std::env::current_exe().unwrap();
    let mut checked = 0;
    for round in 0..40u64 {
        let mut child = Command::new(&exe)
            .args([
                "--exact",
                "settings_writer_child",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_DIR, &dir)
            .spawn()
            .unwrap();
        // Let it write for a varying while, then kill it without warning.
        std::thread::sleep(Duration::from_millis(15 + (round * 7) % 60));
        child.kill().unwrap();
        child.wait().unwrap();
        let path = dir.join(FILE_NAME);
        if path.exists() {
            let text = std::fs::read_to_string(&path).unwrap();
            let (settings, warning) = Settings::load(&dir);
            assert!(warning.is_none(), "round {round}: {warning:?}\\n{text}");
            assert!(
                (1.0..=3.0).contains(&settings.notes_zoom),
                "round {round}: {text}"
            );
            checked += 1;
        }
    }
    assert!(
        checked >= 30,
        "the child wrote a settings file in only {checked} of 40 rounds"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
