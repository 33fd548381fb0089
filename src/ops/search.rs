//! Atlas Search indexes (the deprecated cluster-scoped update).

use super::{json_body, Deprecation, Operation};
use crate::models::search::{ClusterSearchIndex, ClusterSearchIndexUpdate};
use crate::request::{ApiRequest, Method};
use crate::validate::{cluster_name, object_id, Validate, ValidationError};
use serde::Deserialize;

/// `updateAtlasSearchIndexDeprecated`: replaces the definition of an Atlas
/// Search or Vector Search index (deprecated). Read-only fields of an index read
/// back from Atlas may be passed in `body`; they are not sent.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateAtlasSearchIndexDeprecated {
    pub group_id: String,
    pub cluster_name: String,
    pub index_id: String,
    pub body: ClusterSearchIndexUpdate,
}

impl Operation for UpdateAtlasSearchIndexDeprecated {
    const NAME: &'static str = "updateAtlasSearchIndexDeprecated";
    const UPSTREAM_ID: &'static str = "updateGroupClusterFtsIndex";
    const METHOD: Method = Method::Patch;
    const VERSION: &'static str = "2023-01-01";
    const DEPRECATION: Option<Deprecation> = Some(Deprecation {
        sunset: Some("2027-07-01"),
        instead: "use the search index operations under /search/indexes",
    });
    const FIELDS: &'static [&'static str] = &["groupId", "clusterName", "indexId", "body"];
    type Output = ClusterSearchIndex;

    fn build(&self, req: ApiRequest) -> Result<ApiRequest, ValidationError> {
        object_id("groupId", &self.group_id)?;
        cluster_name("clusterName", &self.cluster_name)?;
        object_id("indexId", &self.index_id)?;
        let mut body = self.body.clone();
        body.strip_read_only();
        body.validate("body")?;
        let mut req = req
            .lit("/groups")
            .seg(&self.group_id)
            .lit("/clusters")
            .seg(&self.cluster_name)
            .lit("/fts/indexes")
            .seg(&self.index_id);
        req.body = Some(json_body("body", &body)?);
        Ok(req)
    }
}
