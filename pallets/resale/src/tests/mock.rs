//! A runtime with the stablecoin (pallet-assets) and the resale pallet; the catalog and
//! metering are stand-ins that keep entitlements and usage clearance in a thread-local world.
//! The runtime's own tests run resale on the real catalog, escrow and metering.

use crate as pallet_resale;
use frame_support::{
	derive_impl, parameter_types,
	traits::{fungible::ItemOf, AsEnsureOriginWithArg, ConstU32, UnixTime},
};
use frame_system::{EnsureRoot, EnsureSigned};
pub use gesim_primitives::parameters::testing::TestParameters;
use gesim_primitives::{
	stablecoin, traits::pro_rata, Bytes, EntitlementId, EntitlementLedger, EntitlementView, PlanId,
	PlanRate, Reallocation, Release, Split, StablecoinAmount, UsageClearance, UsageSubject,
};
use sp_runtime::{BuildStorage, DispatchError};
use std::{
	cell::RefCell,
	collections::{BTreeMap, BTreeSet},
};

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;

/// The stablecoin's issuer.
pub const ISSUER: AccountId = 1;
/// A subscriber selling quota.
pub const ALICE: AccountId = 2;
/// Subscribers buying it.
pub const BOB: AccountId = 3;
pub const CAROL: AccountId = 5;
/// Holds no live identity.
pub const STRANGER: AccountId = 4;
/// The operator serving every entitlement.
pub const TELCO: AccountId = 10;

pub const DOLLAR: StablecoinAmount = stablecoin::DOLLAR;
pub const STARTING_BALANCE: StablecoinAmount = 100 * DOLLAR;
pub const GIB: Bytes = 1 << 30;
pub const MIB: Bytes = 1 << 20;
/// Every entitlement's plan: 10 GiB for $10.
pub const PLAN: PlanId = 7;
/// ALICE's entitlements, 10 GiB each with $10 held, until block 100.
pub const ENTITLEMENT: EntitlementId = 0;
pub const SECOND: EntitlementId = 1;
pub const EXPIRES_AT: u64 = 100;
/// Seconds per block of the test chain's clock.
pub const SLOT_SECS: u64 = 6;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Assets: pallet_assets,
		Resale: pallet_resale,
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
	pub const StablecoinId: u32 = stablecoin::ASSET_ID;
}

impl pallet_resale::Config for Test {
	type Entitlements = MockCatalog;
	type Usage = MockMetering;
	type Stablecoin = ItemOf<Assets, StablecoinId, AccountId>;
	type Parameters = TestParameters;
	type UnixTime = BlockClock;
	type MaxListingsPerEntitlement = ConstU32<2>;
	type MaxListingsPerSeller = ConstU32<3>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockCatalog;
}

/// Entitlements, what their escrows hold, and how far their usage is settled.
#[derive(Default)]
pub struct World {
	pub entitlements: BTreeMap<EntitlementId, EntitlementView<AccountId, u64>>,
	pub held: BTreeMap<EntitlementId, StablecoinAmount>,
	pub verified: BTreeSet<AccountId>,
	pub frozen: BTreeSet<EntitlementId>,
	/// Where metering's answer is not "settled up to now".
	pub settled_until: BTreeMap<EntitlementId, Option<u64>>,
}

thread_local! {
	static WORLD: RefCell<World> = RefCell::default();
}

pub fn world<R>(f: impl FnOnce(&mut World) -> R) -> R {
	WORLD.with(|w| f(&mut w.borrow_mut()))
}

/// The chain's time: `SLOT_SECS` per block.
pub struct BlockClock;
impl UnixTime for BlockClock {
	fn now() -> core::time::Duration {
		core::time::Duration::from_secs(System::block_number() * SLOT_SECS)
	}
}

/// The catalog: entitlements of PLAN, split as the real one splits them (the money following
/// the share of the quota), with its refusals as named strings.
pub struct MockCatalog;

impl MockCatalog {
	/// Gives `holder` a 10 GiB entitlement with $10 held, until `EXPIRES_AT`.
	pub fn issue(holder: AccountId) -> EntitlementId {
		world(|w| {
			let id = w.entitlements.len() as EntitlementId;
			let view = EntitlementView {
				holder,
				telco: TELCO,
				plan: PLAN,
				remaining_bytes: 10 * GIB,
				expires_at: EXPIRES_AT,
				intent: id as u64,
			};
			w.entitlements.insert(id, view);
			w.held.insert(id, 10 * DOLLAR);
			id
		})
	}
}

