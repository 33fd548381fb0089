//! Fault injection: canned failures chosen by the `X-Mock-Fault` header or armed
//! through `POST /__mock/faults`.

use std::time::Duration;

use axum::body::Body;
use axum::http::StatusCode;
use axum::response::Response;
use bytes::Bytes;
use futures_util::stream;
use serde_json::{json, Value};

use crate::state;
use crate::util::{error_response, set_header, to_text, ApiError, Render};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// 429 with `Retry-After` of the given seconds.
    RateLimited(u64),
    /// 500, 502, 503 or 504 with an ApiError body.
    Status(u16),
    /// Wait, then answer normally.
    Delay(u64),
    /// Headers with a Content-Length, part of the body, then the connection closes.
    Drop,
    /// 200 whose JSON body stops half-way (the Content-Length matches what is sent).
    Truncate,
    /// 200 with text/plain garbage.
    NonJson,
    /// 502 with an HTML page, as a proxy would send.
    Html,
    /// 200 with a valid JSON body of about this many MiB.
    Large(u64),
    /// Headers, part of the body, then nothing more.
    Hang,
}

pub const MAX_DELAY_MS: u64 = 600_000;
pub const MAX_LARGE_MB: u64 = 512;

impl Fault {
    pub fn parse(s: &str) -> Result<Fault, String> {
        let s = s.trim();
        let (name, arg) = match s.split_once(':') {
            Some((n, a)) => (n, Some(a.trim())),
            None => (s, None),
        };
        let num = |what: &str, max: u64| -> Result<u64, String> {
            let a =
                arg.ok_or_else(|| format!("fault `{name}` needs a number: `{name}:<{what}>`"))?;
            let v: u64 = a
                .parse()
                .map_err(|_| format!("`{a}` is not a whole number of {what}"))?;
            if v > max {
                return Err(format!("{what} may be at most {max}"));
            }
            Ok(v)
        };
        let no_arg = |f: Fault| -> Result<Fault, String> {
            match arg {
                None => Ok(f),
                Some(_) => Err(format!("fault `{name}` takes no argument")),
            }
        };
        match name.to_ascii_lowercase().as_str() {
            "429" => match arg {
                None => Ok(Fault::RateLimited(1)),
                Some(_) => Ok(Fault::RateLimited(num("seconds", 3600)?)),
            },
            "500" => no_arg(Fault::Status(500)),
            "502" => no_arg(Fault::Status(502)),
            "503" => no_arg(Fault::Status(503)),
            "504" => no_arg(Fault::Status(504)),
            "delay" => Ok(Fault::Delay(num("milliseconds", MAX_DELAY_MS)?)),
            "drop" => no_arg(Fault::Drop),
            "truncate" => no_arg(Fault::Truncate),
            "nonjson" => no_arg(Fault::NonJson),
            "html" => no_arg(Fault::Html),
            "large" => {
                let mb = num("MB", MAX_LARGE_MB)?;
                if mb == 0 {
                    return Err("large:<MB> needs at least 1".to_string());
                }
                Ok(Fault::Large(mb))
            }
            "hang" => no_arg(Fault::Hang),
            _ => Err(format!(
                "unknown fault `{s}`; known: 429, 429:<secs>, 500, 502, 503, 504, delay:<ms>, drop, truncate, nonjson, html, large:<MB>, hang"
            )),
        }
    }
}

/// One armed fault: applies to the next `remaining` API requests whose path
/// contains `path_contains` (all when empty).
#[derive(Debug, Clone)]
pub struct ArmedFault {
    pub spec: String,
    pub fault: Fault,
    pub remaining: u64,
    pub path_contains: Option<String>,
}

impl ArmedFault {
    pub fn view(&self) -> Value {
        json!({"fault": self.spec, "remaining": self.remaining, "pathContains": self.path_contains})
    }
}

/// A plausible JSON body used by drop / truncate / hang: a page of projects.
fn sample_body() -> String {
    let results: Vec<Value> = (0..20).map(state::project).collect();
    to_text(
        &json!({"links": [], "results": results, "totalCount": results.len()}),
        false,
    )
}

fn large_body(mb: u64) -> String {
    let target = (mb as usize) * 1024 * 1024;
    let mut out = String::with_capacity(target + 4096);
    out.push_str("{\"links\":[],\"results\":[");
    let mut i = 0usize;
    while out.len() < target {
        if i > 0 {
            out.push(',');
        }
        let mut p = state::project(i % 100_000);
        p["name"] = json!(format!("Project {i}"));
        p["tags"] = json!([{"key": "padding", "value": "x".repeat(200)}]);
        out.push_str(&to_text(&p, false));
        i += 1;
    }
    out.push_str(&format!("],\"totalCount\":{i}}}"));
    out
}

fn with_type(mut resp: Response, content_type: &str, len: Option<usize>) -> Response {
    set_header(&mut resp, "content-type", content_type);
    if let Some(len) = len {
        set_header(&mut resp, "content-length", &len.to_string());
    }
    resp
}

