//! Cloud backup snapshots of a cluster: the snapshot as returned, and the
//! update request that changes its retention.

use serde::{Deserialize, Serialize};

use super::common::Link;
use super::wire::{serialize_writable, Object};
use super::Int64;
use crate::validate::{join, Checked, Validate, ValidationError};

/// Known values of [`BackupSnapshotPart::compression_setting`].
pub const COMPRESSION_SETTING_VALUES: &[&str] = &["NONE", "GZIP"];

/// Known values of [`BackupSnapshotPart::type_name`].
pub const SNAPSHOT_PART_TYPE_VALUES: &[&str] = &[
    "REPLICA_SET",
    "CONFIG_SERVER",
    "CONFIG_SERVER_REPLICA_SET",
    "CONFIG_SHARD_REPLICA_SET",
];

/// A backup snapshot of a cluster, as returned by the API.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BackupSnapshot {
    /// Id of the cluster the snapshot was taken of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster_id: Option<String>,
    /// Name of that cluster.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster_name: Option<String>,
    /// Whether the snapshot has finished.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub complete: Option<bool>,
    /// When the snapshot was taken.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<BsonTimestamp>,
    /// Whether the snapshot is kept regardless of its retention.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub do_not_delete: Option<bool>,
    /// When Atlas will delete the snapshot (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<String>,
    /// Id of the project.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_id: Option<String>,
    /// The snapshot's 24-hex-digit id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Whether the snapshot is incremental.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub incremental: Option<bool>,
    /// Last oplog entry the snapshot includes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_oplog_applied_timestamp: Option<BsonTimestamp>,
    /// Related resources.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub links: Option<Vec<Link>>,
    /// One part per replica set of the snapshot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parts: Option<Vec<BackupSnapshotPart>>,
    /// Fields this client does not model, kept for re-encoding.
    #[serde(flatten)]
    pub extra: Object,
}

/// The part of a snapshot taken from one replica set.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BackupSnapshotPart {
    /// Id of the cluster.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster_id: Option<String>,
    /// When this part finished (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed_time: Option<String>,
    /// How the part is compressed; see [`COMPRESSION_SETTING_VALUES`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compression_setting: Option<String>,
    /// Size of the data, in bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_size_bytes: Option<Int64>,
    /// Whether the part is encrypted at rest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encryption_enabled: Option<bool>,
    /// Feature compatibility version of the replica set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fcv: Option<String>,
    /// Size of the data files, in bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_size_bytes: Option<Int64>,
    /// Host and port of the member the part was taken from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub machine_id: Option<String>,
    /// UUID of the master key used for encryption.
    #[serde(
        rename = "masterKeyUUID",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub master_key_uuid: Option<String>,
    /// MongoDB version of the member.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mongod_version: Option<String>,
    /// Name of the replica set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replica_set_name: Option<String>,
    /// Replication role of the member when the part was taken.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replica_state: Option<String>,
    /// Storage used by the part, in bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage_size_bytes: Option<Int64>,
    /// Kind of replica set; see [`SNAPSHOT_PART_TYPE_VALUES`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub type_name: Option<String>,
    /// Fields this client does not model, kept for re-encoding.
    #[serde(flatten)]
    pub extra: Object,
}

/// A BSON timestamp: a wall-clock time plus an ordinal within that second.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BsonTimestamp {
    /// The time (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Ordinal of the operation within the second. Held as `i64` and not range
    /// checked: the description's minimum for it is a known defect.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub increment: Option<i64>,
    /// Fields this client does not model, kept for re-encoding.
    #[serde(flatten)]
    pub extra: Object,
}

/// Body of a request to change a snapshot's retention. Only `doNotDelete` and
/// `expires` are writable; every other snapshot field is read-only and is
/// never sent, even when copied into `extra` from a fetched snapshot.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BackupSnapshotUpdate {
    /// Keep the snapshot regardless of its retention (cannot be combined with `expires`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub do_not_delete: Option<bool>,
    /// New expiry time (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<String>,
    /// Further fields to send as they are; read-only names are filtered out on encode.
    #[serde(flatten, serialize_with = "writable_snapshot_extra")]
    pub extra: Object,
}

impl BackupSnapshotUpdate {
    /// Wire names of a snapshot that are read-only and never sent.
    pub const READ_ONLY_FIELDS: &'static [&'static str] = &[
        "clusterId",
        "clusterName",
        "complete",
        "created",
        "groupId",
        "id",
        "incremental",
        "lastOplogAppliedTimestamp",
        "links",
        "parts",
    ];

    /// Drops read-only names from `extra` (encoding skips them anyway).
    pub fn strip_read_only(&mut self) {
        self.extra
            .retain(|k, _| !Self::READ_ONLY_FIELDS.contains(&k.as_str()));
    }
}

