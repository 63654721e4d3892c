//! The escrow's domain types.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use gesim_primitives::StablecoinAmount;
pub use gesim_primitives::{BasisPoints, BPS_DENOMINATOR};
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
	/// Blocks after `expires_at` in which proved usage may still release money, fixed when the
	/// intent was opened: a later change of the grace applies to later intents only, so what
	/// the subscriber and the operator agreed on at purchase holds.
	pub settlement_grace: BlockNumber,
	/// Where it is in its life.
	pub status: IntentStatus,
	/// The expiry-queue page listing it, if it is queued (frozen intents are not).
	pub queued_in: Option<QueueSlot<BlockNumber>>,
}

/// A place in the expiry queue: the block in which the intents it lists become refundable,
/// and the page of that block's list.
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
pub struct QueueSlot<BlockNumber> {
	/// The block whose list holds the intent.
	pub bucket: BlockNumber,
	/// The page of that list.
	pub page: u32,
}

/// The pages of one block's list in the expiry queue that `on_idle` has not emptied yet:
/// `first..next`. Pages are created as the last one fills, so a block lists any number of
/// intents and queueing one never fails for lack of room.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Default,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct QueuePages {
	/// The first page not emptied yet.
	pub first: u32,
	/// The page the next full page is followed by (one past the last page).
	pub next: u32,
}

impl<AccountId, BlockNumber: sp_runtime::Saturating + From<u8> + Copy>
	Intent<AccountId, BlockNumber>
{
	/// The first block in which the intent may be refunded, and no usage released any more:
	/// its expiry plus its settlement grace, plus one.
	pub fn refundable_from(&self) -> BlockNumber {
		self.expires_at.saturating_add(self.settlement_grace).saturating_add(1u8.into())
	}
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
