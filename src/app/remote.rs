//! The phone remote, wired into the shell: starts and stops the server of
//! [`crate::remote`], maps its requests to the same commands keys send
//! (through the one [`super::CommandSender`]), publishes what the phone
//! shows each console frame, and says what the console's "Phone remote…"
//! menu shows. The pairing URL (the secret) goes only to the console.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

use crate::deck::LoadedDeck;
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
    /// The interfaces the presenter can choose from: address and label,
    /// e.g. `wlan0: 192.168.1.20`.
    pub interfaces: Vec<(IpAddr, String)>,
    /// The interface it listens on, or will listen on when started.
    pub chosen: Option<IpAddr>,
    /// Whether more than one phone may be paired at once.
    pub more_phones: bool,
}

/// What the console's menu shows when the remote is off.
pub static REMOTE_OFF: RemoteView = RemoteView {
    on: false,
    short_address: String::new(),
    interface: String::new(),
    pairing_url: None,
    paired_phones: 0,
    refused_requests: 0,
    interfaces: Vec::new(),
    chosen: None,
    more_phones: false,
};

/// How many phones may be paired at once when the presenter allows more
/// than one (a co-trainer's, a second device of their own).
pub const MORE_PHONES: usize = 4;

/// The width of the slide's picture sent to the phone, in pixels (sharp
/// on a phone's 390-point-wide screen at two pixels a point and more).
pub const PHONE_PICTURE_WIDTH_PX: u32 = 960;

/// The phone remote's part of the app: the running link, if any, the
/// interfaces to choose from and the one chosen (`None`: the suggested
/// one), how many phones may pair, and the slides' pictures.
#[derive(Debug, Default)]
pub struct RemoteSlot {
    link: Option<RemoteLink>,
    bind: Option<IpAddr>,
    interfaces: Vec<Interface>,
    more_phones: bool,
    pictures: SlidePictures,
}

impl RemoteSlot {
    /// Off, with the machine's interfaces listed for the console's choice.
    pub fn new() -> Self {
        let mut slot = Self::default();
        slot.find_interfaces();
        slot
    }

    /// Whether the remote is on.
    pub fn is_on(&self) -> bool {
        self.link.is_some()
    }

    /// What the console shows.
    pub fn view(&self) -> RemoteView {
        let interfaces = choosable(&self.interfaces)
            .map(|i| (i.ip, i.label()))
            .collect();
        let chosen = self.link.as_ref().map_or_else(
            || {
                self.bind
                    .or_else(|| remote::suggested_interface(&self.interfaces).map(|i| i.ip))
            },
            |link| Some(link.server.address().ip()),
        );
        let Some(link) = &self.link else {
            return RemoteView {
                interfaces,
                chosen,
                more_phones: self.more_phones,
                ..RemoteView::default()
            };
        };
        let status = link.server.status();
        RemoteView {
            on: true,
            short_address: link.server.short_address(),
            interface: link.interface.clone(),
            pairing_url: link.server.pairing_url(),
            paired_phones: status.paired_phones,
            refused_requests: status.refused_requests,
            interfaces,
            chosen,
            more_phones: self.more_phones,
        }
    }

    /// How many phones may pair at once.
    fn max_phones(&self) -> usize {
        if self.more_phones { MORE_PHONES } else { 1 }
    }

    /// Lists the machine's interfaces again (a network was joined or left).
    fn find_interfaces(&mut self) {
        self.interfaces = remote::interfaces().unwrap_or_default();
    }
}

/// The interfaces a phone could reach the server on: all but IPv6
/// link-local ones (they need a scope to listen on, and no phone's browser
/// takes them in an address).
fn choosable(list: &[Interface]) -> impl Iterator<Item = &Interface> {
    list.iter().filter(|i| match i.ip {
        IpAddr::V4(_) => true,
        IpAddr::V6(v6) => v6.segments().first().is_none_or(|s| s & 0xffc0 != 0xfe80),
    })
}

/// Pictures of the slides for the phone. A picture takes tens of
/// milliseconds to draw ([`crate::export::slide_png`]), so it is drawn on a
/// thread of its own, one at a time, and kept for the deck it shows; a
/// reload (another deck) starts over.
#[derive(Debug, Default)]
struct SlidePictures {
    /// The deck the pictures are of.
    deck: Option<Arc<LoadedDeck>>,
    /// By slide index: the picture, or `None` if it could not be drawn
    /// (then the phone shows the slide's title). Filled by the worker.
    made: Arc<Mutex<Pictures>>,
    /// The slide being drawn now.
    drawing: Option<usize>,
}

/// Pictures by slide index (`None`: it could not be drawn).
type Pictures = HashMap<usize, Option<Arc<[u8]>>>;

