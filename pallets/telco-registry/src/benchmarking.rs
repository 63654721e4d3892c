//! Benchmarks of the telco-registry pallet, each call at its worst case: the longest legal
//! name, full PLMN and coverage lists, and (for calls that release claims) the most PLMNs,
//! those of a pending profile change included.

use super::*;
use alloc::{vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, InspectHold, Mutate},
	EnsureOrigin, Get,
};
use frame_system::RawOrigin;
use gesim_primitives::{Geohash, Plmn};
use sp_runtime::traits::{Saturating, Zero};

const GEOHASH_ALPHABET: &[u8; 32] = b"0123456789bcdefghjkmnpqrstuvwxyz";

/// Three decimal digits of `n` (below 1000).
fn digits3(n: u32) -> [u8; 3] {
	[b'0' + (n / 100 % 10) as u8, b'0' + (n / 10 % 10) as u8, b'0' + (n % 10) as u8]
}

/// The `i`-th of a series of distinct PLMNs: MCC 100 and up, three-digit MNCs.
fn plmn(i: u32) -> Plmn {
	Plmn::from_digits(&digits3(100 + i / 1000), &digits3(i % 1000))
		.unwrap_or_else(|_| panic!("PLMN {i} is well-formed"))
}

/// `n` distinct PLMNs starting at the `first`-th.
fn plmns<T: Config>(first: u32, n: u32) -> PlmnsOf<T> {
	let list: Vec<Plmn> = (first..first + n).map(plmn).collect();
	list.try_into().unwrap_or_else(|_| panic!("at most MaxPlmns"))
}

/// `n` distinct twelve-character geohash cells.
fn coverage<T: Config>(n: u32) -> CoverageOf<T> {
	let cells: Vec<Geohash> = (0..n)
		.map(|i| {
			let chars: Vec<u8> = (0..12)
				.map(|k| GEOHASH_ALPHABET[((i.checked_shr(5 * k).unwrap_or(0)) & 31) as usize])
				.collect();
			Geohash::new(&chars).unwrap_or_else(|| panic!("geohash {i} is well-formed"))
		})
		.collect();
	cells.try_into().unwrap_or_else(|_| panic!("at most MaxCoverageCells"))
}

fn legal_name<T: Config>() -> LegalNameOf<T> {
	vec![b'n'; T::MaxLegalNameLen::get() as usize]
		.try_into()
		.unwrap_or_else(|_| panic!("exactly MaxLegalNameLen"))
}

/// A legal name as long as `legal_name`'s, but another.
fn other_legal_name<T: Config>() -> LegalNameOf<T> {
	vec![b'm'; T::MaxLegalNameLen::get() as usize]
		.try_into()
		.unwrap_or_else(|_| panic!("exactly MaxLegalNameLen"))
}

fn all_services() -> Services {
	Service::ALL
		.to_vec()
		.try_into()
		.unwrap_or_else(|_| panic!("SERVICE_KINDS services"))
}

/// An account with enough to bond many times over.
fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	let amount = T::TelcoBond::get()
		.saturating_mul(100u32.into())
		.saturating_add(T::Currency::minimum_balance());
	T::Currency::set_balance(&who, amount);
	who
}

/// A registered operator with the longest name and every list full, in `status`.
fn registered<T: Config>(status: TelcoStatus) -> T::AccountId {
	let telco = funded::<T>("telco", 0);
	let profile = Pallet::<T>::checked_profile(
		legal_name::<T>(),
		plmns::<T>(0, T::MaxPlmns::get()),
		coverage::<T>(T::MaxCoverageCells::get()),
		all_services(),
	)
	.unwrap_or_else(|e| panic!("benchmark profile is valid: {e:?}"));
	Pallet::<T>::do_apply(telco.clone(), profile, [1; 32])
		.unwrap_or_else(|e| panic!("benchmark telco can apply: {e:?}"));
	if status != TelcoStatus::Pending {
		Pallet::<T>::do_approve(telco.clone()).unwrap_or_else(|e| panic!("approve: {e:?}"));
	}
	if status == TelcoStatus::Suspended {
		Pallet::<T>::do_suspend(telco.clone()).unwrap_or_else(|e| panic!("suspend: {e:?}"));
	}
	telco
}

