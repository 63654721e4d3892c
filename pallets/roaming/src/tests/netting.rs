//! Netting in `on_initialize`: runs checked to the unit, shortfalls (of debts from before
//! deposits were collateral) carried and paid later, per-agreement settlement periods, late
//! usage netted within an ended agreement's grace, and its removal after it.

use super::*;
use crate::{
	AgreementStatus, AgreementsOf, BookedPayables, Carried, Deposits, Error, Event, LastNettingAt,
	NettingRuns, Outstanding, Position, ProposalsOf, RoamingTerms,
};
use frame_support::{assert_noop, assert_ok};
use gesim_primitives::{stablecoin::ASSET_ID, TelcoObligations};
use sp_runtime::TokenError;

/// `operator`'s `NetPositionSettled`.
#[allow(clippy::too_many_arguments)]
fn net_position(
	operator: AccountId,
	receivable: StablecoinAmount,
	payable: StablecoinAmount,
	carried_in: Position,
	net: Position,
	paid: StablecoinAmount,
	received: StablecoinAmount,
	carried_out: Position,
) -> Event<Test> {
	Event::NetPositionSettled {
		operator,
		receivable,
		payable,
		carried_in,
		net,
		paid,
		received,
		carried_out,
	}
}

fn gross(agreement: AgreementId, payer: AccountId, payee: AccountId, amount: u128) -> Event<Test> {
	Event::GrossSettled { agreement, payer, payee, amount }
}

fn completed(
	run: u32,
	agreements: u32,
	operators: u32,
	collected: StablecoinAmount,
	shortfall: StablecoinAmount,
) -> Event<Test> {
	Event::NettingCompleted { run, agreements, operators, collected, shortfall }
}

#[test]
fn two_operators_net_their_payables_to_the_unit() {
	new_test_ext().execute_with(|| {
		let id = agree(ALPHA, BRAVO, wholesale());
		deposit(BRAVO, 5 * DOLLAR);
		deposit(ALPHA, 2 * DOLLAR);
		assert_eq!(book(id, ALPHA, 300 * MB), Ok(3_000_000));
		assert_eq!(book(id, BRAVO, 120 * MB + 500_000), Ok(1_205_000));
		take_events();

		run_to_block(9);
		assert!(events().is_empty());
		run_to_block(10);
		assert_eq!(
			take_events(),
			vec![
				gross(id, BRAVO, ALPHA, 3_000_000),
				gross(id, ALPHA, BRAVO, 1_205_000),
				net_position(ALPHA, 3_000_000, 1_205_000, 0, 1_795_000, 0, 1_795_000, 0),
				net_position(BRAVO, 1_205_000, 3_000_000, 0, -1_795_000, 1_795_000, 0, 0),
				completed(1, 1, 2, 1_795_000, 0),
			]
		);
		// The creditor is paid to its account; its deposit stays as it was.
		assert_eq!(balance(ALPHA), STARTING_BALANCE - 2 * DOLLAR + 1_795_000);
		assert_eq!(Deposits::<Test>::get(ALPHA), 2 * DOLLAR);
		assert_eq!(balance(BRAVO), STARTING_BALANCE - 5 * DOLLAR);
		assert_eq!(Deposits::<Test>::get(BRAVO), 5 * DOLLAR - 1_795_000);

		let record = agreement(id);
		assert_eq!((record.payable_to_proposer, record.payable_to_counterparty), (0, 0));
		assert_eq!((record.status, record.last_settled_at), (AgreementStatus::InForce, 10));
		assert_eq!(Outstanding::<Test>::get(), 0);
		assert_eq!(BookedPayables::<Test>::iter().count(), 0);
		assert_eq!(Carried::<Test>::iter().count(), 0);
		assert_eq!((LastNettingAt::<Test>::get(), NettingRuns::<Test>::get()), (10, 1));
		assert_conserved();

		// Nothing booked since: the next period has nothing to net.
		run_to_block(20);
		assert!(take_events().is_empty());
		assert_eq!((LastNettingAt::<Test>::get(), NettingRuns::<Test>::get()), (20, 1));
	});
}

