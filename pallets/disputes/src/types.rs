//! The disputes pallet's domain types.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use gesim_primitives::{
	AgreementId, BasisPoints, DeviceId, EntitlementId, IntentId, PlanId, StablecoinAmount,
};
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
	/// Roaming usage booked and not netted yet: `amount` of what the filer, the home
	/// operator, owes `visited` under `agreement` since the last netting.
	RoamingBooking {
		/// The roaming agreement.
		agreement: AgreementId,
		/// The visited operator that booked the usage.
		visited: AccountId,
		/// The part of the booked payable disputed.
		amount: StablecoinAmount,
	},
}

/// What filing a dispute froze until the ruling.
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
pub enum Frozen {
	/// An entitlement's escrow intent: no release, refund or held payout.
	Intent(IntentId),
	/// A roaming agreement: no netting.
	Agreement(AgreementId),
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
	/// Lent hardware failed: the claimant hands `claimant_device` to the respondent for
	/// `respondent_device`, at the meetup `meetup` commits to, once both accept (BandShare's
	/// hardware swap). The service goes on, so the disputed money moves as on `Reject`, but
	/// the deposit goes back, and `compensation` is taken from the respondent's bond (for the
	/// time without service, say).
	SwapDevices {
		/// The failed device the claimant holds.
		claimant_device: DeviceId,
		/// The working device the respondent holds.
		respondent_device: DeviceId,
		/// BLAKE2-256 of where and when the parties meet, and a salt, agreed off chain.
		meetup: H256,
		/// Taken from the respondent's bond and paid to the claimant; may be zero.
		compensation: Balance,
	},
}

/// An open dispute.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Dispute<AccountId, BlockNumber> {
	/// Who filed it, and put down the deposit.
	pub filer: AccountId,
	/// What it is about.
	pub subject: DisputeSubject<AccountId>,
	/// The entitlement concerned (the subject's own, or the one the settlement billed), which
	/// has one open dispute at a time; none for a roaming booking.
	pub entitlement: Option<EntitlementId>,
	/// Who is owed redress if the filer is right: the subscriber, or the home operator of a
	/// roaming booking. Refunds and compensation go there.
	pub claimant: AccountId,
	/// Who answers for it: the serving operator, or the visited one. Compensation comes from
	/// its bond.
	pub respondent: AccountId,
	/// What filing froze: an intent still holding money, or the agreement. Nothing for a
	/// dispute about money already paid out, which is ruled by compensation from the bond.
	pub frozen: Option<Frozen>,
	/// Hash of the evidence, kept off chain by the parties.
	pub evidence: H256,
	/// The stablecoin deposit the filer put down.
	pub deposit: StablecoinAmount,
	/// When it was filed.
	pub filed_at: BlockNumber,
}
