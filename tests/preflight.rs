//! `cuecard preflight` tells the truth: a video that cannot play fails, a
//! corrupt logo fails, every problem is counted and named once with the
//! path as the trainer wrote it. No test here uses the real network: the
//! "offline" runs point at a closed port on 127.0.0.1, and servers are
//! local threads.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;
use common::{cuecard, temp_dir as temp};

use std::io::{Read as _, Write as _};
use std::path::Path;
use std::process::Command;

use cuecard::preflight::{Status, preflight};

fn deck(content: &str, links: &str, logo: &str) -> String {
    format!(
        "(title: \"T\", duration_minutes: 2, {logo} slides: [(id: \"a\", title: \"A\", minutes: 2, content: [{content}], links: [{links}])])"
    )
}

/// A port on 127.0.0.1 where nothing listens: a connection is refused at
/// once, as with no network, without leaving the machine.
fn closed_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A server on 127.0.0.1 that answers `requests` requests with `response`.
fn serve(response: &'static str, requests: usize) -> (u16, std::thread::JoinHandle<()>) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = std::thread::spawn(move || {
        for _ in 0..requests {
            let (mut stream, _) = listener.accept().unwrap();
            let mut buffer = [0u8; 2048];
            let _ = stream.read(&mut buffer).unwrap();
            stream.write_all(response.as_bytes()).unwrap();
        }
    });
    (port, server)
}

