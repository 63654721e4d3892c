use super::mock::*;
use crate::{Error, Event, Terms};
use frame_support::{assert_noop, assert_ok};

#[test]
fn removes_the_terms_and_keeps_the_pot() {
	new_test_ext().execute_with(|| {
		assert_ok!(FeeSponsorship::fund_pot(RuntimeOrigin::signed(FUNDER), TELCO, 5_000));
		assert_ok!(FeeSponsorship::set_terms(RuntimeOrigin::signed(TELCO), 3, 100));
		assert_ok!(FeeSponsorship::end_sponsorship(RuntimeOrigin::signed(TELCO)));
		assert!(!Terms::<Test>::contains_key(TELCO));
		assert_eq!(balance(pot()), 5_000);
		assert_eq!(events().last(), Some(&Event::SponsorshipEnded { telco: TELCO }));
	});
}

#[test]
fn refuses_a_telco_that_does_not_sponsor() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			FeeSponsorship::end_sponsorship(RuntimeOrigin::signed(TELCO)),
			Error::<Test>::NotSponsoring
		);
	});
}
