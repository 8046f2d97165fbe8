//! The phone remote from the console: "Phone remote…" starts it, the menu
//! shows its address, a plain HTTP client pairs with the QR code's URL and
//! presses Next, and the console moves; the phone gets the app's picture of
//! the slide; the menu chooses the network and how many phones may pair;
//! quitting stops the server.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;
mod remote_common;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::Path;

use chrono::NaiveTime;
use cuecard::app::{Clock, PresenterApp};
use cuecard::deck;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable};

#[test]
fn the_console_starts_the_remote_and_a_paired_phone_moves_the_slides() {
    let loaded = deck::parse(
        cuecard::MODULE5_RON.as_bytes(),
        Path::new("module5.ron"),
        None,
    );
    let (clock, _) = Clock::fake(NaiveTime::from_hms_opt(9, 0, 0).unwrap());
    let app =
        PresenterApp::new(loaded, clock).with_remote_interface(IpAddr::V4(Ipv4Addr::LOCALHOST));
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1366.0, 768.0))
        .build_eframe(move |_cc| app);
    harness.run_steps(1);
    assert!(!harness.state().remote().is_on(), "off by default");

    harness.get_by_label("Phone remote…").click_accesskit();
    harness.run_steps(2);
    // A real click (pointer down and up): the menu stays open and shows
    // the QR code at once.
    harness.get_by_label("Start phone remote").click();
    assert!(common::run_until(&mut harness, |app| app.remote().is_on()));
    assert!(
        harness
            .query_by_label_contains("Scan with the phone's camera")
            .is_some(),
        "the menu closed on Start: the QR code is hidden"
    );
    let node = harness.get_by_label_contains("Phone remote on http://127.0.0.1:");
    let label = node
        .accesskit_node()
        .label()
        .or_else(|| node.accesskit_node().value())
        .unwrap();
    let addr: SocketAddr = label
        .trim_start_matches("Phone remote on http://")
        .parse()
        .unwrap();
    harness.get_by_label_contains("Listening only on");
    harness.get_by_label("0 phones paired");

    // Pair as the phone does with the QR code's URL, then press Next.
    let url = harness.state().remote().view().pairing_url.unwrap();
    let path = url.split_once(&addr.to_string()).unwrap().1.to_string();
    let response = remote_common::get(addr, &path, None);
    assert_eq!(response.status, 303);
    let cookie = remote_common::cookie_of(&response).unwrap();
    let response = remote_common::post_command(addr, Some(&cookie), r#"{"command":"next"}"#);
    assert!(
        (200..300).contains(&response.status),
        "status {}",
        response.status
    );
    assert!(common::run_until(&mut harness, |app| app
        .presentation()
        .current()
        == 1));
    harness.get_by_label("Slide 2 of 10");
    assert!(common::run_until(&mut harness, |app| app
        .remote()
        .view()
        .paired_phones
        == 1));

    // The phone gets the app's picture of the slide shown (drawn off the
    // UI thread): a 960 by 540 PNG, not cached.
    let mut picture = remote_common::get(addr, "/slide.png", Some(&cookie));
    let start = std::time::Instant::now();
    while picture.status != 200 && start.elapsed() < std::time::Duration::from_secs(20) {
        std::thread::sleep(std::time::Duration::from_millis(50));
        harness.run_steps(1);
        picture = remote_common::get(addr, "/slide.png", Some(&cookie));
    }
    assert_eq!(picture.status, 200, "no picture of the slide");
    assert_eq!(picture.header("content-type"), Some("image/png"));
    let image = image::load_from_memory(&picture.body).unwrap();
    assert_eq!((image.width(), image.height()), (960, 540));
    assert_eq!(
        remote_common::get(addr, "/slide.png", None).status,
        401,
        "the picture needs the cookie too"
    );

    // "New pairing" with one phone allowed: the phone paired now stops
    // working at once (a presenter who suspects an intruder locks it out).
    let ctx = harness.ctx.clone();
    harness.state_mut().apply(
        &ctx,
        &cuecard::show::ShellCommand::NewRemotePairing.into(),
        std::time::Instant::now(),
    );
    assert_eq!(harness.state().remote().view().paired_phones, 0);
    assert_eq!(
        remote_common::get(addr, "/api/state", Some(&cookie)).status,
        401,
        "the old phone still works after New pairing"
    );
    assert!(harness.state().remote().view().pairing_url.is_some());

    // Stop: the server no longer answers.
    let ctx = harness.ctx.clone();
    harness.state_mut().apply(
        &ctx,
        &cuecard::show::ShellCommand::StopRemote.into(),
        std::time::Instant::now(),
    );
    assert!(!harness.state().remote().is_on());
    assert!(std::net::TcpStream::connect(addr).is_err());
}

