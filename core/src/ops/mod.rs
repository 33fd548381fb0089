//! Operations as data: each is an [`OpDef`] in the generated table
//! ([`crate::schema::table::OPS`]). One generic function turns a caller's
//! options into an [`ApiRequest`], so adding operations (all 540 later) means
//! regenerating the table: no code per operation.

use crate::json::{Doc, Kind, View};
use crate::request::{ApiRequest, ApiVersion};
use crate::schema::{self, Loc, Mode, OpDef};
use crate::validate::ValidationError;

pub use crate::schema::{op, Output};

/// When and how an operation is retired.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deprecation {
    /// Date after which Atlas may stop serving the operation (`YYYY-MM-DD`),
    /// when the description gives one.
    pub sunset: Option<&'static str>,
    /// What to use instead, in a few words.
    pub instead: &'static str,
}

/// Option keys every operation accepts besides its parameters and `body`.
pub const COMMON_FIELDS: &[&str] = &["apiVersion", "signal", "timeoutMs"];

/// A checked call: the request plus the per-call timeout.
#[derive(Debug)]
pub struct Prepared {
    pub req: ApiRequest,
    pub timeout_ms: Option<f64>,
}

/// The option keys `def` knows, in a stable order.
pub fn fields(def: &OpDef) -> Vec<&'static str> {
    let mut keys: Vec<&str> = def.params.iter().map(|p| p.name).collect();
    if def.body.is_some() {
        keys.push("body");
    }
    keys.extend_from_slice(COMMON_FIELDS);
    keys
}

fn given<'d>(root: View<'d>, key: &str) -> Option<View<'d>> {
    root.get(key).filter(|v| !v.is_null())
}

/// Checks a caller's options (as JSON text, the form the wasm shell passes
/// them in) and builds the request. Nothing is sent when this fails.
pub fn prepare(def: &'static OpDef, json: &str) -> Result<Prepared, ValidationError> {
    let doc = Doc::parse(json).map_err(|e| {
        let field = if e.path.is_empty() {
            "options"
        } else {
            &e.path
        };
        ValidationError::new(field, e.message)
    })?;
    let root = doc.root();
    if root.kind() != Kind::Obj {
        return Err(ValidationError::new("options", "must be an object"));
    }
    for (k, _) in root.members() {
        let k = k.str().unwrap_or_default();
        let known = def.params.iter().any(|p| p.name == k)
            || (k == "body" && def.body.is_some())
            || COMMON_FIELDS.contains(&k.as_ref());
        if !known {
            return Err(ValidationError::new(
                k.as_ref(),
                format!(
                    "is not an option of {}; known options: {}",
                    def.name,
                    fields(def).join(", ")
                ),
            ));
        }
    }
    let version = match given(root, "apiVersion") {
        Some(v) => match v.str() {
            Some(s) if v.kind() == Kind::Str => ApiVersion::parse("apiVersion", &s)?,
            _ => return Err(ValidationError::new("apiVersion", "must be a string")),
        },
        None => ApiVersion::parse("apiVersion", def.version)?,
    };
    let timeout_ms = match given(root, "timeoutMs") {
        Some(v) => {
            let t = v
                .f64()
                .filter(|_| v.kind() == Kind::Num)
                .ok_or_else(|| ValidationError::new("timeoutMs", "must be a number"))?;
            crate::config::check_timeout("timeoutMs", t)?;
            Some(t)
        }
        None => None,
    };
    let mut req = ApiRequest::new(def.name, def.method, &version);
    let param = |name: &str| def.params.iter().find(|p| p.name == name);
    // The path, piece by piece from its template; parameters in template order.
    let mut rest = def.path;
    while let Some(open) = rest.find('{') {
        let close = rest.get(open..).and_then(|r| r.find('}')).map(|c| c + open);
        let (Some(lit), Some(close)) = (rest.get(..open), close) else {
            break;
        };
        req = req.lit(lit.strip_suffix('/').unwrap_or(lit));
        let name = rest.get(open + 1..close).unwrap_or_default();
        let v = match (given(root, name), param(name)) {
            (Some(v), Some(p)) => {
                schema::check(v, p.node, Mode::Request, name)?;
                v
            }
            _ => return Err(ValidationError::new(name, "is required")),
        };
        req = req.seg(&v.str().unwrap_or_default());
        rest = rest.get(close + 1..).unwrap_or_default();
    }
    req = req.lit(rest);
    for p in def.params.iter().filter(|p| p.loc == Loc::Query) {
        let Some(v) = given(root, p.name) else {
            if p.required {
                return Err(ValidationError::new(p.name, "is required"));
            }
            continue;
        };
        schema::check(v, p.node, Mode::Request, p.name)?;
        let text = match v.kind() {
            Kind::Str => v.str().unwrap_or_default().into_owned(),
            _ => v.raw().to_owned(),
        };
        if p.name == "envelope" {
            req.envelope = text == "true";
        }
        req = req.query(p.name, Some(text));
    }
    if let Some(body) = &def.body {
        let mut out = String::new();
        match given(root, "body") {
            Some(v) => {
                schema::check(v, body.node, Mode::Request, "body")?;
                schema::write(v, body.node, &mut out);
            }
            None if body.required => return Err(ValidationError::new("body", "is required")),
            None => out.push_str("{}"),
        }
        req.body = Some(out.into_bytes());
    }
    Ok(Prepared { req, timeout_ms })
}

#[cfg(test)]
pub(crate) mod tests;
