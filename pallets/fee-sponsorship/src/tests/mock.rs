//! Balances, transaction payment through [`SponsoredFees`], and a dozen lines standing in for
//! the telco registry and the identity pallet.

use crate::{self as pallet_fee_sponsorship, SponsoredFees};
use frame_support::{derive_impl, parameter_types, traits::Contains, PalletId};
use gesim_primitives::{testing::TestTelcos, EidCommitment, IdentityInspect};
use pallet_transaction_payment::FungibleAdapter;
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;
/// Wide enough that every operator's pot is an account of its own (pot accounts are the
/// pallet id followed by the operator's account, truncated to the account's size).
pub type AccountId = u128;

/// An active operator that sponsors its subscribers.
pub const TELCO: AccountId = 1;
/// An operator the registry does not report as active.
pub const SUSPENDED_TELCO: AccountId = 2;
/// Subscribers of `TELCO`, holding no native token.
pub const SUBSCRIBER: AccountId = 10;
pub const OTHER_SUBSCRIBER: AccountId = 11;
/// A subscriber of `SUSPENDED_TELCO`.
pub const SUSPENDED_TELCOS_SUBSCRIBER: AccountId = 20;
/// An account with no identity, and money.
pub const STRANGER: AccountId = 30;
/// Well funded, sponsors pots.
pub const FUNDER: AccountId = 40;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		TransactionPayment: pallet_transaction_payment,
		FeeSponsorship: pallet_fee_sponsorship,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountId = AccountId;
	type Lookup = sp_runtime::traits::IdentityLookup<AccountId>;
	type AccountData = pallet_balances::AccountData<u64>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
}

#[derive_impl(pallet_transaction_payment::config_preludes::TestDefaultConfig)]
impl pallet_transaction_payment::Config for Test {
	type OnChargeTransaction = SponsoredFees<FungibleAdapter<Balances, ()>>;
	type WeightToFee = frame_support::weights::IdentityFee<u64>;
	type LengthToFee = frame_support::weights::IdentityFee<u64>;
}

/// Suspends or reinstates `TELCO` in the stand-in registry.
pub fn set_telco_active(active: bool) {
	TestTelcos::set_active(&TELCO, active);
}

pub struct Identities;
impl IdentityInspect<AccountId> for Identities {
	fn verified_issuer(who: &AccountId) -> Option<AccountId> {
		match *who {
			SUBSCRIBER | OTHER_SUBSCRIBER => Some(TELCO),
			SUSPENDED_TELCOS_SUBSCRIBER => Some(SUSPENDED_TELCO),
			_ => None,
		}
	}
	fn holds_eid_commitment(_: &AccountId, _: &EidCommitment) -> bool {
		false
	}
}

/// `System::remark` stands for a sponsored call; every other call is not sponsored.
pub struct Remarks;
impl Contains<RuntimeCall> for Remarks {
	fn contains(call: &RuntimeCall) -> bool {
		matches!(call, RuntimeCall::System(frame_system::Call::remark { .. }))
	}
}

/// A call the pots pay for.
pub fn sponsored_call() -> RuntimeCall {
	RuntimeCall::System(frame_system::Call::remark { remark: vec![] })
}

/// A call they never pay for.
pub fn other_call() -> RuntimeCall {
	RuntimeCall::System(frame_system::Call::remark_with_event { remark: vec![] })
}

parameter_types! {
	pub const SponsorshipPalletId: PalletId = PalletId(*b"gsm/spon");
}

/// What the benchmarks ask of the other pallets, from the stand-ins.
#[cfg(feature = "runtime-benchmarks")]
pub struct Benchmarks;
#[cfg(feature = "runtime-benchmarks")]
impl crate::benchmarking::BenchmarkHelper<AccountId, RuntimeCall> for Benchmarks {
	fn active_telco() -> AccountId {
		TELCO
	}
	fn verified_subscriber(telco: &AccountId) -> AccountId {
		assert_eq!(*telco, TELCO, "the stand-in identities know TELCO's subscribers only");
		SUBSCRIBER
	}
	fn sponsored_call() -> RuntimeCall {
		self::sponsored_call()
	}
	fn unsponsored_call() -> RuntimeCall {
		other_call()
	}
}

impl pallet_fee_sponsorship::Config for Test {
	type Currency = Balances;
	type Telcos = TestTelcos;
	type Identity = Identities;
	type SponsoredCalls = Remarks;
	type PalletId = SponsorshipPalletId;
	type MaxPeriod = frame_support::traits::ConstU64<1_000>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = Benchmarks;
}

pub fn new_test_ext() -> sp_io::TestExternalities {
	TestTelcos::clear();
	set_telco_active(true);
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![
			(TELCO, 10_000),
			(SUSPENDED_TELCO, 10_000),
			(STRANGER, 10_000),
			(FUNDER, 1_000_000),
		],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		System::set_block_number(1);
		set_telco_active(true);
	});
	ext
}

/// The events this pallet deposited, oldest first.
pub fn events() -> Vec<crate::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::FeeSponsorship(e) => Some(e),
			_ => None,
		})
		.collect()
}

/// `TELCO`'s pot account.
pub fn pot() -> AccountId {
	FeeSponsorship::pot_account(&TELCO)
}

/// Native balance of `who`.
pub fn balance(who: AccountId) -> u64 {
	Balances::free_balance(who)
}
