//! `Int64`: how the client carries the API's int64 fields without losing precision.
//!
//! JSON numbers in Atlas responses are arbitrary-precision on the wire, but a JS
//! `number` is exact only up to 2^53 − 1. An `Int64` keeps the full `i64`. When it
//! is handed to JavaScript it becomes a `number` if it is a safe integer and a
//! `bigint` otherwise, so no value is ever rounded silently. From JavaScript it
//! accepts either a safe integer `number` or a `bigint`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Largest integer a JS `number` represents exactly (2^53 − 1).
pub const MAX_SAFE_INTEGER: i64 = 9_007_199_254_740_991;

/// Prefix of the string a JS `bigint` travels as inside JSON text (JSON has
/// no bigint): `"\u0000bigint:123"`. Made by `js/runtime.js` for options and
/// by [`crate::response::mark_big_integers`] for responses.
pub const BIGINT_MARKER: &str = "\u{0}bigint:";

/// Whether serialized JSON still holds a bigint marker.
pub fn contains_marker(json: &[u8]) -> bool {
    const ESCAPED: &[u8] = b"\\u0000bigint:";
    json.windows(ESCAPED.len()).any(|w| w == ESCAPED)
}

/// An API int64 value; see the module documentation for its JS representation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Int64(pub i64);

impl Int64 {
    /// Whether a JS `number` can hold this value exactly.
    pub fn is_safe(self) -> bool {
        (-MAX_SAFE_INTEGER..=MAX_SAFE_INTEGER).contains(&self.0)
    }
}

impl From<i64> for Int64 {
    fn from(v: i64) -> Self {
        Int64(v)
    }
}

impl Serialize for Int64 {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.is_safe() {
            s.serialize_i64(self.0)
        } else {
            // serde-wasm-bindgen turns 128-bit integers into BigInt; serde_json
            // writes them as plain JSON numbers, so the wire form is unchanged.
            s.serialize_i128(i128::from(self.0))
        }
    }
}

impl<'de> Deserialize<'de> for Int64 {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Int64;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a 64-bit integer")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Int64, E> {
                Ok(Int64(v))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Int64, E> {
                i64::try_from(v)
                    .map(Int64)
                    .map_err(|_| E::custom("integer out of int64 range"))
            }
            fn visit_i128<E: serde::de::Error>(self, v: i128) -> Result<Int64, E> {
                i64::try_from(v)
                    .map(Int64)
                    .map_err(|_| E::custom("integer out of int64 range"))
            }
            fn visit_u128<E: serde::de::Error>(self, v: u128) -> Result<Int64, E> {
                i64::try_from(v)
                    .map(Int64)
                    .map_err(|_| E::custom("integer out of int64 range"))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Int64, E> {
                // A JS bigint, passed through JSON text as a marked string.
                match v.strip_prefix(BIGINT_MARKER) {
                    Some(digits) => digits
                        .parse::<i64>()
                        .map(Int64)
                        .map_err(|_| E::custom("bigint out of int64 range")),
                    None => Err(E::invalid_type(serde::de::Unexpected::Str(v), &self)),
                }
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Int64, E> {
                // JS numbers arrive as f64: accept only exact, safe integers.
                if v.fract() == 0.0 && v.abs() <= MAX_SAFE_INTEGER as f64 {
                    Ok(Int64(v as i64))
                } else {
                    Err(E::custom(
                        "expected an integer that is a safe JS number (use a bigint beyond 2^53)",
                    ))
                }
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_beyond_2_pow_53_in_json() {
        let big = "9223372036854775807";
        let v: Int64 = serde_json::from_str(big).unwrap();
        assert_eq!(v.0, i64::MAX);
        assert!(!v.is_safe());
        assert_eq!(serde_json::to_string(&v).unwrap(), big);
        let small: Int64 = serde_json::from_str("42").unwrap();
        assert!(small.is_safe());
        assert_eq!(serde_json::to_string(&small).unwrap(), "42");
    }

    #[test]
    fn bigints_from_js_arrive_as_marked_strings() {
        let v: Int64 = serde_json::from_str("\"\\u0000bigint:9007199254740993\"").unwrap();
        assert_eq!(v.0, 9_007_199_254_740_993);
        assert!(serde_json::from_str::<Int64>("\"12\"").is_err());
        assert!(contains_marker(br#"{"a":"\u0000bigint:5"}"#));
        assert!(!contains_marker(br#"{"a":"bigint:5"}"#));
    }

    #[test]
    fn refuses_fractions_and_overflow() {
        assert!(serde_json::from_str::<Int64>("1.5").is_err());
        assert!(serde_json::from_str::<Int64>("18446744073709551615").is_err());
        assert!(serde_json::from_str::<Int64>("\"1\"").is_err());
    }
}
