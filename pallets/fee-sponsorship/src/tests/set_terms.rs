use super::mock::*;
use crate::{Error, Event, SponsorshipTerms, Terms};
use frame_support::{assert_noop, assert_ok};

#[test]
fn an_active_telco_sets_its_terms() {
	new_test_ext().execute_with(|| {
		assert_ok!(FeeSponsorship::set_terms(RuntimeOrigin::signed(TELCO), 3, 100));
		assert_eq!(
			Terms::<Test>::get(TELCO),
			Some(SponsorshipTerms { transactions_per_period: 3, period: 100 })
		);
		assert_eq!(
			events(),
			vec![Event::TermsSet { telco: TELCO, transactions_per_period: 3, period: 100 }]
		);
		// And changes them.
		assert_ok!(FeeSponsorship::set_terms(RuntimeOrigin::signed(TELCO), 5, 1_000));
		assert_eq!(
			Terms::<Test>::get(TELCO),
			Some(SponsorshipTerms { transactions_per_period: 5, period: 1_000 })
		);
	});
}

#[test]
fn refuses_an_inactive_telco() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			FeeSponsorship::set_terms(RuntimeOrigin::signed(SUSPENDED_TELCO), 3, 100),
			Error::<Test>::NotActiveTelco
		);
		assert_noop!(
			FeeSponsorship::set_terms(RuntimeOrigin::signed(STRANGER), 3, 100),
			Error::<Test>::NotActiveTelco
		);
	});
}

#[test]
fn refuses_a_zero_allowance_and_bad_periods() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			FeeSponsorship::set_terms(RuntimeOrigin::signed(TELCO), 0, 100),
			Error::<Test>::ZeroAllowance
		);
		assert_noop!(
			FeeSponsorship::set_terms(RuntimeOrigin::signed(TELCO), 3, 0),
			Error::<Test>::InvalidPeriod
		);
		assert_noop!(
			FeeSponsorship::set_terms(RuntimeOrigin::signed(TELCO), 3, 1_001),
			Error::<Test>::InvalidPeriod
		);
	});
}
