//! `withdraw`: stablecoin out of an operator's deposit, never below its carried debt.

use super::*;
use crate::{Deposits, Error, Event};
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
		assert_noop!(withdraw(BRAVO, 3 * DOLLAR + 1), Error::<Test>::DepositBelowDebt);
		// Down to the debt exactly is fine.
		assert_ok!(withdraw(BRAVO, 3 * DOLLAR));
		assert_eq!(Deposits::<Test>::get(BRAVO), 2 * DOLLAR);
		assert_noop!(withdraw(BRAVO, 1), Error::<Test>::DepositBelowDebt);
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
