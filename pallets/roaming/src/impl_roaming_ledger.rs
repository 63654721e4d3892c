//! The traits other pallets use: `RoamingLedger` for metering, `RoamingDisputeLedger` for
//! disputes, `TelcoObligations` for the telco registry.
//!
//! Booking runs in its own storage layer: a failure leaves nothing half done, even when the
//! caller carries on after an error.

use crate::*;
use frame_support::storage::with_storage_layer;
use frame_system::pallet_prelude::BlockNumberFor;
use gesim_primitives::{
	AgreementId, Bytes, RoamingDisputeLedger, RoamingLedger, StablecoinAmount, TelcoObligations,
};
use sp_runtime::{DispatchError, DispatchResult};

impl<T: Config> RoamingLedger<T::AccountId, BlockNumberFor<T>> for Pallet<T> {
	fn ensure_can_invoice(
		agreement: AgreementId,
		visited: &T::AccountId,
		anchored_at: BlockNumberFor<T>,
	) -> DispatchResult {
		Self::invoiceable(agreement, visited, anchored_at).map(|_| ())
	}

	fn book_usage(
		agreement: AgreementId,
		visited: &T::AccountId,
		bytes: Bytes,
		anchored_at: BlockNumberFor<T>,
	) -> Result<StablecoinAmount, DispatchError> {
		with_storage_layer(|| Self::do_book_usage(agreement, visited, bytes, anchored_at))
	}
}

impl<T: Config> RoamingDisputeLedger<T::AccountId> for Pallet<T> {
	fn booked(
		agreement: AgreementId,
		visited: &T::AccountId,
	) -> Option<(T::AccountId, StablecoinAmount)> {
		Self::booked_to(agreement, visited)
	}

	fn freeze(agreement: AgreementId) -> DispatchResult {
		Self::do_dispute(agreement)
	}

	fn thaw(agreement: AgreementId) -> DispatchResult {
		Self::do_end_dispute(agreement)
	}

	fn write_down(
		agreement: AgreementId,
		visited: &T::AccountId,
		amount: StablecoinAmount,
	) -> DispatchResult {
		with_storage_layer(|| Self::do_write_down(agreement, visited, amount))
	}
}

impl<T: Config> TelcoObligations<T::AccountId> for Pallet<T> {
	/// Proposals it made; agreements in force or not removed yet since they ended; money in
	/// its deposit; or a position carried from the last netting. A proposal made to it is
	/// none: it cannot keep an operator from retiring.
	fn has_open_obligations(telco: &T::AccountId) -> bool {
		AgreementsOf::<T>::get(telco) > 0
			|| ProposalsOf::<T>::get(telco) > 0
			|| Deposits::<T>::get(telco) > 0
			|| Carried::<T>::contains_key(telco)
	}
}
