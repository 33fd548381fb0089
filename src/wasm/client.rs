//! `AtlasClient`, the JavaScript face of the crate: reads options objects,
//! runs an operation (build → send → decode, with retries, token renewal and
//! hooks) and settles a Promise.

use super::auth::{Auth, ServiceAccount};
use super::errors::{self, Fields};
use super::paging::ProjectIterator;
use super::transport::{self, Outgoing, Received, SendError};
use crate::config::{ClientConfig, CLIENT_FIELDS};
use crate::error::{AtlasError, DecodeFailure};
use crate::ops::{self, Prepared};
use crate::request::ApiRequest;
use crate::response::{self, RawResponse};
use crate::runtime::retry::{self, Outcome, RetryPolicy, RETRY_FIELDS};
use crate::schema::{OpDef, Output};
use crate::validate::ValidationError;
use js_sys::{Date, Function, Math, Object, Promise, Reflect};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{future_to_promise, JsFuture};
use web_sys::AbortSignal;

#[wasm_bindgen(module = "/js/runtime.js")]
extern "C" {
    fn sleep(ms: f64, signal: Option<AbortSignal>) -> Promise;
    #[wasm_bindgen(js_name = isNode)]
    fn is_node() -> bool;
    #[wasm_bindgen(js_name = readOptions)]
    fn read_options_js(v: &JsValue) -> JsValue;
    #[wasm_bindgen(js_name = parseJson, catch)]
    fn parse_json(text: &JsValue, marked: bool) -> Result<JsValue, JsValue>;
}

/// Optional callbacks the caller gave.
#[derive(Default)]
struct Hooks {
    on_deprecation: Option<Function>,
    on_retry: Option<Function>,
    on_request: Option<Function>,
    on_response: Option<Function>,
}

/// Calls a hook with the event `make` builds (only when there is a hook),
/// ignoring anything it throws: hooks observe, they never change the outcome.
fn notify(hook: &Option<Function>, make: impl FnOnce() -> Fields) {
    if let Some(f) = hook {
        let _ = f.call1(&JsValue::UNDEFINED, &make().into_value());
    }
}

pub(crate) struct Inner {
    config: ClientConfig,
    /// `User-Agent` value, in Node only (browsers forbid the header).
    user_agent: Option<String>,
    auth: Auth,
    retry: RetryPolicy,
    pacing: bool,
    hooks: Hooks,
    warned: RefCell<Vec<&'static str>>,
    rate_limit: Cell<(Option<f64>, Option<f64>)>,
}

/// A client for the Atlas Administration API v2. Holds its credentials
/// privately: they never appear in errors, hook events, logs or `toString()`.
#[wasm_bindgen(skip_typescript)]
pub struct AtlasClient {
    inner: Rc<Inner>,
}

pub(crate) fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// Reads an optional string option, refusing other types.
fn opt_string(obj: &JsValue, key: &str) -> Result<Option<String>, ValidationError> {
    let v = get(obj, key);
    if v.is_undefined() {
        return Ok(None);
    }
    v.as_string()
        .map(Some)
        .ok_or_else(|| ValidationError::new(key, "must be a string"))
}

pub(crate) fn opt_number(obj: &JsValue, key: &str) -> Result<Option<f64>, ValidationError> {
    let v = get(obj, key);
    if v.is_undefined() {
        return Ok(None);
    }
    v.as_f64()
        .map(Some)
        .ok_or_else(|| ValidationError::new(key, "must be a number"))
}

fn opt_bool(obj: &JsValue, key: &str) -> Result<Option<bool>, ValidationError> {
    let v = get(obj, key);
    if v.is_undefined() {
        return Ok(None);
    }
    v.as_bool()
        .map(Some)
        .ok_or_else(|| ValidationError::new(key, "must be a boolean"))
}

pub(crate) fn opt_function(obj: &JsValue, key: &str) -> Result<Option<Function>, ValidationError> {
    let v = get(obj, key);
    if v.is_undefined() {
        return Ok(None);
    }
    v.dyn_into::<Function>()
        .map(Some)
        .map_err(|_| ValidationError::new(key, "must be a function"))
}

pub(crate) fn opt_signal(obj: &JsValue) -> Result<Option<AbortSignal>, ValidationError> {
    match get(obj, "signal") {
        v if v.is_undefined() => Ok(None),
        v => v
            .dyn_into::<AbortSignal>()
            .map(Some)
            .map_err(|_| ValidationError::new("signal", "must be an AbortSignal")),
    }
}

