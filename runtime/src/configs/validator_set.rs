//! The validator set: the operators the council seats, sessions, the session keys' history
//! (for equivocation proofs) and block authorship.

use alloc::vec::Vec;
use frame_support::traits::{ConstU32, Contains};
use pallet_session::SessionManager;
use sp_runtime::traits::{Convert, OpaqueKeys};
use sp_staking::SessionIndex;

use crate::{
	configs::{consensus::MaxAuthorities, CouncilTwoThirds},
	currency::UNIT,
	AccountId, Aura, Balance, Balances, Historical, Runtime, RuntimeEvent, SessionKeys,
	TelcoRegistry, ValidatorSet,
};

/// Whether an operator has set its session keys (`session.setKeys`).
pub struct SessionKeysSet;
impl Contains<AccountId> for SessionKeysSet {
	fn contains(who: &AccountId) -> bool {
		pallet_session::NextKeys::<Runtime>::contains_key(who)
	}
}

/// A validator is identified by its account alone: its stake is the operator's bond, which
/// the telco registry holds.
pub struct AccountOnly;
impl Convert<AccountId, Option<()>> for AccountOnly {
	fn convert(_: AccountId) -> Option<()> {
		Some(())
	}
}

impl pallet_validator_set::Config for Runtime {
	type Operators = TelcoRegistry;
	type HasSessionKeys = SessionKeysSet;
	type CouncilOrigin = CouncilTwoThirds;
	type MaxValidators = MaxAuthorities;
	/// Ten blocks: a minute at six-second blocks.
	type MinSessionLength = ConstU32<10>;
	type MaxOffencesPerSession = ConstU32<64>;
	type OffenceHistory = OffenceHistory;
	type AuraId = sp_consensus_aura::sr25519::AuthorityId;
	type KeyOwnerProof = sp_session::MembershipProof;
	type KeyOwnership = Historical;
	type CurrentSlot = AuraSlot;
	type WeightInfo = pallet_validator_set::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarks::ActiveTelcos;
}

/// Aura's current slot, for the validator set's equivocation reports.
pub struct AuraSlot;
impl frame_support::traits::Get<sp_consensus_aura::Slot> for AuraSlot {
	fn get() -> sp_consensus_aura::Slot {
		pallet_aura::CurrentSlot::<Runtime>::get()
	}
}

/// Sessions an offence is kept for (GRANDPA keeps the set ids of as many sessions).
pub type OffenceHistory = ConstU32<28>;

frame_support::parameter_types! {
	/// Held from an operator while it has session keys set (their storage).
	pub const SessionKeyDeposit: Balance = UNIT;
}

impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	type ValidatorIdOf = pallet_validator_set::ActiveOperator<Runtime>;
	type ShouldEndSession = ValidatorSet;
	type NextSessionRotation = ValidatorSet;
	type SessionManager = pallet_session::historical::NoteHistoricalRoot<Runtime, WithHistory>;
	type SessionHandler = <SessionKeys as OpaqueKeys>::KeyTypeIdProviders;
	type Keys = SessionKeys;
	type DisablingStrategy = ();
	type WeightInfo = pallet_session::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	type KeyDeposit = SessionKeyDeposit;
}

/// The validator set's sessions, each validator with its full identification (none beyond its
/// account), as pallet-session's history records them.
pub struct WithHistory;
impl SessionManager<AccountId> for WithHistory {
	fn new_session(index: SessionIndex) -> Option<Vec<AccountId>> {
		<ValidatorSet as SessionManager<_>>::new_session(index)
	}
	fn new_session_genesis(index: SessionIndex) -> Option<Vec<AccountId>> {
		<ValidatorSet as SessionManager<_>>::new_session_genesis(index)
	}
	fn start_session(index: SessionIndex) {
		<ValidatorSet as SessionManager<_>>::start_session(index)
	}
	fn end_session(index: SessionIndex) {
		<ValidatorSet as SessionManager<_>>::end_session(index)
	}
}
impl pallet_session::historical::SessionManager<AccountId, ()> for WithHistory {
	fn new_session(index: SessionIndex) -> Option<Vec<(AccountId, ())>> {
		<Self as SessionManager<_>>::new_session(index).map(identified)
	}
	fn new_session_genesis(index: SessionIndex) -> Option<Vec<(AccountId, ())>> {
		<Self as SessionManager<_>>::new_session_genesis(index).map(identified)
	}
	fn start_session(index: SessionIndex) {
		<Self as SessionManager<_>>::start_session(index)
	}
	fn end_session(index: SessionIndex) {
		<Self as SessionManager<_>>::end_session(index)
	}
}

fn identified(validators: Vec<AccountId>) -> Vec<(AccountId, ())> {
	validators.into_iter().map(|v| (v, ())).collect()
}

impl pallet_session::historical::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type FullIdentification = ();
	type FullIdentificationOf = AccountOnly;
}

impl pallet_authorship::Config for Runtime {
	type FindAuthor = pallet_session::FindAccountFromAuthorIndex<Self, Aura>;
	type EventHandler = ();
}
