//! A small PDF writer for the test suite, the benches, the fuzz seeds and
//! the example deck in `decks/`: pages with filled rectangles, text in the
//! standard Helvetica font and generated photos (raw RGB images, or JPEGs
//! as slide programs export them), plus the
//! raw objects needed to make damaged or hostile files on purpose.
//!
//! It writes PDF 1.7 as ISO 32000-1 describes it (section 7.5: header,
//! numbered objects, a cross-reference table, the trailer), uncompressed,
//! so a test can see exactly what a file holds. It is not a general PDF
//! library: cuecard reads PDFs, it does not make slides.

use std::fmt::Write as _;

/// One thing drawn on a sample page. Coordinates are in points (1/72 in)
/// from the page's top-left corner, y growing downwards, as a slide
/// designer thinks of them (the writer turns them into PDF's bottom-left
/// coordinates).
#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    /// A filled rectangle in an sRGB colour.
    Rect {
        /// Left edge, points.
        x_pt: f32,
        /// Top edge, points.
        y_pt: f32,
        /// Width, points.
        width_pt: f32,
        /// Height, points.
        height_pt: f32,
        /// Fill colour, 8-bit sRGB.
        rgb: [u8; 3],
    },
    /// A line of black text in Helvetica (one of the PDF standard fonts,
    /// which PDF readers supply themselves). ASCII only.
    Text {
        /// Left of the text, points.
        x_pt: f32,
        /// Baseline, points from the top.
        y_pt: f32,
        /// Font size, points.
        size_pt: f32,
        /// The text; characters outside printable ASCII become `?`.
        text: String,
    },
    /// A generated photo: a colour gradient image of `width_px` x
    /// `height_px` pixels, drawn into the given box.
    Photo {
        /// Left edge, points.
        x_pt: f32,
        /// Top edge, points.
        y_pt: f32,
        /// Width of the box, points.
        width_pt: f32,
        /// Height of the box, points.
        height_pt: f32,
        /// Pixels across the image.
        width_px: u32,
        /// Pixels down the image.
        height_px: u32,
        /// How the pixels are stored in the file.
        stored: Stored,
    },
}

/// How a [`Mark::Photo`]'s pixels are stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stored {
    /// Uncompressed, three bytes a pixel.
    Raw,
    /// As a JPEG (`/DCTDecode`), as slide programs export photos: a few
    /// kilobytes instead of three bytes a pixel.
    Jpeg,
}

/// One page of a sample PDF.
#[derive(Debug, Clone, PartialEq)]
pub struct SamplePage {
    /// Page width, points (a 16:9 slide exported by `PowerPoint` is
    /// 960 by 540; a 4:3 one 720 by 540).
    pub width_pt: f32,
    /// Page height, points.
    pub height_pt: f32,
    /// What is drawn, in order.
    pub marks: Vec<Mark>,
}

impl SamplePage {
    /// A blank white page of the given size in points.
    pub fn new(width_pt: f32, height_pt: f32) -> Self {
        Self {
            width_pt,
            height_pt,
            marks: Vec::new(),
        }
    }

    /// Adds `mark` and returns the page (for chaining).
    #[must_use]
    pub fn with(mut self, mark: Mark) -> Self {
        self.marks.push(mark);
        self
    }
}

/// Objects of a PDF file being written, numbered from 1 in the order added.
#[derive(Debug, Clone, Default)]
pub struct Writer {
    objects: Vec<Vec<u8>>,
}

impl Writer {
    /// An empty file.
    pub fn new() -> Self {
        Self::default()
    }

    /// The number the next added object gets.
    pub fn next_id(&self) -> usize {
        self.objects.len() + 1
    }

    /// Adds an object whose body (between `N 0 obj` and `endobj`) is
    /// `body`; returns its number.
    pub fn add(&mut self, body: impl Into<Vec<u8>>) -> usize {
        self.objects.push(body.into());
        self.objects.len()
    }

    /// Adds a stream object with the dictionary entries `dict` (without
    /// `/Length`, which is added) and the raw bytes `data`.
    pub fn add_stream(&mut self, dict: &str, data: &[u8]) -> usize {
        let mut body = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
        body.extend_from_slice(data);
        body.extend_from_slice(b"\nendstream");
        self.add(body)
    }

    /// Replaces the body of object `id` (to point at objects added later).
    pub fn set(&mut self, id: usize, body: impl Into<Vec<u8>>) {
        if let Some(slot) = id.checked_sub(1).and_then(|i| self.objects.get_mut(i)) {
            *slot = body.into();
        }
    }

