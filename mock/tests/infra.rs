//! Auth, versions, OAuth, faults, CORS, control endpoints, static files and the binary.

mod common;

use std::time::{Duration, Instant};

use atlas_mock::{Config, SeedKind};
use common::*;
use reqwest::Method;
use serde_json::{json, Value};

#[tokio::test]
async fn unauthorized_without_valid_token() {
    let m = mock().await;
    let r = m
        .client
        .get(m.url("/groups"))
        .header("Accept", V1)
        .send()
        .await
        .expect("send");
    assert!(header(&r, "www-authenticate").is_some());
    api_error(r, 401, "UNAUTHORIZED").await;
    let r = m
        .client
        .get(m.url("/groups"))
        .header("Accept", V1)
        .header("Authorization", "Bearer wrong")
        .send()
        .await
        .expect("send");
    api_error(r, 401, "UNAUTHORIZED").await;
}

#[tokio::test]
async fn version_negotiation() {
    let m = mock().await;
    let no_accept = m
        .client
        .get(m.url("/groups"))
        .header("Authorization", format!("Bearer {TOKEN}"))
        .send()
        .await
        .expect("send");
    api_error(no_accept, 406, "INVALID_VERSION_DATE").await;
    api_error(m.get("/groups", "*/*").await, 406, "INVALID_VERSION_DATE").await;
    api_error(
        m.get("/groups", "application/json").await,
        406,
        "INVALID_VERSION_DATE",
    )
    .await;
    api_error(
        m.get("/groups", "application/vnd.atlas.2024-08-05+json")
            .await,
        406,
        "INVALID_VERSION_DATE",
    )
    .await;
    api_error(
        m.get("/groups", "application/vnd.atlas.2022-01-01+json")
            .await,
        410,
        "VERSION_GONE",
    )
    .await;
    // A list with one supported entry is fine, as are parameters.
    let r = m
        .get(
            "/groups",
            "application/json, application/vnd.atlas.2023-01-01+json;q=0.9",
        )
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(content_type(&r), V1);
}

#[tokio::test]
async fn unknown_routes_and_methods() {
    let m = mock().await;
    api_error(m.get("/nothing/here", V1).await, 404, "RESOURCE_NOT_FOUND").await;
    api_error(
        m.client
            .get(format!("{}/elsewhere", m.base))
            .send()
            .await
            .expect("send"),
        404,
        "RESOURCE_NOT_FOUND",
    )
    .await;
    let r = m
        .req(Method::DELETE, "/groups", V1)
        .send()
        .await
        .expect("send");
    assert_eq!(header(&r, "allow").as_deref(), Some("GET"));
    api_error(r, 405, "METHOD_NOT_ALLOWED").await;
}

async fn get_token(m: &Mock, id: &str, secret: &str) -> reqwest::Response {
    m.client
        .post(m.url("/api/oauth/token"))
        .basic_auth(id, Some(secret))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("grant_type=client_credentials")
        .send()
        .await
        .expect("send")
}

async fn with_bearer(m: &Mock, token: &str) -> u16 {
    m.client
        .get(m.url("/groups?itemsPerPage=1"))
        .header("Accept", V1)
        .header("Authorization", format!("Bearer {token}"))
        .send()
        .await
        .expect("send")
        .status()
        .as_u16()
}

