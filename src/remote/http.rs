//! The HTTP side: axum routes on a current-thread tokio runtime, the guard
//! every request passes first, and the server-sent events that keep the
//! page live. Only the routes below exist; there is no directory serving.

use std::convert::Infallible;
use std::future::IntoFuture;
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, DefaultBodyLimit, Extension, Request, State as Extract};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use futures_util::Stream;
use serde::Serialize;
use tokio::sync::{oneshot, watch};

use super::auth::{PairOutcome, Pairing};
use super::guard;
use super::limit::FailureLimit;
use super::request::RemoteRequest;
use super::snapshot::{RemoteSnapshot, SharedSnapshot, Versioned};

const INDEX_HTML: &str = include_str!("page/index.html");
const APP_JS: &str = include_str!("page/app.js");
const APP_CSS: &str = include_str!("page/app.css");
/// Largest request body accepted (a parked question fits many times).
const MAX_BODY_BYTES: usize = 4096;

/// Counters and notifications shared with [`super::RemoteServer`].
#[derive(Debug)]
pub struct Stats {
    refused: AtomicU64,
    revoked: watch::Sender<u64>,
}

impl Default for Stats {
    fn default() -> Self {
        Self {
            refused: AtomicU64::new(0),
            revoked: watch::channel(0).0,
        }
    }
}

impl Stats {
    /// Requests refused so far.
    pub fn refused(&self) -> u64 {
        self.refused.load(Ordering::Relaxed)
    }

    /// Tells the live pages to check whether they are still paired.
    pub fn notify_revoked(&self) {
        self.revoked.send_modify(|n| *n = n.wrapping_add(1));
    }

    fn refuse(&self) {
        self.refused.fetch_add(1, Ordering::Relaxed);
    }
}

/// Everything the handlers share.
#[derive(Clone)]
pub struct State(Arc<Inner>);

struct Inner {
    host: String,
    pairing: Arc<Mutex<Pairing>>,
    stats: Arc<Stats>,
    limit: Mutex<FailureLimit>,
    commands: Arc<dyn Fn(RemoteRequest) + Send + Sync>,
    snapshot: SharedSnapshot,
}

impl State {
    /// The state of a server listening on `address`.
    pub fn new(
        address: SocketAddr,
        pairing: Arc<Mutex<Pairing>>,
        stats: Arc<Stats>,
        commands: Arc<dyn Fn(RemoteRequest) + Send + Sync>,
        snapshot: SharedSnapshot,
    ) -> Self {
        Self(Arc::new(Inner {
            host: guard::expected_host(address),
            pairing,
            stats,
            limit: Mutex::new(FailureLimit::default()),
            commands,
            snapshot,
        }))
    }

    fn pairing(&self) -> std::sync::MutexGuard<'_, Pairing> {
        self.0
            .pairing
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    fn is_paired(&self, cookie: &str) -> bool {
        self.pairing().is_paired(cookie)
    }

    fn blocked(&self, client: IpAddr) -> bool {
        let mut limit = self.0.limit.lock().unwrap_or_else(PoisonError::into_inner);
        limit.is_blocked(client, Instant::now())
    }

    /// Counts a refusal; answers 429 instead of `status` if the client has
    /// used up its refusals.
    fn refuse(&self, client: IpAddr, status: StatusCode, message: &str) -> Response {
        self.0.stats.refuse();
        let mut limit = self.0.limit.lock().unwrap_or_else(PoisonError::into_inner);
        let now = Instant::now();
        if limit.is_blocked(client, now) {
            return refusal(
                StatusCode::TOO_MANY_REQUESTS,
                "Too many refused requests: wait a few seconds.",
            );
        }
        limit.record_failure(client, now);
        refusal(status, message)
    }
}

/// The session of a request that passed the guard.
#[derive(Clone)]
struct Session(Arc<str>);

