//! `booking_headroom`, `free_deposit` and `obligations`: what a visited operator can read
//! before serving, and what an operator's deposit must cover.

use super::*;
use crate::RoamingTerms;
use frame_support::assert_ok;

#[test]
fn the_headroom_is_what_is_left_of_the_credit_limit_or_of_the_home_deposit() {
	new_test_ext().execute_with(|| {
		let id = agree(ALPHA, BRAVO, RoamingTerms { credit_limit: 5 * DOLLAR, ..wholesale() });
		// BRAVO, the home operator for usage on ALPHA's network, has deposited nothing.
		assert_eq!(Roaming::booking_headroom(id, &ALPHA), Some(0));
		deposit(BRAVO, 3 * DOLLAR);
		assert_eq!(Roaming::booking_headroom(id, &ALPHA), Some(3 * DOLLAR));
		deposit(BRAVO, 7 * DOLLAR);
		assert_eq!(Roaming::booking_headroom(id, &ALPHA), Some(5 * DOLLAR));

		assert_ok!(book(id, ALPHA, 200 * MB));
		assert_eq!(Roaming::booking_headroom(id, &ALPHA), Some(3 * DOLLAR));
		assert_eq!(Roaming::obligations(&BRAVO), 2 * DOLLAR);
		assert_eq!(Roaming::free_deposit(&BRAVO), 8 * DOLLAR);
		// The other direction is ALPHA's deposit's business.
		assert_eq!(Roaming::booking_headroom(id, &BRAVO), Some(0));
		assert_conserved();
	});
}

#[test]
fn the_headroom_is_exactly_what_can_be_booked() {
	new_test_ext().execute_with(|| {
		let id = agree(ALPHA, BRAVO, wholesale());
		deposit(BRAVO, 2 * DOLLAR + 10_000);
		let headroom = Roaming::booking_headroom(id, &ALPHA).unwrap();
		// A cent per MB: the headroom buys 201 MB, and not a byte's charge more.
		assert_eq!(headroom, 2_010_000);
		assert!(book(id, ALPHA, 202 * MB).is_err());
		assert_ok!(book(id, ALPHA, 201 * MB));
		assert_eq!(Roaming::booking_headroom(id, &ALPHA), Some(0));
	});
}

#[test]
fn a_netting_restores_the_headroom() {
	new_test_ext().execute_with(|| {
		let id = agree(ALPHA, BRAVO, RoamingTerms { credit_limit: 3 * DOLLAR, ..wholesale() });
		deposit(BRAVO, 10 * DOLLAR);
		assert_ok!(book(id, ALPHA, 300 * MB));
		assert_eq!(Roaming::booking_headroom(id, &ALPHA), Some(0));
		run_to_block(10);
		assert_eq!(Roaming::booking_headroom(id, &ALPHA), Some(3 * DOLLAR));
	});
}

#[test]
fn there_is_no_headroom_without_an_agreement_or_for_a_stranger() {
	new_test_ext().execute_with(|| {
		let id = agree(ALPHA, BRAVO, wholesale());
		assert_eq!(Roaming::booking_headroom(id + 1, &ALPHA), None);
		assert_eq!(Roaming::booking_headroom(id, &CHARLIE), None);
	});
}
