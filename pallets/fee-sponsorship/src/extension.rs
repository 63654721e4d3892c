//! The weight of what [`SponsoredFees`](crate::SponsoredFees) looks up for a transaction.

use crate::{Config, WeightInfo};
use codec::{Decode, DecodeWithMemTracking, Encode};
use core::marker::PhantomData;
use frame_support::{
	traits::Contains, weights::Weight, CloneNoBound, DebugNoBound, DefaultNoBound, EqNoBound,
	PartialEqNoBound,
};
use scale_info::TypeInfo;
use sp_runtime::{impl_tx_ext_default, traits::TransactionExtension};

/// Declares, for the fee payment extension to charge, the weight of deciding who pays: for a
/// call in `T::SponsoredCalls`, the sender's identity, its operator, the operator's terms, the
/// sender's allowance and the pot's balance, looked up when the transaction is validated and
/// again when it is prepared, and the allowance counted after dispatch; for any other call,
/// only the check that pots do not pay for it.
///
/// The fee adapter cannot declare a weight of its own, hence this extension beside it in the
/// runtime's list. It carries no data (a client encodes nothing for it) and rejects nothing.
/// It charges the worst case, a pot paying, whoever sends the call.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	CloneNoBound,
	EqNoBound,
	PartialEqNoBound,
	DefaultNoBound,
	DebugNoBound,
)]
#[scale_info(skip_type_params(T))]
pub struct WeighSponsorship<T>(PhantomData<T>);

impl<T> WeighSponsorship<T> {
	/// The extension, as a runtime builds it for a transaction it sends itself.
	pub fn new() -> Self {
		Self(PhantomData)
	}
}

impl<T: Config + Send + Sync> TransactionExtension<<T as frame_system::Config>::RuntimeCall>
	for WeighSponsorship<T>
{
	const IDENTIFIER: &'static str = "WeighSponsorship";
	type Implicit = ();
	type Val = ();
	type Pre = ();

	fn weight(&self, call: &<T as frame_system::Config>::RuntimeCall) -> Weight {
		if T::SponsoredCalls::contains(call) {
			T::WeightInfo::sponsored_fee()
		} else {
			T::WeightInfo::unsponsored_fee()
		}
	}

	impl_tx_ext_default!(<T as frame_system::Config>::RuntimeCall; validate prepare);
}
