//! The phone remote under abuse from the venue Wi-Fi: a flood of bad
//! requests (about 1,000 a second for 10 s) while the paired phone keeps
//! working, and fuzzed requests that must not bring the server down.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod remote_common;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use remote_common::{Harness, get, post_command, raw, raw_then_close, request};

/// Flood threads; each sends `RATE_PER_THREAD` bad requests a second.
const FLOOD_THREADS: u32 = 4;
const RATE_PER_THREAD: u32 = 250;
const FLOOD_SECS: u32 = 10;

#[test]
fn a_flood_of_bad_requests_does_not_lock_out_the_paired_phone() {
    let h = Harness::start(1);
    let cookie = h.pair();
    let addr = h.addr();
    let host = h.host();
    let token_path = format!("/pair?token={}", "ab".repeat(16));
    let stop = Arc::new(AtomicBool::new(false));
    let sent = Arc::new(AtomicU64::new(0));
    let throttled = Arc::new(AtomicU64::new(0));
    let let_through = Arc::new(AtomicU64::new(0));

    let flood: Vec<_> = (0..FLOOD_THREADS)
        .map(|thread| {
            let (sent, throttled, let_through) =
                (Arc::clone(&sent), Arc::clone(&throttled), Arc::clone(&let_through));
            let (token_path, host) = (token_path.clone(), host.clone());
            std::thread::spawn(move || {
                let start = Instant::now();
                let period = Duration::from_secs(1) / RATE_PER_THREAD;
                for i in 0..RATE_PER_THREAD * FLOOD_SECS {
                    if let Some(wait) = (start + period * i).checked_duration_since(Instant::now()) {
                        std::thread::sleep(wait);
                    }
                    let wrong_cookie = format!("cuecard_session={:064x}", u64::from(i));
                    let response = match (i + thread) % 5 {
                        0 => get(addr, "/api/state", None),
                        1 => get(addr, "/api/state", Some(&wrong_cookie)),
                        2 => get(addr, &token_path, None),
                        3 => post_command(addr, Some(&wrong_cookie), r#"{"command":"next"}"#),
                        _ => raw(
                            addr,
                            format!(
                                "GET / HTTP/1.1\r\nHost: evil.example\r\nOrigin: http://evil.example\r\nConnection: close\r\n\r\n{host}"
                            )
                            .as_bytes(),
                        ),
                    };
                    sent.fetch_add(1, Ordering::Relaxed);
                    match response.status {
                        429 => throttled.fetch_add(1, Ordering::Relaxed),
                        401 | 403 | 421 => 0,
                        _ => let_through.fetch_add(1, Ordering::Relaxed),
                    };
                }
            })
        })
        .collect();

    // The presenter's phone: a state read every 100 ms, a button every
    // second, for as long as the flood lasts.
    let phone = {
        let (stop, cookie) = (Arc::clone(&stop), cookie.clone());
        std::thread::spawn(move || {
            let mut reads = 0u32;
            let mut presses = 0u32;
            let mut slowest = Duration::ZERO;
            let mut i = 0u32;
            while !stop.load(Ordering::Relaxed) && i < 400 {
                let t = Instant::now();
                let response = get(addr, "/api/state", Some(&cookie));
                assert_eq!(
                    response.status, 200,
                    "the paired phone was refused mid-flood"
                );
                reads += 1;
                if i % 10 == 9 {
                    let json = if presses.is_multiple_of(2) {
                        "next"
                    } else {
                        "previous"
                    };
                    let body = format!(r#"{{"command":"{json}"}}"#);
                    assert_eq!(post_command(addr, Some(&cookie), &body).status, 204);
                    presses += 1;
                }
                slowest = slowest.max(t.elapsed());
                i += 1;
                std::thread::sleep(Duration::from_millis(100));
            }
            (reads, presses, slowest)
        })
    };

    let flood_start = Instant::now();
    for thread in flood {
        thread.join().unwrap();
    }
    let flood_time = flood_start.elapsed();
    stop.store(true, Ordering::Relaxed);
    let (reads, presses, slowest) = phone.join().unwrap();

    let sent = sent.load(Ordering::Relaxed);
    assert_eq!(
        u64::from(FLOOD_THREADS * RATE_PER_THREAD * FLOOD_SECS),
        sent
    );
    assert!(
        flood_time < Duration::from_secs(u64::from(FLOOD_SECS) * 3),
        "the flood ran far slower than 1,000 a second: {flood_time:?}"
    );
    assert_eq!(
        let_through.load(Ordering::Relaxed),
        0,
        "a bad request was served"
    );
    assert!(
        throttled.load(Ordering::Relaxed) > sent / 2,
        "the rate limit should answer most of the flood with 429"
    );
    assert!(reads >= 50, "the phone read its state {reads} times");
    assert!(presses >= 5);
    // Every press was the phone's own: the flood's "next" never arrived.
    assert_eq!(h.app.requests.lock().unwrap().len(), presses as usize);
    assert!(
        slowest < Duration::from_secs(2),
        "the phone waited {slowest:?} for an answer"
    );
    assert!(h.server.status().refused_requests >= sent);
}

/// A small, seeded generator: the same requests on every run.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn fuzzed_requests_do_not_bring_the_server_down() {
    let h = Harness::start(1);
    let cookie = h.pair();
    let addr = h.addr();
    let template = format!(
        "POST /api/command?x=1 HTTP/1.1\r\nHost: {addr}\r\nOrigin: http://{addr}\r\nCookie: {cookie}\r\nContent-Type: application/json\r\nContent-Length: 18\r\nConnection: close\r\n\r\n{{\"command\":\"next\"}}"
    );
    let pieces: [&[u8]; 12] = [
        b"\r\n",
        b"\0",
        b"%00",
        b"../",
        b"Transfer-Encoding: chunked\r\n",
        b"Content-Length: 99999999999999999999\r\n",
        b"Host: evil\r\n",
        b"\xff\xfe",
        b"{\"command\":",
        b"?token=",
        b"Cookie: cuecard_session=\r\n",
        b"GET /pair?token=",
    ];
    let mut rng = XorShift(0x5eed_cafe_f00d_0001);
    let mut answered = 0u32;
    for round in 0..1500u32 {
        let mut bytes = template.clone().into_bytes();
        match round % 4 {
            0 => {
                let len = rng.below(600);
                bytes = (0..len).map(|_| rng.next() as u8).collect();
            }
            1 => {
                for _ in 0..=rng.below(8) {
                    let at = rng.below(bytes.len());
                    bytes[at] = rng.next() as u8;
                }
            }
            2 => {
                for _ in 0..=rng.below(4) {
                    let at = rng.below(bytes.len() + 1);
                    let piece = pieces[rng.below(pieces.len())];
                    bytes.splice(at..at, piece.iter().copied());
                }
            }
            _ => {
                let at = rng.below(bytes.len());
                bytes.truncate(at);
                if rng.below(2) == 0 {
                    bytes.extend(std::iter::repeat_n(b'A', rng.below(20_000)));
                }
            }
        }
        let response = raw_then_close(addr, &bytes);
        if response.status != 0 {
            answered += 1;
        }
        if response.status == 200 || response.status == 204 {
            // Only a request that kept the right Host, cookie and Origin
            // can pass, and it must still be a real command or page.
            assert!(response.header("cache-control") == Some("no-store"));
        }
    }
    assert!(
        answered > 100,
        "the server answered only {answered} of 1,500"
    );
    // Still up, and still the phone's.
    assert_eq!(get(addr, "/api/state", Some(&cookie)).status, 200);
    let page = request(addr, "GET", "/", Some(&cookie), &[], "");
    assert_eq!(page.status, 200);
    assert_eq!(
        post_command(addr, Some(&cookie), r#"{"command":"toggle_blackout"}"#).status,
        204
    );
}
