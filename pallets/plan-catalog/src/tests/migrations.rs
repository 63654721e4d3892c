//! `migrations::v1`: the entitlement collection stops taking item deposits; items minted before
//! keep theirs.

use super::*;
use crate::{migrations::v1::MigrateV0ToV1, EntitlementCollection, Pallet};
use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
use pallet_nfts::CollectionSetting;

#[test]
fn version_0_collections_stop_taking_item_deposits() {
	new_test_ext().execute_with(|| {
		purchase(ALICE, create_plan(TELCO, terms(1, 1)));
		let collection = EntitlementCollection::<Test>::get().unwrap();
		// As version 0 left it: deposits required.
		let mut config = pallet_nfts::CollectionConfigOf::<Test>::get(collection).unwrap();
		config.enable_setting(CollectionSetting::DepositRequired);
		pallet_nfts::CollectionConfigOf::<Test>::insert(collection, config);
		StorageVersion::new(0).put::<Pallet<Test>>();

		MigrateV0ToV1::<Test>::on_runtime_upgrade();

		assert_eq!(Pallet::<Test>::on_chain_storage_version(), 1);
		let config = pallet_nfts::CollectionConfigOf::<Test>::get(collection).unwrap();
		assert!(config.has_disabled_setting(CollectionSetting::DepositRequired));
	});
}
