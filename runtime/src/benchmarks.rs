//! The pallets `gesim-node benchmark pallet` measures on this runtime, and the two entry points
//! of the `Benchmark` runtime API (`apis.rs`) that list and run their benchmarks.
//!
//! Only compiled with the `runtime-benchmarks` feature: the runtime the node embeds never
//! carries benchmark code. `scripts/bench/weights.sh` builds the benchmarking wasm aside.

use alloc::{string::String, vec::Vec};
use frame_benchmarking::{BenchmarkBatch, BenchmarkConfig, BenchmarkList};
use frame_support::traits::{
	fungible,
	fungibles::{Inspect as _, Mutate as _},
	StorageInfo, StorageInfoTrait, WhitelistedStorageKeys,
};
use gesim_primitives::{stablecoin, StablecoinAmount};
use sp_core::H256;
use sp_storage::TrackedStorageKey;

use crate::{
	currency::UNIT, time::DAYS, AccountId, AllPalletsWithSystem, AssetId, Assets, Balances,
	Council, Devices, Disputes, Escrow, EsimProvisioning, FeeSponsorship, Governance, Metering,
	PlanCatalog, Reputation, Resale, Roaming, Runtime, RuntimeCall, RuntimeOrigin, SbtIdentity,
	TelcoRegistry, Timestamp, ValidatorSet,
};

/// frame-system's benchmarks live in a crate of their own.
type SystemBench = frame_system_benchmarking::Pallet<Runtime>;

impl frame_system_benchmarking::Config for Runtime {}

// `[crate name, pallet in the runtime]`: the crate name is what `--pallet` selects and what the
// generated file is named after; the second part is the instance (`Council` for the collective).
frame_benchmarking::define_benchmarks!(
	[frame_system, SystemBench]
	[pallet_balances, Balances]
	[pallet_timestamp, Timestamp]
	[pallet_collective, Council]
	[pallet_governance, Governance]
	[pallet_telco_registry, TelcoRegistry]
	[pallet_sbt_identity, SbtIdentity]
	[pallet_plan_catalog, PlanCatalog]
	[pallet_escrow, Escrow]
	[pallet_fee_sponsorship, FeeSponsorship]
	[pallet_metering, Metering]
	[pallet_roaming, Roaming]
	[pallet_esim_provisioning, EsimProvisioning]
	[pallet_validator_set, ValidatorSet]
	[pallet_disputes, Disputes]
	[pallet_devices, Devices]
	[pallet_resale, Resale]
	[pallet_reputation, Reputation]
);

/// Every benchmark of the pallets above, and what the runtime knows of its storage items (used
/// to name the storage a benchmark touched and to bound its proof size).
pub fn metadata(extra: bool) -> (Vec<BenchmarkList>, Vec<StorageInfo>) {
	let mut list = Vec::<BenchmarkList>::new();
	list_benchmarks!(list, extra);
	(list, AllPalletsWithSystem::storage_info())
}

/// Run the benchmark `config` selects, with the block-level keys every block touches anyway
/// (block number, events, ...) whitelisted so they are not counted against it.
pub fn dispatch(config: BenchmarkConfig) -> Result<Vec<BenchmarkBatch>, String> {
	let whitelist: Vec<TrackedStorageKey> = AllPalletsWithSystem::whitelisted_storage_keys();
	let mut batches = Vec::<BenchmarkBatch>::new();
	let params = (&config, &whitelist);
	add_benchmarks!(params, batches);
	Ok(batches)
}

/// Gives `pallet_asset_tx_payment`'s benchmarks an asset to pay fees in (the stablecoin when
/// they ask for asset 1, which genesis creates) and an account holding both currencies.
pub struct AssetTxPaymentHelper;

impl pallet_asset_tx_payment::BenchmarkHelperTrait<AccountId, AssetId, AssetId>
	for AssetTxPaymentHelper
{
	fn create_asset_id_parameter(id: u32) -> (AssetId, AssetId) {
		(id, id)
	}

	fn setup_balances_and_pool(asset: AssetId, account: AccountId) {
		use frame_support::traits::fungibles::{Create, Inspect, Mutate};
		if !<Assets as Inspect<AccountId>>::asset_exists(asset) {
			<Assets as Create<AccountId>>::create(asset, account.clone(), true, 1)
				.expect("a new asset id can be created");
		}
		<Balances as fungible::Mutate<AccountId>>::set_balance(&account, 1_000 * UNIT);
		<Assets as Mutate<AccountId>>::mint_into(asset, &account, 1_000_000_000)
			.expect("the asset exists and the account holds the native token");
	}
}

