//! The wasm client against the local Atlas server, over real HTTP.
//! One file serves both runs: `wasm-pack test --node` and, with the `browser`
//! feature, `wasm-pack test --headless --chrome` (really in the browser).
//! The server's URL comes from `ATLAS_MOCK_URL` at compile time.
#![cfg(target_arch = "wasm32")]

use atlas_admin_wasm::wasm::AtlasClient;
use js_sys::{Object, Promise, Reflect};
use serde::Serialize;
use serde_json::json;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

#[cfg(feature = "browser")]
wasm_bindgen_test_configure!(run_in_browser);

const BASE: &str = match option_env!("ATLAS_MOCK_URL") {
    Some(u) => u,
    None => "http://127.0.0.1:8787",
};
const ORG: &str = "4888442a3354817a7320eb61";
const GROUP: &str = "32b6e34b3d91647abb20e7b8";
const SNAPSHOT: &str = "5f4007f327a3bd7b6f4103c5";
const SEARCH_INDEX: &str = "6524ed3e5e8b1a4f7f123abc";
const FEDERATION: &str = "55fa922fb343282757d9554e";
const UNKNOWN_ID: &str = "aaaaaaaaaaaaaaaaaaaaaaaa";

fn js(v: serde_json::Value) -> JsValue {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap()
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap()
}

fn client() -> AtlasClient {
    AtlasClient::new(js(json!({ "baseUrl": BASE, "token": "test-token" }))).unwrap()
}

async fn ok(p: Promise) -> JsValue {
    match JsFuture::from(p).await {
        Ok(v) => v,
        Err(e) => panic!("call failed: {:?}", e),
    }
}

async fn err(p: Promise) -> JsValue {
    match JsFuture::from(p).await {
        Ok(v) => panic!("expected an error, got {:?}", v),
        Err(e) => e,
    }
}

fn name(e: &JsValue) -> String {
    get(e, "name").as_string().unwrap_or_default()
}

async fn mock_requests() -> f64 {
    let res = JsFuture::from(fetch(&format!("{BASE}/__mock/stats")))
        .await
        .unwrap();
    let res: web_sys::Response = res.dyn_into().unwrap();
    let body = JsFuture::from(res.json().unwrap()).await.unwrap();
    get(&body, "requests").as_f64().unwrap()
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    fn fetch(url: &str) -> Promise;
}

#[wasm_bindgen_test]
async fn list_projects_pages() {
    let c = client();
    let page = ok(c.list_projects(js(json!({ "itemsPerPage": 5, "pageNum": 2 })))).await;
    let results: js_sys::Array = get(&page, "results").dyn_into().unwrap();
    assert_eq!(results.length(), 5);
    assert!(get(&page, "totalCount").as_f64().unwrap() >= 1234.0);
    assert!(get(&results.get(0), "id").as_string().unwrap().len() == 24);
    // No options at all is a valid call too.
    let page = ok(c.list_projects(JsValue::UNDEFINED)).await;
    assert!(js_sys::Array::is_array(&get(&page, "results")));
    let rl = c.rate_limit();
    assert!(get(&rl, "limit").as_f64().is_some());
}

#[wasm_bindgen_test]
async fn list_projects_refuses_bad_paging_before_sending() {
    let c = client();
    let before = mock_requests().await;
    for (bad, field) in [
        (json!({ "itemsPerPage": 501 }), "itemsPerPage"),
        (json!({ "pageNum": 0 }), "pageNum"),
        (json!({ "itemsPerPage": "5" }), "itemsPerPage"),
        (json!({ "itemsPerpage": 5 }), "itemsPerpage"),
    ] {
        let e = err(c.list_projects(js(bad))).await;
        assert_eq!(name(&e), "AtlasValidationError");
        assert_eq!(get(&e, "field").as_string().as_deref(), Some(field));
        assert!(e.is_instance_of::<js_sys::Error>());
    }
    assert_eq!(
        mock_requests().await,
        before,
        "a refused call must not reach the server"
    );
}

