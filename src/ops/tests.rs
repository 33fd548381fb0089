//! Native tests of request building for every operation, checked against the
//! official description where it is available (`../shared/spec/`).

use super::testing::{build_json, spec};
use super::*;
use crate::request::Method;
use serde_json::{json, Value};

const G: &str = "32b6e34b3d91647abb20e7b8";
const O: &str = "4888442a3354817a7320eb61";

/// Facts of one operation as the description states them.
struct SpecOp {
    method: String,
    path: String,
    versions: Vec<String>,
    query: Vec<String>,
}

fn spec_op(spec: &Value, id: &str) -> SpecOp {
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            if op["operationId"] != id {
                continue;
            }
            let mut versions = vec![];
            for (code, r) in op["responses"].as_object().unwrap() {
                if code.starts_with('2') {
                    for ct in r["content"]
                        .as_object()
                        .into_iter()
                        .flatten()
                        .map(|(k, _)| k)
                    {
                        versions.push(ct.clone());
                    }
                }
            }
            let query = op["parameters"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| match p.get("$ref").and_then(Value::as_str) {
                    Some(r) => {
                        spec["components"]["parameters"][r.rsplit('/').next().unwrap()].clone()
                    }
                    None => p.clone(),
                })
                .filter(|p| p["in"] == "query")
                .map(|p| p["name"].as_str().unwrap().to_owned())
                .collect();
            return SpecOp {
                method: method.to_uppercase(),
                path: path.clone(),
                versions,
                query,
            };
        }
    }
    panic!("{id} is not in the description");
}

/// Builds `opts` for `O` and checks method, path template, media type and the
/// query parameters against the description.
fn check<Op: Operation>(opts: Value, path: &str) -> ApiRequest {
    let req = build_json::<Op>(opts).unwrap_or_else(|e| panic!("{}: {e}", Op::NAME));
    assert_eq!(req.path, path, "{}", Op::NAME);
    assert_eq!(req.operation, Op::NAME);
    if let Some(spec) = spec() {
        let s = spec_op(&spec, Op::UPSTREAM_ID);
        assert_eq!(s.method, Op::METHOD.as_str(), "{}", Op::NAME);
        let media = format!("application/vnd.atlas.{}+json", Op::VERSION);
        assert!(
            s.versions.contains(&media),
            "{}: {media} not in {:?}",
            Op::NAME,
            s.versions
        );
        // Same template: each `{param}` matches one segment of the built path.
        let t: Vec<&str> = s.path.split('/').collect();
        let p: Vec<&str> = req.path.split('/').collect();
        assert_eq!(t.len(), p.len(), "{}: {} vs {}", Op::NAME, s.path, req.path);
        for (a, b) in t.iter().zip(&p) {
            assert!(a.starts_with('{') || a == b, "{}: {a} vs {b}", Op::NAME);
        }
        assert_eq!(
            Op::PRETTY,
            s.query.iter().any(|q| q == "pretty"),
            "{} pretty",
            Op::NAME
        );
        for q in Op::FIELDS.iter().filter(|f| !["body"].contains(f)) {
            let in_path = s.path.contains(&format!("{{{q}}}"));
            assert!(
                in_path || s.query.iter().any(|x| x == q),
                "{}: {q} not in the description",
                Op::NAME
            );
        }
    }
    req
}

