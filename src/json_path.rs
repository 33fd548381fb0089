//! Locates a decoding error: turns serde_json's line and column into the path
//! of the JSON value there (`results[3].clusterCount`). One small scanner
//! instead of a path-tracking wrapper around every model's decoder, which
//! would cost a copy of each decoder in the wasm module.

/// Path of the value being read at 1-based `line` and `column` of `json`;
/// empty at the top level. After a closing brace or bracket the path is the
/// closed object's own (where serde reports a missing field).
pub fn path_at(json: &[u8], line: usize, column: usize) -> String {
    let end = offset(json, line, column).min(json.len());
    enum Frame {
        Object {
            key: Option<String>,
            expecting_key: bool,
        },
        Array {
            index: usize,
        },
    }
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < end {
        match json[i] {
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < json.len() && json[i] != b'"' {
                    if json[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                if let Some(Frame::Object { key, expecting_key }) = stack.last_mut() {
                    if *expecting_key {
                        let raw = json.get(start..i.min(json.len())).unwrap_or_default();
                        *key = Some(String::from_utf8_lossy(raw).into_owned());
                        *expecting_key = false;
                    }
                }
            }
            b'{' => stack.push(Frame::Object {
                key: None,
                expecting_key: true,
            }),
            b'[' => stack.push(Frame::Array { index: 0 }),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object { expecting_key, .. }) => *expecting_key = true,
                Some(Frame::Array { index }) => *index += 1,
                None => {}
            },
            _ => {}
        }
        i += 1;
    }
    let mut path = String::new();
    for f in &stack {
        match f {
            Frame::Object { key: Some(k), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
            }
            Frame::Object { key: None, .. } => {}
            Frame::Array { index } => {
                path.push('[');
                path.push_str(&index.to_string());
                path.push(']');
            }
        }
    }
    path
}

/// Byte offset of 1-based `line` and `column` (serde_json counts bytes).
fn offset(json: &[u8], line: usize, column: usize) -> usize {
    let mut line_start = 0;
    let mut n = 1;
    for (i, &b) in json.iter().enumerate() {
        if n >= line {
            break;
        }
        if b == b'\n' {
            n += 1;
            line_start = i + 1;
        }
    }
    line_start + column
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err_path<T: serde::de::DeserializeOwned + std::fmt::Debug>(json: &str) -> (String, String) {
        let e = serde_json::from_str::<T>(json).unwrap_err();
        (
            path_at(json.as_bytes(), e.line(), e.column()),
            e.to_string(),
        )
    }

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Inner {
        n: u32,
        s: String,
    }
    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Outer {
        a: Vec<Inner>,
        b: Option<Inner>,
    }

    #[test]
    fn finds_the_value() {
        assert_eq!(
            err_path::<Outer>(r#"{"a":[{"n":1,"s":"x"},{"n":"2","s":"y"}]}"#).0,
            "a[1].n"
        );
        assert_eq!(
            err_path::<Outer>(r#"{"a":[], "b": {"n": 1, "s": 5}}"#).0,
            "b.s"
        );
        // A missing field is reported at the object that lacks it.
        let (p, m) = err_path::<Outer>(r#"{"a":[{"n":1}]}"#);
        assert_eq!(p, "a[0]");
        assert!(m.starts_with("missing field `s`"), "{m}");
        assert_eq!(err_path::<Outer>(r#"{"b":null}"#).0, "");
        let pretty = "{\n  \"a\": [\n    {\"n\": 1, \"s\": true}\n  ]\n}";
        assert_eq!(err_path::<Outer>(pretty).0, "a[0].s");
        assert_eq!(
            err_path::<Vec<Inner>>(r#"[{"n":1,"s":"x"},{"n":-1,"s":"x"}]"#).0,
            "[1].n"
        );
        // Strings holding brackets and escaped quotes do not confuse it.
        assert_eq!(
            err_path::<Outer>(r#"{"a":[{"s":"}]\"[{","n":true}]}"#).0,
            "a[0].n"
        );
    }
}
