//! What an operator sponsors and what each subscriber used of it.

use codec::{Decode, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// An operator's offer: each of its subscribers gets up to `transactions_per_period`
/// sponsored transactions in every window of `period` blocks.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct SponsorshipTerms<BlockNumber> {
	/// Sponsored transactions per subscriber and period.
	pub transactions_per_period: u32,
	/// Length of a period in blocks; periods start at multiples of it.
	pub period: BlockNumber,
}

/// A subscriber's use of an allowance.
#[derive(Clone, Copy, PartialEq, Eq, Default, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct AllowanceUse<BlockNumber> {
	/// First block of the period the count belongs to.
	pub period_start: BlockNumber,
	/// Sponsored transactions in that period.
	pub used: u32,
}
