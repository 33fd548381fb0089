//! Query limits of a Data Federation tenant.

use serde::{Deserialize, Serialize};

use super::wire::Object;
use super::Int64;

/// Known values of [`DataFederationTenantQueryLimit::overrun_policy`].
pub const OVERRUN_POLICY_VALUES: &[&str] = &["BLOCK", "BLOCK_AND_KILL"];

/// One query limit of a federated database instance, as returned by the API.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DataFederationTenantQueryLimit {
    /// Usage counted so far against the limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_usage: Option<Int64>,
    /// The limit's default value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_limit: Option<Int64>,
    /// When the limit was last changed (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified_date: Option<String>,
    /// Highest value the limit may be set to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maximum_limit: Option<Int64>,
    /// The limit's name, e.g. `bytesProcessed.daily` (always present in responses).
    pub name: String,
    /// What happens when usage passes the limit; see [`OVERRUN_POLICY_VALUES`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overrun_policy: Option<String>,
    /// Name of the federated database instance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant_name: Option<String>,
    /// The limit's current value.
    pub value: Int64,
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
    fn spec_example_round_trips_with_every_field_named() {
        let Some(spec) = spec() else { return };
        let ex = example(
            &spec,
            schema(&spec, "DataFederationTenantQueryLimit"),
            Side::Response,
        );
        let l: DataFederationTenantQueryLimit = round_trip(&ex);
        assert!(l.extra.is_empty());
    }

    #[test]
    fn int64_beyond_2_pow_53_and_unknown_values_survive() {
        let v = json!({"name": "bytesProcessed.daily", "value": 9223372036854775807_i64,
                       "currentUsage": 9007199254740993_i64, "overrunPolicy": "THROTTLE", "x": null});
        let l: DataFederationTenantQueryLimit = round_trip(&v);
        assert_eq!(l.value, Int64(i64::MAX));
        assert_eq!(l.overrun_policy.as_deref(), Some("THROTTLE"));
        assert_eq!(
            decode_error::<DataFederationTenantQueryLimit>(&json!({"name": "n", "value": 1.5})).0,
            "value"
        );
    }
}
