//! `withdraw`: stablecoin out of an operator's deposit, never below its obligations (carried
//! debt and booked payables).

use super::*;
use crate::{Deposits, Error, Event, Outstanding};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

fn withdraw(operator: AccountId, amount: StablecoinAmount) -> sp_runtime::DispatchResult {
	Roaming::withdraw(RuntimeOrigin::signed(operator), amount)
}

#[test]
fn an_operator_withdraws_part_then_all_of_its_deposit() {
	new_test_ext().execute_with(|| {
		deposit(ALPHA, 5 * DOLLAR);
		assert_ok!(withdraw(ALPHA, 2 * DOLLAR));
		assert_eq!(Deposits::<Test>::get(ALPHA), 3 * DOLLAR);
		assert_eq!(balance(ALPHA), STARTING_BALANCE - 3 * DOLLAR);
		assert_eq!(
			last_event(),
			Some(Event::Withdrawn { operator: ALPHA, amount: 2 * DOLLAR, deposit: 3 * DOLLAR })
		);

		assert_ok!(withdraw(ALPHA, 3 * DOLLAR));
		assert!(!Deposits::<Test>::contains_key(ALPHA));
		assert_eq!(balance(ALPHA), STARTING_BALANCE);
		assert_eq!(balance(Roaming::account_id()), MIN_BALANCE);
		assert_conserved();
	});
}

#[test]
fn a_zero_withdrawal_is_refused() {
	new_test_ext().execute_with(|| {
		deposit(ALPHA, DOLLAR);
		assert_noop!(withdraw(ALPHA, 0), Error::<Test>::ZeroAmount);
	});
}

#[test]
fn withdrawing_more_than_the_deposit_is_refused() {
	new_test_ext().execute_with(|| {
		assert_noop!(withdraw(ALPHA, 1), Error::<Test>::InsufficientDeposit);
		deposit(ALPHA, DOLLAR);
		assert_noop!(withdraw(ALPHA, DOLLAR + 1), Error::<Test>::InsufficientDeposit);
	});
}

#[test]
fn a_withdrawal_below_the_carried_debt_is_refused() {
	new_test_ext().execute_with(|| {
		vodafone_short_by_two_dollars();
		deposit(BRAVO, 5 * DOLLAR);
		assert_noop!(withdraw(BRAVO, 3 * DOLLAR + 1), Error::<Test>::DepositBelowObligations);
		// Down to the debt exactly is fine.
		assert_ok!(withdraw(BRAVO, 3 * DOLLAR));
		assert_eq!(Deposits::<Test>::get(BRAVO), 2 * DOLLAR);
		assert_noop!(withdraw(BRAVO, 1), Error::<Test>::DepositBelowObligations);
		assert_conserved();
	});
}

#[test]
fn a_creditor_carrying_a_receivable_withdraws_freely() {
	new_test_ext().execute_with(|| {
		vodafone_short_by_two_dollars();
		deposit(ALPHA, DOLLAR);
		assert_ok!(withdraw(ALPHA, DOLLAR));
		assert_conserved();
	});
}

#[test]
fn an_unsigned_withdrawal_is_refused() {
	new_test_ext().execute_with(|| {
		assert_noop!(Roaming::withdraw(RuntimeOrigin::none(), DOLLAR), DispatchError::BadOrigin);
	});
}

#[test]
fn withdraw_cannot_take_collateral_of_booked_payables() {
	new_test_ext().execute_with(|| {
		let id = agree(ALPHA, BRAVO, wholesale());
		deposit(BRAVO, 5 * DOLLAR);
		// BRAVO's subscribers used 3 dollars' worth on ALPHA's network, not netted yet.
		assert_ok!(book(id, ALPHA, 300 * MB));
		assert_noop!(withdraw(BRAVO, 5 * DOLLAR), Error::<Test>::DepositBelowObligations);
		assert_noop!(withdraw(BRAVO, 2 * DOLLAR + 1), Error::<Test>::DepositBelowObligations);
		assert_ok!(withdraw(BRAVO, 2 * DOLLAR));
		assert_eq!(Deposits::<Test>::get(BRAVO), 3 * DOLLAR);
		assert_eq!(Roaming::free_deposit(&BRAVO), 0);
		assert_conserved();
	});
}

#[test]
fn carried_debt_and_booked_payables_are_covered_together() {
	new_test_ext().execute_with(|| {
		let id = vodafone_short_by_two_dollars();
		// BRAVO carries 2 dollars of debt; its subscribers use 1 more dollar's worth.
		deposit(BRAVO, 4 * DOLLAR);
		assert_ok!(book(id, ALPHA, 100 * MB));
		assert_eq!(Roaming::obligations(&BRAVO), 3 * DOLLAR);
		assert_noop!(withdraw(BRAVO, DOLLAR + 1), Error::<Test>::DepositBelowObligations);
		assert_ok!(withdraw(BRAVO, DOLLAR));
		assert_conserved();
	});
}

#[test]
fn a_netting_frees_the_collateral_it_settled() {
	new_test_ext().execute_with(|| {
		let id = agree(ALPHA, BRAVO, wholesale());
		deposit(BRAVO, 5 * DOLLAR);
		assert_ok!(book(id, ALPHA, 300 * MB));
		run_to_block(10);
		// 3 dollars paid; nothing owed any more: the rest is free.
		assert_eq!(Outstanding::<Test>::get(), 0);
		assert_ok!(withdraw(BRAVO, 2 * DOLLAR));
		assert!(!Deposits::<Test>::contains_key(BRAVO));
		assert_conserved();
	});
}
