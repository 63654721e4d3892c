//! The runtime API: the pallet's query functions implement it one line per method, with the
//! types the runtime will use.

use super::mock::*;
use crate::{EntitlementDetailsOf, PlanView, RegionQuery};
use frame_support::BoundedVec;
use pallet_plan_catalog_runtime_api::runtime_decl_for_plan_catalog_api::PlanCatalogApiV1;

type Block = frame_system::mocking::MockBlock<Test>;

impl PlanCatalogApiV1<Block, AccountId, RegionQuery, PlanView<Test>, EntitlementDetailsOf<Test>>
	for Test
{
	fn plans_by_telco(telco: AccountId) -> Vec<PlanView<Test>> {
		PlanCatalog::plans_by_telco(telco)
	}
	fn plans_in_region(area: RegionQuery) -> Vec<PlanView<Test>> {
		PlanCatalog::plans_in_region(area)
	}
	fn entitlements_of(who: AccountId) -> Vec<EntitlementDetailsOf<Test>> {
		PlanCatalog::entitlements_of(who)
	}
	fn plans_in_region_page(
		area: RegionQuery,
		after: Option<u32>,
		scan: u32,
	) -> (Vec<PlanView<Test>>, Option<u32>) {
		PlanCatalog::plans_in_region_page(area, after, scan)
	}
}

#[test]
fn the_runtime_api_answers_through_the_pallet() {
	new_test_ext().execute_with(|| {
		let mut t = terms(1, 1);
		t.region.cells = BoundedVec::truncate_from(vec![cell("u09")]);
		let plan = super::create_plan(TELCO, t);
		let id = super::purchase(ALICE, plan);

		let by_telco = <Test as PlanCatalogApiV1<Block, _, _, _, _>>::plans_by_telco(TELCO);
		assert_eq!(by_telco.len(), 1);
		let in_region = <Test as PlanCatalogApiV1<Block, _, _, _, _>>::plans_in_region(
			RegionQuery::Cell(cell("u09")),
		);
		assert_eq!(in_region[0].id, plan);
		let held = <Test as PlanCatalogApiV1<Block, _, _, _, _>>::entitlements_of(ALICE);
		assert_eq!((held[0].id, held[0].held), (id, DOLLAR));
	});
}
