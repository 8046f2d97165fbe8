//! The fonts: Atkinson Hyperlegible, embedded, in front of egui's own.
//!
//! Atkinson Hyperlegible (Braille Institute, SIL Open Font License 1.1; see
//! `assets/fonts/`) is made for low-vision readers: distinct letter shapes
//! (l, I, 1; O, 0) help a room read a projector from the back.

use std::sync::Arc;

use egui::{FontData, FontDefinitions, FontFamily};

/// The regular face's name in egui's font definitions.
pub const REGULAR: &str = "AtkinsonHyperlegible-Regular";
/// The bold face, as its own family (`FontFamily::Name`).
pub const BOLD: &str = "AtkinsonHyperlegible-Bold";
/// The italic face, as its own family (`FontFamily::Name`).
pub const ITALIC: &str = "AtkinsonHyperlegible-Italic";
/// egui's own proportional font (Ubuntu), as a family for decks that ask
/// for the `Classic` slide font.
pub const CLASSIC: &str = "classic";

/// egui's font definitions with Atkinson Hyperlegible first for
/// proportional text, and bold and italic families of their own; egui's
/// default fonts follow as fallbacks for other characters.
pub fn definitions() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    let faces: [(&str, &'static [u8]); 3] = [
        (
            REGULAR,
            include_bytes!("../../assets/fonts/AtkinsonHyperlegible-Regular.ttf"),
        ),
        (
            BOLD,
            include_bytes!("../../assets/fonts/AtkinsonHyperlegible-Bold.ttf"),
        ),
        (
            ITALIC,
            include_bytes!("../../assets/fonts/AtkinsonHyperlegible-Italic.ttf"),
        ),
    ];
    for (name, bytes) in faces {
        fonts
            .font_data
            .insert(name.to_owned(), Arc::new(FontData::from_static(bytes)));
    }
    let fallbacks = fonts
        .families
        .get(&FontFamily::Proportional)
        .cloned()
        .unwrap_or_default();
    if let Some(proportional) = fonts.families.get_mut(&FontFamily::Proportional) {
        proportional.insert(0, REGULAR.to_owned());
    }
    for name in [BOLD, ITALIC] {
        let mut family = vec![name.to_owned()];
        family.extend(fallbacks.iter().cloned());
        fonts.families.insert(FontFamily::Name(name.into()), family);
    }
    fonts
}

/// Installs [`definitions`] in `ctx`.
pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(definitions());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atkinson_comes_first_and_every_face_parses() {
        let fonts = definitions();
        assert_eq!(
            fonts
                .families
                .get(&FontFamily::Proportional)
                .and_then(|f| f.first())
                .map(String::as_str),
            Some(REGULAR)
        );
        for name in [REGULAR, BOLD, ITALIC] {
            let data = fonts
                .font_data
                .get(name)
                .map(|d| (*d.font).as_ref().len())
                .unwrap_or_default();
            assert!(data > 40_000, "{name}: {data} bytes");
        }
        // A context with these fonts lays text out without complaint.
        let ctx = egui::Context::default();
        install(&ctx);
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            ui.label("Il1 O0 — slide");
        });
        // No renderer here: the font atlas upload is dropped on purpose.
        output.textures_delta.clear();
    }
}
