//! The fee adapter: who pays for which transaction.

use super::mock::*;
use crate::{Allowances, Event};
use frame_support::{assert_ok, dispatch::DispatchInfo, weights::Weight};
use pallet_transaction_payment::OnChargeTransaction;
use sp_runtime::transaction_validity::{InvalidTransaction, TransactionValidityError};

type Adapter = <Test as pallet_transaction_payment::Config>::OnChargeTransaction;

/// Charges `fee` (with `tip`) for `who` sending `call`, refunding nothing, as the
/// transaction-payment extension does around a dispatch.
fn charge(
	who: AccountId,
	call: RuntimeCall,
	fee: u64,
	tip: u64,
) -> Result<(), TransactionValidityError> {
	let info = DispatchInfo { call_weight: Weight::from_parts(1, 0), ..Default::default() };
	let post = frame_support::dispatch::PostDispatchInfo::default();
	<Adapter as OnChargeTransaction<Test>>::can_withdraw_fee(&who, &call, &info, fee, tip)?;
	let liquidity =
		<Adapter as OnChargeTransaction<Test>>::withdraw_fee(&who, &call, &info, fee, tip)?;
	<Adapter as OnChargeTransaction<Test>>::correct_and_deposit_fee(
		&who, &info, &post, fee, tip, liquidity,
	)
}

fn sponsoring(pot_funds: u64, per_period: u32, period: u64) {
	if pot_funds > 0 {
		assert_ok!(FeeSponsorship::fund_pot(RuntimeOrigin::signed(FUNDER), TELCO, pot_funds));
	}
	assert_ok!(FeeSponsorship::set_terms(RuntimeOrigin::signed(TELCO), per_period, period));
	System::reset_events();
}

const NO_FUNDS: TransactionValidityError =
	TransactionValidityError::Invalid(InvalidTransaction::Payment);

#[test]
fn the_pot_pays_a_sponsored_call_of_the_telcos_subscriber() {
	new_test_ext().execute_with(|| {
		sponsoring(1_000, 3, 100);
		assert_ok!(charge(SUBSCRIBER, sponsored_call(), 40, 0));
		assert_eq!(balance(pot()), 960);
		assert_eq!(balance(SUBSCRIBER), 0);
		assert_eq!(
			events(),
			vec![Event::FeeSponsored { telco: TELCO, subscriber: SUBSCRIBER, fee: 40 }]
		);
		assert_eq!(Allowances::<Test>::get(TELCO, SUBSCRIBER).map(|a| a.used), Some(1));
	});
}

#[test]
fn other_calls_are_paid_by_the_sender() {
	new_test_ext().execute_with(|| {
		sponsoring(1_000, 3, 100);
		assert_eq!(charge(SUBSCRIBER, other_call(), 40, 0), Err(NO_FUNDS));
		assert_eq!(balance(pot()), 1_000);
		assert!(events().is_empty());
	});
}

#[test]
fn accounts_without_the_telcos_identity_pay_themselves() {
	new_test_ext().execute_with(|| {
		sponsoring(1_000, 3, 100);
		assert_ok!(charge(STRANGER, sponsored_call(), 40, 0));
		assert_eq!(balance(STRANGER), 9_960);
		assert_eq!(balance(pot()), 1_000);
	});
}

#[test]
fn a_telco_that_stopped_sponsoring_or_was_suspended_pays_nothing() {
	new_test_ext().execute_with(|| {
		sponsoring(1_000, 3, 100);
		set_telco_active(false);
		assert_eq!(charge(SUBSCRIBER, sponsored_call(), 40, 0), Err(NO_FUNDS));
		set_telco_active(true);
		assert_ok!(FeeSponsorship::end_sponsorship(RuntimeOrigin::signed(TELCO)));
		assert_eq!(charge(SUBSCRIBER, sponsored_call(), 40, 0), Err(NO_FUNDS));
		assert_eq!(balance(pot()), 1_000);
		// Nor does an inactive telco's pot, funded or not.
		assert_eq!(charge(SUSPENDED_TELCOS_SUBSCRIBER, sponsored_call(), 40, 0), Err(NO_FUNDS));
	});
}

#[test]
fn the_allowance_runs_out_and_comes_back_next_period() {
	new_test_ext().execute_with(|| {
		sponsoring(1_000, 2, 100);
		assert_ok!(charge(SUBSCRIBER, sponsored_call(), 10, 0));
		assert_ok!(charge(SUBSCRIBER, sponsored_call(), 10, 0));
		assert_eq!(
			charge(SUBSCRIBER, sponsored_call(), 10, 0),
			Err(NO_FUNDS),
			"third in the period"
		);
		// Another subscriber has an allowance of its own.
		assert_ok!(charge(OTHER_SUBSCRIBER, sponsored_call(), 10, 0));
		System::set_block_number(100);
		assert_ok!(charge(SUBSCRIBER, sponsored_call(), 10, 0));
		assert_eq!(balance(pot()), 960);
	});
}

#[test]
fn an_empty_pot_leaves_the_subscriber_paying_as_usual() {
	new_test_ext().execute_with(|| {
		sponsoring(30, 5, 100);
		// The pot keeps its existential deposit: 29 is all it can spend.
		assert_eq!(charge(SUBSCRIBER, sponsored_call(), 40, 0), Err(NO_FUNDS));
		assert_ok!(pallet_balances::Pallet::<Test>::force_set_balance(
			RuntimeOrigin::root(),
			SUBSCRIBER,
			100
		));
		assert_ok!(charge(SUBSCRIBER, sponsored_call(), 40, 0));
		assert_eq!(balance(SUBSCRIBER), 60);
		assert_eq!(balance(pot()), 30);
		assert_eq!(Allowances::<Test>::get(TELCO, SUBSCRIBER), None, "nothing was sponsored");
	});
}

#[test]
fn tips_are_never_sponsored() {
	new_test_ext().execute_with(|| {
		sponsoring(1_000, 3, 100);
		assert_eq!(charge(SUBSCRIBER, sponsored_call(), 41, 1), Err(NO_FUNDS));
		assert_eq!(balance(pot()), 1_000);
	});
}
