//! The `/api/...` entry point: OAuth endpoints and the Atlas Admin API v2 operations.

use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::response::Response;
use serde_json::{json, Map, Value};
use time::OffsetDateTime;

use crate::faults::{self, Fault};
use crate::state::{self, key2, key3};
use crate::util::{
    error_response, is_hex24, json_response, now_rfc3339, parse_query, percent_decode,
    random_hex24, random_u64, ApiError, Render, JSON,
};
use crate::{oauth, validate, AppState, Bucket};

const V20230101: &str = "application/vnd.atlas.2023-01-01+json";
const V20231115: &str = "application/vnd.atlas.2023-11-15+json";
const V20240805: &str = "application/vnd.atlas.2024-08-05+json";
const PREVIEW: &str = "application/vnd.atlas.preview+json";
/// Oldest version date the API knows; anything before it is answered 410.
const FIRST_VERSION: &str = "2023-01-01";
const MAX_BODY: usize = 16 * 1024 * 1024;

const ORG_ROLES: [&str; 7] = [
    "ORG_OWNER",
    "ORG_MEMBER",
    "ORG_GROUP_CREATOR",
    "ORG_BILLING_ADMIN",
    "ORG_BILLING_READ_ONLY",
    "ORG_STREAM_PROCESSING_ADMIN",
    "ORG_READ_ONLY",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    ListProjects,
    GetMaintenanceWindow,
    CreateApiKey,
    ValidateResourcePolicy,
    CreateCert,
    DeleteExportBucket,
    GetLimit,
    ListPipelines,
    DeleteIdentityProvider,
    GetSnapshot,
    UpdateSnapshot,
    UpdateSearchIndex,
    /// Not one of the 12; lets tests read a patched index back.
    GetSearchIndex,
}

impl Op {
    fn name(self) -> &'static str {
        match self {
            Op::ListProjects => "listProjects",
            Op::GetMaintenanceWindow => "getMaintenanceWindow",
            Op::CreateApiKey => "createApiKey",
            Op::ValidateResourcePolicy => "validateAtlasResourcePolicy",
            Op::CreateCert => "createDatabaseUserCertificate",
            Op::DeleteExportBucket => "deleteExportBucket",
            Op::GetLimit => "returnFederatedDatabaseQueryLimit",
            Op::ListPipelines => "listPipelines",
            Op::DeleteIdentityProvider => "deleteIdentityProvider",
            Op::GetSnapshot => "getLegacySnapshot",
            Op::UpdateSnapshot => "updateLegacySnapshotRetention",
            Op::UpdateSearchIndex => "updateAtlasSearchIndexDeprecated",
            Op::GetSearchIndex => "getAtlasSearchIndexDeprecated",
        }
    }

    /// The media types this operation answers with, preferred first.
    fn versions(self) -> &'static [&'static str] {
        match self {
            Op::GetMaintenanceWindow => &[V20230101, PREVIEW],
            Op::ValidateResourcePolicy => &[V20240805],
            Op::DeleteIdentityProvider => &[V20231115],
            _ => &[V20230101],
        }
    }
}

