use super::mock::*;
use crate::{Error, Event};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::TokenError;

#[test]
fn moves_the_amount_into_the_telcos_pot() {
	new_test_ext().execute_with(|| {
		assert_ok!(FeeSponsorship::fund_pot(RuntimeOrigin::signed(FUNDER), TELCO, 5_000));
		assert_eq!(balance(pot()), 5_000);
		assert_eq!(balance(FUNDER), 995_000);
		assert_eq!(events(), vec![Event::PotFunded { telco: TELCO, from: FUNDER, amount: 5_000 }]);
	});
}

#[test]
fn the_telco_can_fund_its_own_pot() {
	new_test_ext().execute_with(|| {
		assert_ok!(FeeSponsorship::fund_pot(RuntimeOrigin::signed(TELCO), TELCO, 1_000));
		assert_eq!(balance(pot()), 1_000);
	});
}

#[test]
fn refuses_zero() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			FeeSponsorship::fund_pot(RuntimeOrigin::signed(FUNDER), TELCO, 0),
			Error::<Test>::ZeroAmount
		);
	});
}

#[test]
fn refuses_more_than_the_funder_can_spare() {
	new_test_ext().execute_with(|| {
		// All of it would reap the funder's account: funding keeps it alive.
		assert_noop!(
			FeeSponsorship::fund_pot(RuntimeOrigin::signed(STRANGER), TELCO, 10_000),
			TokenError::NotExpendable
		);
		assert_noop!(
			FeeSponsorship::fund_pot(RuntimeOrigin::signed(STRANGER), TELCO, 10_001),
			TokenError::FundsUnavailable
		);
		assert_eq!(balance(pot()), 0);
	});
}
