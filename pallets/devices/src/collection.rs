//! The pallet-nfts collection devices live in.

use crate::*;
use frame_support::{pallet_prelude::*, traits::tokens::nonfungibles_v2::Create};
use pallet_nfts::{CollectionConfig, CollectionSettings, ItemConfig, ItemSettings, MintSettings};
use sp_runtime::traits::AccountIdConversion;

impl<T: Config> Pallet<T> {
	/// This pallet's account: it owns and administers the device collection, so no one else
	/// can mint into it, lock its items or destroy it.
	pub fn account_id() -> T::AccountId {
		T::PalletId::get().into_account_truncating()
	}

	/// The device collection, created on first use (at genesis on a new chain).
	pub(crate) fn device_collection() -> Result<T::CollectionId, DispatchError> {
		if let Some(collection) = DeviceCollection::<T>::get() {
			return Ok(collection);
		}
		let owner = Self::account_id();
		let collection = T::Nfts::create_collection(&owner, &owner, &Self::collection_config())
			.map_err(|_| Error::<T>::CollectionUnfunded)?;
		DeviceCollection::<T>::put(collection);
		Ok(collection)
	}

	/// Every setting on: the items are transferable, and pallet-nfts only lets a trait caller
	/// create collections with deposits required.
	pub(crate) fn collection_config() -> DeviceCollectionConfig<T> {
		CollectionConfig {
			settings: CollectionSettings::all_enabled(),
			max_supply: None,
			mint_settings: MintSettings::default(),
		}
	}

	/// Item settings all on, so pallet-nfts drops the item's config when it is burnt.
	pub(crate) fn item_config() -> ItemConfig {
		ItemConfig { settings: ItemSettings::all_enabled() }
	}
}