/// Path parameters, by name.
#[derive(Debug, Default)]
struct Params(Vec<(&'static str, String)>);

impl Params {
    fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }
}

/// Matches a path (below `/api/atlas/v2`) to its operations, by method.
fn route(segs: &[String]) -> Option<(Vec<(Method, Op)>, Params)> {
    let s: Vec<&str> = segs.iter().map(String::as_str).collect();
    let p = |pairs: &[(&'static str, &str)]| {
        Params(pairs.iter().map(|(n, v)| (*n, v.to_string())).collect())
    };
    let r = match s.as_slice() {
        ["groups"] => (vec![(Method::GET, Op::ListProjects)], Params::default()),
        ["groups", g, "maintenanceWindow"] => (
            vec![(Method::GET, Op::GetMaintenanceWindow)],
            p(&[("groupId", g)]),
        ),
        ["orgs", o, "apiKeys"] => (vec![(Method::POST, Op::CreateApiKey)], p(&[("orgId", o)])),
        ["orgs", o, "resourcePolicies:validate"] => (
            vec![(Method::POST, Op::ValidateResourcePolicy)],
            p(&[("orgId", o)]),
        ),
        ["groups", g, "databaseUsers", u, "certs"] => (
            vec![(Method::POST, Op::CreateCert)],
            p(&[("groupId", g), ("username", u)]),
        ),
        ["groups", g, "backup", "exportBuckets", b] => (
            vec![(Method::DELETE, Op::DeleteExportBucket)],
            p(&[("groupId", g), ("exportBucketId", b)]),
        ),
        ["groups", g, "dataFederation", t, "limits", l] => (
            vec![(Method::GET, Op::GetLimit)],
            p(&[("groupId", g), ("tenantName", t), ("limitName", l)]),
        ),
        ["groups", g, "pipelines"] => {
            (vec![(Method::GET, Op::ListPipelines)], p(&[("groupId", g)]))
        }
        ["federationSettings", f, "identityProviders", i] => (
            vec![(Method::DELETE, Op::DeleteIdentityProvider)],
            p(&[("federationSettingsId", f), ("identityProviderId", i)]),
        ),
        ["groups", g, "clusters", c, "snapshots", sid] => (
            vec![
                (Method::GET, Op::GetSnapshot),
                (Method::PATCH, Op::UpdateSnapshot),
            ],
            p(&[("groupId", g), ("clusterName", c), ("snapshotId", sid)]),
        ),
        ["groups", g, "clusters", c, "fts", "indexes", i] => (
            vec![
                (Method::PATCH, Op::UpdateSearchIndex),
                (Method::GET, Op::GetSearchIndex),
            ],
            p(&[("groupId", g), ("clusterName", c), ("indexId", i)]),
        ),
        _ => return None,
    };
    Some(r)
}

/// Everything a handler needs about its request.
struct Ctx {
    app: AppState,
    headers: HeaderMap,
    query: Vec<(String, String)>,
    params: Params,
    base: String,
    media_type: &'static str,
    body: Vec<u8>,
}

/// What a handler answers on success (or with its own non-ApiError shape).
struct Reply {
    status: StatusCode,
    body: Option<Value>,
}

fn ok(body: Value) -> Result<Reply, ApiError> {
    Ok(Reply {
        status: StatusCode::OK,
        body: Some(body),
    })
}

fn no_content() -> Result<Reply, ApiError> {
    Ok(Reply {
        status: StatusCode::NO_CONTENT,
        body: None,
    })
}

fn header_fault(headers: &HeaderMap) -> Option<Result<Fault, String>> {
    let v = headers.get("x-mock-fault")?;
    let s = v.to_str().unwrap_or("");
    if s.trim().is_empty() {
        return None;
    }
    Some(Fault::parse(s))
}

fn bad_fault(msg: String) -> Response {
    let err = ApiError::new(StatusCode::BAD_REQUEST, "INVALID_MOCK_FAULT", msg)
        .params(vec![json!("X-Mock-Fault")]);
    error_response(&err, Render::default(), &[])
}

/// `/api/...`: the OAuth endpoints and `/api/atlas/v2/...`.
pub async fn entry(State(app): State<AppState>, req: Request) -> Response {
    let path = req.uri().path().to_string();
    let rest = path.strip_prefix("/api").unwrap_or("");
    if rest == "/oauth/token" || rest == "/oauth/revoke" {
        return oauth_entry(app, req, rest == "/oauth/token").await;
    }
    if let Some(sub) = rest.strip_prefix("/atlas/v2") {
        if sub.is_empty() || sub.starts_with('/') {
            let sub = sub.to_string();
            return atlas(app, req, &sub).await;
        }
    }
    let err = ApiError::new(
        StatusCode::NOT_FOUND,
        "RESOURCE_NOT_FOUND",
        format!("No resource is served at {path}."),
    )
    .params(vec![json!(path)]);
    error_response(&err, Render::default(), &[])
}

async fn oauth_entry(app: AppState, req: Request, is_token: bool) -> Response {
    if req.method() != Method::POST {
        let err = ApiError::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "METHOD_NOT_ALLOWED",
            "Use POST.",
        )
        .header("allow", "POST");
        return error_response(&err, Render::default(), &[]);
    }
    let (parts, body) = req.into_parts();
    if let Some(f) = header_fault(&parts.headers) {
        match f {
            Err(msg) => return bad_fault(msg),
            Ok(Fault::Delay(ms)) => tokio::time::sleep(Duration::from_millis(ms)).await,
            Ok(f) => {
                app.runtime().stats.faults_injected += 1;
                return faults::respond(&f, JSON);
            }
        }
    }
    let bytes = axum::body::to_bytes(body, 64 * 1024)
        .await
        .unwrap_or_default();
    if is_token {
        oauth::token(app, parts.headers, &bytes).await
    } else {
        oauth::revoke(app, parts.headers, &bytes).await
    }
}

fn count_status(app: &AppState, status: StatusCode) {
    let mut rt = app.runtime();
    *rt.stats
        .by_status
        .entry(status.as_u16().to_string())
        .or_insert(0) += 1;
}

/// The next armed fault that matches this path (and uses one of its count).
fn armed_fault(app: &AppState, path: &str) -> Option<Fault> {
    let mut rt = app.runtime();
    let idx = rt.faults.iter().position(|f| {
        f.remaining > 0
            && f.path_contains
                .as_deref()
                .is_none_or(|needle| path.contains(needle))
    })?;
    let fault = rt.faults[idx].fault.clone();
    rt.faults[idx].remaining -= 1;
    if rt.faults[idx].remaining == 0 {
        rt.faults.remove(idx);
    }
    Some(fault)
}

async fn atlas(app: AppState, req: Request, sub: &str) -> Response {
    app.runtime().stats.requests += 1;
    let latency = app.config().latency_ms;
    if latency > 0 {
        tokio::time::sleep(Duration::from_millis(latency)).await;
    }
    let (parts, body) = req.into_parts();
    let full_path = parts.uri.path().to_string();
    let segs: Vec<String> = sub
        .split('/')
        .filter(|s| !s.is_empty())
        .map(percent_decode)
        .collect();
    let routed = route(&segs);
    let op = routed.as_ref().and_then(|(ms, _)| {
        ms.iter()
            .find(|(m, _)| *m == parts.method)
            .map(|(_, op)| *op)
    });
    {
        let name = match (op, &routed) {
            (Some(op), _) => op.name(),
            (None, Some(_)) => "methodNotAllowed",
            (None, None) => "unknown",
        };
        *app.runtime()
            .stats
            .by_operation
            .entry(name.to_string())
            .or_insert(0) += 1;
    }

    // Faults come first: they stand for failures in front of the real service.
    let fault = match header_fault(&parts.headers) {
        Some(Err(msg)) => {
            count_status(&app, StatusCode::BAD_REQUEST);
            return bad_fault(msg);
        }
        Some(Ok(f)) => Some(f),
        None => armed_fault(&app, &full_path),
    };
    match fault {
        Some(Fault::Delay(ms)) => {
            app.runtime().stats.faults_injected += 1;
            tokio::time::sleep(Duration::from_millis(ms)).await;
        }
        Some(f) => {
            app.runtime().stats.faults_injected += 1;
            let ct = op.map(|o| o.versions()[0]).unwrap_or(V20230101);
            let resp = faults::respond(&f, ct);
            count_status(&app, resp.status());
            return resp;
        }
        None => {}
    }

    let resp = handle(&app, parts, body, routed, op).await;
    count_status(&app, resp.status());
    resp
}

fn bool_param(query: &[(String, String)], name: &str, default: bool) -> Result<bool, ApiError> {
    match query.iter().rev().find(|(k, _)| k == name) {
        None => Ok(default),
        Some((_, v)) => match v.to_ascii_lowercase().as_str() {
            "true" | "" => Ok(true),
            "false" => Ok(false),
            _ => Err(ApiError::invalid(name, format!("`{v}` is not a boolean"))),
        },
    }
}

fn int_param(
    query: &[(String, String)],
    name: &str,
    default: i64,
    min: i64,
    max: i64,
) -> Result<i64, ApiError> {
    match query.iter().rev().find(|(k, _)| k == name) {
        None => Ok(default),
        Some((_, v)) => match v.parse::<i64>() {
            Ok(n) if n >= min && n <= max => Ok(n),
            Ok(_) if max == i64::MAX => {
                Err(ApiError::invalid(name, format!("must be at least {min}")))
            }
            Ok(_) => Err(ApiError::invalid(
                name,
                format!("must be between {min} and {max}"),
            )),
            Err(_) => Err(ApiError::invalid(name, format!("`{v}` is not an integer"))),
        },
    }
}

fn bearer(headers: &HeaderMap) -> Option<String> {
    let v = headers.get(header::AUTHORIZATION)?.to_str().ok()?.trim();
    let (scheme, tok) = v.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("bearer") {
        return None;
    }
    let tok = tok.trim();
    (!tok.is_empty()).then(|| tok.to_string())
}

/// Takes one request from the token's bucket. Returns the RateLimit headers and,
/// when the bucket is empty, how many seconds until it is not.
fn take_from_bucket(app: &AppState, token: &str) -> (Vec<(&'static str, String)>, Option<u64>) {
    let limit = app.config().rate_limit;
    if limit == 0 {
        return (
            vec![
                ("ratelimit-limit", "1000000".to_string()),
                ("ratelimit-remaining", "1000000".to_string()),
            ],
            None,
        );
    }
    let cap = f64::from(limit);
    let rate = cap / 60.0;
    let now = Instant::now();
    let mut rt = app.runtime();
    let b = rt.buckets.entry(token.to_string()).or_insert(Bucket {
        tokens: cap,
        last: now,
    });
    let elapsed = now.duration_since(b.last).as_secs_f64();
    b.tokens = (b.tokens + elapsed * rate).min(cap);
    b.last = now;
    let mut retry = None;
    if b.tokens >= 1.0 {
        b.tokens -= 1.0;
    } else {
        retry = Some(((1.0 - b.tokens) / rate).ceil().max(1.0) as u64);
    }
    let remaining = b.tokens.floor().max(0.0) as u64;
    (
        vec![
            ("ratelimit-limit", limit.to_string()),
            ("ratelimit-remaining", remaining.to_string()),
        ],
        retry,
    )
}

/// Picks the media type to answer with from `Accept`.
fn negotiate(op: Op, headers: &HeaderMap) -> Result<&'static str, ApiError> {
    let accept = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let offered: Vec<String> = accept
        .split(',')
        .map(|p| {
            p.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        })
        .filter(|p| !p.is_empty())
        .collect();
    for o in &offered {
        if let Some(v) = op.versions().iter().find(|v| **v == o.as_str()) {
            return Ok(v);
        }
    }
    let supported: Vec<Value> = op.versions().iter().map(|v| json!(v)).collect();
    let gone = offered.iter().any(|o| {
        o.strip_prefix("application/vnd.atlas.")
            .and_then(|r| r.strip_suffix("+json"))
            .is_some_and(|ver| is_date(ver) && ver < FIRST_VERSION)
    });
    if gone {
        return Err(ApiError::new(
            StatusCode::GONE,
            "VERSION_GONE",
            format!(
                "The requested API version ({accept}) has been removed. Use one of: {}.",
                op.versions().join(", ")
            ),
        )
        .params(supported));
    }
    let shown = if accept.is_empty() { "none" } else { accept };
    Err(ApiError::new(
        StatusCode::NOT_ACCEPTABLE,
        "INVALID_VERSION_DATE",
        format!(
            "The Accept header ({shown}) names no version of this resource. Use one of: {}.",
            op.versions().join(", ")
        ),
    )
    .params(supported))
}

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

async fn handle(
    app: &AppState,
    parts: Parts,
    body: Body,
    routed: Option<(Vec<(Method, Op)>, Params)>,
    op: Option<Op>,
) -> Response {
    let query = parse_query(parts.uri.query());
    let render = match (
        bool_param(&query, "pretty", false),
        bool_param(&query, "envelope", false),
    ) {
        (Ok(pretty), Ok(envelope)) => Render { pretty, envelope },
        (Err(e), _) | (_, Err(e)) => return error_response(&e, Render::default(), &[]),
    };
    let path = parts.uri.path().to_string();
    let (op, params) = match (routed, op) {
        (None, _) => {
            let err = ApiError::new(
                StatusCode::NOT_FOUND,
                "RESOURCE_NOT_FOUND",
                format!("No API resource is served at {path}."),
            )
            .params(vec![json!(path)]);
            return error_response(&err, render, &[]);
        }
        (Some((methods, _)), None) => {
            let allow: Vec<&str> = methods.iter().map(|(m, _)| m.as_str()).collect();
            let err = ApiError::new(
                StatusCode::METHOD_NOT_ALLOWED,
                "METHOD_NOT_ALLOWED",
                format!("{} is not supported on {path}.", parts.method),
            )
            .header("allow", allow.join(", "));
            return error_response(&err, render, &[]);
        }
        (Some((_, params)), Some(op)) => (op, params),
    };

    let token = match bearer(&parts.headers) {
        Some(t) if oauth::bearer_ok(app, &t) => t,
        _ => {
            let err = ApiError::new(
                StatusCode::UNAUTHORIZED,
                "UNAUTHORIZED",
                "A valid bearer token is required: the static token or a live service-account access token.",
            )
            .header("www-authenticate", "Bearer realm=\"atlas-mock\"");
            return error_response(&err, render, &[]);
        }
    };
    let (rl, retry) = take_from_bucket(app, &token);
    if let Some(secs) = retry {
        let err = ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "RATE_LIMITED",
            "Too many requests for this token; wait before retrying.",
        )
        .params(vec![json!(secs)])
        .header("retry-after", secs.to_string());
        return error_response(&err, render, &rl);
    }
    let media_type = match negotiate(op, &parts.headers) {
        Ok(m) => m,
        Err(e) => return error_response(&e, render, &rl),
    };
    let body = match axum::body::to_bytes(body, MAX_BODY).await {
        Ok(b) => b.to_vec(),
        Err(_) => {
            let err = ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "REQUEST_TOO_LARGE",
                "The request body is too large or could not be read.",
            );
            return error_response(&err, render, &rl);
        }
    };
    let host = parts
        .headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost")
        .to_string();
    let ctx = Ctx {
        app: app.clone(),
        headers: parts.headers,
        query,
        params,
        base: format!("http://{host}"),
        media_type,
        body,
    };
    let result = match op {
        Op::ListProjects => list_projects(&ctx),
        Op::GetMaintenanceWindow => get_maintenance_window(&ctx),
        Op::CreateApiKey => create_api_key(&ctx),
        Op::ValidateResourcePolicy => validate_resource_policy(&ctx),
        Op::CreateCert => create_cert(&ctx),
        Op::DeleteExportBucket => delete_export_bucket(&ctx),
        Op::GetLimit => get_limit(&ctx),
        Op::ListPipelines => list_pipelines(&ctx),
        Op::DeleteIdentityProvider => delete_identity_provider(&ctx),
        Op::GetSnapshot => get_snapshot(&ctx),
        Op::UpdateSnapshot => update_snapshot(&ctx),
        Op::UpdateSearchIndex => update_search_index(&ctx),
        Op::GetSearchIndex => get_search_index(&ctx),
    };
    match result {
        Ok(reply) => json_response(reply.status, reply.body, media_type, render, &rl),
        Err(e) => error_response(&e, render, &rl),
    }
}

