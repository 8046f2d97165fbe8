//! Links: for each one, will it play or show here, now? One item per link
//! (its page and its local copy together) and one per transcript.

use std::collections::HashMap;
use std::path::Path;

use super::probe::{Reach, probe};
use super::{Report, Status, expected_at};
use crate::deck::policy::{self, LocalCopy, Verdict};
use crate::deck::{Deck, Link};

/// Facts about one link, each with how bad it is; the item's status is
/// the worst of them.
#[derive(Default)]
struct Facts {
    status: Option<Status>,
    sentences: Vec<String>,
}

impl Facts {
    fn add(&mut self, status: Status, sentence: impl Into<String>) {
        self.status = self.status.max(Some(status));
        self.sentences.push(sentence.into());
    }

    fn push_to(self, report: &mut Report, name: &str) {
        report.push(
            self.status.unwrap_or(Status::Ready),
            format!("{name}: {}", self.sentences.join("; ")),
        );
    }
}

/// Checks every link of `deck`: its verdict (refused, warned, allowed),
/// its local copy in `folder`, and with `online` whether its page answers.
/// A link fails when it is refused, when its local copy is refused, or
/// (with `online`) when neither its page nor a local copy will play.
pub(super) fn links(report: &mut Report, deck: &Deck, folder: &Path, online: bool) {
    let mut probes = Probes {
        online,
        answers: HashMap::new(),
    };
    for (n, slide) in deck.slides.iter().enumerate() {
        for link in &slide.links {
            let name = format!("slide {} ({:?}): link {:?}", n + 1, slide.id, link.title);
            let status = policy::link_status(link, Some(folder));
            link_item(report, &name, link, &status, folder, &mut probes);
            if let (Some(url), Some(verdict)) = (&link.transcript, &status.transcript_verdict) {
                transcript_item(report, &name, url, verdict, &mut probes);
            }
        }
    }
}

/// With `--online`, each address is asked once, however many links name it.
struct Probes {
    online: bool,
    answers: HashMap<String, Reach>,
}

impl Probes {
    /// What the server of `address` says; `None` without `--online`.
    fn ask(&mut self, address: &str) -> Option<Reach> {
        if !self.online {
            return None;
        }
        Some(
            self.answers
                .entry(address.to_owned())
                .or_insert_with(|| probe(address))
                .clone(),
        )
    }
}

fn link_item(
    report: &mut Report,
    name: &str,
    link: &Link,
    status: &policy::LinkStatus,
    folder: &Path,
    probes: &mut Probes,
) {
    let mut facts = Facts::default();
    let written = link.local.as_deref().unwrap_or_default();
    let local_plays = match &status.local {
        LocalCopy::NotGiven => false,
        LocalCopy::Present(_) => {
            facts.add(
                Status::Ready,
                format!("plays from the local copy {written:?} (there, and a playable type)"),
            );
            true
        }
        LocalCopy::Missing(_) => {
            facts.add(
                Status::Warning,
                format!(
                    "local copy {written:?} missing (put the file at {}); without a network the video will not play",
                    expected_at(folder, written)
                ),
            );
            false
        }
        LocalCopy::Refused(refusal) => {
            facts.add(Status::Failed, format!("local copy refused: {refusal}"));
            false
        }
    };
    match &status.online_verdict {
        Verdict::Refused(refusal) => {
            facts.add(Status::Failed, format!("refused: {refusal}"));
        }
        verdict => {
            for caution in verdict.cautions() {
                facts.add(
                    Status::Warning,
                    format!("{caution}; the console asks before opening it"),
                );
            }
            let address = verdict.address(&link.url).unwrap_or(&link.url);
            if let Some(reach) = probes.ask(address) {
                let status = match &reach {
                    Reach::Answers(_) => Status::Ready,
                    Reach::Program(_) => Status::Failed,
                    _ if local_plays => Status::Ready,
                    Reach::TurnedAway(_) => Status::Warning,
                    _ => Status::Failed,
                };
                facts.add(status, format!("{address} {reach}"));
                if status == Status::Failed && !matches!(reach, Reach::Program(_)) {
                    facts.add(
                        Status::Failed,
                        "it will not play or show here now: neither the page nor a local copy can be opened",
                    );
                }
            } else {
                facts.add(
                    Status::Ready,
                    format!(
                        "{address} is a well-formed web address (not asked; add --online to check that it answers)"
                    ),
                );
            }
        }
    }
    facts.push_to(report, name);
}

fn transcript_item(
    report: &mut Report,
    name: &str,
    url: &str,
    verdict: &Verdict,
    probes: &mut Probes,
) {
    let mut facts = Facts::default();
    match verdict {
        Verdict::Refused(refusal) => facts.add(Status::Failed, format!("refused: {refusal}")),
        verdict => {
            for caution in verdict.cautions() {
                facts.add(
                    Status::Warning,
                    format!("{caution}; the console asks before opening it"),
                );
            }
            let address = verdict.address(url).unwrap_or(url);
            if let Some(reach) = probes.ask(address) {
                let status = match reach {
                    Reach::Answers(_) => Status::Ready,
                    Reach::Program(_) => Status::Failed,
                    _ => Status::Warning,
                };
                facts.add(status, format!("{address} {reach}"));
            } else {
                facts.add(
                    Status::Ready,
                    format!("{address} is a well-formed web address (not asked; add --online)"),
                );
            }
        }
    }
    facts.push_to(report, &format!("{name}: transcript"));
}