impl EntitlementLedger<AccountId, u64> for MockCatalog {
	fn entitlement(id: EntitlementId) -> Option<EntitlementView<AccountId, u64>> {
		world(|w| w.entitlements.get(&id).cloned())
	}
	fn plan_rate(plan: PlanId) -> Option<PlanRate> {
		(plan == PLAN).then_some(PlanRate { quota_bytes: 10 * GIB, price: 10 * DOLLAR })
	}
	fn split_off(
		id: EntitlementId,
		bytes: Bytes,
		buyer: &AccountId,
	) -> Result<Split, DispatchError> {
		world(|w| {
			let from = w.entitlements.get(&id).cloned().ok_or(DispatchError::Other("Unknown"))?;
			if bytes > from.remaining_bytes {
				return Err(DispatchError::Other("InsufficientQuota"));
			}
			if !w.verified.contains(buyer) {
				return Err(DispatchError::Other("NotVerified"));
			}
			if w.frozen.contains(&id) {
				return Err(DispatchError::Other("Frozen"));
			}
			let moved = pro_rata(w.held[&id], bytes, from.remaining_bytes);
			let to = w.entitlements.len() as EntitlementId;
			let new = EntitlementView {
				holder: *buyer,
				remaining_bytes: bytes,
				intent: to as u64,
				..from.clone()
			};
			w.entitlements.insert(to, new);
			w.held.insert(to, moved);
			*w.held.get_mut(&id).expect("held") -= moved;
			w.entitlements.get_mut(&id).expect("exists").remaining_bytes -= bytes;
			Ok(Split { to, intent: to as u64, moved })
		})
	}
	fn consume(_: EntitlementId, _: Bytes) -> Result<Bytes, DispatchError> {
		unimplemented!("resale never consumes quota")
	}
	fn revoke_unserved(_: EntitlementId) -> Result<StablecoinAmount, DispatchError> {
		unimplemented!("resale never revokes")
	}
	fn end_by_ruling(
		_: EntitlementId,
		_: gesim_primitives::BasisPoints,
	) -> Result<(StablecoinAmount, Release), DispatchError> {
		unimplemented!("resale never rules")
	}
	fn reallocate(_: EntitlementId, _: PlanId) -> Result<Reallocation, DispatchError> {
		unimplemented!("resale never reallocates")
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId> for MockCatalog {
	fn entitlement_of(seller: &AccountId, _bytes: Bytes) -> EntitlementId {
		Self::issue(*seller)
	}
	fn prepare_buyer(buyer: &AccountId, amount: StablecoinAmount) {
		use frame_support::traits::fungible::Mutate;
		world(|w| w.verified.insert(*buyer));
		<ItemOf<Assets, StablecoinId, AccountId> as Mutate<_>>::mint_into(buyer, amount)
			.expect("minted");
	}
}

/// Metering: every entitlement's usage settled up to now, unless a test says otherwise.
pub struct MockMetering;
impl UsageClearance<AccountId> for MockMetering {
	fn settled_until(telco: &AccountId, subject: UsageSubject) -> Option<u64> {
		let UsageSubject::Entitlement(id) = subject else { return None };
		assert_eq!(*telco, TELCO, "asked about the entitlement's own operator");
		world(|w| w.settled_until.get(&id).copied())
			.unwrap_or_else(|| Some(BlockClock::now().as_secs()))
	}
}

/// Genesis: the stablecoin with ALICE, BOB and CAROL funded; BOB and CAROL verified; ALICE
/// holding `ENTITLEMENT` and `SECOND`; the default resale bounds (100 MiB, the plan's price).
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
		accounts: [ALICE, BOB, CAROL, STRANGER]
			.map(|who| (stablecoin::ASSET_ID, who, STARTING_BALANCE))
			.to_vec(),
		next_asset_id: None,
		reserves: vec![],
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	TestParameters::clear();
	world(|w| *w = World::default());
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		System::set_block_number(1);
		world(|w| w.verified.extend([BOB, CAROL]));
		assert_eq!(MockCatalog::issue(ALICE), ENTITLEMENT);
		assert_eq!(MockCatalog::issue(ALICE), SECOND);
	});
	ext
}

/// Runs `test` on a fresh state, then checks the pallet's invariants.
pub fn run(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		crate::Pallet::<Test>::do_try_state().expect("resale invariants hold");
	});
}

/// Stablecoin balance of `who`.
pub fn balance(who: AccountId) -> StablecoinAmount {
	use frame_support::traits::fungible::Inspect;
	<ItemOf<Assets, StablecoinId, AccountId> as Inspect<_>>::balance(&who)
}

/// The last event of this pallet.
pub fn last_event() -> crate::Event<Test> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Resale(e) => Some(e),
			_ => None,
		})
		.last()
		.expect("an event")
}