fn started_app(bind: IpAddr) -> egui_kittest::Harness<'static, PresenterApp> {
    let loaded = deck::parse(
        cuecard::MODULE5_RON.as_bytes(),
        Path::new("module5.ron"),
        None,
    );
    let (clock, _) = Clock::fake(NaiveTime::from_hms_opt(9, 0, 0).unwrap());
    let app = PresenterApp::new(loaded, clock).with_remote_interface(bind);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1366.0, 768.0))
        .build_eframe(move |_cc| app);
    harness.run_steps(1);
    harness
}

fn address_of(harness: &Harness<'_, PresenterApp>) -> SocketAddr {
    harness
        .state()
        .remote()
        .view()
        .short_address
        .trim_start_matches("http://")
        .parse()
        .unwrap()
}

/// Pairs a phone with the console's current pairing URL; its cookie.
fn pair(harness: &Harness<'_, PresenterApp>) -> String {
    let addr = address_of(harness);
    let url = harness.state().remote().view().pairing_url.unwrap();
    let path = url.split_once(&addr.to_string()).unwrap().1.to_string();
    let response = remote_common::get(addr, &path, None);
    assert_eq!(response.status, 303);
    remote_common::cookie_of(&response).unwrap()
}

fn paired(addr: SocketAddr, cookie: &str) -> bool {
    remote_common::get(addr, "/api/state", Some(cookie)).status == 200
}

fn apply(harness: &mut Harness<'_, PresenterApp>, command: cuecard::show::ShellCommand) {
    let ctx = harness.ctx.clone();
    harness
        .state_mut()
        .apply(&ctx, &command.into(), std::time::Instant::now());
    harness.run_steps(1);
}

#[test]
fn the_menu_chooses_the_network_and_allows_more_phones() {
    let loopback = IpAddr::V4(Ipv4Addr::LOCALHOST);
    let mut harness = started_app(loopback);
    harness.get_by_label("Phone remote…").click_accesskit();
    harness.run_steps(2);
    // Off: the network it will listen on, and one phone at a time.
    harness.get_by_label("Network:");
    harness.get_by_label("Look again").click();
    harness.run_steps(2);
    // The choices are radio buttons in the menu, which stays open.
    harness.get_by_label_contains("127.0.0.1 (this laptop only)");
    let view = harness.state().remote().view();
    assert_eq!(view.chosen, Some(loopback));
    assert!(
        view.interfaces
            .iter()
            .any(|(ip, label)| *ip == loopback && label.ends_with("127.0.0.1")),
        "the machine's interfaces are listed: {:?}",
        view.interfaces
    );
    assert!(view.interfaces.iter().all(|(ip, _)| !ip.is_unspecified()));
    assert!(!view.more_phones);
    harness
        .get_by_label("Allow up to 4 phones at once")
        .click_accesskit();
    harness.run_steps(2);
    assert!(harness.state().remote().view().more_phones);

    // Two phones pair; allowing one again unpairs the older.
    harness.get_by_label("Start phone remote").click_accesskit();
    assert!(common::run_until(&mut harness, |app| app.remote().is_on()));
    let addr = address_of(&harness);
    let first = pair(&harness);
    apply(&mut harness, cuecard::show::ShellCommand::NewRemotePairing);
    let second = pair(&harness);
    assert!(paired(addr, &first) && paired(addr, &second));
    assert_eq!(harness.state().remote().view().paired_phones, 2);
    apply(
        &mut harness,
        cuecard::show::ShellCommand::AllowMorePhones(false),
    );
    assert!(!paired(addr, &first), "the older phone is unpaired");
    assert!(paired(addr, &second), "the newer phone stays paired");

    // Another network: the remote starts again there, with a new code;
    // the old address answers no more and the phone must pair again.
    let other = IpAddr::V4(Ipv4Addr::new(127, 0, 0, 2));
    apply(
        &mut harness,
        cuecard::show::ShellCommand::ChooseRemoteInterface(other),
    );
    assert!(harness.state().remote().is_on());
    let moved = address_of(&harness);
    assert_eq!(moved.ip(), other);
    assert!(std::net::TcpStream::connect(addr).is_err());
    assert!(!paired(moved, &second));
    let again = pair(&harness);
    assert!(paired(moved, &again));
    let view = harness.state().remote().view();
    assert_eq!(view.chosen, Some(other));
    assert_eq!(view.interface, "127.0.0.2");

    // Quitting cuecard stops the server.
    eframe::App::on_exit(harness.state_mut(), None);
    assert!(!harness.state().remote().is_on());
    assert!(std::net::TcpStream::connect(moved).is_err());
}

