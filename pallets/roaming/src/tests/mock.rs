//! A runtime with the stablecoin (pallet-assets, asset 1, sufficient, one-cent minimum) and the
//! roaming pallet. The council is root; operators are a few lines of thread-local state.

use crate as pallet_roaming;
use frame_support::{
	derive_impl, parameter_types,
	traits::{fungible::ItemOf, AsEnsureOriginWithArg, ConstU32, ConstU64, Hooks},
	PalletId,
};
use frame_system::{EnsureRoot, EnsureSigned};
pub use gesim_primitives::parameters::testing::TestParameters;
use gesim_primitives::{
	stablecoin, testing::TestTelcos, AgreementId, ProtocolParameter, StablecoinAmount,
};
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;

/// The stablecoin's issuer and admin (it can block accounts).
pub const ISSUER: AccountId = 1;
/// Not an operator.
pub const STRANGER: AccountId = 4;
/// Active operators.
pub const ALPHA: AccountId = 10;
pub const BRAVO: AccountId = 11;
pub const CHARLIE: AccountId = 12;
/// An operator that is not (or no longer) active.
pub const SUSPENDED: AccountId = 13;

pub const DOLLAR: StablecoinAmount = stablecoin::DOLLAR;
pub const MIN_BALANCE: StablecoinAmount = stablecoin::MIN_BALANCE;
/// What each operator starts with.
pub const STARTING_BALANCE: StablecoinAmount = 10_000 * DOLLAR;
/// Blocks between two nettings at genesis: nettings run in blocks 10, 20, 30, ...
pub const NETTING_PERIOD: u64 = 10;
/// Agreements stored at once.
pub const MAX_AGREEMENTS: u32 = 8;
/// Open proposals one operator may have made.
pub const MAX_PROPOSALS: u32 = 2;
/// Signed agreements one operator may be a party to.
pub const MAX_AGREEMENTS_PER_OPERATOR: u32 = 3;
/// Blocks a proposal waits for its second signature.
pub const PROPOSAL_WINDOW: u64 = 20;
/// The longest validity, from the proposal.
pub const MAX_VALIDITY: u64 = 1_000;
/// Blocks after an agreement ended in which late usage is still booked.
pub const SETTLEMENT_GRACE: u64 = 15;
/// Blocks a debtor may stay short before it is reported in default: two netting periods.
pub const SHORTFALL_DEADLINE: u64 = 20;
/// A megabyte, as rates count it.
pub const MB: u64 = 1_000_000;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Assets: pallet_assets,
		Roaming: pallet_roaming,
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
	pub const RoamingPalletId: PalletId = PalletId(*b"gsm/roam");
	pub const StablecoinId: u32 = stablecoin::ASSET_ID;
	/// Every usage clock the roaming pallet started, in order.
	pub static UsageStarts: Vec<(AccountId, gesim_primitives::UsageSubject)> = vec![];
}

/// Records whose usage clocks were started.
pub struct RecordUsageStarts;
impl gesim_primitives::OnUsageStart<AccountId> for RecordUsageStarts {
	fn started(telco: &AccountId, subject: gesim_primitives::UsageSubject) {
		UsageStarts::mutate(|starts| starts.push((telco.clone(), subject)));
	}
}

/// The stablecoin as one fungible, as the runtime passes it.
pub type Stablecoin = ItemOf<Assets, StablecoinId, AccountId>;

/// Suspends or reinstates `telco`.
pub fn set_telco_active(telco: AccountId, active: bool) {
	TestTelcos::set_active(&telco, active);
}

impl pallet_roaming::Config for Test {
	type Telcos = TestTelcos;
	type OnUsageStart = RecordUsageStarts;
	type Stablecoin = Stablecoin;
	type PalletId = RoamingPalletId;
	type CouncilOrigin = EnsureRoot<AccountId>;
	type Parameters = TestParameters;
	type MaxAgreements = ConstU32<MAX_AGREEMENTS>;
	type MaxProposalsPerOperator = ConstU32<MAX_PROPOSALS>;
	type MaxAgreementsPerOperator = ConstU32<MAX_AGREEMENTS_PER_OPERATOR>;
	type ProposalWindow = ConstU64<PROPOSAL_WINDOW>;
	type MaxValidity = ConstU64<MAX_VALIDITY>;
	type SettlementGrace = ConstU64<SETTLEMENT_GRACE>;
	type ShortfallDeadline = ConstU64<SHORTFALL_DEADLINE>;
	type WeightInfo = ();
	type BenchmarkHelper = RoamingHelper;
}

/// Benchmark set-up through the mock's state.
pub struct RoamingHelper;
impl crate::BenchmarkHelper<AccountId> for RoamingHelper {
	fn activate_telco(telco: &AccountId) {
		set_telco_active(*telco, true);
	}
	fn fund(who: &AccountId, amount: StablecoinAmount) {
		use frame_support::traits::fungible::Mutate;
		let _ = Stablecoin::mint_into(who, amount + MIN_BALANCE);
	}
}

