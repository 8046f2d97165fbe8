//! The end of the talk on the console, while the room sees the end screen
//! (Next past the last slide, or "End the talk"): the parked questions to
//! answer, time per slide against the plan as a chart and a table, the
//! discussions and prompts, and the rehearsed timings to keep.

use egui::{Color32, RichText, Ui};
use egui_plot::{Bar, BarChart, Legend, Plot, uniform_grid_spacer};

use super::ConsoleView;
use super::tokens;
use crate::app::summary::RehearsalOffer;
use crate::cli::plural;
use crate::session::{Report, SlideTime, report_clock as clock};
use crate::show::{AppCommand, Command, ShellCommand};

/// The chart's planned bars: a wide outline behind the talk time.
const PLANNED: Color32 = tokens::CONSOLE_MUTED;
/// Talk time within the plan (or on a slide without one).
const WITHIN: Color32 = tokens::PACE_AHEAD;
/// Talk time past the plan.
const PAST: Color32 = tokens::PACE_BEHIND;
/// Height of the rehearsal's diff, in points, at most (it scrolls).
const DIFF_MAX_HEIGHT: f32 = 260.0;
/// Height of the chart, in points, at most.
const CHART_MAX_HEIGHT: f32 = 320.0;

/// The end-of-talk screen, in place of the slides and notes.
pub(super) fn end_of_talk_ui(ui: &mut Ui, view: &ConsoleView<'_>, commands: &mut Vec<AppCommand>) {
    ui.horizontal_wrapped(|ui| {
        // The banner above says what the room sees (black).
        ui.label(
            RichText::new("End of the talk")
                .size(tokens::TEXT_LARGE)
                .strong(),
        );
        if ui
            .button(RichText::new("Back to the last slide (Left arrow)").size(tokens::TEXT_BODY))
            .clicked()
        {
            commands.push(Command::Previous.into());
        }
    });
    let end = view.end_of_talk;
    let Some(report) = &end.report else {
        ui.label(
            RichText::new(
                "The session record is off, so there is no summary of this talk (the message at the top says why).",
            )
            .size(tokens::TEXT_BODY),
        );
        return;
    };
    ui.label(RichText::new(headline(report)).size(tokens::TEXT_BODY));
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt("cuecard-end-of-talk")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            parked_ui(ui, report);
            if end.rehearsing {
                rehearsal_ui(ui, end.offer.as_ref(), commands);
            }
            section(ui, "Time per slide against the plan");
            chart_ui(ui, report);
            slide_table_ui(ui, report);
            discussions_ui(ui, report);
            prompts_ui(ui, report);
            if let Some(file) = &view.session_file {
                ui.add_space(8.0);
                ui.label(
                    RichText::new(format!(
                        "This talk is recorded in {}. `cuecard report --out report.pdf` prints it for the grant's records.",
                        file.display()
                    ))
                    .color(tokens::CONSOLE_MUTED),
                );
            }
        });
}

/// "Talk time 48:12 against 60 planned minutes (11:48 under) · 10 of 10
/// slides shown · 3 of 9 prompts covered".
fn headline(report: &Report) -> String {
    let planned = report.planned_minutes();
    let against = if planned > 0.0 {
        let delta = report.talk_secs - planned * 60.0;
        let side = if delta > 0.0 { "over" } else { "under" };
        format!(
            " against {} planned ({} {side})",
            clock(planned * 60.0),
            clock(delta.abs())
        )
    } else {
        String::new()
    };
    let shown = report.slides.iter().filter(|s| s.visits > 0).count();
    format!(
        "Talk time {}{against} · {shown} of {} shown · {} of {} covered",
        clock(report.talk_secs),
        plural(report.slides.len(), "slide"),
        report.prompts_covered.len(),
        plural(report.prompts_total, "prompt"),
    )
}

fn section(ui: &mut Ui, title: &str) {
    ui.add_space(6.0);
    ui.label(RichText::new(title).size(tokens::TEXT_BODY).strong());
}

