//! The whole app with monitors plugged in and pulled out: a simulated
//! monitor list in place of the window system's (which a headless test
//! machine does not have), read on every frame. What the windows are told
//! is read from egui's output (the console's commands) and the audience
//! window's settings. The same events on real X11 monitors are in
//! tests/e2e/screens.sh.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::NaiveTime;
use cuecard::app::screens::SimulatedMonitors;
use cuecard::app::{Clock, PresenterApp};
use cuecard::deck;
use cuecard::show::monitors::Monitor;
use cuecard::show::{Command, ShellCommand};
use egui::{ViewportCommand, ViewportId};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

type FakeTime = Arc<Mutex<Duration>>;

fn monitor(name: &str, x: i32, size: (u32, u32), scale: f64) -> Monitor {
    Monitor {
        name: name.to_owned(),
        position: Some((x, 0)),
        size,
        scale,
    }
}

fn laptop() -> Monitor {
    monitor("eDP-1", 0, (1366, 768), 1.0)
}

fn projector() -> Monitor {
    monitor("HDMI-1", 1366, (1920, 1080), 1.0)
}

/// The app on Module 5 at `pixels_per_point`, on the simulated monitors.
fn app(
    monitors: Vec<Monitor>,
    console: Option<usize>,
    pixels_per_point: f32,
) -> (Harness<'static, PresenterApp>, SimulatedMonitors, FakeTime) {
    let loaded = deck::parse(
        cuecard::MODULE5_RON.as_bytes(),
        Path::new("module5.ron"),
        None,
    );
    let (clock, time) = Clock::fake(NaiveTime::from_hms_opt(9, 0, 0).unwrap());
    let simulated: SimulatedMonitors = Arc::new(Mutex::new((monitors, console)));
    let handle = Arc::clone(&simulated);
    let harness = Harness::builder()
        .with_size(egui::vec2(1366.0, 768.0))
        .with_pixels_per_point(pixels_per_point)
        .build_eframe(move |_cc| {
            PresenterApp::new(loaded, clock)
                .with_opener(cuecard::app::Opener::Record(Arc::default()))
                .with_simulated_monitors(handle)
        });
    (harness, simulated, time)
}

/// Runs `frames` frames and returns the commands the console window was
/// given in them.
fn console_commands(
    harness: &mut Harness<'static, PresenterApp>,
    frames: usize,
) -> Vec<ViewportCommand> {
    let mut commands = Vec::new();
    for _ in 0..frames {
        harness.run_steps(1);
        commands.extend(
            harness
                .output()
                .viewport_output
                .get(&ViewportId::ROOT)
                .map(|v| v.commands.clone())
                .unwrap_or_default(),
        );
    }
    commands
}

/// Whether the audience window is shown, and the monitor it is full
/// screen on.
fn audience(harness: &Harness<'static, PresenterApp>) -> (bool, Option<usize>) {
    let windows = harness.state().windows();
    (
        windows.audience_live.is_some(),
        windows
            .audience_fullscreen
            .then(|| windows.screens.state.audience_monitor())
            .flatten(),
    )
}

/// The monitor a newly opened audience window opens full screen on.
fn opened_on(harness: &Harness<'static, PresenterApp>) -> Option<usize> {
    let windows = harness.state().windows();
    windows
        .audience_live
        .as_ref()
        .filter(|b| b.fullscreen == Some(true))
        .and_then(|b| b.monitor)
}

fn plug(simulated: &SimulatedMonitors, monitors: Vec<Monitor>) {
    simulated.lock().unwrap().0 = monitors;
}

