//! `revoke`: the issuing telco or the council revokes an identity; the item is burnt, the
//! record stays, the issuer's deposit comes back.

use super::mock::*;
use crate::{Error, Event, Revoker};
use frame_support::{assert_noop, assert_ok};
use gesim_primitives::IdentityInspect;
use sp_runtime::DispatchError;

fn issued_with_eid() {
	issue_by(&ALICE_TELCO, &SUBSCRIBER);
	bind(&SUBSCRIBER, eid(1)).unwrap();
}

fn assert_revoked_at(block: u64) {
	let record = identity(&SUBSCRIBER);
	assert_eq!(record.revoked_at, Some(block));
	assert_eq!(record.issuer, ALICE_TELCO, "the record stays");
	assert_eq!(Nfts::owner(collection(), record.item), None, "the item is burnt");
	assert_eq!(SbtIdentity::verified_issuer(&SUBSCRIBER), None);
	assert!(!SbtIdentity::is_verified(&SUBSCRIBER));
	assert!(!SbtIdentity::holds_eid_commitment(&SUBSCRIBER, &eid(1)));
}

#[test]
fn the_issuer_revokes_and_gets_its_deposit_back() {
	new_test_ext().execute_with(|| {
		issued_with_eid();
		System::set_block_number(4);

		assert_ok!(SbtIdentity::revoke(RuntimeOrigin::signed(ALICE_TELCO), SUBSCRIBER));

		assert_revoked_at(4);
		assert_eq!(identity(&SUBSCRIBER).deposit, 0);
		assert_eq!(free(&ALICE_TELCO), TELCO_BALANCE);
		assert_eq!(
			(free(&pallet_account()), reserved(&pallet_account())),
			(1, COLLECTION_DEPOSIT),
			"the pallet account is back where it started"
		);
		assert_eq!(
			last_event(),
			Event::Revoked {
				subscriber: SUBSCRIBER,
				item: 0,
				revoker: Revoker::Issuer,
				deposit_refunded: IDENTITY_DEPOSIT
			}
			.into()
		);
	});
}

#[test]
fn the_council_revokes_even_when_the_issuer_is_no_longer_active() {
	new_test_ext().execute_with(|| {
		issued_with_eid();
		gesim_primitives::testing::TestTelcos::set_active(&ALICE_TELCO, false);

		assert_ok!(SbtIdentity::revoke(RuntimeOrigin::root(), SUBSCRIBER));

		assert_revoked_at(1);
		assert_eq!(free(&ALICE_TELCO), TELCO_BALANCE);
		assert_eq!(
			last_event(),
			Event::Revoked {
				subscriber: SUBSCRIBER,
				item: 0,
				revoker: Revoker::Council,
				deposit_refunded: IDENTITY_DEPOSIT
			}
			.into()
		);
	});
}

#[test]
fn a_suspended_issuer_may_still_revoke() {
	new_test_ext().execute_with(|| {
		issued_with_eid();
		gesim_primitives::testing::TestTelcos::set_active(&ALICE_TELCO, false);
		assert_ok!(SbtIdentity::revoke(RuntimeOrigin::signed(ALICE_TELCO), SUBSCRIBER));
		assert_revoked_at(1);
	});
}

#[test]
fn works_when_the_holder_burnt_the_item_itself() {
	new_test_ext().execute_with(|| {
		issued_with_eid();
		assert_ok!(Nfts::burn(RuntimeOrigin::signed(SUBSCRIBER), collection(), 0));
		assert_eq!(
			SbtIdentity::verified_issuer(&SUBSCRIBER),
			Some(ALICE_TELCO),
			"the record, not the item, is the identity"
		);

		assert_ok!(SbtIdentity::revoke(RuntimeOrigin::signed(ALICE_TELCO), SUBSCRIBER));

		assert_revoked_at(1);
		assert_eq!(free(&ALICE_TELCO), TELCO_BALANCE);
	});
}

#[test]
fn goes_through_when_the_issuer_cannot_take_the_refund() {
	new_test_ext().execute_with(|| {
		issued_with_eid();
		// The issuer empties and loses its account; the deposit is below the new minimum.
		Balances::transfer_all(RuntimeOrigin::signed(ALICE_TELCO), OUTSIDER, false).unwrap();
		ExistentialDeposit::set(IDENTITY_DEPOSIT + 1);
		let pallet_total_before = free(&pallet_account()) + reserved(&pallet_account());

		assert_ok!(SbtIdentity::revoke(RuntimeOrigin::root(), SUBSCRIBER));

		assert_revoked_at(1);
		assert_eq!(identity(&SUBSCRIBER).deposit, IDENTITY_DEPOSIT, "still owed, on record");
		assert_eq!(free(&ALICE_TELCO), 0);
		assert_eq!(
			free(&pallet_account()) + reserved(&pallet_account()),
			pallet_total_before,
			"kept by the pallet account"
		);
		assert_eq!(
			last_event(),
			Event::Revoked {
				subscriber: SUBSCRIBER,
				item: 0,
				revoker: Revoker::Council,
				deposit_refunded: 0
			}
			.into()
		);
	});
}

#[test]
fn refuses_anyone_but_the_issuer_or_the_council() {
	new_test_ext().execute_with(|| {
		issued_with_eid();
		assert_noop!(
			SbtIdentity::revoke(RuntimeOrigin::signed(BOB_TELCO), SUBSCRIBER),
			Error::<Test>::NotIssuer
		);
		assert_noop!(
			SbtIdentity::revoke(RuntimeOrigin::signed(SUBSCRIBER), SUBSCRIBER),
			Error::<Test>::NotIssuer
		);
		assert_noop!(
			SbtIdentity::revoke(RuntimeOrigin::none(), SUBSCRIBER),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn refuses_an_identity_already_revoked() {
	new_test_ext().execute_with(|| {
		issued_with_eid();
		SbtIdentity::revoke(RuntimeOrigin::root(), SUBSCRIBER).unwrap();
		assert_noop!(
			SbtIdentity::revoke(RuntimeOrigin::signed(ALICE_TELCO), SUBSCRIBER),
			Error::<Test>::AlreadyRevoked
		);
		assert_noop!(
			SbtIdentity::revoke(RuntimeOrigin::root(), SUBSCRIBER),
			Error::<Test>::AlreadyRevoked
		);
	});
}

#[test]
fn refuses_an_account_without_identity() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			SbtIdentity::revoke(RuntimeOrigin::root(), SUBSCRIBER),
			Error::<Test>::NoIdentity
		);
	});
}
