//! `listProjectsAll` / `listProjectsPages`: an async iterable over every page
//! of projects. Pages are requested by number, up to `concurrency` at a time,
//! and handed out in order; the listing ends at the first short page or page
//! without a `next` link. Breaking out of `for await` aborts what is in flight.

use super::client::{get, keys_of, opt_function, opt_number, opt_signal, refuse_unknown, Inner};
use super::errors::Fields;
use super::transport::SendError;
use crate::runtime::paging::{self, DEFAULT_PAGE_SIZE, PAGING_FIELDS};
use crate::validate::{self, ValidationError};
use js_sys::{Array, Function, Promise};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{future_to_promise, JsFuture};
use web_sys::{AbortController, AbortSignal};

#[wasm_bindgen(module = "/js/runtime.js")]
extern "C" {
    fn swallow(p: &Promise);
}

struct Listing {
    page_size: i64,
    concurrency: usize,
    timeout_ms: Option<f64>,
    on_progress: Option<Function>,
    /// Aborts every page request of this listing.
    controller: AbortController,
    /// The caller's signal and our listener on it.
    caller: Option<(AbortSignal, Closure<dyn FnMut()>)>,
    next_page: i64,
    in_flight: VecDeque<Promise>,
    /// No further page will be requested.
    last_seen: bool,
    /// The iterator has finished (or failed, or was closed).
    ended: bool,
    pages_done: u32,
    items_done: u32,
    total_estimate: JsValue,
    /// Items of the current page not yet handed out (item mode).
    buffer: Option<(Array, u32)>,
}

impl Listing {
    /// Stops everything in flight and detaches from the caller's signal.
    fn stop(&mut self) {
        self.ended = true;
        self.last_seen = true;
        self.buffer = None;
        for p in self.in_flight.drain(..) {
            swallow(&p);
        }
        self.controller.abort();
        if let Some((s, cb)) = self.caller.take() {
            let _ = s.remove_event_listener_with_callback("abort", cb.as_ref().unchecked_ref());
        }
    }
}

impl Drop for Listing {
    fn drop(&mut self) {
        if !self.ended {
            self.stop();
        }
    }
}

/// An async iterable of projects (item mode) or of pages.
#[wasm_bindgen(skip_typescript)]
pub struct ProjectIterator {
    inner: Rc<Inner>,
    state: Rc<RefCell<Listing>>,
    items: bool,
}

fn done(value: JsValue, finished: bool) -> JsValue {
    Fields::new()
        .set("value", value)
        .set("done", finished)
        .into_value()
}

impl ProjectIterator {
    pub(crate) fn new(
        inner: Rc<Inner>,
        options: &JsValue,
        items: bool,
    ) -> Result<Self, ValidationError> {
        let options = if options.is_undefined() || options.is_null() {
            js_sys::Object::new().into()
        } else {
            options.clone()
        };
        refuse_unknown(&keys_of(&options, "options")?, PAGING_FIELDS, "")?;
        let page_size = match get(&options, "itemsPerPage") {
            v if v.is_undefined() => DEFAULT_PAGE_SIZE,
            v => match v.as_f64() {
                Some(n) if n.fract() == 0.0 => n as i64,
                _ => return Err(ValidationError::new("itemsPerPage", "must be an integer")),
            },
        };
        validate::range("itemsPerPage", page_size, 1, 500)?;
        let concurrency = paging::concurrency(opt_number(&options, "concurrency")?)? as usize;
        let timeout_ms = opt_number(&options, "timeoutMs")?;
        if let Some(t) = timeout_ms {
            crate::config::check_timeout("timeoutMs", t)?;
        }
        let controller = AbortController::new()
            .map_err(|_| ValidationError::new("signal", "AbortController is unavailable"))?;
        let caller = match opt_signal(&options)? {
            Some(s) => {
                let c = controller.clone();
                let s2 = s.clone();
                let cb = Closure::<dyn FnMut()>::new(move || c.abort_with_reason(&s2.reason()));
                if s.aborted() {
                    controller.abort_with_reason(&s.reason());
                }
                let _ = s.add_event_listener_with_callback("abort", cb.as_ref().unchecked_ref());
                Some((s, cb))
            }
            None => None,
        };
        Ok(ProjectIterator {
            inner,
            items,
            state: Rc::new(RefCell::new(Listing {
                page_size,
                concurrency,
                timeout_ms,
                on_progress: opt_function(&options, "onProgress")?,
                controller,
                caller,
                next_page: 1,
                in_flight: VecDeque::new(),
                last_seen: false,
                ended: false,
                pages_done: 0,
                items_done: 0,
                total_estimate: JsValue::UNDEFINED,
                buffer: None,
            })),
        })
    }
}

