//! Issuing identities.

use crate::*;
use frame_support::{
	pallet_prelude::*,
	traits::{
		fungible::{Inspect as FungibleInspect, Mutate},
		tokens::{nonfungibles_v2::Mutate as NftMutate, Fortitude, Preservation},
	},
};
use gesim_primitives::TelcoInspect;
use sp_core::H256;
use sp_runtime::traits::Zero;

impl<T: Config> Pallet<T> {
	/// Mints `subscriber`'s identity item and records what `telco` attests, the telco paying
	/// the item's deposit.
	pub(crate) fn do_issue(
		telco: T::AccountId,
		subscriber: T::AccountId,
		did_doc_hash: H256,
		kyc_commitment: H256,
	) -> DispatchResult {
		ensure!(T::Telcos::is_active(&telco), Error::<T>::NotActiveTelco);
		if let Some(existing) = Identities::<T>::get(&subscriber) {
			ensure!(!existing.is_live(), Error::<T>::AlreadyIdentified);
		}
		let deposit = T::IdentityDeposit::get();
		ensure!(
			T::Currency::reducible_balance(&telco, Preservation::Preserve, Fortitude::Polite)
				>= deposit,
			Error::<T>::InsufficientDeposit
		);

		let collection = Self::identity_collection()?;
		let item = Self::take_item_id()?;
		if !deposit.is_zero() {
			T::Currency::transfer(&telco, &Self::account_id(), deposit, Preservation::Preserve)?;
		}
		// The collection owner (this pallet's account) pays pallet-nfts' item deposit.
		T::Nfts::mint_into(&collection, &item, &subscriber, &Self::item_config(), true)?;

		Identities::<T>::insert(
			&subscriber,
			SoulboundIdentity {
				item,
				did_doc_hash,
				kyc_commitment,
				issuer: telco.clone(),
				eid_commitments: Default::default(),
				issued_at: frame_system::Pallet::<T>::block_number(),
				revoked_at: None,
				deposit,
			},
		);
		Self::deposit_event(Event::Issued { subscriber, issuer: telco, item });
		Ok(())
	}
}
