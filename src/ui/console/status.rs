//! The status bar: slide number, talk timer with pacing, wall clock, and
//! the buttons and menus under it.

use std::time::Duration;

use egui::{RichText, Ui};

use super::super::tokens;
use super::{ConsoleView, ExportButtons};
use crate::deck::Deck;
use crate::show::hours::ClockFormat;
use crate::show::hours::format_wall;
use crate::show::monitors::ScreenMode;
use crate::show::{
    AppCommand, Command, ExportKind, Pace, Screen, ShellCommand, format_clock, pace,
};

/// The status bar and its buttons.
pub(super) fn status_bar_ui(
    ui: &mut Ui,
    deck: &Deck,
    view: &ConsoleView<'_>,
    commands: &mut Vec<AppCommand>,
) {
    let p = view.presentation;
    let items = status_items(deck, view);
    // The slide number, talk timer and clock stay on one line: on a narrow
    // console (683 points in side-by-side rehearsal on a 1366x768 laptop)
    // the line shrinks to fit rather than wrapping the clock under it.
    let needed = status_width(ui, &items, tokens::TEXT_STATUS);
    let available = ui.available_width();
    // In steps of 5%, so the font atlas holds a handful of sizes, not one
    // per width the clock's digits make.
    let scale = if needed > available {
        ((available / needed * 20.0).floor() / 20.0).max(MIN_STATUS_SCALE)
    } else {
        1.0
    };
    let big = tokens::TEXT_STATUS * scale;
    ui.horizontal_wrapped(|ui| {
        for item in &items {
            match item {
                StatusItem::Separator => {
                    ui.separator();
                }
                StatusItem::Text(text) => {
                    ui.label(text.rich(big));
                }
            }
        }
    });
    ui.horizontal_wrapped(|ui| {
        let toggle = if p.timer.is_running() {
            "Pause timer"
        } else if p.timer.is_started() {
            "Resume timer"
        } else {
            "Start timer"
        };
        if ui.button(toggle).clicked() {
            commands.push(Command::ToggleTimer.into());
        }
        if let Some(before) = p.timer.elapsed_before_reset(view.now)
            && ui
                .button(format!(
                    "Undo timer reset (back to {})",
                    format_clock(before)
                ))
                .clicked()
        {
            commands.push(Command::UndoResetTimer.into());
        }
        // Reset sits in a menu, away from where Pause is clicked by habit;
        // the clock's 12 or 24 hours are chosen there too.
        ui.menu_button("Timer…", |ui| {
            if ui
                .add_enabled(
                    p.timer.is_started(),
                    egui::Button::new("Reset the talk timer to 0:00"),
                )
                .clicked()
            {
                commands.push(Command::ResetTimer.into());
                ui.close();
            }
            if ui
                .add_enabled(
                    !p.at_end() || p.timer.is_running(),
                    egui::Button::new("End the talk (summary)"),
                )
                .on_hover_text("The room sees black, the talk timer stops, and the console sums up the talk. Previous goes back.")
                .clicked()
            {
                commands.push(Command::EndTalk.into());
                ui.close();
            }
            let mut rehearsing = view.end_of_talk.rehearsing;
            if ui
                .checkbox(&mut rehearsing, "Rehearse timings")
                .on_hover_text("At the end of the talk, offer to keep each slide's time as its planned minutes in the deck file.")
                .clicked()
            {
                commands.push(ShellCommand::ToggleRehearsing.into());
                ui.close();
            }
            ui.separator();
            let system = if view.clock_format != ClockFormat::System {
                "Clock as the system is set"
            } else if view.hours == crate::show::hours::HourCycle::Twelve {
                "Clock as the system is set (12-hour)"
            } else {
                "Clock as the system is set (24-hour)"
            };
            for (format, label) in [
                (ClockFormat::System, system),
                (ClockFormat::TwelveHour, "12-hour clock (2:05 PM)"),
                (ClockFormat::TwentyFourHour, "24-hour clock (14:05)"),
            ] {
                if ui.radio(view.clock_format == format, label).clicked() {
                    commands.push(ShellCommand::SetClockFormat(format).into());
                    ui.close();
                }
            }
        });
        ui.separator();
        if ui.button("Overview").clicked() {
            commands.push(ShellCommand::ToggleOverview.into());
        }
        if ui.button("Go to…").clicked() {
            commands.push(ShellCommand::OpenGoTo.into());
        }
        let freeze = if p.frozen().is_some() {
            "Unfreeze audience"
        } else {
            "Freeze audience"
        };
        if ui.button(freeze).clicked() {
            commands.push(Command::ToggleFreeze.into());
        }
        let black = if p.screen() == Screen::Black {
            "Show slide"
        } else {
            "Black screen"
        };
        if ui.button(black).clicked() {
            commands.push(Command::ToggleBlackout.into());
        }
        ui.menu_button("Break…", |ui| {
            for minutes in [5, 10, 15, 20, 30, 45, 60, 90] {
                if ui.button(format!("{minutes}-minute break")).clicked() {
                    commands.push(Command::StartBreak { minutes }.into());
                    ui.close();
                }
            }
            if ui.button("Other length… (K)").clicked() {
                commands.push(ShellCommand::OpenBreakPrompt.into());
                ui.close();
            }
        });
        ui.menu_button("Discussion…", |ui| {
            for minutes in [1, 2, 3, 5, 10, 15] {
                if ui.button(format!("{minutes}-minute count-down")).clicked() {
                    commands.push(
                        Command::StartDiscussion {
                            seconds: minutes * 60,
                            prompt: None,
                        }
                        .into(),
                    );
                    ui.close();
                }
            }
        });
        screens_menu_ui(ui, view, commands);
        remote_menu_ui(ui, view, commands);
        ui.menu_button("Deck…", |ui| {
            if ui.button("Open deck… (Ctrl+O)").clicked() {
                commands.push(ShellCommand::OpenDeckDialog.into());
                ui.close();
            }
            if ui.button("Reload (Ctrl+R)").clicked() {
                commands.push(ShellCommand::Reload.into());
                ui.close();
            }
            ui.separator();
            for kind in [ExportKind::Guide, ExportKind::Handout] {
                export_button_ui(ui, view.export, kind, commands);
            }
            let inked = view.ink.slides_with_ink();
            if !inked.is_empty() {
                // The ink goes in the guide only if the presenter says so;
                // else it is dropped when cuecard quits.
                let mut print = view.console.print_ink;
                let slides: Vec<String> = inked.iter().map(|s| (s + 1).to_string()).collect();
                let label = format!(
                    "Print this session's ink in the guide ({} {})",
                    if inked.len() == 1 { "slide" } else { "slides" },
                    slides.join(", ")
                );
                if ui.checkbox(&mut print, label).changed() {
                    commands.push(ShellCommand::TogglePrintInk.into());
                }
            }
            if !view.recent.is_empty() {
                ui.separator();
                ui.label(RichText::new("Recent decks").color(tokens::CONSOLE_MUTED));
            }
            for (i, path) in view.recent.iter().enumerate() {
                if ui.button(path.display().to_string()).clicked() {
                    commands.push(ShellCommand::OpenRecent(i).into());
                    ui.close();
                }
            }
        });
        // The menu closes on a press; the export shows here until it is
        // written.
        if let Some(kind) = view.export.running {
            ui.spinner();
            ui.label(RichText::new(saving_label(kind)).color(tokens::CONSOLE_MUTED));
        }
        if ui.button("Venue check…").clicked() {
            commands.push(ShellCommand::ToggleVenueCheck.into());
        }
        if ui.button("Keys…").clicked() {
            commands.push(ShellCommand::ToggleHelp.into());
        }
    });
}

