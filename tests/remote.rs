//! The phone remote against a real server on 127.0.0.1: pairing, the
//! session cookie, live updates, and every refusal the issue asks for (no
//! token, wrong token, old token after re-pairing, foreign Origin, wrong
//! Host). The flood and the fuzzing are in `tests/remote_abuse.rs`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod remote_common;

use std::io::{BufRead, BufReader, Write};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, TcpStream};
use std::time::Duration;

use cuecard::deck::Note;
use cuecard::remote::{RemoteConfig, RemoteError, RemoteRequest, RemoteServer, SharedSnapshot};
use remote_common::{Harness, cookie_of, get, post_command, request};

/// Every path a browser or a scanner might try.
const PATHS: [&str; 9] = [
    "/",
    "/app.js",
    "/app.css",
    "/api/state",
    "/api/events",
    "/slide.png",
    "/../Cargo.toml",
    "/src/",
    "/index.html",
];

#[test]
fn without_pairing_nothing_is_served() {
    let h = Harness::start(1);
    let secret_note = match &h.app.deck.slides[0].notes[0] {
        Note::Script(t) | Note::Tip(t) | Note::SlideText(t) => t.clone(),
        Note::Prompt { question, .. } => question.clone(),
        Note::Quote { text, .. } => text.clone(),
    };
    for path in PATHS {
        let response = get(h.addr(), path, None);
        assert_eq!(response.status, 401, "{path}");
        assert_eq!(response.header("cache-control"), Some("no-store"), "{path}");
        assert!(
            !response.text().contains(&h.app.deck.slides[0].title),
            "{path}"
        );
        assert!(!response.text().contains(&secret_note), "{path}");
    }
    let response = post_command(h.addr(), None, r#"{"command":"next"}"#);
    assert_eq!(response.status, 401);
    assert!(h.app.requests.lock().unwrap().is_empty());
    assert_eq!(h.app.current(), 0);
    assert_eq!(h.server.status().paired_phones, 0);
    assert!(h.server.status().refused_requests >= 10);
}

#[test]
fn a_wrong_token_or_cookie_is_refused() {
    let h = Harness::start(1);
    let token = h.server.pairing_url().unwrap();
    let token = token.rsplit_once("token=").unwrap().1.to_string();
    let mut wrong = token.clone().into_bytes();
    wrong[0] = if wrong[0] == b'a' { b'b' } else { b'a' };
    let wrong = String::from_utf8(wrong).unwrap();
    for path in [
        format!("/pair?token={wrong}"),
        "/pair?token=".to_string(),
        "/pair".to_string(),
        format!("/pair?token={token}&token={token}"),
        format!("/pair?token={}", &token[..16]),
    ] {
        let response = get(h.addr(), &path, None);
        assert_eq!(response.status, 403, "{path}");
        assert_eq!(response.header("set-cookie"), None, "{path}");
        assert!(!response.text().contains(&token), "{path}");
    }
    let forged = format!("cuecard_session={}", "0".repeat(64));
    assert_eq!(get(h.addr(), "/api/state", Some(&forged)).status, 401);
    assert_eq!(h.server.status().paired_phones, 0);
    // The right token still pairs after the wrong ones.
    let cookie = h.pair();
    assert_eq!(get(h.addr(), "/api/state", Some(&cookie)).status, 200);
}

#[test]
fn pairing_sets_a_strict_http_only_cookie_and_uses_up_the_token() {
    let h = Harness::start(1);
    let url = h.server.pairing_url().unwrap();
    assert!(url.starts_with(&format!("http://{}/pair?token=", h.host())));
    assert_eq!(
        url.rsplit_once("token=").unwrap().1.len(),
        32,
        "128 bits in hex"
    );
    let path = url.split_once(&h.host()).unwrap().1.to_string();
    let response = get(h.addr(), &path, None);
    assert_eq!(response.status, 303);
    assert_eq!(
        response.header("location"),
        Some("/"),
        "the token leaves the address bar"
    );
    let set_cookie = response.header("set-cookie").unwrap();
    assert!(set_cookie.contains("HttpOnly"), "{set_cookie}");
    assert!(set_cookie.contains("SameSite=Strict"), "{set_cookie}");
    let cookie = cookie_of(&response).unwrap();
    assert_eq!(h.server.status().paired_phones, 1);
    assert_eq!(h.server.pairing_url(), None, "the token is used up");
    assert_eq!(
        get(h.addr(), &path, None).status,
        403,
        "a second use is refused"
    );

    let page = get(h.addr(), "/", Some(&cookie));
    assert_eq!(page.status, 200);
    assert!(page.text().contains("/app.js"));
    let csp = page.header("content-security-policy").unwrap();
    assert!(csp.contains("default-src 'none'"), "{csp}");
    assert_eq!(page.header("cache-control"), Some("no-store"));
    assert_eq!(get(h.addr(), "/app.js", Some(&cookie)).status, 200);
    assert_eq!(get(h.addr(), "/app.css", Some(&cookie)).status, 200);
    assert_eq!(
        get(h.addr(), "/src/", Some(&cookie)).status,
        404,
        "no directory serving"
    );
    assert_eq!(
        get(h.addr(), "/slide.png", Some(&cookie)).status,
        404,
        "no picture yet"
    );

    // A picture of the slide: only for the paired phone, never cached.
    *h.app.slide_png.lock().unwrap() = Some(std::sync::Arc::from(&b"\x89PNG fake"[..]));
    h.app.publish();
    let image = state(&h, &cookie)["image"].as_str().unwrap().to_string();
    assert!(image.starts_with("/slide.png?v="), "{image}");
    let png = get(h.addr(), &image, Some(&cookie));
    assert_eq!(
        (png.status, png.body.as_slice()),
        (200, &b"\x89PNG fake"[..])
    );
    assert_eq!(png.header("content-type"), Some("image/png"));
    assert_eq!(png.header("cache-control"), Some("no-store"));
    assert_eq!(get(h.addr(), &image, None).status, 401);
}

fn state(h: &Harness, cookie: &str) -> serde_json::Value {
    let response = get(h.addr(), "/api/state", Some(cookie));
    assert_eq!(response.status, 200);
    serde_json::from_slice(&response.body).unwrap()
}

#[test]
fn buttons_move_the_presentation_and_the_phone_follows() {
    let h = Harness::start(1);
    let cookie = h.pair();
    let first = state(&h, &cookie);
    assert_eq!(first["slide_number"], 1);
    assert_eq!(first["slide_title"], h.app.deck.slides[0].title.as_str());

    assert_eq!(
        post_command(h.addr(), Some(&cookie), r#"{"command":"next"}"#).status,
        204
    );
    assert_eq!(h.app.current(), 1, "the console's slide moved");
    let second = state(&h, &cookie);
    assert_eq!(second["slide_number"], 2);
    let slide = &h.app.deck.slides[1];
    assert_eq!(second["slide_title"], slide.title.as_str());
    let notes = second["notes"].as_array().unwrap();
    assert_eq!(notes.len(), slide.notes.len());
    for (shown, note) in notes.iter().zip(&slide.notes) {
        match note {
            Note::Script(text) => assert_eq!(shown["text"], text.as_str()),
            Note::Prompt { question, .. } => assert_eq!(shown["question"], question.as_str()),
            _ => {}
        }
    }

    assert_eq!(
        post_command(h.addr(), Some(&cookie), r#"{"command":"toggle_blackout"}"#).status,
        204
    );
    assert_eq!(state(&h, &cookie)["blackout"], true);
    assert_eq!(
        post_command(h.addr(), Some(&cookie), r#"{"command":"previous"}"#).status,
        204
    );
    assert_eq!(h.app.current(), 0);
    assert_eq!(
        post_command(h.addr(), Some(&cookie), r#"{"command":"quit"}"#).status,
        400
    );
    // A command that is not sent as JSON (a form, plain text) is refused,
    // even from the paired phone with the right Origin.
    let body = r#"{"command":"next"}"#;
    for content_type in ["text/plain", "application/x-www-form-urlencoded"] {
        let addr = h.addr();
        let text = format!(
            "POST /api/command HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nCookie: {cookie}\r\nOrigin: http://{addr}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        let response = remote_common::raw(addr, text.as_bytes());
        assert_eq!(response.status, 415, "{content_type}");
        assert_eq!(h.app.current(), 0, "{content_type} moved the slide");
    }
    let parked = post_command(
        h.addr(),
        Some(&cookie),
        r#"{"command":"park_question","text":"Who pays for the shelter beds?"}"#,
    );
    assert_eq!(parked.status, 204);
    assert_eq!(
        h.app.requests.lock().unwrap().last(),
        Some(&RemoteRequest::ParkQuestion {
            text: "Who pays for the shelter beds?".into()
        })
    );
}

/// Opens the event stream; returns a reader positioned after the headers.
fn events(h: &Harness, cookie: &str) -> BufReader<TcpStream> {
    let mut stream = TcpStream::connect(h.addr()).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET /api/events HTTP/1.1\r\nHost: {}\r\nCookie: {cookie}\r\nAccept: text/event-stream\r\n\r\n",
        h.host()
    )
    .unwrap();
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    assert!(line.starts_with("HTTP/1.1 200"), "{line}");
    loop {
        line.clear();
        reader.read_line(&mut line).unwrap();
        if line == "\r\n" {
            return reader;
        }
    }
}

/// Reads until an SSE line containing `needle` (chunk sizes are skipped).
fn wait_for(reader: &mut BufReader<TcpStream>, needle: &str) -> String {
    let mut line = String::new();
    for _ in 0..1000 {
        line.clear();
        if reader.read_line(&mut line).unwrap() == 0 {
            break;
        }
        if line.contains(needle) {
            return line;
        }
    }
    panic!("no event with {needle:?}");
}

#[test]
fn the_event_stream_follows_the_presentation_live() {
    let h = Harness::start(1);
    let cookie = h.pair();
    let mut stream = events(&h, &cookie);
    wait_for(&mut stream, &h.app.deck.slides[0].title);
    post_command(h.addr(), Some(&cookie), r#"{"command":"next"}"#);
    let line = wait_for(&mut stream, "\"slide_number\":2");
    assert!(line.contains(&h.app.deck.slides[1].title));
}

#[test]
fn the_old_token_and_phone_stop_working_after_re_pairing() {
    let h = Harness::start(1);
    let old_url = h.server.pairing_url().unwrap();
    let old_path = old_url.split_once(&h.host()).unwrap().1.to_string();
    let first = h.pair();
    let mut first_stream = events(&h, &first);
    wait_for(&mut first_stream, "slide_number");

    let new_url = h.server.new_pairing().unwrap();
    assert_ne!(new_url, old_url);
    assert_eq!(
        get(h.addr(), &old_path, None).status,
        403,
        "the old token is dead"
    );
    assert_eq!(
        get(h.addr(), "/api/state", Some(&first)).status,
        200,
        "the first phone works until another pairs"
    );
    let second = h.pair();
    assert_ne!(first, second);
    assert_eq!(get(h.addr(), "/api/state", Some(&first)).status, 401);
    assert_eq!(
        post_command(h.addr(), Some(&first), r#"{"command":"next"}"#).status,
        401
    );
    assert_eq!(h.app.current(), 0);
    wait_for(&mut first_stream, "unpaired");
    assert_eq!(get(h.addr(), "/api/state", Some(&second)).status, 200);
    assert_eq!(h.server.status().paired_phones, 1);

    h.server.unpair_all();
    assert_eq!(get(h.addr(), "/api/state", Some(&second)).status, 401);
}

#[test]
fn two_phones_only_when_allowed() {
    let h = Harness::start(2);
    let first = h.pair();
    h.server.new_pairing().unwrap();
    let second = h.pair();
    assert_eq!(get(h.addr(), "/api/state", Some(&first)).status, 200);
    assert_eq!(get(h.addr(), "/api/state", Some(&second)).status, 200);
    h.server.new_pairing().unwrap();
    let third = h.pair();
    assert_eq!(
        get(h.addr(), "/api/state", Some(&first)).status,
        401,
        "oldest unpaired"
    );
    assert_eq!(get(h.addr(), "/api/state", Some(&third)).status, 200);
}

#[test]
fn a_foreign_origin_is_refused() {
    let h = Harness::start(1);
    let cookie = h.pair();
    let next = r#"{"command":"next"}"#;
    for origin in [
        "Origin: http://evil.example",
        "Origin: null",
        &format!("Origin: https://{}", h.host()),
        &format!("Origin: http://{}.evil.example", h.host()),
    ] {
        let response = request(
            h.addr(),
            "POST",
            "/api/command",
            Some(&cookie),
            &[origin],
            next,
        );
        assert_eq!(response.status, 403, "{origin}");
        let response = request(h.addr(), "GET", "/api/state", Some(&cookie), &[origin], "");
        assert_eq!(response.status, 403, "{origin}");
    }
    let no_origin = request(h.addr(), "POST", "/api/command", Some(&cookie), &[], next);
    assert_eq!(no_origin.status, 403, "a POST must say where it comes from");
    assert_eq!(h.app.current(), 0, "no command got through");
    assert!(h.app.requests.lock().unwrap().is_empty());
}

#[test]
fn a_wrong_host_is_refused() {
    let h = Harness::start(1);
    let cookie = h.pair();
    let port = h.addr().port();
    for host in [
        format!("evil.example:{port}"),
        format!("localhost:{port}"),
        "127.0.0.1".to_string(),
        format!("127.0.0.1:{}", port.wrapping_add(1)),
    ] {
        let text = format!(
            "GET /api/state HTTP/1.1\r\nHost: {host}\r\nCookie: {cookie}\r\nConnection: close\r\n\r\n"
        );
        let response = remote_common::raw(h.addr(), text.as_bytes());
        assert_eq!(response.status, 421, "{host}");
        assert!(!response.text().contains("slide_title"), "{host}");
    }
    // A rebinding page's pairing attempt with the right token is refused too.
    let url = h.server.new_pairing().unwrap();
    let path = url.split_once(&h.host()).unwrap().1.to_string();
    let text =
        format!("GET {path} HTTP/1.1\r\nHost: evil.example:{port}\r\nConnection: close\r\n\r\n");
    assert_eq!(remote_common::raw(h.addr(), text.as_bytes()).status, 421);
    assert_eq!(get(h.addr(), "/api/state", Some(&cookie)).status, 200);
}

#[test]
fn every_interface_or_a_taken_port_is_an_error_not_a_surprise() {
    for any in [
        IpAddr::V4(Ipv4Addr::UNSPECIFIED),
        IpAddr::V6(Ipv6Addr::UNSPECIFIED),
    ] {
        let result =
            RemoteServer::start(&RemoteConfig::new(any), |_| {}, SharedSnapshot::default());
        assert!(matches!(result, Err(RemoteError::Unspecified(_))));
        let message = result.unwrap_err().to_string();
        assert!(message.contains("choose one interface"), "{message}");
    }
    let h = Harness::start(1);
    let taken = RemoteConfig {
        port: h.addr().port(),
        ..RemoteConfig::new(IpAddr::V4(Ipv4Addr::LOCALHOST))
    };
    let result = RemoteServer::start(&taken, |_| {}, SharedSnapshot::default());
    let message = result.unwrap_err().to_string();
    assert!(message.contains(&h.addr().to_string()), "{message}");
    assert!(
        message.contains("choose another interface or port"),
        "{message}"
    );
}

#[test]
fn stop_closes_the_port_and_debug_output_has_no_secret() {
    let h = Harness::start(1);
    let addr = h.addr();
    let token = h.server.pairing_url().unwrap();
    let token = token.rsplit_once("token=").unwrap().1.to_string();
    assert!(!format!("{:?}", h.server).contains(&token));
    let cookie = h.pair();
    let _stream = events(&h, &cookie);
    h.server.stop();
    assert!(
        TcpStream::connect_timeout(&addr, Duration::from_secs(1)).is_err(),
        "nothing listens after stop"
    );
}
