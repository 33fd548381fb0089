//! Body checks for the Atlas Search index PATCH (the largest body in the seed).

use serde_json::{Map, Value};

/// The built-in analyzers: the same facts the client checks against.
pub use atlas_admin_wasm::schema::table::BUILTIN_ANALYZERS as LUCENE_ANALYZERS;

/// Tokenizer types and the fields each one requires.
const TOKENIZERS: [(&str, &[&str]); 8] = [
    ("edgeGram", &["minGram", "maxGram"]),
    ("keyword", &[]),
    ("nGram", &["minGram", "maxGram"]),
    ("regexCaptureGroup", &["group", "pattern"]),
    ("regexSplit", &["pattern"]),
    ("standard", &[]),
    ("uaxUrlEmail", &[]),
    ("whitespace", &[]),
];

/// Token-filter types and the fields each one requires.
const TOKEN_FILTERS: [(&str, &[&str]); 21] = [
    ("asciiFolding", &[]),
    ("daitchMokotoffSoundex", &[]),
    ("edgeGram", &["minGram", "maxGram"]),
    ("englishPossessive", &[]),
    ("flattenGraph", &[]),
    ("icuFolding", &[]),
    ("icuNormalizer", &[]),
    ("kStemming", &[]),
    ("length", &[]),
    ("lowercase", &[]),
    ("nGram", &["minGram", "maxGram"]),
    ("porterStemming", &[]),
    ("regex", &["matches", "pattern", "replacement"]),
    ("reverse", &[]),
    ("shingle", &["maxShingleSize", "minShingleSize"]),
    ("snowballStemming", &["stemmerName"]),
    ("spanishPluralStemming", &[]),
    ("stempel", &[]),
    ("stopword", &["tokens"]),
    ("trim", &[]),
    ("wordDelimiterGraph", &[]),
];

/// Char-filter types and the fields each one requires.
const CHAR_FILTERS: [(&str, &[&str]); 4] = [
    ("htmlStrip", &[]),
    ("icuNormalize", &[]),
    ("mapping", &["mappings"]),
    ("persian", &[]),
];

const RESERVED_PREFIXES: [&str; 3] = ["lucene.", "builtin.", "mongodb."];

type Violations = Vec<(String, String)>;

fn check_typed(v: &Value, path: &str, table: &[(&str, &[&str])], kind: &str, out: &mut Violations) {
    let Some(obj) = v.as_object() else {
        out.push((path.to_string(), format!("each {kind} must be an object")));
        return;
    };
    let Some(t) = obj.get("type").and_then(Value::as_str) else {
        out.push((
            format!("{path}.type"),
            format!("a {kind} needs a string type"),
        ));
        return;
    };
    match table.iter().find(|(name, _)| *name == t) {
        None => {
            let known: Vec<&str> = table.iter().map(|(n, _)| *n).collect();
            out.push((
                format!("{path}.type"),
                format!(
                    "unknown {kind} type `{t}`; expected one of {}",
                    known.join(", ")
                ),
            ));
        }
        Some((_, required)) => {
            for r in required.iter() {
                if !obj.contains_key(*r) {
                    out.push((
                        format!("{path}.{r}"),
                        format!("required for {kind} type {t}"),
                    ));
                }
            }
        }
    }
}

