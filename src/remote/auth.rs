//! Pairing: the one-time token in the QR code and the session cookies it
//! is exchanged for. Secrets come from the OS's CSPRNG (getrandom) and are
//! compared in constant time (subtle).

use std::collections::VecDeque;

use subtle::ConstantTimeEq;

/// Bytes in a pairing token (128 bits, the minimum).
pub const TOKEN_BYTES: usize = 16;
/// Bytes in a session cookie's value (256 bits).
pub const SESSION_BYTES: usize = 32;

/// A random secret of `N` bytes.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret<const N: usize>([u8; N]);

impl<const N: usize> std::fmt::Debug for Secret<N> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(..)")
    }
}

impl<const N: usize> Secret<N> {
    /// A fresh secret from the OS's random number generator.
    pub fn random() -> Result<Self, String> {
        let mut bytes = [0u8; N];
        getrandom::fill(&mut bytes).map_err(|error| error.to_string())?;
        Ok(Self(bytes))
    }

    /// Lower-case hex, two characters a byte.
    pub fn hex(&self) -> String {
        use std::fmt::Write;
        self.0
            .iter()
            .fold(String::with_capacity(N * 2), |mut s, b| {
                let _ = write!(s, "{b:02x}");
                s
            })
    }

    /// Whether `presented` (hex, as sent by a client) is this secret. The
    /// comparison of the bytes takes the same time wherever they differ;
    /// only a malformed value (wrong length, not hex) returns early, which
    /// tells nothing about the secret.
    pub fn matches(&self, presented: &str) -> bool {
        let Some(bytes) = decode_hex::<N>(presented) else {
            return false;
        };
        bool::from(self.0.ct_eq(&bytes))
    }
}

fn decode_hex<const N: usize>(text: &str) -> Option<[u8; N]> {
    let raw = text.as_bytes();
    if raw.len() != N * 2 {
        return None;
    }
    let mut out = [0u8; N];
    for (byte, pair) in out.iter_mut().zip(raw.chunks_exact(2)) {
        let [hi, lo] = pair else { return None };
        *byte = (nibble(*hi)? << 4) | nibble(*lo)?;
    }
    Some(out)
}

