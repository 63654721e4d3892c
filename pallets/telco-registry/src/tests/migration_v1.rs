//! `migrations::v1::MigrateV0ToV1`: active operators whose bond a version-0 slash left short
//! are suspended.

use super::mock::*;
use crate::{migrations::v1::MigrateV0ToV1, TelcoStatus, Telcos};
use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};

/// Sets `telco`'s recorded bond and standing as version 0 could leave them.
fn set(telco: AccountId, bond: Balance, status: TelcoStatus) {
	Telcos::<Test>::mutate_extant(telco, |record| {
		record.bond = bond;
		record.status = status;
	});
}

#[test]
fn suspends_active_operators_with_a_short_bond_once() {
	new_test_ext().execute_with(|| {
		active_alice();
		apply_with(BOB, bob_plmn(), BOB_KEY);
		apply_with(CHARLIE, plmn("310", "410"), [0xC0; 32]);
		TelcoRegistry::approve(RuntimeOrigin::root(), CHARLIE).unwrap();
		set(ALICE, 0, TelcoStatus::Active);
		set(BOB, BOND - 1, TelcoStatus::Pending);
		StorageVersion::new(0).put::<TelcoRegistry>();

		MigrateV0ToV1::<Test>::on_runtime_upgrade();

		assert_eq!(status(ALICE), Some(TelcoStatus::Suspended), "slashed to nothing");
		assert_eq!(status(BOB), Some(TelcoStatus::Pending), "approval checks its bond");
		assert_eq!(status(CHARLIE), Some(TelcoStatus::Active), "whole bond");
		assert_eq!(TelcoRegistry::on_chain_storage_version(), StorageVersion::new(1));
		assert_eq!(TelcoRegistry::in_code_storage_version(), StorageVersion::new(1));

		// Run again, it leaves a short-bonded active operator alone: version 1 is done.
		set(ALICE, 0, TelcoStatus::Active);
		MigrateV0ToV1::<Test>::on_runtime_upgrade();
		assert_eq!(status(ALICE), Some(TelcoStatus::Active));
	});
}
