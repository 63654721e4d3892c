//! A subscriber's plan and an operator's proved usage on the development preset: Alice is the
//! operator, Bob the subscriber she verified.
#![allow(dead_code)]

use frame_support::assert_ok;
use gesim_primitives::{stablecoin, Geohash, UsageSubject};
use gesim_runtime::{
	AccountId, Assets, Metering, PlanCatalog, Runtime, RuntimeOrigin, SbtIdentity,
};
use gesim_zk::{
	verifier::{usage_binding, CircuitId, UsageClaim},
	CircuitKey, Plmn, SetupRandomness, UsageCommitment, UsageRecord, UsageStatement,
};
use pallet_metering::{KeyId, UsagePeriod};
use pallet_plan_catalog::{Billing, PlanTerms, Region};
use rand_chacha::{rand_core::SeedableRng, ChaCha20Rng};
use sp_core::H256;
use sp_keyring::Sr25519Keyring;

/// The dev chain's usage key for batches of 64 records (dev seed 1, registered at genesis).
pub const KEY: KeyId = KeyId { circuit: CircuitId::Usage64, version: 1 };

/// The operator: Alice.
pub fn telco() -> AccountId {
	Sr25519Keyring::Alice.to_account_id()
}

/// The subscriber: Bob.
pub fn subscriber() -> AccountId {
	Sr25519Keyring::Bob.to_account_id()
}

/// What the operator gets of a release of `amount`: less the dev preset's 2 % margin,
/// rounded down.
pub fn less_margin(amount: u128) -> u128 {
	amount - amount * 200 / 10_000
}

/// Stablecoin balance of `who`.
pub fn balance(who: &AccountId) -> u128 {
	Assets::balance(stablecoin::ASSET_ID, who)
}

/// Terms of a plan over Paris: `quota` bytes for `price` for 1 000 blocks.
pub fn plan_terms(quota: u64, price: u128) -> PlanTerms<Runtime> {
	PlanTerms {
		quota_bytes: quota,
		validity: 1_000,
		price,
		region: Region {
			cells: vec![Geohash::new(b"u09t").unwrap()].try_into().unwrap(),
			networks: Default::default(),
		},
		roaming_partners: Default::default(),
		billing: Billing::Prepaid,
		extends_validity_on_top_up: false,
		terms_hash: H256::repeat_byte(3),
	}
}

/// Alice lists `terms`; returns the plan.
pub fn list_plan(terms: PlanTerms<Runtime>) -> u32 {
	let plan = pallet_plan_catalog::NextPlanId::<Runtime>::get();
	assert_ok!(PlanCatalog::create_plan(RuntimeOrigin::signed(telco()), terms));
	plan
}

/// Alice verifies Bob, if she has not yet.
pub fn verify_subscriber() {
	if pallet_sbt_identity::Identities::<Runtime>::get(subscriber()).is_none() {
		assert_ok!(SbtIdentity::issue(
			RuntimeOrigin::signed(telco()),
			subscriber(),
			H256::repeat_byte(1),
			H256::repeat_byte(2)
		));
	}
}

/// Bob acknowledges having used `total` bytes of `entitlement`: settlements up to that pay at
/// once.
pub fn acknowledge(entitlement: u32, total: u64) {
	assert_ok!(Metering::acknowledge_usage(
		RuntimeOrigin::signed(subscriber()),
		entitlement,
		total
	));
}

/// Bob, verified by Alice, buys `plan`; returns the entitlement and its escrow intent.
pub fn buy_plan(plan: u32) -> (u32, u64) {
	verify_subscriber();
	let entitlement = pallet_plan_catalog::NextEntitlementId::<Runtime>::get();
	assert_ok!(PlanCatalog::purchase(RuntimeOrigin::signed(subscriber()), plan));
	let intent = pallet_plan_catalog::Entitlements::<Runtime>::get(entitlement).unwrap().intent;
	(entitlement, intent)
}

/// Alice lists a plan of `quota` bytes for `price` and Bob buys it.
pub fn buy(quota: u64, price: u128) -> (u32, u64) {
	buy_plan(list_plan(plan_terms(quota, price)))
}

/// Anchors 10 records of `entitlement` summing to `total`, served on Alice's network after
/// the sessions she anchored before (the chain's clock moved past them), and proves them with
/// the dev chain's usage-64 key.
pub fn anchor_and_prove(entitlement: u32, total: u64, nonce: u64) -> UsageClaim {
	let subject = UsageSubject::Entitlement(entitlement);
	let start = pallet_metering::UsageClock::<Runtime>::get(telco(), subject).max(1_767_225_600);
	let period = UsagePeriod { start, end: start + 600 };
	let now_ms = (period.end + 60) * 1000;
	if pallet_timestamp::Now::<Runtime>::get() < now_ms {
		pallet_timestamp::Now::<Runtime>::put(now_ms);
	}
	let records: Vec<UsageRecord> = (0..10)
		.map(|i| UsageRecord {
			binding_id: subject.binding_id(),
			session_start: start + i * 60,
			duration_secs: 60,
			bytes_up: total / 20,
			bytes_down: total / 10 - total / 20 + if i == 0 { total % 10 } else { 0 },
			serving_network: Plmn::parse("001", "01").unwrap(),
		})
		.collect();
	let key = CircuitKey::generate(KEY.circuit, SetupRandomness::DevSeed(1)).unwrap();
	let batch = gesim_zk::BatchSize::from_circuit(KEY.circuit).unwrap();
	let root = UsageCommitment::new(&records, batch).unwrap().root_bytes();
	assert_ok!(Metering::anchor_usage(
		RuntimeOrigin::signed(telco()),
		subject,
		KEY,
		root,
		period,
		nonce
	));

	let statement = UsageStatement {
		nonce,
		binding: usage_binding(telco().as_ref(), subject.binding_id(), &Metering::genesis_hash()),
		subject: subject.binding_id(),
		period_start: period.start,
		period_end: period.end,
		networks: vec![gesim_primitives::Plmn::from_digits(b"001", b"01").unwrap().to_bcd()],
	};
	let proof =
		gesim_zk::prove_usage(&key, &records, statement, &mut ChaCha20Rng::seed_from_u64(nonce))
			.unwrap();
	assert_eq!(proof.commitment.total_bytes, total);
	UsageClaim { total_bytes: total, nonce, proof: proof.proof.proof }
}