/// The own enumerable keys of an options object, refusing non-objects.
pub(crate) fn keys_of(options: &JsValue, what: &str) -> Result<Vec<String>, ValidationError> {
    if !options.is_object() || js_sys::Array::is_array(options) || options.is_function() {
        return Err(ValidationError::new(what, "must be an object"));
    }
    Ok(Object::keys(options.unchecked_ref::<Object>())
        .iter()
        .filter_map(|k| k.as_string())
        .collect())
}

pub(crate) fn refuse_unknown(
    keys: &[String],
    known: &[&str],
    prefix: &str,
) -> Result<(), ValidationError> {
    match keys.iter().find(|k| !known.contains(&k.as_str())) {
        Some(k) => Err(ValidationError::new(
            crate::validate::join(prefix, k),
            format!("is not a known option; known options: {}", known.join(", ")),
        )),
        None => Ok(()),
    }
}

/// Reads `retry`: `false` (never), an object of numbers, or absent (defaults).
fn read_retry(options: &JsValue) -> Result<RetryPolicy, ValidationError> {
    let v = get(options, "retry");
    if v.is_undefined() || v.as_bool() == Some(true) {
        return Ok(RetryPolicy::default());
    }
    if v.as_bool() == Some(false) {
        return Ok(RetryPolicy::disabled());
    }
    refuse_unknown(&keys_of(&v, "retry")?, RETRY_FIELDS, "retry")?;
    let n =
        |k: &str| opt_number(&v, k).map_err(|e| ValidationError::new(format!("retry.{k}"), e.rule));
    RetryPolicy::new(
        n("maxRetries")?,
        n("baseDelayMs")?,
        n("maxDelayMs")?,
        opt_bool(&v, "retryWrites")
            .map_err(|e| ValidationError::new("retry.retryWrites", e.rule))?,
    )
}

#[wasm_bindgen]
impl AtlasClient {
    /// Creates a client; throws `AtlasValidationError` for bad options.
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<AtlasClient, JsValue> {
        Self::from_options(&options).map_err(|e| errors::validation(&e))
    }

    fn from_options(options: &JsValue) -> Result<AtlasClient, ValidationError> {
        refuse_unknown(&keys_of(options, "options")?, CLIENT_FIELDS, "")?;
        let token = opt_string(options, "token")?;
        let get_token = opt_function(options, "getToken")?;
        let client_id = opt_string(options, "clientId")?;
        let client_secret = opt_string(options, "clientSecret")?;
        if client_id.is_some() != client_secret.is_some() {
            return Err(ValidationError::new(
                if client_id.is_some() {
                    "clientSecret"
                } else {
                    "clientId"
                },
                "is required with the other service-account credential",
            ));
        }
        let config = ClientConfig::new(
            opt_string(options, "baseUrl")?.as_deref(),
            token.as_deref(),
            get_token.is_some(),
            client_id.is_some(),
            opt_string(options, "userAgent")?.as_deref(),
            opt_number(options, "timeoutMs")?,
        )?;
        let auth = match (token, get_token, client_id, client_secret) {
            (Some(t), _, _, _) => Auth::Token(t),
            (None, Some(f), _, _) => Auth::Callback(f),
            (None, None, Some(id), Some(secret)) => Auth::ServiceAccount(Rc::new(
                ServiceAccount::new(&config.base_url, &id, &secret, config.timeout_ms)?,
            )),
            _ => return Err(ValidationError::new("token", "is required")),
        };
        Ok(AtlasClient {
            inner: Rc::new(Inner {
                retry: read_retry(options)?,
                pacing: opt_bool(options, "pacing")?.unwrap_or(false),
                hooks: Hooks {
                    on_deprecation: opt_function(options, "onDeprecation")?,
                    on_retry: opt_function(options, "onRetry")?,
                    on_request: opt_function(options, "onRequest")?,
                    on_response: opt_function(options, "onResponse")?,
                },
                user_agent: is_node().then(|| config.user_agent_header()),
                config,
                auth,
                warned: RefCell::new(Vec::new()),
                rate_limit: Cell::new((None, None)),
            }),
        })
    }

    /// The base URL calls go to.
    #[wasm_bindgen(getter, js_name = baseUrl)]
    pub fn base_url(&self) -> String {
        self.inner.config.base_url.clone()
    }

