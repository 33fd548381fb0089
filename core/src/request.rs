//! An API call as plain data: method, percent-encoded path, query, versioned
//! media type and JSON body. Built by [`crate::ops`], executed by the transport.

use crate::validate::{self, Checked, ValidationError};

/// Base URL used when the caller gives none.
pub const DEFAULT_BASE_URL: &str = "https://cloud.mongodb.com";

/// Path prefix of every Administration API v2 operation.
pub const API_PREFIX: &str = "/api/atlas/v2";

/// HTTP method of an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Patch,
    Delete,
}

impl Method {
    /// The method's name on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }

    /// GET and DELETE may be repeated without changing the outcome.
    pub fn is_idempotent(self) -> bool {
        matches!(self, Method::Get | Method::Delete)
    }
}

/// The date (`2023-01-01`) or `preview` that selects a version of an operation,
/// sent as `application/vnd.atlas.<version>+json`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiVersion(String);

impl ApiVersion {
    /// Checks the form `YYYY-MM-DD` or `preview`; `field` names it in errors.
    pub fn parse(field: &str, v: &str) -> Result<Self, ValidationError> {
        let b = v.as_bytes();
        let date = b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter()
                .enumerate()
                .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
        if date || v == "preview" {
            Ok(ApiVersion(v.to_owned()))
        } else {
            Err(ValidationError::new(
                field,
                "must be a version date like 2023-01-01, or preview",
            ))
        }
    }

    /// The version as written, e.g. `2023-01-01`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The versioned media type, e.g. `application/vnd.atlas.2023-01-01+json`.
    pub fn media_type(&self) -> String {
        format!("application/vnd.atlas.{}+json", self.0)
    }
}

/// Percent-encodes one path segment: everything but RFC 3986 unreserved
/// characters is escaped, so `/`, `?`, `#` and `%` can never change the path.
pub fn encode_segment(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 15)] as char);
        }
    }
}

/// Percent-encodes a query value (same rule as a path segment).
fn encode_query(out: &mut String, s: &str) {
    encode_segment(out, s)
}

/// Checks a free-form path parameter (a user name, a tenant name): present,
/// and not a dot segment, which URL parsers would resolve away even when encoded.
pub fn path_text(field: &str, v: &str) -> Checked {
    if v.is_empty() {
        return Err(ValidationError::new(field, "must not be empty"));
    }
    if v == "." || v == ".." {
        return Err(ValidationError::new(field, "must not be '.' or '..'"));
    }
    if v.len() > 1024 {
        return Err(ValidationError::new(field, "must be at most 1024 bytes"));
    }
    validate::non_empty(field, v)
}

/// The wire form of one call.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiRequest {
    /// JS name of the operation, e.g. `listProjects`.
    pub operation: &'static str,
    pub method: Method,
    /// Path from the host on, each parameter segment percent-encoded.
    pub path: String,
    /// Query parameters that were given, already encoded as `name=value`.
    pub query: Vec<String>,
    /// Versioned media type for `Accept` (and `Content-Type` when there is a body).
    pub media_type: String,
    /// JSON body, when the operation takes one.
    pub body: Option<Vec<u8>>,
    /// Whether `envelope=true` was asked for (the answer is then wrapped).
    pub envelope: bool,
}

impl ApiRequest {
    /// Starts a request for `operation` at `API_PREFIX`.
    pub fn new(operation: &'static str, method: Method, version: &ApiVersion) -> Self {
        ApiRequest {
            operation,
            method,
            path: String::from(API_PREFIX),
            query: Vec::new(),
            media_type: version.media_type(),
            body: None,
            envelope: false,
        }
    }

    /// Appends literal path text (from the operation's template, never from input).
    pub fn lit(mut self, s: &str) -> Self {
        self.path.push_str(s);
        self
    }

    /// Appends `/` and one encoded parameter segment.
    pub fn seg(mut self, v: &str) -> Self {
        self.path.push('/');
        encode_segment(&mut self.path, v);
        self
    }

    /// Adds `name=value` when a value was given.
    pub fn query(mut self, name: &str, v: Option<impl ToString>) -> Self {
        if let Some(v) = v {
            let mut q = String::from(name);
            q.push('=');
            encode_query(&mut q, &v.to_string());
            self.query.push(q);
        }
        self
    }

    /// Path plus query string, as sent.
    pub fn path_and_query(&self) -> String {
        let mut s = self.path.clone();
        for (i, q) in self.query.iter().enumerate() {
            s.push(if i == 0 { '?' } else { '&' });
            s.push_str(q);
        }
        s
    }

    /// Absolute URL of this request under `base` (already checked by [`base_url`]).
    pub fn url(&self, base: &str) -> String {
        let mut s = String::from(base.trim_end_matches('/'));
        s.push_str(&self.path_and_query());
        s
    }
}

