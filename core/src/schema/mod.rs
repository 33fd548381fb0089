//! The API's operations and schemas as data ([`table`], generated from the
//! official description by `scripts/gen-schema.mjs`), and the one walker that
//! checks JSON against them.
//!
//! One table serves both directions, with different strictness:
//! - [`Mode::Request`]: everything the description says (types, required
//!   fields, enums, lengths, ranges, id formats) plus the client's own rules
//!   ([`rules`]); read-only fields are ignored and never sent.
//! - [`Mode::Response`]: types and required fields only, so values Atlas adds
//!   later (a new enum value, a new union kind, a new field) still decode.
//!
//! The walker reads a [`crate::json::Doc`] tape: no per-field allocation, and
//! one copy of the code for every schema (this is what keeps the `.wasm`
//! small; a serde decoder per model was most of it).

pub mod rules;
pub mod stream;
#[rustfmt::skip] // generated (scripts/gen-schema.mjs); checked against it in the test command
pub mod table;

use crate::json::{Kind, View};
use crate::ops::Deprecation;
use crate::request::Method;
use crate::validate::{self, Checked, ValidationError};

/// A node id: an index into [`table::NODES`].
pub type Id = u16;

/// A property is required (in the direction(s) it applies to).
pub const REQUIRED: u8 = 1;
/// Set by Atlas only: ignored in requests (and never sent).
pub const READ_ONLY: u8 = 2;
/// Sent only: never expected in responses.
pub const WRITE_ONLY: u8 = 4;

/// A check that the description cannot state, run on a request object after
/// its fields passed (`path` is the object's JSON path).
pub type Rule = fn(View<'_>, &str) -> Checked;

/// One schema node.
#[derive(Debug)]
pub enum Node {
    /// Any JSON value.
    Any,
    Bool,
    Num,
    Str(&'static Str),
    Int(&'static Int),
    Arr {
        items: Id,
        min_items: u32,
    },
    /// An object whose member values all follow one node (`additionalProperties`).
    Map {
        values: Id,
    },
    Obj(&'static Obj),
    /// Objects told apart by a string tag.
    Union(&'static Union),
}

/// String constraints (requests only).
#[derive(Debug)]
pub struct Str {
    /// Length limits in characters.
    pub min: u32,
    pub max: u32,
    pub format: Format,
    /// Allowed values; empty for any.
    pub values: &'static [&'static str],
}

/// Integer constraints. `min`/`max`/`values` apply to requests; the width
/// (`wide`: int64, else int32) applies both ways.
#[derive(Debug)]
pub struct Int {
    pub min: i64,
    pub max: i64,
    pub wide: bool,
    pub values: &'static [i64],
}

/// Formats a string is checked for (requests only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Plain,
    /// 24 lowercase hex digits.
    ObjectId,
    /// Letters, digits and hyphens, starting with a letter or digit, 1–64.
    ClusterName,
    /// ISO 8601 date-time.
    DateTime,
    /// Not blank, no control characters.
    Text,
    /// Not blank (may span lines).
    NotBlank,
    /// A free-form path segment: not empty, not `.`/`..`, no control characters.
    Segment,
}

#[derive(Debug)]
pub struct Obj {
    /// Sorted by name.
    pub props: &'static [Prop],
    pub rule: Option<Rule>,
}

#[derive(Debug)]
pub struct Prop {
    pub name: &'static str,
    pub node: Id,
    pub flags: u8,
}

#[derive(Debug)]
pub struct Union {
    /// The tag member, e.g. `type`.
    pub tag: &'static str,
    pub variants: &'static [(&'static str, Id)],
    /// The variant of an object without a tag.
    pub default: Option<Id>,
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Loc {
    Path,
    Query,
}

#[derive(Debug)]
pub struct Param {
    pub name: &'static str,
    pub loc: Loc,
    pub node: Id,
    pub required: bool,
}

#[derive(Debug)]
pub struct Body {
    pub node: Id,
    pub required: bool,
}

/// How a 2xx answer reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// JSON checked against a node.
    Json(Id),
    /// No content: the call resolves to `undefined`.
    Empty,
    /// PEM text, sent as a JSON string (a bare PEM is accepted too).
    Pem,
}

/// One operation, as data.
#[derive(Debug)]
pub struct OpDef {
    /// JS method name (the seed's CLI name), e.g. `listProjects`.
    pub name: &'static str,
    /// The id in the upstream description.
    pub upstream_id: &'static str,
    pub method: Method,
    /// Path template below `/api/atlas/v2`, e.g. `/groups/{groupId}/maintenanceWindow`.
    pub path: &'static str,
    /// Media-type version called by default.
    pub version: &'static str,
    pub params: &'static [Param],
    pub body: Option<Body>,
    pub output: Output,
    pub deprecation: Option<Deprecation>,
}

/// The operation with JS name `name`.
pub fn op(name: &str) -> Option<&'static OpDef> {
    table::OPS.iter().find(|o| o.name == name)
}

