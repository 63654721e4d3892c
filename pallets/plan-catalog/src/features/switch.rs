//! Switching an entitlement to another plan of the same operator.

use crate::*;
use frame_support::ensure;
use gesim_primitives::{EntitlementId, EscrowLedger, IdentityInspect, PlanId};
use sp_runtime::DispatchResult;

impl<T: Config> Pallet<T> {
	/// `holder` gives up `entitlement` for a new one to `new_plan`.
	///
	/// The refund is the value of the unused quota, pro rata. Proved usage consumes quota and
	/// releases its price from the intent in the same settlement, so what the intent still
	/// holds is exactly what the unused quota was paid with; giving up all of the unused quota
	/// returns all of it, and no share has to be computed (`gesim_primitives::pro_rata` is for
	/// giving up part of it, as resale does). Nothing is rounded away from the subscriber.
	/// The old entitlement is closed at once, its escrow settled, and the new plan is paid in
	/// full into a new intent.
	pub(crate) fn do_switch_plan(
		holder: T::AccountId,
		entitlement: EntitlementId,
		new_plan: PlanId,
	) -> DispatchResult {
		ensure!(T::Identity::is_verified(&holder), Error::<T>::NotVerified);
		let old = Self::live_entitlement_of(&holder, entitlement)?;
		ensure!(old.plan != new_plan, Error::<T>::SamePlan);
		let mut plan = Self::plan_on_sale(new_plan)?;
		ensure!(plan.telco == old.telco, Error::<T>::DifferentTelco);

		let refunded = T::Escrow::held(old.intent).unwrap_or(0);
		if refunded > 0 {
			// A frozen intent (open dispute) refuses, and so the switch.
			T::Escrow::refund(old.intent, refunded)?;
		}
		// Closing first frees the holder's slot for the new entitlement.
		Self::remove_entitlement(entitlement, &old)?;
		let (to, issued) = Self::issue_entitlement(&holder, new_plan, &mut plan)?;
		Plans::<T>::insert(new_plan, plan);

		Self::deposit_event(Event::Switched {
			from: entitlement,
			to,
			plan: new_plan,
			intent: issued.intent,
			refunded,
			expires_at: issued.expires_at,
		});
		Ok(())
	}
}