#[test]
fn list_projects() {
    let r = check::<ListProjects>(json!({}), "/api/atlas/v2/groups");
    assert!(r.query.is_empty() && r.body.is_none());
    assert_eq!(r.media_type, "application/vnd.atlas.2023-01-01+json");
    let r = check::<ListProjects>(
        json!({ "itemsPerPage": 500, "pageNum": 3, "includeCount": false, "envelope": true, "pretty": true }),
        "/api/atlas/v2/groups",
    );
    assert_eq!(r.path_and_query(), "/api/atlas/v2/groups?includeCount=false&itemsPerPage=500&pageNum=3&envelope=true&pretty=true");
    assert!(r.envelope);
    for (bad, field) in [
        (json!({ "itemsPerPage": 0 }), "itemsPerPage"),
        (json!({ "itemsPerPage": 501 }), "itemsPerPage"),
        (json!({ "itemsPerPage": 1.5 }), "itemsPerPage"),
        (json!({ "itemsPerPage": "10" }), "itemsPerPage"),
        (json!({ "pageNum": 0 }), "pageNum"),
        (json!({ "pageNum": -1 }), "pageNum"),
        (json!({ "includeCount": "yes" }), "includeCount"),
        (json!({ "itemsPerpage": 5 }), "itemsPerpage"),
        (json!({ "apiVersion": "2023-1-1" }), "apiVersion"),
        (json!({ "timeoutMs": 0 }), "timeoutMs"),
    ] {
        let e = build_json::<ListProjects>(bad.clone()).unwrap_err();
        assert_eq!(e.field, field, "{bad}: {e}");
    }
}

#[test]
fn maintenance_window() {
    let r = check::<GetMaintenanceWindow>(
        json!({ "groupId": G }),
        &format!("/api/atlas/v2/groups/{G}/maintenanceWindow"),
    );
    assert_eq!(r.method, Method::Get);
    let r = build_json::<GetMaintenanceWindow>(json!({ "groupId": G, "apiVersion": "preview" }))
        .unwrap();
    assert_eq!(r.media_type, "application/vnd.atlas.preview+json");
    assert_eq!(
        build_json::<GetMaintenanceWindow>(json!({}))
            .unwrap_err()
            .field,
        "groupId"
    );
    assert_eq!(
        build_json::<GetMaintenanceWindow>(json!({ "groupId": null }))
            .unwrap_err()
            .field,
        "groupId"
    );
    assert_eq!(
        build_json::<GetMaintenanceWindow>(json!({ "groupId": 5 }))
            .unwrap_err()
            .field,
        "groupId"
    );
    assert_eq!(
        build_json::<GetMaintenanceWindow>(json!({ "groupId": "../x" }))
            .unwrap_err()
            .field,
        "groupId"
    );
    assert_eq!(
        build_json::<GetMaintenanceWindow>(json!({ "groupID": G }))
            .unwrap_err()
            .field,
        "groupID"
    );
}

#[test]
fn create_api_key() {
    let r = check::<CreateApiKey>(
        json!({ "orgId": O, "body": { "desc": "ci", "roles": ["ORG_MEMBER"] } }),
        &format!("/api/atlas/v2/orgs/{O}/apiKeys"),
    );
    let body: Value = serde_json::from_slice(r.body.as_deref().unwrap()).unwrap();
    assert_eq!(body, json!({ "desc": "ci", "roles": ["ORG_MEMBER"] }));
    for (bad, field) in [
        (
            json!({ "orgId": O, "body": { "desc": "", "roles": ["ORG_MEMBER"] } }),
            "body.desc",
        ),
        (
            json!({ "orgId": O, "body": { "desc": "x".repeat(251), "roles": ["ORG_MEMBER"] } }),
            "body.desc",
        ),
        (
            json!({ "orgId": O, "body": { "desc": "x", "roles": ["ORG_OWNERR"] } }),
            "body.roles[0]",
        ),
        (json!({ "orgId": O, "body": { "desc": "x" } }), "body.roles"),
        (json!({ "orgId": O }), "body"),
        (
            json!({ "orgId": "x", "body": { "desc": "x", "roles": ["ORG_MEMBER"] } }),
            "orgId",
        ),
    ] {
        let e = build_json::<CreateApiKey>(bad.clone()).unwrap_err();
        assert!(e.field.starts_with(field), "{bad}: {e}");
    }
}

