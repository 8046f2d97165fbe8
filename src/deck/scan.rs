//! A light scan of a deck's RON text that finds where fields and strings
//! are, so problems found after parsing still get a line and column.
//!
//! It knows just enough RON to skip comments (`//`, nested `/* */`),
//! strings (with escapes), raw strings (`r#"..."#`) and character literals,
//! and to track bracket depth. It runs only on text that already parsed.

/// A field name followed by `:`.
#[derive(Debug, Clone)]
pub struct KeyAt {
    /// Byte offset of the name.
    pub offset: usize,
    /// The name.
    pub name: String,
    /// Bracket depth at the name (1 = inside the deck's own parentheses).
    pub depth: usize,
}

/// A string literal.
#[derive(Debug, Clone)]
pub struct StrAt {
    /// Byte offset of the opening quote (or `r`).
    pub offset: usize,
    /// The literal as written, quotes included.
    pub raw: String,
}

/// An opening bracket.
#[derive(Debug, Clone, Copy)]
pub struct Open {
    /// Byte offset of the bracket.
    pub offset: usize,
    /// Depth inside it.
    pub depth: usize,
}

/// What the scan found, in file order.
#[derive(Debug, Default)]
pub struct Scan {
    /// Every `name:`.
    pub keys: Vec<KeyAt>,
    /// Every string literal.
    pub strings: Vec<StrAt>,
    /// Every `(`, `[` and `{`.
    pub opens: Vec<Open>,
}

/// Scans `source`.
pub fn scan(source: &str) -> Scan {
    let bytes = source.as_bytes();
    let mut out = Scan::default();
    let mut depth = 0usize;
    let mut i = 0usize;
    let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
    while i < bytes.len() {
        let c = at(i);
        match c {
            b'/' if at(i + 1) == b'/' => {
                while i < bytes.len() && at(i) != b'\n' {
                    i += 1;
                }
            }
            b'/' if at(i + 1) == b'*' => {
                let mut nesting = 0usize;
                while i < bytes.len() {
                    if at(i) == b'/' && at(i + 1) == b'*' {
                        nesting += 1;
                        i += 2;
                    } else if at(i) == b'*' && at(i + 1) == b'/' {
                        nesting -= 1;
                        i += 2;
                        if nesting == 0 {
                            break;
                        }
                    } else {
                        i += 1;
                    }
                }
            }
            b'"' => {
                let start = i;
                i += 1;
                while i < bytes.len() && at(i) != b'"' {
                    i += if at(i) == b'\\' { 2 } else { 1 };
                }
                i += 1;
                push_string(&mut out, source, start, i);
            }
            b'r' if matches!(at(i + 1), b'"' | b'#') && !is_ident(at(i.wrapping_sub(1))) => {
                let start = i;
                let mut hashes = 0;
                i += 1;
                while at(i) == b'#' {
                    hashes += 1;
                    i += 1;
                }
                if at(i) != b'"' {
                    continue;
                }
                i += 1;
                loop {
                    if i >= bytes.len() {
                        break;
                    }
                    if at(i) == b'"' && (1..=hashes).all(|k| at(i + k) == b'#') {
                        i += 1 + hashes;
                        break;
                    }
                    i += 1;
                }
                push_string(&mut out, source, start, i);
            }
            b'\'' => {
                i += 1;
                while i < bytes.len() && at(i) != b'\'' {
                    i += if at(i) == b'\\' { 2 } else { 1 };
                }
                i += 1;
            }
            b'(' | b'[' | b'{' => {
                depth += 1;
                out.opens.push(Open { offset: i, depth });
                i += 1;
            }
            b')' | b']' | b'}' => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            c if is_ident_start(c) => {
                let start = i;
                while is_ident(at(i)) {
                    i += 1;
                }
                let mut j = i;
                while at(j).is_ascii_whitespace() {
                    j += 1;
                }
                if at(j) == b':' && at(j + 1) != b':' {
                    out.keys.push(KeyAt {
                        offset: start,
                        name: source.get(start..i).unwrap_or_default().to_owned(),
                        depth,
                    });
                }
            }
            _ => i += 1,
        }
    }
    out
}

fn push_string(out: &mut Scan, source: &str, start: usize, end: usize) {
    let end = end.min(source.len());
    if let Some(raw) = source.get(start..end) {
        out.strings.push(StrAt {
            offset: start,
            raw: raw.to_owned(),
        });
    }
}

fn is_ident_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_'
}

fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skips_comments_and_strings() {
        let src =
            "// title: \"no\"\n(/* title: ( */ title: \"a: (\", r#\"x\"#, slides: [(id: \"s\")])";
        let s = scan(src);
        let keys: Vec<(&str, usize)> = s.keys.iter().map(|k| (k.name.as_str(), k.depth)).collect();
        assert_eq!(keys, [("title", 1), ("slides", 1), ("id", 3)]);
        assert_eq!(s.strings.len(), 3);
        assert_eq!(s.opens.len(), 3);
    }
}
