//! Strict RFC 8259 JSON parsing into a flat token tape.
//!
//! [`Doc::parse`] checks the whole text in one iterative pass (no recursion, so
//! hostile nesting cannot overflow the stack) and records one token per value
//! and one per object key, each pointing into the borrowed source text. Nothing
//! is decoded or allocated per value: strings are unescaped and numbers
//! converted only when a [`View`] is asked for them.
//!
//! Acceptance matches `JSON.parse`: no trailing commas, comments, leading
//! zeros, single quotes or unescaped control characters; numbers of any length
//! and magnitude; lone surrogate escapes are accepted (and decode to U+FFFD).
//! (serde_json, the fuzz targets' reference, refuses the last two.)
//!
//! Every token knows where its subtree ends (`next`), so skipping a value is
//! O(1) and iterating a container walks only its direct children.

use std::borrow::Cow;
use std::fmt;

/// Deepest nesting of arrays/objects accepted.
pub const MAX_DEPTH: usize = 128;

/// The type of a JSON value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `null`
    Null,
    /// `true` or `false`
    Bool,
    /// A number literal.
    Num,
    /// A string (also every object key).
    Str,
    /// An array.
    Arr,
    /// An object.
    Obj,
}

/// Where and why parsing failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// Byte offset in the source where the problem was found.
    pub offset: usize,
    /// JSON path of the value being parsed when it failed, in the form
    /// `results[3].name` ("" at the root). Object members count from their key,
    /// array elements from the `[` or `,` before them.
    pub path: String,
    /// What went wrong, e.g. "expected `,` or `}`", "unexpected end of input".
    pub message: &'static str,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = if self.path.is_empty() {
            "$"
        } else {
            &self.path
        };
        write!(f, "{} at {} (byte {})", self.message, at, self.offset)
    }
}

impl std::error::Error for ParseError {}

pub(crate) const EOF: &str = "unexpected end of input";
pub(crate) const BAD_NUM: &str = "invalid number";
pub(crate) const BAD_ESC: &str = "invalid escape";
pub(crate) const CTRL: &str = "control character in string";
pub(crate) const DEPTH: &str = "nesting deeper than 128 levels";
pub(crate) const TRAILING: &str = "trailing characters after the value";
pub(crate) const VALUE: &str = "expected value";
pub(crate) const KEY: &str = "expected string key";
pub(crate) const COLON: &str = "expected `:`";
pub(crate) const LITERAL: &str = "invalid literal";
pub(crate) const TOO_LARGE: &str = "input too large";

/// One value or object key. Offsets are bytes into the source; for `Str`
/// `start` is the opening quote and `end` is just past the closing quote.
#[derive(Debug, Clone, Copy)]
struct Tok {
    start: u32,
    end: u32,
    /// Index of the first token after this value's subtree.
    next: u32,
    /// Elements (Arr) or members (Obj).
    len: u32,
    kind: Kind,
    /// Str: has escapes. Num: has fraction or exponent. Bool: the value.
    flag: bool,
}

static NO_TOK: Tok = Tok {
    start: 0,
    end: 0,
    next: 0,
    len: 0,
    kind: Kind::Null,
    flag: false,
};

/// A parsed JSON document: the source text plus its token tape.
#[derive(Debug, Clone)]
pub struct Doc<'a> {
    src: &'a str,
    toks: Vec<Tok>,
}

impl<'a> Doc<'a> {
    /// Parses exactly one JSON value, optionally surrounded by JSON whitespace
    /// (space, \t, \n, \r).
    pub fn parse(src: &'a str) -> Result<Doc<'a>, ParseError> {
        if u32::try_from(src.len()).is_err() {
            return Err(ParseError {
                offset: 0,
                path: String::new(),
                message: TOO_LARGE,
            });
        }
        let mut toks = Vec::with_capacity(src.len() / 8 + 4);
        let mut stack = Vec::with_capacity(16);
        match run(src.as_bytes(), &mut toks, &mut stack) {
            Ok(()) => Ok(Doc { src, toks }),
            Err((offset, message)) => Err(ParseError {
                offset,
                path: path_of(src, &toks, &stack),
                message,
            }),
        }
    }

    /// The top-level value.
    pub fn root(&self) -> View<'_> {
        View {
            src: self.src,
            toks: &self.toks,
            i: 0,
        }
    }

    /// The parsed source text.
    pub fn src(&self) -> &'a str {
        self.src
    }
}

/// An open array or object during parsing.
struct Frame {
    tok: u32,
    /// Token of the current member's key, or `NONE` between members.
    key: u32,
    /// Members seen so far / elements begun so far.
    count: u32,
    obj: bool,
}

const NONE: u32 = u32::MAX;

/// A parse failure: byte offset and message.
pub(crate) type Fail = (usize, &'static str);

fn run(s: &[u8], toks: &mut Vec<Tok>, stack: &mut Vec<Frame>) -> Result<(), Fail> {
    let mut i = 0;
    'value: loop {
        i = ws(s, i);
        let start = i;
        let idx = toks.len() as u32;
        let Some(&c) = s.get(i) else {
            return Err((i, EOF));
        };
        let (kind, flag) = match c {
            b'[' | b'{' => {
                if stack.len() >= MAX_DEPTH {
                    return Err((i, DEPTH));
                }
                let obj = c == b'{';
                let kind = if obj { Kind::Obj } else { Kind::Arr };
                toks.push(tok(kind, start, start, false));
                i = ws(s, i + 1);
                if s.get(i) == Some(if obj { &b'}' } else { &b']' }) {
                    i += 1;
                    finish(toks, idx, i, 0);
                } else {
                    let mut f = Frame {
                        tok: idx,
                        key: NONE,
                        count: 0,
                        obj,
                    };
                    let r = if obj {
                        key(s, i, toks, &mut f)
                    } else {
                        f.count = 1;
                        Ok(i)
                    };
                    stack.push(f);
                    i = r?;
                    continue 'value;
                }
                (kind, false)
            }
            b'"' => {
                let (e, esc) = string(s, i + 1)?;
                i = e + 1;
                (Kind::Str, esc)
            }
            b'-' | b'0'..=b'9' => {
                let (e, frac) = number(s, i)?;
                i = e;
                (Kind::Num, frac)
            }
            b't' => {
                i = literal(s, i, b"true")?;
                (Kind::Bool, true)
            }
            b'f' => {
                i = literal(s, i, b"false")?;
                (Kind::Bool, false)
            }
            b'n' => {
                i = literal(s, i, b"null")?;
                (Kind::Null, false)
            }
            _ => return Err((i, VALUE)),
        };
        if kind != Kind::Arr && kind != Kind::Obj {
            toks.push(tok(kind, start, i, flag));
        }
        // A value just ended: close containers until one continues with `,`.
        loop {
            i = ws(s, i);
            let Some(f) = stack.last_mut() else {
                return if i == s.len() {
                    Ok(())
                } else {
                    Err((i, TRAILING))
                };
            };
            match s.get(i) {
                Some(b',') => {
                    if f.obj {
                        i = key(s, i + 1, toks, f)?;
                    } else {
                        f.count += 1;
                        i += 1;
                    }
                    continue 'value;
                }
                Some(b']') if !f.obj => {}
                Some(b'}') if f.obj => {}
                None => return Err((i, EOF)),
                _ if f.obj => return Err((i, "expected `,` or `}`")),
                _ => return Err((i, "expected `,` or `]`")),
            }
            i += 1;
            let (t, n) = (f.tok, f.count);
            stack.pop();
            finish(toks, t, i, n);
        }
    }
}

