//! Proved usage through the real pallets of the runtime: a plan bought into escrow, a batch
//! anchored and proved with the dev chain's usage key, and escrow releasing exactly the proved
//! share — or nothing while a dispute freezes the entitlement.

mod common;

use common::ext_from_preset;
use frame_support::{assert_noop, assert_ok};
use gesim_primitives::{stablecoin, EscrowLedger, Geohash, UsageSubject};
use gesim_runtime::{
	configs::TreasuryAccount, AccountId, Assets, Escrow, Metering, PlanCatalog, Runtime, RuntimeOrigin,
	SbtIdentity,
};
use gesim_zk::{
	verifier::{usage_binding, CircuitId, UsageClaim},
	CircuitKey, Plmn, SetupRandomness, UsageCommitment, UsageRecord,
};
use pallet_metering::{KeyId, UsagePeriod};
use pallet_plan_catalog::{Billing, PlanTerms, Region};
use rand_chacha::{rand_core::SeedableRng, ChaCha20Rng};
use sp_core::H256;
use sp_keyring::Sr25519Keyring;

const QUOTA: u64 = 3_000_001;
const PRICE: u128 = 5 * stablecoin::DOLLAR + 7;
const KEY: KeyId = KeyId { circuit: CircuitId::UsageSum64, version: 1 };

fn telco() -> AccountId {
	Sr25519Keyring::Alice.to_account_id()
}

fn balance(who: &AccountId) -> u128 {
	Assets::balance(stablecoin::ASSET_ID, who)
}

/// Bob, verified by Alice, buys Alice's plan; returns the entitlement and its escrow intent.
fn buy() -> (u32, u64) {
	let bob = Sr25519Keyring::Bob.to_account_id();
	let terms = PlanTerms {
		quota_bytes: QUOTA,
		validity: 1_000,
		price: PRICE,
		region: Region { cells: vec![Geohash::new(b"u09t").unwrap()].try_into().unwrap(), networks: Default::default() },
		roaming_partners: Default::default(),
		billing: Billing::Prepaid,
		extends_validity_on_top_up: false,
		terms_hash: H256::repeat_byte(3),
	};
	let plan = pallet_plan_catalog::NextPlanId::<Runtime>::get();
	assert_ok!(PlanCatalog::create_plan(RuntimeOrigin::signed(telco()), terms));
	assert_ok!(SbtIdentity::issue(RuntimeOrigin::signed(telco()), bob.clone(), H256::repeat_byte(1), H256::repeat_byte(2)));
	let entitlement = pallet_plan_catalog::NextEntitlementId::<Runtime>::get();
	assert_ok!(PlanCatalog::purchase(RuntimeOrigin::signed(bob), plan));
	let intent = pallet_plan_catalog::Entitlements::<Runtime>::get(entitlement).unwrap().intent;
	(entitlement, intent)
}

/// Anchors 10 records summing to `total` for `entitlement`, and proves them with the dev
/// chain's usage-64 key (dev seed 1, registered at genesis).
fn anchor_and_prove(entitlement: u32, total: u64, nonce: u64) -> UsageClaim {
	let records: Vec<UsageRecord> = (0..10)
		.map(|i| UsageRecord {
			binding_id: entitlement as u64,
			session_start: 1_767_225_600 + i * 60,
			duration_secs: 60,
			bytes_up: total / 20,
			bytes_down: total / 10 - total / 20 + if i == 0 { total % 10 } else { 0 },
			serving_network: Plmn::parse("001", "01").unwrap(),
		})
		.collect();
	let key = CircuitKey::generate(CircuitId::UsageSum64, SetupRandomness::DevSeed(1)).unwrap();
	let batch = gesim_zk::BatchSize::from_circuit(CircuitId::UsageSum64).unwrap();
	let root = UsageCommitment::new(&records, batch).unwrap().root_bytes();
	let period = UsagePeriod { start: 1_767_225_600, end: 1_767_226_260 };
	let subject = UsageSubject::Entitlement(entitlement);
	assert_ok!(Metering::anchor_usage(RuntimeOrigin::signed(telco()), subject, KEY, root, period, nonce));

	let binding = usage_binding(telco().as_ref(), subject.binding_id(), &Metering::genesis_hash());
	let proof = gesim_zk::prove_usage(&key, &records, nonce, binding, &mut ChaCha20Rng::seed_from_u64(nonce)).unwrap();
	assert_eq!(proof.commitment.total_bytes, total);
	UsageClaim { total_bytes: total, nonce, proof: proof.proof.proof }
}

#[test]
fn a_proof_releases_exactly_the_proved_share_of_the_price_and_nothing_while_frozen() {
	ext_from_preset("development").execute_with(|| {
		let (entitlement, intent) = buy();
		let used = 1_234_567;
		let claim = anchor_and_prove(entitlement, used, 7);

		// A dispute freezes the entitlement's escrow: the valid proof moves nothing.
		assert_ok!(<Escrow as EscrowLedger<_, _>>::freeze(intent));
		assert_noop!(
			Metering::settle_usage(RuntimeOrigin::signed(telco()), claim.clone()),
			pallet_escrow::Error::<Runtime>::Frozen
		);

		assert_ok!(<Escrow as EscrowLedger<_, _>>::thaw(intent));
		let (telco_before, treasury_before) = (balance(&telco()), balance(&TreasuryAccount::get()));
		assert_ok!(Metering::settle_usage(RuntimeOrigin::signed(telco()), claim.clone()));

		// ⌊5.000007 GUSD × 1 234 567 / 3 000 001⌋, of which the 2 % protocol margin (rounded down).
		let released = PRICE * used as u128 / QUOTA as u128;
		assert_eq!(released, 2_057_613);
		let margin = released * 200 / 10_000;
		assert_eq!(balance(&telco()) - telco_before, released - margin);
		assert_eq!(balance(&TreasuryAccount::get()) - treasury_before, margin);
		assert_eq!(<Escrow as EscrowLedger<_, _>>::held(intent), Some(PRICE - released));
		let record = pallet_plan_catalog::Entitlements::<Runtime>::get(entitlement).unwrap();
		assert_eq!(record.remaining_bytes, QUOTA - used);

		assert_noop!(
			Metering::settle_usage(RuntimeOrigin::signed(telco()), claim),
			pallet_metering::Error::<Runtime>::NonceConsumed
		);
	});
}

#[test]
fn usage_anchored_in_time_is_paid_within_the_settlement_grace_and_not_after_it() {
	ext_from_preset("development").execute_with(|| {
		let (entitlement, intent) = buy();
		let expires_at = pallet_plan_catalog::Entitlements::<Runtime>::get(entitlement).unwrap().expires_at;
		let late = anchor_and_prove(entitlement, 1_000_000, 1);
		let too_late = anchor_and_prove(entitlement, 2_000_000, 2);

		// Records reach operators late: within the grace, the proof still pays.
		frame_system::Pallet::<Runtime>::set_block_number(expires_at + 1);
		let before = balance(&telco());
		assert_ok!(Metering::settle_usage(RuntimeOrigin::signed(telco()), late));
		assert!(balance(&telco()) > before);

		// After the grace, escrow refunds the subscriber: nothing is left to pay from.
		let refund_at = expires_at + gesim_runtime::configs::SettlementGrace::get() + 1;
		frame_system::Pallet::<Runtime>::set_block_number(refund_at);
		assert_ok!(Escrow::refund_expired(RuntimeOrigin::signed(telco()), intent));
		assert_noop!(
			Metering::settle_usage(RuntimeOrigin::signed(telco()), too_late),
			pallet_metering::Error::<Runtime>::EntitlementExpired
		);
	});
}
