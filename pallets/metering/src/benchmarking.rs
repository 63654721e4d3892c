//! Benchmarks of the metering pallet. Settlements verify real Groth16 proofs of full batches
//! for each usage circuit ([`crate::fixtures`]): the component `c` is the circuit (0, 1, 2 for
//! 64, 256, 1024 records). The operator runs as many networks as it may. Its entitlement and
//! agreement start at the start of the fixtures' period, and usage is anchored and settled a
//! day after its end.

use super::*;
use crate::fixtures::{
	batch_fixture, circuit_of, fixture, networks, Fixture, ProvedBatch, AGREEMENT, ENTITLEMENT,
	GENESIS_HASH, PERIOD, TELCO,
};
use codec::Decode;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{EnsureOrigin, Get},
	BoundedVec,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use gesim_primitives::{EntitlementLedger, StablecoinAmount, UsageSubject};
use gesim_zk_verifier::{CircuitId, UsageClaim, VerifyingKeyBytes};
use sp_runtime::{traits::Zero, AccountId32};

/// What the benchmark entitlement costs: $10, for exactly the batch's total.
const PRICE: StablecoinAmount = 10_000_000;
/// The fixtures' key version: one no genesis registers (the dev chain's keys are version 1).
const VERSION: KeyVersion = KeyVersion::MAX;

fn load(circuit: CircuitId) -> Result<Fixture, BenchmarkError> {
	fixture(circuit).ok_or(BenchmarkError::Stop("benchmark fixture missing: regenerate it"))
}

/// An active telco running the fixtures' networks, on a chain with the fixtures' genesis
/// hash, at the start of the fixtures' period: entitlements and agreements made now start the
/// usage clocks there, and [`anchor`] moves the time past the period.
fn telco<T: Config>() -> Result<T::AccountId, BenchmarkError> {
	let hash = T::Hash::decode(&mut &GENESIS_HASH[..])
		.map_err(|_| BenchmarkError::Stop("hash is not 32 bytes"))?;
	frame_system::BlockHash::<T>::insert(BlockNumberFor::<T>::zero(), hash);
	T::BenchmarkHelper::set_time(PERIOD.start);
	let telco = AccountId32::new(TELCO);
	T::BenchmarkHelper::activate_telco(&telco, &networks());
	Ok(telco)
}

/// Registers the fixture's key.
fn register<T: Config>(fixture: &Fixture) -> Result<KeyId, BenchmarkError> {
	let key = KeyId { circuit: fixture.circuit, version: VERSION };
	let vk = VerifyingKeyBytes::new(fixture.vk.clone())
		.ok_or(BenchmarkError::Stop("fixture key too long"))?;
	Pallet::<T>::do_register_key(key, vk)
		.map_err(|_| BenchmarkError::Stop("fixture key refused"))?;
	Ok(key)
}

/// The fixture's entitlement, served by `telco`, with exactly the batch's quota.
fn entitlement<T: Config>(
	telco: &T::AccountId,
	fixture: &Fixture,
) -> Result<UsageSubject, BenchmarkError> {
	let id = T::BenchmarkHelper::entitlement(telco, fixture.total_bytes, PRICE);
	if id != ENTITLEMENT {
		return Err(BenchmarkError::Stop(
			"the helper's entitlement is not the one the fixtures were proved for",
		));
	}
	Ok(UsageSubject::Entitlement(id))
}

/// The fixture's roaming agreement, with `telco` a party.
fn agreement<T: Config>(telco: &T::AccountId) -> Result<UsageSubject, BenchmarkError> {
	let id = T::BenchmarkHelper::roaming_agreement(telco);
	if id != AGREEMENT {
		return Err(BenchmarkError::Stop(
			"the helper's agreement is not the one the fixtures were proved for",
		));
	}
	Ok(UsageSubject::Roaming(id))
}

/// A day after the fixtures' period: all of it is in the past.
fn after_period<T: Config>() {
	T::BenchmarkHelper::set_time(PERIOD.end + 86_400);
}

fn anchor<T: Config>(
	telco: &T::AccountId,
	subject: UsageSubject,
	key: KeyId,
	batch: &ProvedBatch,
) -> Result<(), BenchmarkError> {
	after_period::<T>();
	let nonce = batch.claim.nonce;
	Pallet::<T>::do_anchor_usage(telco.clone(), subject, key, batch.root, PERIOD, nonce)
		.map_err(|_| BenchmarkError::Stop("anchoring the fixture failed"))
}

