//! The whole path on the device, behind blocking calls with plain arguments (what an app's
//! foreign-function layer wraps): register the device key, order a profile, wait for its
//! code, open it, install it through the LPA, and see the chain mark it installed.

use crate::{
	chain::{from_hex, Entitlement, Order, Status, SubscriberChain},
	device::DeviceKeyFile,
	eid::{EidOpening, ProvingKey},
	lpa::Lpa,
	BridgeError,
};
use gesim_esim_protocol::{sealed::ActivationEnvelope, ActivationCode};
use std::{
	path::Path,
	time::{Duration, Instant},
};

/// How often an order is read again while waiting.
const POLL: Duration = Duration::from_secs(1);

/// A profile installed through the bridge.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Installed {
	/// The order.
	pub order: u64,
	/// The profile's ICCID.
	pub iccid: String,
	/// The order's status on chain once the installation was reported.
	pub status: Status,
}

/// The device's bridge to one node, as one subscriber.
pub struct Bridge {
	runtime: tokio::runtime::Runtime,
	chain: SubscriberChain,
	device: DeviceKeyFile,
}

impl Bridge {
	/// Connects to the node at `node_url` (`http://` or `https://`) as the subscriber whose
	/// account key is in `account_key_file`, with the device key in `device_key_file`.
	pub fn connect(node_url: &str, account_key_file: &Path, device_key_file: &Path) -> Result<Self, BridgeError> {
		let account = gesim_chain_client::account_key_from_file(account_key_file)?;
		let device = DeviceKeyFile::load(device_key_file)?;
		let runtime = tokio::runtime::Builder::new_multi_thread()
			.worker_threads(1)
			.enable_all()
			.build()
			.map_err(|e| BridgeError::Unexpected(format!("cannot start the I/O runtime: {e}")))?;
		let chain = runtime.block_on(SubscriberChain::connect(node_url, account, Duration::from_secs(10)))?;
		Ok(Self { runtime, chain, device })
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

	/// The subscriber's entitlements.
	pub fn entitlements(&self) -> Result<Vec<Entitlement>, BridgeError> {
		self.runtime.block_on(self.chain.entitlements())
	}

	/// Order `id`.
	pub fn order(&self, id: u64) -> Result<Order, BridgeError> {
		self.runtime
			.block_on(self.chain.order(id))?
			.ok_or_else(|| BridgeError::Order { order: id, reason: "no such order on chain".into() })
	}

	/// Binds the EID commitment of `opening` to the subscriber's identity, proving knowledge of
	/// it with `key` (registered on chain as `key_version` of the `eid` circuit).
	pub fn bind_eid(&self, opening: &EidOpening, key: ProvingKey<'_>, key_version: u16) -> Result<(), BridgeError> {
		let proof = opening.prove(key, key_version, self.chain.account().as_ref())?;
		self.runtime.block_on(self.chain.bind_eid(opening.commitment()?, proof))
	}

	/// Orders a profile for `entitlement`, sealed to this device (a new one even if a profile
	/// is installed, with `new_profile`); returns the order.
	pub fn request_profile(&self, entitlement: u32, new_profile: bool) -> Result<u64, BridgeError> {
		self.runtime.block_on(self.chain.request_profile(entitlement, self.device.public_key(), None, new_profile))
	}

	/// Waits up to `timeout` for order `id`'s activation code and opens it.
	pub fn wait_for_code(&self, id: u64, timeout: Duration) -> Result<ActivationEnvelope, BridgeError> {
		let started = Instant::now();
		loop {
			let order = self.mine(id)?;
			if order.status.code_released() {
				return self.open(&order);
			}
			if let Status::Failed { .. } | Status::Cancelled { .. } = order.status {
				return Err(BridgeError::OrderEnded { order: id, outcome: ended(&order.status) });
			}
			if started.elapsed() >= timeout {
				return Err(BridgeError::Timeout {
					order: id,
					waited_secs: started.elapsed().as_secs(),
					status: order.status.to_string(),
					serve_by: order.serve_by,
				});
			}
			std::thread::sleep(POLL);
		}
	}

	/// Waits for order `id`'s code, installs its profile through `lpa`, and waits (within
	/// `timeout` in all) until the chain shows it installed.
	pub fn install(&self, id: u64, lpa: &dyn Lpa, timeout: Duration) -> Result<Installed, BridgeError> {
		let started = Instant::now();
		let envelope = self.wait_for_code(id, timeout)?;
		let code: ActivationCode = envelope.parsed_activation_code().map_err(|e| BridgeError::SealedCode {
			order: id,
			reason: format!("the activation code inside is malformed: {e}"),
		})?;
		let download = lpa.install(&code, envelope.confirmation_code.as_deref())?;
		if let Some(iccid) = &download.iccid {
			if *iccid != envelope.iccid {
				return Err(BridgeError::Order {
					order: id,
					reason: format!("the LPA installed profile {iccid}, not the ordered {}", envelope.iccid),
				});
			}
		}
		loop {
			let order = self.mine(id)?;
			if matches!(order.status, Status::Installed | Status::Enabled) {
				return Ok(Installed { order: id, iccid: envelope.iccid, status: order.status });
			}
			if started.elapsed() >= timeout {
				return Err(BridgeError::Order {
					order: id,
					reason: format!(
						"the profile is installed on the device but the chain still shows `{}` after {} s: the operator's gateway has not reported it yet",
						order.status,
						started.elapsed().as_secs()
					),
				});
			}
			std::thread::sleep(POLL);
		}
	}

	/// Order `id`, checked to be this subscriber's and sealed to this device.
	fn mine(&self, id: u64) -> Result<Order, BridgeError> {
		let order = self.order(id)?;
		if order.subscriber != self.address() {
			return Err(BridgeError::Order { order: id, reason: format!("it belongs to {}, not {}", order.subscriber, self.address()) });
		}
		if order.device_key != self.device_key() {
			return Err(BridgeError::Order {
				order: id,
				reason: format!("its code is sealed to device key {}, not this device's {}", order.device_key, self.device_key()),
			});
		}
		Ok(order)
	}

	fn open(&self, order: &Order) -> Result<ActivationEnvelope, BridgeError> {
		let sealed = order.sealed_code.as_deref().ok_or_else(|| BridgeError::SealedCode {
			order: order.id,
			reason: "the order shows a released code but carries none".into(),
		})?;
		let sealed = from_hex("gesim_order", sealed)?;
		let commitment = match &order.iccid_commitment {
			Some(text) => Some(<[u8; 32]>::try_from(from_hex("gesim_order", text)?).map_err(|_| BridgeError::SealedCode {
				order: order.id,
				reason: "the ICCID commitment is not 32 bytes".into(),
			})?),
			None => None,
		};
		self.device.open(self.chain.genesis_hash().as_fixed_bytes(), order.id, &sealed, commitment.as_ref())
	}
}

/// How an order ended, in words.
fn ended(status: &Status) -> String {
	match status {
		Status::Failed { subject_code, reason_code } => {
			let meaning = crate::lpa::readable("", &format!("{subject_code} {reason_code}"));
			format!("failed at the operator's SM-DP+: {meaning}")
		},
		Status::Cancelled { reason } if reason == "unserved" => "was not served in time and was refunded".into(),
		Status::Cancelled { .. } => "was cancelled".into(),
		other => other.to_string(),
	}
}
