//! The one place where inputs are applied: every key, click, drop, window
//! event, file-dialog answer, reload and remote request arrives here as an
//! [`Input`], is resolved to an intent, recorded, and applied to the model
//! or the shell.

use std::time::Instant;

use egui::{ViewportCommand, ViewportId};

use crate::deck::policy::LocalCopy;
use crate::show::monitors::{Placement, ScreenMode, choose_placement, setup_key};
use crate::show::pickers::{ShellState, apply_to_model, resolve};
use crate::show::{AppCommand, LinkTarget, ShellCommand};

use super::notices::{NoticeSource, Severity};
use super::state::{IDENTIFY_FOR, LinkQuestion, VENUE_CHECK_ROWS, VenueRow};
use super::{Input, PresenterApp, audience_viewport};

impl PresenterApp {
    /// Resolves `input` (a gesture means what the state makes of it now)
    /// and applies it. Returns whether anything visible changed.
    pub(super) fn apply_input(&mut self, ctx: &egui::Context, input: Input, now: Instant) -> bool {
        let command = match input {
            Input::Intent(command) => command,
            Input::Gesture(gesture) => {
                let shell = ShellState {
                    confirm_quit: self.console.confirm_quit,
                    link_question: self.console.link_question.is_some(),
                    resume_offer: self.resume_offer().is_some(),
                    parking_open: self.console.parking_open,
                    help_open: self.console.help_open,
                    audience_fullscreen: self.windows.audience_fullscreen,
                    tool: self.console.pointing.tool,
                    zoomed: self
                        .audience_slide()
                        .is_some_and(|slide| self.console.pointing.zoomed(slide)),
                };
                match resolve(
                    gesture,
                    &self.console.pickers,
                    &self.session.presentation,
                    shell,
                ) {
                    Some(command) => command,
                    None => return false,
                }
            }
        };
        self.apply(ctx, &command, now)
    }

    /// Applies one intent at `now`: the one place commands act. Model
    /// commands go to the presentation, shell commands to the windows,
    /// files and the console's view state. Returns whether anything visible
    /// changed.
    pub fn apply(&mut self, ctx: &egui::Context, command: &AppCommand, now: Instant) -> bool {
        if let Some(log) = self.log.as_mut() {
            log.record(now, command);
        }
        // Presenting on without answering the resume offer is starting
        // fresh: the offer goes, and this talk is recorded from here.
        if let AppCommand::Show(c) = command
            && c.is_navigation()
            && self.resume_offer().is_some()
        {
            self.decline_resume();
        }
        if let Some(changed) = apply_to_model(
            &mut self.console.pickers,
            &mut self.session.presentation,
            command,
            now,
        ) {
            // A zoom is of one slide: another slide (or a black screen)
            // is shown whole, and so is this one when it comes back.
            if let Some(zoom) = self.console.pointing.zoom
                && self.audience_slide() != Some(zoom.slide)
            {
                self.console.pointing.zoom = None;
            }
            return changed;
        }
        match command {
            AppCommand::Shell(command) => self.apply_shell(ctx, command, now),
            AppCommand::Show(_) => false,
        }
    }

