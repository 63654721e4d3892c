//! Entitlement items in the NFT pallet: one non-transferable collection owned by the catalog.

use crate::*;
use frame_support::traits::tokens::nonfungibles_v2::{Create, Inspect, Mutate};
use gesim_primitives::EntitlementId;
use pallet_nfts::{
	CollectionConfig, CollectionSetting, CollectionSettings, ItemConfig, ItemSetting, ItemSettings,
	MintSettings,
};
use sp_runtime::{DispatchError, DispatchResult};

impl<T: Config> Pallet<T> {
	/// The entitlement collection, created on first use: no account ever transfers its items,
	/// and only the catalog mints them.
	pub(crate) fn entitlement_collection() -> Result<T::CollectionId, DispatchError> {
		if let Some(collection) = EntitlementCollection::<T>::get() {
			return Ok(collection);
		}
		let catalog = Self::account_id();
		let config: CollectionConfigOf<T> = CollectionConfig {
			settings: CollectionSettings::from_disabled(
				CollectionSetting::TransferableItems.into(),
			),
			max_supply: None,
			mint_settings: MintSettings {
				default_item_settings: Self::item_config().settings,
				..Default::default()
			},
		};
		let collection = T::Nfts::create_collection(&catalog, &catalog, &config)?;
		T::ItemDeposits::waive_item_deposits(&collection)?;
		EntitlementCollection::<T>::put(collection);
		Self::deposit_event(Event::CollectionCreated { collection });
		Ok(collection)
	}

	/// Mints the item of entitlement `id` to `holder`; the collection takes no item deposit.
	pub(crate) fn mint_item(id: EntitlementId, holder: &T::AccountId) -> DispatchResult {
		let collection = Self::entitlement_collection()?;
		T::Nfts::mint_into(&collection, &id, holder, &Self::item_config(), true)
	}

	/// Burns the item of entitlement `id`, unless its holder already did.
	pub(crate) fn burn_item(id: EntitlementId) -> DispatchResult {
		let Some(collection) = EntitlementCollection::<T>::get() else { return Ok(()) };
		if T::Nfts::owner(&collection, &id).is_none() {
			return Ok(());
		}
		T::Nfts::burn(&collection, &id, None)
	}

	/// Items are not transferable, on top of the collection's setting.
	fn item_config() -> ItemConfig {
		ItemConfig { settings: ItemSettings::from_disabled(ItemSetting::Transferable.into()) }
	}
}

/// Turns off the NFT pallet's item deposits for a collection.
///
/// pallet-nfts takes a deposit per item from the collection owner unless the collection's
/// `DepositRequired` setting is disabled, which only its force origin may do. The catalog owns
/// its collection through a keyless account, so the runtime provides this.
pub trait WaiveItemDeposits<CollectionId> {
	/// Mint `collection`'s items without a deposit from now on.
	fn waive_item_deposits(collection: &CollectionId) -> DispatchResult;
}

/// [`WaiveItemDeposits`] through pallet-nfts' `force_collection_config`, dispatched as root:
/// the runtime's `Nfts` must accept root as its `ForceOrigin`.
pub struct NftsItemDeposits<R>(core::marker::PhantomData<R>);

impl<R: pallet_nfts::Config> WaiveItemDeposits<R::CollectionId> for NftsItemDeposits<R> {
	fn waive_item_deposits(collection: &R::CollectionId) -> DispatchResult {
		let mut config = pallet_nfts::CollectionConfigOf::<R>::get(collection)
			.ok_or(pallet_nfts::Error::<R>::UnknownCollection)?;
		config.disable_setting(CollectionSetting::DepositRequired);
		pallet_nfts::Pallet::<R>::force_collection_config(
			frame_system::RawOrigin::Root.into(),
			collection.clone(),
			config,
		)
	}
}
