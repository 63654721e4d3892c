//! Revoking identities.

use crate::*;
use frame_support::{
	pallet_prelude::*,
	storage::with_storage_layer,
	traits::{
		fungible::Mutate,
		tokens::{
			nonfungibles_v2::{Inspect, Mutate as NftMutate},
			Preservation,
		},
	},
};
use sp_runtime::traits::{Saturating, Zero};

impl<T: Config> Pallet<T> {
	/// Marks `subscriber`'s identity revoked, burns its item and refunds the issuer's deposit.
	/// `by_issuer` is the signed caller, or `None` for the council.
	pub(crate) fn do_revoke(
		subscriber: T::AccountId,
		by_issuer: Option<T::AccountId>,
	) -> DispatchResult {
		let mut identity = Identities::<T>::get(&subscriber).ok_or(Error::<T>::NoIdentity)?;
		ensure!(identity.is_live(), Error::<T>::AlreadyRevoked);
		let revoker = match by_issuer {
			Some(caller) => {
				ensure!(caller == identity.issuer, Error::<T>::NotIssuer);
				Revoker::Issuer
			},
			None => Revoker::Council,
		};

		// pallet-nfts lets an owner burn its own item, so it may be gone already; the record
		// here is what counts.
		if let Some(collection) = IdentityCollection::<T>::get() {
			if T::Nfts::owner(&collection, &identity.item).is_some() {
				T::Nfts::burn(&collection, &identity.item, None)?;
			}
		}
		let deposit_refunded = Self::refund_deposit(&identity.issuer, identity.deposit);

		identity.deposit = identity.deposit.saturating_sub(deposit_refunded);
		identity.revoked_at = Some(frame_system::Pallet::<T>::block_number());
		let item = identity.item;
		Identities::<T>::insert(&subscriber, identity);
		Self::deposit_event(Event::Revoked { subscriber, item, revoker, deposit_refunded });
		Ok(())
	}

	/// Pays `deposit` back to `issuer` from the pallet account; returns what was paid.
	///
	/// Best effort: a revocation must go through even when the issuer's account cannot receive
	/// (it was reaped and the deposit is below the existential deposit). The deposit then
	/// stays with the pallet account, recorded on the identity, and the event says so.
	fn refund_deposit(issuer: &T::AccountId, deposit: BalanceOf<T>) -> BalanceOf<T> {
		if deposit.is_zero() {
			return deposit;
		}
		let refund = with_storage_layer(|| {
			T::Currency::transfer(&Self::account_id(), issuer, deposit, Preservation::Preserve)
		});
		match refund {
			Ok(_) => deposit,
			Err(_) => Zero::zero(),
		}
	}
}
