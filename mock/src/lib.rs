//! `atlas-mock`: a local, stateful stand-in for the MongoDB Atlas Administration
//! API v2 (the 12 seed operations), with service-account tokens, fault injection
//! and control endpoints for tests and the demo.
//!
//! Start it in-process with [`start`] (port 0 picks a free port) or run the
//! `atlas-mock` binary.

use std::collections::{BTreeMap, HashMap};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use axum::extract::{Request, State};
use axum::http::{header, HeaderName, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{any, get, post};
use axum::Router;
use serde_json::{json, Value};
use tokio::sync::oneshot;
use tower_http::cors::{Any, CorsLayer};
use tower_http::services::ServeDir;

mod api;
mod faults;
mod oauth;
mod state;
mod util;
mod validate;

pub use faults::Fault;
pub use state::SeedKind;

use faults::ArmedFault;
use state::World;
use util::{error_response, json_response, ApiError, Render, JSON};

/// Everything that can be set from the command line.
#[derive(Debug, Clone)]
pub struct Config {
    pub host: String,
    pub port: u16,
    pub seed: SeedKind,
    /// The static bearer token that is always accepted.
    pub token: String,
    pub client_id: String,
    pub client_secret: String,
    pub token_ttl_secs: u64,
    pub static_dir: Option<PathBuf>,
    pub pkg_dir: Option<PathBuf>,
    /// Added before every API answer.
    pub latency_ms: u64,
    /// Requests per minute per token (token bucket); 0 turns limiting off.
    pub rate_limit: u32,
    /// Log one line per request to stderr.
    pub log_requests: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            host: "127.0.0.1".to_string(),
            port: 8787,
            seed: SeedKind::Default,
            token: "test-token".to_string(),
            client_id: "mdb_sa_id_test".to_string(),
            client_secret: "mdb_sa_sk_test".to_string(),
            token_ttl_secs: 3600,
            static_dir: None,
            pkg_dir: None,
            latency_ms: 0,
            rate_limit: 100,
            log_requests: true,
        }
    }
}

#[derive(Debug, Default, Clone)]
pub(crate) struct Stats {
    pub requests: u64,
    pub token_requests: u64,
    pub tokens_issued: u64,
    pub revocations: u64,
    pub faults_injected: u64,
    pub by_operation: BTreeMap<String, u64>,
    pub by_status: BTreeMap<String, u64>,
}

#[derive(Debug, Clone)]
pub(crate) struct Bucket {
    pub tokens: f64,
    pub last: Instant,
}

/// Mutable bookkeeping that is not API state.
#[derive(Debug, Default)]
pub(crate) struct Runtime {
    pub stats: Stats,
    pub faults: Vec<ArmedFault>,
    /// Live OAuth access tokens and when they expire.
    pub tokens: HashMap<String, Instant>,
    pub buckets: HashMap<String, Bucket>,
}

pub(crate) struct Shared {
    pub config: Config,
    pub world: Mutex<World>,
    pub runtime: Mutex<Runtime>,
}

#[derive(Clone)]
pub(crate) struct AppState(pub Arc<Shared>);

impl AppState {
    pub fn world(&self) -> MutexGuard<'_, World> {
        self.0.world.lock().unwrap_or_else(|e| e.into_inner())
    }
    pub fn runtime(&self) -> MutexGuard<'_, Runtime> {
        self.0.runtime.lock().unwrap_or_else(|e| e.into_inner())
    }
    pub fn config(&self) -> &Config {
        &self.0.config
    }
}

