//! Atlas Search and Vector Search index definitions: the index as returned,
//! the update request, custom analyzers with their tokenizers, token filters
//! and character filters, field mappings and synonyms.
//!
//! One struct carries both index kinds: the common fields plus the optional
//! fields of each kind (`mappings`, `analyzer(s)`, `searchAnalyzer`, `synonyms`
//! for `search`; `fields`, `nestedRoot` for `vectorSearch`). `type` stays a
//! string, so an index kind Atlas adds later decodes and re-encodes intact.
//! Tokenizers, token filters and character filters are `type`-tagged unions
//! whose unknown kinds are kept whole in `Other`.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::wire::{serialize_writable, tagged_union, Object};
use crate::validate::{index, join, non_empty, one_of, range, Checked, Validate, ValidationError};

/// The index kinds: full-text `search` (the default) and `vectorSearch`.
pub const SEARCH_INDEX_TYPE_VALUES: &[&str] = &["search", "vectorSearch"];
/// Known values of [`ClusterSearchIndex::status`].
pub const SEARCH_INDEX_STATUS_VALUES: &[&str] = &[
    "IN_PROGRESS",
    "STEADY",
    "FAILED",
    "MIGRATING",
    "STALE",
    "PAUSED",
];
/// Partition counts an index may be split into.
pub const NUM_PARTITIONS_VALUES: &[i32] = &[1, 2, 4];
/// Prefixes reserved for built-in analyzers; custom analyzer names may not use them.
pub const RESERVED_ANALYZER_PREFIXES: &[&str] = &["lucene.", "builtin.", "mongodb."];
/// The built-in analyzers the API lists for `analyzer`, `searchAnalyzer` and synonyms.
pub const BUILTIN_ANALYZER_VALUES: &[&str] = &[
    "lucene.standard",
    "lucene.simple",
    "lucene.whitespace",
    "lucene.keyword",
    "lucene.arabic",
    "lucene.armenian",
    "lucene.basque",
    "lucene.bengali",
    "lucene.brazilian",
    "lucene.bulgarian",
    "lucene.catalan",
    "lucene.chinese",
    "lucene.cjk",
    "lucene.czech",
    "lucene.danish",
    "lucene.dutch",
    "lucene.english",
    "lucene.finnish",
    "lucene.french",
    "lucene.galician",
    "lucene.german",
    "lucene.greek",
    "lucene.hindi",
    "lucene.hungarian",
    "lucene.indonesian",
    "lucene.irish",
    "lucene.italian",
    "lucene.japanese",
    "lucene.korean",
    "lucene.kuromoji",
    "lucene.latvian",
    "lucene.lithuanian",
    "lucene.morfologik",
    "lucene.nori",
    "lucene.norwegian",
    "lucene.persian",
    "lucene.portuguese",
    "lucene.romanian",
    "lucene.russian",
    "lucene.smartcn",
    "lucene.sorani",
    "lucene.spanish",
    "lucene.swedish",
    "lucene.thai",
    "lucene.turkish",
    "lucene.ukrainian",
];
/// Values of `originalTokens` (asciiFolding, daitchMokotoffSoundex filters).
pub const ORIGINAL_TOKENS_VALUES: &[&str] = &["omit", "include"];
/// Values of `termNotInBounds` (edgeGram, nGram filters).
pub const TERM_NOT_IN_BOUNDS_VALUES: &[&str] = &["omit", "include"];
/// Values of `normalizationForm` (icuNormalizer filter).
pub const NORMALIZATION_FORM_VALUES: &[&str] = &["nfd", "nfc", "nfkd", "nfkc"];
/// Values of `matches` (regex filter).
pub const REGEX_MATCHES_VALUES: &[&str] = &["all", "first"];
/// Values of `stemmerName` (snowballStemming filter).
pub const SNOWBALL_STEMMER_VALUES: &[&str] = &[
    "arabic",
    "armenian",
    "basque",
    "catalan",
    "danish",
    "dutch",
    "english",
    "finnish",
    "french",
    "german",
    "german2",
    "hungarian",
    "irish",
    "italian",
    "kp",
    "lithuanian",
    "lovins",
    "norwegian",
    "porter",
    "portuguese",
    "romanian",
    "russian",
    "spanish",
    "swedish",
    "turkish",
];

/// A search or vector search index of a cluster, as returned by the API.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClusterSearchIndex {
    /// Collection the index covers.
    pub collection_name: String,
    /// Database of that collection.
    pub database: String,
    /// The index's 24-hex-digit id.
    #[serde(rename = "indexID", default, skip_serializing_if = "Option::is_none")]
    pub index_id: Option<String>,
    /// Name of the index, unique within the collection.
    pub name: String,
    /// Number of partitions (1, 2 or 4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub num_partitions: Option<i32>,
    /// Build state of the index; see [`SEARCH_INDEX_STATUS_VALUES`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Which fields are stored on the search nodes: `true`/`false`, or an
    /// object with an `include` or `exclude` list of field names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stored_source: Option<Value>,
    /// Index kind; see [`SEARCH_INDEX_TYPE_VALUES`]. Absent means `search`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub r#type: Option<String>,
    /// `search`: analyzer applied to string fields when indexing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub analyzer: Option<String>,
    /// `search`: custom analyzers defined for this index.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub analyzers: Option<Vec<CustomAnalyzer>>,
    /// `search`: how document fields are indexed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mappings: Option<SearchMappings>,
    /// `search`: analyzer applied to query text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search_analyzer: Option<String>,
    /// `search`: synonym mappings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub synonyms: Option<Vec<SynonymMapping>>,
    /// `vectorSearch`: the vector and filter field definitions, as objects.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fields: Option<Vec<Object>>,
    /// `vectorSearch`: path of the embedded array whose elements are indexed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nested_root: Option<String>,
    /// Fields this client does not model, kept for re-encoding.
    #[serde(flatten)]
    pub extra: Object,
}

