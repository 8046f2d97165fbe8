//! Reading exported PDFs back: lopdf for the structure tree and links,
//! poppler's `pdftoppm` for pictures (`.ci/run` installs poppler-utils).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::collections::HashSet;

use lopdf::{Document, Object};

use super::temp_dir;

/// The PDF in `bytes`, parsed.
pub fn pdf(bytes: &[u8]) -> Document {
    Document::load_mem(bytes).unwrap()
}

/// A name object's name (`/Figure` is `Figure`).
pub fn name(object: &Object) -> String {
    object
        .as_name()
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .unwrap_or_default()
}

/// Every structure element: its type (`/S`) and its `/Alt`, in tree order.
pub fn structure(doc: &Document) -> Vec<(String, Option<String>)> {
    let catalog = doc.catalog().unwrap();
    let root = catalog
        .get_deref(b"StructTreeRoot", doc)
        .expect("the PDF has a structure tree")
        .as_dict()
        .unwrap();
    let mut out = Vec::new();
    let mut stack: Vec<&Object> = vec![root.get(b"K").unwrap()];
    let mut seen = HashSet::new();
    while let Some(object) = stack.pop() {
        if let Ok(id) = object.as_reference()
            && !seen.insert(id)
        {
            continue;
        }
        let (_, object) = doc.dereference(object).unwrap();
        match object {
            Object::Array(items) => stack.extend(items.iter().rev()),
            Object::Dictionary(dict) => {
                let Ok(kind) = dict.get(b"S") else {
                    continue; // a marked-content or object reference
                };
                let alt = dict
                    .get(b"Alt")
                    .ok()
                    .and_then(|a| lopdf::decode_text_string(a).ok());
                out.push((name(kind), alt));
                if let Ok(kids) = dict.get(b"K") {
                    stack.push(kids);
                }
            }
            _ => {}
        }
    }
    out
}

/// Every web address a link annotation opens, page by page.
pub fn uri_links(doc: &Document) -> Vec<String> {
    let mut out = Vec::new();
    for page in doc.get_pages().values() {
        for annotation in doc.get_page_annotations(*page).unwrap_or_default() {
            if let Ok(action) = annotation.get_deref(b"A", doc).and_then(Object::as_dict)
                && let Ok(uri) = action.get(b"URI").and_then(Object::as_str)
            {
                out.push(String::from_utf8_lossy(uri).into_owned());
            }
        }
    }
    out
}

/// Renders page `page` (1-based) at 72 dpi (one pixel a point) with
/// pdftoppm.
pub fn render(bytes: &[u8], page: u32, name: &str) -> image::RgbImage {
    render_at(bytes, page, name, 72)
}

/// Renders page `page` (1-based) at `dpi` with pdftoppm.
pub fn render_at(bytes: &[u8], page: u32, name: &str, dpi: u32) -> image::RgbImage {
    let dir = temp_dir(name);
    let file = dir.join("in.pdf");
    std::fs::write(&file, bytes).unwrap();
    let status = std::process::Command::new("pdftoppm")
        .args([
            "-r",
            &dpi.to_string(),
            "-png",
            "-singlefile",
            "-f",
            &page.to_string(),
            "-l",
            &page.to_string(),
        ])
        .arg(&file)
        .arg(dir.join("out"))
        .status()
        .expect("pdftoppm is needed for this test: apt-get install poppler-utils");
    assert!(status.success());
    image::open(dir.join("out.png")).unwrap().to_rgb8()
}
