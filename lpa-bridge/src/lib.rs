//! # GeSIM LPA bridge
//!
//! What an LPA app on a phone needs from GeSIM, as a library with a small surface (plain
//! strings, bytes and numbers; blocking calls) that an Android or iOS app can wrap, and the
//! `gesim-lpa` command line on top of it.
//!
//! - [`device`]: the device's X25519 key, kept in a file only its owner may read; its public
//!   half is registered on chain by the subscriber's account.
//! - [`chain`]: orders read from storage, entitlements over the node's `gesim_` JSON-RPC, and
//!   the subscriber's transactions (register the device key, bind an EID, request a profile,
//!   acknowledge the usage the device counted).
//! - [`finality`]: storage reads proved against a block GRANDPA finalised, from a trust root
//!   in the chain spec the app ships.
//! - [`eid`]: the Groth16 proof that the subscriber knows the EID and salt behind the EID
//!   commitment it binds to its identity.
//! - [`lpa`]: handing an activation code to the device's LPA, through a driver: [`lpa::Lpac`]
//!   runs lpac, [`lpa::TestEuicc`] the SM-DP+ simulator's test eUICC; both speak lpac's JSON
//!   lines, and failures come back as readable sentences.
//! - [`Bridge`]: the whole path, from an order to an installed profile.
//!
//! What the bridge trusts, with [`chain::Trust::Finality`]: the chain spec, and more than two
//! thirds of its GRANDPA authorities. The orders it acts on (status, ICCID commitment, sealed
//! code) are proved against a finalised block; a sealed code then opens only if it was sealed
//! to this device's key for this chain and order, and its ICCID must match the commitment the
//! operator signed on chain. What it only shows (entitlements, `gesim-lpa order`) comes from
//! the node's `gesim_` RPC unproved, and a transaction's inclusion is the node's word (a false
//! one shows up as an order that never appears). With [`chain::Trust::RpcNode`] (a node the
//! user runs; the dev chain, which has no GRANDPA) the node's word is taken for everything.

mod bridge;
pub mod chain;
pub mod device;
pub mod eid;
mod error;
pub mod finality;
pub mod lpa;

pub use bridge::{Bridge, Installed, OpenedCode};
pub use error::BridgeError;