/// Body of a request to update a search index: the definition without the
/// read-only `indexID` and `status`. Build it from a fetched index with
/// `From<ClusterSearchIndex>`; read-only names that end up in `extra` (for
/// example when a fetched object is decoded straight into this type) are
/// skipped on encode and removed by [`Self::strip_read_only`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClusterSearchIndexUpdate {
    /// Collection the index covers.
    pub collection_name: String,
    /// Database of that collection.
    pub database: String,
    /// Name of the index.
    pub name: String,
    /// Number of partitions (1, 2 or 4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub num_partitions: Option<i32>,
    /// Which fields are stored on the search nodes (boolean or include/exclude object).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stored_source: Option<Value>,
    /// Index kind; one of [`SEARCH_INDEX_TYPE_VALUES`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub r#type: Option<String>,
    /// `search`: analyzer applied to string fields when indexing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub analyzer: Option<String>,
    /// `search`: custom analyzers defined for this index.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub analyzers: Option<Vec<CustomAnalyzer>>,
    /// `search`: how document fields are indexed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mappings: Option<SearchMappings>,
    /// `search`: analyzer applied to query text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search_analyzer: Option<String>,
    /// `search`: synonym mappings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub synonyms: Option<Vec<SynonymMapping>>,
    /// `vectorSearch`: the vector and filter field definitions, as objects.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fields: Option<Vec<Object>>,
    /// `vectorSearch`: path of the embedded array whose elements are indexed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nested_root: Option<String>,
    /// Further fields to send as they are; read-only names are filtered out on encode.
    #[serde(flatten, serialize_with = "writable_index_extra")]
    pub extra: Object,
}

impl ClusterSearchIndexUpdate {
    /// Wire names of an index that are read-only and never sent.
    pub const READ_ONLY_FIELDS: &'static [&'static str] = &["indexID", "status"];

    /// Drops read-only names from `extra` (encoding skips them anyway).
    pub fn strip_read_only(&mut self) {
        self.extra
            .retain(|k, _| !Self::READ_ONLY_FIELDS.contains(&k.as_str()));
    }
}

fn writable_index_extra<S: serde::Serializer>(extra: &Object, s: S) -> Result<S::Ok, S::Error> {
    serialize_writable(extra, ClusterSearchIndexUpdate::READ_ONLY_FIELDS, s)
}

impl From<ClusterSearchIndex> for ClusterSearchIndexUpdate {
    /// Keeps everything of a fetched index except its read-only fields.
    fn from(i: ClusterSearchIndex) -> Self {
        let mut u = ClusterSearchIndexUpdate {
            collection_name: i.collection_name,
            database: i.database,
            name: i.name,
            num_partitions: i.num_partitions,
            stored_source: i.stored_source,
            r#type: i.r#type,
            analyzer: i.analyzer,
            analyzers: i.analyzers,
            mappings: i.mappings,
            search_analyzer: i.search_analyzer,
            synonyms: i.synonyms,
            fields: i.fields,
            nested_root: i.nested_root,
            extra: i.extra,
        };
        u.strip_read_only();
        u
    }
}

impl Validate for ClusterSearchIndexUpdate {
    fn validate(&self, path: &str) -> Checked {
        non_empty(&join(path, "collectionName"), &self.collection_name)?;
        non_empty(&join(path, "database"), &self.database)?;
        non_empty(&join(path, "name"), &self.name)?;
        if let Some(n) = self.num_partitions {
            if !NUM_PARTITIONS_VALUES.contains(&n) {
                return Err(ValidationError::new(
                    join(path, "numPartitions"),
                    format!("must be 1, 2 or 4 (got {n})"),
                ));
            }
        }
        if let Some(t) = &self.r#type {
            one_of(&join(path, "type"), t, SEARCH_INDEX_TYPE_VALUES)?;
        }
        if let Some(analyzers) = &self.analyzers {
            let base = join(path, "analyzers");
            for (i, a) in analyzers.iter().enumerate() {
                let at = index(&base, i);
                a.validate(&at)?;
                if analyzers[..i].iter().any(|b| b.name == a.name) {
                    return Err(ValidationError::new(
                        join(&at, "name"),
                        "must be unique among the index's analyzers",
                    ));
                }
            }
        }
        if let Some(a) = &self.analyzer {
            non_empty(&join(path, "analyzer"), a)?;
        }
        if let Some(a) = &self.search_analyzer {
            non_empty(&join(path, "searchAnalyzer"), a)?;
        }
        if let Some(synonyms) = &self.synonyms {
            synonyms.validate(&join(path, "synonyms"))?;
        }
        Ok(())
    }
}

/// A custom analyzer: one tokenizer, with optional character filters before
/// it and token filters after it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomAnalyzer {
    /// Name fields and queries refer to the analyzer by; must not start with a
    /// reserved prefix ([`RESERVED_ANALYZER_PREFIXES`]).
    pub name: String,
    /// How text is split into tokens.
    pub tokenizer: Tokenizer,
    /// Filters applied to the tokens, in order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_filters: Option<Vec<TokenFilter>>,
    /// Filters applied to the text before tokenizing, in order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub char_filters: Option<Vec<CharFilter>>,
    /// Fields this client does not model, kept for re-encoding.
    #[serde(flatten)]
    pub extra: Object,
}

impl Validate for CustomAnalyzer {
    fn validate(&self, path: &str) -> Checked {
        let name = join(path, "name");
        non_empty(&name, &self.name)?;
        if let Some(p) = RESERVED_ANALYZER_PREFIXES
            .iter()
            .find(|p| self.name.starts_with(*p))
        {
            return Err(ValidationError::new(
                name,
                format!("must not start with the reserved prefix `{p}`"),
            ));
        }
        self.tokenizer.validate(&join(path, "tokenizer"))?;
        self.token_filters.validate(&join(path, "tokenFilters"))?;
        self.char_filters.validate(&join(path, "charFilters"))
    }
}

/// How a search index maps document fields.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SearchMappings {
    /// Dynamic mapping: `true`/`false` (the spec's form), or an object naming
    /// a type set (a newer form), hence kept as raw JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dynamic: Option<Value>,
    /// Field name → field definition object.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fields: Option<Object>,
    /// Fields this client does not model, kept for re-encoding.
    #[serde(flatten)]
    pub extra: Object,
}

