//! Builds the JavaScript error objects (classes in `js/errors.js`) from the
//! core's error data. One place decides each error's message and fields.

use crate::error::AtlasError;
use crate::validate::ValidationError;
use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/errors.js")]
extern "C" {
    #[wasm_bindgen(js_name = makeError)]
    fn make_error(kind: &str, message: &str, fields: &JsValue) -> JsValue;
}

/// A plain JS object built field by field.
pub(crate) struct Fields(Object);

impl Fields {
    /// The object built so far.
    pub fn into_value(self) -> JsValue {
        self.0.into()
    }
    pub fn new() -> Self {
        Fields(Object::new())
    }
    pub fn set(self, key: &str, v: impl Into<JsValue>) -> Self {
        let _ = Reflect::set(&self.0, &JsValue::from_str(key), &v.into());
        self
    }
    pub fn opt<T: Into<JsValue>>(self, key: &str, v: Option<T>) -> Self {
        match v {
            Some(v) => self.set(key, v),
            None => self,
        }
    }
    /// Sets `key` to the value of JSON text (kept from a response body).
    pub fn json(self, key: &str, v: &Option<String>) -> Self {
        match v {
            Some(text) => self.set(key, js_sys::JSON::parse(text).unwrap_or(JsValue::NULL)),
            None => self,
        }
    }
}

/// An `AtlasValidationError`.
pub(crate) fn validation(e: &ValidationError) -> JsValue {
    make_error(
        "validation",
        &format!("invalid argument {e}"),
        &Fields::new()
            .set("field", e.field.as_str())
            .set("rule", e.rule.as_str())
            .0,
    )
}

/// The JS error for a core error.
pub(crate) fn from_core(e: &AtlasError, operation: &str) -> JsValue {
    match e {
        AtlasError::Validation(v) => validation(v),
        AtlasError::Api(a) => make_error(
            "api",
            &a.to_string(),
            &Fields::new()
                .set("operation", operation)
                .set("status", a.status)
                .set("method", a.method.as_str())
                .set("path", a.path.as_str())
                .opt("errorCode", a.error_code.as_deref())
                .opt("detail", a.detail.as_deref())
                .opt("reason", a.reason.as_deref())
                .json("parameters", &a.parameters)
                .json("badRequestDetail", &a.bad_request_detail)
                .opt("errorType", a.error_type.as_deref())
                .json("invalidPolicies", &a.invalid_policies)
                .opt("retryAfter", a.retry_after.as_deref())
                .set("rawBody", a.raw_body.as_str())
                .0,
        ),
        AtlasError::Decode(d) => make_error(
            "decode",
            &d.to_string(),
            &Fields::new()
                .set("operation", operation)
                .set("status", d.status)
                .set("method", d.method.as_str())
                .set("path", d.path.as_str())
                .set("rawBody", d.raw_body.as_str())
                .0,
        ),
    }
}

/// An error of the transport (`network`, `timeout` or `abort`).
pub(crate) fn transport(kind: &str, message: &str, fields: Fields) -> JsValue {
    make_error(kind, message, &fields.0)
}
