//! Partial repaint of the presenter console: when only the talk timer's
//! digits changed, only they are drawn again.
//!
//! eframe's glow painter clears and draws the whole window on every
//! repaint. With the timer running that is once a second, and on a
//! software renderer (Mesa's llvmpipe, a laptop without a working GPU
//! driver) nearly all of its cost is shading the text, previews and buttons
//! that did not change (docs/PERFORMANCE.md, issue 22).
//!
//! This egui [`Plugin`] keeps the console's last frame in an offscreen
//! framebuffer and compares each new frame's shapes with the last one's.
//! When the change is small, the frame it hands eframe is:
//!
//! 1. a paint callback that copies the kept frame onto the window and
//!    clears the changed region to the console's background,
//! 2. only the shapes that touch the changed region, clipped to it,
//! 3. a paint callback that copies the changed region back into the kept
//!    frame.
//!
//! Every full frame ends with the third step over the whole window, so the
//! kept frame is always exactly what the window last showed. Anything the
//! comparison cannot vouch for is drawn whole: the first frame, a texture
//! upload (a new glyph, a slide picture), a new window size or scale, a
//! frame that was never painted (a hidden window, a discarded pass), a
//! paint callback of someone else's, a change over most of the window, and
//! an OpenGL without framebuffer blits (before 3.0). Only the console (the
//! root viewport) takes part; the audience view is always drawn whole.
//!
//! `CUECARD_FULL_REPAINT=1` turns it off; `CUECARD_REPAINT_LOG=1` prints
//! one line per console frame saying which way it was drawn and why.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use eframe::egui_glow;
use egui::epaint::{ClippedShape, PaintCallback};
use egui::{Color32, Context, FullOutput, Plugin, RawInput, Rect, Shape, ViewportId};

use super::lock;

/// Anti-aliasing feathers shapes by one physical pixel beyond their
/// geometry; two pixels of margin keep every touched pixel inside.
const FEATHER_PX: f32 = 2.0;

/// A change over more than this share of the window is drawn whole: the
/// two copies would cost more than they save.
const MOST_OF_THE_WINDOW: f32 = 0.6;

/// How far past its visual bounds a shape's strokes can reach, in points.
///
/// egui's visual bounds give a line half its width on either side of its
/// points, but the tessellator's joins reach further: a miter up to 1.41
/// half-widths, and a line that turns straight back (a highlighter stroke
/// drawn there and back) up to two half-widths, a whole width.
fn join_overreach(shape: &Shape) -> f32 {
    match shape {
        Shape::Path(path) => path.stroke.width * 0.5,
        Shape::QuadraticBezier(curve) => curve.stroke.width * 0.5,
        Shape::CubicBezier(curve) => curve.stroke.width * 0.5,
        Shape::Vec(shapes) => shapes.iter().map(join_overreach).fold(0.0, f32::max),
        _ => 0.0,
    }
}

/// Where a shape can put pixels, in points: its visual bounds, moved by
/// its after-tessellation transform, with its joins' reach and the
/// anti-aliasing margin, inside its clip rectangle. `None` when it draws
/// nothing.
fn footprint(shape: &ClippedShape, pixels_per_point: f32) -> Option<Rect> {
    let transform = shape.transform_after_tessellation;
    let margin =
        (FEATHER_PX / pixels_per_point + join_overreach(&shape.shape)) * transform.scaling.max(1.0);
    let bounds = transform
        .mul_rect(shape.shape.visual_bounding_rect())
        .expand(margin)
        .intersect(shape.clip_rect);
    (bounds.is_positive() && bounds.is_finite()).then_some(bounds)
}

/// `rect` grown outwards to whole physical pixels, so that the scissor
/// rectangles cut between pixels, never through one.
fn snap_to_pixels(rect: Rect, pixels_per_point: f32) -> Rect {
    let p = pixels_per_point;
    Rect::from_min_max(
        egui::pos2((rect.min.x * p).floor() / p, (rect.min.y * p).floor() / p),
        egui::pos2((rect.max.x * p).ceil() / p, (rect.max.y * p).ceil() / p),
    )
}

