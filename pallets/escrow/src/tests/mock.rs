//! A runtime with the stablecoin (pallet-assets, asset 1, sufficient, one-cent minimum) and the
//! escrow; protocol parameters from the shared test double, with a 5 % margin.

use crate as pallet_escrow;
use frame_support::{
	derive_impl, parameter_types,
	traits::{fungible::ItemOf, AsEnsureOriginWithArg, ConstU32, Hooks},
	weights::Weight,
	PalletId,
};
use frame_system::{EnsureRoot, EnsureSigned};
pub use gesim_primitives::parameters::testing::TestParameters;
use gesim_primitives::{stablecoin, ProtocolParameter, StablecoinAmount};
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;

/// The stablecoin's issuer and admin (it can block accounts).
pub const ISSUER: AccountId = 1;
/// Subscribers.
pub const ALICE: AccountId = 2;
pub const BOB: AccountId = 3;
/// An operator.
pub const TELCO: AccountId = 10;
/// Receives the protocol margin.
pub const TREASURY: AccountId = 99;
/// Holds no stablecoin.
pub const NOBODY: AccountId = 42;

pub const DOLLAR: StablecoinAmount = stablecoin::DOLLAR;
pub const CENT: StablecoinAmount = stablecoin::CENT;
/// What each subscriber starts with.
pub const STARTING_BALANCE: StablecoinAmount = 1_000 * DOLLAR;
/// Blocks after expiry during which late proofs still release.
pub const GRACE: u64 = 5;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Assets: pallet_assets,
		Escrow: pallet_escrow,
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

#[derive_impl(pallet_assets::config_preludes::TestDefaultConfig)]
impl pallet_assets::Config for Test {
	type Balance = StablecoinAmount;
	type Currency = Balances;
	type CreateOrigin = AsEnsureOriginWithArg<EnsureSigned<AccountId>>;
	type ForceOrigin = EnsureRoot<AccountId>;
}

parameter_types! {
	pub const EscrowPalletId: PalletId = PalletId(*b"gsm/escr");
	pub const StablecoinId: u32 = stablecoin::ASSET_ID;
	pub const Treasury: AccountId = TREASURY;
}

/// The stablecoin as one fungible, as the runtime passes it.
pub type Stablecoin = ItemOf<Assets, StablecoinId, AccountId>;

impl pallet_escrow::Config for Test {
	type Stablecoin = Stablecoin;
	type PalletId = EscrowPalletId;
	type Treasury = Treasury;
	type Parameters = TestParameters;
	type MaxIntentsPerPage = ConstU32<3>;
	type MaxRefundsPerBlock = ConstU32<4>;
	type WeightInfo = ();
}

/// Genesis: the stablecoin with ALICE and BOB funded, the treasury at the minimum balance,
/// a 5 % margin; the escrow endows its own account.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![(ISSUER, 1_000)],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_assets::GenesisConfig::<Test> {
		assets: vec![(stablecoin::ASSET_ID, ISSUER, true, stablecoin::MIN_BALANCE)],
		metadata: vec![],
		accounts: vec![
			(stablecoin::ASSET_ID, ALICE, STARTING_BALANCE),
			(stablecoin::ASSET_ID, BOB, STARTING_BALANCE),
			(stablecoin::ASSET_ID, TREASURY, stablecoin::MIN_BALANCE),
		],
		next_asset_id: None,
		reserves: vec![],
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_escrow::GenesisConfig::<Test>::default()
		.assimilate_storage(&mut storage)
		.unwrap();
	TestParameters::clear();
	TestParameters::put(ProtocolParameter::<u64>::ProtocolMargin(500));
	TestParameters::put(ProtocolParameter::<u64>::SettlementGrace(GRACE));
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Stablecoin balance of `who`.
pub fn balance(who: AccountId) -> StablecoinAmount {
	use frame_support::traits::fungible::Inspect;
	Stablecoin::balance(&who)
}

/// Moves to block `n`, running `on_idle` with `weight` at each block on the way.
pub fn run_to_block_with(n: u64, weight: Weight) {
	while System::block_number() < n {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		Escrow::on_idle(next, weight);
	}
}

/// Moves to block `n` with ample idle weight.
pub fn run_to_block(n: u64) {
	run_to_block_with(n, Weight::MAX);
}

/// The last event of the escrow.
pub fn last_escrow_event() -> Option<pallet_escrow::Event<Test>> {
	System::events().into_iter().rev().find_map(|record| match record.event {
		RuntimeEvent::Escrow(event) => Some(event),
		_ => None,
	})
}

/// The escrow pallet's events, in order.
pub fn escrow_events() -> Vec<pallet_escrow::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::Escrow(event) => Some(event),
			_ => None,
		})
		.collect()
}
