//! The chain through one node's JSON-RPC, submitting as the operator's account.

use super::{receipt_call, At, Chain, ChainError, EventRecord, OrderView};
use crate::keys::TransactionKey;
use codec::Encode;
use gesim_chain_client::Node;
use gesim_primitives::OrderId;
use gesim_runtime::AccountId;
use pallet_esim_provisioning::{Receipt, ReceiptKey, ReceiptSignature};
use sp_core::H256;
use std::time::Duration;

/// Open orders asked for per runtime API call (the runtime caps a page at 256).
const PAGE: u32 = 64;

/// The chain through one node's JSON-RPC, submitting as the operator's account.
pub struct RpcChain {
	node: Node,
	key: TransactionKey,
	account: AccountId,
}

impl RpcChain {
	/// Connects to the node at `url` (`http://` or `https://`) and reads the genesis hash.
	pub async fn connect(
		url: &str,
		key: TransactionKey,
		timeout: Duration,
	) -> Result<Self, ChainError> {
		let node = Node::connect(url, timeout).await?;
		let account = key.account();
		Ok(Self { node, key, account })
	}

	/// The node's URL.
	pub fn url(&self) -> &str {
		self.node.url()
	}

	/// The finalised head: number and hash.
	pub async fn finalized_head(&self) -> Result<(u32, H256), ChainError> {
		self.node.finalized_head().await
	}

	/// The hash of canonical block `number`, if the node has it.
	pub async fn block_hash(&self, number: u32) -> Result<Option<H256>, ChainError> {
		self.node.block_hash(number).await
	}

	/// The events of block `at`.
	pub async fn events(&self, at: H256) -> Result<Vec<EventRecord>, ChainError> {
		self.node.events(at).await
	}

	/// Every open order of the operator at block `at`, all pages.
	pub async fn open_orders_at(&self, at: H256) -> Result<Vec<OrderView>, ChainError> {
		let mut orders: Vec<OrderView> = Vec::new();
		loop {
			let after = orders.last().map(|view| view.id);
			let page: Vec<OrderView> = self
				.node
				.runtime_call(
					"EsimProvisioningApi_open_orders",
					(&self.account, after, PAGE).encode(),
					Some(at),
				)
				.await?;
			let full = page.len() as u32 >= PAGE;
			orders.extend(page);
			if !full {
				return Ok(orders);
			}
		}
	}
}

#[async_trait::async_trait]
impl Chain for RpcChain {
	fn genesis_hash(&self) -> H256 {
		self.node.genesis_hash()
	}

	fn telco(&self) -> &AccountId {
		&self.account
	}

	async fn order(&self, id: OrderId, at: At) -> Result<Option<OrderView>, ChainError> {
		let at = match at {
			At::Finalized => Some(self.node.finalized_hash().await?),
			At::Best => None,
		};
		self.node.runtime_call("EsimProvisioningApi_order", id.encode(), at).await
	}

	async fn open_orders(&self) -> Result<Vec<OrderView>, ChainError> {
		let at = self.node.finalized_hash().await?;
		self.open_orders_at(at).await
	}

	async fn submit_receipt(
		&self,
		order: OrderId,
		receipt: Receipt,
		signer: ReceiptKey,
		signature: ReceiptSignature,
	) -> Result<H256, ChainError> {
		let call = receipt_call(order, receipt, signer, signature);
		self.node
			.submit(self.key.pair(), call, &format!("receipt for order {order}"))
			.await
	}
}
