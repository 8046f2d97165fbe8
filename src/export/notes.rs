//! The guide's speaker notes by kind, read like the console: script as
//! text, presenter tips and questions for the room in boxes (the questions
//! with their ideas listed), quotations set apart, slide text in italics;
//! and a slide's links with their addresses and QR codes.

use crate::deck::{Note, Slide};

use super::art::{link, qr_figure};
use super::doc::{Area, Flow, Kind, Style};
use super::fonts::FaceKind;
use super::guide::{ink, pt, style};
use super::minutes_text;

pub(crate) fn label_style(color: [u8; 3]) -> Style {
    style(FaceKind::Bold, pt::LABEL, color)
}

pub(crate) fn label(flow: &mut Flow<'_>, text: &str, color: [u8; 3]) {
    flow.open(Kind::P);
    flow.text(text, label_style(color), 2.0);
    flow.close();
}

/// Starts a new page unless a box of `parts` (text, style, indent) with
/// `pad` points of padding fits on this one, so a short tip or question is
/// never split over a page break (a box taller than a page still is).
pub(crate) fn keep_together(flow: &mut Flow<'_>, pad: f32, parts: &[(&str, Style, f32)]) {
    let width = flow.width() - 2.0 * pad;
    let height: f32 = parts
        .iter()
        .map(|(text, style, indent)| flow.measure(text, *style, width - indent) + 3.0)
        .sum::<f32>()
        + 2.0 * pad;
    let page = flow.grid.bottom - flow.grid.top;
    flow.ensure(height.min(page));
}

pub(crate) fn notes(flow: &mut Flow<'_>, note: &Note) {
    let body = style(FaceKind::Regular, pt::BODY, ink::TEXT);
    match note {
        Note::Script(text) => {
            flow.open(Kind::P);
            flow.text(text, body, 7.0);
            flow.close();
        }
        Note::Tip(text) => {
            keep_together(
                flow,
                6.0 + 3.0,
                &[
                    ("PRESENTER TIP", label_style(ink::TIP_LABEL), 0.0),
                    (text, body, 0.0),
                ],
            );
            flow.begin_box(Some(ink::TIP_FILL), Some(ink::TIP_BAR), None, 6.0);
            flow.open(Kind::Div);
            label(flow, "PRESENTER TIP", ink::TIP_LABEL);
            flow.open(Kind::P);
            flow.text(text, body, 0.0);
            flow.close();
            flow.close();
            flow.end_box(8.0);
        }
        Note::Prompt {
            question,
            ideas,
            minutes,
        } => {
            let heading = match minutes {
                Some(m) => format!("QUESTION FOR THE ROOM \u{00B7} {} MIN", minutes_text(*m)),
                None => "QUESTION FOR THE ROOM".to_owned(),
            };
            let mut parts = vec![
                (heading.as_str(), label_style(ink::ACCENT), 0.0),
                (
                    question.as_str(),
                    style(FaceKind::Bold, pt::BODY, ink::TEXT),
                    0.0,
                ),
            ];
            if !ideas.is_empty() {
                parts.push((
                    "Ideas if the group needs help:",
                    style(FaceKind::Italic, pt::SMALL, ink::MUTED),
                    0.0,
                ));
            }
            for idea in ideas {
                parts.push((idea.as_str(), body, 12.0));
            }
            keep_together(flow, 7.0, &parts);
            flow.begin_box(Some(ink::PROMPT_FILL), None, Some(ink::ACCENT), 7.0);
            flow.open(Kind::Div);
            label(flow, &heading, ink::ACCENT);
            flow.open(Kind::P);
            flow.text(question, style(FaceKind::Bold, pt::BODY, ink::TEXT), 3.0);
            flow.close();
            if !ideas.is_empty() {
                flow.open(Kind::P);
                flow.text(
                    "Ideas if the group needs help:",
                    style(FaceKind::Italic, pt::SMALL, ink::MUTED),
                    2.0,
                );
                flow.close();
                flow.open(Kind::List);
                for idea in ideas {
                    list_item(flow, idea, body);
                }
                flow.close();
            }
            flow.close();
            flow.end_box(8.0);
        }
        Note::Quote { text, source } => {
            flow.begin_box(None, Some(ink::QUOTE_BAR), None, 6.0);
            flow.open(Kind::BlockQuote);
            flow.open(Kind::P);
            flow.text(text, style(FaceKind::Italic, pt::BODY, ink::TEXT), 2.0);
            flow.close();
            if let Some(source) = source {
                flow.open(Kind::P);
                flow.text(
                    &format!("\u{2014} {source}"),
                    style(FaceKind::Regular, pt::SMALL, ink::MUTED),
                    0.0,
                );
                flow.close();
            }
            flow.close();
            flow.end_box(8.0);
        }
        Note::SlideText(text) => {
            flow.open(Kind::P);
            flow.text(
                &format!("On the slide: {text}"),
                style(FaceKind::Italic, pt::BODY, ink::MUTED),
                7.0,
            );
            flow.close();
        }
    }
}

