//! The conservation invariant, for `try_state` and the tests.

use crate::*;
use frame_support::ensure;
use gesim_primitives::StablecoinAmount;
use sp_runtime::DispatchError;

impl<T: Config> Pallet<T> {
	/// Checks that no unit of the stablecoin was created or lost:
	///
	/// - every intent: `paid = held + released + margin + refunded`, and it is closed exactly
	///   when it holds nothing;
	/// - every reservation is of a known intent, not zero and no more than the intent holds;
	/// - the escrow account holds at least the sum of what the intents hold (the rest is the
	///   endowment, or money sent to it by someone else);
	/// - the expiry queue lists every queued intent once, under a block no earlier than its
	///   refund time (by its own settlement grace), and no frozen or unknown intent.
	pub fn do_check_invariants() -> Result<(), DispatchError> {
		let next_id = NextIntentId::<T>::get();
		let mut queued = 0usize;
		for (id, intent) in Intents::<T>::iter() {
			ensure!(id < next_id, "an intent id was never handed out");
			let accounted = intent
				.held
				.checked_add(intent.released)
				.and_then(|sum| sum.checked_add(intent.margin))
				.and_then(|sum| sum.checked_add(intent.refunded))
				.ok_or("an intent's totals overflow")?;
			ensure!(accounted == intent.paid, "paid != held + released + margin + refunded");
			ensure!(
				intent.status.is_closed() == (intent.held == 0),
				"an intent is closed iff it holds nothing"
			);
			match (intent.status, intent.queued_in) {
				(IntentStatus::Frozen, Some(_)) => return Err("a frozen intent is queued".into()),
				(_, Some(slot)) => {
					ensure!(
						slot.bucket >= intent.refundable_from(),
						"an intent is queued before its refund time"
					);
					let pages = ExpiryPages::<T>::get(slot.bucket);
					ensure!(
						(pages.first..pages.next).contains(&slot.page),
						"an intent is queued on a page outside its block's list"
					);
					ensure!(
						ExpiryQueue::<T>::get(slot.bucket, slot.page).contains(&id),
						"a queued intent is missing from its page"
					);
					queued += 1;
				},
				(_, None) => {},
			}
		}
		for (id, reserved) in Reserved::<T>::iter() {
			let intent = Intents::<T>::get(id).ok_or("money is reserved in an unknown intent")?;
			ensure!(reserved > 0, "a reservation of zero is stored");
			ensure!(reserved <= intent.held, "an intent reserved more than it holds");
		}
		let listed: usize = ExpiryQueue::<T>::iter_values().map(|page| page.len()).sum();
		ensure!(listed == queued, "the expiry queue lists an unknown or duplicate intent");
		ensure!(
			Self::account_balance() >= Self::total_held()?,
			"the escrow account holds less than its intents"
		);
		Ok(())
	}

	/// Everything the intents hold together.
	pub fn total_held() -> Result<StablecoinAmount, DispatchError> {
		Intents::<T>::iter_values()
			.try_fold(0 as StablecoinAmount, |sum, intent| sum.checked_add(intent.held))
			.ok_or_else(|| "the intents' holdings overflow".into())
	}
}
