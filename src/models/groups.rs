//! Projects (called groups on the wire) and the paginated list of them.

use serde::{Deserialize, Serialize};

use super::common::Link;
use super::wire::Object;
use super::Int64;

/// Known values of [`Group::region_usage_restrictions`].
pub const REGION_USAGE_RESTRICTIONS_VALUES: &[&str] =
    &["COMMERCIAL_FEDRAMP_REGIONS_ONLY", "GOV_REGIONS_ONLY"];

/// An Atlas project as returned by the API.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Group {
    /// How many clusters the project holds (always present in responses).
    pub cluster_count: Int64,
    /// When the project was created (ISO 8601).
    pub created: String,
    /// The project's 24-hex-digit id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Related resources.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub links: Option<Vec<Link>>,
    /// The project's name, unique within its organization.
    pub name: String,
    /// Id of the organization that owns the project.
    pub org_id: String,
    /// Which cloud regions the project may use; see [`REGION_USAGE_RESTRICTIONS_VALUES`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region_usage_restrictions: Option<String>,
    /// Key/value labels on the project.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<ResourceTag>>,
    /// Whether the project was created with the default alert settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub with_default_alerts_settings: Option<bool>,
    /// Fields this client does not model, kept for re-encoding.
    #[serde(flatten)]
    pub extra: Object,
}

/// A key/value label attached to an Atlas resource.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResourceTag {
    /// Label name (1–255 characters).
    pub key: String,
    /// Label value (1–255 characters).
    pub value: String,
    /// Fields this client does not model, kept for re-encoding.
    #[serde(flatten)]
    pub extra: Object,
}

/// One page of projects. `total_count` is an estimate: page until `results`
/// comes back short or empty, not by the count.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PaginatedGroups {
    /// Links to this page and its neighbours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub links: Option<Vec<Link>>,
    /// The projects on this page.
    pub results: Vec<Group>,
    /// Approximate number of projects across all pages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_count: Option<i32>,
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
    fn spec_examples_round_trip_with_every_field_named() {
        let Some(spec) = spec() else { return };
        let ex = example(
            &spec,
            schema(&spec, "PaginatedAtlasGroupView"),
            Side::Response,
        );
        let page: PaginatedGroups = round_trip(&ex);
        assert!(page.extra.is_empty());
        assert!(page.results[0].extra.is_empty());
        assert!(page.results[0].tags.as_ref().unwrap()[0].extra.is_empty());
        let g: Group = round_trip(&example(&spec, schema(&spec, "Group"), Side::Response));
        assert!(g.extra.is_empty());
    }

    #[test]
    fn unknown_fields_values_and_big_counts_survive() {
        let v = json!({
            "results": [{
                "clusterCount": 9007199254740993_i64, "created": "2024-01-01T00:00:00Z",
                "name": "p", "orgId": "32b6e34b3d91647abb20e7b8",
                "regionUsageRestrictions": "SOME_NEW_REGION_SET", "newField": {"a": [1]}
            }],
            "totalCount": 1, "nextCursor": "abc"
        });
        let page: PaginatedGroups = round_trip(&v);
        assert_eq!(page.results[0].cluster_count, Int64(9_007_199_254_740_993));
        assert_eq!(page.extra["nextCursor"], "abc");
    }

    #[test]
    fn wrong_types_and_missing_required_fields_fail_with_path() {
        let v =
            json!({"results": [{"clusterCount": "1", "created": "x", "name": "p", "orgId": "o"}]});
        assert_eq!(
            decode_error::<PaginatedGroups>(&v).0,
            "results[0].clusterCount"
        );
        let v = json!({"results": [{"created": "x", "name": "p", "orgId": "o"}]});
        let (path, msg) = decode_error::<PaginatedGroups>(&v);
        assert_eq!(path, "results[0]");
        assert!(msg.contains("clusterCount"), "{msg}");
    }
}
