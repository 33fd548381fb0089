//! Request for an Atlas-managed X.509 certificate of a database user.

use serde::{Deserialize, Serialize};

use super::wire::{serialize_writable, Object};
use crate::validate::{join, range, Checked, Validate};

/// Body of a request to create a database user's X.509 certificate. Atlas
/// answers with the PEM text itself, so there is no response model.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserCert {
    /// Months until the certificate expires, 1–24 (Atlas uses 3 when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub months_until_expiration: Option<i32>,
    /// Further fields to send as they are (read-only certificate fields are never sent).
    #[serde(flatten, serialize_with = "writable_cert_extra")]
    pub extra: Object,
}

impl UserCert {
    /// Wire names that describe an issued certificate and are never sent.
    pub const READ_ONLY_FIELDS: &'static [&'static str] = &[
        "_id",
        "createdAt",
        "groupId",
        "links",
        "notAfter",
        "subject",
    ];
}

fn writable_cert_extra<S: serde::Serializer>(extra: &Object, s: S) -> Result<S::Ok, S::Error> {
    serialize_writable(extra, UserCert::READ_ONLY_FIELDS, s)
}

impl Validate for UserCert {
    fn validate(&self, path: &str) -> Checked {
        match self.months_until_expiration {
            Some(m) => range(&join(path, "monthsUntilExpiration"), i64::from(m), 1, 24),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::test_support::*;
    use serde_json::json;

    #[test]
    fn spec_request_example_has_every_field_named() {
        let Some(spec) = spec() else { return };
        let c: UserCert = round_trip(&example(&spec, schema(&spec, "UserCert"), Side::Request));
        assert!(c.extra.is_empty());
        assert_eq!(c.months_until_expiration, Some(3));
        assert!(c.validate("body").is_ok());
    }

    #[test]
    fn months_rule() {
        for ok in [None, Some(1), Some(24)] {
            let c = UserCert {
                months_until_expiration: ok,
                ..Default::default()
            };
            assert!(c.validate("body").is_ok());
        }
        for bad in [0, 25, -3] {
            let c = UserCert {
                months_until_expiration: Some(bad),
                ..Default::default()
            };
            fails_at(c.validate("body"), "body.monthsUntilExpiration");
        }
    }

    #[test]
    fn read_only_fields_are_never_sent() {
        let c: UserCert = serde_json::from_value(json!({"monthsUntilExpiration": 2, "_id": 5,
            "subject": "CN=a", "notAfter": "x", "createdAt": "y", "groupId": "g", "links": []}))
        .unwrap();
        assert_eq!(
            serde_json::to_value(&c).unwrap(),
            json!({"monthsUntilExpiration": 2})
        );
    }
}