/// Builds the canned answer of a fault (never called for `Delay`).
pub fn respond(fault: &Fault, content_type: &str) -> Response {
    match fault {
        Fault::RateLimited(secs) => {
            let err = ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                "RATE_LIMITED",
                "Too many requests: the rate limit for this resource was exceeded (injected fault).",
            )
            .params(vec![json!(secs)])
            .header("retry-after", secs.to_string())
            .header("ratelimit-limit", "100")
            .header("ratelimit-remaining", "0");
            error_response(&err, Render::default(), &[])
        }
        Fault::Status(code) => {
            let (status, ec) = match code {
                502 => (StatusCode::BAD_GATEWAY, "BAD_GATEWAY"),
                503 => (StatusCode::SERVICE_UNAVAILABLE, "SERVICE_UNAVAILABLE"),
                504 => (StatusCode::GATEWAY_TIMEOUT, "GATEWAY_TIMEOUT"),
                _ => (StatusCode::INTERNAL_SERVER_ERROR, "UNEXPECTED_ERROR"),
            };
            let err = ApiError::new(status, ec, format!("Injected fault: HTTP {code}."));
            error_response(&err, Render::default(), &[])
        }
        Fault::Delay(_) => Response::new(Body::empty()),
        Fault::Drop => {
            let body = sample_body();
            let len = body.len();
            let half = Bytes::from(body.into_bytes()).slice(..len / 2);
            // The pause lets the headers and the first half reach the client
            // before the stream fails and the connection is closed.
            let s = stream::unfold(0u8, move |step| {
                let half = half.clone();
                async move {
                    match step {
                        0 => Some((Ok::<Bytes, std::io::Error>(half), 1)),
                        1 => {
                            tokio::time::sleep(Duration::from_millis(50)).await;
                            Some((
                                Err(std::io::Error::new(
                                    std::io::ErrorKind::ConnectionAborted,
                                    "injected fault: connection dropped",
                                )),
                                2,
                            ))
                        }
                        _ => None,
                    }
                }
            });
            with_type(Response::new(Body::from_stream(s)), content_type, Some(len))
        }
        Fault::Truncate => {
            let body = sample_body();
            let cut = body[..body.len() / 2].to_string();
            let len = cut.len();
            with_type(Response::new(Body::from(cut)), content_type, Some(len))
        }
        Fault::NonJson => with_type(
            Response::new(Body::from(
                "upstream said: <<< this is not JSON >>> \u{1}\u{2} }{ ][",
            )),
            "text/plain; charset=utf-8",
            None,
        ),
        Fault::Html => {
            let page = "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>\n";
            let mut resp = with_type(
                Response::new(Body::from(page)),
                "text/html; charset=utf-8",
                None,
            );
            *resp.status_mut() = StatusCode::BAD_GATEWAY;
            resp
        }
        Fault::Large(mb) => {
            let body = large_body(*mb);
            let len = body.len();
            with_type(Response::new(Body::from(body)), content_type, Some(len))
        }
        Fault::Hang => {
            let body = sample_body();
            let len = body.len();
            let first = Bytes::from(body.into_bytes()).slice(..len / 3);
            let s = stream::unfold(0u8, move |step| {
                let first = first.clone();
                async move {
                    match step {
                        0 => Some((Ok::<Bytes, std::io::Error>(first), 1)),
                        1 => {
                            // Never finishes in practice; the bound keeps a forgotten
                            // connection from living for ever.
                            tokio::time::sleep(Duration::from_secs(3600)).await;
                            Some((
                                Err(std::io::Error::new(
                                    std::io::ErrorKind::TimedOut,
                                    "injected fault: hang ended",
                                )),
                                2,
                            ))
                        }
                        _ => None,
                    }
                }
            });
            with_type(Response::new(Body::from_stream(s)), content_type, Some(len))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_names() {
        assert_eq!(Fault::parse("429"), Ok(Fault::RateLimited(1)));
        assert_eq!(Fault::parse("429:0"), Ok(Fault::RateLimited(0)));
        assert_eq!(Fault::parse("delay:250"), Ok(Fault::Delay(250)));
        assert_eq!(Fault::parse("large:2"), Ok(Fault::Large(2)));
        assert_eq!(Fault::parse("hang"), Ok(Fault::Hang));
        assert!(Fault::parse("delay").is_err());
        assert!(Fault::parse("drop:1").is_err());
        assert!(Fault::parse("teapot").is_err());
    }

    #[test]
    fn large_body_is_valid_json_of_the_size() {
        let b = large_body(1);
        assert!(b.len() >= 1024 * 1024);
        let v: Value = serde_json::from_str(&b).expect("valid JSON");
        assert!(v["results"].as_array().map(|a| a.len()).unwrap_or(0) > 100);
    }
}
