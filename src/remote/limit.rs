//! A rate limit on refused requests, per client address: a token bucket
//! that each refusal empties by one. While a client's bucket is empty its
//! unauthenticated requests are answered 429 without looking at any token,
//! so guessing costs time and the server little. Requests with a paired
//! phone's cookie never pass through here.

use std::collections::HashMap;
use std::net::IpAddr;
use std::time::Instant;

/// Refusals a client may have in a burst.
pub const BURST: f64 = 20.0;
/// Refusals a client may have per second, sustained.
pub const PER_SEC: f64 = 5.0;
/// Clients remembered at most; beyond that, full buckets are forgotten,
/// then every newcomer shares one bucket (so a flood of addresses cannot
/// grow memory).
pub const MAX_CLIENTS: usize = 4096;

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

impl Bucket {
    fn refill(&mut self, now: Instant) {
        let secs = now.saturating_duration_since(self.at).as_secs_f64();
        self.tokens = (self.tokens + secs * PER_SEC).min(BURST);
        self.at = now;
    }
}

/// Per-address failure budgets.
#[derive(Debug, Default)]
pub struct FailureLimit {
    clients: HashMap<IpAddr, Bucket>,
    shared: Option<Bucket>,
}

impl FailureLimit {
    /// Whether `client` has used up its refusals at `now`.
    pub fn is_blocked(&mut self, client: IpAddr, now: Instant) -> bool {
        self.bucket(client).is_some_and(|bucket| {
            bucket.refill(now);
            bucket.tokens < 1.0
        })
    }

    /// Counts one refusal of `client` at `now`.
    pub fn record_failure(&mut self, client: IpAddr, now: Instant) {
        if !self.clients.contains_key(&client) && self.clients.len() >= MAX_CLIENTS {
            self.clients.retain(|_, bucket| {
                bucket.refill(now);
                bucket.tokens < BURST
            });
        }
        if self.clients.len() < MAX_CLIENTS || self.clients.contains_key(&client) {
            let bucket = self.clients.entry(client).or_insert(Bucket {
                tokens: BURST,
                at: now,
            });
            bucket.refill(now);
            bucket.tokens = (bucket.tokens - 1.0).max(0.0);
        } else {
            let bucket = self.shared.get_or_insert(Bucket {
                tokens: BURST,
                at: now,
            });
            bucket.refill(now);
            bucket.tokens = (bucket.tokens - 1.0).max(0.0);
        }
    }

    fn bucket(&mut self, client: IpAddr) -> Option<&mut Bucket> {
        if self.clients.contains_key(&client) {
            return self.clients.get_mut(&client);
        }
        if self.clients.len() >= MAX_CLIENTS {
            return self.shared.as_mut();
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use std::net::Ipv4Addr;
    use std::time::Duration;

    use super::*;

    #[test]
    fn a_burst_then_blocked_then_refilled() {
        let mut limit = FailureLimit::default();
        let ip = IpAddr::V4(Ipv4Addr::new(192, 168, 1, 7));
        let other = IpAddr::V4(Ipv4Addr::new(192, 168, 1, 8));
        let t0 = Instant::now();
        for _ in 0..20 {
            assert!(!limit.is_blocked(ip, t0));
            limit.record_failure(ip, t0);
        }
        assert!(limit.is_blocked(ip, t0));
        assert!(
            !limit.is_blocked(other, t0),
            "another address is not blocked"
        );
        // 5 refusals a second come back.
        assert!(!limit.is_blocked(ip, t0 + Duration::from_millis(250)));
        limit.record_failure(ip, t0 + Duration::from_millis(250));
        assert!(limit.is_blocked(ip, t0 + Duration::from_millis(300)));
        assert!(!limit.is_blocked(ip, t0 + Duration::from_secs(5)));
    }

    #[test]
    fn many_addresses_stay_bounded() {
        let mut limit = FailureLimit::default();
        let t0 = Instant::now();
        for i in 0..(MAX_CLIENTS as u32 + 100) {
            let ip = IpAddr::V4(Ipv4Addr::from(0x0a00_0000 + i));
            for _ in 0..25 {
                limit.record_failure(ip, t0);
            }
        }
        assert!(limit.clients.len() <= MAX_CLIENTS);
        // Newcomers beyond the bound share one (now empty) bucket.
        let late = IpAddr::V4(Ipv4Addr::new(10, 255, 0, 1));
        assert!(limit.is_blocked(late, t0));
    }
}