    fn apply_shell(&mut self, ctx: &egui::Context, command: &ShellCommand, now: Instant) -> bool {
        use ShellCommand as S;
        match command {
            S::NotesZoomIn => self.console.zoom_notes_step(1),
            S::NotesZoomOut => self.console.zoom_notes_step(-1),
            S::NotesZoomReset => self.console.zoom_notes(1.0 / self.console.notes_zoom),
            S::NotesZoomBy(factor) => factor.is_finite() && self.console.zoom_notes(*factor),
            S::ScrollNotes(points) => {
                self.console.notes_scroll += points;
                true
            }
            S::ChooseTool(_)
            | S::NextPointerStyle
            | S::PointAt(_)
            | S::HoldPointer(_)
            | S::Hover(_)
            | S::SizeSpotlight(_)
            | S::ToggleZoom
            | S::ZoomBox { .. }
            | S::LeaveZoom
            | S::InkBegin(_)
            | S::InkTo(_)
            | S::InkEnd
            | S::EraseAt(_)
            | S::UndoInk
            | S::ClearInk
            | S::SetInkColor(_)
            | S::NextInkColor => self.apply_pointing(command, now),
            S::TogglePrintInk => {
                self.console.print_ink = !self.console.print_ink;
                true
            }
            S::SetClockFormat(format) => {
                let changed = self.clock_format != *format;
                self.clock_format = *format;
                changed
            }
            S::Wheel(down) => {
                let step = self.windows.wheel.scroll(*down, now);
                // With the laser pointer on, the wheel does not move slides
                // under it. The step is not logged again: the log replays
                // the wheel itself.
                match step {
                    Some(next) if self.console.pointing.tool == crate::show::Tool::Advance => {
                        let step = if next {
                            crate::show::Command::Next
                        } else {
                            crate::show::Command::Previous
                        };
                        apply_to_model(
                            &mut self.console.pickers,
                            &mut self.session.presentation,
                            &step.into(),
                            now,
                        )
                        .unwrap_or(false)
                    }
                    _ => false,
                }
            }
            S::ToggleRehearsing => self.toggle_rehearsing(),
            S::WriteRehearsedMinutes => self.write_rehearsed_minutes(),
            S::KeepPlannedMinutes => self.keep_planned_minutes(),
            S::ToggleHelp => {
                self.console.help_open = !self.console.help_open;
                true
            }
            S::ToggleVenueCheck => {
                self.console.venue_check = match self.console.venue_check {
                    Some(_) => None,
                    None => Some(Vec::new()),
                };
                true
            }
            S::VenuePress { pressed, meaning } => {
                let Some(log) = self.console.venue_check.as_mut() else {
                    return false;
                };
                log.push(VenueRow {
                    pressed: pressed.clone(),
                    meaning: meaning.clone(),
                });
                let excess = log.len().saturating_sub(VENUE_CHECK_ROWS);
                log.drain(..excess);
                true
            }
            S::IdentifyScreens => {
                self.console.identify_until = Some(now + IDENTIFY_FOR);
                true
            }
            S::SwapScreens | S::AudienceOn(_) | S::SetScreenMode(_) => {
                self.apply_screen_command(ctx, command)
            }
            S::ToggleFullscreen => self.set_fullscreen(ctx, !self.windows.audience_fullscreen),
            S::EnterFullscreen => self.set_fullscreen(ctx, true),
            S::LeaveFullscreen => self.set_fullscreen(ctx, false),
            S::ShowAudience => {
                let changed = !self.windows.audience_open;
                self.windows.audience_open = true;
                if changed {
                    self.record_audience(true, now);
                }
                changed
            }
            S::AudienceClosed => {
                let changed = self.windows.audience_open;
                self.windows.audience_open = false;
                self.windows.audience_fullscreen = false;
                if changed {
                    self.record_audience(false, now);
                }
                changed
            }
            S::OpenDeckDialog => self.open_dialog(),
            S::OpenDeckDialogClosed => std::mem::take(&mut self.dialog_open),
            S::OpenDeckDialogUnavailable => {
                self.dialog_open = false;
                self.notices.push(
                    Severity::Warning,
                    NoticeSource::Files,
                    "No file dialog opened: this system has none for cuecard to show (on Linux it needs the desktop portal, xdg-desktop-portal). Drop the deck file on a window, pick one of the recent decks, or start cuecard with it: cuecard path/to/deck.ron",
                );
                true
            }
            S::OpenFailed { target, reason } => {
                eprintln!("cuecard: could not open {target:?}: {reason}");
                if let crate::show::Outside::Web(address) = target {
                    ctx.copy_text(address.clone());
                }
                self.notices.push(
                    Severity::Warning,
                    NoticeSource::Links,
                    super::open::open_failed_message(target),
                );
                true
            }
            S::OpenDeck(path) => {
                self.dialog_open = false;
                self.request_open(path);
                true
            }
            S::OpenRecent(index) => match self.recent.get(*index).cloned() {
                Some(path) => {
                    self.request_open(&path);
                    true
                }
                None => false,
            },
            S::Reload => self.request_reload(),
            S::Export(kind) => self.request_export(*kind),
            S::ExportTo(path) => self.start_export(path.clone()),
            S::ExportDialogClosed => self.export_dialog_closed(),
            S::ExportDialogUnavailable => self.export_without_dialog(),
            S::ExportDone {
                kind,
                path,
                pages,
                not_shown,
            } => self.export_saved(*kind, path, *pages, not_shown),
            S::ExportFailed { kind, message } => self.export_failed(*kind, message),
            S::StartRemote => self.start_remote(now),
            S::StopRemote => self.stop_remote(),
            S::NewRemotePairing => self.new_remote_pairing(),
            S::ChooseRemoteInterface(ip) => self.choose_remote_interface(*ip, now),
            S::FindRemoteInterfaces => self.find_remote_interfaces(),
            S::AllowMorePhones(more) => self.allow_more_phones(*more),
            S::LiveReloadFailed(error) => {
                self.notices.push(
                    Severity::Warning,
                    NoticeSource::Files,
                    format!("Live reload: {error}. Ctrl+R reloads the deck by hand."),
                );
                true
            }
            S::OpenLink {
                slide,
                link,
                target,
            } => self.open_link(ctx, *slide, *link, *target),
            S::ConfirmLink => match self.console.link_question.take() {
                Some(question) => {
                    let key = (question.slide, question.link, question.target);
                    self.console.links_confirmed.push(key);
                    self.open_link(ctx, question.slide, question.link, question.target)
                }
                None => false,
            },
            S::CancelLink => self.console.link_question.take().is_some(),
            S::PlayLocal { slide, link } => self.play_local(ctx, *slide, *link),
            S::ResumeSession => self.resume_session(now),
            S::DeclineResume => self.decline_resume(),
            S::OpenParkingLot => !std::mem::replace(&mut self.console.parking_open, true),
            S::CloseParkingLot => std::mem::take(&mut self.console.parking_open),
            S::Park(text) => {
                self.console.parking_open = false;
                self.park(text, now)
            }
            S::DismissNotice(id) => self.notices.dismiss(*id),
            S::Quit => {
                let talk = self.session.presentation.timer.is_started();
                if talk && !self.windows.quit_confirmed && !self.console.confirm_quit {
                    // Quitting ends the talk: ask first, as closing the
                    // console window does; Ctrl+Q again confirms.
                    self.console.confirm_quit = true;
                    true
                } else {
                    self.quit(ctx, now)
                }
            }
            S::ConfirmQuit => self.quit(ctx, now),
            S::KeepPresenting => std::mem::take(&mut self.console.confirm_quit),
            // Picker commands are applied by `apply_to_model`.
            S::OpenGoTo
            | S::OpenBreakPrompt
            | S::GoToDigit(_)
            | S::GoToErase
            | S::GoToSubmit
            | S::CloseGoTo
            | S::ToggleOverview
            | S::OverviewMove(_)
            | S::OverviewSelect(_)
            | S::OverviewSubmit => false,
        }
    }

