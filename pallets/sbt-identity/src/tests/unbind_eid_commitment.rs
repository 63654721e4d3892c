//! `unbind_eid_commitment`: a subscriber removes an EID commitment from its identity.

use super::mock::*;
use crate::{Error, Event};
use frame_support::{assert_noop, assert_ok};
use gesim_primitives::IdentityInspect;
use sp_runtime::DispatchError;

fn with_eids(eids: &[u8]) {
	issue_by(&ALICE_TELCO, &SUBSCRIBER);
	for n in eids {
		bind(&SUBSCRIBER, eid(*n)).unwrap();
	}
}

#[test]
fn removes_the_commitment() {
	new_test_ext().execute_with(|| {
		with_eids(&[1, 2, 3]);

		assert_ok!(SbtIdentity::unbind_eid_commitment(RuntimeOrigin::signed(SUBSCRIBER), eid(2)));

		assert_eq!(identity(&SUBSCRIBER).eid_commitments.to_vec(), vec![eid(1), eid(3)]);
		assert!(!SbtIdentity::holds_eid_commitment(&SUBSCRIBER, &eid(2)));
		assert_eq!(
			last_event(),
			Event::EidUnbound { subscriber: SUBSCRIBER, commitment: eid(2) }.into()
		);
		// The freed slot takes another commitment.
		assert_ok!(bind(&SUBSCRIBER, eid(4)));
	});
}

#[test]
fn refuses_a_commitment_not_bound() {
	new_test_ext().execute_with(|| {
		with_eids(&[1]);
		assert_noop!(
			SbtIdentity::unbind_eid_commitment(RuntimeOrigin::signed(SUBSCRIBER), eid(2)),
			Error::<Test>::EidNotBound
		);
	});
}

#[test]
fn refuses_an_account_without_identity() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			SbtIdentity::unbind_eid_commitment(RuntimeOrigin::signed(SUBSCRIBER), eid(1)),
			Error::<Test>::NoIdentity
		);
	});
}

#[test]
fn refuses_a_revoked_identity() {
	new_test_ext().execute_with(|| {
		with_eids(&[1]);
		SbtIdentity::revoke(RuntimeOrigin::root(), SUBSCRIBER).unwrap();
		assert_noop!(
			SbtIdentity::unbind_eid_commitment(RuntimeOrigin::signed(SUBSCRIBER), eid(1)),
			Error::<Test>::Revoked
		);
	});
}

#[test]
fn refuses_an_unsigned_origin() {
	new_test_ext().execute_with(|| {
		with_eids(&[1]);
		assert_noop!(
			SbtIdentity::unbind_eid_commitment(RuntimeOrigin::root(), eid(1)),
			DispatchError::BadOrigin
		);
	});
}
