//! Device keys: the X25519 keys activation codes are sealed to.

use crate::*;
use frame_support::ensure;
use sp_runtime::DispatchResult;

impl<T: Config> Pallet<T> {
	pub(crate) fn do_register_device_key(who: T::AccountId, key: DeviceKey) -> DispatchResult {
		// The all-zero point gives every sender the same shared secret: nothing would be sealed.
		ensure!(key != [0u8; 32], Error::<T>::InvalidDeviceKey);
		DeviceKeys::<T>::try_mutate(&who, |keys| {
			ensure!(!keys.contains(&key), Error::<T>::DeviceKeyAlreadyRegistered);
			keys.try_push(key).map_err(|_| Error::<T>::TooManyDeviceKeys)?;
			Ok::<_, Error<T>>(())
		})?;
		Self::deposit_event(Event::DeviceKeyRegistered { who, key });
		Ok(())
	}

	pub(crate) fn do_remove_device_key(who: T::AccountId, key: DeviceKey) -> DispatchResult {
		DeviceKeys::<T>::try_mutate_exists(&who, |maybe_keys| {
			let keys = maybe_keys.as_mut().ok_or(Error::<T>::UnknownDeviceKey)?;
			let at = keys.iter().position(|k| *k == key).ok_or(Error::<T>::UnknownDeviceKey)?;
			keys.remove(at);
			if keys.is_empty() {
				*maybe_keys = None;
			}
			Ok::<_, Error<T>>(())
		})?;
		Self::deposit_event(Event::DeviceKeyRemoved { who, key });
		Ok(())
	}
}