/// A synonym mapping: a collection of synonym documents and the analyzer used
/// on them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SynonymMapping {
    /// Analyzer applied to the synonym documents.
    pub analyzer: String,
    /// Name queries refer to the mapping by.
    pub name: String,
    /// Where the synonym documents are.
    pub source: SynonymSource,
    /// Fields this client does not model, kept for re-encoding.
    #[serde(flatten)]
    pub extra: Object,
}

impl Validate for SynonymMapping {
    fn validate(&self, path: &str) -> Checked {
        non_empty(&join(path, "analyzer"), &self.analyzer)?;
        non_empty(&join(path, "name"), &self.name)?;
        non_empty(
            &join(&join(path, "source"), "collection"),
            &self.source.collection,
        )
    }
}

/// The collection holding synonym documents (in the index's database).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SynonymSource {
    /// Collection name.
    pub collection: String,
    /// Fields this client does not model, kept for re-encoding.
    #[serde(flatten)]
    pub extra: Object,
}

/// Options of a tokenizer or filter kind that has none of its own.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NoOptions {
    /// Fields this client does not model, kept for re-encoding.
    #[serde(flatten)]
    pub extra: Object,
}

tagged_union! {
    /// How a custom analyzer splits text into tokens, told apart by `type`.
    /// (The spec's `nGram` schema wrongly restricts `type` to `edgeGram`; the
    /// correct tag `nGram` is what is used here.)
    Tokenizer, TOKENIZER_TYPE_VALUES, "tokenizer" {
        /// Prefixes of the input of the given lengths (`edgeGram`).
        "edgeGram" => EdgeGram(GramTokenizer),
        /// The whole input as one token (`keyword`).
        "keyword" => Keyword(NoOptions),
        /// All substrings of the given lengths (`nGram`).
        "nGram" => NGram(GramTokenizer),
        /// The matches of one regex group (`regexCaptureGroup`).
        "regexCaptureGroup" => RegexCaptureGroup(RegexCaptureGroupTokenizer),
        /// Pieces between regex matches (`regexSplit`).
        "regexSplit" => RegexSplit(RegexSplitTokenizer),
        /// Word boundaries per Unicode text segmentation (`standard`).
        "standard" => Standard(MaxTokenLengthTokenizer),
        /// Like `standard`, keeping URLs and e-mail addresses whole (`uaxUrlEmail`).
        "uaxUrlEmail" => UaxUrlEmail(MaxTokenLengthTokenizer),
        /// Split on whitespace (`whitespace`).
        "whitespace" => Whitespace(MaxTokenLengthTokenizer),
    }
}

/// Options of the `edgeGram` and `nGram` tokenizers.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GramTokenizer {
    /// Length of the longest token, at least `min_gram`.
    pub max_gram: i32,
    /// Length of the shortest token, at least 1.
    pub min_gram: i32,
    /// Fields this client does not model, kept for re-encoding.
    #[serde(flatten)]
    pub extra: Object,
}

/// Options of the `regexCaptureGroup` tokenizer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RegexCaptureGroupTokenizer {
    /// Index of the capture group to emit; 0 is the whole match.
    pub group: i32,
    /// The regular expression.
    pub pattern: String,
    /// Fields this client does not model, kept for re-encoding.
    #[serde(flatten)]
    pub extra: Object,
}

/// Options of the `regexSplit` tokenizer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RegexSplitTokenizer {
    /// The regular expression that separates tokens.
    pub pattern: String,
    /// Fields this client does not model, kept for re-encoding.
    #[serde(flatten)]
    pub extra: Object,
}

/// Options of the `standard`, `uaxUrlEmail` and `whitespace` tokenizers.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MaxTokenLengthTokenizer {
    /// Longer tokens are split at this length (Atlas default 255).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_token_length: Option<i32>,
    /// Fields this client does not model, kept for re-encoding.
    #[serde(flatten)]
    pub extra: Object,
}

/// Refuses a union value of a kind this client does not know (requests only).
fn known_kind(path: &str, kind: Option<&str>, known: &[&str]) -> Checked {
    one_of(&join(path, "type"), kind.unwrap_or(""), known)
}

/// `min ≤ max` with both at least `floor`, reported at the failing field.
fn ordered(
    path: &str,
    (min_name, min): (&str, i32),
    (max_name, max): (&str, i32),
    floor: i64,
) -> Checked {
    range(
        &join(path, min_name),
        i64::from(min),
        floor,
        i64::from(i32::MAX),
    )?;
    range(
        &join(path, max_name),
        i64::from(max),
        i64::from(min),
        i64::from(i32::MAX),
    )
}

fn opt_one_of(path: &str, field: &str, v: &Option<String>, allowed: &[&str]) -> Checked {
    match v {
        Some(v) => one_of(&join(path, field), v, allowed),
        None => Ok(()),
    }
}

fn pattern(path: &str, p: &str) -> Checked {
    if p.is_empty() {
        Err(ValidationError::new(
            join(path, "pattern"),
            "must not be empty",
        ))
    } else {
        Ok(())
    }
}

impl Validate for Tokenizer {
    fn validate(&self, path: &str) -> Checked {
        match self {
            Tokenizer::EdgeGram(g) | Tokenizer::NGram(g) => {
                ordered(path, ("minGram", g.min_gram), ("maxGram", g.max_gram), 1)
            }
            Tokenizer::Keyword(_) => Ok(()),
            Tokenizer::RegexCaptureGroup(r) => {
                pattern(path, &r.pattern)?;
                range(
                    &join(path, "group"),
                    i64::from(r.group),
                    0,
                    i64::from(i32::MAX),
                )
            }
            Tokenizer::RegexSplit(r) => pattern(path, &r.pattern),
            Tokenizer::Standard(t) | Tokenizer::UaxUrlEmail(t) | Tokenizer::Whitespace(t) => {
                match t.max_token_length {
                    Some(n) => range(
                        &join(path, "maxTokenLength"),
                        i64::from(n),
                        1,
                        i64::from(i32::MAX),
                    ),
                    None => Ok(()),
                }
            }
            Tokenizer::Other(_) => known_kind(path, self.kind(), TOKENIZER_TYPE_VALUES),
        }
    }
}

