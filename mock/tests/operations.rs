//! Every seed operation over real HTTP: success paths, refusals and state changes.

mod common;

use common::*;
use reqwest::Method;
use serde_json::{json, Value};

fn rels(v: &Value) -> Vec<String> {
    v["links"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|l| l["rel"].as_str().unwrap_or("").to_string())
                .collect()
        })
        .unwrap_or_default()
}

fn href(v: &Value, rel: &str) -> String {
    v["links"]
        .as_array()
        .and_then(|a| a.iter().find(|l| l["rel"] == rel))
        .and_then(|l| l["href"].as_str())
        .unwrap_or("")
        .to_string()
}

#[tokio::test]
async fn list_projects_paginates_with_links() {
    let m = mock().await;
    let r = m.get("/groups", V1).await;
    assert_eq!(r.status(), 200);
    assert_eq!(content_type(&r), V1);
    assert!(header(&r, "ratelimit-limit").is_some());
    assert!(header(&r, "ratelimit-remaining").is_some());
    let v = json(r).await;
    assert_eq!(v["totalCount"], 1234);
    let results = v["results"].as_array().expect("results");
    assert_eq!(results.len(), 100);
    assert_eq!(results[0]["id"], GROUP);
    assert_eq!(results[0]["name"], "Project 0");
    assert_eq!(results[0]["orgId"], ORG);
    assert!(results[0]["clusterCount"].is_i64());
    assert!(results[0]["created"].is_string());
    assert_eq!(results[0]["links"][0]["rel"], "self");
    for g in results {
        let id = g["id"].as_str().expect("id");
        assert_eq!(id.len(), 24);
        assert!(id
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
    }
    assert_eq!(rels(&v), vec!["self", "next"]);
    assert!(
        href(&v, "next").starts_with(&m.base),
        "hrefs are absolute on the request host"
    );
    assert!(href(&v, "next").contains("pageNum=2"));

    // Follow next links to the end with 500 per page.
    let mut url = format!("{}/api/atlas/v2/groups?itemsPerPage=500", m.base);
    let mut seen = 0;
    let mut pages = 0;
    loop {
        let v = json(
            m.client
                .get(&url)
                .header("Authorization", format!("Bearer {TOKEN}"))
                .header("Accept", V1)
                .send()
                .await
                .expect("send"),
        )
        .await;
        pages += 1;
        seen += v["results"].as_array().map(Vec::len).unwrap_or(0);
        if pages > 1 {
            assert!(rels(&v).contains(&"previous".to_string()));
        }
        let next = href(&v, "next");
        if next.is_empty() {
            break;
        }
        url = next;
    }
    assert_eq!((seen, pages), (1234, 3));

    // Past the end: empty results, previous but no next.
    let v = json(m.get("/groups?itemsPerPage=100&pageNum=20", V1).await).await;
    assert_eq!(v["results"].as_array().map(Vec::len), Some(0));
    assert_eq!(rels(&v), vec!["self", "previous"]);

    // includeCount=false omits totalCount.
    let v = json(m.get("/groups?includeCount=false&itemsPerPage=5", V1).await).await;
    assert!(v.get("totalCount").is_none(), "{v}");
    assert_eq!(v["results"].as_array().map(Vec::len), Some(5));
}

#[tokio::test]
async fn list_projects_refuses_bad_paging() {
    let m = mock().await;
    validation_error(m.get("/groups?itemsPerPage=501", V1).await, "itemsPerPage").await;
    validation_error(m.get("/groups?itemsPerPage=0", V1).await, "itemsPerPage").await;
    validation_error(m.get("/groups?pageNum=0", V1).await, "pageNum").await;
    validation_error(m.get("/groups?pageNum=abc", V1).await, "pageNum").await;
    validation_error(
        m.get("/groups?includeCount=maybe", V1).await,
        "includeCount",
    )
    .await;
}

#[tokio::test]
async fn envelope_and_pretty() {
    let m = mock().await;
    let r = m.get("/groups?envelope=true&itemsPerPage=1", V1).await;
    assert_eq!(r.status(), 200);
    let v = json(r).await;
    assert_eq!(v["status"], 200);
    assert_eq!(v["content"]["totalCount"], 1234);

    let r = m
        .req(
            Method::DELETE,
            &format!("/groups/{GROUP}/backup/exportBuckets/{BUCKET}?envelope=true"),
            V1,
        )
        .send()
        .await
        .expect("send");
    assert_eq!(r.status(), 200);
    assert_eq!(json(r).await["status"], 204);

    let r = m
        .get(
            "/groups/0123456789abcdef01234567/pipelines?envelope=true",
            V1,
        )
        .await;
    assert_eq!(r.status(), 200);
    let v = json(r).await;
    assert_eq!(v["status"], 404);
    assert_eq!(v["content"]["errorCode"], "RESOURCE_NOT_FOUND");

    let text = m
        .get("/groups?pretty=true&itemsPerPage=1", V1)
        .await
        .text()
        .await
        .expect("text");
    assert!(text.contains("\n  \"links\""), "{text}");
    let compact = m
        .get("/groups?itemsPerPage=1", V1)
        .await
        .text()
        .await
        .expect("text");
    assert!(!compact.contains('\n'));
}

#[tokio::test]
async fn maintenance_window_and_preview() {
    let m = mock().await;
    let path = format!("/groups/{GROUP}/maintenanceWindow");
    let r = m.get(&path, V1).await;
    assert_eq!(r.status(), 200);
    assert_eq!(content_type(&r), V1);
    let v = json(r).await;
    assert!((1..=7).contains(&v["dayOfWeek"].as_i64().unwrap_or(0)));
    assert!(v.get("waveAssignment").is_none());
    let r = m.get(&path, PREVIEW).await;
    assert_eq!(content_type(&r), PREVIEW);
    let v = json(r).await;
    assert_eq!(v["waveAssignment"], 2);
    assert_eq!(v["effectiveWaveAssignment"], 2);

    api_error(
        m.get("/groups/ffffffffffffffffffffffff/maintenanceWindow", V1)
            .await,
        404,
        "RESOURCE_NOT_FOUND",
    )
    .await;
    validation_error(
        m.get("/groups/not-an-id/maintenanceWindow", V1).await,
        "groupId",
    )
    .await;
    validation_error(
        m.get("/groups/32B6E34B3D91647ABB20E7B8/maintenanceWindow", V1)
            .await,
        "groupId",
    )
    .await;
}

#[tokio::test]
async fn create_api_key() {
    let m = mock().await;
    let path = format!("/orgs/{ORG}/apiKeys");
    let r = m
        .send_json(
            Method::POST,
            &path,
            V1,
            &json!({"desc": "ci key", "roles": ["ORG_MEMBER", "ORG_READ_ONLY"]}),
        )
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(content_type(&r), V1);
    let v = json(r).await;
    assert_eq!(v["desc"], "ci key");
    assert_eq!(v["publicKey"].as_str().map(str::len), Some(8));
    assert!(v["privateKey"]
        .as_str()
        .is_some_and(|k| k.len() == 36 && !k.contains('*')));
    assert_eq!(v["id"].as_str().map(str::len), Some(24));
    assert_eq!(v["roles"][0]["roleName"], "ORG_MEMBER");
    assert_eq!(v["roles"][0]["orgId"], ORG);
    assert_eq!(v["links"][0]["rel"], "self");

    let long = "x".repeat(251);
    validation_error(
        m.send_json(
            Method::POST,
            &path,
            V1,
            &json!({"desc": long, "roles": ["ORG_MEMBER"]}),
        )
        .await,
        "desc",
    )
    .await;
    validation_error(
        m.send_json(
            Method::POST,
            &path,
            V1,
            &json!({"desc": "", "roles": ["ORG_MEMBER"]}),
        )
        .await,
        "desc",
    )
    .await;
    validation_error(
        m.send_json(Method::POST, &path, V1, &json!({"desc": "d", "roles": []}))
            .await,
        "roles",
    )
    .await;
    validation_error(
        m.send_json(
            Method::POST,
            &path,
            V1,
            &json!({"desc": "d", "roles": ["GROUP_OWNER"]}),
        )
        .await,
        "roles[0]",
    )
    .await;
    validation_error(
        m.send_json(Method::POST, &path, V1, &json!({"roles": ["ORG_MEMBER"]}))
            .await,
        "desc",
    )
    .await;
    let r = m
        .req(Method::POST, &path, V1)
        .body("{not json")
        .send()
        .await
        .expect("send");
    api_error(r, 400, "MALFORMED_REQUEST").await;
    api_error(
        m.send_json(
            Method::POST,
            "/orgs/aaaaaaaaaaaaaaaaaaaaaaaa/apiKeys",
            V1,
            &json!({"desc": "d", "roles": ["ORG_MEMBER"]}),
        )
        .await,
        404,
        "RESOURCE_NOT_FOUND",
    )
    .await;
}

const GOOD_POLICY: &str = "forbid (\n  principal,\n  action == cloud::Action::\"cluster.createEdit\",\n  resource\n) when {\n  context.cluster.regions.contains(cloud::region::\"aws:us-east-1\")\n};";

#[tokio::test]
async fn validate_resource_policies() {
    let m = mock().await;
    let path = format!("/orgs/{ORG}/resourcePolicies:validate");
    let r = m
        .send_json(
            Method::POST,
            &path,
            V_POLICY,
            &json!({"name": "no-us-east-1", "policies": [{"body": GOOD_POLICY}]}),
        )
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(content_type(&r), V_POLICY);
    let v = json(r).await;
    assert_eq!(v["name"], "no-us-east-1");
    assert_eq!(v["orgId"], ORG);
    assert_eq!(v["policies"][0]["body"], GOOD_POLICY);
    assert!(v["id"].is_string() && v["createdDate"].is_string());

    // The colon may arrive percent-encoded.
    let r = m
        .send_json(
            Method::POST,
            &format!("/orgs/{ORG}/resourcePolicies%3Avalidate"),
            V_POLICY,
            &json!({"name": "n", "policies": [{"body": GOOD_POLICY}]}),
        )
        .await;
    assert_eq!(r.status(), 200);

    let bad = "forbid (principal, action, resource) when { context.cluster.regions.contains( };";
    let r = m
        .send_json(
            Method::POST,
            &path,
            V_POLICY,
            &json!({"name": "n", "policies": [{"body": GOOD_POLICY}, {"body": bad}]}),
        )
        .await;
    assert_eq!(r.status(), 400);
    assert_eq!(content_type(&r), V_POLICY);
    let v = json(r).await;
    assert_eq!(v["errorType"], "POLICY_PARSING_ERROR");
    let invalid = v["invalidPolicies"].as_array().expect("invalidPolicies");
    assert_eq!(invalid.len(), 1);
    assert_eq!(invalid[0]["body"], bad);
    assert!(invalid[0]["errors"][0]["detail"]
        .as_str()
        .is_some_and(|d| !d.is_empty()));

    validation_error(
        m.send_json(Method::POST, &path, V_POLICY, &json!({"name": "n"}))
            .await,
        "policies",
    )
    .await;
    // This operation has only the 2024-08-05 version.
    api_error(
        m.send_json(
            Method::POST,
            &path,
            V1,
            &json!({"name": "n", "policies": []}),
        )
        .await,
        406,
        "INVALID_VERSION_DATE",
    )
    .await;
}

#[tokio::test]
async fn create_database_user_certificate() {
    use x509_parser::prelude::*;
    let m = mock().await;
    let path = format!("/groups/{GROUP}/databaseUsers/alice/certs");
    let r = m
        .send_json(
            Method::POST,
            &path,
            V1,
            &json!({"monthsUntilExpiration": 2}),
        )
        .await;
    assert_eq!(r.status(), 201);
    assert_eq!(content_type(&r), V1);
    let v = json(r).await;
    let pem_text = v.as_str().expect("the body is a JSON string");
    assert!(pem_text.contains("-----BEGIN CERTIFICATE-----"));
    assert!(pem_text.contains("PRIVATE KEY-----"));
    let (_, pem) = parse_x509_pem(pem_text.as_bytes()).expect("PEM");
    let cert = pem.parse_x509().expect("X.509");
    let cn = cert
        .subject()
        .iter_common_name()
        .next()
        .and_then(|c| c.as_str().ok())
        .expect("CN");
    assert_eq!(cn, "alice");
    let days =
        (cert.validity().not_after.timestamp() - cert.validity().not_before.timestamp()) / 86_400;
    assert!((55..=63).contains(&days), "two months, got {days} days");

    // Defaults to 3 months with an empty object.
    let v = json(m.send_json(Method::POST, &path, V1, &json!({})).await).await;
    let (_, pem) = parse_x509_pem(v.as_str().expect("string").as_bytes()).expect("PEM");
    let cert = pem.parse_x509().expect("X.509");
    let days =
        (cert.validity().not_after.timestamp() - cert.validity().not_before.timestamp()) / 86_400;
    assert!((88..=93).contains(&days), "three months, got {days} days");

    // Any other user of the project works too.
    let r = m
        .send_json(
            Method::POST,
            &format!("/groups/{GROUP}/databaseUsers/bob/certs"),
            V1,
            &json!({}),
        )
        .await;
    assert_eq!(r.status(), 201);

    validation_error(
        m.send_json(
            Method::POST,
            &path,
            V1,
            &json!({"monthsUntilExpiration": 25}),
        )
        .await,
        "monthsUntilExpiration",
    )
    .await;
    validation_error(
        m.send_json(
            Method::POST,
            &path,
            V1,
            &json!({"monthsUntilExpiration": 0}),
        )
        .await,
        "monthsUntilExpiration",
    )
    .await;
    api_error(
        m.send_json(
            Method::POST,
            &format!("/groups/{GROUP}/databaseUsers/missing-user/certs"),
            V1,
            &json!({}),
        )
        .await,
        404,
        "RESOURCE_NOT_FOUND",
    )
    .await;
    api_error(
        m.send_json(
            Method::POST,
            &format!("/groups/{GROUP}/databaseUsers/conflict-user/certs"),
            V1,
            &json!({}),
        )
        .await,
        409,
        "X509_CERTIFICATE_CONFLICT",
    )
    .await;
}

#[tokio::test]
async fn delete_export_bucket_then_gone() {
    let m = mock().await;
    let path = format!("/groups/{GROUP}/backup/exportBuckets/{BUCKET}");
    let r = m.req(Method::DELETE, &path, V1).send().await.expect("send");
    assert_eq!(r.status(), 204);
    assert_eq!(content_type(&r), V1);
    assert!(header(&r, "ratelimit-remaining").is_some());
    let r = m.req(Method::DELETE, &path, V1).send().await.expect("send");
    api_error(r, 404, "RESOURCE_NOT_FOUND").await;
    let r = m
        .req(
            Method::DELETE,
            &format!("/groups/{GROUP}/backup/exportBuckets/xyz"),
            V1,
        )
        .send()
        .await
        .expect("send");
    validation_error(r, "exportBucketId").await;
}

#[tokio::test]
async fn data_federation_limits() {
    let m = mock().await;
    for name in [
        "bytesProcessed.query",
        "bytesProcessed.daily",
        "bytesProcessed.weekly",
        "bytesProcessed.monthly",
    ] {
        let r = m
            .get(
                &format!("/groups/{GROUP}/dataFederation/tenant0/limits/{name}"),
                V1,
            )
            .await;
        assert_eq!(r.status(), 200);
        let v = json(r).await;
        assert_eq!(v["name"], name);
        assert_eq!(v["tenantName"], "tenant0");
        assert!(v["value"].is_i64());
    }
    validation_error(
        m.get(
            &format!("/groups/{GROUP}/dataFederation/tenant0/limits/bytesProcessed.hourly"),
            V1,
        )
        .await,
        "limitName",
    )
    .await;
    api_error(
        m.get(
            &format!("/groups/{GROUP}/dataFederation/nope/limits/bytesProcessed.query"),
            V1,
        )
        .await,
        404,
        "RESOURCE_NOT_FOUND",
    )
    .await;
}

#[tokio::test]
async fn list_pipelines() {
    let m = mock().await;
    let r = m.get(&format!("/groups/{GROUP}/pipelines"), V1).await;
    assert_eq!(r.status(), 200);
    let v = json(r).await;
    let list = v.as_array().expect("array");
    let sources: Vec<&str> = list
        .iter()
        .filter_map(|p| p["source"]["type"].as_str())
        .collect();
    assert!(sources.contains(&"ON_DEMAND_CPS") && sources.contains(&"PERIODIC_CPS"));
    assert!(list.iter().all(|p| p["sink"]["type"] == "DLS"));
    api_error(
        m.get("/groups/0123456789abcdef01234567/pipelines", V1)
            .await,
        404,
        "RESOURCE_NOT_FOUND",
    )
    .await;
}

#[tokio::test]
async fn delete_identity_provider_then_gone() {
    let m = mock().await;
    let path = format!("/federationSettings/{FED}/identityProviders/{IDP}");
    api_error(
        m.req(Method::DELETE, &path, V1).send().await.expect("send"),
        406,
        "INVALID_VERSION_DATE",
    )
    .await;
    let r = m
        .req(Method::DELETE, &path, V_IDP)
        .send()
        .await
        .expect("send");
    assert_eq!(r.status(), 204);
    assert_eq!(content_type(&r), V_IDP);
    api_error(
        m.req(Method::DELETE, &path, V_IDP)
            .send()
            .await
            .expect("send"),
        404,
        "RESOURCE_NOT_FOUND",
    )
    .await;
    let r = m
        .req(
            Method::DELETE,
            &format!("/federationSettings/bad/identityProviders/{IDP}"),
            V_IDP,
        )
        .send()
        .await
        .expect("send");
    validation_error(r, "federationSettingsId").await;
}

#[tokio::test]
async fn legacy_snapshot_get_and_patch() {
    let m = mock().await;
    let path = format!("/groups/{GROUP}/clusters/Cluster0/snapshots/{SNAPSHOT}");
    let r = m.get(&path, V1).await;
    assert_eq!(r.status(), 200);
    let v = json(r).await;
    assert_eq!(v["id"], SNAPSHOT);
    assert_eq!(v["clusterName"], "Cluster0");
    assert_eq!(v["doNotDelete"], false);

    let r = m
        .send_json(
            Method::PATCH,
            &path,
            V1,
            &json!({"expires": "2031-05-01T00:00:00Z"}),
        )
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(json(r).await["expires"], "2031-05-01T00:00:00Z");
    let v = json(m.get(&path, V1).await).await;
    assert_eq!(v["expires"], "2031-05-01T00:00:00Z");

    let r = m
        .send_json(Method::PATCH, &path, V1, &json!({"doNotDelete": true}))
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(json(m.get(&path, V1).await).await["doNotDelete"], true);

    validation_error(
        m.send_json(
            Method::PATCH,
            &path,
            V1,
            &json!({"doNotDelete": true, "expires": "2031-05-01T00:00:00Z"}),
        )
        .await,
        "expires",
    )
    .await;
    validation_error(
        m.send_json(Method::PATCH, &path, V1, &json!({"expires": "tomorrow"}))
            .await,
        "expires",
    )
    .await;
    api_error(
        m.get(
            &format!("/groups/{GROUP}/clusters/Cluster0/snapshots/aaaaaaaaaaaaaaaaaaaaaaaa"),
            V1,
        )
        .await,
        404,
        "RESOURCE_NOT_FOUND",
    )
    .await;
    api_error(
        m.get(
            &format!("/groups/{GROUP}/clusters/Nope/snapshots/{SNAPSHOT}"),
            V1,
        )
        .await,
        404,
        "RESOURCE_NOT_FOUND",
    )
    .await;
    validation_error(
        m.get(
            &format!("/groups/{GROUP}/clusters/-bad_name/snapshots/{SNAPSHOT}"),
            V1,
        )
        .await,
        "clusterName",
    )
    .await;
}

#[tokio::test]
async fn search_index_patch_reads_back() {
    let m = mock().await;
    let path = format!("/groups/{GROUP}/clusters/Cluster0/fts/indexes/{SEARCH_INDEX}");
    let body = json!({
        "collectionName": "movies",
        "database": "sample_mflix",
        "name": "default",
        "type": "search",
        "numPartitions": 2,
        "analyzer": "lucene.english",
        "analyzers": [{
            "name": "myAnalyzer",
            "tokenizer": {"type": "nGram", "minGram": 2, "maxGram": 4},
            "tokenFilters": [{"type": "lowercase"}, {"type": "icuFolding"}],
            "charFilters": [{"type": "persian"}]
        }],
        "mappings": {"dynamic": true}
    });
    let r = m.send_json(Method::PATCH, &path, V1, &body).await;
    assert_eq!(r.status(), 200);
    assert_eq!(content_type(&r), V1);
    let v = json(r).await;
    assert_eq!(v["indexID"], SEARCH_INDEX);
    assert_eq!(v["numPartitions"], 2);
    assert_eq!(v["analyzer"], "lucene.english");
    let back = json(m.get(&path, V1).await).await;
    assert_eq!(back["analyzers"][0]["name"], "myAnalyzer");
    assert_eq!(back["numPartitions"], 2);

    let mut bad = body.clone();
    bad["numPartitions"] = json!(3);
    validation_error(
        m.send_json(Method::PATCH, &path, V1, &bad).await,
        "numPartitions",
    )
    .await;
    let mut bad = body.clone();
    bad["analyzers"][0]["name"] = json!("lucene.mine");
    validation_error(
        m.send_json(Method::PATCH, &path, V1, &bad).await,
        "analyzers[0].name",
    )
    .await;
    let mut bad = body.clone();
    bad["analyzers"][0]["tokenFilters"][0] = json!({"type": "shingle"});
    validation_error(
        m.send_json(Method::PATCH, &path, V1, &bad).await,
        "analyzers[0].tokenFilters[0].maxShingleSize",
    )
    .await;
    validation_error(
        m.send_json(Method::PATCH, &path, V1, &json!({"name": "x"}))
            .await,
        "collectionName",
    )
    .await;

    // Vector index.
    let vpath = format!("/groups/{GROUP}/clusters/Cluster0/fts/indexes/{VECTOR_INDEX}");
    let r = m
        .send_json(
            Method::PATCH,
            &vpath,
            V1,
            &json!({"collectionName": "embedded_movies", "database": "sample_mflix", "name": "vector_index", "type": "vectorSearch",
                    "fields": [{"type": "vector", "path": "plot_embedding", "numDimensions": 768, "similarity": "dotProduct"}]}),
        )
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(json(r).await["fields"][0]["numDimensions"], 768);

    // 409: the locked index, or the X-Mock-Conflict header.
    let lpath = format!("/groups/{GROUP}/clusters/Cluster0/fts/indexes/{LOCKED_INDEX}");
    let lbody = json!({"collectionName": "comments", "database": "sample_mflix", "name": "comments_search"});
    api_error(
        m.send_json(Method::PATCH, &lpath, V1, &lbody).await,
        409,
        "SEARCH_INDEX_UPDATE_IN_PROGRESS",
    )
    .await;
    let r = m
        .req(Method::PATCH, &path, V1)
        .header("X-Mock-Conflict", "true")
        .body(body.to_string())
        .send()
        .await
        .expect("send");
    api_error(r, 409, "SEARCH_INDEX_UPDATE_IN_PROGRESS").await;
    api_error(
        m.send_json(
            Method::PATCH,
            &format!("/groups/{GROUP}/clusters/Cluster0/fts/indexes/bbbbbbbbbbbbbbbbbbbbbbbb"),
            V1,
            &body,
        )
        .await,
        404,
        "RESOURCE_NOT_FOUND",
    )
    .await;
}