/// What GeSIM's pallet benchmarks need from the runtime: active operators, verified
/// subscribers, funded accounts, entitlements and agreements, made through the real pallets.
pub struct ActiveTelcos;

/// The operator that issues benchmark subscribers' identities.
fn issuing_telco() -> AccountId {
	AccountId::new([0x7e; 32])
}

fn activate(telco: &AccountId) {
	TelcoRegistry::benchmark_register_active(telco).expect("a free MCC-999 network is left");
	<Balances as fungible::Mutate<AccountId>>::mint_into(telco, 1_000 * UNIT)
		.expect("minting native token to a new operator works");
}

impl pallet_devices::BenchmarkHelper<AccountId> for ActiveTelcos {
	fn make_active_telco(telco: &AccountId) {
		activate(telco)
	}
}

impl pallet_sbt_identity::BenchmarkHelper<AccountId> for ActiveTelcos {
	fn make_active_telco(telco: &AccountId) {
		activate(telco)
	}

	fn eid_possession(
		who: &AccountId,
	) -> (gesim_primitives::EidCommitment, gesim_primitives::EidPossessionProof) {
		eid_possession(who)
	}
}

/// The committed EID-possession proof, whose key is registered under a version of its own
/// (the dev chain's genesis may hold another key as version 1).
fn eid_possession(
	who: &AccountId,
) -> (gesim_primitives::EidCommitment, gesim_primitives::EidPossessionProof) {
	let fixture = pallet_metering::fixtures::eid_fixture().expect("the EID fixture decodes");
	assert_eq!(
		<[u8; 32]>::from(who.clone()),
		fixture.account,
		"the EID fixture is bound to account(\"subscriber\", 0, 0)"
	);
	let key = pallet_metering::KeyId {
		circuit: pallet_metering::CircuitId::EidPossession,
		version: u16::MAX,
	};
	if pallet_metering::VerifyingKeys::<Runtime>::get(key.circuit, key.version).is_none() {
		let vk = pallet_metering::VerifyingKeyBytes::new(fixture.vk).expect("the fixture key fits");
		let council = <<Runtime as pallet_metering::Config>::CouncilOrigin as frame_support::traits::EnsureOrigin<
			RuntimeOrigin,
		>>::try_successful_origin()
		.expect("the council has an origin");
		Metering::register_key(council, key, vk).expect("the fixture key is valid");
	}
	(
		fixture.commitment,
		gesim_primitives::EidPossessionProof { key_version: key.version, proof: fixture.proof },
	)
}

impl pallet_fee_sponsorship::benchmarking::BenchmarkHelper<AccountId, RuntimeCall>
	for ActiveTelcos
{
	fn active_telco() -> AccountId {
		let telco = issuing_telco();
		activate(&telco);
		telco
	}

	fn verified_subscriber(telco: &AccountId) -> AccountId {
		let subscriber = AccountId::new([0x5c; 32]);
		SbtIdentity::issue(
			RuntimeOrigin::signed(telco.clone()),
			subscriber.clone(),
			H256::repeat_byte(1),
			H256::repeat_byte(2),
		)
		.expect("an active operator issues an identity");
		subscriber
	}

	fn sponsored_call() -> RuntimeCall {
		RuntimeCall::PlanCatalog(pallet_plan_catalog::Call::purchase { plan: 0 })
	}

	fn unsponsored_call() -> RuntimeCall {
		RuntimeCall::System(frame_system::Call::remark { remark: Vec::new() })
	}
}

impl pallet_plan_catalog::BenchmarkHelper<AccountId> for ActiveTelcos {
	fn activate_telco(telco: &AccountId) {
		activate(telco)
	}

	fn verify_identity(who: &AccountId) {
		let telco = issuing_telco();
		activate(&telco);
		SbtIdentity::issue(
			RuntimeOrigin::signed(telco),
			who.clone(),
			H256::repeat_byte(1),
			H256::repeat_byte(2),
		)
		.expect("an active operator issues an identity");
	}

	fn fund(who: &AccountId, amount: StablecoinAmount) {
		fund_stablecoin(who, amount)
	}

	fn fund_deposits(catalog: &AccountId) {
		<Balances as fungible::Mutate<AccountId>>::set_balance(catalog, 1_000 * UNIT);
	}
}

