//! Every validator, URL check and header parser with arbitrary strings and
//! numbers. Nothing may panic (debug assertions, including integer overflow
//! checks, are on in fuzz builds), and a few properties hold:
//! - an accepted base URL has an origin, and keeps no credentials, query or
//!   fragment (Authorization is only ever sent to that origin);
//! - `parse_retry_after` never returns a negative or non-finite delay;
//! - a retry delay is within 0..=maxDelayMs;
//! - `encode_segment` output is only unreserved characters and %XX escapes.
//!
//! Input layout: [selector] [8 bytes: a number] text...

#![no_main]

use atlas_admin_wasm::request::{self, ApiVersion};
use atlas_admin_wasm::runtime::{paging, retry, token};
use atlas_admin_wasm::{config, validate};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&sel, rest)) = data.split_first() else {
        return;
    };
    let mut n = [0u8; 8];
    let k = rest.len().min(8);
    n[..k].copy_from_slice(&rest[..k]);
    let num_f = f64::from_le_bytes(n);
    let num_i = i64::from_le_bytes(n);
    let text_bytes = &rest[k..];
    let owned = String::from_utf8_lossy(text_bytes);
    let s: &str = &owned;
    // A second string: the text after the first NUL, if any.
    let (s1, s2) = s.split_once('\0').unwrap_or((s, ""));

    match sel % 16 {
        0 => {
            let _ = validate::object_id("id", s);
        }
        1 => {
            let _ = validate::cluster_name("clusterName", s);
        }
        2 => {
            let _ = validate::non_empty("name", s);
            let _ = validate::length("desc", s, 1, 250);
            let min = (num_i & 0xffff) as usize;
            let _ = validate::length("x", s, min, min.saturating_add((num_i >> 16) as u16 as usize));
        }
        3 => {
            let (min, max) = (i64::from(num_i as i32), i64::from((num_i >> 32) as i32));
            let _ = validate::range("n", num_i, min, max);
            let _ = validate::range("n", num_i, i64::MIN, i64::MAX);
            let _ = validate::one_of("e", s1, &["ORG_MEMBER", "ORG_OWNER", s2]);
        }
        4 => {
            let _ = validate::date_time("expires", s);
        }
        5 => match request::base_url("baseUrl", s) {
            Ok(base) => {
                let origin = request::origin(&base);
                assert!(origin.is_some(), "accepted base URL {s:?} has no origin");
                let host = base.split("://").nth(1).unwrap_or_default();
                assert!(
                    !host.split('/').next().unwrap_or_default().contains('@')
                        && !base.contains(['?', '#']),
                    "accepted base URL {s:?} keeps credentials, a query or a fragment"
                );
                // A request URL built on it stays on the same origin.
                let url = format!("{base}/api/atlas/v2/groups");
                assert_eq!(request::origin(&url), origin, "base {s:?}");
            }
            Err(e) => {
                let _ = e.to_string();
            }
        },
        6 => {
            let _ = request::origin(s);
        }
        7 => {
            let mut out = String::new();
            request::encode_segment(&mut out, s);
            assert!(
                out.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-._~%".contains(&b)),
                "{out:?}"
            );
            let _ = request::path_text("username", s);
        }
        8 => {
            if let Ok(v) = ApiVersion::parse("apiVersion", s) {
                let mt = v.media_type();
                assert!(!mt.bytes().any(|b| b.is_ascii_control() || b == b' '), "{mt:?}");
            }
        }
        9 => {
            if let Some(ms) = retry::parse_retry_after(s, num_f) {
                assert!(ms.is_finite() && ms >= 0.0, "Retry-After {s:?} at {num_f} → {ms}");
            }
        }
        10 => {
            let _ = retry::http_date_ms(s);
        }
        11 => {
            let _ = config::check_token("token", s);
            let _ = config::check_timeout("timeoutMs", num_f);
        }
        12 => {
            let _ = token::check_credential("clientId", s);
            let _ = token::check_credential("clientSecret", s);
            let _ = token::basic_auth(s1, s2);
            let _ = token::revoke_form(s);
            let _ = token::renew_at_ms(num_f, f64::from(num_i as i32));
        }
        13 => {
            let _ = paging::concurrency(Some(num_f));
            let _ = paging::has_more(num_i as usize, num_i >> 8, num_i & 1 == 1);
        }
        14 => {
            // A retry policy from arbitrary numbers, and its delays.
            let f = |i: usize| {
                let b: [u8; 2] = [text_bytes.get(i).copied().unwrap_or(0), text_bytes.get(i + 1).copied().unwrap_or(0)];
                f64::from(u16::from_le_bytes(b)) * if i % 4 == 0 { 10.0 } else { 0.5 }
            };
            if let Ok(p) = retry::RetryPolicy::new(Some(num_f), Some(f(0)), Some(f(2)), Some(num_i & 1 == 1)) {
                for r in [0u32, 1, 5, 31, 64, u32::MAX] {
                    let ra = retry::parse_retry_after(s, 0.0);
                    let d = p.delay_ms(r, ra, (num_i as u64 as f64) / (u64::MAX as f64));
                    assert!(d.is_finite() && d >= 0.0 && d <= p.max_delay_ms, "delay {d} for {p:?}");
                }
            }
            let _ = retry::RetryPolicy::new(Some(num_f), Some(num_f), Some(num_f), None);
        }
        _ => {
            let d = retry::pacing_delay_ms(Some(num_f), Some(f64::from(num_i as i32)), f64::from((num_i >> 32) as u32));
            assert!(!d.is_nan() || num_f.is_nan(), "pacing delay NaN");
            let _ = validate::join(s1, s2);
            let _ = validate::index(s, num_i as usize);
        }
    }
});
