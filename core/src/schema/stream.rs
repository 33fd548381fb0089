//! Checks a response body against the table in one pass over its text.
//!
//! Responses are large (a page of 500 projects is ~120 KB) and are only
//! checked, never read back here, so they skip the tape that requests need:
//! this scanner parses and checks at once, with the same strictness as
//! [`crate::json::Doc::parse`] and the same response rules as the walker.
//! A union value (rare in responses, and needing its tag before its fields)
//! is handed to the walker on a tape of just that value.

use super::{index_within, kind_name, node, required, within, Id, Int, Mode, Node, Obj};
use crate::json::{self, Doc, Kind, COLON, DEPTH, EOF, KEY, MAX_DEPTH, TRAILING, VALUE};
use crate::validate::ValidationError;

/// Why a body did not pass.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Not JSON: the byte offset, the JSON path where it failed, and why.
    Syntax {
        offset: usize,
        path: String,
        message: &'static str,
    },
    /// JSON of the wrong shape: the field and the rule.
    Schema(ValidationError),
}

impl Problem {
    /// `path: rule`, or the rule alone at the root.
    pub fn describe(&self) -> String {
        let (path, what) = match self {
            Problem::Syntax {
                offset,
                path,
                message,
            } => (path, format!("invalid JSON: {message} (at byte {offset})")),
            Problem::Schema(e) => (&e.field, e.rule.clone()),
        };
        if path.is_empty() {
            what
        } else {
            format!("{path}: {what}")
        }
    }

    /// The problem as found inside member `key` or element `i` of a value.
    fn inside(self, seg: Seg<'_>) -> Problem {
        match self {
            Problem::Syntax {
                offset,
                path,
                message,
            } => Problem::Syntax {
                offset,
                path: seg.prefix(&path),
                message,
            },
            Problem::Schema(mut e) => {
                e.field = seg.prefix(&e.field);
                Problem::Schema(e)
            }
        }
    }
}

#[derive(Clone, Copy)]
enum Seg<'a> {
    Key(&'a [u8]),
    Index(usize),
}

impl Seg<'_> {
    /// `inner`, a path relative to this member or element, from its parent.
    fn prefix(self, inner: &str) -> String {
        match self {
            Seg::Key(k) => within(&String::from_utf8_lossy(k), inner),
            Seg::Index(i) => index_within(i, inner),
        }
    }
}

type Step = Result<usize, Box<Problem>>;

fn syntax(offset: usize, message: &'static str) -> Box<Problem> {
    Box::new(Problem::Syntax {
        offset,
        path: String::new(),
        message,
    })
}

fn schema(field: &str, rule: String) -> Box<Problem> {
    Box::new(Problem::Schema(ValidationError::new(field, rule)))
}

/// Checks `src` as a response of node `id`. Returns whether it holds
/// integers beyond a JS number's exact range (to be marked before `JSON.parse`).
pub fn check_response(src: &str, id: Id) -> Result<bool, Box<Problem>> {
    let mut scan = Scan {
        src,
        s: src.as_bytes(),
        big: false,
        depth: 0,
    };
    let i = scan.value(0, id)?;
    let i = json::ws(scan.s, i);
    if i != scan.s.len() {
        return Err(syntax(i, TRAILING));
    }
    Ok(scan.big)
}

struct Scan<'a> {
    src: &'a str,
    s: &'a [u8],
    big: bool,
    depth: usize,
}

impl<'a> Scan<'a> {
    #[inline]
    fn at(&self, i: usize) -> Result<u8, Box<Problem>> {
        self.s.get(i).copied().ok_or_else(|| syntax(i, EOF))
    }

