//! A runtime with the stablecoin, the NFT pallet, the real escrow and the catalog; operators
//! and identities are a few lines of thread-local state.

use crate as pallet_plan_catalog;
use core::cell::RefCell;
use frame_support::{
	derive_impl, parameter_types,
	traits::{fungible::ItemOf, AsEnsureOriginWithArg, ConstU32, ConstU64},
	BoundedVec, PalletId,
};
use frame_system::{EnsureRoot, EnsureSigned};
pub use gesim_primitives::{parameters::testing::TestParameters, ProtocolParameter};
use gesim_primitives::{
	stablecoin, testing::TestTelcos, Bytes, EidCommitment, Geohash, IdentityInspect, Plmn,
	StablecoinAmount,
};
use pallet_nfts::PalletFeatures;
use sp_core::H256;
use sp_runtime::{
	testing::{TestSignature, UintAuthorityId},
	BuildStorage,
};
use std::collections::{BTreeMap, BTreeSet};

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;

/// The stablecoin's issuer.
pub const ISSUER: AccountId = 1;
/// Verified subscribers.
pub const ALICE: AccountId = 2;
pub const BOB: AccountId = 3;
/// Holds no identity.
pub const STRANGER: AccountId = 4;
/// Active operators.
pub const TELCO: AccountId = 10;
pub const TELCO_B: AccountId = 11;
/// An operator that is not (or no longer) active.
pub const SUSPENDED: AccountId = 12;
/// Receives the escrow's margin.
pub const TREASURY: AccountId = 99;

pub const DOLLAR: StablecoinAmount = stablecoin::DOLLAR;
/// What each subscriber starts with.
pub const STARTING_BALANCE: StablecoinAmount = 1_000 * DOLLAR;
pub const GB: Bytes = 1 << 30;
/// Escrow's settlement grace in the mock.
pub const GRACE: u64 = 5;
/// The lowest price a plan may have at genesis.
pub const MIN_PRICE: StablecoinAmount = DOLLAR / 2;
/// The longest validity a plan may have at genesis, in blocks.
pub const MAX_VALIDITY: u64 = 1_000;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Assets: pallet_assets,
		Nfts: pallet_nfts,
		Escrow: pallet_escrow,
		PlanCatalog: pallet_plan_catalog,
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
	pub NftFeatures: PalletFeatures = PalletFeatures::all_enabled();
}

impl pallet_nfts::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type CollectionId = u32;
	type ItemId = u32;
	type Currency = Balances;
	type CreateOrigin = AsEnsureOriginWithArg<EnsureSigned<AccountId>>;
	type ForceOrigin = EnsureRoot<AccountId>;
	type Locker = ();
	type CollectionDeposit = ConstU64<2>;
	type ItemDeposit = ConstU64<1>;
	type MetadataDepositBase = ConstU64<1>;
	type AttributeDepositBase = ConstU64<1>;
	type DepositPerByte = ConstU64<1>;
	type StringLimit = ConstU32<50>;
	type KeyLimit = ConstU32<50>;
	type ValueLimit = ConstU32<50>;
	type ApprovalsLimit = ConstU32<10>;
	type ItemAttributesApprovalsLimit = ConstU32<2>;
	type MaxTips = ConstU32<10>;
	type MaxDeadlineDuration = ConstU64<10_000>;
	type MaxAttributesPerCall = ConstU32<2>;
	type Features = NftFeatures;
	type OffchainSignature = TestSignature;
	type OffchainPublic = UintAuthorityId;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type Helper = NftsHelper;
	type BlockNumberProvider = System;
}

/// The NFT pallet's benchmark helper for u64 accounts (its own benchmarks are not run here).
#[cfg(feature = "runtime-benchmarks")]
pub struct NftsHelper;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_nfts::BenchmarkHelper<u32, u32, UintAuthorityId, AccountId, TestSignature>
	for NftsHelper
{
	fn collection(i: u16) -> u32 {
		i.into()
	}
	fn item(i: u16) -> u32 {
		i.into()
	}
	fn signer() -> (UintAuthorityId, AccountId) {
		(UintAuthorityId(77), 77)
	}
	fn sign(signer: &UintAuthorityId, message: &[u8]) -> TestSignature {
		TestSignature(signer.0, message.to_vec())
	}
}