#[test]
fn a_pulled_cable_clears_the_console_keeps_the_timer_and_the_replug_brings_the_slides_back() {
    // The first frame is drawn as the harness is built, so the first
    // commands are only seen from a setup that starts with one monitor.
    let (mut harness, simulated, time) = app(vec![laptop()], Some(0), 1.0);
    harness.run_steps(1);
    plug(&simulated, vec![laptop(), projector()]);
    // Presenting: the console fills the laptop, the audience is full
    // screen on the projector.
    assert!(console_commands(&mut harness, 2).contains(&ViewportCommand::Maximized(true)));
    assert_eq!(audience(&harness), (true, Some(1)));
    harness.key_press(egui::Key::Escape); // no resume offer in the way
    harness.state().sender().send(Command::ToggleTimer);
    harness.run_steps(2);
    for round in 1..=2 {
        // The cable is pulled.
        plug(&simulated, vec![laptop()]);
        harness.run_steps(2);
        assert_eq!(audience(&harness), (false, None), "unplug {round}");
        harness.get_by_label_contains("Projector disconnected — the room sees nothing");
        harness.get_by_label("The audience sees nothing: the projector is disconnected");
        // The talk timer keeps running meanwhile.
        *time.lock().unwrap() = Duration::from_secs(60 * round);
        harness.run_steps(2);
        harness.get_by_label_contains(&format!("Talk timer {round}:00"));
        // Plugged in again: full screen on it, no key pressed.
        plug(&simulated, vec![laptop(), projector()]);
        assert!(
            console_commands(&mut harness, 2).contains(&ViewportCommand::Maximized(true)),
            "replug {round}"
        );
        assert_eq!(audience(&harness), (true, Some(1)), "replug {round}");
        // The window was closed while the cable was out: it opens again,
        // full screen on the projector.
        assert_eq!(opened_on(&harness), Some(1), "replug {round}");
        assert!(
            harness
                .query_by_label_contains("Projector disconnected")
                .is_none()
        );
        assert!(harness.state().presentation().timer.is_started());
    }
}

#[test]
fn showing_the_slides_beside_the_console_while_the_projector_is_out() {
    let (mut harness, simulated, _time) = app(vec![laptop(), projector()], Some(0), 1.0);
    harness.run_steps(2);
    plug(&simulated, vec![laptop()]);
    harness.run_steps(2);
    harness
        .get_by_label("Show the slides here, beside the console")
        .click();
    harness.run_steps(2);
    // Side by side on the laptop, windowed.
    let windows = harness.state().windows();
    let builder = windows.audience_live.as_ref().expect("shown");
    assert_eq!(builder.fullscreen, Some(false));
    assert_eq!(builder.position.map(|p| p.x), Some(683.0));
    // And a projector plugged in later still takes the slides.
    plug(&simulated, vec![laptop(), projector()]);
    harness.run_steps(2);
    assert!(harness.state().windows().audience_fullscreen);
}

#[test]
fn swapping_screens_with_a_200_percent_laptop_moves_the_console_onto_the_projector() {
    // The laptop at 200%, the projector at 100% to its right; the console
    // (on the laptop) counts two pixels a point.
    let laptop = monitor("eDP-1", 0, (2880, 1800), 2.0);
    let projector = monitor("HDMI-1", 2880, (1920, 1080), 1.0);
    let (mut harness, _simulated, _time) = app(vec![laptop, projector], Some(0), 2.0);
    harness.run_steps(2);
    harness.key_press(egui::Key::Escape);
    harness.run_steps(1);
    harness.state().sender().send(ShellCommand::SwapScreens);
    // 40 of the projector's pixels in from its corner (2920, 40), sent in
    // the console's points (egui multiplies them by 2): on the projector,
    // not at 2920 points, which would be off every monitor.
    let commands = console_commands(&mut harness, 2);
    assert!(
        commands.contains(&ViewportCommand::OuterPosition(egui::pos2(1460.0, 20.0))),
        "{commands:?}"
    );
    assert!(commands.contains(&ViewportCommand::Maximized(true)));
}

#[test]
fn a_console_monitor_known_only_after_the_first_frame_corrects_the_choice() {
    // Wayland: no positions, and the console's monitor is not known at
    // first, so the first choice assumes the first monitor.
    let a = Monitor {
        name: "DP-1".to_owned(),
        position: None,
        size: (1920, 1080),
        scale: 1.0,
    };
    let b = Monitor {
        name: "HDMI-A-1".to_owned(),
        ..a.clone()
    };
    let (mut harness, simulated, _time) = app(vec![a, b], None, 1.0);
    harness.run_steps(2);
    assert_eq!(audience(&harness), (true, Some(1)));
    // Then the system says the console is on the second: the audience
    // goes to the first (by command to the open window).
    simulated.lock().unwrap().1 = Some(1);
    harness.run_steps(2);
    assert_eq!(
        harness.state().windows().screens.state.audience_monitor(),
        Some(0)
    );
}
