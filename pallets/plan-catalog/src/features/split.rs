//! Splitting quota off an entitlement for a resale's buyer: the quota moves with the money
//! behind it, so the operator is still paid only for proved usage, from the right escrow.

use crate::*;
use frame_support::{ensure, storage::with_storage_layer};
use gesim_primitives::{
	traits::pro_rata, Bytes, EntitlementId, EscrowLedger, IdentityInspect, Split,
};
use sp_runtime::DispatchError;

impl<T: Config> Pallet<T> {
	/// Cuts `bytes` of live `entitlement`'s remaining quota into a new entitlement of `buyer` to
	/// the same plan, operator and expiry. The money that follows the quota is the same share
	/// of the unreserved escrow as `bytes` is of the remaining quota, so both entitlements keep
	/// the price per byte they had; money reserved for held settlements stays behind for them.
	pub(crate) fn do_split_off(
		entitlement: EntitlementId,
		bytes: Bytes,
		buyer: &T::AccountId,
	) -> Result<Split, DispatchError> {
		with_storage_layer(|| {
			let mut from =
				Entitlements::<T>::get(entitlement).ok_or(Error::<T>::UnknownEntitlement)?;
			ensure!(
				from.expires_at >= frame_system::Pallet::<T>::block_number(),
				Error::<T>::EntitlementExpired
			);
			ensure!(bytes > 0, Error::<T>::ZeroQuota);
			ensure!(bytes <= from.remaining_bytes, Error::<T>::InsufficientQuota);
			ensure!(T::Identity::is_verified(buyer), Error::<T>::NotVerified);

			let money = T::Escrow::unreserved(from.intent).unwrap_or(0);
			let moved = pro_rata(money, bytes, from.remaining_bytes);
			ensure!(moved > 0, Error::<T>::QuotaUnfunded);
			let mut plan = Plans::<T>::get(from.plan).ok_or(Error::<T>::UnknownPlan)?;
			let (intent, expires_at) = (from.intent, from.expires_at);
			let (to, issued) =
				Self::grant(buyer, from.plan, &mut plan, bytes, expires_at, |telco| {
					T::Escrow::reassign(intent, moved, buyer, telco, expires_at)
				})?;
			Plans::<T>::insert(from.plan, plan);
			// Cannot underflow: checked above.
			from.remaining_bytes = from.remaining_bytes.saturating_sub(bytes);
			let remaining_bytes = from.remaining_bytes;
			Entitlements::<T>::insert(entitlement, from);

			Self::deposit_event(Event::EntitlementSplit {
				from: entitlement,
				to,
				buyer: buyer.clone(),
				bytes,
				moved,
				intent: issued.intent,
				remaining_bytes,
			});
			Ok(Split { to, intent: issued.intent, moved })
		})
	}
}
