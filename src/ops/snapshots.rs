//! Legacy (pre cloud-backup) cluster snapshots.

use super::{json_body, Deprecation, Operation};
use crate::models::snapshots::{BackupSnapshot, BackupSnapshotUpdate};
use crate::request::{ApiRequest, Method};
use crate::validate::{cluster_name, object_id, Validate, ValidationError};
use serde::Deserialize;

const LEGACY: Option<Deprecation> = Some(Deprecation {
    sunset: None,
    instead: "legacy backup is retired; use the cloud backup snapshot operations",
});

/// `getLegacySnapshot`: one legacy backup snapshot of a cluster (deprecated).
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GetLegacySnapshot {
    pub group_id: String,
    pub cluster_name: String,
    pub snapshot_id: String,
}

fn snapshot_path(
    req: ApiRequest,
    group_id: &str,
    cluster: &str,
    snapshot_id: &str,
) -> Result<ApiRequest, ValidationError> {
    object_id("groupId", group_id)?;
    cluster_name("clusterName", cluster)?;
    object_id("snapshotId", snapshot_id)?;
    Ok(req
        .lit("/groups")
        .seg(group_id)
        .lit("/clusters")
        .seg(cluster)
        .lit("/snapshots")
        .seg(snapshot_id))
}

impl Operation for GetLegacySnapshot {
    const NAME: &'static str = "getLegacySnapshot";
    const UPSTREAM_ID: &'static str = "getGroupClusterSnapshot";
    const METHOD: Method = Method::Get;
    const VERSION: &'static str = "2023-01-01";
    const DEPRECATION: Option<Deprecation> = LEGACY;
    const FIELDS: &'static [&'static str] = &["groupId", "clusterName", "snapshotId"];
    type Output = BackupSnapshot;

    fn build(&self, req: ApiRequest) -> Result<ApiRequest, ValidationError> {
        snapshot_path(req, &self.group_id, &self.cluster_name, &self.snapshot_id)
    }
}

/// `updateLegacySnapshotRetention`: changes when a legacy snapshot expires or
/// whether it is kept (deprecated). Read-only fields of a snapshot read back
/// with `getLegacySnapshot` may be passed in `body`; they are not sent.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateLegacySnapshotRetention {
    pub group_id: String,
    pub cluster_name: String,
    pub snapshot_id: String,
    pub body: BackupSnapshotUpdate,
}

impl Operation for UpdateLegacySnapshotRetention {
    const NAME: &'static str = "updateLegacySnapshotRetention";
    const UPSTREAM_ID: &'static str = "updateGroupClusterSnapshot";
    const METHOD: Method = Method::Patch;
    const VERSION: &'static str = "2023-01-01";
    const DEPRECATION: Option<Deprecation> = LEGACY;
    const FIELDS: &'static [&'static str] = &["groupId", "clusterName", "snapshotId", "body"];
    type Output = BackupSnapshot;

    fn build(&self, req: ApiRequest) -> Result<ApiRequest, ValidationError> {
        let mut req = snapshot_path(req, &self.group_id, &self.cluster_name, &self.snapshot_id)?;
        let mut body = self.body.clone();
        body.strip_read_only();
        body.validate("body")?;
        req.body = Some(json_body("body", &body)?);
        Ok(req)
    }
}