/// Requests page `n` of the listing.
fn request_page(inner: &Rc<Inner>, st: &Listing, n: i64) -> Promise {
    let opts = Fields::new()
        .set("itemsPerPage", st.page_size as f64)
        .set("pageNum", n as f64)
        .set("includeCount", n == 1)
        .set("signal", st.controller.signal())
        .opt("timeoutMs", st.timeout_ms)
        .into_value();
    match crate::ops::op("listProjects") {
        Some(def) => inner.clone().start(def, &opts),
        None => Promise::reject(&JsValue::from_str("listProjects is not in the table")),
    }
}

/// Whether a page names a `next` link.
fn has_next_link(page: &JsValue) -> bool {
    get(page, "links")
        .dyn_into::<Array>()
        .map(|links| {
            links
                .iter()
                .any(|l| get(&l, "rel").as_string().as_deref() == Some("next"))
        })
        .unwrap_or(false)
}

async fn next(
    inner: Rc<Inner>,
    state: Rc<RefCell<Listing>>,
    items: bool,
) -> Result<JsValue, JsValue> {
    loop {
        let pending = {
            let mut st = state.borrow_mut();
            if st.ended {
                return Ok(done(JsValue::UNDEFINED, true));
            }
            // The caller aborted: nothing more is handed out, not even pages
            // that already arrived.
            let signal = st.controller.signal();
            if signal.aborted() {
                st.stop();
                return Err(SendError::Aborted(signal.reason()).into_js("GET /api/atlas/v2/groups"));
            }
            // Hand out buffered items first.
            if let Some((page, i)) = st.buffer.take() {
                if i < page.length() {
                    let item = page.get(i);
                    st.buffer = Some((page, i + 1));
                    return Ok(done(item, false));
                }
            }
            while !st.last_seen && st.in_flight.len() < st.concurrency {
                let n = st.next_page;
                st.next_page += 1;
                let p = request_page(&inner, &st, n);
                st.in_flight.push_back(p);
            }
            match st.in_flight.pop_front() {
                Some(p) => p,
                None => {
                    st.stop();
                    return Ok(done(JsValue::UNDEFINED, true));
                }
            }
        };
        let page = match JsFuture::from(pending).await {
            Ok(page) => page,
            Err(e) => {
                state.borrow_mut().stop();
                return Err(e);
            }
        };
        let results: Array = get(&page, "results").dyn_into().unwrap_or_default();
        let progress = {
            let mut st = state.borrow_mut();
            if st.ended {
                return Ok(done(JsValue::UNDEFINED, true));
            }
            let n = results.length();
            if !paging::has_more(n as usize, st.page_size, has_next_link(&page)) {
                // Later pages already requested are beyond the end: drop them.
                st.last_seen = true;
                for p in st.in_flight.drain(..) {
                    swallow(&p);
                }
            }
            st.pages_done += 1;
            st.items_done += n;
            let total = get(&page, "totalCount");
            if !total.is_undefined() {
                st.total_estimate = total;
            }
            st.on_progress.clone().map(|f| {
                (
                    f,
                    Fields::new()
                        .set("pagesDone", st.pages_done)
                        .set("itemsDone", st.items_done)
                        .set("totalEstimate", st.total_estimate.clone()),
                )
            })
        };
        if let Some((f, event)) = progress {
            let _ = f.call1(&JsValue::UNDEFINED, &event.into_value());
        }
        if !items {
            return Ok(done(page, false));
        }
        state.borrow_mut().buffer = Some((results, 0));
    }
}

#[wasm_bindgen]
impl ProjectIterator {
    /// The next project (or page): `{ value, done }`.
    pub fn next(&self) -> Promise {
        future_to_promise(next(self.inner.clone(), self.state.clone(), self.items))
    }

    /// Ends the listing early (called by `break` in `for await`): aborts the
    /// page requests in flight.
    #[wasm_bindgen(js_name = "return")]
    pub fn finish(&self) -> Promise {
        self.state.borrow_mut().stop();
        Promise::resolve(&done(JsValue::UNDEFINED, true))
    }

    /// Makes the iterator usable with `for await`.
    #[wasm_bindgen(js_name = "[Symbol.asyncIterator]")]
    pub fn async_iterator(&self) -> ProjectIterator {
        ProjectIterator {
            inner: self.inner.clone(),
            state: self.state.clone(),
            items: self.items,
        }
    }
}
