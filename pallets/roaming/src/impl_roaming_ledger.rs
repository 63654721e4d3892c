//! The traits other pallets use: `RoamingLedger` for metering, `TelcoObligations` for the
//! telco registry.
//!
//! Booking runs in its own storage layer: a failure leaves nothing half done, even when the
//! caller carries on after an error.

use crate::*;
use frame_support::storage::with_storage_layer;
use gesim_primitives::{AgreementId, Bytes, RoamingLedger, StablecoinAmount, TelcoObligations};
use sp_runtime::{DispatchError, DispatchResult};

impl<T: Config> RoamingLedger<T::AccountId> for Pallet<T> {
	fn ensure_can_invoice(agreement: AgreementId, visited: &T::AccountId) -> DispatchResult {
		Self::invoiceable(agreement, visited).map(|_| ())
	}

	fn book_usage(
		agreement: AgreementId,
		visited: &T::AccountId,
		bytes: Bytes,
	) -> Result<StablecoinAmount, DispatchError> {
		with_storage_layer(|| Self::do_book_usage(agreement, visited, bytes))
	}
}

impl<T: Config> TelcoObligations<T::AccountId> for Pallet<T> {
	/// Agreements proposed, in force or awaiting their final netting; money in its deposit;
	/// or a position carried from the last netting.
	fn has_open_obligations(telco: &T::AccountId) -> bool {
		AgreementsOf::<T>::get(telco) > 0
			|| Deposits::<T>::get(telco) > 0
			|| Carried::<T>::contains_key(telco)
	}
}