#[wasm_bindgen_test]
async fn maintenance_window() {
    let c = client();
    let w = ok(c.get_maintenance_window(js(json!({ "groupId": GROUP })))).await;
    let day = get(&w, "dayOfWeek").as_f64().unwrap();
    assert!((1.0..=7.0).contains(&day));
    let preview =
        ok(c.get_maintenance_window(js(json!({ "groupId": GROUP, "apiVersion": "preview" }))))
            .await;
    assert!(get(&preview, "waveAssignment").as_f64().is_some());
    let e = err(c.get_maintenance_window(js(json!({ "groupId": UNKNOWN_ID })))).await;
    assert_eq!(name(&e), "AtlasApiError");
    assert_eq!(get(&e, "status").as_f64(), Some(404.0));
    assert!(get(&e, "errorCode").as_string().is_some());
}

#[wasm_bindgen_test]
async fn envelope_and_pretty() {
    let c = client();
    let w = ok(c.get_maintenance_window(js(
        json!({ "groupId": GROUP, "envelope": true, "pretty": true }),
    )))
    .await;
    assert!(get(&w, "dayOfWeek").as_f64().is_some());
    let e =
        err(c.get_maintenance_window(js(json!({ "groupId": UNKNOWN_ID, "envelope": true })))).await;
    assert_eq!(get(&e, "status").as_f64(), Some(404.0));
}

#[wasm_bindgen_test]
async fn create_api_key() {
    let c = client();
    let key = ok(c.create_api_key(js(
        json!({ "orgId": ORG, "body": { "desc": "ci key", "roles": ["ORG_MEMBER"] } }),
    )))
    .await;
    assert!(get(&key, "privateKey").as_string().unwrap().len() > 8);
    assert_eq!(get(&key, "desc").as_string().as_deref(), Some("ci key"));
    let e = err(c.create_api_key(js(
        json!({ "orgId": ORG, "body": { "desc": "", "roles": ["ORG_MEMBER"] } }),
    )))
    .await;
    assert_eq!(name(&e), "AtlasValidationError");
    assert_eq!(get(&e, "field").as_string().as_deref(), Some("body.desc"));
    let e = err(c.create_api_key(js(
        json!({ "orgId": UNKNOWN_ID, "body": { "desc": "x", "roles": ["ORG_MEMBER"] } }),
    )))
    .await;
    assert_eq!(get(&e, "status").as_f64(), Some(404.0));
}

#[wasm_bindgen_test]
async fn validate_resource_policy() {
    let c = client();
    let good = "forbid (principal, action == cloud::Action::\"cluster.createEdit\", resource) when { context.cluster.cloudProviders.containsAny([cloud::cloudProvider::\"aws\"]) };";
    let p = ok(c.validate_atlas_resource_policy(js(
        json!({ "orgId": ORG, "body": { "name": "no-aws", "policies": [{ "body": good }] } }),
    )))
    .await;
    assert_eq!(get(&p, "name").as_string().as_deref(), Some("no-aws"));
    let e = err(c.validate_atlas_resource_policy(js(json!({ "orgId": ORG, "body": { "name": "bad", "policies": [{ "body": "forbid (principal" }] } })))).await;
    assert_eq!(name(&e), "AtlasApiError");
    assert_eq!(get(&e, "status").as_f64(), Some(400.0));
    assert!(get(&e, "errorType").as_string().is_some());
    assert!(js_sys::Array::is_array(&get(&e, "invalidPolicies")));
}

#[wasm_bindgen_test]
async fn database_user_certificate() {
    let c = client();
    let pem = ok(c.create_database_user_certificate(js(
        json!({ "groupId": GROUP, "username": "alice", "body": { "monthsUntilExpiration": 3 } }),
    )))
    .await;
    let pem = pem.as_string().unwrap();
    assert!(pem.contains("-----BEGIN CERTIFICATE-----"));
    assert!(pem.contains("PRIVATE KEY-----"));
    let e = err(c.create_database_user_certificate(js(
        json!({ "groupId": GROUP, "username": "alice", "body": { "monthsUntilExpiration": 25 } }),
    )))
    .await;
    assert_eq!(
        get(&e, "field").as_string().as_deref(),
        Some("body.monthsUntilExpiration")
    );
    let e = err(c.create_database_user_certificate(js(
        json!({ "groupId": GROUP, "username": "missing-user" }),
    )))
    .await;
    assert_eq!(get(&e, "status").as_f64(), Some(404.0));
}

