//! The report as plain text (the terminal summary), Markdown and CSV.

use std::fmt::Write as _;
use std::time::Duration;

use super::Report;
use crate::deck::shorten;
use crate::show::format_clock;

/// Seconds as `M:SS` (or `H:MM:SS`).
pub fn clock(secs: f64) -> String {
    format_clock(Duration::try_from_secs_f64(secs.max(0.0).round()).unwrap_or_default())
}

/// An RFC 3339 time as people read it, `2026-12-02 09:30`; the text as
/// it is when it does not parse.
pub(super) fn when(rfc3339: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(rfc3339).map_or_else(
        |_| rfc3339.to_owned(),
        |t| t.format("%Y-%m-%d %H:%M").to_string(),
    )
}

/// Minutes with one decimal, e.g. `3.5`.
fn minutes(secs: f64) -> String {
    format!("{:.1}", secs / 60.0)
}

fn planned(minutes: Option<f64>) -> String {
    minutes.map_or_else(|| "-".to_owned(), |m| format!("{m:.1}"))
}

/// Actual minus planned, e.g. `+1:30` or `-0:45`; empty without a plan.
pub fn difference(talk_secs: f64, planned_minutes: Option<f64>) -> String {
    let Some(planned) = planned_minutes else {
        return String::new();
    };
    let delta = talk_secs - planned * 60.0;
    let sign = if delta < 0.0 { "-" } else { "+" };
    format!("{sign}{}", clock(delta.abs()))
}

