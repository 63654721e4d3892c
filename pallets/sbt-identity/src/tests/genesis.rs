//! The genesis build: the soulbound collection, owned by the pallet account.

use super::mock::*;
use crate::IdentityCollection;
use sp_runtime::BuildStorage;

#[test]
fn creates_the_collection_owned_by_the_pallet_account() {
	new_test_ext().execute_with(|| {
		let collection = IdentityCollection::<Test>::get().expect("created at genesis");
		assert_eq!(Nfts::collection_owner(collection), Some(pallet_account()));
		assert_eq!(reserved(&pallet_account()), COLLECTION_DEPOSIT);
		assert_eq!(free(&pallet_account()), 1);
		let config = pallet_nfts::CollectionConfigOf::<Test>::get(collection).unwrap();
		assert!(!config.is_setting_enabled(pallet_nfts::CollectionSetting::TransferableItems));
	});
}

#[test]
fn leaves_the_collection_to_the_first_issue_when_the_pallet_account_is_not_endowed() {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	crate::GenesisConfig::<Test>::default()
		.assimilate_storage(&mut storage)
		.unwrap();
	sp_io::TestExternalities::new(storage).execute_with(|| {
		assert_eq!(IdentityCollection::<Test>::get(), None);
	});
}
