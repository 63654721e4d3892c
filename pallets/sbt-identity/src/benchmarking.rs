//! Benchmarks of the sbt-identity pallet, each call at its worst case: `issue` creates the
//! collection and replaces a revoked identity, the EID calls and `revoke` work on full lists,
//! and `bind_eid_commitment` verifies a real proof (from the runtime's benchmark helper) and
//! replaces a stale holder.

use super::*;
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, Mutate},
	Get,
};
use frame_system::RawOrigin;
use gesim_primitives::{EidCommitment, IdentityInspect};
use sp_core::H256;
use sp_runtime::traits::Saturating;

/// The `i`-th of a series of distinct EID commitments.
fn eid_commitment(i: u32) -> EidCommitment {
	let mut commitment = [0x5A; 32];
	commitment[..4].copy_from_slice(&i.to_le_bytes());
	commitment
}

/// Plenty for any deposit the runtime may ask: twice the money in existence, so pallet-nfts'
/// collection deposit (which this pallet cannot read) is covered wherever it is set.
fn plenty<T: Config>() -> BalanceOf<T> {
	T::Currency::total_issuance()
		.max(T::Currency::minimum_balance())
		.saturating_mul(2u32.into())
		.saturating_add(T::IdentityDeposit::get().saturating_mul(1_000u32.into()))
}

/// An active telco with funds for many deposits; the pallet account funded as well.
fn active_telco<T: Config>() -> T::AccountId {
	let telco: T::AccountId = account("telco", 0, 0);
	T::BenchmarkHelper::make_active_telco(&telco);
	T::Currency::set_balance(&telco, plenty::<T>());
	T::Currency::set_balance(&Pallet::<T>::account_id(), plenty::<T>());
	telco
}

/// `subscriber`'s identity, issued by `telco`, with `eids` EID commitments bound.
fn identified<T: Config>(telco: &T::AccountId, subscriber: &T::AccountId, eids: u32) {
	Pallet::<T>::do_issue(
		telco.clone(),
		subscriber.clone(),
		H256::repeat_byte(1),
		H256::repeat_byte(2),
	)
	.unwrap_or_else(|e| panic!("benchmark identity can be issued: {e:?}"));
	// Bound as a proof would bind them; only the last binding of a benchmark needs one.
	Identities::<T>::mutate(subscriber, |identity| {
		let identity = identity.as_mut().expect("just issued");
		for i in 0..eids {
			identity
				.eid_commitments
				.try_push(eid_commitment(i))
				.expect("at most MaxEidCommitments");
			EidHolders::<T>::insert(eid_commitment(i), subscriber);
		}
	});
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn issue() {
		let telco = active_telco::<T>();
		let subscriber: T::AccountId = account("subscriber", 0, 0);
		identified::<T>(&telco, &subscriber, T::MaxEidCommitments::get());
		Pallet::<T>::do_revoke(subscriber.clone(), None)
			.unwrap_or_else(|e| panic!("benchmark identity can be revoked: {e:?}"));
		// Forget the collection so this issue creates one, as the first issue on a chain
		// without genesis creation does.
		IdentityCollection::<T>::kill();

		#[extrinsic_call]
		_(
			RawOrigin::Signed(telco.clone()),
			subscriber.clone(),
			H256::repeat_byte(3),
			H256::repeat_byte(4),
		);

		assert_eq!(Pallet::<T>::verified_issuer(&subscriber), Some(telco));
		assert!(IdentityCollection::<T>::get().is_some());
	}

	/// The commitment was held by an identity since revoked, whose record must be read.
	#[benchmark]
	fn bind_eid_commitment() {
		let telco = active_telco::<T>();
		let subscriber: T::AccountId = account("subscriber", 0, 0);
		identified::<T>(&telco, &subscriber, T::MaxEidCommitments::get().saturating_sub(1));
		let (commitment, proof) = T::BenchmarkHelper::eid_possession(&subscriber);
		let previous: T::AccountId = account("previous", 0, 0);
		identified::<T>(&telco, &previous, 0);
		Identities::<T>::mutate(&previous, |identity| {
			let identity = identity.as_mut().expect("just issued");
			identity.eid_commitments.try_push(commitment).expect("room for one");
		});
		EidHolders::<T>::insert(commitment, &previous);
		Pallet::<T>::do_revoke(previous, None)
			.unwrap_or_else(|e| panic!("benchmark identity can be revoked: {e:?}"));

		#[extrinsic_call]
		_(RawOrigin::Signed(subscriber.clone()), commitment, proof);

		assert!(Pallet::<T>::holds_eid_commitment(&subscriber, &commitment));
		assert_eq!(EidHolders::<T>::get(commitment), Some(subscriber));
	}

	#[benchmark]
	fn unbind_eid_commitment() {
		let telco = active_telco::<T>();
		let subscriber: T::AccountId = account("subscriber", 0, 0);
		let max = T::MaxEidCommitments::get();
		identified::<T>(&telco, &subscriber, max);
		let last = eid_commitment(max.saturating_sub(1));

		#[extrinsic_call]
		_(RawOrigin::Signed(subscriber.clone()), last);

		assert!(!Pallet::<T>::holds_eid_commitment(&subscriber, &last));
	}

	#[benchmark]
	fn revoke() {
		let telco = active_telco::<T>();
		let subscriber: T::AccountId = account("subscriber", 0, 0);
		identified::<T>(&telco, &subscriber, T::MaxEidCommitments::get());

		#[extrinsic_call]
		_(RawOrigin::Signed(telco), subscriber.clone());

		assert_eq!(Pallet::<T>::verified_issuer(&subscriber), None);
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::tests::mock::new_test_ext(),
		crate::tests::mock::Test
	);
}
