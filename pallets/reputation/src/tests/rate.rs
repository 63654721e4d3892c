//! `rate_operator` and `rate_subscriber`: parties to proved service rate each other once per
//! entitlement, weighted by the usage proved; scores decay with the half-life.

use super::mock::*;
use crate::{Error, Event, OperatorScores, Rater, Rating, Ratings, ScoreView};
use frame_support::{assert_noop, assert_ok};

fn rate_operator(who: AccountId, entitlement: u32, stars: u8) -> sp_runtime::DispatchResult {
	Reputation::rate_operator(RuntimeOrigin::signed(who), entitlement, stars)
}

fn rate_subscriber(who: AccountId, entitlement: u32, stars: u8) -> sp_runtime::DispatchResult {
	Reputation::rate_subscriber(RuntimeOrigin::signed(who), entitlement, stars)
}

#[test]
fn a_rating_weighs_the_usage_proved_and_the_score_is_the_weighted_average() {
	new_test_ext().execute_with(|| {
		let small = MockCatalog::issue(ALICE, TELCO, GIB);
		let large = MockCatalog::issue(BOB, TELCO, 3 * GIB);
		assert_eq!(Reputation::operator_score(TELCO), None);

		assert_ok!(rate_operator(ALICE, small, 1));
		assert_eq!(
			last_event(),
			Event::OperatorRated {
				telco: TELCO,
				subscriber: ALICE,
				entitlement: small,
				stars: 1,
				weight: GIB,
				stars_centi: 100,
			}
		);
		assert_eq!(
			Ratings::<Test>::get(small, Rater::Subscriber),
			Some(Rating { stars: 1, weight: GIB, at: 1 })
		);

		assert_ok!(rate_operator(BOB, large, 5));
		// (1 × 1 GiB + 5 × 3 GiB) / 4 GiB = 4 stars.
		assert_eq!(
			Reputation::operator_score(TELCO),
			Some(ScoreView {
				stars_centi: Some(400),
				weight: 4 * GIB as u128,
				ratings: 2,
				flags: 0
			})
		);
		// The operator rates its subscribers the same way, on their own scores.
		assert_ok!(rate_subscriber(TELCO, large, 2));
		assert_eq!(Reputation::subscriber_score(BOB).and_then(|s| s.stars_centi), Some(200));
		assert_eq!(Reputation::subscriber_score(ALICE), None);
		assert_eq!(Reputation::operator_score(TELCO_B), None);
	});
}

#[test]
fn older_ratings_weigh_less_as_they_decay() {
	new_test_ext().execute_with(|| {
		let old = MockCatalog::issue(ALICE, TELCO, GIB);
		assert_ok!(rate_operator(ALICE, old, 1));
		// Two half-lives later the first rating weighs a quarter of what it did.
		System::set_block_number(1 + 2 * HALF_LIFE);
		let score = Reputation::operator_score(TELCO).expect("rated");
		assert_eq!((score.weight, score.stars_centi), (GIB as u128 / 4, Some(100)));

		let new = MockCatalog::issue(BOB, TELCO, GIB);
		assert_ok!(rate_operator(BOB, new, 5));
		// (1 × ¼ + 5 × 1) / 1¼ = 4.2 stars.
		assert_eq!(Reputation::operator_score(TELCO).and_then(|s| s.stars_centi), Some(420));
		let stored = OperatorScores::<Test>::get(TELCO).expect("stored");
		assert_eq!(stored.updated_at, 1 + 2 * HALF_LIFE);
	});
}

#[test]
fn bad_ratings_are_refused_by_name_and_change_nothing() {
	new_test_ext().execute_with(|| {
		let served = MockCatalog::issue(ALICE, TELCO, GIB);
		let unserved = MockCatalog::issue(ALICE, TELCO, 0);
		assert_noop!(rate_operator(ALICE, served, 0), Error::<Test>::InvalidStars);
		assert_noop!(rate_operator(ALICE, served, 6), Error::<Test>::InvalidStars);
		assert_noop!(rate_operator(ALICE, 99, 3), Error::<Test>::UnknownEntitlement);
		assert_noop!(rate_operator(BOB, served, 3), Error::<Test>::NotHolder);
		assert_noop!(rate_operator(TELCO, served, 3), Error::<Test>::NotHolder);
		assert_noop!(rate_subscriber(TELCO_B, served, 3), Error::<Test>::NotOperator);
		assert_noop!(rate_subscriber(ALICE, served, 3), Error::<Test>::NotOperator);
		assert_noop!(rate_operator(ALICE, unserved, 3), Error::<Test>::NoProvedUsage);
		assert_noop!(rate_subscriber(TELCO, unserved, 3), Error::<Test>::NoProvedUsage);

		// Once per entitlement from each side; the other side still may.
		assert_ok!(rate_operator(ALICE, served, 3));
		assert_noop!(rate_operator(ALICE, served, 5), Error::<Test>::AlreadyRated);
		assert_ok!(rate_subscriber(TELCO, served, 4));
		assert_noop!(rate_subscriber(TELCO, served, 4), Error::<Test>::AlreadyRated);

		// A closed entitlement is no longer rated.
		let closed = MockCatalog::issue(BOB, TELCO, GIB);
		MockCatalog::close(closed);
		assert_noop!(rate_operator(BOB, closed, 5), Error::<Test>::UnknownEntitlement);
	});
}
