//! Images and the logo: each file is there and decodes, checked once
//! however many slides show it.

use std::path::Path;

use super::{Report, Status, expected_at};
use crate::deck::policy;
use crate::deck::{Block, Deck};

/// Largest image cuecard decodes, in pixels (100 megapixels), so a
/// decompression bomb cannot exhaust memory.
pub const MAX_IMAGE_PIXELS: u64 = 100_000_000;

/// Where an image is shown: the logo (on every slide but the first) or
/// slides by number (from 1).
struct Uses {
    logo: bool,
    slides: Vec<usize>,
}

impl Uses {
    fn describe(&self) -> String {
        let slides = match self.slides.as_slice() {
            [] => String::new(),
            [one] => format!("slide {one}"),
            many => format!(
                "slides {}",
                many.iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        match (self.logo, slides.is_empty()) {
            (true, true) => "the logo".to_owned(),
            (true, false) => format!("the logo and {slides}"),
            (false, _) => slides,
        }
    }
}

/// One item per image file (as the deck writes its path): the logo and
/// every slide's images. A file that is missing, refused, corrupt or too
/// large fails, because the slide will not show it.
pub(super) fn images(report: &mut Report, deck: &Deck, folder: &Path) {
    let mut files: Vec<(&str, Uses)> = Vec::new();
    if let Some(logo) = &deck.logo {
        add_use(&mut files, logo, None);
    }
    for (n, slide) in deck.slides.iter().enumerate() {
        for block in &slide.content {
            if let Block::Image { path, .. } = block {
                add_use(&mut files, path, Some(n + 1));
            }
        }
    }
    for (path, uses) in files {
        let name = format!("image {path:?} ({})", uses.describe());
        match policy::resolve_inside(folder, path) {
            Err(refusal) => report.push(Status::Failed, format!("{name}: {refusal}")),
            Ok(None) => report.push(
                Status::Failed,
                format!(
                    "{name}: not there; put the file at {}",
                    expected_at(folder, path)
                ),
            ),
            Ok(Some(real)) => match check_image(&real) {
                Ok((w, h)) => report.push(Status::Ready, format!("{name}: {w}x{h}, decodes")),
                Err(why) => report.push(Status::Failed, format!("{name}: {why}; it will not show")),
            },
        }
    }
}

/// Records that `path` is shown on slide `slide` (from 1), or as the logo
/// for `None`.
fn add_use<'a>(files: &mut Vec<(&'a str, Uses)>, path: &'a str, slide: Option<usize>) {
    let index = if let Some(index) = files.iter().position(|(p, _)| *p == path) {
        index
    } else {
        files.push((
            path,
            Uses {
                logo: false,
                slides: Vec::new(),
            },
        ));
        files.len() - 1
    };
    if let Some((_, uses)) = files.get_mut(index) {
        match slide {
            None => uses.logo = true,
            Some(n) if !uses.slides.contains(&n) => uses.slides.push(n),
            Some(_) => {}
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
