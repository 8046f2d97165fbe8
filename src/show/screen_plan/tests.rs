//! The screen plan's behaviour: monitors coming and going, swaps, modes.
#![allow(clippy::expect_used, clippy::panic)]
use super::*;

fn monitor(name: &str, position: Option<(i32, i32)>, size: (u32, u32), scale: f64) -> Monitor {
    Monitor {
        name: name.to_owned(),
        position,
        size,
        scale,
    }
}

fn laptop() -> Monitor {
    monitor("eDP-1", Some((0, 0)), (1366, 768), 1.0)
}

fn projector() -> Monitor {
    monitor("HDMI-1", Some((1366, 0)), (1920, 1080), 1.0)
}

fn present(state: &mut ScreenState, monitors: &[Monitor], console: Option<usize>) -> Option<Plan> {
    state.monitors_read(monitors.to_vec(), console, ScreenMode::Present, None)
}

fn fullscreen_on(index: usize) -> AudienceOps {
    AudienceOps::Show(vec![WindowOp::FullscreenOn(index)])
}

/// The console's commands when presenting: fill the laptop's screen.
fn maximized() -> Vec<WindowOp> {
    vec![WindowOp::MinSize(None), WindowOp::Maximize(true)]
}

#[test]
fn presenting_puts_the_audience_on_the_projector_and_fills_the_laptop_with_the_console() {
    let mut state = ScreenState::default();
    let plan = present(&mut state, &[laptop(), projector()], Some(0));
    assert_eq!(
        plan,
        Some(Plan {
            console: maximized(),
            audience: fullscreen_on(1),
            audience_scale: 1.0,
        })
    );
    // The same list again: nothing to do, and nothing sent.
    assert_eq!(present(&mut state, &[laptop(), projector()], Some(0)), None);
}

#[test]
fn a_pulled_cable_hides_the_audience_and_the_replug_brings_it_back_every_time() {
    let mut state = ScreenState::default();
    present(&mut state, &[laptop(), projector()], Some(0));
    for round in 0..3 {
        // The projector's cable is pulled: out of the console's way.
        let plan = present(&mut state, &[laptop()], Some(0));
        assert_eq!(
            plan,
            Some(Plan {
                console: Vec::new(),
                audience: AudienceOps::Hide,
                audience_scale: 1.0,
            }),
            "unplug {round}"
        );
        assert_eq!(state.disconnected(), Some(&projector().id()));
        // Nothing else happens while it is out.
        assert_eq!(present(&mut state, &[laptop()], Some(0)), None);
        // Plugged in again: full screen on it, said again in full each
        // time (egui would drop a repeated builder setting).
        let plan = present(&mut state, &[laptop(), projector()], Some(0));
        assert_eq!(
            plan,
            Some(Plan {
                console: maximized(),
                audience: fullscreen_on(1),
                audience_scale: 1.0,
            }),
            "replug {round}"
        );
        assert_eq!(state.disconnected(), None);
    }
}

#[test]
fn another_projector_than_the_one_pulled_out_takes_the_audience() {
    let mut state = ScreenState::default();
    present(&mut state, &[laptop(), projector()], Some(0));
    present(&mut state, &[laptop()], Some(0));
    let other = monitor("DP-2", Some((1366, 0)), (1024, 768), 1.0);
    let plan = present(&mut state, &[laptop(), other.clone()], Some(0));
    assert_eq!(plan.map(|p| p.audience), Some(fullscreen_on(1)));
    assert_eq!(state.audience_monitor(), Some(1));
}

