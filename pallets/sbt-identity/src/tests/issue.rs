//! `issue`: an active telco gives a subscriber one soulbound identity.

use super::mock::*;
use crate::{Error, Event, Identities, IdentityCollection, NextItem};
use frame_support::{assert_noop, assert_ok, traits::tokens::nonfungibles_v2::Inspect};
use gesim_primitives::IdentityInspect;
use sp_runtime::DispatchError;

#[test]
fn mints_a_soulbound_item_and_records_the_attestation() {
	new_test_ext().execute_with(|| {
		System::set_block_number(7);
		assert_ok!(SbtIdentity::issue(
			RuntimeOrigin::signed(ALICE_TELCO),
			SUBSCRIBER,
			DID_DOC,
			KYC
		));

		let record = identity(&SUBSCRIBER);
		assert_eq!(record.item, 0);
		assert_eq!((record.did_doc_hash, record.kyc_commitment), (DID_DOC, KYC));
		assert_eq!(record.issuer, ALICE_TELCO);
		assert!(record.eid_commitments.is_empty());
		assert_eq!((record.issued_at, record.revoked_at), (7, None));
		assert_eq!(record.deposit, IDENTITY_DEPOSIT);
		assert_eq!(NextItem::<Test>::get(), Some(1));

		assert_eq!(Nfts::owner(collection(), 0), Some(SUBSCRIBER));
		assert!(!Nfts::can_transfer(&collection(), &0));
		assert_eq!(SbtIdentity::verified_issuer(&SUBSCRIBER), Some(ALICE_TELCO));
		assert!(SbtIdentity::is_verified(&SUBSCRIBER));
		assert_eq!(
			last_event(),
			Event::Issued { subscriber: SUBSCRIBER, issuer: ALICE_TELCO, item: 0 }.into()
		);

		// The telco paid the deposit; the pallet account reserved pallet-nfts' share of it.
		assert_eq!(free(&ALICE_TELCO), TELCO_BALANCE - IDENTITY_DEPOSIT);
		assert_eq!(reserved(&pallet_account()), COLLECTION_DEPOSIT + ITEM_DEPOSIT);
		assert_eq!(free(&pallet_account()), 1 + IDENTITY_DEPOSIT - ITEM_DEPOSIT);
	});
}

#[test]
fn the_item_cannot_be_transferred() {
	new_test_ext().execute_with(|| {
		issue_by(&ALICE_TELCO, &SUBSCRIBER);
		assert_noop!(
			Nfts::transfer(RuntimeOrigin::signed(SUBSCRIBER), collection(), 0, OTHER_SUBSCRIBER),
			pallet_nfts::Error::<Test>::ItemsNonTransferable
		);
	});
}

#[test]
fn each_subscriber_gets_its_own_item() {
	new_test_ext().execute_with(|| {
		issue_by(&ALICE_TELCO, &SUBSCRIBER);
		issue_by(&BOB_TELCO, &OTHER_SUBSCRIBER);
		assert_eq!(identity(&OTHER_SUBSCRIBER).item, 1);
		assert_eq!(Nfts::owner(collection(), 1), Some(OTHER_SUBSCRIBER));
		assert_eq!(SbtIdentity::verified_issuer(&OTHER_SUBSCRIBER), Some(BOB_TELCO));
	});
}

#[test]
fn a_revoked_account_may_be_issued_a_new_identity() {
	new_test_ext().execute_with(|| {
		issue_by(&ALICE_TELCO, &SUBSCRIBER);
		bind(&SUBSCRIBER, eid(1)).unwrap();
		SbtIdentity::revoke(RuntimeOrigin::root(), SUBSCRIBER).unwrap();
		System::set_block_number(9);

		assert_ok!(SbtIdentity::issue(RuntimeOrigin::signed(BOB_TELCO), SUBSCRIBER, DID_DOC, KYC));

		let record = identity(&SUBSCRIBER);
		assert_eq!((record.item, record.issuer.clone()), (1, BOB_TELCO));
		assert_eq!((record.issued_at, record.revoked_at), (9, None));
		assert!(record.eid_commitments.is_empty(), "a new identity starts without EIDs");
		assert_eq!(Nfts::owner(collection(), 1), Some(SUBSCRIBER));
		assert_eq!(Nfts::owner(collection(), 0), None);
		assert_eq!(SbtIdentity::verified_issuer(&SUBSCRIBER), Some(BOB_TELCO));
	});
}