impl From<BackupSnapshot> for BackupSnapshotUpdate {
    /// Keeps the writable fields (and unknown ones) of a fetched snapshot.
    fn from(s: BackupSnapshot) -> Self {
        BackupSnapshotUpdate {
            do_not_delete: s.do_not_delete,
            expires: s.expires,
            extra: s.extra,
        }
    }
}

fn writable_snapshot_extra<S: serde::Serializer>(extra: &Object, s: S) -> Result<S::Ok, S::Error> {
    serialize_writable(extra, BackupSnapshotUpdate::READ_ONLY_FIELDS, s)
}

impl Validate for BackupSnapshotUpdate {
    fn validate(&self, path: &str) -> Checked {
        if let Some(e) = &self.expires {
            crate::validate::date_time(&join(path, "expires"), e)?;
            if self.do_not_delete == Some(true) {
                return Err(ValidationError::new(
                    join(path, "expires"),
                    "cannot be set together with doNotDelete: true",
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::test_support::*;
    use serde_json::json;

    #[test]
    fn spec_examples_round_trip_with_every_field_named() {
        let Some(spec) = spec() else { return };
        let s: BackupSnapshot = round_trip(&example(
            &spec,
            schema(&spec, "BackupSnapshot"),
            Side::Response,
        ));
        assert!(s.extra.is_empty());
        let created = s.created.as_ref().unwrap();
        assert!(created.extra.is_empty());
        // The description's (defective) minimum for `increment` still decodes.
        assert_eq!(created.increment, Some(1_199_145_600));
        assert!(s.parts.as_ref().unwrap()[0].extra.is_empty());
        let u: BackupSnapshotUpdate = round_trip(&example(
            &spec,
            schema(&spec, "BackupSnapshot"),
            Side::Request,
        ));
        assert!(u.extra.is_empty());
    }

    #[test]
    fn real_increments_big_sizes_and_unknown_values_survive() {
        let v = json!({"id": "32b6e34b3d91647abb20e7b8", "created": {"date": "2024-01-01T00:00:00Z", "increment": 1},
            "parts": [{"typeName": "SHARD_NEW", "compressionSetting": "ZSTD",
                       "storageSizeBytes": 9007199254740993_i64, "masterKeyUUID": "u"}],
            "snapshotType": "onDemand"});
        let s: BackupSnapshot = round_trip(&v);
        let p = &s.parts.as_ref().unwrap()[0];
        assert_eq!(p.storage_size_bytes, Some(Int64(9_007_199_254_740_993)));
        assert!(p.extra.is_empty());
        assert_eq!(s.extra["snapshotType"], "onDemand");
        let (path, _) = decode_error::<BackupSnapshot>(&json!({"parts": [{"dataSizeBytes": "1"}]}));
        assert_eq!(path, "parts[0].dataSizeBytes");
    }

    #[test]
    fn update_from_a_fetched_snapshot_sends_only_writable_fields() {
        let fetched: BackupSnapshot = serde_json::from_value(json!({
            "id": "32b6e34b3d91647abb20e7b8", "complete": true, "expires": "2030-01-01T00:00:00Z",
            "doNotDelete": false, "links": [], "frequencyType": "daily"}))
        .unwrap();
        let mut u = BackupSnapshotUpdate::from(fetched);
        assert_eq!(
            serde_json::to_value(&u).unwrap(),
            json!({"expires": "2030-01-01T00:00:00Z", "doNotDelete": false, "frequencyType": "daily"})
        );
        // A whole snapshot decoded straight into the update type never sends its read-only fields.
        let mut raw: BackupSnapshotUpdate = serde_json::from_value(json!({
            "id": "x", "clusterName": "c", "parts": [], "created": {}, "doNotDelete": true}))
        .unwrap();
        assert_eq!(
            serde_json::to_value(&raw).unwrap(),
            json!({"doNotDelete": true})
        );
        raw.strip_read_only();
        assert!(raw.extra.is_empty());
        u.strip_read_only();
        assert_eq!(u.extra.len(), 1);
    }

    #[test]
    fn do_not_delete_with_expires_is_refused() {
        let mut u = BackupSnapshotUpdate {
            do_not_delete: Some(true),
            ..Default::default()
        };
        assert!(u.validate("body").is_ok());
        u.expires = Some("2030-01-01T00:00:00Z".into());
        fails_at(u.validate("body"), "body.expires");
        u.do_not_delete = Some(false);
        assert!(u.validate("body").is_ok());
        u.do_not_delete = None;
        assert!(u.validate("body").is_ok());
        u.expires = Some(String::new());
        fails_at(u.validate("body"), "body.expires");
    }
}
