//! `RoamingLedger::book_usage`: proved usage becomes a payable from the home operator to the
//! visited one, computed exactly, within the credit limit and covered by the home operator's
//! deposit; usage anchored while the agreement was in force is booked within the grace after
//! it ended.

use super::*;
use crate::{
	roaming_charge, BookedPayables, Error, Event, Outstanding, RoamingTerms, MAX_OUTSTANDING,
	NO_CREDIT_LIMIT,
};
use frame_support::{assert_noop, assert_ok};

/// An agreement between ALPHA and BRAVO on `rate_per_mb` and `share_bps`, each with 10 dollars
/// deposited.
fn agreement_at(rate_per_mb: StablecoinAmount, share_bps: u16) -> AgreementId {
	deposit(ALPHA, 10 * DOLLAR);
	deposit(BRAVO, 10 * DOLLAR);
	agree(ALPHA, BRAVO, RoamingTerms { rate_per_mb, revenue_share_bps: share_bps, ..wholesale() })
}

#[test]
fn usage_is_booked_as_a_payable_from_the_home_operator_to_the_visited_one() {
	new_test_ext().execute_with(|| {
		let id = agreement_at(10_000, 10_000);
		// BRAVO's subscribers on ALPHA's network: BRAVO owes ALPHA.
		assert_eq!(book(id, ALPHA, 300 * MB), Ok(3_000_000));
		assert_eq!(
			last_event(),
			Some(Event::UsageBooked {
				agreement: id,
				visited: ALPHA,
				home: BRAVO,
				bytes: 300 * MB,
				amount: 3_000_000,
				accrued: 3_000_000,
			})
		);
		// ALPHA's subscribers on BRAVO's network, the other way.
		assert_eq!(book(id, BRAVO, 120 * MB + 500_000), Ok(1_205_000));
		assert_eq!(book(id, ALPHA, MB), Ok(10_000));
		assert_eq!(
			last_event(),
			Some(Event::UsageBooked {
				agreement: id,
				visited: ALPHA,
				home: BRAVO,
				bytes: MB,
				amount: 10_000,
				accrued: 3_010_000,
			})
		);

		let record = agreement(id);
		assert_eq!(record.payable_to_proposer, 3_010_000);
		assert_eq!(record.payable_to_counterparty, 1_205_000);
		assert_eq!(Outstanding::<Test>::get(), 4_215_000);
		assert_eq!(BookedPayables::<Test>::get(BRAVO), 3_010_000);
		assert_eq!(BookedPayables::<Test>::get(ALPHA), 1_205_000);
		// Nothing moves before the netting.
		assert_eq!(balance(ALPHA), STARTING_BALANCE - 10 * DOLLAR);
		assert_conserved();
	});
}

#[test]
fn the_visited_operator_invoices_its_share_of_the_wholesale_charge() {
	new_test_ext().execute_with(|| {
		// 2 cents per MB, 75 % of it invoiced: 300 MB → 300 × 20 000 × 0.75.
		let id = agreement_at(20_000, 7_500);
		assert_eq!(book(id, BRAVO, 300 * MB), Ok(4_500_000));
		assert_eq!(agreement(id).payable_to_counterparty, 4_500_000);
	});
}

#[test]
fn the_charge_is_multiplied_out_first_and_rounded_down_once() {
	new_test_ext().execute_with(|| {
		// 1.5 MB at one unit per MB, 80 % invoiced: exactly 1.2 units, booked as 1. Rounding
		// per MB first (1 unit) and then the share (0.8) would book nothing.
		let id = agreement_at(1, 8_000);
		assert_eq!(book(id, ALPHA, 1_500_000), Ok(1));
		// 1 249 999 bytes is 0.999 999 2 units: none; 1 250 000 bytes is exactly 1.
		assert_eq!(book(id, ALPHA, 1_249_999), Ok(0));
		assert_eq!(book(id, ALPHA, 1_250_000), Ok(1));
		// 33 333 333 bytes at 2 cents per MB, 75 %: 499 999.995 → 499 999.
		let other = agree(
			ALPHA,
			BRAVO,
			RoamingTerms { rate_per_mb: 20_000, revenue_share_bps: 7_500, ..wholesale() },
		);
		assert_eq!(book(other, ALPHA, 33_333_333), Ok(499_999));
		assert_eq!(agreement(id).payable_to_proposer, 2);
		assert_conserved();
	});
}

#[test]
fn the_charge_is_exact_up_to_the_largest_volume() {
	new_test_ext().execute_with(|| {
		// u64::MAX bytes at a dollar per MB, all invoiced: u64::MAX units, to the unit.
		let largest = u64::MAX as StablecoinAmount;
		fund(BRAVO, largest);
		deposit(BRAVO, largest);
		let unlimited =
			RoamingTerms { rate_per_mb: DOLLAR, credit_limit: NO_CREDIT_LIMIT, ..wholesale() };
		let id = agree(ALPHA, BRAVO, unlimited);
		assert_eq!(book(id, ALPHA, u64::MAX), Ok(largest));
		assert_eq!(roaming_charge(u64::MAX, DOLLAR, 10_000), Some(18_446_744_073_709_551_615));
		assert_conserved();
	});
}

