//! `RoamingLedger::book_usage`: proved usage becomes a payable from the home operator to the
//! visited one, computed exactly.

use super::*;
use crate::{roaming_charge, Error, Event, Outstanding, RoamingTerms, MAX_OUTSTANDING};
use frame_support::{assert_noop, assert_ok};

/// An agreement between ALPHA and BRAVO on `rate_per_mb` and `share_bps`.
fn agreement_at(rate_per_mb: StablecoinAmount, share_bps: u16) -> AgreementId {
	agree(
		ALPHA,
		BRAVO,
		RoamingTerms { rate_per_mb, revenue_share_bps: share_bps, ..wholesale() },
	)
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
		// Nothing moves before the netting.
		assert_eq!(balance(ALPHA), STARTING_BALANCE);
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
		let other = agreement_at(20_000, 7_500);
		assert_eq!(book(other, ALPHA, 33_333_333), Ok(499_999));
		assert_eq!(agreement(id).payable_to_proposer, 2);
		assert_conserved();
	});
}

#[test]
fn the_charge_is_exact_up_to_the_largest_volume() {
	new_test_ext().execute_with(|| {
		// u64::MAX bytes at a dollar per MB, all invoiced: u64::MAX units, to the unit.
		let id = agreement_at(DOLLAR, 10_000);
		assert_eq!(book(id, ALPHA, u64::MAX), Ok(u64::MAX as StablecoinAmount));
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
		let other = agreement_at(StablecoinAmount::MAX / 2, 1);
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
		assert_noop!(book(id, ALPHA, MB), Error::<Test>::AgreementTerminated);
		let later = agree(ALPHA, BRAVO, RoamingTerms { valid_from: 5, ..wholesale() });
		assert_noop!(book(later, ALPHA, MB), Error::<Test>::AgreementNotYetValid);
	});
}

#[test]
fn a_bill_and_keep_agreement_books_nothing_owed() {
	new_test_ext().execute_with(|| {
		let id = agreement_at(0, 10_000);
		assert_eq!(book(id, ALPHA, 500 * MB), Ok(0));
		assert_eq!(agreement(id).payable_to_proposer, 0);
		assert_conserved();
	});
}