/// Runs the server until `stop` fires (or is dropped), then drops the
/// runtime, which closes the listener and every connection.
pub fn serve(
    runtime: tokio::runtime::Runtime,
    listener: std::net::TcpListener,
    state: State,
    stop: oneshot::Receiver<()>,
) {
    runtime.block_on(async move {
        let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
            return;
        };
        let app = router(state).into_make_service_with_connect_info::<SocketAddr>();
        tokio::select! {
            _ = axum::serve(listener, app).into_future() => {}
            _ = stop => {}
        }
    });
    runtime.shutdown_timeout(Duration::from_millis(200));
}

fn router(state: State) -> Router {
    Router::new()
        .route("/", get(page))
        .route("/app.js", get(app_js))
        .route("/app.css", get(app_css))
        .route("/api/state", get(state_json))
        .route("/api/events", get(events))
        .route("/api/command", post(command))
        .route("/slide.png", get(slide_png))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(middleware::from_fn_with_state(state.clone(), guard_layer))
        .with_state(state)
}

/// The guard in front of every route (and of the fallback): Host, Origin,
/// pairing, session cookie, rate limit; then the security headers on
/// whatever the answer is.
async fn guard_layer(
    Extract(state): Extract<State>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    mut request: Request,
    next: Next,
) -> Response {
    let mut response = match check(&state, peer.ip(), &mut request) {
        Some(answer) => answer,
        None => next.run(request).await,
    };
    guard::security_headers(response.headers_mut());
    response
}

/// The guard's decision: `None` lets the request through to its route
/// (with its [`Session`]), `Some` is the answer instead.
fn check(state: &State, client: IpAddr, request: &mut Request) -> Option<Response> {
    let headers = request.headers();
    if !guard::host_ok(headers, &state.0.host) {
        return Some(state.refuse(
            client,
            StatusCode::MISDIRECTED_REQUEST,
            "This is not the address cuecard's phone remote listens on.",
        ));
    }
    if !guard::origin_ok(request.method(), headers, &state.0.host) {
        return Some(state.refuse(
            client,
            StatusCode::FORBIDDEN,
            "Requests from other sites are refused.",
        ));
    }
    if request.uri().path() == "/pair" && request.method() == Method::GET {
        return Some(pair(state, client, request.uri().query()));
    }
    let session = guard::session_cookie(headers)
        .filter(|cookie| state.is_paired(cookie))
        .map(Arc::<str>::from);
    if let Some(session) = session {
        request.extensions_mut().insert(Session(session));
        return None;
    }
    Some(state.refuse(
        client,
        StatusCode::UNAUTHORIZED,
        "This phone is not paired with cuecard. On the presenter console, choose \u{201c}Phone remote\u{2026}\u{201d} and scan the QR code.",
    ))
}

/// `GET /pair?token=…`: exchanges the one-time token for a session cookie
/// and redirects to `/`, so the token leaves the address bar and history.
fn pair(state: &State, client: IpAddr, query: Option<&str>) -> Response {
    if state.blocked(client) {
        state.0.stats.refuse();
        return refusal(
            StatusCode::TOO_MANY_REQUESTS,
            "Too many refused requests: wait a few seconds.",
        );
    }
    let outcome = guard::token_param(query).map(|token| state.pairing().pair(token));
    match outcome {
        Some(Ok(PairOutcome::Paired {
            cookie,
            revoked_other,
        })) => {
            if revoked_other {
                state.0.stats.notify_revoked();
            }
            let mut response = StatusCode::SEE_OTHER.into_response();
            let headers = response.headers_mut();
            headers.insert(header::LOCATION, HeaderValue::from_static("/"));
            if let Ok(value) = HeaderValue::from_str(&guard::set_cookie(&cookie)) {
                headers.insert(header::SET_COOKIE, value);
            }
            response
        }
        Some(Err(_)) => refusal(
            StatusCode::SERVICE_UNAVAILABLE,
            "cuecard could not make a session (the random number generator failed).",
        ),
        Some(Ok(PairOutcome::Refused)) | None => state.refuse(
            client,
            StatusCode::FORBIDDEN,
            "This pairing code is wrong or already used. On the presenter console, choose \u{201c}Phone remote\u{2026}\u{201d} and scan the new QR code.",
        ),
    }
}

