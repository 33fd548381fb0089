//! Atlas resource policies: the validate request, the accepted policy and the
//! `400` body that lists why policies were refused.

use serde::{Deserialize, Serialize};

use super::wire::{serialize_writable, Object};
use crate::validate::{index, join, non_empty, Checked, Validate, ValidationError};

/// A set of Cedar policies to create or validate under one name.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResourcePolicyCreate {
    /// Name of the resource policy.
    pub name: String,
    /// Optional free-text description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The policies; at least one.
    pub policies: Vec<PolicyCreate>,
    /// Further fields to send as they are (read-only policy fields are never sent).
    #[serde(flatten, serialize_with = "writable_policy_set_extra")]
    pub extra: Object,
}

impl ResourcePolicyCreate {
    /// Wire names of a stored resource policy that are never sent.
    pub const READ_ONLY_FIELDS: &'static [&'static str] = &[
        "createdByUser",
        "createdDate",
        "id",
        "lastUpdatedByUser",
        "lastUpdatedDate",
        "orgId",
        "version",
    ];
}

fn writable_policy_set_extra<S: serde::Serializer>(
    extra: &Object,
    s: S,
) -> Result<S::Ok, S::Error> {
    serialize_writable(extra, ResourcePolicyCreate::READ_ONLY_FIELDS, s)
}

/// One policy to create: its Cedar source text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PolicyCreate {
    /// The policy in the Cedar language; must not be empty.
    pub body: String,
    /// Further fields to send as they are (a stored policy's `id` is never sent).
    #[serde(flatten, serialize_with = "writable_policy_extra")]
    pub extra: Object,
}

impl PolicyCreate {
    /// Wire names of a stored policy that are never sent.
    pub const READ_ONLY_FIELDS: &'static [&'static str] = &["id"];
}

fn writable_policy_extra<S: serde::Serializer>(extra: &Object, s: S) -> Result<S::Ok, S::Error> {
    serialize_writable(extra, PolicyCreate::READ_ONLY_FIELDS, s)
}

impl Validate for ResourcePolicyCreate {
    fn validate(&self, path: &str) -> Checked {
        non_empty(&join(path, "name"), &self.name)?;
        let policies = join(path, "policies");
        if self.policies.is_empty() {
            return Err(ValidationError::new(
                policies,
                "must hold at least one policy",
            ));
        }
        for (i, p) in self.policies.iter().enumerate() {
            p.validate(&index(&policies, i))?;
        }
        Ok(())
    }
}

impl Validate for PolicyCreate {
    fn validate(&self, path: &str) -> Checked {
        // Cedar text spans lines, so only emptiness is checked (not control characters).
        if self.body.trim().is_empty() {
            return Err(ValidationError::new(
                join(path, "body"),
                "must not be empty",
            ));
        }
        Ok(())
    }
}

/// A resource policy as stored (or as it would be stored) by Atlas.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResourcePolicy {
    /// Who created the policy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by_user: Option<UserMetadata>,
    /// When the policy was created (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_date: Option<String>,
    /// Free-text description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The resource policy's 24-hex-digit id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Who changed the policy last.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_updated_by_user: Option<UserMetadata>,
    /// When the policy was last changed (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_updated_date: Option<String>,
    /// Name of the resource policy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Organization the policy belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org_id: Option<String>,
    /// The policies of the set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policies: Option<Vec<Policy>>,
    /// Version label of the policy set, e.g. `v1`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Fields this client does not model, kept for re-encoding.
    #[serde(flatten)]
    pub extra: Object,
}

/// One stored policy.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Policy {
    /// The policy in the Cedar language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// The policy's 24-hex-digit id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Fields this client does not model, kept for re-encoding.
    #[serde(flatten)]
    pub extra: Object,
}

/// The user who created or changed a policy.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserMetadata {
    /// The user's 24-hex-digit id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The user's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Fields this client does not model, kept for re-encoding.
    #[serde(flatten)]
    pub extra: Object,
}

