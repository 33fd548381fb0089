//! Shared serde plumbing of the models: `type`-tagged unions that keep unknown
//! kinds, and request catch-all maps that never send read-only fields.

use serde::{Serialize, Serializer};
use serde_json::{Map, Value};

/// A JSON object as received: the shape of every catch-all map.
pub type Object = Map<String, Value>;

/// The `type` tag of an object, when it is a string.
pub(crate) fn tag_of(map: &Object) -> Option<&str> {
    map.get("type").and_then(Value::as_str)
}

/// Decodes the fields of a known union variant from `map` (its `type` tag is
/// dropped first). A failure names the variant and the path inside it, so the
/// caller's error path (which ends at the union) plus this message locate it.
pub(crate) fn decode_variant<T, E>(what: &str, tag: &str, mut map: Object) -> Result<T, E>
where
    T: serde::de::DeserializeOwned,
    E: serde::de::Error,
{
    map.remove("type");
    // Through JSON text rather than `Value`'s own decoder: the text decoder is
    // in the module anyway, and its positions give the path inside the variant.
    let text = serde_json::to_vec(&Value::Object(map)).map_err(E::custom)?;
    crate::response::from_json::<T>(&text).map_err(|m| match m.split_once(": ") {
        Some((path, rest)) if !path.contains(' ') => {
            E::custom(format_args!("invalid `{tag}` {what} at `{path}`: {rest}"))
        }
        _ => E::custom(format_args!("invalid `{tag}` {what}: {m}")),
    })
}

/// Writes `inner`'s fields preceded by `"type": tag`.
pub(crate) fn serialize_tagged<S: Serializer, T: Serialize>(
    s: S,
    tag: &str,
    inner: &T,
) -> Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    struct Tagged<'a, T> {
        r#type: &'a str,
        #[serde(flatten)]
        inner: &'a T,
    }
    Tagged { r#type: tag, inner }.serialize(s)
}

/// Writes the entries of a request's catch-all map except the read-only wire
/// names in `read_only`, so a value built from a GET result never sends them.
pub(crate) fn serialize_writable<S: Serializer>(
    extra: &Object,
    read_only: &[&str],
    s: S,
) -> Result<S::Ok, S::Error> {
    s.collect_map(
        extra
            .iter()
            .filter(|(k, _)| !read_only.contains(&k.as_str())),
    )
}

/// Declares a `type`-tagged union: one variant per known tag holding its typed
/// fields, plus `Other` holding an unknown (or untagged) object verbatim. A
/// known tag whose fields do not decode is an error, never `Other`.
macro_rules! tagged_union {
    (
        $(#[$meta:meta])*
        $name:ident, $values:ident, $what:literal {
            $( $(#[$vmeta:meta])* $tag:literal => $variant:ident($ty:ty), )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq)]
        pub enum $name {
            $( $(#[$vmeta])* $variant($ty), )+
            /// A kind this client does not know, or an object without a string
            /// `type`, kept exactly as received (including its `type`).
            Other($crate::models::wire::Object),
        }

        #[doc = concat!("The `type` values that [`", stringify!($name), "`] decodes into typed variants.")]
        pub const $values: &[&str] = &[$($tag),+];

        impl $name {
            /// The `type` tag written on the wire, if any.
            pub fn kind(&self) -> Option<&str> {
                match self {
                    $( Self::$variant(_) => Some($tag), )+
                    Self::Other(m) => $crate::models::wire::tag_of(m),
                }
            }
        }

        #[cfg(test)]
        impl $name {
            /// The catch-all map of a typed variant (tests check it is empty).
            #[allow(dead_code)]
            pub(crate) fn variant_extra(&self) -> Option<&$crate::models::wire::Object> {
                match self {
                    $( Self::$variant(v) => Some(&v.extra), )+
                    Self::Other(_) => None,
                }
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                match self {
                    $( Self::$variant(v) => $crate::models::wire::serialize_tagged(s, $tag, v), )+
                    Self::Other(m) => serde::Serialize::serialize(m, s),
                }
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let map = <$crate::models::wire::Object as serde::Deserialize>::deserialize(d)?;
                let tag = match $crate::models::wire::tag_of(&map) {
                    Some(t) => t.to_owned(),
                    None => return Ok(Self::Other(map)),
                };
                match tag.as_str() {
                    $( $tag => $crate::models::wire::decode_variant($what, $tag, map).map(Self::$variant), )+
                    _ => Ok(Self::Other(map)),
                }
            }
        }
    };
}
pub(crate) use tagged_union;
