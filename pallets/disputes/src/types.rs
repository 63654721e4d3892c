//! The disputes pallet's domain types.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use gesim_primitives::{BasisPoints, EntitlementId, IntentId, PlanId, StablecoinAmount};
use scale_info::TypeInfo;
use sp_core::H256;

/// A dispute's number.
pub type DisputeId = u64;

/// What a dispute is about.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub enum DisputeSubject<AccountId> {
	/// An entitlement: the service, or the money still held for it.
	Entitlement(EntitlementId),
	/// A settlement still in its challenge window: usage the subscriber did not acknowledge.
	HeldSettlement {
		/// The operator that settled it.
		telco: AccountId,
		/// Its nonce.
		nonce: u64,
	},
}

/// How the council ends a dispute.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub enum Ruling<Balance> {
	/// The subscriber was wronged: all the disputed money goes back to it, and `compensation`
	/// (for money already paid out) is taken from the operator's bond.
	Refund {
		/// Taken from the operator's bond and paid to the subscriber; may be zero.
		compensation: Balance,
	},
	/// Both were partly right: `to_subscriber` basis points of the disputed money go back to
	/// the subscriber, the rest to the operator.
	Split {
		/// The subscriber's share, at most 10 000.
		to_subscriber: BasisPoints,
	},
	/// The operator failed the subscriber, and `plan` (another operator's, comparable) serves
	/// instead: what is left of the entitlement moves to a new entitlement to `plan`, with the
	/// money for it, and `compensation` is taken from the failing operator's bond. Entitlement
	/// disputes only.
	Reallocate {
		/// The plan the council found comparable, of another operator and on sale.
		plan: PlanId,
		/// Taken from the failing operator's bond and paid to the subscriber; may be zero.
		compensation: Balance,
	},
	/// The filer was wrong: the disputed money moves as if no dispute had been filed, and the
	/// deposit goes to the treasury.
	Reject,
}

/// An open dispute.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Dispute<AccountId, BlockNumber> {
	/// Who filed it, and put down the deposit.
	pub filer: AccountId,
	/// What it is about.
	pub subject: DisputeSubject<AccountId>,
	/// The entitlement concerned (the subject's own, or the one the settlement billed).
	pub entitlement: EntitlementId,
	/// The subscriber holding it: refunds and compensation go there.
	pub holder: AccountId,
	/// The operator serving it.
	pub telco: AccountId,
	/// The entitlement's escrow intent.
	pub intent: IntentId,
	/// Whether filing froze the intent: only while it still held money. A dispute about money
	/// already paid out is ruled by compensation from the bond.
	pub frozen: bool,
	/// Hash of the evidence, kept off chain by the parties.
	pub evidence: H256,
	/// The stablecoin deposit the filer put down.
	pub deposit: StablecoinAmount,
	/// When it was filed.
	pub filed_at: BlockNumber,
}
