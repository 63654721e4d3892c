//! Operators as other pallets see them.

use crate::*;
use gesim_primitives::{ReceiptKeys, TelcoInspect};

impl<T: Config> TelcoInspect<T::AccountId> for Pallet<T> {
	fn is_active(telco: &T::AccountId) -> bool {
		Telcos::<T>::get(telco).is_some_and(|record| record.status == TelcoStatus::Active)
	}

	fn active_networks(telco: &T::AccountId) -> Option<alloc::vec::Vec<gesim_primitives::Plmn>> {
		Telcos::<T>::get(telco)
			.filter(|record| record.status == TelcoStatus::Active)
			.map(|record| record.plmns.into_inner())
	}
}

impl<T: Config> ReceiptKeys<T::AccountId> for Pallet<T> {
	fn is_valid_receipt_key(telco: &T::AccountId, key: &ReceiptKey) -> bool {
		Pallet::<T>::is_valid_receipt_key(telco, key)
	}
}

/// A dispute ruling's compensation, taken from the guilty operator's bond as a council slash
/// would take it (an active operator left short is suspended).
impl<T: Config> gesim_primitives::BondSlash<T::AccountId> for Pallet<T> {
	type Balance = BalanceOf<T>;

	fn slash_to(
		telco: &T::AccountId,
		amount: BalanceOf<T>,
		beneficiary: &T::AccountId,
	) -> sp_runtime::DispatchResult {
		frame_support::storage::with_storage_layer(|| {
			Self::do_slash(telco.clone(), amount, Some(beneficiary.clone()))
		})
	}
}
