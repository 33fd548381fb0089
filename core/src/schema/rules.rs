//! Request rules the API description cannot state: cross-field limits and
//! names Atlas reserves. Each runs on an object whose fields already passed
//! their own checks; the table ([`super::table`]) names where each applies.

use crate::json::View;
use crate::validate::{join, range, Checked, ValidationError};

/// Prefixes of the built-in analyzers; a custom analyzer may not use them.
pub const RESERVED_ANALYZER_PREFIXES: &[&str] = &["lucene.", "builtin.", "mongodb."];

fn int(v: View<'_>, key: &str) -> Option<i64> {
    v.get(key).and_then(|n| n.i64())
}

/// `min ≤ max`, both at least `floor`, reported at the failing field.
fn ordered(
    v: View<'_>,
    path: &str,
    names: (&str, &str),
    defaults: (i64, i64),
    floor: i64,
) -> Checked {
    let min = int(v, names.0).unwrap_or(defaults.0);
    let max = int(v, names.1).unwrap_or(defaults.1);
    range(&join(path, names.0), min, floor, i64::from(i32::MAX))?;
    range(&join(path, names.1), max, min, i64::from(i32::MAX))
}

/// `edgeGram`/`nGram` tokenizers and filters: `1 ≤ minGram ≤ maxGram`.
pub fn gram_sizes(v: View<'_>, path: &str) -> Checked {
    ordered(v, path, ("minGram", "maxGram"), (1, 1), 1)
}

/// `shingle` filter: `1 ≤ minShingleSize ≤ maxShingleSize`.
pub fn shingle_sizes(v: View<'_>, path: &str) -> Checked {
    ordered(v, path, ("minShingleSize", "maxShingleSize"), (1, 1), 1)
}

/// `length` filter: `0 ≤ min ≤ max` (Atlas defaults 0 and 255).
pub fn length_bounds(v: View<'_>, path: &str) -> Checked {
    ordered(v, path, ("min", "max"), (0, 255), 0)
}

/// `mapping` character filter: no entry may map the empty string.
pub fn char_mappings(v: View<'_>, path: &str) -> Checked {
    let empty_key = v
        .get("mappings")
        .is_some_and(|m| m.members().any(|(k, _)| k.raw().is_empty()));
    if empty_key {
        return Err(ValidationError::new(
            join(path, "mappings"),
            "must not map the empty string",
        ));
    }
    Ok(())
}

/// A custom analyzer's name must not take a built-in prefix.
pub fn custom_analyzer(v: View<'_>, path: &str) -> Checked {
    let name = v.get("name").and_then(|n| n.str()).unwrap_or_default();
    match RESERVED_ANALYZER_PREFIXES
        .iter()
        .find(|p| name.starts_with(*p))
    {
        Some(p) => Err(ValidationError::new(
            join(path, "name"),
            format!("must not start with the reserved prefix `{p}`"),
        )),
        None => Ok(()),
    }
}

/// A search index: its custom analyzers' names are unique.
pub fn search_index(v: View<'_>, path: &str) -> Checked {
    let Some(analyzers) = v.get("analyzers") else {
        return Ok(());
    };
    let names: Vec<_> = analyzers
        .elements()
        .map(|a| a.get("name").and_then(|n| n.str()).unwrap_or_default())
        .collect();
    for (i, n) in names.iter().enumerate() {
        if names.get(..i).is_some_and(|before| before.contains(n)) {
            return Err(ValidationError::new(
                format!("{}[{i}].name", join(path, "analyzers")),
                "must be unique among the index's analyzers",
            ));
        }
    }
    Ok(())
}

/// A legacy snapshot's retention: an expiry date and `doNotDelete: true` exclude each other.
pub fn snapshot_retention(v: View<'_>, path: &str) -> Checked {
    let expires = v.get("expires").is_some_and(|e| !e.is_null());
    if expires && v.get("doNotDelete").and_then(|d| d.bool()) == Some(true) {
        return Err(ValidationError::new(
            join(path, "expires"),
            "cannot be set together with doNotDelete: true",
        ));
    }
    Ok(())
}
