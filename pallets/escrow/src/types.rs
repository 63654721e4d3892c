//! The escrow's domain types.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
pub use gesim_primitives::{BasisPoints, BPS_DENOMINATOR};
use gesim_primitives::StablecoinAmount;
use scale_info::TypeInfo;

/// Where an intent is in its life.
///
/// `Funded → PartiallyReleased → Released | Refunded`, with `Frozen` while a dispute is open.
/// `Released` and `Refunded` are closed (nothing held) and say which movement emptied the
/// intent; a top-up before the expiry opens a closed intent again.
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
pub enum IntentStatus {
	/// Paid in, nothing paid out yet.
	Funded,
	/// Part of the money went to the operator for proved usage; the rest is still held.
	PartiallyReleased,
	/// A dispute is open: nothing moves in or out until it is thawed.
	Frozen,
	/// Nothing held any more, and the last movement paid the operator.
	Released,
	/// Nothing held any more, and the last movement returned money to the subscriber.
	Refunded,
}

impl IntentStatus {
	/// Whether nothing is held any more.
	pub fn is_closed(&self) -> bool {
		matches!(self, Self::Released | Self::Refunded)
	}
}

/// The money paid for one entitlement, and where every unit of it went.
///
/// `paid = held + released + margin + refunded` always holds; `held` is stored rather than
/// derived so that the invariant check compares independent numbers.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Intent<AccountId, BlockNumber> {
	/// The subscriber who paid; refunds go back to them.
	pub payer: AccountId,
	/// The operator paid for proved usage.
	pub payee: AccountId,
	/// Everything paid in (purchase and top-ups).
	pub paid: StablecoinAmount,
	/// Still in the escrow account for this intent.
	pub held: StablecoinAmount,
	/// Paid out to the payee.
	pub released: StablecoinAmount,
	/// Paid to the treasury as the protocol margin (and sub-minimum dust, see `DustSwept`).
	pub margin: StablecoinAmount,
	/// Returned to the payer.
	pub refunded: StablecoinAmount,
	/// Last block of the entitlement's validity; the refund waits for the settlement grace
	/// after it.
	pub expires_at: BlockNumber,
	/// Where it is in its life.
	pub status: IntentStatus,
	/// The expiry-queue bucket listing it, if it is queued (frozen intents are not).
	pub queued_in: Option<BlockNumber>,
}

impl<AccountId, BlockNumber> Intent<AccountId, BlockNumber> {
	/// The status of an intent that holds money and is not frozen.
	pub fn open_status(&self) -> IntentStatus {
		if self.released > 0 || self.margin > 0 {
			IntentStatus::PartiallyReleased
		} else {
			IntentStatus::Funded
		}
	}
}