/// Runs `cuecard preflight ARGS` in `dir`: exit code and stdout.
fn preflight_in(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_cuecard"))
        .current_dir(dir)
        .arg("preflight")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn offline_a_video_without_a_local_copy_fails() {
    let dir = temp("pf-offline");
    let port = closed_port();
    let link = format!(
        "(title: \"Video\", url: \"http://127.0.0.1:{port}/video\", local: \"media/video.mp4\")"
    );
    std::fs::write(dir.join("d.ron"), deck("", &link, "")).unwrap();
    let (code, out) = preflight_in(&dir, &["--online", "d.ron"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.ends_with(" 1 failed\n"), "{out}");
    let failed: Vec<&str> = out.lines().filter(|l| l.starts_with("[FAIL]")).collect();
    assert_eq!(failed.len(), 1, "{out}");
    assert!(
        failed[0].contains(&format!("http://127.0.0.1:{port}/video does not answer")),
        "{out}"
    );
    assert!(failed[0].contains("will not play"), "{out}");
    // The missing copy is named as the deck writes it, and where it goes.
    assert!(
        failed[0]
            .contains("local copy \"media/video.mp4\" missing (put the file at media/video.mp4)"),
        "{out}"
    );

    // With the local copy there, the video plays offline.
    std::fs::create_dir_all(dir.join("media")).unwrap();
    std::fs::write(dir.join("media/video.mp4"), b"video").unwrap();
    let (code, out) = preflight_in(&dir, &["--online", "d.ron"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("plays from the local copy \"media/video.mp4\""),
        "{out}"
    );
    assert!(out.ends_with(" 0 warnings, 0 failed\n"), "{out}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn offline_a_page_without_a_local_copy_fails_and_a_transcript_warns() {
    let dir = temp("pf-page");
    let port = closed_port();
    let link = format!(
        "(title: \"Page\", url: \"http://127.0.0.1:{port}/\", transcript: \"http://127.0.0.1:{port}/t\")"
    );
    std::fs::write(dir.join("d.ron"), deck("", &link, "")).unwrap();
    let report = preflight(&dir.join("d.ron"), true);
    let statuses: Vec<Status> = report.items.iter().map(|i| i.status).collect();
    assert_eq!(
        statuses.iter().filter(|s| **s == Status::Failed).count(),
        1,
        "{report}"
    );
    assert_eq!(
        statuses.iter().filter(|s| **s == Status::Warning).count(),
        1,
        "{report}"
    );
    assert!(
        report
            .items
            .iter()
            .any(|i| i.status == Status::Warning && i.text.contains("transcript")),
        "{report}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn online_a_page_that_answers_is_ready_and_one_that_sends_a_program_fails() {
    let dir = temp("pf-server");
    let (port, server) = serve(
        "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        1,
    );
    let link = format!("(title: \"Here\", url: \"http://127.0.0.1:{port}/video\")");
    std::fs::write(dir.join("d.ron"), deck("", &link, "")).unwrap();
    let report = preflight(&dir.join("d.ron"), true);
    server.join().unwrap();
    assert_eq!(report.worst(), Status::Ready, "{report}");
    assert!(
        report
            .to_string()
            .contains(&format!("http://127.0.0.1:{port}/video answers (200)")),
        "{report}"
    );

    // An address that looks like a page, but the server sends an installer.
    let (port, server) = serve(
        "HTTP/1.1 200 OK\r\nContent-Disposition: attachment; filename=\"Setup.exe\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        1,
    );
    let link = format!("(title: \"Get\", url: \"http://127.0.0.1:{port}/download?id=3\")");
    std::fs::write(dir.join("d.ron"), deck("", &link, "")).unwrap();
    let report = preflight(&dir.join("d.ron"), true);
    server.join().unwrap();
    assert_eq!(report.worst(), Status::Failed, "{report}");
    assert!(
        report.to_string().contains("sends a program (Setup.exe)"),
        "{report}"
    );

    // A page that is gone fails too.
    let (port, server) = serve(
        "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        1,
    );
    let link = format!("(title: \"Gone\", url: \"http://127.0.0.1:{port}/old\")");
    std::fs::write(dir.join("d.ron"), deck("", &link, "")).unwrap();
    let report = preflight(&dir.join("d.ron"), true);
    server.join().unwrap();
    assert_eq!(report.worst(), Status::Failed, "{report}");
    assert!(report.to_string().contains("is gone (404)"), "{report}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_corrupt_logo_fails() {
    let dir = temp("pf-logo");
    std::fs::write(dir.join("logo.png"), b"\x89PNG\r\n\x1a\nnot a png at all").unwrap();
    std::fs::write(dir.join("d.ron"), deck("", "", "logo: \"logo.png\",")).unwrap();
    let (code, out) = preflight_in(&dir, &["d.ron"]);
    assert_eq!(code, 2, "{out}");
    let failed: Vec<&str> = out.lines().filter(|l| l.starts_with("[FAIL]")).collect();
    assert_eq!(failed.len(), 1, "{out}");
    assert!(
        failed[0].contains("image \"logo.png\" (the logo): corrupt"),
        "{out}"
    );

    // A logo that decodes is ready.
    image::RgbImage::from_pixel(8, 8, image::Rgb([0, 0, 0]))
        .save(dir.join("logo.png"))
        .unwrap();
    let (code, out) = preflight_in(&dir, &["d.ron"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("image \"logo.png\" (the logo): 8x8, decodes"),
        "{out}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn four_bad_links_are_four_failures() {
    let dir = temp("pf-four");
    let links = [
        "(title: \"a\", url: \"javascript:alert(1)\")",
        "(title: \"b\", url: \"file:///etc/passwd\")",
        "(title: \"c\", url: \"https://example.org/setup.exe\")",
        "(title: \"d\", url: \"https://example.org/\", local: \"../v.mp4\")",
    ]
    .join(", ");
    std::fs::write(dir.join("d.ron"), deck("", &links, "")).unwrap();
    let (code, out) = preflight_in(&dir, &["d.ron"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.ends_with(", 4 failed\n"), "{out}");
    for title in ["\"a\"", "\"b\"", "\"c\"", "\"d\""] {
        let naming = out
            .lines()
            .filter(|l| l.contains(&format!("link {title}")))
            .count();
        assert_eq!(naming, 1, "link {title} is named {naming} times:\n{out}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_missing_image_is_one_failure_named_as_written() {
    let dir = temp("pf-image");
    let content = "Image(path: \"img/gone.png\", alt: \"gone\")";
    let two_slides = format!(
        "(title: \"T\", slides: [(id: \"a\", title: \"A\", content: [{content}]), (id: \"b\", title: \"B\", content: [{content}])])"
    );
    std::fs::write(dir.join("d.ron"), two_slides).unwrap();
    let (code, out) = preflight_in(&dir, &["d.ron"]);
    assert_eq!(code, 2, "{out}");
    let naming: Vec<&str> = out.lines().filter(|l| l.contains("gone.png")).collect();
    assert_eq!(naming.len(), 1, "{out}");
    assert!(
        naming[0].starts_with(
            "[FAIL] image \"img/gone.png\" (slides 1, 2): not there; put the file at img/gone.png"
        ),
        "{out}"
    );
    assert!(!out.contains("in ."), "{out}");
    assert!(out.ends_with(", 1 failed\n"), "{out}");

    // From another folder, the place to put it is given from there.
    let parent = dir.parent().unwrap();
    let name = dir.file_name().unwrap().to_str().unwrap();
    let (_, out) = preflight_in(parent, &[&format!("{name}/d.ron")]);
    assert!(
        out.contains(&format!("put the file at {name}/img/gone.png")),
        "{out}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn hostile_links_are_each_one_item() {
    let path = "tests/fixtures/bad/links_hostile.ron";
    let report = preflight(Path::new(path), false);
    let count = |status| report.items.iter().filter(|i| i.status == status).count();
    // 11 refused addresses, 1 refused transcript, 1 refused local copy;
    // 2 links with credentials, 2 lookalike hosts, and the timing (the
    // deck plans no duration).
    assert_eq!(count(Status::Failed), 13, "{report}");
    assert_eq!(count(Status::Warning), 5, "{report}");
    let mut texts: Vec<&str> = report.items.iter().map(|i| i.text.as_str()).collect();
    texts.sort_unstable();
    texts.dedup();
    assert_eq!(texts.len(), report.items.len(), "{report}");
    assert!(!report.to_string().contains("secret"), "{report}");
    let (code, _, _) = cuecard(&["preflight", path]);
    assert_eq!(code, 2);
}

#[test]
fn an_address_named_twice_is_asked_once() {
    let dir = temp("pf-twice");
    // The server answers one request, then stops listening: a second
    // probe would find nothing there and fail.
    let (port, server) = serve(
        "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        1,
    );
    let links = format!(
        "(title: \"One\", url: \"http://127.0.0.1:{port}/v\"), (title: \"Two\", url: \"http://127.0.0.1:{port}/v\")"
    );
    std::fs::write(dir.join("d.ron"), deck("", &links, "")).unwrap();
    let report = preflight(&dir.join("d.ron"), true);
    server.join().unwrap();
    assert_eq!(report.worst(), Status::Ready, "{report}");
    assert_eq!(
        report
            .items
            .iter()
            .filter(|i| i.text.contains("answers (200)"))
            .count(),
        2,
        "{report}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
