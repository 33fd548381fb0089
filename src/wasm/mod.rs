//! The WebAssembly shell: the `fetch` transport and the JavaScript `AtlasClient`.
//! Everything here is glue; decisions live in the pure modules.

mod auth;
mod client;
mod errors;
mod paging;
mod transport;

pub use client::AtlasClient;
pub use paging::ProjectIterator;