#[wasm_bindgen_test]
async fn path_segments_stay_segments() {
    let c = client();
    // A user name with a slash, dots or URL syntax is one encoded segment: the
    // server routes it to the certificate endpoint (a split path would be an
    // unknown route) and issues the certificate for exactly that name.
    for user in ["a/b", "../x", "q?x=1#f"] {
        let pem = ok(
            c.create_database_user_certificate(js(json!({ "groupId": GROUP, "username": user })))
        )
        .await;
        assert!(
            pem.as_string().unwrap().contains("BEGIN CERTIFICATE"),
            "{user}"
        );
    }
    // The path an error reports is the encoded one.
    let e = err(c.create_database_user_certificate(js(
        json!({ "groupId": UNKNOWN_ID, "username": "../x" }),
    )))
    .await;
    let path = get(&e, "path").as_string().unwrap();
    assert!(path.ends_with("/databaseUsers/..%2Fx/certs"), "{path}");
}

#[wasm_bindgen_test]
async fn delete_export_bucket() {
    let c = client();
    let seed = seed().await;
    let bucket = get(&seed, "exportBucketId").as_string().unwrap();
    let gone =
        ok(c.delete_export_bucket(js(json!({ "groupId": GROUP, "exportBucketId": bucket })))).await;
    assert!(gone.is_undefined());
    let e = err(c.delete_export_bucket(js(json!({ "groupId": GROUP, "exportBucketId": bucket }))))
        .await;
    assert_eq!(get(&e, "status").as_f64(), Some(404.0));
    let e =
        err(c.delete_export_bucket(js(json!({ "groupId": GROUP, "exportBucketId": "../../x" }))))
            .await;
    assert_eq!(name(&e), "AtlasValidationError");
}

#[wasm_bindgen_test]
async fn federated_query_limit() {
    let c = client();
    let l = ok(c.return_federated_database_query_limit(js(
        json!({ "groupId": GROUP, "tenantName": "tenant0", "limitName": "bytesProcessed.daily" }),
    )))
    .await;
    assert!(get(&l, "value").as_f64().is_some());
    let e = err(c.return_federated_database_query_limit(js(
        json!({ "groupId": GROUP, "tenantName": "tenant0", "limitName": "bytesProcessed.hourly" }),
    )))
    .await;
    assert_eq!(get(&e, "field").as_string().as_deref(), Some("limitName"));
    let e = err(c.return_federated_database_query_limit(js(json!({ "groupId": GROUP, "tenantName": "no-such-tenant", "limitName": "bytesProcessed.daily" })))).await;
    assert_eq!(get(&e, "status").as_f64(), Some(404.0));
}

#[wasm_bindgen_test]
async fn pipelines_and_deprecation_hook() {
    let warnings = js_sys::Array::new();
    let w2 = warnings.clone();
    let hook = wasm_bindgen::closure::Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
        w2.push(&e);
    });
    let opts = js(json!({ "baseUrl": BASE, "token": "test-token" }));
    Reflect::set(&opts, &"onDeprecation".into(), hook.as_ref()).unwrap();
    let c = AtlasClient::new(opts).unwrap();
    let list = ok(c.list_pipelines(js(json!({ "groupId": GROUP })))).await;
    let list: js_sys::Array = list.dyn_into().unwrap();
    assert!(list.length() >= 2);
    ok(c.list_pipelines(js(json!({ "groupId": GROUP })))).await;
    assert_eq!(warnings.length(), 1, "warns once per client");
    assert_eq!(
        get(&warnings.get(0), "sunset").as_string().as_deref(),
        Some("2025-09-30")
    );
    let e = err(c.list_pipelines(js(json!({ "groupId": UNKNOWN_ID })))).await;
    assert_eq!(get(&e, "status").as_f64(), Some(404.0));
}

