//! `RoamingDisputeLedger`: a disputed agreement waits for the ruling, netted neither in part
//! nor in whole, and a ruling writes down exactly what it found was not owed.

use super::*;
use crate::{BookedPayables, DisputedAgreements, Error, Event, Outstanding};
use frame_support::{assert_noop, assert_ok};
use gesim_primitives::RoamingDisputeLedger;

type Ledger = Roaming;

#[test]
fn a_disputed_agreement_is_not_netted_until_the_ruling() {
	new_test_ext().execute_with(|| {
		let id = agree(ALPHA, BRAVO, wholesale());
		deposit(BRAVO, 5 * DOLLAR);
		assert_eq!(book(id, ALPHA, 300 * MB), Ok(3_000_000));
		assert_eq!(
			<Ledger as RoamingDisputeLedger<_>>::booked(id, &ALPHA),
			Some((BRAVO, 3_000_000))
		);
		assert_eq!(<Ledger as RoamingDisputeLedger<_>>::booked(id, &BRAVO), Some((ALPHA, 0)));
		assert_eq!(<Ledger as RoamingDisputeLedger<_>>::booked(id, &CHARLIE), None);

		assert_ok!(<Ledger as RoamingDisputeLedger<_>>::freeze(id));
		assert_eq!(last_event(), Some(Event::AgreementDisputed { agreement: id }));
		let alpha = balance(ALPHA);
		run_to_block(30);
		assert_eq!(balance(ALPHA), alpha, "nothing paid while disputed");
		assert_eq!(agreement(id).payable_to_proposer, 3_000_000);
		assert_conserved();

		// A third of it was not owed.
		assert_ok!(<Ledger as RoamingDisputeLedger<_>>::thaw(id));
		assert_ok!(<Ledger as RoamingDisputeLedger<_>>::write_down(id, &ALPHA, 1_000_000));
		assert_eq!(
			last_event(),
			Some(Event::PayableWrittenDown {
				agreement: id,
				visited: ALPHA,
				home: BRAVO,
				amount: 1_000_000,
				accrued: 2_000_000,
			})
		);
		assert_eq!(BookedPayables::<Test>::get(BRAVO), 2_000_000);
		assert_eq!(Outstanding::<Test>::get(), 2_000_000);
		assert_conserved();
		run_to_block(40);
		assert_eq!(balance(ALPHA), alpha + 2_000_000, "the rest is netted as usual");
		assert_conserved();
	});
}

#[test]
fn disputes_and_write_downs_that_do_not_fit_are_refused_and_change_nothing() {
	new_test_ext().execute_with(|| {
		let id = agree(ALPHA, BRAVO, wholesale());
		deposit(BRAVO, 5 * DOLLAR);
		assert_eq!(book(id, ALPHA, 300 * MB), Ok(3_000_000));
		assert_noop!(
			<Ledger as RoamingDisputeLedger<_>>::freeze(id + 1),
			Error::<Test>::UnknownAgreement
		);
		assert_noop!(<Ledger as RoamingDisputeLedger<_>>::thaw(id), Error::<Test>::NotDisputed);
		assert_ok!(<Ledger as RoamingDisputeLedger<_>>::freeze(id));
		assert_noop!(
			<Ledger as RoamingDisputeLedger<_>>::freeze(id),
			Error::<Test>::AlreadyDisputed
		);
		assert!(DisputedAgreements::<Test>::contains_key(id));

		let write_down =
			|visited, amount| <Ledger as RoamingDisputeLedger<_>>::write_down(id, &visited, amount);
		assert_noop!(write_down(ALPHA, 3_000_001), Error::<Test>::InsufficientPayable);
		assert_noop!(write_down(BRAVO, 1), Error::<Test>::InsufficientPayable);
		assert_noop!(write_down(CHARLIE, 1), Error::<Test>::NotAParty);
		assert_noop!(write_down(ALPHA, 0), Error::<Test>::ZeroAmount);
		assert_ok!(write_down(ALPHA, 3_000_000));
		assert_eq!(BookedPayables::<Test>::get(BRAVO), 0);
		assert!(!BookedPayables::<Test>::contains_key(BRAVO));
		assert_conserved();
	});
}

#[test]
fn a_disputed_agreement_terminated_and_past_its_grace_stays_until_the_ruling() {
	new_test_ext().execute_with(|| {
		let id = agree(ALPHA, BRAVO, wholesale());
		deposit(ALPHA, 3 * DOLLAR);
		assert_ok!(book(id, BRAVO, 250 * MB));
		assert_ok!(<Ledger as RoamingDisputeLedger<_>>::freeze(id));
		// Book, then dispute, then terminate: the debtor cannot take its deposit back either.
		assert_ok!(Roaming::terminate_agreement(RuntimeOrigin::signed(ALPHA), id));
		assert_noop!(
			Roaming::withdraw(RuntimeOrigin::signed(ALPHA), 3 * DOLLAR),
			Error::<Test>::DepositBelowObligations
		);
		run_to_block(40);
		assert!(crate::Agreements::<Test>::contains_key(id), "kept past its grace");
		assert_eq!(agreement(id).payable_to_counterparty, 2_500_000);
		assert_conserved();

		assert_ok!(<Ledger as RoamingDisputeLedger<_>>::thaw(id));
		let bravo = balance(BRAVO);
		run_to_block(50);
		assert_eq!(balance(BRAVO), bravo + 2_500_000, "netted after the ruling");
		run_to_block(60);
		assert!(!crate::Agreements::<Test>::contains_key(id), "then removed");
		assert_conserved();
	});
}
