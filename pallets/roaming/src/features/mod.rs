//! The roaming pallet's logic, one file per capability; `lib.rs` only checks origins and hands
//! over.

mod account;
mod agreements;
mod disputes;
mod invariants;
pub(crate) mod netting;
mod usage;
