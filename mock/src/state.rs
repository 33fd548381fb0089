//! The in-memory world: deterministic seed data and everything the API changes.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde_json::{json, Value};
use time::macros::datetime;
use time::Duration;

use crate::util::{det_id, rfc3339};

pub const ORG_ID: &str = "4888442a3354817a7320eb61";
pub const GROUP_ID: &str = "32b6e34b3d91647abb20e7b8";
pub const CLUSTER_NAME: &str = "Cluster0";
pub const CLUSTER_ID: &str = "32b6e34b3d91647abb20e7ca";
pub const SNAPSHOT_ID: &str = "5f4007f327a3bd7b6f4103c5";
pub const SEARCH_INDEX_ID: &str = "6524ed3e5e8b1a4f7f123abc";
pub const VECTOR_INDEX_ID: &str = "6524ed3e5e8b1a4f7f123abd";
/// A search index whose build never finishes: every PATCH of it answers 409.
pub const LOCKED_INDEX_ID: &str = "6524ed3e5e8b1a4f7f123abe";
pub const EXPORT_BUCKET_ID: &str = "32b6e34b3d91647abb20e7b9";
pub const EXPORT_BUCKET_IDS: [&str; 3] = [
    EXPORT_BUCKET_ID,
    "32b6e34b3d91647abb20e7ba",
    "32b6e34b3d91647abb20e7bb",
];
pub const FEDERATION_SETTINGS_ID: &str = "55fa922fb343282757d9554e";
pub const IDENTITY_PROVIDER_ID: &str = "32b6e34b3d91647abb20e7c0";
pub const IDENTITY_PROVIDER_IDS: [&str; 2] = [IDENTITY_PROVIDER_ID, "32b6e34b3d91647abb20e7c1"];
pub const TENANT_NAME: &str = "tenant0";
pub const USERNAME: &str = "alice";
/// The one username whose certificate request answers 404.
pub const MISSING_USER: &str = "missing-user";
/// The one username whose certificate request answers 409.
pub const CONFLICT_USER: &str = "conflict-user";
pub const LIMIT_NAMES: [&str; 4] = [
    "bytesProcessed.query",
    "bytesProcessed.daily",
    "bytesProcessed.weekly",
    "bytesProcessed.monthly",
];

/// Which seed the mock starts from (and returns to on reset).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SeedKind {
    /// 1,234 projects.
    Default,
    /// 5 projects.
    Small,
    /// No projects at all.
    Empty,
}

impl SeedKind {
    pub fn project_count(self) -> usize {
        match self {
            SeedKind::Default => 1234,
            SeedKind::Small => 5,
            SeedKind::Empty => 0,
        }
    }
}

type Key2 = (String, String);
type Key3 = (String, String, String);

/// Everything the API reads and writes. Links are added when answering,
/// because their hrefs use the request's Host.
#[derive(Debug, Clone)]
pub struct World {
    pub groups: Vec<Value>,
    pub group_index: HashMap<String, usize>,
    pub clusters: HashSet<Key2>,
    pub snapshots: HashMap<Key3, Value>,
    pub search_indexes: HashMap<Key3, Value>,
    pub export_buckets: HashMap<Key2, Value>,
    pub tenants: HashMap<Key2, BTreeMap<String, Value>>,
    pub pipelines: HashMap<String, Vec<Value>>,
    pub maintenance: HashMap<String, Value>,
    pub identity_providers: HashMap<Key2, Value>,
    pub api_keys: Vec<Value>,
}

pub fn project_id(i: usize) -> String {
    if i == 0 {
        GROUP_ID.to_string()
    } else {
        det_id(1, i as u64)
    }
}

pub fn project(i: usize) -> Value {
    let created = datetime!(2021-03-01 09:00:00 UTC) + Duration::minutes(433 * i as i64);
    json!({
        "id": project_id(i),
        "name": format!("Project {i}"),
        "orgId": ORG_ID,
        "clusterCount": if i == 0 { 1 } else { (i % 4) as i64 },
        "created": rfc3339(created),
    })
}

fn k2(a: &str, b: &str) -> Key2 {
    (a.to_string(), b.to_string())
}

fn k3(a: &str, b: &str, c: &str) -> Key3 {
    (a.to_string(), b.to_string(), c.to_string())
}

fn ts(offset_hours: i64) -> String {
    rfc3339(datetime!(2024-06-01 02:00:00 UTC) + Duration::hours(offset_hours))
}

