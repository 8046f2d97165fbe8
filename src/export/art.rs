//! The parts of a slide picture that are not text: the deck's images (as
//! figures with their alt text, or the app's placeholder), QR codes, the
//! logo and footer, link annotations; what a slide's picture is made of.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::deck::theme::Palette;
use crate::deck::{Deck, Fit, LoadedDeck, policy};

use super::doc::{Area, Flow, Item, Kind, LinkTarget, Node};
use super::fonts::FaceKind;
use super::page::Pages;
use super::slide::size;

/// The frame of an image placeholder (the app's `PLACEHOLDER_STROKE`).
pub(crate) const PLACEHOLDER_STROKE: [u8; 3] = [0xB0, 0x40, 0x40];

/// Largest image side for print, in pixels: 300 dpi over 5.3 inches, more
/// than the largest picture of an image on a page (a handout's single
/// slide) needs.
const MAX_IMAGE_PX: u32 = 1600;

/// A JPEG file up to this size is placed as it is (no re-encoding, the
/// photo's own compression); a larger one is scaled to [`MAX_IMAGE_PX`]
/// and compressed again.
const MAX_JPEG_AS_IS: u64 = 1024 * 1024;

/// JPEG quality of photos compressed again for print.
const JPEG_QUALITY: u8 = 85;

/// What a slide's picture is made of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SlideArt {
    /// The deck's own content, drawn as the app draws it.
    Vector,
    /// Page `page` (0-based) of the deck's PDF, named `path` as the deck
    /// names it (relative to its folder); the slide's content, unless
    /// `draw_content: false`, is drawn over it.
    PdfPage {
        /// The PDF file, as the deck's `pdf` names it.
        path: PathBuf,
        /// The page, counting from 0.
        page: usize,
    },
}

/// What slide `index` of `deck` shows: a page of the deck's PDF for a
/// slide with `page` in a deck with `pdf`, else the deck's own content.
pub fn slide_art(deck: &Deck, index: usize) -> SlideArt {
    let page = deck
        .slides
        .get(index)
        .and_then(crate::deck::Slide::page_index);
    match (deck.pdf.as_deref(), page) {
        (Some(pdf), Some(page)) => SlideArt::PdfPage {
            path: PathBuf::from(pdf),
            page,
        },
        _ => SlideArt::Vector,
    }
}

/// The deck's images and the pages of its PDF, decoded once for the whole
/// export.
pub(crate) struct Images {
    folder: Option<PathBuf>,
    cache: RefCell<HashMap<String, Result<krilla::image::Image, String>>>,
    /// The deck's PDF pages.
    pub(crate) pages: Pages,
    /// The presenter's ink to print over the slides (none: the slides as
    /// the deck has them).
    pub(crate) ink: crate::show::pointing::Ink,
}

impl Images {
    /// The images of `loaded` (relative to its folder; a built-in deck has
    /// none) and the pages of its PDF.
    pub(crate) fn new(loaded: &LoadedDeck) -> Self {
        Self {
            folder: loaded.folder.clone(),
            cache: RefCell::new(HashMap::new()),
            pages: Pages::new(loaded),
            ink: crate::show::pointing::Ink::new(),
        }
    }

    /// The image at `path`, or why it cannot be shown.
    pub(crate) fn get(&self, path: &str) -> Result<krilla::image::Image, String> {
        if let Some(found) = self.cache.borrow().get(path) {
            return found.clone();
        }
        let loaded = self.load(path);
        self.cache
            .borrow_mut()
            .insert(path.to_owned(), loaded.clone());
        loaded
    }

    /// `text` with the deck's folder left out of the paths in it: what a
    /// placeholder prints, for a room that need not see the trainer's
    /// folders (`/home/name/talks/slides.pdf` reads `slides.pdf`).
    pub(crate) fn without_folder(&self, text: &str) -> String {
        let Some(folder) = &self.folder else {
            return text.to_owned();
        };
        let mut out = text.to_owned();
        let real = folder.canonicalize().ok();
        for f in real.iter().chain(std::iter::once(folder)) {
            let prefix = format!("{}{}", f.display(), std::path::MAIN_SEPARATOR);
            if prefix.len() > 1 {
                out = out.replace(&prefix, "");
            }
        }
        out
    }

    /// The images and pages that could not be shown, and why, in the
    /// order of the deck's files and pages.
    pub(crate) fn problems(&self) -> Vec<String> {
        let mut images: Vec<(String, String)> = self
            .cache
            .borrow()
            .iter()
            .filter_map(|(path, found)| found.as_ref().err().map(|why| (path.clone(), why.clone())))
            .collect();
        images.sort();
        let mut out: Vec<String> = images
            .into_iter()
            .map(|(path, why)| format!("image {path} prints as a placeholder: {why}"))
            .collect();
        out.extend(
            self.pages
                .problems()
                .into_iter()
                .map(|why| format!("a page prints as a placeholder: {why}")),
        );
        out
    }