fn fund_stablecoin(who: &AccountId, amount: StablecoinAmount) {
	let amount = amount.saturating_add(Assets::minimum_balance(stablecoin::ASSET_ID));
	Assets::mint_into(stablecoin::ASSET_ID, who, amount)
		.expect("the stablecoin exists from genesis");
}

/// `telco`, made active, lists a one-cell plan of `quota` bytes for `price`, and `holder`,
/// verified (once) and funded, buys it; returns the entitlement.
fn bought_entitlement(
	telco: &AccountId,
	holder: &AccountId,
	quota: gesim_primitives::Bytes,
	price: StablecoinAmount,
) -> gesim_primitives::EntitlementId {
	activate(telco);
	let plan = pallet_plan_catalog::NextPlanId::<Runtime>::get();
	PlanCatalog::create_plan(RuntimeOrigin::signed(telco.clone()), one_cell_plan(quota, price))
		.expect("an active operator lists a plan");
	if pallet_sbt_identity::Identities::<Runtime>::get(holder).is_none() {
		<ActiveTelcos as pallet_plan_catalog::BenchmarkHelper<AccountId>>::verify_identity(holder);
	}
	fund_stablecoin(holder, price);
	<ActiveTelcos as pallet_plan_catalog::BenchmarkHelper<AccountId>>::fund_deposits(
		&PlanCatalog::account_id(),
	);
	let entitlement = pallet_plan_catalog::NextEntitlementId::<Runtime>::get();
	PlanCatalog::purchase(RuntimeOrigin::signed(holder.clone()), plan)
		.expect("a verified, funded subscriber buys");
	entitlement
}

impl pallet_resale::BenchmarkHelper<AccountId> for ActiveTelcos {
	/// A one-cell plan of exactly `bytes` for $10, bought by `seller`; its usage clock starts
	/// now, so its usage is settled up to now.
	fn entitlement_of(
		seller: &AccountId,
		bytes: gesim_primitives::Bytes,
	) -> gesim_primitives::EntitlementId {
		bought_entitlement(&AccountId::new([0x6d; 32]), seller, bytes, 10 * stablecoin::DOLLAR)
	}

	fn prepare_buyer(buyer: &AccountId, amount: StablecoinAmount) {
		<Self as pallet_plan_catalog::BenchmarkHelper<AccountId>>::verify_identity(buyer);
		fund_stablecoin(buyer, amount);
	}
}

impl pallet_reputation::BenchmarkHelper<AccountId> for ActiveTelcos {
	/// An entitlement of `holder` from [`pallet_resale::BenchmarkHelper::entitlement_of`], with
	/// a gigabyte of usage recorded as settled (proving it is metering's cost, not a rating's).
	fn entitlement_with_usage(holder: &AccountId) -> (gesim_primitives::EntitlementId, AccountId) {
		let entitlement =
			<Self as pallet_resale::BenchmarkHelper<AccountId>>::entitlement_of(holder, 1 << 30);
		pallet_metering::EntitlementUsages::<Runtime>::mutate(entitlement, |usage| {
			usage.billed = 1 << 30
		});
		let telco = pallet_plan_catalog::Entitlements::<Runtime>::get(entitlement)
			.expect("just bought")
			.telco;
		(entitlement, telco)
	}
}

impl pallet_roaming::BenchmarkHelper<AccountId> for ActiveTelcos {
	fn activate_telco(telco: &AccountId) {
		activate(telco)
	}

	fn fund(who: &AccountId, amount: StablecoinAmount) {
		fund_stablecoin(who, amount)
	}
}

impl pallet_metering::BenchmarkHelper<AccountId> for ActiveTelcos {
	fn activate_telco(telco: &AccountId, networks: &[gesim_primitives::Plmn]) {
		TelcoRegistry::benchmark_register_active_on(telco, networks)
			.expect("the benchmark networks are free");
		<Balances as fungible::Mutate<AccountId>>::mint_into(telco, 1_000 * UNIT)
			.expect("minting native token to a new operator works");
	}

	fn set_time(unix_secs: u64) {
		pallet_timestamp::Now::<Runtime>::put(unix_secs * 1000);
	}

