//! The chain as the gateway sees it.
//!
//! The driver needs four things from the chain, behind the [`Chain`] trait (so its decisions
//! can be tested against an in-memory chain): the genesis hash, an order, the operator's open
//! orders, and submitting a receipt. [`RpcChain`] provides them over the node's JSON-RPC, plus
//! what the [`follower`](crate::follower) needs to walk finalised blocks.
//!
//! No metadata-driven client: the runtime's own types (`gesim_runtime`) encode calls and
//! extrinsics and decode runtime API results and events, and everything they need is already
//! compiled for the node. The price is that the gateway is built for one runtime: after an
//! upgrade that changes these types it must be rebuilt (spec and transaction versions, which
//! an upgrade bumps, are read again for every submission).

mod extrinsic;
mod rpc;

pub use extrinsic::{signed_extrinsic, signed_receipt_extrinsic, to_hex, TxContext, ERA_PERIOD};
pub use rpc::{RpcChain, RuntimeVersion};

use gesim_primitives::OrderId;
use pallet_esim_provisioning::{Receipt, ReceiptKey, ReceiptSignature};
use sp_core::H256;

/// The operator's account.
pub use gesim_runtime::AccountId;

/// An order with its id, as the runtime API returns it.
pub type OrderView = pallet_esim_provisioning::OrderViewOf<gesim_runtime::Runtime>;

/// An event of the provisioning pallet.
pub type ProvisioningEvent = pallet_esim_provisioning::Event<gesim_runtime::Runtime>;

/// An event as `System::Events` stores it.
pub type EventRecord = frame_system::EventRecord<gesim_runtime::RuntimeEvent, H256>;

/// Which state a read looks at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum At {
	/// The last finalised block: what the gateway acts on.
	Finalized,
	/// The best block: only ever used to *skip* a receipt already included but not final.
	Best,
}

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
	/// The answer does not decode with this gateway's runtime types.
	#[error("node's answer to {method} does not decode: {reason} (is the gateway built for this runtime?)")]
	Decode {
		/// The method.
		method: String,
		/// What failed.
		reason: String,
	},
	/// A receipt could not be put in a transaction.
	#[error("order {order}: {reason}")]
	Receipt {
		/// The order.
		order: OrderId,
		/// What went wrong.
		reason: String,
	},
}

/// What the driver needs from the chain.
#[async_trait::async_trait]
pub trait Chain: Send + Sync + 'static {
	/// The chain's genesis hash: receipts and sealed codes are bound to it.
	fn genesis_hash(&self) -> H256;

	/// The operator's account, which serves the orders and submits the receipts.
	fn telco(&self) -> &AccountId;

	/// Order `id` at `at`, if it exists.
	async fn order(&self, id: OrderId, at: At) -> Result<Option<OrderView>, ChainError>;

	/// Every open order of the operator at the finalised head (all pages).
	async fn open_orders(&self) -> Result<Vec<OrderView>, ChainError>;

	/// Submits `receipt` for `order`, signed by the receipt key `signer`, in a transaction of
	/// the operator's account; returns the transaction hash once the node accepted it.
	async fn submit_receipt(
		&self,
		order: OrderId,
		receipt: Receipt,
		signer: ReceiptKey,
		signature: ReceiptSignature,
	) -> Result<H256, ChainError>;
}