/// At most this many pictures are kept (a long PDF deck: about 10 MB).
const PICTURES_KEPT: usize = 100;

impl SlidePictures {
    /// The picture of slide `index` of `deck` if it is drawn; else starts
    /// drawing it (unless another slide is being drawn: `wake` is called
    /// when that is done, and the next frame asks again).
    fn get(
        &mut self,
        deck: &Arc<LoadedDeck>,
        index: usize,
        wake: &CommandSender,
    ) -> Option<Arc<[u8]>> {
        if !self.deck.as_ref().is_some_and(|d| Arc::ptr_eq(d, deck)) {
            *self = Self {
                deck: Some(Arc::clone(deck)),
                ..Self::default()
            };
        }
        let mut made = self.made.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(picture) = made.get(&index) {
            return picture.clone();
        }
        if self.drawing.is_some_and(|i| !made.contains_key(&i)) {
            return None;
        }
        if made.len() >= PICTURES_KEPT {
            made.clear();
        }
        drop(made);
        let (deck, made, wake) = (Arc::clone(deck), Arc::clone(&self.made), wake.clone());
        let spawned = std::thread::Builder::new()
            .name("cuecard-slide-picture".into())
            .spawn(move || {
                let picture = crate::export::slide_png(&deck, index, PHONE_PICTURE_WIDTH_PX)
                    .ok()
                    .map(Arc::from);
                made.lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .insert(index, picture);
                wake.wake();
            });
        match spawned {
            Ok(_) => self.drawing = Some(index),
            // No thread: no picture for this slide (the phone shows its
            // title); never ask again for it.
            Err(_) => {
                self.made
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .insert(index, None);
            }
        }
        None
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
        self.remote.find_interfaces();
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
        let config = RemoteConfig {
            max_phones: self.remote.max_phones(),
            ..RemoteConfig::new(ip)
        };
        let server = RemoteServer::start(
            &config,
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

    /// A new pairing code: the old code stops working, and so does the
    /// phone paired now unless more phones are allowed (a presenter who
    /// pairs again because something looks wrong locks the old phone out).
    pub(super) fn new_remote_pairing(&mut self) -> bool {
        let Some(link) = &self.remote.link else {
            return false;
        };
        if !self.remote.more_phones {
            link.server.unpair_all();
        }
        if let Err(error) = link.server.new_pairing() {
            self.notices
                .push(Severity::Warning, NoticeSource::Console, error.to_string());
        }
        true
    }

    /// Listens on the interface with address `ip` from now on: when the
    /// remote is on, it starts again there (with a new pairing code; the
    /// paired phones must scan it). Returns whether anything changed.
    pub(super) fn choose_remote_interface(&mut self, ip: IpAddr, now: Instant) -> bool {
        let listening = self
            .remote
            .link
            .as_ref()
            .map(|link| link.server.address().ip());
        if self.remote.bind == Some(ip) && listening.is_none_or(|on| on == ip) {
            return false;
        }
        self.remote.bind = Some(ip);
        if listening.is_some() {
            self.stop_remote();
            self.start_remote(now);
        }
        true
    }

    /// Lists the interfaces again, for the console's choice.
    pub(super) fn find_remote_interfaces(&mut self) -> bool {
        self.remote.find_interfaces();
        true
    }

    /// Whether more than one phone may be paired at once (up to
    /// [`MORE_PHONES`]); allowing only one unpairs all but the newest.
    pub(super) fn allow_more_phones(&mut self, more: bool) -> bool {
        if self.remote.more_phones == more {
            return false;
        }
        self.remote.more_phones = more;
        if let Some(link) = &self.remote.link {
            link.server.set_max_phones(self.remote.max_phones());
        }
        true
    }

    /// Publishes what the phone shows at `now` (each console frame while
    /// the remote is on; the snapshot notifies the phone only on a change),
    /// with the slide's picture once it is drawn.
    pub(super) fn publish_remote(&mut self, now: Instant) {
        let (Some(link), Some(ready)) = (&self.remote.link, &self.session.deck) else {
            return;
        };
        let presentation = &self.session.presentation;
        let mut snapshot = RemoteSnapshot::from_presentation(&ready.loaded.deck, presentation, now);
        let wake = self.bus.sender();
        let current = presentation.current();
        snapshot.slide_png = self.remote.pictures.get(&ready.loaded, current, &wake);
        // Then the next slide's, so that Next shows its picture at once.
        if snapshot.slide_png.is_some()
            && let Some(next) = presentation.next_index()
        {
            let _ = self.remote.pictures.get(&ready.loaded, next, &wake);
        }
        link.snapshot.publish(snapshot);
    }
}
