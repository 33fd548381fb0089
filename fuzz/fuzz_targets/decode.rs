//! Response decoding of every operation: status, content type, Retry-After and
//! body all come from the input. Whatever arrives, `ops::decode` must return a
//! typed result or an `AtlasError` (never panic), the error must format, and a
//! decoded result must serialise and decode again to the same value (the
//! GET → edit → PATCH promise: nothing is lost).
//!
//! Input layout: [op] [status] [status2] [content type] [flags] body...
//! - op: operation number mod 12 (README order);
//! - status: < 200 picks from STATUSES, otherwise status = u16(status, status2);
//! - flags bit 0: envelope=true; bit 1: a Retry-After header (the body's first
//!   line, which is then removed from the body).

#![no_main]

mod common;

use atlas_admin_wasm::ops::{self, Operation};
use atlas_admin_wasm::response::RawResponse;
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

fn run<O: Operation>(index: usize, data: &[u8]) {
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
    let req = common::request::<O>(index, flags & 1 != 0);
    let raw = RawResponse {
        status,
        content_type,
        retry_after,
        body,
    };
    match ops::decode::<O>(&req, raw) {
        Ok(out) => {
            let json = serde_json::to_vec(&out)
                .unwrap_or_else(|e| panic!("{}: a decoded result does not serialise: {e}", O::NAME));
            let again: O::Output = serde_json::from_slice(&json).unwrap_or_else(|e| {
                panic!(
                    "{}: a decoded result does not decode again: {e}; re-serialised: {}",
                    O::NAME,
                    String::from_utf8_lossy(&json)
                )
            });
            let json2 = serde_json::to_vec(&again).expect("serialises twice");
            assert_eq!(
                String::from_utf8_lossy(&json),
                String::from_utf8_lossy(&json2),
                "{}: decode → serialise is not stable",
                O::NAME
            );
        }
        Err(e) => {
            // Both forms reach JS (message and the error's fields).
            let _ = e.to_string();
            let _ = format!("{e:?}");
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&op, rest)) = data.split_first() else {
        return;
    };
    dispatch!(usize::from(op), run(rest));
});
