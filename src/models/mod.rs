//! Models for the request and response schemas of the operations in scope.

pub mod int64;
pub use int64::Int64;
