//! `bind_eid_commitment`: a subscriber binds its eUICCs' EID commitments to its identity.

use super::mock::*;
use crate::{EidHolders, Error, Event};
use frame_support::{assert_noop, assert_ok};
use gesim_primitives::{EidPossessionProof, IdentityInspect};
use sp_runtime::DispatchError;

#[test]
fn adds_the_commitment() {
	new_test_ext().execute_with(|| {
		issue_by(&ALICE_TELCO, &SUBSCRIBER);

		assert_ok!(bind(&SUBSCRIBER, eid(1)));
		assert_ok!(bind(&SUBSCRIBER, eid(2)));

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
		bind(&SUBSCRIBER, eid(1)).unwrap();
		assert_noop!(bind(&SUBSCRIBER, eid(1)), Error::<Test>::EidAlreadyBound);
	});
}

#[test]
fn refuses_more_than_max_eid_commitments() {
	new_test_ext().execute_with(|| {
		issue_by(&ALICE_TELCO, &SUBSCRIBER);
		for n in 0..MAX_EIDS as u8 {
			bind(&SUBSCRIBER, eid(n)).unwrap();
		}
		assert_noop!(bind(&SUBSCRIBER, eid(99)), Error::<Test>::TooManyEids);
	});
}

#[test]
fn refuses_an_account_without_identity() {
	new_test_ext().execute_with(|| {
		assert_noop!(bind(&SUBSCRIBER, eid(1)), Error::<Test>::NoIdentity);
	});
}

#[test]
fn refuses_a_revoked_identity() {
	new_test_ext().execute_with(|| {
		issue_by(&ALICE_TELCO, &SUBSCRIBER);
		SbtIdentity::revoke(RuntimeOrigin::signed(ALICE_TELCO), SUBSCRIBER).unwrap();
		assert_noop!(bind(&SUBSCRIBER, eid(1)), Error::<Test>::Revoked);
	});
}

#[test]
fn refuses_an_unsigned_origin() {
	new_test_ext().execute_with(|| {
		issue_by(&ALICE_TELCO, &SUBSCRIBER);
		assert_noop!(
			SbtIdentity::bind_eid_commitment(
				RuntimeOrigin::root(),
				eid(1),
				eid_proof(&SUBSCRIBER, &eid(1))
			),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn refuses_a_commitment_another_live_identity_holds() {
	new_test_ext().execute_with(|| {
		issue_by(&ALICE_TELCO, &SUBSCRIBER);
		issue_by(&BOB_TELCO, &OTHER_SUBSCRIBER);
		assert_ok!(bind(&SUBSCRIBER, eid(1)));
		assert_eq!(EidHolders::<Test>::get(eid(1)), Some(SUBSCRIBER));

		// Knowing the opening is not enough: one eUICC stands behind one subscriber.
		assert_noop!(bind(&OTHER_SUBSCRIBER, eid(1)), Error::<Test>::EidHeldByAnother);

		// Unbound, it is free again.
		assert_ok!(SbtIdentity::unbind_eid_commitment(RuntimeOrigin::signed(SUBSCRIBER), eid(1)));
		assert_eq!(EidHolders::<Test>::get(eid(1)), None);
		assert_ok!(bind(&OTHER_SUBSCRIBER, eid(1)));
		assert_eq!(EidHolders::<Test>::get(eid(1)), Some(OTHER_SUBSCRIBER));
	});
}

#[test]
fn a_commitment_of_a_revoked_identity_is_free() {
	new_test_ext().execute_with(|| {
		issue_by(&ALICE_TELCO, &SUBSCRIBER);
		issue_by(&BOB_TELCO, &OTHER_SUBSCRIBER);
		assert_ok!(bind(&SUBSCRIBER, eid(1)));
		SbtIdentity::revoke(RuntimeOrigin::root(), SUBSCRIBER).unwrap();

		// The revoked record still lists it; the holder entry is stale and gets replaced.
		assert_ok!(bind(&OTHER_SUBSCRIBER, eid(1)));
		assert_eq!(EidHolders::<Test>::get(eid(1)), Some(OTHER_SUBSCRIBER));
		assert!(SbtIdentity::holds_eid_commitment(&OTHER_SUBSCRIBER, &eid(1)));
	});
}

#[test]
fn refuses_a_proof_that_does_not_verify() {
	new_test_ext().execute_with(|| {
		issue_by(&ALICE_TELCO, &SUBSCRIBER);
		// A proof made by (or copied from) another account.
		let copied = eid_proof(&OTHER_SUBSCRIBER, &eid(1));
		assert_noop!(
			SbtIdentity::bind_eid_commitment(RuntimeOrigin::signed(SUBSCRIBER), eid(1), copied),
			Error::<Test>::EidProofRejected
		);
		// A proof for another commitment.
		assert_noop!(
			SbtIdentity::bind_eid_commitment(
				RuntimeOrigin::signed(SUBSCRIBER),
				eid(1),
				eid_proof(&SUBSCRIBER, &eid(2))
			),
			Error::<Test>::EidProofRejected
		);
		assert_eq!(EidHolders::<Test>::get(eid(1)), None);
	});
}

#[test]
fn refuses_a_proof_under_a_key_that_is_not_live() {
	new_test_ext().execute_with(|| {
		issue_by(&ALICE_TELCO, &SUBSCRIBER);
		let proof = EidPossessionProof { key_version: 2, ..eid_proof(&SUBSCRIBER, &eid(1)) };
		assert_noop!(
			SbtIdentity::bind_eid_commitment(RuntimeOrigin::signed(SUBSCRIBER), eid(1), proof),
			Error::<Test>::NoEidKey
		);
	});
}
