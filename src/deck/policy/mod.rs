//! What a deck may point at: online links and files beside the deck.
//!
//! A deck may come from anyone (an email attachment, a shared drive), so
//! nothing in it may get cuecard to run a program or read files outside the
//! deck's folder. These checks are pure functions of the text in the deck;
//! [`resolve_inside`] adds the one file-system check (symbolic links).
//!
//! A web link gets a [`Verdict`] ([`web_link`]): allowed, warned (the
//! presenter confirms once, having seen the [`Caution`]s) or refused (the
//! [`Refusal`] is shown on the disabled button). The file types that run a
//! program are one list, [`PROGRAM_TYPES`], used for web links and local
//! copies alike (its sources are in `file_types.rs` and `docs/links.md`).

use std::path::{Component, Path, PathBuf};

mod file_types;
mod host;
mod web;

pub use file_types::{
    MEDIA_EXTENSIONS, PROGRAM_MEDIA_TYPES, PROGRAM_TYPES, ProgramType, Source,
    is_program_media_type, program_type,
};
pub use host::{Lookalike, lookalike, mixed_scripts};
pub use web::{Caution, Verdict, web_link};

/// Why a URL or path in a deck is refused. The `Display` text is shown to
/// the presenter as is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// The URL's scheme is not `http` or `https` (e.g. `file:`, `javascript:`).
    #[error("only http:// and https:// links can be opened; {0:?} is not one")]
    Scheme(String),
    /// The URL has no host after the scheme, or contains spaces.
    #[error("{0:?} is not a well-formed web address (expected e.g. https://example.org/page)")]
    Malformed(String),
    /// The path is empty.
    #[error("the file path is empty")]
    EmptyPath,
    /// An absolute path, a drive letter or a network (UNC) path.
    #[error(
        "{0:?} is absolute; write a path relative to the deck's folder, e.g. \"media/video.mp4\""
    )]
    Absolute(String),
    /// The path climbs out of the deck's folder with `..`.
    #[error(
        "{0:?} leaves the deck's folder; keep media and images in the deck's folder or below it"
    )]
    Escapes(String),
    /// A web link leads to a file that runs a program when opened (an
    /// installer, a shortcut, a script: see [`PROGRAM_TYPES`]).
    #[error(
        "{url:?} leads to {file:?}, {what}: a type of file that runs a program when opened; a deck never makes cuecard open one (link the web page about it instead)"
    )]
    RunsProgram {
        /// The address as written in the deck.
        url: String,
        /// The file name it leads to, percent-decoded.
        file: String,
        /// What the file is, from [`PROGRAM_TYPES`].
        what: &'static str,
    },
    /// A local copy whose type runs a program when opened (see
    /// [`PROGRAM_TYPES`]).
    #[error(
        "{path:?} is not a media file cuecard will open but {what}, a type of file that runs a program when opened (accepted: {accepted})"
    )]
    Program {
        /// The path as written in the deck.
        path: String,
        /// What the file is, from [`PROGRAM_TYPES`].
        what: &'static str,
        /// The accepted extensions, comma-separated.
        accepted: String,
    },
    /// The file's extension is not one of the accepted media types.
    #[error("{path:?} is not a media file cuecard will open (accepted: {accepted})")]
    NotMedia {
        /// The path as written in the deck.
        path: String,
        /// The accepted extensions, comma-separated.
        accepted: String,
    },
}

/// Checks that `url` may be opened at all: `Ok` for an allowed or a
/// warned link (see [`web_link`] for the verdict and its cautions).
///
/// # Errors
/// [`Refusal::Scheme`] for any scheme but `http`/`https` (`file:`,
/// `javascript:`, `data:`, a bare path), [`Refusal::Malformed`] when there
/// is no host or the text has white space or deceptive characters,
/// [`Refusal::RunsProgram`] for a link to a file that runs a program.
pub fn check_url(url: &str) -> Result<(), Refusal> {
    web_link(url).as_result()
}

