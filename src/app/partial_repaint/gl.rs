//! The OpenGL calls of the partial repaint. Every call here is to a
//! context eframe made current for the painter that hands it to us, with
//! handles this module created on that context.
#![allow(unsafe_code)]

use std::sync::Arc;

use eframe::egui_glow::Painter;
use eframe::glow::{self, HasContext as _};
use egui::{Color32, PaintCallbackInfo, Rect};

use super::KeptTarget;

/// A rectangle of the window in OpenGL's pixels (origin bottom left):
/// x, y, width, height.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PixelRect {
    x: i32,
    y: i32,
    w: i32,
    h: i32,
}

/// `rect` (points, origin top left) in the window's pixels, inside it.
pub fn pixel_rect(rect: Rect, info: &PaintCallbackInfo) -> PixelRect {
    let p = info.pixels_per_point;
    let [width, height] = info.screen_size_px.map(|v| v as f32);
    let left = (rect.min.x * p).round().clamp(0.0, width);
    let right = (rect.max.x * p).round().clamp(0.0, width);
    let top = (rect.min.y * p).round().clamp(0.0, height);
    let bottom = (rect.max.y * p).round().clamp(0.0, height);
    PixelRect {
        x: left as i32,
        y: (height - bottom) as i32,
        w: (right - left) as i32,
        h: (bottom - top) as i32,
    }
}

/// A size in pixels as OpenGL takes it.
fn px(v: u32) -> i32 {
    i32::try_from(v).unwrap_or(i32::MAX)
}

/// Makes `target` a framebuffer of `size` on the painter's context.
pub fn ensure_target(
    target: &mut Option<KeptTarget>,
    painter: &Painter,
    size: [u32; 2],
) -> Result<(), String> {
    if target.as_ref().is_some_and(|t| t.size == size) {
        return Ok(());
    }
    let gl = Arc::clone(painter.gl());
    if let Some(old) = target.take() {
        // SAFETY: see the module's documentation.
        unsafe {
            gl.delete_framebuffer(old.framebuffer);
            gl.delete_texture(old.texture);
        }
    }
    let version = gl.version();
    if version.major < 3 {
        return Err(format!(
            "OpenGL {}.{} has no framebuffer blits (3.0 or later needed)",
            version.major, version.minor
        ));
    }
    // SAFETY: see the module's documentation.
    unsafe {
        let samples = gl.get_parameter_i32(glow::SAMPLES);
        if samples > 0 {
            return Err(format!("the window is multisampled ({samples} samples)"));
        }
        // An unsized format with BGRA data lets Mesa choose the layout
        // of X11's windows, so that (with the flip, see `restore`) the
        // copies are plain memory copies, not a conversion drawn by a
        // shader. OpenGL ES has no BGRA without an extension.
        let (internal_format, format) = if version.is_embedded {
            (glow::RGBA8, glow::RGBA)
        } else {
            (glow::RGBA, glow::BGRA)
        };
        let texture = gl.create_texture()?;
        let framebuffer = match gl.create_framebuffer() {
            Ok(framebuffer) => framebuffer,
            Err(why) => {
                gl.delete_texture(texture);
                return Err(why);
            }
        };
        gl.bind_texture(glow::TEXTURE_2D, Some(texture));
        gl.tex_parameter_i32(
            glow::TEXTURE_2D,
            glow::TEXTURE_MIN_FILTER,
            glow::NEAREST.cast_signed(),
        );
        gl.tex_parameter_i32(
            glow::TEXTURE_2D,
            glow::TEXTURE_MAG_FILTER,
            glow::NEAREST.cast_signed(),
        );
        gl.tex_image_2d(
            glow::TEXTURE_2D,
            0,
            internal_format.cast_signed(),
            px(size[0]),
            px(size[1]),
            0,
            format,
            glow::UNSIGNED_BYTE,
            glow::PixelUnpackData::Slice(None),
        );
        gl.bind_texture(glow::TEXTURE_2D, None);
        gl.bind_framebuffer(glow::FRAMEBUFFER, Some(framebuffer));
        gl.framebuffer_texture_2d(
            glow::FRAMEBUFFER,
            glow::COLOR_ATTACHMENT0,
            glow::TEXTURE_2D,
            Some(texture),
            0,
        );
        let status = gl.check_framebuffer_status(glow::FRAMEBUFFER);
        gl.bind_framebuffer(glow::FRAMEBUFFER, painter.intermediate_fbo());
        let made = KeptTarget {
            gl: Arc::clone(&gl),
            framebuffer,
            texture,
            size,
        };
        if status != glow::FRAMEBUFFER_COMPLETE {
            return Err(format!(
                "the offscreen framebuffer is incomplete ({status:#x})"
            ));
        }
        *target = Some(made);
    }
    Ok(())
}

