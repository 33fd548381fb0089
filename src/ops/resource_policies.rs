//! Atlas resource policies (Cedar).

use super::{json_body, Operation};
use crate::models::resource_policies::{ResourcePolicy, ResourcePolicyCreate};
use crate::request::{ApiRequest, Method};
use crate::validate::{object_id, Validate, ValidationError};
use serde::Deserialize;

/// `validateAtlasResourcePolicy`: asks Atlas whether a resource policy would be
/// accepted, without creating it. A refusal carries `errorType` and
/// `invalidPolicies` with the Cedar parser's messages.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ValidateAtlasResourcePolicy {
    pub org_id: String,
    pub body: ResourcePolicyCreate,
}

impl Operation for ValidateAtlasResourcePolicy {
    const NAME: &'static str = "validateAtlasResourcePolicy";
    const UPSTREAM_ID: &'static str = "validateOrgResourcePolicies";
    const METHOD: Method = Method::Post;
    const VERSION: &'static str = "2024-08-05";
    const FIELDS: &'static [&'static str] = &["orgId", "body"];
    type Output = ResourcePolicy;

    fn build(&self, req: ApiRequest) -> Result<ApiRequest, ValidationError> {
        object_id("orgId", &self.org_id)?;
        self.body.validate("body")?;
        let mut req = req
            .lit("/orgs")
            .seg(&self.org_id)
            .lit("/resourcePolicies:validate");
        req.body = Some(json_body("body", &self.body)?);
        Ok(req)
    }
}
