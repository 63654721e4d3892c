//! Debtors in default: still short `ShortfallDeadline` blocks after the netting that first left
//! them short, reported once to the council and listed until they have paid.

use super::*;
use crate::{Defaulters, Event, ShortfallSince};

fn reported() -> Vec<Event<Test>> {
	events()
		.into_iter()
		.filter(|event| {
			matches!(event, Event::DebtorInDefault { .. } | Event::DefaultCleared { .. })
		})
		.collect()
}

#[test]
fn a_debtor_short_past_the_deadline_is_reported_once() {
	new_test_ext().execute_with(|| {
		// Short since the run in block 10.
		vodafone_short_by_two_dollars();
		assert_eq!(ShortfallSince::<Test>::get(BRAVO), Some(10));
		run_to_block(20);
		assert!(reported().is_empty());
		assert!(!Defaulters::<Test>::contains_key(BRAVO));

		run_to_block(10 + SHORTFALL_DEADLINE);
		assert_eq!(
			reported(),
			vec![Event::DebtorInDefault { operator: BRAVO, owed: 2 * DOLLAR, since: 10 }]
		);
		assert_eq!(Defaulters::<Test>::get(BRAVO), Some(10));
		// Not again while it stays short.
		run_to_block(60);
		assert_eq!(reported().len(), 1);
		assert_conserved();
	});
}

#[test]
fn a_defaulter_that_pays_is_no_longer_listed() {
	new_test_ext().execute_with(|| {
		vodafone_short_by_two_dollars();
		run_to_block(30);
		assert!(Defaulters::<Test>::contains_key(BRAVO));
		deposit(BRAVO, 2 * DOLLAR);
		System::reset_events();
		run_to_block(40);
		assert_eq!(reported(), vec![Event::DefaultCleared { operator: BRAVO }]);
		assert!(!Defaulters::<Test>::contains_key(BRAVO));
		assert!(!ShortfallSince::<Test>::contains_key(BRAVO));
		assert_conserved();
	});
}

#[test]
fn a_debtor_that_pays_part_stays_short_since_its_first_shortfall() {
	new_test_ext().execute_with(|| {
		vodafone_short_by_two_dollars();
		deposit(BRAVO, DOLLAR);
		run_to_block(20);
		assert_eq!(ShortfallSince::<Test>::get(BRAVO), Some(10));
		run_to_block(30);
		assert_eq!(
			reported(),
			vec![Event::DebtorInDefault { operator: BRAVO, owed: DOLLAR, since: 10 }]
		);
		assert_conserved();
	});
}

#[test]
fn a_debtor_that_pays_before_the_deadline_is_never_reported() {
	new_test_ext().execute_with(|| {
		vodafone_short_by_two_dollars();
		deposit(BRAVO, 2 * DOLLAR);
		run_to_block(60);
		assert!(reported().is_empty());
		assert!(!ShortfallSince::<Test>::contains_key(BRAVO));
		assert_conserved();
	});
}
