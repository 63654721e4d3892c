//! `flag_abuse`: an operator flags the holder of one of its entitlements, once per entitlement.

use super::mock::*;
use crate::{AbuseFlag, AbuseFlags, Error, Event};
use frame_support::{assert_noop, assert_ok};
use sp_core::H256;

#[test]
fn an_operator_flags_its_subscriber_once_per_entitlement_with_its_evidence() {
	new_test_ext().execute_with(|| {
		let first = MockCatalog::issue(ALICE, TELCO, 0);
		let second = MockCatalog::issue(ALICE, TELCO, 0);
		let evidence = H256::repeat_byte(7);
		let flag = |who, id| Reputation::flag_abuse(RuntimeOrigin::signed(who), id, evidence);

		assert_noop!(flag(TELCO_B, first), Error::<Test>::NotOperator);
		assert_noop!(flag(ALICE, first), Error::<Test>::NotOperator);
		assert_noop!(flag(TELCO, 99), Error::<Test>::UnknownEntitlement);

		assert_ok!(flag(TELCO, first));
		assert_eq!(
			last_event(),
			Event::AbuseFlagged { subscriber: ALICE, telco: TELCO, entitlement: first, evidence }
		);
		assert_eq!(
			AbuseFlags::<Test>::get(first),
			Some(AbuseFlag { subscriber: ALICE, telco: TELCO, evidence, at: 1 })
		);
		assert_noop!(flag(TELCO, first), Error::<Test>::AlreadyFlagged);
		assert_ok!(flag(TELCO, second));
		let score = Reputation::subscriber_score(ALICE).expect("flagged");
		assert_eq!((score.flags, score.ratings, score.stars_centi), (2, 0, None));
	});
}
