//! Client-side validation: the rules the API states for ids, names, enums and
//! ranges, checked before any request is built, so bad input never reaches the wire.
//!
//! Every failure is a [`ValidationError`] naming the field path (`body.roles[1]`)
//! and the rule it broke, in words a caller can act on.

use std::fmt;

/// A value the caller passed that the API would refuse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError {
    /// Path of the offending field, e.g. `groupId` or `body.analyzers[0].name`.
    pub field: String,
    /// The rule that was broken, e.g. `must be 24 hexadecimal characters`.
    pub rule: String,
}

impl ValidationError {
    /// A failure of `rule` at `field`.
    pub fn new(field: impl Into<String>, rule: impl Into<String>) -> Self {
        ValidationError {
            field: field.into(),
            rule: rule.into(),
        }
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.rule)
    }
}

impl std::error::Error for ValidationError {}

/// Result of a validation step.
pub type Checked = Result<(), ValidationError>;

/// A request value that can check itself. `path` is the field path of `self`
/// (for example `body`), used as the prefix of any error's field.
pub trait Validate {
    /// Checks every rule of this value and its children.
    fn validate(&self, path: &str) -> Checked;
}

impl<T: Validate> Validate for Option<T> {
    fn validate(&self, path: &str) -> Checked {
        match self {
            Some(v) => v.validate(path),
            None => Ok(()),
        }
    }
}

impl<T: Validate> Validate for Vec<T> {
    fn validate(&self, path: &str) -> Checked {
        for (i, v) in self.iter().enumerate() {
            v.validate(&index(path, i))?;
        }
        Ok(())
    }
}

/// `parent.child`, or `child` when there is no parent.
pub fn join(parent: &str, child: &str) -> String {
    if parent.is_empty() {
        child.to_owned()
    } else {
        let mut s = String::with_capacity(parent.len() + child.len() + 1);
        s.push_str(parent);
        s.push('.');
        s.push_str(child);
        s
    }
}

/// `parent[i]`.
pub fn index(parent: &str, i: usize) -> String {
    format!("{parent}[{i}]")
}

/// A 24-character lowercase hexadecimal id (`^([a-f0-9]{24})$`), the form of every
/// Atlas object id.
pub fn object_id(field: &str, v: &str) -> Checked {
    if v.len() == 24
        && v.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    {
        Ok(())
    } else {
        Err(ValidationError::new(
            field,
            "must be a 24-character lowercase hexadecimal id",
        ))
    }
}

/// A cluster name (`^[a-zA-Z0-9][a-zA-Z0-9-]*$`): letters, digits and hyphens,
/// not starting with a hyphen. Atlas also caps names at 64 characters.
pub fn cluster_name(field: &str, v: &str) -> Checked {
    let mut bytes = v.bytes();
    let ok = match bytes.next() {
        Some(first) => {
            first.is_ascii_alphanumeric() && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'-')
        }
        None => false,
    };
    if ok && v.len() <= 64 {
        Ok(())
    } else {
        Err(ValidationError::new(
            field,
            "must be 1-64 letters, digits or hyphens, starting with a letter or digit",
        ))
    }
}

/// A required string that must not be empty or only whitespace, nor hold
/// control characters (which no Atlas name or id contains).
pub fn non_empty(field: &str, v: &str) -> Checked {
    if v.trim().is_empty() {
        return Err(ValidationError::new(field, "must not be empty"));
    }
    if v.chars().any(char::is_control) {
        return Err(ValidationError::new(
            field,
            "must not contain control characters",
        ));
    }
    Ok(())
}

/// A string whose length in characters is within `min..=max`.
pub fn length(field: &str, v: &str, min: usize, max: usize) -> Checked {
    let n = v.chars().count();
    if n < min || n > max {
        Err(ValidationError::new(
            field,
            format!("must be {min} to {max} characters long (got {n})"),
        ))
    } else {
        Ok(())
    }
}

/// An integer within `min..=max`.
pub fn range(field: &str, v: i64, min: i64, max: i64) -> Checked {
    if v < min || v > max {
        Err(ValidationError::new(
            field,
            format!("must be between {min} and {max} (got {v})"),
        ))
    } else {
        Ok(())
    }
}

