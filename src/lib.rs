//! atlas-admin-wasm: a typed, validated client for the MongoDB Atlas
//! Administration API v2.
//!
//! The crate has a pure core that compiles and tests natively, and a thin
//! WebAssembly shell:
//! - [`models`]: serde types for every request and response schema in scope;
//! - [`validate`]: the API's rules, checked before anything is sent;
//! - [`request`]: an operation's wire form as plain data ([`request::ApiRequest`]);
//! - [`ops`]: one type per operation: its options, how it becomes a request and
//!   how its response is decoded;
//! - [`response`]: status, headers and body bytes → typed result or [`error::AtlasError`];
//! - `wasm` (wasm32 only): the `fetch` transport and the JavaScript `AtlasClient`.

// No unwrap/expect outside tests: a panic would leave a Promise unsettled
// and poison the module instance. Clippy enforces it.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod config;
pub mod error;
pub mod json_path;
pub mod models;
pub mod ops;
pub mod request;
pub mod response;
pub mod runtime;
pub mod validate;

#[cfg(target_arch = "wasm32")]
pub mod wasm;
