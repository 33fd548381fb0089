//! X.509 certificates for database users.

use super::{json_body, Operation};
use crate::models::x509::UserCert;
use crate::request::{path_text, ApiRequest, Method};
use crate::response::BodyKind;
use crate::validate::{object_id, Validate, ValidationError};
use serde::Deserialize;

/// `createDatabaseUserCertificate`: issues a certificate for a database user.
/// Resolves to the PEM text holding the certificate and its private key,
/// which Atlas returns only this once.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateDatabaseUserCertificate {
    pub group_id: String,
    pub username: String,
    /// Defaults to an empty body (Atlas's default validity).
    #[serde(default)]
    pub body: Option<UserCert>,
}

impl Operation for CreateDatabaseUserCertificate {
    const NAME: &'static str = "createDatabaseUserCertificate";
    const UPSTREAM_ID: &'static str = "createGroupDatabaseUserCert";
    const METHOD: Method = Method::Post;
    const VERSION: &'static str = "2023-01-01";
    const FIELDS: &'static [&'static str] = &["groupId", "username", "body"];
    const BODY: BodyKind = BodyKind::Pem;
    type Output = String;

    fn build(&self, req: ApiRequest) -> Result<ApiRequest, ValidationError> {
        object_id("groupId", &self.group_id)?;
        path_text("username", &self.username)?;
        self.body.validate("body")?;
        let body = self.body.clone().unwrap_or_default();
        let mut req = req
            .lit("/groups")
            .seg(&self.group_id)
            .lit("/databaseUsers")
            .seg(&self.username)
            .lit("/certs");
        req.body = Some(json_body("body", &body)?);
        Ok(req)
    }
}
