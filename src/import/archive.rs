//! Reading an OOXML package (a zip) safely: size and entry limits that stop
//! zip bombs, refusal of encrypted files and of entries named outside the
//! package, and part names resolved the way the Open Packaging Conventions
//! (ECMA-376 Part 2) define relationship targets.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::ImportError;
use super::xml::{self, Element};

/// Largest input file read, in bytes.
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;
/// Most entries a package may have (a 500-slide deck has about 2,000).
pub const MAX_ENTRIES: usize = 5_000;
/// Largest XML part, inflated, in bytes.
pub const MAX_PART_BYTES: u64 = 32 * 1024 * 1024;
/// Largest picture, inflated, in bytes.
pub const MAX_MEDIA_BYTES: u64 = 64 * 1024 * 1024;
/// Most bytes inflated from one package in all.
pub const MAX_TOTAL_BYTES: u64 = 1024 * 1024 * 1024;

/// Which Office format a package is expected to be; names the application
/// in messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Office {
    /// A `PowerPoint` presentation (.pptx).
    PowerPoint,
    /// A Word document (.docx).
    Word,
}

impl Office {
    /// The application's name.
    pub fn app(self) -> &'static str {
        match self {
            Self::PowerPoint => "PowerPoint",
            Self::Word => "Word",
        }
    }

    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Self::PowerPoint => ".pptx",
            Self::Word => ".docx",
        }
    }

    /// What such a file is called in messages.
    pub fn described(self) -> &'static str {
        match self {
            Self::PowerPoint => "a PowerPoint deck (.pptx)",
            Self::Word => "a Word document (.docx)",
        }
    }

    /// The part that says a package is of this kind.
    fn main_part(self) -> &'static str {
        match self {
            Self::PowerPoint => "ppt/presentation.xml",
            Self::Word => "word/document.xml",
        }
    }

    fn other(self) -> Self {
        match self {
            Self::PowerPoint => Self::Word,
            Self::Word => Self::PowerPoint,
        }
    }
}

/// One relationship of a part (`_rels/*.rels`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relationship {
    /// `Id`, referred to as `r:id` / `r:embed`.
    pub id: String,
    /// The relationship type URI's last segment (`slide`, `image`, ...).
    pub kind: String,
    /// For an internal target, the resolved part name; for an external
    /// one, the target as written (a URL).
    pub target: String,
    /// Whether `TargetMode="External"`.
    pub external: bool,
}

/// An opened, checked package.
pub struct Package {
    archive: zip::ZipArchive<std::io::Cursor<Vec<u8>>>,
    path: PathBuf,
    office: Office,
    inflated_bytes: u64,
}

const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

impl Package {
    /// Reads `path` and opens it as `office`.
    ///
    /// # Errors
    /// As [`Package::from_bytes`], and [`ImportError::Read`] /
    /// [`ImportError::TooLarge`].
    pub fn open(path: &Path, office: Office) -> Result<Self, ImportError> {
        let bytes = super::read_limited(path, MAX_FILE_BYTES)?;
        Self::from_bytes(bytes, path, office)
    }

    /// Opens `bytes` (named `path` in messages) as a package of kind
    /// `office`, checking every entry's name and encryption.
    ///
    /// # Errors
    /// [`ImportError::Encrypted`], [`ImportError::LegacyOffice`],
    /// [`ImportError::Corrupt`], [`ImportError::Bomb`] (too many entries),
    /// [`ImportError::UnsafeEntry`], [`ImportError::WrongKind`] (the other
    /// Office format), [`ImportError::BadPart`] (no main part).
    pub fn from_bytes(bytes: Vec<u8>, path: &Path, office: Office) -> Result<Self, ImportError> {
        let path = path.to_path_buf();
        if bytes.starts_with(OLE_MAGIC) {
            // Password-protected OOXML is an OLE compound file holding an
            // "EncryptedPackage" stream (MS-OFFCRYPTO 2.3.4.4); stream
            // names are UTF-16.
            let marker: Vec<u8> = "EncryptedPackage"
                .encode_utf16()
                .flat_map(u16::to_le_bytes)
                .collect();
            if bytes.windows(marker.len()).any(|w| w == marker.as_slice()) {
                return Err(ImportError::Encrypted {
                    path,
                    app: office.app(),
                });
            }
            return Err(ImportError::LegacyOffice {
                path,
                app: office.app(),
                wanted: office.extension(),
            });
        }
        let corrupt = |detail: String| ImportError::Corrupt {
            path: path.clone(),
            wanted: office.extension(),
            app: office.app(),
            detail,
        };
        if !bytes.starts_with(b"PK") {
            return Err(corrupt("it is not a zip archive".to_owned()));
        }
        let archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
            .map_err(|e| corrupt(format!("the zip archive cannot be read: {e}")))?;
        if archive.len() > MAX_ENTRIES {
            return Err(ImportError::Bomb {
                path,
                wanted: office.extension(),
                app: office.app(),
                detail: format!(
                    "the archive has {} entries, more than {MAX_ENTRIES}",
                    archive.len()
                ),
            });
        }
        let mut package = Self {
            archive,
            path,
            office,
            inflated_bytes: 0,
        };
        package.check_entries()?;
        if package.archive.index_for_name(office.main_part()).is_none() {
            if package
                .archive
                .index_for_name(office.other().main_part())
                .is_some()
            {
                return Err(ImportError::WrongKind {
                    path: package.path,
                    found: office.other().described(),
                    expected: office.described(),
                    extension: office.other().extension(),
                });
            }
            return Err(package.bad_part(
                office.main_part(),
                format!("is missing, so this is not {}", office.described()),
            ));
        }
        Ok(package)
    }

