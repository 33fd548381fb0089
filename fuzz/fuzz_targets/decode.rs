//! Response checking of every operation: status, content type, Retry-After and
//! body all come from the input. Whatever arrives, `response::check` must
//! return checked JSON or an `AtlasError` (never panic), and the error must
//! format. Oracles: serde_json is the reference parser, so a body serde_json
//! refuses must never pass, a passed body is handed on unchanged (nothing
//! lost), and the big-integer flag matches the body's literals.
//!
//! Input layout: [op] [status] [status2] [content type] [flags] body...
//! - op: operation number mod 12 (README order);
//! - status: < 200 picks from STATUSES, otherwise status = u16(status, status2);
//! - flags bit 0: envelope=true; bit 1: a Retry-After header (the body's first
//!   line, which is then removed from the body).

#![no_main]

mod common;

use atlas_admin_wasm::response::{self, RawResponse};
use atlas_admin_wasm::json;
use atlas_admin_wasm::schema::{self, Output};
use libfuzzer_sys::fuzz_target;

const STATUSES: &[u16] = &[
    200, 201, 202, 204, 299, 100, 199, 300, 301, 302, 304, 307, 308, 400, 401, 403, 404, 405,
    406, 409, 410, 429, 500, 502, 503, 504, 0, 599, 600, 999, 65535,
];

const CONTENT_TYPES: &[Option<&str>] = &[
    None,
    Some("application/json"),
    Some("application/vnd.atlas.2023-01-01+json"),
    Some("application/vnd.atlas.2024-08-05+json"),
    Some("application/vnd.atlas.preview+json"),
    Some("application/vnd.atlas.2023-01-01+json;charset=utf-8"),
    Some("APPLICATION/JSON; charset=UTF-8"),
    Some("text/html"),
    Some("text/plain"),
    Some(""),
    Some("application/vnd.atlas."),
    Some("application/octet-stream"),
    Some("application/problem+json"),
];

fn run(index: usize, data: &[u8]) {
    let byte = |i: usize| data.get(i).copied().unwrap_or(0);
    let status = if byte(0) < 200 {
        STATUSES[usize::from(byte(0)) % STATUSES.len()]
    } else {
        u16::from_be_bytes([byte(0), byte(1)])
    };
    let content_type = CONTENT_TYPES[usize::from(byte(2)) % CONTENT_TYPES.len()];
    let flags = byte(3);
    let mut body = data.get(4..).unwrap_or_default();
    let mut retry_after = None;
    if flags & 2 != 0 {
        let end = body.iter().position(|&b| b == b'\n').unwrap_or(body.len());
        retry_after = std::str::from_utf8(&body[..end]).ok();
        body = body.get(end + 1..).unwrap_or_default();
    }
    let req = common::request(index, flags & 1 != 0);
    let def = common::def(index);
    let raw = RawResponse {
        status,
        content_type,
        retry_after,
        body,
    };
    match response::check(&req, def.output, raw) {
        Ok(out) => {
            assert!(
                common::reference_accepts(&out.json),
                "{}: passed JSON that serde_json refuses: {:?}",
                def.name,
                out.json
            );
            if let Output::Json(id) = def.output {
                // The one-pass checker and the tape walker agree.
                let doc = json::Doc::parse(&out.json).expect("checked JSON parses");
                let walked = schema::check(doc.root(), id, schema::Mode::Response, "");
                assert!(walked.is_ok(), "{}: one pass accepted, walker refused: {walked:?}", def.name);
                if !req.envelope {
                    assert_eq!(out.json.as_bytes(), body, "{}: the body was changed", def.name);
                }
                let marked = response::mark_big_integers(out.json.as_bytes()).is_some();
                assert_eq!(out.big_ints, marked, "{}: big-integer flag", def.name);
            }
        }
        Err(e) => {
            // Both forms reach JS (message and the error's fields).
            let _ = e.to_string();
            let _ = format!("{e:?}");
            // A body refused as the wrong shape is refused by the walker too.
            if let (Output::Json(id), Ok(text)) = (def.output, std::str::from_utf8(body)) {
                if !req.envelope && (200..300).contains(&status) {
                    if let Ok(doc) = json::Doc::parse(text) {
                        let ok = content_type.is_none_or(|c| {
                            let c = c.to_ascii_lowercase();
                            c.starts_with("application/json")
                                || (c.starts_with("application/vnd.atlas.") && c.contains("+json"))
                        });
                        if ok {
                            let walked = schema::check(doc.root(), id, schema::Mode::Response, "");
                            assert!(walked.is_err(), "{}: walker accepted what one pass refused: {e}", def.name);
                        }
                    }
                }
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&op, rest)) = data.split_first() else {
        return;
    };
    run(usize::from(op), rest);
});
