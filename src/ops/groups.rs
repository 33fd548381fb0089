//! Project-level operations: list projects, read a maintenance window, delete
//! an export bucket.

use super::{paging, Operation};
use crate::models::groups::PaginatedGroups;
use crate::models::maintenance::GroupMaintenanceWindow;
use crate::request::{ApiRequest, Method};
use crate::response::BodyKind;
use crate::validate::{object_id, ValidationError};
use serde::Deserialize;

/// `listProjects`: one page of the projects the caller can see.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListProjects {
    pub items_per_page: Option<i64>,
    pub page_num: Option<i64>,
    pub include_count: Option<bool>,
}

impl Operation for ListProjects {
    const NAME: &'static str = "listProjects";
    const UPSTREAM_ID: &'static str = "listGroups";
    const METHOD: Method = Method::Get;
    const VERSION: &'static str = "2023-01-01";
    const FIELDS: &'static [&'static str] = &["itemsPerPage", "pageNum", "includeCount"];
    type Output = PaginatedGroups;

    fn build(&self, req: ApiRequest) -> Result<ApiRequest, ValidationError> {
        paging(self.items_per_page, self.page_num)?;
        Ok(req
            .lit("/groups")
            .query("includeCount", self.include_count)
            .query("itemsPerPage", self.items_per_page)
            .query("pageNum", self.page_num))
    }
}

/// `getMaintenanceWindow`: a project's maintenance window.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GetMaintenanceWindow {
    pub group_id: String,
}

impl Operation for GetMaintenanceWindow {
    const NAME: &'static str = "getMaintenanceWindow";
    const UPSTREAM_ID: &'static str = "getGroupMaintenanceWindow";
    const METHOD: Method = Method::Get;
    const VERSION: &'static str = "2023-01-01";
    const FIELDS: &'static [&'static str] = &["groupId"];
    type Output = GroupMaintenanceWindow;

    fn build(&self, req: ApiRequest) -> Result<ApiRequest, ValidationError> {
        object_id("groupId", &self.group_id)?;
        Ok(req
            .lit("/groups")
            .seg(&self.group_id)
            .lit("/maintenanceWindow"))
    }
}

/// `deleteExportBucket`: removes a snapshot export bucket from a project.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeleteExportBucket {
    pub group_id: String,
    pub export_bucket_id: String,
}

impl Operation for DeleteExportBucket {
    const NAME: &'static str = "deleteExportBucket";
    const UPSTREAM_ID: &'static str = "deleteGroupBackupExportBucket";
    const METHOD: Method = Method::Delete;
    const VERSION: &'static str = "2023-01-01";
    const PRETTY: bool = false;
    const FIELDS: &'static [&'static str] = &["groupId", "exportBucketId"];
    const BODY: BodyKind = BodyKind::Empty;
    type Output = ();

    fn build(&self, req: ApiRequest) -> Result<ApiRequest, ValidationError> {
        object_id("groupId", &self.group_id)?;
        object_id("exportBucketId", &self.export_bucket_id)?;
        Ok(req
            .lit("/groups")
            .seg(&self.group_id)
            .lit("/backup/exportBuckets")
            .seg(&self.export_bucket_id))
    }
}
