//! Native tests of the schema table and its walker: the table's shape, every
//! schema of the description against examples built from it, mutations that
//! must fail at the right path, and the request writer.

use super::*;
use crate::json::Doc;
use serde_json::{json, Map, Value};

/// The reference description, or `None` (with a notice) when it is absent.
fn spec() -> Option<Value> {
    crate::ops::tests::spec()
}

fn resolve<'a>(spec: &'a Value, schema: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(r) => resolve(
            spec,
            &spec["components"]["schemas"][r.rsplit('/').next().unwrap()],
        ),
        None => schema,
    }
}

fn properties(spec: &Value, schema: &Value) -> Map<String, Value> {
    let schema = resolve(spec, schema);
    let mut out = Map::new();
    for p in schema
        .get("allOf")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        out.extend(properties(spec, p));
    }
    for (k, v) in schema
        .get("properties")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        out.insert(k.clone(), v.clone());
    }
    out
}

/// An example for `schema` on one side of the API: its `example`, `default`
/// or first enum value, else one built from its type with every property
/// that belongs to that side.
fn example(spec: &Value, schema: &Value, mode: Mode) -> Value {
    let schema = resolve(spec, schema);
    let is_int = schema.get("type").and_then(Value::as_str) == Some("integer");
    let normalise = |v: &Value| match v.as_f64() {
        // The YAML→JSON conversion wrote some integer examples as `1.0`.
        Some(f) if is_int && f.fract() == 0.0 => json!(f as i64),
        _ => v.clone(),
    };
    for key in ["example", "default"] {
        if let Some(v) = schema.get(key) {
            return normalise(v);
        }
    }
    if let Some(v) = schema.get("enum").and_then(|e| e.get(0)) {
        return v.clone();
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(first) = schema.get(key).and_then(|a| a.get(0)) {
            return example(spec, first, mode);
        }
    }
    match schema.get("type").and_then(Value::as_str) {
        Some("string") => match schema.get("format").and_then(Value::as_str) {
            Some("date-time") => json!("2024-05-06T07:08:09Z"),
            _ => json!("text"),
        },
        Some("integer") => schema.get("minimum").map(normalise).unwrap_or(json!(2)),
        Some("number") => json!(1.5),
        Some("boolean") => json!(true),
        Some("array") => json!([example(spec, &schema["items"], mode)]),
        _ => {
            let mut out = Map::new();
            for (k, p) in &properties(spec, schema) {
                let p = resolve(spec, p);
                let ro = p.get("readOnly") == Some(&json!(true));
                let wo = p.get("writeOnly") == Some(&json!(true));
                if (mode == Mode::Request && ro) || (mode == Mode::Response && wo) {
                    continue;
                }
                out.insert(k.clone(), example(spec, p, mode));
            }
            Value::Object(out)
        }
    }
}

fn run(v: &Value, id: Id, mode: Mode) -> Checked {
    let text = v.to_string();
    let doc = Doc::parse(&text).unwrap();
    let walked = check(doc.root(), id, mode, "");
    if mode == Mode::Response {
        // The one-pass response checker agrees with the walker, error field included.
        let streamed = stream::check_response(&text, id).map(|_| ());
        match (&walked, &streamed) {
            (Ok(()), Ok(())) => {}
            (Err(a), Err(b)) => assert_eq!(
                **b,
                stream::Problem::Schema(a.clone()),
                "stream vs walker on {text}"
            ),
            _ => panic!("stream {streamed:?} vs walker {walked:?} on {text}"),
        }
    }
    walked
}

fn id(name: &str) -> Id {
    named(name).unwrap_or_else(|| panic!("{name} is not in the table"))
}

fn fails_at(v: &Value, name: &str, mode: Mode, field: &str) -> String {
    match run(v, id(name), mode) {
        Ok(()) => panic!("{name}: expected an error at {field} for {v}"),
        Err(e) => {
            assert_eq!(e.field, field, "{name}: {e} for {v}");
            e.rule
        }
    }
}

