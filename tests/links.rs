//! Links and media: the policy in a deck, `cuecard preflight`, and the
//! console's link buttons.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;
use common::{cuecard, opened_url as opened_url_of, png_header_only, temp_dir as temp};

fn opened_url(harness: &Harness<'_, PresenterApp>) -> Option<String> {
    opened_url_of(harness.output())
}

use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use chrono::NaiveTime;
use cuecard::app::{Clock, Opener, PresenterApp};
use cuecard::deck;
use cuecard::preflight::{Status, preflight};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable};

fn deck_with_link(link: &str, images: &str) -> String {
    format!(
        "(title: \"T\", duration_minutes: 2, slides: [(id: \"a\", title: \"A\", minutes: 2, content: [{images}], links: [{link}])])"
    )
}

#[test]
fn preflight_on_module5_warns_only_about_the_missing_local_video() {
    let report = preflight(Path::new("decks/module5.ron"), false);
    let warnings: Vec<&str> = report
        .items
        .iter()
        .filter(|i| i.status == Status::Warning)
        .map(|i| i.text.as_str())
        .collect();
    assert_eq!(warnings.len(), 1, "{report}");
    assert!(
        warnings[0].contains(
            "local copy \"media/a-multidisciplinary-approach.mp4\" missing (put the file at decks/media/a-multidisciplinary-approach.mp4)"
        ),
        "{report}"
    );
    assert!(
        report.items.iter().all(|i| i.status != Status::Failed),
        "{report}"
    );
    assert!(report.items.iter().any(|i| i.text.starts_with("fonts:")));
    assert!(
        report
            .items
            .iter()
            .any(|i| i.text.starts_with("timing: the slides plan 60 minutes"))
    );
    let (code, out, _) = cuecard(&["preflight", "decks/module5.ron"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("[warn]") && out.ends_with("5 ready, 1 warnings, 0 failed\n"),
        "{out}"
    );
    let (code, _, _) = cuecard(&["preflight", "--deny-warnings", "decks/module5.ron"]);
    assert_eq!(code, 1);
}

#[test]
fn preflight_on_a_ready_deck_and_on_broken_images() {
    let dir = temp("ready");
    std::fs::create_dir_all(dir.join("media")).unwrap();
    std::fs::write(dir.join("media/clip.mp4"), b"not really a video").unwrap();
    image::RgbImage::from_pixel(64, 36, image::Rgb([200, 40, 40]))
        .save(dir.join("ok.png"))
        .unwrap();
    std::fs::write(
        dir.join("corrupt.png"),
        b"\x89PNG\r\n\x1a\nthis is not a png",
    )
    .unwrap();
    std::fs::write(dir.join("huge.png"), png_header_only(20_000, 20_000)).unwrap();
    let link = "(title: \"Clip\", url: \"https://example.org/clip\", local: \"media/clip.mp4\")";
    std::fs::write(
        dir.join("ready.ron"),
        deck_with_link(link, "Image(path: \"ok.png\", alt: \"red\")"),
    )
    .unwrap();
    let report = preflight(&dir.join("ready.ron"), false);
    assert_eq!(report.worst(), Status::Ready, "{report}");
    assert!(report.to_string().contains("64x36, decodes"), "{report}");
    assert!(
        report
            .to_string()
            .contains("plays from the local copy \"media/clip.mp4\""),
        "{report}"
    );

    let images = "Image(path: \"corrupt.png\", alt: \"x\"), Image(path: \"huge.png\", alt: \"y\"), Image(path: \"gone.png\", alt: \"z\")";
    std::fs::write(dir.join("broken.ron"), deck_with_link(link, images)).unwrap();
    let report = preflight(&dir.join("broken.ron"), false).to_string();
    assert!(
        report.contains("\"corrupt.png\" (slide 1): corrupt"),
        "{report}"
    );
    assert!(
        report.contains("\"huge.png\" (slide 1): 20000x20000 is over 100 megapixels"),
        "{report}"
    );
    assert!(report.contains("gone.png"), "{report}");
    let (code, _, _) = cuecard(&["preflight", dir.join("broken.ron").to_str().unwrap()]);
    assert_eq!(code, 2);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn preflight_online_asks_the_server() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        let mut buffer = [0u8; 1024];
        let _ = stream.read(&mut buffer).unwrap();
        stream
            .write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            .unwrap();
    });
    let dir = temp("online");
    let link = format!("(title: \"Here\", url: \"http://127.0.0.1:{port}/video\")");
    std::fs::write(dir.join("d.ron"), deck_with_link(&link, "")).unwrap();
    let report = preflight(&dir.join("d.ron"), true).to_string();
    server.join().unwrap();
    assert!(
        report.contains(&format!("http://127.0.0.1:{port}/video answers (200)")),
        "{report}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Every refused form, one link each.
const REFUSED: &[(&str, &str)] = &[
    ("file", "(title: \"f\", url: \"file:///etc/passwd\")"),
    ("javascript", "(title: \"j\", url: \"javascript:alert(1)\")"),
    ("data", "(title: \"d\", url: \"data:text/html,hi\")"),
    (
        "exe",
        "(title: \"e\", url: \"https://example.org/\", local: \"run.exe\")",
    ),
    (
        "bat",
        "(title: \"b\", url: \"https://example.org/\", local: \"x.bat\")",
    ),
    (
        "ps1",
        "(title: \"p\", url: \"https://example.org/\", local: \"x.ps1\")",
    ),
    (
        "sh",
        "(title: \"s\", url: \"https://example.org/\", local: \"x.sh\")",
    ),
    (
        "desktop",
        "(title: \"k\", url: \"https://example.org/\", local: \"x.desktop\")",
    ),
    (
        "unc",
        "(title: \"u\", url: \"https://example.org/\", local: \"\\\\\\\\server\\\\share\\\\v.mp4\")",
    ),
    (
        "outside",
        "(title: \"o\", url: \"https://example.org/\", local: \"../v.mp4\")",
    ),
    (
        "transcript",
        "(title: \"t\", url: \"https://example.org/\", transcript: \"javascript:void(0)\")",
    ),
    (
        "download",
        "(title: \"x\", url: \"https://example.org/Setup.EXE?v=2\")",
    ),
    (
        "screensaver",
        "(title: \"s\", url: \"https://example.org/a.scr\")",
    ),
    (
        "installer",
        "(title: \"i\", url: \"https://example.org/a.msi\")",
    ),
    (
        "shortcut",
        "(title: \"l\", url: \"https://example.org/a.lnk\")",
    ),
    ("java", "(title: \"j\", url: \"https://example.org/a.jar\")"),
    ("hta", "(title: \"h\", url: \"https://example.org/a.hta\")"),
    (
        "clickonce",
        "(title: \"c\", url: \"https://example.org/a.application\")",
    ),
    (
        "transcript-download",
        "(title: \"t\", url: \"https://example.org/\", transcript: \"https://example.org/t.vbs\")",
    ),
];

#[test]
fn check_rejects_every_refused_form() {
    let dir = temp("refused");
    for (name, link) in REFUSED {
        let path = dir.join(format!("{name}.ron"));
        std::fs::write(&path, deck_with_link(link, "")).unwrap();
        let (code, out, err) = cuecard(&["check", path.to_str().unwrap()]);
        assert_eq!(code, 2, "{name}: {out}{err}");
        assert!(err.contains(": error: "), "{name}: {err}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The place, severity and a piece of the message of every diagnostic of
/// `tests/fixtures/bad/links_hostile.ron`, in order.
#[rustfmt::skip]
const HOSTILE: &[(usize, usize, &str, &str)] = &[
    (10, 43, "error", "link \"Installer\": \"https://example.org/setup.exe\" leads to \"setup.exe\", a Windows program"),
    (11, 44, "error", "\"https://example.org/SETUP.EXE\" leads to \"SETUP.EXE\""),
    (12, 46, "error", "?version=2&lang=en\" leads to \"setup.exe\""),
    (13, 45, "error", "\"https://example.org/setup%2Eexe\" leads to \"setup.exe\""),
    (14, 46, "error", "leads to \"aquarium.scr\", a screen saver"),
    (15, 51, "error", "leads to \"tool.MSI\", a Windows Installer package"),
    (16, 42, "error", "leads to \"video.lnk\", a shortcut"),
    (17, 46, "error", "leads to \"player.jar\", a Java archive"),
    (18, 50, "error", "leads to \"quiz.hta\", an HTML application"),
    (19, 55, "error", "leads to \"app.application\", a ClickOnce application"),
    (20, 48, "error", "leads to \"Tool.dmg\", a disk image"),
    (21, 87, "error", "link \"Transcript script\" transcript: \"https://example.org/t.vbs\" leads to \"t.vbs\""),
    (22, 78, "error", "\"media/player.exe\" is not a media file cuecard will open but a Windows program"),
    (29, 42, "warning", "user name or password before its host; it goes to example.org, and cuecard shows and opens it without them, as https://example.org/video"),
    (30, 48, "warning", "it goes to evil.example, and cuecard shows and opens it without them, as https://evil.example/"),
    (37, 42, "warning", "the host xn--pple-43d.com is punycode for \"\u{430}pple.com\", which mixes Cyrillic and Latin letters"),
    (38, 46, "warning", "the host \"\u{430}pple.com\" is an international name (sent as xn--pple-43d.com), which mixes Cyrillic and Latin letters"),
];

#[test]
fn check_flags_every_hostile_link_at_its_place() {
    let path = "tests/fixtures/bad/links_hostile.ron";
    let (code, out, err) = cuecard(&["check", path]);
    assert_eq!(code, 2, "{out}{err}");
    // (A slide of 14 links also has to shrink to fit: a note, not a link
    // problem.)
    let lines: Vec<&str> = err
        .lines()
        .filter(|l| !l.contains("text and images shrunk to"))
        .collect();
    assert_eq!(lines.len(), HOSTILE.len(), "{err}");
    for (line, &(row, column, severity, needle)) in lines.iter().zip(HOSTILE) {
        let prefix = format!("{path}:{row}:{column}: {severity}: ");
        assert!(line.starts_with(&prefix), "expected {prefix:?}: {line}");
        assert!(line.contains(needle), "expected {needle:?}: {line}");
    }
    // The password is never printed.
    assert!(!err.contains("secret"), "{err}");
    // The deck can still be presented: it loads, with its errors.
    assert!(
        out.contains(": has errors: \"Hostile links\": 3 slides"),
        "{out}"
    );
}

#[test]
fn docs_list_exactly_the_program_types() {
    let docs = std::fs::read_to_string("docs/links.md").unwrap();
    let (_, rest) = docs.split_once("<!-- program-types -->").unwrap();
    let (list, _) = rest.split_once("<!-- /program-types -->").unwrap();
    let mut listed: Vec<&str> = list
        .split('`')
        .filter_map(|word| word.strip_prefix('.'))
        .collect();
    let mut types: Vec<&str> = cuecard::deck::policy::PROGRAM_TYPES
        .iter()
        .map(|t| t.extension)
        .collect();
    listed.sort_unstable();
    types.sort_unstable();
    assert_eq!(
        listed, types,
        "docs/links.md's list differs from PROGRAM_TYPES"
    );
    for source in ["Outlook", "Windows", "macOS", "Linux"] {
        assert!(
            list.contains(source),
            "docs/links.md names no {source} source"
        );
    }
}

fn app_on(path: &Path) -> (Harness<'static, PresenterApp>, Arc<Mutex<Vec<PathBuf>>>) {
    let loaded = deck::load(path);
    let (clock, _) = Clock::fake(NaiveTime::from_hms_opt(9, 0, 0).unwrap());
    let opened = Arc::new(Mutex::new(Vec::new()));
    let app = PresenterApp::new(loaded, clock).with_opener(Opener::Record(Arc::clone(&opened)));
    let harness = Harness::builder()
        .with_size(egui::vec2(1920.0, 1080.0))
        .build_eframe(move |_cc| app);
    (harness, opened)
}

#[test]
fn refused_links_are_presented_with_buttons_that_only_explain() {
    let dir = temp("buttons");
    let links = REFUSED
        .iter()
        .map(|(_, l)| *l)
        .collect::<Vec<_>>()
        .join(", ");
    std::fs::write(dir.join("d.ron"), deck_with_link(&links, "")).unwrap();
    let (mut harness, opened) = app_on(&dir.join("d.ron"));
    harness.run_steps(2);
    // The show goes on: the deck is presented, the problems are listed.
    harness.get_by_label("Slide 1 of 1");
    assert!(
        harness
            .get_all_by_label_contains("Refused: only http:// and https:// links")
            .count()
            >= 3
    );
    assert!(
        harness
            .get_all_by_label_contains("Local copy refused:")
            .count()
            >= 6
    );
    // A link that would download a program is refused the same way: its
    // button is disabled and says why.
    assert_eq!(
        harness
            .get_all_by_label_contains("a type of file that runs a program when opened")
            .filter(|n| n.value().is_some_and(|l| l.starts_with("Refused: ")))
            .count(),
        7
    );
    let download = harness.get_by_label("Open “x” online");
    assert!(
        download.accesskit_node().is_disabled(),
        "the download link's button is enabled"
    );
    for button in harness.get_all_by_label_contains("online") {
        button.click_accesskit();
    }
    for button in harness.get_all_by_label("Play local copy") {
        button.click_accesskit();
    }
    harness.step();
    let urls: Vec<String> = opened_url(&harness).into_iter().collect();
    assert!(
        urls.iter().all(|u| u.starts_with("https://")),
        "a refused URL was opened: {urls:?}"
    );
    assert!(
        opened.lock().unwrap().is_empty(),
        "a refused local file was opened"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_console_plays_a_local_copy_that_is_there() {
    let dir = temp("play");
    std::fs::create_dir_all(dir.join("media")).unwrap();
    std::fs::write(dir.join("media/clip.mp4"), b"video").unwrap();
    let link = "(title: \"Clip\", url: \"https://example.org/clip\", local: \"media/clip.mp4\", transcript: \"https://example.org/t\", qr: true)";
    std::fs::write(dir.join("d.ron"), deck_with_link(link, "")).unwrap();
    let (mut harness, opened) = app_on(&dir.join("d.ron"));
    harness.run_steps(2);
    harness.get_by_label_contains("Local copy ready:");
    harness.get_by_label("Play local copy").click_accesskit();
    harness.run_steps(2);
    let opened = opened.lock().unwrap().clone();
    assert_eq!(opened.len(), 1);
    assert!(opened[0].ends_with("media/clip.mp4"), "{opened:?}");
    harness.get_by_label("Open “Clip” online").click_accesskit();
    harness.step();
    assert_eq!(
        opened_url(&harness).as_deref(),
        Some("https://example.org/clip")
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_link_with_a_password_asks_once_and_never_shows_or_opens_the_password() {
    let dir = temp("ask-once");
    let link = "(title: \"Portal\", url: \"https://trainer:s3cret@example.org/portal\")";
    std::fs::write(dir.join("d.ron"), deck_with_link(link, "")).unwrap();
    let (mut harness, _) = app_on(&dir.join("d.ron"));
    harness.run_steps(2);
    assert!(
        harness.query_by_label_contains("s3cret").is_none(),
        "the console shows the password"
    );
    harness
        .get_by_label("Open “Portal” online")
        .click_accesskit();
    harness.step();
    assert_eq!(opened_url(&harness), None, "opened without asking");
    assert!(
        harness.state().console().link_question.is_some(),
        "nothing asked"
    );
    harness.run_steps(3);
    harness.get_by_label("It would open https://example.org/portal");
    // Esc (a clicker's start button) cancels; nothing opens.
    harness.key_press(egui::Key::Escape);
    harness.run_steps(2);
    assert!(harness.query_by_label_contains("It would open").is_none());
    harness
        .get_by_label("Open “Portal” online")
        .click_accesskit();
    harness.run_steps(2);
    harness.get_by_label("Open anyway").click_accesskit();
    harness.step();
    assert_eq!(
        opened_url(&harness).as_deref(),
        Some("https://example.org/portal"),
        "opened without the password"
    );
    // Asked once: the next click opens at once.
    harness.run_steps(2);
    harness
        .get_by_label("Open “Portal” online")
        .click_accesskit();
    harness.step();
    assert_eq!(
        opened_url(&harness).as_deref(),
        Some("https://example.org/portal")
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_laptop_with_no_player_or_browser_gets_a_plain_message_and_the_address_copied() {
    let dir = temp("no-player");
    std::fs::create_dir_all(dir.join("media")).unwrap();
    std::fs::write(dir.join("media/clip.mp4"), b"video").unwrap();
    let link = "(title: \"Clip\", url: \"https://example.org/clip\", local: \"media/clip.mp4\")";
    std::fs::write(dir.join("d.ron"), deck_with_link(link, "")).unwrap();
    let loaded = deck::load(&dir.join("d.ron"));
    let (clock, _) = Clock::fake(NaiveTime::from_hms_opt(9, 0, 0).unwrap());
    // What the open crate says on a Linux laptop with no handler.
    let raw = "Launcher \"gio\" \"open\" failed with ExitStatus(unix_wait_status(1024))";
    let app = PresenterApp::new(loaded, clock).with_opener(Opener::Fail(raw.to_owned()));
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1920.0, 1080.0))
        .build_eframe(move |_cc| app);
    harness.run_steps(2);
    harness.get_by_label("Play local copy").click_accesskit();
    harness.run_steps(2);
    harness.get_by_label_contains("The video clip.mp4 did not open: this laptop has no program set to play it. Install a video player");
    harness.get_by_label("Open “Clip” online").click_accesskit();
    let mut copied = false;
    for _ in 0..3 {
        harness.step();
        copied |= harness.output().platform_output.commands.iter().any(
            |c| matches!(c, egui::OutputCommand::CopyText(t) if t == "https://example.org/clip"),
        );
    }
    harness.get_by_label_contains(
        "No web browser opened https://example.org/clip. The address is copied",
    );
    assert!(copied, "the address is on the clipboard");
    assert!(
        harness.query_by_label_contains("ExitStatus").is_none()
            && harness.query_by_label_contains("gio").is_none(),
        "the room's presenter never reads the launcher's words"
    );
    // Each says so once, and can be dismissed.
    let dismiss = harness.get_all_by_label("Dismiss").count();
    assert_eq!(dismiss, 2);
    harness
        .get_all_by_label("Dismiss")
        .next()
        .unwrap()
        .click_accesskit();
    harness.run_steps(2);
    assert_eq!(harness.get_all_by_label("Dismiss").count(), 1);
    std::fs::remove_dir_all(&dir).unwrap();
}