/// The node of component schema `name` (tests and tools).
pub fn named(name: &str) -> Option<Id> {
    table::NAMED
        .iter()
        .find(|(n, _)| *n == name)
        .map(|&(_, id)| id)
}

#[inline]
fn node(id: Id) -> &'static Node {
    table::NODES.get(usize::from(id)).unwrap_or(&Node::Any)
}

/// Which direction a value travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Request,
    Response,
}

/// The prefix `JSON.stringify` gives a JS bigint on its way in (see `js/runtime.js`).
pub const BIGINT_MARKER: &str = "\u{0}bigint:";

/// Checks `v` against node `id`. `path` is the value's JSON path (for error
/// messages; `""` at the root of a response); errors name the path of the
/// first problem. On success nothing is allocated: paths are only built when
/// an error travels back up.
pub fn check(v: View<'_>, id: Id, mode: Mode, path: &str) -> Checked {
    walk(v, id, mode).map_err(|mut e| {
        e.field = within(path, &e.field);
        e
    })
}

/// `inner` (a path relative to `outer`) as a path from the root.
fn within(outer: &str, inner: &str) -> String {
    match (outer.is_empty(), inner.is_empty()) {
        (_, true) => outer.to_owned(),
        (true, false) => inner.to_owned(),
        (false, false) if inner.starts_with('[') => format!("{outer}{inner}"),
        (false, false) => format!("{outer}.{inner}"),
    }
}

/// Prefixes an error from inside member `key`.
fn in_key(key: &str) -> impl Fn(ValidationError) -> ValidationError + '_ {
    move |mut e| {
        e.field = within(key, &e.field);
        e
    }
}

/// Prefixes an error from inside element `i`.
fn in_index(i: usize) -> impl Fn(ValidationError) -> ValidationError {
    move |mut e| {
        e.field = index_within(i, &e.field);
        e
    }
}

/// `inner`, a path relative to element `i`, from the array.
fn index_within(i: usize, inner: &str) -> String {
    let mut at = String::new();
    push_index(&mut at, i);
    within(&at, inner)
}

/// The walker: errors name fields relative to `v`.
fn walk(v: View<'_>, id: Id, mode: Mode) -> Checked {
    match node(id) {
        Node::Any => Ok(()),
        Node::Bool => expect(v, Kind::Bool),
        Node::Num => expect(v, Kind::Num),
        Node::Str(s) => check_str(v, s, mode),
        Node::Int(i) => check_int(v, i, mode, "").map(|_| ()),
        Node::Arr { items, min_items } => {
            expect(v, Kind::Arr)?;
            if mode == Mode::Request && v.len() < *min_items as usize {
                return Err(fail("", format!("must hold at least {min_items} item(s)")));
            }
            for (i, e) in v.elements().enumerate() {
                walk(e, *items, mode).map_err(in_index(i))?;
            }
            Ok(())
        }
        Node::Map { values } => {
            expect(v, Kind::Obj)?;
            for (k, e) in v.members() {
                walk(e, *values, mode).map_err(in_key(&k.str().unwrap_or_default()))?;
            }
            Ok(())
        }
        Node::Obj(o) => check_obj(v, o, mode),
        Node::Union(u) => match variant(v, u) {
            Some(id) => walk(v, id, mode),
            None => {
                expect(v, Kind::Obj)?;
                if mode == Mode::Response {
                    return Ok(()); // a kind added later: kept as it is
                }
                let known: Vec<&str> = u.variants.iter().map(|(t, _)| *t).collect();
                let got = v.get(u.tag).and_then(|t| t.str()).unwrap_or_default();
                validate::one_of(u.tag, &got, &known)
            }
        },
    }
}

/// The variant node of a union value, if its tag is known (or absent with a default).
fn variant(v: View<'_>, u: &Union) -> Option<Id> {
    if v.kind() != Kind::Obj {
        return None;
    }
    match v.get(u.tag) {
        None => u.default,
        Some(t) if t.is_null() => u.default,
        Some(t) => {
            let t = t.str()?;
            u.variants
                .iter()
                .find(|(name, _)| *name == t)
                .map(|&(_, id)| id)
        }
    }
}

