//! Service-account tokens: `POST /api/oauth/token` and `POST /api/oauth/revoke`.

use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::Response;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use serde_json::{json, Value};

use crate::util::{parse_query, random_u64, set_header, to_text};
use crate::AppState;

fn oauth_json(status: StatusCode, v: &Value) -> Response {
    let mut resp = Response::new(Body::from(to_text(v, false)));
    *resp.status_mut() = status;
    set_header(&mut resp, "content-type", "application/json");
    set_header(&mut resp, "cache-control", "no-store");
    set_header(&mut resp, "pragma", "no-cache");
    resp
}

fn oauth_error(status: StatusCode, error: &str, description: &str) -> Response {
    oauth_json(
        status,
        &json!({"error": error, "error_description": description}),
    )
}

/// Checks HTTP Basic `client_id:client_secret`.
fn client_ok(app: &AppState, headers: &HeaderMap) -> bool {
    let Some(value) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let Some((scheme, rest)) = value.trim().split_once(' ') else {
        return false;
    };
    if !scheme.eq_ignore_ascii_case("basic") {
        return false;
    }
    let Ok(decoded) = STANDARD.decode(rest.trim()) else {
        return false;
    };
    let Ok(text) = String::from_utf8(decoded) else {
        return false;
    };
    let Some((id, secret)) = text.split_once(':') else {
        return false;
    };
    let cfg = app.config();
    id == cfg.client_id && secret == cfg.client_secret
}

fn form(body: &[u8]) -> Vec<(String, String)> {
    parse_query(std::str::from_utf8(body).ok())
}

fn new_token(client_id: &str, ttl: u64) -> String {
    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT","kid":"atlas-mock"}"#);
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let claims = json!({
        "iss": "atlas-mock",
        "sub": client_id,
        "iat": now,
        "exp": now + ttl as i64,
        "jti": format!("{:016x}{:016x}", random_u64(), random_u64()),
    });
    let payload = URL_SAFE_NO_PAD.encode(to_text(&claims, false));
    let sig = URL_SAFE_NO_PAD.encode(
        [random_u64(), random_u64(), random_u64(), random_u64()]
            .iter()
            .flat_map(|x| x.to_be_bytes())
            .collect::<Vec<u8>>(),
    );
    format!("{header}.{payload}.{sig}")
}

pub async fn token(app: AppState, headers: HeaderMap, body: &[u8]) -> Response {
    app.runtime().stats.token_requests += 1;
    if !client_ok(&app, &headers) {
        return oauth_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "Client authentication failed: unknown client id or wrong secret.",
        );
    }
    let form = form(body);
    let grant = form
        .iter()
        .find(|(k, _)| k == "grant_type")
        .map(|(_, v)| v.as_str());
    match grant {
        None => {
            return oauth_error(
                StatusCode::BAD_REQUEST,
                "invalid_request",
                "The form field grant_type is required.",
            )
        }
        Some("client_credentials") => {}
        Some(_) => {
            return oauth_error(
                StatusCode::BAD_REQUEST,
                "unsupported_grant_type",
                "Only grant_type=client_credentials is supported.",
            )
        }
    }
    let ttl = app.config().token_ttl_secs;
    let tok = new_token(&app.config().client_id, ttl);
    {
        let mut rt = app.runtime();
        let now = Instant::now();
        rt.tokens.retain(|_, exp| *exp > now);
        rt.tokens
            .insert(tok.clone(), now + Duration::from_secs(ttl));
        rt.stats.tokens_issued += 1;
    }
    oauth_json(
        StatusCode::OK,
        &json!({"access_token": tok, "token_type": "Bearer", "expires_in": ttl}),
    )
}

pub async fn revoke(app: AppState, headers: HeaderMap, body: &[u8]) -> Response {
    if !client_ok(&app, &headers) {
        return oauth_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "Client authentication failed: unknown client id or wrong secret.",
        );
    }
    let form = form(body);
    let Some(tok) = form
        .iter()
        .find(|(k, _)| k == "token")
        .map(|(_, v)| v.clone())
    else {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "The form field token is required.",
        );
    };
    {
        let mut rt = app.runtime();
        rt.tokens.remove(&tok);
        rt.stats.revocations += 1;
    }
    // RFC 7009: 200 whether or not the token was known.
    let mut resp = Response::new(Body::empty());
    set_header(&mut resp, "cache-control", "no-store");
    resp
}

/// Is this bearer token accepted (the static one, or a live issued one)?
pub fn bearer_ok(app: &AppState, token: &str) -> bool {
    if token == app.config().token {
        return true;
    }
    let now = Instant::now();
    let rt = app.runtime();
    matches!(rt.tokens.get(token), Some(exp) if *exp > now)
}
