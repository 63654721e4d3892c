//! The escrow's logic, one file per capability; `lib.rs` only checks origins and hands over.

mod account;
pub(crate) mod expiry;
mod invariants;
mod ledger;
pub(crate) mod margin;