#[test]
fn three_operators_net_multilaterally_to_the_unit() {
	new_test_ext().execute_with(|| {
		let orange_vodafone = agree(ALPHA, BRAVO, wholesale());
		let vodafone_telefonica = agree(BRAVO, CHARLIE, wholesale());
		let telefonica_orange = agree(
			CHARLIE,
			ALPHA,
			RoamingTerms { rate_per_mb: 20_000, revenue_share_bps: 7_500, ..wholesale() },
		);
		// Each covers its gross payables.
		deposit(ALPHA, 6 * DOLLAR);
		deposit(BRAVO, 5 * DOLLAR);
		deposit(CHARLIE, 3 * DOLLAR);
		assert_eq!(book(orange_vodafone, ALPHA, 500 * MB), Ok(5_000_000));
		assert_eq!(book(orange_vodafone, BRAVO, 100 * MB), Ok(1_000_000));
		assert_eq!(book(vodafone_telefonica, BRAVO, 200 * MB), Ok(2_000_000));
		assert_eq!(book(telefonica_orange, CHARLIE, 300 * MB), Ok(4_500_000));
		assert_eq!(book(telefonica_orange, ALPHA, 33_333_333), Ok(499_999));
		take_events();

		run_to_block(10);
		// ALPHA: 5 000 000 + 499 999 owed to it, 1 000 000 + 4 500 000 owed by it: −1.
		// BRAVO: 1 000 000 + 2 000 000 against 5 000 000: −2 000 000.
		// CHARLIE: 4 500 000 against 2 000 000 + 499 999: +2 000 001.
		assert_eq!(
			take_events(),
			vec![
				gross(orange_vodafone, BRAVO, ALPHA, 5_000_000),
				gross(orange_vodafone, ALPHA, BRAVO, 1_000_000),
				gross(vodafone_telefonica, CHARLIE, BRAVO, 2_000_000),
				gross(telefonica_orange, ALPHA, CHARLIE, 4_500_000),
				gross(telefonica_orange, CHARLIE, ALPHA, 499_999),
				net_position(ALPHA, 5_499_999, 5_500_000, 0, -1, 1, 0, 0),
				net_position(BRAVO, 3_000_000, 5_000_000, 0, -2_000_000, 2_000_000, 0, 0),
				net_position(CHARLIE, 4_500_000, 2_499_999, 0, 2_000_001, 0, 2_000_001, 0),
				completed(1, 3, 3, 2_000_001, 0),
			]
		);
		assert_eq!(balance(CHARLIE), STARTING_BALANCE - 3 * DOLLAR + 2_000_001);
		assert_eq!(Deposits::<Test>::get(ALPHA), 6 * DOLLAR - 1);
		assert_eq!(Deposits::<Test>::get(BRAVO), 3 * DOLLAR);
		assert_eq!(Deposits::<Test>::get(CHARLIE), 3 * DOLLAR);
		assert_eq!(Outstanding::<Test>::get(), 0);
		assert_conserved();
	});
}

#[test]
fn a_shortfall_is_reported_carried_and_paid_at_the_next_run() {
	new_test_ext().execute_with(|| {
		let id = agree(ALPHA, BRAVO, wholesale());
		deposit(BRAVO, 3 * DOLLAR);
		assert_ok!(book(id, ALPHA, 300 * MB));
		withdraw_before_collateral(BRAVO, 2 * DOLLAR);
		take_events();

		run_to_block(10);
		assert_eq!(
			take_events(),
			vec![
				gross(id, BRAVO, ALPHA, 3_000_000),
				net_position(ALPHA, 3_000_000, 0, 0, 3_000_000, 0, 1_000_000, 2_000_000),
				Event::NettingShortfall { operator: BRAVO, owed: 3_000_000, paid: 1_000_000 },
				net_position(BRAVO, 0, 3_000_000, 0, -3_000_000, 1_000_000, 0, -2_000_000),
				completed(1, 1, 2, 1_000_000, 2_000_000),
			]
		);
		assert_eq!(balance(ALPHA), STARTING_BALANCE + 1_000_000);
		assert!(!Deposits::<Test>::contains_key(BRAVO));
		assert_eq!(crate::ShortfallSince::<Test>::get(BRAVO), Some(10));
		assert_eq!(Carried::<Test>::get(ALPHA), Some(2_000_000));
		assert_eq!(Carried::<Test>::get(BRAVO), Some(-2_000_000));
		assert_eq!(Outstanding::<Test>::get(), 2_000_000);
		assert_conserved();

		// With nothing new booked, the carried positions alone make the next run.
		deposit(BRAVO, 5 * DOLLAR);
		take_events();
		run_to_block(20);
		assert_eq!(
			take_events(),
			vec![
				net_position(ALPHA, 0, 0, 2_000_000, 2_000_000, 0, 2_000_000, 0),
				net_position(BRAVO, 0, 0, -2_000_000, -2_000_000, 2_000_000, 0, 0),
				completed(2, 0, 2, 2_000_000, 0),
			]
		);
		assert_eq!(balance(ALPHA), STARTING_BALANCE + 3_000_000);
		assert_eq!(Deposits::<Test>::get(BRAVO), 3 * DOLLAR);
		assert_eq!(Carried::<Test>::iter().count(), 0);
		assert!(!crate::ShortfallSince::<Test>::contains_key(BRAVO));
		assert_eq!(Outstanding::<Test>::get(), 0);
		assert_conserved();
	});
}

