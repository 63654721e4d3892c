//! One file per call and per `RoamingLedger` operation, each with its success path and every
//! error it can return; `netting` checks runs to the unit, `defaults` the debtors reported to
//! the council, `obligations` what the registry sees, `migrations` the upgrade of a version 0
//! chain, and `conservation` runs random sequences against the invariants.

pub(crate) mod mock;

mod accept_agreement;
mod book_usage;
mod booking_headroom;
mod conservation;
mod defaults;
mod deposit;
mod disputes;
mod ensure_can_invoice;
mod force_terminate;
mod genesis;
mod migrations;
mod netting;
mod netting_period;
mod obligations;
mod propose_agreement;
mod terminate_agreement;
mod withdraw;

use crate::{AgreementOf, Agreements};
use gesim_primitives::{AgreementId, Bytes, RoamingLedger, StablecoinAmount};
use mock::*;

/// The stored agreement.
pub(crate) fn agreement(id: AgreementId) -> AgreementOf<Test> {
	Agreements::<Test>::get(id).expect("agreement exists")
}

/// Books `bytes` used on `visited`'s network under `id`, anchored in the current block,
/// through the ledger.
pub(crate) fn book(
	id: AgreementId,
	visited: AccountId,
	bytes: Bytes,
) -> Result<StablecoinAmount, sp_runtime::DispatchError> {
	book_anchored(id, visited, bytes, System::block_number())
}

/// Books `bytes` used on `visited`'s network under `id`, anchored in block `anchored_at`,
/// through the ledger.
pub(crate) fn book_anchored(
	id: AgreementId,
	visited: AccountId,
	bytes: Bytes,
	anchored_at: u64,
) -> Result<StablecoinAmount, sp_runtime::DispatchError> {
	<Roaming as RoamingLedger<_, _>>::book_usage(id, &visited, bytes, anchored_at)
}

/// Checks the invariants, and that the pool account holds exactly the deposits plus its
/// endowment.
pub(crate) fn assert_conserved() {
	Roaming::do_check_invariants().expect("invariants hold");
	assert_eq!(Roaming::account_balance(), Roaming::total_deposits().unwrap() + MIN_BALANCE);
}

/// ALPHA and BRAVO in agreement 0 (wholesale terms); BRAVO's subscribers used 300 MB
/// on ALPHA's network (3 dollars owed), and BRAVO took 2 of the 3 dollars it deposited back
/// as it could before deposits were collateral: the netting in block 10 leaves BRAVO 2 dollars
/// in debt, carried.
pub(crate) fn vodafone_short_by_two_dollars() -> AgreementId {
	let id = agree(ALPHA, BRAVO, wholesale());
	deposit(BRAVO, 3 * DOLLAR);
	book(id, ALPHA, 300 * MB).expect("booking succeeds");
	withdraw_before_collateral(BRAVO, 2 * DOLLAR);
	run_to_block(10);
	assert_eq!(crate::Carried::<Test>::get(BRAVO), Some(-2 * DOLLAR as crate::Position));
	id
}
