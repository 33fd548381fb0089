//! Organization API keys: the create request and the key returned once.

use serde::{Deserialize, Serialize};

use super::common::Link;
use super::wire::{serialize_writable, Object};
use crate::validate::{index, join, length, one_of, Checked, Validate, ValidationError};

/// The organization roles an API key may be granted.
pub const ORG_ROLE_VALUES: &[&str] = &[
    "ORG_OWNER",
    "ORG_MEMBER",
    "ORG_GROUP_CREATOR",
    "ORG_BILLING_ADMIN",
    "ORG_BILLING_READ_ONLY",
    "ORG_STREAM_PROCESSING_ADMIN",
    "ORG_READ_ONLY",
];

/// Body of a request to create an organization API key.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateOrgApiKey {
    /// What the key is for (1–250 characters).
    pub desc: String,
    /// Organization roles to grant; at least one, each from [`ORG_ROLE_VALUES`].
    pub roles: Vec<String>,
    /// Further fields to send as they are (read-only key fields are never sent).
    #[serde(flatten, serialize_with = "writable_key_extra")]
    pub extra: Object,
}

impl CreateOrgApiKey {
    /// Wire names that belong to a key's response only and are never sent.
    pub const READ_ONLY_FIELDS: &'static [&'static str] =
        &["id", "links", "privateKey", "publicKey"];
}

fn writable_key_extra<S: serde::Serializer>(extra: &Object, s: S) -> Result<S::Ok, S::Error> {
    serialize_writable(extra, CreateOrgApiKey::READ_ONLY_FIELDS, s)
}

impl Validate for CreateOrgApiKey {
    fn validate(&self, path: &str) -> Checked {
        length(&join(path, "desc"), &self.desc, 1, 250)?;
        let roles = join(path, "roles");
        if self.roles.is_empty() {
            return Err(ValidationError::new(roles, "must name at least one role"));
        }
        for (i, r) in self.roles.iter().enumerate() {
            one_of(&index(&roles, i), r, ORG_ROLE_VALUES)?;
        }
        Ok(())
    }
}

/// An API key as returned when it is created. `private_key` is shown only in
/// this one response and cannot be fetched again; `Debug` output hides it.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiKeyUserDetails {
    /// What the key is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub desc: Option<String>,
    /// The key's 24-hex-digit id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Related resources.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub links: Option<Vec<Link>>,
    /// The secret half of the key (only in the create response).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub private_key: Option<String>,
    /// The public half of the key (8 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_key: Option<String>,
    /// Roles granted to the key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roles: Option<Vec<RoleAssignment>>,
    /// Fields this client does not model, kept for re-encoding.
    #[serde(flatten)]
    pub extra: Object,
}

impl std::fmt::Debug for ApiKeyUserDetails {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ApiKeyUserDetails")
            .field("desc", &self.desc)
            .field("id", &self.id)
            .field("links", &self.links)
            .field(
                "private_key",
                &self.private_key.as_ref().map(|_| "<redacted>"),
            )
            .field("public_key", &self.public_key)
            .field("roles", &self.roles)
            .field("extra", &self.extra)
            .finish()
    }
}

/// One role granted to an API key, scoped to an organization or a project.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RoleAssignment {
    /// Project the role applies to, for project roles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_id: Option<String>,
    /// Organization the role applies to, for organization roles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org_id: Option<String>,
    /// The role, e.g. `ORG_MEMBER`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_name: Option<String>,
    /// Fields this client does not model, kept for re-encoding.
    #[serde(flatten)]
    pub extra: Object,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::test_support::*;
    use serde_json::json;

    #[test]
    fn spec_examples_round_trip_with_every_field_named() {
        let Some(spec) = spec() else { return };
        let k: ApiKeyUserDetails = round_trip(&example(
            &spec,
            schema(&spec, "ApiKeyUserDetails"),
            Side::Response,
        ));
        assert!(k.extra.is_empty());
        assert!(k.roles.unwrap()[0].extra.is_empty());
        let c: CreateOrgApiKey = round_trip(&example(
            &spec,
            schema(&spec, "CreateAtlasOrganizationApiKey"),
            Side::Request,
        ));
        assert!(c.extra.is_empty());
        assert!(c.validate("body").is_ok());
    }

    #[test]
    fn debug_hides_the_private_key_but_encoding_keeps_it() {
        let v = json!({"id": "32b6e34b3d91647abb20e7b8", "privateKey": "s3cr3t-value",
                       "publicKey": "zmmrboas", "roles": [{"orgId": "32b6e34b3d91647abb20e7b8",
                       "roleName": "ORG_NEW_ROLE", "x": 1}]});
        let k: ApiKeyUserDetails = round_trip(&v);
        assert!(!format!("{k:?}").contains("s3cr3t"));
        assert_eq!(
            k.roles.unwrap()[0].role_name.as_deref(),
            Some("ORG_NEW_ROLE")
        );
    }

    #[test]
    fn create_request_rules() {
        let ok = CreateOrgApiKey {
            desc: "ci".into(),
            roles: vec!["ORG_MEMBER".into(), "ORG_READ_ONLY".into()],
            extra: Object::new(),
        };
        assert!(ok.validate("body").is_ok());
        let mut k = ok.clone();
        k.desc = String::new();
        fails_at(k.validate("body"), "body.desc");
        k.desc = "é".repeat(251);
        fails_at(k.validate("body"), "body.desc");
        k.desc = "é".repeat(250);
        assert!(k.validate("body").is_ok());
        k.roles.clear();
        fails_at(k.validate("body"), "body.roles");
        k.roles = vec!["ORG_MEMBER".into(), "GROUP_OWNER".into()];
        fails_at(k.validate("body"), "body.roles[1]");
    }

    #[test]
    fn read_only_fields_are_never_sent() {
        let k: CreateOrgApiKey = serde_json::from_value(json!({
            "desc": "d", "roles": ["ORG_OWNER"], "id": "32b6e34b3d91647abb20e7b8",
            "publicKey": "abcdefgh", "privateKey": "p", "links": [], "future": 1
        }))
        .unwrap();
        assert_eq!(
            serde_json::to_value(&k).unwrap(),
            json!({"desc": "d", "roles": ["ORG_OWNER"], "future": 1})
        );
    }
}
