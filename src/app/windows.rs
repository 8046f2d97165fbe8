//! The windows: reading the monitors, placing the audience view, and the
//! pictures the windows will need.

use std::time::Instant;

use egui::ViewportBuilder;

use crate::show::monitors::{Placement, ScreenMode, setup_key};
use crate::show::screen_plan::{AudienceAt, AudienceOps, Plan, WindowOp};

use super::{PresenterApp, audience_viewport, lock, monitor_watch, screens};

/// How many monitors `monitors` are, a copy of one counted once (Wayland
/// lists its outputs twice).
fn distinct_monitors(monitors: &[crate::show::monitors::Monitor]) -> usize {
    monitors
        .iter()
        .enumerate()
        .filter(|(i, m)| {
            !monitors
                .iter()
                .take(*i)
                .any(|earlier| crate::show::monitors::same_monitor(earlier, m))
        })
        .count()
}

/// The console's X11 window, when it is one (for the monitor watcher).
fn x11_window(frame: &eframe::Frame) -> Option<u32> {
    #[cfg(all(unix, not(target_os = "macos")))]
    {
        use raw_window_handle::{HasWindowHandle as _, RawWindowHandle};
        match frame.window_handle().ok()?.as_raw() {
            RawWindowHandle::Xlib(h) => u32::try_from(h.window).ok(),
            RawWindowHandle::Xcb(h) => Some(h.window.get()),
            _ => None,
        }
    }
    #[cfg(not(all(unix, not(target_os = "macos"))))]
    {
        let _ = frame;
        None
    }
}

impl PresenterApp {
    /// Reads the monitors on the first frame, when the watcher says they
    /// changed, and every [`screens::POLL_EVERY`] while frames are drawn;
    /// places the windows when that calls for it.
    pub(super) fn update_screens(&mut self, ctx: &egui::Context, frame: &eframe::Frame) {
        if self.windows.screens.watch.is_none() && frame.winit_window().is_some() {
            let wake = ctx.clone();
            let x11 = x11_window(frame);
            self.windows.screens.watch =
                Some(monitor_watch::start(move || wake.request_repaint(), x11));
            if x11.is_some() {
                self.windows.screens.namer = super::wm_class::Namer::connect();
            }
        }
        // The console's frame is known once the window manager has drawn
        // it (and only while it is not maximized, which hides its borders);
        // side by side needs it to fit.
        let frame_px = ctx.input(|i| {
            let viewport = i.viewport();
            (viewport.maximized != Some(true) && viewport.fullscreen != Some(true))
                .then(|| screens::frame_of(viewport, i.pixels_per_point))
                .flatten()
        });
        let work_area = self
            .windows
            .screens
            .watch
            .as_ref()
            .and_then(|w| w.work_area());
        if let Some(plan) = self.windows.screens.state.surroundings(frame_px, work_area) {
            self.carry_out(ctx, plan);
        }
        let screens = &mut self.windows.screens;
        let woken = screens.watch.as_ref().is_some_and(|w| w.take_changed());
        // The list is read on every frame the console draws (winit keeps it,
        // so this is cheap), and the watcher wakes the console when it
        // changes while nothing else draws.
        let (monitors, console) = match &screens.simulated {
            Some(simulated) => lock(simulated).clone(),
            None => screens::read_monitors(frame),
        };
        if screens::logging() && (woken || monitors != screens.state.monitors) {
            eprintln!(
                "cuecard screens: read (woken: {woken}) console on {console:?}: {monitors:?}"
            );
        }
        // The window system's list can lag behind the watcher's count for
        // a moment after a change: read again shortly, a few times.
        let behind = screens
            .watch
            .as_ref()
            .and_then(|w| w.monitor_count())
            .is_some_and(|n| n != distinct_monitors(&monitors));
        screens.retries = match (behind, woken) {
            (true, true) => screens::RETRIES,
            (true, false) => screens.retries.saturating_sub(1),
            (false, _) => 0,
        };
        if screens.retries > 0 {
            ctx.request_repaint_after(screens::RETRY_AFTER);
        }
        screens.state.audience_rect = *lock(&self.windows.audience_rect);
        screens.state.console_rect = ctx.input(|i| screens::pixel_rect_of(i.viewport()));
        if matches!(screens.state.audience, AudienceAt::Unplaced) && screens.simulated.is_none() {
            screens.state.primary = screens::primary_monitor(frame);
        }
        let key = setup_key(&monitors);
        let remembered = self.remembered_screens.get(&key).cloned();
        let mode = self.windows.screen_mode;
        if let Some(plan) =
            screens
                .state
                .monitors_read(monitors, console, mode, remembered.as_ref())
        {
            self.carry_out(ctx, plan);
        }
        // A window the window manager moved off its monitor (a cable that
        // blipped, a projector that came back) is put back once things
        // settle.
        let now = Instant::now();
        if let Some(plan) = self.windows.screens.state.audit(now) {
            if screens::logging() {
                eprintln!("cuecard screens: a window is off its monitor; putting it back");
            }
            self.carry_out(ctx, plan);
        }
        if self.windows.screens.state.checking() {
            ctx.request_repaint_after(screens::RETRY_AFTER);
        }
        self.notice_duplicate_displays();
    }

    /// Says once per setup when the projector shows a copy of the laptop's
    /// screen: the room would see the console.
    fn notice_duplicate_displays(&mut self) {
        let duplicated = self.windows.screens.state.duplicated();
        if duplicated && !self.windows.screens.duplicate_noticed {
            self.notices.push(
                crate::app::Severity::Warning,
                crate::app::NoticeSource::Screens,
                "The projector shows a copy of this screen (duplicate displays), so the room sees the console and your notes. To keep them to yourself, set the displays to extend: on Windows press Windows+P and choose Extend; on a Mac open System Settings > Displays and turn mirroring off; on Linux use the display settings. cuecard then puts the slides on the projector by itself.",
            );
        }
        self.windows.screens.duplicate_noticed = duplicated;
    }

