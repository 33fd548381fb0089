//! Shapes shared by many operations: hypermedia links and the API's error body.

use serde::{Deserialize, Serialize};

use super::wire::Object;

/// A hypermedia link to a related resource.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Link {
    /// Absolute URL of the linked resource.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub href: Option<String>,
    /// How the linked resource relates to this one, e.g. `self` or `next`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rel: Option<String>,
    /// Fields this client does not model, kept for re-encoding.
    #[serde(flatten)]
    pub extra: Object,
}

/// The JSON body of an Atlas error response (`application/json`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiError {
    /// HTTP status code repeated in the body.
    pub error: i32,
    /// Machine-readable error name, e.g. `RESOURCE_NOT_FOUND`.
    pub error_code: String,
    /// Human-readable explanation of what went wrong.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// HTTP reason phrase of the status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Values substituted into `detail`, in order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parameters: Option<Vec<serde_json::Value>>,
    /// Per-field reasons for a rejected request, when Atlas gives them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bad_request_detail: Option<BadRequestDetail>,
    /// Fields this client does not model, kept for re-encoding.
    #[serde(flatten)]
    pub extra: Object,
}

/// The field-level breakdown attached to some `400` errors.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BadRequestDetail {
    /// One entry per rejected request field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fields: Option<Vec<FieldViolation>>,
    /// Fields this client does not model, kept for re-encoding.
    #[serde(flatten)]
    pub extra: Object,
}

/// One rejected request field and why it was rejected.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldViolation {
    /// Why the field was refused.
    pub description: String,
    /// Which field was refused.
    pub field: String,
    /// Fields this client does not model, kept for re-encoding.
    #[serde(flatten)]
    pub extra: Object,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::test_support::*;
    use serde_json::json;

    #[test]
    fn spec_error_examples_round_trip() {
        let Some(spec) = spec() else { return };
        let responses = spec["components"]["responses"].as_object().unwrap();
        assert_eq!(responses.len(), 7);
        for (name, r) in responses {
            let ex = &r["content"]["application/json"]["example"];
            let e: ApiError = round_trip(ex);
            assert!(e.error >= 400, "{name}");
            assert!(e.extra.is_empty(), "{name}");
        }
    }

    #[test]
    fn bad_request_detail_and_unknown_fields_survive() {
        let v = json!({
            "error": 400, "errorCode": "INVALID_ATTRIBUTE", "reason": "Bad Request",
            "parameters": ["name", 3],
            "badRequestDetail": {"fields": [{"field": "name", "description": "too long", "hint": 1}], "more": true},
            "traceId": "abc"
        });
        let e: ApiError = round_trip(&v);
        assert_eq!(e.extra["traceId"], "abc");
        let d = e.bad_request_detail.unwrap();
        assert_eq!(d.fields.unwrap()[0].extra["hint"], 1);
        let l: Link = round_trip(&json!({"href": "https://x", "rel": "self", "title": "t"}));
        assert_eq!(l.extra.len(), 1);
    }

    #[test]
    fn missing_required_error_code_fails() {
        let (path, msg) = decode_error::<ApiError>(&json!({"error": 500}));
        assert_eq!(path, ".");
        assert!(msg.contains("errorCode"), "{msg}");
        let (path, _) = decode_error::<ApiError>(&json!({"error": "x", "errorCode": "A"}));
        assert_eq!(path, "error");
    }
}
