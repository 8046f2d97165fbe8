//! Pointing and drawing: the laser pointer's styles, the spotlight, the
//! zoom and the ink, first as the slide view paints them (no window), then
//! on the console by label, as a presenter uses them with the mouse and
//! the keys.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    clippy::items_after_statements,
    clippy::missing_docs_in_private_items
)]

mod common;

use std::cell::RefCell;
use std::path::Path;
use std::time::Duration;

use chrono::NaiveTime;
use cuecard::app::{Clock, DeckSource, PresenterApp};
use cuecard::deck::{self, Deck};
use cuecard::show::pointing::{
    Ink, InkColor, InkKind, PointerStyle, Pointing, RoomMarks, SPOTLIGHT_RADIUS, Stroke, Tool,
};
use cuecard::ui::slide::{self, ImageView, Marks, SlideSource, SlideView, from_slide};
use egui::{Color32, Modifiers, Pos2, Rect, Shape, pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

const SCREEN: Rect = Rect::from_min_max(Pos2::ZERO, pos2(1920.0, 1080.0));

fn module5() -> Deck {
    deck::load(Path::new("decks/module5.ron")).unwrap().deck
}

/// Every shape `paint` paints on a 1920x1080 screen, flattened.
fn painted(paint: impl Fn(&egui::Painter)) -> Vec<Shape> {
    let ctx = egui::Context::default();
    cuecard::ui::fonts::install(&ctx);
    let input = || egui::RawInput {
        screen_rect: Some(SCREEN),
        ..Default::default()
    };
    let _ = ctx.run_ui(input(), |_| {});
    let output = ctx.run_ui(input(), |ui| {
        paint(&ui.ctx().layer_painter(egui::LayerId::background()));
    });
    let mut flat = Vec::new();
    fn walk(shape: Shape, out: &mut Vec<Shape>) {
        match shape {
            Shape::Vec(shapes) => shapes.into_iter().for_each(|s| walk(s, out)),
            other => out.push(other),
        }
    }
    for clipped in output.shapes {
        walk(clipped.shape, &mut flat);
    }
    flat
}

fn stroke(kind: InkKind, color: InkColor, points: &[[f32; 2]]) -> Stroke {
    Stroke {
        kind,
        color,
        points: points.to_vec(),
    }
}

/// The points of the painted lines of colour `color`.
fn lines_of(shapes: &[Shape], color: Color32) -> Vec<Vec<Pos2>> {
    shapes
        .iter()
        .filter_map(|shape| match shape {
            Shape::Path(path) if path.stroke.color == egui::epaint::ColorMode::Solid(color) => {
                Some(path.points.clone())
            }
            Shape::LineSegment { points, stroke } if stroke.color == color => Some(points.to_vec()),
            _ => None,
        })
        .collect()
}

#[test]
fn ink_is_painted_at_the_same_slide_place_at_any_window_size() {
    let deck = module5();
    let strokes = [stroke(
        InkKind::Pen,
        InkColor::Blue,
        &[[0.25, 0.5], [0.5, 0.6], [0.75, 0.5]],
    )];
    let marks = Marks {
        strokes: &strokes,
        ..Marks::default()
    };
    let blue = Color32::from_rgb(0x1C, 0x64, 0xD8);
    for outer in [
        SCREEN,
        Rect::from_min_size(pos2(100.0, 50.0), vec2(800.0, 600.0)),
    ] {
        let canvas = slide::canvas(outer);
        let shapes = painted(|painter| {
            SlideView::new(&deck, 2, &slide::NoImages)
                .marks(marks)
                .paint(painter, outer);
        });
        let lines = lines_of(&shapes, blue);
        assert_eq!(lines.len(), 1, "one blue stroke at {outer:?}");
        let expected: Vec<Pos2> = strokes[0]
            .points
            .iter()
            .map(|p| from_slide(canvas, pos2(p[0], p[1])))
            .collect();
        assert_eq!(lines[0], expected, "at {outer:?}");
    }
}

#[test]
fn a_highlighter_is_wide_and_see_through_and_a_pen_is_thin_and_opaque() {
    let deck = module5();
    let strokes = [
        stroke(InkKind::Pen, InkColor::Red, &[[0.1, 0.1], [0.9, 0.1]]),
        stroke(
            InkKind::Highlighter,
            InkColor::Yellow,
            &[[0.1, 0.5], [0.9, 0.5]],
        ),
    ];
    let shapes = painted(|painter| {
        SlideView::new(&deck, 2, &slide::NoImages)
            .marks(Marks {
                strokes: &strokes,
                ..Marks::default()
            })
            .paint(painter, SCREEN);
    });
    let widths: Vec<(f32, u8)> = shapes
        .iter()
        .filter_map(|shape| match shape {
            Shape::Path(path) if path.points.len() == 2 => match path.stroke.color {
                egui::epaint::ColorMode::Solid(c) => Some((path.stroke.width, c.a())),
                egui::epaint::ColorMode::UV(_) => None,
            },
            Shape::LineSegment { stroke, .. } => Some((stroke.width, stroke.color.a())),
            _ => None,
        })
        .collect();
    assert!(widths.len() >= 2, "{widths:?}");
    let pen = widths.iter().find(|(_, a)| *a == 255).unwrap();
    let marker = widths.iter().find(|(_, a)| *a < 200).unwrap();
    assert!(
        marker.0 > pen.0 * 3.0,
        "pen {pen:?}, highlighter {marker:?}"
    );
}

/// The title's text and its height, as painted.
fn title_height(shapes: &[Shape], title: &str) -> f32 {
    shapes
        .iter()
        .find_map(|shape| match shape {
            Shape::Text(text) if text.galley.text().starts_with(title) => {
                Some(text.galley.rect.height())
            }
            _ => None,
        })
        .unwrap_or_else(|| panic!("{title:?} is not painted"))
}

#[test]
fn a_zoomed_slide_lays_its_text_out_at_the_larger_size_and_keeps_to_its_screen() {
    let deck = module5();
    let index = 2;
    let title = deck.slides[index].title.clone();
    let plain = painted(|painter| {
        SlideView::new(&deck, index, &slide::NoImages).paint(painter, SCREEN);
    });
    let twice = [0.0, 0.0, 0.5, 0.5];
    let zoomed = painted(|painter| {
        SlideView::new(&deck, index, &slide::NoImages)
            .marks(Marks {
                room: RoomMarks {
                    zoom: Some(twice),
                    ..RoomMarks::default()
                },
                ..Marks::default()
            })
            .paint(painter, SCREEN);
    });
    let (small, large) = (title_height(&plain, &title), title_height(&zoomed, &title));
    // Laid out again at twice the size (sharp), not a scaled picture.
    assert!(
        (large / small - 2.0).abs() < 0.15,
        "title {small} then {large} points high"
    );
}

/// A PDF page source that notes the sizes asked for.
#[derive(Default)]
struct Pages {
    asked: RefCell<Vec<(f32, f32)>>,
}

impl SlideSource for Pages {
    fn image(&self, _path: &str) -> ImageView {
        ImageView::Loading
    }
    fn page(&self, _index: usize, place_px: (f32, f32)) -> ImageView {
        self.asked.borrow_mut().push(place_px);
        ImageView::Loading
    }
    fn page_aspect(&self, _index: usize) -> Option<f32> {
        Some(16.0 / 9.0)
    }
}

#[test]
fn a_zoomed_pdf_page_is_asked_for_at_the_zoomed_resolution() {
    let text = "(title: \"PDF\", pdf: \"slides.pdf\", slides: [(id: \"p1\", page: 1)])";
    let deck = deck::parse(text.as_bytes(), Path::new("t.ron"), None)
        .unwrap()
        .deck;
    let pages = Pages::default();
    for zoom in [None, Some([0.25, 0.25, 0.75, 0.75])] {
        let _ = painted(|painter| {
            SlideView::new(&deck, 0, &pages)
                .marks(Marks {
                    room: RoomMarks {
                        zoom,
                        ..RoomMarks::default()
                    },
                    ..Marks::default()
                })
                .paint(painter, SCREEN);
        });
    }
    let asked = pages.asked.borrow();
    let (first, last) = (asked.first().unwrap(), asked.last().unwrap());
    assert_eq!(*first, (1920.0, 1080.0));
    assert_eq!(*last, (3840.0, 2160.0), "twice the pixels, zoomed twice");
}

#[test]
fn the_spotlight_leaves_its_circle_clear_and_dims_the_rest_of_the_screen() {
    let deck = module5();
    let at = [0.5, 0.5];
    let shapes = painted(|painter| {
        SlideView::new(&deck, 2, &slide::NoImages)
            .marks(Marks {
                room: RoomMarks {
                    spotlight: Some((at, SPOTLIGHT_RADIUS)),
                    ..RoomMarks::default()
                },
                ..Marks::default()
            })
            .paint(painter, SCREEN);
    });
    let mesh = shapes
        .iter()
        .find_map(|shape| match shape {
            Shape::Mesh(mesh) => Some(mesh.clone()),
            _ => None,
        })
        .expect("the spotlight's mesh");
    let centre = from_slide(slide::canvas(SCREEN), pos2(at[0], at[1]));
    let radius = SPOTLIGHT_RADIUS * slide::canvas(SCREEN).height();
    for vertex in &mesh.vertices {
        let distance = vertex.pos.distance(centre);
        if distance < radius + 0.5 {
            assert_eq!(vertex.color.a(), 0, "clear inside");
        } else {
            assert!(vertex.color.a() > 150, "dim outside");
        }
    }
    // The dim reaches past every corner of the screen.
    let farthest = mesh
        .vertices
        .iter()
        .map(|v| v.pos.distance(centre))
        .fold(0.0, f32::max);
    assert!(farthest >= centre.distance(SCREEN.min));
}

#[test]
fn each_pointer_style_is_painted_where_the_pointer_is_with_a_contrasting_edge() {
    let deck = module5();
    let at = [0.3, 0.7];
    let centre = from_slide(slide::canvas(SCREEN), pos2(at[0], at[1]));
    for style in PointerStyle::ALL {
        let shapes = painted(|painter| {
            SlideView::new(&deck, 2, &slide::NoImages)
                .marks(Marks {
                    room: RoomMarks {
                        pointer: Some((at, style)),
                        ..RoomMarks::default()
                    },
                    ..Marks::default()
                })
                .paint(painter, SCREEN);
        });
        let circles: Vec<_> = shapes
            .iter()
            .filter_map(|shape| match shape {
                Shape::Circle(c) if c.center == centre => Some(*c),
                _ => None,
            })
            .collect();
        assert_eq!(circles.len(), 2, "{style:?}: an edge and the mark");
        let lightness = |c: Color32| u32::from(c.r()) + u32::from(c.g()) + u32::from(c.b());
        let colors: Vec<Color32> = circles
            .iter()
            .map(|c| {
                if c.fill == Color32::TRANSPARENT {
                    c.stroke.color
                } else {
                    c.fill
                }
            })
            .collect();
        let (a, b) = (lightness(colors[0]), lightness(colors[1]));
        assert!(a.abs_diff(b) > 100, "{style:?}: {colors:?} do not contrast");
    }
}

// The app, by label.

type FakeTime = std::sync::Arc<std::sync::Mutex<Duration>>;

struct App {
    harness: Harness<'static, PresenterApp>,
    time: FakeTime,
    clock: Clock,
}

const ARROW_PREVIEW: &str =
    "What the audience sees; click or scroll down for the next slide, right-click to go back";

impl App {
    fn module5() -> Self {
        let path = Path::new("decks/module5.ron");
        let (clock, time) = Clock::fake(NaiveTime::from_hms_opt(9, 0, 0).unwrap());
        let app = PresenterApp::new(deck::load(path), clock.clone())
            .with_source(DeckSource::File(path.to_path_buf()));
        let mut harness = Harness::builder()
            .with_size(vec2(1366.0, 900.0))
            .build_eframe(move |_cc| app);
        // The audience view is embedded over the console here: close it
        // (the room's frame is still published).
        harness
            .state()
            .sender()
            .send(cuecard::show::ShellCommand::AudienceClosed);
        harness.run_steps(2);
        Self {
            harness,
            time,
            clock,
        }
    }

    /// A second later on the app's clock (presses closer together count
    /// as one, as a clicker's double fire).
    fn later(&mut self) {
        *self.time.lock().unwrap() += Duration::from_secs(1);
    }

    fn key(&mut self, key: egui::Key) {
        self.later();
        self.harness.key_press(key);
        self.harness.run_steps(2);
    }

    fn key_with(&mut self, modifiers: Modifiers, key: egui::Key) {
        self.later();
        self.harness.key_press_modifiers(modifiers, key);
        self.harness.run_steps(2);
    }

    fn click(&mut self, label: &str) {
        self.harness.get_by_label(label).click();
        self.harness.run_steps(2);
    }

    fn tool(&self) -> Tool {
        self.harness.state().audience_frame().pointing.tool
    }

    fn pointing(&self) -> Pointing {
        self.harness.state().audience_frame().pointing.clone()
    }

    fn ink(&self) -> Ink {
        self.harness.state().audience_frame().ink.clone()
    }

    fn preview(&self, tool: Tool) -> Rect {
        let label = match tool {
            Tool::Advance => ARROW_PREVIEW,
            Tool::Pointer => "What the audience sees; the laser pointer follows the mouse here",
            Tool::Spotlight => "What the audience sees; the spotlight follows the mouse here",
            Tool::Zoom => "What the audience sees; drag a box to magnify it",
            Tool::Pen => "What the audience sees; draw here with the pen",
            Tool::Highlighter => "What the audience sees; draw here with the highlighter",
            Tool::Eraser => "What the audience sees; touch a stroke to erase it",
        };
        self.harness.get_by_label(label).rect()
    }

    /// A place on the preview, by slide coordinates (the preview's canvas
    /// is 16:9 and fills it for Module 5).
    fn on_preview(&self, tool: Tool, x: f32, y: f32) -> Pos2 {
        from_slide(slide::canvas(self.preview(tool)), pos2(x, y))
    }

    /// Drags the mouse over the preview through `points` (slide places).
    fn drag(&mut self, tool: Tool, points: &[[f32; 2]]) {
        let at: Vec<Pos2> = points
            .iter()
            .map(|p| self.on_preview(tool, p[0], p[1]))
            .collect();
        let (first, last) = (at[0], *at.last().unwrap());
        self.harness.hover_at(first);
        self.harness.run_steps(1);
        self.harness.drag_at(first);
        self.harness.run_steps(1);
        for p in &at[1..] {
            self.harness.hover_at(*p);
            self.harness.run_steps(1);
        }
        self.harness.drop_at(last);
        self.harness.run_steps(2);
    }
}

fn near(a: [f32; 2], b: [f32; 2]) -> bool {
    (a[0] - b[0]).abs() < 0.02 && (a[1] - b[1]).abs() < 0.02
}

#[test]
fn every_tool_is_on_the_toolbar_by_name_and_esc_puts_it_away() {
    let mut app = App::module5();
    for tool in Tool::ALL.into_iter().skip(1) {
        app.click(tool.name());
        assert_eq!(app.tool(), tool);
        // The preview says what a press on it does now.
        let _ = app.preview(tool);
        app.key(egui::Key::Escape);
        assert_eq!(app.tool(), Tool::Advance, "Esc after {tool:?}");
        let _ = app.preview(Tool::Advance);
    }
    // And by their keys, each pressed again to put it away.
    let keys = [
        (Modifiers::NONE, egui::Key::L, Tool::Pointer),
        (Modifiers::NONE, egui::Key::H, Tool::Spotlight),
        (Modifiers::SHIFT, egui::Key::M, Tool::Zoom),
        (Modifiers::COMMAND, egui::Key::P, Tool::Pen),
        (Modifiers::COMMAND, egui::Key::I, Tool::Highlighter),
        (Modifiers::COMMAND, egui::Key::E, Tool::Eraser),
    ];
    for (modifiers, key, tool) in keys {
        app.key_with(modifiers, key);
        assert_eq!(app.tool(), tool, "{modifiers:?}+{key:?}");
        app.key_with(modifiers, key);
        assert_eq!(app.tool(), Tool::Advance, "{modifiers:?}+{key:?} again");
    }
    app.key_with(Modifiers::COMMAND, egui::Key::P);
    app.key_with(Modifiers::COMMAND, egui::Key::A);
    assert_eq!(app.tool(), Tool::Advance, "Ctrl+A: back to the arrow");
}

#[test]
fn the_pointer_styles_go_round_and_the_room_sees_the_chosen_one() {
    let mut app = App::module5();
    app.click("Laser pointer");
    app.click("Pointer style: Red dot");
    assert_eq!(app.pointing().style, PointerStyle::GreenDot);
    app.key_with(Modifiers::SHIFT, egui::Key::L);
    assert_eq!(app.pointing().style, PointerStyle::Ring);
    let at = app.on_preview(Tool::Pointer, 0.4, 0.6);
    app.harness.hover_at(at);
    app.harness.run_steps(2);
    let pointing = app.pointing();
    let now = app.clock.now();
    let (place, style) = pointing.room(0, now).pointer.expect("the room sees it");
    assert!(near(place, [0.4, 0.6]), "{place:?}");
    assert_eq!(style, PointerStyle::Ring);
}

#[test]
fn holding_ctrl_over_the_preview_shows_the_pointer_while_it_is_held() {
    let mut app = App::module5();
    let at = app.on_preview(Tool::Advance, 0.5, 0.5);
    // Ctrl with the mouse at rest (a Ctrl shortcut): nothing for the room.
    app.harness.hover_at(at);
    app.harness.run_steps(1);
    app.harness
        .event(egui::Event::ModifiersChanged(Modifiers::COMMAND));
    app.harness.run_steps(2);
    let now = app.clock.now();
    assert_eq!(
        app.pointing().room(0, now).pointer,
        None,
        "a shortcut flashes nothing"
    );
    // Ctrl held and the mouse moved: the pointer shows.
    app.harness.hover_at(at + vec2(6.0, 0.0));
    app.harness.run_steps(2);
    assert!(app.pointing().room(0, now).pointer.is_some(), "held: shown");
    assert_eq!(app.tool(), Tool::Advance, "no tool was picked");
    app.harness
        .event(egui::Event::ModifiersChanged(Modifiers::NONE));
    app.harness.run_steps(2);
    assert_eq!(app.pointing().room(0, now).pointer, None, "let go: gone");
}

#[test]
fn the_spotlight_follows_the_mouse_and_plus_minus_and_the_buttons_size_it() {
    let mut app = App::module5();
    app.key(egui::Key::H);
    assert_eq!(app.tool(), Tool::Spotlight);
    let at = app.on_preview(Tool::Spotlight, 0.7, 0.3);
    app.harness.hover_at(at);
    app.harness.run_steps(2);
    let now = app.clock.now();
    let (centre, radius) = app.pointing().room(0, now).spotlight.expect("on");
    assert!(near(centre, [0.7, 0.3]), "{centre:?}");
    assert_eq!(radius, SPOTLIGHT_RADIUS);
    let notes_zoom = app.harness.state().console().notes_zoom;
    app.later();
    app.harness.event(egui::Event::Text("+".to_owned()));
    app.harness.run_steps(2);
    assert!(app.pointing().spotlight > radius, "+ grows the spotlight");
    assert_eq!(
        app.harness.state().console().notes_zoom,
        notes_zoom,
        "not the notes while the spotlight is on"
    );
    app.click("Smaller spotlight");
    app.click("Smaller spotlight");
    assert!(app.pointing().spotlight < radius);
}

#[test]
fn a_dragged_box_magnifies_it_for_the_room_and_esc_shows_the_whole_slide() {
    let mut app = App::module5();
    app.click("Zoom");
    app.drag(Tool::Zoom, &[[0.5, 0.5], [0.6, 0.6], [0.75, 0.75]]);
    let zoom = app.pointing().zoom.expect("zoomed");
    assert_eq!(zoom.slide, 0);
    assert!(
        (zoom.factor - 4.0).abs() < 0.1,
        "a quarter of the slide: {zoom:?}"
    );
    assert!(near(zoom.center, [0.625, 0.625]), "{zoom:?}");
    assert!(app.harness.query_by_label("Show the whole slide").is_some());
    app.key(egui::Key::Escape);
    assert_eq!(app.pointing().zoom, None, "Esc leaves the zoom first");
    assert_eq!(app.tool(), Tool::Zoom);
    app.key(egui::Key::Escape);
    assert_eq!(app.tool(), Tool::Advance);
    // M magnifies twice around the middle (the mouse is off the
    // preview), M again leaves.
    app.harness.hover_at(pos2(1.0, 1.0));
    app.harness.run_steps(2);
    app.key(egui::Key::M);
    let zoom = app.pointing().zoom.expect("M zooms");
    assert_eq!((zoom.factor, zoom.center), (2.0, [0.5, 0.5]));
    app.key(egui::Key::M);
    assert_eq!(app.pointing().zoom, None);
    // With the mouse resting over the preview, around the mouse.
    let there = app.on_preview(Tool::Advance, 0.7, 0.3);
    app.harness.hover_at(there);
    app.harness.run_steps(2);
    app.key(egui::Key::M);
    let zoom = app.pointing().zoom.expect("M zooms");
    assert!(near(zoom.center, [0.7, 0.3]), "around the mouse: {zoom:?}");
    app.key(egui::Key::ArrowRight);
    assert_eq!(app.pointing().zoom, None, "the next slide is shown whole");
    app.key(egui::Key::ArrowLeft);
    assert_eq!(
        app.pointing().zoom,
        None,
        "back on the slide, it is whole: a zoom never comes back by surprise"
    );
    // Zoomed, a black screen and back: whole.
    app.key(egui::Key::M);
    app.key(egui::Key::B);
    app.key(egui::Key::B);
    assert_eq!(app.pointing().zoom, None);
}

#[test]
fn pen_strokes_stay_with_their_slide_and_undo_clear_and_the_eraser_work() {
    let deck_file = std::fs::read("decks/module5.ron").unwrap();
    let mut app = App::module5();
    app.click("Pen");
    app.click("Ink colour blue");
    app.drag(
        Tool::Pen,
        &[[0.2, 0.5], [0.4, 0.55], [0.6, 0.5], [0.8, 0.55]],
    );
    let ink = app.ink();
    let strokes = ink.strokes(0);
    assert_eq!(strokes.len(), 1);
    let first = &strokes[0];
    assert_eq!((first.kind, first.color), (InkKind::Pen, InkColor::Blue));
    assert!(near(first.points[0], [0.2, 0.5]), "{:?}", first.points);
    assert!(near(*first.points.last().unwrap(), [0.8, 0.55]));
    // Away and back: the drawing is still there; other slides are clean.
    app.key(egui::Key::ArrowRight);
    assert!(app.ink().strokes(1).is_empty());
    app.key(egui::Key::ArrowLeft);
    assert_eq!(
        app.ink().strokes(0).len(),
        1,
        "back on the slide, still there"
    );
    // Undo, clear and undo the clear.
    app.drag(Tool::Pen, &[[0.2, 0.8], [0.8, 0.8]]);
    assert_eq!(app.ink().strokes(0).len(), 2);
    app.click("Undo ink");
    assert_eq!(app.ink().strokes(0).len(), 1);
    app.click("Clear this slide's ink");
    assert!(app.ink().strokes(0).is_empty());
    app.key(egui::Key::U);
    assert_eq!(
        app.ink().strokes(0).len(),
        1,
        "U brings the cleared ink back"
    );
    // The eraser takes the stroke it touches.
    app.click("Eraser");
    let on_line = app.on_preview(Tool::Eraser, 0.4, 0.55);
    app.harness
        .get_by_label("What the audience sees; touch a stroke to erase it");
    app.harness.hover_at(on_line);
    app.harness.run_steps(1);
    app.harness.drag_at(on_line);
    app.harness.run_steps(1);
    app.harness.drop_at(on_line);
    app.harness.run_steps(2);
    assert!(app.ink().strokes(0).is_empty(), "erased");
    app.key_with(Modifiers::COMMAND, egui::Key::Z);
    assert_eq!(
        app.ink().strokes(0).len(),
        1,
        "Ctrl+Z with the eraser: back"
    );
    // Clicks on the preview drew and erased: the slide did not move.
    assert_eq!(app.harness.state().presentation().current(), 0);
    // E clears; the deck file is never touched.
    app.key(egui::Key::E);
    assert!(!app.ink().has_ink(0));
    assert_eq!(
        std::fs::read("decks/module5.ron").unwrap(),
        deck_file,
        "the deck file is never touched"
    );
}

#[test]
fn the_highlighter_keeps_its_own_colour_and_c_changes_it() {
    let mut app = App::module5();
    app.click("Highlighter");
    app.drag(Tool::Highlighter, &[[0.3, 0.3], [0.6, 0.3]]);
    app.key(egui::Key::C);
    app.drag(Tool::Highlighter, &[[0.3, 0.4], [0.6, 0.4]]);
    let ink = app.ink();
    let kinds: Vec<(InkKind, InkColor)> =
        ink.strokes(0).iter().map(|s| (s.kind, s.color)).collect();
    assert_eq!(
        kinds,
        vec![
            (InkKind::Highlighter, InkColor::Yellow),
            (InkKind::Highlighter, InkColor::White),
        ]
    );
    assert_eq!(app.pointing().pen, InkColor::Red, "the pen kept its colour");
}

#[test]
fn nothing_is_drawn_on_a_black_screen() {
    let mut app = App::module5();
    app.click("Pen");
    app.key(egui::Key::B);
    let preview = app.preview(Tool::Pen);
    let (from, to) = (preview.center(), preview.center() + vec2(60.0, 20.0));
    app.harness.hover_at(from);
    app.harness.run_steps(1);
    app.harness.drag_at(from);
    app.harness.run_steps(1);
    app.harness.hover_at(to);
    app.harness.run_steps(1);
    app.harness.drop_at(to);
    app.harness.run_steps(2);
    assert!(app.ink().slides_with_ink().is_empty());
}

/// The red pixels of a rendered page: where they are, as fractions of the
/// page.
fn red_at(page: &image::RgbImage) -> Vec<(f32, f32)> {
    let (w, h) = page.dimensions();
    page.enumerate_pixels()
        .filter(|(_, _, p)| p[0] > 170 && p[1] < 90 && p[2] < 90)
        .map(|(x, y, _)| (x as f32 / w as f32, y as f32 / h as f32))
        .collect()
}

#[test]
fn the_guide_prints_the_ink_over_its_slide_when_asked_and_only_then() {
    let text = "(title: \"Ink\", slides: [(id: \"a\", title: \"Case study\", content: [Bullets([\"A priest refers her to a service provider\"])])])";
    let loaded = deck::parse(text.as_bytes(), Path::new("ink.ron"), None).unwrap();
    let mut ink = Ink::new();
    ink.begin(0, InkKind::Pen, InkColor::Red, [0.2, 0.7]);
    ink.extend([0.8, 0.7]);
    ink.end();
    let options = cuecard::export::GuideOptions::default();
    let plain = cuecard::export::guide_pdf(&loaded, options).unwrap();
    let inked = cuecard::export::guide_pdf_with_ink(&loaded, options, &ink).unwrap();
    assert_eq!(plain.1, inked.1, "the ink adds no pages");
    let mut found = Vec::new();
    for page in 1..=u32::try_from(plain.1).unwrap() {
        let without = common::pdf_read::render(&plain.0, page, "ink-plain");
        assert!(
            red_at(&without).is_empty(),
            "page {page} is red without ink"
        );
        found.extend(red_at(&common::pdf_read::render(
            &inked.0,
            page,
            "ink-inked",
        )));
    }
    assert!(
        found.len() > 20,
        "the stroke is printed ({} red pixels)",
        found.len()
    );
    // One straight line: all its red on one height, across the slide.
    let (top, bottom) = found
        .iter()
        .fold((1.0_f32, 0.0_f32), |(t, b), (_, y)| (t.min(*y), b.max(*y)));
    assert!(
        bottom - top < 0.01,
        "a straight stroke, not {top}..{bottom}"
    );
    let (left, right) = found
        .iter()
        .fold((1.0_f32, 0.0_f32), |(l, r), (x, _)| (l.min(*x), r.max(*x)));
    assert!(
        right - left > 0.2,
        "it runs across the slide: {left}..{right}"
    );
}

#[test]
fn the_deck_menu_offers_the_ink_to_the_guide_only_once_there_is_ink() {
    let mut app = App::module5();
    let offer = "Print this session's ink in the guide (slide 1)";
    app.harness.get_by_label("Deck…").click_accesskit();
    app.harness.run_steps(2);
    assert!(
        app.harness.query_by_label(offer).is_none(),
        "no ink, no offer"
    );
    app.harness.key_press(egui::Key::Escape);
    app.harness.run_steps(2);
    app.click("Pen");
    app.drag(Tool::Pen, &[[0.2, 0.8], [0.6, 0.8]]);
    app.harness.get_by_label("Deck…").click_accesskit();
    app.harness.run_steps(2);
    assert!(!app.harness.state().console().print_ink, "off until ticked");
    app.harness.get_by_label(offer).click_accesskit();
    app.harness.run_steps(2);
    assert!(app.harness.state().console().print_ink);
}