#[wasm_bindgen_test]
async fn delete_identity_provider() {
    let c = client();
    let seed = seed().await;
    let idp = get(&seed, "identityProviderId").as_string().unwrap();
    let gone = ok(c.delete_identity_provider(js(
        json!({ "federationSettingsId": FEDERATION, "identityProviderId": idp }),
    )))
    .await;
    assert!(gone.is_undefined());
    let e = err(c.delete_identity_provider(js(
        json!({ "federationSettingsId": FEDERATION, "identityProviderId": idp }),
    )))
    .await;
    assert_eq!(get(&e, "status").as_f64(), Some(404.0));
}

#[wasm_bindgen_test]
async fn legacy_snapshot_round_trip() {
    let c = client();
    let s = ok(c.get_legacy_snapshot(js(
        json!({ "groupId": GROUP, "clusterName": "Cluster0", "snapshotId": SNAPSHOT }),
    )))
    .await;
    assert_eq!(get(&s, "id").as_string().as_deref(), Some(SNAPSHOT));
    // GET → edit → PATCH: pass the object read back, read-only fields and all.
    Reflect::set(&s, &"doNotDelete".into(), &JsValue::TRUE).unwrap();
    Reflect::delete_property(s.unchecked_ref::<Object>(), &"expires".into()).unwrap();
    let updated = ok(c.update_legacy_snapshot_retention(js_obj(&[
        ("groupId", GROUP.into()),
        ("clusterName", "Cluster0".into()),
        ("snapshotId", SNAPSHOT.into()),
        ("body", s),
    ])))
    .await;
    assert_eq!(get(&updated, "doNotDelete").as_bool(), Some(true));
    let e = err(c.update_legacy_snapshot_retention(js(json!({ "groupId": GROUP, "clusterName": "Cluster0", "snapshotId": SNAPSHOT, "body": { "doNotDelete": true, "expires": "2030-01-01T00:00:00Z" } })))).await;
    assert_eq!(name(&e), "AtlasValidationError");
    let e = err(c.get_legacy_snapshot(js(
        json!({ "groupId": GROUP, "clusterName": "-bad", "snapshotId": SNAPSHOT }),
    )))
    .await;
    assert_eq!(get(&e, "field").as_string().as_deref(), Some("clusterName"));
    let e = err(c.get_legacy_snapshot(js(
        json!({ "groupId": GROUP, "clusterName": "Cluster0", "snapshotId": UNKNOWN_ID }),
    )))
    .await;
    assert_eq!(get(&e, "status").as_f64(), Some(404.0));
}

#[wasm_bindgen_test]
async fn search_index_update() {
    let c = client();
    let body = json!({
        "collectionName": "movies", "database": "sample_mflix", "name": "default", "type": "search",
        "mappings": { "dynamic": true },
        "analyzers": [{ "name": "myAnalyzer", "tokenizer": { "type": "standard" }, "tokenFilters": [{ "type": "lowercase" }] }],
        "futureField": { "kept": 1 }
    });
    let idx = ok(c.update_atlas_search_index_deprecated(js(json!({ "groupId": GROUP, "clusterName": "Cluster0", "indexId": SEARCH_INDEX, "body": body })))).await;
    assert_eq!(get(&idx, "name").as_string().as_deref(), Some("default"));
    let e = err(c.update_atlas_search_index_deprecated(js(
        json!({ "groupId": GROUP, "clusterName": "Cluster0", "indexId": SEARCH_INDEX, "body": {
        "collectionName": "movies", "database": "sample_mflix", "name": "default", "type": "search",
        "analyzers": [{ "name": "lucene.mine", "tokenizer": { "type": "standard" } }] } }),
    )))
    .await;
    assert_eq!(name(&e), "AtlasValidationError");
    assert!(get(&e, "field")
        .as_string()
        .unwrap()
        .starts_with("body.analyzers[0]"));
    let e = err(c.update_atlas_search_index_deprecated(js(json!({ "groupId": GROUP, "clusterName": "Cluster0", "indexId": UNKNOWN_ID, "body": {
        "collectionName": "movies", "database": "sample_mflix", "name": "default", "type": "search" } })))).await;
    assert_eq!(get(&e, "status").as_f64(), Some(404.0));
}