// ---- shared checks -------------------------------------------------------

fn check_hex(ctx: &Ctx, name: &str, out: &mut Vec<(String, String)>) {
    if !is_hex24(ctx.params.get(name)) {
        out.push((
            name.to_string(),
            "must be a 24-character lowercase hexadecimal string".to_string(),
        ));
    }
}

fn check_cluster_name(ctx: &Ctx, out: &mut Vec<(String, String)>) {
    let c = ctx.params.get("clusterName");
    let ok = !c.is_empty()
        && c.len() <= 64
        && c.as_bytes()[0].is_ascii_alphanumeric()
        && c.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    if !ok {
        out.push((
            "clusterName".to_string(),
            "must start with a letter or digit and hold only letters, digits and hyphens (at most 64)".to_string(),
        ));
    }
}

fn fail_if(v: Vec<(String, String)>) -> Result<(), ApiError> {
    if v.is_empty() {
        Ok(())
    } else {
        Err(ApiError::invalid_many(v))
    }
}

fn require_group(ctx: &Ctx) -> Result<String, ApiError> {
    let g = ctx.params.get("groupId");
    if ctx.app.world().has_group(g) {
        Ok(g.to_string())
    } else {
        Err(ApiError::not_found("project", g))
    }
}

fn require_org(ctx: &Ctx) -> Result<String, ApiError> {
    let o = ctx.params.get("orgId");
    if o == state::ORG_ID {
        Ok(o.to_string())
    } else {
        Err(ApiError::not_found("organization", o))
    }
}