impl KeptTarget {
    /// Copies the whole kept frame onto the painter's framebuffer, then
    /// clears `region` to `background`. False on an OpenGL error.
    pub fn restore(
        &self,
        painter: &Painter,
        region: Option<PixelRect>,
        background: Color32,
    ) -> bool {
        let gl = &self.gl;
        let [w, h] = self.size.map(px);
        // SAFETY: see the module's documentation.
        unsafe {
            while gl.get_error() != glow::NO_ERROR {}
            gl.disable(glow::SCISSOR_TEST);
            gl.bind_framebuffer(glow::READ_FRAMEBUFFER, Some(self.framebuffer));
            gl.bind_framebuffer(glow::DRAW_FRAMEBUFFER, painter.intermediate_fbo());
            // The kept frame is stored upside down: Mesa keeps windows
            // top row first and framebuffers bottom row first, so a
            // flipped copy is the one it can do as a memory copy. Any
            // other driver flips for free on the GPU.
            gl.blit_framebuffer(
                0,
                h,
                w,
                0,
                0,
                0,
                w,
                h,
                glow::COLOR_BUFFER_BIT,
                glow::NEAREST,
            );
            gl.bind_framebuffer(glow::FRAMEBUFFER, painter.intermediate_fbo());
            if let Some(r) = region.filter(|r| r.w > 0 && r.h > 0) {
                let [red, green, blue, alpha] = background.to_normalized_gamma_f32();
                gl.enable(glow::SCISSOR_TEST);
                gl.scissor(r.x, r.y, r.w, r.h);
                gl.clear_color(red, green, blue, alpha);
                gl.clear(glow::COLOR_BUFFER_BIT);
            }
            gl.get_error() == glow::NO_ERROR
        }
    }

    /// Copies `region` (`None`: all) of the painter's framebuffer into
    /// the kept frame.
    pub fn save(&self, painter: &Painter, region: Option<PixelRect>) -> Result<(), String> {
        let gl = &self.gl;
        let [w, h] = self.size.map(px);
        let r = region.unwrap_or(PixelRect { x: 0, y: 0, w, h });
        // SAFETY: see the module's documentation.
        unsafe {
            while gl.get_error() != glow::NO_ERROR {}
            gl.disable(glow::SCISSOR_TEST);
            gl.bind_framebuffer(glow::READ_FRAMEBUFFER, painter.intermediate_fbo());
            gl.bind_framebuffer(glow::DRAW_FRAMEBUFFER, Some(self.framebuffer));
            // Upside down, as `restore` reads it.
            let (d0, d1) = (h - r.y, h - r.y - r.h);
            gl.blit_framebuffer(
                r.x,
                r.y,
                r.x + r.w,
                r.y + r.h,
                r.x,
                d0,
                r.x + r.w,
                d1,
                glow::COLOR_BUFFER_BIT,
                glow::NEAREST,
            );
            gl.bind_framebuffer(glow::FRAMEBUFFER, painter.intermediate_fbo());
            match gl.get_error() {
                glow::NO_ERROR => Ok(()),
                error => Err(format!(
                    "copying the frame failed (OpenGL error {error:#x})"
                )),
            }
        }
    }
}
