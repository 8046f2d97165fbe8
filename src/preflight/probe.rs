//! Asking a link's server, for `preflight --online`: does the page answer,
//! and is what it sends a program?

use std::time::Duration;

use ureq::ResponseExt as _;

use crate::deck::policy::{self, Verdict};

/// Longest a probe of one address may take, in seconds (connecting,
/// redirects and the answer together).
pub const PROBE_TIMEOUT_SECS: u64 = 10;

/// What a server said about an address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reach {
    /// The page answers (a 2xx status, after redirects).
    Answers(u16),
    /// The server answers but turns cuecard's check away (401, 403, 429
    /// and other 4xx except 404 and 410); a browser may still get in.
    TurnedAway(u16),
    /// The page is gone (404 or 410).
    Gone(u16),
    /// The server fails (5xx).
    ServerError(u16),
    /// What the server sends is a program: its file name (from
    /// `Content-Disposition` or the address it redirects to) or its
    /// `Content-Type`.
    Program(String),
    /// No answer: no network, no such host, a refused connection, a
    /// timeout; why, in words.
    NoAnswer(String),
}

impl Reach {
    /// Whether the page will show now.
    pub fn shows(&self) -> bool {
        matches!(self, Self::Answers(_))
    }
}

impl std::fmt::Display for Reach {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Answers(code) => write!(f, "answers ({code})"),
            Self::TurnedAway(code) => write!(
                f,
                "answers but turned cuecard's check away ({code}); open it in a browser to be sure"
            ),
            Self::Gone(code) => write!(f, "is gone ({code}): the page is not there any more"),
            Self::ServerError(code) => write!(f, "fails on the server ({code})"),
            Self::Program(what) => write!(
                f,
                "sends a program ({what}); cuecard will not open it (link the web page about it instead)"
            ),
            Self::NoAnswer(why) => write!(f, "does not answer ({why})"),
        }
    }
}

/// Asks `url`'s server whether it answers: a HEAD request (a GET when the
/// server does not allow HEAD), following redirects, at most
/// [`PROBE_TIMEOUT_SECS`] seconds. Reads headers only, never the body.
pub fn probe(url: &str) -> Reach {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(PROBE_TIMEOUT_SECS)))
        .http_status_as_error(false)
        .tls_config(tls_config())
        .build()
        .into();
    let response = match agent.head(url).call() {
        Ok(response) if matches!(response.status().as_u16(), 405 | 501) => agent.get(url).call(),
        other => other,
    };
    let response = match response {
        Ok(response) => response,
        Err(error) => return Reach::NoAnswer(error.to_string()),
    };
    let code = response.status().as_u16();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    if let Some(file) = header("content-disposition")
        .as_deref()
        .and_then(disposition_file_name)
        && policy::program_type(&file).is_some()
    {
        return Reach::Program(file);
    }
    if let Some(media_type) = header("content-type")
        && policy::is_program_media_type(&media_type)
    {
        return Reach::Program(media_type);
    }
    if let Verdict::Refused(policy::Refusal::RunsProgram { file, .. }) =
        policy::web_link(&response.get_uri().to_string())
    {
        return Reach::Program(file);
    }
    match code {
        200..=399 => Reach::Answers(code),
        404 | 410 => Reach::Gone(code),
        400..=499 => Reach::TurnedAway(code),
        _ => Reach::ServerError(code),
    }
}

/// The file name in a `Content-Disposition` header (RFC 6266):
/// `filename*=UTF-8''name` (percent-decoded) before `filename="name"`.
pub fn disposition_file_name(value: &str) -> Option<String> {
    let mut plain = None;
    for part in value.split(';') {
        let Some((key, raw)) = part.split_once('=') else {
            continue;
        };
        let key = key.trim().to_ascii_lowercase();
        let raw = raw.trim();
        if key == "filename*" {
            let encoded = raw.rsplit('\'').next().unwrap_or(raw);
            return Some(
                percent_encoding::percent_decode_str(encoded)
                    .decode_utf8_lossy()
                    .into_owned(),
            );
        }
        if key == "filename" {
            plain = Some(raw.trim_matches('"').to_owned());
        }
    }
    plain
}

/// TLS for [`probe`]: rustls with the Mozilla roots on Linux.
#[cfg(not(any(windows, target_os = "macos")))]
fn tls_config() -> ureq::tls::TlsConfig {
    ureq::tls::TlsConfig::builder().build()
}

/// TLS for [`probe`]: the platform's own (`SChannel`, Security.framework)
/// with the certificates the laptop trusts; see Cargo.toml.
#[cfg(any(windows, target_os = "macos"))]
fn tls_config() -> ureq::tls::TlsConfig {
    use ureq::tls::{RootCerts, TlsConfig, TlsProvider};
    TlsConfig::builder()
        .provider(TlsProvider::NativeTls)
        .root_certs(RootCerts::PlatformVerifier)
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_in_content_disposition() {
        assert_eq!(
            disposition_file_name("attachment; filename=\"setup.exe\"").as_deref(),
            Some("setup.exe")
        );
        assert_eq!(
            disposition_file_name("attachment; filename=a.pdf; filename*=UTF-8''Setup%20Tool.MSI")
                .as_deref(),
            Some("Setup Tool.MSI")
        );
        assert_eq!(disposition_file_name("inline"), None);
    }
}