fn json_body(ctx: &Ctx, allow_empty: bool) -> Result<Map<String, Value>, ApiError> {
    if ctx.body.iter().all(u8::is_ascii_whitespace) {
        if allow_empty {
            return Ok(Map::new());
        }
        return Err(ApiError::malformed("A JSON request body is required."));
    }
    let v: Value = serde_json::from_slice(&ctx.body)
        .map_err(|e| ApiError::malformed(format!("The request body is not valid JSON: {e}")))?;
    match v {
        Value::Object(m) => Ok(m),
        _ => Err(ApiError::malformed(
            "The request body must be a JSON object.",
        )),
    }
}

fn link(href: String, rel: &str) -> Value {
    json!({"rel": rel, "href": href})
}

fn conflict_header(ctx: &Ctx) -> bool {
    ctx.headers
        .get("x-mock-conflict")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| matches!(v.trim().to_ascii_lowercase().as_str(), "1" | "true" | "yes"))
}

// ---- operations ----------------------------------------------------------

fn list_projects(ctx: &Ctx) -> Result<Reply, ApiError> {
    let ipp = int_param(&ctx.query, "itemsPerPage", 100, 1, 500)?;
    let page = int_param(&ctx.query, "pageNum", 1, 1, i64::MAX)?;
    let include = bool_param(&ctx.query, "includeCount", true)?;
    let world = ctx.app.world();
    let total = world.groups.len();
    let start = usize::try_from((page - 1).saturating_mul(ipp)).unwrap_or(usize::MAX);
    let end = start.saturating_add(ipp as usize).min(total);
    let results: Vec<Value> = if start < total {
        world.groups[start..end]
            .iter()
            .map(|g| {
                let mut g = g.clone();
                let id = g["id"].as_str().unwrap_or_default().to_string();
                g["links"] = json!([link(
                    format!("{}/api/atlas/v2/groups/{id}", ctx.base),
                    "self"
                )]);
                g
            })
            .collect()
    } else {
        Vec::new()
    };
    let href = |p: i64| {
        format!(
            "{}/api/atlas/v2/groups?includeCount={include}&itemsPerPage={ipp}&pageNum={p}",
            ctx.base
        )
    };
    let mut links = vec![link(href(page), "self")];
    if end < total && start < total {
        links.push(link(href(page + 1), "next"));
    }
    if page > 1 {
        links.push(link(href(page - 1), "previous"));
    }
    let mut body = json!({"links": links, "results": results});
    if include {
        body["totalCount"] = json!(total);
    }
    ok(body)
}

