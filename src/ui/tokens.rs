//! Design tokens: every colour and size ratio the views use. Views never
//! write colour literals; they ask here.

use egui::Color32;

/// Colours of a slide theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SlideColors {
    /// Slide background.
    pub background: Color32,
    /// Body and title text.
    pub text: Color32,
    /// Accent: title rule, bullets, quotation bar.
    pub accent: Color32,
    /// Secondary text: subtitles, attributions, footers.
    pub muted: Color32,
}

fn color(rgb: crate::deck::theme::Rgb) -> Color32 {
    let [r, g, b] = rgb;
    Color32::from_rgb(r, g, b)
}

/// The slide colours of `deck`: its theme with its overrides (the palettes
/// themselves live in [`crate::deck::theme`]).
pub fn slide_colors(deck: &crate::deck::Deck) -> SlideColors {
    let palette = crate::deck::theme::palette(deck);
    SlideColors {
        background: color(palette.background),
        text: color(palette.text),
        accent: color(palette.accent),
        muted: color(palette.muted),
    }
}

/// The phone remote's QR code on the console: dark modules on light.
pub const QR_COLORS: SlideColors = SlideColors {
    background: Color32::WHITE,
    text: Color32::BLACK,
    accent: Color32::BLACK,
    muted: Color32::BLACK,
};

/// Side of the phone remote's QR code on the console, in points.
pub const REMOTE_QR_SIDE: f32 = 220.0;

/// Blackout fill.
pub const BLACKOUT: Color32 = Color32::BLACK;
/// Whiteout fill.
pub const WHITEOUT: Color32 = Color32::WHITE;
/// Letterbox bars around the 16:9 canvas.
pub const LETTERBOX: Color32 = Color32::BLACK;

