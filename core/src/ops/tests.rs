//! Native tests of request building for every operation, checked against the
//! official description where it is available (`../shared/spec/`).

use super::*;
use crate::request::{ApiRequest, Method};
use serde_json::{json, Value};

/// Builds the request for operation `name` from options as JS would pass them.
fn build_json(name: &str, opts: Value) -> Result<ApiRequest, ValidationError> {
    prepare(op(name).unwrap(), &opts.to_string()).map(|p| p.req)
}

/// The spec file the tests read facts from, when it is there.
pub(crate) fn spec() -> Option<Value> {
    let p = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/spec/atlas-admin-v2-seed-subset.json"
    );
    match std::fs::read(p) {
        Ok(b) => serde_json::from_slice(&b).ok(),
        Err(_) => {
            eprintln!("skipping spec comparison: {p} not found");
            None
        }
    }
}

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

/// Builds `opts` for operation `name` and checks method, path template,
/// media type and the query parameters against the description.
fn check(name: &str, opts: Value, path: &str) -> ApiRequest {
    let def = op(name).unwrap();
    let req = build_json(name, opts).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(req.path, path, "{name}");
    assert_eq!(req.operation, name);
    if let Some(spec) = spec() {
        let s = spec_op(&spec, def.upstream_id);
        assert_eq!(s.method, def.method.as_str(), "{name}");
        let media = format!("application/vnd.atlas.{}+json", def.version);
        assert!(
            s.versions.contains(&media),
            "{name}: {media} not in {:?}",
            s.versions
        );
        // Same template: each `{param}` matches one segment of the built path.
        let t: Vec<&str> = s.path.split('/').collect();
        let p: Vec<&str> = req.path.split('/').collect();
        assert_eq!(t.len(), p.len(), "{name}: {} vs {}", s.path, req.path);
        for (a, b) in t.iter().zip(&p) {
            assert!(a.starts_with('{') || a == b, "{name}: {a} vs {b}");
        }
        let query: Vec<&str> = def
            .params
            .iter()
            .filter(|p| p.loc == crate::schema::Loc::Query)
            .map(|p| p.name)
            .collect();
        assert_eq!(query, s.query, "{name} query parameters");
    }
    req
}

#[test]
fn list_projects() {
    let r = check("listProjects", json!({}), "/api/atlas/v2/groups");
    assert!(r.query.is_empty() && r.body.is_none());
    assert_eq!(r.media_type, "application/vnd.atlas.2023-01-01+json");
    let r = check(
        "listProjects",
        json!({ "itemsPerPage": 500, "pageNum": 3, "includeCount": false, "envelope": true, "pretty": true }),
        "/api/atlas/v2/groups",
    );
    assert_eq!(r.path_and_query(), "/api/atlas/v2/groups?envelope=true&includeCount=false&itemsPerPage=500&pageNum=3&pretty=true");
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
        let e = build_json("listProjects", bad.clone()).unwrap_err();
        assert_eq!(e.field, field, "{bad}: {e}");
    }
}

#[test]
fn maintenance_window() {
    let r = check(
        "getMaintenanceWindow",
        json!({ "groupId": G }),
        &format!("/api/atlas/v2/groups/{G}/maintenanceWindow"),
    );
    assert_eq!(r.method, Method::Get);
    let r = build_json(
        "getMaintenanceWindow",
        json!({ "groupId": G, "apiVersion": "preview" }),
    )
    .unwrap();
    assert_eq!(r.media_type, "application/vnd.atlas.preview+json");
    assert_eq!(
        build_json("getMaintenanceWindow", json!({}))
            .unwrap_err()
            .field,
        "groupId"
    );
    assert_eq!(
        build_json("getMaintenanceWindow", json!({ "groupId": null }))
            .unwrap_err()
            .field,
        "groupId"
    );
    assert_eq!(
        build_json("getMaintenanceWindow", json!({ "groupId": 5 }))
            .unwrap_err()
            .field,
        "groupId"
    );
    assert_eq!(
        build_json("getMaintenanceWindow", json!({ "groupId": "../x" }))
            .unwrap_err()
            .field,
        "groupId"
    );
    assert_eq!(
        build_json("getMaintenanceWindow", json!({ "groupID": G }))
            .unwrap_err()
            .field,
        "groupID"
    );
}

#[test]
fn create_api_key() {
    let r = check(
        "createApiKey",
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
        let e = build_json("createApiKey", bad.clone()).unwrap_err();
        assert!(e.field.starts_with(field), "{bad}: {e}");
    }
}

#[test]
fn validate_resource_policy() {
    let r = check(
        "validateAtlasResourcePolicy",
        json!({ "orgId": O, "body": { "name": "p", "policies": [{ "body": "forbid(principal, action, resource);" }] } }),
        &format!("/api/atlas/v2/orgs/{O}/resourcePolicies:validate"),
    );
    assert_eq!(r.media_type, "application/vnd.atlas.2024-08-05+json");
    assert!(build_json(
        "validateAtlasResourcePolicy",
        json!({ "orgId": O, "body": { "name": "p", "policies": [] } })
    )
    .is_err());
}

