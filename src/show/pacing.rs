//! Pacing: whether the talk is on time against the slides' planned minutes.

use std::time::Duration;

/// Where the talk stands against the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pace {
    /// The slides have no planned minutes.
    Unplanned,
    /// Within the current slide's planned window.
    OnTime,
    /// Earlier than planned by this many whole minutes (at least 1).
    Ahead(u64),
    /// Later than planned by this many whole minutes (at least 1).
    Behind(u64),
}

/// Compares `elapsed` with the plan. `planned` holds each slide's planned
/// minutes (`None` counts 0); `current` is the slide on the console. The
/// talk is on time while `elapsed` lies between the planned start and end
/// of the current slide, give or take under a minute.
pub fn pace(planned: &[Option<f64>], current: usize, elapsed: Duration) -> Pace {
    if planned.iter().all(Option::is_none) {
        return Pace::Unplanned;
    }
    let minutes = |slides: &[Option<f64>]| slides.iter().flatten().map(|m| m.max(0.0)).sum::<f64>();
    let before = minutes(planned.get(..current).unwrap_or(planned));
    let this = planned
        .get(current)
        .copied()
        .flatten()
        .unwrap_or(0.0)
        .max(0.0);
    let elapsed = elapsed.as_secs_f64() / 60.0;
    let (start, end) = (before, before + this);
    if elapsed > end {
        let late = (elapsed - end).floor() as u64;
        if late >= 1 {
            Pace::Behind(late)
        } else {
            Pace::OnTime
        }
    } else if elapsed < start {
        let early = (start - elapsed).floor() as u64;
        if early >= 1 {
            Pace::Ahead(early)
        } else {
            Pace::OnTime
        }
    } else {
        Pace::OnTime
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const fn min(m: u64) -> Duration {
        Duration::from_secs(m * 60)
    }

    #[test]
    fn pacing_table() {
        let plan = [Some(3.0), Some(1.0), Some(2.0), Some(4.0), Some(12.0)];
        let cases = [
            (0, min(0), Pace::OnTime),
            (0, min(3), Pace::OnTime),
            (0, Duration::from_secs(3 * 60 + 59), Pace::OnTime),
            (0, min(5), Pace::Behind(2)),
            (4, min(5), Pace::Ahead(5)),
            (4, min(10), Pace::OnTime),
            (4, min(22), Pace::OnTime),
            (4, min(30), Pace::Behind(8)),
            (2, min(4), Pace::OnTime),
        ];
        for (current, elapsed, expected) in cases {
            assert_eq!(
                pace(&plan, current, elapsed),
                expected,
                "slide {current} at {elapsed:?}"
            );
        }
        assert_eq!(pace(&[None, None], 1, min(40)), Pace::Unplanned);
        assert_eq!(pace(&[], 0, min(1)), Pace::Unplanned);
    }
}