/// `n` entitlements of `telco`, each with a full usage-64 batch of the batch fixture anchored
/// under `key`; the claims proving them, as one batch.
fn anchored_batch<T: Config>(
	telco: &T::AccountId,
	key: KeyId,
	n: u32,
) -> Result<BoundedVec<UsageClaim, T::MaxSettlementBatch>, BenchmarkError> {
	let f = batch_fixture().ok_or(BenchmarkError::Stop("batch fixture missing: regenerate it"))?;
	let batches = f.batches.get(..n as usize).ok_or(BenchmarkError::Stop("batch fixture short"))?;
	// Every entitlement first: each starts its usage clock now, at the period's start.
	for index in 0..n {
		if T::BenchmarkHelper::entitlement(telco, f.total_bytes, PRICE) != ENTITLEMENT + index {
			return Err(BenchmarkError::Stop("the helper's entitlements are not the fixture's"));
		}
	}
	for (index, batch) in batches.iter().enumerate() {
		anchor::<T>(telco, UsageSubject::Entitlement(ENTITLEMENT + index as u32), key, batch)?;
	}
	let claims = batches.iter().map(|batch| batch.claim.clone()).collect::<alloc::vec::Vec<_>>();
	BoundedVec::try_from(claims).map_err(|_| BenchmarkError::Stop("MaxSettlementBatch too small"))
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// A usage key: every point checked, e(α, β) computed.
	#[benchmark]
	fn register_key() -> Result<(), BenchmarkError> {
		let origin =
			T::CouncilOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let f = load(CircuitId::Usage1024)?;
		let key = KeyId { circuit: f.circuit, version: VERSION };
		let vk =
			VerifyingKeyBytes::new(f.vk).ok_or(BenchmarkError::Stop("fixture key too long"))?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, key, vk);

		assert!(VerifyingKeys::<T>::contains_key(key.circuit, key.version));
		Ok(())
	}

	#[benchmark]
	fn retire_key() -> Result<(), BenchmarkError> {
		let origin =
			T::CouncilOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let key = register::<T>(&load(CircuitId::Usage1024)?)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, key);

		assert!(VerifyingKeys::<T>::get(key.circuit, key.version).is_some_and(|k| k.retired));
		Ok(())
	}

	/// For an entitlement, by a telco with all but one place for commitments taken.
	#[benchmark]
	fn anchor_usage() -> Result<(), BenchmarkError> {
		let f = load(CircuitId::Usage1024)?;
		let telco = telco::<T>()?;
		let key = register::<T>(&f)?;
		let subject = entitlement::<T>(&telco, &f)?;
		PendingCount::<T>::insert(&telco, T::MaxPendingCommitments::get() - 1);
		after_period::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(telco.clone()), subject, key, f.entitlement.root, PERIOD, 1);

		assert!(PendingUsage::<T>::contains_key(&telco, 1));
		assert_eq!(UsageClock::<T>::get(&telco, subject), PERIOD.end + 1);
		Ok(())
	}

	#[benchmark]
	fn discard_usage() -> Result<(), BenchmarkError> {
		let f = load(CircuitId::Usage1024)?;
		let telco = telco::<T>()?;
		let key = register::<T>(&f)?;
		let subject = entitlement::<T>(&telco, &f)?;
		anchor::<T>(&telco, subject, key, &f.entitlement)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(telco.clone()), 1);

		assert!(!PendingUsage::<T>::contains_key(&telco, 1));
		assert_eq!(UsageClock::<T>::get(&telco, subject), PERIOD.start, "the period is given back");
		Ok(())
	}

	/// A full batch of circuit `c`, verified, its quota consumed; nothing acknowledged, so the
	/// tolerance's share of its price is released from escrow to the telco and the treasury and
	/// the rest reserved as a held settlement (both paths).
	#[benchmark]
	fn settle_entitlement_usage(c: Linear<0, 2>) -> Result<(), BenchmarkError> {
		let f = load(circuit_of(c))?;
		let telco = telco::<T>()?;
		let key = register::<T>(&f)?;
		let subject = entitlement::<T>(&telco, &f)?;
		anchor::<T>(&telco, subject, key, &f.entitlement)?;

		#[extrinsic_call]
		settle_usage(RawOrigin::Signed(telco.clone()), f.entitlement.claim.clone());

		assert!(!PendingUsage::<T>::contains_key(&telco, f.entitlement.claim.nonce));
		assert_eq!(T::Entitlements::entitlement(ENTITLEMENT).map(|e| e.remaining_bytes), Some(0));
		Ok(())
	}

	#[benchmark]
	fn acknowledge_usage() -> Result<(), BenchmarkError> {
		let f = load(CircuitId::Usage64)?;
		let telco = telco::<T>()?;
		entitlement::<T>(&telco, &f)?;
		let holder = T::Entitlements::entitlement(ENTITLEMENT)
			.ok_or(BenchmarkError::Stop("no entitlement"))?
			.holder;

		#[extrinsic_call]
		_(RawOrigin::Signed(holder), ENTITLEMENT, f.total_bytes);

		assert_eq!(EntitlementUsages::<T>::get(ENTITLEMENT).acknowledged, f.total_bytes);
		Ok(())
	}

	/// Before the challenge window ends, covered by an acknowledgement: the entitlement and
	/// its usage are read, then the reserved money paid.
	#[benchmark]
	fn release_held() -> Result<(), BenchmarkError> {
		let f = load(CircuitId::Usage64)?;
		let telco = telco::<T>()?;
		let key = register::<T>(&f)?;
		let subject = entitlement::<T>(&telco, &f)?;
		anchor::<T>(&telco, subject, key, &f.entitlement)?;
		let nonce = f.entitlement.claim.nonce;
		Pallet::<T>::do_settle_usage(telco.clone(), f.entitlement.claim.clone())
			.map_err(|_| BenchmarkError::Stop("settling the fixture failed"))?;
		let holder = T::Entitlements::entitlement(ENTITLEMENT)
			.ok_or(BenchmarkError::Stop("no entitlement"))?
			.holder;
		Pallet::<T>::do_acknowledge_usage(holder.clone(), ENTITLEMENT, f.total_bytes)
			.map_err(|_| BenchmarkError::Stop("acknowledging failed"))?;
		assert!(HeldSettlements::<T>::contains_key(&telco, nonce), "the settlement was held");

		#[extrinsic_call]
		_(RawOrigin::Signed(holder), telco.clone(), nonce);

		assert!(!HeldSettlements::<T>::contains_key(&telco, nonce));
		Ok(())
	}

	/// A full batch of circuit `c`, verified and booked under a roaming agreement.
	#[benchmark]
	fn settle_roaming_usage(c: Linear<0, 2>) -> Result<(), BenchmarkError> {
		let f = load(circuit_of(c))?;
		let telco = telco::<T>()?;
		let key = register::<T>(&f)?;
		let subject = agreement::<T>(&telco)?;
		anchor::<T>(&telco, subject, key, &f.roaming)?;

		#[extrinsic_call]
		settle_usage(RawOrigin::Signed(telco.clone()), f.roaming.claim.clone());

		assert!(!PendingUsage::<T>::contains_key(&telco, f.roaming.claim.nonce));
		Ok(())
	}

	/// `n` claims (up to the fixture's 16), each of another entitlement, all true: one combined
	/// check, then each paid as `settle_entitlement_usage` pays.
	#[benchmark]
	fn settle_usage_batch(n: Linear<1, 16>) -> Result<(), BenchmarkError> {
		let f = load(CircuitId::Usage64)?;
		let telco = telco::<T>()?;
		let key = register::<T>(&f)?;
		let claims = anchored_batch::<T>(&telco, key, n)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(telco.clone()), key, claims);

		assert_eq!(PendingCount::<T>::get(&telco), 0, "every claim settled");
		Ok(())
	}

	/// As above with the last claim's total off by one: the combined check fails, so every
	/// proof is checked alone; all but the last are paid.
	#[benchmark]
	fn settle_usage_batch_fallback(n: Linear<1, 16>) -> Result<(), BenchmarkError> {
		let f = load(CircuitId::Usage64)?;
		let telco = telco::<T>()?;
		let key = register::<T>(&f)?;
		let mut claims = anchored_batch::<T>(&telco, key, n)?;
		if let Some(last) = claims.last_mut() {
			last.total_bytes -= 1;
		}

		#[extrinsic_call]
		settle_usage_batch(RawOrigin::Signed(telco.clone()), key, claims);

		assert_eq!(PendingCount::<T>::get(&telco), 1, "the false claim still waits");
		Ok(())
	}
}
