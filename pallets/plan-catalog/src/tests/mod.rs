//! One file per call (and per trait the catalog implements), each with its success path and
//! every error it can return.

pub(crate) mod mock;

mod close_entitlement;
mod consume;
mod create_plan;
mod end_by_ruling;
mod migrations;
mod obligations;
mod plan_bounds;
mod purchase;
mod queries;
mod reallocate;
mod retire_plan;
mod revoke_unserved;
mod runtime_api;
mod split_off;
mod switch_plan;
mod top_up;

use crate::{EntitlementCollection, EntitlementOf, Entitlements};
use frame_support::{assert_ok, traits::tokens::nonfungibles_v2::Inspect};
use gesim_primitives::{EntitlementId, PlanId};
use mock::*;

/// Lists `terms` as a plan of `telco`; returns its id.
pub(crate) fn create_plan(telco: AccountId, terms: crate::PlanTerms<Test>) -> PlanId {
	let plan = crate::NextPlanId::<Test>::get();
	assert_ok!(PlanCatalog::create_plan(RuntimeOrigin::signed(telco), terms));
	plan
}

/// `holder` buys `plan`; returns the entitlement.
pub(crate) fn purchase(holder: AccountId, plan: PlanId) -> EntitlementId {
	let entitlement = crate::NextEntitlementId::<Test>::get();
	assert_ok!(PlanCatalog::purchase(RuntimeOrigin::signed(holder), plan));
	entitlement
}

/// The stored entitlement.
pub(crate) fn entitlement(id: EntitlementId) -> EntitlementOf<Test> {
	Entitlements::<Test>::get(id).expect("entitlement exists")
}

/// Who holds the item of entitlement `id`, if it exists.
pub(crate) fn item_owner(id: EntitlementId) -> Option<AccountId> {
	let collection = EntitlementCollection::<Test>::get()?;
	<Nfts as Inspect<AccountId>>::owner(&collection, &id)
}

/// What the escrow holds for entitlement `id`.
pub(crate) fn held(id: EntitlementId) -> Option<gesim_primitives::StablecoinAmount> {
	use gesim_primitives::EscrowLedger;
	<Escrow as EscrowLedger<_, _>>::held(entitlement(id).intent)
}

/// The catalog's indexes and the escrow's books agree.
pub(crate) fn assert_consistent() {
	PlanCatalog::do_check_indexes().expect("catalog indexes agree");
	Escrow::do_check_invariants().expect("escrow conserves");
}

/// Moves to block `n`, letting the escrow refund what is due on the way.
pub(crate) fn run_to_block(n: u64) {
	use frame_support::{traits::Hooks, weights::Weight};
	while System::block_number() < n {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		Escrow::on_idle(next, Weight::MAX);
	}
}
