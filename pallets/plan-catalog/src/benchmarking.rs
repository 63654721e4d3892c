//! Benchmarks of the plan catalog, each call in its worst case: operator and holder lists one
//! short of full, the entitlement collection still to be created (and its item deposits
//! waived), retired plans removed with their last entitlement, and the escrow's own worst
//! cases underneath.

use super::*;
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::{traits::Get, BoundedVec};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use gesim_primitives::{
	stablecoin, Bytes, EntitlementId, EscrowLedger, Geohash, PlanId, Plmn, StablecoinAmount,
};
use sp_core::H256;
use sp_runtime::traits::Saturating;

/// Every benchmark plan costs a dollar.
const PRICE: StablecoinAmount = stablecoin::DOLLAR;
/// And includes a gigabyte.
const QUOTA: Bytes = 1 << 30;

/// The `i`-th distinct geohash cell (up to 32³).
fn cell(i: u32) -> Result<Geohash, BenchmarkError> {
	const ALPHABET: &[u8; 32] = b"0123456789bcdefghjkmnpqrstuvwxyz";
	let digit = |shift: u32| ALPHABET[((i >> shift) & 31) as usize];
	Geohash::new(&[b'u', digit(10), digit(5), digit(0)])
		.ok_or(BenchmarkError::Stop("benchmark geohash is invalid"))
}

/// The `i`-th distinct network of MCC 208 (up to 1 000).
fn network(i: u32) -> Result<Plmn, BenchmarkError> {
	let digit = |n: u32| b'0' + (n % 10) as u8;
	Plmn::from_digits(b"208", &[digit(i / 100), digit(i / 10), digit(i)])
		.map_err(|_| BenchmarkError::Stop("benchmark PLMN is invalid"))
}

/// Terms with `c` cells, `n` networks and `r` roaming partners.
fn terms<T: Config>(c: u32, n: u32, r: u32, renews: bool) -> Result<PlanTerms<T>, BenchmarkError> {
	let cells = (0..c).map(cell).collect::<Result<Vec<_>, _>>()?;
	let networks = (0..n).map(network).collect::<Result<Vec<_>, _>>()?;
	let partners: Vec<T::AccountId> = (0..r).map(|i| account("partner", i, 0)).collect();
	Ok(PlanTerms {
		quota_bytes: QUOTA,
		validity: 1_000u32.into(),
		price: PRICE,
		region: Region {
			cells: BoundedVec::try_from(cells).map_err(|_| BenchmarkError::Weightless)?,
			networks: BoundedVec::try_from(networks).map_err(|_| BenchmarkError::Weightless)?,
		},
		roaming_partners: BoundedVec::try_from(partners).map_err(|_| BenchmarkError::Weightless)?,
		billing: Billing::Prepaid,
		extends_validity_on_top_up: renews,
		terms_hash: H256::repeat_byte(7),
	})
}

/// An active operator whose plan list is one short of full (with ids no plan has).
fn telco<T: Config>() -> T::AccountId {
	let telco: T::AccountId = account("telco", 0, 0);
	T::BenchmarkHelper::activate_telco(&telco);
	let filler: Vec<PlanId> = (0..T::MaxPlansPerTelco::get().saturating_sub(1))
		.map(|i| PlanId::MAX - i)
		.collect();
	PlansByTelco::<T>::insert(&telco, BoundedVec::truncate_from(filler));
	telco
}

/// A verified, funded subscriber whose entitlement list is one short of full.
fn subscriber<T: Config>() -> T::AccountId {
	subscriber_with_room::<T>(1)
}

/// A verified, funded subscriber whose entitlement list has `room` places left.
fn subscriber_with_room<T: Config>(room: u32) -> T::AccountId {
	let holder: T::AccountId = account("subscriber", 0, 0);
	T::BenchmarkHelper::verify_identity(&holder);
	T::BenchmarkHelper::fund(&holder, PRICE.saturating_mul(10));
	T::BenchmarkHelper::fund_deposits(&Pallet::<T>::account_id());
	let filler: Vec<EntitlementId> = (0..T::MaxEntitlementsPerAccount::get().saturating_sub(room))
		.map(|i| EntitlementId::MAX - i)
		.collect();
	EntitlementsOf::<T>::insert(&holder, BoundedVec::truncate_from(filler));
	holder
}

/// Lists a plan of `telco` with the largest region and partner list.
fn list_plan<T: Config>(telco: &T::AccountId, renews: bool) -> Result<PlanId, BenchmarkError> {
	let terms = terms::<T>(
		T::MaxRegionCells::get().max(1),
		T::MaxRegionNetworks::get(),
		T::MaxRoamingPartners::get(),
		renews,
	)?;
	let plan = NextPlanId::<T>::get();
	Pallet::<T>::create_plan(RawOrigin::Signed(telco.clone()).into(), terms)
		.map_err(|_| BenchmarkError::Stop("listing the benchmark plan failed"))?;
	Ok(plan)
}

