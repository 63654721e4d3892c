//! The netting period in force (the council's parameter) schedules the next netting.

use super::*;
use crate::{LastNettingAt, NettingRuns};
use frame_support::assert_ok;
use gesim_primitives::ProtocolParameter;

#[test]
fn the_next_netting_follows_the_period_in_force() {
	new_test_ext().execute_with(|| {
		let id = agree(ALPHA, BRAVO, crate::RoamingTerms { settlement_period: 1, ..wholesale() });
		deposit(BRAVO, DOLLAR);
		assert_ok!(book(id, ALPHA, MB));
		TestParameters::put(ProtocolParameter::<u64>::NettingPeriod(3));

		run_to_block(2);
		assert_eq!(NettingRuns::<Test>::get(), 0);
		run_to_block(3);
		assert_eq!((NettingRuns::<Test>::get(), LastNettingAt::<Test>::get()), (1, 3));
		assert_eq!(balance(ALPHA), STARTING_BALANCE + 10_000);
		assert_conserved();
	});
}