#[test]
fn a_carried_position_nets_against_new_usage() {
	new_test_ext().execute_with(|| {
		let id = vodafone_short_by_two_dollars();
		// Now ALPHA's subscribers roam on BRAVO's network for 1.5 dollars' worth.
		deposit(ALPHA, 2 * DOLLAR);
		assert_eq!(book(id, BRAVO, 150 * MB), Ok(1_500_000));
		take_events();

		run_to_block(20);
		assert_eq!(
			take_events(),
			vec![
				gross(id, ALPHA, BRAVO, 1_500_000),
				net_position(ALPHA, 0, 1_500_000, 2_000_000, 500_000, 0, 0, 500_000),
				Event::NettingShortfall { operator: BRAVO, owed: 500_000, paid: 0 },
				net_position(BRAVO, 1_500_000, 0, -2_000_000, -500_000, 0, 0, -500_000),
				completed(2, 1, 2, 0, 500_000),
			]
		);
		assert_eq!(Carried::<Test>::get(BRAVO), Some(-500_000));
		assert_eq!(Outstanding::<Test>::get(), 500_000);
		assert_conserved();
	});
}

#[test]
fn creditors_share_a_shortfall_pro_rata_and_are_made_whole_later() {
	new_test_ext().execute_with(|| {
		let orange = agree(ALPHA, BRAVO, wholesale());
		let telefonica = agree(CHARLIE, BRAVO, wholesale());
		deposit(BRAVO, 3 * DOLLAR);
		assert_ok!(book(orange, ALPHA, 100 * MB));
		assert_ok!(book(telefonica, CHARLIE, 200 * MB));
		withdraw_before_collateral(BRAVO, 2 * DOLLAR);
		take_events();

		run_to_block(10);
		// 1 000 000 collected for claims of 1 000 000 and 2 000 000: 333 333 and 666 666,
		// and the unit rounding left goes to the first creditor.
		assert_eq!(
			take_events(),
			vec![
				gross(orange, BRAVO, ALPHA, 1_000_000),
				gross(telefonica, BRAVO, CHARLIE, 2_000_000),
				net_position(ALPHA, 1_000_000, 0, 0, 1_000_000, 0, 333_334, 666_666),
				Event::NettingShortfall { operator: BRAVO, owed: 3_000_000, paid: 1_000_000 },
				net_position(BRAVO, 0, 3_000_000, 0, -3_000_000, 1_000_000, 0, -2_000_000),
				net_position(CHARLIE, 2_000_000, 0, 0, 2_000_000, 0, 666_666, 1_333_334),
				completed(1, 2, 3, 1_000_000, 2_000_000),
			]
		);
		assert_conserved();

		deposit(BRAVO, 2 * DOLLAR);
		run_to_block(20);
		assert_eq!(balance(ALPHA), STARTING_BALANCE + 1_000_000);
		assert_eq!(balance(CHARLIE), STARTING_BALANCE + 2_000_000);
		assert!(!Deposits::<Test>::contains_key(BRAVO));
		assert_eq!(Carried::<Test>::iter().count(), 0);
		assert_conserved();
	});
}

