//! `EscrowLedger` for the pallets that move escrowed money.
//!
//! Each operation runs in its own storage layer: a failure leaves nothing half done, even when
//! the caller is not a dispatchable (a hook, or a pallet that carries on after an error).

use crate::*;
use frame_support::storage::with_storage_layer;
use frame_system::pallet_prelude::BlockNumberFor;
use gesim_primitives::{EscrowLedger, IntentId, Release, StablecoinAmount};
use sp_runtime::{DispatchError, DispatchResult};

impl<T: Config> EscrowLedger<T::AccountId, BlockNumberFor<T>> for Pallet<T> {
	fn open(
		payer: &T::AccountId,
		payee: &T::AccountId,
		amount: StablecoinAmount,
		expires_at: BlockNumberFor<T>,
	) -> Result<IntentId, DispatchError> {
		with_storage_layer(|| Self::do_open(payer, payee, amount, expires_at))
	}

	fn reassign(
		intent: IntentId,
		amount: StablecoinAmount,
		payer: &T::AccountId,
		payee: &T::AccountId,
		expires_at: BlockNumberFor<T>,
	) -> Result<IntentId, DispatchError> {
		with_storage_layer(|| Self::do_reassign(intent, amount, payer, payee, expires_at))
	}

	fn top_up(
		intent: IntentId,
		amount: StablecoinAmount,
		expires_at: BlockNumberFor<T>,
	) -> DispatchResult {
		with_storage_layer(|| Self::do_top_up(intent, amount, expires_at))
	}

	fn release(intent: IntentId, amount: StablecoinAmount) -> Result<Release, DispatchError> {
		with_storage_layer(|| Self::do_release(intent, amount))
	}

	fn refund(intent: IntentId, amount: StablecoinAmount) -> DispatchResult {
		with_storage_layer(|| Self::do_refund(intent, amount))
	}

	fn end_early(intent: IntentId, expires_at: BlockNumberFor<T>) -> DispatchResult {
		with_storage_layer(|| Self::do_end_early(intent, expires_at))
	}

	fn settlement_deadline(intent: IntentId) -> Option<BlockNumberFor<T>> {
		Self::settlement_deadline(intent)
	}

	fn freeze(intent: IntentId) -> DispatchResult {
		with_storage_layer(|| Self::do_freeze(intent))
	}

	fn thaw(intent: IntentId) -> DispatchResult {
		with_storage_layer(|| Self::do_thaw(intent))
	}

	fn held(intent: IntentId) -> Option<StablecoinAmount> {
		Intents::<T>::get(intent).map(|record| record.held)
	}

	fn reserve(intent: IntentId, amount: StablecoinAmount) -> DispatchResult {
		with_storage_layer(|| Self::do_reserve(intent, amount))
	}

	fn release_reserved(
		intent: IntentId,
		amount: StablecoinAmount,
	) -> Result<Release, DispatchError> {
		with_storage_layer(|| Self::do_release_reserved(intent, amount))
	}

	fn refund_reserved(intent: IntentId, amount: StablecoinAmount) -> DispatchResult {
		with_storage_layer(|| Self::do_refund_reserved(intent, amount))
	}

	fn reserved(intent: IntentId) -> StablecoinAmount {
		Reserved::<T>::get(intent).unwrap_or(0)
	}
}