#[tokio::test]
async fn oauth_issue_use_revoke() {
    let m = mock().await;
    let r = get_token(&m, "mdb_sa_id_test", "mdb_sa_sk_test").await;
    assert_eq!(r.status(), 200);
    let v = json(r).await;
    assert_eq!(v["token_type"], "Bearer");
    assert_eq!(v["expires_in"], 3600);
    let tok = v["access_token"].as_str().expect("token").to_string();
    assert_eq!(with_bearer(&m, &tok).await, 200);

    let r = get_token(&m, "mdb_sa_id_test", "wrong").await;
    assert_eq!(r.status(), 401);
    assert_eq!(json(r).await["error"], "invalid_client");
    let r = m
        .client
        .post(m.url("/api/oauth/token"))
        .basic_auth("mdb_sa_id_test", Some("mdb_sa_sk_test"))
        .body("grant_type=password")
        .send()
        .await
        .expect("send");
    assert_eq!(r.status(), 400);
    assert_eq!(json(r).await["error"], "unsupported_grant_type");

    let r = m
        .client
        .post(m.url("/api/oauth/revoke"))
        .basic_auth("mdb_sa_id_test", Some("mdb_sa_sk_test"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(format!("token={tok}"))
        .send()
        .await
        .expect("send");
    assert_eq!(r.status(), 200);
    assert_eq!(with_bearer(&m, &tok).await, 401);

    let s = m.stats().await;
    assert_eq!(s["tokenRequests"], 3);
    assert_eq!(s["revocations"], 1);
}

#[tokio::test]
async fn oauth_tokens_expire() {
    let m = mock_with(Config {
        token_ttl_secs: 1,
        ..quiet_config()
    })
    .await;
    let v = json(get_token(&m, "mdb_sa_id_test", "mdb_sa_sk_test").await).await;
    assert_eq!(v["expires_in"], 1);
    let tok = v["access_token"].as_str().expect("token").to_string();
    assert_eq!(with_bearer(&m, &tok).await, 200);
    tokio::time::sleep(Duration::from_millis(1200)).await;
    assert_eq!(with_bearer(&m, &tok).await, 401);
}

#[tokio::test]
async fn rate_limit_counts_down_then_429() {
    let m = mock_with(Config {
        rate_limit: 3,
        ..quiet_config()
    })
    .await;
    let mut remaining = Vec::new();
    for _ in 0..3 {
        let r = m.get("/groups?itemsPerPage=1", V1).await;
        assert_eq!(r.status(), 200);
        assert_eq!(header(&r, "ratelimit-limit").as_deref(), Some("3"));
        remaining.push(header(&r, "ratelimit-remaining").unwrap_or_default());
    }
    assert_eq!(remaining, vec!["2", "1", "0"]);
    let r = m.get("/groups?itemsPerPage=1", V1).await;
    assert!(header(&r, "retry-after").is_some_and(|s| s.parse::<u64>().unwrap_or(0) >= 1));
    api_error(r, 429, "RATE_LIMITED").await;
}

async fn fault(m: &Mock, name: &str) -> reqwest::Response {
    m.req(Method::GET, "/groups?itemsPerPage=3", V1)
        .header("X-Mock-Fault", name)
        .send()
        .await
        .expect("send")
}

#[tokio::test]
async fn faults_by_header() {
    let m = mock().await;
    let r = fault(&m, "429").await;
    assert_eq!(header(&r, "retry-after").as_deref(), Some("1"));
    api_error(r, 429, "RATE_LIMITED").await;
    let r = fault(&m, "429:0").await;
    assert_eq!(header(&r, "retry-after").as_deref(), Some("0"));
    for (name, code) in [
        ("500", "UNEXPECTED_ERROR"),
        ("502", "BAD_GATEWAY"),
        ("503", "SERVICE_UNAVAILABLE"),
        ("504", "GATEWAY_TIMEOUT"),
    ] {
        api_error(fault(&m, name).await, name.parse().unwrap_or(0), code).await;
    }

    let t = Instant::now();
    let r = fault(&m, "delay:300").await;
    assert_eq!(r.status(), 200);
    assert!(t.elapsed() >= Duration::from_millis(300));
    assert_eq!(json(r).await["results"].as_array().map(Vec::len), Some(3));

    let r = fault(&m, "drop").await;
    assert_eq!(r.status(), 200);
    assert!(r.text().await.is_err(), "the body must fail mid-way");

    let r = fault(&m, "truncate").await;
    assert_eq!(r.status(), 200);
    assert_eq!(content_type(&r), V1);
    let text = r.text().await.expect("complete body");
    assert!(text.starts_with('{') && serde_json::from_str::<Value>(&text).is_err());

    let r = fault(&m, "nonjson").await;
    assert_eq!(r.status(), 200);
    assert!(content_type(&r).starts_with("text/plain"));
    assert!(serde_json::from_str::<Value>(&r.text().await.expect("text")).is_err());

    let r = fault(&m, "html").await;
    assert_eq!(r.status(), 502);
    assert!(content_type(&r).starts_with("text/html"));
    assert!(r.text().await.expect("text").contains("<html>"));

    let r = fault(&m, "large:2").await;
    assert_eq!(r.status(), 200);
    let text = r.text().await.expect("text");
    assert!(text.len() >= 2 * 1024 * 1024);
    assert!(serde_json::from_str::<Value>(&text).is_ok());

    let r = fault(&m, "hang").await;
    assert_eq!(r.status(), 200);
    let body = tokio::time::timeout(Duration::from_millis(500), r.text()).await;
    assert!(body.is_err(), "the body never finishes");

    api_error(fault(&m, "teapot").await, 400, "INVALID_MOCK_FAULT").await;

    // Faults are answered with CORS headers too.
    let r = m
        .req(Method::GET, "/groups", V1)
        .header("Origin", "http://localhost:8000")
        .header("X-Mock-Fault", "503")
        .send()
        .await
        .expect("send");
    assert_eq!(
        header(&r, "access-control-allow-origin").as_deref(),
        Some("*")
    );
    let s = m.stats().await;
    assert!(s["faultsInjected"].as_u64().unwrap_or(0) >= 13, "{s}");
}

#[tokio::test]
async fn armed_faults_with_count_and_path() {
    let m = mock().await;
    let r = m
        .control(
            Method::POST,
            "/__mock/faults",
            Some(json!({"fault": "503", "count": 2, "pathContains": "/pipelines"})),
        )
        .await;
    assert_eq!(r.status(), 200);
    // Other paths are untouched.
    assert_eq!(m.get("/groups?itemsPerPage=1", V1).await.status(), 200);
    let p = format!("/groups/{GROUP}/pipelines");
    assert_eq!(m.get(&p, V1).await.status(), 503);
    assert_eq!(m.get(&p, V1).await.status(), 503);
    assert_eq!(m.get(&p, V1).await.status(), 200);

    m.control(
        Method::POST,
        "/__mock/faults",
        Some(json!({"fault": "500", "count": 5})),
    )
    .await;
    assert_eq!(m.get(&p, V1).await.status(), 500);
    let r = m.control(Method::DELETE, "/__mock/faults", None).await;
    assert_eq!(json(r).await["cleared"], 1);
    assert_eq!(m.get(&p, V1).await.status(), 200);

    let r = m
        .control(
            Method::POST,
            "/__mock/faults",
            Some(json!({"fault": "bogus"})),
        )
        .await;
    assert_eq!(r.status(), 400);
}

#[tokio::test]
async fn cors_preflight_and_error_headers() {
    let m = mock().await;
    let r = m
        .client
        .request(Method::OPTIONS, m.url("/groups"))
        .header("Origin", "http://localhost:8000")
        .header("Access-Control-Request-Method", "PATCH")
        .header(
            "Access-Control-Request-Headers",
            "authorization,content-type,x-mock-fault,x-atlas-client",
        )
        .send()
        .await
        .expect("send");
    assert!(r.status().is_success());
    assert_eq!(
        header(&r, "access-control-allow-origin").as_deref(),
        Some("*")
    );
    let methods = header(&r, "access-control-allow-methods").unwrap_or_default();
    for verb in ["GET", "POST", "PATCH", "DELETE", "OPTIONS"] {
        assert!(methods.contains(verb), "{methods}");
    }
    let allowed = header(&r, "access-control-allow-headers")
        .unwrap_or_default()
        .to_lowercase();
    for h in [
        "authorization",
        "content-type",
        "accept",
        "x-mock-fault",
        "user-agent",
        "x-atlas-client",
    ] {
        assert!(allowed.contains(h), "{allowed}");
    }
    // Errors carry CORS and exposed headers.
    let r = m
        .client
        .get(m.url("/groups"))
        .header("Origin", "http://localhost:8000")
        .send()
        .await
        .expect("send");
    assert_eq!(r.status(), 401);
    assert_eq!(
        header(&r, "access-control-allow-origin").as_deref(),
        Some("*")
    );
    let exposed = header(&r, "access-control-expose-headers")
        .unwrap_or_default()
        .to_lowercase();
    for h in [
        "ratelimit-limit",
        "ratelimit-remaining",
        "retry-after",
        "content-type",
    ] {
        assert!(exposed.contains(h), "{exposed}");
    }
}

#[tokio::test]
async fn control_endpoints_stats_seed_reset() {
    let m = mock().await;
    let health = m.control(Method::GET, "/__mock/health", None).await;
    assert_eq!(health.status(), 200);
    let seed = json(m.control(Method::GET, "/__mock/seed", None).await).await;
    assert_eq!(seed["orgId"], ORG);
    assert_eq!(seed["groupId"], GROUP);
    assert_eq!(seed["clusterName"], "Cluster0");
    assert_eq!(seed["snapshotId"], SNAPSHOT);
    assert_eq!(seed["searchIndexId"], SEARCH_INDEX);
    assert_eq!(seed["vectorSearchIndexId"], VECTOR_INDEX);
    assert_eq!(seed["exportBucketId"], BUCKET);
    assert_eq!(seed["federationSettingsId"], FED);
    assert_eq!(seed["identityProviderId"], IDP);
    assert_eq!(seed["tenantName"], "tenant0");
    assert_eq!(seed["username"], "alice");
    assert_eq!(seed["projectCount"], 1234);

    let bucket = format!("/groups/{GROUP}/backup/exportBuckets/{BUCKET}");
    assert_eq!(
        m.req(Method::DELETE, &bucket, V1)
            .send()
            .await
            .expect("send")
            .status(),
        204
    );
    m.get("/groups", V1).await;
    m.get("/nowhere", V1).await;
    let s = m.stats().await;
    assert_eq!(s["requests"], 3);
    assert_eq!(s["byOperation"]["deleteExportBucket"], 1);
    assert_eq!(s["byOperation"]["listProjects"], 1);

    let r = m.control(Method::POST, "/__mock/reset", None).await;
    assert_eq!(r.status(), 200);
    assert_eq!(m.stats().await["requests"], 0);
    assert_eq!(
        m.req(Method::DELETE, &bucket, V1)
            .send()
            .await
            .expect("send")
            .status(),
        204
    );
}

#[tokio::test]
async fn small_and_empty_seeds() {
    let m = mock_with(Config {
        seed: SeedKind::Small,
        ..quiet_config()
    })
    .await;
    let v = json(m.get("/groups", V1).await).await;
    assert_eq!(v["totalCount"], 5);
    assert_eq!(v["results"][0]["id"], GROUP);
    let m = mock_with(Config {
        seed: SeedKind::Empty,
        ..quiet_config()
    })
    .await;
    let v = json(m.get("/groups", V1).await).await;
    assert_eq!(v["totalCount"], 0);
    assert_eq!(
        json(m.control(Method::GET, "/__mock/seed", None).await).await["projectCount"],
        0
    );
}

#[tokio::test]
async fn latency_is_added() {
    let m = mock_with(Config {
        latency_ms: 250,
        ..quiet_config()
    })
    .await;
    let t = Instant::now();
    assert_eq!(m.get("/groups?itemsPerPage=1", V1).await.status(), 200);
    assert!(t.elapsed() >= Duration::from_millis(250));
}

#[tokio::test]
async fn static_and_pkg_dirs() {
    let root = std::env::temp_dir().join(format!("atlas-mock-static-{}", std::process::id()));
    let pkg = root.join("pkg-out");
    std::fs::create_dir_all(&pkg).expect("mkdir");
    std::fs::write(
        root.join("index.html"),
        "<!doctype html><title>demo</title>",
    )
    .expect("write");
    std::fs::write(pkg.join("client_bg.wasm"), b"\0asm\x01\0\0\0").expect("write");
    std::fs::write(pkg.join("client.js"), "export default 1;").expect("write");
    let m = mock_with(Config {
        static_dir: Some(root.clone()),
        pkg_dir: Some(pkg.clone()),
        ..quiet_config()
    })
    .await;
    let r = m
        .client
        .get(format!("{}/", m.base))
        .send()
        .await
        .expect("send");
    assert_eq!(r.status(), 200);
    assert!(content_type(&r).starts_with("text/html"));
    let r = m
        .client
        .get(format!("{}/pkg/client_bg.wasm", m.base))
        .send()
        .await
        .expect("send");
    assert_eq!(r.status(), 200);
    assert_eq!(content_type(&r), "application/wasm");
    let r = m
        .client
        .get(format!("{}/pkg/client.js", m.base))
        .send()
        .await
        .expect("send");
    assert_eq!(r.status(), 200);
    assert!(content_type(&r).starts_with("text/javascript"));
    // The API still answers under /api.
    assert_eq!(m.get("/groups?itemsPerPage=1", V1).await.status(), 200);
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn binary_prints_ready_line() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_atlas-mock"))
        .args(["--port", "0", "--seed", "small"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let stdout = child.stdout.take().expect("stdout");
    let mut line = String::new();
    let read = BufReader::new(stdout).read_line(&mut line);
    let _ = child.kill();
    let _ = child.wait();
    read.expect("read line");
    let line = line.trim_end();
    let rest = line
        .strip_prefix("atlas-mock listening on http://127.0.0.1:")
        .unwrap_or_else(|| panic!("{line}"));
    assert!(rest.parse::<u16>().is_ok_and(|p| p > 0), "{line}");
}