#[test]
fn each_agreement_settles_on_its_own_period() {
	new_test_ext().execute_with(|| {
		let weekly = agree(ALPHA, BRAVO, wholesale());
		let monthly = agree(ALPHA, CHARLIE, RoamingTerms { settlement_period: 25, ..wholesale() });
		deposit(BRAVO, 10 * DOLLAR);
		deposit(CHARLIE, 10 * DOLLAR);
		assert_ok!(book(weekly, ALPHA, 100 * MB));
		assert_ok!(book(monthly, ALPHA, 200 * MB));
		take_events();

		// Block 10: only the agreement settled every 5 blocks is due (since block 1).
		run_to_block(10);
		let run = take_events();
		assert_eq!(run[0], gross(weekly, BRAVO, ALPHA, 1_000_000));
		assert_eq!(run.last(), Some(&completed(1, 1, 2, 1_000_000, 0)));
		assert_eq!(agreement(monthly).payable_to_proposer, 2_000_000);
		assert_eq!(Outstanding::<Test>::get(), 2_000_000);

		assert_ok!(book(weekly, ALPHA, 50 * MB));
		take_events();
		run_to_block(20);
		let run = take_events();
		assert_eq!(run[0], gross(weekly, BRAVO, ALPHA, 500_000));
		assert_eq!(run.last(), Some(&completed(2, 1, 2, 500_000, 0)));
		assert_eq!(agreement(monthly).payable_to_proposer, 2_000_000);

		// Block 30: 25 blocks have passed since block 1.
		run_to_block(30);
		let run = take_events();
		assert_eq!(run[0], gross(monthly, CHARLIE, ALPHA, 2_000_000));
		assert_eq!(run.last(), Some(&completed(3, 1, 2, 2_000_000, 0)));
		assert_eq!(agreement(weekly).last_settled_at, 20);
		assert_eq!(agreement(monthly).last_settled_at, 30);
		assert_eq!(balance(ALPHA), STARTING_BALANCE + 3_500_000);
		assert_eq!(Outstanding::<Test>::get(), 0);
		assert_conserved();
	});
}

#[test]
fn a_terminated_agreement_is_netted_at_once_and_removed_after_its_grace() {
	new_test_ext().execute_with(|| {
		let id = agree(ALPHA, BRAVO, wholesale());
		deposit(ALPHA, 3 * DOLLAR);
		assert_ok!(book(id, BRAVO, 250 * MB));
		System::set_block_number(3);
		assert_ok!(Roaming::terminate_agreement(RuntimeOrigin::signed(BRAVO), id));
		take_events();

		// Its payables are netted at the next run, settlement period or not.
		run_to_block(10);
		assert_eq!(
			take_events(),
			vec![
				gross(id, ALPHA, BRAVO, 2_500_000),
				net_position(ALPHA, 0, 2_500_000, 0, -2_500_000, 2_500_000, 0, 0),
				net_position(BRAVO, 2_500_000, 0, 0, 2_500_000, 0, 2_500_000, 0),
				completed(1, 1, 2, 2_500_000, 0),
			]
		);
		assert_eq!(agreement(id).status, AgreementStatus::Terminated { at: 3 });
		assert!(<Roaming as TelcoObligations<_>>::has_open_obligations(&BRAVO));

		// The grace ends after block 18: the run in block 20 removes it, with nothing to net.
		run_to_block(20);
		assert_eq!(take_events(), vec![Event::AgreementClosed { agreement: id }]);
		assert_eq!(NettingRuns::<Test>::get(), 1);
		assert!(!Agreements::<Test>::contains_key(id));
		assert_eq!(Agreements::<Test>::count(), 0);
		assert!(!AgreementsOf::<Test>::contains_key(ALPHA));
		assert!(!AgreementsOf::<Test>::contains_key(BRAVO));
		assert_eq!(balance(BRAVO), STARTING_BALANCE + 2_500_000);
		assert_eq!(Deposits::<Test>::get(ALPHA), 500_000);
		assert!(!<Roaming as TelcoObligations<_>>::has_open_obligations(&BRAVO));
		assert_conserved();
	});
}

#[test]
fn a_terminated_agreement_stays_until_its_parties_are_square() {
	new_test_ext().execute_with(|| {
		let id = agree(ALPHA, BRAVO, wholesale());
		deposit(BRAVO, 3 * DOLLAR);
		assert_ok!(book(id, ALPHA, 300 * MB));
		withdraw_before_collateral(BRAVO, 2 * DOLLAR);
		assert_ok!(Roaming::terminate_agreement(RuntimeOrigin::signed(ALPHA), id));

		run_to_block(10);
		assert_eq!(agreement(id).status, AgreementStatus::Terminated { at: 1 });
		assert!(!events().contains(&Event::AgreementClosed { agreement: id }));
		assert_conserved();

		// Past its grace (block 16), it takes part in every run until they are.
		run_to_block(20);
		assert_eq!(agreement(id).status, AgreementStatus::Terminated { at: 1 });
		deposit(BRAVO, 2 * DOLLAR);
		take_events();
		run_to_block(30);
		assert_eq!(
			take_events(),
			vec![
				net_position(ALPHA, 0, 0, 2_000_000, 2_000_000, 0, 2_000_000, 0),
				net_position(BRAVO, 0, 0, -2_000_000, -2_000_000, 2_000_000, 0, 0),
				Event::AgreementClosed { agreement: id },
				completed(3, 1, 2, 2_000_000, 0),
			]
		);
		assert!(!Agreements::<Test>::contains_key(id));
		assert_eq!(balance(ALPHA), STARTING_BALANCE + 3_000_000);
		assert_conserved();
	});
}