/// Makes admitted `telco` ask for another legal name and `MaxPlmns` PLMNs it does not run yet,
/// from the `first`-th, all claimed while the change waits; returns what it asked for.
fn propose_change<T: Config>(telco: &T::AccountId, first: u32) -> (LegalNameOf<T>, PlmnsOf<T>) {
	let (name, plmns) = (other_legal_name::<T>(), plmns::<T>(first, T::MaxPlmns::get()));
	let profile = Pallet::<T>::checked_profile(
		name.clone(),
		plmns.clone(),
		coverage::<T>(T::MaxCoverageCells::get()),
		all_services(),
	)
	.unwrap_or_else(|e| panic!("benchmark profile change is valid: {e:?}"));
	Pallet::<T>::do_update(telco.clone(), profile)
		.unwrap_or_else(|e| panic!("benchmark telco can propose a change: {e:?}"));
	assert!(ProfileChanges::<T>::contains_key(telco));
	(name, plmns)
}

fn status_of<T: Config>(telco: &T::AccountId) -> Option<TelcoStatus> {
	Telcos::<T>::get(telco).map(|record| record.status)
}

fn council<T: Config>() -> Result<T::RuntimeOrigin, BenchmarkError> {
	T::CouncilOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn apply(p: Linear<1, { T::MaxPlmns::get() }>, c: Linear<0, { T::MaxCoverageCells::get() }>) {
		let telco = funded::<T>("telco", 0);
		let (name, plmns, cells) = (legal_name::<T>(), plmns::<T>(0, p), coverage::<T>(c));

		#[extrinsic_call]
		_(RawOrigin::Signed(telco.clone()), name, plmns, cells, all_services(), [1; 32]);

		assert_eq!(status_of::<T>(&telco), Some(TelcoStatus::Pending));
		assert_eq!(
			T::Currency::balance_on_hold(&HoldReason::TelcoBond.into(), &telco),
			T::TelcoBond::get()
		);
	}

	#[benchmark]
	fn withdraw_application() {
		let telco = registered::<T>(TelcoStatus::Pending);

		#[extrinsic_call]
		_(RawOrigin::Signed(telco.clone()));

		assert!(!Telcos::<T>::contains_key(&telco));
		assert!(!PlmnOwner::<T>::contains_key(plmn(0)));
	}

	#[benchmark]
	fn reject() -> Result<(), BenchmarkError> {
		let telco = registered::<T>(TelcoStatus::Pending);
		let origin = council::<T>()?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, telco.clone());

		assert!(!Telcos::<T>::contains_key(&telco));
		assert!(!PlmnOwner::<T>::contains_key(plmn(0)));
		assert!(T::Currency::balance_on_hold(&HoldReason::TelcoBond.into(), &telco).is_zero());
		Ok(())
	}

	#[benchmark]
	fn approve() -> Result<(), BenchmarkError> {
		let telco = registered::<T>(TelcoStatus::Pending);
		let origin = council::<T>()?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, telco.clone());

		assert_eq!(status_of::<T>(&telco), Some(TelcoStatus::Active));
		Ok(())
	}

	#[benchmark]
	fn suspend() -> Result<(), BenchmarkError> {
		let telco = registered::<T>(TelcoStatus::Active);
		let origin = council::<T>()?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, telco.clone());

		assert_eq!(status_of::<T>(&telco), Some(TelcoStatus::Suspended));
		Ok(())
	}

	#[benchmark]
	fn reinstate() -> Result<(), BenchmarkError> {
		let telco = registered::<T>(TelcoStatus::Suspended);
		let origin = council::<T>()?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, telco.clone());

		assert_eq!(status_of::<T>(&telco), Some(TelcoStatus::Active));
		Ok(())
	}

	#[benchmark]
	fn slash() -> Result<(), BenchmarkError> {
		// To a beneficiary with no account yet, and the operator is suspended.
		let telco = registered::<T>(TelcoStatus::Active);
		let beneficiary: T::AccountId = account("creditor", 0, 0);
		let origin = council::<T>()?;
		let bond = T::TelcoBond::get();
		let amount = bond / 2u32.into();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, telco.clone(), amount, Some(beneficiary.clone()));

		assert_eq!(
			T::Currency::balance_on_hold(&HoldReason::TelcoBond.into(), &telco),
			bond.saturating_sub(amount)
		);
		assert_eq!(T::Currency::balance(&beneficiary), amount);
		assert_eq!(status_of::<T>(&telco), Some(TelcoStatus::Suspended));
		Ok(())
	}

	#[benchmark]
	fn top_up_bond() -> Result<(), BenchmarkError> {
		// The whole bond was slashed, so the hold is created anew.
		let telco = registered::<T>(TelcoStatus::Active);
		Pallet::<T>::do_slash(telco.clone(), T::TelcoBond::get(), None)
			.map_err(|_| BenchmarkError::Stop("slash the whole bond"))?;

		#[extrinsic_call]
		_(RawOrigin::Signed(telco.clone()));

		assert_eq!(
			T::Currency::balance_on_hold(&HoldReason::TelcoBond.into(), &telco),
			T::TelcoBond::get()
		);
		Ok(())
	}

	#[benchmark]
	fn retire() {
		// Its own PLMNs and those of a pending profile change are all released.
		let telco = registered::<T>(TelcoStatus::Active);
		propose_change::<T>(&telco, T::MaxPlmns::get());

		#[extrinsic_call]
		_(RawOrigin::Signed(telco.clone()));

		assert!(!Telcos::<T>::contains_key(&telco));
		assert!(!ProfileChanges::<T>::contains_key(&telco));
		assert!(!PlmnOwner::<T>::contains_key(plmn(0)));
		assert!(!PlmnOwner::<T>::contains_key(plmn(T::MaxPlmns::get())));
		assert!(T::Currency::balance_on_hold(&HoldReason::TelcoBond.into(), &telco).is_zero());
	}

	#[benchmark]
	fn update(p: Linear<1, { T::MaxPlmns::get() }>, c: Linear<0, { T::MaxCoverageCells::get() }>) {
		// An admitted operator replaces a pending change of the most PLMNs (all released) by
		// one of `p` PLMNs it does not run yet (all claimed).
		let telco = registered::<T>(TelcoStatus::Active);
		propose_change::<T>(&telco, T::MaxPlmns::get());
		let fresh = plmns::<T>(2 * T::MaxPlmns::get(), p);
		let (name, cells) = (legal_name::<T>(), coverage::<T>(c));

		#[extrinsic_call]
		_(RawOrigin::Signed(telco.clone()), name, fresh.clone(), cells, all_services());

		assert!(!PlmnOwner::<T>::contains_key(plmn(T::MaxPlmns::get())));
		assert_eq!(PlmnOwner::<T>::get(plmn(2 * T::MaxPlmns::get())), Some(telco.clone()));
		assert_eq!(ProfileChanges::<T>::get(&telco).map(|change| change.plmns), Some(fresh));
	}

	#[benchmark]
	fn approve_profile_change() -> Result<(), BenchmarkError> {
		// Every PLMN the operator ran is released.
		let telco = registered::<T>(TelcoStatus::Active);
		let (name, plmns) = propose_change::<T>(&telco, T::MaxPlmns::get());
		let origin = council::<T>()?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, telco.clone(), name.clone(), plmns.clone());

		let record = Telcos::<T>::get(&telco).ok_or(BenchmarkError::Stop("telco registered"))?;
		assert_eq!((record.legal_name, record.plmns), (name, plmns));
		assert!(!ProfileChanges::<T>::contains_key(&telco));
		assert!(!PlmnOwner::<T>::contains_key(plmn(0)));
		Ok(())
	}

	#[benchmark]
	fn reject_profile_change() -> Result<(), BenchmarkError> {
		// Every PLMN the change claimed is released.
		let telco = registered::<T>(TelcoStatus::Active);
		propose_change::<T>(&telco, T::MaxPlmns::get());
		let origin = council::<T>()?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, telco.clone());

		assert!(!ProfileChanges::<T>::contains_key(&telco));
		assert!(!PlmnOwner::<T>::contains_key(plmn(T::MaxPlmns::get())));
		assert_eq!(PlmnOwner::<T>::get(plmn(0)), Some(telco));
		Ok(())
	}

	#[benchmark]
	fn rotate_receipt_key() {
		let telco = registered::<T>(TelcoStatus::Active);

		#[extrinsic_call]
		_(RawOrigin::Signed(telco.clone()), [2; 32]);

		assert!(Pallet::<T>::is_valid_receipt_key(&telco, &[2; 32]));
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::tests::mock::new_test_ext(),
		crate::tests::mock::Test
	);
}
