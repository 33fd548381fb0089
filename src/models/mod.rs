//! Models for the request and response schemas of the operations in scope.
//!
//! Conventions shared by every model:
//! - each object keeps the fields this client does not know in a flattened
//!   `extra` map, so a decode → re-encode round trip loses nothing;
//! - enum-valued strings stay `String` (the known values sit in `*_VALUES`
//!   constants) so values Atlas adds later come back intact;
//! - `type`-tagged unions decode known kinds into typed variants and keep
//!   unknown kinds whole in an `Other` variant;
//! - request models leave out read-only fields and never send them, even when
//!   they were copied into `extra` from a response.

pub mod int64;
pub use int64::Int64;

pub(crate) mod wire;
pub use wire::Object;
#[cfg(test)]
mod coverage;
#[cfg(test)]
pub(crate) mod test_support;

pub mod api_keys;
pub mod common;
pub mod federation;
pub mod groups;
pub mod maintenance;
pub mod pipelines;
pub mod resource_policies;
pub mod search;
pub mod snapshots;
pub mod x509;
