//! `AtlasClient`, the JavaScript face of the crate: reads options objects,
//! runs an operation (build → send → decode) and settles a Promise.

use super::errors::{self, is_node};
use super::transport::{self, Outgoing};
use crate::config::{self, ClientConfig, CLIENT_FIELDS};
use crate::ops::{self, *};
use crate::response::RawResponse;
use crate::validate::ValidationError;
use js_sys::{Function, Object, Promise, Reflect};
use serde::Serialize;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{future_to_promise, JsFuture};
use web_sys::AbortSignal;

/// How calls get their bearer token.
enum Auth {
    Token(String),
    Callback(Function),
}

struct Inner {
    config: ClientConfig,
    auth: Auth,
    on_deprecation: Option<Function>,
    warned: RefCell<Vec<&'static str>>,
    rate_limit: Cell<(Option<f64>, Option<f64>)>,
}

/// A client for the Atlas Administration API v2. Holds its credentials
/// privately: they never appear in errors, logs or `toString()`.
#[wasm_bindgen(skip_typescript)]
pub struct AtlasClient {
    inner: Rc<Inner>,
}

fn get(obj: &JsValue, key: &str) -> JsValue {
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

fn opt_number(obj: &JsValue, key: &str) -> Result<Option<f64>, ValidationError> {
    let v = get(obj, key);
    if v.is_undefined() {
        return Ok(None);
    }
    v.as_f64()
        .map(Some)
        .ok_or_else(|| ValidationError::new(key, "must be a number"))
}

fn opt_function(obj: &JsValue, key: &str) -> Result<Option<Function>, ValidationError> {
    let v = get(obj, key);
    if v.is_undefined() {
        return Ok(None);
    }
    v.dyn_into::<Function>()
        .map(Some)
        .map_err(|_| ValidationError::new(key, "must be a function"))
}

/// The own enumerable keys of an options object, refusing non-objects.
fn keys_of(options: &JsValue, what: &str) -> Result<Vec<String>, ValidationError> {
    if !options.is_object() || js_sys::Array::is_array(options) || options.is_function() {
        return Err(ValidationError::new(what, "must be an object"));
    }
    Ok(Object::keys(options.unchecked_ref::<Object>())
        .iter()
        .filter_map(|k| k.as_string())
        .collect())
}

fn refuse_unknown(keys: &[String], known: &[&str]) -> Result<(), ValidationError> {
    match keys.iter().find(|k| !known.contains(&k.as_str())) {
        Some(k) => Err(ValidationError::new(
            k.as_str(),
            format!("is not a known option; known options: {}", known.join(", ")),
        )),
        None => Ok(()),
    }
}

#[wasm_bindgen]
impl AtlasClient {
    /// Creates a client; throws `AtlasValidationError` for bad options.
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<AtlasClient, JsValue> {
        Self::from_options(&options).map_err(|e| errors::validation(&e))
    }

    fn from_options(options: &JsValue) -> Result<AtlasClient, ValidationError> {
        refuse_unknown(&keys_of(options, "options")?, CLIENT_FIELDS)?;
        let token = opt_string(options, "token")?;
        let get_token = opt_function(options, "getToken")?;
        let config = ClientConfig::new(
            opt_string(options, "baseUrl")?.as_deref(),
            token.as_deref(),
            get_token.is_some(),
            opt_string(options, "userAgent")?.as_deref(),
            opt_number(options, "timeoutMs")?,
        )?;
        let auth = match (token, get_token) {
            (Some(t), _) => Auth::Token(t),
            (None, Some(f)) => Auth::Callback(f),
            (None, None) => return Err(ValidationError::new("token", "is required")),
        };
        Ok(AtlasClient {
            inner: Rc::new(Inner {
                config,
                auth,
                on_deprecation: opt_function(options, "onDeprecation")?,
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
        errors::Fields::new()
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
        errors::Fields::new()
            .set("baseUrl", self.inner.config.base_url.as_str())
            .into_value()
    }

    fn run<O: Operation + 'static>(&self, options: JsValue) -> Promise {
        let inner = self.inner.clone();
        future_to_promise(async move { inner.call::<O>(options).await })
    }
}

/// The twelve operations, each a one-line export over [`Inner::call`].
macro_rules! operations {
    ($($(#[$doc:meta])* $js:literal $rust:ident $op:ty;)*) => {
        #[wasm_bindgen]
        impl AtlasClient {
            $(
                $(#[$doc])*
                #[wasm_bindgen(js_name = $js)]
                pub fn $rust(&self, options: JsValue) -> Promise {
                    self.run::<$op>(options)
                }
            )*
        }
    };
}

operations! {
    /// One page of projects.
    "listProjects" list_projects ListProjects;
    /// A project's maintenance window.
    "getMaintenanceWindow" get_maintenance_window GetMaintenanceWindow;
    /// Creates an organization API key (the private key is returned only once).
    "createApiKey" create_api_key CreateApiKey;
    /// Checks a resource policy without creating it.
    "validateAtlasResourcePolicy" validate_atlas_resource_policy ValidateAtlasResourcePolicy;
    /// Issues an X.509 certificate for a database user; resolves to PEM text.
    "createDatabaseUserCertificate" create_database_user_certificate CreateDatabaseUserCertificate;
    /// Deletes a snapshot export bucket.
    "deleteExportBucket" delete_export_bucket DeleteExportBucket;
    /// One query limit of a federated database instance.
    "returnFederatedDatabaseQueryLimit" return_federated_database_query_limit ReturnFederatedDatabaseQueryLimit;
    /// A project's ingestion pipelines (deprecated).
    "listPipelines" list_pipelines ListPipelines;
    /// Deletes a federation identity provider.
    "deleteIdentityProvider" delete_identity_provider DeleteIdentityProvider;
    /// A legacy snapshot (deprecated).
    "getLegacySnapshot" get_legacy_snapshot GetLegacySnapshot;
    /// Changes a legacy snapshot's retention (deprecated).
    "updateLegacySnapshotRetention" update_legacy_snapshot_retention UpdateLegacySnapshotRetention;
    /// Updates an Atlas Search index (deprecated).
    "updateAtlasSearchIndexDeprecated" update_atlas_search_index_deprecated UpdateAtlasSearchIndexDeprecated;
}

/// Reads an operation's options object: its own fields, the shared ones and the signal.
fn read_options<O: Operation>(
    options: &JsValue,
) -> Result<(O, ops::CommonOptions, Option<AbortSignal>), ValidationError> {
    let options = if options.is_undefined() || options.is_null() {
        Object::new().into()
    } else {
        options.clone()
    };
    check_keys::<O>(&keys_of(&options, "options")?)?;
    let signal = match get(&options, "signal") {
        v if v.is_undefined() => None,
        v => Some(
            v.dyn_into::<AbortSignal>()
                .map_err(|_| ValidationError::new("signal", "must be an AbortSignal"))?,
        ),
    };
    let op = ops::options_from::<O, _>(serde_wasm_bindgen::Deserializer::from(options.clone()))?;
    let common: ops::CommonOptions =
        serde_path_to_error::deserialize(serde_wasm_bindgen::Deserializer::from(options))
            .map_err(ops::options_error)?;
    Ok((op, common, signal))
}

impl Inner {
    async fn call<O: Operation>(&self, options: JsValue) -> Result<JsValue, JsValue> {
        let (op, common, signal) =
            read_options::<O>(&options).map_err(|e| errors::validation(&e))?;
        let req = ops::build(&op, &common).map_err(|e| errors::validation(&e))?;
        self.warn_deprecated::<O>();
        let label = format!("{} {}", req.method.as_str(), req.path);
        let token = self.token().await?;
        let mut headers = vec![
            ("Accept", req.media_type.clone()),
            ("Authorization", format!("Bearer {token}")),
        ];
        if req.body.is_some() {
            headers.push(("Content-Type", req.media_type.clone()));
        }
        if is_node() {
            headers.push(("User-Agent", self.config.user_agent_header()));
        }
        let url = req.url(&self.config.base_url);
        let got = transport::send(Outgoing {
            url: &url,
            method: req.method.as_str(),
            label: &label,
            headers,
            body: req.body.as_deref(),
            signal: signal.as_ref(),
            timeout_ms: common.timeout_ms.or(self.config.timeout_ms),
        })
        .await?;
        if got.rate_limit.is_some() || got.rate_remaining.is_some() {
            self.rate_limit.set((got.rate_limit, got.rate_remaining));
        }
        let raw = RawResponse {
            status: got.status,
            content_type: got.content_type.as_deref(),
            retry_after: got.retry_after.as_deref(),
            body: &got.body,
        };
        let out = ops::decode::<O>(&req, raw).map_err(|e| errors::from_core(&e, O::NAME))?;
        out.serialize(&serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true))
            .map_err(|e| {
                errors::from_core(
                    &crate::error::AtlasError::Decode(Box::new(crate::error::DecodeFailure {
                        status: got.status,
                        method: req.method,
                        path: req.path_and_query(),
                        message: e.to_string(),
                        raw_body: String::from_utf8_lossy(&got.body).into_owned(),
                    })),
                    O::NAME,
                )
            })
    }

    /// The bearer token for the next call.
    async fn token(&self) -> Result<String, JsValue> {
        match &self.auth {
            Auth::Token(t) => Ok(t.clone()),
            Auth::Callback(f) => {
                let bad = |rule: &str| errors::validation(&ValidationError::new("getToken", rule));
                let mut v = f
                    .call0(&JsValue::UNDEFINED)
                    .map_err(|_| bad("threw an error"))?;
                if v.has_type::<Promise>() {
                    v = JsFuture::from(v.unchecked_into::<Promise>())
                        .await
                        .map_err(|_| bad("rejected"))?;
                }
                let t = v
                    .as_string()
                    .ok_or_else(|| bad("must resolve to a string"))?;
                config::check_token("getToken", &t).map_err(|e| errors::validation(&e))?;
                Ok(t)
            }
        }
    }

    /// Tells the caller once per client that a deprecated operation was used.
    fn warn_deprecated<O: Operation>(&self) {
        let Some(dep) = O::DEPRECATION else { return };
        if self.warned.borrow().contains(&O::NAME) {
            return;
        }
        self.warned.borrow_mut().push(O::NAME);
        let sunset = match dep.sunset {
            Some(d) => format!("its sunset date is {d}"),
            None => "it has no announced sunset date".to_owned(),
        };
        let message = format!(
            "atlas-admin-wasm: {} is deprecated and {}; {}",
            O::NAME,
            sunset,
            dep.instead
        );
        let event = errors::Fields::new()
            .set("operation", O::NAME)
            .opt("sunset", dep.sunset)
            .set("message", message.as_str())
            .into_value();
        match &self.on_deprecation {
            Some(f) => {
                let _ = f.call1(&JsValue::UNDEFINED, &event);
            }
            None => web_sys::console::warn_1(&JsValue::from_str(&message)),
        }
    }
}
