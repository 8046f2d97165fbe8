//! The phone remote: a small web server on the laptop that a phone's
//! browser pairs with (by a QR code on the presenter console) to move the
//! slides, black the screen, run the discussion count-down and park a
//! question, while it shows the current slide, the speaker notes by kind
//! and the timers.
//!
//! UI-free. The server runs on its own thread (a current-thread tokio
//! runtime with axum). It talks to the app in exactly two ways:
//!
//! - it calls the `commands` callback given to [`RemoteServer::start`] with
//!   a [`RemoteRequest`] for each button pressed on a paired phone; the app
//!   turns it into a [`crate::show::Command`] ([`RemoteRequest::command`])
//!   and sends it down the same channel keys use;
//! - it reads a [`SharedSnapshot`] that the app publishes
//!   ([`SharedSnapshot::publish`]) whenever what the phone shows changes.
//!
//! Security (threat model in `docs/remote.md`): the pairing token (128
//! bits from the OS's CSPRNG) is used once and exchanged for an `HttpOnly`,
//! `SameSite=Strict` session cookie; every request needs that cookie;
//! secrets are compared in constant time; Host and Origin are checked;
//! failures are rate-limited per address; the server binds only to the
//! interface the presenter chose and refuses 0.0.0.0 and `::`.

mod auth;
mod guard;
mod http;
mod interfaces;
mod limit;
mod request;
mod snapshot;

use std::net::{IpAddr, SocketAddr, TcpListener};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;

pub use interfaces::{Interface, interfaces, suggested_interface};
pub use request::RemoteRequest;
pub use snapshot::{DiscussionView, RemoteNote, RemoteSnapshot, SharedSnapshot, TalkTimerView};

use auth::Pairing;

/// Errors starting the phone remote.
#[derive(Debug, thiserror::Error)]
pub enum RemoteError {
    /// The address is 0.0.0.0 or `::`, which would listen on every
    /// interface.
    #[error(
        "phone remote: {0} means every network interface; choose one interface (its address is in the list of interfaces)"
    )]
    Unspecified(IpAddr),
    /// The address is a multicast address, which no server can listen on.
    #[error(
        "phone remote: {0} is a multicast address, not an interface; choose an interface's address"
    )]
    Multicast(IpAddr),
    /// Binding the socket failed (address not on this machine, port taken).
    #[error(
        "phone remote: cannot listen on {address}: {source}; choose another interface or port (0 picks a free port)"
    )]
    Bind {
        /// The address and port asked for.
        address: SocketAddr,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// The OS's random number generator failed (no token can be made).
    #[error(
        "phone remote: the operating system's random number generator failed ({0}); the remote cannot be paired safely"
    )]
    Random(String),
    /// The server's thread or runtime could not be started.
    #[error("phone remote: cannot start the server thread: {0}")]
    Thread(std::io::Error),
}

/// Where and how the phone remote listens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteConfig {
    /// The address of the one interface to listen on (see [`interfaces`]).
    /// Never 0.0.0.0 or `::`: [`RemoteServer::start`] refuses them.
    pub bind: IpAddr,
    /// The TCP port; 0 lets the OS pick a free one (see
    /// [`RemoteServer::address`]).
    pub port: u16,
    /// How many phones may be paired at once (at least 1). When one more
    /// pairs, the one paired longest ago is unpaired.
    pub max_phones: usize,
}

impl RemoteConfig {
    /// One phone, on `bind`, on a free port.
    pub fn new(bind: IpAddr) -> Self {
        Self {
            bind,
            port: 0,
            max_phones: 1,
        }
    }
}

/// What the console shows about the remote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RemoteStatus {
    /// Phones paired now.
    pub paired_phones: usize,
    /// Requests refused since the start (no or wrong token or cookie,
    /// wrong Host or Origin, rate limit). Never includes what was sent.
    pub refused_requests: u64,
}

/// The running phone remote. Stops on [`RemoteServer::stop`] or drop.
pub struct RemoteServer {
    address: SocketAddr,
    pairing: Arc<Mutex<Pairing>>,
    stats: Arc<http::Stats>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for RemoteServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // No token or cookie in debug output (it may end up in a log).
        f.debug_struct("RemoteServer")
            .field("address", &self.address)
            .finish_non_exhaustive()
    }
}

