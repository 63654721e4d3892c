//! Switching an entitlement to another plan of the same operator.

use crate::*;
use frame_support::ensure;
use gesim_primitives::{EntitlementId, EscrowLedger, IdentityInspect, OnPlanSwitch, PlanId};
use sp_runtime::{
	traits::{One, Saturating},
	DispatchResult,
};

impl<T: Config> Pallet<T> {
	/// `holder` gives up `entitlement` for a new one to `new_plan`.
	///
	/// The old entitlement's validity ends with the previous block, so no usage comes after the
	/// switch, but it stays until its escrow is settled: usage from before the switch may still
	/// be anchored and proved until the settlement deadline (the grace fixed at purchase, from
	/// now), and escrow refunds what is left after it, as at any expiry. The new plan is paid
	/// in full into a new intent.
	pub(crate) fn do_switch_plan(
		holder: T::AccountId,
		entitlement: EntitlementId,
		new_plan: PlanId,
	) -> DispatchResult {
		ensure!(T::Identity::is_verified(&holder), Error::<T>::NotVerified);
		let mut old = Self::live_entitlement_of(&holder, entitlement)?;
		ensure!(old.plan != new_plan, Error::<T>::SamePlan);
		let mut plan = Self::plan_on_sale(new_plan)?;
		ensure!(plan.telco == old.telco, Error::<T>::DifferentTelco);

		let from_ended_at = frame_system::Pallet::<T>::block_number().saturating_sub(One::one());
		// A frozen intent (open dispute) refuses, and so the switch.
		T::Escrow::end_early(old.intent, from_ended_at)?;
		let refund_from = T::Escrow::settlement_deadline(old.intent)
			.ok_or(Error::<T>::EscrowNotSettled)?
			.saturating_add(One::one());
		old.expires_at = from_ended_at;
		Entitlements::<T>::insert(entitlement, old);
		let (to, issued) = Self::issue_entitlement(&holder, new_plan, &mut plan)?;
		Plans::<T>::insert(new_plan, plan);
		T::OnSwitch::switched(entitlement, to);

		Self::deposit_event(Event::Switched {
			from: entitlement,
			to,
			plan: new_plan,
			intent: issued.intent,
			expires_at: issued.expires_at,
			from_ended_at,
			refund_from,
		});
		Ok(())
	}
}