/// The questions to answer before the room leaves, first.
fn parked_ui(ui: &mut Ui, report: &Report) {
    let title = match report.parked.len() {
        0 => "Parked questions: none".to_owned(),
        1 => "Parked questions: 1 to follow up".to_owned(),
        n => format!("Parked questions: {n} to follow up"),
    };
    section(ui, &title);
    for parked in &report.parked {
        ui.label(
            RichText::new(format!(
                "{} · slide {} · {}",
                parked.clock,
                parked.slide + 1,
                parked.text
            ))
            .size(tokens::TEXT_BODY),
        );
    }
}

/// The rehearsed minutes: what would change, as a diff, and Write or Keep.
fn rehearsal_ui(ui: &mut Ui, offer: Option<&RehearsalOffer>, commands: &mut Vec<AppCommand>) {
    section(ui, "Rehearsed timings");
    match offer {
        None => {
            ui.label("Working out the rehearsed minutes…");
        }
        Some(RehearsalOffer::Ready(rewrite)) => {
            ui.label(
                RichText::new(format!(
                    "Keep this rehearsal's times as the planned minutes of {} in {}? Only the numbers change; comments and layout stay.",
                    plural(rewrite.changes.len(), "slide"),
                    rewrite.path.display()
                ))
                .size(tokens::TEXT_BODY),
            );
            for change in &rewrite.changes {
                let before = change
                    .old_minutes
                    .map_or_else(|| "no plan".to_owned(), |m| m.to_string());
                ui.label(format!(
                    "{} (line {}): from {before} to {} min",
                    change.slide_id, change.line, change.new_minutes
                ));
            }
            if !rewrite.kept.is_empty() {
                ui.label(
                    RichText::new(format!(
                        "Planned minutes kept for {} shown under {} s or not at all: {}",
                        plural(rewrite.kept.len(), "slide"),
                        crate::session::rehearse::MIN_REHEARSED_SECS,
                        rewrite.kept.join(", ")
                    ))
                    .color(tokens::CONSOLE_MUTED),
                );
            }
            ui.horizontal(|ui| {
                if ui
                    .button(
                        RichText::new("Write these minutes to the deck").size(tokens::TEXT_BODY),
                    )
                    .clicked()
                {
                    commands.push(ShellCommand::WriteRehearsedMinutes.into());
                }
                if ui
                    .button(RichText::new("Keep the planned minutes").size(tokens::TEXT_BODY))
                    .clicked()
                {
                    commands.push(ShellCommand::KeepPlannedMinutes.into());
                }
            });
            // Shown before anything is written; it scrolls on its own, so
            // the buttons above stay in view.
            egui::CollapsingHeader::new("The change to the deck file (diff)")
                .default_open(true)
                .show(ui, |ui| {
                    egui::ScrollArea::vertical()
                        .id_salt("cuecard-rehearsal-diff")
                        .max_height(DIFF_MAX_HEIGHT)
                        .show(ui, |ui| {
                            let mut diff = rewrite.diff();
                            ui.add(
                                egui::TextEdit::multiline(&mut diff)
                                    .font(egui::TextStyle::Monospace)
                                    .desired_width(f32::INFINITY)
                                    .interactive(false),
                            );
                        });
                });
        }
        Some(RehearsalOffer::Nothing(message) | RehearsalOffer::Written(message)) => {
            ui.label(RichText::new(message).size(tokens::TEXT_BODY));
        }
        Some(RehearsalOffer::Failed(message)) => {
            super::banners::warning_ui(ui, message);
        }
    }
}

