//! Runtime API of GeSIM's plan catalog, for wallets, the LPA bridge and the SM-DP+ gateway.
//!
//! The view types are parameters, so clients depend on this crate and not on the pallet; the
//! runtime instantiates them with the pallet's types, one line per method:
//!
//! ```ignore
//! impl pallet_plan_catalog_runtime_api::PlanCatalogApi<
//! 	Block,
//! 	AccountId,
//! 	pallet_plan_catalog::RegionQuery,
//! 	pallet_plan_catalog::PlanView<Runtime>,
//! 	pallet_plan_catalog::EntitlementDetailsOf<Runtime>,
//! > for Runtime {
//! 	fn plans_by_telco(telco: AccountId) -> Vec<pallet_plan_catalog::PlanView<Runtime>> {
//! 		PlanCatalog::plans_by_telco(telco)
//! 	}
//! 	fn plans_in_region(area: pallet_plan_catalog::RegionQuery) -> Vec<pallet_plan_catalog::PlanView<Runtime>> {
//! 		PlanCatalog::plans_in_region(area)
//! 	}
//! 	fn entitlements_of(who: AccountId) -> Vec<pallet_plan_catalog::EntitlementDetailsOf<Runtime>> {
//! 		PlanCatalog::entitlements_of(who)
//! 	}
//! 	fn plans_in_region_page(
//! 		area: pallet_plan_catalog::RegionQuery,
//! 		after: Option<u32>,
//! 		scan: u32,
//! 	) -> (Vec<pallet_plan_catalog::PlanView<Runtime>>, Option<u32>) {
//! 		PlanCatalog::plans_in_region_page(area, after, scan.min(256))
//! 	}
//! }
//! ```

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;

sp_api::decl_runtime_apis! {
	/// Queries of the plan catalog.
	pub trait PlanCatalogApi<AccountId, RegionQuery, PlanView, EntitlementDetails>
	where
		AccountId: codec::Codec,
		RegionQuery: codec::Codec,
		PlanView: codec::Codec,
		EntitlementDetails: codec::Codec,
	{
		/// The plans `telco` lists now (retired plans are left out).
		fn plans_by_telco(telco: AccountId) -> Vec<PlanView>;

		/// The plans on sale from active operators that cover `area` (a geohash cell or a
		/// network): the best-rated operator's first (unrated operators' last), then the
		/// cheapest.
		fn plans_in_region(area: RegionQuery) -> Vec<PlanView>;

		/// `who`'s entitlements, with what their escrow still holds.
		fn entitlements_of(who: AccountId) -> Vec<EntitlementDetails>;

		/// The plans on sale that cover `area` among at most `scan` plans after plan `after`
		/// (in storage order), ordered as `plans_in_region` within the page, and the plan id to pass as
		/// `after` for the next page (none when every plan was read).
		fn plans_in_region_page(area: RegionQuery, after: Option<u32>, scan: u32) -> (Vec<PlanView>, Option<u32>);
	}
}
