//! The windows: reading the monitors, placing the audience view, and the
//! pictures the windows will need.

use std::time::Instant;

use egui::ViewportBuilder;

use crate::show::monitors::{Placement, ScreenMode, choose_placement, setup_key};

use super::{PresenterApp, audience_viewport, lock, screens};

impl PresenterApp {
    /// Reads the monitors on the first frame and every [`screens::POLL_EVERY`]
    /// after, and places the windows when the setup changes.
    pub(super) fn update_screens(&mut self, ctx: &egui::Context, frame: &eframe::Frame) {
        let real_now = Instant::now();
        let first = self.windows.audience_builder.is_none();
        let screens = &mut self.windows.screens;
        let due = screens
            .polled
            .is_none_or(|t| real_now.duration_since(t) >= screens::POLL_EVERY);
        if !due {
            return;
        }
        let (monitors, console) = screens::read_monitors(frame);
        let changed = setup_key(&monitors) != setup_key(&screens.monitors);
        screens.monitors = monitors;
        screens.console = console.or(screens.console);
        screens.polled = Some(real_now);
        if first || changed {
            let key = setup_key(&screens.monitors);
            let placement = choose_placement(
                &screens.monitors,
                screens.console,
                self.remembered_screens.get(&key),
                self.windows.screen_mode,
            );
            self.place(ctx, &placement);
        }
    }

    /// Carries out `placement` and remembers the audience monitor for this
    /// monitor setup.
    pub(super) fn place(&mut self, ctx: &egui::Context, placement: &Placement) {
        let title = self
            .session
            .deck()
            .map_or_else(|| "cuecard".to_owned(), |d| d.title.clone());
        let base = ViewportBuilder::default()
            .with_title(title)
            .with_app_id(crate::desktop::AUDIENCE_APP_ID)
            .with_icon(crate::desktop::window_icon());
        let screens = &mut self.windows.screens;
        let (builder, fullscreen) = screens::apply(ctx, screens, placement, base);
        self.windows.audience_fullscreen = fullscreen;
        if let (Placement::Fullscreen { audience, .. }, ScreenMode::Present) =
            (placement, self.windows.screen_mode)
            && let Some(monitor) = screens.monitors.get(*audience)
            && screens.monitors.len() > 1
        {
            self.remembered_screens
                .insert(setup_key(&screens.monitors), monitor.id());
        }
        self.windows.audience_builder = Some(builder);
        ctx.request_repaint_of(audience_viewport());
    }

    /// Asks ahead for the pictures of the slides on screen and their
    /// neighbours (all slides while the overview is open); the render
    /// workers repaint both windows when one is ready.
    pub(super) fn prepare_textures(&mut self, ctx: &egui::Context) {
        let Some(ready) = self.session.deck.as_ref() else {
            return;
        };
        let p = &self.session.presentation;
        let wanted: Vec<usize> = if self.console.pickers.overview().is_some() {
            (0..p.slide_count()).collect()
        } else {
            let mut wanted = vec![p.current()];
            wanted.extend(p.next_index());
            wanted.extend(p.previous_index());
            wanted.extend(p.frozen());
            wanted
        };
        lock(&self.textures).begin_frame(ctx, &ready.loaded.deck, wanted);
    }
}