#[test]
fn on_a_dock_the_audience_moves_to_the_other_external_when_its_own_goes() {
    let small = monitor("DP-1", Some((1366, 0)), (1920, 1080), 1.0);
    let big = monitor("DP-2", Some((3286, 0)), (2560, 1440), 1.0);
    let mut state = ScreenState::default();
    let plan = present(&mut state, &[laptop(), small.clone(), big.clone()], Some(0));
    assert_eq!(plan.map(|p| p.audience), Some(fullscreen_on(2)));
    // The big one goes: the other external, not hidden.
    let plan = present(&mut state, &[laptop(), small.clone()], Some(0));
    assert_eq!(plan.map(|p| p.audience), Some(fullscreen_on(1)));
    // A third monitor plugged in while the audience is on one stays
    // put: the room is not disturbed. Its index may move.
    let plan = present(&mut state, &[big.clone(), laptop(), small.clone()], Some(1));
    assert_eq!(plan, None);
    assert_eq!(state.audience_monitor(), Some(2));
}

#[test]
fn the_projector_left_of_the_laptop() {
    let projector = monitor("HDMI-1", Some((0, 0)), (1920, 1080), 1.0);
    let laptop = monitor("eDP-1", Some((1920, 0)), (1366, 768), 1.0);
    let mut state = ScreenState::default();
    let plan = present(&mut state, &[projector, laptop], Some(1));
    assert_eq!(
        plan,
        Some(Plan {
            console: maximized(),
            audience: fullscreen_on(0),
            audience_scale: 1.0,
        })
    );
}

#[test]
fn a_console_monitor_reported_late_corrects_the_first_choice_once() {
    // Wayland: no console monitor before the first frame, and no
    // positions. The first choice assumes the first monitor.
    let a = monitor("", None, (1920, 1080), 1.0);
    let b = monitor("", None, (2560, 1440), 1.0);
    let mut state = ScreenState::default();
    let plan = present(&mut state, &[a.clone(), b.clone()], None);
    assert_eq!(plan.map(|p| p.audience), Some(fullscreen_on(1)));
    // Then the system says the console is on the second one: the
    // audience goes to the first.
    let plan = present(&mut state, &[a.clone(), b.clone()], Some(1));
    assert_eq!(plan.map(|p| p.audience), Some(fullscreen_on(0)));
    // Only once: the same report again changes nothing.
    assert_eq!(present(&mut state, &[a.clone(), b.clone()], Some(1)), None);
    // A late report of a copy of the guessed monitor (Wayland lists
    // outputs twice) changes nothing.
    let laptop = monitor("eDP-1", Some((0, 0)), (1366, 768), 1.0);
    let copies = [laptop.clone(), projector(), laptop, projector()];
    let mut state = ScreenState::default();
    present(&mut state, &copies, None);
    assert_eq!(present(&mut state, &copies, Some(2)), None);
    // A late report that agrees with the guess changes nothing either.
    let mut state = ScreenState::default();
    present(&mut state, &[a.clone(), b.clone()], None);
    assert_eq!(present(&mut state, &[a, b], Some(0)), None);
}

#[test]
fn swapping_with_a_200_percent_laptop_moves_the_console_in_pixels_onto_the_projector() {
    let laptop = monitor("eDP-1", Some((0, 0)), (2880, 1800), 2.0);
    let projector = monitor("HDMI-1", Some((2880, 0)), (1920, 1080), 1.0);
    let mut state = ScreenState::default();
    present(&mut state, &[laptop.clone(), projector.clone()], Some(0));
    let plan = state.swap().expect("two monitors swap");
    assert_eq!(plan.audience, fullscreen_on(0));
    // The audience window was on the projector: its points are the
    // projector's pixels.
    assert_eq!(plan.audience_scale, 1.0);
    // The corner is on the projector, 40 of its points (its pixels)
    // in: in pixels, whatever the console's own scale is.
    assert_eq!(
        plan.console,
        vec![
            WindowOp::MinSize(None),
            WindowOp::Maximize(false),
            WindowOp::MoveTo { x: 2920, y: 40 },
            WindowOp::Maximize(true),
        ]
    );
    let corner = PixelRect {
        x: 2920,
        y: 40,
        width: 1,
        height: 1,
    };
    assert!(projector.pixel_rect().contains(&corner));
    assert_eq!(state.scale_at(2920, 40), 1.0);
    assert_eq!(state.console, Some(1));
    // And back: 40 points on the laptop are 80 of its pixels.
    let plan = state.swap().expect("swap back");
    // Now it is on the laptop: two pixels a point.
    assert_eq!(plan.audience_scale, 2.0);
    assert!(plan.console.contains(&WindowOp::MoveTo { x: 80, y: 80 }));
    assert_eq!(plan.audience, fullscreen_on(1));
    assert_eq!(state.scale_at(80, 80), 2.0);
}

