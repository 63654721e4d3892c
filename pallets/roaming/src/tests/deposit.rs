//! `deposit`: stablecoin into an operator's deposit.

use super::*;
use crate::{Deposits, Error, Event};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::{DispatchError, TokenError};

#[test]
fn an_operator_deposits_and_adds_to_its_deposit() {
	new_test_ext().execute_with(|| {
		assert_ok!(Roaming::deposit(RuntimeOrigin::signed(ALPHA), 5 * DOLLAR));
		assert_eq!(
			last_event(),
			Some(Event::Deposited { operator: ALPHA, amount: 5 * DOLLAR, deposit: 5 * DOLLAR })
		);
		assert_ok!(Roaming::deposit(RuntimeOrigin::signed(ALPHA), 1));

		assert_eq!(Deposits::<Test>::get(ALPHA), 5 * DOLLAR + 1);
		assert_eq!(balance(ALPHA), STARTING_BALANCE - 5 * DOLLAR - 1);
		assert_eq!(balance(Roaming::account_id()), MIN_BALANCE + 5 * DOLLAR + 1);
		assert_eq!(
			last_event(),
			Some(Event::Deposited { operator: ALPHA, amount: 1, deposit: 5 * DOLLAR + 1 })
		);
		assert_conserved();
	});
}

#[test]
fn a_zero_deposit_is_refused() {
	new_test_ext().execute_with(|| {
		assert_noop!(Roaming::deposit(RuntimeOrigin::signed(ALPHA), 0), Error::<Test>::ZeroAmount);
	});
}

#[test]
fn a_deposit_the_operator_cannot_afford_is_refused() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			Roaming::deposit(RuntimeOrigin::signed(ALPHA), STARTING_BALANCE + 1),
			TokenError::FundsUnavailable
		);
		// The operator's own account keeps its minimum balance.
		assert_noop!(
			Roaming::deposit(RuntimeOrigin::signed(ALPHA), STARTING_BALANCE),
			TokenError::NotExpendable
		);
	});
}

#[test]
fn a_deposit_that_would_overflow_is_refused() {
	new_test_ext().execute_with(|| {
		Deposits::<Test>::insert(ALPHA, StablecoinAmount::MAX);
		assert_noop!(
			Roaming::deposit(RuntimeOrigin::signed(ALPHA), 1),
			Error::<Test>::DepositOverflow
		);
	});
}

#[test]
fn an_unsigned_deposit_is_refused() {
	new_test_ext().execute_with(|| {
		assert_noop!(Roaming::deposit(RuntimeOrigin::none(), DOLLAR), DispatchError::BadOrigin);
	});
}