fn get_maintenance_window(ctx: &Ctx) -> Result<Reply, ApiError> {
    let mut v = Vec::new();
    check_hex(ctx, "groupId", &mut v);
    fail_if(v)?;
    let g = require_group(ctx)?;
    let world = ctx.app.world();
    let mut w = world
        .maintenance_window(&g)
        .ok_or_else(|| ApiError::not_found("project", &g))?;
    if ctx.media_type == PREVIEW {
        let i = world.group_index.get(&g).copied().unwrap_or(0);
        if i == 0 {
            w["waveAssignment"] = json!(2);
            w["effectiveWaveAssignment"] = json!(2);
        } else {
            w["waveAssignment"] = Value::Null;
            w["effectiveWaveAssignment"] = json!((i % 3) + 1);
        }
    }
    ok(w)
}

fn create_api_key(ctx: &Ctx) -> Result<Reply, ApiError> {
    let mut v = Vec::new();
    check_hex(ctx, "orgId", &mut v);
    fail_if(v)?;
    let org = require_org(ctx)?;
    let body = json_body(ctx, false)?;
    let mut bad = Vec::new();
    let desc = match body.get("desc") {
        None => {
            bad.push(("desc".to_string(), "required".to_string()));
            String::new()
        }
        Some(Value::String(s)) => {
            let n = s.chars().count();
            if !(1..=250).contains(&n) {
                bad.push((
                    "desc".to_string(),
                    format!("must be 1 to 250 characters long (was {n})"),
                ));
            }
            s.clone()
        }
        Some(_) => {
            bad.push(("desc".to_string(), "must be a string".to_string()));
            String::new()
        }
    };
    let mut roles = Vec::new();
    match body.get("roles") {
        None => bad.push(("roles".to_string(), "required".to_string())),
        Some(Value::Array(a)) if a.is_empty() => bad.push((
            "roles".to_string(),
            "must hold at least one role".to_string(),
        )),
        Some(Value::Array(a)) => {
            for (i, r) in a.iter().enumerate() {
                match r.as_str() {
                    Some(name) if ORG_ROLES.contains(&name) => roles.push(name.to_string()),
                    _ => bad.push((
                        format!("roles[{i}]"),
                        format!("must be one of {}", ORG_ROLES.join(", ")),
                    )),
                }
            }
        }
        Some(_) => bad.push(("roles".to_string(), "must be an array".to_string())),
    }
    fail_if(bad)?;
    let id = random_hex24();
    let public_key: String = (0..8)
        .map(|_| (b'a' + (random_u64() % 26) as u8) as char)
        .collect();
    let a = random_u64();
    let b = random_u64();
    let private_key = format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        0x4000 | (a & 0x0fff),
        0x8000 | ((b >> 48) & 0x3fff),
        b & 0xffff_ffff_ffff
    );
    let roles: Vec<Value> = roles
        .iter()
        .map(|r| json!({"orgId": org, "roleName": r}))
        .collect();
    let links = json!([link(
        format!("{}/api/atlas/v2/orgs/{org}/apiKeys/{id}", ctx.base),
        "self"
    )]);
    let answer = json!({
        "id": id,
        "desc": desc,
        "publicKey": public_key,
        "privateKey": private_key,
        "roles": roles,
        "links": links,
    });
    let mut stored = answer.clone();
    stored["privateKey"] = json!(format!("********-****-****-{}", &private_key[24..]));
    ctx.app.world().api_keys.push(stored);
    ok(answer)
}

