//! The phone remote in a real browser: Debian's chromium, headless at a
//! phone's size (390 by 844), driven by chromedriver over `WebDriver`. It pairs
//! from the QR code's URL, checks that the token left the address bar,
//! that the notes shown are the console's slide's, presses Next and sees
//! the console's slide move and the page follow, that the page reconnects
//! by itself to a restarted server, and that a phone unpaired by a new
//! pairing says so. Screenshots go to docs/screenshots/.
//!
//! The first test drives the real `PresenterApp` (headless, with
//! `egui_kittest`): the phone's Next moves the console, the phone shows the
//! app's picture of the slide and the console slide's notes, a question
//! parked on the phone is in the console's parking lot, and quitting
//! cuecard stops the server. The second uses a stand-in model to restart
//! the server on the same port and to unpair the phone.
//!
//! Needs `chromium` and `chromium-driver` (Debian packages), so it is
//! ignored by a plain `cargo test`; `tests/e2e/remote.sh` runs it.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;
mod remote_common;

use std::net::{IpAddr, Ipv4Addr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command as Process, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::NaiveTime;
use cuecard::app::{Clock, PresenterApp};
use cuecard::deck::{Note, Slide};
use cuecard::remote::{RemoteConfig, RemoteRequest, RemoteServer};
use cuecard::show::{AudienceShows, Command};
use egui_kittest::kittest::Queryable;
use remote_common::Harness;
use serde_json::{Value, json};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// chromedriver, stopped on drop.
struct Driver {
    child: Child,
    base: String,
    session: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = ureq::delete(&format!("{}/session/{}", self.base, self.session)).call();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn call(method: &str, url: &str, body: Option<&Value>) -> Value {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let response = match (method, body) {
        ("GET", _) => agent.get(url).call(),
        (_, Some(body)) => agent
            .post(url)
            .header("Content-Type", "application/json")
            .send(body.to_string()),
        _ => agent.post(url).send_empty(),
    };
    let mut response = response.unwrap_or_else(|e| panic!("WebDriver {method} {url}: {e}"));
    let status = response.status();
    let text = response.body_mut().read_to_string().unwrap();
    let value = serde_json::from_str::<Value>(&text).unwrap()["value"].clone();
    assert!(
        status.is_success(),
        "WebDriver {method} {url}: {status} {value}"
    );
    value
}

impl Driver {
    fn start(profile: &Path) -> Self {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Process::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .arg("--allowed-ips=127.0.0.1")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("{CHROMEDRIVER}: {e} (apt-get install chromium-driver)"));
        let base = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(20);
        while ureq::get(&format!("{base}/status")).call().is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": CHROMIUM,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync",
                    format!("--user-data-dir={}", profile.display()),
                ],
                "mobileEmulation": {
                    "deviceMetrics": {"width": 390, "height": 844, "pixelRatio": 2.0, "touch": true}
                }
            }
        }}});
        let mut driver = Self {
            child,
            base,
            session: String::new(),
        };
        let created = call(
            "POST",
            &format!("{}/session", driver.base),
            Some(&capabilities),
        );
        driver.session = created["sessionId"].as_str().unwrap().to_string();
        driver
    }

    fn url(&self, tail: &str) -> String {
        format!("{}/session/{}/{tail}", self.base, self.session)
    }

    fn go(&self, url: &str) {
        call("POST", &self.url("url"), Some(&json!({ "url": url })));
    }

    fn current_url(&self) -> String {
        call("GET", &self.url("url"), None)
            .as_str()
            .unwrap()
            .to_string()
    }

    fn js(&self, script: &str) -> Value {
        call(
            "POST",
            &self.url("execute/sync"),
            Some(&json!({"script": script, "args": []})),
        )
    }

    fn click(&self, css: &str) {
        // Above the fixed button bar, where a thumb would reach it.
        self.js(&format!(
            "document.querySelector('{css}').scrollIntoView({{block: 'center'}})"
        ));
        let found = call(
            "POST",
            &self.url("element"),
            Some(&json!({"using": "css selector", "value": css})),
        );
        let id = found[ELEMENT]
            .as_str()
            .unwrap_or_else(|| panic!("no {css}: {found}"));
        call(
            "POST",
            &self.url(&format!("element/{id}/click")),
            Some(&json!({})),
        );
    }

    /// Polls `script` until it returns `expected` (10 s at most).
    fn wait_for(&self, script: &str, expected: &Value) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let got = self.js(script);
            if &got == expected {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "{script}: got {got}, expected {expected}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn screenshot(&self, path: &Path) {
        let data = call("GET", &self.url("screenshot"), None);
        let png = base64_decode(data.as_str().unwrap());
        assert!(png.starts_with(b"\x89PNG"));
        std::fs::write(path, png).unwrap();
    }
}

