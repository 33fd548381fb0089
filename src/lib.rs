//! atlas-admin-wasm: a typed, validated client for the MongoDB Atlas
//! Administration API v2, compiled to WebAssembly.
//!
//! The pure core ([`atlas_admin_core`], re-exported here) compiles and tests
//! natively: the operations and schemas as data, the JSON parser and walker,
//! request building and response checking. This crate adds the thin
//! WebAssembly shell (`wasm`, wasm32 only): the `fetch` transport and the
//! JavaScript `AtlasClient`.

// No unwrap/expect outside tests: a panic would leave a Promise unsettled
// and poison the module instance. Clippy enforces it.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub use atlas_admin_core::{
    config, error, json, ops, request, response, runtime, schema, validate,
};

#[cfg(target_arch = "wasm32")]
pub mod wasm;

// SAFETY: wasm32 is single-threaded here (no shared memory), which is what
// `TalckWasm` assumes; it then only grows the module's memory.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::TalckWasm = unsafe { talc::TalckWasm::new_global() };
