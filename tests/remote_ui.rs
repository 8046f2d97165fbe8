//! The phone remote from the console: "Phone remote…" starts it, the menu
//! shows its address, a plain HTTP client pairs with the QR code's URL and
//! presses Next, and the console moves.
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
    harness.get_by_label("Start phone remote").click_accesskit();
    assert!(common::run_until(&mut harness, |app| app.remote().is_on()));
    if harness
        .query_by_label_contains("Phone remote on http://")
        .is_none()
    {
        harness.get_by_label("Phone remote…").click_accesskit();
        harness.run_steps(2);
    }
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