#[test]
fn the_table_is_well_formed() {
    for (i, n) in table::NODES.iter().enumerate() {
        let ok = |id: &Id| usize::from(*id) < table::NODES.len();
        match n {
            Node::Obj(o) => {
                assert!(o.props.len() <= 64, "node {i}: more than 64 properties");
                assert!(
                    o.props.windows(2).all(|w| w[0].name < w[1].name),
                    "node {i}: properties not sorted"
                );
                assert!(o.props.iter().all(|p| ok(&p.node)), "node {i}");
            }
            Node::Arr { items, .. } => assert!(ok(items)),
            Node::Map { values } => assert!(ok(values)),
            Node::Union(u) => {
                assert!(u.variants.iter().all(|(_, v)| ok(v)));
                assert!(u
                    .variants
                    .iter()
                    .all(|(_, v)| matches!(node(*v), Node::Obj(_))));
            }
            _ => {}
        }
    }
    assert_eq!(table::OPS.len(), 12);
    let names: Vec<_> = table::OPS.iter().map(|o| o.name).collect();
    assert!(
        names.windows(2).all(|w| w[0] < w[1]),
        "operation names are unique and sorted: {names:?}"
    );
    // The JS methods (src/wasm/operations.rs, generated with the table) find
    // their definitions by index.
    let facade = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../src/wasm/operations.rs"
    ))
    .unwrap();
    let mut seen = 0;
    for line in facade.lines().map(str::trim).filter(|l| l.starts_with('"')) {
        let parts: Vec<&str> = line.trim_end_matches(';').split_whitespace().collect();
        let [js, _rust, index] = parts[..] else {
            panic!("{line}")
        };
        let index: usize = index.parse().unwrap();
        assert_eq!(format!("\"{}\"", table::OPS[index].name), js, "{line}");
        seen += 1;
    }
    assert_eq!(seen, table::OPS.len());
    assert_eq!(table::NAMED.len(), 76);
}

#[test]
fn every_schema_accepts_its_own_examples_both_ways() {
    let Some(spec) = spec() else { return };
    let schemas = spec["components"]["schemas"].as_object().unwrap();
    assert_eq!(schemas.len(), 76);
    for (name, s) in schemas {
        for mode in [Mode::Response, Mode::Request] {
            let mut ex = example(&spec, s, mode);
            if name == "BackupSnapshot" && mode == Mode::Request {
                // The example sets both; the client refuses that pair (see rules.rs).
                ex["doNotDelete"] = json!(false);
            }
            if let Err(e) = run(&ex, id(name), mode) {
                panic!("{name} ({mode:?}): {e}\n{ex:#}");
            }
        }
    }
}

#[test]
fn every_tokenizer_filter_and_char_filter_kind_is_checked() {
    let Some(spec) = spec() else { return };
    let analyzer = id("ApiAtlasFTSAnalyzersViewManual");
    let Node::Obj(o) = node(analyzer) else {
        panic!()
    };
    let union_of = |prop: &str| {
        let p = o.props.iter().find(|p| p.name == prop).unwrap();
        let n = match node(p.node) {
            Node::Arr { items, .. } => *items,
            _ => p.node,
        };
        let Node::Union(u) = node(n) else {
            panic!("{prop}")
        };
        u
    };
    let kinds: Vec<usize> = ["tokenizer", "tokenFilters", "charFilters"]
        .iter()
        .map(|p| union_of(p).variants.len())
        .collect();
    assert_eq!(kinds, [8, 21, 4]);
    // The upstream `nGram` tokenizer's tag says `edgeGram`: the client keys on `nGram`.
    let tags: Vec<&str> = union_of("tokenizer").variants.iter().map(|v| v.0).collect();
    assert!(
        tags.contains(&"nGram") && tags.contains(&"edgeGram"),
        "{tags:?}"
    );
    for (tag, vid) in union_of("tokenFilters").variants {
        let schema = format!("tokenFilter{tag}");
        let s = spec["components"]["schemas"]
            .as_object()
            .unwrap()
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(&schema))
            .map(|(_, v)| v)
            .unwrap_or_else(|| panic!("{schema}"));
        let ex = example(&spec, s, Mode::Request);
        run(&ex, *vid, Mode::Request).unwrap_or_else(|e| panic!("{tag}: {e} {ex}"));
    }
}