    fn enter(&mut self, i: usize) -> Result<(), Box<Problem>> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(syntax(i, DEPTH));
        }
        Ok(())
    }

    /// Checks the value at (or after whitespace at) `i` against node `id`;
    /// returns the offset after it.
    fn value(&mut self, i: usize, id: Id) -> Step {
        let i = json::ws(self.s, i);
        let c = self.at(i)?;
        match (node(id), c) {
            (Node::Any, _) => self.skip(i),
            (Node::Obj(o), b'{') => self.object(i, o),
            (Node::Map { values }, b'{') => self.map(i, *values),
            (Node::Arr { items, .. }, b'[') => self.array(i, *items),
            (Node::Union(_), b'{') => self.union(i, id),
            (Node::Str(_), b'"') => self.string(i),
            (Node::Bool, b't') => json::literal(self.s, i, b"true").map_err(boxed),
            (Node::Bool, b'f') => json::literal(self.s, i, b"false").map_err(boxed),
            (Node::Num, b'-' | b'0'..=b'9') => self.number(i).map(|(e, _)| e),
            (Node::Int(n), b'-' | b'0'..=b'9') => self.int(i, n),
            (n, c) => {
                let got = match c {
                    b'{' => Kind::Obj,
                    b'[' => Kind::Arr,
                    b'"' => Kind::Str,
                    b't' | b'f' => Kind::Bool,
                    b'n' => Kind::Null,
                    b'-' | b'0'..=b'9' => Kind::Num,
                    _ => return Err(syntax(i, VALUE)),
                };
                // Still a syntax error first if the value is not JSON at all.
                self.skip(i)?;
                let want = match n {
                    Node::Obj(_) | Node::Map { .. } | Node::Union(_) => "an object",
                    Node::Arr { .. } => "an array",
                    Node::Str(_) => "a string",
                    Node::Bool => "a boolean",
                    Node::Int(_) => "an integer",
                    _ => "a number",
                };
                Err(schema(
                    "",
                    format!("must be {want} (got {})", kind_name(got)),
                ))
            }
        }
    }

    #[inline]
    fn string(&mut self, i: usize) -> Step {
        let (e, _) = json::string(self.s, i + 1).map_err(boxed)?;
        Ok(e + 1)
    }

    /// A number: returns its end and whether it has a fraction or exponent;
    /// notes integers beyond 2^53.
    #[inline]
    fn number(&mut self, i: usize) -> Result<(usize, bool), Box<Problem>> {
        let (e, frac) = json::number(self.s, i).map_err(boxed)?;
        if !frac && e - i > 15 && json::is_unsafe_integer(self.s.get(i..e).unwrap_or_default()) {
            self.big = true;
        }
        Ok((e, frac))
    }

    fn int(&mut self, i: usize, n: &Int) -> Step {
        let (e, frac) = self.number(i)?;
        let raw = self.src.get(i..e).unwrap_or_default();
        super::int_value(raw, !frac, n).map_err(|rule| schema("", rule))?;
        Ok(e)
    }

    /// A member key at `i` (the opening quote), the offset after its colon,
    /// and its raw bytes (escapes undecoded) with whether it has escapes.
    #[inline]
    fn key(&self, i: usize) -> Result<(usize, &'a [u8], bool), Box<Problem>> {
        let s: &'a [u8] = self.s;
        if self.at(i)? != b'"' {
            return Err(syntax(i, KEY));
        }
        let (e, esc) = json::string(self.s, i + 1).map_err(boxed)?;
        let k = s.get(i + 1..e).unwrap_or_default();
        let j = json::ws(self.s, e + 1);
        if self.at(j)? != b':' {
            return Err(syntax(j, COLON));
        }
        Ok((j + 1, k, esc))
    }

    /// After a member or element: the offset of the next one, or `None`
    /// with the offset after the closing `close`.
    #[inline]
    fn next(&self, i: usize, close: u8) -> Result<(usize, bool), Box<Problem>> {
        let i = json::ws(self.s, i);
        match self.at(i)? {
            b',' => Ok((json::ws(self.s, i + 1), true)),
            c if c == close => Ok((i + 1, false)),
            _ if close == b'}' => Err(syntax(i, "expected `,` or `}`")),
            _ => Err(syntax(i, "expected `,` or `]`")),
        }
    }

    fn object(&mut self, i: usize, o: &Obj) -> Step {
        let mut seen: u64 = 0;
        let end = self.members(i, |scan, j, name| {
            let j = json::ws(scan.s, j);
            match super::find(o.props, name) {
                Some((n, p)) if scan.s.get(j) != Some(&b'n') => {
                    seen |= 1 << (n % 64);
                    match (node(p.node), scan.s.get(j)) {
                        // The common case inline: a string where one is expected.
                        (Node::Str(_), Some(b'"')) => scan.string(j),
                        _ => scan.value(j, p.node),
                    }
                }
                // Null means "not given"; unknown fields are kept, not checked.
                _ => scan.skip(j),
            }
        })?;
        for (n, p) in o.props.iter().enumerate() {
            if required(p, Mode::Response) && seen & (1 << (n % 64)) == 0 {
                return Err(schema(p.name, "is required".into()));
            }
        }
        Ok(end)
    }

    fn map(&mut self, i: usize, values: Id) -> Step {
        self.members(i, |scan, j, _| scan.value(j, values))
    }

    fn array(&mut self, i: usize, items: Id) -> Step {
        self.enter(i)?;
        let mut i = json::ws(self.s, i + 1);
        let mut more = self.at(i)? != b']';
        if !more {
            i += 1;
        }
        let mut n = 0;
        while more {
            let end = self
                .value(i, items)
                .map_err(|p| Box::new(p.inside(Seg::Index(n))))?;
            (i, more) = self.next(end, b']')?;
            n += 1;
        }
        self.depth -= 1;
        Ok(i)
    }

    /// Any value, checked for syntax only.
    fn skip(&mut self, i: usize) -> Step {
        let i = json::ws(self.s, i);
        match self.at(i)? {
            b'{' => self.members(i, |scan, j, _| scan.skip(j)),
            b'[' => self.array(i, 0),
            b'"' => self.string(i),
            b't' => json::literal(self.s, i, b"true").map_err(boxed),
            b'f' => json::literal(self.s, i, b"false").map_err(boxed),
            b'n' => json::literal(self.s, i, b"null").map_err(boxed),
            b'-' | b'0'..=b'9' => self.number(i).map(|(e, _)| e),
            _ => Err(syntax(i, VALUE)),
        }
    }

    /// An object whose member values `each` checks, given the offset after
    /// the colon and the member's name (escapes decoded).
    fn members(&mut self, i: usize, mut each: impl FnMut(&mut Self, usize, &[u8]) -> Step) -> Step {
        self.enter(i)?;
        let mut i = json::ws(self.s, i + 1);
        let mut more = self.at(i)? != b'}';
        if !more {
            i += 1;
        }
        while more {
            let (j, k, esc) = self.key(i)?;
            let decoded;
            let name = if esc {
                decoded = json::decode(&String::from_utf8_lossy(k));
                decoded.as_bytes()
            } else {
                k
            };
            let end = each(self, j, name).map_err(|p| Box::new(p.inside(Seg::Key(name))))?;
            (i, more) = self.next(end, b'}')?;
        }
        self.depth -= 1;
        Ok(i)
    }

    /// A union value: its text is checked by the walker on a tape of its own.
    fn union(&mut self, i: usize, id: Id) -> Step {
        let end = self.skip(i)?;
        let text = self.src.get(i..end).unwrap_or_default();
        let doc = Doc::parse(text).map_err(|e| {
            Box::new(Problem::Syntax {
                offset: i + e.offset,
                path: e.path,
                message: e.message,
            })
        })?;
        super::walk(doc.root(), id, Mode::Response).map_err(|e| Box::new(Problem::Schema(e)))?;
        Ok(end)
    }
}

fn boxed((offset, message): json::Fail) -> Box<Problem> {
    syntax(offset, message)
}
