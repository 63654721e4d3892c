//! # GeSIM LPA bridge
//!
//! What an LPA app on a phone needs from GeSIM, as a library with a small surface (plain
//! strings, bytes and numbers; blocking calls) that an Android or iOS app can wrap, and the
//! `gesim-lpa` command line on top of it.
//!
//! - [`device`]: the device's X25519 key, kept in a file only its owner may read; its public
//!   half is registered on chain by the subscriber's account.
//! - [`chain`]: entitlements and orders over the node's `gesim_` JSON-RPC, and the
//!   subscriber's transactions (register the device key, bind an EID, request a profile).
//! - [`eid`]: the Groth16 proof that the subscriber knows the EID and salt behind the EID
//!   commitment it binds to its identity.
//! - [`lpa`]: handing an activation code to the device's LPA, through a driver: [`lpa::Lpac`]
//!   runs lpac, [`lpa::TestEuicc`] the SM-DP+ simulator's test eUICC; both speak lpac's JSON
//!   lines, and failures come back as readable sentences.
//! - [`Bridge`]: the whole path, from an order to an installed profile.
//!
//! What the bridge trusts: the RPC node for what it reads (entitlements, orders, the sealed
//! code), except that a sealed code opens only if it was sealed to this device's key for this
//! chain and order, and its ICCID must match the commitment the operator signed on chain.

pub mod chain;
pub mod device;
pub mod eid;
mod error;
pub mod lpa;
mod bridge;

pub use bridge::{Bridge, Installed};
pub use error::BridgeError;
