//! A picture of one slide as a PNG, drawn as the guide prints it: what the
//! phone remote shows of the current slide, made without a window.
//!
//! The slide is laid out on a one-page PDF the shape of a 16:9 projector
//! (a page of another shape letterboxed on black, as the audience view
//! does), rendered by hayro at the asked width, and encoded as PNG. About
//! 30 to 80 ms a slide at 960 pixels: call it off the UI thread.

use std::path::Path;

use crate::deck::LoadedDeck;
use crate::pdf::{PdfDocument, PdfError};

use super::ExportError;
use super::art::Images;
use super::doc::{Area, Flow, Grid, Item};
use super::draw::{Meta, render};
use super::fonts::Faces;
use super::slide::{ASPECT, TitleTag, draw_picture};

/// The widest picture [`slide_png`] makes, in pixels.
pub const MAX_PICTURE_WIDTH_PX: u32 = 1920;

/// The page the slide is laid out on, in points (16:9).
const PAGE_W_PT: f32 = 640.0;
const PAGE_H_PT: f32 = PAGE_W_PT / ASPECT;

/// Why a slide's picture could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PictureError {
    /// The deck has no slide at this index.
    #[error("the deck has no slide {number} (it has {count})")]
    NoSuchSlide {
        /// The slide's number, from 1.
        number: usize,
        /// How many slides the deck has.
        count: usize,
    },
    /// The width is 0 or over [`MAX_PICTURE_WIDTH_PX`].
    #[error("a slide's picture is 1 to {MAX_PICTURE_WIDTH_PX} pixels wide, not {0}")]
    BadWidth(u32),
    /// Laying the slide out failed (as exporting the guide would).
    #[error(transparent)]
    Layout(#[from] ExportError),
    /// Rendering the laid-out slide failed.
    #[error("cannot draw the slide's picture: {0}")]
    Render(#[from] PdfError),
    /// Encoding the PNG failed.
    #[error("cannot encode the slide's picture as PNG: {0}")]
    Encode(#[from] image::ImageError),
}

/// Slide `index` of `loaded` as a PNG `width_px` wide and 9/16 of that
/// high, as the guide draws it (no speaker notes, no ink).
///
/// # Errors
/// [`PictureError`]: no such slide, a bad width, or a layout, render or
/// encoding failure.
pub fn slide_png(
    loaded: &LoadedDeck,
    index: usize,
    width_px: u32,
) -> Result<Vec<u8>, PictureError> {
    let count = loaded.deck.slides.len();
    if index >= count {
        return Err(PictureError::NoSuchSlide {
            number: index + 1,
            count,
        });
    }
    if width_px == 0 || width_px > MAX_PICTURE_WIDTH_PX {
        return Err(PictureError::BadWidth(width_px));
    }
    let pdf = slide_pdf(loaded, index)?;
    let document = PdfDocument::from_bytes(pdf, Path::new("slide picture"))?;
    let height_px = ((width_px as f32 / ASPECT).round() as u32).max(1);
    let pixels = document.render(0, width_px, height_px)?;
    let rgb = image::DynamicImage::ImageRgba8(pixels).into_rgb8();
    let mut png = Vec::new();
    let encoder = image::codecs::png::PngEncoder::new_with_quality(
        &mut png,
        image::codecs::png::CompressionType::Fast,
        image::codecs::png::FilterType::Adaptive,
    );
    rgb.write_with_encoder(encoder)?;
    Ok(png)
}

/// Slide `index` of `loaded` alone on a 16:9 page, as PDF bytes.
fn slide_pdf(loaded: &LoadedDeck, index: usize) -> Result<Vec<u8>, ExportError> {
    let deck = &loaded.deck;
    let faces = Faces::load()?;
    let images = Images::new(loaded);
    let grid = Grid {
        width: PAGE_W_PT,
        height: PAGE_H_PT,
        margin: 0.0,
        top: 0.0,
        bottom: PAGE_H_PT,
    };
    let mut flow = Flow::new(&faces, grid);
    let page = Area::new(0.0, 0.0, PAGE_W_PT, PAGE_H_PT);
    // The projector's black around a page of another shape.
    flow.artifact(Item::Fill {
        area: page,
        color: [0, 0, 0],
    });
    draw_picture(&mut flow, deck, index, page, &images, TitleTag::Heading(1));
    let doc = flow.finish();
    let title = deck
        .slides
        .get(index)
        .map_or_else(String::new, |slide| slide.title.clone());
    let meta = Meta {
        title: format!("{}: slide {}, {title}", deck.title, index + 1),
        subject: format!("A picture of slide {} of \"{}\"", index + 1, deck.title),
        lang: "en-US".to_owned(),
        author: deck.organization.clone(),
    };
    render(&doc, &faces, &meta, &|_, _| Vec::new())
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
mod tests {
    use super::*;

    fn module5() -> LoadedDeck {
        crate::deck::parse(
            crate::MODULE5_RON.as_bytes(),
            Path::new(crate::MODULE5_NAME),
            None,
        )
        .unwrap()
    }

    fn decode(png: &[u8]) -> image::RgbImage {
        image::load_from_memory_with_format(png, image::ImageFormat::Png)
            .unwrap()
            .into_rgb8()
    }

    /// How many pixels differ clearly from the picture's corner colour.
    fn drawn_pixels(image: &image::RgbImage) -> usize {
        let corner = image.get_pixel(1, 1).0;
        image
            .pixels()
            .filter(|p| p.0.iter().zip(corner).any(|(a, b)| a.abs_diff(b) > 60))
            .count()
    }

    #[test]
    fn a_slide_is_a_16_by_9_png_with_its_text_drawn() {
        let loaded = module5();
        let png = slide_png(&loaded, 0, 960).unwrap();
        let image = decode(&png);
        assert_eq!(image.dimensions(), (960, 540));
        // The title slide's words stand out from its background.
        let drawn = drawn_pixels(&image);
        assert!(drawn > 2_000, "only {drawn} pixels of text and shapes");
        assert!(
            drawn < 960 * 540 / 2,
            "{drawn} pixels: the slide is mostly not background"
        );
    }

    #[test]
    fn each_slide_has_its_own_picture() {
        let loaded = module5();
        let first = decode(&slide_png(&loaded, 0, 480).unwrap());
        let second = decode(&slide_png(&loaded, 1, 480).unwrap());
        assert_eq!(second.dimensions(), (480, 270));
        let differing = first
            .pixels()
            .zip(second.pixels())
            .filter(|(a, b)| a != b)
            .count();
        assert!(
            differing > 1_000,
            "slides 1 and 2 look the same ({differing} pixels differ)"
        );
    }

    #[test]
    fn no_such_slide_and_bad_widths_are_refused() {
        let loaded = module5();
        let count = loaded.deck.slides.len();
        assert!(matches!(
            slide_png(&loaded, count, 960),
            Err(PictureError::NoSuchSlide { number, .. }) if number == count + 1
        ));
        assert!(matches!(
            slide_png(&loaded, 0, 0),
            Err(PictureError::BadWidth(0))
        ));
        assert!(matches!(
            slide_png(&loaded, 0, MAX_PICTURE_WIDTH_PX + 1),
            Err(PictureError::BadWidth(_))
        ));
    }
}