fn required(p: &Prop, mode: Mode) -> bool {
    p.flags & REQUIRED != 0
        && match mode {
            Mode::Request => p.flags & READ_ONLY == 0,
            Mode::Response => p.flags & WRITE_ONLY == 0,
        }
}

/// The property named `key`. Objects are small: a linear scan that compares
/// lengths and first bytes before whole names beats a binary search of
/// string comparisons (measured: `check_speed`).
#[inline]
fn find<'p>(props: &'p [Prop], key: &[u8]) -> Option<(usize, &'p Prop)> {
    let first = *key.first()?;
    props.iter().enumerate().find(|(_, p)| {
        let n = p.name.as_bytes();
        n.len() == key.len() && n.first() == Some(&first) && n == key
    })
}

/// The property a member key names (keys with escapes are decoded first).
fn prop_of<'p>(props: &'p [Prop], k: View<'_>) -> Option<(usize, &'p Prop)> {
    if k.has_escapes() {
        find(props, k.str().unwrap_or_default().as_bytes())
    } else {
        find(props, k.raw_bytes())
    }
}

/// A response value's check when it needs no walk: `Some(passed)` for the
/// nodes that only look at the value's kind.
fn kind_only(e: View<'_>, n: &Node) -> Option<bool> {
    let k = e.kind();
    match n {
        Node::Any => Some(true),
        Node::Str(_) => Some(k == Kind::Str),
        Node::Bool => Some(k == Kind::Bool),
        Node::Num => Some(k == Kind::Num),
        _ => None,
    }
}

fn check_obj(v: View<'_>, o: &Obj, mode: Mode) -> Checked {
    expect(v, Kind::Obj)?;
    let mut seen: u64 = 0;
    for (k, e) in v.members() {
        let Some((i, p)) = prop_of(o.props, k) else {
            continue; // a field this client does not know: kept, not checked
        };
        if e.is_null() || (mode == Mode::Request && p.flags & READ_ONLY != 0) {
            continue; // null means "not given"; read-only fields are not sent
        }
        seen |= 1 << (i % 64);
        if mode == Mode::Response && kind_only(e, node(p.node)) == Some(true) {
            continue;
        }
        walk(e, p.node, mode).map_err(in_key(&k.str().unwrap_or_default()))?;
    }
    for (i, p) in o.props.iter().enumerate() {
        if required(p, mode) && seen & (1 << (i % 64)) == 0 {
            return Err(fail(p.name, "is required".into()));
        }
    }
    match o.rule {
        Some(rule) if mode == Mode::Request => rule(v, ""),
        _ => Ok(()),
    }
}

fn check_str(v: View<'_>, s: &Str, mode: Mode) -> Checked {
    let path = "";
    expect(v, Kind::Str)?;
    if mode == Mode::Response {
        return Ok(());
    }
    let text = v.str().unwrap_or_default();
    if text.starts_with(BIGINT_MARKER) {
        return Err(fail(path, "must be a string (got a bigint)".into()));
    }
    let n = if text.is_ascii() {
        text.len()
    } else {
        text.chars().count()
    };
    if n < s.min as usize || n > s.max as usize {
        return Err(fail(
            path,
            if s.max == u32::MAX {
                format!("must be at least {} characters long (got {n})", s.min)
            } else {
                format!("must be {} to {} characters long (got {n})", s.min, s.max)
            },
        ));
    }
    match s.format {
        Format::Plain => Ok(()),
        Format::ObjectId => validate::object_id(path, &text),
        Format::ClusterName => validate::cluster_name(path, &text),
        Format::DateTime => validate::date_time(path, &text),
        Format::Text => validate::non_empty(path, &text),
        Format::NotBlank if text.trim().is_empty() => Err(fail(path, "must not be empty".into())),
        Format::NotBlank => Ok(()),
        Format::Segment => crate::request::path_text(path, &text),
    }?;
    if !s.values.is_empty() {
        validate::one_of(path, &text, s.values)?;
    }
    Ok(())
}

/// Checks an integer and returns it. In requests a JS bigint arrives as a
/// marked string and is accepted where the field is an int64.
pub fn check_int(v: View<'_>, i: &Int, mode: Mode, path: &str) -> Result<i64, ValidationError> {
    let n = match v.kind() {
        Kind::Num => int_value(v.raw(), v.is_integer_literal(), i),
        Kind::Str if mode == Mode::Request => {
            match v
                .str()
                .as_deref()
                .and_then(|t| t.strip_prefix(BIGINT_MARKER))
            {
                Some(digits) if i.wide => int_value(digits, true, i),
                Some(_) => return Err(fail(path, "must be a number (got a bigint)".into())),
                None => return Err(type_error(v, "an integer", path)),
            }
        }
        _ => return Err(type_error(v, "an integer", path)),
    }
    .map_err(|rule| fail(path, rule))?;
    if mode == Mode::Request {
        validate::range(path, n, i.min, i.max)?;
        if !i.values.is_empty() && !i.values.contains(&n) {
            let list: Vec<String> = i.values.iter().map(i64::to_string).collect();
            return Err(fail(
                path,
                format!("must be one of {} (got {n})", list.join(", ")),
            ));
        }
    }
    Ok(n)
}