	/// A one-cell prepaid plan of `telco`, bought by a fresh verified subscriber.
	fn entitlement(
		telco: &AccountId,
		quota: gesim_primitives::Bytes,
		price: StablecoinAmount,
	) -> gesim_primitives::EntitlementId {
		bought_entitlement(telco, &AccountId::new([0x5b; 32]), quota, price)
	}

	/// A wholesale agreement between `visited` and a second operator, in force from now.
	fn roaming_agreement(visited: &AccountId) -> gesim_primitives::AgreementId {
		activate(visited);
		let home = AccountId::new([0x6c; 32]);
		activate(&home);
		// The home operator's deposit is the collateral every booking needs.
		let collateral = 1_000_000 * stablecoin::DOLLAR;
		fund_stablecoin(&home, collateral);
		Roaming::deposit(RuntimeOrigin::signed(home.clone()), collateral)
			.expect("a funded operator deposits");
		let now = frame_system::Pallet::<Runtime>::block_number();
		let terms = pallet_roaming::RoamingTerms {
			rate_per_mb: stablecoin::CENT,
			revenue_share_bps: 10_000,
			credit_limit: collateral,
			settlement_period: DAYS,
			valid_from: now,
			valid_until: now + 365 * DAYS,
		};
		let agreement = pallet_roaming::NextAgreementId::<Runtime>::get();
		Roaming::propose_agreement(RuntimeOrigin::signed(home), visited.clone(), terms)
			.expect("two active operators agree");
		Roaming::accept_agreement(RuntimeOrigin::signed(visited.clone()), agreement)
			.expect("the counterparty signs");
		agreement
	}
}

impl pallet_validator_set::benchmarking::BenchmarkHelper<Runtime> for ActiveTelcos {
	/// An active operator whose session keys are set (written directly: setting them through
	/// `session.setKeys` is pallet-session's own cost).
	fn operator_with_keys(who: &AccountId) {
		activate(who);
		let keys = crate::SessionKeys {
			aura: sp_core::sr25519::Public::from_raw([1; 32]).into(),
			grandpa: sp_core::ed25519::Public::from_raw([1; 32]).into(),
		};
		pallet_session::NextKeys::<Runtime>::insert(who, keys);
	}

	/// The offender's Aura key is made in the benchmark's keystore; it seals two headers for the
	/// current slot. The set is full and is this session's, so checking the ownership proof
	/// rebuilds the trie of every validator's keys.
	fn aura_equivocation(
	) -> (pallet_validator_set::AuraEquivocationProof<Runtime>, sp_session::MembershipProof) {
		use frame_support::traits::{Get, KeyOwnerProofSystem};
		use sp_consensus_aura::{
			digests::CompatibleDigestItem,
			sr25519::{AuthorityId, AuthoritySignature},
		};
		use sp_core::crypto::key_types::AURA;
		use sp_runtime::{traits::Header as _, DigestItem, RuntimeAppPublic};

		let offender = AuthorityId::generate_pair(None);
		let validators: Vec<AccountId> = (0
			..<Runtime as pallet_aura::Config>::MaxAuthorities::get())
			.map(|i| frame_benchmarking::account("equivocator", i, 0))
			.collect();
		for (i, who) in validators.iter().enumerate() {
			let other = [i as u8 + 1; 32];
			let aura = if i == 0 {
				offender.clone()
			} else {
				sp_core::sr25519::Public::from_raw(other).into()
			};
			let keys = crate::SessionKeys {
				aura,
				grandpa: sp_core::ed25519::Public::from_raw(other).into(),
			};
			pallet_session::NextKeys::<Runtime>::insert(who, keys);
		}
		pallet_session::Validators::<Runtime>::put(validators);

		let slot = sp_consensus_aura::Slot::from(1_000);
		pallet_aura::CurrentSlot::<Runtime>::put(slot);
		let sealed = |extrinsics_root: u8| {
			let mut header = crate::Header::new(
				7,
				H256::repeat_byte(extrinsics_root),
				H256::repeat_byte(2),
				H256::repeat_byte(3),
				Default::default(),
			);
			header.digest_mut().push(
				<DigestItem as CompatibleDigestItem<AuthoritySignature>>::aura_pre_digest(slot),
			);
			let seal = offender.sign(&header.hash()).expect("the key is in the keystore");
			header
				.digest_mut()
				.push(<DigestItem as CompatibleDigestItem<AuthoritySignature>>::aura_seal(seal));
			header
		};
		let (first_header, second_header) = (sealed(1), sealed(2));
		let proof = pallet_validator_set::AuraEquivocationProof::<Runtime> {
			offender,
			slot,
			first_header,
			second_header,
		};
		let key_owner_proof = crate::Historical::prove((AURA, proof.offender.clone()))
			.expect("the offender's key is in this session's set");
		(proof, key_owner_proof)
	}
}