    /// The whole file, with `root` as the document catalog and
    /// `trailer_extra` added to the trailer dictionary (e.g. an
    /// `/Encrypt` entry).
    pub fn finish(&self, root: usize, trailer_extra: &str) -> Vec<u8> {
        let mut out = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
        let mut offsets = Vec::with_capacity(self.objects.len());
        for (i, body) in self.objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
            out.extend_from_slice(body);
            out.extend_from_slice(b"\nendobj\n");
        }
        let xref = out.len();
        let mut table = format!("xref\n0 {}\n0000000000 65535 f \n", self.objects.len() + 1);
        for offset in offsets {
            let _ = writeln!(table, "{offset:010} 00000 n ");
        }
        let _ = write!(
            table,
            "trailer\n<< /Size {} /Root {root} 0 R {trailer_extra} >>\nstartxref\n{xref}\n%%EOF\n",
            self.objects.len() + 1
        );
        out.extend_from_slice(table.as_bytes());
        out
    }
}

fn escape_text(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '(' | ')' | '\\' => format!("\\{c}"),
            ' '..='~' => c.to_string(),
            _ => "?".to_owned(),
        })
        .collect()
}

fn photo_pixels(width_px: u32, height_px: u32) -> Vec<u8> {
    let mut data = Vec::with_capacity(width_px as usize * height_px as usize * 3);
    for y in 0..height_px {
        for x in 0..width_px {
            let r = (x * 255 / width_px.max(1)) as u8;
            let g = (y * 255 / height_px.max(1)) as u8;
            data.extend_from_slice(&[r, g, 160]);
        }
    }
    data
}

/// RGB `pixels` as a JPEG at quality 85 (`None` if encoding fails, and
/// the raw pixels are stored instead).
fn jpeg_bytes(pixels: &[u8], width_px: u32, height_px: u32) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
        .encode(pixels, width_px, height_px, image::ExtendedColorType::Rgb8)
        .ok()?;
    Some(out)
}

/// Writes `pages` as a PDF file's bytes, with the document title `title`
/// in its information dictionary.
pub fn write_pdf(title: &str, pages: &[SamplePage]) -> Vec<u8> {
    let mut w = Writer::new();
    let catalog = w.add("<< /Type /Catalog /Pages 2 0 R >>");
    let pages_id = w.add(Vec::new());
    let font = w.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
    let mut kids = Vec::new();
    for page in pages {
        let mut content = String::new();
        let mut xobjects = String::new();
        for mark in &page.marks {
            match mark {
                Mark::Rect {
                    x_pt,
                    y_pt,
                    width_pt,
                    height_pt,
                    rgb: [r, g, b],
                } => {
                    let _ = writeln!(
                        content,
                        "{} {} {} rg {x_pt} {} {width_pt} {height_pt} re f",
                        f32::from(*r) / 255.0,
                        f32::from(*g) / 255.0,
                        f32::from(*b) / 255.0,
                        page.height_pt - y_pt - height_pt,
                    );
                }
                Mark::Text {
                    x_pt,
                    y_pt,
                    size_pt,
                    text,
                } => {
                    let _ = writeln!(
                        content,
                        "0 0 0 rg BT /F1 {size_pt} Tf {x_pt} {} Td ({}) Tj ET",
                        page.height_pt - y_pt,
                        escape_text(text)
                    );
                }
                Mark::Photo {
                    x_pt,
                    y_pt,
                    width_pt,
                    height_pt,
                    width_px,
                    height_px,
                    stored,
                } => {
                    let pixels = photo_pixels(*width_px, *height_px);
                    let jpeg = (*stored == Stored::Jpeg)
                        .then(|| jpeg_bytes(&pixels, *width_px, *height_px))
                        .flatten();
                    let dict = format!(
                        "/Type /XObject /Subtype /Image /Width {width_px} /Height {height_px} /ColorSpace /DeviceRGB /BitsPerComponent 8{}",
                        if jpeg.is_some() {
                            " /Filter /DCTDecode"
                        } else {
                            ""
                        }
                    );
                    let image = w.add_stream(&dict, jpeg.as_deref().unwrap_or(&pixels));
                    let name = format!("Im{image}");
                    let _ = write!(xobjects, "/{name} {image} 0 R ");
                    let _ = writeln!(
                        content,
                        "q {width_pt} 0 0 {height_pt} {x_pt} {} cm /{name} Do Q",
                        page.height_pt - y_pt - height_pt
                    );
                }
            }
        }
        let contents = w.add_stream("", content.as_bytes());
        let page_object = w.add(format!(
            "<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 {} {}] /Contents {contents} 0 R /Resources << /Font << /F1 {font} 0 R >> /XObject << {xobjects}>> >> >>",
            page.width_pt, page.height_pt
        ));
        kids.push(format!("{page_object} 0 R"));
    }
    w.set(
        pages_id,
        format!(
            "<< /Type /Pages /Kids [{}] /Count {} >>",
            kids.join(" "),
            kids.len()
        ),
    );
    let info = w.add(format!(
        "<< /Title ({}) /Producer (cuecard sample writer) >>",
        escape_text(title)
    ));
    w.finish(catalog, &format!("/Info {info} 0 R"))
}

