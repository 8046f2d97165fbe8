//! The report as a PDF (krilla): a summary, a bar chart of talk time per
//! slide against the plan drawn as vectors, then the discussions, the
//! prompts covered and the parked questions.
//!
//! Layout is done first into pages of simple drawing operations
//! ([`layout`]), then painted with krilla; text is set in Atkinson
//! Hyperlegible (built in, SIL Open Font License) and measured with skrifa.

use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::{Font, TextDirection};
use skrifa::MetadataProvider as _;

use super::Report;
use super::text::{clock, difference, when};

const REGULAR: &[u8] = include_bytes!("../../../assets/fonts/AtkinsonHyperlegible-Regular.ttf");
const BOLD: &[u8] = include_bytes!("../../../assets/fonts/AtkinsonHyperlegible-Bold.ttf");

/// A4 portrait, in points.
const PAGE_W_PT: f32 = 595.0;
const PAGE_H_PT: f32 = 842.0;
const MARGIN_PT: f32 = 50.0;
const BODY_PT: f32 = 10.0;
const LABEL_W_PT: f32 = 190.0;
const BAR_H_PT: f32 = 11.0;
const ROW_H_PT: f32 = 18.0;

/// Text and chart colours (RGB).
const INK: (u8, u8, u8) = (0x1f, 0x23, 0x28);
const MUTED: (u8, u8, u8) = (0x59, 0x60, 0x69);
const ACTUAL: (u8, u8, u8) = (0x1f, 0x5f, 0xa8);
const OVER: (u8, u8, u8) = (0xb3, 0x3a, 0x1e);
const PLAN: (u8, u8, u8) = (0x20, 0x20, 0x20);
const GRID: (u8, u8, u8) = (0xd0, 0xd4, 0xd9);

/// One drawing operation, in points from the page's top-left corner.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    /// Text with its baseline at `y`.
    Text {
        /// Left edge.
        x: f32,
        /// Baseline.
        y: f32,
        /// Font size.
        size_pt: f32,
        /// Bold or regular.
        bold: bool,
        /// Colour.
        rgb: (u8, u8, u8),
        /// The text (one line).
        text: String,
    },
    /// A filled rectangle (a bar).
    Bar {
        /// Left edge.
        x: f32,
        /// Top edge.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Colour.
        rgb: (u8, u8, u8),
    },
    /// A straight line (a plan marker or a grid line).
    Line {
        /// Start.
        from: (f32, f32),
        /// End.
        to: (f32, f32),
        /// Stroke width.
        width_pt: f32,
        /// Colour.
        rgb: (u8, u8, u8),
    },
}

/// Text widths, from the fonts' advance widths.
struct Measure<'a> {
    regular: Option<skrifa::FontRef<'a>>,
    bold: Option<skrifa::FontRef<'a>>,
}

impl Measure<'_> {
    fn new() -> Self {
        Self {
            regular: skrifa::FontRef::new(REGULAR).ok(),
            bold: skrifa::FontRef::new(BOLD).ok(),
        }
    }

    fn width(&self, text: &str, size_pt: f32, bold: bool) -> f32 {
        let font = if bold { &self.bold } else { &self.regular };
        let Some(font) = font else {
            return text.chars().count() as f32 * size_pt * 0.6;
        };
        let charmap = font.charmap();
        let metrics = font.glyph_metrics(
            skrifa::instance::Size::new(size_pt),
            skrifa::instance::LocationRef::default(),
        );
        text.chars()
            .map(|c| {
                charmap
                    .map(c)
                    .and_then(|g| metrics.advance_width(g))
                    .unwrap_or(size_pt * 0.6)
            })
            .sum()
    }

    /// `text` broken into lines no wider than `width_pt`.
    fn wrap(&self, text: &str, size_pt: f32, bold: bool, width_pt: f32) -> Vec<String> {
        let mut lines = Vec::new();
        let mut line = String::new();
        for word in text.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if self.width(&candidate, size_pt, bold) <= width_pt || line.is_empty() {
                line = candidate;
            } else {
                lines.push(std::mem::take(&mut line));
                word.clone_into(&mut line);
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
    }

    /// `text` cut with `…` to fit `width_pt`.
    fn fit(&self, text: &str, size_pt: f32, width_pt: f32) -> String {
        if self.width(text, size_pt, false) <= width_pt {
            return text.to_owned();
        }
        let mut cut: String = text.to_owned();
        while !cut.is_empty() && self.width(&format!("{cut}…"), size_pt, false) > width_pt {
            cut.pop();
        }
        format!("{}…", cut.trim_end())
    }
}

/// Builds pages top to bottom, starting a new page when one is full.
struct Pages {
    pages: Vec<Vec<Op>>,
    y: f32,
}

impl Pages {
    fn new() -> Self {
        Self {
            pages: vec![Vec::new()],
            y: MARGIN_PT,
        }
    }