#[test]
fn validate_resource_policy() {
    let r = check::<ValidateAtlasResourcePolicy>(
        json!({ "orgId": O, "body": { "name": "p", "policies": [{ "body": "forbid(principal, action, resource);" }] } }),
        &format!("/api/atlas/v2/orgs/{O}/resourcePolicies:validate"),
    );
    assert_eq!(r.media_type, "application/vnd.atlas.2024-08-05+json");
    assert!(build_json::<ValidateAtlasResourcePolicy>(
        json!({ "orgId": O, "body": { "name": "p", "policies": [] } })
    )
    .is_err());
}

#[test]
fn database_user_certificate() {
    let r = check::<CreateDatabaseUserCertificate>(
        json!({ "groupId": G, "username": "a/b", "body": { "monthsUntilExpiration": 24 } }),
        &format!("/api/atlas/v2/groups/{G}/databaseUsers/a%2Fb/certs"),
    );
    assert_eq!(
        serde_json::from_slice::<Value>(r.body.as_deref().unwrap()).unwrap(),
        json!({ "monthsUntilExpiration": 24 })
    );
    let r =
        build_json::<CreateDatabaseUserCertificate>(json!({ "groupId": G, "username": "../x" }))
            .unwrap();
    assert_eq!(
        r.path,
        format!("/api/atlas/v2/groups/{G}/databaseUsers/..%2Fx/certs")
    );
    for (bad, field) in [
        (
            json!({ "groupId": G, "username": "u", "body": { "monthsUntilExpiration": 0 } }),
            "body.monthsUntilExpiration",
        ),
        (
            json!({ "groupId": G, "username": "u", "body": { "monthsUntilExpiration": 25 } }),
            "body.monthsUntilExpiration",
        ),
        (json!({ "groupId": G, "username": ".." }), "username"),
        (json!({ "groupId": G, "username": "" }), "username"),
    ] {
        assert_eq!(
            build_json::<CreateDatabaseUserCertificate>(bad.clone())
                .unwrap_err()
                .field,
            field,
            "{bad}"
        );
    }
}

#[test]
fn delete_export_bucket() {
    let r = check::<DeleteExportBucket>(
        json!({ "groupId": G, "exportBucketId": G }),
        &format!("/api/atlas/v2/groups/{G}/backup/exportBuckets/{G}"),
    );
    assert_eq!(r.method, Method::Delete);
    assert_eq!(
        build_json::<DeleteExportBucket>(
            json!({ "groupId": G, "exportBucketId": G, "pretty": true })
        )
        .unwrap_err()
        .field,
        "pretty"
    );
}

#[test]
fn federated_query_limit() {
    for limit in federation::LIMIT_NAMES {
        check::<ReturnFederatedDatabaseQueryLimit>(
            json!({ "groupId": G, "tenantName": "t 1", "limitName": limit }),
            &format!("/api/atlas/v2/groups/{G}/dataFederation/t%201/limits/{limit}"),
        );
    }
    assert_eq!(
        build_json::<ReturnFederatedDatabaseQueryLimit>(
            json!({ "groupId": G, "tenantName": "t", "limitName": "bytesProcessed.hourly" })
        )
        .unwrap_err()
        .field,
        "limitName"
    );
}

#[test]
fn pipelines() {
    check::<ListPipelines>(
        json!({ "groupId": G }),
        &format!("/api/atlas/v2/groups/{G}/pipelines"),
    );
    assert_eq!(
        ListPipelines::DEPRECATION.unwrap().sunset,
        Some("2025-09-30")
    );
}

#[test]
fn identity_provider() {
    let r = check::<DeleteIdentityProvider>(
        json!({ "federationSettingsId": "55fa922fb343282757d9554e", "identityProviderId": "0oa1" }),
        "/api/atlas/v2/federationSettings/55fa922fb343282757d9554e/identityProviders/0oa1",
    );
    assert_eq!(r.media_type, "application/vnd.atlas.2023-11-15+json");
}