#[wasm_bindgen_test]
async fn bad_construction_throws() {
    for bad in [
        json!({}),
        json!({ "token": "" }),
        json!({ "token": "x", "baseUrl": "ftp://x" }),
        json!({ "token": "a\r\nb" }),
        json!({ "tokn": "x" }),
    ] {
        let e = match AtlasClient::new(js(bad)) {
            Ok(_) => panic!("accepted bad options"),
            Err(e) => e,
        };
        assert_eq!(name(&e), "AtlasValidationError");
    }
}

#[wasm_bindgen_test]
async fn wrong_token_is_401_and_token_is_not_leaked() {
    let c = AtlasClient::new(js(
        json!({ "baseUrl": BASE, "token": "wrong-secret-token" }),
    ))
    .unwrap();
    let e = err(c.get_maintenance_window(js(json!({ "groupId": GROUP })))).await;
    assert_eq!(get(&e, "status").as_f64(), Some(401.0));
    let msg = get(&e, "message").as_string().unwrap();
    assert!(!msg.contains("wrong-secret-token"));
    assert!(!c.to_js_string().contains("wrong-secret-token"));
}

#[wasm_bindgen_test]
async fn network_failure_is_typed() {
    let c = AtlasClient::new(js(json!({ "baseUrl": "http://127.0.0.1:9", "token": "t" }))).unwrap();
    let e = err(c.get_maintenance_window(js(json!({ "groupId": GROUP })))).await;
    assert_eq!(name(&e), "AtlasNetworkError");
    assert!(!get(&e, "cause").is_undefined());
}

#[wasm_bindgen_test]
async fn timeout_and_abort() {
    let c = client();
    let opts = js(json!({ "groupId": GROUP, "timeoutMs": 50 }));
    // Ask the server to stall this request (fault header is not settable per call,
    // so arm it through the control endpoint).
    arm_fault("delay:2000", "/maintenanceWindow").await;
    let e = err(c.get_maintenance_window(opts)).await;
    assert_eq!(name(&e), "AtlasTimeoutError");

    let ctl = web_sys::AbortController::new().unwrap();
    ctl.abort_with_reason(&JsValue::from_str("user left"));
    let opts = js(json!({ "groupId": GROUP }));
    Reflect::set(&opts, &"signal".into(), &ctl.signal()).unwrap();
    let e = err(c.get_maintenance_window(opts)).await;
    assert_eq!(name(&e), "AtlasAbortError");
    assert_eq!(get(&e, "cause").as_string().as_deref(), Some("user left"));
}

#[wasm_bindgen_test]
async fn bad_bodies_are_decode_errors_with_raw_text() {
    // Without retries: a 502 HTML page from a proxy is otherwise retried.
    let c = AtlasClient::new(js(
        json!({ "baseUrl": BASE, "token": "test-token", "retry": false }),
    ))
    .unwrap();
    arm_fault("truncate", "/maintenanceWindow").await;
    let e = err(c.get_maintenance_window(js(json!({ "groupId": GROUP })))).await;
    assert_eq!(name(&e), "AtlasDecodeError");
    assert!(get(&e, "rawBody").as_string().is_some());
    arm_fault("html", "/maintenanceWindow").await;
    let e = err(c.get_maintenance_window(js(json!({ "groupId": GROUP })))).await;
    assert_eq!(name(&e), "AtlasApiError");
    assert!(get(&e, "rawBody").as_string().unwrap().contains("<html"));
}

fn js_obj(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in pairs {
        Reflect::set(&o, &JsValue::from_str(k), v).unwrap();
    }
    o.into()
}

async fn seed() -> JsValue {
    let res = JsFuture::from(fetch(&format!("{BASE}/__mock/seed")))
        .await
        .unwrap();
    let res: web_sys::Response = res.dyn_into().unwrap();
    JsFuture::from(res.json().unwrap()).await.unwrap()
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = fetch)]
    fn fetch_with(url: &str, init: &JsValue) -> Promise;
}