fn analyzer_names(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|x| x.get("name").and_then(Value::as_str))
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// Checks a search-index PATCH body against the stored index. Returns the
/// field violations (empty when the body is acceptable).
pub fn search_index_body(body: &Map<String, Value>, stored: &Value) -> Violations {
    let mut out = Violations::new();
    for f in ["collectionName", "database", "name"] {
        match body.get(f) {
            None => out.push((f.to_string(), "required".to_string())),
            Some(Value::String(s)) if !s.is_empty() => {}
            Some(_) => out.push((f.to_string(), "must be a non-empty string".to_string())),
        }
    }
    let stored_type = stored
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or("search");
    if let Some(t) = body.get("type") {
        match t.as_str() {
            Some("search") | Some("vectorSearch") => {
                if t.as_str() != Some(stored_type) {
                    out.push((
                        "type".to_string(),
                        format!("the index is of type {stored_type}; its type cannot change"),
                    ));
                }
            }
            _ => out.push((
                "type".to_string(),
                "must be one of search, vectorSearch".to_string(),
            )),
        }
    }
    if let Some(n) = body.get("numPartitions") {
        if !matches!(n.as_i64(), Some(1) | Some(2) | Some(4)) {
            out.push((
                "numPartitions".to_string(),
                "must be one of 1, 2, 4".to_string(),
            ));
        }
    }
    if let Some(s) = body.get("storedSource") {
        if !(s.is_object() || s.is_boolean()) {
            out.push((
                "storedSource".to_string(),
                "must be an object or a boolean".to_string(),
            ));
        }
    }
    if stored_type == "vectorSearch" {
        if let Some(fields) = body.get("fields") {
            match fields.as_array() {
                Some(a) => {
                    for (i, f) in a.iter().enumerate() {
                        if !f.is_object() {
                            out.push((format!("fields[{i}]"), "must be an object".to_string()));
                        }
                    }
                }
                None => out.push(("fields".to_string(), "must be an array".to_string())),
            }
        }
        return out;
    }

    // Search-index checks.
    if let Some(a) = body.get("analyzers") {
        match a.as_array() {
            None => out.push(("analyzers".to_string(), "must be an array".to_string())),
            Some(list) => {
                for (i, an) in list.iter().enumerate() {
                    let p = format!("analyzers[{i}]");
                    let Some(obj) = an.as_object() else {
                        out.push((p, "must be an object".to_string()));
                        continue;
                    };
                    match obj.get("name").and_then(Value::as_str) {
                        None => out.push((format!("{p}.name"), "required string".to_string())),
                        Some(name) => {
                            if let Some(pre) =
                                RESERVED_PREFIXES.iter().find(|x| name.starts_with(**x))
                            {
                                out.push((
                                    format!("{p}.name"),
                                    format!("custom analyzer names must not start with `{pre}`"),
                                ));
                            }
                        }
                    }
                    match obj.get("tokenizer") {
                        None => out.push((format!("{p}.tokenizer"), "required".to_string())),
                        Some(t) => check_typed(
                            t,
                            &format!("{p}.tokenizer"),
                            &TOKENIZERS,
                            "tokenizer",
                            &mut out,
                        ),
                    }
                    for (key, table, kind) in [
                        ("tokenFilters", &TOKEN_FILTERS[..], "token filter"),
                        ("charFilters", &CHAR_FILTERS[..], "char filter"),
                    ] {
                        if let Some(v) = obj.get(key) {
                            match v.as_array() {
                                None => {
                                    out.push((format!("{p}.{key}"), "must be an array".to_string()))
                                }
                                Some(items) => {
                                    for (j, item) in items.iter().enumerate() {
                                        check_typed(
                                            item,
                                            &format!("{p}.{key}[{j}]"),
                                            table,
                                            kind,
                                            &mut out,
                                        );
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    let custom = if body.contains_key("analyzers") {
        analyzer_names(body.get("analyzers"))
    } else {
        analyzer_names(stored.get("analyzers"))
    };
    for f in ["analyzer", "searchAnalyzer"] {
        if let Some(v) = body.get(f) {
            match v.as_str() {
                Some(name) if LUCENE_ANALYZERS.contains(&name) || custom.iter().any(|c| c == name) => {}
                Some(name) => out.push((
                    f.to_string(),
                    format!("`{name}` is neither a built-in lucene analyzer nor a custom analyzer of this index"),
                )),
                None => out.push((f.to_string(), "must be a string".to_string())),
            }
        }
    }
    if let Some(m) = body.get("mappings") {
        match m.as_object() {
            None => out.push(("mappings".to_string(), "must be an object".to_string())),
            Some(obj) => {
                if let Some(d) = obj.get("dynamic") {
                    if !(d.is_boolean() || d.is_object()) {
                        out.push((
                            "mappings.dynamic".to_string(),
                            "must be a boolean".to_string(),
                        ));
                    }
                }
                if let Some(f) = obj.get("fields") {
                    if !f.is_object() {
                        out.push((
                            "mappings.fields".to_string(),
                            "must be an object".to_string(),
                        ));
                    }
                }
            }
        }
    }
    if let Some(s) = body.get("synonyms") {
        match s.as_array() {
            None => out.push(("synonyms".to_string(), "must be an array".to_string())),
            Some(list) => {
                for (i, syn) in list.iter().enumerate() {
                    let p = format!("synonyms[{i}]");
                    match syn.get("analyzer").and_then(Value::as_str) {
                        Some(a) if LUCENE_ANALYZERS.contains(&a) => {}
                        _ => out.push((
                            format!("{p}.analyzer"),
                            "required; must be a built-in lucene analyzer".to_string(),
                        )),
                    }
                    if syn.get("name").and_then(Value::as_str).is_none() {
                        out.push((format!("{p}.name"), "required string".to_string()));
                    }
                    if syn
                        .get("source")
                        .and_then(|x| x.get("collection"))
                        .and_then(Value::as_str)
                        .is_none()
                    {
                        out.push((
                            format!("{p}.source.collection"),
                            "required string".to_string(),
                        ));
                    }
                }
            }
        }
    }
    out
}