#[test]
fn legacy_snapshots() {
    let p = format!("/api/atlas/v2/groups/{G}/clusters/Cluster0/snapshots/{G}");
    check::<GetLegacySnapshot>(
        json!({ "groupId": G, "clusterName": "Cluster0", "snapshotId": G }),
        &p,
    );
    // A snapshot read back (read-only fields and unknown ones included) is a valid body.
    let r = check::<UpdateLegacySnapshotRetention>(
        json!({ "groupId": G, "clusterName": "Cluster0", "snapshotId": G, "body": {
            "id": G, "clusterId": G, "complete": true, "doNotDelete": true, "links": [], "newField": 1 } }),
        &p,
    );
    let body: Value = serde_json::from_slice(r.body.as_deref().unwrap()).unwrap();
    assert_eq!(body, json!({ "doNotDelete": true, "newField": 1 }));
    let e = build_json::<UpdateLegacySnapshotRetention>(
        json!({ "groupId": G, "clusterName": "Cluster0", "snapshotId": G,
        "body": { "doNotDelete": true, "expires": "2030-01-01T00:00:00Z" } }),
    )
    .unwrap_err();
    assert!(e.field.starts_with("body"), "{e}");
    assert_eq!(
        build_json::<GetLegacySnapshot>(
            json!({ "groupId": G, "clusterName": "a_b", "snapshotId": G })
        )
        .unwrap_err()
        .field,
        "clusterName"
    );
}

#[test]
fn search_index() {
    let p = format!("/api/atlas/v2/groups/{G}/clusters/Cluster0/fts/indexes/{G}");
    let r = check::<UpdateAtlasSearchIndexDeprecated>(
        json!({ "groupId": G, "clusterName": "Cluster0", "indexId": G, "body": {
            "collectionName": "c", "database": "d", "name": "n", "type": "search",
            "indexID": G, "status": "STEADY", "mappings": { "dynamic": true } } }),
        &p,
    );
    let body: Value = serde_json::from_slice(r.body.as_deref().unwrap()).unwrap();
    assert!(
        body.get("indexID").is_none() && body.get("status").is_none(),
        "{body}"
    );
    assert_eq!(body["mappings"], json!({ "dynamic": true }));
    for bad in [
        json!({ "collectionName": "c", "database": "d", "name": "n", "numPartitions": 3 }),
        json!({ "collectionName": "c", "database": "d", "name": "n", "analyzers": [{ "name": "builtin.x", "tokenizer": { "type": "standard" } }] }),
        json!({ "collectionName": "c", "database": "d", "name": "n", "analyzers": [{ "name": "a", "tokenizer": { "type": "nosuch" } }] }),
        json!({ "collectionName": "", "database": "d", "name": "n" }),
    ] {
        let e = build_json::<UpdateAtlasSearchIndexDeprecated>(
            json!({ "groupId": G, "clusterName": "Cluster0", "indexId": G, "body": bad.clone() }),
        )
        .unwrap_err();
        assert!(e.field.starts_with("body"), "{bad}: {e}");
    }
}

#[test]
fn common_options_are_checked() {
    let e = build_json::<ListProjects>(json!({ "envelope": "yes" })).unwrap_err();
    assert_eq!(e.field, "envelope");
    let e = build_json::<ListProjects>(json!({ "apiVersion": "2023-01-01\r\nX: y" })).unwrap_err();
    assert_eq!(e.field, "apiVersion");
}

#[test]
fn serde_messages_become_field_rules() {
    use super::describe_serde_error as d;
    assert_eq!(
        d("", "Error: missing field `groupId`"),
        ("groupId".into(), "is required".into())
    );
    assert_eq!(
        d("body", "missing field `desc`"),
        ("body.desc".into(), "is required".into())
    );
    assert_eq!(
        d("body", "Error: TypeError: Reflect.get called on non-object").1,
        "must be an object"
    );
    assert_eq!(
        d(
            "itemsPerPage",
            "Error: invalid type: floating point `1.5`, expected i64"
        ),
        (
            "itemsPerPage".into(),
            "must be an integer (got floating point `1.5`)".into()
        )
    );
    assert_eq!(
        d("groupId", "invalid type: integer `5`, expected a string").1,
        "must be a string (got integer `5`)"
    );
}
