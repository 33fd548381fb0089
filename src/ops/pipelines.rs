//! Data Lake ingestion pipelines.

use super::{Deprecation, Operation};
use crate::models::pipelines::DataLakeIngestionPipeline;
use crate::request::{ApiRequest, Method};
use crate::validate::{object_id, ValidationError};
use serde::Deserialize;

/// `listPipelines`: every ingestion pipeline of a project (deprecated).
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListPipelines {
    pub group_id: String,
}

impl Operation for ListPipelines {
    const NAME: &'static str = "listPipelines";
    const UPSTREAM_ID: &'static str = "listGroupPipelines";
    const METHOD: Method = Method::Get;
    const VERSION: &'static str = "2023-01-01";
    const PRETTY: bool = false;
    const DEPRECATION: Option<Deprecation> = Some(Deprecation {
        sunset: Some("2025-09-30"),
        instead: "Data Lake pipelines are retired; export snapshots or use Atlas Data Federation",
    });
    const FIELDS: &'static [&'static str] = &["groupId"];
    type Output = Vec<DataLakeIngestionPipeline>;

    fn build(&self, req: ApiRequest) -> Result<ApiRequest, ValidationError> {
        object_id("groupId", &self.group_id)?;
        Ok(req.lit("/groups").seg(&self.group_id).lit("/pipelines"))
    }
}
