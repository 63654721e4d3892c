//! A runtime with balances and the registry; the council is root, obligations are a switch.

use crate::{self as pallet_telco_registry, *};
use core::cell::RefCell;
use frame_support::{
	construct_runtime, derive_impl, parameter_types,
	traits::{fungible::InspectHold, tokens::imbalance::ResolveTo, ConstU32, ConstU64},
};
use frame_system::EnsureRoot;
use gesim_primitives::{Geohash, Plmn, TelcoObligations};
use sp_runtime::BuildStorage;
use std::collections::BTreeSet;

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;
pub type Balance = u64;

pub const ALICE: AccountId = 1;
pub const BOB: AccountId = 2;
pub const CHARLIE: AccountId = 3;
/// Has less than the bond.
pub const PAUPER: AccountId = 4;
pub const TREASURY: AccountId = 99;

pub const BOND: Balance = 100;
/// Above one, so a transfer of less can fail to create an account.
pub const EXISTENTIAL_DEPOSIT: Balance = 2;
pub const GRACE: u64 = 10;
pub const START_BALANCE: Balance = 1_000;

construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		TelcoRegistry: pallet_telco_registry,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<Balance>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
	type ExistentialDeposit = ConstU64<EXISTENTIAL_DEPOSIT>;
}

parameter_types! {
	pub const TreasuryAccount: AccountId = TREASURY;
}

thread_local! {
	static OPEN_OBLIGATIONS: RefCell<BTreeSet<AccountId>> = const { RefCell::new(BTreeSet::new()) };
}

/// Obligations the tests switch on and off per operator.
pub struct MockObligations;
impl MockObligations {
	pub fn set(telco: AccountId, open: bool) {
		OPEN_OBLIGATIONS.with(|o| {
			if open {
				o.borrow_mut().insert(telco);
			} else {
				o.borrow_mut().remove(&telco);
			}
		});
	}
}
impl TelcoObligations<AccountId> for MockObligations {
	fn has_open_obligations(telco: &AccountId) -> bool {
		OPEN_OBLIGATIONS.with(|o| o.borrow().contains(telco))
	}
}

impl pallet_telco_registry::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type TelcoBond = ConstU64<BOND>;
	type Slashed = ResolveTo<TreasuryAccount, Balances>;
	type CouncilOrigin = EnsureRoot<AccountId>;
	type Obligations = MockObligations;
	type KeyRotationGrace = ConstU64<GRACE>;
	type MaxLegalNameLen = ConstU32<16>;
	type MaxPlmns = ConstU32<3>;
	type MaxCoverageCells = ConstU32<3>;
	type WeightInfo = ();
}

/// Balances for the usual accounts, no operators.
pub fn new_test_ext() -> sp_io::TestExternalities {
	new_test_ext_with(vec![])
}

/// As `new_test_ext`, with `telcos` registered at genesis.
pub fn new_test_ext_with(telcos: Vec<GenesisTelco<AccountId>>) -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![
			(ALICE, START_BALANCE),
			(BOB, START_BALANCE),
			(CHARLIE, START_BALANCE),
			(PAUPER, BOND),
			(TREASURY, EXISTENTIAL_DEPOSIT),
		],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_telco_registry::GenesisConfig::<Test> { telcos }
		.assimilate_storage(&mut storage)
		.unwrap();
	OPEN_OBLIGATIONS.with(|o| o.borrow_mut().clear());
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// A PLMN from its digits, e.g. `plmn("208", "01")`.
pub fn plmn(mcc: &str, mnc: &str) -> Plmn {
	Plmn::from_digits(mcc.as_bytes(), mnc.as_bytes()).unwrap()
}

pub fn name(s: &str) -> LegalNameOf<Test> {
	s.as_bytes().to_vec().try_into().unwrap()
}

pub fn plmns(list: &[Plmn]) -> PlmnsOf<Test> {
	list.to_vec().try_into().unwrap()
}

pub fn cells(list: &[&str]) -> CoverageOf<Test> {
	list.iter()
		.map(|c| Geohash::new(c.as_bytes()).unwrap())
		.collect::<Vec<_>>()
		.try_into()
		.unwrap()
}

pub fn services(list: &[Service]) -> Services {
	list.to_vec().try_into().unwrap()
}

/// Orange-like home network of ALICE in these tests.
pub fn alice_plmn() -> Plmn {
	plmn("208", "01")
}

pub fn bob_plmn() -> Plmn {
	plmn("262", "02")
}

pub const ALICE_KEY: ReceiptKey = [0xA1; 32];
pub const BOB_KEY: ReceiptKey = [0xB0; 32];

/// `who` applies with one PLMN, one cell and data + eSIM.
pub fn apply_with(who: AccountId, plmn: Plmn, key: ReceiptKey) {
	TelcoRegistry::apply(
		RuntimeOrigin::signed(who),
		name("Operator"),
		plmns(&[plmn]),
		cells(&["u09tv"]),
		services(&[Service::Esim, Service::Data]),
		key,
	)
	.unwrap();
}

/// ALICE, applied and approved.
pub fn active_alice() {
	apply_with(ALICE, alice_plmn(), ALICE_KEY);
	TelcoRegistry::approve(RuntimeOrigin::root(), ALICE).unwrap();
}

/// ALICE, applied, approved and suspended.
pub fn suspended_alice() {
	active_alice();
	TelcoRegistry::suspend(RuntimeOrigin::root(), ALICE).unwrap();
}

/// `who` updates its profile.
pub fn update_profile(
	who: AccountId,
	legal_name: &str,
	plmn_list: &[Plmn],
	cell_list: &[&str],
	service_list: &[Service],
) -> frame_support::dispatch::DispatchResult {
	TelcoRegistry::update(
		RuntimeOrigin::signed(who),
		name(legal_name),
		plmns(plmn_list),
		cells(cell_list),
		services(service_list),
	)
}

/// Active ALICE asks to be called "Orange" and to run `new_plmns`.
pub fn alice_proposes(new_plmns: &[Plmn]) {
	update_profile(ALICE, "Orange", new_plmns, &["u09tv"], &[Service::Data, Service::Esim])
		.unwrap();
	assert!(ProfileChanges::<Test>::contains_key(ALICE), "a change is pending");
}

pub fn status(who: AccountId) -> Option<TelcoStatus> {
	Telcos::<Test>::get(who).map(|t| t.status)
}

pub fn bond_held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&RuntimeHoldReason::TelcoRegistry(HoldReason::TelcoBond), &who)
}

pub fn free(who: AccountId) -> Balance {
	Balances::free_balance(who)
}

pub fn last_event() -> RuntimeEvent {
	System::events().pop().expect("an event").event
}

/// The last `n` events, oldest first.
pub fn last_events(n: usize) -> Vec<RuntimeEvent> {
	let events = System::events();
	events[events.len().saturating_sub(n)..]
		.iter()
		.map(|record| record.event.clone())
		.collect()
}
