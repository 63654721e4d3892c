//! Topping up: the plan's quota again, for its price, into the same escrow intent.

use crate::*;
use frame_support::ensure;
use gesim_primitives::{EntitlementId, EscrowLedger, IdentityInspect};
use sp_runtime::{traits::CheckedAdd, DispatchError, DispatchResult};

impl<T: Config> Pallet<T> {
	/// `holder` tops up `entitlement`.
	///
	/// A plan that renews validity on top-up moves the expiry to a full validity from now, never
	/// earlier than it was: the new quota gets the time it was sold with, unused days are kept.
	pub(crate) fn do_top_up(holder: T::AccountId, entitlement: EntitlementId) -> DispatchResult {
		ensure!(T::Identity::is_verified(&holder), Error::<T>::NotVerified);
		let mut record = Self::live_entitlement_of(&holder, entitlement)?;
		let plan = Self::plan_on_sale(record.plan)?;

		let now = frame_system::Pallet::<T>::block_number();
		if plan.terms.extends_validity_on_top_up {
			let renewed =
				now.checked_add(&plan.terms.validity).ok_or(Error::<T>::ExpiryOverflow)?;
			record.expires_at = record.expires_at.max(renewed);
		}
		record.remaining_bytes = record
			.remaining_bytes
			.checked_add(plan.terms.quota_bytes)
			.ok_or(Error::<T>::QuotaOverflow)?;
		T::Escrow::top_up(record.intent, plan.terms.price, record.expires_at)?;

		Self::deposit_event(Event::ToppedUp {
			entitlement,
			added_bytes: plan.terms.quota_bytes,
			remaining_bytes: record.remaining_bytes,
			price: plan.terms.price,
			expires_at: record.expires_at,
		});
		Entitlements::<T>::insert(entitlement, record);
		Ok(())
	}

	/// `entitlement`, if `holder` holds it and it is still valid.
	pub(crate) fn live_entitlement_of(
		holder: &T::AccountId,
		entitlement: EntitlementId,
	) -> Result<EntitlementOf<T>, DispatchError> {
		let record = Entitlements::<T>::get(entitlement).ok_or(Error::<T>::UnknownEntitlement)?;
		ensure!(&record.holder == holder, Error::<T>::NotHolder);
		ensure!(
			frame_system::Pallet::<T>::block_number() <= record.expires_at,
			Error::<T>::EntitlementExpired
		);
		Ok(record)
	}
}
