//! Shared by the fuzz targets: the 12 operations by number, and the
//! known-good options each one's request is built from.

#![allow(dead_code)]

use atlas_admin_wasm::ops;
use atlas_admin_wasm::schema::OpDef;
use atlas_admin_wasm::request::ApiRequest;

pub const G: &str = "32b6e34b3d91647abb20e7b8";

/// Valid options per operation (the mock's seed ids), as JS would pass them.
pub const OPTIONS: [&str; 12] = [
    r#"{"itemsPerPage":100,"pageNum":1,"includeCount":true}"#,
    r#"{"groupId":"32b6e34b3d91647abb20e7b8"}"#,
    r#"{"orgId":"4888442a3354817a7320eb61","body":{"desc":"ci","roles":["ORG_MEMBER"]}}"#,
    r#"{"orgId":"4888442a3354817a7320eb61","body":{"name":"p","policies":[{"body":"forbid(principal, action, resource);"}]}}"#,
    r#"{"groupId":"32b6e34b3d91647abb20e7b8","username":"alice","body":{"monthsUntilExpiration":3}}"#,
    r#"{"groupId":"32b6e34b3d91647abb20e7b8","exportBucketId":"32b6e34b3d91647abb20e7b9"}"#,
    r#"{"groupId":"32b6e34b3d91647abb20e7b8","tenantName":"tenant0","limitName":"bytesProcessed.query"}"#,
    r#"{"groupId":"32b6e34b3d91647abb20e7b8"}"#,
    r#"{"federationSettingsId":"55fa922fb343282757d9554e","identityProviderId":"32b6e34b3d91647abb20e7c0"}"#,
    r#"{"groupId":"32b6e34b3d91647abb20e7b8","clusterName":"Cluster0","snapshotId":"5f4007f327a3bd7b6f4103c5"}"#,
    r#"{"groupId":"32b6e34b3d91647abb20e7b8","clusterName":"Cluster0","snapshotId":"5f4007f327a3bd7b6f4103c5","body":{"doNotDelete":true}}"#,
    r#"{"groupId":"32b6e34b3d91647abb20e7b8","clusterName":"Cluster0","indexId":"6524ed3e5e8b1a4f7f123abc","body":{"collectionName":"c","database":"d","name":"n"}}"#,
];

/// JS names of the operations, in the order of [`OPTIONS`] (README order).
pub const NAMES: [&str; 12] = [
    "listProjects",
    "getMaintenanceWindow",
    "createApiKey",
    "validateAtlasResourcePolicy",
    "createDatabaseUserCertificate",
    "deleteExportBucket",
    "returnFederatedDatabaseQueryLimit",
    "listPipelines",
    "deleteIdentityProvider",
    "getLegacySnapshot",
    "updateLegacySnapshotRetention",
    "updateAtlasSearchIndexDeprecated",
];

/// Operation number `index` (mod 12).
pub fn def(index: usize) -> &'static OpDef {
    ops::op(NAMES[index % 12]).unwrap_or_else(|| panic!("fuzz set-up: {} missing", NAMES[index % 12]))
}

/// The request operation `index` sends with its known-good options.
pub fn request(index: usize, envelope: bool) -> ApiRequest {
    let mut opts = OPTIONS[index % 12].to_owned();
    if envelope {
        opts = format!("{{\"envelope\":true,{}", &opts[1..]);
    }
    ops::prepare(def(index), &opts)
        .unwrap_or_else(|e| panic!("fuzz set-up: {} options {opts}: {e}", NAMES[index % 12]))
        .req
}

/// Whether serde_json, the reference parser, accepts `text` as JSON. Counted
/// as accepted too, where the client follows `JSON.parse` and serde_json does
/// not: lone UTF-16 surrogates in escapes (checked by parsing again with each
/// surrogate escape replaced by `\uFFFD`), numbers beyond f64's range
/// (`1E400`; JSON's grammar has no limit), and nesting at serde_json's
/// recursion limit, which differs from the client's by design.
pub fn reference_accepts(text: &str) -> bool {
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(_) => true,
        Err(e) => {
            let m = e.to_string();
            if m.contains("number out of range") || m.contains("recursion limit") {
                return true;
            }
            let replaced = without_surrogates(text);
            replaced != text && reference_accepts(&replaced)
        }
    }
}

/// `text` with every `\uD800`–`\uDFFF` escape replaced by `\uFFFD`.
fn without_surrogates(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let mut copied = 0;
    while i < b.len() {
        if b[i] != b'\\' {
            i += 1;
            continue;
        }
        let hex = b.get(i + 2..i + 6).and_then(|h| std::str::from_utf8(h).ok());
        let code = hex.and_then(|h| u32::from_str_radix(h, 16).ok());
        match (b.get(i + 1), code) {
            (Some(b'u'), Some(c)) if (0xD800..=0xDFFF).contains(&c) => {
                out.push_str(&text[copied..i]);
                out.push_str("\\uFFFD");
                i += 6;
                copied = i;
            }
            _ => i += 2,
        }
    }
    out.push_str(&text[copied.min(text.len())..]);
    out
}
