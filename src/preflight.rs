//! `cuecard preflight`: the check before a venue. Everything a deck needs
//! on the day (images, the local video, fonts, links, the timing), as a
//! checklist with an exit code.

use std::fmt;
use std::path::Path;
use std::time::Duration;

use crate::deck::policy::{self, LocalCopy};
use crate::deck::{self, Block, Deck, Severity};

/// Largest image cuecard decodes, in pixels (100 megapixels), so a
/// decompression bomb cannot exhaust memory.
pub const MAX_IMAGE_PIXELS: u64 = 100_000_000;

/// How one item of the checklist came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// Ready.
    Ready,
    /// Works, but look at it (e.g. the local video is missing; the online
    /// link will be used).
    Warning,
    /// Will not work at the venue.
    Failed,
}

impl Status {
    fn mark(self) -> &'static str {
        match self {
            Self::Ready => "[ok]  ",
            Self::Warning => "[warn]",
            Self::Failed => "[FAIL]",
        }
    }
}

/// One line of the checklist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// How it came out.
    pub status: Status,
    /// What was checked, and what to do if it is not ready.
    pub text: String,
}

/// The whole checklist.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// The items, in checking order.
    pub items: Vec<Item>,
}

impl Report {
    fn push(&mut self, status: Status, text: impl Into<String>) {
        self.items.push(Item {
            status,
            text: text.into(),
        });
    }

    /// The worst status in the report.
    pub fn worst(&self) -> Status {
        self.items
            .iter()
            .map(|i| i.status)
            .max()
            .unwrap_or(Status::Ready)
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for item in &self.items {
            writeln!(f, "{} {}", item.status.mark(), item.text)?;
        }
        let count = |s| self.items.iter().filter(|i| i.status == s).count();
        write!(
            f,
            "{} ready, {} warnings, {} failed",
            count(Status::Ready),
            count(Status::Warning),
            count(Status::Failed)
        )
    }
}

/// Checks the deck at `path` for a venue. With `online`, also asks every
/// link's server whether it answers (a HEAD request, 10 s timeout).
pub fn preflight(path: &Path, online: bool) -> Report {
    let mut report = Report::default();
    let loaded = match deck::load(path) {
        Ok(loaded) => loaded,
        Err(error) => {
            for diagnostic in &error.diagnostics {
                let status = if diagnostic.is_error() {
                    Status::Failed
                } else {
                    Status::Warning
                };
                report.push(status, diagnostic.to_string());
            }
            return report;
        }
    };
    let deck = &loaded.deck;
    let folder = loaded.folder.as_deref().unwrap_or(Path::new("."));
    report.push(
        Status::Ready,
        format!(
            "deck {} loads: {:?}, {} slides",
            path.display(),
            deck.title,
            deck.slides.len()
        ),
    );
    for diagnostic in &loaded.diagnostics {
        match diagnostic.severity {
            Severity::Error => report.push(Status::Failed, diagnostic.to_string()),
            Severity::Warning => report.push(Status::Warning, diagnostic.to_string()),
            // Notes (a missing local video) are checked again below.
            Severity::Note => {}
        }
    }
    images(&mut report, deck, folder);
    media_and_links(&mut report, deck, folder, online);
    fonts(&mut report);
    timing(&mut report, deck);
    report
}

fn images(report: &mut Report, deck: &Deck, folder: &Path) {
    for (n, slide) in deck.slides.iter().enumerate() {
        for block in &slide.content {
            let Block::Image { path, .. } = block else {
                continue;
            };
            let name = format!("slide {} ({:?}): image {path:?}", n + 1, slide.id);
            match policy::resolve_inside(folder, path) {
                Err(refusal) => report.push(Status::Failed, format!("{name}: {refusal}")),
                Ok(None) => report.push(
                    Status::Failed,
                    format!("{name}: not found in {}", folder.display()),
                ),
                Ok(Some(real)) => match check_image(&real) {
                    Ok((w, h)) => report.push(Status::Ready, format!("{name}: {w}x{h}, decodes")),
                    Err(why) => report.push(Status::Failed, format!("{name}: {why}")),
                },
            }
        }
    }
}

/// Decodes the image at `path` within [`MAX_IMAGE_PIXELS`]; its size.
///
/// # Errors
/// Why it cannot be shown: unreadable, an unknown format, corrupt, or too
/// large.
pub fn check_image(path: &Path) -> Result<(u32, u32), String> {
    decode_image(path, u32::MAX, u32::MAX).map(|(_, size)| size)
}

/// Decodes the image at `path` (PNG, JPEG, WebP, or a GIF's first frame)
/// and scales it down, keeping its shape, to fit within `max_width` x
/// `max_height` pixels. Returns the RGBA pixels and the original size.
/// Images over [`MAX_IMAGE_PIXELS`] are refused before decoding, so a
/// decompression bomb cannot exhaust memory.
///
/// # Errors
/// Why it cannot be shown, in words for the presenter.
pub fn decode_image(
    path: &Path,
    max_width: u32,
    max_height: u32,
) -> Result<(image::RgbaImage, (u32, u32)), String> {
    let open = || {
        image::ImageReader::open(path)
            .map_err(|e| format!("cannot read it ({e})"))?
            .with_guessed_format()
            .map_err(|e| format!("cannot read it ({e})"))
    };
    let (w, h) = open()?
        .into_dimensions()
        .map_err(|e| format!("corrupt or not an image cuecard can show ({e})"))?;
    if u64::from(w) * u64::from(h) > MAX_IMAGE_PIXELS {
        return Err(format!(
            "{w}x{h} is over {} megapixels; scale it down (e.g. to 3840 pixels wide)",
            MAX_IMAGE_PIXELS / 1_000_000
        ));
    }
    let mut reader = open()?;
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(w);
    limits.max_image_height = Some(h);
    limits.max_alloc = Some(MAX_IMAGE_PIXELS * 4);
    reader.limits(limits);
    let decoded = reader
        .decode()
        .map_err(|e| format!("corrupt or unsupported ({e})"))?;
    let decoded = if w > max_width || h > max_height {
        decoded.resize(max_width, max_height, image::imageops::FilterType::Triangle)
    } else {
        decoded
    };
    Ok((decoded.to_rgba8(), (w, h)))
}