    fn check_entries(&mut self) -> Result<(), ImportError> {
        for index in 0..self.archive.len() {
            let entry = self
                .archive
                .by_index_raw(index)
                .map_err(|e| ImportError::Corrupt {
                    path: self.path.clone(),
                    wanted: self.office.extension(),
                    app: self.office.app(),
                    detail: format!("entry {index} cannot be read: {e}"),
                })?;
            let name = String::from_utf8_lossy(entry.name_raw()).into_owned();
            if !is_safe_entry_name(&name) {
                return Err(ImportError::UnsafeEntry {
                    path: self.path.clone(),
                    entry: name,
                    app: self.office.app(),
                });
            }
            if entry.encrypted() {
                return Err(ImportError::Encrypted {
                    path: self.path.clone(),
                    app: self.office.app(),
                });
            }
        }
        Ok(())
    }

    /// The file's path, for messages.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A [`ImportError::BadPart`] for `part`.
    pub fn bad_part(&self, part: &str, detail: String) -> ImportError {
        ImportError::BadPart {
            path: self.path.clone(),
            part: part.to_owned(),
            app: self.office.app(),
            detail,
        }
    }

    /// Whether the package has a part of this name.
    pub fn has(&self, part: &str) -> bool {
        self.archive.index_for_name(part).is_some()
    }

    /// Reads a part whole, at most `limit_bytes` inflated; `None` when it
    /// is not there.
    ///
    /// # Errors
    /// [`ImportError::Bomb`] when the part inflates past `limit_bytes` or
    /// the package past [`MAX_TOTAL_BYTES`] (whatever its header claims);
    /// [`ImportError::Corrupt`] when it cannot be inflated.
    pub fn read(&mut self, part: &str, limit_bytes: u64) -> Result<Option<Vec<u8>>, ImportError> {
        let Some(index) = self.archive.index_for_name(part) else {
            return Ok(None);
        };
        let path = self.path.clone();
        let office = self.office;
        let remaining = MAX_TOTAL_BYTES.saturating_sub(self.inflated_bytes);
        let limit = limit_bytes.min(remaining);
        let bomb = |detail: String| ImportError::Bomb {
            path: path.clone(),
            wanted: office.extension(),
            app: office.app(),
            detail,
        };
        let mut entry = self
            .archive
            .by_index(index)
            .map_err(|e| ImportError::Corrupt {
                path: path.clone(),
                wanted: office.extension(),
                app: office.app(),
                detail: format!("{part} cannot be read: {e}"),
            })?;
        if entry.size() > limit {
            return Err(bomb(format!(
                "{part} says it inflates to {} bytes, more than the {limit} allowed",
                entry.size()
            )));
        }
        let mut bytes = Vec::new();
        // The header's size may lie: read at most one byte past the limit.
        (&mut entry)
            .take(limit.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|e| ImportError::Corrupt {
                path: path.clone(),
                wanted: office.extension(),
                app: office.app(),
                detail: format!("{part} cannot be inflated: {e}"),
            })?;
        if bytes.len() as u64 > limit {
            return Err(bomb(format!(
                "{part} inflates to more than the {limit} bytes allowed"
            )));
        }
        self.inflated_bytes = self.inflated_bytes.saturating_add(bytes.len() as u64);
        Ok(Some(bytes))
    }

