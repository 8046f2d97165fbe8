//! The audience window: a deferred viewport that draws the latest
//! published [`AudienceFrame`] and sends its keys, drops and close through
//! the command channel like every other input source. It never changes
//! state itself.

use std::sync::{Arc, Mutex};
use std::time::Instant;

use crate::show::{Command, Presentation, ShellCommand};
use crate::ui::audience::audience_ui;

use super::state::{ReadyDeck, empty_deck};
use super::{Clock, CommandSender, input, lock, repaint, textures};

/// What the audience window shows, published by the console after each
/// frame that changed something. Readers clone the `Arc` and let go.
#[derive(Debug, Clone)]
pub struct AudienceFrame {
    /// The deck, if one loaded.
    pub deck: Option<ReadyDeck>,
    /// The presentation state.
    pub presentation: Presentation,
    /// Until when "Audience" is flashed on the window.
    pub identify_until: Option<Instant>,
    /// Whether the venue check is open (keys are listed, not acted on).
    pub venue_check_open: bool,
    /// The pointing tool: the laser pointer, spotlight and zoom.
    pub pointing: crate::show::pointing::Pointing,
    /// What the presenter drew on the slides.
    pub ink: crate::show::pointing::Ink,
    /// 12- or 24-hour clock, for "Back at".
    pub hours: crate::show::hours::HourCycle,
}

impl Default for AudienceFrame {
    fn default() -> Self {
        Self {
            deck: None,
            presentation: Presentation::new(&empty_deck()),
            identify_until: None,
            venue_check_open: false,
            pointing: crate::show::pointing::Pointing::default(),
            ink: crate::show::pointing::Ink::default(),
            hours: crate::show::hours::HourCycle::TwentyFour,
        }
    }
}

/// The audience window's handles on the app.
pub struct AudienceWindow {
    /// The latest published frame.
    pub frame: Arc<Mutex<Arc<AudienceFrame>>>,
    /// The slides' pictures as textures.
    pub textures: Arc<Mutex<textures::SlideTextures>>,
    /// Where its inputs go.
    pub sender: CommandSender,
    /// The app's clock.
    pub clock: Clock,
    /// One action per physical press of its keys.
    pub keys: Arc<Mutex<crate::show::clicker::PressFilter<egui::Key>>>,
    /// Where it says it is, for the console to check it is on its monitor.
    pub rect: Arc<Mutex<Option<crate::show::screen_plan::PixelRect>>>,
    /// Whether the mouse was on this window's slide last frame.
    pub pointing_here: Arc<std::sync::atomic::AtomicBool>,
}

impl AudienceWindow {
    /// Tells the console where this window is (in pixels), waking it when
    /// that changed: the window manager may have moved it off its monitor.
    fn report_rect(&self, ctx: &egui::Context) {
        let rect = ctx.input(|i| super::screens::pixel_rect_of(i.viewport()));
        let mut known = lock(&self.rect);
        if *known != rect {
            *known = rect;
            ctx.request_repaint_of(egui::ViewportId::ROOT);
        }
    }

    /// Sends where the mouse is on this window's slide while it is here,
    /// and once that it left: the console's preview points the rest of the
    /// time.
    fn point_here(&self, at: Option<egui::Pos2>, pointing: &crate::show::pointing::Pointing) {
        use std::sync::atomic::Ordering;
        let at = at.map(|p| [p.x, p.y]);
        let was_here = self.pointing_here.swap(at.is_some(), Ordering::Relaxed);
        let known = pointing.pointer.map(|(p, _)| p);
        if (at.is_some() || was_here) && at != known {
            self.sender.send(ShellCommand::PointAt(at));
        }
    }

    /// One frame of the audience window.
    pub fn ui(&self, ui: &mut egui::Ui, class: egui::ViewportClass) {
        let ctx = ui.ctx().clone();
        let now = self.clock.now();
        let wall = self.clock.wall();
        let frame = Arc::clone(&lock(&self.frame));
        // An embedded audience view (tests, backends without windows) shares
        // the console's input, which the console has handled already.
        if class != egui::ViewportClass::EmbeddedWindow {
            let presses = ctx.input(|i| input::presses(i, false, &mut lock(&self.keys), now));
            for input in input::window_inputs(presses, frame.venue_check_open) {
                self.sender.send(input);
            }
            // A deck dropped on the audience window opens too.
            if let Some(path) = input::dropped_deck(&ctx) {
                self.sender.send(ShellCommand::OpenDeck(path));
            }
        }
        if class != egui::ViewportClass::EmbeddedWindow {
            self.report_rect(&ctx);
        }
        if ctx.input(|i| i.viewport().close_requested()) {
            // Closing the audience window never quits cuecard: the console
            // says so and can reopen it.
            self.sender.send(ShellCommand::AudienceClosed);
        }
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| {
                let identify = frame.identify_until.is_some_and(|t| now < t);
                let mut textures = lock(&self.textures);
                // The next pages are rendered ahead at the audience view's
                // size, even while it does not repaint.
                let ppp = ui.ctx().pixels_per_point();
                let canvas = crate::ui::slide::canvas(ui.max_rect());
                textures.set_audience_box(canvas.width() * ppp, canvas.height() * ppp);
                let shown = audience_ui(
                    ui,
                    frame.deck.as_ref().map(|d| &d.loaded.deck),
                    &frame.presentation,
                    now,
                    wall,
                    identify,
                    (&frame.pointing, &frame.ink),
                    &*textures,
                    frame.hours,
                );
                let response = shown.response;
                // The mouse over the room's own window points too (a
                // presenter at a touch screen or a mirrored laptop).
                if class != egui::ViewportClass::EmbeddedWindow && frame.pointing.tool.points() {
                    self.point_here(shown.pointer, &frame.pointing);
                }
                // A mouse-mode clicker (or the mouse): left is next, right
                // is back, like its buttons.
                if response.clicked() {
                    self.sender.send(Command::Next);
                } else if response.secondary_clicked() {
                    self.sender.send(Command::Previous);
                } else if let Some(down) = crate::ui::slide::wheel_over(&response) {
                    // Its wheel too: a notch is a slide.
                    self.sender.send(ShellCommand::Wheel(down));
                }
            });
        // The audience sees a clock only during a break or a discussion the
        // presenter chose to show: then it repaints once a second.
        if let Some(hides) = frame.pointing.hides_at()
            && hides > now
        {
            // Take the pointer down when it has been still long enough.
            ctx.request_repaint_after(hides - now);
        }
        let p = &frame.presentation;
        if p.break_ends().is_some() || p.discussion_on_audience() {
            ctx.request_repaint_after(repaint::until_next_wall_second(wall));
        }
    }
}