fn tok(kind: Kind, start: usize, end: usize, flag: bool) -> Tok {
    Tok {
        start: start as u32,
        end: end as u32,
        next: 0,
        len: 0,
        kind,
        flag,
    }
}

/// Closes container token `t`: its text ends at `end`, its subtree at the tape's end.
fn finish(toks: &mut [Tok], t: u32, end: usize, len: u32) {
    let next = toks.len() as u32;
    if let Some(tk) = toks.get_mut(t as usize) {
        tk.end = end as u32;
        tk.next = next;
        tk.len = len;
    }
}

/// Parses `"key" :` starting at (or before whitespace before) `i`; returns the
/// offset after the colon.
fn key(s: &[u8], i: usize, toks: &mut Vec<Tok>, f: &mut Frame) -> Result<usize, Fail> {
    f.key = NONE;
    let i = ws(s, i);
    match s.get(i) {
        Some(b'"') => {}
        None => return Err((i, EOF)),
        _ => return Err((i, KEY)),
    }
    let (e, esc) = string(s, i + 1)?;
    let mut t = tok(Kind::Str, i, e + 1, esc);
    t.next = toks.len() as u32 + 1;
    f.key = toks.len() as u32;
    f.count += 1;
    toks.push(t);
    let i = ws(s, e + 1);
    match s.get(i) {
        Some(b':') => Ok(i + 1),
        None => Err((i, EOF)),
        _ => Err((i, COLON)),
    }
}

#[inline]
pub(crate) fn ws(s: &[u8], mut i: usize) -> usize {
    while let Some(b' ' | b'\t' | b'\n' | b'\r') = s.get(i) {
        i += 1;
    }
    i
}

#[inline]
fn digits(s: &[u8], mut i: usize) -> usize {
    while let Some(b'0'..=b'9') = s.get(i) {
        i += 1;
    }
    i
}

#[inline]
pub(crate) fn literal(s: &[u8], i: usize, word: &[u8]) -> Result<usize, Fail> {
    match s.get(i..i + word.len()) {
        Some(w) if w == word => Ok(i + word.len()),
        _ => Err((i, LITERAL)),
    }
}

/// Scans a number at `i`; returns its end and whether it has a fraction or exponent.
#[inline]
pub(crate) fn number(s: &[u8], mut i: usize) -> Result<(usize, bool), Fail> {
    if s.get(i) == Some(&b'-') {
        i += 1;
    }
    match s.get(i) {
        Some(b'0') => {
            i += 1;
            if let Some(b'0'..=b'9') = s.get(i) {
                return Err((i, BAD_NUM));
            }
        }
        Some(b'1'..=b'9') => i = digits(s, i + 1),
        _ => return Err((i, BAD_NUM)),
    }
    let mut frac = false;
    if s.get(i) == Some(&b'.') {
        frac = true;
        let j = digits(s, i + 1);
        if j == i + 1 {
            return Err((j, BAD_NUM));
        }
        i = j;
    }
    if let Some(b'e' | b'E') = s.get(i) {
        frac = true;
        i += 1;
        if let Some(b'+' | b'-') = s.get(i) {
            i += 1;
        }
        let j = digits(s, i);
        if j == i {
            return Err((j, BAD_NUM));
        }
        i = j;
    }
    Ok((i, frac))
}

const LO: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;

/// High bit set in each byte of `w` that is `"`, `\` or below 0x20. Bits above
/// the lowest one may be false positives, the lowest one is always exact.
#[inline]
fn special(w: u64) -> u64 {
    let q = w ^ (LO * b'"' as u64);
    let b = w ^ (LO * b'\\' as u64);
    (q.wrapping_sub(LO) & !q | b.wrapping_sub(LO) & !b | w.wrapping_sub(LO * 0x20) & !w) & HI
}

/// Scans string contents from `i` (just past the opening quote); returns the
/// offset of the closing quote and whether there were escapes.
#[inline]
pub(crate) fn string(s: &[u8], mut i: usize) -> Result<(usize, bool), Fail> {
    let mut esc = false;
    loop {
        while let Some(w) = s.get(i..).and_then(|r| r.first_chunk::<8>()) {
            let m = special(u64::from_le_bytes(*w));
            if m != 0 {
                i += (m.trailing_zeros() / 8) as usize;
                break;
            }
            i += 8;
        }
        match s.get(i) {
            Some(b'"') => return Ok((i, esc)),
            Some(b'\\') => {
                esc = true;
                match s.get(i + 1) {
                    Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => i += 2,
                    Some(b'u')
                        if s.get(i + 2..i + 6)
                            .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) =>
                    {
                        i += 6
                    }
                    None => return Err((i + 1, EOF)),
                    _ => return Err((i, BAD_ESC)),
                }
            }
            Some(&b) if b < 0x20 => return Err((i, CTRL)),
            Some(_) => i += 1,
            None => return Err((i, EOF)),
        }
    }
}

/// Path of the innermost value being parsed, from the open containers.
fn path_of(src: &str, toks: &[Tok], stack: &[Frame]) -> String {
    let mut p = String::new();
    for f in stack {
        if f.obj {
            if f.key != NONE {
                if !p.is_empty() {
                    p.push('.');
                }
                let k = View {
                    src,
                    toks,
                    i: f.key,
                };
                p.push_str(&k.str().unwrap_or_default());
            }
        } else if f.count > 0 {
            p.push('[');
            p.push_str(&(f.count - 1).to_string());
            p.push(']');
        }
    }
    p
}

fn hex4(b: &[u8], i: usize) -> Option<u32> {
    let mut v = 0;
    for &c in b.get(i..i + 4)? {
        v = v * 16 + (c as char).to_digit(16)?;
    }
    Some(v)
}

/// Decodes the (already validated) contents of a string with escapes.
pub(crate) fn decode(raw: &str) -> String {
    const BAD: char = '\u{FFFD}';
    let b = raw.as_bytes();
    let mut out = String::with_capacity(raw.len());
    let (mut i, mut run) = (0, 0);
    while let Some(&c) = b.get(i) {
        if c != b'\\' {
            i += 1;
            continue;
        }
        out.push_str(raw.get(run..i).unwrap_or(""));
        let e = b.get(i + 1).copied().unwrap_or(b'\\');
        i += 2;
        let ch = match e {
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let hi = hex4(b, i);
                i += 4;
                match hi {
                    Some(h @ 0xD800..=0xDBFF) => {
                        let lo = match b.get(i..i + 2) {
                            Some(br"\u") => hex4(b, i + 2),
                            _ => None,
                        };
                        match lo {
                            Some(l @ 0xDC00..=0xDFFF) => {
                                i += 6;
                                char::from_u32(0x10000 + ((h - 0xD800) << 10) + (l - 0xDC00))
                                    .unwrap_or(BAD)
                            }
                            _ => BAD,
                        }
                    }
                    Some(h) => char::from_u32(h).unwrap_or(BAD),
                    None => BAD,
                }
            }
            other => other as char,
        };
        out.push(ch);
        run = i;
    }
    out.push_str(raw.get(run..).unwrap_or(""));
    out
}