/// The region, in points, whose pixels can differ between a frame drawn
/// from `old` and one drawn from `new`; `None` when they are the same.
///
/// The shapes the two lists share at the start and at the end are drawn
/// alike in both frames. Every pixel outside the footprints of the shapes
/// in between is covered by the same shapes in the same order, so it comes
/// out the same.
pub fn changed_region(
    old: &[ClippedShape],
    new: &[ClippedShape],
    pixels_per_point: f32,
) -> Option<Rect> {
    let common_start = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let rest_old = old.get(common_start..).unwrap_or_default();
    let rest_new = new.get(common_start..).unwrap_or_default();
    let common_end = rest_old
        .iter()
        .rev()
        .zip(rest_new.iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let changed_old = rest_old
        .get(..rest_old.len() - common_end)
        .unwrap_or_default();
    let changed_new = rest_new
        .get(..rest_new.len() - common_end)
        .unwrap_or_default();
    if changed_old.is_empty() && changed_new.is_empty() {
        return None;
    }
    let region = changed_old
        .iter()
        .chain(changed_new)
        .filter_map(|shape| footprint(shape, pixels_per_point))
        .fold(Rect::NOTHING, Rect::union);
    // Shapes that changed but draw nothing (in either frame) change no pixel.
    region
        .is_positive()
        .then(|| snap_to_pixels(region, pixels_per_point))
}

/// The shapes of `shapes` that can put a pixel inside `region`, clipped to
/// it, in their order.
pub fn clip_to_region(
    shapes: &[ClippedShape],
    region: Rect,
    pixels_per_point: f32,
) -> Vec<ClippedShape> {
    shapes
        .iter()
        .filter(|shape| footprint(shape, pixels_per_point).is_some_and(|f| f.intersects(region)))
        .map(|shape| ClippedShape {
            clip_rect: shape.clip_rect.intersect(region),
            ..shape.clone()
        })
        .collect()
}

/// Whether `delta` can change pixels already drawn. New glyphs written
/// into the font atlas's free space cannot: drawn glyphs keep their texels
/// (a font atlas that is rebuilt comes whole, without a position). Any
/// other upload, and any freed texture, can.
fn invalidates(delta: &egui::TexturesDelta) -> bool {
    !delta.free.is_empty()
        || delta.set.iter().any(|(id, deltas)| {
            *id != egui::TextureId::default() || deltas.iter().any(|d| d.pos.is_none())
        })
}

/// Whether any shape is a paint callback: what it draws is not in the shape.
fn has_callback(shapes: &[ClippedShape]) -> bool {
    fn is_callback(shape: &Shape) -> bool {
        match shape {
            Shape::Callback(_) => true,
            Shape::Vec(shapes) => shapes.iter().any(is_callback),
            _ => false,
        }
    }
    shapes.iter().any(|shape| is_callback(&shape.shape))
}

/// How one console frame is drawn.
#[derive(Clone, Debug, PartialEq)]
pub enum Plan {
    /// The whole window, and why.
    Full(&'static str),
    /// Only this region (points) over the kept frame.
    Region(Rect),
    /// Nothing changed: the kept frame as it is.
    Unchanged,
}

/// The console's last frame, as the plugin handed it on.
struct LastFrame {
    token: u64,
    shapes: Vec<ClippedShape>,
    pixels_per_point: f32,
    size_px: [u32; 2],
}

/// Shared between the plugin and its paint callbacks (which run later, in
/// the painter).
#[derive(Default)]
struct Kept {
    /// The offscreen copy of the console's last painted frame.
    target: Option<KeptTarget>,
    /// Which frame the copy holds (`None`: none, or a spoiled one).
    saved: Option<u64>,
    /// Why partial repaint is off for good in this run (a driver that
    /// cannot do it).
    unusable: Option<String>,
}

/// The partial-repaint plugin (see the module's documentation).
pub struct PartialRepaint {
    kept: Arc<Mutex<Kept>>,
    /// The viewports whose passes are running (passes of immediate
    /// viewports nest).
    passes: Vec<ViewportId>,
    last: Option<LastFrame>,
    /// A texture changed since the console's last frame.
    textures_changed: bool,
    next_token: u64,
    log: bool,
    /// How the console's last frame was drawn (for the log and the tests).
    last_plan: Option<Plan>,
}

impl PartialRepaint {
    /// A plugin that repaints the console (the root viewport) by regions.
    /// `log` prints one line per console frame.
    pub fn new(log: bool) -> Self {
        Self {
            kept: Arc::default(),
            passes: Vec::new(),
            last: None,
            textures_changed: false,
            next_token: 0,
            log,
            last_plan: None,
        }
    }

    /// Whether the environment asks for it (`CUECARD_FULL_REPAINT` unset
    /// or `0`), and whether to log (`CUECARD_REPAINT_LOG=1`).
    pub fn from_env() -> Option<Self> {
        let set = |name: &str| std::env::var(name).is_ok_and(|v| !v.is_empty() && v != "0");
        (!set("CUECARD_FULL_REPAINT")).then(|| Self::new(set("CUECARD_REPAINT_LOG")))
    }

    /// Decides how the frame of `shapes` is drawn, and remembers it as the
    /// last frame under `token`.
    fn plan(
        &mut self,
        token: u64,
        shapes: &[ClippedShape],
        textures_invalidated: bool,
        pixels_per_point: f32,
        size_px: [u32; 2],
    ) -> (Plan, Option<u64>) {
        let kept = lock(&self.kept);
        let previous = self.last.replace(LastFrame {
            token,
            shapes: shapes.to_vec(),
            pixels_per_point,
            size_px,
        });
        let textures_changed = std::mem::take(&mut self.textures_changed) || textures_invalidated;
        let plan = match &previous {
            _ if kept.unusable.is_some() => Plan::Full("this OpenGL cannot copy frames"),
            None => Plan::Full("first frame"),
            Some(_) if textures_changed => Plan::Full("a texture changed"),
            Some(last) if kept.saved != Some(last.token) => {
                Plan::Full("the last frame was not painted")
            }
            Some(last) if last.size_px != size_px || last.pixels_per_point != pixels_per_point => {
                Plan::Full("the window's size or scale changed")
            }
            Some(_) if has_callback(shapes) => Plan::Full("a paint callback"),
            Some(last) => match changed_region(&last.shapes, shapes, pixels_per_point) {
                None => Plan::Unchanged,
                Some(region) => {
                    let window = size_px[0] as f32 * size_px[1] as f32;
                    let changed = region.area() * pixels_per_point * pixels_per_point;
                    if changed > MOST_OF_THE_WINDOW * window {
                        Plan::Full("most of the window changed")
                    } else {
                        Plan::Region(region)
                    }
                }
            },
        };
        (plan, previous.map(|last| last.token))
    }
}

impl Plugin for PartialRepaint {
    fn debug_name(&self) -> &'static str {
        "cuecard partial repaint"
    }

    fn input_hook(&mut self, _ctx: &Context, input: &mut RawInput) {
        self.passes.push(input.viewport_id);
    }

    fn output_hook(&mut self, ctx: &Context, output: &mut FullOutput) {
        let viewport = self.passes.pop().unwrap_or(ViewportId::ROOT);
        if viewport != ViewportId::ROOT {
            // Textures are shared: one the audience view's pass uploaded
            // may be drawn on the console too.
            self.textures_changed |= invalidates(&output.textures_delta);
            return;
        }
        let pixels_per_point = output.pixels_per_point;
        let size = ctx.input(|i| i.viewport_rect().size()) * pixels_per_point;
        let size_px = [size.x.round() as u32, size.y.round() as u32];
        let token = self.next_token;
        self.next_token += 1;
        let (plan, previous) = self.plan(
            token,
            &output.shapes,
            invalidates(&output.textures_delta),
            pixels_per_point,
            size_px,
        );
        if self.log {
            let textures: Vec<String> = output
                .textures_delta
                .set
                .iter()
                .flat_map(|(id, deltas)| {
                    deltas
                        .iter()
                        .map(move |d| format!("{id:?} {:?} at {:?}", d.image.size(), d.pos))
                })
                .chain(
                    output
                        .textures_delta
                        .free
                        .iter()
                        .map(|id| format!("{id:?} freed")),
                )
                .collect();
            eprintln!(
                "cuecard repaint: {} {textures:?}",
                describe(&plan, pixels_per_point)
            );
        }
        self.last_plan = Some(plan.clone());
        let window = Rect::from_min_size(egui::Pos2::ZERO, size / pixels_per_point);
        let background = ctx.global_style().visuals.panel_fill;
        let frame = Frame {
            kept: Arc::clone(&self.kept),
            ctx: ctx.clone(),
            ok: Arc::new(AtomicBool::new(true)),
        };
        let shapes = std::mem::take(&mut output.shapes);
        output.shapes = match (&plan, previous) {
            (Plan::Region(region), Some(previous)) => {
                let mut drawn = vec![frame.restore(window, previous, Some(*region), background)];
                drawn.extend(clip_to_region(&shapes, *region, pixels_per_point));
                drawn.push(frame.save(window, token, Some(*region)));
                drawn
            }
            (Plan::Unchanged, Some(previous)) => vec![
                frame.restore(window, previous, None, background),
                frame.save(window, token, Some(Rect::NOTHING)),
            ],
            _ => {
                let mut drawn = shapes;
                drawn.push(frame.save(window, token, None));
                drawn
            }
        };
    }
}

fn describe(plan: &Plan, pixels_per_point: f32) -> String {
    match plan {
        Plan::Full(why) => format!("whole window ({why})"),
        Plan::Unchanged => "unchanged (the kept frame)".to_owned(),
        Plan::Region(region) => {
            let size = region.size() * pixels_per_point;
            format!(
                "region {:.0}x{:.0} px at {:.0},{:.0}",
                size.x,
                size.y,
                region.min.x * pixels_per_point,
                region.min.y * pixels_per_point
            )
        }
    }
}

/// The paint callbacks of one frame. `ok` turns false when the restore
/// could not put the kept frame back, so that the save keeps nothing of a
/// frame that is not whole.
struct Frame {
    kept: Arc<Mutex<Kept>>,
    ctx: Context,
    ok: Arc<AtomicBool>,
}

impl Frame {
    /// Copies the kept frame `previous` onto the window, then clears
    /// `region` (points; `None`: nothing) to `background`.
    fn restore(
        &self,
        window: Rect,
        previous: u64,
        region: Option<Rect>,
        background: Color32,
    ) -> ClippedShape {
        let kept = Arc::clone(&self.kept);
        let ctx = self.ctx.clone();
        let ok = Arc::clone(&self.ok);
        let callback = egui_glow::CallbackFn::new(move |info, painter| {
            let mut kept = lock(&kept);
            let restored = kept.saved == Some(previous)
                && kept.target.as_ref().is_some_and(|target| {
                    target.size == info.screen_size_px
                        && target.restore(
                            painter,
                            region.map(|r| gl::pixel_rect(r, &info)),
                            background,
                        )
                });
            if !restored {
                // Cannot happen while the plan's checks hold; if it does,
                // this frame shows only the changed region, and the next
                // one is drawn whole.
                ok.store(false, Ordering::Relaxed);
                kept.saved = None;
                ctx.request_repaint_of(ViewportId::ROOT);
            }
        });
        ClippedShape::new(
            window,
            Shape::Callback(PaintCallback {
                rect: window,
                callback: Arc::new(callback),
            }),
        )
    }

    /// Copies `region` (points; `None`: the whole window) of the painted
    /// frame into the kept frame, which then holds frame `token`.
    fn save(&self, window: Rect, token: u64, region: Option<Rect>) -> ClippedShape {
        let kept = Arc::clone(&self.kept);
        let ok = Arc::clone(&self.ok);
        let callback = egui_glow::CallbackFn::new(move |info, painter| {
            let mut kept = lock(&kept);
            kept.saved = None;
            if !ok.load(Ordering::Relaxed) || kept.unusable.is_some() {
                return;
            }
            if let Err(why) = gl::ensure_target(&mut kept.target, painter, info.screen_size_px) {
                eprintln!("cuecard: the console repaints whole from now on: {why}");
                kept.unusable = Some(why);
                return;
            }
            let Some(target) = kept.target.as_ref() else {
                return;
            };
            let pixels = match region {
                Some(region) if region.is_positive() => Some(gl::pixel_rect(region, &info)),
                Some(_) => {
                    kept.saved = Some(token);
                    return;
                }
                None => None,
            };
            match target.save(painter, pixels) {
                Ok(()) => kept.saved = Some(token),
                Err(why) => {
                    eprintln!("cuecard: the console repaints whole from now on: {why}");
                    kept.unusable = Some(why);
                }
            }
        });
        ClippedShape::new(
            window,
            Shape::Callback(PaintCallback {
                rect: window,
                callback: Arc::new(callback),
            }),
        )
    }
}

/// The offscreen copy of the console's frame: a colour texture in a
/// framebuffer of the window's size. Deleted when the window's size
/// changes (in a paint callback, where the context is current), and left
/// to the driver at exit.
struct KeptTarget {
    gl: Arc<eframe::glow::Context>,
    framebuffer: eframe::glow::Framebuffer,
    texture: eframe::glow::Texture,
    size: [u32; 2],
}

/// The OpenGL calls.
mod gl;

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
mod tests {
    use super::*;

    /// A console-like frame: a column of notes and a talk timer showing
    /// `seconds`. Returns the shapes and where the timer and the notes are.
    fn frame(ctx: &Context, input: RawInput, seconds: u32) -> (FullOutput, Rect, Vec<Rect>) {
        frame_with_timer_size(ctx, input, seconds, 14.0)
    }

    fn frame_with_timer_size(
        ctx: &Context,
        input: RawInput,
        seconds: u32,
        size: f32,
    ) -> (FullOutput, Rect, Vec<Rect>) {
        let mut timer = Rect::NOTHING;
        let mut notes = Vec::new();
        let output = ctx.run_ui(input, |ui| {
            egui::CentralPanel::default().show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.label("Slide 2 of 10");
                    timer = ui
                        .label(egui::RichText::new(format!("Talk timer 0:{seconds:02}")).size(size))
                        .rect;
                    ui.label("Clock 9:41");
                });
                for line in 0..30 {
                    notes.push(
                        ui.label(format!("Speaker notes, line {line}: what to say"))
                            .rect,
                    );
                }
            });
        });
        (output, timer, notes)
    }

    fn input(width: f32) -> RawInput {
        RawInput {
            screen_rect: Some(Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(width, 700.0),
            )),
            ..RawInput::default()
        }
    }

    /// A context whose frames have settled (egui sizes some things over
    /// its first passes).
    fn settled(ctx: &Context) {
        for _ in 0..3 {
            let _ = frame(ctx, input(900.0), 0);
        }
    }

    #[test]
    fn only_the_timer_changes_when_only_the_timer_ticks() {
        let ctx = Context::default();
        settled(&ctx);
        let (old, _, _) = frame(&ctx, input(900.0), 7);
        let (new, timer, notes) = frame(&ctx, input(900.0), 8);
        let region = changed_region(&old.shapes, &new.shapes, 1.0).expect("the timer changed");
        assert!(
            timer.expand(FEATHER_PX + 1.0).contains_rect(region),
            "{region:?} is not within the timer {timer:?}"
        );
        assert!(region.intersects(timer));
        for line in notes {
            assert!(
                !region.intersects(line),
                "{region:?} touches the notes at {line:?}"
            );
        }
    }

    #[test]
    fn the_same_frame_twice_changes_nothing() {
        let ctx = Context::default();
        settled(&ctx);
        let (old, _, _) = frame(&ctx, input(900.0), 7);
        let (new, _, _) = frame(&ctx, input(900.0), 7);
        assert_eq!(changed_region(&old.shapes, &new.shapes, 1.0), None);
    }

    #[test]
    fn a_shape_added_or_removed_is_a_change() {
        let ctx = Context::default();
        settled(&ctx);
        let (old, _, _) = frame(&ctx, input(900.0), 7);
        let mut more = old.shapes.clone();
        let dot = Rect::from_min_size(egui::pos2(600.0, 600.0), egui::vec2(10.0, 10.0));
        more.push(ClippedShape::new(
            Rect::EVERYTHING,
            Shape::rect_filled(dot, 0.0, Color32::RED),
        ));
        for (a, b) in [(&old.shapes, &more), (&more, &old.shapes)] {
            let region = changed_region(a, b, 1.0).expect("a dot came or went");
            assert!(region.contains_rect(dot));
            assert!(dot.expand(FEATHER_PX + 1.0).contains_rect(region));
        }
    }

    #[test]
    fn the_region_is_whole_pixels_at_any_scale() {
        let ctx = Context::default();
        settled(&ctx);
        let (old, _, _) = frame(&ctx, input(900.0), 7);
        let (new, _, _) = frame(&ctx, input(900.0), 8);
        for scale in [1.0, 1.25, 1.5, 2.0] {
            let region = changed_region(&old.shapes, &new.shapes, scale).unwrap();
            for v in [region.min.x, region.min.y, region.max.x, region.max.y] {
                let px = v * scale;
                assert!(
                    (px - px.round()).abs() < 1e-3,
                    "{v} at {scale} is not a whole pixel"
                );
            }
        }
    }

    #[test]
    fn only_shapes_touching_the_region_are_drawn_and_they_are_clipped_to_it() {
        let ctx = Context::default();
        settled(&ctx);
        let (old, _, _) = frame(&ctx, input(900.0), 7);
        let (new, timer, _) = frame(&ctx, input(900.0), 8);
        let region = changed_region(&old.shapes, &new.shapes, 1.0).unwrap();
        let drawn = clip_to_region(&new.shapes, region, 1.0);
        assert!(
            !drawn.is_empty() && drawn.len() < new.shapes.len() / 4,
            "{} of {}",
            drawn.len(),
            new.shapes.len()
        );
        assert!(drawn.iter().all(|s| region.contains_rect(s.clip_rect)));
        // The timer's new text is among them.
        let text_in_timer = |s: &ClippedShape| {
            matches!(&s.shape, Shape::Text(t) if t.galley.text().contains("0:08"))
                && s.shape.visual_bounding_rect().intersects(timer)
        };
        assert!(drawn.iter().any(text_in_timer));
    }

    /// Runs a frame through the plugin and returns how it was drawn and
    /// the shapes it handed on.
    fn through_plugin(
        ctx: &Context,
        input: RawInput,
        seconds: u32,
    ) -> (Plan, Vec<ClippedShape>, usize) {
        let (output, _, _) = frame(ctx, input, seconds);
        let plugin = ctx.plugin::<PartialRepaint>();
        let plan = plugin
            .lock()
            .last_plan
            .clone()
            .expect("the console's frame was planned");
        // What eframe would have drawn without the plugin, for comparison.
        let original = plugin.lock().last.as_ref().map_or(0, |l| l.shapes.len());
        (plan, output.shapes, original)
    }

    /// Stands in for the painter having run the frame's save callback.
    fn painted(ctx: &Context) {
        let plugin = ctx.plugin::<PartialRepaint>();
        let guard = plugin.lock();
        let token = guard.last.as_ref().map(|l| l.token);
        lock(&guard.kept).saved = token;
    }

    fn is_callback(shape: &ClippedShape) -> bool {
        matches!(shape.shape, Shape::Callback(_))
    }

    #[test]
    fn the_plugin_draws_a_ticking_timer_by_region_and_everything_else_whole() {
        let ctx = Context::default();
        ctx.add_plugin(PartialRepaint::new(false));
        let (plan, shapes, original) = through_plugin(&ctx, input(900.0), 0);
        assert_eq!(plan, Plan::Full("first frame"));
        assert_eq!(shapes.len(), original + 1, "everything, then the save");
        assert!(is_callback(shapes.last().unwrap()));
        assert!(!shapes.iter().rev().skip(1).any(is_callback));
        // Not painted (a hidden window): the next frame is whole again.
        let (plan, _, _) = through_plugin(&ctx, input(900.0), 0);
        assert_eq!(plan, Plan::Full("the last frame was not painted"));
        painted(&ctx);
        for _ in 0..3 {
            let _ = through_plugin(&ctx, input(900.0), 0);
            painted(&ctx);
        }

        let (plan, shapes, original) = through_plugin(&ctx, input(900.0), 1);
        assert!(matches!(plan, Plan::Region(_)), "{plan:?}");
        assert!(is_callback(&shapes[0]) && is_callback(shapes.last().unwrap()));
        assert!(
            shapes.len() < original / 4,
            "{} shapes of {original}",
            shapes.len()
        );
        painted(&ctx);

        let (plan, shapes, _) = through_plugin(&ctx, input(900.0), 1);
        assert_eq!(plan, Plan::Unchanged);
        assert_eq!(shapes.len(), 2, "restore and save only");
        painted(&ctx);

        // A new window size is drawn whole.
        let (plan, _, _) = through_plugin(&ctx, input(800.0), 2);
        assert_eq!(plan, Plan::Full("the window's size or scale changed"));
        painted(&ctx);

        // A picture uploaded (not a glyph) is drawn whole.
        let image = egui::ColorImage::new([4, 4], vec![Color32::WHITE; 16]);
        let _texture = ctx.load_texture("a slide picture", image, egui::TextureOptions::LINEAR);
        let (plan, _, _) = through_plugin(&ctx, input(800.0), 3);
        assert_eq!(plan, Plan::Full("a texture changed"));
        painted(&ctx);

        // Most of the window changing is drawn whole.
        let _ = through_plugin(&ctx, input(800.0), 3);
        painted(&ctx);
        let _ = ctx.run_ui(input(800.0), |ui| {
            egui::CentralPanel::default().show(ui, |ui| {
                ui.painter()
                    .rect_filled(ui.max_rect(), 0.0, Color32::DARK_BLUE);
                ui.heading("A different slide, all of it new");
            });
        });
        let plan = ctx.plugin::<PartialRepaint>().lock().last_plan.clone();
        assert_eq!(plan, Some(Plan::Full("most of the window changed")));
    }

    /// Every vertex egui tessellates for the shape lies in its footprint.
    fn assert_tessellation_within_footprint(ctx: &Context, shape: Shape, pixels_per_point: f32) {
        let clipped = ClippedShape::new(Rect::EVERYTHING, shape);
        let area = footprint(&clipped, pixels_per_point).expect("it draws");
        for primitive in ctx.tessellate(vec![clipped], pixels_per_point) {
            let egui::epaint::Primitive::Mesh(mesh) = primitive.primitive else {
                unreachable!("a line is a mesh");
            };
            for vertex in &mesh.vertices {
                assert!(
                    area.contains(vertex.pos),
                    "{:?} is outside {area:?}",
                    vertex.pos
                );
            }
        }
    }

    #[test]
    fn a_highlighter_stroke_that_turns_straight_back_stays_in_its_footprint() {
        let ctx = Context::default();
        settled(&ctx);
        let there_and_back = vec![
            egui::pos2(100.0, 100.0),
            egui::pos2(300.0, 100.0),
            egui::pos2(100.0, 100.0),
            egui::pos2(100.0, 300.0),
            egui::pos2(101.0, 100.0),
        ];
        let yellow = Color32::from_rgba_unmultiplied(255, 220, 0, 90);
        for scale in [1.0, 2.0] {
            for width in [3.0, 18.0, 40.0] {
                let line = Shape::line(there_and_back.clone(), egui::Stroke::new(width, yellow));
                assert_tessellation_within_footprint(&ctx, line, scale);
            }
        }
        // A sharp zigzag (miter joins and cut corners).
        let zigzag: Vec<_> = (0..12)
            .map(|i| {
                egui::pos2(
                    50.0 + 10.0 * i as f32,
                    if i % 2 == 0 { 50.0 } else { 200.0 },
                )
            })
            .collect();
        assert_tessellation_within_footprint(
            &ctx,
            Shape::line(zigzag, egui::Stroke::new(18.0, yellow)),
            1.0,
        );
    }

    #[test]
    fn new_glyphs_do_not_force_a_whole_frame() {
        let ctx = Context::default();
        ctx.add_plugin(PartialRepaint::new(false));
        // The timer in large digits, until the font atlas has grown to
        // hold them (a grown atlas is uploaded whole, and drawn whole).
        for _ in 0..4 {
            let _ = frame_with_timer_size(&ctx, input(900.0), 10, 41.0);
            painted(&ctx);
        }
        // Digits never drawn before at that size: new glyphs in the atlas.
        let (output, _, _) = frame_with_timer_size(&ctx, input(900.0), 59, 41.0);
        let font_atlas = output
            .textures_delta
            .set
            .iter()
            .find(|(id, _)| **id == egui::TextureId::default());
        let uploads = font_atlas
            .map(|(_, deltas)| deltas.len())
            .unwrap_or_default();
        assert!(uploads > 0, "the new digits were not uploaded");
        assert!(font_atlas.is_some_and(|(_, deltas)| deltas.iter().all(|d| d.pos.is_some())));
        assert!(!invalidates(&output.textures_delta));
        let plan = ctx.plugin::<PartialRepaint>().lock().last_plan.clone();
        assert!(matches!(plan, Some(Plan::Region(_))), "{plan:?}");

        // The same atlas grown (uploaded whole) is drawn whole.
        let mut grown = egui::TexturesDelta::default();
        let whole = egui::epaint::ImageDelta::full(
            egui::ColorImage::new([8, 8], vec![Color32::WHITE; 64]),
            egui::TextureOptions::LINEAR,
        );
        grown
            .set
            .insert(egui::TextureId::default(), std::iter::once(whole).collect());
        assert!(invalidates(&grown));
    }
}
