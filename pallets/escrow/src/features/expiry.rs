//! Refunds after expiry: the expiry queue, `on_idle` and `refund_expired`.
//!
//! Each intent is listed under the first block in which it may be refunded (its expiry plus
//! its settlement grace, plus one), never before the cursor. A block's list is kept in pages of
//! `MaxIntentsPerPage`; a new page starts when the last one is full, so queueing takes two reads
//! whatever the queue holds, and no number of intents ending in the same block can keep
//! another from being queued. `on_idle` empties blocks page by page from [`ExpiryCursor`] up to
//! the current block, as far as the remaining weight and `MaxRefundsPerBlock` allow, and
//! resumes where it stopped.

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
use gesim_primitives::{IntentId, ProtocolParameters};
use sp_runtime::{
	traits::{One, Saturating},
	DispatchError, DispatchResult,
};

impl<T: Config> Pallet<T> {
	/// The first block in which an intent opened now and expiring at `expires_at` may be
	/// refunded, with the settlement grace in force now.
	pub fn refundable_from(expires_at: BlockNumberFor<T>) -> BlockNumberFor<T> {
		expires_at
			.saturating_add(T::Parameters::settlement_grace())
			.saturating_add(One::one())
	}

	/// Lists `intent` under block `from`, or under the cursor if that is later (a block behind
	/// it would never be visited), on the last page of that block's list or a new one.
	pub(crate) fn enqueue(
		intent: IntentId,
		from: BlockNumberFor<T>,
	) -> Result<QueueSlot<BlockNumberFor<T>>, DispatchError> {
		let cursor = ExpiryCursor::<T>::get().unwrap_or_else(|| {
			let now = frame_system::Pallet::<T>::block_number();
			ExpiryCursor::<T>::put(now);
			now
		});
		let bucket = from.max(cursor);
		let mut pages = ExpiryPages::<T>::get(bucket);
		if pages.next > pages.first {
			let page = pages.next.saturating_sub(1);
			if ExpiryQueue::<T>::try_mutate(bucket, page, |listed| listed.try_push(intent)).is_ok()
			{
				return Ok(QueueSlot { bucket, page });
			}
		}
		let page = pages.next;
		pages.next = page.checked_add(1).ok_or(Error::<T>::ExpiryQueueFull)?;
		ExpiryQueue::<T>::insert(bucket, page, BoundedVec::truncate_from(alloc::vec![intent]));
		ExpiryPages::<T>::insert(bucket, pages);
		Ok(QueueSlot { bucket, page })
	}

	/// Queues `record` (of `intent`) at its refund time, leaving the page it was listed on.
	pub(crate) fn requeue(intent: IntentId, record: &mut IntentOf<T>) -> DispatchResult {
		if let Some(slot) = record.queued_in.take() {
			Self::dequeue(intent, slot);
		}
		record.queued_in = Some(Self::enqueue(intent, record.refundable_from())?);
		Ok(())
	}

	/// Takes `intent` out of its page.
	pub(crate) fn dequeue(intent: IntentId, slot: QueueSlot<BlockNumberFor<T>>) {
		ExpiryQueue::<T>::mutate_exists(slot.bucket, slot.page, |maybe_listed| {
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
		ensure!(now >= record.refundable_from(), Error::<T>::NotExpired);
		let reserved = Reserved::<T>::get(intent).unwrap_or(0);
		ensure!(reserved == 0 || record.held > reserved, Error::<T>::HeldForSettlement);
		if let Some(slot) = record.queued_in {
			Self::dequeue(intent, slot);
		}
		Self::settle_expired(intent, record)
	}

	/// Refunds what `record` still holds and has not reserved to its payer; then, unless money
	/// stays reserved for settlements in their challenge window, removes it and reports its
	/// totals (otherwise the last reserved money to leave does: `close_if_done`).
	///
	/// A refund below the stablecoin's minimum balance cannot reach a payer who holds none any
	/// more; that dust goes to the treasury as margin rather than blocking the intent forever.
	pub(crate) fn settle_expired(intent: IntentId, mut record: IntentOf<T>) -> DispatchResult {
		let reserved = Reserved::<T>::get(intent).unwrap_or(0);
		let amount = record.held.saturating_sub(reserved);
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
			record.held = reserved;
		}
		if reserved > 0 {
			record.queued_in = None;
			Intents::<T>::insert(intent, record);
			return Ok(());
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

	/// `on_idle`: refunds due intents, page by page from the cursor up to `now`, within
	/// `remaining` weight and `MaxRefundsPerBlock`. Returns the weight used; every page visited
	/// is charged as a bucket.
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

		'buckets: while cursor <= now && refunds < max_refunds {
			if !remaining.all_gte(used.saturating_add(bucket_weight)) {
				break;
			}
			used.saturating_accrue(bucket_weight);
			let mut pages = ExpiryPages::<T>::get(cursor);
			while pages.first < pages.next {
				if refunds >= max_refunds || !remaining.all_gte(used.saturating_add(bucket_weight))
				{
					ExpiryPages::<T>::insert(cursor, pages);
					break 'buckets;
				}
				used.saturating_accrue(bucket_weight);
				let listed = ExpiryQueue::<T>::take(cursor, pages.first);
				let mut done = 0usize;
				for intent in listed.iter() {
					if refunds >= max_refunds
						|| !remaining.all_gte(used.saturating_add(refund_weight))
					{
						break;
					}
					used.saturating_accrue(refund_weight);
					refunds.saturating_inc();
					done.saturating_inc();
					Self::settle_queued(*intent);
				}
				if done < listed.len() {
					// Out of budget inside this page: the rest waits for the next block.
					let rest = listed.into_inner().split_off(done);
					ExpiryQueue::<T>::insert(cursor, pages.first, BoundedVec::truncate_from(rest));
					ExpiryPages::<T>::insert(cursor, pages);
					break 'buckets;
				}
				pages.first.saturating_inc();
			}
			ExpiryPages::<T>::remove(cursor);
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
