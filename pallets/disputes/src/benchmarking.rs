//! Benchmarks of the disputes pallet, on the runtime's real catalog, escrow, metering and
//! registry: the costlier subject of an entitlement's for filing and a roaming booking, and
//! each subject's `Refund` with compensation for ruling, a reallocation that also refunds, and a
//! hardware swap.

use super::*;
use frame_benchmarking::v2::*;
use frame_support::traits::EnsureOrigin;
use frame_system::RawOrigin;
use gesim_primitives::{EntitlementLedger, HeldSettlementLedger, RoamingDisputeLedger};
use sp_core::H256;
use sp_runtime::traits::One;

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn file_dispute() -> Result<(), BenchmarkError> {
		let (telco, nonce) = T::BenchmarkHelper::held_settlement();
		let held = T::HeldSettlements::held_settlement(&telco, nonce)
			.ok_or(BenchmarkError::Stop("no held settlement"))?;
		let holder = T::Entitlements::entitlement(held.entitlement)
			.ok_or(BenchmarkError::Stop("no entitlement"))?
			.holder;

		#[extrinsic_call]
		_(RawOrigin::Signed(holder), DisputeSubject::HeldSettlement { telco, nonce }, H256::zero());

		assert!(OpenDisputes::<T>::contains_key(0));
		Ok(())
	}

	#[benchmark]
	fn file_roaming_dispute() -> Result<(), BenchmarkError> {
		let (agreement, visited, home) = T::BenchmarkHelper::roaming_booking();
		let (_, amount) =
			T::Roaming::booked(agreement, &visited).ok_or(BenchmarkError::Stop("no booking"))?;

		#[extrinsic_call]
		file_dispute(
			RawOrigin::Signed(home),
			DisputeSubject::RoamingBooking { agreement, visited, amount },
			H256::zero(),
		);

		assert!(OpenDisputes::<T>::contains_key(0));
		Ok(())
	}

	#[benchmark]
	fn rule_roaming_booking() -> Result<(), BenchmarkError> {
		let origin =
			T::CouncilOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let (agreement, visited, home) = T::BenchmarkHelper::roaming_booking();
		let (_, amount) =
			T::Roaming::booked(agreement, &visited).ok_or(BenchmarkError::Stop("no booking"))?;
		Pallet::<T>::file_dispute(
			RawOrigin::Signed(home).into(),
			DisputeSubject::RoamingBooking { agreement, visited: visited.clone(), amount },
			H256::zero(),
		)
		.map_err(|_| BenchmarkError::Stop("filing failed"))?;

		#[extrinsic_call]
		rule(origin as T::RuntimeOrigin, 0, Ruling::Refund { compensation: One::one() });

		assert_eq!(T::Roaming::booked(agreement, &visited).map(|(_, booked)| booked), Some(0));
		Ok(())
	}

	#[benchmark]
	fn rule_entitlement() -> Result<(), BenchmarkError> {
		let origin =
			T::CouncilOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let entitlement = T::BenchmarkHelper::entitlement();
		let holder = T::Entitlements::entitlement(entitlement)
			.ok_or(BenchmarkError::Stop("no entitlement"))?
			.holder;
		Pallet::<T>::file_dispute(
			RawOrigin::Signed(holder).into(),
			DisputeSubject::Entitlement(entitlement),
			H256::zero(),
		)
		.map_err(|_| BenchmarkError::Stop("filing failed"))?;

		#[extrinsic_call]
		rule(origin as T::RuntimeOrigin, 0, Ruling::Refund { compensation: One::one() });

		assert!(!OpenDisputes::<T>::contains_key(0));
		Ok(())
	}

	#[benchmark]
	fn rule_reallocation() -> Result<(), BenchmarkError> {
		let origin =
			T::CouncilOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let entitlement = T::BenchmarkHelper::entitlement();
		let plan = T::BenchmarkHelper::comparable_plan(entitlement);
		let holder = T::Entitlements::entitlement(entitlement)
			.ok_or(BenchmarkError::Stop("no entitlement"))?
			.holder;
		Pallet::<T>::file_dispute(
			RawOrigin::Signed(holder).into(),
			DisputeSubject::Entitlement(entitlement),
			H256::zero(),
		)
		.map_err(|_| BenchmarkError::Stop("filing failed"))?;

		#[extrinsic_call]
		rule(origin as T::RuntimeOrigin, 0, Ruling::Reallocate { plan, compensation: One::one() });

		let ended = T::Entitlements::entitlement(entitlement)
			.ok_or(BenchmarkError::Stop("the old entitlement stays until closed"))?;
		assert_eq!(ended.remaining_bytes, 0);
		Ok(())
	}

	#[benchmark]
	fn rule_swap() -> Result<(), BenchmarkError> {
		let origin =
			T::CouncilOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let entitlement = T::BenchmarkHelper::entitlement();
		let view = T::Entitlements::entitlement(entitlement)
			.ok_or(BenchmarkError::Stop("no entitlement"))?;
		let (claimant_device, respondent_device) =
			T::BenchmarkHelper::devices(&view.holder, &view.telco);
		Pallet::<T>::file_dispute(
			RawOrigin::Signed(view.holder).into(),
			DisputeSubject::Entitlement(entitlement),
			H256::zero(),
		)
		.map_err(|_| BenchmarkError::Stop("filing failed"))?;
		let ruling = Ruling::SwapDevices {
			claimant_device,
			respondent_device,
			meetup: H256::repeat_byte(7),
			compensation: One::one(),
		};

		#[extrinsic_call]
		rule(origin as T::RuntimeOrigin, 0, ruling);

		assert!(!OpenDisputes::<T>::contains_key(0));
		Ok(())
	}

	#[benchmark]
	fn rule_held_settlement() -> Result<(), BenchmarkError> {
		let origin =
			T::CouncilOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let (telco, nonce) = T::BenchmarkHelper::held_settlement();
		let held = T::HeldSettlements::held_settlement(&telco, nonce)
			.ok_or(BenchmarkError::Stop("no held settlement"))?;
		let holder = T::Entitlements::entitlement(held.entitlement)
			.ok_or(BenchmarkError::Stop("no entitlement"))?
			.holder;
		Pallet::<T>::file_dispute(
			RawOrigin::Signed(holder).into(),
			DisputeSubject::HeldSettlement { telco: telco.clone(), nonce },
			H256::zero(),
		)
		.map_err(|_| BenchmarkError::Stop("filing failed"))?;

		#[extrinsic_call]
		rule(origin as T::RuntimeOrigin, 0, Ruling::Refund { compensation: One::one() });

		assert!(T::HeldSettlements::held_settlement(&telco, nonce).is_none());
		Ok(())
	}
}
