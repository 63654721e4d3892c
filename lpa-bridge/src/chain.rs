//! The chain as the device sees it: the node's `gesim_` JSON-RPC for reading, and the
//! subscriber's own transactions, signed on the device.

use crate::BridgeError;
use gesim_chain_client::{AccountId, Node};
pub use gesim_rpc_types::{Entitlement, Order, OrderSummary, Status};
use gesim_primitives::{EidCommitment, EidPossessionProof, EntitlementId};
use gesim_runtime::RuntimeCall;
use pallet_esim_provisioning::EidBinding;
use serde_json::json;
use sp_core::{crypto::Ss58Codec, sr25519, Pair, H256};
use std::time::Duration;

/// How long a transaction may take to reach a block.
const INCLUSION_TIMEOUT: Duration = Duration::from_secs(60);

/// `0x`-hex to bytes.
pub(crate) fn from_hex(what: &str, text: &str) -> Result<Vec<u8>, BridgeError> {
	hex::decode(text.trim_start_matches("0x")).map_err(|e| {
		BridgeError::Node(gesim_chain_client::ChainError::Decode { method: what.into(), reason: e.to_string() })
	})
}

/// The node, and the subscriber's account that signs.
pub struct SubscriberChain {
	node: Node,
	account: sr25519::Pair,
}

impl SubscriberChain {
	/// Connects to the node at `url` as the subscriber whose key is `account`.
	pub async fn connect(url: &str, account: sr25519::Pair, timeout: Duration) -> Result<Self, BridgeError> {
		Ok(Self { node: Node::connect(url, timeout).await?, account })
	}

	/// The chain's genesis hash (sealed codes are bound to it).
	pub fn genesis_hash(&self) -> H256 {
		self.node.genesis_hash()
	}

	/// The subscriber's account.
	pub fn account(&self) -> AccountId {
		self.account.public().into()
	}

	/// The subscriber's address, as the `gesim_` methods take it.
	pub fn address(&self) -> String {
		self.account().to_ss58check_with_version(gesim_runtime::SS58_PREFIX.into())
	}

	/// The subscriber's entitlements.
	pub async fn entitlements(&self) -> Result<Vec<Entitlement>, BridgeError> {
		Ok(self.node.call("gesim_entitlements", json!([self.address()])).await?)
	}

	/// Order `id`, if it exists.
	pub async fn order(&self, id: u64) -> Result<Option<Order>, BridgeError> {
		Ok(self.node.call("gesim_order", json!([id])).await?)
	}

	/// The device keys the subscriber registered.
	pub async fn device_keys(&self) -> Result<Vec<[u8; 32]>, BridgeError> {
		let keys: Vec<String> = self.node.call("gesim_deviceKeys", json!([self.address()])).await?;
		keys.iter()
			.map(|key| {
				from_hex("gesim_deviceKeys", key)?.try_into().map_err(|_| {
					BridgeError::Node(gesim_chain_client::ChainError::Decode {
						method: "gesim_deviceKeys".into(),
						reason: format!("`{key}` is not 32 bytes"),
					})
				})
			})
			.collect()
	}

	/// Registers `device_key` for the subscriber's account, unless it already is.
	pub async fn register_device_key(&self, device_key: [u8; 32]) -> Result<(), BridgeError> {
		if self.device_keys().await?.contains(&device_key) {
			return Ok(());
		}
		let call = RuntimeCall::EsimProvisioning(pallet_esim_provisioning::Call::register_device_key { key: device_key });
		self.transact(call, "registering the device key").await
	}

	/// Binds `commitment` to the subscriber's identity with `proof`.
	pub async fn bind_eid(&self, commitment: EidCommitment, proof: EidPossessionProof) -> Result<(), BridgeError> {
		let call = RuntimeCall::SbtIdentity(pallet_sbt_identity::Call::bind_eid_commitment { commitment, proof });
		self.transact(call, "binding the EID commitment").await
	}

	/// Orders a profile for `entitlement`, sealed to `device_key`; returns the order.
	pub async fn request_profile(
		&self,
		entitlement: EntitlementId,
		device_key: [u8; 32],
		eid: Option<EidBinding>,
		new_profile: bool,
	) -> Result<u64, BridgeError> {
		let call = RuntimeCall::EsimProvisioning(pallet_esim_provisioning::Call::request_profile {
			entitlement,
			device_key,
			eid,
			new_profile,
		});
		self.transact(call, "requesting a profile").await?;
		// The newest order of the entitlement is the one just made: one open order at a time.
		let held = self.entitlements().await?;
		held.iter()
			.find(|e| e.id == entitlement)
			.and_then(|e| e.order.as_ref())
			.map(|order| order.id)
			.ok_or_else(|| BridgeError::Unexpected(format!("entitlement {entitlement} shows no order after the request")))
	}

	/// Submits `call` and waits for its block; a refusal comes back with the runtime's name
	/// for it.
	async fn transact(&self, call: RuntimeCall, what: &str) -> Result<(), BridgeError> {
		let from = self.node.best_number().await?;
		let tx = self.node.submit(&self.account, call, what).await?;
		let included = self.node.inclusion(tx, from, INCLUSION_TIMEOUT).await?;
		included.outcome.map_err(|error| BridgeError::Refused { what: what.into(), error })
	}
}