/// A value that must be one of `allowed`.
pub fn one_of(field: &str, v: &str, allowed: &[&str]) -> Checked {
    if allowed.contains(&v) {
        Ok(())
    } else {
        Err(ValidationError::new(
            field,
            format!("must be one of {}", allowed.join(", ")),
        ))
    }
}

/// An RFC 3339 date-time as Atlas writes them: `2030-01-31T08:00:00Z`, with
/// optional fractional seconds and a `Z` or `±hh:mm` offset.
pub fn date_time(field: &str, v: &str) -> Checked {
    let b = v.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    let num = |r: std::ops::Range<usize>| {
        std::str::from_utf8(b.get(r).unwrap_or_default())
            .ok()
            .and_then(|s| s.parse::<u32>().ok())
            .unwrap_or(99)
    };
    let mut ok = b.len() >= 20
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && matches!(b[10], b'T' | b't')
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && b[16] == b':'
        && digits(17..19)
        && (1..=12).contains(&num(5..7))
        && (1..=31).contains(&num(8..10))
        && num(11..13) <= 23
        && num(14..16) <= 59
        && num(17..19) <= 60;
    if ok {
        let mut i = 19;
        if b.get(i) == Some(&b'.') {
            i += 1;
            let start = i;
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            ok = i > start;
        }
        let rest = b.get(i..).unwrap_or_default();
        ok = ok
            && (rest == b"Z"
                || rest == b"z"
                || (rest.len() == 6
                    && matches!(rest[0], b'+' | b'-')
                    && rest[1..3].iter().all(u8::is_ascii_digit)
                    && rest[3] == b':'
                    && rest[4..6].iter().all(u8::is_ascii_digit)));
    }
    if ok {
        Ok(())
    } else {
        Err(ValidationError::new(
            field,
            "must be an ISO 8601 date-time such as 2030-01-31T08:00:00Z",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_times() {
        for ok in [
            "2030-01-31T08:00:00Z",
            "2030-01-31T08:00:00.123Z",
            "2030-01-31T08:00:00+05:30",
        ] {
            assert!(date_time("expires", ok).is_ok(), "{ok}");
        }
        for bad in [
            "next tuesday",
            "2030-01-31",
            "2030-13-01T00:00:00Z",
            "2030-01-31T08:00:00",
            "2030-01-31T08:00:00.Z",
            "2030-01-31T25:00:00Z",
            "",
        ] {
            assert!(date_time("expires", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn object_ids() {
        assert!(object_id("groupId", "32b6e34b3d91647abb20e7b8").is_ok());
        for bad in [
            "",
            "32B6E34B3D91647ABB20E7B8",
            "32b6e34b3d91647abb20e7b",
            "32b6e34b3d91647abb20e7b8a",
            "../6e34b3d91647abb20e7b8",
            "32b6e34b3d91647abb20e7bg",
            "32b6e34b3d9164\u{e9}bb20e7b",
        ] {
            let e = object_id("groupId", bad).unwrap_err();
            assert_eq!(e.field, "groupId", "{bad}");
        }
    }

    #[test]
    fn cluster_names() {
        for ok in ["Cluster0", "a", "my-cluster-1", "0x"] {
            assert!(cluster_name("clusterName", ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "-a",
            "a_b",
            "a b",
            "a/b",
            "..",
            "caf\u{e9}",
            &"a".repeat(65),
        ] {
            assert!(cluster_name("clusterName", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn paths_and_messages() {
        assert_eq!(join("", "body"), "body");
        assert_eq!(join("body", "roles"), "body.roles");
        assert_eq!(index("body.roles", 2), "body.roles[2]");
        let e = range("itemsPerPage", 501, 1, 500).unwrap_err();
        assert_eq!(
            e.to_string(),
            "itemsPerPage: must be between 1 and 500 (got 501)"
        );
        assert!(length("desc", "", 1, 250).is_err());
        assert!(length("desc", &"\u{e9}".repeat(250), 1, 250).is_ok());
        assert!(non_empty("tenantName", " \t").is_err());
        assert!(non_empty("tenantName", "a\r\nb").is_err());
        assert!(one_of(
            "limitName",
            "bytesProcessed.daily",
            &["bytesProcessed.daily"]
        )
        .is_ok());
    }
}
