#![allow(dead_code)]

use atlas_mock::{start, Config, Running};
use reqwest::{Client, Method, RequestBuilder, Response};
use serde_json::Value;

pub const V1: &str = "application/vnd.atlas.2023-01-01+json";
pub const V_IDP: &str = "application/vnd.atlas.2023-11-15+json";
pub const V_POLICY: &str = "application/vnd.atlas.2024-08-05+json";
pub const PREVIEW: &str = "application/vnd.atlas.preview+json";
pub const TOKEN: &str = "test-token";

pub const ORG: &str = "4888442a3354817a7320eb61";
pub const GROUP: &str = "32b6e34b3d91647abb20e7b8";
pub const SNAPSHOT: &str = "5f4007f327a3bd7b6f4103c5";
pub const SEARCH_INDEX: &str = "6524ed3e5e8b1a4f7f123abc";
pub const VECTOR_INDEX: &str = "6524ed3e5e8b1a4f7f123abd";
pub const LOCKED_INDEX: &str = "6524ed3e5e8b1a4f7f123abe";
pub const BUCKET: &str = "32b6e34b3d91647abb20e7b9";
pub const FED: &str = "55fa922fb343282757d9554e";
pub const IDP: &str = "32b6e34b3d91647abb20e7c0";

pub struct Mock {
    pub base: String,
    pub client: Client,
    pub running: Running,
}

pub fn quiet_config() -> Config {
    Config {
        port: 0,
        log_requests: false,
        ..Config::default()
    }
}

pub async fn mock() -> Mock {
    mock_with(quiet_config()).await
}

pub async fn mock_with(config: Config) -> Mock {
    let running = start(config).await.expect("mock starts");
    Mock {
        base: running.base_url(),
        client: Client::new(),
        running,
    }
}

impl Mock {
    pub fn url(&self, path: &str) -> String {
        if path.starts_with("/__mock") || path.starts_with("/api/oauth") || path.starts_with("/pkg")
        {
            format!("{}{}", self.base, path)
        } else if path.starts_with('/') && !path.starts_with("/api/") {
            format!("{}/api/atlas/v2{}", self.base, path)
        } else {
            format!("{}{}", self.base, path)
        }
    }

    /// An authorised request with the given Accept.
    pub fn req(&self, method: Method, path: &str, accept: &str) -> RequestBuilder {
        self.client
            .request(method, self.url(path))
            .header("Authorization", format!("Bearer {TOKEN}"))
            .header("Accept", accept)
    }

    pub async fn get(&self, path: &str, accept: &str) -> Response {
        self.req(Method::GET, path, accept)
            .send()
            .await
            .expect("send")
    }

    pub async fn send_json(
        &self,
        method: Method,
        path: &str,
        accept: &str,
        body: &Value,
    ) -> Response {
        self.req(method, path, accept)
            .header("Content-Type", accept)
            .body(body.to_string())
            .send()
            .await
            .expect("send")
    }

    pub async fn control(&self, method: Method, path: &str, body: Option<Value>) -> Response {
        let mut r = self.client.request(method, self.url(path));
        if let Some(b) = body {
            r = r
                .header("Content-Type", "application/json")
                .body(b.to_string());
        }
        r.send().await.expect("send")
    }

    pub async fn stats(&self) -> Value {
        self.control(Method::GET, "/__mock/stats", None)
            .await
            .json()
            .await
            .expect("stats json")
    }
}

pub fn content_type(r: &Response) -> String {
    r.headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string()
}

pub fn header(r: &Response, name: &str) -> Option<String> {
    r.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

pub async fn json(r: Response) -> Value {
    let text = r.text().await.expect("body");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

/// Asserts an ApiError answer and returns its body.
pub async fn api_error(r: Response, status: u16, code: &str) -> Value {
    assert_eq!(r.status().as_u16(), status, "status");
    assert_eq!(content_type(&r), "application/json");
    let v = json(r).await;
    assert_eq!(v["error"], status, "{v}");
    assert_eq!(v["errorCode"], code, "{v}");
    assert!(v["detail"].is_string(), "{v}");
    assert!(v["reason"].is_string(), "{v}");
    assert!(v["parameters"].is_array(), "{v}");
    v
}

/// Asserts a 400 VALIDATION_ERROR naming `field` in badRequestDetail.
pub async fn validation_error(r: Response, field: &str) -> Value {
    let v = api_error(r, 400, "VALIDATION_ERROR").await;
    let fields = v["badRequestDetail"]["fields"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(
        fields
            .iter()
            .any(|f| f["field"] == field && f["description"].is_string()),
        "no violation for {field}: {v}"
    );
    v
}
