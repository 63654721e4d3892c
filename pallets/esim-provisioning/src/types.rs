//! Provisioning orders, receipts and what the chain keeps of them. Nothing here is in clear:
//! the ICCID is a salted commitment, the activation code a ciphertext only the device opens,
//! the EID a commitment whose opening is sealed to the operator.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	traits::ConstU32, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use gesim_primitives::{EidCommitment, EntitlementId, OrderId};
use scale_info::TypeInfo;

/// X25519 public key of a subscriber's device; activation codes are sealed to it.
pub type DeviceKey = [u8; 32];

/// Ed25519 public key of an operator's SM-DP+ gateway (as the telco registry stores it).
pub type ReceiptKey = [u8; 32];

/// Ed25519 signature over [`receipt_payload`].
pub type ReceiptSignature = [u8; 64];

/// Longest SM-DP+ address: an activation code is at most 255 characters.
pub const MAX_SMDP_ADDRESS_LEN: u32 = 255;

/// Longest sealed activation code: ephemeral key, nonce, the envelope (code ≤ 255 characters,
/// ICCID, its salt, an optional confirmation code) and the tag.
pub const MAX_SEALED_CODE_LEN: u32 = 512;

/// Longest sealed EID opening (the EID and its commitment salt, sealed to the operator).
pub const MAX_SEALED_EID_LEN: u32 = 160;

/// Shortest sealed payload: ephemeral key (32) ‖ nonce (12) ‖ tag (16), nothing encrypted.
pub const MIN_SEALED_LEN: u32 = 60;

/// Longest GSMA subject or reason code (`8.2.5`, `3.7`).
pub const MAX_STATUS_CODE_LEN: u32 = 16;

/// Domain tag of every receipt signature, so no other message signed with the key is a receipt.
pub const RECEIPT_CONTEXT: &[u8] = b"gesim/provisioning-receipt/v1";

/// The host (and port) of an SM-DP+, as an activation code names it.
pub type SmdpAddress = BoundedVec<u8, ConstU32<MAX_SMDP_ADDRESS_LEN>>;

/// An activation code sealed to a device key (ECIES: X25519, HKDF-SHA256, AES-256-GCM, bound
/// to the genesis hash and the order id).
pub type SealedCode = BoundedVec<u8, ConstU32<MAX_SEALED_CODE_LEN>>;

/// An EID and its commitment salt, sealed to the operator's receipt key.
pub type SealedEid = BoundedVec<u8, ConstU32<MAX_SEALED_EID_LEN>>;

/// A GSMA subject or reason code: dot-separated decimal numbers.
pub type StatusCodePart = BoundedVec<u8, ConstU32<MAX_STATUS_CODE_LEN>>;

/// Why an SM-DP+ refused or failed an order, as ES2+ reports it (`statusCodeData`).
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct GsmaStatus {
	/// `subjectCode`, e.g. `8.2.5` (profile type).
	pub subject: StatusCodePart,
	/// `reasonCode`, e.g. `3.7` (unavailable).
	pub reason: StatusCodePart,
}

impl GsmaStatus {
	/// Whether both parts are dot-separated decimal numbers (`8.2.5`, not `8..2` or `x`).
	pub fn is_well_formed(&self) -> bool {
		let part_ok = |part: &[u8]| {
			!part.is_empty()
				&& part
					.split(|c| *c == b'.')
					.all(|n| !n.is_empty() && n.iter().all(u8::is_ascii_digit))
		};
		part_ok(&self.subject) && part_ok(&self.reason)
	}
}

/// The EID a profile must be bound to: the commitment the subscriber's identity holds, and its
/// opening sealed to the operator's receipt key, so the operator (and no one else) can bind
/// the profile to that EID at the SM-DP+ and check it against the commitment.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct EidBinding {
	/// Poseidon commitment to the EID, held by the subscriber's identity.
	pub commitment: EidCommitment,
	/// The EID and the commitment's salt, sealed to the operator's current receipt key.
	pub sealed_opening: SealedEid,
}