fn snapshot(i: u64, id: &str) -> Value {
    let hours = 24 * i as i64;
    let created = ts(hours);
    json!({
        "id": id,
        "clusterId": CLUSTER_ID,
        "clusterName": CLUSTER_NAME,
        "groupId": GROUP_ID,
        "complete": true,
        "created": {"date": created, "increment": 1_717_200_000 + i as i64},
        "lastOplogAppliedTimestamp": {"date": created, "increment": 1_717_200_000 + i as i64},
        "doNotDelete": false,
        "expires": ts(hours + 24 * 30),
        "incremental": i > 0,
        "parts": [{
            "clusterId": CLUSTER_ID,
            "completedTime": ts(hours + 1),
            "compressionSetting": "GZIP",
            "dataSizeBytes": 536_870_912 + i * 1024,
            "encryptionEnabled": false,
            "fcv": "7.0",
            "fileSizeBytes": 268_435_456 + i * 512,
            "machineId": "cluster0-shard-00-00.a1b2c.mongodb.net:27017",
            "mongodVersion": "7.0.12",
            "replicaSetName": "atlas-a1b2c3-shard-0",
            "replicaState": "PRIMARY",
            "storageSizeBytes": 402_653_184 + i * 768,
            "typeName": "REPLICA_SET"
        }]
    })
}

fn search_index() -> Value {
    json!({
        "indexID": SEARCH_INDEX_ID,
        "collectionName": "movies",
        "database": "sample_mflix",
        "name": "default",
        "type": "search",
        "status": "STEADY",
        "numPartitions": 1,
        "analyzer": "titleAnalyzer",
        "searchAnalyzer": "lucene.standard",
        "analyzers": [
            {
                "name": "titleAnalyzer",
                "charFilters": [
                    {"type": "htmlStrip", "ignoredTags": ["a", "div"]},
                    {"type": "mapping", "mappings": {"-": " ", ".": " "}}
                ],
                "tokenizer": {"type": "edgeGram", "minGram": 2, "maxGram": 15},
                "tokenFilters": [
                    {"type": "lowercase"},
                    {"type": "asciiFolding", "originalTokens": "omit"},
                    {"type": "stopword", "tokens": ["the", "a", "an"], "ignoreCase": true},
                    {"type": "snowballStemming", "stemmerName": "english"}
                ]
            },
            {
                "name": "codeAnalyzer",
                "charFilters": [{"type": "icuNormalize"}],
                "tokenizer": {"type": "regexSplit", "pattern": "[-_.]"},
                "tokenFilters": [
                    {"type": "length", "min": 1, "max": 64},
                    {"type": "shingle", "minShingleSize": 2, "maxShingleSize": 3},
                    {"type": "regex", "pattern": "^0+", "replacement": "", "matches": "first"}
                ]
            }
        ],
        "mappings": {
            "dynamic": false,
            "fields": {
                "title": {"type": "string", "analyzer": "titleAnalyzer"},
                "plot": {"type": "string", "analyzer": "lucene.english"},
                "year": {"type": "number"}
            }
        },
        "synonyms": [
            {"name": "movieSynonyms", "analyzer": "lucene.english", "source": {"collection": "synonyms"}}
        ],
        "storedSource": {"include": ["title", "year"]}
    })
}

fn vector_index() -> Value {
    json!({
        "indexID": VECTOR_INDEX_ID,
        "collectionName": "embedded_movies",
        "database": "sample_mflix",
        "name": "vector_index",
        "type": "vectorSearch",
        "status": "STEADY",
        "numPartitions": 1,
        "fields": [
            {"type": "vector", "path": "plot_embedding", "numDimensions": 1536, "similarity": "cosine"},
            {"type": "filter", "path": "year"}
        ]
    })
}

fn locked_index() -> Value {
    json!({
        "indexID": LOCKED_INDEX_ID,
        "collectionName": "comments",
        "database": "sample_mflix",
        "name": "comments_search",
        "type": "search",
        "status": "IN_PROGRESS",
        "numPartitions": 1,
        "mappings": {"dynamic": true}
    })
}

fn export_bucket(i: usize, id: &str) -> Value {
    json!({
        "_id": id,
        "bucketName": format!("atlas-export-bucket-{i}"),
        "cloudProvider": "AWS",
        "iamRoleId": det_id(7, i as u64),
        "region": "US_EAST_1",
        "requirePrivateNetworking": false
    })
}

fn limit(name: &str, i: i64) -> Value {
    let tib: i64 = 1 << 40;
    json!({
        "name": name,
        "tenantName": TENANT_NAME,
        "value": tib * (i + 1),
        "overrunPolicy": if i == 0 { "BLOCK" } else { "BLOCK_AND_KILL" },
        "currentUsage": 1_073_741_824 * (i + 1),
        "defaultLimit": tib,
        "maximumLimit": tib * 100,
        "lastModifiedDate": ts(i)
    })
}

