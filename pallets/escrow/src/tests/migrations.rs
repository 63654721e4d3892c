//! `migrations::v1`: intents stored by version 0 keep their money, get the grace in force, and
//! stay queued where they were, on page 0.

use super::*;
use crate::{
	migrations::v1::{Expiring, IntentV0, MigrateV0ToV1},
	ExpiryPages, IntentStatus, Pallet, QueuePages,
};
use frame_support::{
	traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion},
	BoundedVec,
};

#[test]
fn version_0_intents_and_buckets_move_to_version_1() {
	new_test_ext().execute_with(|| {
		StorageVersion::new(0).put::<Pallet<Test>>();
		let old = IntentV0 {
			payer: ALICE,
			payee: TELCO,
			paid: 10 * DOLLAR,
			held: 6 * DOLLAR,
			released: 4 * DOLLAR,
			margin: 0,
			refunded: 0,
			expires_at: 20,
			status: IntentStatus::PartiallyReleased,
			queued_in: Some(20 + GRACE + 1),
		};
		frame_support::storage::unhashed::put(&crate::Intents::<Test>::hashed_key_for(7), &old);
		Expiring::<Test>::insert(20 + GRACE + 1, BoundedVec::truncate_from(vec![7]));
		crate::NextIntentId::<Test>::put(8);

		MigrateV0ToV1::<Test>::on_runtime_upgrade();

		assert_eq!(Pallet::<Test>::on_chain_storage_version(), 1);
		let record = intent(7);
		assert_eq!(
			(record.paid, record.held, record.released),
			(10 * DOLLAR, 6 * DOLLAR, 4 * DOLLAR)
		);
		assert_eq!(record.settlement_grace, GRACE);
		assert_eq!(record.queued_in, slot(20 + GRACE + 1, 0));
		assert_eq!(listed(20 + GRACE + 1), vec![7]);
		assert_eq!(ExpiryPages::<Test>::get(20 + GRACE + 1), QueuePages { first: 0, next: 1 });
		assert_eq!(Expiring::<Test>::iter().count(), 0);

		// A second run changes nothing: the version is 1 now.
		MigrateV0ToV1::<Test>::on_runtime_upgrade();
		assert_eq!(intent(7), record);
	});
}
