//! Web links: whether cuecard opens one, warns first, or refuses it.
//!
//! The address is read with the `url` crate, which implements the WHATWG
//! URL Standard that browsers follow, so the host and file checked here
//! are the ones the browser would go to (`https://a.org\@b.org` goes to
//! `a.org`; `https://a.org@b.org` goes to `b.org`).

use std::fmt;

use percent_encoding::percent_decode_str;
use url::{Host, Url};

use super::Refusal;
use super::file_types::program_type;
use super::host::{Lookalike, lookalike};

/// Something the presenter should know before a web link opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Caution {
    /// The address has a user name or password before its host (`https://
    /// user:secret@host/`). They may be a secret the audience must not
    /// see, or a trick (`https://www.example.org@other.example/` goes to
    /// `other.example`), so cuecard shows and opens the address without
    /// them.
    Credentials {
        /// The host the address really goes to.
        host: String,
        /// The address without the credentials, as shown and opened.
        address: String,
    },
    /// The host is in punycode or mixes scripts: it may be a lookalike of
    /// a real site's name.
    Lookalike(Lookalike),
}

impl fmt::Display for Caution {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Credentials { host, address } => write!(
                f,
                "the address has a user name or password before its host; it goes to {host}, and cuecard shows and opens it without them, as {address}"
            ),
            Self::Lookalike(lookalike) => lookalike.fmt(f),
        }
    }
}

/// What cuecard does with a web link (`url` or `transcript`): the one
/// answer `check`, `preflight` and the console share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Opens when the presenter asks, as written.
    Allowed,
    /// Opens only after the presenter has seen the cautions and confirmed
    /// (once per link); `address` is what the console shows, puts in a QR
    /// code and opens: the link without credentials.
    Warned {
        /// Why the presenter is asked first; never empty.
        cautions: Vec<Caution>,
        /// The address to show and open.
        address: String,
    },
    /// Never opens; the console disables the button and shows the reason.
    Refused(Refusal),
}

impl Verdict {
    /// The refusal, when the link is refused.
    pub fn refusal(&self) -> Option<&Refusal> {
        match self {
            Self::Refused(refusal) => Some(refusal),
            _ => None,
        }
    }

    /// The cautions to show before opening; empty unless warned.
    pub fn cautions(&self) -> &[Caution] {
        match self {
            Self::Warned { cautions, .. } => cautions,
            _ => &[],
        }
    }

    /// The address to show and open for a link written as `written`:
    /// `written` itself when allowed, the address without credentials when
    /// warned, `None` when refused.
    pub fn address<'a>(&'a self, written: &'a str) -> Option<&'a str> {
        match self {
            Self::Allowed => Some(written),
            Self::Warned { address, .. } => Some(address),
            Self::Refused(_) => None,
        }
    }

    /// `Err` with the refusal, `Ok` otherwise (warned links may open).
    ///
    /// # Errors
    /// The [`Refusal`] of a refused link.
    pub fn as_result(&self) -> Result<(), Refusal> {
        match self {
            Self::Refused(refusal) => Err(refusal.clone()),
            _ => Ok(()),
        }
    }
}

/// Judges the web link `url` as written in a deck.
///
/// Refused ([`Verdict::Refused`]): a scheme other than `http`/`https`
/// ([`Refusal::Scheme`]); no host, white space, or control, bidirectional
/// or invisible characters ([`Refusal::Malformed`]); a file name that runs
/// a program when opened, in any letter case, percent-encoded or not,
/// before a query string or not ([`Refusal::RunsProgram`], from
/// [`super::PROGRAM_TYPES`]).
///
/// Warned ([`Verdict::Warned`]): a user name or password before the host
/// ([`Caution::Credentials`]); a host in punycode or mixing scripts
/// ([`Caution::Lookalike`]).
pub fn web_link(url: &str) -> Verdict {
    match judge(url) {
        Ok((cautions, _)) if cautions.is_empty() => Verdict::Allowed,
        Ok((cautions, address)) => Verdict::Warned { cautions, address },
        Err(refusal) => Verdict::Refused(refusal),
    }
}

fn judge(url: &str) -> Result<(Vec<Caution>, String), Refusal> {
    let trimmed = url.trim();
    let lower = trimmed.to_ascii_lowercase();
    let rest = if let Some(rest) = lower.strip_prefix("https://") {
        rest
    } else if let Some(rest) = lower.strip_prefix("http://") {
        rest
    } else if lower.starts_with("http:") || lower.starts_with("https:") {
        return Err(Refusal::Malformed(url.to_owned()));
    } else {
        return Err(Refusal::Scheme(url.to_owned()));
    };
    // Control, bidirectional and invisible characters can make a link
    // read differently from where it goes ("\u{202E}gpj.exe").
    if url.chars().any(super::is_deceptive) {
        return Err(Refusal::Malformed(url.escape_default().to_string()));
    }
    let authority = rest.split(['/', '?', '#', '\\']).next().unwrap_or_default();
    if authority.is_empty() || trimmed.chars().any(char::is_whitespace) || trimmed != url {
        return Err(Refusal::Malformed(url.to_owned()));
    }
    let Ok(mut parsed) = Url::parse(url) else {
        return Err(Refusal::Malformed(url.to_owned()));
    };
    let Some(host) = parsed.host().map(|h| h.to_owned()) else {
        return Err(Refusal::Malformed(url.to_owned()));
    };
    if let Some(file) = program_file(&parsed)
        && let Some(program) = program_type(&file)
    {
        return Err(Refusal::RunsProgram {
            url: url.to_owned(),
            file,
            what: program.what,
        });
    }
    let mut cautions = Vec::new();
    let mut address = url.to_owned();
    if !parsed.username().is_empty() || parsed.password().is_some() {
        // Both setters only fail for URLs without a host, checked above.
        let _ = parsed.set_username("");
        let _ = parsed.set_password(None);
        address = parsed.to_string();
        cautions.push(Caution::Credentials {
            host: host.to_string(),
            address: address.clone(),
        });
    }
    if let Host::Domain(ascii) = &host {
        // The host as the deck wrote it: after any credentials, before the port.
        let written = authority.rsplit('@').next().unwrap_or_default();
        if let Some(lookalike) = lookalike(ascii, written) {
            cautions.push(Caution::Lookalike(lookalike));
        }
    }
    Ok((cautions, address))
}

/// The name of the file a web address leads to, as a browser would save
/// it: the last non-empty path segment, percent-decoded, without `;`
/// parameters. `None` when there is no file name, or when the last
/// segment is the host of an address inside the path (as in an archive's
/// `https://archive.example/web/2020/https://example.com`).
fn program_file(url: &Url) -> Option<String> {
    let segments: Vec<String> = url
        .path_segments()?
        .map(|s| percent_decode_str(s).decode_utf8_lossy().into_owned())
        .collect();
    let last = segments.iter().rposition(|s| !s.is_empty())?;
    let embedded_host = last >= 2
        && segments.get(last - 1).is_some_and(String::is_empty)
        && segments.get(last - 2).is_some_and(|s| {
            s.to_ascii_lowercase().ends_with("http:") || s.to_ascii_lowercase().ends_with("https:")
        });
    if embedded_host {
        return None;
    }
    let segment = segments.get(last)?;
    // A percent-encoded `/` or `\` inside the segment still ends a name.
    let name = segment.rsplit(['/', '\\']).next().unwrap_or(segment);
    let name = name.split(';').next().unwrap_or(name);
    Some(name.to_owned())
}
