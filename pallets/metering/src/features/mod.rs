//! Metering's logic, one file per capability; `lib.rs` only checks origins and hands over.

mod acknowledge;
mod anchor;
mod eid;
mod keys;
mod settle;