fn base64_decode(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    let clean: Vec<u8> = text
        .bytes()
        .filter(|c| *c != b'=' && !c.is_ascii_whitespace())
        .collect();
    let mut out = Vec::with_capacity(clean.len() * 3 / 4);
    for chunk in clean.chunks(4) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, c)| n | (u32::from(value(*c)) << (18 - 6 * i)));
        let bytes = n.to_be_bytes();
        out.extend_from_slice(&bytes[1..chunk.len()]);
    }
    out
}

fn text_of(id: &str) -> String {
    format!("return document.getElementById('{id}').textContent")
}

fn screenshots() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A plain PNG standing in for the app's picture of the slide.
fn slide_png() -> Arc<[u8]> {
    let image = image::RgbImage::from_fn(320, 180, |x, y| {
        if y < 36 {
            image::Rgb([30, 60, 110])
        } else if (x / 20 + y / 20) % 2 == 0 {
            image::Rgb([235, 238, 242])
        } else {
            image::Rgb([210, 216, 224])
        }
    });
    let mut png = Vec::new();
    image
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    Arc::from(png)
}

/// What the phone's notes must show of `slide`: each note's kind, and its
/// texts (a prompt's question and ideas).
fn expected_notes(slide: &Slide) -> (Vec<&'static str>, Vec<String>) {
    let kinds = slide
        .notes
        .iter()
        .map(|n| match n {
            Note::Script(_) => "script",
            Note::Tip(_) => "tip",
            Note::Prompt { .. } => "prompt",
            Note::Quote { .. } => "quote",
            Note::SlideText(_) => "slide_text",
        })
        .collect();
    let texts = slide
        .notes
        .iter()
        .flat_map(|note| match note {
            Note::Script(t) | Note::Tip(t) | Note::SlideText(t) => vec![t.clone()],
            Note::Prompt {
                question, ideas, ..
            } => std::iter::once(question.clone())
                .chain(ideas.iter().cloned())
                .collect(),
            Note::Quote { text, .. } => vec![text.clone()],
        })
        .collect();
    (kinds, texts)
}