tagged_union! {
    /// A step that changes, adds or drops tokens, told apart by `type`.
    TokenFilter, TOKEN_FILTER_TYPE_VALUES, "token filter" {
        /// Fold non-ASCII characters to ASCII equivalents (`asciiFolding`).
        "asciiFolding" => AsciiFolding(OriginalTokensFilter),
        /// Daitch–Mokotoff phonetic codes (`daitchMokotoffSoundex`).
        "daitchMokotoffSoundex" => DaitchMokotoffSoundex(OriginalTokensFilter),
        /// Prefix n-grams of each token (`edgeGram`).
        "edgeGram" => EdgeGram(GramFilter),
        /// Drop English possessive `'s` (`englishPossessive`).
        "englishPossessive" => EnglishPossessive(NoOptions),
        /// Flatten a token graph (`flattenGraph`).
        "flattenGraph" => FlattenGraph(NoOptions),
        /// ICU case and accent folding (`icuFolding`).
        "icuFolding" => IcuFolding(NoOptions),
        /// ICU Unicode normalization (`icuNormalizer`).
        "icuNormalizer" => IcuNormalizer(IcuNormalizerFilter),
        /// KStem English stemming (`kStemming`).
        "kStemming" => KStemming(NoOptions),
        /// Drop tokens outside a length range (`length`).
        "length" => Length(LengthFilter),
        /// Lower-case tokens (`lowercase`).
        "lowercase" => Lowercase(NoOptions),
        /// All n-grams of each token (`nGram`).
        "nGram" => NGram(GramFilter),
        /// Porter English stemming (`porterStemming`).
        "porterStemming" => PorterStemming(NoOptions),
        /// Regex replacement within tokens (`regex`).
        "regex" => Regex(RegexFilter),
        /// Reverse each token (`reverse`).
        "reverse" => Reverse(NoOptions),
        /// Word n-grams (shingles) (`shingle`).
        "shingle" => Shingle(ShingleFilter),
        /// Snowball stemming in a chosen language (`snowballStemming`).
        "snowballStemming" => SnowballStemming(SnowballStemmingFilter),
        /// Spanish plural stemming (`spanishPluralStemming`).
        "spanishPluralStemming" => SpanishPluralStemming(NoOptions),
        /// Polish stemming (`stempel`).
        "stempel" => Stempel(NoOptions),
        /// Drop listed stop words (`stopword`).
        "stopword" => Stopword(StopwordFilter),
        /// Trim surrounding whitespace (`trim`).
        "trim" => Trim(NoOptions),
        /// Split words on delimiters and case changes (`wordDelimiterGraph`).
        "wordDelimiterGraph" => WordDelimiterGraph(WordDelimiterGraphFilter),
    }
}

/// Options of the `asciiFolding` and `daitchMokotoffSoundex` filters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OriginalTokensFilter {
    /// Whether the unfiltered token is kept too; see [`ORIGINAL_TOKENS_VALUES`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_tokens: Option<String>,
    /// Fields this client does not model, kept for re-encoding.
    #[serde(flatten)]
    pub extra: Object,
}

/// Options of the `edgeGram` and `nGram` filters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GramFilter {
    /// Length of the longest n-gram, at least `min_gram`.
    pub max_gram: i32,
    /// Length of the shortest n-gram, at least 1.
    pub min_gram: i32,
    /// What happens to tokens shorter than `min_gram` or longer than
    /// `max_gram`; see [`TERM_NOT_IN_BOUNDS_VALUES`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term_not_in_bounds: Option<String>,
    /// Fields this client does not model, kept for re-encoding.
    #[serde(flatten)]
    pub extra: Object,
}

/// Options of the `icuNormalizer` filter.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IcuNormalizerFilter {
    /// Unicode normalization form; see [`NORMALIZATION_FORM_VALUES`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub normalization_form: Option<String>,
    /// Fields this client does not model, kept for re-encoding.
    #[serde(flatten)]
    pub extra: Object,
}

/// Options of the `length` filter.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LengthFilter {
    /// Longest token kept (Atlas default 255), at least `min`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<i32>,
    /// Shortest token kept (Atlas default 0), at least 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<i32>,
    /// Fields this client does not model, kept for re-encoding.
    #[serde(flatten)]
    pub extra: Object,
}

/// Options of the `regex` filter.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RegexFilter {
    /// Replace every match or only the first; see [`REGEX_MATCHES_VALUES`].
    pub matches: String,
    /// The regular expression.
    pub pattern: String,
    /// The replacement text.
    pub replacement: String,
    /// Fields this client does not model, kept for re-encoding.
    #[serde(flatten)]
    pub extra: Object,
}

/// Options of the `shingle` filter.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ShingleFilter {
    /// Most tokens per shingle, at least `min_shingle_size`.
    pub max_shingle_size: i32,
    /// Fewest tokens per shingle, at least 1.
    pub min_shingle_size: i32,
    /// Fields this client does not model, kept for re-encoding.
    #[serde(flatten)]
    pub extra: Object,
}

/// Options of the `snowballStemming` filter.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SnowballStemmingFilter {
    /// The stemmer; see [`SNOWBALL_STEMMER_VALUES`].
    pub stemmer_name: String,
    /// Fields this client does not model, kept for re-encoding.
    #[serde(flatten)]
    pub extra: Object,
}

/// Options of the `stopword` filter.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StopwordFilter {
    /// Whether matching ignores case (Atlas default `true`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ignore_case: Option<bool>,
    /// The stop words; at least one.
    pub tokens: Vec<String>,
    /// Fields this client does not model, kept for re-encoding.
    #[serde(flatten)]
    pub extra: Object,
}

/// Options of the `wordDelimiterGraph` filter.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WordDelimiterGraphFilter {
    /// How words are split and joined.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delimiter_options: Option<DelimiterOptions>,
    /// Words never split.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protected_words: Option<ProtectedWords>,
    /// Fields this client does not model, kept for re-encoding.
    #[serde(flatten)]
    pub extra: Object,
}