/// Genesis: the stablecoin with every operator funded, ALPHA, BRAVO and CHARLIE active,
/// nettings every `NETTING_PERIOD` blocks; roaming endows its own account.
pub fn new_test_ext() -> sp_io::TestExternalities {
	TestTelcos::clear();
	for telco in [ALPHA, BRAVO, CHARLIE] {
		TestTelcos::set_active(&telco, true);
	}

	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![(ISSUER, 1_000)],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_assets::GenesisConfig::<Test> {
		assets: vec![(stablecoin::ASSET_ID, ISSUER, true, MIN_BALANCE)],
		metadata: vec![],
		accounts: [ALPHA, BRAVO, CHARLIE, SUSPENDED, STRANGER]
			.into_iter()
			.map(|who| (stablecoin::ASSET_ID, who, STARTING_BALANCE))
			.collect(),
		next_asset_id: None,
		reserves: vec![],
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_roaming::GenesisConfig::<Test>::default()
		.assimilate_storage(&mut storage)
		.unwrap();
	TestParameters::clear();
	TestParameters::put(ProtocolParameter::<u64>::NettingPeriod(NETTING_PERIOD));
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Stablecoin balance of `who`.
pub fn balance(who: AccountId) -> StablecoinAmount {
	use frame_support::traits::fungible::Inspect;
	Stablecoin::balance(&who)
}

/// Moves to block `n`, running `on_initialize` in each block on the way.
pub fn run_to_block(n: u64) {
	while System::block_number() < n {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		Roaming::on_initialize(next);
	}
}

/// The last event of the roaming pallet.
pub fn last_event() -> Option<pallet_roaming::Event<Test>> {
	events().pop()
}

/// The roaming pallet's events, in order.
pub fn events() -> Vec<pallet_roaming::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::Roaming(event) => Some(event),
			_ => None,
		})
		.collect()
}

/// The roaming pallet's events since the last call, which forgets them.
pub fn take_events() -> Vec<pallet_roaming::Event<Test>> {
	let taken = events();
	System::reset_events();
	taken
}

/// Terms of a plain wholesale deal: a cent (10 000 units) per megabyte, all of it invoiced,
/// up to 100 dollars between two settlements, settled every 5 blocks, valid from block 1 to
/// block 1 000.
pub fn wholesale() -> crate::RoamingTermsOf<Test> {
	crate::RoamingTerms {
		rate_per_mb: 10_000,
		revenue_share_bps: 10_000,
		credit_limit: 100 * DOLLAR,
		settlement_period: 5,
		valid_from: 1,
		valid_until: 1_000,
	}
}

/// `proposer` proposes `terms` to `counterparty`; returns the agreement.
pub fn propose(
	proposer: AccountId,
	counterparty: AccountId,
	terms: crate::RoamingTermsOf<Test>,
) -> AgreementId {
	let agreement = crate::NextAgreementId::<Test>::get();
	Roaming::propose_agreement(RuntimeOrigin::signed(proposer), counterparty, terms)
		.expect("proposing succeeds");
	agreement
}

/// An agreement on `terms` proposed by `proposer` and accepted by `counterparty`.
pub fn agree(
	proposer: AccountId,
	counterparty: AccountId,
	terms: crate::RoamingTermsOf<Test>,
) -> AgreementId {
	let agreement = propose(proposer, counterparty, terms);
	Roaming::accept_agreement(RuntimeOrigin::signed(counterparty), agreement)
		.expect("accepting succeeds");
	agreement
}

/// `operator` pays `amount` into its deposit.
pub fn deposit(operator: AccountId, amount: StablecoinAmount) {
	Roaming::deposit(RuntimeOrigin::signed(operator), amount).expect("depositing succeeds");
}

/// Gives `who` `amount` more of the stablecoin.
pub fn fund(who: AccountId, amount: StablecoinAmount) {
	use frame_support::traits::fungible::Mutate;
	Stablecoin::mint_into(&who, amount).expect("the stablecoin can be minted");
}

/// Takes `amount` out of `operator`'s deposit whatever it owes, as withdrawals could before
/// deposits were collateral: the state a chain upgraded from storage version 0 may be in, and
/// the only way left to a shortfall.
pub fn withdraw_before_collateral(operator: AccountId, amount: StablecoinAmount) {
	use frame_support::traits::{fungible::Mutate, tokens::Preservation};
	crate::Deposits::<Test>::mutate(operator, |deposit| *deposit -= amount);
	Stablecoin::transfer(&Roaming::account_id(), &operator, amount, Preservation::Expendable)
		.expect("the pool holds the deposit");
}