fn validate_resource_policy(ctx: &Ctx) -> Result<Reply, ApiError> {
    let mut v = Vec::new();
    check_hex(ctx, "orgId", &mut v);
    fail_if(v)?;
    let org = require_org(ctx)?;
    let body = json_body(ctx, false)?;
    let mut bad = Vec::new();
    let name = match body.get("name") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.clone(),
        None => {
            bad.push(("name".to_string(), "required".to_string()));
            String::new()
        }
        Some(_) => {
            bad.push(("name".to_string(), "must be a non-empty string".to_string()));
            String::new()
        }
    };
    let mut bodies = Vec::new();
    match body.get("policies") {
        None => bad.push(("policies".to_string(), "required".to_string())),
        Some(Value::Array(a)) => {
            for (i, p) in a.iter().enumerate() {
                match p.get("body") {
                    Some(Value::String(s)) if !s.is_empty() => bodies.push(s.clone()),
                    _ => bad.push((
                        format!("policies[{i}].body"),
                        "required non-empty string".to_string(),
                    )),
                }
            }
        }
        Some(_) => bad.push(("policies".to_string(), "must be an array".to_string())),
    }
    fail_if(bad)?;

    let mut invalid = Vec::new();
    for text in &bodies {
        let errors: Vec<Value> = match text.parse::<cedar_policy::PolicySet>() {
            Ok(set) if set.policies().count() + set.templates().count() == 0 => {
                vec![json!({"detail": "the policy body holds no policy statement"})]
            }
            Ok(_) => Vec::new(),
            Err(errs) => errs
                .iter()
                .map(|e| json!({"detail": e.to_string()}))
                .collect(),
        };
        if !errors.is_empty() {
            invalid.push(json!({"body": text, "errors": errors}));
        }
    }
    if !invalid.is_empty() {
        return Ok(Reply {
            status: StatusCode::BAD_REQUEST,
            body: Some(json!({
                "errorType": "POLICY_PARSING_ERROR",
                "invalidPolicies": invalid,
            })),
        });
    }
    let now = now_rfc3339();
    let user = json!({"id": "32b6e34b3d91647abb20e7e0", "name": "atlas-mock-service-account"});
    let policies: Vec<Value> = bodies
        .iter()
        .map(|b| json!({"id": random_hex24(), "body": b}))
        .collect();
    ok(json!({
        "id": random_hex24(),
        "orgId": org,
        "name": name,
        "version": "v1",
        "policies": policies,
        "createdByUser": user,
        "lastUpdatedByUser": user,
        "createdDate": now,
        "lastUpdatedDate": now,
    }))
}

fn add_months(t: OffsetDateTime, months: u32) -> OffsetDateTime {
    let total = t.year() * 12 + (t.month() as i32 - 1) + months as i32;
    let year = total.div_euclid(12);
    let month =
        time::Month::try_from((total.rem_euclid(12) + 1) as u8).unwrap_or(time::Month::January);
    let day = t.day().min(time::util::days_in_month(month, year));
    match time::Date::from_calendar_date(year, month, day) {
        Ok(d) => t.replace_date(d),
        Err(_) => t + time::Duration::days(30 * i64::from(months)),
    }
}

