//! One file per call and per `EscrowLedger` operation, each with its success path and every
//! error it can return; `conservation` runs random sequences against the invariant.

pub(crate) mod mock;

mod conservation;
mod end_early;
mod freeze;
mod genesis;
mod migrations;
mod on_idle;
mod open;
mod protocol_margin;
mod reassign;
mod refund;
mod refund_expired;
mod release;
mod reserve;
mod thaw;
mod top_up;

use crate::{ExpiryPages, ExpiryQueue, IntentOf, Intents, QueueSlot};
use gesim_primitives::{EscrowLedger, IntentId, StablecoinAmount};
use mock::*;

/// Opens an intent from `payer` to `TELCO` through the ledger.
pub(crate) fn open(payer: AccountId, amount: StablecoinAmount, expires_at: u64) -> IntentId {
	<Escrow as EscrowLedger<_, _>>::open(&payer, &TELCO, amount, expires_at)
		.expect("opening succeeds")
}

/// The stored intent.
pub(crate) fn intent(id: IntentId) -> IntentOf<Test> {
	Intents::<Test>::get(id).expect("intent exists")
}

/// The ledger, named once.
pub(crate) type Ledger = Escrow;

/// Checks the conservation invariant and that the escrow account holds exactly the intents'
/// money plus its endowment.
pub(crate) fn assert_conserved() {
	Escrow::do_check_invariants().expect("invariants hold");
	assert_eq!(
		Escrow::account_balance(),
		Escrow::total_held().unwrap() + gesim_primitives::stablecoin::MIN_BALANCE
	);
}

/// Every intent the expiry queue lists under block `bucket`, page by page.
pub(crate) fn listed(bucket: u64) -> Vec<IntentId> {
	let pages = ExpiryPages::<Test>::get(bucket);
	(pages.first..pages.next)
		.flat_map(|page| ExpiryQueue::<Test>::get(bucket, page))
		.collect()
}

/// The queue slot on `page` of block `bucket`.
pub(crate) fn slot(bucket: u64, page: u32) -> Option<QueueSlot<u64>> {
	Some(QueueSlot { bucket, page })
}
