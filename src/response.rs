//! Turns a response (status, content type, body bytes) into an operation's
//! typed result or an [`AtlasError`]. Pure: the transport only hands bytes in.

use crate::error::{ApiFailure, AtlasError, DecodeFailure};
use crate::request::ApiRequest;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// What the transport read from the network.
#[derive(Debug, Clone, Copy)]
pub struct RawResponse<'a> {
    pub status: u16,
    pub content_type: Option<&'a str>,
    pub retry_after: Option<&'a str>,
    pub body: &'a [u8],
}

/// How an operation reads its 2xx body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    /// JSON decoded into the operation's output type.
    Json,
    /// No content (204): the result is `()`.
    Empty,
    /// A JSON string holding PEM text (a bare PEM is accepted too).
    Pem,
}

/// Decodes a response to `req` whose success body is of `kind` into `T`.
pub fn decode<T: DeserializeOwned>(
    req: &ApiRequest,
    kind: BodyKind,
    raw: RawResponse<'_>,
) -> Result<T, AtlasError> {
    decode_body(req, kind, raw).map(|(v, _)| v)
}

/// Like [`decode`], also returning the success body (an envelope's `content`)
/// that `T` was decoded from, for callers that hand the JSON on as it is.
pub fn decode_body<T: DeserializeOwned>(
    req: &ApiRequest,
    kind: BodyKind,
    raw: RawResponse<'_>,
) -> Result<(T, Vec<u8>), AtlasError> {
    let (status, body) = if req.envelope && raw.status == 200 {
        unwrap_envelope(req, raw)?
    } else {
        (raw.status, raw.body.to_vec())
    };
    if !(200..300).contains(&status) {
        return Err(api_failure(req, status, raw, &body));
    }
    let fail = |message: String| decode_failure(req, status, &body, message);
    if raw.content_type.is_some_and(|c| !is_json(c)) && kind != BodyKind::Empty {
        return Err(fail(format!(
            "expected a JSON media type, got {}",
            raw.content_type.unwrap_or_default()
        )));
    }
    match kind {
        BodyKind::Empty => Ok((from_json(b"null").map_err(fail)?, b"null".to_vec())),
        BodyKind::Json => Ok((from_json(&body).map_err(fail)?, body)),
        BodyKind::Pem => {
            let text = match serde_json::from_slice::<String>(&body) {
                Ok(s) => s,
                Err(_) => String::from_utf8_lossy(&body).into_owned(),
            };
            if !text.trim_start().starts_with("-----BEGIN ") {
                return Err(fail("expected PEM text".into()));
            }
            // Handed on as a JSON string, whichever form it arrived in.
            let encoded = serde_json::to_vec(&text).unwrap_or_default();
            Ok((from_json(&encoded).map_err(fail)?, encoded))
        }
    }
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
            let digits = token.strip_prefix(b"-").unwrap_or(token);
            let integer = !digits.is_empty() && digits.iter().all(u8::is_ascii_digit);
            // 2^53 − 1 has 16 digits: anything longer, or as long and larger, is unsafe.
            let unsafe_int = integer
                && (digits.len() > 16 || (digits.len() == 16 && digits > &b"9007199254740991"[..]));
            if unsafe_int {
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

/// Decodes JSON into `T`, naming the field path of the first problem.
pub fn from_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, String> {
    serde_json::from_slice(body).map_err(|e| {
        let path = crate::json_path::path_at(body, e.line(), e.column());
        let msg = e.to_string();
        // serde_json appends " at line L column C": the path says it better.
        let msg = msg.split(" at line ").next().unwrap_or(&msg);
        if path.is_empty() {
            msg.to_owned()
        } else {
            format!("{path}: {msg}")
        }
    })
}

fn is_json(content_type: &str) -> bool {
    let ct = content_type.to_ascii_lowercase();
    ct.starts_with("application/json")
        || (ct.starts_with("application/vnd.atlas.") && ct.contains("+json"))
}

/// `envelope=true` answers 200 with `{status, content}`; returns the real pair.
fn unwrap_envelope(req: &ApiRequest, raw: RawResponse<'_>) -> Result<(u16, Vec<u8>), AtlasError> {
    #[derive(serde::Deserialize)]
    struct Envelope {
        status: u16,
        #[serde(default)]
        content: Option<Box<serde_json::value::RawValue>>,
    }
    match serde_json::from_slice::<Envelope>(raw.body) {
        Ok(env) => {
            let body = env
                .content
                .map(|c| c.get().as_bytes().to_vec())
                .unwrap_or_default();
            Ok((env.status, body))
        }
        Err(e) => Err(decode_failure(
            req,
            raw.status,
            raw.body,
            format!("expected an envelope {{status, content}}: {e}"),
        )),
    }
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

fn text(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(str::to_owned)
}

/// Builds the API error for a non-2xx answer, reading whatever of the ApiError
/// (or resource-policy error) shape is there; a body that is not JSON is kept raw.
fn api_failure(req: &ApiRequest, status: u16, raw: RawResponse<'_>, body: &[u8]) -> AtlasError {
    let v: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
    let error_code = text(&v, "errorCode");
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
        detail: text(&v, "detail"),
        reason: text(&v, "reason"),
        parameters: v.get("parameters").cloned(),
        bad_request_detail: v.get("badRequestDetail").cloned(),
        error_type: text(&v, "errorType"),
        invalid_policies: v.get("invalidPolicies").cloned(),
        error_code,
        retry_after: raw.retry_after.map(str::to_owned),
        raw_body: String::from_utf8_lossy(body).into_owned(),
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

    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct Thing {
        n: u32,
    }

    #[test]
    fn success_and_errors() {
        let ok: Thing = decode(
            &req(false),
            BodyKind::Json,
            raw(200, "application/vnd.atlas.2023-01-01+json", b"{\"n\":1}"),
        )
        .unwrap();
        assert_eq!(ok, Thing { n: 1 });

        let e = decode::<Thing>(&req(false), BodyKind::Json, raw(404, "application/json", br#"{"error":404,"errorCode":"RESOURCE_NOT_FOUND","detail":"nope","reason":"Not Found"}"#)).unwrap_err();
        let AtlasError::Api(a) = e else {
            panic!("{e:?}")
        };
        assert_eq!(a.status, 404);
        assert_eq!(a.error_code.as_deref(), Some("RESOURCE_NOT_FOUND"));
        assert_eq!(
            a.to_string(),
            "GET /api/atlas/v2/groups failed with 404 RESOURCE_NOT_FOUND: nope"
        );

        let e = decode::<Thing>(
            &req(false),
            BodyKind::Json,
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
            ("application/json", &b"{\"n\":"[..]),
            ("text/html", &b"<html></html>"[..]),
            ("application/json", &b"{\"n\":\"x\"}"[..]),
        ] {
            let e = decode::<Thing>(
                &req(false),
                BodyKind::Json,
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
        let e = decode::<Thing>(
            &req(false),
            BodyKind::Json,
            raw(200, "application/json", b"{\"n\":\"x\"}"),
        )
        .unwrap_err();
        assert!(e.to_string().contains("n: invalid type"), "{e}");
    }

    #[test]
    fn envelopes_are_unwrapped() {
        let ok: Thing = decode(
            &req(true),
            BodyKind::Json,
            raw(
                200,
                "application/json",
                br#"{"status":200,"content":{"n":7}}"#,
            ),
        )
        .unwrap();
        assert_eq!(ok.n, 7);
        let e = decode::<Thing>(
            &req(true),
            BodyKind::Json,
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
        let _: () = decode(
            &req(true),
            BodyKind::Empty,
            raw(200, "application/json", br#"{"status":204}"#),
        )
        .unwrap();
    }

    #[test]
    fn pem_bodies() {
        let pem: String = decode(
            &req(false),
            BodyKind::Pem,
            raw(
                201,
                "application/vnd.atlas.2023-01-01+json",
                b"\"-----BEGIN CERTIFICATE-----\\nabc\\n\"",
            ),
        )
        .unwrap();
        assert!(pem.starts_with("-----BEGIN CERTIFICATE-----\n"));
        let e = decode::<String>(
            &req(false),
            BodyKind::Pem,
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
        // The marked form decodes into Int64 again.
        let v: crate::models::Int64 =
            serde_json::from_slice(&mark_big_integers(b"9223372036854775807").unwrap()).unwrap();
        assert_eq!(v.0, i64::MAX);
    }

    #[test]
    fn version_errors_say_what_to_do() {
        let e = decode::<Thing>(
            &req(false),
            BodyKind::Json,
            raw(
                406,
                "application/json",
                br#"{"error":406,"errorCode":"INVALID_VERSION_DATE"}"#,
            ),
        )
        .unwrap_err();
        assert!(e.to_string().contains("apiVersion"), "{e}");
        let e = decode::<Thing>(
            &req(false),
            BodyKind::Json,
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
