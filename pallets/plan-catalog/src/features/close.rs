//! Closing entitlements: burning the item and freeing storage once nothing is owed.

use crate::*;
use frame_support::ensure;
use gesim_primitives::{EntitlementId, EscrowLedger};
use sp_runtime::DispatchResult;

impl<T: Config> Pallet<T> {
	/// Closes `entitlement` once expired and its escrow settled (nothing held: released,
	/// refunded, or the intent already removed).
	pub(crate) fn do_close_entitlement(entitlement: EntitlementId) -> DispatchResult {
		let record = Entitlements::<T>::get(entitlement).ok_or(Error::<T>::UnknownEntitlement)?;
		ensure!(
			frame_system::Pallet::<T>::block_number() > record.expires_at,
			Error::<T>::NotExpired
		);
		// Late usage proofs still find the entitlement while its escrow holds money.
		ensure!(T::Escrow::held(record.intent).unwrap_or(0) == 0, Error::<T>::EscrowNotSettled);
		Self::remove_entitlement(entitlement, &record)
	}

	/// Burns the item, drops the entitlement from storage and indexes, and removes its plan if
	/// that was retired and this was its last entitlement.
	pub(crate) fn remove_entitlement(
		entitlement: EntitlementId,
		record: &EntitlementOf<T>,
	) -> DispatchResult {
		Self::burn_item(entitlement)?;
		Entitlements::<T>::remove(entitlement);
		EntitlementsOf::<T>::mutate_exists(&record.holder, |maybe_held| {
			if let Some(held) = maybe_held {
				held.retain(|id| *id != entitlement);
				if held.is_empty() {
					*maybe_held = None;
				}
			}
		});
		OpenEntitlements::<T>::mutate_exists(&record.telco, |maybe_open| {
			// Counts every entitlement not closed, so it is at least one here.
			let open = maybe_open.unwrap_or(0).saturating_sub(1);
			*maybe_open = (open > 0).then_some(open);
		});
		Plans::<T>::mutate_exists(record.plan, |maybe_plan| {
			if let Some(plan) = maybe_plan {
				plan.live_entitlements = plan.live_entitlements.saturating_sub(1);
				if plan.retired && plan.live_entitlements == 0 {
					*maybe_plan = None;
				}
			}
		});
		Self::deposit_event(Event::EntitlementClosed {
			entitlement,
			holder: record.holder.clone(),
		});
		Ok(())
	}
}