#[test]
fn responses_keep_what_atlas_adds_later() {
    let page = json!({
        "results": [{
            "clusterCount": 9007199254740993_i64, "created": "2024-01-01T00:00:00Z",
            "name": "p", "orgId": "not-checked-in-responses",
            "regionUsageRestrictions": "SOME_NEW_REGION_SET", "newField": {"a": [1]}
        }],
        "totalCount": 1, "nextCursor": "abc"
    });
    run(&page, id("PaginatedAtlasGroupView"), Mode::Response).unwrap();
    let index = json!({
        "collectionName": "c", "database": "d", "name": "n", "type": "search",
        "analyzers": [{ "name": "a", "tokenizer": { "type": "brandNewTokenizer", "x": 1 } }],
        "status": "SOME_NEW_STATUS"
    });
    run(&index, id("ClusterSearchIndex"), Mode::Response).unwrap();
    let other_kind =
        json!({ "collectionName": "c", "database": "d", "name": "n", "type": "hybrid" });
    run(&other_kind, id("ClusterSearchIndex"), Mode::Response).unwrap();
    // The same values are refused in a request.
    fails_at(
        &index,
        "ClusterSearchIndex",
        Mode::Request,
        "analyzers[0].tokenizer.type",
    );
    fails_at(&other_kind, "ClusterSearchIndex", Mode::Request, "type");
}

#[test]
fn wrong_types_and_missing_fields_fail_at_their_path() {
    let ok = json!({"results": [{"clusterCount": 1, "created": "x", "name": "p", "orgId": "o"}]});
    run(&ok, id("PaginatedAtlasGroupView"), Mode::Response).unwrap();
    let cases = [
        (
            json!({"results": [{"clusterCount": "1", "created": "x", "name": "p", "orgId": "o"}]}),
            "results[0].clusterCount",
        ),
        (
            json!({"results": [{"clusterCount": 1.5, "created": "x", "name": "p", "orgId": "o"}]}),
            "results[0].clusterCount",
        ),
        (
            json!({"results": [{"created": "x", "name": "p", "orgId": "o"}]}),
            "results[0].clusterCount",
        ),
        (
            json!({"results": [{"clusterCount": 1, "created": "x", "name": null, "orgId": "o"}]}),
            "results[0].name",
        ),
        (
            json!({"results": [{"clusterCount": 1, "created": "x", "name": "p", "orgId": "o", "tags": [{"key": 1, "value": "v"}]}]}),
            "results[0].tags[0].key",
        ),
        (json!({"results": {}}), "results"),
        (
            json!({"results": [], "totalCount": 2147483648_i64}),
            "totalCount",
        ),
        (json!({}), "results"),
        (json!([]), ""),
    ];
    for (v, field) in cases {
        fails_at(&v, "PaginatedAtlasGroupView", Mode::Response, field);
    }
    // int64: up to 2^63 − 1; beyond is an error, not a rounded number.
    let text = r#"{"results":[{"clusterCount":9223372036854775808,"created":"x","name":"p","orgId":"o"}]}"#;
    let doc = Doc::parse(text).unwrap();
    let e = check(
        doc.root(),
        id("PaginatedAtlasGroupView"),
        Mode::Response,
        "",
    )
    .unwrap_err();
    assert_eq!(e.field, "results[0].clusterCount");
    assert!(e.rule.contains("64-bit"), "{e}");
}

