//! `rotate_receipt_key`: a new SM-DP+ receipt key, the previous one honoured for a grace period.

use super::mock::*;
use crate::{Error, Event, RetiringReceiptKey, Telcos};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

const NEW_KEY: [u8; 32] = [0xC3; 32];

#[test]
fn switches_keys_and_honours_the_old_one_for_the_grace_period() {
	new_test_ext().execute_with(|| {
		active_alice();
		System::set_block_number(5);

		assert_ok!(TelcoRegistry::rotate_receipt_key(RuntimeOrigin::signed(ALICE), NEW_KEY));

		let record = Telcos::<Test>::get(ALICE).unwrap();
		assert_eq!(record.receipt_key, NEW_KEY);
		assert_eq!(
			record.retiring_receipt_key,
			Some(RetiringReceiptKey { key: ALICE_KEY, retires_at: 5 + GRACE })
		);
		assert_eq!(TelcoRegistry::receipt_key(&ALICE), Some(NEW_KEY));
		assert_eq!(
			last_event(),
			Event::ReceiptKeyRotated {
				telco: ALICE,
				new_key: NEW_KEY,
				previous_retires_at: 5 + GRACE
			}
			.into()
		);

		assert!(TelcoRegistry::is_valid_receipt_key(&ALICE, &NEW_KEY));
		assert!(TelcoRegistry::is_valid_receipt_key(&ALICE, &ALICE_KEY));
		System::set_block_number(5 + GRACE - 1);
		assert!(TelcoRegistry::is_valid_receipt_key(&ALICE, &ALICE_KEY), "last block of grace");
		System::set_block_number(5 + GRACE);
		assert!(!TelcoRegistry::is_valid_receipt_key(&ALICE, &ALICE_KEY), "grace over");
		assert!(TelcoRegistry::is_valid_receipt_key(&ALICE, &NEW_KEY));
	});
}

#[test]
fn a_second_rotation_drops_the_key_before_the_last() {
	new_test_ext().execute_with(|| {
		active_alice();
		assert_ok!(TelcoRegistry::rotate_receipt_key(RuntimeOrigin::signed(ALICE), NEW_KEY));
		assert_ok!(TelcoRegistry::rotate_receipt_key(RuntimeOrigin::signed(ALICE), [0xD4; 32]));

		assert!(!TelcoRegistry::is_valid_receipt_key(&ALICE, &ALICE_KEY));
		assert!(TelcoRegistry::is_valid_receipt_key(&ALICE, &NEW_KEY));
		assert!(TelcoRegistry::is_valid_receipt_key(&ALICE, &[0xD4; 32]));
	});
}

#[test]
fn keys_are_per_operator() {
	new_test_ext().execute_with(|| {
		active_alice();
		apply_with(BOB, bob_plmn(), BOB_KEY);
		assert!(!TelcoRegistry::is_valid_receipt_key(&ALICE, &BOB_KEY));
		assert!(!TelcoRegistry::is_valid_receipt_key(&CHARLIE, &ALICE_KEY), "unknown operator");
	});
}

#[test]
fn refuses_the_current_key() {
	new_test_ext().execute_with(|| {
		active_alice();
		assert_noop!(
			TelcoRegistry::rotate_receipt_key(RuntimeOrigin::signed(ALICE), ALICE_KEY),
			Error::<Test>::SameKey
		);
	});
}

#[test]
fn refuses_an_unknown_account() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			TelcoRegistry::rotate_receipt_key(RuntimeOrigin::signed(BOB), NEW_KEY),
			Error::<Test>::UnknownTelco
		);
	});
}

#[test]
fn refuses_an_unsigned_origin() {
	new_test_ext().execute_with(|| {
		active_alice();
		assert_noop!(
			TelcoRegistry::rotate_receipt_key(RuntimeOrigin::root(), NEW_KEY),
			DispatchError::BadOrigin
		);
	});
}
