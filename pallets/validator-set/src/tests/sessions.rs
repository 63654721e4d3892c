//! The set pallet-session runs, session by session.

use super::mock::*;
use crate::{Event, Planned, Unseated, Validators};
use frame_support::assert_ok;

#[test]
fn sessions_last_the_governed_length_and_the_genesis_set_validates() {
	new_test_ext().execute_with(|| {
		assert_eq!(session_validators(), vec![1, 2, 3]);
		run_to_session(1);
		assert_eq!(System::block_number(), SESSION_LENGTH);
		run_to_session(2);
		assert_eq!(System::block_number(), 2 * SESSION_LENGTH);
		assert_eq!(session_validators(), vec![1, 2, 3]);
		// The same set is not handed over again: no authority-set change without a reason.
		assert!(
			!events().iter().any(|e| matches!(e, Event::NewSetPlanned { .. })),
			"{:?}",
			events()
		);
	});
}

#[test]
fn a_seated_operator_validates_from_the_session_after_next() {
	new_test_ext().execute_with(|| {
		run_to_session(1);
		set_keys(NEWCOMER);
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), NEWCOMER));
		run_to_session(2);
		// Planned at the change to session 2, queued for session 3.
		System::assert_has_event(
			Event::NewSetPlanned { session: 3, validators: vec![1, 2, 3, NEWCOMER] }.into(),
		);
		assert_eq!(session_validators(), vec![1, 2, 3]);
		assert_eq!(pallet_session::QueuedKeys::<Test>::get().len(), 4);
		run_to_session(3);
		assert_eq!(session_validators(), vec![1, 2, 3, NEWCOMER]);
	});
}

#[test]
fn an_operator_that_stops_being_active_loses_its_seat_at_the_next_session() {
	new_test_ext().execute_with(|| {
		run_to_session(1);
		MockOperators::set_active(2, false);
		run_to_session(2);
		System::assert_has_event(
			Event::ValidatorRemoved { telco: 2, reason: Unseated::NoLongerActive }.into(),
		);
		assert_eq!(Validators::<Test>::get().into_inner(), vec![1, 3]);
		run_to_session(3);
		assert_eq!(session_validators(), vec![1, 3]);
		// Reinstated, it does not come back by itself: the council seats it again.
		MockOperators::set_active(2, true);
		run_to_session(5);
		assert_eq!(session_validators(), vec![1, 3]);
	});
}

#[test]
fn the_set_is_kept_rather_than_shrunk_below_the_minimum() {
	new_test_ext().execute_with(|| {
		MockOperators::set_active(2, false);
		MockOperators::set_active(3, false);
		run_to_session(1);
		run_to_session(2);
		System::assert_has_event(
			Event::SetKeptAtMinimum { session: 3, inactive: vec![2, 3] }.into(),
		);
		assert_eq!(Validators::<Test>::get().into_inner(), vec![1, 2, 3]);
		assert_eq!(Planned::<Test>::get().into_inner(), vec![1, 2, 3]);
		run_to_session(3);
		assert_eq!(session_validators(), vec![1, 2, 3]);
		// One of them comes back: the other can go, and the set keeps its minimum of two.
		MockOperators::set_active(3, true);
		run_to_session(4);
		System::assert_has_event(
			Event::ValidatorRemoved { telco: 2, reason: Unseated::NoLongerActive }.into(),
		);
		run_to_session(5);
		assert_eq!(session_validators(), vec![1, 3]);
	});
}
