//! Ways to get data free, to keep money that is owed, or to jam the marketplace, each tried
//! through the real pallets of the development preset.

mod common;

use common::{
	ext_from_preset, set_parameter, settlement_grace,
	usage::{anchor_and_prove, balance, buy, buy_plan, list_plan, plan_terms, subscriber, telco},
};
use frame_support::{assert_noop, assert_ok};
use gesim_primitives::{stablecoin, EscrowLedger};
use gesim_runtime::{
	AccountId, Assets, Balances, Escrow, Metering, PlanCatalog, Runtime, RuntimeOrigin,
};
use sp_keyring::Sr25519Keyring;

const QUOTA: u64 = 3_000_000;
const PRICE: u128 = 6 * stablecoin::DOLLAR;

fn set_block(n: u32) {
	frame_system::Pallet::<Runtime>::set_block_number(n);
}

fn now() -> u32 {
	frame_system::Pallet::<Runtime>::block_number()
}

fn intent_expiry(intent: u64) -> u32 {
	pallet_escrow::Intents::<Runtime>::get(intent)
		.expect("intent exists")
		.expires_at
}

#[test]
fn usage_anchored_before_a_plan_switch_is_still_paid_from_the_old_escrow() {
	ext_from_preset("development").execute_with(|| {
		let first = list_plan(plan_terms(QUOTA, PRICE));
		let second = list_plan(plan_terms(QUOTA, PRICE + 1));
		let (entitlement, intent) = buy_plan(first);
		// Most of the quota used; the operator anchors it, then the subscriber switches away.
		let used = 2_500_000;
		let claim = anchor_and_prove(entitlement, used, 1);
		let before = balance(&subscriber());
		assert_ok!(PlanCatalog::switch_plan(
			RuntimeOrigin::signed(subscriber()),
			entitlement,
			second
		));
		assert_eq!(balance(&subscriber()), before - PRICE - 1, "only the new plan was paid");

		// The proof still pays the operator from the old escrow, at once for usage Bob's
		// device acknowledged.
		common::usage::acknowledge(entitlement, used);
		let telco_before = balance(&telco());
		assert_ok!(Metering::settle_usage(RuntimeOrigin::signed(telco()), claim));
		let released = PRICE * used as u128 / QUOTA as u128;
		let margin = released * 200 / 10_000;
		assert_eq!(balance(&telco()) - telco_before, released - margin);

		// After the settlement grace, only what is left comes back.
		let refund_at = intent_expiry(intent) + settlement_grace() + 1;
		set_block(refund_at);
		let before = balance(&subscriber());
		assert_ok!(Escrow::refund_expired(RuntimeOrigin::signed(telco()), intent));
		assert_eq!(balance(&subscriber()) - before, PRICE - released);
	});
}

#[test]
fn no_settlement_is_paid_once_the_refund_time_has_come_even_if_the_refund_has_not_run() {
	ext_from_preset("development").execute_with(|| {
		let (entitlement, intent) = buy(QUOTA, PRICE);
		let claim = anchor_and_prove(entitlement, 1_000_000, 1);
		// `on_idle` may lag behind (full blocks): the refund time decides, not the queue.
		set_block(intent_expiry(intent) + settlement_grace() + 1);
		assert_eq!(<Escrow as EscrowLedger<_, _>>::held(intent), Some(PRICE));
		assert_noop!(
			Metering::settle_usage(RuntimeOrigin::signed(telco()), claim),
			pallet_metering::Error::<Runtime>::EntitlementExpired
		);
	});
}

#[test]
fn a_new_settlement_grace_keeps_each_intents_own_refund_time() {
	ext_from_preset("development").execute_with(|| {
		let (_, intent) = buy(QUOTA, PRICE);
		let grace: u32 = settlement_grace();
		// The council lengthens the grace: intents bought before keep theirs.
		set_parameter(gesim_primitives::ProtocolParameter::SettlementGrace(grace * 2));
		Escrow::do_check_invariants().expect("the expiry queue still agrees with the intents");
		set_block(intent_expiry(intent) + grace + 1);
		let before = balance(&subscriber());
		assert_ok!(Escrow::refund_expired(RuntimeOrigin::signed(telco()), intent));
		assert_eq!(balance(&subscriber()) - before, PRICE);
	});
}