    fn load(&self, path: &str) -> Result<krilla::image::Image, String> {
        let Some(folder) = &self.folder else {
            return Err("the deck has no folder".to_owned());
        };
        let real = match policy::resolve_inside(folder, path) {
            Ok(Some(real)) => real,
            Ok(None) => return Err(format!("{path} not found")),
            Err(refusal) => return Err(refusal.to_string()),
        };
        // Decoded as the app decodes it (its limits, its errors), even when
        // the file's own bytes are placed.
        let (rgba, _) = crate::preflight::decode_image(&real, MAX_IMAGE_PX, MAX_IMAGE_PX)?;
        if let Some(photo) = as_jpeg(&real, &rgba) {
            return Ok(photo);
        }
        let (w, h) = rgba.dimensions();
        Ok(krilla::image::Image::from_rgba8(rgba.into_raw(), w, h))
    }
}

/// A photo (a JPEG file) as a JPEG in the PDF: its own bytes when small,
/// else `rgba` (already scaled down) compressed again. A photo kept
/// lossless would make a guide of a dozen photos over 100 MB. `None` for
/// other files, or when the JPEG cannot be placed (then it goes in
/// lossless).
fn as_jpeg(path: &Path, rgba: &image::RgbaImage) -> Option<krilla::image::Image> {
    let bytes = std::fs::read(path).ok()?;
    if !bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return None;
    }
    if bytes.len() as u64 <= MAX_JPEG_AS_IS
        && let Ok(image) = krilla::image::Image::from_jpeg(bytes.into(), true)
    {
        return Some(image);
    }
    let rgb = image::DynamicImage::ImageRgba8(rgba.clone()).into_rgb8();
    let mut jpeg = Vec::new();
    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(
        std::io::Cursor::new(&mut jpeg),
        JPEG_QUALITY,
    );
    rgb.write_with_encoder(encoder).ok()?;
    krilla::image::Image::from_jpeg(jpeg.into(), true).ok()
}

/// The address the PDF shows, links and encodes for `url`, as the app
/// opens it: without a user name or password, a lookalike host in its
/// ASCII (punycode) form, so `https://www.justice.gov@evil.example/`
/// reads as where it goes; `None` for an address the app refuses (see
/// [`policy::web_link`]).
pub(crate) fn safe_address(url: &str) -> Option<String> {
    match policy::web_link(url) {
        policy::Verdict::Allowed => Some(url.to_owned()),
        policy::Verdict::Warned { address, .. } => {
            Some(url::Url::parse(&address).map_or(address, |parsed| parsed.to_string()))
        }
        policy::Verdict::Refused(_) => None,
    }
}

/// A link: `items` (its text) and one annotation per line area, tagged
/// together as a `Link` element. Refused URLs (see [`safe_address`]) get
/// their text but no annotation.
pub(crate) fn link(flow: &mut Flow<'_>, items: Vec<Item>, areas: &[Area], url: &str, title: &str) {
    let Some(url) = safe_address(url) else {
        flow.content(items);
        return;
    };
    let url = url.as_str();
    flow.open(Kind::Link);
    flow.content(items);
    let page = flow.page;
    for area in areas {
        flow.push_node(Node::Annotation {
            page,
            area: *area,
            target: LinkTarget::Url(url.to_owned()),
            alt: format!("{title} ({url})"),
        });
    }
    flow.close();
}

pub(crate) fn image_figure(
    flow: &mut Flow<'_>,
    area: Area,
    path: &str,
    alt: &str,
    fit: Fit,
    images: &Images,
    placeholder: Vec<Item>,
) {
    flow.open(Kind::Figure(alt.to_owned()));
    match images.get(path) {
        Ok(image) => {
            let (w, h) = image.size();
            let shown = fitted(area, (w as f32, h as f32), fit);
            flow.content(vec![Item::Image {
                area: shown,
                clip: area,
                image,
            }]);
        }
        Err(reason) => {
            flow.artifact(Item::Frame {
                area,
                color: PLACEHOLDER_STROKE,
                width: 1.0,
            });
            let mut items = placeholder;
            if let Some(Item::Text { size, color, .. }) = items.first() {
                let (size, color) = (*size, *color);
                items.push(Item::Text {
                    x: area.x + 6.0,
                    baseline: area.y + area.h - 6.0,
                    text: flow.faces.printable(FaceKind::Regular, &reason),
                    face: FaceKind::Regular,
                    size: size * 0.8,
                    color,
                });
            }
            flow.content(items);
        }
    }
    flow.close();
}

