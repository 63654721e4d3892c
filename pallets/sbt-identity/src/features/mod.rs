//! The pallet's logic, one file per capability; `lib.rs` only checks origins and hands over.

mod collection;
mod eid_binding;
mod issuance;
mod revocation;