#[test]
fn an_agreement_whose_validity_ended_nets_late_usage_and_is_removed_after_its_grace() {
	new_test_ext().execute_with(|| {
		let id = agree(ALPHA, BRAVO, RoamingTerms { valid_until: 12, ..wholesale() });
		deposit(BRAVO, 2 * DOLLAR);
		deposit(ALPHA, DOLLAR);
		assert_ok!(book(id, ALPHA, 100 * MB));
		run_to_block(10);
		assert!(Agreements::<Test>::contains_key(id));

		// Usage anchored in block 11 is proved in block 19, after the validity.
		System::set_block_number(19);
		assert_ok!(book_anchored(id, BRAVO, 10 * MB, 11));
		take_events();
		run_to_block(20);
		assert_eq!(
			take_events(),
			vec![
				gross(id, ALPHA, BRAVO, 100_000),
				net_position(ALPHA, 0, 100_000, 0, -100_000, 100_000, 0, 0),
				net_position(BRAVO, 100_000, 0, 0, 100_000, 0, 100_000, 0),
				completed(2, 1, 2, 100_000, 0),
			]
		);
		// The grace runs until block 27.
		assert_ok!(book_anchored(id, BRAVO, 10 * MB, 12));
		take_events();
		run_to_block(30);
		assert_eq!(
			take_events(),
			vec![
				gross(id, ALPHA, BRAVO, 100_000),
				net_position(ALPHA, 0, 100_000, 0, -100_000, 100_000, 0, 0),
				net_position(BRAVO, 100_000, 0, 0, 100_000, 0, 100_000, 0),
				Event::AgreementClosed { agreement: id },
				completed(3, 1, 2, 100_000, 0),
			]
		);
		assert!(!Agreements::<Test>::contains_key(id));
		assert_conserved();
	});
}

#[test]
fn a_proposal_nobody_accepted_lapses_with_its_validity() {
	new_test_ext().execute_with(|| {
		let id = propose(ALPHA, BRAVO, RoamingTerms { valid_until: 5, ..wholesale() });
		let open = propose(ALPHA, BRAVO, wholesale());
		take_events();

		run_to_block(10);
		assert_eq!(take_events(), vec![Event::ProposalLapsed { agreement: id }]);
		assert!(!Agreements::<Test>::contains_key(id));
		assert!(Agreements::<Test>::contains_key(open));
		assert_eq!(ProposalsOf::<Test>::get(ALPHA), 1);
		assert_eq!(NettingRuns::<Test>::get(), 0);
		assert_conserved();
	});
}

#[test]
fn a_payout_the_creditor_cannot_receive_is_held_in_its_deposit() {
	new_test_ext().execute_with(|| {
		let id = agree(ALPHA, BRAVO, wholesale());
		deposit(BRAVO, 5 * DOLLAR);
		assert_ok!(book(id, ALPHA, 300 * MB));
		assert_ok!(Assets::block(RuntimeOrigin::signed(ISSUER), ASSET_ID, ALPHA));
		take_events();

		run_to_block(10);
		assert_eq!(
			take_events(),
			vec![
				gross(id, BRAVO, ALPHA, 3_000_000),
				Event::PayoutHeldAsDeposit {
					operator: ALPHA,
					amount: 3_000_000,
					error: TokenError::Blocked.into(),
				},
				net_position(ALPHA, 3_000_000, 0, 0, 3_000_000, 0, 3_000_000, 0),
				net_position(BRAVO, 0, 3_000_000, 0, -3_000_000, 3_000_000, 0, 0),
				completed(1, 1, 2, 3_000_000, 0),
			]
		);
		assert_eq!(balance(ALPHA), STARTING_BALANCE);
		assert_eq!(Deposits::<Test>::get(ALPHA), 3_000_000);
		assert_eq!(Deposits::<Test>::get(BRAVO), 2 * DOLLAR);
		assert_conserved();
	});
}