/// A short HTML page saying why a request was refused (nothing secret in
/// it, nothing from the request echoed).
fn refusal(status: StatusCode, message: &str) -> Response {
    let body = format!(
        "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>cuecard remote</title><p>{message}</p></html>"
    );
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        body,
    )
        .into_response()
}

async fn page() -> Response {
    (
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        INDEX_HTML,
    )
        .into_response()
}

async fn app_js() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        APP_JS,
    )
        .into_response()
}

async fn app_css() -> Response {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], APP_CSS).into_response()
}

async fn not_found() -> Response {
    refusal(StatusCode::NOT_FOUND, "Nothing here.")
}

/// The snapshot as the page reads it: the snapshot's fields, its version,
/// and the picture's URL if there is one.
#[derive(Serialize)]
struct Wire<'a> {
    #[serde(flatten)]
    snapshot: &'a RemoteSnapshot,
    version: u64,
    image: Option<String>,
}

fn wire_json(versioned: &Versioned) -> String {
    let wire = Wire {
        snapshot: &versioned.snapshot,
        version: versioned.version,
        image: versioned
            .snapshot
            .slide_png
            .as_ref()
            .map(|_| format!("/slide.png?v={}", versioned.image_version)),
    };
    serde_json::to_string(&wire).unwrap_or_else(|_| String::from("{}"))
}

async fn state_json(Extract(state): Extract<State>) -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        wire_json(&state.0.snapshot.versioned()),
    )
        .into_response()
}

async fn slide_png(Extract(state): Extract<State>) -> Response {
    match state.0.snapshot.current().slide_png.clone() {
        Some(png) => (
            [(header::CONTENT_TYPE, "image/png")],
            Body::from(Bytes::from_owner(png)),
        )
            .into_response(),
        None => refusal(StatusCode::NOT_FOUND, "No picture of this slide."),
    }
}

async fn command(
    Extract(state): Extract<State>,
    headers: axum::http::HeaderMap,
    body: Bytes,
) -> Response {
    // The page sends JSON; anything else (a form, plain text) is refused.
    let json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json"));
    if !json {
        return refusal(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Commands are sent as application/json.",
        );
    }
    match RemoteRequest::parse(&body) {
        Some(request) => {
            (state.0.commands)(request);
            StatusCode::NO_CONTENT.into_response()
        }
        None => refusal(StatusCode::BAD_REQUEST, "Unknown command."),
    }
}

/// Where an event stream is.
enum Phase {
    First,
    Live,
    Ended,
}

struct Feed {
    phase: Phase,
    snapshots: watch::Receiver<Versioned>,
    revoked: watch::Receiver<u64>,
    state: State,
    session: Session,
}

/// `GET /api/events`: the snapshot now, then again at each change, as
/// server-sent events; an `unpaired` event and the end of the stream when
/// this phone loses its pairing. The browser's `EventSource` reconnects by
/// itself after a dropped connection.
async fn events(
    Extract(state): Extract<State>,
    Extension(session): Extension<Session>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let feed = Feed {
        phase: Phase::First,
        snapshots: state.0.snapshot.subscribe(),
        revoked: state.0.stats.revoked.subscribe(),
        state,
        session,
    };
    let stream = futures_util::stream::unfold(feed, |mut feed| async move {
        match feed.phase {
            Phase::Ended => return None,
            Phase::First => {
                feed.phase = Phase::Live;
                let data = wire_json(&feed.snapshots.borrow_and_update());
                let event = Event::default().retry(Duration::from_secs(2)).data(data);
                return Some((Ok(event), feed));
            }
            Phase::Live => {}
        }
        loop {
            tokio::select! {
                changed = feed.snapshots.changed() => {
                    changed.ok()?;
                    if !feed.state.is_paired(&feed.session.0) {
                        break;
                    }
                    let data = wire_json(&feed.snapshots.borrow_and_update());
                    return Some((Ok(Event::default().data(data)), feed));
                }
                changed = feed.revoked.changed() => {
                    changed.ok()?;
                    if !feed.state.is_paired(&feed.session.0) {
                        break;
                    }
                }
            }
        }
        feed.phase = Phase::Ended;
        let event = Event::default().event("unpaired").data("unpaired");
        Some((Ok(event), feed))
    });
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}
