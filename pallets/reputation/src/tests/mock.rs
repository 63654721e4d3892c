//! A runtime with only the reputation pallet; the catalog and metering are stand-ins keeping
//! entitlements and proved usage in a thread-local world.

use crate as pallet_reputation;
use frame_support::derive_impl;
pub use gesim_primitives::parameters::testing::TestParameters;
use gesim_primitives::{
	Bytes, EntitlementId, EntitlementLedger, EntitlementView, PlanId, PlanRate, ProtocolParameter,
	ProvedUsage, Reallocation, Release, Split, StablecoinAmount,
};
use sp_runtime::{BuildStorage, DispatchError};
use std::{cell::RefCell, collections::BTreeMap};

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;

/// Subscribers.
pub const ALICE: AccountId = 2;
pub const BOB: AccountId = 3;
/// Operators.
pub const TELCO: AccountId = 10;
pub const TELCO_B: AccountId = 11;
pub const GIB: Bytes = 1 << 30;
/// Blocks in which a rating's weight halves, in these tests.
pub const HALF_LIFE: u64 = 100;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Reputation: pallet_reputation,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

impl pallet_reputation::Config for Test {
	type Entitlements = MockCatalog;
	type Usage = MockCatalog;
	type Parameters = TestParameters;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockCatalog;
}

thread_local! {
	static ENTITLEMENTS: RefCell<BTreeMap<EntitlementId, (EntitlementView<AccountId, u64>, Bytes)>> =
		RefCell::default();
}

/// Entitlements and the usage proved on each.
pub struct MockCatalog;

impl MockCatalog {
	/// Gives `holder` an entitlement served by `telco` with `proved` bytes of usage settled.
	pub fn issue(holder: AccountId, telco: AccountId, proved: Bytes) -> EntitlementId {
		ENTITLEMENTS.with(|all| {
			let mut all = all.borrow_mut();
			let id = all.len() as EntitlementId;
			let view = EntitlementView {
				holder,
				telco,
				plan: 0,
				remaining_bytes: 10 * GIB,
				expires_at: 1_000,
				intent: id as u64,
			};
			all.insert(id, (view, proved));
			id
		})
	}

	/// The entitlement is closed: the catalog forgets it.
	pub fn close(id: EntitlementId) {
		ENTITLEMENTS.with(|all| all.borrow_mut().remove(&id));
	}
}

impl ProvedUsage for MockCatalog {
	fn proved_bytes(entitlement: EntitlementId) -> Bytes {
		ENTITLEMENTS.with(|all| all.borrow().get(&entitlement).map_or(0, |(_, proved)| *proved))
	}
}

impl EntitlementLedger<AccountId, u64> for MockCatalog {
	fn entitlement(id: EntitlementId) -> Option<EntitlementView<AccountId, u64>> {
		ENTITLEMENTS.with(|all| all.borrow().get(&id).map(|(view, _)| view.clone()))
	}
	fn consume(_: EntitlementId, _: Bytes) -> Result<Bytes, DispatchError> {
		unimplemented!("reputation never consumes quota")
	}
	fn revoke_unserved(_: EntitlementId) -> Result<StablecoinAmount, DispatchError> {
		unimplemented!("reputation never revokes")
	}
	fn end_by_ruling(
		_: EntitlementId,
		_: gesim_primitives::BasisPoints,
	) -> Result<(StablecoinAmount, Release), DispatchError> {
		unimplemented!("reputation never rules")
	}
	fn reallocate(_: EntitlementId, _: PlanId) -> Result<Reallocation, DispatchError> {
		unimplemented!("reputation never reallocates")
	}
	fn plan_rate(_: PlanId) -> Option<PlanRate> {
		unimplemented!("reputation never reads plan rates")
	}
	fn split_off(_: EntitlementId, _: Bytes, _: &AccountId) -> Result<Split, DispatchError> {
		unimplemented!("reputation never splits entitlements")
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId> for MockCatalog {
	fn entitlement_with_usage(holder: &AccountId) -> (EntitlementId, AccountId) {
		(Self::issue(*holder, TELCO, GIB), TELCO)
	}
}

/// Genesis at block 1, with a half-life of `HALF_LIFE` blocks.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	TestParameters::clear();
	TestParameters::put(ProtocolParameter::<u64>::ReputationHalfLife(HALF_LIFE));
	ENTITLEMENTS.with(|all| all.borrow_mut().clear());
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// The last event of this pallet.
pub fn last_event() -> crate::Event<Test> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Reputation(e) => Some(e),
			_ => None,
		})
		.last()
		.expect("an event")
}
