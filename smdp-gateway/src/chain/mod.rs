//! The chain as the gateway sees it.
//!
//! The driver needs four things from the chain, behind the [`Chain`] trait (so its decisions
//! can be tested against an in-memory chain): the genesis hash, an order, the operator's open
//! orders, and submitting a receipt. [`RpcChain`] provides them over the node's JSON-RPC, plus
//! what the [`follower`](crate::follower) needs to walk finalised blocks.
//!
//! The node itself is reached through [`gesim_chain_client`], with the runtime's own types (no
//! metadata-driven client): the gateway is built for one runtime, and after an upgrade that
//! changes these types it must be rebuilt.

mod rpc;

pub use gesim_chain_client::{
	signed_extrinsic, to_hex, ChainError, EventRecord, RuntimeVersion, TxContext, ERA_PERIOD,
};
pub use rpc::RpcChain;

use crate::keys::TransactionKey;
use gesim_primitives::OrderId;
use gesim_runtime::{RuntimeCall, UncheckedExtrinsic};
use pallet_esim_provisioning::{Receipt, ReceiptKey, ReceiptSignature};
use sp_core::H256;

/// The operator's account.
pub use gesim_runtime::AccountId;

/// An order with its id, as the runtime API returns it.
pub type OrderView = pallet_esim_provisioning::OrderViewOf<gesim_runtime::Runtime>;

/// An event of the provisioning pallet.
pub type ProvisioningEvent = pallet_esim_provisioning::Event<gesim_runtime::Runtime>;

/// Which state a read looks at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum At {
	/// The last finalised block: what the gateway acts on.
	Finalized,
	/// The best block: only ever used to *skip* a receipt already included but not final.
	Best,
}

/// `EsimProvisioning::submit_receipt`.
pub fn receipt_call(
	order: OrderId,
	receipt: Receipt,
	signer: ReceiptKey,
	signature: ReceiptSignature,
) -> RuntimeCall {
	RuntimeCall::EsimProvisioning(pallet_esim_provisioning::Call::submit_receipt {
		order,
		receipt,
		signer,
		signature,
	})
}

/// `EsimProvisioning::submit_receipt`, signed by the operator's `key`.
pub fn signed_receipt_extrinsic(
	key: &TransactionKey,
	context: &TxContext,
	order: OrderId,
	receipt: Receipt,
	signer: ReceiptKey,
	signature: ReceiptSignature,
) -> UncheckedExtrinsic {
	signed_extrinsic(key.pair(), context, receipt_call(order, receipt, signer, signature))
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
