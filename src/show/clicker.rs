//! One physical press, one action: what a clicker or a held key sends is
//! reduced to the presses the presenter meant.
//!
//! Two things make one press arrive as many:
//!
//! - **Auto-repeat.** A button held down repeats like a keyboard key:
//!   after 250–660 ms, every 33–90 ms (X11's default is 25 per second,
//!   Windows' about 30). Repeats of a key that was never let go are marked
//!   and dropped where keys are read; this filter catches the ones that
//!   arrive as fresh presses, each just after a release of the same key
//!   (X servers without detectable auto-repeat, some Bluetooth clickers).
//! - **Double-fire.** Worn clicker buttons bounce and some radio clickers
//!   resend: the same key twice within 10–50 ms.
//!
//! A person, by contrast, presses the same button at most about seven
//! times a second (140 ms apart) when hurrying, and three or four a second
//! (250–330 ms apart) when skipping a few slides on purpose, and a finger
//! lets a button up for 50 ms or more between presses. So a press counts
//! once when it comes
//!
//! - less than [`DOUBLE_FIRE`] after the last press of the same control
//!   (100 ms sits between the clicker's 50 ms and the person's 140 ms), or
//! - less than [`NEVER_LET_GO`] after its release (the key was never really
//!   up: an auto-repeat's fake release, or a bouncing contact).

use std::collections::HashMap;
use std::hash::Hash;
use std::time::{Duration, Instant};

/// Presses of the same control closer than this count once.
pub const DOUBLE_FIRE: Duration = Duration::from_millis(100);

/// A press marked as a repeat is one only this soon after the last press
/// of its key: longer than any auto-repeat delay (Windows' longest is 1 s).
pub const HELD_GAP: Duration = Duration::from_millis(1100);

/// A press this soon after the control's release is the same press.
pub const NEVER_LET_GO: Duration = Duration::from_millis(30);

/// What a control last did.
#[derive(Debug, Clone, Copy)]
struct Seen {
    /// The last press (kept or not).
    pressed: Instant,
    /// The last release after it, if any.
    released: Option<Instant>,
}

/// Which presses of each control to keep: one per physical press.
#[derive(Debug, Clone)]
pub struct PressFilter<C> {
    seen: HashMap<C, Seen>,
}

impl<C> Default for PressFilter<C> {
    fn default() -> Self {
        Self {
            seen: HashMap::new(),
        }
    }
}

impl<C: Eq + Hash> PressFilter<C> {
    /// A press of `control` at `now`: `true` if it is a press the presenter
    /// meant, `false` for a repeat or a double-fire.
    pub fn press(&mut self, control: C, now: Instant) -> bool {
        let keep = self.seen.get(&control).is_none_or(|seen| {
            let since = |t: Instant| now.saturating_duration_since(t);
            since(seen.pressed) >= DOUBLE_FIRE
                && seen.released.is_none_or(|up| since(up) >= NEVER_LET_GO)
        });
        self.seen.insert(
            control,
            Seen {
                pressed: now,
                released: None,
            },
        );
        keep
    }

    /// A press of `control` at `now` that the window system marked as a
    /// repeat (the key was never seen released): `true` if it is a fresh
    /// press after all. The mark goes stale when a release is lost (Shift
    /// let go before "+", a window change), so it is believed only within
    /// [`HELD_GAP`] of the control's last press, and not at all when this
    /// control was seen let go since (the mark came from a release under
    /// another name: pressed as "+", let go as "=").
    pub fn repeat(&mut self, control: C, now: Instant) -> bool {
        let fresh = self.seen.get(&control).is_none_or(|seen| {
            seen.released.is_some() || now.saturating_duration_since(seen.pressed) >= HELD_GAP
        });
        if fresh {
            return self.press(control, now);
        }
        if let Some(seen) = self.seen.get_mut(&control) {
            seen.pressed = now;
        }
        false
    }

    /// `control` was let go at `now`.
    pub fn release(&mut self, control: &C, now: Instant) {
        if let Some(seen) = self.seen.get_mut(control) {
            seen.released = Some(now);
        }
    }
}

/// How far the wheel turns for one slide, in points (egui turns one notch
/// of a mouse wheel into 40 points, a mouse-mode clicker sends one notch).
pub const WHEEL_NOTCH: f32 = 30.0;

/// The wheel must rest this long before it moves another slide: a
/// touchpad's swipe, with its momentum, is one gesture and one slide.
pub const WHEEL_REST: Duration = Duration::from_millis(200);

/// Turns scrolling over a slide into slide steps: one per notch, one per
/// touchpad swipe.
#[derive(Debug, Clone, Default)]
pub struct WheelGate {
    /// Scrolling since the last step, in points (down is positive).
    turned: f32,
    /// The last scrolling seen.
    last: Option<Instant>,
    /// Whether this gesture has moved a slide already.
    stepped: bool,
}