#[test]
fn a_charge_that_overflows_is_refused_and_books_nothing() {
	new_test_ext().execute_with(|| {
		// bytes × rate fits, × share does not.
		let id = agreement_at(StablecoinAmount::MAX / (1 << 40), 10_000);
		assert_noop!(book(id, ALPHA, 1 << 39), Error::<Test>::ChargeOverflow);
		// bytes × rate already overflows.
		let other = agree(
			ALPHA,
			BRAVO,
			RoamingTerms {
				rate_per_mb: StablecoinAmount::MAX / 2,
				revenue_share_bps: 1,
				..wholesale()
			},
		);
		assert_noop!(book(other, ALPHA, 3), Error::<Test>::ChargeOverflow);
		assert_eq!(roaming_charge(3, StablecoinAmount::MAX / 2, 1), None);
		assert_conserved();
	});
}

#[test]
fn payables_beyond_what_netting_can_hold_are_refused() {
	new_test_ext().execute_with(|| {
		let id = agreement_at(10_000, 10_000);
		assert_ok!(book(id, ALPHA, MB));
		// As if the rest of the bound were owed elsewhere.
		Outstanding::<Test>::put(MAX_OUTSTANDING - 10_000);
		assert_ok!(book(id, ALPHA, MB));
		assert_eq!(Outstanding::<Test>::get(), MAX_OUTSTANDING);
		assert_noop!(book(id, ALPHA, 100_000), Error::<Test>::PayableOverflow);
	});
}

#[test]
fn usage_is_booked_only_where_it_may_be_invoiced() {
	new_test_ext().execute_with(|| {
		let proposal = propose(ALPHA, BRAVO, wholesale());
		let id = agreement_at(10_000, 10_000);
		assert_noop!(book(7, ALPHA, MB), Error::<Test>::UnknownAgreement);
		assert_noop!(book(proposal, ALPHA, MB), Error::<Test>::AgreementNotAccepted);
		assert_noop!(book(id, CHARLIE, MB), Error::<Test>::NotAParty);
		System::set_block_number(1_001);
		assert_noop!(book(id, ALPHA, MB), Error::<Test>::AgreementExpired);
		System::set_block_number(2);
		assert_ok!(Roaming::terminate_agreement(RuntimeOrigin::signed(ALPHA), id));
		System::set_block_number(3);
		assert_noop!(book(id, ALPHA, MB), Error::<Test>::AgreementTerminated);
		System::set_block_number(2 + SETTLEMENT_GRACE + 1);
		assert_noop!(book_anchored(id, ALPHA, MB, 2), Error::<Test>::SettlementGraceOver);
		let later = agree(ALPHA, BRAVO, RoamingTerms { valid_from: 50, ..wholesale() });
		assert_noop!(book(later, ALPHA, MB), Error::<Test>::AgreementNotYetValid);
	});
}

#[test]
fn a_bill_and_keep_agreement_books_nothing_owed() {
	new_test_ext().execute_with(|| {
		// Nothing deposited, and a credit limit of zero: nothing is ever owed.
		let free = RoamingTerms { rate_per_mb: 0, credit_limit: 0, ..wholesale() };
		let id = agree(ALPHA, BRAVO, free);
		assert_eq!(book(id, ALPHA, 500 * MB), Ok(0));
		assert_eq!(agreement(id).payable_to_proposer, 0);
		assert!(!BookedPayables::<Test>::contains_key(BRAVO));
		assert_conserved();
	});
}

#[test]
fn booking_beyond_the_home_operators_deposit_is_refused() {
	new_test_ext().execute_with(|| {
		let id = agree(ALPHA, BRAVO, wholesale());
		deposit(BRAVO, 2 * DOLLAR);
		// 3 dollars owed by BRAVO, which holds 2.
		assert_noop!(book(id, ALPHA, 300 * MB), Error::<Test>::InsufficientCollateral);
		assert_eq!(agreement(id).payable_to_proposer, 0);
		assert_eq!(Outstanding::<Test>::get(), 0);
		// Exactly the deposit is covered.
		assert_eq!(book(id, ALPHA, 200 * MB), Ok(2 * DOLLAR));
		assert_noop!(book(id, ALPHA, 100_000), Error::<Test>::InsufficientCollateral);
		assert_conserved();
	});
}

#[test]
fn a_booking_refused_for_collateral_succeeds_once_the_home_operator_deposits_more() {
	new_test_ext().execute_with(|| {
		let id = agree(ALPHA, BRAVO, wholesale());
		assert_noop!(book(id, ALPHA, 300 * MB), Error::<Test>::InsufficientCollateral);
		deposit(BRAVO, 3 * DOLLAR);
		assert_eq!(book(id, ALPHA, 300 * MB), Ok(3 * DOLLAR));
		assert_conserved();
	});
}

