//! One HTTP exchange over the platform's `fetch` (browsers, workers, Node 18+).
//!
//! Each exchange owns an `AbortController`: the caller's signal, the timeout
//! and dropping the future all abort it, and every timer and listener is
//! removed when the exchange ends, however it ends.

use super::errors::{self, Fields};
use js_sys::{Object, Promise, Reflect, Uint8Array};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, AbortSignal, Response};

#[wasm_bindgen(module = "/js/runtime.js")]
extern "C" {
    #[wasm_bindgen(js_name = raceAbort)]
    fn race_abort(p: &Promise, signal: &AbortSignal) -> Promise;
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = fetch)]
    fn global_fetch(url: &str, init: &Object) -> Promise;
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
}

const RUNNING: u8 = 0;
const TIMED_OUT: u8 = 1;
const CALLER_ABORTED: u8 = 2;

/// Cleans up an exchange: clears the timer, removes the abort listener and
/// aborts the request if it has not finished (the future was dropped).
struct InFlight {
    controller: AbortController,
    timer: Option<(JsValue, Closure<dyn FnMut()>)>,
    listener: Option<(AbortSignal, Closure<dyn FnMut()>)>,
    finished: bool,
}

impl Drop for InFlight {
    fn drop(&mut self) {
        if let Some((id, _cb)) = self.timer.take() {
            clear_timeout(&id);
        }
        if let Some((signal, cb)) = self.listener.take() {
            let _ =
                signal.remove_event_listener_with_callback("abort", cb.as_ref().unchecked_ref());
        }
        if !self.finished {
            self.controller.abort();
        }
    }
}

fn header(res: &Response, name: &str) -> Option<String> {
    res.headers().get(name).ok().flatten()
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

fn failure(state: u8, out: &Outgoing<'_>, cause: JsValue) -> SendError {
    match state {
        TIMED_OUT => SendError::Timeout(out.timeout_ms.unwrap_or_default()),
        CALLER_ABORTED => SendError::Aborted(out.signal.map(|s| s.reason()).unwrap_or_default()),
        _ => SendError::Network(cause),
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

/// Performs one exchange.
pub(crate) async fn send(out: Outgoing<'_>) -> Result<Received, SendError> {
    if let Some(s) = out.signal {
        if s.aborted() {
            return Err(SendError::Aborted(s.reason()));
        }
    }
    let controller = AbortController::new().map_err(SendError::Platform)?;
    let state = Rc::new(Cell::new(RUNNING));
    let mut guard = InFlight {
        controller: controller.clone(),
        timer: None,
        listener: None,
        finished: false,
    };
    if let Some(ms) = out.timeout_ms {
        let (c, st) = (controller.clone(), state.clone());
        let cb = Closure::<dyn FnMut()>::new(move || {
            st.set(TIMED_OUT);
            c.abort();
        });
        let id = set_timeout(cb.as_ref().unchecked_ref(), ms);
        guard.timer = Some((id, cb));
    }
    if let Some(signal) = out.signal {
        let (c, st, s) = (controller.clone(), state.clone(), signal.clone());
        let cb = Closure::<dyn FnMut()>::new(move || {
            st.set(CALLER_ABORTED);
            c.abort_with_reason(&s.reason());
        });
        signal
            .add_event_listener_with_callback("abort", cb.as_ref().unchecked_ref())
            .map_err(SendError::Platform)?;
        guard.listener = Some((signal.clone(), cb));
    }

    let headers = Object::new();
    for (k, v) in &out.headers {
        let _ = Reflect::set(&headers, &JsValue::from_str(k), &JsValue::from_str(v));
    }
    let init = Object::new();
    let _ = Reflect::set(&init, &"method".into(), &out.method.into());
    let _ = Reflect::set(&init, &"headers".into(), &headers);
    // Never follow redirects: credentials must not travel to another origin.
    let _ = Reflect::set(&init, &"redirect".into(), &"error".into());
    let _ = Reflect::set(&init, &"signal".into(), &controller.signal());
    if let Some(b) = out.body {
        let _ = Reflect::set(&init, &"body".into(), &Uint8Array::from(b));
    }

    // Raced against our own signal: a timeout or abort settles the call even
    // if the platform's fetch ignores the abort.
    let signal = controller.signal();
    let res = JsFuture::from(race_abort(&global_fetch(out.url, &init), &signal))
        .await
        .map_err(|e| failure(state.get(), &out, e))?;
    let res: Response = res.dyn_into().map_err(SendError::Platform)?;
    let body = res.array_buffer().map_err(SendError::Platform)?;
    let buf = JsFuture::from(race_abort(&body, &signal))
        .await
        .map_err(|e| failure(state.get(), &out, e))?;
    guard.finished = true;
    drop(guard);
    let number = |name| header(&res, name).and_then(|v| v.trim().parse::<f64>().ok());
    Ok(Received {
        status: res.status(),
        content_type: header(&res, "content-type"),
        retry_after: header(&res, "retry-after"),
        rate_limit: number("ratelimit-limit"),
        rate_remaining: number("ratelimit-remaining"),
        body: Uint8Array::new(&buf).to_vec(),
    })
}
