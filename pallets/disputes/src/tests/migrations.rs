//! `migrations::v1`: disputes filed under version 0 keep their parties and what they froze.

use super::mock::*;
use crate::{
	migrations::v1::{v0, MigrateV0ToV1},
	DisputeSubject, Frozen, OpenDisputes, Pallet,
};
use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
use sp_core::H256;

fn v0_dispute(subject: DisputeSubject<AccountId>, frozen: bool) -> v0::Dispute<AccountId, u64> {
	v0::Dispute {
		filer: HOLDER,
		subject,
		entitlement: ENTITLEMENT,
		holder: HOLDER,
		telco: TELCO,
		intent: INTENT,
		frozen,
		evidence: H256::repeat_byte(1),
		deposit: DEPOSIT,
		filed_at: 4,
	}
}

#[test]
fn version_0_disputes_name_their_claimant_respondent_and_freeze() {
	new_test_ext().execute_with(|| {
		v0::OpenDisputes::<Test>::insert(
			0,
			v0_dispute(DisputeSubject::Entitlement(ENTITLEMENT), true),
		);
		let held = DisputeSubject::HeldSettlement { telco: TELCO, nonce: NONCE };
		v0::OpenDisputes::<Test>::insert(1, v0_dispute(held.clone(), false));
		StorageVersion::new(0).put::<Pallet<Test>>();

		MigrateV0ToV1::<Test>::on_runtime_upgrade();

		assert_eq!(Pallet::<Test>::on_chain_storage_version(), 1);
		let first = OpenDisputes::<Test>::get(0).expect("kept");
		assert_eq!(first.entitlement, Some(ENTITLEMENT));
		assert_eq!((first.claimant, first.respondent), (HOLDER, TELCO));
		assert_eq!(first.frozen, Some(Frozen::Intent(INTENT)));
		assert_eq!((first.deposit, first.filed_at), (DEPOSIT, 4));
		let second = OpenDisputes::<Test>::get(1).expect("kept");
		assert_eq!((second.subject, second.frozen), (held, None));
	});
}
