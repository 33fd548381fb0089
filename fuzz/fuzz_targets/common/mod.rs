//! Shared by the fuzz targets: the 12 operations in one dispatch table, and
//! the known-good options each one's request is built from.

#![allow(dead_code)]

use atlas_admin_wasm::ops::{self, CommonOptions, Operation};
use atlas_admin_wasm::request::ApiRequest;

pub const G: &str = "32b6e34b3d91647abb20e7b8";

/// Valid options per operation (the mock's seed ids), as JS would pass them.
pub const OPTIONS: [&str; 12] = [
    r#"{"itemsPerPage":100,"pageNum":1,"includeCount":true}"#,
    r#"{"groupId":"32b6e34b3d91647abb20e7b8"}"#,
    r#"{"orgId":"4888442a3354817a7320eb61","body":{"desc":"ci","roles":["ORG_MEMBER"]}}"#,
    r#"{"orgId":"4888442a3354817a7320eb61","body":{"name":"p","policies":[{"body":"forbid(principal, action, resource);"}]}}"#,
    r#"{"groupId":"32b6e34b3d91647abb20e7b8","username":"alice","body":{"monthsUntilExpiration":3}}"#,
    r#"{"groupId":"32b6e34b3d91647abb20e7b8","exportBucketId":"32b6e34b3d91647abb20e7b9"}"#,
    r#"{"groupId":"32b6e34b3d91647abb20e7b8","tenantName":"tenant0","limitName":"bytesProcessed.query"}"#,
    r#"{"groupId":"32b6e34b3d91647abb20e7b8"}"#,
    r#"{"federationSettingsId":"55fa922fb343282757d9554e","identityProviderId":"32b6e34b3d91647abb20e7c0"}"#,
    r#"{"groupId":"32b6e34b3d91647abb20e7b8","clusterName":"Cluster0","snapshotId":"5f4007f327a3bd7b6f4103c5"}"#,
    r#"{"groupId":"32b6e34b3d91647abb20e7b8","clusterName":"Cluster0","snapshotId":"5f4007f327a3bd7b6f4103c5","body":{"doNotDelete":true}}"#,
    r#"{"groupId":"32b6e34b3d91647abb20e7b8","clusterName":"Cluster0","indexId":"6524ed3e5e8b1a4f7f123abc","body":{"collectionName":"c","database":"d","name":"n"}}"#,
];

/// Calls `$f::<Op>($args)` for operation number `$i` (0..12, in README order).
#[macro_export]
macro_rules! dispatch {
    ($i:expr, $f:ident ( $($args:expr),* )) => {{
        use atlas_admin_wasm::ops::*;
        match $i % 12 {
            0 => $f::<ListProjects>(0, $($args),*),
            1 => $f::<GetMaintenanceWindow>(1, $($args),*),
            2 => $f::<CreateApiKey>(2, $($args),*),
            3 => $f::<ValidateAtlasResourcePolicy>(3, $($args),*),
            4 => $f::<CreateDatabaseUserCertificate>(4, $($args),*),
            5 => $f::<DeleteExportBucket>(5, $($args),*),
            6 => $f::<ReturnFederatedDatabaseQueryLimit>(6, $($args),*),
            7 => $f::<ListPipelines>(7, $($args),*),
            8 => $f::<DeleteIdentityProvider>(8, $($args),*),
            9 => $f::<GetLegacySnapshot>(9, $($args),*),
            10 => $f::<UpdateLegacySnapshotRetention>(10, $($args),*),
            _ => $f::<UpdateAtlasSearchIndexDeprecated>(11, $($args),*),
        }
    }};
}

/// The request operation `index` sends with its known-good options.
pub fn request<O: Operation>(index: usize, envelope: bool) -> ApiRequest {
    let opts = OPTIONS[index];
    let op: O = ops::options_from(&mut serde_json::Deserializer::from_slice(opts.as_bytes()))
        .unwrap_or_else(|e| panic!("fuzz set-up: {} options {opts}: {e}", O::NAME));
    let common = CommonOptions {
        envelope: envelope.then_some(true),
        ..CommonOptions::default()
    };
    ops::build(&op, &common).unwrap_or_else(|e| panic!("fuzz set-up: {} build: {e}", O::NAME))
}
