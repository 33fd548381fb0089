//! Turns a response (status, content type, body bytes) into an operation's
//! checked result or an [`AtlasError`]. Pure: the transport only hands bytes in.

use crate::error::{ApiFailure, AtlasError, DecodeFailure};
use crate::json::{Doc, Kind, View};
use crate::request::ApiRequest;
use crate::schema::{self, Output};
use std::borrow::Cow;

/// What the transport read from the network.
#[derive(Debug, Clone, Copy)]
pub struct RawResponse<'a> {
    pub status: u16,
    pub content_type: Option<&'a str>,
    pub retry_after: Option<&'a str>,
    pub body: &'a [u8],
}

/// A checked success body, ready for `JSON.parse`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked<'a> {
    /// JSON text (`null` for no content), borrowed from the response when it
    /// can be: a page is not copied again.
    pub json: Cow<'a, str>,
    /// Whether it holds integers beyond a JS number's exact range, which the
    /// shell must mark before parsing (see [`mark_big_integers`]).
    pub big_ints: bool,
}

/// Checks the answer to `req`, whose success body is `output`, and returns
/// that body (an envelope's `content`) for the shell to hand to `JSON.parse`.
pub fn check<'a>(
    req: &ApiRequest,
    output: Output,
    raw: RawResponse<'a>,
) -> Result<Checked<'a>, AtlasError> {
    let (status, body) = if req.envelope && raw.status == 200 {
        let (status, content) = unwrap_envelope(req, raw)?;
        (status, Cow::Owned(content))
    } else {
        (raw.status, Cow::Borrowed(raw.body))
    };
    if !(200..300).contains(&status) {
        return Err(api_failure(req, status, raw, &body));
    }
    let fail = |message: String| decode_failure(req, status, &body, message);
    if raw.content_type.is_some_and(|c| !is_json(c)) && output != Output::Empty {
        return Err(fail(format!(
            "expected a JSON media type, got {}",
            raw.content_type.unwrap_or_default()
        )));
    }
    match output {
        Output::Empty => Ok(Checked {
            json: Cow::Borrowed("null"),
            big_ints: false,
        }),
        Output::Json(id) => {
            let not_text = || fail("the body is not UTF-8 text".into());
            let json: Cow<'a, str> = match &body {
                Cow::Borrowed(b) => Cow::Borrowed(std::str::from_utf8(b).map_err(|_| not_text())?),
                Cow::Owned(b) => Cow::Owned(String::from_utf8(b.clone()).map_err(|_| not_text())?),
            };
            let text: &str = &json;
            let big_ints = schema::stream::check_response(text, id)
                .map_err(|problem| fail(problem.describe()))?;
            Ok(Checked { big_ints, json })
        }
        Output::Pem => {
            let lossy = String::from_utf8_lossy(&body);
            let text = match Doc::parse(&lossy) {
                Ok(doc) if doc.root().kind() == Kind::Str => {
                    doc.root().str().unwrap_or_default().into_owned()
                }
                _ => lossy.clone().into_owned(),
            };
            if !text.trim_start().starts_with("-----BEGIN ") {
                return Err(fail("expected PEM text".into()));
            }
            // Handed on as a JSON string, whichever form it arrived in.
            let mut json = String::with_capacity(text.len() + 16);
            crate::json::quote(&text, &mut json);
            Ok(Checked {
                json: Cow::Owned(json),
                big_ints: false,
            })
        }
    }
}

/// Parses JSON text, describing a failure by its path.
fn parse(text: &str) -> Result<Doc<'_>, String> {
    Doc::parse(text).map_err(|e| {
        if e.path.is_empty() {
            format!("invalid JSON: {} (at byte {})", e.message, e.offset)
        } else {
            format!(
                "{}: invalid JSON: {} (at byte {})",
                e.path, e.message, e.offset
            )
        }
    })
}