/// Steps the app's frames while polling `script` in the phone's browser,
/// until it returns `expected` (10 s at most).
fn wait_stepping(
    driver: &Driver,
    harness: &mut egui_kittest::Harness<'_, PresenterApp>,
    script: &str,
    expected: &Value,
) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        harness.run_steps(1);
        let got = driver.js(script);
        if &got == expected {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{script}: got {got}, expected {expected}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The phone's picture of the slide: its `src` once loaded, and its width.
const IMAGE_STATE: &str = "const i = document.getElementById('slide-image'); \
     return (!i.hidden && i.complete && i.naturalWidth > 0) ? [i.getAttribute('src'), i.naturalWidth] : null";

#[test]
#[ignore = "needs Debian's chromium and chromium-driver; run by tests/e2e/remote.sh"]
fn a_phone_browser_drives_the_presenter_app() {
    let loaded = cuecard::deck::parse(
        cuecard::MODULE5_RON.as_bytes(),
        Path::new("module5.ron"),
        None,
    )
    .unwrap();
    let deck = loaded.deck.clone();
    let sessions = common::temp_dir("remote-browser-sessions");
    let (clock, _) = Clock::fake(NaiveTime::from_hms_opt(9, 0, 0).unwrap());
    let app = PresenterApp::new(Ok(loaded), clock)
        .with_remote_interface(IpAddr::V4(Ipv4Addr::LOCALHOST))
        .with_sessions_dir(Some(sessions.clone()))
        .with_remote(true);
    let mut harness = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1366.0, 768.0))
        .build_eframe(move |_cc| app);
    harness.run_steps(2);
    let view = harness.state().remote().view();
    assert!(view.on, "--remote starts the phone remote");
    let address = view
        .short_address
        .trim_start_matches("http://")
        .parse::<std::net::SocketAddr>()
        .unwrap();

    let profile = std::env::temp_dir().join(format!(
        "cuecard-remote-chromium-app-{}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&profile);
    std::fs::create_dir_all(&profile).unwrap();
    let driver = Driver::start(&profile);

    // Pair from the QR code's URL (the console's only).
    driver.go(&view.pairing_url.unwrap());
    assert_eq!(driver.current_url(), format!("http://{address}/"));
    wait_stepping(&driver, &mut harness, &text_of("link"), &json!("Live"));
    wait_stepping(
        &driver,
        &mut harness,
        &text_of("slide-title"),
        &json!(deck.slides[0].title),
    );
    assert_eq!(harness.state().remote().view().paired_phones, 1);

    // The app's own picture of the slide reaches the phone (960 pixels
    // wide, drawn off the UI thread).
    let deadline = Instant::now() + Duration::from_secs(20);
    let first_picture = loop {
        harness.run_steps(1);
        let got = driver.js(IMAGE_STATE);
        if !got.is_null() {
            break got;
        }
        assert!(Instant::now() < deadline, "no slide picture on the phone");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(first_picture[1], json!(960));
    driver.screenshot(&screenshots().join("remote-phone.png"));

    // Next on the phone: the console's title moves, and the phone follows
    // with the next slide's title and picture.
    driver.click("#btn-next");
    assert!(common::run_until(&mut harness, |app| app
        .presentation()
        .current()
        == 1));
    harness.get_by_label("Slide 2 of 10");
    wait_stepping(
        &driver,
        &mut harness,
        &text_of("slide-title"),
        &json!(deck.slides[1].title),
    );
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        harness.run_steps(1);
        let got = driver.js(IMAGE_STATE);
        if !got.is_null() && got[0] != first_picture[0] {
            assert_eq!(got[1], json!(960));
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the phone kept the first slide's picture"
        );
        std::thread::sleep(Duration::from_millis(50));
    }

    // Next until the console shows a slide with a question and ideas; the
    // phone's notes are the console slide's, by kind.
    let target = deck
        .slides
        .iter()
        .position(|s| {
            s.notes
                .iter()
                .any(|n| matches!(n, Note::Prompt { ideas, .. } if !ideas.is_empty()))
        })
        .unwrap();
    while harness.state().presentation().current() < target {
        let before = harness.state().presentation().current();
        driver.click("#btn-next");
        assert!(common::run_until(&mut harness, |app| app
            .presentation()
            .current()
            == before + 1));
    }
    let shown = harness.state().presentation().current();
    let slide = &deck.slides[shown];
    harness.get_by_label(&format!("Slide {} of 10", shown + 1));
    wait_stepping(
        &driver,
        &mut harness,
        &text_of("slide-title"),
        &json!(slide.title),
    );
    let (kinds, texts) = expected_notes(slide);
    wait_stepping(
        &driver,
        &mut harness,
        "return [...document.querySelectorAll('#notes .note')].map(n => n.dataset.kind)",
        &json!(kinds),
    );
    let page_notes = driver.js("return document.getElementById('notes').textContent");
    let page_notes = page_notes.as_str().unwrap();
    for text in &texts {
        assert!(
            page_notes.contains(text.as_str()),
            "the phone's notes lack {text:?}"
        );
    }
    if let Some(Note::Prompt { question, .. }) = slide
        .notes
        .iter()
        .find(|n| matches!(n, Note::Prompt { .. }))
    {
        assert!(
            harness.query_by_label_contains(question).is_some(),
            "the console shows the question the phone shows"
        );
    }
    driver.click("#notes details summary");
    driver.screenshot(&screenshots().join("remote-phone-prompt.png"));

    // A question parked on the phone is in the console's parking lot.
    driver.click("#park summary");
    driver.js("document.getElementById('park-text').value = 'Who pays for the interpreter?'");
    driver.click("[data-testid=park-send]");
    assert!(common::run_until(&mut harness, |app| app
        .parked()
        .iter()
        .any(
            |p| p.text == "Who pays for the interpreter?" && p.slide == shown
        )));
    wait_stepping(
        &driver,
        &mut harness,
        "return document.getElementById('park-text').value",
        &json!(""),
    );

    // Quitting cuecard stops the server: the page notices, and nothing
    // answers on the port any more.
    eframe::App::on_exit(harness.state_mut(), None);
    assert!(!harness.state().remote().is_on());
    assert!(std::net::TcpStream::connect(address).is_err());
    driver.wait_for(&text_of("link"), &json!("Reconnecting…"));
    drop(driver);
    let _ = std::fs::remove_dir_all(&profile);
    let _ = std::fs::remove_dir_all(&sessions);
}

#[test]
#[ignore = "needs Debian's chromium and chromium-driver; run by tests/e2e/remote.sh"]
fn a_phone_browser_pairs_with_a_stand_in_that_restarts() {
    let h = Harness::start(1);
    let profile =
        std::env::temp_dir().join(format!("cuecard-remote-chromium-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&profile);
    std::fs::create_dir_all(&profile).unwrap();
    let driver = Driver::start(&profile);
    let deck = &h.app.deck;

    // Pair from the QR code's URL: the token leaves the address bar.
    let url = h.server.pairing_url().unwrap();
    driver.go(&url);
    assert_eq!(driver.current_url(), format!("http://{}/", h.host()));
    assert_eq!(h.server.status().paired_phones, 1);
    assert_eq!(
        driver.js("return document.cookie"),
        json!(""),
        "the session cookie is HttpOnly"
    );
    driver.wait_for(&text_of("slide-title"), &json!(deck.slides[0].title));
    driver.wait_for(&text_of("link"), &json!("Live"));
    driver.wait_for(&text_of("position"), &json!("Slide 1 of 10"));

    // Next on the phone: the console's slide moves, the page follows.
    driver.click("#btn-next");
    let deadline = Instant::now() + Duration::from_secs(10);
    while h.app.current() != 1 {
        assert!(Instant::now() < deadline, "Next never arrived");
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(
        h.app.requests.lock().unwrap().first(),
        Some(&RemoteRequest::Next)
    );
    driver.wait_for(&text_of("slide-title"), &json!(deck.slides[1].title));

    // The console jumps to a slide with a question and ideas (as keys
    // would); the notes on the phone are that slide's, by kind.
    let (index, slide) = deck
        .slides
        .iter()
        .enumerate()
        .find(|(_, s)| {
            s.notes
                .iter()
                .any(|n| matches!(n, Note::Prompt { ideas, .. } if !ideas.is_empty()))
        })
        .unwrap();
    h.app
        .presentation
        .lock()
        .unwrap()
        .apply(&Command::GoTo(index), Instant::now());
    h.app.publish();
    driver.wait_for(&text_of("slide-title"), &json!(slide.title));
    let (kinds, texts) = expected_notes(slide);
    driver.wait_for(
        "return [...document.querySelectorAll('#notes .note')].map(n => n.dataset.kind)",
        &json!(kinds),
    );
    let shown = driver.js("return document.getElementById('notes').textContent");
    let shown = shown.as_str().unwrap();
    for text in &texts {
        assert!(
            shown.contains(text.as_str()),
            "the phone's notes lack {text:?}"
        );
    }

    // Black screen from the phone, and a picture of the slide when the
    // app publishes one (fetched with the session cookie).
    driver.click("#btn-blackout");
    let deadline = Instant::now() + Duration::from_secs(10);
    while h.app.presentation.lock().unwrap().audience() != AudienceShows::Black {
        assert!(Instant::now() < deadline, "black screen never arrived");
        std::thread::sleep(Duration::from_millis(50));
    }
    driver.wait_for(
        "return document.getElementById('blackout-badge').hidden",
        &json!(false),
    );
    *h.app.slide_png.lock().unwrap() = Some(slide_png());
    h.app.publish();
    driver.wait_for(
        "const i = document.getElementById('slide-image'); return !i.hidden && i.complete && i.naturalWidth",
        &json!(320),
    );

    // A discussion count-down started from the phone counts down there.
    driver.click("#btn-discussion");
    driver.wait_for(
        "return document.getElementById('discussion').hidden",
        &json!(false),
    );
    assert!(h.app.presentation.lock().unwrap().discussion().is_some());
    driver.wait_for(&text_of("btn-discussion"), &json!("Stop"));
    driver.js("window.scrollTo(0, 0)");
    driver.screenshot(&screenshots().join("remote-phone-discussion.png"));

    // cuecard restarts (the server goes away and comes back on the same
    // port): the page notices, reconnects by itself, and says it needs a
    // new pairing; the new QR code pairs it again and it is live.
    let Harness { server, app } = h;
    let addr = server.address();
    server.stop();
    driver.wait_for(&text_of("link"), &json!("Reconnecting…"));
    let config = RemoteConfig {
        port: addr.port(),
        ..RemoteConfig::new(addr.ip())
    };
    let server = RemoteServer::start(&config, |_| {}, app.snapshot.clone()).unwrap();
    driver.wait_for(
        "return document.getElementById('unpaired').hidden",
        &json!(false),
    );
    driver.go(&server.pairing_url().unwrap());
    driver.wait_for(&text_of("link"), &json!("Live"));
    let h = Harness { server, app };

    // Another phone pairs with a new code: this one says it is unpaired.
    h.server.new_pairing().unwrap();
    let _other = h.pair();
    driver.wait_for(
        "return document.getElementById('unpaired').hidden",
        &json!(false),
    );
    driver.screenshot(&screenshots().join("remote-phone-unpaired.png"));
    drop(driver);
    let _ = std::fs::remove_dir_all(&profile);
}