impl WheelGate {
    /// Scrolling by `down` points (positive: towards the presenter, which
    /// is the next slide) at `now`: `Some(true)` for the next slide,
    /// `Some(false)` for the previous one.
    pub fn scroll(&mut self, down: f32, now: Instant) -> Option<bool> {
        let rested = self
            .last
            .is_none_or(|t| now.saturating_duration_since(t) >= WHEEL_REST);
        if rested {
            self.turned = 0.0;
            self.stepped = false;
        }
        self.last = Some(now);
        if self.stepped || !down.is_finite() {
            return None;
        }
        self.turned += down;
        if self.turned.abs() < WHEEL_NOTCH {
            return None;
        }
        self.stepped = true;
        Some(self.turned > 0.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    /// Presses, each released `up` ms later, at these times (ms): how
    /// many count.
    fn counted_with(times: &[u64], up: u64) -> usize {
        let t0 = Instant::now();
        let mut filter = PressFilter::default();
        times
            .iter()
            .filter(|&&t| {
                let kept = filter.press("Page Down", t0 + ms(t));
                filter.release(&"Page Down", t0 + ms(t + up));
                kept
            })
            .count()
    }

    fn counted(times: &[u64]) -> usize {
        counted_with(times, 0)
    }

    #[test]
    fn deliberate_quick_presses_all_count() {
        // Four a second, and a hurried seven a second with the button up
        // for 60 ms between presses.
        assert_eq!(counted_with(&[0, 250, 500, 750, 1000], 100), 5);
        assert_eq!(counted_with(&[0, 140, 280, 420], 80), 4);
    }

    #[test]
    fn a_double_fire_counts_once() {
        assert_eq!(counted(&[0, 30]), 1);
        assert_eq!(counted(&[0, 12, 400, 440]), 2);
    }

    #[test]
    fn a_held_button_sending_fresh_presses_counts_once() {
        // X11 without detectable auto-repeat: the first repeat after
        // 660 ms, then one every 40 ms for two seconds, each just after a
        // fake release of the key.
        let t0 = Instant::now();
        let mut filter = PressFilter::default();
        let mut kept = usize::from(filter.press("Page Down", t0));
        let mut t = 660;
        while t < 2000 {
            filter.release(&"Page Down", t0 + ms(t));
            kept += usize::from(filter.press("Page Down", t0 + ms(t)));
            t += 40;
        }
        assert_eq!(kept, 1, "two seconds held is one slide");
        filter.release(&"Page Down", t0 + ms(2000));
        assert!(
            filter.press("Page Down", t0 + ms(2300)),
            "the next real press counts"
        );
    }

    #[test]
    fn different_buttons_do_not_filter_each_other() {
        let t0 = Instant::now();
        let mut filter = PressFilter::default();
        assert!(filter.press("Page Down", t0));
        assert!(filter.press("B", t0 + ms(20)));
        assert!(filter.press("Page Up", t0 + ms(40)));
    }

    #[test]
    fn each_wheel_notch_is_a_slide_and_a_swipe_is_one() {
        let t0 = Instant::now();
        let mut wheel = WheelGate::default();
        // Three notches down, a third of a second apart, then one up.
        assert_eq!(wheel.scroll(40.0, t0), Some(true));
        assert_eq!(wheel.scroll(40.0, t0 + ms(300)), Some(true));
        assert_eq!(wheel.scroll(40.0, t0 + ms(600)), Some(true));
        assert_eq!(wheel.scroll(-40.0, t0 + ms(900)), Some(false));
        // A touchpad swipe: small deltas every 16 ms for a second.
        let mut wheel = WheelGate::default();
        let steps = (0..60)
            .filter_map(|i| wheel.scroll(6.0, t0 + ms(16 * i)))
            .count();
        assert_eq!(steps, 1, "one swipe, one slide");
        // A nudge smaller than a notch does nothing.
        let mut wheel = WheelGate::default();
        assert_eq!(wheel.scroll(10.0, t0), None);
        assert_eq!(wheel.scroll(-5.0, t0 + ms(50)), None);
    }

    #[test]
    fn a_stale_repeat_mark_does_not_swallow_a_real_press() {
        let t0 = Instant::now();
        let mut filter = PressFilter::default();
        assert!(filter.press("+", t0));
        // The release was lost: the next presses come marked as repeats.
        assert!(
            filter.repeat("+", t0 + ms(1500)),
            "a press 1.5 s later counts"
        );
        // A real hold: repeats every 40 ms after the delay count once.
        assert!(filter.press("Page Down", t0));
        let kept = (0..30)
            .filter(|i| filter.repeat("Page Down", t0 + ms(660 + 40 * i)))
            .count();
        assert_eq!(kept, 0);
    }

    #[test]
    fn a_key_let_go_is_not_held_however_its_next_press_is_marked() {
        // Shift+= pressed as "+" and let go as "=" (Shift first): by the
        // physical key, the release is seen, so a press 0.7 s later that
        // the window system marks as a repeat is a new press.
        let t0 = Instant::now();
        let mut filter = PressFilter::default();
        assert!(filter.press("Equals", t0));
        filter.release(&"Equals", t0 + ms(120));
        assert!(filter.repeat("Equals", t0 + ms(700)), "a second press");
        // Held (never let go), the marks stay repeats.
        assert!(!filter.repeat("Equals", t0 + ms(740)));
    }
}
