use super::mock::*;
use crate::{Error, Event};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::TokenError;

#[test]
fn returns_pot_money_to_the_telco() {
	new_test_ext().execute_with(|| {
		assert_ok!(FeeSponsorship::fund_pot(RuntimeOrigin::signed(FUNDER), TELCO, 5_000));
		assert_ok!(FeeSponsorship::withdraw_pot(RuntimeOrigin::signed(TELCO), 2_000));
		assert_eq!(balance(pot()), 3_000);
		assert_eq!(balance(TELCO), 12_000);
		// The whole rest, closing the pot.
		assert_ok!(FeeSponsorship::withdraw_pot(RuntimeOrigin::signed(TELCO), 3_000));
		assert_eq!(balance(pot()), 0);
		assert_eq!(events().last(), Some(&Event::PotWithdrawn { telco: TELCO, amount: 3_000 }));
	});
}

#[test]
fn only_the_telco_reaches_its_pot() {
	new_test_ext().execute_with(|| {
		assert_ok!(FeeSponsorship::fund_pot(RuntimeOrigin::signed(FUNDER), TELCO, 5_000));
		// The stranger's own pot is empty; TELCO's is out of its reach.
		assert_noop!(
			FeeSponsorship::withdraw_pot(RuntimeOrigin::signed(STRANGER), 1_000),
			TokenError::FundsUnavailable
		);
		assert_eq!(balance(pot()), 5_000);
	});
}

#[test]
fn refuses_zero_and_more_than_the_pot_holds() {
	new_test_ext().execute_with(|| {
		assert_ok!(FeeSponsorship::fund_pot(RuntimeOrigin::signed(FUNDER), TELCO, 5_000));
		assert_noop!(
			FeeSponsorship::withdraw_pot(RuntimeOrigin::signed(TELCO), 0),
			Error::<Test>::ZeroAmount
		);
		assert_noop!(
			FeeSponsorship::withdraw_pot(RuntimeOrigin::signed(TELCO), 5_001),
			TokenError::FundsUnavailable
		);
	});
}
