//! The ed25519 keys an operator's SM-DP+ gateway signs provisioning receipts with, and their
//! rotation with a grace period for receipts signed just before it.

use crate::*;
use frame_support::pallet_prelude::*;
use sp_runtime::traits::Saturating;

impl<T: Config> Pallet<T> {
	/// Makes `new_key` the receipt key of `telco`, keeping the current one valid for
	/// `KeyRotationGrace` blocks. A key still in its grace from an earlier rotation is dropped.
	pub(crate) fn do_rotate_receipt_key(
		telco: T::AccountId,
		new_key: ReceiptKey,
	) -> DispatchResult {
		let previous_retires_at = Telcos::<T>::try_mutate(&telco, |maybe_record| {
			let record = maybe_record.as_mut().ok_or(Error::<T>::UnknownTelco)?;
			ensure!(record.receipt_key != new_key, Error::<T>::SameKey);
			let retires_at = frame_system::Pallet::<T>::block_number()
				.saturating_add(T::KeyRotationGrace::get());
			record.retiring_receipt_key =
				Some(RetiringReceiptKey { key: record.receipt_key, retires_at });
			record.receipt_key = new_key;
			Ok::<_, DispatchError>(retires_at)
		})?;
		Self::deposit_event(Event::ReceiptKeyRotated { telco, new_key, previous_retires_at });
		Ok(())
	}

	/// Whether a provisioning receipt signed with `key` may be accepted from `telco` now: `key`
	/// is its current receipt key, or the one it rotated out less than `KeyRotationGrace`
	/// blocks ago. The operator's standing is not checked here; see `TelcoInspect::is_active`.
	pub fn is_valid_receipt_key(telco: &T::AccountId, key: &ReceiptKey) -> bool {
		let Some(record) = Telcos::<T>::get(telco) else { return false };
		if &record.receipt_key == key {
			return true;
		}
		let now = frame_system::Pallet::<T>::block_number();
		record
			.retiring_receipt_key
			.is_some_and(|old| &old.key == key && now < old.retires_at)
	}

	/// The current receipt key of `telco`, if it is registered.
	pub fn receipt_key(telco: &T::AccountId) -> Option<ReceiptKey> {
		Telcos::<T>::get(telco).map(|record| record.receipt_key)
	}
}
