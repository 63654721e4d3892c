//! `create_plan`: an active operator lists a plan.

use super::*;
use crate::{Error, Event, Plan, Plans, PlansByTelco};
use codec::{Decode, Encode};
use frame_support::{assert_noop, assert_ok, BoundedVec};
use sp_runtime::DispatchError;

#[test]
fn an_active_telco_lists_a_plan() {
	new_test_ext().execute_with(|| {
		let plan = create_plan(TELCO, terms(5, 10));

		assert_eq!(plan, 0);
		assert_eq!(
			Plans::<Test>::get(plan),
			Some(Plan { telco: TELCO, terms: terms(5, 10), retired: false, live_entitlements: 0 })
		);
		assert_eq!(PlansByTelco::<Test>::get(TELCO).into_inner(), vec![plan]);
		assert_eq!(
			last_catalog_event(),
			Some(Event::PlanCreated {
				plan,
				telco: TELCO,
				price: 10 * DOLLAR,
				quota_bytes: 5 * GB,
				validity: 100
			})
		);
		assert_eq!(create_plan(TELCO, terms(1, 2)), 1);
		assert_consistent();
	});
}

#[test]
fn a_region_of_only_cells_or_only_networks_is_enough() {
	new_test_ext().execute_with(|| {
		let mut only_cells = terms(1, 1);
		only_cells.region.networks = BoundedVec::new();
		create_plan(TELCO, only_cells);
		let mut only_networks = terms(1, 1);
		only_networks.region.cells = BoundedVec::new();
		create_plan(TELCO, only_networks);
	});
}

#[test]
fn an_account_that_is_not_an_active_telco_is_refused() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			PlanCatalog::create_plan(RuntimeOrigin::signed(SUSPENDED), terms(1, 1)),
			Error::<Test>::NotActiveTelco
		);
		assert_noop!(
			PlanCatalog::create_plan(RuntimeOrigin::signed(ALICE), terms(1, 1)),
			Error::<Test>::NotActiveTelco
		);
	});
}

#[test]
fn a_plan_needs_a_signed_origin() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			PlanCatalog::create_plan(RuntimeOrigin::none(), terms(1, 1)),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn unusable_terms_are_refused() {
	new_test_ext().execute_with(|| {
		let refused = |change: fn(&mut crate::PlanTerms<Test>), error: Error<Test>| {
			let mut bad = terms(1, 1);
			change(&mut bad);
			assert_noop!(PlanCatalog::create_plan(RuntimeOrigin::signed(TELCO), bad), error);
		};
		refused(|t| t.quota_bytes = 0, Error::<Test>::ZeroQuota);
		refused(|t| t.validity = 0, Error::<Test>::ZeroValidity);
		refused(|t| t.price = 0, Error::<Test>::ZeroPrice);
		refused(
			|t| {
				t.region.cells = BoundedVec::new();
				t.region.networks = BoundedVec::new();
			},
			Error::<Test>::EmptyRegion,
		);
		refused(
			|t| {
				t.region.cells =
					BoundedVec::truncate_from(vec![cell("u09"), cell("u0"), cell("u09")])
			},
			Error::<Test>::DuplicateRegionEntry,
		);
		refused(
			|t| {
				t.region.networks =
					BoundedVec::truncate_from(vec![network("208", "01"), network("208", "01")])
			},
			Error::<Test>::DuplicateRegionEntry,
		);
		refused(
			|t| t.roaming_partners = BoundedVec::truncate_from(vec![TELCO_B, 20, TELCO_B]),
			Error::<Test>::DuplicateRoamingPartner,
		);
	});
}

#[test]
fn a_telco_lists_at_most_max_plans_per_telco() {
	new_test_ext().execute_with(|| {
		for _ in 0..4 {
			create_plan(TELCO, terms(1, 1));
		}
		assert_noop!(
			PlanCatalog::create_plan(RuntimeOrigin::signed(TELCO), terms(1, 1)),
			Error::<Test>::TooManyPlans
		);
		// Another operator has its own room.
		create_plan(TELCO_B, terms(1, 1));
	});
}

#[test]
fn a_malformed_geohash_never_reaches_the_pallet() {
	new_test_ext().execute_with(|| {
		let call = RuntimeCall::PlanCatalog(crate::Call::create_plan { terms: terms(1, 1) });
		let mut encoded = call.encode();
		// Turn the `u09` cell into `a09`: `a` is not in the geohash alphabet.
		let at = encoded.windows(3).position(|w| w == b"u09").expect("cell encoded");
		encoded[at] = b'a';
		assert!(RuntimeCall::decode(&mut &encoded[..]).is_err());
	});
}

#[test]
fn a_plan_below_the_minimum_price_is_refused() {
	new_test_ext().execute_with(|| {
		let mut cheap = terms(1, 1);
		cheap.price = MIN_PRICE - 1;
		assert_noop!(
			PlanCatalog::create_plan(RuntimeOrigin::signed(TELCO), cheap.clone()),
			Error::<Test>::PriceBelowMinimum
		);
		cheap.price = MIN_PRICE;
		assert_ok!(PlanCatalog::create_plan(RuntimeOrigin::signed(TELCO), cheap));
	});
}

#[test]
fn a_plan_beyond_the_longest_validity_is_refused() {
	new_test_ext().execute_with(|| {
		let mut long = terms(1, 1);
		long.validity = MAX_VALIDITY + 1;
		assert_noop!(
			PlanCatalog::create_plan(RuntimeOrigin::signed(TELCO), long.clone()),
			Error::<Test>::ValidityTooLong
		);
		long.validity = MAX_VALIDITY;
		assert_ok!(PlanCatalog::create_plan(RuntimeOrigin::signed(TELCO), long));
	});
}
