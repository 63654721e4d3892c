//! Buying a plan: escrow the price, mint the item, record the entitlement.

use crate::*;
use frame_support::ensure;
use frame_system::pallet_prelude::BlockNumberFor;
use gesim_primitives::{
	Bytes, EntitlementId, EscrowLedger, IdentityInspect, IntentId, OnUsageStart, PlanId,
	TelcoInspect, UsageSubject,
};
use sp_runtime::{traits::CheckedAdd, ArithmeticError, DispatchError, DispatchResult};

impl<T: Config> Pallet<T> {
	/// `holder` buys `plan`.
	pub(crate) fn do_purchase(holder: T::AccountId, plan: PlanId) -> DispatchResult {
		ensure!(T::Identity::is_verified(&holder), Error::<T>::NotVerified);
		let mut record = Self::plan_on_sale(plan)?;
		let (entitlement, issued) = Self::issue_entitlement(&holder, plan, &mut record)?;
		let (telco, price) = (record.telco.clone(), record.terms.price);
		Plans::<T>::insert(plan, record);
		Self::deposit_event(Event::Purchased {
			entitlement,
			plan,
			holder,
			telco,
			intent: issued.intent,
			price,
			expires_at: issued.expires_at,
		});
		Ok(())
	}

	/// `plan`, if it can be bought or topped up now: listed, not retired, within the council's
	/// bounds, and its operator active.
	pub(crate) fn plan_on_sale(plan: PlanId) -> Result<Plan<T>, DispatchError> {
		let record = Plans::<T>::get(plan).ok_or(Error::<T>::UnknownPlan)?;
		ensure!(!record.retired, Error::<T>::PlanRetired);
		Self::ensure_within_bounds(&record.terms)?;
		ensure!(T::Telcos::is_active(&record.telco), Error::<T>::NotActiveTelco);
		Ok(record)
	}

	/// Creates an entitlement of `holder` to `plan` (whose record the caller writes back),
	/// paid for by escrowing the price until `now + validity`.
	pub(crate) fn issue_entitlement(
		holder: &T::AccountId,
		plan: PlanId,
		record: &mut Plan<T>,
	) -> Result<(EntitlementId, EntitlementOf<T>), DispatchError> {
		let expires_at = frame_system::Pallet::<T>::block_number()
			.checked_add(&record.terms.validity)
			.ok_or(Error::<T>::ExpiryOverflow)?;
		let (quota, price) = (record.terms.quota_bytes, record.terms.price);
		Self::grant(holder, plan, record, quota, expires_at, |telco| {
			T::Escrow::open(holder, telco, price, expires_at)
		})
	}

	/// Creates an entitlement of `holder` to `plan` with `quota` until `expires_at`, paid by
	/// the intent `fund` opens for the plan's operator: mints the item, updates the indexes and
	/// starts the operator's usage clock of it now.
	pub(crate) fn grant(
		holder: &T::AccountId,
		plan: PlanId,
		record: &mut Plan<T>,
		quota: Bytes,
		expires_at: BlockNumberFor<T>,
		fund: impl FnOnce(&T::AccountId) -> Result<IntentId, DispatchError>,
	) -> Result<(EntitlementId, EntitlementOf<T>), DispatchError> {
		let entitlement = NextEntitlementId::<T>::get();
		let next = entitlement.checked_add(1).ok_or(Error::<T>::NoEntitlementIdLeft)?;
		EntitlementsOf::<T>::try_mutate(holder, |held| held.try_push(entitlement))
			.map_err(|_| Error::<T>::TooManyEntitlements)?;

		let intent = fund(&record.telco)?;
		Self::mint_item(entitlement, holder)?;

		record.live_entitlements =
			record.live_entitlements.checked_add(1).ok_or(ArithmeticError::Overflow)?;
		OpenEntitlements::<T>::try_mutate(&record.telco, |open| -> DispatchResult {
			*open = open.checked_add(1).ok_or(ArithmeticError::Overflow)?;
			Ok(())
		})?;
		let issued = Entitlement {
			plan,
			holder: holder.clone(),
			telco: record.telco.clone(),
			remaining_bytes: quota,
			expires_at,
			intent,
		};
		Entitlements::<T>::insert(entitlement, issued.clone());
		NextEntitlementId::<T>::put(next);
		T::OnUsageStart::started(&record.telco, UsageSubject::Entitlement(entitlement));
		Ok((entitlement, issued))
	}
}