#[test]
fn every_property_of_every_response_schema_refuses_a_wrong_type() {
    let Some(spec) = spec() else { return };
    let mut tried = 0;
    for (name, s) in spec["components"]["schemas"].as_object().unwrap() {
        let ex = example(&spec, s, Mode::Response);
        let Some(obj) = ex.as_object() else { continue };
        let props = properties(&spec, s);
        for (k, v) in obj {
            let p = resolve(&spec, &props[k]);
            // Free-form values accept anything; overridden ones too.
            if p.get("type").is_none() || ["storedSource", "dynamic"].contains(&k.as_str()) {
                continue;
            }
            if s.get("discriminator").is_some() && k == "type" {
                continue; // a union's tag: an unknown kind is kept in responses
            }
            let wrong = match v {
                Value::String(_) => json!(12),
                Value::Number(_) | Value::Bool(_) | Value::Array(_) | Value::Object(_) => {
                    json!("x")
                }
                Value::Null => continue,
            };
            let mut bad = obj.clone();
            bad.insert(k.clone(), wrong);
            let field = k.clone();
            match run(&Value::Object(bad.clone()), id(name), Mode::Response) {
                Ok(()) => panic!("{name}.{k}: a wrong type was accepted"),
                Err(e) => assert!(e.field.starts_with(&field), "{name}.{k}: {e}"),
            }
            tried += 1;
        }
    }
    assert!(tried > 200, "only {tried} cases");
}

#[test]
fn request_rules_name_the_field() {
    let idx = |extra: Value| {
        let mut v = json!({ "collectionName": "c", "database": "d", "name": "n" });
        v.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        v
    };
    let an = |tokenizer: Value, filters: Value| {
        idx(
            json!({ "analyzers": [{ "name": "a", "tokenizer": tokenizer, "tokenFilters": filters }] }),
        )
    };
    let s = "ClusterSearchIndex";
    let r = Mode::Request;
    fails_at(&idx(json!({ "numPartitions": 3 })), s, r, "numPartitions");
    fails_at(
        &idx(json!({ "collectionName": " " })),
        s,
        r,
        "collectionName",
    );
    fails_at(
        &idx(json!({ "analyzers": [{ "name": "lucene.x", "tokenizer": { "type": "standard" } }] })),
        s,
        r,
        "analyzers[0].name",
    );
    fails_at(
        &idx(json!({ "analyzers": [
            { "name": "a", "tokenizer": { "type": "standard" } },
            { "name": "a", "tokenizer": { "type": "keyword" } }] })),
        s,
        r,
        "analyzers[1].name",
    );
    fails_at(
        &an(
            json!({ "type": "nGram", "minGram": 3, "maxGram": 2 }),
            json!([]),
        ),
        s,
        r,
        "analyzers[0].tokenizer.maxGram",
    );
    fails_at(
        &an(
            json!({ "type": "edgeGram", "minGram": 0, "maxGram": 2 }),
            json!([]),
        ),
        s,
        r,
        "analyzers[0].tokenizer.minGram",
    );
    fails_at(
        &an(json!({ "type": "regexSplit", "pattern": "" }), json!([])),
        s,
        r,
        "analyzers[0].tokenizer.pattern",
    );
    fails_at(
        &an(
            json!({ "type": "standard" }),
            json!([{ "type": "length", "min": 5, "max": 2 }]),
        ),
        s,
        r,
        "analyzers[0].tokenFilters[0].max",
    );
    fails_at(
        &an(
            json!({ "type": "standard" }),
            json!([{ "type": "shingle", "minShingleSize": 0, "maxShingleSize": 2 }]),
        ),
        s,
        r,
        "analyzers[0].tokenFilters[0].minShingleSize",
    );
    fails_at(
        &an(
            json!({ "type": "standard" }),
            json!([{ "type": "stopword", "tokens": [] }]),
        ),
        s,
        r,
        "analyzers[0].tokenFilters[0].tokens",
    );
    fails_at(
        &an(
            json!({ "type": "standard" }),
            json!([{ "type": "snowballStemming", "stemmerName": "klingon" }]),
        ),
        s,
        r,
        "analyzers[0].tokenFilters[0].stemmerName",
    );
    fails_at(
        &an(
            json!({ "type": "standard" }),
            json!([{ "type": "lowercased" }]),
        ),
        s,
        r,
        "analyzers[0].tokenFilters[0].type",
    );
    fails_at(
        &idx(
            json!({ "analyzers": [{ "name": "a", "tokenizer": { "type": "standard" }, "charFilters": [{ "type": "mapping", "mappings": { "": "x" } }] }] }),
        ),
        s,
        r,
        "analyzers[0].charFilters[0].mappings",
    );
    // The same kinds pass with good values, and an index without `type` is a search index.
    run(
        &an(
            json!({ "type": "nGram", "minGram": 2, "maxGram": 3 }),
            json!([{ "type": "length", "min": 1 }]),
        ),
        id(s),
        r,
    )
    .unwrap();
    let snap = "BackupSnapshot";
    fails_at(
        &json!({ "doNotDelete": true, "expires": "2030-01-01T00:00:00Z" }),
        snap,
        r,
        "expires",
    );
    fails_at(&json!({ "expires": "tomorrow" }), snap, r, "expires");
    run(&json!({ "expires": "2030-01-01T00:00:00Z" }), id(snap), r).unwrap();
    fails_at(
        &json!({ "desc": "", "roles": ["ORG_MEMBER"] }),
        "CreateAtlasOrganizationApiKey",
        r,
        "desc",
    );
    fails_at(
        &json!({ "desc": "d", "roles": [] }),
        "CreateAtlasOrganizationApiKey",
        r,
        "roles",
    );
    fails_at(
        &json!({ "desc": "d", "roles": ["ORG_ADMIN"] }),
        "CreateAtlasOrganizationApiKey",
        r,
        "roles[0]",
    );
    fails_at(
        &json!({ "monthsUntilExpiration": 0 }),
        "UserCert",
        r,
        "monthsUntilExpiration",
    );
    fails_at(
        &json!({ "monthsUntilExpiration": 25 }),
        "UserCert",
        r,
        "monthsUntilExpiration",
    );
    fails_at(
        &json!({ "name": "p", "policies": [{ "body": "  \n" }] }),
        "ApiAtlasResourcePolicyCreateView",
        r,
        "policies[0].body",
    );
}

