//! Writing an import's files: everything is checked before anything is
//! written, each file goes to a temporary file in its own folder and is
//! renamed into place, and no path leaves the output folder.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::ImportError;

/// One file to write: its name inside the output folder (plain segments
/// joined by `/`, checked) and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path relative to the output folder, e.g. `"module5-media/image1.png"`.
    pub relative: String,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

/// A file name made safe: ASCII letters, digits, `.`, `-`, `_`; no leading
/// dot; at most 80 characters; never empty.
pub fn safe_file_name(name: &str) -> String {
    let mut out: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    while out.starts_with('.') {
        out.remove(0);
    }
    out.truncate(80);
    if out.is_empty() || out.chars().all(|c| c == '.' || c == '_') {
        "file".to_owned()
    } else {
        out
    }
}

/// Writes `files` inside `folder` and then the deck text at `deck_path`
/// (which must be in `folder`), each through a temporary file and a rename.
/// With `force` false, nothing is written when any target exists.
///
/// # Errors
/// [`ImportError::Exists`] (before anything is written), or
/// [`ImportError::Write`].
pub fn write_all(
    folder: &Path,
    deck_path: &Path,
    deck_text: &str,
    files: &[OutputFile],
    force: bool,
) -> Result<(), ImportError> {
    let mut targets: Vec<PathBuf> = Vec::with_capacity(files.len());
    for file in files {
        let inside = file
            .relative
            .split('/')
            .all(|segment| !segment.is_empty() && segment == safe_file_name(segment));
        if !inside {
            return Err(ImportError::Write {
                path: folder.join(&file.relative),
                source: std::io::Error::other("the name would leave the output folder"),
            });
        }
        targets.push(folder.join(&file.relative));
    }
    if !force {
        for target in targets.iter().map(PathBuf::as_path).chain([deck_path]) {
            if target.exists() {
                return Err(ImportError::Exists {
                    path: target.to_path_buf(),
                });
            }
        }
    }
    for (target, file) in targets.iter().zip(files) {
        atomic_write(target, &file.bytes)?;
    }
    atomic_write(deck_path, deck_text.as_bytes())
}

/// Writes `bytes` to `path` through a temporary file beside it and a rename,
/// so that `path` is either the old file or the whole new one.
///
/// # Errors
/// [`ImportError::Write`]; the temporary file is removed.
pub fn atomic_write(path: &Path, bytes: &[u8]) -> Result<(), ImportError> {
    let fail = |source| ImportError::Write {
        path: path.to_path_buf(),
        source,
    };
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    std::fs::create_dir_all(folder).map_err(fail)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = folder.join(format!(".{name}.{}.import-tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .open(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temp, path)
    })();
    if let Err(error) = result {
        let _ = std::fs::remove_file(&temp);
        return Err(fail(error));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_made_safe() {
        assert_eq!(safe_file_name("../../evil.png"), "_.._evil.png");
        assert_eq!(safe_file_name(".hidden"), "hidden");
        assert_eq!(safe_file_name("a b/c.png"), "a_b_c.png");
        assert_eq!(safe_file_name(".."), "file");
    }
}