impl pallet_esim_provisioning::BenchmarkHelper<AccountId> for ActiveTelcos {
	fn register_telco(telco: &AccountId, receipt_key: [u8; 32]) {
		activate(telco);
		TelcoRegistry::rotate_receipt_key(RuntimeOrigin::signed(telco.clone()), receipt_key)
			.expect("an operator rotates to a new receipt key");
	}

	/// A month of `telco`'s data bought by `holder`, whose identity holds `eid_commitment`.
	fn entitlement(
		holder: &AccountId,
		telco: &AccountId,
	) -> (gesim_primitives::EntitlementId, gesim_primitives::EidCommitment) {
		use gesim_primitives::IdentityInspect;
		let price = 10 * stablecoin::DOLLAR;
		let plan = pallet_plan_catalog::NextPlanId::<Runtime>::get();
		PlanCatalog::create_plan(
			RuntimeOrigin::signed(telco.clone()),
			one_cell_plan(1 << 30, price),
		)
		.expect("an active operator lists a plan");
		if !SbtIdentity::is_verified(holder) {
			<Self as pallet_plan_catalog::BenchmarkHelper<AccountId>>::verify_identity(holder);
		}
		let (eid_commitment, proof) = eid_possession(holder);
		if !SbtIdentity::holds_eid_commitment(holder, &eid_commitment) {
			SbtIdentity::bind_eid_commitment(
				RuntimeOrigin::signed(holder.clone()),
				eid_commitment,
				proof,
			)
			.expect("a verified subscriber binds an EID commitment");
		}
		fund_stablecoin(holder, price);
		<Self as pallet_plan_catalog::BenchmarkHelper<AccountId>>::fund_deposits(
			&PlanCatalog::account_id(),
		);
		let entitlement = pallet_plan_catalog::NextEntitlementId::<Runtime>::get();
		PlanCatalog::purchase(RuntimeOrigin::signed(holder.clone()), plan)
			.expect("a verified, funded subscriber buys");
		(entitlement, eid_commitment)
	}

	fn close_entitlement(entitlement: gesim_primitives::EntitlementId) {
		use gesim_primitives::EntitlementLedger;
		PlanCatalog::revoke_unserved(entitlement).expect("a live entitlement can be revoked");
		// It ended with the previous block (block 0 at most): close it a block after that.
		let now = frame_system::Pallet::<Runtime>::block_number();
		frame_system::Pallet::<Runtime>::set_block_number(now + 1);
		PlanCatalog::close_entitlement(RuntimeOrigin::signed(issuing_telco()), entitlement)
			.expect("a revoked entitlement is settled and closes");
	}
}

/// A prepaid plan of `quota` bytes for `price`, valid 30 days, in one cell.
fn one_cell_plan(
	quota: gesim_primitives::Bytes,
	price: StablecoinAmount,
) -> pallet_plan_catalog::PlanTerms<Runtime> {
	use pallet_plan_catalog::{Billing, PlanTerms, Region};
	PlanTerms {
		quota_bytes: quota,
		validity: 30 * DAYS,
		price,
		region: Region {
			cells: alloc::vec![gesim_primitives::Geohash::new(b"u09t").expect("a valid geohash")]
				.try_into()
				.expect("one cell fits"),
			networks: Default::default(),
		},
		roaming_partners: Default::default(),
		billing: Billing::Prepaid,
		extends_validity_on_top_up: false,
		terms_hash: H256::zero(),
	}
}

impl pallet_disputes::BenchmarkHelper<AccountId> for ActiveTelcos {
	/// A fresh $10 entitlement of an active operator, its holder able to put down a deposit
	/// and to receive compensation.
	fn entitlement() -> gesim_primitives::EntitlementId {
		use gesim_primitives::EntitlementLedger;
		let telco = AccountId::new([0x7d; 32]);
		let id = <Self as pallet_metering::BenchmarkHelper<AccountId>>::entitlement(
			&telco,
			1 << 30,
			10 * stablecoin::DOLLAR,
		);
		let holder = PlanCatalog::entitlement(id).expect("just bought").holder;
		fund_stablecoin(&holder, 10 * stablecoin::DOLLAR);
		// A native account, so that any compensation from a bond can reach it.
		<Balances as fungible::Mutate<AccountId>>::mint_into(&holder, UNIT)
			.expect("minting native token to a subscriber works");
		id
	}

