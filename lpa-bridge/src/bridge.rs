//! The whole path on the device, behind blocking calls with plain arguments (what an app's
//! foreign-function layer wraps): register the device key, order a profile, wait for its
//! code, open it, install it through the LPA, and see the chain mark it installed.

use crate::{
	chain::{Entitlement, Order, OrderOnChain, SubscriberChain, Trust},
	device::DeviceKeyFile,
	eid::{EidOpening, ProvingKey},
	finality::{AuthoritySet, Finalized, TrustRoot},
	lpa::Lpa,
	BridgeError,
};
use gesim_chain_client::Node;
use gesim_esim_protocol::{sealed::ActivationEnvelope, ActivationCode};
use pallet_esim_provisioning::{CancelReason, OrderStatus};
use std::{
	path::Path,
	time::{Duration, Instant},
};

/// How often an order is read again while waiting.
const POLL: Duration = Duration::from_secs(1);

/// How long a node may take to answer.
const NODE_TIMEOUT: Duration = Duration::from_secs(10);

/// The runtime the blocking calls run the node's I/O on.
fn io_runtime() -> Result<tokio::runtime::Runtime, BridgeError> {
	tokio::runtime::Builder::new_multi_thread()
		.worker_threads(1)
		.enable_all()
		.build()
		.map_err(|e| BridgeError::Unexpected(format!("cannot start the I/O runtime: {e}")))
}

/// A profile installed through the bridge.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Installed {
	/// The order.
	pub order: u64,
	/// The profile's ICCID.
	pub iccid: String,
	/// The order's status on chain once the installation was reported: `installed` or `enabled`.
	pub status: &'static str,
	/// The finalised block that showed it, when reads are verified.
	pub verified_at: Option<u32>,
}

/// An activation code opened on the device.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenedCode {
	/// What the operator sealed: the code, the ICCID, the confirmation code.
	pub envelope: ActivationEnvelope,
	/// The code, parsed.
	pub activation_code: ActivationCode,
	/// The finalised block the sealed code was proved at, when reads are verified.
	pub verified_at: Option<u32>,
}

/// The device's bridge to one node, as one subscriber.
pub struct Bridge {
	runtime: tokio::runtime::Runtime,
	chain: SubscriberChain,
	device: DeviceKeyFile,
}

impl Bridge {
	/// Connects to the node at `node_url` (`http://` or `https://`) as the subscriber whose
	/// account key is in `account_key_file`, with the device key in `device_key_file`; orders
	/// are read as `trust` says.
	pub fn connect(
		node_url: &str,
		trust: Trust,
		account_key_file: &Path,
		device_key_file: &Path,
	) -> Result<Self, BridgeError> {
		let account = gesim_chain_client::account_key_from_file(account_key_file)?;
		let device = DeviceKeyFile::load(device_key_file)?;
		let runtime = io_runtime()?;
		let chain =
			runtime.block_on(SubscriberChain::connect(node_url, trust, account, NODE_TIMEOUT))?;
		Ok(Self { runtime, chain, device })
	}

	/// The latest block the node at `node_url` finalised, proved from `root` through every
	/// authority set change since, with the authority set reached. Needs no account: an app
	/// shows it as how far its view of the chain is proved.
	pub fn finalized(
		node_url: &str,
		root: &TrustRoot,
	) -> Result<(Finalized, AuthoritySet), BridgeError> {
		io_runtime()?.block_on(async {
			let node = Node::connect(node_url, NODE_TIMEOUT).await?;
			let block = root.finalized(&node).await?;
			Ok((block, root.authority_set()))
		})
	}

	/// The subscriber's SS58 address.
	pub fn address(&self) -> String {
		self.chain.address()
	}

	/// The device's public key, hex.
	pub fn device_key(&self) -> String {
		format!("0x{}", hex::encode(self.device.public_key()))
	}

	/// Registers the device key on chain (nothing if it already is).
	pub fn register_device(&self) -> Result<(), BridgeError> {
		self.runtime.block_on(self.chain.register_device_key(self.device.public_key()))
	}

