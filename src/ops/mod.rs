//! The operations in scope, one type each. An operation value holds the caller's
//! options (decoded from the JS options object), checks them, becomes an
//! [`ApiRequest`], and names how its answer decodes ([`Operation::Output`]).
//!
//! Adding an operation (by hand now, generated from the API description later)
//! means adding one type here and one line to the facade's list: nothing else
//! changes.

mod api_keys;
mod federation;
mod groups;
mod pipelines;
mod resource_policies;
mod search;
mod snapshots;
mod x509;

pub use api_keys::CreateApiKey;
pub use federation::{DeleteIdentityProvider, ReturnFederatedDatabaseQueryLimit};
pub use groups::{DeleteExportBucket, GetMaintenanceWindow, ListProjects};
pub use pipelines::ListPipelines;
pub use resource_policies::ValidateAtlasResourcePolicy;
pub use search::UpdateAtlasSearchIndexDeprecated;
pub use snapshots::{GetLegacySnapshot, UpdateLegacySnapshotRetention};
pub use x509::CreateDatabaseUserCertificate;

use crate::error::AtlasError;
use crate::request::{ApiRequest, ApiVersion, Method};
use crate::response::{self, BodyKind, RawResponse};
use crate::validate::{Checked, ValidationError};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// When and how an operation is retired.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deprecation {
    /// Date after which Atlas may stop serving the operation (`YYYY-MM-DD`),
    /// when the description gives one.
    pub sunset: Option<&'static str>,
    /// What to use instead, in a few words.
    pub instead: &'static str,
}

/// One API operation: its fixed facts as constants, the caller's options as the value.
pub trait Operation: DeserializeOwned {
    /// JS method name, e.g. `listProjects`.
    const NAME: &'static str;
    /// The operation id in the current upstream description (an alias).
    const UPSTREAM_ID: &'static str;
    const METHOD: Method;
    /// Media-type version date this operation is called with by default.
    const VERSION: &'static str;
    /// Whether the operation takes the `pretty` query parameter.
    const PRETTY: bool = true;
    /// Set for operations the description marks deprecated.
    const DEPRECATION: Option<Deprecation> = None;
    /// Option keys of this operation besides [`COMMON_FIELDS`].
    const FIELDS: &'static [&'static str];
    /// How the 2xx body decodes.
    const BODY: BodyKind = BodyKind::Json;
    /// The decoded result.
    type Output: Serialize + DeserializeOwned;

    /// Checks the options and adds path, query and body to `req`.
    fn build(&self, req: ApiRequest) -> Result<ApiRequest, ValidationError>;
}

/// Option keys every operation accepts.
pub const COMMON_FIELDS: &[&str] = &["envelope", "pretty", "apiVersion", "signal", "timeoutMs"];

/// The per-call options shared by all operations (`signal` is read by the transport).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CommonOptions {
    pub envelope: Option<bool>,
    pub pretty: Option<bool>,
    pub api_version: Option<String>,
    pub timeout_ms: Option<f64>,
}

