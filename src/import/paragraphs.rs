//! A presenter's guide as styled paragraphs, whatever file it came from.

/// How a run of guide text is marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Plain text: what the presenter says.
    Plain,
    /// Italic: text printed on the slide.
    Italic,
    /// Bold or highlighted: a tip for the presenter.
    Tip,
}

/// A run of text in one style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    /// The text.
    pub text: String,
    /// Its marking.
    pub style: Style,
    /// The hyperlink target, when the run is a link.
    pub link: Option<String>,
}

/// One paragraph (or list item) of a guide.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Paragraph {
    /// The runs in order.
    pub runs: Vec<Run>,
    /// Whether the paragraph is a list item (a bullet or number).
    pub list_item: bool,
}

impl Paragraph {
    /// The paragraph's text, runs concatenated.
    pub fn text(&self) -> String {
        self.runs.iter().map(|run| run.text.as_str()).collect()
    }

    /// Appends a run, merging it with the last one when they are alike.
    pub fn push(&mut self, text: &str, style: Style, link: Option<String>) {
        if text.is_empty() {
            return;
        }
        if let Some(last) = self.runs.last_mut()
            && last.style == style
            && last.link == link
        {
            last.text.push_str(text);
            return;
        }
        self.runs.push(Run {
            text: text.to_owned(),
            style,
            link,
        });
    }
}

/// A guide read from a file: its paragraphs and, when the file has one, its
/// title (a .docx's document title).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GuideText {
    /// The paragraphs in order.
    pub paragraphs: Vec<Paragraph>,
    /// The document's title property, if any.
    pub title: Option<String>,
}