	/// Acknowledges that the subscriber used `total_bytes` of `entitlement` in all: the
	/// device's own data counter for the entitlement's profile. Settlements up to it pay the
	/// operator at once; beyond it they wait for the challenge window, in which the subscriber
	/// can dispute them.
	pub fn acknowledge_usage(&self, entitlement: u32, total_bytes: u64) -> Result<(), BridgeError> {
		self.runtime.block_on(self.chain.acknowledge_usage(entitlement, total_bytes))
	}

	/// The subscriber's entitlements, as the node's `gesim_` RPC shows them.
	pub fn entitlements(&self) -> Result<Vec<Entitlement>, BridgeError> {
		self.runtime.block_on(self.chain.entitlements())
	}

	/// Order `id`, as the node's `gesim_` RPC shows it.
	pub fn order(&self, id: u64) -> Result<Order, BridgeError> {
		self.runtime.block_on(self.chain.order(id))?.ok_or_else(|| BridgeError::Order {
			order: id,
			reason: "no such order on chain".into(),
		})
	}

	/// Binds the EID commitment of `opening` to the subscriber's identity, proving knowledge of
	/// it with `key` (registered on chain as `key_version` of the `eid` circuit).
	pub fn bind_eid(
		&self,
		opening: &EidOpening,
		key: ProvingKey<'_>,
		key_version: u16,
	) -> Result<(), BridgeError> {
		let proof = opening.prove(key, key_version, self.chain.account().as_ref())?;
		self.runtime.block_on(self.chain.bind_eid(opening.commitment()?, proof))
	}

	/// Orders a profile for `entitlement`, sealed to this device (a new one even if a profile
	/// is installed, with `new_profile`), and bound to the EID of `eid` if given: the operator
	/// then binds the profile to that eUICC at its SM-DP+, and no other eUICC can download it.
	/// Returns the order.
	pub fn request_profile(
		&self,
		entitlement: u32,
		new_profile: bool,
		eid: Option<&EidOpening>,
	) -> Result<u64, BridgeError> {
		self.runtime.block_on(async {
			let binding = match eid {
				Some(opening) => {
					let receipt_key = self.chain.receipt_key_for(entitlement).await?;
					Some(opening.seal_to(
						&receipt_key,
						self.chain.genesis_hash().as_fixed_bytes(),
						entitlement,
					)?)
				},
				None => None,
			};
			self.chain
				.request_profile(entitlement, self.device.public_key(), binding, new_profile)
				.await
		})
	}

	/// Waits up to `timeout` for order `id`'s activation code and opens it.
	pub fn wait_for_code(&self, id: u64, timeout: Duration) -> Result<OpenedCode, BridgeError> {
		let started = Instant::now();
		loop {
			let Some(OrderOnChain { order, verified_at }) = self.mine(id, started, timeout)? else {
				std::thread::sleep(POLL);
				continue;
			};
			if order.status.is_served() {
				return self.open(id, &order, verified_at);
			}
			if let OrderStatus::Failed(_) | OrderStatus::Cancelled(_) = order.status {
				return Err(BridgeError::OrderEnded { order: id, outcome: ended(&order.status) });
			}
			if started.elapsed() >= timeout {
				return Err(BridgeError::Timeout {
					order: id,
					waited_secs: started.elapsed().as_secs(),
					status: status_name(&order.status).into(),
					serve_by: order.serve_by,
				});
			}
			std::thread::sleep(POLL);
		}
	}

