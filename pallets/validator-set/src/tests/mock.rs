//! A runtime with balances, pallet-session driven by this pallet, and operators the tests
//! switch on and off; the council is root.

use crate::{self as pallet_validator_set, *};
use core::cell::RefCell;
use frame_support::{
	construct_runtime, derive_impl, parameter_types,
	traits::{ConstU32, ConstU64},
};
use frame_system::EnsureRoot;
use gesim_primitives::TelcoInspect;
use sp_consensus_slots::Slot;
use sp_core::{sr25519, Pair};
use sp_runtime::{
	impl_opaque_keys, testing::UintAuthorityId, traits::OpaqueKeys, BuildStorage, KeyTypeId,
	RuntimeAppPublic,
};
use sp_staking::SessionIndex;
use std::collections::BTreeSet;

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;

/// Validators at genesis.
pub const GENESIS_VALIDATORS: [AccountId; 3] = [1, 2, 3];
/// An admitted operator that is not a validator yet.
pub const NEWCOMER: AccountId = 4;
/// Not an operator.
pub const STRANGER: AccountId = 9;
pub const SESSION_LENGTH: u64 = 10;
pub const KEY_DEPOSIT: u64 = 10;

construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		// Before Session: its genesis asks this pallet for the first set.
		ValidatorSet: pallet_validator_set,
		Session: pallet_session,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<u64>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
}

impl_opaque_keys! {
	pub struct MockSessionKeys {
		pub dummy: UintAuthorityId,
	}
}

pub fn keys(who: AccountId) -> MockSessionKeys {
	MockSessionKeys { dummy: UintAuthorityId(who) }
}

/// Takes no part in consensus: the tests look at pallet-session's own storage.
pub struct NoConsensus;
impl pallet_session::SessionHandler<AccountId> for NoConsensus {
	const KEY_TYPE_IDS: &'static [KeyTypeId] = &[UintAuthorityId::ID];
	fn on_genesis_session<K: OpaqueKeys>(_: &[(AccountId, K)]) {}
	fn on_new_session<K: OpaqueKeys>(_: bool, _: &[(AccountId, K)], _: &[(AccountId, K)]) {}
	fn on_disabled(_: u32) {}
}

parameter_types! {
	pub const KeyDeposit: u64 = KEY_DEPOSIT;
}

impl pallet_session::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	type ValidatorIdOf = ActiveOperator<Test>;
	type ShouldEndSession = ValidatorSet;
	type NextSessionRotation = ValidatorSet;
	type SessionManager = ValidatorSet;
	type SessionHandler = NoConsensus;
	type Keys = MockSessionKeys;
	type DisablingStrategy = ();
	type WeightInfo = ();
	type Currency = Balances;
	type KeyDeposit = KeyDeposit;
}

thread_local! {
	static ACTIVE: RefCell<BTreeSet<AccountId>> = RefCell::new(BTreeSet::from([1, 2, 3, 4, 5, 6]));
}

/// Operators 1 to 6 start active; the tests suspend and reinstate them.
pub struct MockOperators;
impl MockOperators {
	pub fn set_active(telco: AccountId, active: bool) {
		ACTIVE.with(|a| {
			if active {
				a.borrow_mut().insert(telco);
			} else {
				a.borrow_mut().remove(&telco);
			}
		});
	}
}
impl TelcoInspect<AccountId> for MockOperators {
	fn is_active(telco: &AccountId) -> bool {
		ACTIVE.with(|a| a.borrow().contains(telco))
	}
}

/// pallet-session's `NextKeys`, as the runtime reads it.
pub struct SessionKeysSet;
impl frame_support::traits::Contains<AccountId> for SessionKeysSet {
	fn contains(who: &AccountId) -> bool {
		pallet_session::NextKeys::<Test>::contains_key(who)
	}
}

impl pallet_validator_set::Config for Test {
	type Operators = MockOperators;
	type HasSessionKeys = SessionKeysSet;
	type CouncilOrigin = EnsureRoot<AccountId>;
	type MaxValidators = ConstU32<5>;
	type MinSessionLength = ConstU64<5>;
	type MaxOffencesPerSession = ConstU32<3>;
	type OffenceHistory = ConstU32<2>;
	type AuraId = AuraId;
	type KeyOwnerProof = KeyOwnership;
	type KeyOwnership = MockHistory;
	type CurrentSlot = CurrentSlot;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockOperators;
}

pub type AuraId = sp_consensus_aura::sr25519::AuthorityId;