/// What the operator's gateway reports about an order, signed with its receipt key.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub enum Receipt {
	/// The SM-DP+ allocated a profile (ES2+ `downloadOrder`).
	Accepted {
		/// BLAKE2b-256 of a domain tag, a 32-byte salt and the ICCID's digits; the salt is in
		/// the sealed activation code, so the subscriber can open it.
		iccid_commitment: [u8; 32],
		/// The SM-DP+ the device downloads from.
		smdp_address: SmdpAddress,
	},
	/// The order was confirmed and released (ES2+ `confirmOrder`): the activation code, sealed
	/// to the order's device key.
	CodeReleased { sealed_code: SealedCode },
	/// The device downloaded the bound profile package (notification point 3).
	Downloaded,
	/// The eUICC installed the profile (notification point 4).
	Installed {
		/// BLAKE2b-256 of the eUICC-signed ProfileInstallationResult (`resultData`).
		result_hash: [u8; 32],
	},
	/// The profile was enabled on the eUICC.
	Enabled,
	/// The profile was deleted from the eUICC.
	Deleted,
	/// The SM-DP+ refused or failed the order.
	Failed { status: GsmaStatus },
}

/// Why an order was cancelled.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum CancelReason {
	/// The subscriber withdrew it.
	BySubscriber,
	/// The operator did not release an activation code by the service deadline; the
	/// entitlement was refunded.
	Unserved,
}

/// Where an order stands. `Requested` → `Accepted` → `CodeReleased` → `Downloaded` →
/// `Installed` → `Enabled` → `Deleted`; `Failed` or `Cancelled` while it is open.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub enum OrderStatus {
	/// Waiting for the operator.
	Requested,
	/// A profile is allocated on the SM-DP+.
	Accepted,
	/// The activation code is on chain, sealed to the device.
	CodeReleased,
	/// The device downloaded the profile.
	Downloaded,
	/// The profile is installed on the eUICC.
	Installed,
	/// The profile is enabled.
	Enabled,
	/// The profile was deleted from the eUICC.
	Deleted,
	/// The SM-DP+ refused or failed the order.
	Failed(GsmaStatus),
	/// Cancelled before the profile was installed.
	Cancelled(CancelReason),
}

impl OrderStatus {
	/// Whether the order still waits for the operator or the device: the one open order an
	/// entitlement may have.
	pub fn is_open(&self) -> bool {
		matches!(self, Self::Requested | Self::Accepted | Self::CodeReleased | Self::Downloaded)
	}

	/// Whether a profile from this order is on the eUICC.
	pub fn has_live_profile(&self) -> bool {
		matches!(self, Self::Installed | Self::Enabled)
	}

	/// Whether the activation code has reached the chain (the operator served the order).
	pub fn is_served(&self) -> bool {
		matches!(
			self,
			Self::CodeReleased | Self::Downloaded | Self::Installed | Self::Enabled | Self::Deleted
		)
	}
}

/// Why a receipt does not apply to an order at its status.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ReceiptRefusal {
	/// The order is at that step already.
	Duplicate,
	/// The order is failed, cancelled or its profile deleted.
	Closed,
	/// The receipt does not follow from the order's step.
	OutOfOrder,
}

