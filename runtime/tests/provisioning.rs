//! eSIM provisioning through the real pallets of the development preset: receipts signed with
//! the operator's registered SM-DP+ key, refunds through the real catalog and escrow, and the
//! profile following a plan switch.

mod common;

use common::{
	ext_from_preset,
	usage::{balance, buy, buy_plan, list_plan, plan_terms, subscriber, telco},
};
use frame_support::{assert_noop, assert_ok};
use gesim_primitives::stablecoin;
use gesim_runtime::{EsimProvisioning, PlanCatalog, Runtime, RuntimeOrigin, System, TelcoRegistry};
use pallet_esim_provisioning::{receipt_payload, Error, OrderStatus, Receipt};
use sp_core::Pair;
use sp_keyring::Ed25519Keyring;

const QUOTA: u64 = 3_000_000;
const PRICE: u128 = 6 * stablecoin::DOLLAR;
const DEVICE_KEY: [u8; 32] = [0xD1; 32];

/// Bob registers his device and orders a profile for `entitlement`; returns the order.
fn request(entitlement: u32) -> u64 {
	if !EsimProvisioning::device_keys_of(subscriber()).contains(&DEVICE_KEY) {
		assert_ok!(EsimProvisioning::register_device_key(
			RuntimeOrigin::signed(subscriber()),
			DEVICE_KEY
		));
	}
	let order = pallet_esim_provisioning::NextOrderId::<Runtime>::get();
	assert_ok!(EsimProvisioning::request_profile(
		RuntimeOrigin::signed(subscriber()),
		entitlement,
		DEVICE_KEY,
		None,
		false
	));
	order
}

/// `receipt` for `order`, signed by `key` over the chain's genesis hash.
fn submit_signed(
	key: &sp_core::ed25519::Pair,
	order: u64,
	receipt: Receipt,
) -> sp_runtime::DispatchResult {
	let payload = receipt_payload(&System::block_hash(0), order, &receipt);
	EsimProvisioning::submit_receipt(
		RuntimeOrigin::signed(telco()),
		order,
		receipt,
		key.public().0,
		key.sign(&payload).0,
	)
}

/// Alice's gateway, with the receipt key the preset registered for her.
fn submit(order: u64, receipt: Receipt) -> sp_runtime::DispatchResult {
	submit_signed(&Ed25519Keyring::Alice.pair(), order, receipt)
}

fn accepted() -> Receipt {
	Receipt::Accepted {
		iccid_commitment: [0xC0; 32],
		smdp_address: b"localhost:8443".to_vec().try_into().unwrap(),
	}
}

fn code_released() -> Receipt {
	Receipt::CodeReleased { sealed_code: vec![0x5E; 200].try_into().unwrap() }
}

fn status(order: u64) -> OrderStatus {
	EsimProvisioning::order(order).expect("order exists").order.status
}

#[test]
fn a_purchase_becomes_an_installed_profile_on_receipts_from_the_registered_key() {
	ext_from_preset("development").execute_with(|| {
		let (entitlement, _) = buy(QUOTA, PRICE);
		let order = request(entitlement);
		for receipt in [
			accepted(),
			code_released(),
			Receipt::Downloaded,
			Receipt::Installed { result_hash: [0xAB; 32] },
		] {
			assert_ok!(submit(order, receipt));
		}
		assert_eq!(status(order), OrderStatus::Installed);
		pallet_esim_provisioning::Pallet::<Runtime>::do_check_indexes().unwrap();
	});
}

#[test]
fn a_forged_receipt_and_a_rotated_out_key_are_refused() {
	ext_from_preset("development").execute_with(|| {
		let (entitlement, _) = buy(QUOTA, PRICE);
		let order = request(entitlement);
		// Bob's ed25519 key is no operator's receipt key.
		assert_noop!(
			submit_signed(&Ed25519Keyring::Bob.pair(), order, accepted()),
			Error::<Runtime>::ReceiptKeyNotValid
		);
		// Alice rotates her key: the old one holds for the grace, then no more.
		let new = sp_core::ed25519::Pair::from_seed(&[9; 32]);
		assert_ok!(TelcoRegistry::rotate_receipt_key(
			RuntimeOrigin::signed(telco()),
			new.public().0
		));
		assert_ok!(submit(order, accepted()));
		let grace = <Runtime as pallet_telco_registry::Config>::KeyRotationGrace::get();
		System::set_block_number(System::block_number() + grace);
		assert_noop!(submit(order, code_released()), Error::<Runtime>::ReceiptKeyNotValid);
		assert_ok!(submit_signed(&new, order, code_released()));
	});
}

#[test]
fn an_order_nobody_serves_is_refunded_in_full_after_the_deadline() {
	ext_from_preset("development").execute_with(|| {
		let before = balance(&subscriber());
		let (entitlement, intent) = buy(QUOTA, PRICE);
		let order = request(entitlement);
		assert_eq!(balance(&subscriber()), before - PRICE);
		let serve_by = EsimProvisioning::order(order).unwrap().order.serve_by;
		System::set_block_number(serve_by);
		assert_noop!(
			EsimProvisioning::refund_unserved(RuntimeOrigin::signed(telco()), order),
			Error::<Runtime>::NotRefundable
		);

		System::set_block_number(serve_by + 1);
		assert_ok!(EsimProvisioning::refund_unserved(RuntimeOrigin::signed(telco()), order));

		assert_eq!(balance(&subscriber()), before, "every cent back");
		assert_eq!(pallet_escrow::Intents::<Runtime>::get(intent).map(|i| i.held), Some(0));
		assert!(matches!(status(order), OrderStatus::Cancelled(_)));
		// The revoked entitlement is closed, and then its orders go.
		assert_ok!(PlanCatalog::close_entitlement(RuntimeOrigin::signed(telco()), entitlement));
		assert_ok!(EsimProvisioning::prune_orders(RuntimeOrigin::signed(telco()), entitlement));
		assert!(EsimProvisioning::order(order).is_none());
		pallet_esim_provisioning::Pallet::<Runtime>::do_check_indexes().unwrap();
		pallet_plan_catalog::Pallet::<Runtime>::do_check_indexes().unwrap();
		pallet_escrow::Pallet::<Runtime>::do_check_invariants().unwrap();
	});
}

#[test]
fn the_installed_profile_follows_a_plan_switch() {
	ext_from_preset("development").execute_with(|| {
		let first = list_plan(plan_terms(QUOTA, PRICE));
		let second = list_plan(plan_terms(2 * QUOTA, 2 * PRICE));
		let (entitlement, _) = buy_plan(first);
		let order = request(entitlement);
		for receipt in [accepted(), code_released(), Receipt::Installed { result_hash: [0xAB; 32] }]
		{
			assert_ok!(submit(order, receipt));
		}
		let switched_to = pallet_plan_catalog::NextEntitlementId::<Runtime>::get();
		assert_ok!(PlanCatalog::switch_plan(
			RuntimeOrigin::signed(subscriber()),
			entitlement,
			second
		));

		let view = EsimProvisioning::order(order).unwrap().order;
		assert_eq!(view.entitlement, switched_to);
		assert_eq!(
			pallet_esim_provisioning::Provisioning::<Runtime>::get(switched_to).profile,
			Some(order)
		);
		assert_noop!(
			EsimProvisioning::request_profile(
				RuntimeOrigin::signed(subscriber()),
				switched_to,
				DEVICE_KEY,
				None,
				false
			),
			Error::<Runtime>::ProfileAlreadyInstalled
		);
		pallet_esim_provisioning::Pallet::<Runtime>::do_check_indexes().unwrap();
	});
}
