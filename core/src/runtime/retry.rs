//! Retry policy: which failures are retried, and after how long.
//!
//! Idempotent calls (GET, DELETE) are retried on 429, 502, 503, 504 and on
//! network errors; POST and PATCH only when the caller opts in (`retryWrites`),
//! since Atlas may have acted on a request whose answer was lost. Delays grow
//! exponentially with full jitter, never below what `Retry-After` asks, and are
//! capped.

use crate::request::Method;
use crate::validate::ValidationError;

/// What ended an attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// An HTTP answer with this status.
    Status(u16),
    /// The request could not be sent or the answer not read.
    Network,
}

/// How a client retries.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (0 disables retrying).
    pub max_retries: u32,
    /// Scale of the exponential backoff.
    pub base_delay_ms: f64,
    /// Upper bound of any single delay, `Retry-After` included.
    pub max_delay_ms: f64,
    /// Also retry POST and PATCH.
    pub retry_writes: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 3,
            base_delay_ms: 500.0,
            max_delay_ms: 30_000.0,
            retry_writes: false,
        }
    }
}

/// Option keys of a `retry` object.
pub const RETRY_FIELDS: &[&str] = &["maxRetries", "baseDelayMs", "maxDelayMs", "retryWrites"];

impl RetryPolicy {
    /// A policy that never retries.
    pub fn disabled() -> Self {
        RetryPolicy {
            max_retries: 0,
            ..RetryPolicy::default()
        }
    }

    /// Builds a policy from the caller's numbers, refusing nonsense.
    pub fn new(
        max_retries: Option<f64>,
        base_delay_ms: Option<f64>,
        max_delay_ms: Option<f64>,
        retry_writes: Option<bool>,
    ) -> Result<Self, ValidationError> {
        let d = RetryPolicy::default();
        let num = |field: &str, v: Option<f64>, min: f64, max: f64, default: f64| match v {
            None => Ok(default),
            Some(v) if v.is_finite() && (min..=max).contains(&v) => Ok(v),
            Some(_) => Err(ValidationError::new(
                field,
                format!("must be a number between {} and {}", min as u64, max as u64),
            )),
        };
        let max_retries = num(
            "retry.maxRetries",
            max_retries,
            0.0,
            20.0,
            f64::from(d.max_retries),
        )?;
        if max_retries.fract() != 0.0 {
            return Err(ValidationError::new(
                "retry.maxRetries",
                "must be an integer",
            ));
        }
        let base = num(
            "retry.baseDelayMs",
            base_delay_ms,
            0.0,
            60_000.0,
            d.base_delay_ms,
        )?;
        let max = num(
            "retry.maxDelayMs",
            max_delay_ms,
            0.0,
            600_000.0,
            d.max_delay_ms,
        )?;
        if max < base {
            return Err(ValidationError::new(
                "retry.maxDelayMs",
                "must not be smaller than baseDelayMs",
            ));
        }
        Ok(RetryPolicy {
            max_retries: max_retries as u32,
            base_delay_ms: base,
            max_delay_ms: max,
            retry_writes: retry_writes.unwrap_or(false),
        })
    }

    /// Whether an attempt that ended in `outcome` is retried, `retries` having
    /// been made already.
    pub fn should_retry(&self, method: Method, retries: u32, outcome: Outcome) -> bool {
        if retries >= self.max_retries || !(method.is_idempotent() || self.retry_writes) {
            return false;
        }
        match outcome {
            Outcome::Network => true,
            Outcome::Status(s) => matches!(s, 429 | 502 | 503 | 504),
        }
    }

    /// Delay before retry number `retries + 1`: full jitter over an exponential
    /// ceiling (`random` in 0..1), at least `retry_after_ms`, at most `max_delay_ms`.
    pub fn delay_ms(&self, retries: u32, retry_after_ms: Option<f64>, random: f64) -> f64 {
        let ceiling =
            (self.base_delay_ms * 2f64.powi(retries.min(30) as i32)).min(self.max_delay_ms);
        let jittered = random.clamp(0.0, 1.0) * ceiling;
        let wanted = match retry_after_ms {
            Some(ra) => jittered.max(ra),
            None => jittered,
        };
        wanted.min(self.max_delay_ms).max(0.0)
    }
}

