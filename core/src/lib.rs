//! The pure core of atlas-admin-wasm: everything that does not touch
//! JavaScript, compiled and tested natively.
//!
//! - [`schema`]: the operations and schemas as data, generated from the API
//!   description, and the one walker that checks JSON against them;
//! - [`json`]: a strict JSON parser into a flat tape, read by that walker;
//! - [`validate`]: the API's rules, checked before anything is sent;
//! - [`request`]: an operation's wire form as plain data ([`request::ApiRequest`]);
//! - [`ops`]: options → request, the same function for every operation;
//! - [`response`]: status, headers and body bytes → checked JSON or [`error::AtlasError`];
//! - [`runtime`]: retry, paging and token arithmetic.
//!
//! It is its own crate so that it can be built for speed (`opt-level = 3`,
//! see the workspace `Cargo.toml`) while the JavaScript shell is built for size.

// No unwrap/expect outside tests: a panic would leave a Promise unsettled
// and poison the module instance. Clippy enforces it.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod config;
pub mod error;
pub mod json;
pub mod ops;
pub mod request;
pub mod response;
pub mod runtime;
pub mod schema;
pub mod validate;