/// The rectangles a side-by-side plan gives: the console's outer one
/// (with its frame) and the audience's outer one.
fn side_by_side_rects(plan: &Plan, frame: (u32, u32)) -> (PixelRect, PixelRect) {
    let rect = |ops: &[WindowOp]| {
        let mut rect = PixelRect {
            x: 0,
            y: 0,
            width: 0,
            height: 0,
        };
        for op in ops {
            match *op {
                WindowOp::MoveTo { x, y } => (rect.x, rect.y) = (x, y),
                WindowOp::Resize { width, height } => {
                    (rect.width, rect.height) = (width + frame.0, height + frame.1);
                }
                _ => {}
            }
        }
        rect
    };
    let AudienceOps::Show(audience) = &plan.audience else {
        panic!("the audience is shown beside the console");
    };
    (rect(&plan.console), rect(audience))
}

#[test]
fn rehearsal_side_by_side_never_overlaps_at_any_scale() {
    let frame = (2, 30);
    for (size, scale) in [
        ((1366, 768), 1.0),
        ((1920, 1080), 1.0),
        ((1920, 1080), 2.0),
        ((2880, 1800), 2.0),
        ((3840, 2160), 2.5),
        ((1280, 800), 1.25),
    ] {
        let screen = monitor("eDP-1", Some((0, 0)), size, scale);
        for work_area in [
            None,
            Some(PixelRect {
                x: 0,
                y: 24,
                width: size.0,
                height: size.1 - 24,
            }),
        ] {
            let mut state = ScreenState {
                console_frame: frame,
                work_area,
                ..ScreenState::default()
            };
            let plan = state
                .monitors_read(vec![screen.clone()], Some(0), ScreenMode::Rehearse, None)
                .expect("placed");
            let (console, audience) = side_by_side_rects(&plan, frame);
            let case = format!("{size:?} at {scale}, work area {work_area:?}");
            assert_eq!(console.intersect(&audience), None, "{case}: overlap");
            let usable = work_area.unwrap_or(screen.pixel_rect());
            assert!(usable.contains(&console), "{case}: console {console:?}");
            assert!(usable.contains(&audience), "{case}: audience {audience:?}");
            // The console can be as small as its half: its minimum
            // size is no larger than what it was given.
            let min = plan.console.iter().find_map(|op| match op {
                WindowOp::MinSize(Some(min)) => Some(*min),
                _ => None,
            });
            let min = min.expect("a minimum size");
            assert!(min.0 + frame.0 <= console.width, "{case}: min {min:?}");
            assert!(min.1 + frame.1 <= console.height, "{case}: min {min:?}");
            // Half each: neither window gets much less than half.
            assert!(console.width + 2 >= size.0 / 2, "{case}");
        }
    }
}

#[test]
fn one_monitor_sits_side_by_side_until_a_projector_is_plugged_in() {
    let mut state = ScreenState::default();
    let plan = present(&mut state, &[laptop()], Some(0)).expect("placed");
    assert!(matches!(state.audience, AudienceAt::Beside));
    let (console, audience) = side_by_side_rects(&plan, (0, 0));
    assert_eq!(console.intersect(&audience), None);
    // The projector arrives: the audience goes full screen on it and
    // the console fills the laptop again, with its usual minimum.
    let plan = present(&mut state, &[laptop(), projector()], Some(0));
    assert_eq!(
        plan,
        Some(Plan {
            console: maximized(),
            audience: fullscreen_on(1),
            audience_scale: 1.0,
        })
    );
}