parameter_types! {
	pub const EscrowPalletId: PalletId = PalletId(*b"gsm/escr");
	pub const CatalogPalletId: PalletId = PalletId(*b"gsm/plan");
	pub const StablecoinId: u32 = stablecoin::ASSET_ID;
	pub const Treasury: AccountId = TREASURY;
}

/// The stablecoin as one fungible.
pub type Stablecoin = ItemOf<Assets, StablecoinId, AccountId>;

impl pallet_escrow::Config for Test {
	type Stablecoin = Stablecoin;
	type PalletId = EscrowPalletId;
	type Treasury = Treasury;
	type Parameters = TestParameters;
	type MaxIntentsPerPage = ConstU32<16>;
	type MaxRefundsPerBlock = ConstU32<16>;
	type WeightInfo = ();
}

thread_local! {
	static VERIFIED: RefCell<BTreeSet<AccountId>> = RefCell::new(BTreeSet::new());
}

/// Identities: live if in `VERIFIED`, issued by `TELCO`.
pub struct MockIdentity;
impl IdentityInspect<AccountId> for MockIdentity {
	fn verified_issuer(who: &AccountId) -> Option<AccountId> {
		VERIFIED.with(|verified| verified.borrow().contains(who)).then_some(TELCO)
	}
	fn holds_eid_commitment(_: &AccountId, _: &EidCommitment) -> bool {
		false
	}
}

parameter_types! {
	/// Every switch the catalog reported, in order.
	pub static Switches: Vec<(gesim_primitives::EntitlementId, gesim_primitives::EntitlementId)> = vec![];
	/// Every usage clock the catalog started, in order.
	pub static UsageStarts: Vec<(AccountId, gesim_primitives::UsageSubject)> = vec![];
}

/// Records the switches the catalog reports.
pub struct RecordSwitches;
impl gesim_primitives::OnPlanSwitch for RecordSwitches {
	fn switched(from: gesim_primitives::EntitlementId, to: gesim_primitives::EntitlementId) {
		Switches::mutate(|switches| switches.push((from, to)));
	}
	fn weight() -> frame_support::weights::Weight {
		frame_support::weights::Weight::from_parts(7, 0)
	}
}

/// Records whose usage clocks were started, in order.
pub struct RecordUsageStarts;
impl gesim_primitives::OnUsageStart<AccountId> for RecordUsageStarts {
	fn started(telco: &AccountId, subject: gesim_primitives::UsageSubject) {
		UsageStarts::mutate(|starts| starts.push((telco.clone(), subject)));
	}
}

std::thread_local! {
	static STARS: RefCell<BTreeMap<AccountId, u32>> = RefCell::default();
}

/// Operators' scores as a test sets them.
pub struct TestReputation;
impl gesim_primitives::OperatorReputation<AccountId> for TestReputation {
	fn operator_stars(telco: &AccountId) -> Option<u32> {
		STARS.with(|stars| stars.borrow().get(telco).copied())
	}
}

/// Gives `telco` a score of `stars_centi` hundredths of a star.
pub fn set_operator_stars(telco: AccountId, stars_centi: u32) {
	STARS.with(|stars| stars.borrow_mut().insert(telco, stars_centi));
}

/// Suspends or reinstates `telco`.
pub fn set_telco_active(telco: AccountId, active: bool) {
	TestTelcos::set_active(&telco, active);
}

/// Gives or revokes `who`'s identity.
pub fn set_verified(who: AccountId, verified: bool) {
	VERIFIED.with(|set| {
		if verified {
			set.borrow_mut().insert(who);
		} else {
			set.borrow_mut().remove(&who);
		}
	});
}

