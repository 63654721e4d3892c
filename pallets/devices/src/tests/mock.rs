//! A runtime with balances, pallet-nfts and this pallet; active operators are a switch.

use crate::{self as pallet_devices, *};
use frame_support::{
	construct_runtime, derive_impl, parameter_types,
	traits::{AsEnsureOriginWithArg, ConstU32, ConstU64},
	PalletId,
};
use frame_system::{EnsureRoot, EnsureSigned};
use gesim_primitives::{testing::TestTelcos, DeviceId, DeviceSwaps, SwapId};
use pallet_nfts::PalletFeatures;
use sp_core::H256;
use sp_runtime::{
	traits::{IdentifyAccount, IdentityLookup, Verify},
	AccountId32, BuildStorage, MultiSignature,
};

type Block = frame_system::mocking::MockBlock<Test>;
pub type Signature = MultiSignature;
pub type AccountPublic = <Signature as Verify>::Signer;
pub type AccountId = <AccountPublic as IdentifyAccount>::AccountId;
pub type Balance = u64;

pub const LENDER: AccountId = AccountId32::new([1; 32]);
pub const OTHER_LENDER: AccountId = AccountId32::new([2; 32]);
/// Active, but cannot pay a device deposit.
pub const POOR_LENDER: AccountId = AccountId32::new([3; 32]);
pub const SUBSCRIBER: AccountId = AccountId32::new([10; 32]);
pub const NEIGHBOUR: AccountId = AccountId32::new([11; 32]);

pub const LENDER_BALANCE: Balance = 1_000;
pub const COLLECTION_DEPOSIT: Balance = 10;
pub const ITEM_DEPOSIT: Balance = 3;
pub const DEVICE_DEPOSIT: Balance = 5;
pub const MAX_DEVICES: u32 = 3;
pub const ACCEPTANCE_PERIOD: u64 = 10;
pub const MEETUP: H256 = H256::repeat_byte(0x4D);

construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Nfts: pallet_nfts,
		Devices: pallet_devices,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type AccountId = AccountId;
	type Lookup = IdentityLookup<Self::AccountId>;
	type Block = Block;
	type AccountData = pallet_balances::AccountData<Balance>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
}

parameter_types! {
	pub storage Features: PalletFeatures = PalletFeatures::all_enabled();
	pub const DevicesPalletId: PalletId = PalletId(*b"gsm/devi");
}

impl pallet_nfts::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type CollectionId = u32;
	type ItemId = u32;
	type Currency = Balances;
	type CreateOrigin = AsEnsureOriginWithArg<EnsureSigned<Self::AccountId>>;
	type ForceOrigin = EnsureRoot<Self::AccountId>;
	type Locker = ();
	type CollectionDeposit = ConstU64<COLLECTION_DEPOSIT>;
	type ItemDeposit = ConstU64<ITEM_DEPOSIT>;
	type MetadataDepositBase = ConstU64<1>;
	type AttributeDepositBase = ConstU64<1>;
	type DepositPerByte = ConstU64<1>;
	type StringLimit = ConstU32<50>;
	type KeyLimit = ConstU32<50>;
	type ValueLimit = ConstU32<50>;
	type ApprovalsLimit = ConstU32<10>;
	type ItemAttributesApprovalsLimit = ConstU32<2>;
	type MaxTips = ConstU32<10>;
	type MaxDeadlineDuration = ConstU64<10000>;
	type MaxAttributesPerCall = ConstU32<2>;
	type Features = Features;
	type OffchainSignature = Signature;
	type OffchainPublic = AccountPublic;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type Helper = ();
	type BlockNumberProvider = System;
}

impl pallet_devices::Config for Test {
	type Telcos = TestTelcos;
	type Currency = Balances;
	type CollectionId = u32;
	type Nfts = Nfts;
	type PalletId = DevicesPalletId;
	type DeviceDeposit = ConstU64<DEVICE_DEPOSIT>;
	type MaxDevicesPerLender = ConstU32<MAX_DEVICES>;
	type SwapAcceptancePeriod = ConstU64<ACCEPTANCE_PERIOD>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockTelcos;
}

#[cfg(feature = "runtime-benchmarks")]
pub struct MockTelcos;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId> for MockTelcos {
	fn make_active_telco(telco: &AccountId) {
		TestTelcos::set_active(telco, true);
	}
}

pub fn pallet_account() -> AccountId {
	Devices::account_id()
}

/// Lenders funded and active (POOR_LENDER with almost nothing), the pallet account endowed
/// with the collection deposit plus the existential deposit, the collection created; block 1.
pub fn new_test_ext() -> sp_io::TestExternalities {
	TestTelcos::clear();
	for lender in [&LENDER, &OTHER_LENDER, &POOR_LENDER] {
		TestTelcos::set_active(lender, true);
	}
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![
			(LENDER, LENDER_BALANCE),
			(OTHER_LENDER, LENDER_BALANCE),
			(POOR_LENDER, DEVICE_DEPOSIT),
			(SUBSCRIBER, LENDER_BALANCE),
			(pallet_account(), COLLECTION_DEPOSIT + 1),
		],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_devices::GenesisConfig::<Test>::default()
		.assimilate_storage(&mut storage)
		.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

pub fn collection() -> u32 {
	DeviceCollection::<Test>::get().expect("created at genesis")
}

pub fn serial(n: u8) -> H256 {
	H256::repeat_byte(n)
}

/// `lender` registers a router with serial `n`; returns its id.
pub fn register(lender: &AccountId, n: u8) -> DeviceId {
	let device = NextDeviceId::<Test>::get();
	Devices::register_device(RuntimeOrigin::signed(lender.clone()), DeviceKind::Router, serial(n))
		.unwrap();
	device
}

/// Who holds `device`'s item.
pub fn holder(device: DeviceId) -> Option<AccountId> {
	use frame_support::traits::tokens::nonfungibles_v2::Inspect;
	<Nfts as Inspect<AccountId>>::owner(&collection(), &device)
}

/// `from` hands `device` to `to` with pallet-nfts' own call, as wallets do.
pub fn hand_over(from: &AccountId, device: DeviceId, to: &AccountId) -> sp_runtime::DispatchResult {
	Nfts::transfer(RuntimeOrigin::signed(from.clone()), collection(), device, to.clone())
}

/// LENDER lends one router to SUBSCRIBER and keeps a spare; a ruling proposes to swap them:
/// (swap, the lent router, the spare).
pub fn proposed_swap() -> (SwapId, DeviceId, DeviceId) {
	let (lent, spare) = (register(&LENDER, 1), register(&LENDER, 2));
	hand_over(&LENDER, lent, &SUBSCRIBER).unwrap();
	let swap = Devices::propose_swap((&SUBSCRIBER, lent), (&LENDER, spare), MEETUP).unwrap();
	(swap, lent, spare)
}

pub fn free(who: &AccountId) -> Balance {
	Balances::free_balance(who)
}

pub fn reserved(who: &AccountId) -> Balance {
	Balances::reserved_balance(who)
}

pub fn last_event() -> RuntimeEvent {
	System::events().pop().expect("an event").event
}

/// Runs `test` on a fresh state, then checks the pallet's invariants.
pub fn run(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Devices::do_try_state().expect("the invariants hold");
	});
}