fn create_cert(ctx: &Ctx) -> Result<Reply, ApiError> {
    let mut v = Vec::new();
    check_hex(ctx, "groupId", &mut v);
    let username = ctx.params.get("username").to_string();
    if username.trim().is_empty() {
        v.push(("username".to_string(), "required".to_string()));
    }
    fail_if(v)?;
    let g = require_group(ctx)?;
    let body = json_body(ctx, true)?;
    let months = match body.get("monthsUntilExpiration") {
        None | Some(Value::Null) => 3,
        Some(m) => match m.as_i64() {
            Some(n) if (1..=24).contains(&n) => n as u32,
            _ => {
                return Err(ApiError::invalid(
                    "monthsUntilExpiration",
                    "must be a whole number from 1 to 24",
                ))
            }
        },
    };
    if username == state::MISSING_USER {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "RESOURCE_NOT_FOUND",
            format!("No database user {username} exists in project {g}."),
        )
        .params(vec![json!(username), json!(g)]));
    }
    if username == state::CONFLICT_USER || conflict_header(ctx) {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "X509_CERTIFICATE_CONFLICT",
            format!("A certificate for {username} cannot be generated now: another certificate change for this user is in progress."),
        )
        .params(vec![json!(username)]));
    }
    let pem = make_cert(&username, months).map_err(|e| {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "UNEXPECTED_ERROR",
            format!("Could not generate the certificate: {e}"),
        )
    })?;
    Ok(Reply {
        status: StatusCode::CREATED,
        body: Some(Value::String(pem)),
    })
}

fn make_cert(username: &str, months: u32) -> Result<String, rcgen::Error> {
    let mut params = rcgen::CertificateParams::new(Vec::<String>::new())?;
    let mut dn = rcgen::DistinguishedName::new();
    dn.push(rcgen::DnType::CommonName, username);
    params.distinguished_name = dn;
    let now = OffsetDateTime::now_utc();
    params.not_before = now - time::Duration::minutes(1);
    params.not_after = add_months(now, months);
    params.serial_number = Some(rcgen::SerialNumber::from_slice(
        &(random_u64() >> 1).to_be_bytes(),
    ));
    let key = rcgen::KeyPair::generate()?;
    let cert = params.self_signed(&key)?;
    Ok(format!("{}{}", cert.pem(), key.serialize_pem()))
}

fn delete_export_bucket(ctx: &Ctx) -> Result<Reply, ApiError> {
    let mut v = Vec::new();
    check_hex(ctx, "groupId", &mut v);
    check_hex(ctx, "exportBucketId", &mut v);
    fail_if(v)?;
    let g = require_group(ctx)?;
    let id = ctx.params.get("exportBucketId");
    match ctx.app.world().export_buckets.remove(&key2(&g, id)) {
        Some(_) => no_content(),
        None => Err(ApiError::not_found("export bucket", id)),
    }
}

fn get_limit(ctx: &Ctx) -> Result<Reply, ApiError> {
    let mut v = Vec::new();
    check_hex(ctx, "groupId", &mut v);
    let limit = ctx.params.get("limitName");
    if !state::LIMIT_NAMES.contains(&limit) {
        v.push((
            "limitName".to_string(),
            format!("must be one of {}", state::LIMIT_NAMES.join(", ")),
        ));
    }
    fail_if(v)?;
    let g = require_group(ctx)?;
    let tenant = ctx.params.get("tenantName");
    let world = ctx.app.world();
    let limits = world
        .tenants
        .get(&key2(&g, tenant))
        .ok_or_else(|| ApiError::not_found("federated database instance", tenant))?;
    limits
        .get(limit)
        .cloned()
        .map(|l| Reply {
            status: StatusCode::OK,
            body: Some(l),
        })
        .ok_or_else(|| ApiError::not_found("query limit", limit))
}

fn list_pipelines(ctx: &Ctx) -> Result<Reply, ApiError> {
    let mut v = Vec::new();
    check_hex(ctx, "groupId", &mut v);
    fail_if(v)?;
    let g = require_group(ctx)?;
    let list = ctx
        .app
        .world()
        .pipelines
        .get(&g)
        .cloned()
        .unwrap_or_default();
    ok(Value::Array(list))
}

fn delete_identity_provider(ctx: &Ctx) -> Result<Reply, ApiError> {
    let mut v = Vec::new();
    check_hex(ctx, "federationSettingsId", &mut v);
    fail_if(v)?;
    let f = ctx.params.get("federationSettingsId");
    if f != state::FEDERATION_SETTINGS_ID {
        return Err(ApiError::not_found("federation settings", f));
    }
    let id = ctx.params.get("identityProviderId");
    match ctx.app.world().identity_providers.remove(&key2(f, id)) {
        Some(_) => no_content(),
        None => Err(ApiError::not_found("identity provider", id)),
    }
}

