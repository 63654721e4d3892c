//! A runtime with a three-member council, enough to drive real motions.

use crate as pallet_governance;
use frame_support::{derive_impl, parameter_types, traits::ConstU32, weights::Weight};
use frame_system::EnsureRoot;
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;
pub type CouncilCollective = pallet_collective::Instance1;

pub const ALICE: AccountId = 1;
pub const BOB: AccountId = 2;
pub const CHARLIE: AccountId = 3;
pub const OUTSIDER: AccountId = 9;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Council: pallet_collective::<Instance1>,
		Governance: pallet_governance,
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

parameter_types! {
	pub MaxProposalWeight: Weight = Weight::from_parts(1_000_000_000_000, u64::MAX);
}

impl pallet_collective::Config<CouncilCollective> for Test {
	type RuntimeOrigin = RuntimeOrigin;
	type Proposal = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type MotionDuration = ConstU64<10>;
	type MaxProposals = ConstU32<10>;
	type MaxMembers = ConstU32<10>;
	type DefaultVote = pallet_collective::PrimeDefaultVote;
	type WeightInfo = ();
	type SetMembersOrigin = EnsureRoot<AccountId>;
	type MaxProposalWeight = MaxProposalWeight;
	type DisapproveOrigin = EnsureRoot<AccountId>;
	type KillOrigin = EnsureRoot<AccountId>;
	type Consideration = ();
}

use frame_support::traits::ConstU64;

impl pallet_governance::Config for Test {
	type RuntimeCall = RuntimeCall;
	type CouncilOrigin =
		pallet_collective::EnsureProportionAtLeast<AccountId, CouncilCollective, 2, 3>;
	type WeightInfo = ();
}

/// Propose `call` as a council motion with threshold `threshold`, collect `ayes`, close it.
pub fn run_motion(call: RuntimeCall, threshold: u32, ayes: &[AccountId]) {
	use codec::Encode;
	use frame_support::assert_ok;
	use sp_runtime::traits::{BlakeTwo256, Hash};
	let length = call.encoded_size() as u32;
	let hash = BlakeTwo256::hash_of(&call);
	assert_ok!(Council::propose(RuntimeOrigin::signed(ALICE), threshold, Box::new(call), length));
	let index = pallet_collective::ProposalCount::<Test, CouncilCollective>::get() - 1;
	// Proposing is not voting: every aye is cast explicitly.
	for voter in ayes {
		assert_ok!(Council::vote(RuntimeOrigin::signed(*voter), hash, index, true));
	}
	System::set_block_number(System::block_number() + 11);
	assert_ok!(Council::close(RuntimeOrigin::signed(ALICE), hash, index, Weight::MAX, length));
}

pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![(ALICE, 1_000), (BOB, 1_000), (CHARLIE, 1_000), (OUTSIDER, 1_000)],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_collective::GenesisConfig::<Test, CouncilCollective> {
		members: vec![ALICE, BOB, CHARLIE],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}