	/// Waits for order `id`'s code, installs its profile through `lpa`, and waits (within
	/// `timeout` in all) until the chain shows it installed.
	pub fn install(
		&self,
		id: u64,
		lpa: &dyn Lpa,
		timeout: Duration,
	) -> Result<Installed, BridgeError> {
		let started = Instant::now();
		let OpenedCode { envelope, activation_code, .. } = self.wait_for_code(id, timeout)?;
		let download = lpa.install(&activation_code, envelope.confirmation_code.as_deref())?;
		if let Some(iccid) = &download.iccid {
			if *iccid != envelope.iccid {
				return Err(BridgeError::Order {
					order: id,
					reason: format!(
						"the LPA installed profile {iccid}, not the ordered {}",
						envelope.iccid
					),
				});
			}
		}
		loop {
			let Some(OrderOnChain { order, verified_at }) = self.mine(id, started, timeout)? else {
				std::thread::sleep(POLL);
				continue;
			};
			if order.status.has_live_profile() {
				return Ok(Installed {
					order: id,
					iccid: envelope.iccid,
					status: status_name(&order.status),
					verified_at,
				});
			}
			if started.elapsed() >= timeout {
				return Err(BridgeError::Order {
					order: id,
					reason: format!(
						"the profile is installed on the device but the chain still shows `{}` after {} s: the operator's gateway has not reported it yet",
						status_name(&order.status),
						started.elapsed().as_secs()
					),
				});
			}
			std::thread::sleep(POLL);
		}
	}

	/// Order `id` as the chain holds it, checked to be this subscriber's and sealed to this
	/// device. `None` while a new order is not finalised yet (verified reads only), until
	/// `timeout` after `started`.
	fn mine(
		&self,
		id: u64,
		started: Instant,
		timeout: Duration,
	) -> Result<Option<OrderOnChain>, BridgeError> {
		let Some(found) = self.runtime.block_on(self.chain.order_on_chain(id))? else {
			return match self.chain.trust() {
				Trust::Finality(_) if started.elapsed() < timeout => Ok(None),
				Trust::Finality(_) => Err(BridgeError::Order {
					order: id,
					reason: format!(
						"not in the chain's finalised state after {} s",
						started.elapsed().as_secs()
					),
				}),
				Trust::RpcNode => {
					Err(BridgeError::Order { order: id, reason: "no such order on chain".into() })
				},
			};
		};
		let order = &found.order;
		if order.subscriber != self.chain.account() {
			return Err(BridgeError::Order {
				order: id,
				reason: format!(
					"it belongs to {}, not {}",
					self.chain.ss58(&order.subscriber),
					self.address()
				),
			});
		}
		if order.device_key != self.device.public_key() {
			return Err(BridgeError::Order {
				order: id,
				reason: format!(
					"its code is sealed to device key 0x{}, not this device's {}",
					hex::encode(order.device_key),
					self.device_key()
				),
			});
		}
		Ok(Some(found))
	}

	fn open(
		&self,
		id: u64,
		order: &pallet_esim_provisioning::OrderOf<gesim_runtime::Runtime>,
		verified_at: Option<u32>,
	) -> Result<OpenedCode, BridgeError> {
		let sealed = order.sealed_code.as_ref().ok_or_else(|| BridgeError::SealedCode {
			order: id,
			reason: "the order shows a released code but carries none".into(),
		})?;
		let (envelope, activation_code) = self.device.open(
			self.chain.genesis_hash().as_fixed_bytes(),
			id,
			sealed,
			order.iccid_commitment.as_ref(),
		)?;
		Ok(OpenedCode { envelope, activation_code, verified_at })
	}
}

/// An order's status as the `gesim_` RPC names it.
fn status_name(status: &OrderStatus) -> &'static str {
	match status {
		OrderStatus::Requested => "requested",
		OrderStatus::Accepted => "accepted",
		OrderStatus::CodeReleased => "codeReleased",
		OrderStatus::Downloaded => "downloaded",
		OrderStatus::Installed => "installed",
		OrderStatus::Enabled => "enabled",
		OrderStatus::Deleted => "deleted",
		OrderStatus::Failed(_) => "failed",
		OrderStatus::Cancelled(_) => "cancelled",
	}
}

/// How an order ended, in words.
fn ended(status: &OrderStatus) -> String {
	match status {
		OrderStatus::Failed(code) => {
			let part = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
			let meaning = crate::lpa::readable(
				"",
				&format!("{} {}", part(&code.subject), part(&code.reason)),
			);
			format!("failed at the operator's SM-DP+: {meaning}")
		},
		OrderStatus::Cancelled(CancelReason::Unserved) => {
			"was not served in time and was refunded".into()
		},
		OrderStatus::Cancelled(CancelReason::BySubscriber) => "was cancelled".into(),
		other => status_name(other).into(),
	}
}
