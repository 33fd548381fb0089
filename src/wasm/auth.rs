//! Bearer tokens for calls: a fixed token, the caller's `getToken`, or a
//! service account whose tokens this client obtains, caches, shares between
//! concurrent calls, renews before they expire and revokes on `close()`.

use super::errors;
use super::transport::{self, Outgoing};
use crate::config;
use crate::error::{ApiFailure, AtlasError};
use crate::request::Method;
use crate::runtime::token::{self, TokenGrant};
use crate::validate::ValidationError;
use js_sys::{Date, Function, Promise};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{future_to_promise, JsFuture};

/// How calls authenticate.
pub(crate) enum Auth {
    Token(String),
    Callback(Function),
    ServiceAccount(Rc<ServiceAccount>),
}

/// A service account's credentials and its current token.
pub(crate) struct ServiceAccount {
    base_url: String,
    basic: String,
    timeout_ms: Option<f64>,
    state: RefCell<TokenState>,
}

#[derive(Default)]
struct TokenState {
    /// The token and when to renew it (Unix ms).
    current: Option<(String, f64)>,
    /// A token request in flight, shared by every caller that needs a token.
    pending: Option<Promise>,
}

impl ServiceAccount {
    pub fn new(
        base_url: &str,
        client_id: &str,
        client_secret: &str,
        timeout_ms: Option<f64>,
    ) -> Result<Self, ValidationError> {
        token::check_credential("clientId", client_id)?;
        token::check_credential("clientSecret", client_secret)?;
        Ok(ServiceAccount {
            base_url: base_url.to_owned(),
            basic: token::basic_auth(client_id, client_secret),
            timeout_ms,
            state: RefCell::default(),
        })
    }

    /// The cached token, if it is still good.
    pub fn cached(&self) -> Option<String> {
        let st = self.state.borrow();
        st.current
            .as_ref()
            .filter(|(_, renew_at)| Date::now() < *renew_at)
            .map(|(t, _)| t.clone())
    }

    /// A valid token: the cached one, the one being fetched, or a new one.
    pub async fn token(self: &Rc<Self>) -> Result<String, JsValue> {
        let pending = {
            let mut st = self.state.borrow_mut();
            if let Some((t, renew_at)) = &st.current {
                if Date::now() < *renew_at {
                    return Ok(t.clone());
                }
            }
            match &st.pending {
                Some(p) => p.clone(),
                None => {
                    let me = self.clone();
                    let p = future_to_promise(async move {
                        let got = me.fetch().await;
                        let mut st = me.state.borrow_mut();
                        st.pending = None;
                        let (token, renew_at) = got?;
                        st.current = Some((token.clone(), renew_at));
                        Ok(JsValue::from_str(&token))
                    });
                    st.pending = Some(p.clone());
                    p
                }
            }
        };
        let v = JsFuture::from(pending).await?;
        Ok(v.as_string().unwrap_or_default())
    }

    /// Forgets `used` if it is still the current token (after a 401).
    pub fn invalidate(&self, used: &str) {
        let mut st = self.state.borrow_mut();
        if st.current.as_ref().is_some_and(|(t, _)| t == used) {
            st.current = None;
        }
    }

    async fn fetch(&self) -> Result<(String, f64), JsValue> {
        let obtained = Date::now();
        let body = self
            .post(token::TOKEN_PATH, token::TOKEN_FORM.as_bytes())
            .await?;
        match TokenGrant::parse(&body) {
            Ok(g) if config::check_token("access_token", &g.access_token).is_ok() => {
                Ok((g.access_token, token::renew_at_ms(obtained, g.expires_in)))
            }
            _ => Err(errors::from_core(
                &failure(
                    token::TOKEN_PATH,
                    200,
                    "the token endpoint's answer has no usable access_token",
                ),
                "getServiceAccountToken",
            )),
        }
    }

    /// Revokes the current token, if any.
    pub async fn revoke(&self) -> Result<(), JsValue> {
        let current = self.state.borrow_mut().current.take();
        if let Some((t, _)) = current {
            self.post(token::REVOKE_PATH, token::revoke_form(&t).as_bytes())
                .await?;
        }
        Ok(())
    }

    /// POSTs a form with the account's Basic credentials; the body of a 2xx.
    async fn post(&self, path: &str, form: &[u8]) -> Result<Vec<u8>, JsValue> {
        let url = format!("{}{}", self.base_url, path);
        let label = format!("POST {path}");
        let got = transport::send(Outgoing {
            url: &url,
            method: "POST",
            headers: vec![
                ("Authorization", self.basic.clone()),
                (
                    "Content-Type",
                    "application/x-www-form-urlencoded".to_owned(),
                ),
                ("Accept", "application/json".to_owned()),
            ],
            body: Some(form),
            signal: None,
            timeout_ms: self.timeout_ms.or(Some(30_000.0)),
        })
        .await
        .map_err(|e| e.into_js(&label))?;
        if (200..300).contains(&got.status) {
            Ok(got.body)
        } else {
            let mut f = failure(path, got.status, "the service account was refused");
            if let AtlasError::Api(a) = &mut f {
                a.raw_body = String::from_utf8_lossy(&got.body).into_owned();
            }
            Err(errors::from_core(&f, "getServiceAccountToken"))
        }
    }
}

fn failure(path: &str, status: u16, detail: &str) -> AtlasError {
    AtlasError::Api(Box::new(ApiFailure {
        status,
        method: Method::Post,
        path: path.to_owned(),
        error_code: None,
        detail: Some(detail.to_owned()),
        reason: None,
        parameters: None,
        bad_request_detail: None,
        error_type: None,
        invalid_policies: None,
        retry_after: None,
        raw_body: String::new(),
        hint: Some("check clientId and clientSecret"),
    }))
}

impl Auth {
    /// The bearer token, when it is at hand without waiting (a fixed token,
    /// or a service account's cached one).
    pub fn token_now(&self) -> Option<String> {
        match self {
            Auth::Token(t) => Some(t.clone()),
            Auth::ServiceAccount(sa) => sa.cached(),
            Auth::Callback(_) => None,
        }
    }

    /// The bearer token for the next call.
    pub async fn token(&self) -> Result<String, JsValue> {
        match self {
            Auth::Token(t) => Ok(t.clone()),
            Auth::ServiceAccount(sa) => sa.token().await,
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
}
