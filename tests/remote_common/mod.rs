//! Helpers for the phone remote's tests: a real server on 127.0.0.1 driving
//! a real presentation of Module 5 (as the app will), and a raw HTTP/1.1
//! client that can send anything, wrong headers included.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::missing_panics_doc
)]

use std::io::{Read, Write};
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use cuecard::deck::{self, Deck};
use cuecard::remote::{RemoteConfig, RemoteRequest, RemoteServer, RemoteSnapshot, SharedSnapshot};
use cuecard::show::Presentation;

/// The Module 5 deck built into the binary.
pub fn module5() -> Deck {
    deck::parse(
        cuecard::MODULE5_RON.as_bytes(),
        std::path::Path::new("module5.ron"),
        None,
    )
    .unwrap()
    .deck
}

/// What the fake app behind the server saw and holds.
pub struct App {
    /// The presentation the requests act on (the app's single model).
    pub presentation: Mutex<Presentation>,
    /// Every request received, in order.
    pub requests: Mutex<Vec<RemoteRequest>>,
    /// The deck.
    pub deck: Deck,
    /// What the phone is shown.
    pub snapshot: SharedSnapshot,
    /// The picture of the slide the app would render, if any.
    pub slide_png: Mutex<Option<Arc<[u8]>>>,
}

impl App {
    /// Publishes the snapshot of the presentation now.
    pub fn publish(&self) {
        let show = self.presentation.lock().unwrap();
        let snap = RemoteSnapshot {
            slide_png: self.slide_png.lock().unwrap().clone(),
            ..RemoteSnapshot::from_presentation(&self.deck, &show, Instant::now())
        };
        self.snapshot.publish(snap);
    }

    /// The current slide's index (the console's slide).
    pub fn current(&self) -> usize {
        self.presentation.lock().unwrap().current()
    }
}

/// A running server and the app behind it.
pub struct Harness {
    /// The server.
    pub server: RemoteServer,
    /// The app.
    pub app: Arc<App>,
}

impl Harness {
    /// A server on 127.0.0.1, a free port, `max_phones` phones.
    pub fn start(max_phones: usize) -> Self {
        let deck = module5();
        let app = Arc::new(App {
            presentation: Mutex::new(Presentation::new(&deck)),
            requests: Mutex::new(Vec::new()),
            deck,
            snapshot: SharedSnapshot::default(),
            slide_png: Mutex::new(None),
        });
        app.publish();
        let config = RemoteConfig {
            max_phones,
            ..RemoteConfig::new(IpAddr::V4(Ipv4Addr::LOCALHOST))
        };
        let sink = Arc::clone(&app);
        // As the app will: a request becomes the keys' Command, applied to
        // the one presentation model, then the snapshot is published.
        let server = RemoteServer::start(
            &config,
            move |request| {
                if let Some(command) = request.command() {
                    sink.presentation
                        .lock()
                        .unwrap()
                        .apply(&command, Instant::now());
                }
                sink.requests.lock().unwrap().push(request);
                sink.publish();
            },
            app.snapshot.clone(),
        )
        .unwrap();
        Self { server, app }
    }

    /// The server's address.
    pub fn addr(&self) -> SocketAddr {
        self.server.address()
    }

    /// The Host header value the server expects.
    pub fn host(&self) -> String {
        self.addr().to_string()
    }

    /// Pairs with the current token; the session cookie's `name=value`.
    pub fn pair(&self) -> String {
        let url = self.server.pairing_url().expect("a live token");
        let path = url.split_once(&self.host()).unwrap().1.to_string();
        let response = get(self.addr(), &path, None);
        assert_eq!(response.status, 303, "pairing answers a redirect");
        assert_eq!(response.header("location"), Some("/"));
        cookie_of(&response).expect("pairing sets a cookie")
    }
}

/// The `name=value` part of a response's Set-Cookie.
pub fn cookie_of(response: &Response) -> Option<String> {
    response
        .header("set-cookie")
        .and_then(|v| v.split(';').next())
        .map(str::to_string)
}

/// A parsed HTTP response.
#[derive(Debug, Clone)]
pub struct Response {
    /// Status code (0 if the server answered nothing parseable).
    pub status: u16,
    /// Headers, names lower-cased.
    pub headers: Vec<(String, String)>,
    /// Body bytes (chunked bodies are left as sent).
    pub body: Vec<u8>,
}

impl Response {
    /// The first header named `name` (lower case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Sends a whole request (with `Connection: close`), reads until the
/// server closes (at most 5 s).
pub fn raw(addr: SocketAddr, bytes: &[u8]) -> Response {
    send(addr, bytes, false)
}

/// Sends bytes that may be a partial request, then closes the sending
/// side so the server sees the end at once; reads until it closes.
pub fn raw_then_close(addr: SocketAddr, bytes: &[u8]) -> Response {
    send(addr, bytes, true)
}

fn send(addr: SocketAddr, bytes: &[u8], close_write: bool) -> Response {
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(2)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    stream
        .set_write_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    // The server may close early on garbage; that is fine.
    let _ = stream.write_all(bytes);
    if close_write {
        // hyper drops a connection whose client half-closed before the
        // answer was written, so only partial requests close early.
        let _ = stream.shutdown(std::net::Shutdown::Write);
    }
    let mut out = Vec::new();
    let _ = stream.read_to_end(&mut out);
    parse(&out)
}

/// Parses a response (status line, headers, body).
pub fn parse(bytes: &[u8]) -> Response {
    let text = String::from_utf8_lossy(bytes);
    let Some((head, _)) = text.split_once("\r\n\r\n") else {
        return Response {
            status: 0,
            headers: Vec::new(),
            body: bytes.to_vec(),
        };
    };
    let body = bytes[head.len() + 4..].to_vec();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Response {
        status,
        headers,
        body,
    }
}

/// A request with the right Host, optional cookie and extra header lines.
pub fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    cookie: Option<&str>,
    extra: &[&str],
    body: &str,
) -> Response {
    let mut text = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    if let Some(cookie) = cookie {
        text = text + "Cookie: " + cookie + "\r\n";
    }
    for line in extra {
        text.push_str(line);
        text.push_str("\r\n");
    }
    if !body.is_empty() || method == "POST" {
        text = text
            + "Content-Type: application/json\r\nContent-Length: "
            + &body.len().to_string()
            + "\r\n";
    }
    text.push_str("\r\n");
    text.push_str(body);
    raw(addr, text.as_bytes())
}

/// GET with the right Host.
pub fn get(addr: SocketAddr, path: &str, cookie: Option<&str>) -> Response {
    request(addr, "GET", path, cookie, &[], "")
}

/// POST a command as the page does (same Origin).
pub fn post_command(addr: SocketAddr, cookie: Option<&str>, json: &str) -> Response {
    let origin = format!("Origin: http://{addr}");
    request(addr, "POST", "/api/command", cookie, &[&origin], json)
}
