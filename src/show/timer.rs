//! The talk timer: elapsed time of the talk, computed from a time passed in.
//!
//! The timer never reads a clock itself. Callers pass `now` as a monotonic
//! [`Instant`] (never the wall clock), so a change of the system clock does
//! not move it and tests step time without sleeping.

use std::time::{Duration, Instant};

/// The talk timer's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimerState {
    /// Not started yet: shows 0:00.
    NotStarted,
    /// Counting: `banked` elapsed before `since`, plus the time since then.
    Running {
        /// When the current run began.
        since: Instant,
        /// Time counted before `since` (from earlier runs).
        banked: Duration,
    },
    /// Stopped at `elapsed`; stays stopped until the presenter resumes it.
    Paused {
        /// Time counted so far.
        elapsed: Duration,
    },
}

/// Elapsed time of the talk, with pause, resume and an undoable reset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TalkTimer {
    state: TimerState,
    /// The state before the last reset, so an accidental reset can be undone.
    before_reset: Option<TimerState>,
}

impl Default for TalkTimer {
    fn default() -> Self {
        Self::new()
    }
}

impl TalkTimer {
    /// A timer that has not started.
    pub fn new() -> Self {
        Self {
            state: TimerState::NotStarted,
            before_reset: None,
        }
    }

    /// A timer paused at `elapsed`, e.g. a talk resumed after a crash.
    pub fn paused_at(elapsed: Duration) -> Self {
        Self {
            state: TimerState::Paused { elapsed },
            before_reset: None,
        }
    }

    /// The current state.
    pub fn state(&self) -> TimerState {
        self.state
    }

    /// Whether the timer is counting.
    pub fn is_running(&self) -> bool {
        matches!(self.state, TimerState::Running { .. })
    }

    /// Whether the timer has been started at some point and not reset.
    pub fn is_started(&self) -> bool {
        !matches!(self.state, TimerState::NotStarted)
    }

    /// Elapsed talk time at `now`. A `now` earlier than the start counts 0.
    pub fn elapsed(&self, now: Instant) -> Duration {
        match self.state {
            TimerState::NotStarted => Duration::ZERO,
            TimerState::Running { since, banked } => banked + now.saturating_duration_since(since),
            TimerState::Paused { elapsed } => elapsed,
        }
    }

    /// Starts the timer if it has never started. Returns whether it changed.
    pub fn start(&mut self, now: Instant) -> bool {
        if self.state == TimerState::NotStarted {
            self.state = TimerState::Running {
                since: now,
                banked: Duration::ZERO,
            };
            true
        } else {
            false
        }
    }

    /// Pauses a running timer, resumes a paused one, starts one that has
    /// not started. Always changes the state.
    pub fn toggle(&mut self, now: Instant) {
        self.state = match self.state {
            TimerState::NotStarted => TimerState::Running {
                since: now,
                banked: Duration::ZERO,
            },
            TimerState::Running { .. } => TimerState::Paused {
                elapsed: self.elapsed(now),
            },
            TimerState::Paused { elapsed } => TimerState::Running {
                since: now,
                banked: elapsed,
            },
        };
    }

    /// Resets to "not started", remembering the old state for
    /// [`Self::undo_reset`]. Returns whether anything changed.
    pub fn reset(&mut self) -> bool {
        if self.state == TimerState::NotStarted {
            return false;
        }
        self.before_reset = Some(self.state);
        self.state = TimerState::NotStarted;
        true
    }

    /// Whether there is a reset to undo. It stays undoable until the next
    /// reset, also after the timer started again (a slide change after an
    /// accidental reset must not lose the talk's time).
    pub fn can_undo_reset(&self) -> bool {
        self.before_reset.is_some()
    }

    /// What the timer would show at `now` if the last reset were undone.
    pub fn elapsed_before_reset(&self, now: Instant) -> Option<Duration> {
        self.before_reset?;
        let mut undone = self.clone();
        undone.undo_reset();
        Some(undone.elapsed(now))
    }

    /// Undoes the last reset, as if it never happened: a timer that was
    /// running counts the time since the reset too. Returns whether
    /// anything changed.
    pub fn undo_reset(&mut self) -> bool {
        if !self.can_undo_reset() {
            return false;
        }
        let Some(before) = self.before_reset.take() else {
            return false;
        };
        // A timer that was running kept counting through the reset; one
        // that was paused adds the time counted since, so undo never
        // takes talk time away.
        self.state = match (before, self.state) {
            (TimerState::Paused { elapsed }, TimerState::Running { since, banked }) => {
                TimerState::Running {
                    since,
                    banked: banked + elapsed,
                }
            }
            (TimerState::Paused { elapsed }, TimerState::Paused { elapsed: after }) => {
                TimerState::Paused {
                    elapsed: elapsed + after,
                }
            }
            (before, _) => before,
        };
        true
    }

    /// How long until the displayed whole second changes, for scheduling
    /// the next repaint; `None` when the timer is not running.
    pub fn until_next_second(&self, now: Instant) -> Option<Duration> {
        if !self.is_running() {
            return None;
        }
        let millis = self.elapsed(now).subsec_millis();
        Some(Duration::from_millis(u64::from(1000 - millis)))
    }
}

/// Formats a duration as `M:SS`, or `H:MM:SS` from one hour on.
pub fn format_clock(duration: Duration) -> String {
    let total = duration.as_secs();
    let (hours, minutes, seconds) = (total / 3600, (total / 60) % 60, total % 60);
    if hours > 0 {
        format!("{hours}:{minutes:02}:{seconds:02}")
    } else {
        format!("{minutes}:{seconds:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const fn secs(s: u64) -> Duration {
        Duration::from_secs(s)
    }

    #[test]
    fn counts_pauses_and_resumes() {
        let t0 = Instant::now();
        let mut timer = TalkTimer::new();
        assert_eq!(timer.elapsed(t0 + secs(10)), Duration::ZERO);
        assert!(timer.start(t0));
        assert!(!timer.start(t0 + secs(1)), "start twice does nothing");
        assert_eq!(timer.elapsed(t0 + secs(90)), secs(90));
        timer.toggle(t0 + secs(90));
        assert_eq!(timer.elapsed(t0 + secs(500)), secs(90), "paused stays put");
        timer.toggle(t0 + secs(500));
        assert_eq!(timer.elapsed(t0 + secs(510)), secs(100));
    }

    #[test]
    fn reset_can_be_undone_without_losing_time() {
        let t0 = Instant::now();
        let mut timer = TalkTimer::new();
        timer.start(t0);
        assert!(timer.reset());
        assert_eq!(timer.elapsed(t0 + secs(601)), Duration::ZERO);
        assert!(timer.can_undo_reset());
        assert!(timer.undo_reset());
        assert_eq!(timer.elapsed(t0 + secs(660)), secs(660));
        assert!(!timer.undo_reset(), "only once");
    }

    #[test]
    fn next_repaint_is_at_the_next_whole_second() {
        let t0 = Instant::now();
        let mut timer = TalkTimer::new();
        assert_eq!(timer.until_next_second(t0), None);
        timer.start(t0);
        assert_eq!(
            timer.until_next_second(t0 + Duration::from_millis(2300)),
            Some(Duration::from_millis(700))
        );
    }

    #[test]
    fn clock_format() {
        assert_eq!(format_clock(secs(0)), "0:00");
        assert_eq!(format_clock(secs(65)), "1:05");
        assert_eq!(format_clock(secs(3600 + 62)), "1:01:02");
    }
}