/// Builds the whole application (API, OAuth, control endpoints, static files, CORS).
pub fn router(config: Config) -> Router {
    let static_dir = config.static_dir.clone();
    let pkg_dir = config.pkg_dir.clone();
    let log = config.log_requests;
    let state = AppState(Arc::new(Shared {
        world: Mutex::new(World::seed(config.seed)),
        runtime: Mutex::new(Runtime::default()),
        config,
    }));

    let mut app = Router::new()
        .route("/api", any(api::entry))
        .route("/api/", any(api::entry))
        .route("/api/{*rest}", any(api::entry))
        .route("/__mock/health", get(health))
        .route("/__mock/seed", get(seed_info))
        .route("/__mock/stats", get(stats))
        .route("/__mock/reset", post(reset))
        .route(
            "/__mock/faults",
            get(list_faults).post(arm_fault).delete(clear_faults),
        )
        .route("/__mock", any(control_not_found))
        .route("/__mock/{*rest}", any(control_not_found));
    if let Some(dir) = pkg_dir {
        app = app.nest_service("/pkg", ServeDir::new(dir));
    }
    app = match static_dir {
        Some(dir) => {
            app.fallback_service(ServeDir::new(dir).append_index_html_on_directories(true))
        }
        None => app.fallback(not_found),
    };
    let mut app = app.with_state(state).layer(cors());
    if log {
        app = app.layer(middleware::from_fn(log_request));
    }
    app
}

fn cors() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([
            Method::GET,
            Method::POST,
            Method::PATCH,
            Method::DELETE,
            Method::OPTIONS,
        ])
        .allow_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            header::ACCEPT,
            header::USER_AGENT,
            HeaderName::from_static("x-mock-fault"),
            HeaderName::from_static("x-mock-conflict"),
            HeaderName::from_static("x-atlas-client"),
        ])
        .expose_headers([
            HeaderName::from_static("ratelimit-limit"),
            HeaderName::from_static("ratelimit-remaining"),
            header::RETRY_AFTER,
            header::CONTENT_TYPE,
        ])
        .max_age(Duration::from_secs(600))
}

/// One stderr line per request: method, path (no query) and status. Headers,
/// tokens and bodies are never logged.
async fn log_request(req: Request, next: Next) -> Response {
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    let resp = next.run(req).await;
    eprintln!("{} {} {}", method, path, resp.status().as_u16());
    resp
}

fn control_json(status: StatusCode, v: Value) -> Response {
    json_response(status, Some(v), JSON, Render::default(), &[])
}

async fn not_found(req: Request) -> Response {
    let path = req.uri().path().to_string();
    let err = ApiError::new(
        StatusCode::NOT_FOUND,
        "RESOURCE_NOT_FOUND",
        format!("No resource is served at {path}."),
    )
    .params(vec![json!(path)]);
    error_response(&err, Render::default(), &[])
}

async fn control_not_found(req: Request) -> Response {
    not_found(req).await
}

async fn health() -> Response {
    control_json(StatusCode::OK, json!({"status": "ok"}))
}

pub(crate) fn seed_view(seed: SeedKind) -> Value {
    json!({
        "orgId": state::ORG_ID,
        "groupId": state::GROUP_ID,
        "clusterName": state::CLUSTER_NAME,
        "snapshotId": state::SNAPSHOT_ID,
        "searchIndexId": state::SEARCH_INDEX_ID,
        "vectorSearchIndexId": state::VECTOR_INDEX_ID,
        "lockedSearchIndexId": state::LOCKED_INDEX_ID,
        "exportBucketId": state::EXPORT_BUCKET_ID,
        "exportBucketIds": state::EXPORT_BUCKET_IDS,
        "federationSettingsId": state::FEDERATION_SETTINGS_ID,
        "identityProviderId": state::IDENTITY_PROVIDER_ID,
        "identityProviderIds": state::IDENTITY_PROVIDER_IDS,
        "tenantName": state::TENANT_NAME,
        "limitNames": state::LIMIT_NAMES,
        "username": state::USERNAME,
        "missingUsername": state::MISSING_USER,
        "conflictUsername": state::CONFLICT_USER,
        "projectCount": seed.project_count(),
    })
}

async fn seed_info(State(app): State<AppState>) -> Response {
    control_json(StatusCode::OK, seed_view(app.config().seed))
}

