//! The roaming pallet's domain types.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use gesim_primitives::StablecoinAmount;
pub use gesim_primitives::{BasisPoints, BPS_DENOMINATOR};
use scale_info::TypeInfo;

/// Bytes in the megabyte roaming rates are quoted per (decimal, as operators invoice).
pub const BYTES_PER_MB: u128 = 1_000_000;

/// A signed stablecoin amount an operator carries from one netting to the next: positive when
/// the pool still owes it money, negative when it still owes the pool.
pub type Position = i128;

/// The most all operators may owe together (payables not netted yet plus carried debts).
///
/// Every sum a netting forms is at most this, so it fits a [`Position`]: netting never
/// overflows. Far beyond any real amount (about 1.7 × 10^32 dollars).
pub const MAX_OUTSTANDING: StablecoinAmount = i128::MAX as StablecoinAmount;

/// The credit limit of agreements signed before there were credit limits: none but the home
/// operator's deposit, which every booking must still fit in.
pub const NO_CREDIT_LIMIT: StablecoinAmount = StablecoinAmount::MAX;

/// What two operators agree on. Both sides use the same terms: either may be the visited
/// network for the other's subscribers.
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
pub struct RoamingTerms<BlockNumber> {
	/// Wholesale charge per megabyte (10^6 bytes) of data used on the visited network, in the
	/// stablecoin's smallest unit. Zero is a bill-and-keep agreement.
	pub rate_per_mb: StablecoinAmount,
	/// The share of the wholesale charge the visited operator invoices, in basis points
	/// (1 ..= 10 000). 10 000 is a plain wholesale deal; below that the home operator keeps
	/// the rest as its retail margin.
	pub revenue_share_bps: BasisPoints,
	/// The most that may accrue in one direction between two settlements, in the stablecoin's
	/// smallest unit: the credit each party extends to the other. A booking beyond it is
	/// refused, so a visited operator knows before serving how much more it will be paid for.
	pub credit_limit: StablecoinAmount,
	/// Blocks between two settlements of the agreement's payables (at least one).
	pub settlement_period: BlockNumber,
	/// First block in which usage may be anchored.
	pub valid_from: BlockNumber,
	/// Last block in which usage may be anchored; usage anchored until then may still be
	/// booked within the settlement grace after it.
	pub valid_until: BlockNumber,
}

/// Where an agreement is in its life: `Proposed → InForce → Terminated`, and removed by the
/// first netting after its settlement grace that finds its parties square. A proposal withdrawn,
/// declined or lapsed is removed at once.
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
pub enum AgreementStatus<BlockNumber> {
	/// Signed by the proposer in block `at`; waits for the counterparty's signature for the
	/// proposal window, and lapses after it.
	Proposed { at: BlockNumber },
	/// Signed by both: usage anchored within the validity may be invoiced.
	InForce,
	/// Ended in block `at` by a party or the council: usage anchored until then may still be
	/// booked within the settlement grace; none anchored later.
	Terminated { at: BlockNumber },
}

/// A roaming agreement between two operators, and the payables booked under it since it was
/// last settled.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct RoamingAgreement<AccountId, BlockNumber> {
	/// The operator that proposed it (the first signature).
	pub proposer: AccountId,
	/// The operator that accepts it (the second signature).
	pub counterparty: AccountId,
	/// What both agreed on.
	pub terms: RoamingTerms<BlockNumber>,
	/// Where it is in its life.
	pub status: AgreementStatus<BlockNumber>,
	/// Owed by the counterparty to the proposer: its subscribers' usage on the proposer's
	/// network since the last settlement.
	pub payable_to_proposer: StablecoinAmount,
	/// Owed by the proposer to the counterparty, the other way round.
	pub payable_to_counterparty: StablecoinAmount,
	/// When its payables were last settled, or when it came into force; its next settlement
	/// is due a settlement period later.
	pub last_settled_at: BlockNumber,
}

impl<AccountId: PartialEq, BlockNumber: Copy + Ord> RoamingAgreement<AccountId, BlockNumber> {
	/// Whether `who` signed (or was asked to sign) it.
	pub fn is_party(&self, who: &AccountId) -> bool {
		self.proposer == *who || self.counterparty == *who
	}

	/// The other party, if `who` is one.
	pub fn other_party(&self, who: &AccountId) -> Option<&AccountId> {
		if self.proposer == *who {
			Some(&self.counterparty)
		} else if self.counterparty == *who {
			Some(&self.proposer)
		} else {
			None
		}
	}

	/// Both payables together.
	pub fn outstanding(&self) -> Option<StablecoinAmount> {
		self.payable_to_proposer.checked_add(self.payable_to_counterparty)
	}

	/// What accrued since the last settlement for usage on `visited`'s network, if it is a
	/// party: what the other party owes it.
	pub fn accrued_to(&self, visited: &AccountId) -> Option<StablecoinAmount> {
		if self.proposer == *visited {
			Some(self.payable_to_proposer)
		} else if self.counterparty == *visited {
			Some(self.payable_to_counterparty)
		} else {
			None
		}
	}

	/// [`Self::accrued_to`], to change.
	pub fn accrued_to_mut(&mut self, visited: &AccountId) -> Option<&mut StablecoinAmount> {
		if self.proposer == *visited {
			Some(&mut self.payable_to_proposer)
		} else if self.counterparty == *visited {
			Some(&mut self.payable_to_counterparty)
		} else {
			None
		}
	}

	/// Whether both parties signed it (it is in force, or was until it ended).
	pub fn is_signed(&self) -> bool {
		!matches!(self.status, AgreementStatus::Proposed { .. })
	}

	/// The last block in which usage counts under it: the validity's last block, or the block
	/// it was terminated in if that came first.
	pub fn in_force_until(&self) -> BlockNumber {
		match self.status {
			AgreementStatus::Terminated { at } => at.min(self.terms.valid_until),
			_ => self.terms.valid_until,
		}
	}

	/// Whether a signed agreement no longer takes new usage at `now`: terminated, or past its
	/// validity.
	pub fn has_ended(&self, now: BlockNumber) -> bool {
		matches!(self.status, AgreementStatus::Terminated { .. }) || now > self.terms.valid_until
	}
}

/// The wholesale charge the visited operator invoices for `bytes` at `rate_per_mb`, of which
/// it keeps `share_bps`: `⌊bytes × rate_per_mb × share_bps / (10^6 × 10^4)⌋`.
///
/// Multiplied out first and divided once, so nothing is lost to intermediate rounding; the
/// only rounding is down, in the home operator's favour. `None` if the product overflows.
pub fn roaming_charge(
	bytes: gesim_primitives::Bytes,
	rate_per_mb: StablecoinAmount,
	share_bps: BasisPoints,
) -> Option<StablecoinAmount> {
	(bytes as u128)
		.checked_mul(rate_per_mb)?
		.checked_mul(share_bps as u128)?
		.checked_div(BYTES_PER_MB * BPS_DENOMINATOR as u128)
}