/// "Print guide…" or "Export handout…": off, with the reason on hover,
/// when the deck has no file or another export runs.
pub(super) fn export_button_ui(
    ui: &mut Ui,
    export: ExportButtons,
    kind: ExportKind,
    commands: &mut Vec<AppCommand>,
) {
    let (label, what) = match kind {
        ExportKind::Guide => (
            "Print guide…",
            "Save the presenter's guide as a PDF: each slide with its timing and speaker notes, for the lectern.",
        ),
        ExportKind::Handout => (
            "Export handout…",
            "Save the participants' handout as a PDF: the slides the room sees, 3 to a page with lines for notes.",
        ),
    };
    let label = if export.running == Some(kind) {
        saving_label(kind)
    } else {
        label
    };
    let why_off = export.unavailable.or(export
        .running
        .map(|_| "Wait until the PDF being saved is written."));
    let response = ui.add_enabled(why_off.is_none(), egui::Button::new(label));
    let response = match why_off {
        Some(why) => response.on_disabled_hover_text(why),
        None => response.on_hover_text(what),
    };
    if response.clicked() {
        commands.push(ShellCommand::Export(kind).into());
        ui.close();
    }
}

/// What the console says while `kind` is being saved.
fn saving_label(kind: ExportKind) -> &'static str {
    match kind {
        ExportKind::Guide => "Saving the presenter's guide…",
        ExportKind::Handout => "Saving the participants' handout…",
    }
}