    /// Reads and parses an XML part; `None` when it is not there.
    ///
    /// # Errors
    /// As [`Package::read`], and [`ImportError::BadPart`] for malformed XML.
    pub fn xml(&mut self, part: &str) -> Result<Option<Element>, ImportError> {
        let Some(bytes) = self.read(part, MAX_PART_BYTES)? else {
            return Ok(None);
        };
        xml::parse(&bytes)
            .map(Some)
            .map_err(|detail| self.bad_part(part, detail))
    }

    /// Reads a part that must be there.
    ///
    /// # Errors
    /// As [`Package::xml`], and [`ImportError::BadPart`] when it is missing.
    pub fn required_xml(&mut self, part: &str) -> Result<Element, ImportError> {
        self.xml(part)?
            .ok_or_else(|| self.bad_part(part, "is missing".to_owned()))
    }

    /// The relationships of `part` (from `dir/_rels/name.rels`), internal
    /// targets resolved to part names. Targets that would leave the package
    /// are dropped. A missing `.rels` part means no relationships.
    ///
    /// # Errors
    /// As [`Package::xml`].
    pub fn relationships(&mut self, part: &str) -> Result<Vec<Relationship>, ImportError> {
        let (dir, name) = match part.rsplit_once('/') {
            Some((dir, name)) => (dir, name),
            None => ("", part),
        };
        let rels_part = if dir.is_empty() {
            format!("_rels/{name}.rels")
        } else {
            format!("{dir}/_rels/{name}.rels")
        };
        let Some(root) = self.xml(&rels_part)? else {
            return Ok(Vec::new());
        };
        let mut out = Vec::new();
        for rel in root.elements().filter(|e| e.name == "Relationship") {
            let (Some(id), Some(target)) = (rel.attr("Id"), rel.attr("Target")) else {
                continue;
            };
            let kind = rel
                .attr("Type")
                .and_then(|t| t.rsplit('/').next())
                .unwrap_or_default()
                .to_owned();
            let external = rel
                .attr("TargetMode")
                .is_some_and(|m| m.eq_ignore_ascii_case("external"));
            let target = if external {
                target.to_owned()
            } else {
                match resolve_target(dir, target) {
                    Some(resolved) => resolved,
                    None => continue,
                }
            };
            out.push(Relationship {
                id: id.to_owned(),
                kind,
                target,
                external,
            });
        }
        Ok(out)
    }
}

/// Whether a zip entry's name stays inside the package: relative, no `..`
/// segment, no drive letter, no backslash tricks, no NUL.
pub fn is_safe_entry_name(name: &str) -> bool {
    !(name.is_empty()
        || name.starts_with('/')
        || name.starts_with('\\')
        || name.contains('\0')
        || name.as_bytes().get(1) == Some(&b':')
        || name.split(['/', '\\']).any(|segment| segment == ".."))
}

/// Resolves a relationship's internal `target` against the folder `dir` of
/// its source part (OPC: a leading `/` is from the package root). `None`
/// when the result would climb above the root.
pub fn resolve_target(dir: &str, target: &str) -> Option<String> {
    let target = target.split('#').next().unwrap_or_default();
    let mut segments: Vec<&str> = Vec::new();
    let start = if target.starts_with('/') { "" } else { dir };
    for segment in start.split('/').chain(target.split('/')) {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop()?;
            }
            other => segments.push(other),
        }
    }
    if segments.is_empty() {
        return None;
    }
    Some(segments.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_inside_the_package() {
        assert_eq!(
            resolve_target("ppt/slides", "../media/image1.png").as_deref(),
            Some("ppt/media/image1.png")
        );
        assert_eq!(
            resolve_target("ppt", "slides/slide1.xml").as_deref(),
            Some("ppt/slides/slide1.xml")
        );
        assert_eq!(
            resolve_target("ppt/slides", "/ppt/media/a.png").as_deref(),
            Some("ppt/media/a.png")
        );
        assert_eq!(resolve_target("ppt/slides", "../../../etc/passwd"), None);
    }

    #[test]
    fn unsafe_entry_names() {
        for name in [
            "../x",
            "a/../../x",
            "/etc/passwd",
            "C:/x",
            "\\x",
            "a\\..\\b",
        ] {
            assert!(!is_safe_entry_name(name), "{name}");
        }
        assert!(is_safe_entry_name("ppt/media/image1.png"));
        assert!(is_safe_entry_name("[Content_Types].xml"));
    }
}