/// Checks group, cluster and one 24-hex id; returns (groupId, clusterName, id).
fn cluster_item(ctx: &Ctx, id_name: &str) -> Result<(String, String, String), ApiError> {
    let mut v = Vec::new();
    check_hex(ctx, "groupId", &mut v);
    check_cluster_name(ctx, &mut v);
    check_hex(ctx, id_name, &mut v);
    fail_if(v)?;
    let g = require_group(ctx)?;
    let c = ctx.params.get("clusterName").to_string();
    if !ctx.app.world().clusters.contains(&key2(&g, &c)) {
        return Err(ApiError::not_found("cluster", &c));
    }
    Ok((g, c, ctx.params.get(id_name).to_string()))
}

fn snapshot_view(ctx: &Ctx, s: &Value, g: &str, c: &str, id: &str) -> Value {
    let mut s = s.clone();
    s["links"] = json!([link(
        format!(
            "{}/api/atlas/v2/groups/{g}/clusters/{c}/snapshots/{id}",
            ctx.base
        ),
        "self"
    )]);
    s
}

fn get_snapshot(ctx: &Ctx) -> Result<Reply, ApiError> {
    let (g, c, id) = cluster_item(ctx, "snapshotId")?;
    let world = ctx.app.world();
    let s = world
        .snapshots
        .get(&key3(&g, &c, &id))
        .ok_or_else(|| ApiError::not_found("snapshot", &id))?;
    ok(snapshot_view(ctx, s, &g, &c, &id))
}

fn update_snapshot(ctx: &Ctx) -> Result<Reply, ApiError> {
    let (g, c, id) = cluster_item(ctx, "snapshotId")?;
    if !ctx.app.world().snapshots.contains_key(&key3(&g, &c, &id)) {
        return Err(ApiError::not_found("snapshot", &id));
    }
    let body = json_body(ctx, false)?;
    let mut bad = Vec::new();
    let dnd = match body.get("doNotDelete") {
        None | Some(Value::Null) => None,
        Some(Value::Bool(b)) => Some(*b),
        Some(_) => {
            bad.push(("doNotDelete".to_string(), "must be a boolean".to_string()));
            None
        }
    };
    let expires = match body.get("expires") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => {
            match OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339) {
                Ok(t) if t > OffsetDateTime::now_utc() => Some(crate::util::rfc3339(t)),
                Ok(_) => {
                    bad.push(("expires".to_string(), "must be in the future".to_string()));
                    None
                }
                Err(_) => {
                    bad.push((
                        "expires".to_string(),
                        "must be an ISO 8601 date-time such as 2030-01-31T00:00:00Z".to_string(),
                    ));
                    None
                }
            }
        }
        Some(_) => {
            bad.push((
                "expires".to_string(),
                "must be a date-time string".to_string(),
            ));
            None
        }
    };
    if dnd == Some(true) && body.get("expires").is_some_and(|e| !e.is_null()) {
        bad.push((
            "expires".to_string(),
            "cannot be set together with doNotDelete: true".to_string(),
        ));
        bad.push((
            "doNotDelete".to_string(),
            "cannot be true when expires is set".to_string(),
        ));
    }
    fail_if(bad)?;
    let mut world = ctx.app.world();
    let s = world
        .snapshots
        .get_mut(&key3(&g, &c, &id))
        .ok_or_else(|| ApiError::not_found("snapshot", &id))?;
    if let Some(d) = dnd {
        s["doNotDelete"] = json!(d);
        if d {
            if let Some(obj) = s.as_object_mut() {
                obj.remove("expires");
            }
        }
    }
    if let Some(e) = expires {
        s["expires"] = json!(e);
        s["doNotDelete"] = json!(false);
    }
    let view = snapshot_view(ctx, s, &g, &c, &id);
    ok(view)
}

fn update_search_index(ctx: &Ctx) -> Result<Reply, ApiError> {
    let (g, c, id) = cluster_item(ctx, "indexId")?;
    let stored = ctx
        .app
        .world()
        .search_indexes
        .get(&key3(&g, &c, &id))
        .cloned()
        .ok_or_else(|| ApiError::not_found("search index", &id))?;
    let body = json_body(ctx, false)?;
    fail_if(validate::search_index_body(&body, &stored))?;
    if id == state::LOCKED_INDEX_ID || conflict_header(ctx) {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "SEARCH_INDEX_UPDATE_IN_PROGRESS",
            format!("Search index {id} is being built or changed; try again when that finishes."),
        )
        .params(vec![json!(id)]));
    }
    let mut updated = stored;
    for (k, v) in body {
        if k == "indexID" || k == "status" {
            continue;
        }
        updated[k.as_str()] = v;
    }
    updated["status"] = json!("STEADY");
    ctx.app
        .world()
        .search_indexes
        .insert(key3(&g, &c, &id), updated.clone());
    ok(updated)
}

fn get_search_index(ctx: &Ctx) -> Result<Reply, ApiError> {
    let (g, c, id) = cluster_item(ctx, "indexId")?;
    let world = ctx.app.world();
    world
        .search_indexes
        .get(&key3(&g, &c, &id))
        .cloned()
        .map(|v| Reply {
            status: StatusCode::OK,
            body: Some(v),
        })
        .ok_or_else(|| ApiError::not_found("search index", &id))
}
