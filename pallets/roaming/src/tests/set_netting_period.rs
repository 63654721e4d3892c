//! `set_netting_period`: the council's schedule of nettings.

use super::*;
use crate::{Error, Event, LastNettingAt, NettingPeriod, NettingRuns};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

#[test]
fn the_council_sets_the_netting_period_and_the_next_run_follows_it() {
	new_test_ext().execute_with(|| {
		let id = agree(ALPHA, BRAVO, crate::RoamingTerms { settlement_period: 1, ..wholesale() });
		deposit(BRAVO, DOLLAR);
		assert_ok!(book(id, ALPHA, MB));
		assert_ok!(Roaming::set_netting_period(RuntimeOrigin::root(), 3));
		assert_eq!(NettingPeriod::<Test>::get(), 3);
		assert_eq!(last_event(), Some(Event::NettingPeriodSet { period: 3 }));

		run_to_block(2);
		assert_eq!(NettingRuns::<Test>::get(), 0);
		run_to_block(3);
		assert_eq!((NettingRuns::<Test>::get(), LastNettingAt::<Test>::get()), (1, 3));
		assert_eq!(balance(ALPHA), STARTING_BALANCE + 10_000);
		assert_conserved();
	});
}

#[test]
fn only_the_council_sets_the_netting_period() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			Roaming::set_netting_period(RuntimeOrigin::signed(ALPHA), 3),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn a_zero_netting_period_is_refused() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			Roaming::set_netting_period(RuntimeOrigin::root(), 0),
			Error::<Test>::ZeroNettingPeriod
		);
	});
}
