//! # GeSIM chain client
//!
//! What an off-chain GeSIM program needs from a node, over its JSON-RPC (HTTP or HTTPS, polled):
//! [`Node`] reads blocks, storage, events and runtime API results and submits extrinsics that
//! [`extrinsic`] builds and signs natively.
//!
//! No metadata-driven client: the runtime's own types (`gesim_runtime`) encode calls and
//! extrinsics and decode what the node answers, and everything they need is already compiled
//! for the node. The price is that a program is built for one runtime: after an upgrade that
//! changes these types it must be rebuilt (spec and transaction versions, which an upgrade
//! bumps, are read again for every submission).

pub mod extrinsic;
pub mod keys;
mod rpc;

pub use extrinsic::{signed_extrinsic, to_hex, TxContext, ERA_PERIOD};
pub use keys::{account_key_from_file, KeyFileError};
pub use rpc::{dispatch_error_name, hex_bytes, Inclusion, Node, RuntimeVersion};

/// An account of the chain.
pub use gesim_runtime::AccountId;

/// An event as `System::Events` stores it.
pub type EventRecord = frame_system::EventRecord<gesim_runtime::RuntimeEvent, sp_core::H256>;

/// Why the chain could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum ChainError {
	/// The node could not be reached or answered garbage at the HTTP level.
	#[error("node {url}: {reason}")]
	Transport {
		/// The node's URL.
		url: String,
		/// What went wrong.
		reason: String,
	},
	/// The node answered the call with a JSON-RPC error.
	#[error("node refused {method}: {message} (JSON-RPC error {code}{})", data.as_deref().map(|d| format!(", {d}")).unwrap_or_default())]
	Rpc {
		/// The method.
		method: String,
		/// JSON-RPC error code.
		code: i64,
		/// Its message.
		message: String,
		/// Its data, if any (why a transaction is invalid).
		data: Option<String>,
	},
	/// The answer does not decode with this program's runtime types.
	#[error("node's answer to {method} does not decode: {reason} (is this program built for the node's runtime?)")]
	Decode {
		/// The method.
		method: String,
		/// What failed.
		reason: String,
	},
	/// A transaction could not be built.
	#[error("{what}: {reason}")]
	Submit {
		/// What was being submitted.
		what: String,
		/// What went wrong.
		reason: String,
	},
}

/// An error with its sources, so that a TLS refusal inside a connect error shows.
pub fn error_chain(e: &dyn std::error::Error) -> String {
	let mut out = e.to_string();
	let mut source = e.source();
	while let Some(s) = source {
		out.push_str(": ");
		out.push_str(&s.to_string());
		source = s.source();
	}
	out
}
