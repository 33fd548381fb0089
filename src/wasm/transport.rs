//! One HTTP exchange over the platform's `fetch` (browsers, workers, Node 18+).
//!
//! The exchange itself is one JavaScript function (`exchange` in
//! `js/runtime.js`): it owns an `AbortController` that the caller's signal
//! and the timeout abort, races fetch and the body read against it, reads
//! the headers the client needs, and removes every timer and listener when
//! it ends, however it ends. One call across the boundary per attempt: this
//! side only turns its answer into [`Received`] or a [`SendError`].

use super::errors::{self, Fields};
use js_sys::{Array, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortSignal;

#[wasm_bindgen(module = "/js/runtime.js")]
extern "C" {
    fn exchange(
        request: &str,
        body: Option<Uint8Array>,
        signal: Option<AbortSignal>,
        timeout_ms: Option<f64>,
    ) -> Promise;
    #[wasm_bindgen(js_name = encodeInto)]
    fn encode_into(text: &JsValue, into: &Uint8Array) -> u32;
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout)]
    pub(crate) fn set_timeout(cb: &js_sys::Function, ms: f64) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    pub(crate) fn clear_timeout(id: &JsValue);
}

/// An outgoing request, ready for the wire.
pub(crate) struct Outgoing<'a> {
    pub url: &'a str,
    pub method: &'a str,
    pub headers: Vec<(&'static str, String)>,
    pub body: Option<&'a [u8]>,
    pub signal: Option<&'a AbortSignal>,
    pub timeout_ms: Option<f64>,
}

/// What came back.
pub(crate) struct Received {
    pub status: u16,
    pub content_type: Option<String>,
    pub retry_after: Option<String>,
    pub rate_limit: Option<f64>,
    pub rate_remaining: Option<f64>,
    pub body: Vec<u8>,
    /// The same body as the JS string it arrived as (handed to `JSON.parse`
    /// as it is when the checked result is the whole body).
    pub text: JsValue,
}

/// Why an exchange did not produce a response.
pub(crate) enum SendError {
    /// Could not connect, send, or read the body; `cause` is the platform's error.
    Network(JsValue),
    /// The timeout elapsed.
    Timeout(f64),
    /// The caller's signal fired; its reason.
    Aborted(JsValue),
    /// Something in the JS environment refused (not retried).
    Platform(JsValue),
}

impl SendError {
    /// The JS error object for this failure of the call labelled `label`.
    pub(crate) fn into_js(self, label: &str) -> JsValue {
        match self {
            SendError::Timeout(ms) => errors::transport(
                "timeout",
                &format!("{label} timed out after {} ms", ms.round() as u64),
                Fields::new().set("timeoutMs", ms),
            ),
            SendError::Aborted(reason) => errors::transport(
                "abort",
                &format!("{label} was aborted"),
                Fields::new().set("cause", reason),
            ),
            SendError::Network(cause) | SendError::Platform(cause) => errors::transport(
                "network",
                &format!("{label} could not be completed: {}", describe(&cause)),
                Fields::new().set("cause", cause),
            ),
        }
    }
}

/// A short description of a JS error (its message, and its cause's message).
fn describe(e: &JsValue) -> String {
    let msg = |v: &JsValue| {
        Reflect::get(v, &JsValue::from_str("message"))
            .ok()
            .and_then(|m| m.as_string())
    };
    let mut s = msg(e).unwrap_or_else(|| "unknown error".to_owned());
    if let Some(c) = Reflect::get(e, &JsValue::from_str("cause"))
        .ok()
        .filter(|c| !c.is_undefined())
        .and_then(|c| msg(&c))
    {
        s.push_str(" (");
        s.push_str(&c);
        s.push(')');
    }
    s
}

/// The UTF-8 bytes of JS string `text` of `units` UTF-16 units, written
/// straight into this module's memory by the platform's encoder.
fn utf8_of(text: &JsValue, units: usize) -> Vec<u8> {
    if !text.is_string() {
        return Vec::new();
    }
    let cap = units.saturating_mul(3);
    let mut buf: Vec<u8> = Vec::with_capacity(cap);
    // SAFETY: the view covers exactly the allocation of `buf` (capacity
    // `cap`) and lives only for `encode_into`, a synchronous JS call that
    // allocates nothing in this module's memory, so the memory cannot grow
    // (and move) while the view exists. `encodeInto` never writes more than
    // the view's length, and the first `written` bytes are initialised.
    unsafe {
        let view = Uint8Array::view_mut_raw(buf.as_mut_ptr(), cap);
        let written = encode_into(text, &view) as usize;
        buf.set_len(written.min(cap));
    }
    buf
}

/// Performs one exchange.
pub(crate) async fn send(out: Outgoing<'_>) -> Result<Received, SendError> {
    let timeout_ms = out.timeout_ms;
    finish(start(out), timeout_ms).await
}

/// Hands one exchange to fetch, now.
pub(crate) fn start(out: Outgoing<'_>) -> Promise {
    let mut request = String::with_capacity(out.url.len() + 256);
    for part in [out.url, out.method] {
        request.push_str(part);
        request.push('\n');
    }
    for (k, v) in &out.headers {
        request.push_str(k);
        request.push('\n');
        request.push_str(v);
        request.push('\n');
    }
    exchange(
        &request,
        out.body.map(Uint8Array::from),
        out.signal.cloned(),
        out.timeout_ms,
    )
}

/// Waits for an exchange begun by [`start`] (with `timeout_ms`, for the
/// error) and reads its answer.
pub(crate) async fn finish(
    promise: Promise,
    timeout_ms: Option<f64>,
) -> Result<Received, SendError> {
    let got = JsFuture::from(promise).await.map_err(|e| {
        let kind = Reflect::get(&e, &JsValue::from_str("kind"))
            .ok()
            .and_then(|k| k.as_string());
        let cause = Reflect::get(&e, &JsValue::from_str("cause")).unwrap_or_default();
        match kind.as_deref() {
            Some("timeout") => SendError::Timeout(timeout_ms.unwrap_or_default()),
            Some("abort") => SendError::Aborted(cause),
            Some("network") => SendError::Network(cause),
            _ => SendError::Platform(e),
        }
    })?;
    let got: Array = got.dyn_into().map_err(SendError::Platform)?;
    let text = |i: u32| got.get(i).as_string();
    let number = |i: u32| got.get(i).as_f64();
    Ok(Received {
        status: number(0).unwrap_or_default() as u16,
        content_type: text(1),
        retry_after: text(2),
        rate_limit: number(3),
        rate_remaining: number(4),
        body: utf8_of(&got.get(5), number(6).unwrap_or_default() as usize),
        text: got.get(5),
    })
}