/// The value of an integer literal `raw` within the node's width (int32, or
/// int64 when `wide`), or the rule it breaks.
fn int_value(raw: &str, integer: bool, i: &Int) -> Result<i64, String> {
    if !integer {
        return Err(format!("must be an integer (got {raw})"));
    }
    let (lo, hi) = if i.wide {
        (i64::MIN, i64::MAX)
    } else {
        (i64::from(i32::MIN), i64::from(i32::MAX))
    };
    match raw.parse::<i64>() {
        Ok(n) if (lo..=hi).contains(&n) => Ok(n),
        _ => {
            let what = if i.wide { "a 64-bit" } else { "a 32-bit" };
            Err(format!("must be {what} integer (got {raw})"))
        }
    }
}

fn kind_name(k: Kind) -> &'static str {
    match k {
        Kind::Null => "null",
        Kind::Bool => "a boolean",
        Kind::Num => "a number",
        Kind::Str => "a string",
        Kind::Arr => "an array",
        Kind::Obj => "an object",
    }
}

fn type_error(v: View<'_>, want: &str, path: &str) -> ValidationError {
    let got = match v.kind() {
        Kind::Str if v.str().is_some_and(|s| s.starts_with(BIGINT_MARKER)) => "a bigint",
        k => kind_name(k),
    };
    fail(path, format!("must be {want} (got {got})"))
}

fn expect(v: View<'_>, k: Kind) -> Checked {
    if v.kind() == k {
        Ok(())
    } else {
        Err(type_error(v, kind_name(k), ""))
    }
}

fn fail(path: &str, rule: String) -> ValidationError {
    ValidationError::new(path, rule)
}

/// Appends `[i]` to a path.
pub fn push_index(path: &mut String, i: usize) {
    path.push('[');
    path.push_str(itoa(i).as_str());
    path.push(']');
}

fn itoa(mut n: usize) -> String {
    let mut buf = [0u8; 20];
    let mut at = buf.len();
    loop {
        at -= 1;
        if let Some(b) = buf.get_mut(at) {
            *b = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || at == 0 {
            break;
        }
    }
    String::from_utf8_lossy(buf.get(at..).unwrap_or_default()).into_owned()
}

/// Writes a checked request value as compact JSON: members given as `null`
/// and read-only fields are left out, a marked bigint becomes its digits.
pub fn write(v: View<'_>, id: Id, out: &mut String) {
    match (node(id), v.kind()) {
        (Node::Obj(o), Kind::Obj) => {
            out.push('{');
            let mut first = true;
            for (k, e) in v.members() {
                let prop = prop_of(o.props, k).map(|(_, p)| p);
                if e.is_null() || prop.is_some_and(|p| p.flags & READ_ONLY != 0) {
                    continue;
                }
                if !first {
                    out.push(',');
                }
                first = false;
                write_string(k, out);
                out.push(':');
                write(e, prop.map_or(0, |p| p.node), out);
            }
            out.push('}');
        }
        (Node::Union(u), Kind::Obj) => write(v, variant(v, u).unwrap_or(0), out),
        (Node::Arr { items, .. }, Kind::Arr) => {
            out.push('[');
            for (i, e) in v.elements().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write(e, *items, out);
            }
            out.push(']');
        }
        (Node::Map { values }, Kind::Obj) => {
            out.push('{');
            for (i, (k, e)) in v.members().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(k, out);
                out.push(':');
                write(e, *values, out);
            }
            out.push('}');
        }
        (Node::Int(_), Kind::Str) => {
            let s = v.str().unwrap_or_default();
            out.push_str(s.strip_prefix(BIGINT_MARKER).unwrap_or("0"));
        }
        (_, Kind::Str) => write_string(v, out),
        _ => out.push_str(v.raw()),
    }
}

/// A string value as it was received (its escapes are already valid JSON).
fn write_string(v: View<'_>, out: &mut String) {
    out.push('"');
    out.push_str(v.raw());
    out.push('"');
}

#[cfg(test)]
mod tests;