/// Reads `Retry-After`: delay seconds (`120`, `1.5`) or an HTTP date, relative to
/// `now_ms` (Unix milliseconds). Returns milliseconds to wait, never negative.
pub fn parse_retry_after(value: &str, now_ms: f64) -> Option<f64> {
    let v = value.trim();
    if let Some(secs) = crate::json::number_value(v) {
        // Checked after scaling: 1e306 seconds is finite, its milliseconds are not.
        let ms = secs * 1000.0;
        return (ms.is_finite() && ms >= 0.0).then_some(ms);
    }
    http_date_ms(v).map(|at| (at - now_ms).max(0.0))
}

/// Parses an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`) to Unix milliseconds.
pub fn http_date_ms(v: &str) -> Option<f64> {
    let rest = v.split_once(", ")?.1;
    let mut parts = rest.split(' ');
    let day: i64 = parts.next()?.parse().ok()?;
    let month = match parts.next()? {
        "Jan" => 1,
        "Feb" => 2,
        "Mar" => 3,
        "Apr" => 4,
        "May" => 5,
        "Jun" => 6,
        "Jul" => 7,
        "Aug" => 8,
        "Sep" => 9,
        "Oct" => 10,
        "Nov" => 11,
        "Dec" => 12,
        _ => return None,
    };
    let year: i64 = parts.next()?.parse().ok()?;
    let mut hms = parts.next()?.split(':').map(|x| x.parse::<i64>().ok());
    let (h, m, s) = (hms.next()??, hms.next()??, hms.next()??);
    if parts.next()? != "GMT"
        || !(1..=31).contains(&day)
        || !(1..=9999).contains(&year)
        || !(0..=23).contains(&h)
        || !(0..=59).contains(&m)
        || !(0..=60).contains(&s)
    {
        return None;
    }
    // Days from the civil date (proleptic Gregorian), after H. Hinnant.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(((days * 86_400 + h * 3600 + m * 60 + s) * 1000) as f64)
}