    fn quit(&mut self, ctx: &egui::Context, now: Instant) -> bool {
        self.finish_recording(now);
        self.windows.quit_confirmed = true;
        self.console.confirm_quit = false;
        ctx.send_viewport_cmd_to(ViewportId::ROOT, ViewportCommand::Close);
        false
    }

    fn set_fullscreen(&mut self, ctx: &egui::Context, fullscreen: bool) -> bool {
        if !self.windows.audience_open || self.windows.audience_fullscreen == fullscreen {
            return false;
        }
        self.windows.audience_fullscreen = fullscreen;
        ctx.send_viewport_cmd_to(audience_viewport(), ViewportCommand::Fullscreen(fullscreen));
        true
    }

    /// Swap, a monitor, a mode: choose the placement and carry it out.
    fn apply_screen_command(&mut self, ctx: &egui::Context, command: &ShellCommand) -> bool {
        let state = &mut self.windows.screens.state;
        let console = state.console.unwrap_or(0);
        let count = state.monitors.len();
        let placement = match command {
            ShellCommand::SwapScreens => {
                let Some(plan) = state.swap() else {
                    return false;
                };
                self.carry_out(ctx, plan);
                return true;
            }
            ShellCommand::AudienceOn(i) if *i == console => Placement::Mirror { monitor: *i },
            ShellCommand::AudienceOn(i) if *i < count => {
                self.windows.screen_mode = ScreenMode::Present;
                Placement::Fullscreen {
                    audience: *i,
                    console: None,
                }
            }
            ShellCommand::SetScreenMode(mode) => {
                self.windows.screen_mode = *mode;
                let key = setup_key(&state.monitors);
                choose_placement(
                    &state.monitors,
                    state.console,
                    self.remembered_screens.get(&key),
                    *mode,
                )
            }
            _ => return false,
        };
        self.place(ctx, &placement);
        true
    }

    /// Opens a link in the browser: a refused one never; one with a
    /// caution only after the presenter said "Open anyway" once.
    fn open_link(
        &mut self,
        ctx: &egui::Context,
        slide: usize,
        link: usize,
        target: LinkTarget,
    ) -> bool {
        let Some(deck_link) = self
            .session
            .deck()
            .and_then(|d| d.slides.get(slide))
            .and_then(|s| s.links.get(link))
        else {
            return false;
        };
        let Some(status) = self.session.links_of(slide).get(link) else {
            return false;
        };
        let (address, verdict) = match target {
            LinkTarget::Online => (
                status.online_address(deck_link),
                Some(&status.online_verdict),
            ),
            LinkTarget::Transcript => (
                status.transcript_address(deck_link),
                status.transcript_verdict.as_ref(),
            ),
        };
        let Some(address) = address.map(str::to_owned) else {
            return false;
        };
        let cautions: Vec<String> = verdict
            .map(|v| v.cautions().iter().map(ToString::to_string).collect())
            .unwrap_or_default();
        let confirmed = self
            .console
            .links_confirmed
            .contains(&(slide, link, target));
        if !cautions.is_empty() && !confirmed {
            self.console.link_question = Some(LinkQuestion {
                slide,
                link,
                target,
                address,
                cautions,
            });
            return true;
        }
        self.opener
            .open(ctx, crate::show::Outside::Web(address), &self.bus.sender());
        true
    }

    fn play_local(&mut self, ctx: &egui::Context, slide: usize, link: usize) -> bool {
        let Some(status) = self.session.links_of(slide).get(link) else {
            return false;
        };
        let LocalCopy::Present(path) = &status.local else {
            return false;
        };
        self.opener.open(
            ctx,
            crate::show::Outside::Video(path.clone()),
            &self.bus.sender(),
        );
        true
    }
}
