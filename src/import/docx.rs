//! Word presenter's guides (.docx, ECMA-376 WordprocessingML): paragraphs
//! of `word/document.xml` (also inside tables and content controls) with
//! their runs' italic, bold and highlight, list items (numbering or a
//! "List" paragraph style) and hyperlinks.

use std::path::Path;

use super::ImportError;
use super::archive::{Office, Package};
use super::paragraphs::{GuideText, Paragraph, Style};
use super::xml::Element;

const DOCUMENT: &str = "word/document.xml";

/// Reads a .docx guide from `bytes` (named `path` in messages).
///
/// # Errors
/// Any error of [`Package::from_bytes`] (encrypted, corrupt, zip bomb,
/// unsafe entries, a .pptx renamed .docx) or a malformed
/// `word/document.xml`.
pub fn read(bytes: Vec<u8>, path: &Path) -> Result<GuideText, ImportError> {
    let mut package = Package::from_bytes(bytes, path, Office::Word)?;
    let document = package.required_xml(DOCUMENT)?;
    let links: Vec<(String, String)> = package
        .relationships(DOCUMENT)?
        .into_iter()
        .filter(|rel| rel.external)
        .map(|rel| (rel.id, rel.target))
        .collect();
    let Some(body) = document.child("body") else {
        return Err(package.bad_part(DOCUMENT, "has no <w:body>".to_owned()));
    };
    let mut found = Vec::new();
    body.descendants("p", &mut found);
    let paragraphs = found.into_iter().map(|p| paragraph(p, &links)).collect();
    let title = package
        .xml("docProps/core.xml")
        .ok()
        .flatten()
        .and_then(|core| core.child("title").map(Element::text))
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty());
    Ok(GuideText { paragraphs, title })
}

fn paragraph(p: &Element, links: &[(String, String)]) -> Paragraph {
    let properties = p.child("pPr");
    let list_item = properties.is_some_and(|pr| {
        pr.child("numPr").is_some()
            || pr
                .child("pStyle")
                .and_then(|s| s.attr("w:val"))
                .is_some_and(|style| style.to_ascii_lowercase().contains("list"))
    });
    let mut out = Paragraph {
        runs: Vec::new(),
        list_item,
    };
    collect(p, None, links, &mut out);
    out
}

/// Walks a paragraph's content: runs, hyperlinks, insertions, smart tags
/// and simple fields; deleted text and properties are skipped.
fn collect(element: &Element, link: Option<&str>, links: &[(String, String)], out: &mut Paragraph) {
    for child in element.elements() {
        match child.name.as_str() {
            "r" => run(child, link, out),
            "hyperlink" => {
                let target = child
                    .attr("r:id")
                    .and_then(|id| links.iter().find(|(rid, _)| rid == id))
                    .map(|(_, url)| url.as_str())
                    .or_else(|| child.attr("w:anchor").map(|_| "#"));
                collect(child, target.or(link), links, out);
            }
            "del" | "pPr" | "rPr" | "moveFrom" => {}
            _ => collect(child, link, links, out),
        }
    }
}

fn run(r: &Element, link: Option<&str>, out: &mut Paragraph) {
    let style = r.child("rPr").map_or(Style::Plain, run_style);
    for child in r.elements() {
        let text = match child.name.as_str() {
            "t" => child.text(),
            "tab" | "br" | "cr" => " ".to_owned(),
            "noBreakHyphen" => "-".to_owned(),
            _ => continue,
        };
        out.push(&text, style, link.map(str::to_owned));
    }
}

fn on(element: Option<&Element>) -> bool {
    element.is_some_and(|e| {
        !matches!(
            e.attr("w:val").map(str::to_ascii_lowercase).as_deref(),
            Some("0" | "false" | "off" | "none")
        )
    })
}

fn run_style(properties: &Element) -> Style {
    let character_style = properties
        .child("rStyle")
        .and_then(|s| s.attr("w:val"))
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let shaded = properties
        .child("shd")
        .and_then(|s| s.attr("w:fill"))
        .is_some_and(|fill| {
            !fill.eq_ignore_ascii_case("auto") && !fill.eq_ignore_ascii_case("FFFFFF")
        });
    if on(properties.child("b"))
        || on(properties.child("highlight"))
        || shaded
        || character_style.contains("strong")
    {
        Style::Tip
    } else if on(properties.child("i")) || character_style.contains("emphasis") {
        Style::Italic
    } else {
        Style::Plain
    }
}