/// Checks and normalises a base URL: `http` or `https`, a host, no query,
/// fragment, credentials or whitespace. Returns it without a trailing slash.
pub fn base_url(field: &str, v: &str) -> Result<String, ValidationError> {
    let bad = |rule: &str| Err(ValidationError::new(field, rule));
    let rest = if let Some(r) = v.strip_prefix("https://") {
        r
    } else if let Some(r) = v.strip_prefix("http://") {
        r
    } else {
        return bad("must be an http:// or https:// URL");
    };
    let host = rest.split('/').next().unwrap_or_default();
    if host.is_empty() {
        return bad("must name a host");
    }
    if v.bytes()
        .any(|b| b.is_ascii_whitespace() || b.is_ascii_control())
    {
        return bad("must not contain whitespace or control characters");
    }
    if rest.contains(['?', '#']) {
        return bad("must not have a query or fragment");
    }
    if host.contains('@') {
        return bad("must not embed credentials");
    }
    Ok(v.trim_end_matches('/').to_owned())
}

/// The `scheme://host[:port]` part of an absolute URL, lower-cased, used to
/// decide whether credentials may go to a URL.
pub fn origin(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let host = rest.split(['/', '?', '#']).next()?;
    if host.is_empty() || host.contains('@') {
        return None;
    }
    let scheme = scheme.to_ascii_lowercase();
    let mut host = host.to_ascii_lowercase();
    // Default ports are the same origin as no port.
    if (scheme == "https" && host.ends_with(":443")) || (scheme == "http" && host.ends_with(":80"))
    {
        if let Some(i) = host.rfind(':') {
            host.truncate(i);
        }
    }
    Some(format!("{scheme}://{host}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_stay_segments() {
        let v = ApiVersion::parse("apiVersion", "2023-01-01").unwrap();
        let r = ApiRequest::new("x", Method::Get, &v)
            .lit("/groups")
            .seg("a/b")
            .seg("../x")
            .seg("q?x=1#f")
            .seg("100%")
            .seg("caf\u{e9} \u{1F600}");
        assert_eq!(
            r.path,
            "/api/atlas/v2/groups/a%2Fb/..%2Fx/q%3Fx%3D1%23f/100%25/caf%C3%A9%20%F0%9F%98%80"
        );
    }

    #[test]
    fn query_only_when_given() {
        let v = ApiVersion::parse("apiVersion", "2023-01-01").unwrap();
        let r = ApiRequest::new("x", Method::Get, &v)
            .lit("/groups")
            .query("itemsPerPage", Some(5))
            .query("pageNum", None::<u32>)
            .query("pretty", Some(true));
        assert_eq!(
            r.path_and_query(),
            "/api/atlas/v2/groups?itemsPerPage=5&pretty=true"
        );
        assert_eq!(
            r.url("http://127.0.0.1:8787/"),
            "http://127.0.0.1:8787/api/atlas/v2/groups?itemsPerPage=5&pretty=true"
        );
        assert_eq!(r.media_type, "application/vnd.atlas.2023-01-01+json");
    }

    #[test]
    fn versions() {
        assert!(ApiVersion::parse("v", "2024-08-05").is_ok());
        assert!(ApiVersion::parse("v", "preview").is_ok());
        for bad in [
            "",
            "2024-8-05",
            "2024/08/05",
            "latest",
            "2024-08-05\r\nX: y",
        ] {
            assert!(ApiVersion::parse("v", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn base_urls() {
        assert_eq!(
            base_url("baseUrl", "https://cloud.mongodb.com/").unwrap(),
            "https://cloud.mongodb.com"
        );
        assert!(base_url("baseUrl", "http://127.0.0.1:8787").is_ok());
        for bad in [
            "",
            "ftp://x",
            "javascript:alert(1)",
            "https://",
            "https://a b",
            "https://x?y",
            "https://u:p@x",
            "cloud.mongodb.com",
        ] {
            assert!(base_url("baseUrl", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn origins() {
        assert_eq!(
            origin("https://Cloud.MongoDB.com:443/a?b").as_deref(),
            Some("https://cloud.mongodb.com")
        );
        assert_eq!(
            origin("http://127.0.0.1:8787/x").as_deref(),
            Some("http://127.0.0.1:8787")
        );
        assert_ne!(
            origin("http://127.0.0.1:8788/x"),
            origin("http://127.0.0.1:8787/x")
        );
        assert_eq!(origin("/relative"), None);
    }

    #[test]
    fn dot_segments_refused() {
        assert!(path_text("username", "..").is_err());
        assert!(path_text("username", ".").is_err());
        assert!(path_text("username", "").is_err());
        assert!(path_text("username", "a/b").is_ok());
        assert!(path_text("username", "../x").is_ok());
    }
}