/// Rewrites every integer literal beyond a JS number's exact range
/// (|v| > 2^53 − 1) into a marked string (`"\u0000bigint:<digits>"`), so that
/// `JSON.parse` with the shell's reviver turns it into a `bigint` instead of
/// rounding it. Returns `None` when the body has no such literal (the usual
/// case), so it can be parsed as it is.
pub fn mark_big_integers(body: &[u8]) -> Option<Vec<u8>> {
    let mut out: Option<Vec<u8>> = None;
    let mut copied = 0;
    let mut i = 0;
    let mut in_string = false;
    while i < body.len() {
        let b = body[i];
        if in_string {
            match b {
                b'\\' => i += 1,
                b'"' => in_string = false,
                _ => {}
            }
            i += 1;
            continue;
        }
        if b == b'"' {
            in_string = true;
            i += 1;
            continue;
        }
        if b == b'-' || b.is_ascii_digit() {
            let start = i;
            i += 1;
            while i < body.len()
                && matches!(body[i], b'0'..=b'9' | b'.' | b'e' | b'E' | b'+' | b'-')
            {
                i += 1;
            }
            let token = &body[start..i];
            if crate::json::is_unsafe_integer(token) {
                let o = out.get_or_insert_with(|| Vec::with_capacity(body.len() + 32));
                o.extend_from_slice(&body[copied..start]);
                o.extend_from_slice(b"\"\\u0000bigint:");
                o.extend_from_slice(token);
                o.push(b'"');
                copied = i;
            }
            continue;
        }
        i += 1;
    }
    out.map(|mut o| {
        o.extend_from_slice(&body[copied..]);
        o
    })
}

fn is_json(content_type: &str) -> bool {
    let ct = content_type.to_ascii_lowercase();
    ct.starts_with("application/json")
        || (ct.starts_with("application/vnd.atlas.") && ct.contains("+json"))
}

/// `envelope=true` answers 200 with `{status, content}`; returns the real pair.
fn unwrap_envelope(req: &ApiRequest, raw: RawResponse<'_>) -> Result<(u16, Vec<u8>), AtlasError> {
    let fail = |m: String| {
        decode_failure(
            req,
            raw.status,
            raw.body,
            format!("expected an envelope {{status, content}}: {m}"),
        )
    };
    let text = String::from_utf8_lossy(raw.body);
    let doc = parse(&text).map_err(fail)?;
    let root = doc.root();
    let status = root
        .get("status")
        .and_then(|s| s.i64())
        .and_then(|s| u16::try_from(s).ok())
        .ok_or_else(|| fail("`status` is missing or not a status code".into()))?;
    let content = root
        .get("content")
        .filter(|c| !c.is_null())
        .map(|c| c.raw().as_bytes().to_vec())
        .unwrap_or_default();
    Ok((status, content))
}

fn decode_failure(req: &ApiRequest, status: u16, body: &[u8], message: String) -> AtlasError {
    AtlasError::Decode(Box::new(DecodeFailure {
        status,
        method: req.method,
        path: req.path_and_query(),
        message,
        raw_body: String::from_utf8_lossy(body).into_owned(),
    }))
}

fn text(v: Option<View<'_>>, key: &str) -> Option<String> {
    let s = v?.get(key)?;
    (s.kind() == Kind::Str).then(|| s.str().unwrap_or_default().into_owned())
}

/// A member kept as JSON text for the shell to parse (`null` is left out).
fn json(v: Option<View<'_>>, key: &str) -> Option<String> {
    v?.get(key)
        .filter(|x| !x.is_null())
        .map(|x| x.raw().to_owned())
}