#[test]
fn creates_the_collection_on_first_use_when_genesis_did_not() {
	new_test_ext().execute_with(|| {
		IdentityCollection::<Test>::kill();
		// The pallet account needs the collection deposit once more.
		Balances::transfer_allow_death(
			RuntimeOrigin::signed(OUTSIDER),
			pallet_account(),
			COLLECTION_DEPOSIT,
		)
		.unwrap();

		issue_by(&ALICE_TELCO, &SUBSCRIBER);

		let created = IdentityCollection::<Test>::get().unwrap();
		assert_eq!(created, 1, "a second collection, after the genesis one");
		assert_eq!(Nfts::collection_owner(created), Some(pallet_account()));
		assert_eq!(Nfts::owner(created, 0), Some(SUBSCRIBER));
	});
}

#[test]
fn refuses_when_the_collection_cannot_be_created() {
	new_test_ext().execute_with(|| {
		IdentityCollection::<Test>::kill();
		assert_noop!(
			SbtIdentity::issue(RuntimeOrigin::signed(ALICE_TELCO), SUBSCRIBER, DID_DOC, KYC),
			Error::<Test>::CollectionUnfunded
		);
	});
}

#[test]
fn refuses_a_telco_that_is_not_active() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			SbtIdentity::issue(RuntimeOrigin::signed(OUTSIDER), SUBSCRIBER, DID_DOC, KYC),
			Error::<Test>::NotActiveTelco
		);
		gesim_primitives::testing::TestTelcos::set_active(&ALICE_TELCO, false);
		assert_noop!(
			SbtIdentity::issue(RuntimeOrigin::signed(ALICE_TELCO), SUBSCRIBER, DID_DOC, KYC),
			Error::<Test>::NotActiveTelco
		);
	});
}

#[test]
fn refuses_a_second_identity() {
	new_test_ext().execute_with(|| {
		issue_by(&ALICE_TELCO, &SUBSCRIBER);
		assert_noop!(
			SbtIdentity::issue(RuntimeOrigin::signed(BOB_TELCO), SUBSCRIBER, DID_DOC, KYC),
			Error::<Test>::AlreadyIdentified
		);
		assert_noop!(
			SbtIdentity::issue(RuntimeOrigin::signed(ALICE_TELCO), SUBSCRIBER, DID_DOC, KYC),
			Error::<Test>::AlreadyIdentified
		);
	});
}

#[test]
fn refuses_a_telco_that_cannot_pay_the_deposit() {
	new_test_ext().execute_with(|| {
		// POOR_TELCO holds exactly the deposit: paying it would reap the account.
		assert_noop!(
			SbtIdentity::issue(RuntimeOrigin::signed(POOR_TELCO), SUBSCRIBER, DID_DOC, KYC),
			Error::<Test>::InsufficientDeposit
		);
	});
}

#[test]
fn refuses_when_item_ids_are_exhausted() {
	new_test_ext().execute_with(|| {
		NextItem::<Test>::put(u32::MAX);
		assert_noop!(
			SbtIdentity::issue(RuntimeOrigin::signed(ALICE_TELCO), SUBSCRIBER, DID_DOC, KYC),
			Error::<Test>::ItemIdsExhausted
		);
	});
}

#[test]
fn refuses_an_unsigned_origin() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			SbtIdentity::issue(RuntimeOrigin::root(), SUBSCRIBER, DID_DOC, KYC),
			DispatchError::BadOrigin
		);
		assert!(!Identities::<Test>::contains_key(SUBSCRIBER));
	});
}