async fn arm_fault(fault: &str, path: &str) {
    let init = js(json!({
        "method": "POST",
        "headers": { "Content-Type": "application/json" },
        "body": json!({ "fault": fault, "count": 1, "pathContains": path }).to_string(),
    }));
    let res = JsFuture::from(fetch_with(&format!("{BASE}/__mock/faults"), &init))
        .await
        .unwrap();
    let res: web_sys::Response = res.dyn_into().unwrap();
    assert!(res.ok(), "arming fault {fault} failed");
}

// ---- runtime: service accounts, retries, timeouts, pagination, hooks ----

async fn stats() -> JsValue {
    let res = JsFuture::from(fetch(&format!("{BASE}/__mock/stats")))
        .await
        .unwrap();
    let res: web_sys::Response = res.dyn_into().unwrap();
    JsFuture::from(res.json().unwrap()).await.unwrap()
}

async fn stat(key: &str) -> f64 {
    get(&stats().await, key).as_f64().unwrap_or(0.0)
}

fn service_client() -> AtlasClient {
    AtlasClient::new(js(json!({
        "baseUrl": BASE, "clientId": "mdb_sa_id_test", "clientSecret": "mdb_sa_sk_test",
        "retry": { "baseDelayMs": 1, "maxDelayMs": 50 }
    })))
    .unwrap()
}

#[wasm_bindgen_test]
async fn service_account_shares_one_token_among_50_calls() {
    let c = service_client();
    let before = stat("tokenRequests").await;
    let calls = js_sys::Array::new();
    for _ in 0..50 {
        calls.push(&c.get_maintenance_window(js(json!({ "groupId": GROUP }))));
    }
    let all = ok(js_sys::Promise::all(&calls)).await;
    assert_eq!(all.unchecked_ref::<js_sys::Array>().length(), 50);
    assert_eq!(
        stat("tokenRequests").await - before,
        1.0,
        "exactly one token request"
    );
}

#[wasm_bindgen_test]
async fn service_account_renews_once_after_401_and_close_revokes() {
    let c = service_client();
    ok(c.get_maintenance_window(js(json!({ "groupId": GROUP })))).await;
    let before = stat("tokenRequests").await;
    // Revoke the client's token behind its back: the next call gets a 401,
    // renews the token once and succeeds.
    ok(c.close()).await;
    assert!(stat("revocations").await >= 1.0);
    ok(c.get_maintenance_window(js(json!({ "groupId": GROUP })))).await;
    assert_eq!(stat("tokenRequests").await - before, 1.0);
    // Wrong credentials: a typed error that names neither id nor secret.
    let bad = AtlasClient::new(js(json!({ "baseUrl": BASE, "clientId": "mdb_sa_id_test", "clientSecret": "wrong-secret-xyz" }))).unwrap();
    let e = err(bad.get_maintenance_window(js(json!({ "groupId": GROUP })))).await;
    assert_eq!(name(&e), "AtlasApiError");
    assert_eq!(get(&e, "status").as_f64(), Some(401.0));
    assert!(!get(&e, "message")
        .as_string()
        .unwrap()
        .contains("wrong-secret-xyz"));
}

/// Hook callbacks kept alive for as long as the client uses them.
type Hooks = Vec<wasm_bindgen::closure::Closure<dyn FnMut(JsValue)>>;

fn hooked_client(retry: serde_json::Value) -> (AtlasClient, js_sys::Array, Hooks) {
    let events = js_sys::Array::new();
    let opts = js(json!({ "baseUrl": BASE, "token": "test-token", "retry": retry }));
    let mut keep = vec![];
    for hook in ["onRetry", "onRequest", "onResponse"] {
        let ev = events.clone();
        let tag = hook.to_owned();
        let cb = wasm_bindgen::closure::Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
            Reflect::set(&e, &"hook".into(), &JsValue::from_str(&tag)).unwrap();
            ev.push(&e);
        });
        Reflect::set(&opts, &JsValue::from_str(hook), cb.as_ref()).unwrap();
        keep.push(cb);
    }
    (AtlasClient::new(opts).unwrap(), events, keep)
}