/// Known values of [`InvalidResourcePolicyError::error_type`].
pub const INVALID_POLICY_ERROR_TYPE_VALUES: &[&str] = &[
    "POLICY_PARSING_ERROR",
    "POLICY_HAS_FAILED_VALIDATIONS",
    "POLICY_HAS_INVALID_PRINCIPAL",
    "POLICY_HAS_BODY_EXCEEDING_MAX_SIZE",
    "POLICY_HAS_UNEXPECTED_ENTITIES",
];

/// The `400` body of policy validation: which policies were refused and why.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InvalidResourcePolicyError {
    /// Category of the failure; see [`INVALID_POLICY_ERROR_TYPE_VALUES`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_type: Option<String>,
    /// The refused policies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invalid_policies: Option<Vec<InvalidPolicy>>,
    /// Fields this client does not model, kept for re-encoding.
    #[serde(flatten)]
    pub extra: Object,
}

/// A refused policy with its problems.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InvalidPolicy {
    /// The Cedar text that was refused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// The problems found in it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub errors: Option<Vec<InvalidPolicyErrorDetail>>,
    /// Fields this client does not model, kept for re-encoding.
    #[serde(flatten)]
    pub extra: Object,
}

/// One problem found in a refused policy.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InvalidPolicyErrorDetail {
    /// What is wrong, in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
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
        let r: ResourcePolicy = round_trip(&example(
            &spec,
            schema(&spec, "ApiAtlasResourcePolicyView"),
            Side::Response,
        ));
        assert!(r.extra.is_empty());
        assert!(r.policies.unwrap()[0].extra.is_empty());
        assert!(r.created_by_user.unwrap().extra.is_empty());
        let e: InvalidResourcePolicyError = round_trip(&example(
            &spec,
            schema(&spec, "ApiAtlasInvalidResourcePolicyCreateErrorView"),
            Side::Response,
        ));
        assert!(e.extra.is_empty());
        let p = &e.invalid_policies.unwrap()[0];
        assert!(p.extra.is_empty());
        assert!(p.errors.as_ref().unwrap()[0].extra.is_empty());
        let c: ResourcePolicyCreate = round_trip(&example(
            &spec,
            schema(&spec, "ApiAtlasResourcePolicyCreateView"),
            Side::Request,
        ));
        assert!(c.extra.is_empty());
        assert!(c.policies[0].extra.is_empty());
        assert!(c.validate("body").is_ok());
    }

    #[test]
    fn unknown_error_type_survives() {
        let v = json!({"errorType": "POLICY_SOMETHING_NEW", "invalidPolicies": [
            {"body": "forbid (principal, action, resource);", "errors": [{"detail": "d", "line": 3}]}]});
        let e: InvalidResourcePolicyError = round_trip(&v);
        assert_eq!(e.error_type.as_deref(), Some("POLICY_SOMETHING_NEW"));
    }

    #[test]
    fn create_request_rules() {
        let ok = ResourcePolicyCreate {
            name: "no-us-east".into(),
            description: None,
            policies: vec![PolicyCreate {
                body: "forbid (\n principal, action, resource\n);".into(),
                extra: Object::new(),
            }],
            extra: Object::new(),
        };
        assert!(ok.validate("body").is_ok());
        let mut c = ok.clone();
        c.name = " ".into();
        fails_at(c.validate("body"), "body.name");
        let mut c = ok.clone();
        c.policies.clear();
        fails_at(c.validate("body"), "body.policies");
        let mut c = ok.clone();
        c.policies.push(PolicyCreate {
            body: "\n ".into(),
            extra: Object::new(),
        });
        fails_at(c.validate("body"), "body.policies[1].body");
    }

    #[test]
    fn a_stored_policy_can_be_resent_without_read_only_fields() {
        let c: ResourcePolicyCreate = serde_json::from_value(json!({
            "name": "n", "id": "32b6e34b3d91647abb20e7b8", "orgId": "32b6e34b3d91647abb20e7b8",
            "version": "v1", "createdDate": "d", "policies": [{"id": "32b6e34b3d91647abb20e7b8", "body": "b"}]
        }))
        .unwrap();
        assert_eq!(
            serde_json::to_value(&c).unwrap(),
            json!({"name": "n", "policies": [{"body": "b"}]})
        );
    }
}