/// A PowerPoint-sized 16:9 page (960 x 540 pt) with a title in text, a
/// red rectangle in its top-left quarter, a blue one in the bottom-right
/// quarter, and a page number: what the tests and the example deck use.
pub fn slide_page(number: usize, title: &str) -> SamplePage {
    SamplePage::new(960.0, 540.0)
        .with(Mark::Rect {
            x_pt: 0.0,
            y_pt: 0.0,
            width_pt: 960.0,
            height_pt: 90.0,
            rgb: [0x1C, 0x3D, 0x6E],
        })
        .with(Mark::Text {
            x_pt: 40.0,
            y_pt: 150.0,
            size_pt: 40.0,
            text: title.to_owned(),
        })
        .with(Mark::Rect {
            x_pt: 60.0,
            y_pt: 200.0,
            width_pt: 300.0,
            height_pt: 60.0,
            rgb: [220, 30, 30],
        })
        .with(Mark::Rect {
            x_pt: 600.0,
            y_pt: 380.0,
            width_pt: 300.0,
            height_pt: 120.0,
            rgb: [30, 60, 220],
        })
        .with(Mark::Text {
            x_pt: 880.0,
            y_pt: 525.0,
            size_pt: 14.0,
            text: format!("{number}"),
        })
}

/// A page like an exported training slide, for benchmarks: a
/// [`slide_page`] with a 640x480 JPEG photo and a line of body text.
pub fn talk_page(number: usize) -> SamplePage {
    slide_page(
        number,
        &format!("Slide {number}: service providers and law enforcement"),
    )
    .with(Mark::Photo {
        x_pt: 420.0,
        y_pt: 150.0,
        width_pt: 480.0,
        height_pt: 360.0,
        width_px: 640,
        height_px: 480,
        stored: Stored::Jpeg,
    })
    .with(Mark::Text {
        x_pt: 60.0,
        y_pt: 320.0,
        size_pt: 24.0,
        text: "Who do you call first when a survivor comes forward?".to_owned(),
    })
}

/// A PDF of `count` [`talk_page`]s, for benchmarks and
/// `benches/measure.sh` (a few kilobytes a page, as a slide program
/// exports them).
pub fn talk_deck(count: usize) -> Vec<u8> {
    let pages: Vec<SamplePage> = (1..=count).map(talk_page).collect();
    write_pdf("Training talk", &pages)
}

/// A PDF of `count` pages made with [`slide_page`], titled `Page N`.
pub fn slide_deck(count: usize) -> Vec<u8> {
    let pages: Vec<SamplePage> = (1..=count)
        .map(|n| slide_page(n, &format!("Page {n}")))
        .collect();
    write_pdf("Sample slides", &pages)
}

/// Files that must be refused or survived, for the fixtures and the fuzz
/// seeds (`examples/make_pdfs.rs` writes them to `tests/fixtures/pdf/`).
pub mod hostile {
    use super::{Writer, slide_deck};

    fn one_page(w: &mut Writer, media_box: &str, resources: &str, content: &[u8]) -> usize {
        let catalog = w.add("<< /Type /Catalog /Pages 2 0 R >>");
        let pages = w.add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        let page = w.next_id();
        let contents = page + 1;
        w.add(format!(
            "<< /Type /Page /Parent {pages} 0 R /MediaBox [{media_box}] /Contents {contents} 0 R /Resources << {resources} >> >>"
        ));
        w.add_stream("", content);
        catalog
    }

    /// A PDF protected by a user password (standard security handler,
    /// revision 3, RC4 128-bit): the empty password does not open it.
    pub fn encrypted() -> Vec<u8> {
        let mut w = Writer::new();
        let root = one_page(&mut w, "0 0 960 540", "", b"1 0 0 rg 0 0 100 100 re f");
        let hex32 = "8F2A6C1D93E4B7050A1F6E2D4C3B5A69788796A5B4C3D2E1F00F1E2D3C4B5A69";
        let encrypt = w.add(format!(
            "<< /Filter /Standard /V 2 /R 3 /Length 128 /P -3904 /O <{hex32}> /U <{hex32}> >>"
        ));
        w.finish(
            root,
            &format!(
                "/Encrypt {encrypt} 0 R /ID [<00112233445566778899AABBCCDDEEFF> <00112233445566778899AABBCCDDEEFF>]"
            ),
        )
    }

