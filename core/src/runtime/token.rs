//! Service-account tokens (OAuth 2.0 client credentials): request forms,
//! the answer, and when a cached token is renewed.

use crate::json::{Doc, Kind};
use crate::validate::ValidationError;

/// Path of the token endpoint under the base URL.
pub const TOKEN_PATH: &str = "/api/oauth/token";
/// Path of the revocation endpoint under the base URL.
pub const REVOKE_PATH: &str = "/api/oauth/revoke";
/// Form body of a token request.
pub const TOKEN_FORM: &str = "grant_type=client_credentials";

/// The token endpoint's answer.
#[derive(Debug, Clone)]
pub struct TokenGrant {
    pub access_token: String,
    pub token_type: Option<String>,
    /// Lifetime in seconds (Atlas: 3600).
    pub expires_in: f64,
}

impl TokenGrant {
    /// Reads the token endpoint's JSON answer. Errors never quote the body
    /// (it holds the token).
    pub fn parse(body: &[u8]) -> Result<TokenGrant, String> {
        let text =
            std::str::from_utf8(body).map_err(|_| "the body is not UTF-8 text".to_owned())?;
        let doc = Doc::parse(text).map_err(|e| format!("invalid JSON: {}", e.message))?;
        let root = doc.root();
        let string = |k: &str| {
            root.get(k)
                .filter(|v| v.kind() == Kind::Str)
                .and_then(|v| v.str())
                .map(|s| s.into_owned())
        };
        let access_token = string("access_token").ok_or("access_token: must be a string")?;
        let expires_in = root
            .get("expires_in")
            .filter(|v| v.kind() == Kind::Num)
            .and_then(|v| v.f64())
            .ok_or("expires_in: must be a number")?;
        Ok(TokenGrant {
            access_token,
            token_type: string("token_type"),
            expires_in,
        })
    }
}

impl std::fmt::Display for TokenGrant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "TokenGrant(expires_in={})", self.expires_in)
    }
}

/// Checks a client id or secret: present, printable, no separators that
/// would corrupt the Basic credentials.
pub fn check_credential(field: &str, v: &str) -> Result<(), ValidationError> {
    if v.is_empty() {
        return Err(ValidationError::new(field, "must not be empty"));
    }
    if v.len() > 1024 || !v.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(ValidationError::new(
            field,
            "must be at most 1024 printable ASCII characters without spaces",
        ));
    }
    if field == "clientId" && v.contains(':') {
        return Err(ValidationError::new(field, "must not contain ':'"));
    }
    Ok(())
}

/// `Basic base64(id:secret)`.
pub fn basic_auth(client_id: &str, client_secret: &str) -> String {
    let mut raw = Vec::with_capacity(client_id.len() + client_secret.len() + 1);
    raw.extend_from_slice(client_id.as_bytes());
    raw.push(b':');
    raw.extend_from_slice(client_secret.as_bytes());
    format!("Basic {}", base64(&raw))
}

/// Form body revoking `token`.
pub fn revoke_form(token: &str) -> String {
    let mut s = String::from("token=");
    crate::request::encode_segment(&mut s, token);
    s
}

/// When a token obtained at `obtained_ms` for `expires_in` seconds should be
/// renewed: a minute before it expires, or halfway for short-lived tokens.
pub fn renew_at_ms(obtained_ms: f64, expires_in: f64) -> f64 {
    let life = (expires_in * 1000.0).max(0.0);
    obtained_ms + (life - 60_000.0).max(life / 2.0)
}

/// Standard base64 with padding.
fn base64(data: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(A[((n >> shift) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_credentials() {
        assert_eq!(
            basic_auth("Aladdin", "open sesame"),
            "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="
        );
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foob"), "Zm9vYg==");
    }

    #[test]
    fn renewal_time() {
        assert_eq!(renew_at_ms(1000.0, 3600.0), 1000.0 + 3_540_000.0);
        assert_eq!(renew_at_ms(0.0, 60.0), 30_000.0);
        assert_eq!(renew_at_ms(0.0, 0.0), 0.0);
    }

    #[test]
    fn grants_and_checks() {
        let g =
            TokenGrant::parse(br#"{"access_token":"abc","token_type":"Bearer","expires_in":3600}"#)
                .unwrap();
        assert_eq!(g.token_type.as_deref(), Some("Bearer"));
        assert!(TokenGrant::parse(br#"{"access_token":1,"expires_in":3600}"#).is_err());
        assert!(TokenGrant::parse(br#"{"access_token":"a"}"#).is_err());
        assert_eq!(g.expires_in, 3600.0);
        assert!(!g.to_string().contains("abc"));
        assert!(check_credential("clientId", "mdb_sa_id_1").is_ok());
        assert!(check_credential("clientId", "a:b").is_err());
        assert!(check_credential("clientSecret", "").is_err());
        assert!(check_credential("clientSecret", "a\nb").is_err());
        let e = check_credential("clientSecret", "s3cret value").unwrap_err();
        assert!(!e.to_string().contains("s3cret"));
        assert_eq!(revoke_form("a+b/c"), "token=a%2Bb%2Fc");
    }
}