#[test]
fn mirror_keeps_the_console_on_top_inside_the_monitor_and_presenting_takes_it_down() {
    let mut state = ScreenState::default();
    present(&mut state, &[laptop(), projector()], Some(0));
    let plan = state.place(&Placement::Mirror { monitor: 0 });
    assert_eq!(plan.audience, fullscreen_on(0));
    assert_eq!(plan.console.last(), Some(&WindowOp::OnTop(true)));
    assert!(state.console_on_top);
    let mut moved = PixelRect {
        x: 0,
        y: 0,
        width: 0,
        height: 0,
    };
    for op in &plan.console {
        match *op {
            WindowOp::MoveTo { x, y } => (moved.x, moved.y) = (x, y),
            WindowOp::Resize { width, height } => (moved.width, moved.height) = (width, height),
            _ => {}
        }
    }
    assert!(laptop().pixel_rect().contains(&moved), "{moved:?}");
    let plan = state.place(&Placement::Fullscreen {
        audience: 1,
        console: None,
    });
    assert_eq!(plan.console.first(), Some(&WindowOp::OnTop(false)));
    assert!(!state.console_on_top);
}

#[test]
fn a_frame_known_late_shrinks_the_side_by_side_console_to_fit() {
    let mut state = ScreenState::default();
    present(&mut state, &[laptop()], Some(0));
    let panel = PixelRect {
        x: 0,
        y: 0,
        width: 1366,
        height: 740,
    };
    let plan = state
        .surroundings(Some((0, 28)), Some(panel))
        .expect("re-placed");
    let (console, audience) = side_by_side_rects(&plan, (0, 28));
    assert!(panel.contains(&console), "{console:?}");
    assert!(panel.contains(&audience), "{audience:?}");
    // The same again: nothing.
    assert_eq!(state.surroundings(Some((0, 28)), Some(panel)), None);
    // Full screen on a projector does not depend on them.
    present(&mut state, &[laptop(), projector()], Some(0));
    assert_eq!(state.surroundings(Some((0, 30)), None), None);
}

#[test]
fn a_cable_blip_faster_than_a_reading_is_put_right_once_it_settles() {
    // The monitors read the same before and after, but the window
    // manager moved the full-screen slides onto the laptop meanwhile.
    let mut state = ScreenState::default();
    present(&mut state, &[laptop(), projector()], Some(0));
    let t0 = Instant::now();
    state.audience_rect = Some(laptop().pixel_rect());
    assert_eq!(state.audit(t0), None, "settling");
    assert!(state.checking());
    let plan = state.audit(t0 + SETTLE).expect("put back");
    assert_eq!(
        plan.audience,
        AudienceOps::Show(vec![WindowOp::Windowed, WindowOp::FullscreenOn(1)])
    );
    assert_eq!(plan.console, Vec::new(), "the console was not moved");
    // Not again at once, however long it takes the window to move.
    assert_eq!(state.audit(t0 + SETTLE * 2), None);
    // Back where it belongs: all quiet.
    state.audience_rect = Some(projector().pixel_rect());
    assert_eq!(state.audit(t0 + SETTLE * 3), None);
    assert!(!state.checking());
}

