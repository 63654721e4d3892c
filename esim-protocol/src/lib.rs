//! GeSIM's eSIM protocol layer, shared by the SM-DP+ gateway, the SM-DP+ simulator and the
//! device-side LPA bridge.
//!
//! - [`es2plus`]: the operator ↔ SM-DP+ interface of GSMA SGP.22 (ES2+), JSON field names as in the
//!   specification, status codes with readable reasons and what a client should do.
//! - [`activation_code`]: the `LPA:1$<SM-DP+ address>$<matchingId>…` string a device scans.
//! - [`sealed`]: an activation code encrypted to a device's X25519 key, bound to one chain and one
//!   order, as it travels on chain.
//! - [`install_result`]: the eUICC-signed ProfileInstallationResult an SM-DP+ forwards as
//!   `resultData`.
//!
//! Nothing here touches the network or the chain: callers bring the transport.

pub mod activation_code;
pub mod eid_opening;
pub mod es2plus;
pub mod ids;
pub mod install_result;
pub mod sealed;

pub use activation_code::{ActivationCode, ActivationCodeError};
pub use ids::{Eid, Iccid, IdError, MatchingId};
