//! Organization API keys.

use super::{json_body, Operation};
use crate::models::api_keys::{ApiKeyUserDetails, CreateOrgApiKey};
use crate::request::{ApiRequest, Method};
use crate::validate::{object_id, Validate, ValidationError};
use serde::Deserialize;

/// `createApiKey`: creates an organization API key. The answer holds the
/// private key, which Atlas shows only this once.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateApiKey {
    pub org_id: String,
    pub body: CreateOrgApiKey,
}

impl Operation for CreateApiKey {
    const NAME: &'static str = "createApiKey";
    const UPSTREAM_ID: &'static str = "createOrgApiKey";
    const METHOD: Method = Method::Post;
    const VERSION: &'static str = "2023-01-01";
    const FIELDS: &'static [&'static str] = &["orgId", "body"];
    type Output = ApiKeyUserDetails;

    fn build(&self, req: ApiRequest) -> Result<ApiRequest, ValidationError> {
        object_id("orgId", &self.org_id)?;
        self.body.validate("body")?;
        let mut req = req.lit("/orgs").seg(&self.org_id).lit("/apiKeys");
        req.body = Some(json_body("body", &self.body)?);
        Ok(req)
    }
}