    /// A three-page deck cut off after its first third, as an interrupted
    /// download leaves it.
    pub fn truncated() -> Vec<u8> {
        let mut whole = slide_deck(3);
        whole.truncate(whole.len() / 3);
        whole
    }

    /// A page drawing one 100,000 x 100,000 pixel image (40 GB of RGBA
    /// once decoded) whose data is only a few bytes.
    pub fn huge_image() -> Vec<u8> {
        let mut w = Writer::new();
        let catalog = w.add("<< /Type /Catalog /Pages 2 0 R >>");
        w.add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        w.add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 960 540] /Contents 4 0 R /Resources << /XObject << /Im1 5 0 R >> >> >>");
        w.add_stream("", b"q 960 0 0 540 0 0 cm /Im1 Do Q");
        w.add_stream(
            "/Type /XObject /Subtype /Image /Width 100000 /Height 100000 /ColorSpace /DeviceRGB /BitsPerComponent 8",
            &[0; 16],
        );
        w.finish(catalog, "")
    }

    /// A page 14,400 inches square (a billion points on a side; PDF's own
    /// limit is 200 inches), with a red square in its top-left tenth.
    pub fn huge_page() -> Vec<u8> {
        let mut w = Writer::new();
        let root = one_page(
            &mut w,
            "0 0 1000000000 1000000000",
            "",
            b"1 0 0 rg 0 900000000 100000000 100000000 re f",
        );
        w.finish(root, "")
    }

    /// A page whose form draws a form that draws a form ... `depth` levels
    /// deep.
    pub fn deep_forms(depth: usize) -> Vec<u8> {
        let mut w = Writer::new();
        let catalog = w.add("<< /Type /Catalog /Pages 2 0 R >>");
        w.add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        w.add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 960 540] /Contents 4 0 R /Resources << /XObject << /Fm 5 0 R >> >> >>");
        w.add_stream("", b"/Fm Do");
        for level in 0..depth {
            let next = w.next_id() + 1;
            let resources = if level + 1 < depth {
                format!("/Resources << /XObject << /Fm {next} 0 R >> >>")
            } else {
                String::new()
            };
            let content: &[u8] = if level + 1 < depth {
                b"/Fm Do"
            } else {
                b"1 0 0 rg 0 0 10 10 re f"
            };
            w.add_stream(
                &format!("/Type /XObject /Subtype /Form /BBox [0 0 960 540] {resources}"),
                content,
            );
        }
        w.finish(catalog, "")
    }

    /// A page whose form draws the next form twice, `levels` levels deep:
    /// 2^`levels` draws from a file of a few kilobytes (the multiplying
    /// kind of form nesting the fuzzer found).
    pub fn form_bomb(levels: usize) -> Vec<u8> {
        let mut w = Writer::new();
        let catalog = w.add("<< /Type /Catalog /Pages 2 0 R >>");
        w.add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        w.add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 960 540] /Contents 4 0 R /Resources << /XObject << /Fm 5 0 R >> >> >>");
        w.add_stream("", b"/Fm Do");
        for level in 0..levels {
            let next = w.next_id() + 1;
            let (resources, content): (String, &[u8]) = if level + 1 < levels {
                (
                    format!("/Resources << /XObject << /Fm {next} 0 R >> >>"),
                    b"/Fm Do /Fm Do",
                )
            } else {
                (String::new(), b"1 0 0 rg 0 0 10 10 re f")
            };
            w.add_stream(
                &format!("/Type /XObject /Subtype /Form /BBox [0 0 960 540] {resources}"),
                content,
            );
        }
        w.finish(catalog, "")
    }

    /// A page whose resources hold arrays nested `depth` levels deep.
    pub fn deep_arrays(depth: usize) -> Vec<u8> {
        let mut w = Writer::new();
        let nested = format!("/Deep {}{}", "[".repeat(depth), "]".repeat(depth));
        let root = one_page(&mut w, "0 0 960 540", &nested, b"1 0 0 rg 0 0 10 10 re f");
        w.finish(root, "")
    }

    /// A file with a PDF header and trailer but an empty page tree.
    pub fn no_pages() -> Vec<u8> {
        let mut w = Writer::new();
        let catalog = w.add("<< /Type /Catalog /Pages 2 0 R >>");
        w.add("<< /Type /Pages /Kids [] /Count 0 >>");
        w.finish(catalog, "")
    }
}