/// Whether `c` is a control, bidirectional-formatting or invisible
/// character.
pub fn is_deceptive(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{00A0}' | '\u{00AD}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

/// Checks that `path` (as written in a deck, with `/` or `\`) stays inside
/// the deck's folder: relative, no `..`, no drive letter or UNC prefix.
///
/// # Errors
/// [`Refusal::EmptyPath`], [`Refusal::Absolute`] or [`Refusal::Escapes`].
pub fn check_relative_path(path: &str) -> Result<(), Refusal> {
    if path.trim().is_empty() {
        return Err(Refusal::EmptyPath);
    }
    let bytes = path.as_bytes();
    let has_drive = bytes.len() >= 2 && bytes.get(1) == Some(&b':');
    if path.starts_with('/') || path.starts_with('\\') || has_drive || path.starts_with('~') {
        return Err(Refusal::Absolute(path.to_owned()));
    }
    if path.split(['/', '\\']).any(|part| part == "..") {
        return Err(Refusal::Escapes(path.to_owned()));
    }
    Ok(())
}

/// Checks a link's local media path: [`check_relative_path`] plus an
/// extension from [`MEDIA_EXTENSIONS`] (case-insensitive).
///
/// # Errors
/// As [`check_relative_path`], [`Refusal::Program`] for a type in
/// [`PROGRAM_TYPES`], or [`Refusal::NotMedia`] for any other type.
pub fn check_media_path(path: &str) -> Result<(), Refusal> {
    check_relative_path(path)?;
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    if let Some(program) = program_type(name) {
        return Err(Refusal::Program {
            path: path.to_owned(),
            what: program.what,
            accepted: MEDIA_EXTENSIONS.join(", "),
        });
    }
    let extension = Path::new(path)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if MEDIA_EXTENSIONS.contains(&extension.as_str()) {
        Ok(())
    } else {
        Err(Refusal::NotMedia {
            path: path.to_owned(),
            accepted: MEDIA_EXTENSIONS.join(", "),
        })
    }
}

/// Resolves a checked relative `path` against the deck's `folder`, following
/// symbolic links, and returns it only if the real file lies inside the
/// folder. Returns `None` when the file does not exist.
///
/// # Errors
/// [`Refusal::Escapes`] when a symbolic link leads outside the folder.
pub fn resolve_inside(folder: &Path, path: &str) -> Result<Option<PathBuf>, Refusal> {
    check_relative_path(path)?;
    let joined: PathBuf = folder.join(
        path.split(['/', '\\'])
            .filter(|part| !part.is_empty())
            .collect::<PathBuf>(),
    );
    let Ok(real) = joined.canonicalize() else {
        return Ok(None);
    };
    let Ok(real_folder) = folder.canonicalize() else {
        return Ok(None);
    };
    if real.starts_with(&real_folder)
        && real
            .components()
            .all(|c| !matches!(c, Component::ParentDir))
    {
        Ok(Some(real))
    } else {
        Err(Refusal::Escapes(path.to_owned()))
    }
}

/// What the console knows about a link's local copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LocalCopy {
    /// The deck names no local copy.
    NotGiven,
    /// The file is there, at this real path inside the deck's folder.
    Present(PathBuf),
    /// The path is allowed, but no file is there (expected at this path);
    /// `None` for a deck with no folder (built in).
    Missing(Option<PathBuf>),
    /// The path is refused, and why.
    Refused(Refusal),
}

/// Everything the console shows about one link, decided once when the
/// deck loads (not every frame).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkStatus {
    /// Whether the online URL may be opened at all (`Ok` for a warned
    /// link too): [`Verdict::as_result`] of `online_verdict`.
    pub online: Result<(), Refusal>,
    /// The online URL's verdict: allowed, warned (confirm once first, show
    /// and open [`Verdict::address`]) or refused.
    pub online_verdict: Verdict,
    /// Whether the transcript URL may be opened at all; `None` when there
    /// is none.
    pub transcript: Option<Result<(), Refusal>>,
    /// The transcript's verdict; `None` when there is none.
    pub transcript_verdict: Option<Verdict>,
    /// The local copy.
    pub local: LocalCopy,
}

impl LinkStatus {
    /// The address the console shows, puts in the QR code and opens for
    /// `link` (the link this status was made from): `link.url` as written
    /// when allowed, without credentials when warned, `None` when refused.
    pub fn online_address<'a>(&'a self, link: &'a super::Link) -> Option<&'a str> {
        self.online_verdict.address(&link.url)
    }

    /// The same for the transcript; `None` when there is none or it is
    /// refused.
    pub fn transcript_address<'a>(&'a self, link: &'a super::Link) -> Option<&'a str> {
        let written = link.transcript.as_deref()?;
        self.transcript_verdict.as_ref()?.address(written)
    }

    /// Whether opening the online link must first show its cautions and
    /// ask the presenter (once).
    pub fn online_needs_confirmation(&self) -> bool {
        !self.online_verdict.cautions().is_empty()
    }
}

/// Checks `link` for the console: its URLs against [`check_url`], its
/// local copy against [`check_media_path`] and, with a `folder`, the file
/// system ([`resolve_inside`]).
pub fn link_status(link: &super::Link, folder: Option<&Path>) -> LinkStatus {
    let local = match &link.local {
        None => LocalCopy::NotGiven,
        Some(path) => match check_media_path(path) {
            Err(refusal) => LocalCopy::Refused(refusal),
            Ok(()) => match folder {
                None => LocalCopy::Missing(None),
                Some(folder) => match resolve_inside(folder, path) {
                    Ok(Some(real)) => LocalCopy::Present(real),
                    Ok(None) => LocalCopy::Missing(Some(folder.join(path))),
                    Err(refusal) => LocalCopy::Refused(refusal),
                },
            },
        },
    };
    let online_verdict = web_link(&link.url);
    let transcript_verdict = link.transcript.as_deref().map(web_link);
    LinkStatus {
        online: online_verdict.as_result(),
        online_verdict,
        transcript: transcript_verdict.as_ref().map(Verdict::as_result),
        transcript_verdict,
        local,
    }
}

#[cfg(test)]
mod tests;
