//! The errors a call can end in, as plain data. The wasm shell turns each kind
//! into its own JavaScript `Error` subclass; the fields here are the fields there.
//!
//! Kinds a caller can act on: the input was refused before sending
//! ([`AtlasError::Validation`]), Atlas said no ([`AtlasError::Api`]), or the
//! answer was not what the operation returns ([`AtlasError::Decode`]). Network
//! failures, timeouts and aborts only exist in the transport.
//!
//! No message built here contains a credential or a response body: bodies are
//! kept verbatim in `raw_body` fields, never interpolated into text.

use crate::request::Method;
use crate::validate::ValidationError;

use std::fmt;

/// Atlas answered with a non-2xx status.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiFailure {
    /// HTTP status (or the enveloped status when `envelope` was set).
    pub status: u16,
    pub method: Method,
    /// Request path with query, as sent (never holds credentials).
    pub path: String,
    /// `errorCode` of the ApiError body, e.g. `RESOURCE_NOT_FOUND`.
    pub error_code: Option<String>,
    pub detail: Option<String>,
    pub reason: Option<String>,
    pub parameters: Option<String>,
    pub bad_request_detail: Option<String>,
    /// `errorType` of the resource-policy validation error shape.
    pub error_type: Option<String>,
    /// `invalidPolicies` of the resource-policy validation error shape.
    pub invalid_policies: Option<String>,
    /// `Retry-After` as sent, on 429 and 503.
    pub retry_after: Option<String>,
    /// The body exactly as received.
    pub raw_body: String,
    /// A hint on what to do, for errors whose code alone does not say.
    pub hint: Option<&'static str>,
}

/// A response that could not be decoded as the operation's result.
#[derive(Debug, Clone, PartialEq)]
pub struct DecodeFailure {
    pub status: u16,
    pub method: Method,
    pub path: String,
    /// What was wrong, with the field path when there is one.
    pub message: String,
    /// The body exactly as received (lossy UTF-8), so nothing is lost.
    pub raw_body: String,
}

/// Every way a call can fail in the pure core.
#[derive(Debug, Clone, PartialEq)]
pub enum AtlasError {
    Validation(ValidationError),
    Api(Box<ApiFailure>),
    Decode(Box<DecodeFailure>),
}

impl From<ValidationError> for AtlasError {
    fn from(e: ValidationError) -> Self {
        AtlasError::Validation(e)
    }
}

impl fmt::Display for ApiFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} failed with {}",
            self.method.as_str(),
            self.path,
            self.status
        )?;
        if let Some(code) = &self.error_code {
            write!(f, " {code}")?;
        }
        if let Some(t) = &self.error_type {
            write!(f, " {t}")?;
        }
        if let Some(d) = &self.detail {
            write!(f, ": {d}")?;
        }
        if let Some(h) = self.hint {
            write!(f, " ({h})")?;
        }
        Ok(())
    }
}

impl fmt::Display for DecodeFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} returned {} with a body that could not be decoded: {}",
            self.method.as_str(),
            self.path,
            self.status,
            self.message
        )
    }
}

impl fmt::Display for AtlasError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AtlasError::Validation(e) => write!(f, "invalid argument {e}"),
            AtlasError::Api(e) => e.fmt(f),
            AtlasError::Decode(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for AtlasError {}