fn hook_events(events: &js_sys::Array, hook: &str) -> Vec<JsValue> {
    events
        .iter()
        .filter(|e| get(e, "hook").as_string().as_deref() == Some(hook))
        .collect()
}

#[wasm_bindgen_test]
async fn get_is_retried_on_429_503_and_dropped_connections() {
    let (c, events, _keep) = hooked_client(json!({ "baseDelayMs": 1, "maxDelayMs": 20 }));
    for fault in ["429:0", "503", "drop"] {
        events.set_length(0);
        arm_fault_n(fault, "/maintenanceWindow", 2).await;
        let w = ok(c.get_maintenance_window(js(json!({ "groupId": GROUP })))).await;
        assert!(get(&w, "dayOfWeek").as_f64().is_some(), "{fault}");
        let retries = hook_events(&events, "onRetry");
        assert_eq!(retries.len(), 2, "{fault}");
        assert_eq!(get(&retries[1], "attempt").as_f64(), Some(2.0));
        let requests = hook_events(&events, "onRequest");
        assert_eq!(requests.len(), 3, "{fault}");
        let auth = get(&get(&requests[0], "headers"), "Authorization")
            .as_string()
            .unwrap();
        assert_eq!(auth, "Bearer [redacted]");
    }
    let responses = hook_events(&events, "onResponse");
    assert!(get(responses.last().unwrap(), "durationMs")
        .as_f64()
        .is_some());
    assert_eq!(
        get(responses.last().unwrap(), "status").as_f64(),
        Some(200.0)
    );
}

#[wasm_bindgen_test]
async fn post_is_not_retried_unless_asked() {
    let (c, events, _keep) = hooked_client(json!({ "baseDelayMs": 1 }));
    let body = json!({ "orgId": ORG, "body": { "desc": "retry test", "roles": ["ORG_MEMBER"] } });
    arm_fault_n("503", "/apiKeys", 1).await;
    let e = err(c.create_api_key(js(body.clone()))).await;
    assert_eq!(get(&e, "status").as_f64(), Some(503.0));
    assert!(hook_events(&events, "onRetry").is_empty());
    let (c, events, _keep) = hooked_client(json!({ "baseDelayMs": 1, "retryWrites": true }));
    arm_fault_n("503", "/apiKeys", 1).await;
    let key = ok(c.create_api_key(js(body))).await;
    assert!(get(&key, "privateKey").as_string().is_some());
    assert_eq!(hook_events(&events, "onRetry").len(), 1);
    // Retrying stops after maxRetries.
    let (c, _events, _keep) = hooked_client(json!({ "baseDelayMs": 1, "maxRetries": 1 }));
    arm_fault_n("503", "/maintenanceWindow", 3).await;
    let e = err(c.get_maintenance_window(js(json!({ "groupId": GROUP })))).await;
    assert_eq!(get(&e, "status").as_f64(), Some(503.0));
    clear_faults().await;
}

#[wasm_bindgen_test]
async fn timeouts_with_get_and_post() {
    let c = client();
    arm_fault("delay:1500", "/apiKeys").await;
    let e = err(c.create_api_key(js(json!({ "orgId": ORG, "timeoutMs": 100, "body": { "desc": "slow", "roles": ["ORG_MEMBER"] } })))).await;
    assert_eq!(name(&e), "AtlasTimeoutError");
    assert_eq!(get(&e, "timeoutMs").as_f64(), Some(100.0));
    let slow = AtlasClient::new(js(
        json!({ "baseUrl": BASE, "token": "test-token", "timeoutMs": 100 }),
    ))
    .unwrap();
    arm_fault("delay:1500", "/maintenanceWindow").await;
    let e = err(slow.get_maintenance_window(js(json!({ "groupId": GROUP })))).await;
    assert_eq!(name(&e), "AtlasTimeoutError");
}

