//! The pallet-nfts collection identities live in, and the ids of its items.

use crate::*;
use frame_support::{
	pallet_prelude::*,
	traits::{tokens::nonfungibles_v2::Create, Incrementable},
};
use pallet_nfts::{
	CollectionConfig, CollectionSetting, CollectionSettings, ItemConfig, ItemSettings, MintSettings,
};
use sp_runtime::traits::AccountIdConversion;

impl<T: Config> Pallet<T> {
	/// This pallet's account: it owns and administers the identity collection, so no one
	/// else can mint into it, change it or destroy it.
	pub fn account_id() -> T::AccountId {
		T::PalletId::get().into_account_truncating()
	}

	/// The identity collection, created on first use (at genesis on a new chain).
	pub(crate) fn identity_collection() -> Result<T::CollectionId, DispatchError> {
		if let Some(collection) = IdentityCollection::<T>::get() {
			return Ok(collection);
		}
		let owner = Self::account_id();
		let collection = T::Nfts::create_collection(&owner, &owner, &Self::collection_config())
			.map_err(|_| Error::<T>::CollectionUnfunded)?;
		IdentityCollection::<T>::put(collection);
		Ok(collection)
	}

	/// Every setting on except `TransferableItems`: the items are soulbound. pallet-nfts only
	/// lets a trait caller create collections with deposits required.
	pub(crate) fn collection_config() -> IdentityCollectionConfig<T> {
		CollectionConfig {
			settings: CollectionSettings::from_disabled(
				CollectionSetting::TransferableItems.into(),
			),
			max_supply: None,
			mint_settings: MintSettings::default(),
		}
	}

	/// Item settings all on, so pallet-nfts drops the item's config when it is burnt.
	pub(crate) fn item_config() -> ItemConfig {
		ItemConfig { settings: ItemSettings::all_enabled() }
	}

	/// Takes the next item id.
	pub(crate) fn take_item_id() -> Result<T::ItemId, DispatchError> {
		let item = NextItem::<T>::get()
			.or_else(T::ItemId::initial_value)
			.ok_or(Error::<T>::ItemIdsExhausted)?;
		let next = item.increment().ok_or(Error::<T>::ItemIdsExhausted)?;
		NextItem::<T>::put(next);
		Ok(item)
	}
}