#[test]
fn entitlements_take_no_deposit_from_a_shared_account() {
	ext_from_preset("development").execute_with(|| {
		let plan = list_plan(plan_terms(QUOTA, PRICE));
		buy_plan(plan);
		// Whatever the catalog's account holds, purchases go on.
		let catalog = PlanCatalog::account_id();
		let ed = gesim_runtime::currency::EXISTENTIAL_DEPOSIT;
		assert_ok!(Balances::force_set_balance(RuntimeOrigin::root(), catalog.into(), ed));
		let charlie = Sr25519Keyring::Charlie.to_account_id();
		assert_ok!(gesim_runtime::SbtIdentity::issue(
			RuntimeOrigin::signed(telco()),
			charlie.clone(),
			sp_core::H256::repeat_byte(4),
			sp_core::H256::repeat_byte(5)
		));
		assert_ok!(PlanCatalog::purchase(RuntimeOrigin::signed(charlie), plan));
	});
}

#[test]
fn a_micro_priced_or_endless_plan_cannot_be_listed() {
	ext_from_preset("development").execute_with(|| {
		let mut cheap = plan_terms(QUOTA, 1);
		assert!(PlanCatalog::create_plan(RuntimeOrigin::signed(telco()), cheap.clone()).is_err());
		cheap.price = PRICE;
		cheap.validity = u32::MAX - now() - 1;
		assert!(PlanCatalog::create_plan(RuntimeOrigin::signed(telco()), cheap).is_err());
	});
}

#[test]
fn no_operator_key_administers_the_stablecoin() {
	for preset in ["development", "local_testnet"] {
		ext_from_preset(preset).execute_with(|| {
			let details =
				pallet_assets::Asset::<Runtime>::get(stablecoin::ASSET_ID).expect("GUSD exists");
			let keyholders: Vec<AccountId> =
				Sr25519Keyring::iter().map(|k| k.to_account_id()).collect();
			for role in [&details.owner, &details.issuer, &details.admin, &details.freezer] {
				assert!(
					!keyholders.contains(role),
					"{preset}: a dev key holds a role of the stablecoin"
				);
			}
			// Alice, an operator, validator and council member, cannot burn the escrow's money.
			let (_, intent) = buy(QUOTA, PRICE);
			let escrow = Escrow::account_id();
			assert!(Assets::burn(
				RuntimeOrigin::signed(telco()),
				stablecoin::ASSET_ID.into(),
				escrow.into(),
				PRICE
			)
			.is_err());
			assert_eq!(<Escrow as EscrowLedger<_, _>>::held(intent), Some(PRICE));
			assert!(Assets::freeze(
				RuntimeOrigin::signed(telco()),
				stablecoin::ASSET_ID.into(),
				gesim_runtime::Roaming::account_id().into()
			)
			.is_err());
		});
	}
}

/// Usage dated before the purchase is nobody's to bill: the catalog starts the operator's
/// usage clock of the entitlement at the purchase block's time.
#[test]
fn usage_from_before_the_purchase_is_not_billed() {
	ext_from_preset("development").execute_with(|| {
		let bought_at = 1_767_300_000;
		pallet_timestamp::Now::<Runtime>::put(bought_at * 1000);
		let (entitlement, _) = buy(QUOTA, PRICE);
		let subject = gesim_primitives::UsageSubject::Entitlement(entitlement);
		assert_eq!(pallet_metering::UsageClock::<Runtime>::get(telco(), subject), bought_at);

		pallet_timestamp::Now::<Runtime>::put((bought_at + 86_400) * 1000);
		let before = pallet_metering::UsagePeriod { start: bought_at - 3_600, end: bought_at + 60 };
		assert_noop!(
			Metering::anchor_usage(
				RuntimeOrigin::signed(telco()),
				subject,
				common::usage::KEY,
				[1; 32],
				before,
				1
			),
			pallet_metering::Error::<Runtime>::PeriodOverlaps
		);
		// From the purchase on, it is billed as usual.
		let claim = anchor_and_prove(entitlement, 1_000_000, 1);
		assert_ok!(Metering::settle_usage(RuntimeOrigin::signed(telco()), claim));
	});
}
