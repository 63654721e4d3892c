//! # The operator's SM-DP+ gateway
//!
//! Runs beside the operator's SM-DP+ and turns GeSIM provisioning orders into eSIM profiles:
//!
//! - [`follower`] follows **finalised** blocks of the chain (JSON-RPC over HTTP, polled) and hands
//!   the provisioning events of the operator's orders to the [`driver`].
//! - [`driver`] decides, per order, what to ask the SM-DP+ and which signed receipt to post:
//!   `downloadOrder` with an ICCID from the operator's own [`inventory`] → receipt `Accepted`
//!   (salted ICCID commitment) → `confirmOrder` with a derived matching id → receipt `CodeReleased`
//!   (the activation code sealed to the device); refusals become `Failed` receipts, cancellations
//!   on chain become `cancelOrder`.
//! - [`es2`] speaks ES2+ both ways over mutual TLS: the client towards the SM-DP+, and the
//!   `handleDownloadProgressInfo` server whose notifications become progress receipts.
//! - [`chain`] reads orders through the runtime API and submits receipts as extrinsics it builds
//!   and signs itself, with the runtime's own types (no metadata-driven client).
//!
//! **The chain is the durable queue.** The gateway keeps no order state of its own beyond the
//! inventory (which ICCID went to which order, written before the SM-DP+ is asked) and the last
//! finalised block it processed. Killed at any point, it rebuilds its work from the open orders
//! on chain, and every step is safe to repeat: `downloadOrder` names the recorded ICCID, so a
//! repeat collides instead of reserving a second profile; the ICCID salt and the matching id
//! are derived from the receipt key and the order id, so a repeated `confirmOrder` is the same
//! request; a receipt is posted only if the order has not reached that step yet.

pub mod chain;
pub mod config;
pub mod driver;
pub mod es2;
pub mod follower;
pub mod inventory;
pub mod keys;
pub mod metrics;
pub mod service;

pub use config::{Args, GatewayConfig};
pub use driver::{Driver, DriverSettings};
pub use service::{check, run, GatewayError};
