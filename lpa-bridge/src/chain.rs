//! The chain as the device sees it: orders read from storage (with proofs checked against
//! GRANDPA finality, unless the node is trusted), the node's `gesim_` JSON-RPC for what is
//! only shown, and the subscriber's own transactions, signed on the device.

use crate::{finality::TrustRoot, BridgeError};
use codec::{Decode, DecodeAll};
use gesim_chain_client::{hex_bytes, AccountId, ChainError, Node};
use gesim_primitives::{EidCommitment, EidPossessionProof, EntitlementId};
pub use gesim_rpc_types::{Entitlement, Order, OrderSummary, Status};
use gesim_runtime::{Runtime, RuntimeCall, RuntimeEvent};
use pallet_esim_provisioning::{EidBinding, OrderOf};
use serde_json::json;
use sp_core::{crypto::Ss58Codec, sr25519, Pair, H256};
use std::time::Duration;

/// How long a transaction may take to reach a block.
const INCLUSION_TIMEOUT: Duration = Duration::from_secs(60);

/// Whose word the bridge takes for the orders it acts on.
#[derive(Clone, Debug)]
pub enum Trust {
	/// Nobody's: every read is proved against a block GRANDPA finalised, from this root.
	Finality(TrustRoot),
	/// The RPC node's: only for a node the user runs, or the dev chain (no GRANDPA).
	RpcNode,
}

/// An order as the chain holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrderOnChain {
	/// The order.
	pub order: OrderOf<Runtime>,
	/// The finalised block it was proved at, when reads are verified.
	pub verified_at: Option<u32>,
}

/// The node, whose word the bridge takes, and the subscriber's account that signs.
pub struct SubscriberChain {
	node: Node,
	trust: Trust,
	account: sr25519::Pair,
}

impl SubscriberChain {
	/// Connects to the node at `url` as the subscriber whose key is `account`, reading orders
	/// as `trust` says.
	pub async fn connect(
		url: &str,
		trust: Trust,
		account: sr25519::Pair,
		timeout: Duration,
	) -> Result<Self, BridgeError> {
		let node = Node::connect(url, timeout).await?;
		// Refused before anything is signed for a chain the spec is not of.
		if let Trust::Finality(root) = &trust {
			root.serves(&node)?;
		}
		Ok(Self { node, trust, account })
	}

	/// Whose word is taken for orders.
	pub fn trust(&self) -> &Trust {
		&self.trust
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
		self.ss58(&self.account())
	}

	/// `account`'s address on this chain.
	pub fn ss58(&self, account: &AccountId) -> String {
		account.to_ss58check_with_version(gesim_runtime::SS58_PREFIX.into())
	}

	/// The subscriber's entitlements.
	pub async fn entitlements(&self) -> Result<Vec<Entitlement>, BridgeError> {
		Ok(self.node.call("gesim_entitlements", json!([self.address()])).await?)
	}

	/// Order `id` as the node's `gesim_order` shows it (not verified).
	pub async fn order(&self, id: u64) -> Result<Option<Order>, BridgeError> {
		Ok(self.node.call("gesim_order", json!([id])).await?)
	}

	/// Order `id` as the chain holds it: proved at the finalised head, or as the node says.
	pub async fn order_on_chain(&self, id: u64) -> Result<Option<OrderOnChain>, BridgeError> {
		let key = pallet_esim_provisioning::Orders::<Runtime>::hashed_key_for(id);
		let read = self.read::<OrderOf<Runtime>>(key, &format!("order {id}")).await?;
		Ok(read.map(|(order, verified_at)| OrderOnChain { order, verified_at }))
	}