impl RemoteServer {
    /// Starts the server on `config.bind`, on its own thread.
    ///
    /// `commands` is called (on the server's thread) with each request from
    /// a paired phone; it must not block (send it down a channel).
    /// `snapshot` is what the phone shows; the server watches it for
    /// changes. Binding happens before this returns, so a taken port or an
    /// address not on this machine is an error here.
    pub fn start(
        config: &RemoteConfig,
        commands: impl Fn(RemoteRequest) + Send + Sync + 'static,
        snapshot: SharedSnapshot,
    ) -> Result<Self, RemoteError> {
        if config.bind.is_unspecified() {
            return Err(RemoteError::Unspecified(config.bind));
        }
        if config.bind.is_multicast() {
            return Err(RemoteError::Multicast(config.bind));
        }
        let requested = SocketAddr::new(config.bind, config.port);
        let listener = TcpListener::bind(requested).map_err(|source| RemoteError::Bind {
            address: requested,
            source,
        })?;
        let address = listener.local_addr().map_err(|source| RemoteError::Bind {
            address: requested,
            source,
        })?;
        listener
            .set_nonblocking(true)
            .map_err(|source| RemoteError::Bind {
                address: requested,
                source,
            })?;
        let pairing = Arc::new(Mutex::new(
            Pairing::new(config.max_phones).map_err(RemoteError::Random)?,
        ));
        let stats = Arc::new(http::Stats::default());
        let shared = http::State::new(
            address,
            Arc::clone(&pairing),
            Arc::clone(&stats),
            Arc::new(commands),
            snapshot,
        );
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .enable_time()
            .build()
            .map_err(RemoteError::Thread)?;
        let thread = std::thread::Builder::new()
            .name("cuecard-remote".into())
            .spawn(move || http::serve(runtime, listener, shared, stop_rx))
            .map_err(RemoteError::Thread)?;
        Ok(Self {
            address,
            pairing,
            stats,
            stop: Some(stop_tx),
            thread: Some(thread),
        })
    }

    /// The address and port the server listens on.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The address to show under the QR code, e.g. `http://192.168.1.20:8765`
    /// (no token: it is safe to show and to read out).
    pub fn short_address(&self) -> String {
        format!("http://{}", self.address)
    }

    /// The URL for the QR code: the short address with the pairing token.
    /// Secret until used: show it only on the presenter console, never on
    /// the audience view, and never log it. `None` once a phone has paired
    /// with it (call [`RemoteServer::new_pairing`] for another phone).
    pub fn pairing_url(&self) -> Option<String> {
        let pairing = self.pairing.lock().unwrap_or_else(PoisonError::into_inner);
        pairing
            .token_hex()
            .map(|token| format!("http://{}/pair?token={token}", self.address))
    }

    /// Makes a new pairing token and returns its URL for the QR code. The
    /// previous token stops working at once; the phones paired now stay
    /// paired until the new token is used and the number of phones would
    /// pass [`RemoteConfig::max_phones`] (then the oldest is unpaired).
    pub fn new_pairing(&self) -> Result<String, RemoteError> {
        let mut pairing = self.pairing.lock().unwrap_or_else(PoisonError::into_inner);
        let token = pairing.renew_token().map_err(RemoteError::Random)?;
        Ok(format!("http://{}/pair?token={token}", self.address))
    }

    /// How many phones may be paired at once from now on (at least 1).
    /// Allowing fewer than are paired unpairs the ones paired longest ago
    /// (their pages say so).
    pub fn set_max_phones(&self, max_phones: usize) {
        let mut pairing = self.pairing.lock().unwrap_or_else(PoisonError::into_inner);
        let unpaired = pairing.set_max_phones(max_phones);
        drop(pairing);
        if unpaired > 0 {
            self.stats.notify_revoked();
        }
    }

    /// How many phones may be paired at once.
    pub fn max_phones(&self) -> usize {
        self.pairing
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .max_phones()
    }

    /// Unpairs every phone (their pages say so and stop updating).
    pub fn unpair_all(&self) {
        let mut pairing = self.pairing.lock().unwrap_or_else(PoisonError::into_inner);
        pairing.revoke_all();
        drop(pairing);
        self.stats.notify_revoked();
    }

    /// Paired phones and refused requests, for the console.
    pub fn status(&self) -> RemoteStatus {
        let pairing = self.pairing.lock().unwrap_or_else(PoisonError::into_inner);
        RemoteStatus {
            paired_phones: pairing.paired_count(),
            refused_requests: self.stats.refused(),
        }
    }

    /// Stops the server: closes the socket and every connection, and waits
    /// for its thread to end.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        if let Some(stop) = self.stop.take() {
            // The server may already be gone; nothing to stop then.
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            // A panic on the server thread already ended it; the app goes on.
            let _ = thread.join();
        }
    }
}

impl Drop for RemoteServer {
    fn drop(&mut self) {
        self.shutdown();
    }
}
