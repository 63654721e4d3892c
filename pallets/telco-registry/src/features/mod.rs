//! The registry's logic, one file per capability; `lib.rs` only checks origins and hands over.

mod admission;
mod discipline;
mod profile;
mod receipt_keys;