	/// The receipt key of the operator serving the subscriber's `entitlement`, read as orders
	/// are: the key an EID opening is sealed to.
	pub async fn receipt_key_for(
		&self,
		entitlement: EntitlementId,
	) -> Result<[u8; 32], BridgeError> {
		let key = pallet_plan_catalog::Entitlements::<Runtime>::hashed_key_for(entitlement);
		let what = format!("entitlement {entitlement}");
		let (held, _) = self
			.read::<pallet_plan_catalog::EntitlementOf<Runtime>>(key, &what)
			.await?
			.ok_or_else(|| BridgeError::Eid(format!("{what} does not exist")))?;
		if held.holder != self.account() {
			return Err(BridgeError::Eid(format!(
				"{what} belongs to {}, not {}",
				self.ss58(&held.holder),
				self.address()
			)));
		}
		let key = pallet_telco_registry::Telcos::<Runtime>::hashed_key_for(&held.telco);
		let (telco, _) = self
			.read::<pallet_telco_registry::Telco<Runtime>>(key, "its operator")
			.await?
			.ok_or_else(|| {
				BridgeError::Eid(format!(
					"the operator of {what}, {}, is not registered",
					self.ss58(&held.telco)
				))
			})?;
		Ok(telco.receipt_key)
	}

	/// The value under storage `key`, and the finalised block it was proved at (verified
	/// reads) or `None` (the node's word). `what` names it in errors.
	async fn read<T: Decode>(
		&self,
		key: Vec<u8>,
		what: &str,
	) -> Result<Option<(T, Option<u32>)>, BridgeError> {
		let (value, verified_at) = match &self.trust {
			Trust::Finality(root) => {
				let block = root.finalized(&self.node).await?;
				(block.read(&self.node, key).await?, Some(block.number))
			},
			Trust::RpcNode => (self.node.storage(&key, None).await?, None),
		};
		let decode = |bytes: Vec<u8>| {
			T::decode_all(&mut &bytes[..]).map(|value| (value, verified_at)).map_err(|e| {
				BridgeError::Node(ChainError::Decode {
					method: "state_getStorage".into(),
					reason: format!("{what}: {e}"),
				})
			})
		};
		value.map(decode).transpose()
	}

	/// The device keys the subscriber registered.
	pub async fn device_keys(&self) -> Result<Vec<[u8; 32]>, BridgeError> {
		let keys: Vec<String> = self.node.call("gesim_deviceKeys", json!([self.address()])).await?;
		keys.iter()
			.map(|key| {
				hex_bytes("gesim_deviceKeys", key)?.try_into().map_err(|_| {
					BridgeError::Node(ChainError::Decode {
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
		let call =
			RuntimeCall::EsimProvisioning(pallet_esim_provisioning::Call::register_device_key {
				key: device_key,
			});
		self.transact(call, "registering the device key").await.map(drop)
	}

	/// Binds `commitment` to the subscriber's identity with `proof`.
	pub async fn bind_eid(
		&self,
		commitment: EidCommitment,
		proof: EidPossessionProof,
	) -> Result<(), BridgeError> {
		let call = RuntimeCall::SbtIdentity(pallet_sbt_identity::Call::bind_eid_commitment {
			commitment,
			proof,
		});
		self.transact(call, "binding the EID commitment").await.map(drop)
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
		let events = self.transact(call, "requesting a profile").await?;
		events
			.iter()
			.find_map(|event| match event {
				RuntimeEvent::EsimProvisioning(
					pallet_esim_provisioning::Event::ProfileRequested { order, .. },
				) => Some(*order),
				_ => None,
			})
			.ok_or_else(|| {
				BridgeError::Unexpected(format!(
					"the request for entitlement {entitlement} went through but announced no order"
				))
			})
	}

	/// Acknowledges that the subscriber used `total_bytes` of `entitlement` in all, as the
	/// device counted them.
	pub async fn acknowledge_usage(
		&self,
		entitlement: EntitlementId,
		total_bytes: u64,
	) -> Result<(), BridgeError> {
		let call = RuntimeCall::Metering(pallet_metering::Call::acknowledge_usage {
			entitlement,
			total_bytes,
		});
		self.transact(call, "acknowledging usage").await.map(drop)
	}

	/// Submits `call` and waits for its block; returns the events it deposited, or its
	/// refusal with the runtime's name for it.
	async fn transact(
		&self,
		call: RuntimeCall,
		what: &str,
	) -> Result<Vec<RuntimeEvent>, BridgeError> {
		let from = self.node.best_number().await?;
		let tx = self.node.submit(&self.account, call, what).await?;
		let included = self.node.inclusion(tx, from, INCLUSION_TIMEOUT).await?;
		included
			.outcome
			.map_err(|error| BridgeError::Refused { what: what.into(), error })?;
		Ok(included.events)
	}
}