/// Refuses option keys the operation does not know (a misspelt `groupID`
/// would otherwise be ignored and the call would go out wrong).
pub fn check_keys<O: Operation>(keys: &[String]) -> Checked {
    for k in keys {
        if !O::FIELDS.contains(&k.as_str()) && !COMMON_FIELDS.contains(&k.as_str()) {
            return Err(ValidationError::new(
                k.as_str(),
                format!(
                    "is not an option of {}; known options: {}",
                    O::NAME,
                    O::FIELDS
                        .iter()
                        .chain(COMMON_FIELDS)
                        .copied()
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
    }
    Ok(())
}

/// Builds the request for `op` with the shared options applied.
pub fn build<O: Operation>(op: &O, common: &CommonOptions) -> Result<ApiRequest, ValidationError> {
    let version = match &common.api_version {
        Some(v) => ApiVersion::parse("apiVersion", v)?,
        None => ApiVersion::parse("apiVersion", O::VERSION)?,
    };
    if common.pretty.is_some() && !O::PRETTY {
        return Err(ValidationError::new(
            "pretty",
            format!("is not accepted by {}", O::NAME),
        ));
    }
    if let Some(t) = common.timeout_ms {
        crate::config::check_timeout("timeoutMs", t)?;
    }
    let mut req = op
        .build(ApiRequest::new(O::NAME, O::METHOD, &version))?
        .query("envelope", common.envelope)
        .query("pretty", common.pretty);
    req.envelope = common.envelope == Some(true);
    Ok(req)
}

/// Decodes the answer to a request built for `O`.
pub fn decode<O: Operation>(
    req: &ApiRequest,
    raw: RawResponse<'_>,
) -> Result<O::Output, AtlasError> {
    response::decode(req, O::BODY, raw)
}

/// Checks the answer to a request built for `O` by decoding it, and returns
/// the success body it was decoded from (for the shell to hand to `JSON.parse`).
pub fn check<O: Operation>(
    req: &ApiRequest,
    raw: RawResponse<'_>,
) -> Result<(O::Output, Vec<u8>), AtlasError> {
    response::decode_body(req, O::BODY, raw)
}

/// Turns an options-decoding error of serde_json on `json` into a
/// [`ValidationError`] naming the field.
pub fn options_error(json: &[u8], e: &serde_json::Error) -> ValidationError {
    let path = crate::json_path::path_at(json, e.line(), e.column());
    let msg = e.to_string();
    let msg = msg.split(" at line ").next().unwrap_or(&msg);
    let (field, rule) = describe_serde_error(&path, msg);
    ValidationError::new(field, rule)
}

/// Rewrites a serde message (from serde_json or serde-wasm-bindgen, whose
/// messages may carry a JS `Error: ` prefix) as a field path and a rule.
pub(crate) fn describe_serde_error(prefix: &str, msg: &str) -> (String, String) {
    let msg = msg
        .strip_prefix("Error: ")
        .or_else(|| msg.strip_prefix("TypeError: "))
        .unwrap_or(msg)
        .replace("string \"\\u0000bigint:", "bigint \"");
    for (marker, rule) in [
        ("missing field `", "is required"),
        ("unknown field `", "is not a known field"),
    ] {
        if let Some(rest) = msg.strip_prefix(marker) {
            let name = rest.split('`').next().unwrap_or_default();
            return (crate::validate::join(prefix, name), rule.to_owned());
        }
    }
    let field = if prefix.is_empty() {
        "options".to_owned()
    } else {
        prefix.to_owned()
    };
    if msg.contains("called on non-object") {
        return (field, "must be an object".to_owned());
    }
    // "invalid type: floating point `1.5`, expected i64" → "must be i64 (got floating point `1.5`)"
    if let Some(rest) = msg
        .strip_prefix("invalid type: ")
        .or_else(|| msg.strip_prefix("invalid value: "))
    {
        if let Some((got, expected)) = rest.split_once(", expected ") {
            let expected = match expected {
                "i64" | "i32" | "u32" | "u64" | "a 64-bit integer" => "an integer",
                "f64" => "a number",
                "a boolean" | "a string" | "a sequence" => expected,
                e if e.starts_with("struct ") || e.starts_with("a map") => "an object",
                e => e,
            };
            return (field, format!("must be {expected} (got {got})"));
        }
    }
    (field, msg.to_owned())
}

/// Decodes an operation's options from any serde source (without field
/// paths in errors; see [`options_from_json`]).
pub fn options_from<'de, T: Deserialize<'de>, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<T, ValidationError> {
    T::deserialize(d).map_err(|e| {
        let (field, rule) = describe_serde_error("", &e.to_string());
        ValidationError::new(field, rule)
    })
}

/// Decodes options from their JSON text, the form the wasm shell passes them
/// in (see `js/runtime.js`, `optionsJson`): one decoder serves options,
/// bodies and responses alike, which keeps the module small. Errors name the
/// field (`body.roles[1]`).
pub fn options_from_json<T: DeserializeOwned>(json: &[u8]) -> Result<T, ValidationError> {
    serde_json::from_slice(json).map_err(|e| options_error(json, &e))
}

/// Serializes a request body to JSON bytes. No request field is an int64, so
/// a JS bigint that reached the body (kept as a marked string) is refused.
pub(crate) fn json_body<T: Serialize>(field: &str, body: &T) -> Result<Vec<u8>, ValidationError> {
    let bytes = serde_json::to_vec(body).map_err(|e| ValidationError::new(field, e.to_string()))?;
    if crate::models::int64::contains_marker(&bytes) {
        return Err(ValidationError::new(
            field,
            "must not contain a bigint (no field of this body is an int64)",
        ));
    }
    Ok(bytes)
}

/// Checks a page size (`itemsPerPage`, 1–500) and page number (`pageNum`, ≥ 1).
pub(crate) fn paging(items_per_page: Option<i64>, page_num: Option<i64>) -> Checked {
    if let Some(n) = items_per_page {
        crate::validate::range("itemsPerPage", n, 1, 500)?;
    }
    if let Some(n) = page_num {
        crate::validate::range("pageNum", n, 1, i64::from(i32::MAX))?;
    }
    Ok(())
}

#[cfg(test)]
pub(crate) mod testing {
    //! Helpers for the per-operation tests: build from JSON options as JS would pass them.
    use super::*;

    /// Decodes `opts` like the facade does and builds the request.
    pub fn build_json<O: Operation>(
        opts: serde_json::Value,
    ) -> Result<ApiRequest, ValidationError> {
        if let Some(map) = opts.as_object() {
            check_keys::<O>(&map.keys().cloned().collect::<Vec<_>>())?;
        }
        // As in the wasm shell: the options arrive as JSON text.
        let json = serde_json::to_vec(&opts).unwrap_or_default();
        let common: CommonOptions = options_from_json(&json)?;
        let op: O = options_from_json(&json)?;
        build(&op, &common)
    }

    /// The spec file the tests read facts from, when it is there.
    pub fn spec() -> Option<serde_json::Value> {
        let p = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/spec/atlas-admin-v2-seed-subset.json"
        );
        match std::fs::read(p) {
            Ok(b) => serde_json::from_slice(&b).ok(),
            Err(_) => {
                eprintln!("skipping spec comparison: {p} not found");
                None
            }
        }
    }
}

#[cfg(test)]
mod tests;
