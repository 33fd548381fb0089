//! Spec-driven coverage test: every component schema of the reference
//! description maps to a model that names all of its properties.

use super::api_keys::*;
use super::common::*;
use super::federation::*;
use super::groups::*;
use super::maintenance::*;
use super::pipelines::*;
use super::resource_policies::*;
use super::search::*;
use super::snapshots::*;
use super::test_support::*;
use super::x509::*;
use super::Object;
use serde_json::{json, Value};

/// The `type` a union member schema's example must carry where the spec's own
/// enum is wrong (nGram tokenizer) or shared with a sibling (allOf members).
fn tag_override(name: &str) -> Option<&'static str> {
    match name {
        "tokenizernGram" => Some("nGram"),
        "OnDemandCpsSnapshotSource" => Some("ON_DEMAND_CPS"),
        "VectorSearchIndex" => Some("vectorSearch"),
        _ => None,
    }
}

/// Decodes the response example `v` of schema `name` with its model, checks a
/// lossless round trip and that no property fell into `extra`. False when no
/// model is known for `name`.
fn check_response(name: &str, v: &Value) -> bool {
    macro_rules! s {
        ($t:ty) => {{
            let m: $t = round_trip(v);
            assert!(
                m.extra.is_empty(),
                "{name}: unnamed properties {:?}",
                m.extra
            );
        }};
    }
    macro_rules! u {
        ($t:ty) => {{
            let m: $t = round_trip(v);
            assert_eq!(m.kind(), v["type"].as_str(), "{name}");
            let extra = m
                .variant_extra()
                .unwrap_or_else(|| panic!("{name} decoded as Other"));
            assert!(extra.is_empty(), "{name}: unnamed properties {extra:?}");
        }};
    }
    match name {
        "Link" => s!(Link),
        "ApiError" => s!(ApiError),
        "BadRequestDetail" => s!(BadRequestDetail),
        "FieldViolation" => s!(FieldViolation),
        "Group" => s!(Group),
        "ResourceTag" => s!(ResourceTag),
        "PaginatedAtlasGroupView" => s!(PaginatedGroups),
        "GroupMaintenanceWindow" | "GroupMaintenanceWindowPreviewResponse" => {
            s!(GroupMaintenanceWindow)
        }
        "ProtectedHours" => s!(ProtectedHours),
        "ApiKeyUserDetails" => s!(ApiKeyUserDetails),
        "CloudAccessRoleAssignment" => s!(RoleAssignment),
        "ApiAtlasResourcePolicyView" => s!(ResourcePolicy),
        "ApiAtlasPolicyView" => s!(Policy),
        "ApiAtlasUserMetadataView" => s!(UserMetadata),
        "ApiAtlasInvalidResourcePolicyCreateErrorView" => s!(InvalidResourcePolicyError),
        "ApiAtlasInvalidPolicyView" => s!(InvalidPolicy),
        "ApiAtlasInvalidPolicyErrorDetailView" => s!(InvalidPolicyErrorDetail),
        "DataFederationTenantQueryLimit" => s!(DataFederationTenantQueryLimit),
        "DataLakeIngestionPipeline" => s!(DataLakeIngestionPipeline),
        "DatasetRetentionPolicy" => s!(DatasetRetentionPolicy),
        "FieldTransformation" => s!(FieldTransformation),
        "DataLakePipelinesPartitionField" => s!(PartitionField),
        "IngestionSource" | "OnDemandCpsSnapshotSource" | "PeriodicCpsSnapshotSource" => {
            u!(IngestionSource)
        }
        "IngestionSink" | "DLSIngestionSink" => u!(IngestionSink),
        "BackupSnapshot" => s!(BackupSnapshot),
        "BackupSnapshotPart" => s!(BackupSnapshotPart),
        "ApiBSONTimestampView" => s!(BsonTimestamp),
        "ClusterSearchIndex" | "SearchIndex" | "VectorSearchIndex" => s!(ClusterSearchIndex),
        "ApiAtlasFTSAnalyzersViewManual" => s!(CustomAnalyzer),
        "ApiAtlasFTSMappingsViewManual" => s!(SearchMappings),
        "SearchSynonymMappingDefinition" => s!(SynonymMapping),
        "SynonymSource" => s!(SynonymSource),
        "BasicDBObject" => {
            let _: Object = round_trip(v);
        }
        n if n.starts_with("tokenizer") => u!(Tokenizer),
        n if n.to_ascii_lowercase().starts_with("tokenfilter") => u!(TokenFilter),
        n if n.starts_with("charFilter") => u!(CharFilter),
        // Request-only bodies: checked by `check_request`.
        n if REQUEST_ONLY.contains(&n) => {}
        _ => return false,
    }
    true
}

/// Schemas used only as request bodies (their read-only fields are never sent).
const REQUEST_ONLY: &[&str] = &[
    "ApiAtlasResourcePolicyCreateView",
    "ApiAtlasPolicyCreateView",
    "CreateAtlasOrganizationApiKey",
    "UserCert",
];

/// Like [`check_response`] for the request models, built without read-only
/// fields. False when `name` is not a request body.
fn check_request(name: &str, v: &Value) -> bool {
    macro_rules! s {
        ($t:ty) => {{
            let m: $t = round_trip(v);
            assert!(
                m.extra.is_empty(),
                "{name} (request): unnamed properties {:?}",
                m.extra
            );
        }};
    }
    match name {
        "CreateAtlasOrganizationApiKey" => s!(CreateOrgApiKey),
        "ApiAtlasResourcePolicyCreateView" => s!(ResourcePolicyCreate),
        "ApiAtlasPolicyCreateView" => s!(PolicyCreate),
        "UserCert" => s!(UserCert),
        "BackupSnapshot" => s!(BackupSnapshotUpdate),
        "ClusterSearchIndex" | "SearchIndex" | "VectorSearchIndex" => s!(ClusterSearchIndexUpdate),
        _ => return false,
    }
    true
}

#[test]
fn every_component_schema_is_modelled_with_all_properties_named() {
    let Some(spec) = spec() else { return };
    let schemas = spec["components"]["schemas"].as_object().unwrap();
    assert_eq!(schemas.len(), 76);
    let mut requests = 0;
    for (name, s) in schemas {
        let mut v = example(&spec, s, Side::Response);
        if let Some(tag) = tag_override(name) {
            v["type"] = json!(tag);
        }
        assert!(check_response(name, &v), "no model for schema {name}");
        let mut r = example(&spec, s, Side::Request);
        if let Some(tag) = tag_override(name) {
            r["type"] = json!(tag);
        }
        if check_request(name, &r) {
            requests += 1;
        }
    }
    assert_eq!(requests, 8);
}

#[test]
fn request_bodies_of_the_operations_have_request_models() {
    let Some(spec) = spec() else { return };
    let mut bodies = Vec::new();
    for ops in spec["paths"].as_object().unwrap().values() {
        for op in ops.as_object().unwrap().values() {
            if let Some(content) = op["requestBody"]["content"].as_object() {
                for c in content.values() {
                    let r = c["schema"]["$ref"].as_str().unwrap();
                    bodies.push(r.rsplit('/').next().unwrap().to_owned());
                }
            }
        }
    }
    bodies.sort();
    assert_eq!(bodies.len(), 5);
    for name in &bodies {
        let v = example(&spec, schema(&spec, name), Side::Request);
        assert!(check_request(name, &v), "no request model for {name}");
    }
}
