//! Client settings as the caller gives them, checked once at construction.

use crate::request::{base_url, DEFAULT_BASE_URL};
use crate::validate::ValidationError;

/// Option keys `new AtlasClient({...})` accepts.
pub const CLIENT_FIELDS: &[&str] = &[
    "baseUrl",
    "token",
    "getToken",
    "clientId",
    "clientSecret",
    "userAgent",
    "timeoutMs",
    "retry",
    "pacing",
    "onDeprecation",
    "onRetry",
    "onRequest",
    "onResponse",
];

/// Checked client settings (the token itself is kept by the shell).
#[derive(Debug, Clone, PartialEq)]
pub struct ClientConfig {
    /// Base URL without a trailing slash.
    pub base_url: String,
    /// Product token appended to the package's own identification.
    pub user_agent: Option<String>,
    /// Default per-call timeout.
    pub timeout_ms: Option<f64>,
}

/// Checks a bearer token: present, and nothing that could end a header line.
pub fn check_token(field: &str, token: &str) -> Result<(), ValidationError> {
    if token.is_empty() {
        return Err(ValidationError::new(field, "must not be empty"));
    }
    if token.len() > 16 * 1024 {
        return Err(ValidationError::new(field, "must be at most 16 KiB"));
    }
    if !token.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(ValidationError::new(
            field,
            "must be printable ASCII without spaces or line breaks",
        ));
    }
    Ok(())
}

/// Checks a timeout in milliseconds.
pub fn check_timeout(field: &str, ms: f64) -> Result<(), ValidationError> {
    if ms.is_finite() && (1.0..=3_600_000.0).contains(&ms) {
        Ok(())
    } else {
        Err(ValidationError::new(
            field,
            "must be a number of milliseconds between 1 and 3600000",
        ))
    }
}

impl ClientConfig {
    /// Checks the options. `token`, `has_get_token` and `has_service_account`
    /// (clientId and clientSecret) are the ways to authenticate: exactly one is needed.
    pub fn new(
        base: Option<&str>,
        token: Option<&str>,
        has_get_token: bool,
        has_service_account: bool,
        user_agent: Option<&str>,
        timeout_ms: Option<f64>,
    ) -> Result<Self, ValidationError> {
        let base_url = base_url("baseUrl", base.unwrap_or(DEFAULT_BASE_URL))?;
        let ways = usize::from(token.is_some())
            + usize::from(has_get_token)
            + usize::from(has_service_account);
        if ways == 0 {
            return Err(ValidationError::new(
                "token",
                "is required (or give getToken, or clientId and clientSecret)",
            ));
        }
        if ways > 1 {
            return Err(ValidationError::new(
                "token",
                "give only one of token, getToken, or clientId and clientSecret",
            ));
        }
        if let Some(t) = token {
            check_token("token", t)?;
        }
        if let Some(ua) = user_agent {
            if ua.is_empty() || ua.len() > 256 || !ua.bytes().all(|b| (0x20..0x7f).contains(&b)) {
                return Err(ValidationError::new(
                    "userAgent",
                    "must be 1-256 printable ASCII characters",
                ));
            }
        }
        if let Some(ms) = timeout_ms {
            check_timeout("timeoutMs", ms)?;
        }
        Ok(ClientConfig {
            base_url,
            user_agent: user_agent.map(str::to_owned),
            timeout_ms,
        })
    }

    /// The identification sent as `User-Agent` where the platform allows it.
    pub fn user_agent_header(&self) -> String {
        let own = concat!("atlas-admin-wasm/", env!("CARGO_PKG_VERSION"));
        match &self.user_agent {
            Some(ua) => format!("{ua} {own}"),
            None => own.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn construction_rules() {
        let c = ClientConfig::new(None, Some("abc"), false, false, None, None).unwrap();
        assert_eq!(c.base_url, "https://cloud.mongodb.com");
        assert!(c.user_agent_header().starts_with("atlas-admin-wasm/"));
        let e = ClientConfig::new(None, Some(""), false, false, None, None).unwrap_err();
        assert_eq!(e.field, "token");
        assert!(ClientConfig::new(None, None, false, false, None, None).is_err());
        assert!(ClientConfig::new(None, Some("a"), true, false, None, None).is_err());
        assert!(ClientConfig::new(None, None, true, false, None, None).is_ok());
        assert!(ClientConfig::new(None, None, false, true, None, None).is_ok());
        assert!(ClientConfig::new(None, Some("a"), false, true, None, None).is_err());
        assert!(ClientConfig::new(Some("ftp://x"), Some("a"), false, false, None, None).is_err());
        assert!(ClientConfig::new(None, Some("a\r\nX-Evil: 1"), false, false, None, None).is_err());
        assert!(ClientConfig::new(None, Some("a b"), false, false, None, None).is_err());
        assert!(ClientConfig::new(None, Some("a"), false, false, Some("x\ny"), None).is_err());
        assert!(ClientConfig::new(None, Some("a"), false, false, None, Some(f64::NAN)).is_err());
        assert!(ClientConfig::new(None, Some("a"), false, false, None, Some(0.0)).is_err());
        let c = ClientConfig::new(
            Some("http://127.0.0.1:1/"),
            Some("a"),
            false,
            false,
            Some("console/1.0"),
            Some(500.0),
        )
        .unwrap();
        assert_eq!(c.base_url, "http://127.0.0.1:1");
        assert!(c
            .user_agent_header()
            .starts_with("console/1.0 atlas-admin-wasm/"));
    }

    #[test]
    fn token_never_in_messages() {
        let secret = "s3cr3t\ntoken";
        let e = check_token("token", secret).unwrap_err();
        assert!(!e.to_string().contains("s3cr3t"));
    }
}