#[test]
fn a_console_moved_onto_the_projector_by_the_window_manager_goes_back_to_the_laptop() {
    // Projector left of the laptop: a blip moves the laptop's
    // coordinates and the console ends up on the projector.
    let projector = monitor("HDMI-1", Some((0, 0)), (1920, 1080), 1.0);
    let laptop = monitor("eDP-1", Some((1920, 0)), (1366, 768), 1.0);
    let both = [projector.clone(), laptop.clone()];
    let mut state = ScreenState::default();
    present(&mut state, &both, Some(1));
    // The system now sees the console on the projector; the list is
    // the same, so nothing is planned, but the console is off its
    // monitor.
    assert_eq!(present(&mut state, &both, Some(0)), None);
    let t0 = Instant::now();
    assert_eq!(state.audit(t0), None);
    let plan = state.audit(t0 + SETTLE).expect("put back");
    assert_eq!(
        plan.console,
        vec![
            WindowOp::Maximize(false),
            WindowOp::MoveTo { x: 1960, y: 40 },
            WindowOp::Maximize(true),
        ]
    );
    assert_eq!(plan.audience, AudienceOps::Keep);
}

#[test]
fn after_a_swap_a_pulled_cable_and_the_replug_put_the_console_back_on_its_monitor() {
    let mut state = ScreenState::default();
    let both = [laptop(), projector()];
    present(&mut state, &both, Some(0));
    // S: the slides on the laptop, the console on the projector.
    state.swap().expect("swapped");
    let remembered = laptop().id();
    let read = |state: &mut ScreenState, monitors: &[Monitor], seen| {
        state.monitors_read(
            monitors.to_vec(),
            seen,
            ScreenMode::Present,
            Some(&remembered),
        )
    };
    assert_eq!(read(&mut state, &both, Some(1)), None);
    // The projector (the console's monitor) is pulled: the window
    // manager moves the console onto the laptop, under the slides.
    let plan = read(&mut state, &[laptop()], Some(0)).expect("out of the way");
    assert_eq!(plan.audience, AudienceOps::Hide);
    // Plugged in again: the slides on the laptop as chosen, and the
    // console, which the system sees on the laptop, moved back.
    let plan = read(&mut state, &both, Some(0)).expect("placed");
    assert_eq!(plan.audience, fullscreen_on(0));
    assert!(
        plan.console.contains(&WindowOp::MoveTo { x: 1406, y: 40 }),
        "{:?}",
        plan.console
    );
}

#[test]
fn a_projector_made_the_primary_display_leaves_the_console_on_the_laptop() {
    // The console opens on the primary display, the projector: the
    // laptop's panel (eDP) takes it and the slides go on the projector.
    let mut state = ScreenState::default();
    let plan = present(&mut state, &[laptop(), projector()], Some(1)).expect("placed");
    assert_eq!(plan.audience, fullscreen_on(1));
    assert!(plan.console.contains(&WindowOp::MoveTo { x: 40, y: 40 }));
    // Without a panel among them (a desktop with two screens), where
    // the console opened is where it stays.
    let a = monitor("DP-1", Some((0, 0)), (1920, 1080), 1.0);
    let b = monitor("HDMI-1", Some((1920, 0)), (1920, 1080), 1.0);
    let mut state = ScreenState::default();
    let plan = present(&mut state, &[a, b], Some(1)).expect("placed");
    assert_eq!(plan.audience, fullscreen_on(0));
    assert_eq!(laptop_panel(&[laptop(), projector()]), Some(0));
    assert_eq!(
        laptop_panel(&[monitor("Built-in Retina Display", None, (2880, 1800), 2.0)]),
        Some(0)
    );
}

#[test]
fn the_console_starts_on_the_primary_display_wherever_the_window_manager_put_it() {
    // Names that say nothing (a desktop, the test's dummy outputs): the
    // console opened on the projector at 0,0, the laptop is primary.
    let projector = monitor("DUMMY1", Some((0, 0)), (1920, 1080), 1.0);
    let laptop = monitor("DUMMY0", Some((1920, 0)), (1366, 768), 1.0);
    let mut state = ScreenState {
        primary: Some(1),
        ..ScreenState::default()
    };
    let plan = present(&mut state, &[projector, laptop], Some(0)).expect("placed");
    assert_eq!(plan.audience, fullscreen_on(0));
    assert!(plan.console.contains(&WindowOp::MoveTo { x: 1960, y: 40 }));
}