#[test]
fn idle_with_a_phone_paired_the_remote_wakes_the_console_only_for_presses() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::{Duration, Instant};

    let mut harness = started_app(IpAddr::V4(Ipv4Addr::LOCALHOST));
    apply(&mut harness, cuecard::show::ShellCommand::StartRemote);
    let addr = address_of(&harness);
    let cookie = pair(&harness);
    // The pictures of this slide and the next are drawn, then all is still.
    let start = Instant::now();
    while remote_common::get(addr, "/slide.png", Some(&cookie)).status != 200 {
        assert!(start.elapsed() < Duration::from_secs(20), "no picture");
        std::thread::sleep(Duration::from_millis(20));
        harness.run_steps(1);
    }
    for _ in 0..20 {
        std::thread::sleep(Duration::from_millis(50));
        harness.run_steps(1);
    }
    harness.run();
    let delay = harness.output().viewport_output[&egui::ViewportId::ROOT].repaint_delay;
    assert!(
        delay >= Duration::from_secs(30),
        "untouched, the console waits for the wall clock's next minute, not {delay:?}"
    );

    // From now on, count the repaints asked for from other threads.
    let ui_thread = std::thread::current().id();
    let wakes = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&wakes);
    harness.ctx.set_repaint_observer(move |info| {
        if std::thread::current().id() != ui_thread && info.viewport_id == egui::ViewportId::ROOT {
            counter.fetch_add(1, Ordering::Relaxed);
        }
    });

    // For about 5 s the phone listens to the live updates and reads the
    // state and the picture, and strangers are refused: nothing wakes the
    // console.
    let listener_cookie = cookie.clone();
    let listening = std::thread::spawn(move || {
        remote_common::request(addr, "GET", "/api/events", Some(&listener_cookie), &[], "")
    });
    for _ in 0..50 {
        let stranger = remote_common::get(addr, "/api/state", None).status;
        assert!(
            stranger == 401 || stranger == 429,
            "refused or rate-limited, not {stranger}"
        );
        assert_eq!(
            remote_common::get(addr, "/api/state", Some(&cookie)).status,
            200
        );
        assert_eq!(
            remote_common::get(addr, "/slide.png", Some(&cookie)).status,
            200
        );
        std::thread::sleep(Duration::from_millis(40));
    }
    let events = listening.join().unwrap();
    assert!(
        events.text().contains("data:"),
        "the phone's live updates were open: {}",
        events.text()
    );
    assert_eq!(
        wakes.load(Ordering::Relaxed),
        0,
        "the remote woke the console while nothing was pressed"
    );

    // A press on the phone wakes it at once (so the count above could see
    // a wake).
    let response = remote_common::post_command(addr, Some(&cookie), r#"{"command":"next"}"#);
    assert!((200..300).contains(&response.status));
    assert!(
        wakes.load(Ordering::Relaxed) >= 1,
        "Next did not wake the console"
    );
    assert!(common::run_until(&mut harness, |app| app
        .presentation()
        .current()
        == 1));
}