/// A read-only cursor on one value of a [`Doc`]. Cheap to copy.
#[derive(Clone, Copy)]
pub struct View<'d> {
    src: &'d str,
    toks: &'d [Tok],
    i: u32,
}

impl fmt::Debug for View<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("View")
            .field("kind", &self.kind())
            .field("raw", &self.raw())
            .finish()
    }
}

impl<'d> View<'d> {
    fn tok(&self) -> &'d Tok {
        self.toks.get(self.i as usize).unwrap_or(&NO_TOK)
    }

    fn at(&self, i: u32) -> View<'d> {
        View {
            src: self.src,
            toks: self.toks,
            i,
        }
    }

    /// The value's type.
    pub fn kind(&self) -> Kind {
        self.tok().kind
    }

    fn raw_range(&self) -> (usize, usize) {
        let t = self.tok();
        if t.kind == Kind::Str {
            (t.start as usize + 1, (t.end as usize).saturating_sub(1))
        } else {
            (t.start as usize, t.end as usize)
        }
    }

    /// Raw source text: for Str the text between the quotes with escapes NOT
    /// decoded; for Num/Bool/Null the literal; for Arr/Obj the whole text
    /// including brackets.
    pub fn raw(&self) -> &'d str {
        let (a, b) = self.raw_range();
        self.src.get(a..b).unwrap_or("")
    }

    /// Like [`View::raw`] as bytes, without the character-boundary checks of
    /// `str` slicing (the walker compares keys by their bytes).
    pub fn raw_bytes(&self) -> &'d [u8] {
        let (a, b) = self.raw_range();
        self.src.as_bytes().get(a..b).unwrap_or_default()
    }

    /// Byte offset of the value's first character in the source (for Str: the
    /// opening quote).
    pub fn offset(&self) -> usize {
        self.tok().start as usize
    }

    /// For Str: true when raw() contains a backslash escape.
    pub fn has_escapes(&self) -> bool {
        let t = self.tok();
        t.kind == Kind::Str && t.flag
    }

    /// For Str: the decoded text (borrowed when there are no escapes). A lone
    /// surrogate escape decodes to U+FFFD. None for other kinds.
    pub fn str(&self) -> Option<Cow<'d, str>> {
        let t = self.tok();
        if t.kind != Kind::Str {
            return None;
        }
        let raw = self.raw();
        Some(if t.flag {
            Cow::Owned(decode(raw))
        } else {
            Cow::Borrowed(raw)
        })
    }

    /// True for `null`.
    pub fn is_null(&self) -> bool {
        self.kind() == Kind::Null
    }

    /// For Bool: its value.
    pub fn bool(&self) -> Option<bool> {
        let t = self.tok();
        (t.kind == Kind::Bool).then_some(t.flag)
    }

    /// For Num whose literal is an integer (no fraction, no exponent) that
    /// fits i64. None otherwise.
    pub fn i64(&self) -> Option<i64> {
        if self.is_integer_literal() {
            self.raw().parse().ok()
        } else {
            None
        }
    }

    /// For Num: true when the literal has no fraction and no exponent (any size).
    pub fn is_integer_literal(&self) -> bool {
        let t = self.tok();
        t.kind == Kind::Num && !t.flag
    }

    /// For Num: the value as f64 (huge magnitudes become infinite).
    pub fn f64(&self) -> Option<f64> {
        if self.kind() == Kind::Num {
            number_value(self.raw())
        } else {
            None
        }
    }

    /// Number of elements (Arr) or members (Obj); 0 otherwise.
    pub fn len(&self) -> usize {
        self.tok().len as usize
    }

    /// True when len() is 0.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn children(&self, kind: Kind) -> (u32, u32) {
        let t = self.tok();
        if t.kind == kind {
            (self.i + 1, t.next)
        } else {
            (0, 0)
        }
    }

    /// Iterates array elements (empty iterator for non-arrays).
    pub fn elements(&self) -> Elements<'d> {
        let (i, end) = self.children(Kind::Arr);
        Elements {
            view: self.at(i),
            end,
        }
    }

    /// Iterates object members as (key, value) in source order (empty for
    /// non-objects). The key is a Str view.
    pub fn members(&self) -> Members<'d> {
        let (i, end) = self.children(Kind::Obj);
        Members {
            view: self.at(i),
            end,
        }
    }

    /// The value of member `key` of an object; the LAST one when a key
    /// repeats, like `JSON.parse`. None when absent or not an object.
    pub fn get(&self, key: &str) -> Option<View<'d>> {
        let mut found = None;
        for (k, v) in self.members() {
            let hit = if k.tok().flag {
                k.str().is_some_and(|d| d == key)
            } else {
                let (a, b) = k.raw_range();
                self.src.as_bytes().get(a..b) == Some(key.as_bytes())
            };
            if hit {
                found = Some(v);
            }
        }
        found
    }
}

/// Iterator over the elements of an array, see [`View::elements`].
#[derive(Debug, Clone)]
pub struct Elements<'d> {
    view: View<'d>,
    end: u32,
}

impl<'d> Iterator for Elements<'d> {
    type Item = View<'d>;

    fn next(&mut self) -> Option<View<'d>> {
        let v = self.view;
        if v.i >= self.end {
            return None;
        }
        self.view.i = v.tok().next.max(v.i + 1);
        Some(v)
    }
}

/// Iterator over the members of an object, see [`View::members`].
#[derive(Debug, Clone)]
pub struct Members<'d> {
    view: View<'d>,
    end: u32,
}

impl<'d> Iterator for Members<'d> {
    type Item = (View<'d>, View<'d>);

    fn next(&mut self) -> Option<(View<'d>, View<'d>)> {
        let k = self.view;
        if k.i >= self.end {
            return None;
        }
        let v = k.at(k.i + 1);
        self.view.i = v.tok().next.max(k.i + 2);
        Some((k, v))
    }
}