    /// Makes room for `height_pt` more, on a new page if needed.
    fn room(&mut self, height_pt: f32) {
        if self.y + height_pt > PAGE_H_PT - MARGIN_PT {
            self.pages.push(Vec::new());
            self.y = MARGIN_PT;
        }
    }

    fn push(&mut self, op: Op) {
        if let Some(page) = self.pages.last_mut() {
            page.push(op);
        }
    }

    fn text(&mut self, x: f32, size_pt: f32, bold: bool, rgb: (u8, u8, u8), text: String) {
        let y = self.y + size_pt;
        self.push(Op::Text {
            x,
            y,
            size_pt,
            bold,
            rgb,
            text,
        });
    }

    fn paragraph(&mut self, m: &Measure, text: &str, size_pt: f32, bold: bool, rgb: (u8, u8, u8)) {
        for line in m.wrap(text, size_pt, bold, PAGE_W_PT - 2.0 * MARGIN_PT) {
            self.room(size_pt * 1.4);
            self.text(MARGIN_PT, size_pt, bold, rgb, line);
            self.y += size_pt * 1.4;
        }
    }

    fn heading(&mut self, m: &Measure, text: &str) {
        self.y += 10.0;
        self.room(60.0);
        self.paragraph(m, text, 14.0, true, INK);
        self.y += 4.0;
    }
}

/// The report laid out as pages of drawing operations (A4, points).
pub fn layout(report: &Report) -> Vec<Vec<Op>> {
    let m = Measure::new();
    let mut p = Pages::new();
    p.paragraph(&m, &report.title, 20.0, true, INK);
    p.y += 4.0;
    let summary = [
        format!(
            "Session started {}{}",
            when(&report.started),
            report.ended_text()
        ),
        format!(
            "Talk time {} against {:.0} planned minutes; prompts covered {} of {}; {} parked questions",
            clock(report.talk_secs),
            report.planned_minutes(),
            report.prompts_covered.len(),
            report.prompts_total,
            report.parked.len()
        ),
    ];
    for line in summary {
        p.paragraph(&m, &line, BODY_PT, false, MUTED);
    }
    chart(&mut p, &m, report);
    p.heading(&m, "Discussions");
    if report.discussions.is_empty() {
        p.paragraph(&m, "None were timed.", BODY_PT, false, MUTED);
    }
    for d in &report.discussions {
        let line = format!(
            "{} against {} planned, on {}{}",
            clock(d.actual_secs),
            clock(d.planned_secs),
            d.slide_title,
            d.question
                .as_deref()
                .map(|q| format!(": {q}"))
                .unwrap_or_default()
        );
        p.paragraph(&m, &line, BODY_PT, false, INK);
        p.y += 3.0;
    }
    p.heading(&m, "Prompts covered");
    if report.prompts_covered.is_empty() {
        p.paragraph(&m, "None were ticked.", BODY_PT, false, MUTED);
    }
    for q in &report.prompts_covered {
        p.paragraph(
            &m,
            &format!("{}: {}", q.slide_title, q.question),
            BODY_PT,
            false,
            INK,
        );
        p.y += 3.0;
    }
    p.heading(&m, "Parked questions");
    if report.parked.is_empty() {
        p.paragraph(&m, "None.", BODY_PT, false, MUTED);
    }
    for q in &report.parked {
        let line = format!(
            "Slide {} ({}, talk {}): {}",
            q.slide + 1,
            q.clock,
            clock(q.talk_secs),
            q.text
        );
        p.paragraph(&m, &line, BODY_PT, false, INK);
        p.y += 3.0;
    }
    p.pages
}

