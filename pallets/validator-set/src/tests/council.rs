//! The council's calls: seat, unseat, minimum, session length; and who may not call them.

use super::mock::*;
use crate::{Error, Event, MinValidators, SessionLength, Unseated, Validators};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

fn seated() -> Vec<AccountId> {
	Validators::<Test>::get().into_inner()
}

#[test]
fn an_active_operator_with_session_keys_is_seated() {
	new_test_ext().execute_with(|| {
		set_keys(NEWCOMER);
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), NEWCOMER));
		assert_eq!(seated(), vec![1, 2, 3, NEWCOMER]);
		System::assert_last_event(Event::ValidatorAdded { telco: NEWCOMER }.into());
	});
}

#[test]
fn seating_needs_the_council_an_active_operator_its_keys_and_a_free_seat() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::signed(NEWCOMER), NEWCOMER),
			DispatchError::BadOrigin
		);
		// Not an operator: it cannot even set keys (pallet-session asks `ActiveOperator`).
		assert!(Session::set_keys(
			RuntimeOrigin::signed(STRANGER),
			keys(STRANGER),
			ownership_proof(STRANGER)
		)
		.is_err());
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::root(), STRANGER),
			Error::<Test>::NotAnActiveOperator
		);
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::root(), NEWCOMER),
			Error::<Test>::NoSessionKeys
		);
		set_keys(NEWCOMER);
		MockOperators::set_active(NEWCOMER, false);
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::root(), NEWCOMER),
			Error::<Test>::NotAnActiveOperator
		);
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::root(), 2),
			Error::<Test>::AlreadyValidator
		);
		// Five seats.
		for telco in [5, 6] {
			set_keys(telco);
		}
		MockOperators::set_active(NEWCOMER, true);
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), NEWCOMER));
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), 5));
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::root(), 6),
			Error::<Test>::TooManyValidators
		);
	});
}

#[test]
fn unseating_keeps_the_minimum() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			ValidatorSet::remove_validator(RuntimeOrigin::signed(1), 2),
			DispatchError::BadOrigin
		);
		assert_noop!(
			ValidatorSet::remove_validator(RuntimeOrigin::root(), NEWCOMER),
			Error::<Test>::NotAValidator
		);
		assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), 2));
		assert_eq!(seated(), vec![1, 3]);
		System::assert_last_event(
			Event::ValidatorRemoved { telco: 2, reason: Unseated::ByCouncil }.into(),
		);
		// Two is the minimum.
		assert_noop!(
			ValidatorSet::remove_validator(RuntimeOrigin::root(), 3),
			Error::<Test>::TooFewValidators
		);
		assert_ok!(ValidatorSet::set_min_validators(RuntimeOrigin::root(), 1));
		assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), 3));
		assert_noop!(
			ValidatorSet::remove_validator(RuntimeOrigin::root(), 1),
			Error::<Test>::TooFewValidators
		);
	});
}

#[test]
fn the_minimum_is_between_one_and_the_seats() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			ValidatorSet::set_min_validators(RuntimeOrigin::signed(1), 1),
			DispatchError::BadOrigin
		);
		assert_noop!(
			ValidatorSet::set_min_validators(RuntimeOrigin::root(), 0),
			Error::<Test>::InvalidMinimum
		);
		assert_noop!(
			ValidatorSet::set_min_validators(RuntimeOrigin::root(), 6),
			Error::<Test>::InvalidMinimum
		);
		assert_ok!(ValidatorSet::set_min_validators(RuntimeOrigin::root(), 3));
		assert_eq!(MinValidators::<Test>::get(), 3);
		System::assert_last_event(Event::MinValidatorsSet { min: 3 }.into());
	});
}

#[test]
fn a_session_is_never_shorter_than_the_floor_and_a_new_length_ends_the_current_one() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			ValidatorSet::set_session_length(RuntimeOrigin::signed(1), 20),
			DispatchError::BadOrigin
		);
		assert_noop!(
			ValidatorSet::set_session_length(RuntimeOrigin::root(), 4),
			Error::<Test>::SessionTooShort
		);
		run_to_session(1);
		let started = System::block_number();
		assert_ok!(ValidatorSet::set_session_length(RuntimeOrigin::root(), 20));
		assert_eq!(SessionLength::<Test>::get(), 20);
		System::assert_last_event(Event::SessionLengthSet { blocks: 20 }.into());
		run_to_session(2);
		assert_eq!(System::block_number(), started + 20);
	});
}
