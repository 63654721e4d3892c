//! Operators as other pallets see them.

use crate::*;
use gesim_primitives::TelcoInspect;

impl<T: Config> TelcoInspect<T::AccountId> for Pallet<T> {
	fn is_active(telco: &T::AccountId) -> bool {
		Telcos::<T>::get(telco).is_some_and(|record| record.status == TelcoStatus::Active)
	}
}