/// The bar chart: one row per slide, a bar for the talk time (red past
/// the plan) and a black tick at the planned minutes.
fn chart(p: &mut Pages, m: &Measure, report: &Report) {
    p.heading(m, "Time per slide against the plan");
    let longest = report
        .slides
        .iter()
        .map(|s| (s.talk_secs / 60.0).max(s.planned_minutes.unwrap_or(0.0)))
        .fold(1.0_f64, f64::max);
    // Whole minutes on the axis, a grid line every `step` minutes.
    let step = [1.0, 2.0, 5.0, 10.0, 15.0, 30.0, 60.0]
        .into_iter()
        .find(|s| longest / s <= 8.0)
        .unwrap_or(120.0);
    let axis_max = (longest / step).ceil() * step;
    let x0 = MARGIN_PT + LABEL_W_PT;
    let chart_w = PAGE_W_PT - MARGIN_PT - x0 - 70.0;
    let scale = |minutes: f64| x0 + (minutes / axis_max) as f32 * chart_w;
    let legend = "Bars: talk time (red past the plan). Ticks: planned minutes.";
    p.paragraph(m, legend, 8.5, false, MUTED);
    p.y += 4.0;
    for s in &report.slides {
        p.room(ROW_H_PT + 20.0);
        let label = m.fit(
            &format!("{}. {}", s.index + 1, s.title),
            BODY_PT,
            LABEL_W_PT - 8.0,
        );
        p.text(MARGIN_PT, BODY_PT, false, INK, label);
        let actual = s.talk_secs / 60.0;
        let over = s.past_plan();
        let top = p.y + 1.0;
        if actual > 0.0 {
            p.push(Op::Bar {
                x: x0,
                y: top,
                w: (scale(actual) - x0).max(0.5),
                h: BAR_H_PT,
                rgb: if over { OVER } else { ACTUAL },
            });
        }
        if let Some(plan) = s.planned_minutes {
            let x = scale(plan);
            p.push(Op::Line {
                from: (x, top - 3.0),
                to: (x, top + BAR_H_PT + 3.0),
                width_pt: 2.0,
                rgb: PLAN,
            });
        }
        let figures = format!(
            "{} {}",
            clock(s.talk_secs),
            difference(s.talk_secs, s.planned_minutes)
        );
        p.text(scale(axis_max) + 8.0, 8.5, false, MUTED, figures);
        p.y += ROW_H_PT;
    }
    // The axis: grid lines and minute labels under the rows.
    let mut minutes = 0.0;
    while minutes <= axis_max + 1e-9 {
        let x = scale(minutes);
        p.push(Op::Line {
            from: (x, p.y),
            to: (x, p.y + 4.0),
            width_pt: 0.75,
            rgb: GRID,
        });
        p.push(Op::Text {
            x: x - 3.0,
            y: p.y + 13.0,
            size_pt: 8.0,
            bold: false,
            rgb: MUTED,
            text: format!("{minutes:.0}"),
        });
        minutes += step;
    }
    p.push(Op::Text {
        x: scale(axis_max) + 8.0,
        y: p.y + 13.0,
        size_pt: 8.0,
        bold: false,
        rgb: MUTED,
        text: "minutes".to_owned(),
    });
    p.y += 22.0;
}

/// The report as PDF bytes.
///
/// # Errors
/// A message when krilla cannot write the document (it does not for the
/// built-in fonts and finite numbers).
pub fn to_pdf(report: &Report) -> Result<Vec<u8>, String> {
    let regular = Font::new(REGULAR.into(), 0).ok_or("the built-in regular font does not load")?;
    let bold = Font::new(BOLD.into(), 0).ok_or("the built-in bold font does not load")?;
    let mut document = Document::new();
    document.set_metadata(
        Metadata::new()
            .title(format!("{}: session report", report.title))
            .creator("cuecard".to_owned()),
    );
    let settings =
        PageSettings::from_wh(PAGE_W_PT, PAGE_H_PT).ok_or("the page size is not valid")?;
    for ops in layout(report) {
        let mut page = document.start_page_with(settings.clone());
        let mut surface = page.surface();
        for op in ops {
            match op {
                Op::Text {
                    x,
                    y,
                    size_pt,
                    bold: is_bold,
                    rgb,
                    text,
                } => {
                    surface.set_fill(Some(fill(rgb)));
                    surface.set_stroke(None);
                    let font = if is_bold {
                        bold.clone()
                    } else {
                        regular.clone()
                    };
                    surface.draw_text(
                        Point::from_xy(x, y),
                        font,
                        size_pt,
                        &text,
                        false,
                        TextDirection::Auto,
                    );
                }
                Op::Bar { x, y, w, h, rgb } => {
                    let mut path = PathBuilder::new();
                    if let Some(rect) = Rect::from_xywh(x, y, w, h) {
                        path.push_rect(rect);
                    }
                    if let Some(path) = path.finish() {
                        surface.set_fill(Some(fill(rgb)));
                        surface.set_stroke(None);
                        surface.draw_path(&path);
                    }
                }
                Op::Line {
                    from,
                    to,
                    width_pt,
                    rgb,
                } => {
                    let mut path = PathBuilder::new();
                    path.move_to(from.0, from.1);
                    path.line_to(to.0, to.1);
                    if let Some(path) = path.finish() {
                        surface.set_fill(None);
                        surface.set_stroke(Some(Stroke {
                            paint: rgb::Color::new(rgb.0, rgb.1, rgb.2).into(),
                            width: width_pt,
                            ..Stroke::default()
                        }));
                        surface.draw_path(&path);
                    }
                }
            }
        }
        surface.finish();
        page.finish();
    }
    document.finish().map_err(|e| format!("{e:?}"))
}

fn fill(rgb: (u8, u8, u8)) -> Fill {
    Fill {
        paint: rgb::Color::new(rgb.0, rgb.1, rgb.2).into(),
        opacity: NormalizedF32::ONE,
        rule: krilla::paint::FillRule::default(),
    }
}
