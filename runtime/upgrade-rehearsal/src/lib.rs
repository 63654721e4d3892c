//! The GeSIM runtime built one `spec_version` later (feature `upgrade-rehearsal`) and with the
//! `TryRuntime` API and every pallet's `try_state` checks (feature `try-runtime`), from the same
//! source as the runtime the node embeds.
//!
//! The dev end-to-end tests enact it by council motion (`system.authorize_upgrade`, then
//! `system.apply_authorized_upgrade`) on a running chain and run `try_state` through
//! `TryRuntime_execute_block` afterwards. Natively this crate only carries the wasm:
//! [`WASM_BINARY_PATH`] is the compressed blob to submit.
#![cfg_attr(not(feature = "std"), no_std)]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

// The wasm build links the runtime in, with its exported runtime API entry points.
#[cfg(feature = "rehearsal")]
pub use gesim_runtime::*;