/// Slide numbers along the bottom, minutes up the side: a wide grey bar
/// for the plan, a narrow one in front for the talk time (red past the
/// plan). Nothing moves or zooms: it is read, not explored.
fn chart_ui(ui: &mut Ui, report: &Report) {
    let bar = |s: &SlideTime, minutes: f64, width: f64| {
        Bar::new((s.index + 1) as f64, minutes)
            .width(width)
            .name(format!("{}. {}", s.index + 1, s.title))
    };
    let planned: Vec<Bar> = report
        .slides
        .iter()
        .filter_map(|s| Some(bar(s, s.planned_minutes?, 0.8)))
        .collect();
    let (past, within): (Vec<&SlideTime>, Vec<&SlideTime>) =
        report.slides.iter().partition(|s| s.past_plan());
    // Talk time is solid, so it reads in front of the plan's outline.
    let talk = |slides: Vec<&SlideTime>, color: Color32| -> Vec<Bar> {
        slides
            .into_iter()
            .map(|s| {
                bar(s, s.talk_minutes(), 0.45)
                    .fill(color)
                    .stroke(egui::Stroke::new(1.0, color))
            })
            .collect()
    };
    let hover = |b: &Bar, _: &BarChart| format!("{}\n{:.1} min", b.name, b.value);
    let count = report.slides.len().max(1) as f64;
    let height = (ui.available_height() * 0.5).clamp(160.0, CHART_MAX_HEIGHT);
    Plot::new("cuecard-end-of-talk-chart")
        .height(height)
        .legend(Legend::default())
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .include_x(0.4)
        .include_x(count + 0.6)
        .include_y(0.0)
        .x_grid_spacer(uniform_grid_spacer(|_| [1.0, 5.0, 10.0]))
        .x_axis_formatter(move |mark, _| {
            let v = mark.value;
            if v.fract() == 0.0 && v >= 1.0 && v <= count {
                format!("{v:.0}")
            } else {
                String::new()
            }
        })
        .y_axis_label("minutes")
        .x_axis_label("slide")
        .show(ui, |plot| {
            plot.bar_chart(
                BarChart::new("Planned", planned)
                    .color(PLANNED)
                    .element_formatter(Box::new(hover)),
            );
            plot.bar_chart(
                BarChart::new("Talk time", talk(within, WITHIN))
                    .color(WITHIN)
                    .element_formatter(Box::new(hover)),
            );
            plot.bar_chart(
                BarChart::new("Past the plan", talk(past, PAST))
                    .color(PAST)
                    .element_formatter(Box::new(hover)),
            );
        });
}

/// The chart's figures as text, for reading aloud (screen readers) and
/// for slides with long titles.
fn slide_table_ui(ui: &mut Ui, report: &Report) {
    egui::Grid::new("cuecard-end-of-talk-slides")
        .striped(true)
        .num_columns(4)
        .show(ui, |ui| {
            for heading in ["Slide", "Talk time", "Planned", "Difference"] {
                ui.label(RichText::new(heading).strong());
            }
            ui.end_row();
            for s in &report.slides {
                ui.label(format!(
                    "{}. {}",
                    s.index + 1,
                    crate::deck::shorten(&s.title, 60)
                ));
                ui.label(clock(s.talk_secs));
                ui.label(
                    s.planned_minutes
                        .map_or_else(|| "-".to_owned(), |m| clock(m * 60.0)),
                );
                let difference = s.difference_text();
                if s.past_plan() {
                    ui.label(RichText::new(difference).color(PAST));
                } else {
                    ui.label(difference);
                }
                ui.end_row();
            }
        });
}

fn discussions_ui(ui: &mut Ui, report: &Report) {
    if report.discussions.is_empty() && report.breaks.is_empty() {
        return;
    }
    section(ui, "Discussions and breaks (actual against planned)");
    for d in &report.discussions {
        let question = d
            .question
            .as_deref()
            .map(|q| format!(": {q}"))
            .unwrap_or_default();
        ui.label(format!(
            "{} of {} · {}{question}",
            clock(d.actual_secs),
            clock(d.planned_secs),
            d.slide_title
        ));
    }
    for b in &report.breaks {
        ui.label(format!(
            "Break: {} of {}",
            clock(b.actual_secs),
            clock(b.planned_secs)
        ));
    }
}

fn prompts_ui(ui: &mut Ui, report: &Report) {
    section(
        ui,
        &format!(
            "Prompts covered: {} of {}",
            report.prompts_covered.len(),
            report.prompts_total
        ),
    );
    for p in &report.prompts_covered {
        ui.label(format!("· {}: {}", p.slide_title, p.question));
    }
}