/// How long to wait before a call when pacing is on: nothing while more than a
/// tenth of the rate-limit bucket is left, then longer as it empties.
pub fn pacing_delay_ms(limit: Option<f64>, remaining: Option<f64>, max_delay_ms: f64) -> f64 {
    match (limit, remaining) {
        (Some(l), Some(r)) if l > 0.0 => {
            let reserve = (l / 10.0).max(1.0);
            if r > reserve {
                0.0
            } else {
                // 0 left → the full delay; at the reserve line → a small one.
                let share = 1.0 - (r.max(0.0) / reserve);
                (max_delay_ms * share).max(50.0).min(max_delay_ms)
            }
        }
        _ => 0.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn which_failures_are_retried() {
        let p = RetryPolicy::default();
        for s in [429, 502, 503, 504] {
            assert!(p.should_retry(Method::Get, 0, Outcome::Status(s)));
            assert!(p.should_retry(Method::Delete, 2, Outcome::Status(s)));
            assert!(!p.should_retry(Method::Post, 0, Outcome::Status(s)));
            assert!(!p.should_retry(Method::Patch, 0, Outcome::Status(s)));
        }
        for s in [200, 400, 401, 404, 409, 500, 501] {
            assert!(!p.should_retry(Method::Get, 0, Outcome::Status(s)), "{s}");
        }
        assert!(p.should_retry(Method::Get, 0, Outcome::Network));
        assert!(!p.should_retry(Method::Get, 3, Outcome::Network));
        let w = RetryPolicy {
            retry_writes: true,
            ..p
        };
        assert!(w.should_retry(Method::Post, 0, Outcome::Status(503)));
        assert!(!RetryPolicy::disabled().should_retry(Method::Get, 0, Outcome::Network));
    }

    #[test]
    fn backoff_is_exponential_jittered_and_capped() {
        let p = RetryPolicy {
            base_delay_ms: 100.0,
            max_delay_ms: 1000.0,
            ..RetryPolicy::default()
        };
        assert_eq!(p.delay_ms(0, None, 1.0), 100.0);
        assert_eq!(p.delay_ms(1, None, 1.0), 200.0);
        assert_eq!(p.delay_ms(3, None, 1.0), 800.0);
        assert_eq!(p.delay_ms(4, None, 1.0), 1000.0);
        assert_eq!(p.delay_ms(40, None, 1.0), 1000.0);
        assert_eq!(p.delay_ms(3, None, 0.0), 0.0);
        assert_eq!(p.delay_ms(3, None, 0.5), 400.0);
        // Retry-After is a floor, the cap still holds.
        assert_eq!(p.delay_ms(0, Some(700.0), 0.1), 700.0);
        assert_eq!(p.delay_ms(0, Some(90_000.0), 0.1), 1000.0);
    }

    #[test]
    fn retry_after_forms() {
        assert_eq!(parse_retry_after("2", 0.0), Some(2000.0));
        assert_eq!(parse_retry_after(" 0 ", 0.0), Some(0.0));
        assert_eq!(parse_retry_after("1.5", 0.0), Some(1500.0));
        assert_eq!(parse_retry_after("-1", 0.0), None);
        // Finite seconds whose milliseconds are not (found by the fuzz target `validators`).
        assert_eq!(
            parse_retry_after(&format!("9{}", "0".repeat(306)), 0.0),
            None
        );
        assert_eq!(parse_retry_after("1e400", 0.0), None);
        assert_eq!(parse_retry_after("soon", 0.0), None);
        let at = http_date_ms("Sun, 06 Nov 1994 08:49:37 GMT").unwrap();
        assert_eq!(at, 784_111_777_000.0);
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", at - 3000.0),
            Some(3000.0)
        );
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", at + 3000.0),
            Some(0.0)
        );
        assert_eq!(http_date_ms("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0.0));
        assert_eq!(
            http_date_ms("Tue, 29 Feb 2028 12:00:00 GMT"),
            Some(1_835_438_400_000.0)
        );
        assert_eq!(http_date_ms("Sun, 06 Foo 1994 08:49:37 GMT"), None);
        assert_eq!(http_date_ms("Sun, 06 Nov 1994 08:49:37 PST"), None);
        // Found by fuzzing: huge or negative years and fields must not overflow.
        assert_eq!(
            http_date_ms("Sun, 06 Nov 99999999999999 08:49:37 GMT"),
            None
        );
        assert_eq!(
            parse_retry_after("Wed, 21 Oct -99999999999999 07:28:00 GMT", 0.0),
            None
        );
        assert_eq!(
            http_date_ms("Sun, 06 Nov 1994 -99999999999:49:37 GMT"),
            None
        );
    }

    #[test]
    fn policy_options() {
        assert!(RetryPolicy::new(Some(2.0), Some(10.0), Some(100.0), Some(true)).is_ok());
        assert_eq!(
            RetryPolicy::new(Some(-1.0), None, None, None)
                .unwrap_err()
                .field,
            "retry.maxRetries"
        );
        assert_eq!(
            RetryPolicy::new(Some(1.5), None, None, None)
                .unwrap_err()
                .field,
            "retry.maxRetries"
        );
        assert_eq!(
            RetryPolicy::new(None, Some(f64::NAN), None, None)
                .unwrap_err()
                .field,
            "retry.baseDelayMs"
        );
        assert_eq!(
            RetryPolicy::new(None, Some(100.0), Some(10.0), None)
                .unwrap_err()
                .field,
            "retry.maxDelayMs"
        );
    }

    #[test]
    fn pacing() {
        assert_eq!(pacing_delay_ms(Some(100.0), Some(50.0), 2000.0), 0.0);
        assert_eq!(pacing_delay_ms(Some(100.0), Some(0.0), 2000.0), 2000.0);
        let mid = pacing_delay_ms(Some(100.0), Some(5.0), 2000.0);
        assert!(mid > 0.0 && mid < 2000.0);
        assert_eq!(pacing_delay_ms(None, Some(0.0), 2000.0), 0.0);
    }
}
