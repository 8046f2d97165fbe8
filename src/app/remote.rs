//! The phone remote, wired into the shell: starts and stops the server of
//! [`crate::remote`], maps its requests to the same commands keys send
//! (through the one [`super::CommandSender`]), publishes what the phone
//! shows each console frame, and says what the console's "Phone remote…"
//! menu shows. The pairing URL (the secret) goes only to the console.

use std::net::IpAddr;
use std::time::Instant;

use crate::remote::{
    self, Interface, RemoteConfig, RemoteRequest, RemoteServer, RemoteSnapshot, SharedSnapshot,
};

use super::notices::{NoticeSource, Severity};
use super::{CommandSender, PresenterApp};

/// A running phone remote: the server, what it shows, and where it listens.
#[derive(Debug)]
pub struct RemoteLink {
    /// The server (dropping it stops it).
    server: RemoteServer,
    /// What the phone shows; published each console frame.
    snapshot: SharedSnapshot,
    /// The interface it is bound to, as the console shows it.
    interface: String,
}

/// What the console's "Phone remote…" menu shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RemoteView {
    /// Whether the remote is on.
    pub on: bool,
    /// The address a phone opens, e.g. `http://192.168.1.20:8765` (safe to
    /// show).
    pub short_address: String,
    /// The interface it listens on (name and address).
    pub interface: String,
    /// The QR code's content, with the one-time token: console only.
    pub pairing_url: Option<String>,
    /// Phones paired now.
    pub paired_phones: usize,
    /// Requests refused so far.
    pub refused_requests: u64,
}

/// What the console's menu shows when the remote is off.
pub static REMOTE_OFF: RemoteView = RemoteView {
    on: false,
    short_address: String::new(),
    interface: String::new(),
    pairing_url: None,
    paired_phones: 0,
    refused_requests: 0,
};

/// The phone remote's part of the app: the running link, if any, and the
/// interface chosen for it (`None`: the suggested one).
#[derive(Debug, Default)]
pub struct RemoteSlot {
    link: Option<RemoteLink>,
    bind: Option<IpAddr>,
}

impl RemoteSlot {
    /// Whether the remote is on.
    pub fn is_on(&self) -> bool {
        self.link.is_some()
    }

    /// What the console shows.
    pub fn view(&self) -> RemoteView {
        let Some(link) = &self.link else {
            return RemoteView::default();
        };
        let status = link.server.status();
        RemoteView {
            on: true,
            short_address: link.server.short_address(),
            interface: link.interface.clone(),
            pairing_url: link.server.pairing_url(),
            paired_phones: status.paired_phones,
            refused_requests: status.refused_requests,
        }
    }
}

/// The interface to bind to: `bind` if chosen, else the suggested one.
fn choose_interface(bind: Option<IpAddr>) -> Result<(IpAddr, String), String> {
    let list = remote::interfaces().map_err(|e| format!("phone remote: no interfaces: {e}"))?;
    if let Some(ip) = bind {
        let label = list
            .iter()
            .find(|i| i.ip == ip)
            .map_or_else(|| ip.to_string(), Interface::label);
        return Ok((ip, label));
    }
    remote::suggested_interface(&list)
        .map(|i| (i.ip, i.label()))
        .ok_or_else(|| {
            "phone remote: no network to listen on (only loopback); join a Wi-Fi or start the laptop's hotspot".to_owned()
        })
}

/// The server's callback: a request becomes the keys' command on the one
/// channel; a parked question goes to the parking lot.
fn forward(sender: &CommandSender, request: &RemoteRequest) {
    if let Some(command) = request.command() {
        sender.send(command);
    } else if let RemoteRequest::ParkQuestion { text } = request {
        sender.send(crate::show::ShellCommand::Park(text.clone()));
    }
}

impl PresenterApp {
    /// Uses the interface with address `ip` for the phone remote (tests:
    /// 127.0.0.1) instead of the suggested one.
    #[must_use]
    pub fn with_remote_interface(mut self, ip: IpAddr) -> Self {
        self.remote.bind = Some(ip);
        self
    }

    /// Starts the phone remote now if `on` (`--remote`).
    #[must_use]
    pub fn with_remote(mut self, on: bool) -> Self {
        if on {
            let now = self.clock.now();
            self.start_remote(now);
        }
        self
    }

    /// The phone remote's state.
    pub fn remote(&self) -> &RemoteSlot {
        &self.remote
    }

    /// Starts the remote (no-op if on). Returns whether anything changed.
    pub(super) fn start_remote(&mut self, now: Instant) -> bool {
        if self.remote.link.is_some() {
            return false;
        }
        match self.try_start_remote(now) {
            Ok(link) => self.remote.link = Some(link),
            Err(error) => {
                self.notices
                    .push(Severity::Warning, NoticeSource::Console, error);
            }
        }
        true
    }

    fn try_start_remote(&self, now: Instant) -> Result<RemoteLink, String> {
        let (ip, interface) = choose_interface(self.remote.bind)?;
        let snapshot = SharedSnapshot::default();
        if let Some(deck) = self.session.deck() {
            snapshot.publish(RemoteSnapshot::from_presentation(
                deck,
                &self.session.presentation,
                now,
            ));
        }
        let sender = self.bus.sender();
        let server = RemoteServer::start(
            &RemoteConfig::new(ip),
            move |request: RemoteRequest| forward(&sender, &request),
            snapshot.clone(),
        )
        .map_err(|e| e.to_string())?;
        Ok(RemoteLink {
            server,
            snapshot,
            interface,
        })
    }

    /// Stops the remote. Returns whether it was on.
    pub(super) fn stop_remote(&mut self) -> bool {
        self.remote.link.take().is_some_and(|link| {
            link.server.stop();
            true
        })
    }

    /// A new pairing code (the old one and its phone stop working).
    pub(super) fn new_remote_pairing(&mut self) -> bool {
        let Some(link) = &self.remote.link else {
            return false;
        };
        if let Err(error) = link.server.new_pairing() {
            self.notices
                .push(Severity::Warning, NoticeSource::Console, error.to_string());
        }
        true
    }

    /// Publishes what the phone shows at `now` (each console frame while
    /// the remote is on; the snapshot notifies the phone only on a change).
    pub(super) fn publish_remote(&self, now: Instant) {
        if let (Some(link), Some(deck)) = (&self.remote.link, self.session.deck()) {
            link.snapshot.publish(RemoteSnapshot::from_presentation(
                deck,
                &self.session.presentation,
                now,
            ));
        }
    }
}