/// "Phone remote…": start or stop it; the interface it listens on and
/// whether more than one phone may pair; when on, the QR code to pair (the
/// one-time token is only ever shown here, on the console), the address,
/// the paired phones and "New pairing".
fn remote_menu_ui(ui: &mut Ui, view: &ConsoleView<'_>, commands: &mut Vec<AppCommand>) {
    let remote = view.remote;
    // The menu stays open while the presenter works in it (Start shows
    // the QR code at once; the network and the phones' box are choices);
    // a click outside, Esc or "Stop phone remote" closes it.
    let config = egui::containers::menu::MenuConfig::new()
        .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside);
    let menu = egui::containers::menu::MenuButton::new("Phone remote…").config(config);
    menu.ui(ui, |ui| {
        if !remote.on {
            ui.label("Off. A phone on the same network can move the slides and read the notes.");
            remote_choices_ui(ui, remote, commands);
            if ui.button("Start phone remote").clicked() {
                commands.push(ShellCommand::StartRemote.into());
            }
            return;
        }
        match &remote.pairing_url {
            Some(url) => {
                ui.label("Scan with the phone's camera to pair:");
                let side = tokens::REMOTE_QR_SIDE;
                let (rect, _) =
                    ui.allocate_exact_size(egui::vec2(side, side), egui::Sense::hover());
                super::super::slide::paint_qr(ui.painter(), rect, url, tokens::QR_COLORS);
            }
            None => {
                ui.label("Paired. \"New pairing\" shows a new code.");
            }
        }
        ui.label(
            RichText::new(format!("Phone remote on {}", remote.short_address))
                .size(tokens::TEXT_LARGE)
                .strong(),
        );
        ui.label(
            RichText::new(format!("Listening only on {}", remote.interface))
                .color(tokens::CONSOLE_MUTED),
        );
        let phones = match remote.paired_phones {
            1 => "1 phone paired".to_owned(),
            n => format!("{n} phones paired"),
        };
        ui.label(phones);
        if remote.refused_requests > 0 {
            ui.label(
                RichText::new(format!("{} requests refused", remote.refused_requests))
                    .color(tokens::CONSOLE_MUTED),
            );
        }
        remote_choices_ui(ui, remote, commands);
        ui.horizontal(|ui| {
            let tip = if remote.more_phones {
                "A new QR code for another phone; the phones paired now stay paired"
            } else {
                "A new QR code; the phone paired now stops working at once"
            };
            if ui.button("New pairing").on_hover_text(tip).clicked() {
                commands.push(ShellCommand::NewRemotePairing.into());
            }
            if ui.button("Stop phone remote").clicked() {
                commands.push(ShellCommand::StopRemote.into());
                ui.close();
            }
        });
    });
}

/// The remote's choices: the network it listens on (only that one), and
/// whether more than one phone may pair at once.
fn remote_choices_ui(
    ui: &mut Ui,
    remote: &crate::app::remote::RemoteView,
    commands: &mut Vec<AppCommand>,
) {
    // One choice per interface (a few at most), each a radio button: a
    // list inside the menu, not a second pop-up over it.
    ui.label("Network:");
    if remote.interfaces.is_empty() {
        ui.label(
            RichText::new("None found: join a Wi-Fi or start the laptop's hotspot.")
                .color(tokens::CONSOLE_MUTED),
        );
    }
    for (ip, label) in &remote.interfaces {
        let text = if ip.is_loopback() {
            format!("{label} (this laptop only)")
        } else {
            label.clone()
        };
        if ui.radio(remote.chosen == Some(*ip), text).clicked() && remote.chosen != Some(*ip) {
            commands.push(ShellCommand::ChooseRemoteInterface(*ip).into());
        }
    }
    if ui
        .button("Look again")
        .on_hover_text(
            "List the networks again, after joining a Wi-Fi or starting the laptop's hotspot",
        )
        .clicked()
    {
        commands.push(ShellCommand::FindRemoteInterfaces.into());
    }
    if remote.on {
        ui.label(
            RichText::new("Another network starts the remote again there: pair the phone again.")
                .color(tokens::CONSOLE_MUTED),
        );
    }
    let mut more = remote.more_phones;
    let label = format!(
        "Allow up to {} phones at once",
        crate::app::remote::MORE_PHONES
    );
    if ui
        .checkbox(&mut more, label)
        .on_hover_text("Off: a phone that pairs unpairs the one before it")
        .changed()
    {
        commands.push(ShellCommand::AllowMorePhones(more).into());
    }
}

