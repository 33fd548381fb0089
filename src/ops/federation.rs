//! Data federation query limits and federation identity providers.

use super::Operation;
use crate::models::federation::DataFederationTenantQueryLimit;
use crate::request::{path_text, ApiRequest, Method};
use crate::response::BodyKind;
use crate::validate::{object_id, one_of, ValidationError};
use serde::Deserialize;

/// The query limits a data federation tenant can have.
pub const LIMIT_NAMES: &[&str] = &[
    "bytesProcessed.query",
    "bytesProcessed.daily",
    "bytesProcessed.weekly",
    "bytesProcessed.monthly",
];

/// `returnFederatedDatabaseQueryLimit`: one query limit of a federated database instance.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReturnFederatedDatabaseQueryLimit {
    pub group_id: String,
    pub tenant_name: String,
    pub limit_name: String,
}

impl Operation for ReturnFederatedDatabaseQueryLimit {
    const NAME: &'static str = "returnFederatedDatabaseQueryLimit";
    const UPSTREAM_ID: &'static str = "getGroupDataFederationLimit";
    const METHOD: Method = Method::Get;
    const VERSION: &'static str = "2023-01-01";
    const FIELDS: &'static [&'static str] = &["groupId", "tenantName", "limitName"];
    type Output = DataFederationTenantQueryLimit;

    fn build(&self, req: ApiRequest) -> Result<ApiRequest, ValidationError> {
        object_id("groupId", &self.group_id)?;
        path_text("tenantName", &self.tenant_name)?;
        one_of("limitName", &self.limit_name, LIMIT_NAMES)?;
        Ok(req
            .lit("/groups")
            .seg(&self.group_id)
            .lit("/dataFederation")
            .seg(&self.tenant_name)
            .lit("/limits")
            .seg(&self.limit_name))
    }
}

/// `deleteIdentityProvider`: removes an identity provider from federation settings.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeleteIdentityProvider {
    pub federation_settings_id: String,
    pub identity_provider_id: String,
}

impl Operation for DeleteIdentityProvider {
    const NAME: &'static str = "deleteIdentityProvider";
    const UPSTREAM_ID: &'static str = "deleteFederationSettingIdentityProvider";
    const METHOD: Method = Method::Delete;
    const VERSION: &'static str = "2023-11-15";
    const PRETTY: bool = false;
    const FIELDS: &'static [&'static str] = &["federationSettingsId", "identityProviderId"];
    const BODY: BodyKind = BodyKind::Empty;
    type Output = ();

    fn build(&self, req: ApiRequest) -> Result<ApiRequest, ValidationError> {
        object_id("federationSettingsId", &self.federation_settings_id)?;
        path_text("identityProviderId", &self.identity_provider_id)?;
        Ok(req
            .lit("/federationSettings")
            .seg(&self.federation_settings_id)
            .lit("/identityProviders")
            .seg(&self.identity_provider_id))
    }
}
