//! Hardware swaps: proposed by a ruling, accepted by both holders.

use crate::*;
use frame_support::{
	pallet_prelude::*,
	traits::tokens::nonfungibles_v2::{Inspect, Transfer},
};
use gesim_primitives::{DeviceId, DeviceSwaps, SwapId};
use sp_core::H256;
use sp_runtime::traits::Saturating;

impl<T: Config> DeviceSwaps<T::AccountId> for Pallet<T> {
	fn propose_swap(
		first: (&T::AccountId, DeviceId),
		second: (&T::AccountId, DeviceId),
		meetup: H256,
	) -> Result<SwapId, DispatchError> {
		ensure!(first.0 != second.0, Error::<T>::SameHolder);
		let collection = DeviceCollection::<T>::get().ok_or(Error::<T>::UnknownDevice)?;
		for (holder, device) in [first, second] {
			ensure!(Devices::<T>::contains_key(device), Error::<T>::UnknownDevice);
			ensure!(
				T::Nfts::owner(&collection, &device).as_ref() == Some(holder),
				Error::<T>::NotHolder
			);
			ensure!(!LockedDevices::<T>::contains_key(device), Error::<T>::DeviceInSwap);
		}
		let swap = NextSwapId::<T>::get();
		let next = swap.checked_add(1).ok_or(Error::<T>::SwapIdsExhausted)?;
		for (_, device) in [first, second] {
			T::Nfts::disable_transfer(&collection, &device)?;
			LockedDevices::<T>::insert(device, swap);
		}
		let expires_at = frame_system::Pallet::<T>::block_number()
			.saturating_add(T::SwapAcceptancePeriod::get());
		let side = |(holder, device): (&T::AccountId, DeviceId)| SwapSide {
			holder: holder.clone(),
			device,
			accepted: false,
		};
		Swaps::<T>::insert(
			swap,
			HardwareSwap { sides: [side(first), side(second)], meetup, expires_at },
		);
		NextSwapId::<T>::put(next);
		Self::deposit_event(Event::SwapProposed {
			swap,
			first_holder: first.0.clone(),
			first_device: first.1,
			second_holder: second.0.clone(),
			second_device: second.1,
			meetup,
			expires_at,
		});
		Ok(swap)
	}
}

impl<T: Config> Pallet<T> {
	pub(crate) fn do_accept(holder: T::AccountId, swap: SwapId) -> DispatchResult {
		let mut record = Swaps::<T>::get(swap).ok_or(Error::<T>::UnknownSwap)?;
		let side = record.side_of(&holder).ok_or(Error::<T>::NotASwapParty)?;
		ensure!(
			frame_system::Pallet::<T>::block_number() <= record.expires_at,
			Error::<T>::SwapExpired
		);
		ensure!(!record.sides[side].accepted, Error::<T>::AlreadyAccepted);
		record.sides[side].accepted = true;
		Self::deposit_event(Event::SwapAccepted { swap, holder });
		if !record.sides.iter().all(|side| side.accepted) {
			Swaps::<T>::insert(swap, record);
			return Ok(());
		}

		let collection = Self::unlock(swap, &record)?;
		let [first, second] = &record.sides;
		for (from, to) in [(first, second), (second, first)] {
			T::Nfts::transfer(&collection, &from.device, &to.holder)?;
		}
		Self::deposit_event(Event::SwapCompleted { swap });
		Ok(())
	}

	pub(crate) fn do_decline(holder: T::AccountId, swap: SwapId) -> DispatchResult {
		let record = Swaps::<T>::get(swap).ok_or(Error::<T>::UnknownSwap)?;
		record.side_of(&holder).ok_or(Error::<T>::NotASwapParty)?;
		Self::unlock(swap, &record)?;
		Self::deposit_event(Event::SwapDeclined { swap, holder });
		Ok(())
	}

	pub(crate) fn do_expire(swap: SwapId) -> DispatchResult {
		let record = Swaps::<T>::get(swap).ok_or(Error::<T>::UnknownSwap)?;
		ensure!(
			frame_system::Pallet::<T>::block_number() > record.expires_at,
			Error::<T>::SwapNotExpired
		);
		Self::unlock(swap, &record)?;
		Self::deposit_event(Event::SwapExpired { swap });
		Ok(())
	}

	/// Ends `swap`: both devices unlock where they are, for the caller to move or leave;
	/// returns their collection.
	fn unlock(swap: SwapId, record: &HardwareSwapOf<T>) -> Result<T::CollectionId, DispatchError> {
		let collection = DeviceCollection::<T>::get().ok_or(Error::<T>::UnknownDevice)?;
		for side in &record.sides {
			T::Nfts::enable_transfer(&collection, &side.device)?;
			LockedDevices::<T>::remove(side.device);
		}
		Swaps::<T>::remove(swap);
		Ok(collection)
	}
}
