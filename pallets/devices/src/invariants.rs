//! What must always hold between the pallet's storage items, checked by `try_state` and by the
//! tests.

use crate::*;
use alloc::collections::BTreeMap;
use frame_support::ensure;

impl<T: Config> Pallet<T> {
	/// Every swap locks exactly its two registered devices; every serial hash names its device;
	/// every lender's count is the number of its devices.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		for (swap, record) in Swaps::<T>::iter() {
			for side in &record.sides {
				ensure!(Devices::<T>::contains_key(side.device), "a swap names an unknown device");
				ensure!(
					LockedDevices::<T>::get(side.device) == Some(swap),
					"a swap's device is not locked to it"
				);
			}
		}
		for (device, swap) in LockedDevices::<T>::iter() {
			ensure!(
				Swaps::<T>::get(swap)
					.is_some_and(|s| s.sides.iter().any(|side| side.device == device)),
				"a device is locked to a swap without it"
			);
		}
		let mut per_lender = BTreeMap::<T::AccountId, u32>::new();
		for (device, record) in Devices::<T>::iter() {
			ensure!(
				SerialHashes::<T>::get(record.serial_hash) == Some(device),
				"a device's serial hash names another device"
			);
			*per_lender.entry(record.lender).or_default() += 1;
		}
		ensure!(
			SerialHashes::<T>::iter().count() == per_lender.values().sum::<u32>() as usize,
			"a serial hash names no device"
		);
		ensure!(
			DevicesPerLender::<T>::iter().collect::<BTreeMap<_, _>>() == per_lender,
			"a lender's count is not its number of devices"
		);
		Ok(())
	}
}
