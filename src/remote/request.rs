//! What a phone can ask for: one [`RemoteRequest`] per button.

use serde::Deserialize;

use crate::show::Command;

/// Longest parked question, in characters; longer text is cut there.
pub const MAX_QUESTION_CHARS: usize = 500;

/// A button pressed on a paired phone. Sent by the page as JSON, e.g.
/// `{"command":"next"}` or `{"command":"park_question","text":"…"}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(tag = "command", rename_all = "snake_case", deny_unknown_fields)]
pub enum RemoteRequest {
    /// Next slide.
    Next,
    /// Previous slide.
    Previous,
    /// Black the audience view, or show the slide again.
    ToggleBlackout,
    /// Start the discussion count-down for the next question on the slide,
    /// or stop the running one.
    ToggleDiscussion,
    /// Stop the discussion count-down.
    StopDiscussion,
    /// Note a question from the room in the parking lot (issue 19's
    /// session work), stamped by the app with the slide and the time.
    ParkQuestion {
        /// The question, one line, at most [`MAX_QUESTION_CHARS`]
        /// characters after [`RemoteRequest::parse`] cleaned it.
        text: String,
    },
}

impl RemoteRequest {
    /// The presentation command this request is, or `None` for
    /// [`RemoteRequest::ParkQuestion`], which the app hands to the parking
    /// lot.
    pub fn command(&self) -> Option<Command> {
        match self {
            Self::Next => Some(Command::Next),
            Self::Previous => Some(Command::Previous),
            Self::ToggleBlackout => Some(Command::ToggleBlackout),
            Self::ToggleDiscussion => Some(Command::ToggleDiscussion),
            Self::StopDiscussion => Some(Command::StopDiscussion),
            Self::ParkQuestion { .. } => None,
        }
    }

    /// Reads a request from the page's JSON body. A parked question is
    /// cleaned: control characters become spaces, surrounding space goes,
    /// and it is cut at [`MAX_QUESTION_CHARS`]; an empty one is refused.
    pub fn parse(body: &[u8]) -> Option<Self> {
        // serde's deny_unknown_fields does not reach the unit variants of
        // an internally tagged enum: check the keys here.
        let value: serde_json::Value = serde_json::from_slice(body).ok()?;
        let allowed = |key: &str| key == "command" || key == "text";
        if !value.as_object()?.keys().all(|key| allowed(key)) {
            return None;
        }
        let has_text = value.get("text").is_some();
        let request: Self = serde_json::from_value(value).ok()?;
        if has_text != matches!(request, Self::ParkQuestion { .. }) {
            return None;
        }
        match request {
            Self::ParkQuestion { text } => {
                let cleaned: String = text
                    .chars()
                    .map(|c| if c.is_control() { ' ' } else { c })
                    .take(MAX_QUESTION_CHARS)
                    .collect();
                let cleaned = cleaned.trim();
                (!cleaned.is_empty()).then(|| Self::ParkQuestion {
                    text: cleaned.to_string(),
                })
            }
            other => Some(other),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buttons_become_the_keys_commands() {
        assert_eq!(
            RemoteRequest::parse(br#"{"command":"next"}"#).and_then(|r| r.command()),
            Some(Command::Next)
        );
        assert_eq!(
            RemoteRequest::parse(br#"{"command":"toggle_blackout"}"#).and_then(|r| r.command()),
            Some(Command::ToggleBlackout)
        );
        assert_eq!(
            RemoteRequest::parse(br#"{"command":"toggle_discussion"}"#).and_then(|r| r.command()),
            Some(Command::ToggleDiscussion)
        );
    }

    #[test]
    fn unknown_or_malformed_requests_are_refused() {
        for body in [
            &b""[..],
            b"next",
            br#"{"command":"quit"}"#,
            br#"{"command":"next","extra":1}"#,
            br#"{"command":"next","text":"x"}"#,
            br#"{"command":"park_question"}"#,
            br#"{"command":"park_question","text":"  \n\t "}"#,
            b"\xff\xfe",
        ] {
            assert_eq!(RemoteRequest::parse(body), None, "{body:?}");
        }
    }

    #[test]
    fn parked_questions_are_one_clean_line() {
        let long = "why? ".repeat(200);
        let body =
            serde_json::json!({"command": "park_question", "text": format!(" a\nb\u{7}c {long}")});
        let Some(RemoteRequest::ParkQuestion { text }) =
            RemoteRequest::parse(body.to_string().as_bytes())
        else {
            unreachable!("a question with text parses");
        };
        assert!(text.starts_with("a b c why?"));
        assert!(text.chars().count() <= MAX_QUESTION_CHARS);
        assert!(!text.chars().any(char::is_control));
        assert_eq!(RemoteRequest::ParkQuestion { text }.command(), None);
    }
}