/// Builds the API error for a non-2xx answer, reading whatever of the ApiError
/// (or resource-policy error) shape is there; a body that is not JSON is kept raw.
fn api_failure(req: &ApiRequest, status: u16, raw: RawResponse<'_>, body: &[u8]) -> AtlasError {
    let lossy = String::from_utf8_lossy(body);
    let doc = Doc::parse(&lossy).ok();
    let v = doc
        .as_ref()
        .map(Doc::root)
        .filter(|r| r.kind() == Kind::Obj);
    let error_code = text(v, "errorCode");
    let hint = match (status, error_code.as_deref()) {
        (406, _) | (_, Some("INVALID_VERSION_DATE")) => Some(
            "the server does not accept this operation's API version; pass a supported apiVersion or update the package",
        ),
        (410, _) | (_, Some("VERSION_GONE")) => Some(
            "this API version has been removed; update the package or pass a newer apiVersion",
        ),
        (401, _) => Some("check that the token is valid and not expired"),
        (429, _) => Some("rate limited; wait for Retry-After before calling again"),
        _ => None,
    };
    AtlasError::Api(Box::new(ApiFailure {
        status,
        method: req.method,
        path: req.path_and_query(),
        detail: text(v, "detail"),
        reason: text(v, "reason"),
        parameters: json(v, "parameters"),
        bad_request_detail: json(v, "badRequestDetail"),
        error_type: text(v, "errorType"),
        invalid_policies: json(v, "invalidPolicies"),
        error_code,
        retry_after: raw.retry_after.map(str::to_owned),
        raw_body: lossy.into_owned(),
        hint,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::{ApiVersion, Method};

    fn req(envelope: bool) -> ApiRequest {
        let mut r = ApiRequest::new(
            "t",
            Method::Get,
            &ApiVersion::parse("v", "2023-01-01").unwrap(),
        )
        .lit("/groups");
        r.envelope = envelope;
        r
    }

    fn raw(status: u16, ct: &'static str, body: &'static [u8]) -> RawResponse<'static> {
        RawResponse {
            status,
            content_type: Some(ct),
            retry_after: None,
            body,
        }
    }

    /// A small real schema: `dayOfWeek` (int32) is required.
    fn window() -> Output {
        Output::Json(crate::schema::named("GroupMaintenanceWindow").unwrap())
    }

    #[test]
    fn success_and_errors() {
        let ok = check(
            &req(false),
            window(),
            raw(
                200,
                "application/vnd.atlas.2023-01-01+json",
                b"{\"dayOfWeek\":1}",
            ),
        )
        .unwrap();
        assert_eq!(ok.json, "{\"dayOfWeek\":1}");
        assert!(!ok.big_ints);

        let e = check(&req(false), window(), raw(404, "application/json", br#"{"error":404,"errorCode":"RESOURCE_NOT_FOUND","detail":"nope","reason":"Not Found"}"#)).unwrap_err();
        let AtlasError::Api(a) = e else {
            panic!("{e:?}")
        };
        assert_eq!(a.status, 404);
        assert_eq!(a.error_code.as_deref(), Some("RESOURCE_NOT_FOUND"));
        assert_eq!(
            a.to_string(),
            "GET /api/atlas/v2/groups failed with 404 RESOURCE_NOT_FOUND: nope"
        );

        let e = check(
            &req(false),
            window(),
            raw(502, "text/html", b"<html>bad gateway</html>"),
        )
        .unwrap_err();
        let AtlasError::Api(a) = e else { panic!() };
        assert_eq!(a.raw_body, "<html>bad gateway</html>");
        assert_eq!(a.error_code, None);
    }

    #[test]
    fn bad_bodies_keep_the_raw_text() {
        for (ct, body) in [
            ("application/json", &b"{\"dayOfWeek\":"[..]),
            ("text/html", &b"<html></html>"[..]),
            ("application/json", &b"{\"dayOfWeek\":\"x\"}"[..]),
        ] {
            let e = check(
                &req(false),
                window(),
                RawResponse {
                    status: 200,
                    content_type: Some(ct),
                    retry_after: None,
                    body,
                },
            )
            .unwrap_err();
            let AtlasError::Decode(d) = e else { panic!() };
            assert_eq!(d.raw_body.as_bytes(), body);
        }
        let e = check(
            &req(false),
            window(),
            raw(200, "application/json", b"{\"dayOfWeek\":\"x\"}"),
        )
        .unwrap_err();
        assert!(
            e.to_string()
                .contains("dayOfWeek: must be an integer (got a string)"),
            "{e}"
        );
    }

    #[test]
    fn envelopes_are_unwrapped() {
        let ok = check(
            &req(true),
            window(),
            raw(
                200,
                "application/json",
                br#"{"status":200,"content":{"dayOfWeek":7}}"#,
            ),
        )
        .unwrap();
        assert_eq!(ok.json, r#"{"dayOfWeek":7}"#);
        let e = check(
            &req(true),
            window(),
            raw(
                200,
                "application/json",
                br#"{"status":404,"content":{"errorCode":"RESOURCE_NOT_FOUND"}}"#,
            ),
        )
        .unwrap_err();
        let AtlasError::Api(a) = e else { panic!() };
        assert_eq!(
            (a.status, a.error_code.as_deref()),
            (404, Some("RESOURCE_NOT_FOUND"))
        );
        check(
            &req(true),
            Output::Empty,
            raw(200, "application/json", br#"{"status":204}"#),
        )
        .unwrap();
    }

    #[test]
    fn pem_bodies() {
        let pem = check(
            &req(false),
            Output::Pem,
            raw(
                201,
                "application/vnd.atlas.2023-01-01+json",
                b"\"-----BEGIN CERTIFICATE-----\\nabc\\n\"",
            ),
        )
        .unwrap();
        assert!(
            pem.json.starts_with("\"-----BEGIN CERTIFICATE-----\\n"),
            "{}",
            pem.json
        );
        let bare = check(
            &req(false),
            Output::Pem,
            raw(
                201,
                "application/x-pem-file",
                b"-----BEGIN CERTIFICATE-----\n\"q\"\n",
            ),
        );
        // A bare PEM under a non-JSON type is refused (the media type says JSON).
        assert!(bare.is_err());
        let bare = check(
            &req(false),
            Output::Pem,
            raw(
                201,
                "application/json",
                b"-----BEGIN CERTIFICATE-----\n\"q\"\n",
            ),
        )
        .unwrap();
        assert_eq!(bare.json, r#""-----BEGIN CERTIFICATE-----\n\"q\"\n""#);
        let e = check(
            &req(false),
            Output::Pem,
            raw(201, "application/json", b"{\"oops\":1}"),
        )
        .unwrap_err();
        let AtlasError::Decode(d) = e else { panic!() };
        assert_eq!(d.raw_body, "{\"oops\":1}");
    }

    #[test]
    fn big_integers_are_marked_outside_strings_only() {
        assert_eq!(
            mark_big_integers(br#"{"a":1,"b":9007199254740991,"c":-12.5e3}"#),
            None
        );
        let out = mark_big_integers(
            br#"{"a":9007199254740993,"s":"9007199254740993","n":[-18446744073709551616]}"#,
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            r#"{"a":"\u0000bigint:9007199254740993","s":"9007199254740993","n":["\u0000bigint:-18446744073709551616"]}"#
        );
        // Escaped quotes inside strings do not end them.
        assert_eq!(mark_big_integers(br#"{"s":"x\"9007199254740993"}"#), None);
        let big = check(
            &req(false),
            window(),
            raw(
                200,
                "application/json",
                br#"{"dayOfWeek":1,"x":{"y":[12345678901234567890]}}"#,
            ),
        )
        .unwrap();
        assert!(big.big_ints);
    }

    #[test]
    fn version_errors_say_what_to_do() {
        let e = check(
            &req(false),
            window(),
            raw(
                406,
                "application/json",
                br#"{"error":406,"errorCode":"INVALID_VERSION_DATE"}"#,
            ),
        )
        .unwrap_err();
        assert!(e.to_string().contains("apiVersion"), "{e}");
        let e = check(
            &req(false),
            window(),
            raw(
                410,
                "application/json",
                br#"{"error":410,"errorCode":"VERSION_GONE"}"#,
            ),
        )
        .unwrap_err();
        assert!(e.to_string().contains("removed"), "{e}");
    }
}
