//! Option decoding and validation of every operation: JSON-ish bytes are
//! decoded as the operation's options (the public path the wasm shell takes,
//! with a JSON deserializer in place of a JS object), then checked and built
//! into a request. Nothing may panic; a built request must be well-formed:
//! its path under /api/atlas/v2 with no raw `?`, `#`, whitespace or dot
//! segments, its media type the versioned Atlas one, and its URL on the base.
//!
//! Input layout: [op] options JSON...

#![no_main]

mod common;

use atlas_admin_wasm::ops::{self, CommonOptions, Operation};
use libfuzzer_sys::fuzz_target;

fn run<O: Operation>(_index: usize, data: &[u8]) {
    // Unknown keys, as the facade refuses them.
    if let Ok(serde_json::Value::Object(map)) = serde_json::from_slice::<serde_json::Value>(data) {
        let keys: Vec<String> = map.keys().cloned().collect();
        if let Err(e) = ops::check_keys::<O>(&keys) {
            let _ = e.to_string();
        }
    }
    let common: CommonOptions =
        match serde_json::from_slice::<CommonOptions>(data) {
            Ok(c) => c,
            Err(_) => CommonOptions::default(),
        };
    let op = match ops::options_from::<O, _>(&mut serde_json::Deserializer::from_slice(data)) {
        Ok(op) => op,
        Err(e) => {
            let _ = e.to_string();
            return;
        }
    };
    let req = match ops::build(&op, &common) {
        Ok(r) => r,
        Err(e) => {
            let _ = e.to_string();
            return;
        }
    };
    let pq = req.path_and_query();
    assert!(
        req.path.starts_with("/api/atlas/v2/"),
        "{}: path {:?}",
        O::NAME,
        req.path
    );
    assert!(
        !req.path.contains(['?', '#', ' ', '\r', '\n', '\t', '\\']),
        "{}: unencoded character in path {:?}",
        O::NAME,
        req.path
    );
    assert!(
        !req.path.split('/').any(|s| s == "." || s == ".."),
        "{}: dot segment in path {:?}",
        O::NAME,
        req.path
    );
    assert!(
        !pq.bytes().any(|b| b.is_ascii_control() || b == b' ' || b >= 0x80),
        "{}: raw byte in {:?}",
        O::NAME,
        pq
    );
    assert!(
        req.media_type.starts_with("application/vnd.atlas.")
            && req.media_type.ends_with("+json")
            && !req.media_type.bytes().any(|b| b.is_ascii_control() || b == b' ' || b == b','),
        "{}: media type {:?}",
        O::NAME,
        req.media_type
    );
    let url = req.url("https://cloud.mongodb.com");
    assert!(
        url.starts_with("https://cloud.mongodb.com/api/atlas/v2/"),
        "{}: url {url:?}",
        O::NAME
    );
    if let Some(body) = &req.body {
        serde_json::from_slice::<serde_json::Value>(body)
            .unwrap_or_else(|e| panic!("{}: body is not JSON: {e}", O::NAME));
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&op, rest)) = data.split_first() else {
        return;
    };
    dispatch!(usize::from(op), run(rest));
});
