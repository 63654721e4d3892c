//! The pallet's logic, one file per capability; `lib.rs` only checks origins and hands over.

mod device_keys;
mod indexes;
mod orders;
mod queries;
mod receipts;
mod refunds;
mod switch;