/// Splitting switches of the `wordDelimiterGraph` filter; absent ones take
/// Atlas's defaults.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DelimiterOptions {
    /// Also emit all parts joined together.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub concatenate_all: Option<bool>,
    /// Also emit runs of digit parts joined together.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub concatenate_numbers: Option<bool>,
    /// Also emit runs of letter parts joined together.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub concatenate_words: Option<bool>,
    /// Emit digit parts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generate_number_parts: Option<bool>,
    /// Emit letter parts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generate_word_parts: Option<bool>,
    /// Leave tokens flagged as keywords alone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ignore_keywords: Option<bool>,
    /// Also emit the original token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preserve_original: Option<bool>,
    /// Split where lower case turns to upper case.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub split_on_case_change: Option<bool>,
    /// Split between letters and digits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub split_on_numerics: Option<bool>,
    /// Drop a trailing English possessive `'s` from parts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stem_english_possessive: Option<bool>,
    /// Fields this client does not model, kept for re-encoding.
    #[serde(flatten)]
    pub extra: Object,
}

/// Words the `wordDelimiterGraph` filter must not split.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProtectedWords {
    /// Whether matching ignores case (Atlas default `true`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ignore_case: Option<bool>,
    /// The protected words.
    pub words: Vec<String>,
    /// Fields this client does not model, kept for re-encoding.
    #[serde(flatten)]
    pub extra: Object,
}

impl Validate for TokenFilter {
    fn validate(&self, path: &str) -> Checked {
        match self {
            TokenFilter::AsciiFolding(f) | TokenFilter::DaitchMokotoffSoundex(f) => opt_one_of(
                path,
                "originalTokens",
                &f.original_tokens,
                ORIGINAL_TOKENS_VALUES,
            ),
            TokenFilter::EdgeGram(g) | TokenFilter::NGram(g) => {
                ordered(path, ("minGram", g.min_gram), ("maxGram", g.max_gram), 1)?;
                opt_one_of(
                    path,
                    "termNotInBounds",
                    &g.term_not_in_bounds,
                    TERM_NOT_IN_BOUNDS_VALUES,
                )
            }
            TokenFilter::IcuNormalizer(f) => opt_one_of(
                path,
                "normalizationForm",
                &f.normalization_form,
                NORMALIZATION_FORM_VALUES,
            ),
            TokenFilter::Length(f) => ordered(
                path,
                ("min", f.min.unwrap_or(0)),
                ("max", f.max.unwrap_or(255)),
                0,
            ),
            TokenFilter::Regex(f) => {
                one_of(&join(path, "matches"), &f.matches, REGEX_MATCHES_VALUES)?;
                pattern(path, &f.pattern)
            }
            TokenFilter::Shingle(f) => ordered(
                path,
                ("minShingleSize", f.min_shingle_size),
                ("maxShingleSize", f.max_shingle_size),
                1,
            ),
            TokenFilter::SnowballStemming(f) => one_of(
                &join(path, "stemmerName"),
                &f.stemmer_name,
                SNOWBALL_STEMMER_VALUES,
            ),
            TokenFilter::Stopword(f) => {
                if f.tokens.is_empty() {
                    return Err(ValidationError::new(
                        join(path, "tokens"),
                        "must list at least one word",
                    ));
                }
                Ok(())
            }
            TokenFilter::EnglishPossessive(_)
            | TokenFilter::FlattenGraph(_)
            | TokenFilter::IcuFolding(_)
            | TokenFilter::KStemming(_)
            | TokenFilter::Lowercase(_)
            | TokenFilter::PorterStemming(_)
            | TokenFilter::Reverse(_)
            | TokenFilter::SpanishPluralStemming(_)
            | TokenFilter::Stempel(_)
            | TokenFilter::Trim(_)
            | TokenFilter::WordDelimiterGraph(_) => Ok(()),
            TokenFilter::Other(_) => known_kind(path, self.kind(), TOKEN_FILTER_TYPE_VALUES),
        }
    }
}

tagged_union! {
    /// A step that rewrites the text before it is tokenized, told apart by `type`.
    CharFilter, CHAR_FILTER_TYPE_VALUES, "character filter" {
        /// Strip HTML markup (`htmlStrip`).
        "htmlStrip" => HtmlStrip(HtmlStripFilter),
        /// ICU Unicode normalization (`icuNormalize`).
        "icuNormalize" => IcuNormalize(NoOptions),
        /// Replace strings by a fixed table (`mapping`).
        "mapping" => Mapping(MappingCharFilter),
        /// Turn zero-width non-joiners into spaces (`persian`).
        "persian" => Persian(NoOptions),
    }
}

/// Options of the `htmlStrip` character filter.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HtmlStripFilter {
    /// Tags left in place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ignored_tags: Option<Vec<String>>,
    /// Fields this client does not model, kept for re-encoding.
    #[serde(flatten)]
    pub extra: Object,
}

/// Options of the `mapping` character filter.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MappingCharFilter {
    /// Original text → replacement.
    pub mappings: std::collections::BTreeMap<String, String>,
    /// Fields this client does not model, kept for re-encoding.
    #[serde(flatten)]
    pub extra: Object,
}