impl OrderStatus {
	/// The status `receipt` moves an order at this one to, or why it does not apply: the
	/// order's state machine, in one place for the chain and for clients that mirror it.
	pub fn after(&self, receipt: &Receipt) -> Result<OrderStatus, ReceiptRefusal> {
		use OrderStatus as S;
		let repeats = matches!(
			(receipt, self),
			(Receipt::Accepted { .. }, S::Accepted)
				| (Receipt::CodeReleased { .. }, S::CodeReleased)
				| (Receipt::Downloaded, S::Downloaded)
				| (Receipt::Installed { .. }, S::Installed)
				| (Receipt::Enabled, S::Enabled)
				| (Receipt::Deleted, S::Deleted)
				| (Receipt::Failed { .. }, S::Failed(_))
		);
		if repeats {
			return Err(ReceiptRefusal::Duplicate);
		}
		if matches!(self, S::Failed(_) | S::Cancelled(_) | S::Deleted) {
			return Err(ReceiptRefusal::Closed);
		}
		let (follows, next) = match receipt {
			Receipt::Accepted { .. } => (matches!(self, S::Requested), S::Accepted),
			Receipt::CodeReleased { .. } => (matches!(self, S::Accepted), S::CodeReleased),
			Receipt::Downloaded => (matches!(self, S::CodeReleased), S::Downloaded),
			// Some SM-DP+s report only the installation (notification point 4).
			Receipt::Installed { .. } => {
				(matches!(self, S::CodeReleased | S::Downloaded), S::Installed)
			},
			Receipt::Enabled => (matches!(self, S::Installed), S::Enabled),
			Receipt::Deleted => (matches!(self, S::Installed | S::Enabled), S::Deleted),
			Receipt::Failed { status } => (self.is_open(), S::Failed(status.clone())),
		};
		if follows {
			Ok(next)
		} else {
			Err(ReceiptRefusal::OutOfOrder)
		}
	}
}

/// A subscriber's request for an eSIM profile for one entitlement.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct ProvisioningOrder<AccountId, BlockNumber> {
	/// The entitlement the profile serves.
	pub entitlement: EntitlementId,
	/// Who asked, the entitlement's holder.
	pub subscriber: AccountId,
	/// The operator that serves the entitlement and signs the receipts.
	pub telco: AccountId,
	/// The device key the activation code is sealed to.
	pub device_key: DeviceKey,
	/// The EID the profile must be bound to, if the subscriber asked for one.
	pub eid: Option<EidBinding>,
	/// Block of the request.
	pub requested_at: BlockNumber,
	/// Last block the activation code may be released in before the subscriber may take the
	/// refund instead.
	pub serve_by: BlockNumber,
	/// Where it stands.
	pub status: OrderStatus,
	/// Block of the last change.
	pub updated_at: BlockNumber,
	/// Salted commitment to the allocated profile's ICCID.
	pub iccid_commitment: Option<[u8; 32]>,
	/// The SM-DP+ the profile is downloaded from.
	pub smdp_address: Option<SmdpAddress>,
	/// The activation code, sealed to `device_key`.
	pub sealed_code: Option<SealedCode>,
	/// BLAKE2b-256 of the eUICC-signed installation result.
	pub install_result_hash: Option<[u8; 32]>,
}

/// What the chain keeps per entitlement about its eSIM.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, Encode, Decode, MaxEncodedLen, TypeInfo, DebugNoBound,
)]
#[scale_info(skip_type_params(MaxOrders))]
#[codec(mel_bound())]
pub struct EntitlementProvisioning<MaxOrders: frame_support::traits::Get<u32>> {
	/// Its orders, oldest first; the last may be open.
	pub orders: BoundedVec<OrderId, MaxOrders>,
	/// The order whose profile serves it now (its own, or carried over by a plan switch).
	pub profile: Option<OrderId>,
	/// Whether a profile ever served it: then it cannot be refunded as undelivered.
	pub served: bool,
	/// Whether it was refunded as undelivered.
	pub refunded: bool,
}

impl<MaxOrders: frame_support::traits::Get<u32>> Default for EntitlementProvisioning<MaxOrders> {
	fn default() -> Self {
		Self { orders: BoundedVec::new(), profile: None, served: false, refunded: false }
	}
}

/// An order with its id, as queries return it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct OrderView<AccountId, BlockNumber> {
	/// Its id.
	pub id: OrderId,
	/// The order.
	pub order: ProvisioningOrder<AccountId, BlockNumber>,
}

/// The bytes a receipt key signs: a domain tag, the chain's genesis hash, the order and the
/// receipt, SCALE-encoded. The genesis hash keeps a receipt from being replayed on another
/// chain; the order id and the state machine keep it from being replayed on this one.
pub fn receipt_payload<Hash: Encode>(
	genesis: &Hash,
	order: OrderId,
	receipt: &Receipt,
) -> alloc::vec::Vec<u8> {
	(RECEIPT_CONTEXT, genesis, order, receipt).encode()
}