fn nibble(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// The pairing state: at most one live token, and the paired phones'
/// sessions (oldest first).
#[derive(Debug)]
pub struct Pairing {
    token: Option<Secret<TOKEN_BYTES>>,
    sessions: VecDeque<Secret<SESSION_BYTES>>,
    max_phones: usize,
}

/// What a pairing attempt did.
#[derive(Debug, PartialEq, Eq)]
pub enum PairOutcome {
    /// The token was right: here is the new session's cookie value, and
    /// whether an older phone was unpaired to make room.
    Paired {
        /// The session cookie's value (hex).
        cookie: String,
        /// Whether an older phone lost its pairing.
        revoked_other: bool,
    },
    /// Wrong, malformed or already used token.
    Refused,
}

impl Pairing {
    /// A fresh token, no phone paired; `max_phones` below 1 counts as 1.
    pub fn new(max_phones: usize) -> Result<Self, String> {
        Ok(Self {
            token: Some(Secret::random()?),
            sessions: VecDeque::new(),
            max_phones: max_phones.max(1),
        })
    }

    /// The live token in hex, if it has not been used yet.
    pub fn token_hex(&self) -> Option<String> {
        self.token.as_ref().map(Secret::hex)
    }

    /// Replaces the token with a new one (the old one stops working) and
    /// returns it in hex.
    pub fn renew_token(&mut self) -> Result<String, String> {
        let token = Secret::random()?;
        let hex = token.hex();
        self.token = Some(token);
        Ok(hex)
    }

    /// Exchanges `presented` for a session if it is the live token. The
    /// token is used up; the oldest phone is unpaired when there would be
    /// more than `max_phones`.
    pub fn pair(&mut self, presented: &str) -> Result<PairOutcome, String> {
        let Some(token) = &self.token else {
            return Ok(PairOutcome::Refused);
        };
        if !token.matches(presented) {
            return Ok(PairOutcome::Refused);
        }
        let session = Secret::random()?;
        let cookie = session.hex();
        self.token = None;
        self.sessions.push_back(session);
        let mut revoked_other = false;
        while self.sessions.len() > self.max_phones {
            self.sessions.pop_front();
            revoked_other = true;
        }
        Ok(PairOutcome::Paired {
            cookie,
            revoked_other,
        })
    }

    /// Whether `cookie` (hex) is a paired phone's session. Every session is
    /// compared, whatever matches, so the time does not tell which.
    pub fn is_paired(&self, cookie: &str) -> bool {
        self.sessions
            .iter()
            .fold(false, |found, session| session.matches(cookie) | found)
    }

    /// Number of paired phones.
    pub fn paired_count(&self) -> usize {
        self.sessions.len()
    }

    /// How many phones may be paired at once from now on (below 1 counts
    /// as 1). When fewer are allowed than are paired, the phones paired
    /// longest ago are unpaired. Returns how many were unpaired.
    pub fn set_max_phones(&mut self, max_phones: usize) -> usize {
        self.max_phones = max_phones.max(1);
        let excess = self.sessions.len().saturating_sub(self.max_phones);
        self.sessions.drain(..excess);
        excess
    }

    /// How many phones may be paired at once.
    pub fn max_phones(&self) -> usize {
        self.max_phones
    }

    /// Unpairs every phone; the token is unchanged.
    pub fn revoke_all(&mut self) {
        self.sessions.clear();
    }
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )]

    use super::*;

    fn paired_cookie(outcome: PairOutcome) -> String {
        match outcome {
            PairOutcome::Paired { cookie, .. } => cookie,
            PairOutcome::Refused => panic!("pairing refused"),
        }
    }

    #[test]
    fn tokens_are_128_bit_hex_and_differ() {
        let a = Pairing::new(1).unwrap().token_hex().unwrap();
        let b = Pairing::new(1).unwrap().token_hex().unwrap();
        assert_eq!(a.len(), 32);
        assert!(a.bytes().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
    }

    #[test]
    fn the_token_pairs_once() {
        let mut pairing = Pairing::new(1).unwrap();
        let token = pairing.token_hex().unwrap();
        let cookie = paired_cookie(pairing.pair(&token).unwrap());
        assert!(pairing.is_paired(&cookie));
        assert_eq!(pairing.pair(&token).unwrap(), PairOutcome::Refused);
        assert_eq!(pairing.token_hex(), None);
    }

    #[test]
    fn wrong_and_malformed_tokens_are_refused() {
        let mut pairing = Pairing::new(1).unwrap();
        let token = pairing.token_hex().unwrap();
        let mut wrong = token.clone().into_bytes();
        wrong[31] = if wrong[31] == b'0' { b'1' } else { b'0' };
        for bad in [
            String::from_utf8(wrong).unwrap(),
            String::new(),
            token[..31].to_string(),
            format!("{token}0"),
            "zz".repeat(16),
            "é".repeat(16),
        ] {
            assert_eq!(pairing.pair(&bad).unwrap(), PairOutcome::Refused, "{bad}");
        }
        assert_eq!(pairing.paired_count(), 0);
        // Upper-case hex is the same token.
        assert!(matches!(
            pairing.pair(&token.to_uppercase()).unwrap(),
            PairOutcome::Paired { .. }
        ));
    }

    #[test]
    fn a_new_pairing_unpairs_the_old_phone() {
        let mut pairing = Pairing::new(1).unwrap();
        let old_token = pairing.token_hex().unwrap();
        let first = paired_cookie(pairing.pair(&old_token).unwrap());
        let new_token = pairing.renew_token().unwrap();
        // The first phone stays paired until the new token is used.
        assert!(pairing.is_paired(&first));
        assert_eq!(pairing.pair(&old_token).unwrap(), PairOutcome::Refused);
        let outcome = pairing.pair(&new_token).unwrap();
        assert!(matches!(
            outcome,
            PairOutcome::Paired {
                revoked_other: true,
                ..
            }
        ));
        let second = paired_cookie(outcome);
        assert!(!pairing.is_paired(&first));
        assert!(pairing.is_paired(&second));
    }

    #[test]
    fn two_phones_when_allowed() {
        let mut pairing = Pairing::new(2).unwrap();
        let first = paired_cookie(pairing.pair(&pairing.token_hex().unwrap()).unwrap());
        let token = pairing.renew_token().unwrap();
        let second = paired_cookie(pairing.pair(&token).unwrap());
        assert!(pairing.is_paired(&first) && pairing.is_paired(&second));
        pairing.revoke_all();
        assert!(!pairing.is_paired(&first) && !pairing.is_paired(&second));
    }

    #[test]
    fn allowing_fewer_phones_unpairs_the_oldest() {
        let mut pairing = Pairing::new(3).unwrap();
        let mut cookies = Vec::new();
        for _ in 0..3 {
            let token = pairing.renew_token().unwrap();
            cookies.push(paired_cookie(pairing.pair(&token).unwrap()));
        }
        assert_eq!(pairing.paired_count(), 3);
        assert_eq!(pairing.set_max_phones(1), 2);
        assert_eq!(pairing.max_phones(), 1);
        assert!(!pairing.is_paired(&cookies[0]) && !pairing.is_paired(&cookies[1]));
        assert!(
            pairing.is_paired(&cookies[2]),
            "the newest phone stays paired"
        );
        // Allowing more again unpairs nothing and lets a second phone in.
        assert_eq!(pairing.set_max_phones(2), 0);
        let token = pairing.renew_token().unwrap();
        let fourth = paired_cookie(pairing.pair(&token).unwrap());
        assert!(pairing.is_paired(&cookies[2]) && pairing.is_paired(&fourth));
        assert_eq!(pairing.set_max_phones(0), 1, "0 counts as 1");
    }
}