#[test]
fn duplicate_displays_are_one_screen_and_said_so() {
    // The projector shows the laptop's screen (both at 0,0).
    let copy = monitor("HDMI-1", Some((0, 0)), (1920, 1080), 1.0);
    let mut state = ScreenState::default();
    let plan = present(&mut state, &[laptop(), copy], Some(0)).expect("placed");
    assert!(state.duplicated());
    // Not "full screen on the other one", which would cover the
    // console: side by side on the one screen there really is.
    assert!(matches!(state.audience, AudienceAt::Beside), "{plan:?}");
    let mut state = ScreenState::default();
    present(&mut state, &[laptop(), projector()], Some(0));
    assert!(!state.duplicated());
}

#[test]
fn displays_switched_to_duplicate_mid_talk_put_the_slides_beside_the_console() {
    let mut state = ScreenState::default();
    present(&mut state, &[laptop(), projector()], Some(0));
    // The projector now shows the laptop's screen (both at 0,0).
    let copy = monitor("HDMI-1", Some((0, 0)), (1920, 1080), 1.0);
    let plan = present(&mut state, &[laptop(), copy.clone()], Some(0)).expect("re-placed");
    assert!(matches!(state.audience, AudienceAt::Beside), "{plan:?}");
    // Nothing to put back: beside the console is where it belongs.
    state.audience_rect = Some(laptop().pixel_rect());
    let t0 = Instant::now();
    assert_eq!(state.audit(t0), None);
    assert_eq!(state.audit(t0 + SETTLE), None);
    // Extended again: full screen on the projector.
    let plan = present(&mut state, &[laptop(), projector()], Some(0));
    assert_eq!(plan.map(|p| p.audience), Some(fullscreen_on(1)));
    // Pulled out, then plugged in as a copy: beside, not hidden.
    present(&mut state, &[laptop()], Some(0));
    assert!(state.disconnected().is_some());
    present(&mut state, &[laptop(), copy], Some(0)).expect("placed");
    assert!(matches!(state.audience, AudienceAt::Beside));
    assert!(state.disconnected().is_none());
}

#[test]
fn on_a_dock_the_chosen_screen_coming_back_takes_the_slides_back() {
    let small = monitor("DP-1", Some((1366, 0)), (1920, 1080), 1.0);
    let big = monitor("DP-2", Some((3286, 0)), (2560, 1440), 1.0);
    let three = [laptop(), small.clone(), big.clone()];
    let mut state = ScreenState::default();
    present(&mut state, &three, Some(0));
    let chosen = big.id();
    // The big screen blips: the slides go to the small one...
    let plan = state.monitors_read(
        vec![laptop(), small.clone()],
        Some(0),
        ScreenMode::Present,
        None,
    );
    assert_eq!(plan.map(|p| p.audience), Some(fullscreen_on(1)));
    // ...and back to the big one, the choice for three screens.
    let plan = state.monitors_read(three.to_vec(), Some(0), ScreenMode::Present, Some(&chosen));
    assert_eq!(plan.map(|p| p.audience), Some(fullscreen_on(2)));
}

#[test]
fn rectangles_intersect_and_contain() {
    let a = PixelRect {
        x: 0,
        y: 0,
        width: 100,
        height: 100,
    };
    let b = PixelRect {
        x: 100,
        y: 0,
        width: 50,
        height: 50,
    };
    assert_eq!(a.intersect(&b), None, "touching edges do not overlap");
    let c = PixelRect {
        x: -20,
        y: 50,
        width: 40,
        height: 100,
    };
    assert_eq!(
        a.intersect(&c),
        Some(PixelRect {
            x: 0,
            y: 50,
            width: 20,
            height: 50
        })
    );
    assert!(!a.contains(&c));
    assert!(a.contains(&a));
}