/// The smallest the status line shrinks to before it wraps.
const MIN_STATUS_SCALE: f32 = 0.6;

/// One piece of the status line.
enum StatusItem {
    Text(StatusText),
    Separator,
}

/// A text of the status line, sized relative to the line's size.
struct StatusText {
    text: String,
    /// Size relative to the line's.
    relative: f32,
    monospace: bool,
    strong: bool,
    color: Option<egui::Color32>,
}

impl StatusText {
    fn new(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            relative: 1.0,
            monospace: false,
            strong: false,
            color: None,
        }
    }

    fn font(&self, size: f32) -> egui::FontId {
        let family = if self.monospace {
            egui::FontFamily::Monospace
        } else {
            egui::FontFamily::Proportional
        };
        egui::FontId::new(size * self.relative, family)
    }

    fn rich(&self, size: f32) -> RichText {
        let mut text = RichText::new(&self.text).font(self.font(size));
        if self.strong {
            text = text.strong();
        }
        if let Some(color) = self.color {
            text = text.color(color);
        }
        text
    }
}

/// How wide the status line is at `size`, in points.
fn status_width(ui: &Ui, items: &[StatusItem], size: f32) -> f32 {
    let spacing = ui.spacing().item_spacing.x;
    let widths: f32 = ui.fonts_mut(|fonts| {
        items
            .iter()
            .map(|item| match item {
                StatusItem::Separator => 1.0,
                StatusItem::Text(text) => {
                    fonts
                        .layout_no_wrap(text.text.clone(), text.font(size), egui::Color32::WHITE)
                        .size()
                        .x
                }
            })
            .sum()
    });
    // Strong text is drawn a little wider; leave room for it.
    widths * 1.02 + spacing * items.len() as f32
}

