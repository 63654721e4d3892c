//! `UsageClearance`: how far an operator's usage of a subject is anchored and settled, which a
//! resale waits for; and the migration that counts waiting commitments per subject.

use super::mock::*;
use crate::{PendingOfSubject, UsageClock};
use frame_support::{assert_ok, traits::OnRuntimeUpgrade};
use frame_system::RawOrigin;
use gesim_primitives::{UsageClearance, UsageSubject};

const SUBJECT: UsageSubject = UsageSubject::Entitlement(ENTITLEMENT);

fn settled_until() -> Option<u64> {
	<crate::Pallet<Test> as UsageClearance<_>>::settled_until(&TELCO, SUBJECT)
}

#[test]
fn usage_is_cleared_up_to_the_clock_once_no_commitment_of_the_subject_waits() {
	new_test_ext().execute_with(|| {
		register_usage_key();
		let start = UsageClock::<Test>::get(&TELCO, SUBJECT);
		assert_eq!(settled_until(), Some(start), "nothing anchored: cleared to its start");

		let (first, second) = (records(2, 2_000), records(3, 3_000));
		assert_ok!(anchor(&TELCO, SUBJECT, &first, 1));
		assert_ok!(anchor(&TELCO, SUBJECT, &second, 2));
		assert_eq!(PendingOfSubject::<Test>::get(&TELCO, SUBJECT), 2);
		assert_eq!(settled_until(), None, "anchored but not proved");
		// Another subject's waiting commitments do not hold this one back.
		let other = UsageSubject::Entitlement(ENTITLEMENT + 1);
		assert_eq!(
			<crate::Pallet<Test> as UsageClearance<_>>::settled_until(&TELCO, other),
			Some(UsageClock::<Test>::get(&TELCO, other))
		);

		let claim = prove(&first, 1, &TELCO, SUBJECT);
		assert_ok!(crate::Pallet::<Test>::settle_usage(RawOrigin::Signed(TELCO).into(), claim));
		assert_eq!(settled_until(), None, "one still waits");
		assert_ok!(crate::Pallet::<Test>::discard_usage(RawOrigin::Signed(TELCO).into(), 2));
		assert!(!PendingOfSubject::<Test>::contains_key(&TELCO, SUBJECT));
		// The discarded latest period was given back: cleared to the end of the first.
		assert_eq!(settled_until(), Some(period_of(&first).end + 1));
	});
}

#[test]
fn the_migration_counts_the_commitments_waiting_at_the_upgrade() {
	new_test_ext().execute_with(|| {
		register_usage_key();
		assert_ok!(anchor(&TELCO, SUBJECT, &records(2, 2_000), 1));
		assert_ok!(anchor(&TELCO, SUBJECT, &records(2, 2_000), 2));
		let _ = PendingOfSubject::<Test>::clear(u32::MAX, None);
		frame_support::traits::StorageVersion::new(1).put::<crate::Pallet<Test>>();

		crate::migrations::v2::MigrateV1ToV2::<Test>::on_runtime_upgrade();
		assert_eq!(PendingOfSubject::<Test>::get(&TELCO, SUBJECT), 2);
		assert_eq!(settled_until(), None);
		// Once only: a second run at version 2 counts nothing twice.
		crate::migrations::v2::MigrateV1ToV2::<Test>::on_runtime_upgrade();
		assert_eq!(PendingOfSubject::<Test>::get(&TELCO, SUBJECT), 2);
	});
}
