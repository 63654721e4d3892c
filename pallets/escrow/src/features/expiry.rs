//! Refunds after expiry: the expiry queue, `on_idle` and `refund_expired`.
//!
//! Each intent is listed in the bucket of the first block in which it may be refunded (its
//! expiry plus the settlement grace, plus one), or in a later one when that bucket is full.
//! `on_idle` empties buckets from [`ExpiryCursor`] up to the current block, as far as the
//! remaining weight and `MaxRefundsPerBlock` allow, and resumes where it stopped.

use crate::*;
use frame_support::{
	ensure,
	storage::with_storage_layer,
	traits::{
		fungible::Inspect,
		tokens::{DepositConsequence, Provenance},
		Get,
	},
	weights::Weight,
	BoundedVec,
};
use frame_system::pallet_prelude::BlockNumberFor;
use gesim_primitives::IntentId;
use sp_runtime::{
	traits::{One, Saturating},
	DispatchError, DispatchResult,
};

/// How many consecutive buckets `enqueue` tries before giving up. Bounds the weight of every
/// call that queues an intent; the runtime sizes `MaxIntentsPerBlock` so that this many blocks
/// hold more expiries than can happen at once.
pub const MAX_QUEUE_PROBES: u32 = 16;

impl<T: Config> Pallet<T> {
	/// The first block in which an intent expiring at `expires_at` may be refunded.
	pub fn refundable_from(expires_at: BlockNumberFor<T>) -> BlockNumberFor<T> {
		expires_at.saturating_add(T::SettlementGrace::get()).saturating_add(One::one())
	}

	/// Lists `intent` in the first bucket with room from `from` on, never behind the cursor
	/// (a bucket behind it would never be visited). Returns the bucket.
	pub(crate) fn enqueue(
		intent: IntentId,
		from: BlockNumberFor<T>,
	) -> Result<BlockNumberFor<T>, DispatchError> {
		let cursor = ExpiryCursor::<T>::get().unwrap_or_else(|| {
			let now = frame_system::Pallet::<T>::block_number();
			ExpiryCursor::<T>::put(now);
			now
		});
		let mut bucket = from.max(cursor);
		for _ in 0..MAX_QUEUE_PROBES {
			if Expiring::<T>::try_mutate(bucket, |listed| listed.try_push(intent)).is_ok() {
				return Ok(bucket);
			}
			bucket.saturating_inc();
		}
		Err(Error::<T>::ExpiryQueueFull.into())
	}

	/// Takes `intent` out of `bucket`.
	pub(crate) fn dequeue(intent: IntentId, bucket: BlockNumberFor<T>) {
		Expiring::<T>::mutate_exists(bucket, |maybe_listed| {
			if let Some(listed) = maybe_listed {
				listed.retain(|queued| *queued != intent);
				if listed.is_empty() {
					*maybe_listed = None;
				}
			}
		});
	}

	/// `refund_expired`: settles one intent whose refund time has come.
	pub(crate) fn do_refund_expired(intent: IntentId) -> DispatchResult {
		let record = Intents::<T>::get(intent).ok_or(Error::<T>::UnknownIntent)?;
		ensure!(record.status != IntentStatus::Frozen, Error::<T>::Frozen);
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(now >= Self::refundable_from(record.expires_at), Error::<T>::NotExpired);
		if let Some(bucket) = record.queued_in {
			Self::dequeue(intent, bucket);
		}
		Self::settle_expired(intent, record)
	}

	/// Refunds what `record` still holds to its payer, removes it and reports its totals.
	///
	/// A refund below the stablecoin's minimum balance cannot reach a payer who holds none any
	/// more; that dust goes to the treasury as margin rather than blocking the intent forever.
	fn settle_expired(intent: IntentId, mut record: IntentOf<T>) -> DispatchResult {
		let amount = record.held;
		if amount > 0 {
			match T::Stablecoin::can_deposit(&record.payer, amount, Provenance::Extant) {
				DepositConsequence::BelowMinimum => {
					Self::pay_out(&T::Treasury::get(), amount)?;
					record.margin =
						record.margin.checked_add(amount).ok_or(Error::<T>::AmountOverflow)?;
					Self::deposit_event(Event::DustSwept { intent, amount });
				},
				_ => {
					Self::pay_out(&record.payer, amount)?;
					record.refunded =
						record.refunded.checked_add(amount).ok_or(Error::<T>::AmountOverflow)?;
					Self::deposit_event(Event::Refunded { intent, amount });
				},
			}
			record.held = 0;
		}
		Intents::<T>::remove(intent);
		Self::deposit_event(Event::IntentClosed {
			intent,
			paid: record.paid,
			released: record.released,
			margin: record.margin,
			refunded: record.refunded,
		});
		Ok(())
	}

	/// `on_idle`: refunds due intents, bucket by bucket from the cursor up to `now`, within
	/// `remaining` weight and `MaxRefundsPerBlock`. Returns the weight used.
	pub(crate) fn do_refund_due(now: BlockNumberFor<T>, remaining: Weight) -> Weight {
		let mut used = T::DbWeight::get().reads(1);
		if !remaining.all_gte(used) {
			return Weight::zero();
		}
		let Some(start) = ExpiryCursor::<T>::get() else { return used };
		let (bucket_weight, refund_weight) =
			(T::WeightInfo::on_idle_bucket(), T::WeightInfo::on_idle_refund());
		let max_refunds = T::MaxRefundsPerBlock::get();
		let mut refunds = 0u32;
		let mut cursor = start;

		while cursor <= now && refunds < max_refunds {
			if !remaining.all_gte(used.saturating_add(bucket_weight)) {
				break;
			}
			used.saturating_accrue(bucket_weight);
			let listed = Expiring::<T>::take(cursor);
			let mut done = 0usize;
			for intent in listed.iter() {
				if refunds >= max_refunds || !remaining.all_gte(used.saturating_add(refund_weight))
				{
					break;
				}
				used.saturating_accrue(refund_weight);
				refunds.saturating_inc();
				done.saturating_inc();
				Self::settle_queued(*intent);
			}
			if done < listed.len() {
				// Out of budget inside this bucket: the rest waits for the next block.
				let rest = listed.into_inner().split_off(done);
				Expiring::<T>::insert(cursor, BoundedVec::truncate_from(rest));
				break;
			}
			cursor.saturating_inc();
		}
		if cursor != start {
			ExpiryCursor::<T>::put(cursor);
		}
		used
	}

	/// Settles an intent taken from a due bucket. A failed refund leaves it out of the queue
	/// and in storage, where `refund_expired` can retry it.
	fn settle_queued(intent: IntentId) {
		let Some(mut record) = Intents::<T>::get(intent) else { return };
		record.queued_in = None;
		if record.status == IntentStatus::Frozen {
			// Freezing dequeues, so this does not happen; never refund a disputed intent.
			Intents::<T>::insert(intent, record);
			return;
		}
		if let Err(error) = with_storage_layer(|| Self::settle_expired(intent, record.clone())) {
			Intents::<T>::insert(intent, record);
			Self::deposit_event(Event::RefundFailed { intent, error });
		}
	}
}