/// Where an image of `pixels` goes in `area`: `Contain` shows it whole and
/// centred, `Cover` fills the area (the caller clips to it).
pub(crate) fn fitted(area: Area, pixels: (f32, f32), fit: Fit) -> Area {
    let (pw, ph) = pixels;
    if pw <= 0.0 || ph <= 0.0 || area.w <= 0.0 || area.h <= 0.0 {
        return area;
    }
    let image_aspect = pw / ph;
    let box_aspect = area.w / area.h;
    let wider = image_aspect > box_aspect;
    let (w, h) = match (fit, wider) {
        (Fit::Contain, true) | (Fit::Cover, false) => (area.w, area.w / image_aspect),
        (Fit::Contain, false) | (Fit::Cover, true) => (area.h * image_aspect, area.h),
    };
    Area::new(
        area.x + (area.w - w) / 2.0,
        area.y + (area.h - h) / 2.0,
        w,
        h,
    )
}

/// A QR code of `url` filling `area` (square), dark modules in `dark` on
/// `light`, with a quiet zone, as a figure. Draws nothing for a URL too
/// long for a QR code.
pub(crate) fn qr_figure(flow: &mut Flow<'_>, area: Area, url: &str, dark: [u8; 3], light: [u8; 3]) {
    let Ok(code) = qrcode::QrCode::new(url.as_bytes()) else {
        return;
    };
    let width = code.width();
    let quiet = 2;
    let module = area.w / (width + 2 * quiet) as f32;
    let modules = code.to_colors();
    let is_dark = |x: usize, y: usize| {
        modules
            .get(y * width + x)
            .is_some_and(|c| *c == qrcode::Color::Dark)
    };
    let mut items = vec![Item::Fill { area, color: light }];
    for y in 0..width {
        let mut x = 0;
        while x < width {
            if !is_dark(x, y) {
                x += 1;
                continue;
            }
            let start = x;
            while x < width && is_dark(x, y) {
                x += 1;
            }
            items.push(Item::Fill {
                area: Area::new(
                    area.x + (start + quiet) as f32 * module,
                    area.y + (y + quiet) as f32 * module,
                    // A hair wider and taller, so neighbours do not show
                    // seams when rasterized.
                    (x - start) as f32 * module + 0.05,
                    module + 0.05,
                ),
                color: dark,
            });
        }
    }
    flow.open(Kind::Figure(format!("QR code of {url}")));
    flow.content(items);
    flow.close();
}

pub(crate) fn logo_and_footer(
    flow: &mut Flow<'_>,
    deck: &Deck,
    index: usize,
    canvas: Area,
    colors: Palette,
    images: &Images,
) {
    let h = canvas.h;
    let margin = h * size::MARGIN;
    if let Some(logo) = &deck.logo
        && let Ok(image) = images.get(logo)
    {
        let (pw, ph) = image.size();
        let height = h * size::LOGO;
        let width = height * pw as f32 / (ph as f32).max(1.0);
        let area = Area::new(
            canvas.x + canvas.w - margin - width,
            canvas.y + margin,
            width,
            height,
        );
        // The logo is decoration: an artifact, like the app's.
        flow.artifact(Item::Image {
            area,
            clip: area,
            image,
        });
    }
    let Some(footer) = &deck.footer else {
        return;
    };
    let size_pt = h * size::FOOTER;
    let face = flow.faces.get(FaceKind::Regular);
    let baseline = canvas.y + canvas.h - margin * 0.6 - face.descent * size_pt;
    // The footer is text on the slide the room reads, so it is content (a
    // paragraph of the slide), not decoration.
    let mut items = Vec::new();
    if footer.organization
        && let Some(organization) = &deck.organization
    {
        // A space after it, so read back it stays apart from the number.
        let text = flow
            .faces
            .printable(FaceKind::Regular, &format!("{organization} "));
        items.push(Item::Text {
            x: canvas.x + margin,
            baseline,
            text,
            face: FaceKind::Regular,
            size: size_pt,
            color: colors.muted,
        });
    }
    if footer.slide_number {
        let text = format!("{} / {}", index + 1, deck.slides.len());
        let w = face.width_pt(&text, size_pt);
        items.push(Item::Text {
            x: canvas.x + canvas.w - margin - w,
            baseline,
            text,
            face: FaceKind::Regular,
            size: size_pt,
            color: colors.muted,
        });
    }
    if !items.is_empty() {
        flow.open(Kind::P);
        flow.content(items);
        flow.close();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contain_shows_all_and_cover_fills() {
        let area = Area::new(0.0, 0.0, 400.0, 200.0);
        let shown = fitted(area, (100.0, 100.0), Fit::Contain);
        assert_eq!((shown.w, shown.h, shown.x), (200.0, 200.0, 100.0));
        let shown = fitted(area, (100.0, 100.0), Fit::Cover);
        assert_eq!((shown.w, shown.h, shown.y), (400.0, 400.0, -100.0));
    }
}
