//! The runtime's decisions as pure functions: when and how long to retry,
//! when to renew a service-account token, when to pace, when a listing ends.
//! The wasm shell only carries them out, so all of it is tested natively.

pub mod paging;
pub mod retry;
pub mod token;