    /// `{ limit, remaining }` from the last response that carried RateLimit headers.
    #[wasm_bindgen(getter, js_name = rateLimit)]
    pub fn rate_limit(&self) -> JsValue {
        let (limit, remaining) = self.inner.rate_limit.get();
        Fields::new()
            .opt("limit", limit)
            .opt("remaining", remaining)
            .into_value()
    }

    /// A description without credentials.
    #[wasm_bindgen(js_name = toString)]
    pub fn to_js_string(&self) -> String {
        format!("AtlasClient({})", self.inner.config.base_url)
    }

    /// JSON form without credentials.
    #[wasm_bindgen(js_name = toJSON)]
    pub fn to_json(&self) -> JsValue {
        Fields::new()
            .set("baseUrl", self.inner.config.base_url.as_str())
            .into_value()
    }

    /// Revokes the service-account token this client obtained, if any.
    pub fn close(&self) -> Promise {
        let inner = self.inner.clone();
        future_to_promise(async move {
            if let Auth::ServiceAccount(sa) = &inner.auth {
                sa.revoke().await?;
            }
            Ok(JsValue::UNDEFINED)
        })
    }

    /// Every project, page after page, as an async iterable of projects.
    #[wasm_bindgen(js_name = listProjectsAll)]
    pub fn list_projects_all(&self, options: JsValue) -> Result<ProjectIterator, JsValue> {
        ProjectIterator::new(self.inner.clone(), &options, true).map_err(|e| errors::validation(&e))
    }

    /// Every page of projects, as an async iterable of pages.
    #[wasm_bindgen(js_name = listProjectsPages)]
    pub fn list_projects_pages(&self, options: JsValue) -> Result<ProjectIterator, JsValue> {
        ProjectIterator::new(self.inner.clone(), &options, false)
            .map_err(|e| errors::validation(&e))
    }

    fn run(&self, index: usize, name: &str, options: JsValue) -> Promise {
        let def = crate::schema::table::OPS
            .get(index)
            .filter(|d| d.name == name)
            .or_else(|| ops::op(name));
        match def {
            Some(def) => self.inner.clone().start(def, &options),
            None => Promise::reject(&JsValue::from_str("unknown operation")),
        }
    }
}