fn media_and_links(report: &mut Report, deck: &Deck, folder: &Path, online: bool) {
    for (n, slide) in deck.slides.iter().enumerate() {
        for link in &slide.links {
            let name = format!("slide {} ({:?}): link {:?}", n + 1, slide.id, link.title);
            let status = policy::link_status(link, Some(folder));
            match &status.online {
                Ok(()) => report.push(
                    Status::Ready,
                    format!("{name}: {} is a well-formed web address", link.url),
                ),
                Err(refusal) => report.push(Status::Failed, format!("{name}: {refusal}")),
            }
            if let (Some(url), Some(Ok(()))) = (&link.transcript, &status.transcript) {
                report.push(
                    Status::Ready,
                    format!("{name}: transcript {url} is a well-formed web address"),
                );
            } else if let Some(Err(refusal)) = &status.transcript {
                report.push(Status::Failed, format!("{name}: transcript: {refusal}"));
            }
            match &status.local {
                LocalCopy::NotGiven => {}
                LocalCopy::Present(path) => {
                    report.push(Status::Ready, format!("{name}: local copy {} is there and playable by its type", path.display()));
                }
                LocalCopy::Missing(expected) => report.push(
                    Status::Warning,
                    format!(
                        "{name}: local copy missing (put it at {}); without a network the video will not play",
                        expected.as_deref().unwrap_or(Path::new("?")).display()
                    ),
                ),
                LocalCopy::Refused(refusal) => report.push(Status::Failed, format!("{name}: local copy: {refusal}")),
            }
            if online {
                for url in std::iter::once(&link.url).chain(&link.transcript) {
                    if policy::check_url(url).is_ok() {
                        match reachable(url) {
                            Ok(code) => report
                                .push(Status::Ready, format!("{name}: {url} answers ({code})")),
                            Err(why) => report.push(
                                Status::Warning,
                                format!("{name}: {url} does not answer: {why}"),
                            ),
                        }
                    }
                }
            }
        }
    }
}

/// Asks `url`'s server whether it answers; the HTTP status code.
///
/// # Errors
/// Why it did not answer (no network, a timeout, an error status).
pub fn reachable(url: &str) -> Result<u16, String> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(10)))
        .tls_config(tls_config())
        .build()
        .into();
    match agent.head(url).call() {
        Ok(response) => Ok(response.status().as_u16()),
        Err(error) => Err(error.to_string()),
    }
}

/// TLS for [`reachable`]: rustls with the Mozilla roots on Linux.
#[cfg(not(any(windows, target_os = "macos")))]
fn tls_config() -> ureq::tls::TlsConfig {
    ureq::tls::TlsConfig::builder().build()
}

/// TLS for [`reachable`]: the platform's own (SChannel, Security.framework)
/// with the certificates the laptop trusts; see Cargo.toml.
#[cfg(any(windows, target_os = "macos"))]
fn tls_config() -> ureq::tls::TlsConfig {
    use ureq::tls::{RootCerts, TlsConfig, TlsProvider};
    TlsConfig::builder()
        .provider(TlsProvider::NativeTls)
        .root_certs(RootCerts::PlatformVerifier)
        .build()
}

fn fonts(report: &mut Report) {
    use crate::ui::fonts::{BOLD, ITALIC, REGULAR, definitions};
    let fonts = definitions();
    let ok = [REGULAR, BOLD, ITALIC].iter().all(|name| {
        fonts
            .font_data
            .get(*name)
            .is_some_and(|d| !(*d.font).as_ref().is_empty())
    });
    if ok {
        report.push(
            Status::Ready,
            format!(
                "fonts: Atkinson Hyperlegible and {} fallbacks built into cuecard, no system fonts needed",
                fonts.font_data.len().saturating_sub(3)
            ),
        );
    } else {
        report.push(
            Status::Failed,
            "fonts: Atkinson Hyperlegible is missing from this build",
        );
    }
}

fn timing(report: &mut Report, deck: &Deck) {
    let planned = deck.planned_slide_minutes();
    let unplanned = deck.slides.iter().filter(|s| s.minutes.is_none()).count();
    match deck.duration_minutes {
        None => report.push(
            Status::Warning,
            format!("timing: no duration_minutes; the slides plan {planned} minutes (pacing needs both)"),
        ),
        Some(duration) if planned > duration + 0.5 => report.push(
            Status::Warning,
            format!("timing: the slides plan {planned} minutes, more than the {duration}-minute duration"),
        ),
        Some(duration) if unplanned > 0 => report.push(
            Status::Warning,
            format!("timing: {unplanned} slides have no planned minutes; the others plan {planned} of {duration}"),
        ),
        Some(duration) => report.push(
            Status::Ready,
            format!("timing: the slides plan {planned} minutes of the {duration}-minute duration"),
        ),
    }
}