/// `holder` buys `plan`; returns the entitlement.
fn buy<T: Config>(holder: &T::AccountId, plan: PlanId) -> Result<EntitlementId, BenchmarkError> {
	let entitlement = NextEntitlementId::<T>::get();
	Pallet::<T>::purchase(RawOrigin::Signed(holder.clone()).into(), plan)
		.map_err(|_| BenchmarkError::Stop("the benchmark purchase failed"))?;
	Ok(entitlement)
}

/// Retires `plan`, which then goes with its last entitlement.
fn retire<T: Config>(telco: &T::AccountId, plan: PlanId) -> Result<(), BenchmarkError> {
	Pallet::<T>::retire_plan(RawOrigin::Signed(telco.clone()).into(), plan)
		.map_err(|_| BenchmarkError::Stop("retiring the benchmark plan failed"))
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn create_plan(
		c: Linear<1, { T::MaxRegionCells::get().max(1) }>,
		n: Linear<0, { T::MaxRegionNetworks::get() }>,
		r: Linear<0, { T::MaxRoamingPartners::get() }>,
	) -> Result<(), BenchmarkError> {
		let telco = telco::<T>();
		let terms = terms::<T>(c, n, r, true)?;
		let plan = NextPlanId::<T>::get();

		#[extrinsic_call]
		_(RawOrigin::Signed(telco.clone()), terms);

		assert!(Plans::<T>::contains_key(plan));
		assert!(PlansByTelco::<T>::get(&telco).contains(&plan));
		Ok(())
	}

	#[benchmark]
	fn retire_plan() -> Result<(), BenchmarkError> {
		let telco = telco::<T>();
		let plan = list_plan::<T>(&telco, true)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(telco.clone()), plan);

		assert!(!PlansByTelco::<T>::get(&telco).contains(&plan));
		Ok(())
	}

	#[benchmark]
	fn purchase() -> Result<(), BenchmarkError> {
		let telco = telco::<T>();
		let plan = list_plan::<T>(&telco, true)?;
		let holder = subscriber::<T>();
		let entitlement = NextEntitlementId::<T>::get();

		#[extrinsic_call]
		_(RawOrigin::Signed(holder.clone()), plan);

		assert_eq!(Entitlements::<T>::get(entitlement).map(|e| e.holder), Some(holder));
		Ok(())
	}

	#[benchmark]
	fn top_up() -> Result<(), BenchmarkError> {
		let telco = telco::<T>();
		let plan = list_plan::<T>(&telco, true)?;
		let holder = subscriber::<T>();
		let entitlement = buy::<T>(&holder, plan)?;
		// Later, so that the renewed validity moves the expiry.
		let now = frame_system::Pallet::<T>::block_number();
		frame_system::Pallet::<T>::set_block_number(now.saturating_add(10u32.into()));

		#[extrinsic_call]
		_(RawOrigin::Signed(holder), entitlement);

		assert_eq!(
			Entitlements::<T>::get(entitlement).map(|e| e.remaining_bytes),
			Some(QUOTA.saturating_mul(2))
		);
		Ok(())
	}

	#[benchmark]
	fn switch_plan() -> Result<(), BenchmarkError> {
		let telco = telco::<T>();
		// Room for both plans: a switch does not touch the operator's plan list.
		PlansByTelco::<T>::mutate(&telco, |plans| plans.pop());
		let old_plan = list_plan::<T>(&telco, true)?;
		// The old entitlement keeps its place until it is closed: the new one fills the list.
		let holder = subscriber_with_room::<T>(2);
		let entitlement = buy::<T>(&holder, old_plan)?;
		let new_plan = list_plan::<T>(&telco, true)?;
		let to = NextEntitlementId::<T>::get();

		#[extrinsic_call]
		_(RawOrigin::Signed(holder.clone()), entitlement, new_plan);

		// The old entitlement ended; it stays until its escrow is settled.
		let now = frame_system::Pallet::<T>::block_number();
		assert!(Entitlements::<T>::get(entitlement).is_some_and(|e| e.expires_at < now));
		assert_eq!(Entitlements::<T>::get(to).map(|e| e.plan), Some(new_plan));
		Ok(())
	}

	#[benchmark]
	fn close_entitlement() -> Result<(), BenchmarkError> {
		let telco = telco::<T>();
		let plan = list_plan::<T>(&telco, true)?;
		let holder = subscriber::<T>();
		let entitlement = buy::<T>(&holder, plan)?;
		retire::<T>(&telco, plan)?;
		let record =
			Entitlements::<T>::get(entitlement).ok_or(BenchmarkError::Stop("no entitlement"))?;
		// The escrow is settled: everything went back to the holder.
		T::Escrow::refund(record.intent, PRICE)
			.map_err(|_| BenchmarkError::Stop("settling the benchmark escrow failed"))?;
		let after: BlockNumberFor<T> = record.expires_at.saturating_add(1u32.into());
		frame_system::Pallet::<T>::set_block_number(after);
		let caller: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), entitlement);

		assert!(Entitlements::<T>::get(entitlement).is_none());
		assert!(!Plans::<T>::contains_key(plan));
		Ok(())
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::tests::mock::new_test_ext(),
		crate::tests::mock::Test
	);
}
