//! The queries behind the runtime API.

use super::*;
use crate::{EntitlementDetails, PlanView, RegionQuery};
use frame_support::{assert_ok, BoundedVec};
use gesim_primitives::EscrowLedger;

/// A plan over `cells` and `networks` for `dollars`.
fn plan_over(telco: AccountId, cells: &[&str], networks: &[(&str, &str)], dollars: u128) -> u32 {
	let mut t = terms(1, dollars);
	t.region.cells = BoundedVec::truncate_from(cells.iter().map(|c| cell(c)).collect());
	t.region.networks =
		BoundedVec::truncate_from(networks.iter().map(|(mcc, mnc)| network(mcc, mnc)).collect());
	create_plan(telco, t)
}

fn ids(views: Vec<PlanView<Test>>) -> Vec<u32> {
	views.into_iter().map(|view| view.id).collect()
}

#[test]
fn plans_by_telco_lists_the_plans_on_sale() {
	new_test_ext().execute_with(|| {
		let a = create_plan(TELCO, terms(1, 1));
		let b = create_plan(TELCO, terms(2, 2));
		create_plan(TELCO_B, terms(3, 3));
		purchase(ALICE, a);
		assert_ok!(PlanCatalog::retire_plan(RuntimeOrigin::signed(TELCO), a));

		let listed = PlanCatalog::plans_by_telco(TELCO);
		assert_eq!(ids(listed.clone()), vec![b]);
		assert_eq!(listed[0].plan.terms, terms(2, 2));
		assert!(PlanCatalog::plans_by_telco(ALICE).is_empty());
	});
}

#[test]
fn plans_in_region_match_cells_either_way_and_networks_cheapest_first() {
	new_test_ext().execute_with(|| {
		let paris = plan_over(TELCO, &["u09"], &[], 20);
		let france = plan_over(TELCO_B, &["u0", "spb"], &[("208", "01")], 15);
		let orange_only = plan_over(TELCO, &[], &[("208", "01")], 5);
		let berlin = plan_over(TELCO, &["u33"], &[("262", "01")], 1);

		// A cell in Paris: the Paris plan and the larger French area, cheapest first.
		assert_eq!(
			ids(PlanCatalog::plans_in_region(RegionQuery::Cell(cell("u09tvw")))),
			vec![france, paris]
		);
		// A larger area overlapping a plan's cell also finds it.
		assert_eq!(
			ids(PlanCatalog::plans_in_region(RegionQuery::Cell(cell("u")))),
			vec![berlin, france, paris]
		);
		assert_eq!(
			ids(PlanCatalog::plans_in_region(RegionQuery::Network(network("208", "01")))),
			vec![orange_only, france]
		);
		assert!(
			PlanCatalog::plans_in_region(RegionQuery::Network(network("208", "001"))).is_empty()
		);
	});
}

#[test]
fn plans_in_region_list_the_best_rated_operator_first_and_unrated_ones_last() {
	new_test_ext().execute_with(|| {
		let cheap = plan_over(TELCO, &["u09"], &[], 1);
		let dear = plan_over(TELCO_B, &["u09"], &[], 9);
		set_telco_active(SUSPENDED, true);
		let unrated = plan_over(SUSPENDED, &["u09"], &[], 1);
		let paris = || ids(PlanCatalog::plans_in_region(RegionQuery::Cell(cell("u09t"))));
		assert_eq!(paris(), vec![cheap, unrated, dear], "nobody rated: cheapest first");

		set_operator_stars(TELCO, 310);
		set_operator_stars(TELCO_B, 450);
		assert_eq!(paris(), vec![dear, cheap, unrated]);
		let (page, _) =
			PlanCatalog::plans_in_region_page(RegionQuery::Cell(cell("u09t")), None, 10);
		assert_eq!(ids(page), vec![dear, cheap, unrated]);
	});
}

#[test]
fn plans_in_region_leave_out_retired_plans_and_inactive_telcos() {
	new_test_ext().execute_with(|| {
		let kept = plan_over(TELCO, &["u09"], &[], 3);
		let retired = plan_over(TELCO, &["u09"], &[], 2);
		let suspended = plan_over(TELCO_B, &["u09"], &[], 1);
		assert_ok!(PlanCatalog::retire_plan(RuntimeOrigin::signed(TELCO), retired));
		set_telco_active(TELCO_B, false);
		let _ = suspended;
		assert_eq!(ids(PlanCatalog::plans_in_region(RegionQuery::Cell(cell("u09")))), vec![kept]);
	});
}

#[test]
fn pages_of_plans_in_a_region_read_a_bounded_number_of_plans_and_cover_them_all() {
	new_test_ext().execute_with(|| {
		let mut paris = Vec::new();
		for dollars in 1..=4 {
			paris.push(plan_over(TELCO, &["u09"], &[], dollars));
			plan_over(TELCO_B, &["u33"], &[], dollars);
		}
		let area = RegionQuery::Cell(cell("u09tvw"));
		let (mut seen, mut after, mut pages) = (Vec::new(), None, 0);
		loop {
			let (page, next) = PlanCatalog::plans_in_region_page(area.clone(), after, 3);
			assert!(page.len() <= 3);
			assert!(page.windows(2).all(|w| w[0].plan.terms.price <= w[1].plan.terms.price));
			seen.extend(ids(page));
			pages += 1;
			match next {
				Some(id) => after = Some(id),
				None => break,
			}
		}
		// Eight plans read three at a time: three pages, each Paris plan exactly once.
		assert_eq!(pages, 3);
		seen.sort();
		assert_eq!(seen, paris);
		// The same plans, whole, in one page.
		let (all, next) = PlanCatalog::plans_in_region_page(area.clone(), None, 8);
		assert_eq!(
			(ids(all), next),
			(PlanCatalog::plans_in_region(area.clone()).into_iter().map(|v| v.id).collect(), None)
		);
		// A page reads at least one plan, so paging always ends.
		let (first, next) = PlanCatalog::plans_in_region_page(area.clone(), None, 0);
		assert!(first.len() <= 1 && next.is_some());
	});
}

#[test]
fn equal_prices_list_the_older_plan_first() {
	new_test_ext().execute_with(|| {
		let first = plan_over(TELCO_B, &["u09"], &[], 7);
		let second = plan_over(TELCO, &["u09"], &[], 7);
		assert_eq!(
			ids(PlanCatalog::plans_in_region(RegionQuery::Cell(cell("u09")))),
			vec![first, second]
		);
	});
}

#[test]
fn entitlements_of_shows_held_money_and_expiry() {
	new_test_ext().execute_with(|| {
		let plan = create_plan(TELCO, terms(5, 10));
		let first = purchase(ALICE, plan);
		System::set_block_number(50);
		let second = purchase(ALICE, plan);
		assert_ok!(<Escrow as EscrowLedger<_, _>>::release(entitlement(first).intent, 4 * DOLLAR));
		System::set_block_number(102);

		assert_eq!(
			PlanCatalog::entitlements_of(ALICE),
			vec![
				EntitlementDetails {
					id: first,
					entitlement: entitlement(first),
					held: 6 * DOLLAR,
					expired: true
				},
				EntitlementDetails {
					id: second,
					entitlement: entitlement(second),
					held: 10 * DOLLAR,
					expired: false
				},
			]
		);
		assert!(PlanCatalog::entitlements_of(BOB).is_empty());
	});
}
