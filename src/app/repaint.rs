//! When the windows repaint by themselves: once a second while a clock on
//! them counts, else at the next minute for the wall clock. Nothing else
//! repaints an untouched console.

use std::time::{Duration, Instant};

use crate::show::Presentation;

use super::audience_viewport;
use super::state::ConsoleState;

/// Time until the next whole second of the wall clock `wall`.
pub fn until_next_wall_second(wall: chrono::NaiveTime) -> Duration {
    use chrono::Timelike as _;
    Duration::from_millis(u64::from(1000 - (wall.nanosecond() / 1_000_000) % 1000))
}

/// Schedules the console's next repaint (talk timer, discussion, break:
/// once a second; else the wall clock's next minute), and the take-down of
/// the identify labels on both windows.
pub fn schedule(
    ctx: &egui::Context,
    presentation: &Presentation,
    console: &ConsoleState,
    now: Instant,
    wall: chrono::NaiveTime,
) {
    use chrono::Timelike as _;
    let next_minute = Duration::from_secs(u64::from(60 - wall.second().min(59)));
    let counting = presentation.discussion().is_some_and(|d| !d.is_over(now))
        || presentation.break_ends().is_some();
    let second = if counting {
        Some(until_next_wall_second(wall))
    } else {
        presentation.timer.until_next_second(now)
    };
    let after = second.map_or(next_minute, |second| second.min(next_minute));
    ctx.request_repaint_after(after);
    if let Some(hides) = console.pointing.hides_at()
        && hides > now
    {
        ctx.request_repaint_after(hides - now);
    }
    if let Some(until) = console.identify_until.filter(|t| *t > now) {
        // Take the labels down on time in both windows.
        ctx.request_repaint_after(until - now);
        ctx.request_repaint_after_for(until - now, audience_viewport());
    }
}