impl Report {
    /// The summary `cuecard report` prints: the talk, then time per slide
    /// against the plan, discussions, prompts, breaks and parked questions.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "{}", self.title);
        let _ = writeln!(
            out,
            "Started {}{} ({})",
            when(&self.started),
            self.ended_text(),
            self.deck
        );
        let _ = writeln!(
            out,
            "Talk time {} against {} planned minutes{}",
            clock(self.talk_secs),
            trim(self.planned_minutes()),
            self.status()
        );
        let _ = writeln!(out, "\nSlides (actual against planned):");
        for s in &self.slides {
            let _ = writeln!(
                out,
                "  {:>2}. {:<44} {:>7}  plan {:>5}  {}",
                s.index + 1,
                shorten(&s.title, 44),
                clock(s.talk_secs),
                planned(s.planned_minutes),
                s.difference_text()
            );
        }
        if !self.discussions.is_empty() {
            let _ = writeln!(out, "\nDiscussions (actual against planned):");
            for d in &self.discussions {
                let _ = writeln!(
                    out,
                    "  {} against {} on {}{}",
                    clock(d.actual_secs),
                    clock(d.planned_secs),
                    d.slide_title,
                    d.question
                        .as_deref()
                        .map(|q| format!(": {q}"))
                        .unwrap_or_default()
                );
            }
        }
        let _ = writeln!(
            out,
            "\nPrompts covered: {} of {}",
            self.prompts_covered.len(),
            self.prompts_total
        );
        for p in &self.prompts_covered {
            let _ = writeln!(out, "  - {}: {}", p.slide_title, p.question);
        }
        for b in &self.breaks {
            let _ = writeln!(
                out,
                "Break: {} (planned {})",
                clock(b.actual_secs),
                clock(b.planned_secs)
            );
        }
        let _ = writeln!(out, "\nParked questions: {}", self.parked.len());
        for p in &self.parked {
            let _ = writeln!(
                out,
                "  - [slide {}, {}, talk {}] {}",
                p.slide + 1,
                p.clock,
                clock(p.talk_secs),
                p.text
            );
        }
        let mut notes = Vec::new();
        if self.blackouts.0 > 0 {
            notes.push(format!(
                "{} ({})",
                crate::cli::plural(self.blackouts.0, "blackout"),
                clock(self.blackouts.1)
            ));
        }
        if self.reloads > 0 {
            notes.push(crate::cli::plural(self.reloads, "reload"));
        }
        if self.audience_closed > 0 {
            notes.push(format!(
                "audience window closed {}",
                times(self.audience_closed)
            ));
        }
        if self.resumes > 0 {
            notes.push(format!("resumed {} after a crash", times(self.resumes)));
        }
        if self.skipped_lines > 0 {
            notes.push(format!(
                "{} skipped",
                crate::cli::plural(self.skipped_lines, "damaged line")
            ));
        }
        if !notes.is_empty() {
            let _ = writeln!(out, "\nAlso: {}", notes.join("; "));
        }
        out
    }

    /// `, ended 2026-12-02 11:00` when the end is recorded.
    pub(super) fn ended_text(&self) -> String {
        self.ended
            .as_deref()
            .filter(|at| !at.is_empty())
            .map(|at| format!(", ended {}", when(at)))
            .unwrap_or_default()
    }

    fn status(&self) -> &'static str {
        if self.ended_cleanly {
            ""
        } else {
            " (not ended with a quit: still running, or cuecard stopped)"
        }
    }

    /// The report as Markdown, with tables.
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "# {}\n", md(&self.title));
        let _ = writeln!(
            out,
            "- Started: {}{}",
            when(&self.started),
            self.ended_text()
        );
        let _ = writeln!(out, "- Deck: `{}`", self.deck.replace('`', "'"));
        let _ = writeln!(
            out,
            "- Talk time: {} against {} planned minutes{}",
            clock(self.talk_secs),
            trim(self.planned_minutes()),
            self.status()
        );
        let _ = writeln!(
            out,
            "- Prompts covered: {} of {}",
            self.prompts_covered.len(),
            self.prompts_total
        );
        let _ = writeln!(out, "- Parked questions: {}", self.parked.len());
        let _ = writeln!(out, "\n## Time per slide\n");
        let _ = writeln!(
            out,
            "| # | slide | actual | planned (min) | difference | visits |"
        );
        let _ = writeln!(out, "|---:|---|---:|---:|---:|---:|");
        for s in &self.slides {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                s.index + 1,
                md(&s.title),
                clock(s.talk_secs),
                planned(s.planned_minutes),
                s.difference_text(),
                s.visits
            );
        }
        let _ = writeln!(out, "\n## Discussions\n");
        if self.discussions.is_empty() {
            let _ = writeln!(out, "None were timed.");
        } else {
            let _ = writeln!(out, "| slide | question | planned | actual |");
            let _ = writeln!(out, "|---|---|---:|---:|");
            for d in &self.discussions {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} |",
                    md(&d.slide_title),
                    md(d.question.as_deref().unwrap_or("")),
                    clock(d.planned_secs),
                    clock(d.actual_secs)
                );
            }
        }
        let _ = writeln!(out, "\n## Prompts covered\n");
        if self.prompts_covered.is_empty() {
            let _ = writeln!(out, "None were ticked.");
        }
        for p in &self.prompts_covered {
            let _ = writeln!(out, "- {}: {}", md(&p.slide_title), md(&p.question));
        }
        if !self.breaks.is_empty() {
            let _ = writeln!(out, "\n## Breaks\n");
            for b in &self.breaks {
                let _ = writeln!(
                    out,
                    "- {} (planned {})",
                    clock(b.actual_secs),
                    clock(b.planned_secs)
                );
            }
        }
        let _ = writeln!(out, "\n## Parked questions\n");
        if self.parked.is_empty() {
            let _ = writeln!(out, "None.");
        }
        for p in &self.parked {
            let _ = writeln!(
                out,
                "- Slide {} ({}, talk {}): {}",
                p.slide + 1,
                p.clock,
                clock(p.talk_secs),
                md(&p.text)
            );
        }
        out
    }

    /// The report as CSV (RFC 4180), one row per item; the first column
    /// says which kind: `slide`, `discussion`, `prompt`, `break`, `parked`.
    /// Times are in minutes with one decimal.
    pub fn to_csv(&self) -> String {
        let mut out = String::from(
            "kind,slide_number,slide_id,slide_title,text,planned_minutes,actual_minutes,visits\r\n",
        );
        let mut row = |fields: [&str; 8]| {
            let cells: Vec<String> = fields.iter().map(|f| csv(f)).collect();
            let _ = write!(out, "{}\r\n", cells.join(","));
        };
        for s in &self.slides {
            row([
                "slide",
                &(s.index + 1).to_string(),
                &s.id,
                &s.title,
                "",
                &s.planned_minutes
                    .map(|m| format!("{m:.1}"))
                    .unwrap_or_default(),
                &minutes(s.talk_secs),
                &s.visits.to_string(),
            ]);
        }
        for d in &self.discussions {
            row([
                "discussion",
                &self.number_of(&d.slide_id),
                &d.slide_id,
                &d.slide_title,
                d.question.as_deref().unwrap_or(""),
                &minutes(d.planned_secs),
                &minutes(d.actual_secs),
                "",
            ]);
        }
        for p in &self.prompts_covered {
            row(["prompt", "", "", &p.slide_title, &p.question, "", "", ""]);
        }
        for b in &self.breaks {
            row([
                "break",
                "",
                "",
                "",
                "",
                &minutes(b.planned_secs),
                &minutes(b.actual_secs),
                "",
            ]);
        }
        for p in &self.parked {
            let title = self
                .slides
                .iter()
                .find(|s| s.id == p.slide_id)
                .map(|s| s.title.as_str())
                .unwrap_or_default();
            row([
                "parked",
                &(p.slide + 1).to_string(),
                &p.slide_id,
                title,
                &p.text,
                "",
                &minutes(p.talk_secs),
                "",
            ]);
        }
        out
    }

    fn number_of(&self, id: &str) -> String {
        self.slides
            .iter()
            .find(|s| s.id == id)
            .map(|s| (s.index + 1).to_string())
            .unwrap_or_default()
    }
}

/// A CSV field, quoted when it holds a comma, quote or line break; a field
/// starting with `=`, `+`, `-` or `@` gets a leading `'` so spreadsheets
/// do not run it as a formula.
fn csv(field: &str) -> String {
    let guarded = if field.starts_with(['=', '+', '@'])
        || (field.starts_with('-') && field.parse::<f64>().is_err())
    {
        format!("'{field}")
    } else {
        field.to_owned()
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// Text safe in a Markdown table cell or list item.
fn md(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
}

fn trim(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    }
}

/// "once", "twice", "3 times".
fn times(count: usize) -> String {
    match count {
        1 => "once".to_owned(),
        2 => "twice".to_owned(),
        n => format!("{n} times"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_and_formulas_are_not_run() {
        assert_eq!(csv("plain"), "plain");
        assert_eq!(csv("a, b"), "\"a, b\"");
        assert_eq!(csv("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv("-1.5"), "-1.5", "numbers stay numbers");
        assert_eq!(csv("-cmd"), "'-cmd");
    }

    #[test]
    fn differences_are_signed_clock_times() {
        assert_eq!(difference(150.0, Some(2.0)), "+0:30");
        assert_eq!(difference(60.0, Some(3.0)), "-2:00");
        assert_eq!(difference(60.0, None), "");
    }
}
