//! `bind_eid_commitment`: a subscriber binds its eUICCs' EID commitments to its identity.

use super::mock::*;
use crate::{Error, Event};
use frame_support::{assert_noop, assert_ok};
use gesim_primitives::IdentityInspect;
use sp_runtime::DispatchError;

#[test]
fn adds_the_commitment() {
	new_test_ext().execute_with(|| {
		issue_by(&ALICE_TELCO, &SUBSCRIBER);

		assert_ok!(SbtIdentity::bind_eid_commitment(RuntimeOrigin::signed(SUBSCRIBER), eid(1)));
		assert_ok!(SbtIdentity::bind_eid_commitment(RuntimeOrigin::signed(SUBSCRIBER), eid(2)));

		assert_eq!(identity(&SUBSCRIBER).eid_commitments.to_vec(), vec![eid(1), eid(2)]);
		assert!(SbtIdentity::holds_eid_commitment(&SUBSCRIBER, &eid(1)));
		assert!(!SbtIdentity::holds_eid_commitment(&SUBSCRIBER, &eid(3)));
		assert!(!SbtIdentity::holds_eid_commitment(&OTHER_SUBSCRIBER, &eid(1)));
		assert_eq!(
			last_event(),
			Event::EidBound { subscriber: SUBSCRIBER, commitment: eid(2) }.into()
		);
	});
}

#[test]
fn refuses_a_commitment_already_bound() {
	new_test_ext().execute_with(|| {
		issue_by(&ALICE_TELCO, &SUBSCRIBER);
		SbtIdentity::bind_eid_commitment(RuntimeOrigin::signed(SUBSCRIBER), eid(1)).unwrap();
		assert_noop!(
			SbtIdentity::bind_eid_commitment(RuntimeOrigin::signed(SUBSCRIBER), eid(1)),
			Error::<Test>::EidAlreadyBound
		);
	});
}

#[test]
fn refuses_more_than_max_eid_commitments() {
	new_test_ext().execute_with(|| {
		issue_by(&ALICE_TELCO, &SUBSCRIBER);
		for n in 0..MAX_EIDS as u8 {
			SbtIdentity::bind_eid_commitment(RuntimeOrigin::signed(SUBSCRIBER), eid(n)).unwrap();
		}
		assert_noop!(
			SbtIdentity::bind_eid_commitment(RuntimeOrigin::signed(SUBSCRIBER), eid(99)),
			Error::<Test>::TooManyEids
		);
	});
}

#[test]
fn refuses_an_account_without_identity() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			SbtIdentity::bind_eid_commitment(RuntimeOrigin::signed(SUBSCRIBER), eid(1)),
			Error::<Test>::NoIdentity
		);
	});
}

#[test]
fn refuses_a_revoked_identity() {
	new_test_ext().execute_with(|| {
		issue_by(&ALICE_TELCO, &SUBSCRIBER);
		SbtIdentity::revoke(RuntimeOrigin::signed(ALICE_TELCO), SUBSCRIBER).unwrap();
		assert_noop!(
			SbtIdentity::bind_eid_commitment(RuntimeOrigin::signed(SUBSCRIBER), eid(1)),
			Error::<Test>::Revoked
		);
	});
}

#[test]
fn refuses_an_unsigned_origin() {
	new_test_ext().execute_with(|| {
		issue_by(&ALICE_TELCO, &SUBSCRIBER);
		assert_noop!(
			SbtIdentity::bind_eid_commitment(RuntimeOrigin::root(), eid(1)),
			DispatchError::BadOrigin
		);
	});
}