impl Validate for CharFilter {
    fn validate(&self, path: &str) -> Checked {
        match self {
            CharFilter::Mapping(m) if m.mappings.keys().any(String::is_empty) => Err(
                ValidationError::new(join(path, "mappings"), "must not map the empty string"),
            ),
            CharFilter::Other(_) => known_kind(path, self.kind(), CHAR_FILTER_TYPE_VALUES),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::test_support::*;
    use serde_json::json;

    /// Decodes `v` as `T` via `decode`, asserting a typed variant of `tag`
    /// whose catch-all map is empty, and a lossless round trip.
    fn typed_variant<T>(
        v: &Value,
        tag: &str,
        kind: fn(&T) -> Option<&str>,
        extra: fn(&T) -> Option<&Object>,
    ) where
        T: serde::de::DeserializeOwned + Serialize + std::fmt::Debug,
    {
        let m: T = round_trip(v);
        assert_eq!(kind(&m), Some(tag), "{v}");
        let e = extra(&m).unwrap_or_else(|| panic!("{tag} decoded as Other: {m:?}"));
        assert!(e.is_empty(), "{tag}: unnamed fields {e:?}");
    }

    /// The union member schemas with their tags, from the spec's own lists.
    fn members(spec: &Value, holder: &str, prop: &str) -> Vec<(String, String)> {
        let p = &schema(spec, holder)["properties"][prop];
        let p = if p["items"].is_object() {
            &p["items"]
        } else {
            p
        };
        let list = p
            .get("oneOf")
            .or(p.get("anyOf"))
            .and_then(Value::as_array)
            .unwrap();
        list.iter()
            .map(|r| {
                let name = r["$ref"]
                    .as_str()
                    .unwrap()
                    .rsplit('/')
                    .next()
                    .unwrap()
                    .to_owned();
                let s = schema(spec, &name);
                let tag = s["properties"]["type"]["enum"][0]
                    .as_str()
                    .unwrap()
                    .to_owned();
                (name, tag)
            })
            .collect()
    }

    #[test]
    fn every_tokenizer_filter_and_char_filter_of_the_spec_decodes_typed() {
        let Some(spec) = spec() else { return };
        let analyzer = "ApiAtlasFTSAnalyzersViewManual";
        let tokenizers = members(&spec, analyzer, "tokenizer");
        let filters = members(&spec, analyzer, "tokenFilters");
        let chars = members(&spec, analyzer, "charFilters");
        assert_eq!((tokenizers.len(), filters.len(), chars.len()), (8, 21, 4));
        for (name, mut tag) in tokenizers {
            if name == "tokenizernGram" {
                // Spec defect: this schema's `type` enum says `edgeGram`.
                assert_eq!(tag, "edgeGram");
                tag = "nGram".into();
            }
            let mut v = example(&spec, schema(&spec, &name), Side::Response);
            v["type"] = json!(tag);
            typed_variant::<Tokenizer>(&v, &tag, Tokenizer::kind, Tokenizer::variant_extra);
            let t: Tokenizer = serde_json::from_value(v).unwrap();
            assert!(t.validate("t").is_ok(), "{name}");
        }
        for (name, tag) in filters {
            let v = example(&spec, schema(&spec, &name), Side::Response);
            typed_variant::<TokenFilter>(&v, &tag, TokenFilter::kind, TokenFilter::variant_extra);
            let f: TokenFilter = serde_json::from_value(v).unwrap();
            if let TokenFilter::WordDelimiterGraph(w) = &f {
                assert!(w.delimiter_options.as_ref().unwrap().extra.is_empty());
                assert!(w.protected_words.as_ref().unwrap().extra.is_empty());
            }
            // Example values are placeholders (e.g. pattern "text"), all within the rules.
            assert!(f.validate("f").is_ok(), "{name}: {:?}", f.validate("f"));
        }
        for (name, tag) in chars {
            let v = example(&spec, schema(&spec, &name), Side::Response);
            typed_variant::<CharFilter>(&v, &tag, CharFilter::kind, CharFilter::variant_extra);
        }
    }

    #[test]
    fn spec_index_examples_round_trip_with_every_field_named() {
        let Some(spec) = spec() else { return };
        for (name, kind) in [
            ("SearchIndex", "search"),
            ("VectorSearchIndex", "vectorSearch"),
        ] {
            let mut v = example(&spec, schema(&spec, name), Side::Response);
            v["type"] = json!(kind);
            let i: ClusterSearchIndex = round_trip(&v);
            assert!(i.extra.is_empty(), "{name}");
            assert_eq!(i.r#type.as_deref(), Some(kind));
            if kind == "search" {
                let a = &i.analyzers.as_ref().unwrap()[0];
                assert!(a.extra.is_empty());
                assert!(i.mappings.as_ref().unwrap().extra.is_empty());
                let s = &i.synonyms.as_ref().unwrap()[0];
                assert!(s.extra.is_empty() && s.source.extra.is_empty());
            } else {
                assert!(i.fields.is_some() && i.nested_root.is_some());
            }
            let mut r = example(&spec, schema(&spec, name), Side::Request);
            r["type"] = json!(kind);
            let u: ClusterSearchIndexUpdate = round_trip(&r);
            assert!(u.extra.is_empty(), "{name}");
            assert!(
                u.validate("body").is_ok(),
                "{name}: {:?}",
                u.validate("body")
            );
        }
    }

    fn sample_index() -> Value {
        json!({
            "indexID": "32b6e34b3d91647abb20e7b8", "status": "STEADY", "collectionName": "movies",
            "database": "sample", "name": "default", "numPartitions": 2, "storedSource": true,
            "analyzer": "lucene.standard", "searchAnalyzer": "my.analyzer",
            "mappings": {"dynamic": {"typeSet": "ts"}, "fields": {"title": {"type": "string"}}},
            "analyzers": [{
                "name": "my.analyzer",
                "charFilters": [{"type": "htmlStrip", "ignoredTags": ["a"]}, {"type": "mapping", "mappings": {"-": " "}}],
                "tokenizer": {"type": "nGram", "minGram": 2, "maxGram": 5},
                "tokenFilters": [
                    {"type": "lowercase"},
                    {"type": "shingle", "minShingleSize": 2, "maxShingleSize": 3},
                    {"type": "wordDelimiterGraph", "delimiterOptions": {"concatenateAll": true},
                     "protectedWords": {"words": ["e-mail"], "ignoreCase": false}},
                    {"type": "stopword", "tokens": ["the"]}
                ]
            }],
            "synonyms": [{"analyzer": "lucene.english", "name": "syn", "source": {"collection": "words"}}]
        })
    }

    #[test]
    fn unknown_kinds_fields_and_values_survive() {
        let mut v = sample_index();
        v["status"] = json!("REBUILDING");
        v["typeSets"] = json!([{"name": "ts", "types": [{"type": "token"}]}]);
        v["analyzers"][0]["tokenizer"] = json!({"type": "icuTokenizer", "x": [1, 2]});
        v["analyzers"][0]["tokenFilters"][0] = json!({"type": "newFilter", "strength": 9});
        v["analyzers"][0]["tokenFilters"][1]["futureOption"] = json!("kept");
        v["analyzers"][0]["charFilters"][0] = json!({"kind": "untagged"});
        let i: ClusterSearchIndex = round_trip(&v);
        let a = &i.analyzers.as_ref().unwrap()[0];
        assert_eq!(a.tokenizer.kind(), Some("icuTokenizer"));
        assert!(matches!(a.tokenizer, Tokenizer::Other(_)));
        let filters = a.token_filters.as_ref().unwrap();
        assert!(matches!(&filters[0], TokenFilter::Other(m) if m["strength"] == 9));
        assert!(
            matches!(&filters[1], TokenFilter::Shingle(s) if s.extra["futureOption"] == "kept")
        );
        assert!(matches!(
            a.char_filters.as_ref().unwrap()[0],
            CharFilter::Other(_)
        ));
        assert_eq!(i.extra.len(), 1);
        // An index kind this client does not know is kept too.
        let mut v = sample_index();
        v["type"] = json!("hybridSearch");
        let i: ClusterSearchIndex = round_trip(&v);
        assert_eq!(i.r#type.as_deref(), Some("hybridSearch"));
        // storedSource as an object.
        let mut v = sample_index();
        v["storedSource"] = json!({"include": ["title"]});
        let _: ClusterSearchIndex = round_trip(&v);
    }

    #[test]
    fn known_kind_with_wrong_field_type_fails_naming_the_path() {
        let mut v = sample_index();
        v["analyzers"][0]["tokenizer"]["minGram"] = json!("2");
        let (path, msg) = decode_error::<ClusterSearchIndex>(&v);
        assert_eq!(path, "analyzers[0].tokenizer");
        assert!(
            msg.contains("invalid `nGram` tokenizer at `minGram`"),
            "{msg}"
        );

        let mut v = sample_index();
        v["analyzers"][0]["tokenFilters"][2]["protectedWords"]["words"] = json!("e-mail");
        let (path, msg) = decode_error::<ClusterSearchIndex>(&v);
        assert_eq!(path, "analyzers[0].tokenFilters[2]");
        assert!(
            msg.contains("`wordDelimiterGraph` token filter at `protectedWords.words`"),
            "{msg}"
        );

        let mut v = sample_index();
        v["analyzers"][0]["tokenFilters"][3] = json!({"type": "stopword"});
        let (path, msg) = decode_error::<ClusterSearchIndex>(&v);
        assert_eq!(path, "analyzers[0].tokenFilters[3]");
        assert!(msg.contains("missing field `tokens`"), "{msg}");

        let mut v = sample_index();
        v["analyzers"][0]["charFilters"][1]["mappings"] = json!({"-": 1});
        let (path, msg) = decode_error::<ClusterSearchIndex>(&v);
        assert_eq!(path, "analyzers[0].charFilters[1]");
        assert!(msg.contains("at `mappings.-`"), "{msg}");

        let mut v = sample_index();
        v["mappings"] = json!("dynamic");
        assert_eq!(decode_error::<ClusterSearchIndex>(&v).0, "mappings");
        let mut v = sample_index();
        v["numPartitions"] = json!(1.5);
        assert_eq!(
            decode_error::<ClusterSearchIndexUpdate>(&v).0,
            "numPartitions"
        );
    }

    #[test]
    fn update_built_from_a_fetched_index_never_sends_read_only_fields() {
        let fetched: ClusterSearchIndex = serde_json::from_value(sample_index()).unwrap();
        let u = ClusterSearchIndexUpdate::from(fetched);
        let sent = serde_json::to_value(&u).unwrap();
        let mut expected = sample_index();
        expected.as_object_mut().unwrap().remove("indexID");
        expected.as_object_mut().unwrap().remove("status");
        assert_eq!(sent, expected);
        // Decoding a fetched index straight into the update type: still not sent.
        let mut raw: ClusterSearchIndexUpdate = serde_json::from_value(sample_index()).unwrap();
        assert_eq!(raw.extra.len(), 2);
        assert_eq!(serde_json::to_value(&raw).unwrap(), expected);
        raw.strip_read_only();
        assert!(raw.extra.is_empty());
        assert!(raw.validate("body").is_ok());
    }

    fn update() -> ClusterSearchIndexUpdate {
        serde_json::from_value(sample_index()).unwrap()
    }

    fn set(f: impl FnOnce(&mut Value)) -> ClusterSearchIndexUpdate {
        let mut v = sample_index();
        f(&mut v);
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn index_level_rules() {
        let mut u = update();
        u.collection_name = String::new();
        fails_at(u.validate("body"), "body.collectionName");
        let mut u = update();
        u.database = " ".into();
        fails_at(u.validate("body"), "body.database");
        let mut u = update();
        u.name = String::new();
        fails_at(u.validate("body"), "body.name");
        for (n, ok) in [
            (1, true),
            (2, true),
            (3, false),
            (4, true),
            (8, false),
            (0, false),
        ] {
            let mut u = update();
            u.num_partitions = Some(n);
            if ok {
                assert!(u.validate("body").is_ok());
            } else {
                fails_at(u.validate("body"), "body.numPartitions");
            }
        }
        let mut u = update();
        u.r#type = Some("vectorSearch".into());
        assert!(u.validate("body").is_ok());
        u.r#type = Some("hybrid".into());
        fails_at(u.validate("body"), "body.type");
        let u = set(|v| v["synonyms"][0]["source"]["collection"] = json!(""));
        fails_at(u.validate("body"), "body.synonyms[0].source.collection");
        let u = set(|v| v["synonyms"][0]["name"] = json!(""));
        fails_at(u.validate("body"), "body.synonyms[0].name");
    }

    #[test]
    fn analyzer_rules() {
        for bad in ["lucene.mine", "builtin.x", "mongodb.y", ""] {
            let u = set(|v| v["analyzers"][0]["name"] = json!(bad));
            fails_at(u.validate("body"), "body.analyzers[0].name");
        }
        let u = set(|v| v["analyzers"][0]["name"] = json!("mylucene.x"));
        assert!(u.validate("body").is_ok());
        let u = set(|v| {
            let a = v["analyzers"][0].clone();
            v["analyzers"].as_array_mut().unwrap().push(a);
        });
        fails_at(u.validate("body"), "body.analyzers[1].name");
    }

    #[test]
    fn unknown_kinds_are_refused_in_requests() {
        let u = set(|v| v["analyzers"][0]["tokenizer"] = json!({"type": "icuTokenizer"}));
        fails_at(u.validate("body"), "body.analyzers[0].tokenizer.type");
        let u = set(|v| v["analyzers"][0]["tokenizer"] = json!({"minGram": 1}));
        fails_at(u.validate("body"), "body.analyzers[0].tokenizer.type");
        let u = set(|v| v["analyzers"][0]["tokenFilters"][1] = json!({"type": "shingle2"}));
        fails_at(u.validate("body"), "body.analyzers[0].tokenFilters[1].type");
        let u = set(|v| v["analyzers"][0]["charFilters"][0] = json!({"type": "nope"}));
        fails_at(u.validate("body"), "body.analyzers[0].charFilters[0].type");
    }

    #[test]
    fn tokenizer_numeric_rules() {
        let at = "body.analyzers[0].tokenizer";
        let tok = |t: Value| set(|v| v["analyzers"][0]["tokenizer"] = t);
        for tag in ["nGram", "edgeGram"] {
            assert!(tok(json!({"type": tag, "minGram": 1, "maxGram": 1}))
                .validate("body")
                .is_ok());
            fails_at(
                tok(json!({"type": tag, "minGram": 0, "maxGram": 3})).validate("body"),
                &format!("{at}.minGram"),
            );
            fails_at(
                tok(json!({"type": tag, "minGram": 4, "maxGram": 3})).validate("body"),
                &format!("{at}.maxGram"),
            );
        }
        fails_at(
            tok(json!({"type": "regexCaptureGroup", "pattern": "(a)", "group": -1}))
                .validate("body"),
            &format!("{at}.group"),
        );
        assert!(
            tok(json!({"type": "regexCaptureGroup", "pattern": "(a)", "group": 0}))
                .validate("body")
                .is_ok()
        );
        fails_at(
            tok(json!({"type": "regexSplit", "pattern": ""})).validate("body"),
            &format!("{at}.pattern"),
        );
        for tag in ["standard", "uaxUrlEmail", "whitespace"] {
            fails_at(
                tok(json!({"type": tag, "maxTokenLength": 0})).validate("body"),
                &format!("{at}.maxTokenLength"),
            );
            assert!(tok(json!({"type": tag})).validate("body").is_ok());
        }
        assert!(tok(json!({"type": "keyword"})).validate("body").is_ok());
    }

    #[test]
    fn token_filter_rules() {
        let at = "body.analyzers[0].tokenFilters[0]";
        let filt = |f: Value| set(|v| v["analyzers"][0]["tokenFilters"] = json!([f]));
        let bad = [
            (
                json!({"type": "asciiFolding", "originalTokens": "keep"}),
                "originalTokens",
            ),
            (
                json!({"type": "daitchMokotoffSoundex", "originalTokens": "x"}),
                "originalTokens",
            ),
            (
                json!({"type": "edgeGram", "minGram": 0, "maxGram": 2}),
                "minGram",
            ),
            (
                json!({"type": "nGram", "minGram": 3, "maxGram": 2}),
                "maxGram",
            ),
            (
                json!({"type": "nGram", "minGram": 1, "maxGram": 2, "termNotInBounds": "drop"}),
                "termNotInBounds",
            ),
            (
                json!({"type": "icuNormalizer", "normalizationForm": "nfx"}),
                "normalizationForm",
            ),
            (json!({"type": "length", "min": -1}), "min"),
            (json!({"type": "length", "min": 10, "max": 5}), "max"),
            (json!({"type": "length", "min": 300}), "max"),
            (
                json!({"type": "regex", "matches": "some", "pattern": "a", "replacement": ""}),
                "matches",
            ),
            (
                json!({"type": "regex", "matches": "all", "pattern": "", "replacement": ""}),
                "pattern",
            ),
            (
                json!({"type": "shingle", "minShingleSize": 0, "maxShingleSize": 2}),
                "minShingleSize",
            ),
            (
                json!({"type": "shingle", "minShingleSize": 3, "maxShingleSize": 2}),
                "maxShingleSize",
            ),
            (
                json!({"type": "snowballStemming", "stemmerName": "klingon"}),
                "stemmerName",
            ),
            (json!({"type": "stopword", "tokens": []}), "tokens"),
        ];
        for (f, field) in bad {
            fails_at(filt(f.clone()).validate("body"), &format!("{at}.{field}"));
        }
        let good = [
            json!({"type": "asciiFolding", "originalTokens": "include"}),
            json!({"type": "nGram", "minGram": 1, "maxGram": 1, "termNotInBounds": "omit"}),
            json!({"type": "icuNormalizer", "normalizationForm": "nfkc"}),
            json!({"type": "length", "min": 0, "max": 0}),
            json!({"type": "length"}),
            json!({"type": "regex", "matches": "first", "pattern": "\\s+", "replacement": " "}),
            json!({"type": "snowballStemming", "stemmerName": "german2"}),
            json!({"type": "wordDelimiterGraph"}),
            json!({"type": "trim"}),
        ];
        for f in good {
            assert!(filt(f.clone()).validate("body").is_ok(), "{f}");
        }
        let chars = |c: Value| set(|v| v["analyzers"][0]["charFilters"] = json!([c]));
        fails_at(
            chars(json!({"type": "mapping", "mappings": {"": "x"}})).validate("body"),
            "body.analyzers[0].charFilters[0].mappings",
        );
        assert!(chars(json!({"type": "persian"})).validate("body").is_ok());
    }
}