/// The status line: slide number, talk timer with what is left and the
/// pacing, and the wall clock.
fn status_items(deck: &Deck, view: &ConsoleView<'_>) -> Vec<StatusItem> {
    let p = view.presentation;
    let mut items = Vec::new();
    let count = p.slide_count();
    items.push(StatusItem::Text(StatusText {
        strong: true,
        ..StatusText::new(format!(
            "Slide {} of {count}",
            (p.current() + 1).min(count.max(1))
        ))
    }));
    // With hidden slides the room counts differently: say what it sees,
    // so "slide 5" from the room is not mistaken for the deck's 5.
    match p.room_number(p.current()) {
        Some((n, of)) if of != count => items.push(StatusItem::Text(StatusText {
            relative: 0.65,
            color: Some(tokens::CONSOLE_MUTED),
            ..StatusText::new(format!("(the room sees {n} / {of})"))
        })),
        None if count > 0 => items.push(StatusItem::Text(StatusText {
            relative: 0.65,
            color: Some(tokens::TIMER_PAUSED),
            ..StatusText::new("(hidden slide)")
        })),
        _ => {}
    }
    if view.end_of_talk.rehearsing {
        items.push(StatusItem::Text(StatusText {
            relative: 0.65,
            color: Some(tokens::PROMPT_ACCENT),
            ..StatusText::new("Rehearsing timings")
        }));
    }
    items.push(StatusItem::Separator);
    let elapsed = p.timer.elapsed(view.now);
    let planned = deck
        .duration_minutes
        .map(|total| Duration::from_secs_f64((total * 60.0).clamp(0.0, 1e7)));
    let (state, color) = if planned.is_some_and(|planned| elapsed > planned) {
        // Over the planned length: the timer itself turns red.
        (
            if p.timer.is_running() {
                ""
            } else {
                " (paused)"
            },
            tokens::PACE_BEHIND,
        )
    } else if p.timer.is_running() {
        ("", tokens::TIMER_RUNNING)
    } else if p.timer.is_started() {
        (" (paused)", tokens::TIMER_PAUSED)
    } else {
        (" (not started)", tokens::TIMER_PAUSED)
    };
    items.push(StatusItem::Text(StatusText {
        monospace: true,
        color: Some(color),
        ..StatusText::new(format!("Talk timer {}{state}", format_clock(elapsed)))
    }));
    if let Some(planned) = planned {
        let text = if elapsed <= planned {
            format!("{} left", format_clock(planned.saturating_sub(elapsed)))
        } else {
            format!("{} over", format_clock(elapsed.saturating_sub(planned)))
        };
        items.push(StatusItem::Text(StatusText {
            relative: 0.8,
            monospace: true,
            color: Some(tokens::CONSOLE_MUTED),
            ..StatusText::new(text)
        }));
    }
    let minutes: Vec<Option<f64>> = deck.slides.iter().map(|s| s.minutes).collect();
    let (text, color) = match pace(&minutes, p.current(), elapsed) {
        Pace::Unplanned => (String::new(), tokens::CONSOLE_MUTED),
        Pace::OnTime => ("On time".to_owned(), tokens::PACE_ON_TIME),
        Pace::Ahead(m) => (format!("{m} min ahead"), tokens::PACE_AHEAD),
        Pace::Behind(m) => (format!("{m} min behind"), tokens::PACE_BEHIND),
    };
    if !text.is_empty() && p.timer.is_started() {
        items.push(StatusItem::Text(StatusText {
            relative: 0.8,
            strong: true,
            color: Some(color),
            ..StatusText::new(text)
        }));
    }
    items.push(StatusItem::Separator);
    items.push(StatusItem::Text(StatusText {
        monospace: true,
        ..StatusText::new(format!("Clock {}", format_wall(view.wall, view.hours)))
    }));
    items
}

fn screens_menu_ui(ui: &mut Ui, view: &ConsoleView<'_>, commands: &mut Vec<AppCommand>) {
    ui.menu_button("Screens…", |ui| {
        if view.monitors.is_empty() {
            ui.label("The window system reports no monitors.");
        }
        for (i, monitor) in view.monitors.iter().enumerate() {
            let mut text = format!("{}. {}", i + 1, monitor.describe());
            if view.console_monitor == Some(i) {
                text.push_str(" — console");
            }
            let here = view.audience_monitor == Some(i);
            if ui.radio(here, format!("Audience view on {text}")).clicked() {
                commands.push(ShellCommand::AudienceOn(i).into());
                ui.close();
            }
        }
        ui.separator();
        // The tick is the layout really in use; a chosen mode that cannot
        // be had yet says why.
        let in_use = view.layout_in_use;
        for (mode, label) in [
            (
                ScreenMode::Present,
                "Present: audience full screen on another monitor",
            ),
            (ScreenMode::Rehearse, "Rehearse: both windows side by side"),
            (
                ScreenMode::Mirror,
                "Mirror: audience full screen, console on top",
            ),
        ] {
            let label = match (mode, in_use) {
                (ScreenMode::Present, Some(ScreenMode::Rehearse))
                    if view.screen_mode == ScreenMode::Present =>
                {
                    format!(
                        "{label} (chosen; one monitor, so side by side until a projector is plugged in)"
                    )
                }
                _ => label.to_owned(),
            };
            let ticked = in_use.unwrap_or(view.screen_mode) == mode;
            if ui.radio(ticked, label).clicked() {
                commands.push(ShellCommand::SetScreenMode(mode).into());
                ui.close();
            }
        }
        if in_use.is_none() {
            ui.label("The audience window is closed: A opens it again.");
        }
        ui.separator();
        if ui.button("Swap screens (S)").clicked() {
            commands.push(ShellCommand::SwapScreens.into());
            ui.close();
        }
        if ui.button("Identify screens (Shift+S)").clicked() {
            commands.push(ShellCommand::IdentifyScreens.into());
            ui.close();
        }
    });
}