#[test]
fn the_home_operators_carried_debt_and_other_payables_use_its_collateral_too() {
	new_test_ext().execute_with(|| {
		// BRAVO carries a debt of 2 dollars with ALPHA, and holds 5.
		let orange = vodafone_short_by_two_dollars();
		deposit(BRAVO, 5 * DOLLAR);
		let telefonica = agree(CHARLIE, BRAVO, wholesale());
		assert_ok!(book(telefonica, CHARLIE, 200 * MB));
		// 2 carried + 2 booked with CHARLIE leave 1 dollar, whichever agreement books it.
		assert_noop!(book(orange, ALPHA, 101 * MB), Error::<Test>::InsufficientCollateral);
		assert_eq!(book(orange, ALPHA, 100 * MB), Ok(DOLLAR));
		assert_noop!(book(telefonica, CHARLIE, MB), Error::<Test>::InsufficientCollateral);
		assert_conserved();
	});
}

#[test]
fn booking_beyond_the_credit_limit_is_refused() {
	new_test_ext().execute_with(|| {
		deposit(ALPHA, 50 * DOLLAR);
		deposit(BRAVO, 50 * DOLLAR);
		let id = agree(ALPHA, BRAVO, RoamingTerms { credit_limit: 3 * DOLLAR, ..wholesale() });
		assert_ok!(book(id, ALPHA, 200 * MB));
		assert_noop!(book(id, ALPHA, 101 * MB), Error::<Test>::CreditLimitExceeded);
		// Up to the limit exactly; each direction has its own.
		assert_eq!(book(id, ALPHA, 100 * MB), Ok(DOLLAR));
		assert_noop!(book(id, ALPHA, MB), Error::<Test>::CreditLimitExceeded);
		assert_eq!(book(id, BRAVO, 300 * MB), Ok(3 * DOLLAR));
		assert_eq!(agreement(id).payable_to_proposer, 3 * DOLLAR);
		assert_conserved();
	});
}

#[test]
fn the_credit_limit_applies_between_two_settlements() {
	new_test_ext().execute_with(|| {
		deposit(BRAVO, 50 * DOLLAR);
		let id = agree(ALPHA, BRAVO, RoamingTerms { credit_limit: 3 * DOLLAR, ..wholesale() });
		assert_ok!(book(id, ALPHA, 300 * MB));
		assert_noop!(book(id, ALPHA, MB), Error::<Test>::CreditLimitExceeded);
		run_to_block(10);
		assert_eq!(book(id, ALPHA, 300 * MB), Ok(3 * DOLLAR));
		assert_conserved();
	});
}

#[test]
fn usage_anchored_before_termination_is_booked_in_the_settlement_grace() {
	new_test_ext().execute_with(|| {
		let id = agreement_at(10_000, 10_000);
		// Usage anchored in block 1; BRAVO terminates in block 3, before it is proved.
		System::set_block_number(3);
		assert_ok!(Roaming::terminate_agreement(RuntimeOrigin::signed(BRAVO), id));
		System::set_block_number(4);
		assert_eq!(book_anchored(id, ALPHA, 100 * MB, 1), Ok(1_000_000));
		// Anchored in the block of the termination still counts; later does not.
		assert_eq!(book_anchored(id, ALPHA, MB, 3), Ok(10_000));
		assert_noop!(book_anchored(id, ALPHA, MB, 4), Error::<Test>::AgreementTerminated);
		// Until the last block of the grace.
		System::set_block_number(3 + SETTLEMENT_GRACE);
		assert_ok!(book_anchored(id, ALPHA, MB, 2));
		System::set_block_number(3 + SETTLEMENT_GRACE + 1);
		assert_noop!(book_anchored(id, ALPHA, MB, 2), Error::<Test>::SettlementGraceOver);
		assert_conserved();
	});
}

#[test]
fn usage_anchored_before_the_validity_ended_is_booked_in_the_settlement_grace() {
	new_test_ext().execute_with(|| {
		deposit(BRAVO, 5 * DOLLAR);
		let id = agree(ALPHA, BRAVO, RoamingTerms { valid_until: 3, ..wholesale() });
		// Anchored in block 1, proved in block 4, after the validity's last block.
		System::set_block_number(4);
		assert_eq!(book_anchored(id, ALPHA, 100 * MB, 1), Ok(1_000_000));
		assert_noop!(book_anchored(id, ALPHA, MB, 4), Error::<Test>::AgreementExpired);
		System::set_block_number(3 + SETTLEMENT_GRACE + 1);
		assert_noop!(book_anchored(id, ALPHA, MB, 3), Error::<Test>::SettlementGraceOver);
		assert_conserved();
	});
}