#[test]
fn database_user_certificate() {
    let r = check(
        "createDatabaseUserCertificate",
        json!({ "groupId": G, "username": "a/b", "body": { "monthsUntilExpiration": 24 } }),
        &format!("/api/atlas/v2/groups/{G}/databaseUsers/a%2Fb/certs"),
    );
    assert_eq!(
        serde_json::from_slice::<Value>(r.body.as_deref().unwrap()).unwrap(),
        json!({ "monthsUntilExpiration": 24 })
    );
    let r = build_json(
        "createDatabaseUserCertificate",
        json!({ "groupId": G, "username": "../x" }),
    )
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
            build_json("createDatabaseUserCertificate", bad.clone())
                .unwrap_err()
                .field,
            field,
            "{bad}"
        );
    }
}

#[test]
fn delete_export_bucket() {
    let r = check(
        "deleteExportBucket",
        json!({ "groupId": G, "exportBucketId": G }),
        &format!("/api/atlas/v2/groups/{G}/backup/exportBuckets/{G}"),
    );
    assert_eq!(r.method, Method::Delete);
    assert_eq!(
        build_json(
            "deleteExportBucket",
            json!({ "groupId": G, "exportBucketId": G, "pretty": true })
        )
        .unwrap_err()
        .field,
        "pretty"
    );
}

#[test]
fn federated_query_limit() {
    for limit in [
        "bytesProcessed.query",
        "bytesProcessed.daily",
        "bytesProcessed.weekly",
        "bytesProcessed.monthly",
    ] {
        check(
            "returnFederatedDatabaseQueryLimit",
            json!({ "groupId": G, "tenantName": "t 1", "limitName": limit }),
            &format!("/api/atlas/v2/groups/{G}/dataFederation/t%201/limits/{limit}"),
        );
    }
    assert_eq!(
        build_json(
            "returnFederatedDatabaseQueryLimit",
            json!({ "groupId": G, "tenantName": "t", "limitName": "bytesProcessed.hourly" })
        )
        .unwrap_err()
        .field,
        "limitName"
    );
}

#[test]
fn pipelines() {
    check(
        "listPipelines",
        json!({ "groupId": G }),
        &format!("/api/atlas/v2/groups/{G}/pipelines"),
    );
    assert_eq!(
        op("listPipelines").unwrap().deprecation.unwrap().sunset,
        Some("2025-09-30")
    );
}

#[test]
fn identity_provider() {
    let r = check(
        "deleteIdentityProvider",
        json!({ "federationSettingsId": "55fa922fb343282757d9554e", "identityProviderId": "0oa1" }),
        "/api/atlas/v2/federationSettings/55fa922fb343282757d9554e/identityProviders/0oa1",
    );
    assert_eq!(r.media_type, "application/vnd.atlas.2023-11-15+json");
}

#[test]
fn legacy_snapshots() {
    let p = format!("/api/atlas/v2/groups/{G}/clusters/Cluster0/snapshots/{G}");
    check(
        "getLegacySnapshot",
        json!({ "groupId": G, "clusterName": "Cluster0", "snapshotId": G }),
        &p,
    );
    // A snapshot read back (read-only fields and unknown ones included) is a valid body.
    let r = check(
        "updateLegacySnapshotRetention",
        json!({ "groupId": G, "clusterName": "Cluster0", "snapshotId": G, "body": {
            "id": G, "clusterId": G, "complete": true, "doNotDelete": true, "links": [], "newField": 1 } }),
        &p,
    );
    let body: Value = serde_json::from_slice(r.body.as_deref().unwrap()).unwrap();
    assert_eq!(body, json!({ "doNotDelete": true, "newField": 1 }));
    let e = build_json(
        "updateLegacySnapshotRetention",
        json!({ "groupId": G, "clusterName": "Cluster0", "snapshotId": G,
        "body": { "doNotDelete": true, "expires": "2030-01-01T00:00:00Z" } }),
    )
    .unwrap_err();
    assert!(e.field.starts_with("body"), "{e}");
    assert_eq!(
        build_json(
            "getLegacySnapshot",
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
    let r = check(
        "updateAtlasSearchIndexDeprecated",
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
        let e = build_json(
            "updateAtlasSearchIndexDeprecated",
            json!({ "groupId": G, "clusterName": "Cluster0", "indexId": G, "body": bad.clone() }),
        )
        .unwrap_err();
        assert!(e.field.starts_with("body"), "{bad}: {e}");
    }
}

#[test]
fn common_options_are_checked() {
    let e = build_json("listProjects", json!({ "envelope": "yes" })).unwrap_err();
    assert_eq!(e.field, "envelope");
    let e = build_json(
        "listProjects",
        json!({ "apiVersion": "2023-01-01\r\nX: y" }),
    )
    .unwrap_err();
    assert_eq!(e.field, "apiVersion");
}
