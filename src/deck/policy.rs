//! What a deck may point at: online links and files beside the deck.
//!
//! A deck may come from anyone (an email attachment, a shared drive), so
//! nothing in it may get cuecard to run a program or read files outside the
//! deck's folder. These checks are pure functions of the text in the deck;
//! [`resolve_inside`] adds the one file-system check (symbolic links).

use std::path::{Component, Path, PathBuf};

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
    /// The file's extension is not one of the accepted media types.
    #[error("{path:?} is not a media file cuecard will open (accepted: {accepted})")]
    NotMedia {
        /// The path as written in the deck.
        path: String,
        /// The accepted extensions, comma-separated.
        accepted: String,
    },
}

/// File extensions of local media that may be opened in the system's player.
pub const MEDIA_EXTENSIONS: &[&str] = &[
    "mp4", "m4v", "mov", "webm", "mkv", "avi", "mp3", "m4a", "wav", "ogg",
];

/// Checks that `url` is a well-formed `http` or `https` URL.
///
/// # Errors
/// [`Refusal::Scheme`] for any other scheme (`file:`, `javascript:`,
/// `data:`, a bare path), [`Refusal::Malformed`] when there is no host or
/// the text has white space.
pub fn check_url(url: &str) -> Result<(), Refusal> {
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
    if url.chars().any(is_deceptive) {
        return Err(Refusal::Malformed(url.escape_default().to_string()));
    }
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if host.is_empty() || trimmed.chars().any(char::is_whitespace) || trimmed != url {
        return Err(Refusal::Malformed(url.to_owned()));
    }
    Ok(())
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
/// As [`check_relative_path`], or [`Refusal::NotMedia`].
pub fn check_media_path(path: &str) -> Result<(), Refusal> {
    check_relative_path(path)?;
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
    /// Whether the online URL may be opened.
    pub online: Result<(), Refusal>,
    /// Whether the transcript URL may be opened; `None` when there is none.
    pub transcript: Option<Result<(), Refusal>>,
    /// The local copy.
    pub local: LocalCopy,
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
    LinkStatus {
        online: check_url(&link.url),
        transcript: link.transcript.as_deref().map(check_url),
        local,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        let cases: &[(&str, bool)] = &[
            (
                "https://ovc.ncjrs.gov/humantrafficking/publicawareness.html",
                true,
            ),
            ("http://example.org", true),
            ("HTTPS://EXAMPLE.ORG/a?b#c", true),
            ("file:///etc/passwd", false),
            ("javascript:alert(1)", false),
            ("data:text/html,hi", false),
            ("ftp://example.org", false),
            ("example.org", false),
            ("https://", false),
            ("https:///path", false),
            ("https:/example.org", false),
            ("https://example.org/\u{202E}gpj.exe", false),
            ("https://exa\u{200B}mple.org", false),
            ("https://exa mple.org", false),
            (" https://example.org", false),
            ("", false),
        ];
        for (url, ok) in cases {
            assert_eq!(check_url(url).is_ok(), *ok, "{url:?}");
        }
    }

    #[test]
    fn paths_in_unix_and_windows_forms() {
        let cases: &[(&str, bool)] = &[
            ("media/video.mp4", true),
            ("media\\video.mp4", true),
            ("./video.mp4", true),
            ("a..b/video.mp4", true),
            ("", false),
            ("/etc/passwd", false),
            ("~/video.mp4", false),
            ("../video.mp4", false),
            ("media/../../video.mp4", false),
            ("media\\..\\..\\video.mp4", false),
            ("C:\\Users\\x\\video.mp4", false),
            ("c:/video.mp4", false),
            ("\\\\server\\share\\video.mp4", false),
            ("\\video.mp4", false),
        ];
        for (path, ok) in cases {
            assert_eq!(check_relative_path(path).is_ok(), *ok, "{path:?}");
        }
    }

    #[test]
    fn media_extensions() {
        assert!(check_media_path("media/a.MP4").is_ok());
        assert!(check_media_path("talk.webm").is_ok());
        for bad in [
            "run.exe",
            "x.bat",
            "x.cmd",
            "x.ps1",
            "x.sh",
            "x.app",
            "x.desktop",
            "x.lnk",
            "noext",
        ] {
            assert!(
                matches!(check_media_path(bad), Err(Refusal::NotMedia { .. })),
                "{bad}"
            );
        }
    }
}