/// The value of a JSON number literal (`-?int(.frac)?([eE][+-]?exp)?`),
/// without the standard float parser (5 KB of wasm). Exact for integers up
/// to 2^53 and for decimals of up to 15 significant digits with a small
/// exponent; otherwise within a few units in the last place, which is ample
/// for what the client reads as numbers (timeouts, seconds, token lifetimes).
/// `None` when `raw` is not such a literal.
pub fn number_value(raw: &str) -> Option<f64> {
    let s = raw.as_bytes();
    match number(s, 0) {
        Ok((end, _)) if end == s.len() => {}
        _ => return None,
    }
    let (neg, s) = match s.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, s),
    };
    let mut mantissa: u64 = 0;
    let mut exp: i64 = 0;
    let mut i = 0;
    let mut fraction = false;
    while let Some(&b) = s.get(i) {
        match b {
            b'0'..=b'9' => {
                if mantissa < 1_000_000_000_000_000_000 {
                    mantissa = mantissa * 10 + u64::from(b - b'0');
                    exp -= i64::from(fraction);
                } else {
                    exp += i64::from(!fraction);
                }
            }
            b'.' => fraction = true,
            _ => break,
        }
        i += 1;
    }
    if let Some(b'e' | b'E') = s.get(i) {
        let e = s.get(i + 1..).unwrap_or_default();
        let (sign, digits) = match e.split_first() {
            Some((b'-', d)) => (-1, d),
            Some((b'+', d)) => (1, d),
            _ => (1, e),
        };
        let mut n: i64 = 0;
        for &d in digits {
            n = (n * 10 + i64::from(d - b'0')).min(100_000);
        }
        exp += sign * n;
    }
    let m = mantissa as f64;
    let v = if exp >= 0 {
        m * 10f64.powi(exp.min(400) as i32)
    } else {
        m / 10f64.powi((-exp).min(400) as i32)
    };
    Some(if neg { -v } else { v })
}

/// Whether an integer literal (`-?digits`) is beyond a JS number's exact
/// range: 2^53 − 1 has 16 digits, so anything longer, or as long and larger.
pub fn is_unsafe_integer(token: &[u8]) -> bool {
    let digits = token.strip_prefix(b"-").unwrap_or(token);
    !digits.is_empty()
        && digits.iter().all(u8::is_ascii_digit)
        && (digits.len() > 16 || (digits.len() == 16 && digits > &b"9007199254740991"[..]))
}