impl pallet_plan_catalog::Config for Test {
	type Telcos = TestTelcos;
	type Identity = MockIdentity;
	type Escrow = Escrow;
	type CollectionId = u32;
	type NftBalance = u64;
	type Nfts = Nfts;
	type PalletId = CatalogPalletId;
	type MaxPlansPerTelco = ConstU32<4>;
	type MaxEntitlementsPerAccount = ConstU32<3>;
	type MaxRegionCells = ConstU32<4>;
	type MaxRegionNetworks = ConstU32<4>;
	type MaxRoamingPartners = ConstU32<3>;
	type OnSwitch = RecordSwitches;
	type OnUsageStart = RecordUsageStarts;
	type Reputation = TestReputation;
	type ItemDeposits = crate::NftsItemDeposits<Test>;
	type Parameters = TestParameters;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = CatalogHelper;
}

/// Benchmark set-up through the mock's state.
#[cfg(feature = "runtime-benchmarks")]
pub struct CatalogHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId> for CatalogHelper {
	fn activate_telco(telco: &AccountId) {
		set_telco_active(*telco, true);
	}
	fn verify_identity(who: &AccountId) {
		set_verified(*who, true);
	}
	fn fund(who: &AccountId, amount: StablecoinAmount) {
		use frame_support::traits::fungible::Mutate;
		let _ = Stablecoin::mint_into(who, amount + stablecoin::MIN_BALANCE);
	}
	fn fund_deposits(catalog: &AccountId) {
		use frame_support::traits::fungible::Mutate;
		let _ = <Balances as Mutate<AccountId>>::mint_into(catalog, 1_000);
	}
}

/// Genesis: the stablecoin with ALICE and BOB funded, TELCO and TELCO_B active, ALICE and BOB
/// verified, the catalog's account able to pay NFT deposits.
pub fn new_test_ext() -> sp_io::TestExternalities {
	TestTelcos::clear();
	for telco in [TELCO, TELCO_B] {
		TestTelcos::set_active(&telco, true);
	}
	VERIFIED.with(|set| *set.borrow_mut() = [ALICE, BOB].into_iter().collect());
	STARS.with(|stars| stars.borrow_mut().clear());

	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![(ISSUER, 1_000), (PlanCatalog::account_id(), 100)],
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
			(stablecoin::ASSET_ID, TELCO, stablecoin::MIN_BALANCE),
			(stablecoin::ASSET_ID, TELCO_B, stablecoin::MIN_BALANCE),
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
	TestParameters::put(ProtocolParameter::PlanBounds(crate::PlanBounds {
		min_price: MIN_PRICE,
		max_validity: MAX_VALIDITY,
	}));
	TestParameters::put(ProtocolParameter::SettlementGrace(GRACE));
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// A geohash from its characters.
pub fn cell(chars: &str) -> Geohash {
	Geohash::new(chars.as_bytes()).expect("valid geohash")
}

/// A network from its MCC and MNC digits.
pub fn network(mcc: &str, mnc: &str) -> Plmn {
	Plmn::from_digits(mcc.as_bytes(), mnc.as_bytes()).expect("valid PLMN")
}

/// Terms of a plan over Paris (`u09`) and Orange France: `gb` gigabytes for `dollars` for
/// 100 blocks, renewing validity on top-up.
pub fn terms(gb: u64, dollars: u128) -> crate::PlanTerms<Test> {
	crate::PlanTerms {
		quota_bytes: gb * GB,
		validity: 100,
		price: dollars * DOLLAR,
		region: crate::Region {
			cells: BoundedVec::truncate_from(vec![cell("u09")]),
			networks: BoundedVec::truncate_from(vec![network("208", "01")]),
		},
		roaming_partners: BoundedVec::truncate_from(vec![TELCO_B]),
		billing: crate::Billing::Prepaid,
		extends_validity_on_top_up: true,
		terms_hash: H256::repeat_byte(1),
	}
}

/// Stablecoin balance of `who`.
pub fn balance(who: AccountId) -> StablecoinAmount {
	use frame_support::traits::fungible::Inspect;
	Stablecoin::balance(&who)
}

/// The catalog's last event.
pub fn last_catalog_event() -> Option<crate::Event<Test>> {
	System::events().into_iter().rev().find_map(|record| match record.event {
		RuntimeEvent::PlanCatalog(event) => Some(event),
		_ => None,
	})
}

/// The catalog's events, in order.
pub fn catalog_events() -> Vec<crate::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::PlanCatalog(event) => Some(event),
			_ => None,
		})
		.collect()
}
