//! The traits other pallets use to reach entitlements and operators' obligations.

use crate::*;
use frame_system::pallet_prelude::BlockNumberFor;
use gesim_primitives::{
	BasisPoints, Bytes, EntitlementId, EntitlementLedger, EntitlementView, PlanId, PlanRate,
	Reallocation, Release, Split, StablecoinAmount, TelcoObligations,
};
use sp_runtime::DispatchError;

impl<T: Config> EntitlementLedger<T::AccountId, BlockNumberFor<T>> for Pallet<T> {
	fn entitlement(id: EntitlementId) -> Option<EntitlementView<T::AccountId, BlockNumberFor<T>>> {
		Entitlements::<T>::get(id).map(|e| EntitlementView {
			holder: e.holder,
			telco: e.telco,
			plan: e.plan,
			remaining_bytes: e.remaining_bytes,
			expires_at: e.expires_at,
			intent: e.intent,
		})
	}

	/// Usage beyond the remaining quota is capped at it: the operator is paid for what was
	/// sold, and the overage is theirs to bear. The expiry is not checked: metering accepts
	/// late proofs of usage anchored before it, while the entitlement (and its escrow) lasts.
	fn consume(id: EntitlementId, bytes: Bytes) -> Result<Bytes, DispatchError> {
		let mut record = Entitlements::<T>::get(id).ok_or(Error::<T>::UnknownEntitlement)?;
		let taken = bytes.min(record.remaining_bytes);
		if taken == 0 {
			return Ok(0);
		}
		record.remaining_bytes =
			record.remaining_bytes.checked_sub(taken).ok_or(Error::<T>::QuotaOverflow)?;
		Self::deposit_event(Event::QuotaConsumed {
			entitlement: id,
			bytes: taken,
			remaining_bytes: record.remaining_bytes,
		});
		Entitlements::<T>::insert(id, record);
		Ok(taken)
	}

	fn revoke_unserved(id: EntitlementId) -> Result<StablecoinAmount, DispatchError> {
		Self::do_revoke_unserved(id)
	}

	fn end_by_ruling(
		id: EntitlementId,
		to_holder_bps: BasisPoints,
	) -> Result<(StablecoinAmount, Release), DispatchError> {
		Self::do_end_by_ruling(id, to_holder_bps)
	}

	fn reallocate(id: EntitlementId, plan: PlanId) -> Result<Reallocation, DispatchError> {
		Self::do_reallocate(id, plan)
	}

	fn plan_rate(plan: PlanId) -> Option<PlanRate> {
		Plans::<T>::get(plan)
			.map(|p| PlanRate { quota_bytes: p.terms.quota_bytes, price: p.terms.price })
	}

	fn split_off(
		id: EntitlementId,
		bytes: Bytes,
		buyer: &T::AccountId,
	) -> Result<Split, DispatchError> {
		Self::do_split_off(id, bytes, buyer)
	}
}

impl<T: Config> TelcoObligations<T::AccountId> for Pallet<T> {
	/// Plans on sale, or entitlements not closed yet (which may still hold escrowed money).
	fn has_open_obligations(telco: &T::AccountId) -> bool {
		!PlansByTelco::<T>::get(telco).is_empty() || OpenEntitlements::<T>::get(telco) > 0
	}
}