	/// Half of that entitlement's money reserved for a settlement in its challenge window.
	fn held_settlement() -> (AccountId, u64) {
		use gesim_primitives::{EntitlementLedger, EscrowLedger, ProtocolParameters};
		let entitlement = Self::entitlement();
		let view = PlanCatalog::entitlement(entitlement).expect("just bought");
		let amount = 5 * stablecoin::DOLLAR;
		Escrow::reserve(view.intent, amount).expect("a fresh intent holds $10");
		let releases_at = frame_system::Pallet::<Runtime>::block_number()
			+ <Governance as ProtocolParameters<_>>::challenge_window();
		pallet_metering::HeldSettlements::<Runtime>::insert(
			&view.telco,
			1,
			pallet_metering::HeldSettlement {
				entitlement,
				intent: view.intent,
				amount,
				bytes: 1 << 29,
				billed_through: 1 << 29,
				releases_at,
			},
		);
		pallet_metering::HeldCount::<Runtime>::insert(&view.telco, 1);
		(view.telco, 1)
	}

	/// 100 MB at a cent each booked by one fresh operator against another's $10 deposit, under
	/// an agreement in force settled only every thousand blocks.
	fn roaming_booking() -> (gesim_primitives::AgreementId, AccountId, AccountId) {
		use gesim_primitives::RoamingLedger;
		let (visited, home) = (AccountId::new([0x6a; 32]), AccountId::new([0x6b; 32]));
		activate(&visited);
		activate(&home);
		let now = frame_system::Pallet::<Runtime>::block_number();
		let agreement = pallet_roaming::NextAgreementId::<Runtime>::get();
		Roaming::propose_agreement(
			RuntimeOrigin::signed(visited.clone()),
			home.clone(),
			pallet_roaming::RoamingTerms {
				rate_per_mb: stablecoin::CENT,
				revenue_share_bps: 10_000,
				credit_limit: 100 * stablecoin::DOLLAR,
				settlement_period: 1_000,
				valid_from: now,
				valid_until: now + 1_000,
			},
		)
		.expect("an active operator proposes");
		Roaming::accept_agreement(RuntimeOrigin::signed(home.clone()), agreement)
			.expect("the counterparty accepts");
		fund_stablecoin(&home, 20 * stablecoin::DOLLAR);
		Roaming::deposit(RuntimeOrigin::signed(home.clone()), 10 * stablecoin::DOLLAR)
			.expect("a funded operator deposits");
		Roaming::book_usage(agreement, &visited, 100_000_000, now)
			.expect("the deposit covers a dollar");
		(agreement, visited, home)
	}

	/// The same quota at half the price, from another active operator.
	fn comparable_plan(_: gesim_primitives::EntitlementId) -> gesim_primitives::PlanId {
		let telco = AccountId::new([0x7e; 32]);
		activate(&telco);
		let plan = pallet_plan_catalog::NextPlanId::<Runtime>::get();
		PlanCatalog::create_plan(
			RuntimeOrigin::signed(telco),
			one_cell_plan(1 << 30, 5 * stablecoin::DOLLAR),
		)
		.expect("an active operator lists a plan");
		plan
	}

	/// Two routers the respondent registers, one of them lent to the claimant.
	fn devices(
		claimant: &AccountId,
		respondent: &AccountId,
	) -> (gesim_primitives::DeviceId, gesim_primitives::DeviceId) {
		use frame_support::traits::tokens::nonfungibles_v2::Transfer;
		let register = |serial: u8| {
			let device = pallet_devices::NextDeviceId::<Runtime>::get();
			Devices::register_device(
				RuntimeOrigin::signed(respondent.clone()),
				pallet_devices::DeviceKind::Router,
				H256::repeat_byte(serial),
			)
			.expect("an active operator registers a device");
			device
		};
		let (lent, spare) = (register(0xd1), register(0xd2));
		let collection =
			pallet_devices::DeviceCollection::<Runtime>::get().expect("created at genesis");
		<crate::Nfts as Transfer<AccountId>>::transfer(&collection, &lent, claimant)
			.expect("a device is transferable");
		(lent, spare)
	}
}
