//! Verifying keys: validated once at registration, retired by the council.

use crate::*;
use frame_support::{ensure, pallet_prelude::DispatchResult};
use gesim_zk_verifier::{validate_vk, VerifyError, VerifyingKeyBytes};

impl<T: Config> Pallet<T> {
	pub(crate) fn do_register_key(key: KeyId, vk: VerifyingKeyBytes) -> DispatchResult {
		ensure!(
			!VerifyingKeys::<T>::contains_key(key.circuit, key.version),
			Error::<T>::KeyAlreadyRegistered
		);
		let prepared = validate_vk(vk.as_bytes()).map_err(Self::key_error)?;
		ensure!(
			prepared.public_input_count() == key.circuit.public_input_count(),
			Error::<T>::KeyShapeMismatch
		);
		VerifyingKeys::<T>::insert(
			key.circuit,
			key.version,
			RegisteredKey { key: prepared.to_stored(), retired: false },
		);
		Self::deposit_event(Event::KeyRegistered { key });
		Ok(())
	}

	pub(crate) fn do_retire_key(key: KeyId) -> DispatchResult {
		VerifyingKeys::<T>::try_mutate(key.circuit, key.version, |registered| {
			let registered = registered.as_mut().ok_or(Error::<T>::UnknownKey)?;
			ensure!(!registered.retired, Error::<T>::KeyRetired);
			registered.retired = true;
			Ok::<_, Error<T>>(())
		})?;
		Self::deposit_event(Event::KeyRetired { key });
		Ok(())
	}

	/// The live key `key`, in its stored form.
	pub(crate) fn live_key(key: &KeyId) -> Result<RegisteredKey, Error<T>> {
		let registered =
			VerifyingKeys::<T>::get(key.circuit, key.version).ok_or(Error::<T>::UnknownKey)?;
		ensure!(!registered.retired, Error::<T>::KeyRetired);
		Ok(registered)
	}

	fn key_error(error: VerifyError) -> Error<T> {
		match error {
			VerifyError::KeyPointNotOnCurve => Error::<T>::KeyPointOffCurve,
			VerifyError::KeyPointNotInSubgroup => Error::<T>::KeyPointOutsideSubgroup,
			VerifyError::DegenerateKey => Error::<T>::KeyDegenerate,
			VerifyError::TooManyPublicInputs { .. } => Error::<T>::KeyShapeMismatch,
			_ => Error::<T>::KeyMalformed,
		}
	}
}
