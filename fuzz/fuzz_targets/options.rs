//! Option checking of every operation: JSON-ish bytes are the options text
//! (the public path the wasm shell takes), checked and built into a request
//! by `ops::prepare`. Nothing may panic; a built request must be well-formed:
//! its path under /api/atlas/v2 with no raw `?`, `#`, whitespace or dot
//! segments, its media type the versioned Atlas one, and its URL on the base.
//!
//! Input layout: [op] options JSON...

#![no_main]

mod common;

use atlas_admin_wasm::ops;
use libfuzzer_sys::fuzz_target;

fn run(index: usize, data: &[u8]) {
    let def = common::def(index);
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let req = match ops::prepare(def, text) {
        Ok(p) => {
            // serde_json is the reference parser: what it refuses never passes.
            assert!(
                common::reference_accepts(text),
                "{}: options accepted that serde_json refuses: {text:?}",
                def.name
            );
            p.req
        }
        Err(e) => {
            let _ = e.to_string();
            return;
        }
    };
    let pq = req.path_and_query();
    assert!(
        req.path.starts_with("/api/atlas/v2/"),
        "{}: path {:?}",
        def.name,
        req.path
    );
    assert!(
        !req.path.contains(['?', '#', ' ', '\r', '\n', '\t', '\\']),
        "{}: unencoded character in path {:?}",
        def.name,
        req.path
    );
    assert!(
        !req.path.split('/').any(|s| s == "." || s == ".."),
        "{}: dot segment in path {:?}",
        def.name,
        req.path
    );
    assert!(
        !pq.bytes().any(|b| b.is_ascii_control() || b == b' ' || b >= 0x80),
        "{}: raw byte in {:?}",
        def.name,
        pq
    );
    assert!(
        req.media_type.starts_with("application/vnd.atlas.")
            && req.media_type.ends_with("+json")
            && !req.media_type.bytes().any(|b| b.is_ascii_control() || b == b' ' || b == b','),
        "{}: media type {:?}",
        def.name,
        req.media_type
    );
    let url = req.url("https://cloud.mongodb.com");
    assert!(
        url.starts_with("https://cloud.mongodb.com/api/atlas/v2/"),
        "{}: url {url:?}",
        def.name
    );
    if let Some(body) = &req.body {
        let text = std::str::from_utf8(body)
            .unwrap_or_else(|e| panic!("{}: body is not UTF-8: {e}", def.name));
        assert!(common::reference_accepts(text), "{}: body is not JSON: {text:?}", def.name);
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&op, rest)) = data.split_first() else {
        return;
    };
    run(usize::from(op), rest);
});