/// A bulleted list item: a `•` label and the text, indented.
pub(crate) fn list_item(flow: &mut Flow<'_>, text: &str, body: Style) {
    let indent = 12.0;
    let face = flow.faces.get(body.face);
    flow.ensure(face.line_height_pt(body.size));
    flow.open(Kind::ListItem);
    flow.open(Kind::Label);
    let (bullet, _) = flow.lines("\u{2022}", body, flow.left + 2.0, indent, flow.y);
    flow.content(bullet);
    flow.close();
    flow.open(Kind::ListBody);
    flow.left += indent;
    flow.text(text, body, 2.0);
    flow.left -= indent;
    flow.close();
    flow.close();
}

pub(crate) fn links(flow: &mut Flow<'_>, slide: &Slide) {
    flow.ensure(90.0);
    flow.open(Kind::Heading(3, "Links".to_owned()));
    flow.text("Links", style(FaceKind::Bold, pt::SECTION, ink::TEXT), 5.0);
    flow.close();
    let qr_side = 72.0;
    for link_spec in &slide.links {
        flow.ensure(qr_side + 8.0);
        let top = flow.y;
        let right = flow.right;
        flow.right -= qr_side + 12.0;
        flow.open(Kind::Div);
        let title_style = style(FaceKind::Bold, pt::BODY, ink::ACCENT);
        linked_text(flow, &link_spec.title, title_style, &link_spec.url);
        let small = style(FaceKind::Regular, pt::SMALL, ink::MUTED);
        let shown =
            super::art::safe_address(&link_spec.url).unwrap_or_else(|| link_spec.url.clone());
        linked_text(flow, &shown, small, &link_spec.url);
        if let Some(transcript) = &link_spec.transcript {
            flow.open(Kind::P);
            flow.text("Transcript:", small, 0.0);
            flow.close();
            linked_text(flow, transcript, small, transcript);
        }
        if let Some(local) = &link_spec.local {
            flow.open(Kind::P);
            flow.text(&format!("Local copy: {local}"), small, 0.0);
            flow.close();
        }
        let qr_area = Area::new(right - qr_side, top, qr_side, qr_side);
        if let Some(address) = super::art::safe_address(&link_spec.url) {
            qr_figure(flow, qr_area, &address, ink::TEXT, [0xFF, 0xFF, 0xFF]);
        }
        flow.close();
        flow.right = right;
        flow.y = flow.y.max(top + qr_side) + 10.0;
    }
}

/// `text` as a paragraph linking to `url`, each line clickable.
pub(crate) fn linked_text(flow: &mut Flow<'_>, text: &str, text_style: Style, url: &str) {
    let height = flow.measure(text, text_style, flow.width());
    flow.ensure(height);
    let (items, height) = flow.lines(text, text_style, flow.left, flow.width(), flow.y);
    let areas = flow.line_areas(&items);
    flow.open(Kind::P);
    link(flow, items, &areas, url, text);
    flow.close();
    flow.y += height + 2.0;
}
