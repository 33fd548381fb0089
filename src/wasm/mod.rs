//! The WebAssembly shell: the `fetch` transport and the JavaScript `AtlasClient`.
//! Everything here is glue; decisions live in the pure modules.

mod client;
mod errors;
mod transport;

pub use client::AtlasClient;
