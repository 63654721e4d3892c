//! Acknowledged usage: what the subscriber's device counted decides how much of a settlement
//! pays at once; the rest waits in escrow for the challenge window.

use crate::*;
use frame_support::{ensure, pallet_prelude::DispatchResult, traits::Get};
use gesim_primitives::{
	Bytes, EntitlementId, EntitlementLedger, EscrowLedger, ProtocolParameters, Release,
	BPS_DENOMINATOR,
};
use sp_runtime::SaturatedConversion;

impl<T: Config> Pallet<T> {
	pub(crate) fn do_acknowledge_usage(
		holder: T::AccountId,
		entitlement: EntitlementId,
		total_bytes: Bytes,
	) -> DispatchResult {
		let view =
			T::Entitlements::entitlement(entitlement).ok_or(Error::<T>::UnknownEntitlement)?;
		ensure!(view.holder == holder, Error::<T>::NotHolder);
		// After the deadline nothing more can be settled, so nothing needs acknowledging.
		Self::ensure_before_deadline(&view)?;
		EntitlementUsages::<T>::try_mutate(entitlement, |usage| {
			ensure!(total_bytes > usage.acknowledged, Error::<T>::AcknowledgementNotIncreasing);
			usage.acknowledged = total_bytes;
			Ok::<_, Error<T>>(())
		})?;
		Self::deposit_event(Event::UsageAcknowledged { entitlement, holder, total_bytes });
		Ok(())
	}

	pub(crate) fn do_release_held(telco: T::AccountId, nonce: u64) -> DispatchResult {
		let held =
			HeldSettlements::<T>::get(&telco, nonce).ok_or(Error::<T>::UnknownHeldSettlement)?;
		if frame_system::Pallet::<T>::block_number() < held.releases_at {
			let usage = EntitlementUsages::<T>::get(held.entitlement);
			let remaining = T::Entitlements::entitlement(held.entitlement)
				.map_or(0, |view| view.remaining_bytes);
			ensure!(
				Self::acknowledged_allowance(&usage, remaining) >= held.billed_through,
				Error::<T>::ChallengeWindowOpen
			);
		}
		// A frozen intent (a dispute) refuses, by escrow's error.
		let Release { to_payee: payout, margin } =
			T::Escrow::release_reserved(held.intent, held.amount)?;
		Self::forget_held(&telco, nonce);
		Self::deposit_event(Event::HeldSettlementReleased {
			telco,
			nonce,
			entitlement: held.entitlement,
			payout,
			margin,
		});
		Ok(())
	}

	/// Drops `telco`'s held settlement under `nonce`, which was paid or ruled on.
	fn forget_held(telco: &T::AccountId, nonce: u64) {
		HeldSettlements::<T>::remove(telco, nonce);
		HeldCount::<T>::mutate_exists(telco, |count| {
			let left = count.unwrap_or(0).saturating_sub(1);
			*count = (left > 0).then_some(left);
		});
	}

	/// Reserves `settlement`'s money in escrow and keeps it under `telco` and `nonce`.
	pub(crate) fn hold(
		telco: &T::AccountId,
		nonce: u64,
		settlement: HeldSettlement<frame_system::pallet_prelude::BlockNumberFor<T>>,
	) -> DispatchResult {
		HeldCount::<T>::try_mutate(telco, |count| {
			ensure!(*count < T::MaxHeldSettlements::get(), Error::<T>::TooManyHeldSettlements);
			*count += 1;
			Ok::<_, Error<T>>(())
		})?;
		T::Escrow::reserve(settlement.intent, settlement.amount)?;
		Self::deposit_event(Event::SettlementHeld {
			telco: telco.clone(),
			nonce,
			entitlement: settlement.entitlement,
			bytes: settlement.bytes,
			amount: settlement.amount,
			releases_at: settlement.releases_at,
		});
		HeldSettlements::<T>::insert(telco, nonce, settlement);
		Ok(())
	}

	/// The billed bytes that pay at once: the holder's acknowledgement plus the tolerance, a
	/// share of the quota (billed plus `remaining`).
	pub(crate) fn acknowledged_allowance(usage: &EntitlementUsage, remaining: Bytes) -> Bytes {
		let quota = usage.billed.saturating_add(remaining) as u128;
		let bps = T::Parameters::acknowledgement_tolerance().min(BPS_DENOMINATOR) as u128;
		let tolerance: Bytes = (quota * bps / BPS_DENOMINATOR as u128).saturated_into();
		usage.acknowledged.saturating_add(tolerance)
	}
}

/// What a dispute rules on: held settlements, ended by a ruling's split.
impl<T: Config>
	gesim_primitives::HeldSettlementLedger<
		T::AccountId,
		frame_system::pallet_prelude::BlockNumberFor<T>,
	> for Pallet<T>
{
	fn held_settlement(
		telco: &T::AccountId,
		nonce: u64,
	) -> Option<gesim_primitives::HeldSettlementView<frame_system::pallet_prelude::BlockNumberFor<T>>>
	{
		HeldSettlements::<T>::get(telco, nonce).map(|held| gesim_primitives::HeldSettlementView {
			entitlement: held.entitlement,
			intent: held.intent,
			amount: held.amount,
			releases_at: held.releases_at,
		})
	}

	fn resolve(
		telco: &T::AccountId,
		nonce: u64,
		to_holder: gesim_primitives::StablecoinAmount,
	) -> Result<Release, sp_runtime::DispatchError> {
		frame_support::storage::with_storage_layer(|| {
			let held =
				HeldSettlements::<T>::get(telco, nonce).ok_or(Error::<T>::UnknownHeldSettlement)?;
			let to_holder = to_holder.min(held.amount);
			if to_holder > 0 {
				T::Escrow::refund_reserved(held.intent, to_holder)?;
			}
			let rest = held.amount.saturating_sub(to_holder);
			let release = if rest > 0 {
				T::Escrow::release_reserved(held.intent, rest)?
			} else {
				Release::default()
			};
			Self::forget_held(telco, nonce);
			Self::deposit_event(Event::HeldSettlementResolved {
				telco: telco.clone(),
				nonce,
				entitlement: held.entitlement,
				refunded: to_holder,
				payout: release.to_payee,
				margin: release.margin,
			});
			Ok(release)
		})
	}
}