    /// Carries out `plan`: the console's commands now, the audience's to
    /// its window if it is open, else into the settings it opens with; and
    /// remembers the audience monitor for this monitor setup.
    pub(super) fn carry_out(&mut self, ctx: &egui::Context, plan: Plan) {
        if screens::logging() {
            eprintln!(
                "cuecard screens: {plan:?} -> {:?}",
                self.windows.screens.state.audience
            );
        }
        for command in screens::commands(&plan.console, ctx.pixels_per_point()) {
            ctx.send_viewport_cmd(command);
        }
        let state = &self.windows.screens.state;
        match plan.audience {
            AudienceOps::Keep => {}
            AudienceOps::Hide => self.windows.audience_fullscreen = false,
            AudienceOps::Show(ops) => {
                self.windows.audience_fullscreen =
                    ops.iter().any(|op| matches!(op, WindowOp::FullscreenOn(_)));
                let scale = ops
                    .iter()
                    .find_map(|op| match *op {
                        WindowOp::FullscreenOn(i) => state.monitors.get(i).map(|m| m.scale),
                        WindowOp::MoveTo { x, y } => Some(state.scale_at(x, y)),
                        _ => None,
                    })
                    .unwrap_or(1.0);
                let builder = screens::builder(self.audience_base(), &ops, scale);
                self.windows.audience_builder = Some(builder);
                if self.windows.audience_live.is_some() {
                    // egui multiplies the points by the window's scale,
                    // which is its monitor's (times egui's zoom).
                    let ppp = plan.audience_scale as f32 * ctx.zoom_factor();
                    for command in screens::commands(&ops, ppp) {
                        ctx.send_viewport_cmd_to(audience_viewport(), command);
                    }
                }
                ctx.request_repaint_of(audience_viewport());
            }
        }
        let state = &self.windows.screens.state;
        // A choice made while the console's monitor was a guess is not the
        // presenter's: remembering it would undo the correction.
        if let (AudienceAt::Fullscreen { monitor, .. }, ScreenMode::Present) =
            (&state.audience, self.windows.screen_mode)
            && state.monitors.len() > 1
            && state.console_reported()
        {
            self.remembered_screens
                .insert(setup_key(&state.monitors), monitor.clone());
        }
        ctx.request_repaint();
    }

    /// Shows the audience window once the X11 window manager will see its
    /// names (see `wm_class`), or after `SHOW_ANYWAY_AFTER` whatever
    /// happens: the room is never left without its slides.
    pub(super) fn reveal_audience(&mut self, ctx: &egui::Context) {
        use super::wm_class::SHOW_ANYWAY_AFTER;
        let screens = &mut self.windows.screens;
        let Some(since) = screens.audience_hidden_since else {
            return;
        };
        let named = screens
            .namer
            .as_ref()
            .map_or(Ok(true), super::wm_class::Namer::name_audience);
        let was_named = matches!(named, Ok(true));
        let show = match named {
            Ok(named) => named || since.elapsed() >= SHOW_ANYWAY_AFTER,
            Err(e) => {
                eprintln!(
                    "cuecard: cannot name the audience window for the window manager ({e}); showing it with egui's names"
                );
                screens.namer = None;
                true
            }
        };
        if show {
            if screens::logging() {
                eprintln!(
                    "cuecard screens: the audience window is shown after {} ms hidden ({})",
                    since.elapsed().as_millis(),
                    if was_named { "named" } else { "not named" }
                );
            }
            ctx.send_viewport_cmd_to(audience_viewport(), egui::ViewportCommand::Visible(true));
            screens.audience_hidden_since = None;
        } else {
            // The window is created after this frame; look again soon.
            ctx.request_repaint_after(std::time::Duration::from_millis(10));
        }
    }

    /// Carries out a placement chosen by the presenter (a monitor, a mode).
    pub(super) fn place(&mut self, ctx: &egui::Context, placement: &Placement) {
        let plan = self.windows.screens.state.place(placement);
        self.carry_out(ctx, plan);
    }

    /// The audience window's settings before it is placed.
    fn audience_base(&self) -> ViewportBuilder {
        let title = self
            .session
            .deck()
            .map_or_else(|| "cuecard".to_owned(), |d| d.title.clone());
        ViewportBuilder::default()
            .with_title(title)
            .with_app_id(crate::desktop::AUDIENCE_APP_ID)
            .with_icon(crate::desktop::window_icon())
    }

    /// Asks ahead for the pictures of the slides on screen and their
    /// neighbours; the render workers repaint both windows when one is
    /// ready. The overview's thumbnails are asked for as they are painted,
    /// at their own small size.
    pub(super) fn prepare_textures(&mut self, ctx: &egui::Context) {
        let Some(ready) = self.session.deck.as_ref() else {
            return;
        };
        let p = &self.session.presentation;
        // The slide after next too: after a click, the console's
        // next-slide preview shows it at once.
        let after_next = p
            .next_index()
            .and_then(|next| (next + 1..p.slide_count()).find(|&i| !p.is_hidden(i)));
        let mut wanted = vec![p.current()];
        wanted.extend(p.next_index());
        wanted.extend(after_next);
        wanted.extend(p.previous_index());
        wanted.extend(p.frozen());
        lock(&self.textures).begin_frame(ctx, &ready.loaded.deck, wanted);
    }
}
