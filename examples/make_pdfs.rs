//! Writes the PDFs the project ships, with cuecard's own sample writer
//! (`cuecard::pdf::sample`), so every PDF in the repository can be made
//! again from source:
//!
//! - `decks/pdf-demo.pdf`: the example PDF deck's five pages;
//! - `tests/fixtures/pdf/*.pdf`: files cuecard must refuse or survive;
//! - `fuzz/seeds_pdf/*.pdf`: the PDF fuzz target's seeds.
//!
//! Run from the repository's root: `cargo run --example make_pdfs`.

use std::path::Path;

use cuecard::pdf::sample::{self, Mark, SamplePage, Stored, hostile};

fn write(path: &str, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(parent) = Path::new(path).parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, bytes)?;
    println!("wrote {path} ({} bytes)", bytes.len());
    Ok(())
}

fn demo() -> Vec<u8> {
    let text = |y_pt: f32, size_pt: f32, text: &str| Mark::Text {
        x_pt: 60.0,
        y_pt,
        size_pt,
        text: text.to_owned(),
    };
    let pages = vec![
        sample::slide_page(1, "Working together"),
        SamplePage::new(960.0, 540.0)
            .with(text(120.0, 44.0, "Who is in the room?"))
            .with(text(
                200.0,
                28.0,
                "Service providers, law enforcement, prosecutors",
            ))
            .with(Mark::Photo {
                x_pt: 560.0,
                y_pt: 240.0,
                width_pt: 340.0,
                height_pt: 240.0,
                width_px: 170,
                height_px: 120,
                stored: Stored::Raw,
            }),
        // A 4:3 page, as older decks export: letterboxed on a 16:9 screen.
        SamplePage::new(720.0, 540.0)
            .with(text(120.0, 40.0, "A 4:3 page"))
            .with(Mark::Rect {
                x_pt: 60.0,
                y_pt: 200.0,
                width_pt: 600.0,
                height_pt: 280.0,
                rgb: [0xE8, 0x7A, 0x1E],
            }),
        // Its top is left empty: the deck draws a line of its own there.
        SamplePage::new(960.0, 540.0)
            .with(text(330.0, 44.0, "Questions for the room"))
            .with(Mark::Rect {
                x_pt: 60.0,
                y_pt: 360.0,
                width_pt: 840.0,
                height_pt: 12.0,
                rgb: [0x1C, 0x3D, 0x6E],
            }),
        sample::slide_page(5, "Backup: contacts"),
    ];
    sample::write_pdf("cuecard PDF demo", &pages)
}

fn main() -> std::io::Result<()> {
    write("decks/pdf-demo.pdf", &demo())?;
    let fixtures: [(&str, Vec<u8>); 8] = [
        ("encrypted.pdf", hostile::encrypted()),
        ("truncated.pdf", hostile::truncated()),
        ("huge_image.pdf", hostile::huge_image()),
        ("huge_page.pdf", hostile::huge_page()),
        ("deep_forms.pdf", hostile::deep_forms(100)),
        ("form_bomb.pdf", hostile::form_bomb(30)),
        ("no_pages.pdf", hostile::no_pages()),
        (
            "not_a_pdf.pdf",
            b"PK\x03\x04 a .pptx renamed to .pdf\n".to_vec(),
        ),
    ];
    for (name, bytes) in &fixtures {
        write(&format!("tests/fixtures/pdf/{name}"), bytes)?;
    }
    write("fuzz/seeds_pdf/demo.pdf", &demo())?;
    write("fuzz/seeds_pdf/two_pages.pdf", &sample::slide_deck(2))?;
    write("fuzz/seeds_pdf/deep_forms_40.pdf", &hostile::deep_forms(40))?;
    write("fuzz/seeds_pdf/deep_arrays.pdf", &hostile::deep_arrays(600))?;
    for (name, bytes) in &fixtures {
        write(&format!("fuzz/seeds_pdf/{name}"), bytes)?;
    }
    Ok(())
}