/// Console: speaker notes text.
pub const NOTES_TEXT: Color32 = Color32::from_rgb(0xEE, 0xF0, 0xF3);
/// Console: background of presenter tips.
pub const TIP_FILL: Color32 = Color32::from_rgb(0x4A, 0x3B, 0x0B);
/// Console: text of presenter tips.
pub const TIP_TEXT: Color32 = Color32::from_rgb(0xFF, 0xE6, 0x99);
/// Console: background of audience prompt cards.
pub const PROMPT_FILL: Color32 = Color32::from_rgb(0x12, 0x33, 0x52);
/// Console: background of a prompt card ticked as covered.
pub const PROMPT_DONE_FILL: Color32 = Color32::from_rgb(0x1F, 0x2B, 0x22);
/// Console: border and heading of audience prompt cards.
pub const PROMPT_ACCENT: Color32 = Color32::from_rgb(0x8C, 0xC8, 0xFF);
/// Console: bar beside quotations.
pub const QUOTE_BAR: Color32 = Color32::from_rgb(0x9A, 0xA5, 0xB1);
/// Console: text quoted from the slide.
pub const SLIDE_TEXT: Color32 = Color32::from_rgb(0xC8, 0xD0, 0xDA);
/// Console: the content-note warning.
pub const WARNING_FILL: Color32 = Color32::from_rgb(0x5C, 0x1F, 0x1F);
/// Console: text on [`WARNING_FILL`].
pub const WARNING_TEXT: Color32 = Color32::from_rgb(0xFF, 0xD0, 0xD0);
/// Slides: the frame of an image placeholder.
pub const PLACEHOLDER_STROKE: Color32 = Color32::from_rgb(0xB0, 0x40, 0x40);
/// Console: the error banner.
pub const ERROR_FILL: Color32 = Color32::from_rgb(0x7A, 0x10, 0x10);
/// Console: text on [`ERROR_FILL`].
pub const ERROR_TEXT: Color32 = Color32::WHITE;
/// Console: talk timer while running.
pub const TIMER_RUNNING: Color32 = Color32::from_rgb(0xE8, 0xEC, 0xF0);
/// Console: talk timer while paused or not started.
pub const TIMER_PAUSED: Color32 = Color32::from_rgb(0xFF, 0xB0, 0x40);
/// Console: pacing, on time.
pub const PACE_ON_TIME: Color32 = Color32::from_rgb(0x6F, 0xD3, 0x8A);
/// Console: pacing, ahead of plan.
pub const PACE_AHEAD: Color32 = Color32::from_rgb(0x8C, 0xC8, 0xFF);
/// Console: pacing, behind plan.
pub const PACE_BEHIND: Color32 = Color32::from_rgb(0xFF, 0x7A, 0x6B);
/// Console: the discussion count-down at zero.
pub const TIME_UP_FILL: Color32 = Color32::from_rgb(0xB3, 0x1B, 0x1B);
/// Console: selection frame in the overview.
pub const SELECTED: Color32 = Color32::from_rgb(0xFF, 0xD2, 0x4D);
/// Console: veil over hidden slides in the overview.
pub const HIDDEN_VEIL: Color32 = Color32::from_rgba_premultiplied(0, 0, 0, 150);
/// Audience: the discreet discussion clock's background.
pub const CORNER_CLOCK_FILL: Color32 = Color32::from_rgba_premultiplied(0, 0, 0, 150);
/// Audience: the discreet discussion clock's text.
pub const CORNER_CLOCK_TEXT: Color32 = Color32::from_rgb(0xF0, 0xF0, 0xF0);
/// Both windows: the "Audience" / "Presenter" label's background.
pub const IDENTIFY_FILL: Color32 = Color32::from_rgb(0xFF, 0xD2, 0x4D);
/// Both windows: the "Audience" / "Presenter" label's text.
pub const IDENTIFY_TEXT: Color32 = Color32::from_rgb(0x10, 0x10, 0x10);
/// Audience: the break screen's background.
pub const BREAK_FILL: Color32 = Color32::from_rgb(0x1C, 0x2A, 0x3A);
/// Audience: the break screen's text.
pub const BREAK_TEXT: Color32 = Color32::from_rgb(0xF4, 0xF6, 0xF8);
/// Console: frame around the current-slide preview.
pub const CURRENT_FRAME: Color32 = Color32::from_rgb(0x3D, 0xA5, 0x5D);
/// Console: secondary labels.
pub const CONSOLE_MUTED: Color32 = Color32::from_rgb(0x9A, 0xA5, 0xB1);
/// Console: the "More below" band at the foot of the speaker notes.
pub const MORE_BELOW_FILL: Color32 = Color32::from_rgba_premultiplied(0x12, 0x14, 0x18, 0xE6);