#[test]
fn a_run_that_cannot_be_formed_changes_nothing_and_says_why() {
	new_test_ext().execute_with(|| {
		let id = agree(ALPHA, BRAVO, wholesale());
		deposit(BRAVO, 5 * DOLLAR);
		assert_ok!(book(id, ALPHA, 300 * MB));
		// A broken invariant: the payables are not counted as outstanding.
		Outstanding::<Test>::put(0);
		take_events();

		run_to_block(10);
		assert_eq!(
			take_events(),
			vec![Event::NettingFailed { error: Error::<Test>::InconsistentLedger.into() }]
		);
		assert_eq!(agreement(id).payable_to_proposer, 3_000_000);
		assert_eq!(Deposits::<Test>::get(BRAVO), 5 * DOLLAR);
		assert_eq!(balance(ALPHA), STARTING_BALANCE);
		assert_eq!((LastNettingAt::<Test>::get(), NettingRuns::<Test>::get()), (10, 0));
	});
}

#[test]
fn nothing_due_means_no_run() {
	new_test_ext().execute_with(|| {
		agree(ALPHA, BRAVO, wholesale());
		take_events();
		run_to_block(10);
		assert!(take_events().is_empty());
		assert_eq!((LastNettingAt::<Test>::get(), NettingRuns::<Test>::get()), (10, 0));
		assert_conserved();
	});
}

#[test]
fn the_home_operator_cannot_withdraw_before_netting_and_leave_the_visited_one_short() {
	new_test_ext().execute_with(|| {
		let id = agree(ALPHA, BRAVO, wholesale());
		deposit(BRAVO, 3 * DOLLAR);
		assert_ok!(book(id, ALPHA, 300 * MB));
		// Just before the netting, BRAVO tries to take its deposit back.
		run_to_block(9);
		assert_noop!(
			Roaming::withdraw(RuntimeOrigin::signed(BRAVO), 3 * DOLLAR),
			Error::<Test>::DepositBelowObligations
		);
		take_events();

		run_to_block(10);
		assert!(!events().iter().any(|e| matches!(e, Event::NettingShortfall { .. })));
		assert_eq!(balance(ALPHA), STARTING_BALANCE + 3 * DOLLAR);
		assert_eq!(Carried::<Test>::iter().count(), 0);
		// ALPHA is square: once the agreement is gone it may retire.
		assert_ok!(Roaming::terminate_agreement(RuntimeOrigin::signed(ALPHA), id));
		run_to_block(100);
		assert!(!<Roaming as TelcoObligations<_>>::has_open_obligations(&ALPHA));
		assert_conserved();
	});
}

#[test]
fn an_ended_agreement_is_kept_and_still_books_through_its_settlement_grace() {
	new_test_ext().execute_with(|| {
		let id = agree(ALPHA, BRAVO, wholesale());
		deposit(BRAVO, 5 * DOLLAR);
		assert_ok!(book(id, ALPHA, 100 * MB));
		System::set_block_number(3);
		assert_ok!(Roaming::terminate_agreement(RuntimeOrigin::signed(ALPHA), id));

		// The first run after the termination nets what was booked, and keeps the agreement.
		run_to_block(10);
		assert!(Agreements::<Test>::contains_key(id));
		// Usage anchored before the termination, proved late, is booked and netted next.
		assert_eq!(book_anchored(id, ALPHA, 50 * MB, 2), Ok(500_000));
		run_to_block(20);
		assert!(events().contains(&Event::AgreementClosed { agreement: id }));
		assert!(!Agreements::<Test>::contains_key(id));
		assert_eq!(balance(ALPHA), STARTING_BALANCE + 1_500_000);
		assert_conserved();
	});
}

#[test]
fn a_proposal_lapses_after_the_proposal_window() {
	new_test_ext().execute_with(|| {
		// Valid until block 1 000, but nobody signs it: its window ends after block 21.
		let id = propose(ALPHA, BRAVO, wholesale());
		take_events();
		run_to_block(20);
		assert!(Agreements::<Test>::contains_key(id));
		run_to_block(30);
		assert_eq!(take_events(), vec![Event::ProposalLapsed { agreement: id }]);
		assert!(!Agreements::<Test>::contains_key(id));
		assert!(!ProposalsOf::<Test>::contains_key(ALPHA));
		assert!(!AgreementsOf::<Test>::contains_key(ALPHA));
		assert_conserved();
	});
}
