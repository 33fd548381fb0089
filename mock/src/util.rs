//! Small shared helpers: the ApiError refusal type, ids, clocks and JSON rendering.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};

use axum::body::Body;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use serde_json::{json, Value};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// Media type of every refusal that uses the ApiError shape.
pub const JSON: &str = "application/json";

/// One refusal in the ApiError shape (`error`, `errorCode`, `detail`, `reason`,
/// `parameters`, and `badRequestDetail` for validation failures).
#[derive(Debug, Clone)]
pub struct ApiError(Box<ApiErrorParts>);

#[derive(Debug, Clone)]
pub struct ApiErrorParts {
    pub status: StatusCode,
    pub code: String,
    pub detail: String,
    pub parameters: Vec<Value>,
    pub fields: Vec<(String, String)>,
    pub headers: Vec<(&'static str, String)>,
}

impl std::ops::Deref for ApiError {
    type Target = ApiErrorParts;
    fn deref(&self) -> &ApiErrorParts {
        &self.0
    }
}

impl std::ops::DerefMut for ApiError {
    fn deref_mut(&mut self) -> &mut ApiErrorParts {
        &mut self.0
    }
}

impl ApiError {
    pub fn new(status: StatusCode, code: &str, detail: impl Into<String>) -> Self {
        ApiError(Box::new(ApiErrorParts {
            status,
            code: code.to_string(),
            detail: detail.into(),
            parameters: Vec::new(),
            fields: Vec::new(),
            headers: Vec::new(),
        }))
    }

    pub fn params(mut self, params: Vec<Value>) -> Self {
        self.parameters = params;
        self
    }

    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    /// 400 VALIDATION_ERROR naming one bad field.
    pub fn invalid(field: &str, description: impl Into<String>) -> Self {
        let description = description.into();
        let mut e = ApiError::new(
            StatusCode::BAD_REQUEST,
            "VALIDATION_ERROR",
            format!("Invalid value for {field}: {description}"),
        )
        .params(vec![json!(field)]);
        e.fields.push((field.to_string(), description));
        e
    }

    /// 400 VALIDATION_ERROR naming several bad fields.
    pub fn invalid_many(fields: Vec<(String, String)>) -> Self {
        let names: Vec<Value> = fields.iter().map(|(f, _)| json!(f)).collect();
        let detail = fields
            .iter()
            .map(|(f, d)| format!("{f}: {d}"))
            .collect::<Vec<_>>()
            .join("; ");
        let mut e = ApiError::new(
            StatusCode::BAD_REQUEST,
            "VALIDATION_ERROR",
            format!("The request is invalid: {detail}"),
        )
        .params(names);
        e.fields = fields;
        e
    }

    pub fn not_found(what: &str, id: &str) -> Self {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "RESOURCE_NOT_FOUND",
            format!("Cannot find {what} {id}."),
        )
        .params(vec![json!(what), json!(id)])
    }

    pub fn malformed(detail: impl Into<String>) -> Self {
        ApiError::new(StatusCode::BAD_REQUEST, "MALFORMED_REQUEST", detail)
    }

    pub fn body(&self) -> Value {
        let mut v = json!({
            "error": self.status.as_u16(),
            "errorCode": self.code,
            "detail": self.detail,
            "reason": self.status.canonical_reason().unwrap_or("Error"),
            "parameters": self.parameters,
        });
        if !self.fields.is_empty() {
            let fields: Vec<Value> = self
                .fields
                .iter()
                .map(|(f, d)| json!({"field": f, "description": d}))
                .collect();
            v["badRequestDetail"] = json!({ "fields": fields });
        }
        v
    }
}

/// How a JSON answer is rendered: `pretty` indents, `envelope` wraps it as
/// `{"status": .., "content": ..}` and answers 200.
#[derive(Debug, Clone, Copy, Default)]
pub struct Render {
    pub pretty: bool,
    pub envelope: bool,
}

pub fn to_text(v: &Value, pretty: bool) -> String {
    let s = if pretty {
        serde_json::to_string_pretty(v)
    } else {
        serde_json::to_string(v)
    };
    s.unwrap_or_else(|_| "null".to_string())
}

/// Builds one JSON answer (or an empty one when `body` is None).
pub fn json_response(
    status: StatusCode,
    body: Option<Value>,
    content_type: &str,
    render: Render,
    headers: &[(&'static str, String)],
) -> Response {
    let (status, text) = if render.envelope {
        let mut env = json!({ "status": status.as_u16() });
        if let Some(b) = body {
            env["content"] = b;
        }
        (StatusCode::OK, Some(to_text(&env, render.pretty)))
    } else {
        (status, body.map(|b| to_text(&b, render.pretty)))
    };
    let mut resp = Response::new(match text {
        Some(t) => Body::from(t),
        None => Body::empty(),
    });
    *resp.status_mut() = status;
    set_header(&mut resp, header::CONTENT_TYPE.as_str(), content_type);
    for (name, value) in headers {
        set_header(&mut resp, name, value);
    }
    resp
}

pub fn error_response(
    err: &ApiError,
    render: Render,
    extra: &[(&'static str, String)],
) -> Response {
    let mut headers: Vec<(&'static str, String)> = extra.to_vec();
    headers.extend(err.headers.iter().cloned());
    json_response(err.status, Some(err.body()), JSON, render, &headers)
}

pub fn set_header(resp: &mut Response, name: &str, value: &str) {
    if let (Ok(n), Ok(v)) = (
        axum::http::HeaderName::from_bytes(name.as_bytes()),
        HeaderValue::from_str(value),
    ) {
        resp.headers_mut().insert(n, v);
    }
}

/// SplitMix64: the deterministic generator behind every seeded id.
pub fn splitmix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A deterministic 24-lowercase-hex id for (namespace, index).
pub fn det_id(namespace: u64, index: u64) -> String {
    let a = splitmix(namespace.wrapping_mul(0x1_0000_0001) ^ index);
    let b = splitmix(a ^ 0xA5A5_A5A5);
    format!("{:016x}{:08x}", a, b as u32)
}

static COUNTER: AtomicU64 = AtomicU64::new(1);

/// Non-deterministic 64 bits (for tokens, new ids and keys); not cryptographic.
pub fn random_u64() -> u64 {
    let mut h = RandomState::new().build_hasher();
    h.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    h.write_i128(OffsetDateTime::now_utc().unix_timestamp_nanos());
    h.finish()
}

pub fn random_hex24() -> String {
    format!("{:016x}{:08x}", random_u64(), random_u64() as u32)
}

pub fn is_hex24(s: &str) -> bool {
    s.len() == 24
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

pub fn rfc3339(t: OffsetDateTime) -> String {
    t.replace_nanosecond(0)
        .unwrap_or(t)
        .format(&Rfc3339)
        .unwrap_or_else(|_| "1970-01-01T00:00:00Z".to_string())
}

pub fn now_rfc3339() -> String {
    rfc3339(OffsetDateTime::now_utc())
}

/// Decodes `%XX` escapes (and leaves anything malformed as it is).
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
            if let Some(v) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Parses a query string into (name, value) pairs, decoding `+` and `%XX`.
pub fn parse_query(q: Option<&str>) -> Vec<(String, String)> {
    let Some(q) = q else { return Vec::new() };
    q.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (
                percent_decode(&k.replace('+', " ")),
                percent_decode(&v.replace('+', " ")),
            )
        })
        .collect()
}