/// Slide text sizes as fractions of the 16:9 canvas height.
pub mod size {
    /// Footer text.
    pub const FOOTER: f32 = 0.026;
    /// Height of an image block at full body size.
    pub const IMAGE: f32 = 0.42;
    /// Height of the logo.
    pub const LOGO: f32 = 0.075;
    /// Title on a title slide.
    pub const TITLE_SLIDE_TITLE: f32 = 0.095;
    /// Title on other slides.
    pub const TITLE: f32 = 0.075;
    /// Subtitles and headings.
    pub const HEADING: f32 = 0.055;
    /// Body text and bullets.
    pub const BODY: f32 = 0.048;
    /// Smallest body text before content is allowed to overflow.
    pub const BODY_MIN: f32 = 0.026;
    /// Outer margin of the canvas.
    pub const MARGIN: f32 = 0.06;
    /// The band along the bottom (organization, count-down, slide number).
    pub const BAND: f32 = 0.065;
    /// How far the band's bottom sits above the canvas's, in margins.
    pub const BAND_LIFT: f32 = 0.35;
    /// Space between reserved places (QR codes, logo, band, content).
    pub const GAP: f32 = 0.03;
    /// The widest logo, as a multiple of its height.
    pub const LOGO_MAX_ASPECT: f32 = 3.2;
    /// Side of a QR code.
    pub const QR: f32 = 0.26;
    /// The discussion count-down in the band.
    pub const COUNTDOWN: f32 = 0.045;
    /// Space under a slide's title.
    pub const TITLE_GAP: f32 = 0.05;
    /// Indent of bullets and quotations (and of each bullet level more).
    pub const INDENT: f32 = 0.05;
    /// A sub-bullet's text, as a fraction of the body size.
    pub const SUB_BULLET: f32 = 0.88;
    /// Space after a block, as a fraction of the body size.
    pub const BLOCK_GAP: f32 = 0.45;
    /// An image's alt text (in its placeholder), as a fraction of the body size.
    pub const ALT_TEXT: f32 = 0.6;
    /// Space between the lines of a title slide.
    pub const TITLE_SLIDE_GAP: f32 = 0.04;
    /// Radius of the laser pointer's dot.
    pub const POINTER: f32 = 0.012;
    /// The pen's line width (the same in print).
    pub const PEN: f32 = crate::show::pointing::PEN_WIDTH;
    /// The highlighter's line width.
    pub const HIGHLIGHTER: f32 = crate::show::pointing::HIGHLIGHTER_WIDTH;
    /// Why a picture is not shown (console only), as a fraction of the alt
    /// text's height.
    pub const REASON: f32 = 0.8;
    /// Why a PDF page is not shown (console only), of the canvas height.
    pub const PAGE_REASON: f32 = 0.04;
    /// Why the logo is not shown (console only), of the logo's height.
    pub const LOGO_REASON: f32 = 0.3;
    /// The smallest text the slide view paints, in points.
    pub const SMALLEST_PT: f32 = 6.0;
    /// A preview's caption ("End of the deck"), as a fraction of its height.
    pub const CAPTION: f32 = 0.08;
}

/// The laser pointer's dot, on the audience view.
pub const POINTER: Color32 = Color32::from_rgb(0xE5, 0x1A, 0x1A);
/// The light ring around the pointer, so it shows on dark slides and on
/// red ones.
pub const POINTER_HALO: Color32 = Color32::from_rgba_premultiplied(0xB0, 0xB0, 0xB0, 0xB0);
/// The green pointer's dot.
pub const POINTER_GREEN: Color32 = Color32::from_rgb(0x2E, 0xE5, 0x5A);
/// The yellow ring pointer.
pub const POINTER_RING: Color32 = Color32::from_rgb(0xFF, 0xD4, 0x00);
/// The dark edge of the green dot and the ring, for light slides.
pub const POINTER_EDGE: Color32 = Color32::from_rgba_premultiplied(0x10, 0x10, 0x10, 0xC8);
/// What the spotlight lays over the rest of the slide.
pub const SPOTLIGHT_DIM: Color32 = Color32::from_rgba_premultiplied(0, 0, 0, 0xC0);
/// How opaque the highlighter is (0..255), as in print.
pub const HIGHLIGHTER_ALPHA: u8 = (crate::show::pointing::HIGHLIGHTER_OPACITY * 255.0) as u8;

/// Largest glyph size in physical pixels: egui's glyph atlas refuses glyphs
/// much over 1024 px, so text is clamped below that.
pub const MAX_GLYPH_PX: f32 = 900.0;

/// Console text sizes, in points. Views take sizes from here, never as
/// literals.
pub const TEXT_BODY: f32 = 16.0;
/// Dialog text, a little larger than the body.
pub const TEXT_READ: f32 = 17.0;
/// Headings of the console's columns, the no-deck screen.
pub const TEXT_LARGE: f32 = 18.0;
/// Banners that must be read at a glance (discussion, venue check rows).
pub const TEXT_BANNER: f32 = 20.0;
/// The status bar: slide number, talk timer, clock.
pub const TEXT_STATUS: f32 = 22.0;
/// Panel titles (the venue check).
pub const TEXT_TITLE: f32 = 24.0;
/// The go-to prompt's typed number.
pub const TEXT_PROMPT: f32 = 28.0;