/// Drains a listing iterator by calling `next()` until done.
async fn drain(it: &atlas_admin_wasm::wasm::ProjectIterator) -> Vec<JsValue> {
    let mut out = vec![];
    loop {
        let step = ok(it.next()).await;
        if get(&step, "done").as_bool() == Some(true) {
            return out;
        }
        out.push(get(&step, "value"));
    }
}

#[wasm_bindgen_test]
async fn list_all_projects_in_order_with_concurrency_1_and_4() {
    let c = client();
    let total = get(&seed().await, "projectCount").as_f64().unwrap() as usize;
    for concurrency in [1, 4] {
        let progress = js_sys::Array::new();
        let p2 = progress.clone();
        let cb = wasm_bindgen::closure::Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
            p2.push(&e);
        });
        let opts = js(json!({ "itemsPerPage": 100, "concurrency": concurrency }));
        Reflect::set(&opts, &"onProgress".into(), cb.as_ref()).unwrap();
        let it = c.list_projects_all(opts).unwrap();
        let items = drain(&it).await;
        assert_eq!(items.len(), total, "concurrency {concurrency}");
        let ids: std::collections::HashSet<String> = items
            .iter()
            .map(|p| get(p, "id").as_string().unwrap())
            .collect();
        assert_eq!(ids.len(), total, "no project repeated");
        for (i, p) in items.iter().enumerate() {
            assert_eq!(
                get(p, "name").as_string().unwrap(),
                format!("Project {i}"),
                "in order"
            );
        }
        let last = progress.get(progress.length() - 1);
        assert_eq!(get(&last, "itemsDone").as_f64(), Some(total as f64));
        assert_eq!(
            get(&last, "pagesDone").as_f64(),
            Some(total.div_ceil(100) as f64)
        );
        assert!(get(&last, "totalEstimate").as_f64().is_some());
    }
    let pages = drain(
        &c.list_projects_pages(js(json!({ "itemsPerPage": 500 })))
            .unwrap(),
    )
    .await;
    assert_eq!(pages.len(), total.div_ceil(500));
    let e = c
        .list_projects_all(js(json!({ "concurrency": 0 })))
        .err()
        .unwrap();
    assert_eq!(name(&e), "AtlasValidationError");
}

#[wasm_bindgen_test]
async fn abort_in_the_middle_of_a_listing() {
    let c = client();
    let ctl = web_sys::AbortController::new().unwrap();
    let opts = js(json!({ "itemsPerPage": 10, "concurrency": 2 }));
    Reflect::set(&opts, &"signal".into(), &ctl.signal()).unwrap();
    let it = c.list_projects_pages(opts).unwrap();
    ok(it.next()).await;
    ok(it.next()).await;
    ctl.abort_with_reason(&JsValue::from_str("stop"));
    let e = err(it.next()).await;
    assert_eq!(name(&e), "AtlasAbortError");
    let step = ok(it.next()).await;
    assert_eq!(get(&step, "done").as_bool(), Some(true));
    // Breaking out early (return) ends the listing too.
    let it = c
        .list_projects_all(js(json!({ "itemsPerPage": 5 })))
        .unwrap();
    ok(it.next()).await;
    ok(it.finish()).await;
    assert_eq!(get(&ok(it.next()).await, "done").as_bool(), Some(true));
}

async fn arm_fault_n(fault: &str, path: &str, count: u32) {
    let init = js(json!({
        "method": "POST",
        "headers": { "Content-Type": "application/json" },
        "body": json!({ "fault": fault, "count": count, "pathContains": path }).to_string(),
    }));
    let res = JsFuture::from(fetch_with(&format!("{BASE}/__mock/faults"), &init))
        .await
        .unwrap();
    let res: web_sys::Response = res.dyn_into().unwrap();
    assert!(res.ok(), "arming fault {fault} failed");
}

async fn clear_faults() {
    let init = js(json!({ "method": "DELETE" }));
    JsFuture::from(fetch_with(&format!("{BASE}/__mock/faults"), &init))
        .await
        .unwrap();
}