/// Validator `who`'s Aura key pair.
pub fn aura_pair(who: AccountId) -> sr25519::Pair {
	sr25519::Pair::from_seed(&[who as u8; 32])
}

/// A key ownership proof as the tests make it: `owner` held its Aura key in `session`.
#[derive(
	Clone,
	PartialEq,
	Eq,
	Debug,
	codec::Encode,
	codec::Decode,
	codec::DecodeWithMemTracking,
	scale_info::TypeInfo,
)]
pub struct KeyOwnership {
	pub session: SessionIndex,
	pub validator_count: u32,
	pub owner: AccountId,
}
impl sp_session::GetSessionNumber for KeyOwnership {
	fn session(&self) -> SessionIndex {
		self.session
	}
}
impl sp_session::GetValidatorCount for KeyOwnership {
	fn validator_count(&self) -> u32 {
		self.validator_count
	}
}

/// pallet-session's history in the tests: every validator's Aura key is [`aura_pair`]'s.
pub struct MockHistory;
impl frame_support::traits::KeyOwnerProofSystem<(KeyTypeId, AuraId)> for MockHistory {
	type Proof = KeyOwnership;
	type IdentificationTuple = (AccountId, ());
	fn prove(_: (KeyTypeId, AuraId)) -> Option<KeyOwnership> {
		None
	}
	fn check_proof(
		(key_type, key): (KeyTypeId, AuraId),
		proof: KeyOwnership,
	) -> Option<(AccountId, ())> {
		let owned = key_type == AuraId::ID && key == aura_pair(proof.owner).public().into();
		owned.then_some((proof.owner, ()))
	}
}

thread_local! {
	static SLOT: RefCell<u64> = const { RefCell::new(0) };
}

/// Aura's slot in the tests: set by hand.
pub struct CurrentSlot;
impl CurrentSlot {
	pub fn set(slot: u64) {
		SLOT.with(|s| *s.borrow_mut() = slot);
	}
}
impl frame_support::traits::Get<Slot> for CurrentSlot {
	fn get() -> Slot {
		SLOT.with(|s| Slot::from(*s.borrow()))
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl crate::benchmarking::BenchmarkHelper<Test> for MockOperators {
	fn operator_with_keys(who: &AccountId) {
		Self::set_active(*who, true);
		pallet_session::NextKeys::<Test>::insert(who, keys(*who));
	}

	fn aura_equivocation() -> (crate::AuraEquivocationProof<Test>, KeyOwnership) {
		CurrentSlot::set(7);
		let proof = crate::tests::aura::equivocation(2, 7);
		(proof, KeyOwnership { session: Session::current_index(), validator_count: 3, owner: 2 })
	}
}

pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: (1..=6).chain([STRANGER]).map(|who| (who, 1_000)).collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	// The validator set first: pallet-session's genesis asks it for the first set.
	pallet_validator_set::GenesisConfig::<Test> {
		validators: GENESIS_VALIDATORS.to_vec(),
		min_validators: 2,
		session_length: SESSION_LENGTH,
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_session::GenesisConfig::<Test> {
		keys: GENESIS_VALIDATORS.iter().map(|v| (*v, *v, keys(*v))).collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	CurrentSlot::set(0);
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		ACTIVE.with(|a| *a.borrow_mut() = BTreeSet::from([1, 2, 3, 4, 5, 6]));
		System::set_block_number(1);
	});
	ext
}

/// Runs blocks up to `n`, with pallet-session's hooks (it rotates in `on_initialize`).
pub fn run_to_block(n: u64) {
	System::run_to_block::<AllPalletsWithSystem>(n);
}

/// Runs to the first block of session `index`.
pub fn run_to_session(index: u32) {
	while Session::current_index() < index {
		run_to_block(System::block_number() + 1);
	}
}

/// `who` sets its session keys, as `session.setKeys` from its node would.
pub fn set_keys(who: AccountId) {
	Session::set_keys(RuntimeOrigin::signed(who), keys(who), ownership_proof(who)).unwrap();
}

/// The keys of `who` signing its account, as `author_rotateKeys` makes the proof.
pub fn ownership_proof(who: AccountId) -> Vec<u8> {
	use codec::Encode;
	keys(who).create_ownership_proof(&who.encode()).unwrap().encode()
}

/// The validators pallet-session runs this session.
pub fn session_validators() -> Vec<AccountId> {
	pallet_session::Validators::<Test>::get()
}

pub fn events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::ValidatorSet(e) => Some(e),
			_ => None,
		})
		.collect()
}