/// The operations as methods, each a one-line export over [`Inner::start`].
/// The list (`operations.rs`) is generated with the table from the API
/// description: each entry's index into `OPS` finds its definition directly.
macro_rules! operations {
    ($($(#[$doc:meta])* $js:literal $rust:ident $index:literal;)*) => {
        #[wasm_bindgen]
        impl AtlasClient {
            $(
                $(#[$doc])*
                #[wasm_bindgen(js_name = $js)]
                pub fn $rust(&self, options: JsValue) -> Promise {
                    self.run($index, $js, options)
                }
            )*
        }
    };
}

include!("operations.rs");

/// Reads an operation's options object: checks it and builds the request,
/// and takes the signal (which JSON text cannot carry). One call into JS
/// reads the object (`readOptions` in `js/runtime.js`).
pub(crate) fn read_options(
    def: &'static OpDef,
    options: &JsValue,
) -> Result<(Prepared, Option<AbortSignal>), ValidationError> {
    let r = read_options_js(options);
    let Some(read) = r.dyn_ref::<js_sys::Array>() else {
        return Err(ValidationError::new(
            get(&r, "path")
                .as_string()
                .unwrap_or_else(|| "options".into()),
            get(&r, "problem").as_string().unwrap_or_default(),
        ));
    };
    let json = read.get(0).as_string().unwrap_or_default();
    let signal = read.get(1).dyn_into::<AbortSignal>().ok();
    Ok((ops::prepare(def, &json)?, signal))
}

/// How errors name a call: `GET /api/atlas/v2/groups/…` (built only when
/// an error needs it).
fn label(req: &ApiRequest) -> String {
    format!("{} {}", req.method.as_str(), req.path)
}

/// An attempt handed to fetch: its exchange, the token it carries and when
/// it started (for `onResponse`).
pub(crate) struct Begun {
    promise: Promise,
    token: String,
    started: f64,
}

impl Inner {
    /// Runs the operation `op` with the caller's options object. What needs
    /// no waiting happens before this returns: the options are checked and,
    /// when the token is at hand and pacing does not hold the call back, the
    /// request is already on its way (a task queued for later would let
    /// whatever else is queued run first).
    pub(crate) fn start(self: Rc<Self>, op: &'static OpDef, options: &JsValue) -> Promise {
        let (prepared, signal) = match read_options(op, options) {
            Ok(read) => read,
            Err(e) => return Promise::reject(&errors::validation(&e)),
        };
        self.warn_deprecated(op);
        let timeout = prepared.timeout_ms.or(self.config.timeout_ms);
        let req = prepared.req;
        let url = req.url(&self.config.base_url);
        let first = if self.pacing_wait() > 0.0 {
            None
        } else {
            self.auth
                .token_now()
                .map(|token| self.begin(&req, &url, token, 1, signal.as_ref(), timeout))
        };
        future_to_promise(self.call(op, req, url, signal, timeout, first))
    }

    async fn call(
        self: Rc<Self>,
        op: &'static OpDef,
        req: ApiRequest,
        url: String,
        signal: Option<AbortSignal>,
        timeout: Option<f64>,
        first: Option<Begun>,
    ) -> Result<JsValue, JsValue> {
        let (got, req) = self
            .exchange(req, url, signal.as_ref(), timeout, first)
            .await?;
        let raw = RawResponse {
            status: got.status,
            content_type: got.content_type.as_deref(),
            retry_after: got.retry_after.as_deref(),
            body: &got.body,
        };
        // Rust checks the body against the operation's types; the platform's
        // JSON.parse builds the JS result (fast, and unknown fields come along).
        let body =
            response::check(&req, op.output, raw).map_err(|e| errors::from_core(&e, op.name))?;
        if op.output == Output::Empty {
            return Ok(JsValue::UNDEFINED);
        }
        let marked = if body.big_ints {
            response::mark_big_integers(body.json.as_bytes())
        } else {
            None
        };
        // The usual case: the checked JSON is the whole body, and JSON.parse
        // reads the string it arrived as (no copy back out of wasm memory).
        let whole = body.json.as_ptr() == got.body.as_ptr() && body.json.len() == got.body.len();
        let text = match &marked {
            Some(m) => JsValue::from_str(&String::from_utf8_lossy(m)),
            None if whole => got.text.clone(),
            None => JsValue::from_str(&body.json),
        };
        parse_json(&text, marked.is_some()).map_err(|e| {
            let failure = AtlasError::Decode(Box::new(DecodeFailure {
                status: got.status,
                method: req.method,
                path: req.path_and_query(),
                message: describe_js(&e),
                raw_body: String::from_utf8_lossy(&got.body).into_owned(),
            }));
            errors::from_core(&failure, op.name)
        })
    }

    /// How long pacing holds the next request back (0 without pacing).
    fn pacing_wait(&self) -> f64 {
        if !self.pacing {
            return 0.0;
        }
        let (limit, remaining) = self.rate_limit.get();
        retry::pacing_delay_ms(limit, remaining, self.retry.max_delay_ms.min(5_000.0))
    }

    /// Hands attempt `attempt` of `req` to fetch, with `token`, after
    /// telling `onRequest`.
    fn begin(
        &self,
        req: &ApiRequest,
        url: &str,
        token: String,
        attempt: u32,
        signal: Option<&AbortSignal>,
        timeout_ms: Option<f64>,
    ) -> Begun {
        let mut headers = vec![
            ("Accept", req.media_type.clone()),
            ("Authorization", format!("Bearer {token}")),
        ];
        if req.body.is_some() {
            headers.push(("Content-Type", req.media_type.clone()));
        }
        if let Some(ua) = &self.user_agent {
            headers.push(("User-Agent", ua.clone()));
        }
        notify(&self.hooks.on_request, || {
            event(req, url, attempt).set(
                "headers",
                Fields::new()
                    .set("Accept", req.media_type.as_str())
                    .set("Authorization", "Bearer [redacted]")
                    .into_value(),
            )
        });
        let started = if self.hooks.on_response.is_some() {
            Date::now()
        } else {
            0.0
        };
        let promise = transport::start(Outgoing {
            url,
            method: req.method.as_str(),
            headers,
            body: req.body.as_deref(),
            signal,
            timeout_ms,
        });
        Begun {
            promise,
            token,
            started,
        }
    }

    /// Sends `req` until it gets an answer that is not retried: renews a
    /// service-account token once on 401, retries per the policy, paces.
    /// `first`, when given, is the first attempt, already begun.
    async fn exchange(
        &self,
        req: ApiRequest,
        url: String,
        signal: Option<&AbortSignal>,
        timeout_ms: Option<f64>,
        mut first: Option<Begun>,
    ) -> Result<(Received, ApiRequest), JsValue> {
        let mut retries = 0u32;
        let mut renewed = false;
        loop {
            let attempt = retries + 1;
            let begun = match first.take() {
                Some(b) => b,
                None => {
                    let wait = self.pacing_wait();
                    if wait > 0.0 {
                        self.wait(wait, signal, &req).await?;
                    }
                    let token = self.auth.token().await?;
                    self.begin(&req, &url, token, attempt, signal, timeout_ms)
                }
            };
            let (token, started, timed) =
                (begun.token, begun.started, self.hooks.on_response.is_some());
            let sent = transport::finish(begun.promise, timeout_ms).await;
            let elapsed = if timed { Date::now() - started } else { 0.0 };
            let outcome = match &sent {
                Ok(got) => Outcome::Status(got.status),
                Err(SendError::Network(_)) => Outcome::Network,
                Err(_) => {
                    // Timeouts, aborts and platform errors end the call.
                    return Err(sent
                        .err()
                        .map(|e| e.into_js(&label(&req)))
                        .unwrap_or_default());
                }
            };
            let mut retry_after = None;
            if let Ok(got) = &sent {
                notify(&self.hooks.on_response, || {
                    event(&req, &url, attempt)
                        .set("status", got.status)
                        .set("durationMs", elapsed)
                });
                if got.rate_limit.is_some() || got.rate_remaining.is_some() {
                    self.rate_limit.set((got.rate_limit, got.rate_remaining));
                }
                if got.status == 401 && !renewed {
                    if let Auth::ServiceAccount(sa) = &self.auth {
                        // The token may have expired early: renew once and resend.
                        sa.invalidate(&token);
                        renewed = true;
                        continue;
                    }
                }
                retry_after = got
                    .retry_after
                    .as_deref()
                    .and_then(|v| retry::parse_retry_after(v, Date::now()));
            }
            if !self.retry.should_retry(req.method, retries, outcome) {
                return match sent {
                    Ok(got) => Ok((got, req)),
                    Err(e) => Err(e.into_js(&label(&req))),
                };
            }
            let delay = self.retry.delay_ms(retries, retry_after, Math::random());
            let status = match outcome {
                Outcome::Status(s) => JsValue::from(s),
                Outcome::Network => JsValue::NULL,
            };
            notify(&self.hooks.on_retry, || {
                event(&req, &url, attempt)
                    .set("status", status)
                    .set("delayMs", delay.round())
            });
            self.wait(delay, signal, &req).await?;
            retries += 1;
        }
    }

    /// Waits `ms` before another attempt of `req`, cut short by the caller's signal.
    async fn wait(
        &self,
        ms: f64,
        signal: Option<&AbortSignal>,
        req: &ApiRequest,
    ) -> Result<(), JsValue> {
        JsFuture::from(sleep(ms, signal.cloned()))
            .await
            .map(|_| ())
            .map_err(|reason| SendError::Aborted(reason).into_js(&label(req)))
    }

    /// Tells the caller once per client that a deprecated operation was used.
    fn warn_deprecated(&self, op: &'static OpDef) {
        let Some(dep) = op.deprecation else { return };
        if self.warned.borrow().contains(&op.name) {
            return;
        }
        self.warned.borrow_mut().push(op.name);
        let sunset = match dep.sunset {
            Some(d) => format!("its sunset date is {d}"),
            None => "it has no announced sunset date".to_owned(),
        };
        let message = format!(
            "atlas-admin-wasm: {} is deprecated and {}; {}",
            op.name, sunset, dep.instead
        );
        let event = Fields::new()
            .set("operation", op.name)
            .opt("sunset", dep.sunset)
            .set("message", message.as_str());
        match &self.hooks.on_deprecation {
            Some(_) => notify(&self.hooks.on_deprecation, || event),
            None => web_sys::console::warn_1(&JsValue::from_str(&message)),
        }
    }
}

/// The message of a JS error value.
fn describe_js(e: &JsValue) -> String {
    get(e, "message")
        .as_string()
        .unwrap_or_else(|| "the body is not valid JSON".to_owned())
}

/// The fields every hook event has.
fn event(req: &ApiRequest, url: &str, attempt: u32) -> Fields {
    Fields::new()
        .set("operation", req.operation)
        .set("method", req.method.as_str())
        .set("url", url)
        .set("attempt", attempt)
}
