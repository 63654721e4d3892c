use super::mock::*;
use crate::{Error, Event, PendingCount, PendingUsage};
use frame_support::{assert_noop, assert_ok};
use frame_system::RawOrigin;
use gesim_primitives::UsageSubject;

#[test]
fn a_discarded_commitment_frees_its_place_and_consumes_its_nonce() {
	new_test_ext().execute_with(|| {
		register_usage_key();
		let batch = records(3, 3_000);
		assert_ok!(anchor(&TELCO, UsageSubject::Entitlement(ENTITLEMENT), &batch, 1));
		assert_eq!(PendingCount::<Test>::get(&TELCO), 1);

		assert_ok!(crate::Pallet::<Test>::discard_usage(RawOrigin::Signed(TELCO).into(), 1));
		assert!(!PendingUsage::<Test>::contains_key(&TELCO, 1));
		assert!(!PendingCount::<Test>::contains_key(&TELCO));
		assert_eq!(last_event(), Event::UsageDiscarded { telco: TELCO, nonce: 1 });
		// A corrected batch takes a new nonce: the old one can never be settled.
		assert_noop!(
			anchor(&TELCO, UsageSubject::Entitlement(ENTITLEMENT), &records(2, 2_000), 1),
			Error::<Test>::NonceConsumed
		);
		assert_ok!(anchor(&TELCO, UsageSubject::Entitlement(ENTITLEMENT), &records(2, 2_000), 2));
	});
}

#[test]
fn only_the_anchoring_telco_discards_its_commitment() {
	new_test_ext().execute_with(|| {
		register_usage_key();
		assert_ok!(anchor(&TELCO, UsageSubject::Entitlement(ENTITLEMENT), &records(3, 3_000), 1));
		assert_noop!(
			crate::Pallet::<Test>::discard_usage(RawOrigin::Signed(OTHER_TELCO).into(), 1),
			Error::<Test>::UnknownCommitment
		);
		assert_noop!(
			crate::Pallet::<Test>::discard_usage(RawOrigin::Signed(TELCO).into(), 2),
			Error::<Test>::UnknownCommitment
		);
	});
}
