//! Reallocating an entitlement to another operator's plan by a dispute ruling: what is left of
//! the service moves, with the money that pays for it.

use crate::*;
use frame_support::{ensure, storage::with_storage_layer};
use gesim_primitives::{
	Bytes, EntitlementId, EscrowLedger, PlanId, Reallocation, StablecoinAmount,
};
use sp_runtime::{
	helpers_128bit::multiply_by_rational_with_rounding, traits::CheckedAdd, ArithmeticError,
	DispatchError, Rounding,
};

impl<T: Config> Pallet<T> {
	/// Ends live `entitlement` now and grants its holder a new one to `to_plan`, another
	/// operator's plan on sale, for the new plan's validity from now. The new quota is the
	/// remaining quota, as far as the old escrow's unreserved money buys it at the new plan's
	/// price per byte; that money moves into the new escrow, rounded up in the new operator's
	/// favour, and what is left goes back to the holder. Money reserved for held settlements
	/// stays with the old intent for their challenge windows.
	pub(crate) fn do_reallocate(
		entitlement: EntitlementId,
		to_plan: PlanId,
	) -> Result<Reallocation, DispatchError> {
		with_storage_layer(|| {
			let mut old =
				Entitlements::<T>::get(entitlement).ok_or(Error::<T>::UnknownEntitlement)?;
			let now = frame_system::Pallet::<T>::block_number();
			ensure!(old.expires_at >= now, Error::<T>::EntitlementExpired);
			let mut plan = Self::plan_on_sale(to_plan)?;
			ensure!(plan.telco != old.telco, Error::<T>::SameTelco);

			let money = T::Escrow::unreserved(old.intent).unwrap_or(0);
			let (bytes, moved) = quota_bought(money, old.remaining_bytes, &plan.terms)?;
			ensure!(bytes > 0 && moved > 0, Error::<T>::NothingToReallocate);
			let refunded = money.saturating_sub(moved);
			if refunded > 0 {
				T::Escrow::refund(old.intent, refunded)?;
			}
			let expires_at =
				now.checked_add(&plan.terms.validity).ok_or(Error::<T>::ExpiryOverflow)?;
			let (from_intent, holder) = (old.intent, old.holder.clone());
			let (to, issued) =
				Self::grant(&holder, to_plan, &mut plan, bytes, expires_at, |telco| {
					T::Escrow::reassign(from_intent, moved, &holder, telco, expires_at)
				})?;
			Plans::<T>::insert(to_plan, plan);

			// Usage from before now stays payable from the old escrow's reserved money only.
			Self::end_with_previous_block(&mut old)?;
			Entitlements::<T>::insert(entitlement, old);

			Self::deposit_event(Event::EntitlementReallocated {
				from: entitlement,
				to,
				plan: to_plan,
				telco: issued.telco,
				intent: issued.intent,
				bytes,
				moved,
				refunded,
				expires_at,
			});
			Ok(Reallocation { to, bytes, moved, refunded })
		})
	}
}

/// What `money` buys of `remaining` bytes at `terms`' price per byte: the bytes, and the money
/// they cost, rounded up and never more than `money`.
fn quota_bought<T: Config>(
	money: StablecoinAmount,
	remaining: Bytes,
	terms: &PlanTerms<T>,
) -> Result<(Bytes, StablecoinAmount), DispatchError> {
	let (quota, price) = (terms.quota_bytes as u128, terms.price);
	let affordable = multiply_by_rational_with_rounding(money, quota, price, Rounding::Down)
		.ok_or(ArithmeticError::Overflow)?;
	if affordable <= remaining as u128 {
		// Every unit of the money is spent on quota the holder still had.
		return Ok((affordable as Bytes, money));
	}
	let cost = multiply_by_rational_with_rounding(remaining as u128, price, quota, Rounding::Up)
		.ok_or(ArithmeticError::Overflow)?;
	Ok((remaining, cost.min(money)))
}
