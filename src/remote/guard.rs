//! Checks every request passes before anything else: the Host header names
//! this server (against DNS rebinding), the Origin, when sent, is this
//! server's, and the session cookie. Plus the headers every response gets.

use std::net::SocketAddr;

use axum::http::{HeaderMap, HeaderValue, Method, header};

/// The session cookie's name.
pub const COOKIE_NAME: &str = "cuecard_session";

/// The headers every response carries: no caching anywhere (notes must not
/// linger in the phone's cache), no sniffing, no framing, no referrer, and
/// a content security policy that allows only this server's own files.
pub fn security_headers(headers: &mut HeaderMap) {
    let pairs = [
        (header::CACHE_CONTROL, "no-store"),
        (header::PRAGMA, "no-cache"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "no-referrer"),
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        ),
    ];
    for (name, value) in pairs {
        headers.insert(name, HeaderValue::from_static(value));
    }
}

/// The Host header value this server answers to (`192.168.1.20:8765`,
/// `[fe80::1]:8765`).
pub fn expected_host(address: SocketAddr) -> String {
    address.to_string()
}

/// Whether the request's Host header is exactly this server's address and
/// port (ASCII case aside). A rebinding attacker's page sends its own name.
pub fn host_ok(headers: &HeaderMap, expected: &str) -> bool {
    let mut hosts = headers.get_all(header::HOST).iter();
    match (hosts.next(), hosts.next()) {
        (Some(host), None) => host
            .to_str()
            .is_ok_and(|host| host.eq_ignore_ascii_case(expected)),
        _ => false,
    }
}

/// Whether the Origin is acceptable: when present it must be
/// `http://<this server's address>`; requests that change something (any
/// method but GET and HEAD) must send it (browsers always do).
pub fn origin_ok(method: &Method, headers: &HeaderMap, expected_host: &str) -> bool {
    let mut origins = headers.get_all(header::ORIGIN).iter();
    match (origins.next(), origins.next()) {
        (None, _) => *method == Method::GET || *method == Method::HEAD,
        (Some(origin), None) => origin.to_str().is_ok_and(|origin| {
            origin
                .strip_prefix("http://")
                .is_some_and(|host| host.eq_ignore_ascii_case(expected_host))
        }),
        (Some(_), Some(_)) => false,
    }
}

/// The value of the session cookie, if the request sends one (the last
/// one if a client sends several: none of them can be a guess that helps).
pub fn session_cookie(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| {
            let (name, value) = pair.trim().split_once('=')?;
            (name == COOKIE_NAME).then_some(value)
        })
        .next_back()
}

/// The Set-Cookie value for a new session: `HttpOnly` (the page's script
/// cannot read it), SameSite=Strict (no other site's page can make the
/// phone send it), for the whole server, gone when the browser closes.
/// Not `Secure`: the server speaks plain HTTP (see docs/remote.md).
pub fn set_cookie(value: &str) -> String {
    format!("{COOKIE_NAME}={value}; HttpOnly; SameSite=Strict; Path=/")
}

/// The `token` parameter of a query string, if there is exactly one.
pub fn token_param(query: Option<&str>) -> Option<&str> {
    let mut tokens = query?
        .split('&')
        .filter_map(|pair| pair.strip_prefix("token="));
    match (tokens.next(), tokens.next()) {
        (Some(token), None) => Some(token),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn only_this_servers_host_passes() {
        let expected = "192.168.1.20:8765";
        assert!(host_ok(
            &headers(&[("host", "192.168.1.20:8765")]),
            expected
        ));
        for bad in [
            "evil.example:8765",
            "192.168.1.20",
            "192.168.1.20:8766",
            "localhost:8765",
        ] {
            let map = {
                let mut m = HeaderMap::new();
                m.insert(
                    header::HOST,
                    HeaderValue::from_str(bad).unwrap_or(HeaderValue::from_static("x")),
                );
                m
            };
            assert!(!host_ok(&map, expected), "{bad}");
        }
        assert!(!host_ok(&HeaderMap::new(), expected));
        assert!(!host_ok(
            &headers(&[("host", "192.168.1.20:8765"), ("host", "evil.example")]),
            expected
        ));
    }

    #[test]
    fn foreign_origins_are_refused() {
        let expected = "127.0.0.1:9000";
        let same = headers(&[("origin", "http://127.0.0.1:9000")]);
        let foreign = headers(&[("origin", "http://evil.example")]);
        let null = headers(&[("origin", "null")]);
        let none = HeaderMap::new();
        assert!(origin_ok(&Method::POST, &same, expected));
        assert!(!origin_ok(&Method::POST, &foreign, expected));
        assert!(!origin_ok(&Method::GET, &foreign, expected));
        assert!(!origin_ok(&Method::POST, &null, expected));
        assert!(origin_ok(&Method::GET, &none, expected));
        assert!(!origin_ok(&Method::POST, &none, expected));
    }

    #[test]
    fn cookies_and_tokens_are_found() {
        let map = headers(&[("cookie", "a=1; cuecard_session=abc; b=2")]);
        assert_eq!(session_cookie(&map), Some("abc"));
        assert_eq!(
            session_cookie(&headers(&[("cookie", "xcuecard_session=abc")])),
            None
        );
        assert_eq!(token_param(Some("token=ff")), Some("ff"));
        assert_eq!(token_param(Some("a=b&token=ff")), Some("ff"));
        assert_eq!(token_param(Some("token=ff&token=ee")), None);
        assert_eq!(token_param(None), None);
        assert!(set_cookie("v").contains("HttpOnly; SameSite=Strict"));
    }
}
