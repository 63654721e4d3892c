//! The catalog's logic, one file per capability; `lib.rs` only checks origins and hands over.

mod close;
mod indexes;
pub(crate) mod items;
mod plans;
mod purchase;
mod queries;
mod reallocate;
mod revoke;
mod split;
mod switch;
mod top_up;