#[test]
fn requests_are_written_without_read_only_fields_or_nulls() {
    let op = crate::ops::op("updateAtlasSearchIndexDeprecated").unwrap();
    let body = op.body.as_ref().unwrap().node;
    let text = r#"{"collectionName":"c","database":"d","name":"n","indexID":"x","status":"STEADY","analyzer":null,"newField":{"a":[1,"\u0000bigint:12345678901234567890"]},"analyzers":[{"name":"a\"q","tokenizer":{"type":"standard"}}]}"#;
    let doc = Doc::parse(text).unwrap();
    check(doc.root(), body, Mode::Request, "").unwrap();
    let mut out = String::new();
    write(doc.root(), body, &mut out);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        v,
        json!({"collectionName":"c","database":"d","name":"n",
               "newField":{"a":[1,"\u{0}bigint:12345678901234567890"]},
               "analyzers":[{"name":"a\"q","tokenizer":{"type":"standard"}}]})
    );
    // A JS bigint in an int64 field of a request goes out as its digits.
    let n = Int {
        min: i64::MIN,
        max: i64::MAX,
        wide: true,
        values: &[],
    };
    let doc = Doc::parse(r#""\u0000bigint:9223372036854775807""#).unwrap();
    assert_eq!(
        check_int(doc.root(), &n, Mode::Request, "x").unwrap(),
        i64::MAX
    );
    let doc = Doc::parse(r#""\u0000bigint:9223372036854775808""#).unwrap();
    assert!(check_int(doc.root(), &n, Mode::Request, "x").is_err());
}

/// Prints how fast a 500-project page parses and checks (not asserted:
/// machines are noisy). `PAGE_JSON=file cargo test --release -- --ignored --nocapture check_speed`
#[test]
#[ignore]
fn check_speed() {
    let text = std::fs::read_to_string(std::env::var("PAGE_JSON").unwrap()).unwrap();
    let id = id("PaginatedAtlasGroupView");
    let n = 300;
    let t = std::time::Instant::now();
    for _ in 0..n {
        let doc = Doc::parse(&text).unwrap();
        std::hint::black_box(&doc);
    }
    let parse = t.elapsed().as_secs_f64() / f64::from(n);
    let doc = Doc::parse(&text).unwrap();
    let t = std::time::Instant::now();
    for _ in 0..n {
        check(doc.root(), id, Mode::Response, "").unwrap();
    }
    let walk = t.elapsed().as_secs_f64() / f64::from(n);
    let t = std::time::Instant::now();
    for _ in 0..n {
        stream::check_response(&text, id).unwrap();
    }
    let one_pass = t.elapsed().as_secs_f64() / f64::from(n);
    println!(
        "{} KB: parse {:.0} µs, check {:.0} µs, one-pass check {:.0} µs",
        text.len() / 1024,
        parse * 1e6,
        walk * 1e6,
        one_pass * 1e6
    );
}

#[test]
fn one_pass_checker_refuses_what_json_refuses_and_flags_big_integers() {
    let page = id("PaginatedAtlasGroupView");
    let ok = r#"{"results":[{"clusterCount":1,"created":"x","name":"p","orgId":"o"}]}"#;
    assert_eq!(stream::check_response(ok, page), Ok(false));
    // Big integers anywhere (known int64 fields and unknown ones) are flagged.
    let big = r#"{"results":[{"clusterCount":9007199254740993,"created":"x","name":"p","orgId":"o","x":[-12345678901234567890]}]}"#;
    assert_eq!(stream::check_response(big, page), Ok(true));
    let safe = r#"{"results":[],"n":9007199254740991,"f":1.5e300}"#;
    assert_eq!(stream::check_response(safe, page), Ok(false));
    // Not JSON: the path and offset of the problem, like json::Doc.
    for (text, path) in [
        (
            r#"{"results":[{"clusterCount":01}]}"#,
            "results[0].clusterCount",
        ),
        (r#"{"results":[],}"#, ""),
        (r#"{"results":[]} x"#, ""),
        (r#"{"results":["a\x"]}"#, "results[0]"),
        (r#"{"results":[], "u": {"a": [1, tru]}}"#, "u.a[1]"),
        (r#"{"results""#, ""),
    ] {
        match stream::check_response(text, page).map_err(|p| *p) {
            Err(stream::Problem::Syntax { path: got, .. }) => assert_eq!(got, path, "{text}"),
            other => panic!("{text}: {other:?}"),
        }
        assert!(Doc::parse(text).is_err(), "{text}");
    }
    // Nesting: 128 levels pass (in an unknown field), 129 do not.
    let nest = |n: usize| {
        format!(
            r#"{{"results":[],"u":{}{}}}"#,
            "[".repeat(n - 1),
            "]".repeat(n - 1)
        )
    };
    assert!(stream::check_response(&nest(128), page).is_ok());
    assert!(stream::check_response(&nest(129), page).is_err());
    assert!(stream::check_response(&"[".repeat(100_000), page).is_err());
    // A union value inside a response goes through the walker.
    let index = id("ClusterSearchIndex");
    let good = r#"{"collectionName":"c","database":"d","name":"n","type":"vectorSearch","fields":[{"type":"vector"}]}"#;
    assert_eq!(stream::check_response(good, index), Ok(false));
    let bad = r#"{"collectionName":"c","database":"d","name":7,"type":"search"}"#;
    match stream::check_response(bad, index).map_err(|p| *p) {
        Err(stream::Problem::Schema(e)) => assert_eq!(e.field, "name"),
        other => panic!("{other:?}"),
    }
}