/// Appends `s` as a JSON string literal.
pub fn quote(s: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let b = c as usize;
                out.push_str("\\u00");
                out.push(char::from(HEX[b >> 4]));
                out.push(char::from(HEX[b & 15]));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `number_value` is exact for integers to 2^53 and short decimals, and
    /// within 1e-13 relative otherwise (it is not a correctly rounded parser).
    fn close(got: f64, want: f64, src: &str) {
        let exact = want.abs() < 9.0e15 && want.fract() == 0.0
            || src.len() < 12 && !src.contains(['e', 'E']);
        if exact {
            assert_eq!(got, want, "{src}");
        } else if want.is_finite() && want != 0.0 {
            assert!(
                ((got - want) / want).abs() < 1e-13,
                "{src}: {got} vs {want}"
            );
        } else {
            assert_eq!(got, want, "{src}");
        }
        assert_eq!(got.is_sign_negative(), want.is_sign_negative(), "{src}");
    }

    fn parse(s: &str) -> Doc<'_> {
        match Doc::parse(s) {
            Ok(d) => d,
            Err(e) => panic!("{s:?} failed: {e}"),
        }
    }

    fn err(s: &str) -> ParseError {
        match Doc::parse(s) {
            Ok(_) => panic!("{s:?} should fail"),
            Err(e) => e,
        }
    }

    /// Compact re-serialization from the tape (strings and numbers kept raw).
    fn ser(v: View<'_>, out: &mut String) {
        match v.kind() {
            Kind::Arr => {
                out.push('[');
                for (n, e) in v.elements().enumerate() {
                    if n > 0 {
                        out.push(',');
                    }
                    ser(e, out);
                }
                out.push(']');
            }
            Kind::Obj => {
                out.push('{');
                for (n, (k, e)) in v.members().enumerate() {
                    if n > 0 {
                        out.push(',');
                    }
                    assert_eq!(k.kind(), Kind::Str);
                    ser(k, out);
                    out.push(':');
                    ser(e, out);
                }
                out.push('}');
            }
            Kind::Str => {
                out.push('"');
                out.push_str(v.raw());
                out.push('"');
            }
            _ => out.push_str(v.raw()),
        }
    }

    fn compact(s: &str) -> String {
        let mut out = String::new();
        ser(parse(s).root(), &mut out);
        out
    }

    #[test]
    fn scalars() {
        // (input, kind, raw, offset)
        let cases: &[(&str, Kind, &str, usize)] = &[
            ("null", Kind::Null, "null", 0),
            (" true", Kind::Bool, "true", 1),
            ("false\n", Kind::Bool, "false", 0),
            ("0", Kind::Num, "0", 0),
            ("-0", Kind::Num, "-0", 0),
            ("\t\r\n 42 \r\n\t", Kind::Num, "42", 4),
            ("-12.5e-3", Kind::Num, "-12.5e-3", 0),
            ("1E+2", Kind::Num, "1E+2", 0),
            ("0.0", Kind::Num, "0.0", 0),
            ("1e5", Kind::Num, "1e5", 0),
            (
                "123456789012345678901234567890",
                Kind::Num,
                "123456789012345678901234567890",
                0,
            ),
            ("\"\"", Kind::Str, "", 0),
            ("  \"abc\"", Kind::Str, "abc", 2),
            (r#""a\"b""#, Kind::Str, r#"a\"b"#, 0),
            ("\"héllo 中文 😀\"", Kind::Str, "héllo 中文 😀", 0),
            ("[]", Kind::Arr, "[]", 0),
            (" [ ] ", Kind::Arr, "[ ]", 1),
            ("{}", Kind::Obj, "{}", 0),
            (
                "{ \"a\" : [ 1 , 2 ] }",
                Kind::Obj,
                "{ \"a\" : [ 1 , 2 ] }",
                0,
            ),
        ];
        for &(src, kind, raw, offset) in cases {
            let d = parse(src);
            let r = d.root();
            assert_eq!(r.kind(), kind, "{src}");
            assert_eq!(r.raw(), raw, "{src}");
            assert_eq!(r.offset(), offset, "{src}");
            assert_eq!(d.src(), src);
            assert_eq!(r.is_null(), kind == Kind::Null);
            assert_eq!(r.bool().is_some(), kind == Kind::Bool);
            assert_eq!(r.str().is_some(), kind == Kind::Str);
            assert_eq!(r.f64().is_some(), kind == Kind::Num);
            if !matches!(kind, Kind::Arr | Kind::Obj) {
                assert_eq!(r.len(), 0);
                assert!(r.is_empty());
                assert_eq!(r.elements().count(), 0);
                assert_eq!(r.members().count(), 0);
                assert!(r.get("a").is_none());
            }
        }
        assert_eq!(parse("true").root().bool(), Some(true));
        assert_eq!(parse("false").root().bool(), Some(false));
        assert_eq!(parse("null").root().bool(), None);
    }

    #[test]
    fn numbers() {
        // (input, i64, is_integer_literal, f64)
        let cases: &[(&str, Option<i64>, bool, f64)] = &[
            ("0", Some(0), true, 0.0),
            ("-0", Some(0), true, -0.0),
            ("7", Some(7), true, 7.0),
            ("-123", Some(-123), true, -123.0),
            (
                "9223372036854775807",
                Some(i64::MAX),
                true,
                9.223372036854776e18,
            ),
            (
                "-9223372036854775808",
                Some(i64::MIN),
                true,
                -9.223372036854776e18,
            ),
            ("9223372036854775808", None, true, 9.223372036854776e18),
            (
                "123456789012345678901234567890",
                None,
                true,
                1.2345678901234568e29,
            ),
            ("1.0", None, false, 1.0),
            ("1E+2", None, false, 100.0),
            ("1e-2", None, false, 0.01),
            ("-2.5E3", None, false, -2500.0),
            ("0e0", None, false, 0.0),
            ("1e400", None, false, f64::INFINITY),
        ];
        for &(src, i, int, f) in cases {
            let d = parse(src);
            let r = d.root();
            assert_eq!(r.kind(), Kind::Num);
            assert_eq!(r.i64(), i, "{src}");
            assert_eq!(r.is_integer_literal(), int, "{src}");
            let got = r.f64().unwrap();
            close(got, f, src);
        }
        for v in ["null", "true", "\"1\"", "[1]", "{}"] {
            let d = parse(v);
            let r = d.root();
            assert_eq!(r.i64(), None);
            assert_eq!(r.f64(), None);
            assert!(!r.is_integer_literal());
        }
    }

    #[test]
    fn strings() {
        // (json, decoded, has_escapes)
        let cases: &[(&str, &str, bool)] = &[
            (r#""""#, "", false),
            (r#""plain""#, "plain", false),
            (r#""\"\\\/\b\f\n\r\t""#, "\"\\/\u{8}\u{c}\n\r\t", true),
            (r#""a\u0041b""#, "aAb", true),
            (r#""\u00e9\u4E2D""#, "é中", true),
            (r#""\ud83d\ude00!""#, "😀!", true),
            (r#""\uD83D\uDE00""#, "😀", true),
            (r#""\ud800""#, "\u{FFFD}", true),
            (r#""\udc00x""#, "\u{FFFD}x", true),
            (r#""\ud800\ud800""#, "\u{FFFD}\u{FFFD}", true),
            (r#""\ud800\u0041""#, "\u{FFFD}A", true),
            (r#""\ud800\n""#, "\u{FFFD}\n", true),
            (r#""\ude00\ud83d""#, "\u{FFFD}\u{FFFD}", true),
            (r#""x\ud800""#, "x\u{FFFD}", true),
            (r#""\u0000""#, "\0", true),
            ("\"é中😀 \u{7f}\"", "é中😀 \u{7f}", false),
            (
                r#""long string without escapes, more than eight bytes""#,
                "long string without escapes, more than eight bytes",
                false,
            ),
            (
                r#""0123456789abcdef\n0123456789abcdef""#,
                "0123456789abcdef\n0123456789abcdef",
                true,
            ),
        ];
        for &(src, dec, esc) in cases {
            let d = parse(src);
            let r = d.root();
            assert_eq!(r.kind(), Kind::Str);
            assert_eq!(r.has_escapes(), esc, "{src}");
            let s = r.str().unwrap();
            assert_eq!(s, dec, "{src}");
            assert_eq!(matches!(s, Cow::Borrowed(_)), !esc, "{src}");
            assert_eq!(r.raw(), &src[1..src.len() - 1]);
        }
        assert!(!parse("1").root().has_escapes());
    }

    #[test]
    fn containers() {
        let src = r#" { "a" : [1, "two", {"three": 3}, [], {}],
            "b": {"c": null, "d": true}, "e\u0301": "accent", "": 0 } "#;
        let d = parse(src);
        let r = d.root();
        assert_eq!(r.kind(), Kind::Obj);
        assert_eq!(r.len(), 4);
        assert!(!r.is_empty());
        assert_eq!(r.offset(), 1);
        let keys: Vec<_> = r
            .members()
            .map(|(k, _)| k.str().unwrap().into_owned())
            .collect();
        assert_eq!(keys, ["a", "b", "e\u{301}", ""]);
        let a = r.get("a").unwrap();
        assert_eq!(a.kind(), Kind::Arr);
        assert_eq!(a.len(), 5);
        let kinds: Vec<_> = a.elements().map(|v| v.kind()).collect();
        assert_eq!(
            kinds,
            [Kind::Num, Kind::Str, Kind::Obj, Kind::Arr, Kind::Obj]
        );
        let el: Vec<_> = a.elements().collect();
        assert_eq!(el[0].i64(), Some(1));
        assert_eq!(el[1].str().unwrap(), "two");
        assert_eq!(el[1].offset(), src.find("\"two").unwrap());
        assert_eq!(el[2].get("three").unwrap().i64(), Some(3));
        assert_eq!(el[2].raw(), r#"{"three": 3}"#);
        assert!(el[3].is_empty() && el[4].is_empty());
        assert_eq!(el[3].elements().count(), 0);
        assert_eq!(el[4].members().count(), 0);
        let b = r.get("b").unwrap();
        assert!(b.get("c").unwrap().is_null());
        assert_eq!(b.get("d").unwrap().bool(), Some(true));
        assert!(b.get("x").is_none());
        assert_eq!(r.get("e\u{301}").unwrap().str().unwrap(), "accent");
        assert_eq!(r.get("").unwrap().i64(), Some(0));
        assert!(r.get("c").is_none(), "get must not look into children");
        // Non-containers have no children, arrays no members, objects no elements.
        assert_eq!(a.members().count(), 0);
        assert!(a.get("a").is_none());
        assert_eq!(r.elements().count(), 0);
        let members: Vec<_> = r.members().map(|(k, v)| (k.raw(), v.kind())).collect();
        assert_eq!(members[1], ("b", Kind::Obj));
        assert_eq!(members[2], ("e\\u0301", Kind::Str));
        assert_eq!(
            compact(src),
            r#"{"a":[1,"two",{"three":3},[],{}],"b":{"c":null,"d":true},"e\u0301":"accent","":0}"#
        );
    }

    #[test]
    fn get_last_duplicate_and_escaped_keys() {
        let d = parse(r#"{"a":1,"b":2,"a":3,"\u0061":4,"b":{"a":5}}"#);
        let r = d.root();
        assert_eq!(r.len(), 5);
        assert_eq!(r.get("a").unwrap().i64(), Some(4));
        assert_eq!(r.get("b").unwrap().get("a").unwrap().i64(), Some(5));
        let d = parse(r#"{"a\"b":1,"a\\b":2,"x":3,"x":4}"#);
        let r = d.root();
        assert_eq!(r.get("a\"b").unwrap().i64(), Some(1));
        assert_eq!(r.get("a\\b").unwrap().i64(), Some(2));
        assert_eq!(r.get("x").unwrap().i64(), Some(4));
        assert!(r.get("a\\\"b").is_none());
        assert!(r.get("ab").is_none());
    }

    #[test]
    fn invalid() {
        // (input, message, path, offset)
        let cases: &[(&str, &str, &str, usize)] = &[
            ("", EOF, "", 0),
            ("  \n", EOF, "", 3),
            ("[1,2,]", VALUE, "[2]", 5),
            (r#"{"a":[1,2,}"#, VALUE, "a[2]", 10),
            (r#"{"a":1,}"#, KEY, "", 7),
            (r#"{"results":[{"x":01}]}"#, BAD_NUM, "results[0].x", 18),
            (
                r#"{"results":[{"id":1},{"x":[true,nul]}]}"#,
                LITERAL,
                "results[1].x[1]",
                32,
            ),
            (r#"{"a\"b":{"c d":[x]}}"#, VALUE, "a\"b.c d[0]", 16),
            ("01", BAD_NUM, "", 1),
            ("-01", BAD_NUM, "", 2),
            ("00", BAD_NUM, "", 1),
            ("+1", VALUE, "", 0),
            (".5", VALUE, "", 0),
            ("1.", BAD_NUM, "", 2),
            ("1.e5", BAD_NUM, "", 2),
            ("1e", BAD_NUM, "", 2),
            ("1e+", BAD_NUM, "", 3),
            ("1E-]", BAD_NUM, "", 3),
            ("-", BAD_NUM, "", 1),
            ("-a", BAD_NUM, "", 1),
            ("[-]", BAD_NUM, "[0]", 2),
            ("NaN", VALUE, "", 0),
            ("Infinity", VALUE, "", 0),
            ("-Infinity", BAD_NUM, "", 1),
            ("'a'", VALUE, "", 0),
            ("{'a':1}", KEY, "", 1),
            ("[1]//c", TRAILING, "", 3),
            ("/*c*/1", VALUE, "", 0),
            ("[1,/*c*/2]", VALUE, "[1]", 3),
            ("\"a\tb\"", CTRL, "", 2),
            ("\"a\nb\"", CTRL, "", 2),
            ("\"\u{1}\"", CTRL, "", 1),
            ("{\"k\":\"0123456789\u{1f}\"}", CTRL, "k", 16),
            ("{\"k\u{0}\":1}", CTRL, "", 3),
            (r#""\x""#, BAD_ESC, "", 1),
            (r#""\'""#, BAD_ESC, "", 1),
            (r#""\U0041""#, BAD_ESC, "", 1),
            (r#""\u12G4""#, BAD_ESC, "", 1),
            (r#""\u123""#, BAD_ESC, "", 1),
            (r#""\u12"#, BAD_ESC, "", 1),
            ("\"\\", EOF, "", 2),
            ("\"abc", EOF, "", 4),
            ("\"0123456789abcdef", EOF, "", 17),
            ("1 2", TRAILING, "", 2),
            ("{}}", TRAILING, "", 2),
            ("[]]", TRAILING, "", 2),
            ("nulll", TRAILING, "", 4),
            ("1\u{a0}", TRAILING, "", 1),
            ("\u{feff}1", VALUE, "", 0),
            ("\u{a0}1", VALUE, "", 0),
            ("\u{b}1", VALUE, "", 0),
            ("{1:2}", KEY, "", 1),
            ("{null:2}", KEY, "", 1),
            ("{,}", KEY, "", 1),
            ("{]", KEY, "", 1),
            ("[}", VALUE, "[0]", 1),
            (r#"{"a" 1}"#, COLON, "a", 5),
            (r#"{"a"}"#, COLON, "a", 4),
            (r#"{"a":}"#, VALUE, "a", 5),
            (r#"{"a":1 "b":2}"#, "expected `,` or `}`", "a", 7),
            (r#"{"a":1]"#, "expected `,` or `}`", "a", 6),
            ("[1 2]", "expected `,` or `]`", "[0]", 3),
            ("[1}", "expected `,` or `]`", "[0]", 2),
            ("[1,,2]", VALUE, "[1]", 3),
            (r#"{"a":1,,}"#, KEY, "", 7),
            ("[", EOF, "[0]", 1),
            ("[1", EOF, "[0]", 2),
            ("[1,", EOF, "[1]", 3),
            ("{", EOF, "", 1),
            (r#"{"a""#, EOF, "a", 4),
            (r#"{"a":"#, EOF, "a", 5),
            (r#"{"a":[{"b":"#, EOF, "a[0].b", 11),
            ("tru", LITERAL, "", 0),
            ("True", VALUE, "", 0),
            ("nul", LITERAL, "", 0),
            ("fals", LITERAL, "", 0),
            ("[truE]", LITERAL, "[0]", 1),
        ];
        for &(src, msg, path, offset) in cases {
            let e = err(src);
            assert_eq!(
                (e.message, e.path.as_str(), e.offset),
                (msg, path, offset),
                "{src:?}"
            );
        }
        let e = err(r#"{"a":[1,}"#);
        assert_eq!(e.to_string(), "expected value at a[1] (byte 8)");
        assert_eq!(err("x").to_string(), "expected value at $ (byte 0)");
    }

    #[test]
    fn depth() {
        let ok = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        let d = parse(&ok);
        let mut v = d.root();
        let mut n = 1;
        while let Some(e) = v.elements().next() {
            v = e;
            n += 1;
        }
        assert_eq!(n, MAX_DEPTH);
        let bad = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
        let e = err(&bad);
        assert_eq!((e.message, e.offset), (DEPTH, MAX_DEPTH));
        assert_eq!(e.path, "[0]".repeat(MAX_DEPTH));
        let objs = "{\"a\":".repeat(MAX_DEPTH) + "1" + &"}".repeat(MAX_DEPTH);
        assert_eq!(parse(&objs).root().get("a").unwrap().len(), 1);
        let e = err(&("{\"a\":".repeat(MAX_DEPTH + 1) + "1" + &"}".repeat(MAX_DEPTH + 1)));
        assert_eq!(e.message, DEPTH);
        assert_eq!(e.path, vec!["a"; MAX_DEPTH].join("."));
        let huge = "[".repeat(100_000);
        assert_eq!(err(&huge).message, DEPTH);
        let huge = "{\"a\":[".repeat(50_000);
        assert_eq!(err(&huge).message, DEPTH);
    }

    /// xorshift64* PRNG.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
        fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
            &xs[self.below(xs.len())]
        }
    }

    /// Generated value: JSON text pieces plus what the tape should report.
    enum J {
        Lit(String),
        Str(String, String),
        Arr(Vec<J>),
        Obj(Vec<(J, J)>),
    }

    fn gen_str(r: &mut Rng) -> J {
        const PIECES: &[(&str, &str)] = &[
            ("a", "a"),
            ("id", "id"),
            ("name", "name"),
            ("é", "é"),
            ("中", "中"),
            ("😀", "😀"),
            (" ", " "),
            ("\\n", "\n"),
            ("\\\"", "\""),
            ("\\\\", "\\"),
            ("\\/", "/"),
            ("\\t", "\t"),
            ("\\u00e9", "é"),
            ("\\u0000", "\0"),
            ("\\uD83D\\uDE00", "😀"),
            ("\\ud800x", "\u{FFFD}x"),
            ("x\\udfff", "x\u{FFFD}"),
            ("0123456789", "0123456789"),
        ];
        let (mut raw, mut dec) = (String::new(), String::new());
        for _ in 0..r.below(5) {
            let (a, b) = r.pick(PIECES);
            raw.push_str(a);
            dec.push_str(b);
        }
        J::Str(raw, dec)
    }

    fn gen_num(r: &mut Rng) -> String {
        let mut s = String::new();
        if r.below(3) == 0 {
            s.push('-');
        }
        match r.below(4) {
            0 => s.push('0'),
            1 => s.push_str("123456789012345678901234567890"),
            _ => s.push_str(&(1 + r.below(100_000)).to_string()),
        }
        if r.below(4) == 0 {
            s.push('.');
            s.push_str(&r.below(1000).to_string());
        }
        if r.below(5) == 0 {
            let e: &&str = r.pick(&["e", "E", "e+", "E-", "e-"]);
            s.push_str(e);
            s.push_str(&r.below(300).to_string());
        }
        s
    }

    fn gen(r: &mut Rng, depth: usize) -> J {
        let top = if depth >= 6 { 4 } else { 7 };
        match r.below(top) {
            0 => J::Lit(r.pick(&["null", "true", "false"]).to_string()),
            1 | 2 => J::Lit(gen_num(r)),
            3 => gen_str(r),
            4 | 5 => J::Arr((0..r.below(5)).map(|_| gen(r, depth + 1)).collect()),
            _ => J::Obj(
                (0..r.below(5))
                    .map(|_| (gen_str(r), gen(r, depth + 1)))
                    .collect(),
            ),
        }
    }

    /// Writes `j`; with `spaces`, sprinkles random JSON whitespace between tokens.
    fn write(j: &J, r: &mut Rng, spaces: bool, out: &mut String) {
        let ws = |r: &mut Rng, out: &mut String| {
            if spaces {
                for _ in 0..r.below(3) {
                    out.push(*r.pick(&[' ', '\t', '\n', '\r']));
                }
            }
        };
        ws(r, out);
        match j {
            J::Lit(s) => out.push_str(s),
            J::Str(raw, _) => {
                out.push('"');
                out.push_str(raw);
                out.push('"');
            }
            J::Arr(xs) => {
                out.push('[');
                for (n, x) in xs.iter().enumerate() {
                    if n > 0 {
                        out.push(',');
                    }
                    write(x, r, spaces, out);
                }
                ws(r, out);
                out.push(']');
            }
            J::Obj(ms) => {
                out.push('{');
                for (n, (k, v)) in ms.iter().enumerate() {
                    if n > 0 {
                        out.push(',');
                    }
                    write(k, r, spaces, out);
                    out.push(':');
                    write(v, r, spaces, out);
                }
                ws(r, out);
                out.push('}');
            }
        }
        ws(r, out);
    }

    fn to_text(j: &J) -> String {
        let mut s = String::new();
        write(j, &mut Rng(1), false, &mut s);
        s
    }

    /// Checks the view against the generated value, including decoding and `get`.
    fn check(j: &J, v: View<'_>) {
        match j {
            J::Lit(s) => {
                assert_eq!(v.raw(), s);
                let kind = match s.as_bytes()[0] {
                    b'n' => Kind::Null,
                    b't' | b'f' => Kind::Bool,
                    _ => Kind::Num,
                };
                assert_eq!(v.kind(), kind);
                if kind == Kind::Num {
                    close(v.f64().unwrap(), s.parse().unwrap(), s);
                    let int = !s.contains(['.', 'e', 'E']);
                    assert_eq!(v.is_integer_literal(), int);
                    assert_eq!(v.i64(), if int { s.parse().ok() } else { None });
                }
            }
            J::Str(raw, dec) => {
                assert_eq!(v.kind(), Kind::Str);
                assert_eq!(v.raw(), raw);
                assert_eq!(v.str().unwrap(), dec.as_str());
                assert_eq!(v.has_escapes(), raw.contains('\\'));
            }
            J::Arr(xs) => {
                assert_eq!(v.kind(), Kind::Arr);
                assert_eq!(v.len(), xs.len());
                assert_eq!(v.elements().count(), xs.len());
                for (x, e) in xs.iter().zip(v.elements()) {
                    check(x, e);
                }
            }
            J::Obj(ms) => {
                assert_eq!(v.kind(), Kind::Obj);
                assert_eq!(v.len(), ms.len());
                assert_eq!(v.members().count(), ms.len());
                for ((k, x), (kv, e)) in ms.iter().zip(v.members()) {
                    check(k, kv);
                    check(x, e);
                }
                for (k, _) in ms {
                    let J::Str(_, key) = k else { unreachable!() };
                    let last = ms
                        .iter()
                        .rev()
                        .find(|(k2, _)| matches!(k2, J::Str(_, d) if d == key))
                        .map(|(_, x)| to_text(x));
                    let mut got = String::new();
                    ser(v.get(key).unwrap(), &mut got);
                    assert_eq!(Some(got), last);
                }
            }
        }
    }

    /// Independent reference validator: plain recursive descent.
    struct Ref<'a> {
        s: &'a [u8],
        i: usize,
    }

    impl Ref<'_> {
        fn valid(src: &str) -> bool {
            let mut p = Ref {
                s: src.as_bytes(),
                i: 0,
            };
            p.value(0) && {
                p.ws();
                p.i == p.s.len()
            }
        }
        fn peek(&self) -> u8 {
            self.s.get(self.i).copied().unwrap_or(0)
        }
        fn ws(&mut self) {
            while b" \t\n\r".contains(&self.peek()) && self.i < self.s.len() {
                self.i += 1;
            }
        }
        fn eat(&mut self, c: u8) -> bool {
            self.ws();
            let ok = self.i < self.s.len() && self.peek() == c;
            self.i += ok as usize;
            ok
        }
        fn value(&mut self, depth: usize) -> bool {
            self.ws();
            let rest = &self.s[self.i..];
            for w in ["true", "false", "null"] {
                if rest.starts_with(w.as_bytes()) {
                    self.i += w.len();
                    return true;
                }
            }
            match self.peek() {
                b'"' => self.string(),
                b'[' | b'{' if depth == MAX_DEPTH => false,
                b'[' => {
                    self.i += 1;
                    if self.eat(b']') {
                        return true;
                    }
                    loop {
                        if !self.value(depth + 1) {
                            return false;
                        }
                        if self.eat(b']') {
                            return true;
                        }
                        if !self.eat(b',') {
                            return false;
                        }
                    }
                }
                b'{' => {
                    self.i += 1;
                    if self.eat(b'}') {
                        return true;
                    }
                    loop {
                        self.ws();
                        if self.peek() != b'"' || !self.string() {
                            return false;
                        }
                        if !self.eat(b':') || !self.value(depth + 1) {
                            return false;
                        }
                        if self.eat(b'}') {
                            return true;
                        }
                        if !self.eat(b',') {
                            return false;
                        }
                    }
                }
                _ => self.number(),
            }
        }
        fn string(&mut self) -> bool {
            // Works on chars of the UTF-8 text after the quote.
            let Ok(text) = std::str::from_utf8(&self.s[self.i + 1..]) else {
                return false;
            };
            let mut it = text.char_indices();
            while let Some((n, c)) = it.next() {
                match c {
                    '"' => {
                        self.i += 1 + n + 1;
                        return true;
                    }
                    '\\' => match it.next() {
                        Some((_, 'u')) => {
                            for _ in 0..4 {
                                if !it.next().is_some_and(|(_, h)| h.is_ascii_hexdigit()) {
                                    return false;
                                }
                            }
                        }
                        Some((_, e)) if "\"\\/bfnrt".contains(e) => {}
                        _ => return false,
                    },
                    c if (c as u32) < 0x20 => return false,
                    _ => {}
                }
            }
            false
        }
        fn number(&mut self) -> bool {
            // Greedy token, then a regex-like check of its shape.
            let start = self.i;
            while b"+-.eE0123456789".contains(&self.peek()) && self.i < self.s.len() {
                self.i += 1;
            }
            let t = std::str::from_utf8(&self.s[start..self.i]).unwrap_or("");
            let t = t.strip_prefix('-').unwrap_or(t);
            let (mant, exp) = match t.find(['e', 'E']) {
                Some(p) => (&t[..p], Some(&t[p + 1..])),
                None => (t, None),
            };
            let (int, frac) = match mant.split_once('.') {
                Some((a, b)) => (a, Some(b)),
                None => (mant, None),
            };
            let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
            digits(int)
                && (int == "0" || !int.starts_with('0'))
                && frac.is_none_or(digits)
                && exp.is_none_or(|e| digits(e.strip_prefix(['+', '-']).unwrap_or(e)))
        }
    }

    #[test]
    fn reference_validator_sanity() {
        for s in [
            "1",
            "-0.5e+3",
            "[1,{\"a\":[]}]",
            " \"\\u12aB\" ",
            "{}",
            "[[]]",
        ] {
            assert!(Ref::valid(s), "{s}");
        }
        for s in [
            "", "01", "1.", "[1,]", "{\"a\"}", "\"\\x\"", "[", "1 1", "-", "+1",
        ] {
            assert!(!Ref::valid(s), "{s}");
        }
    }

    #[test]
    fn differential() {
        let mut r = Rng(0x9E37_79B9_7F4A_7C15);
        const NOISE: &[u8] = b"[]{}\",:0123456789-+.eE \t\n\r\\/ubfnrtlsaxN'\x01\x1f";
        let (mut valid_mutants, mut mutants) = (0, 0);
        for round in 0..600 {
            let j = gen(&mut r, 0);
            let mut spaced = String::new();
            write(&j, &mut r, true, &mut spaced);
            let text = to_text(&j);
            assert_eq!(compact(&spaced), text, "{spaced}");
            let d = parse(&spaced);
            check(&j, d.root());
            assert!(Ref::valid(&spaced));

            // Byte-level mutations of the valid text (kept valid UTF-8).
            for _ in 0..8 {
                let mut m: Vec<char> = spaced.chars().collect();
                let pos = r.below(m.len() + 1);
                let noise = *r.pick(NOISE) as char;
                match r.below(3) {
                    0 if pos < m.len() => {
                        m.remove(pos);
                    }
                    1 if pos < m.len() => m[pos] = noise,
                    _ => m.insert(pos, noise),
                }
                let m: String = m.into_iter().collect();
                let got = Doc::parse(&m);
                mutants += 1;
                assert_eq!(
                    got.is_ok(),
                    Ref::valid(&m),
                    "round {round}: {m:?} -> {got:?}"
                );
                match got {
                    Ok(d) => {
                        valid_mutants += 1;
                        // Re-serializing a reparse is a fixpoint.
                        let c = compact(&m);
                        assert_eq!(compact(&c), c);
                        let mut walk = vec![d.root()];
                        while let Some(v) = walk.pop() {
                            let _ = (v.str(), v.i64(), v.f64(), v.bool(), v.len());
                            walk.extend(v.elements());
                            walk.extend(v.members().map(|(_, x)| x));
                        }
                    }
                    Err(e) => assert!(e.offset <= m.len()),
                }
            }
            // Every prefix of a small document is rejected unless it is itself a complete value.
            if spaced.len() < 200 {
                for (n, _) in spaced.char_indices() {
                    let p = &spaced[..n];
                    assert_eq!(Doc::parse(p).is_ok(), Ref::valid(p), "{p:?}");
                }
            }
        }
        assert!(
            valid_mutants > 100 && valid_mutants < mutants,
            "{valid_mutants}/{mutants}"
        );
    }

    fn projects_doc(n: usize) -> String {
        let mut s = String::from(
            r#"{"links":[{"href":"https://cloud.mongodb.com/api/atlas/v2/groups?pageNum=1&itemsPerPage=500","rel":"self"}],"results":["#,
        );
        for i in 0..n {
            if i > 0 {
                s.push(',');
            }
            s.push_str(r#"{"clusterCount":3,"created":"2024-01-01T00:00:00Z","id":"32b6e34b3d91647abb20e7b8","links":[{"href":"https://x","rel":"self"}],"name":"project-"#);
            s.push_str(&i.to_string());
            s.push_str(r#"","orgId":"4888442a3354817a7320eb61","tags":[{"key":"env","value":"prod"},{"key":"team","value":"\"data\""}],"withDefaultAlertsSettings":true}"#);
        }
        s.push_str(r#"],"totalCount":"#);
        s.push_str(&n.to_string());
        s.push('}');
        s
    }

    #[test]
    fn projects_shape() {
        let src = projects_doc(500);
        let d = parse(&src);
        let r = d.root();
        assert_eq!(r.get("totalCount").unwrap().i64(), Some(500));
        let results = r.get("results").unwrap();
        assert_eq!(results.len(), 500);
        let p = results.elements().nth(499).unwrap();
        assert_eq!(p.get("name").unwrap().str().unwrap(), "project-499");
        let tag = p.get("tags").unwrap().elements().nth(1).unwrap();
        assert_eq!(tag.get("value").unwrap().str().unwrap(), "\"data\"");
        assert_eq!(compact(&src), src);
    }

    /// `cargo test --release -- --ignored --nocapture throughput`
    #[test]
    #[ignore]
    fn throughput() {
        let src = projects_doc(500);
        let iters = 1000;
        let t = std::time::Instant::now();
        let mut toks = 0;
        for _ in 0..iters {
            let d = Doc::parse(std::hint::black_box(&src)).unwrap();
            toks += d.toks.len();
        }
        let secs = t.elapsed().as_secs_f64();
        let mb = (src.len() * iters) as f64 / 1e6;
        println!(
            "{} bytes x {iters}: {:.1} MB/s ({} tokens/doc)",
            src.len(),
            mb / secs,
            toks / iters
        );
    }
}