async fn stats(State(app): State<AppState>) -> Response {
    let now = Instant::now();
    let rt = app.runtime();
    let s = &rt.stats;
    let live = rt.tokens.values().filter(|exp| **exp > now).count();
    control_json(
        StatusCode::OK,
        json!({
            "requests": s.requests,
            "tokenRequests": s.token_requests,
            "tokensIssued": s.tokens_issued,
            "liveTokens": live,
            "revocations": s.revocations,
            "faultsInjected": s.faults_injected,
            "byOperation": s.by_operation,
            "byStatus": s.by_status,
            "armedFaults": rt.faults.iter().map(ArmedFault::view).collect::<Vec<_>>(),
        }),
    )
}

async fn reset(State(app): State<AppState>) -> Response {
    let fresh = World::seed(app.config().seed);
    *app.world() = fresh;
    {
        let mut rt = app.runtime();
        rt.stats = Stats::default();
        rt.faults.clear();
        rt.buckets.clear();
    }
    control_json(
        StatusCode::OK,
        json!({"reset": true, "seed": seed_view(app.config().seed)}),
    )
}

async fn list_faults(State(app): State<AppState>) -> Response {
    let rt = app.runtime();
    let list: Vec<Value> = rt.faults.iter().map(ArmedFault::view).collect();
    control_json(StatusCode::OK, json!({ "faults": list }))
}

async fn arm_fault(State(app): State<AppState>, body: axum::body::Bytes) -> Response {
    let bad = |field: &str, msg: String| {
        error_response(&ApiError::invalid(field, msg), Render::default(), &[])
    };
    let v: Value = match serde_json::from_slice(&body) {
        Ok(v) => v,
        Err(e) => {
            return error_response(
                &ApiError::malformed(format!("The body is not valid JSON: {e}")),
                Render::default(),
                &[],
            )
        }
    };
    let Some(spec) = v.get("fault").and_then(Value::as_str) else {
        return bad("fault", "required string".to_string());
    };
    let fault = match Fault::parse(spec) {
        Ok(f) => f,
        Err(msg) => return bad("fault", msg),
    };
    let count = match v.get("count") {
        None | Some(Value::Null) => 1,
        Some(c) => match c.as_u64() {
            Some(n) if n >= 1 => n,
            _ => return bad("count", "must be a whole number of at least 1".to_string()),
        },
    };
    let path_contains = match v.get("pathContains") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if !s.is_empty() => Some(s.clone()),
        Some(Value::String(_)) => None,
        Some(_) => return bad("pathContains", "must be a string".to_string()),
    };
    let armed = ArmedFault {
        spec: spec.to_string(),
        fault,
        remaining: count,
        path_contains,
    };
    let view = armed.view();
    let mut rt = app.runtime();
    rt.faults.push(armed);
    let all: Vec<Value> = rt.faults.iter().map(ArmedFault::view).collect();
    control_json(StatusCode::OK, json!({"armed": view, "faults": all}))
}

async fn clear_faults(State(app): State<AppState>) -> Response {
    let n = {
        let mut rt = app.runtime();
        let n = rt.faults.len();
        rt.faults.clear();
        n
    };
    control_json(StatusCode::OK, json!({"cleared": n}))
}

/// A running mock: its address, and a way to stop it.
pub struct Running {
    pub addr: SocketAddr,
    shutdown: Option<oneshot::Sender<()>>,
    pub handle: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl Running {
    /// `http://HOST:PORT`
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops accepting connections and waits for the server task.
    pub async fn stop(mut self) -> std::io::Result<()> {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        match self.handle.await {
            Ok(r) => r,
            Err(e) => Err(std::io::Error::other(e)),
        }
    }
}

/// Binds the listener and serves in a background task. Returns once the
/// socket is bound, so the address is ready to use.
pub async fn start(config: Config) -> std::io::Result<Running> {
    let listener = tokio::net::TcpListener::bind((config.host.as_str(), config.port)).await?;
    let addr = listener.local_addr()?;
    let app = router(config);
    let (tx, rx) = oneshot::channel::<()>();
    let handle = tokio::spawn(async move {
        axum::serve(listener, app)
            .with_graceful_shutdown(async move {
                let _ = rx.await;
            })
            .await
    });
    Ok(Running {
        addr,
        shutdown: Some(tx),
        handle,
    })
}