fn pipelines() -> Vec<Value> {
    vec![
        json!({
            "_id": "32b6e34b3d91647abb20e7d0",
            "name": "sales-on-demand",
            "groupId": GROUP_ID,
            "state": "ACTIVE",
            "createdDate": ts(1),
            "lastUpdatedDate": ts(5),
            "source": {
                "type": "ON_DEMAND_CPS",
                "clusterName": CLUSTER_NAME,
                "databaseName": "sample_supplies",
                "collectionName": "sales",
                "groupId": GROUP_ID
            },
            "sink": {
                "type": "DLS",
                "metadataProvider": "AWS",
                "metadataRegion": "US_EAST_1",
                "partitionFields": [
                    {"fieldName": "storeLocation", "order": 0},
                    {"fieldName": "saleDate", "order": 1}
                ]
            },
            "transformations": [{"field": "customer.email", "type": "EXCLUDE"}],
            "datasetRetentionPolicy": {"units": "DAYS", "value": 30, "lastModifiedDate": ts(5)}
        }),
        json!({
            "_id": "32b6e34b3d91647abb20e7d1",
            "name": "movies-periodic",
            "groupId": GROUP_ID,
            "state": "PAUSED",
            "createdDate": ts(2),
            "lastUpdatedDate": ts(6),
            "source": {
                "type": "PERIODIC_CPS",
                "clusterName": CLUSTER_NAME,
                "databaseName": "sample_mflix",
                "collectionName": "movies",
                "groupId": GROUP_ID,
                "policyItemId": "32b6e34b3d91647abb20e7d2"
            },
            "sink": {
                "type": "DLS",
                "metadataProvider": "AWS",
                "metadataRegion": "US_EAST_1",
                "partitionFields": [{"fieldName": "year", "order": 0}]
            },
            "transformations": [],
            "datasetRetentionPolicy": {"units": "WEEKS", "value": 4, "lastModifiedDate": ts(6)}
        }),
    ]
}

pub fn default_maintenance(i: usize) -> Value {
    json!({
        "autoDeferOnceEnabled": false,
        "dayOfWeek": (i % 7) + 1,
        "hourOfDay": (i * 5) % 24,
        "numberOfDeferrals": 0,
        "protectedHours": {"startHourOfDay": 9, "endHourOfDay": 17},
        "startASAP": false,
        "timeZoneId": "UTC"
    })
}

fn identity_provider(i: usize, id: &str) -> Value {
    json!({
        "id": id,
        "displayName": format!("Identity provider {i}"),
        "protocol": if i == 0 { "SAML" } else { "OIDC" },
        "oktaIdpId": det_id(9, i as u64)
    })
}

impl World {
    pub fn seed(kind: SeedKind) -> World {
        let n = kind.project_count();
        let groups: Vec<Value> = (0..n).map(project).collect();
        let group_index = (0..n).map(|i| (project_id(i), i)).collect();
        let mut w = World {
            groups,
            group_index,
            clusters: HashSet::new(),
            snapshots: HashMap::new(),
            search_indexes: HashMap::new(),
            export_buckets: HashMap::new(),
            tenants: HashMap::new(),
            pipelines: HashMap::new(),
            maintenance: HashMap::new(),
            identity_providers: HashMap::new(),
            api_keys: Vec::new(),
        };
        for (i, id) in IDENTITY_PROVIDER_IDS.iter().enumerate() {
            w.identity_providers
                .insert(k2(FEDERATION_SETTINGS_ID, id), identity_provider(i, id));
        }
        if n == 0 {
            return w;
        }
        let g = GROUP_ID;
        w.clusters.insert(k2(g, CLUSTER_NAME));
        w.snapshots
            .insert(k3(g, CLUSTER_NAME, SNAPSHOT_ID), snapshot(0, SNAPSHOT_ID));
        for i in 1..3u64 {
            let id = det_id(3, i);
            w.snapshots
                .insert(k3(g, CLUSTER_NAME, &id), snapshot(i, &id));
        }
        for idx in [search_index(), vector_index(), locked_index()] {
            let id = idx["indexID"].as_str().unwrap_or_default().to_string();
            w.search_indexes.insert(k3(g, CLUSTER_NAME, &id), idx);
        }
        for (i, id) in EXPORT_BUCKET_IDS.iter().enumerate() {
            w.export_buckets.insert(k2(g, id), export_bucket(i, id));
        }
        let limits = LIMIT_NAMES
            .iter()
            .enumerate()
            .map(|(i, name)| (name.to_string(), limit(name, i as i64)))
            .collect();
        w.tenants.insert(k2(g, TENANT_NAME), limits);
        w.pipelines.insert(g.to_string(), pipelines());
        let mut mw = default_maintenance(0);
        mw["dayOfWeek"] = json!(7);
        mw["hourOfDay"] = json!(3);
        mw["autoDeferOnceEnabled"] = json!(true);
        mw["numberOfDeferrals"] = json!(1);
        mw["timeZoneId"] = json!("Europe/Dublin");
        w.maintenance.insert(g.to_string(), mw);
        w
    }

    pub fn has_group(&self, id: &str) -> bool {
        self.group_index.contains_key(id)
    }

    pub fn maintenance_window(&self, gid: &str) -> Option<Value> {
        let i = *self.group_index.get(gid)?;
        Some(
            self.maintenance
                .get(gid)
                .cloned()
                .unwrap_or_else(|| default_maintenance(i)),
        )
    }
}

pub fn key2(a: &str, b: &str) -> Key2 {
    k2(a, b)
}

pub fn key3(a: &str, b: &str, c: &str) -> Key3 {
    k3(a, b, c)
}
