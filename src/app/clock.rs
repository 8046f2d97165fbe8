//! Where the app reads time from: the system clocks, or a fake clock that
//! tests move on.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// Where the app reads time from.
#[derive(Clone)]
pub enum Clock {
    /// The real clocks: `Instant::now()` and the local wall clock.
    System,
    /// A fake clock for tests: `start` plus the time in the shared cell
    /// (set it to move time on), and a wall-clock time at `start`.
    Fake {
        /// The monotonic instant the fake clock starts at.
        start: Instant,
        /// Time since `start`, shared with the test.
        offset: Arc<Mutex<Duration>>,
        /// The wall-clock time at `start`.
        wall: chrono::NaiveTime,
    },
}

impl Clock {
    /// A fake clock at `wall` (e.g. 09:00) whose time the returned cell
    /// moves on.
    pub fn fake(wall: chrono::NaiveTime) -> (Self, Arc<Mutex<Duration>>) {
        Self::fake_at(Instant::now(), wall)
    }

    /// A fake clock starting at the monotonic instant `start` (two apps on
    /// fake clocks with the same start see the same instants).
    pub fn fake_at(start: Instant, wall: chrono::NaiveTime) -> (Self, Arc<Mutex<Duration>>) {
        let offset = Arc::new(Mutex::new(Duration::ZERO));
        (
            Self::Fake {
                start,
                offset: Arc::clone(&offset),
                wall,
            },
            offset,
        )
    }

    fn offset(offset: &Mutex<Duration>) -> Duration {
        *offset.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Now, on the monotonic clock.
    pub fn now(&self) -> Instant {
        match self {
            Self::System => Instant::now(),
            Self::Fake { start, offset, .. } => *start + Self::offset(offset),
        }
    }

    /// The local wall-clock time now.
    pub fn wall(&self) -> chrono::NaiveTime {
        match self {
            Self::System => chrono::Local::now().time(),
            Self::Fake { offset, wall, .. } => {
                crate::ui::console::wall_after(*wall, Self::offset(offset))
            }
        }
    }
}
