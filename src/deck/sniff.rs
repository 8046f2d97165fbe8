//! Files that are not decks, told apart by their first bytes, so a
//! presenter who opens their `PowerPoint` file, Word guide, Keynote file or
//! a picture is told what it is and what to do, not "not UTF-8 text".

use std::path::Path;

/// What a file that is not a deck is, if its first bytes say so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Foreign {
    /// A PDF (opened as a deck of its pages whatever its name).
    Pdf,
    /// A `PowerPoint` deck (.pptx).
    PowerPoint,
    /// A Word document (.docx).
    Word,
    /// A Keynote presentation.
    Keynote,
    /// A `LibreOffice` or `OpenOffice` presentation or text.
    OpenDocument,
    /// Another zip archive.
    Zip,
    /// An old binary Office file (.ppt, .doc).
    OldOffice,
    /// A picture.
    Image,
}

/// What `bytes` (the start of the file at `path`) are, when they are
/// clearly not a deck's text.
pub fn sniff(path: &Path, bytes: &[u8]) -> Option<Foreign> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if bytes.starts_with(b"%PDF-") {
        return Some(Foreign::Pdf);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        // An OOXML or `OpenDocument` package names its parts early on.
        let head = bytes.get(..bytes.len().min(4096)).unwrap_or_default();
        let has = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
        return Some(if ext == "pptx" || has(b"ppt/") {
            Foreign::PowerPoint
        } else if ext == "docx" || has(b"word/") {
            Foreign::Word
        } else if ext == "key" || has(b"Index/") || has(b"index.apxl") {
            Foreign::Keynote
        } else if has(b"mimetypeapplication/vnd.oasis.opendocument") || ext.starts_with("od") {
            Foreign::OpenDocument
        } else {
            Foreign::Zip
        });
    }
    if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        return Some(Foreign::OldOffice);
    }
    let image = bytes.starts_with(b"\x89PNG")
        || bytes.starts_with(b"\xFF\xD8\xFF")
        || bytes.starts_with(b"GIF8")
        || (bytes.starts_with(b"RIFF") && bytes.get(8..12) == Some(b"WEBP"));
    image.then_some(Foreign::Image)
}

/// What to tell the presenter about a `foreign` file at `path`.
pub fn message(foreign: Foreign, path: &Path) -> String {
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    match foreign {
        Foreign::Pdf => format!("{name} is a PDF; cuecard opens it as a deck of its pages"),
        Foreign::PowerPoint => format!(
            "{name} is a PowerPoint deck, not a cuecard deck; turn it into one with `cuecard import {name}` (it writes a .ron deck beside it, nothing is changed), or save it from PowerPoint as a PDF and open the PDF"
        ),
        Foreign::Word => format!(
            "{name} is a Word document, not a deck; if it is a presenter's guide, put its notes into a deck with `cuecard import {name} --into deck.ron`"
        ),
        Foreign::Keynote => format!(
            "{name} is a Keynote presentation; in Keynote choose File > Export To > PDF, then open the PDF with cuecard"
        ),
        Foreign::OpenDocument => format!(
            "{name} is a LibreOffice document; export it as PDF (File > Export as PDF) and open the PDF, or save it as .pptx and run `cuecard import`"
        ),
        Foreign::Zip => {
            format!("{name} is a zip archive, not a deck; unpack it and open the .ron deck inside")
        }
        Foreign::OldOffice => format!(
            "{name} is an old PowerPoint (.ppt) or Word (.doc) file; save it as .pptx or .docx (or as a PDF) first, then import or open that"
        ),
        Foreign::Image => format!(
            "{name} is a picture, not a deck; put it on a slide with Image(path: \"{name}\", alt: \"...\") in a deck (`cuecard new deck.ron` writes one to start from)"
        ),
    }
}
