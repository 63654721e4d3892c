//! Disputes through the runtime's real catalog, escrow, metering and registry: a subscriber
//! disputes an operator's unacknowledged over-claim and an entitlement; the council's rulings
//! move the money and the bond exactly, or reallocate the service to another operator; an
//! operator disputes roaming usage booked against it, which waits for the ruling unnetted; a
//! failed router is swapped for a working one by ruling, through pallet-nfts.

mod common;

use common::{
	admit_operator, ext_from_preset,
	usage::{
		acknowledge, anchor_and_prove, balance, buy, less_margin, plan_terms, subscriber, telco,
	},
};
use frame_support::{assert_noop, assert_ok, traits::fungible::Inspect};
use gesim_primitives::{EscrowLedger, StablecoinAmount};
use gesim_runtime::{
	configs::CouncilCollective, AccountId, Balances, Disputes, Escrow, Metering, PlanCatalog,
	Runtime, RuntimeOrigin,
};
use pallet_disputes::{DisputeSubject, Ruling};
use sp_core::H256;

const QUOTA: u64 = 3_000_001;
const PRICE: StablecoinAmount = 5 * gesim_primitives::stablecoin::DOLLAR + 7;
const DEPOSIT: StablecoinAmount = gesim_primitives::stablecoin::DOLLAR;

fn council() -> RuntimeOrigin {
	pallet_collective::RawOrigin::<AccountId, CouncilCollective>::Members(2, 3).into()
}

#[test]
fn a_split_ruling_on_an_over_claim_pays_both_parties_exactly() {
	ext_from_preset("development").execute_with(|| {
		let (entitlement, intent) = buy(QUOTA, PRICE);
		acknowledge(entitlement, 1_000_000);
		let claim = anchor_and_prove(entitlement, 2_500_000, 1);
		assert_ok!(Metering::settle_usage(RuntimeOrigin::signed(telco()), claim));
		let held = <Escrow as EscrowLedger<_, _>>::reserved(intent);
		assert!(held > 0);

		let (bob, alice) = (balance(&subscriber()), balance(&telco()));
		assert_ok!(Disputes::file_dispute(
			RuntimeOrigin::signed(subscriber()),
			DisputeSubject::HeldSettlement { telco: telco(), nonce: 1 },
			H256::repeat_byte(9)
		));
		assert_eq!(balance(&subscriber()), bob - DEPOSIT);
		// Frozen: nobody collects it while the council deliberates, even after the window.
		let window = <gesim_runtime::Governance as gesim_primitives::ProtocolParameters<u32>>::challenge_window();
		frame_system::Pallet::<Runtime>::set_block_number(1 + window);
		assert_noop!(
			Metering::release_held(RuntimeOrigin::signed(telco()), telco(), 1),
			pallet_escrow::Error::<Runtime>::Frozen
		);

		assert_ok!(Disputes::rule(council(), 0, Ruling::Split { to_subscriber: 2_500 }));
		let refunded = held / 4;
		assert_eq!(balance(&subscriber()), bob + refunded, "a quarter back, and the deposit");
		assert_eq!(balance(&telco()), alice + less_margin(held - refunded));
		assert_eq!(<Escrow as EscrowLedger<_, _>>::reserved(intent), 0);
		assert!(pallet_metering::HeldSettlements::<Runtime>::get(telco(), 1).is_none());
		Escrow::do_check_invariants().unwrap();
	});
}

#[test]
fn a_refund_ruling_ends_the_entitlement_and_compensates_from_the_bond() {
	ext_from_preset("development").execute_with(|| {
		let (entitlement, intent) = buy(QUOTA, PRICE);
		let (bob, bob_native) = (balance(&subscriber()), Balances::balance(&subscriber()));
		assert_ok!(Disputes::file_dispute(
			RuntimeOrigin::signed(subscriber()),
			DisputeSubject::Entitlement(entitlement),
			H256::repeat_byte(7)
		));
		let bond = pallet_telco_registry::Telcos::<Runtime>::get(telco()).unwrap().bond;

		assert_ok!(Disputes::rule(council(), 0, Ruling::Refund { compensation: 5 }));
		assert_eq!(balance(&subscriber()), bob + PRICE, "the whole price and the deposit");
		assert_eq!(Balances::balance(&subscriber()), bob_native + 5);
		assert_eq!(pallet_telco_registry::Telcos::<Runtime>::get(telco()).unwrap().bond, bond - 5);
		let record = pallet_plan_catalog::Entitlements::<Runtime>::get(entitlement).unwrap();
		assert_eq!(record.remaining_bytes, 0, "the entitlement ended");
		assert_eq!(<Escrow as EscrowLedger<_, _>>::held(intent), Some(0));
		Escrow::do_check_invariants().unwrap();
	});
}

#[test]
fn money_already_paid_out_is_compensated_from_the_bond() {
	ext_from_preset("development").execute_with(|| {
		let (entitlement, intent) = buy(QUOTA, PRICE);
		acknowledge(entitlement, QUOTA);
		let claim = anchor_and_prove(entitlement, QUOTA, 1);
		assert_ok!(Metering::settle_usage(RuntimeOrigin::signed(telco()), claim));
		assert_eq!(<Escrow as EscrowLedger<_, _>>::held(intent), Some(0), "all paid out");

		let bob_native = Balances::balance(&subscriber());
		assert_ok!(Disputes::file_dispute(
			RuntimeOrigin::signed(subscriber()),
			DisputeSubject::Entitlement(entitlement),
			H256::repeat_byte(5)
		));
		let bond = pallet_telco_registry::Telcos::<Runtime>::get(telco()).unwrap().bond;
		let compensation = 1_000_000_000_000; // one GSIM
		assert_ok!(Disputes::rule(council(), 0, Ruling::Refund { compensation }));
		assert_eq!(Balances::balance(&subscriber()), bob_native + compensation);
		assert_eq!(
			pallet_telco_registry::Telcos::<Runtime>::get(telco()).unwrap().bond,
			bond - compensation
		);
		Escrow::do_check_invariants().unwrap();
	});
}

/// Charlie, admitted as a second operator (MCC 001, MNC 03).
fn admit_charlie() -> AccountId {
	let charlie = sp_keyring::Sr25519Keyring::Charlie.to_account_id();
	admit_operator(&charlie, "GeSIM Test Operator 3", b"03", [3; 32], council());
	charlie
}

#[test]
fn a_reallocation_ruling_moves_the_rest_of_the_service_and_its_money_to_another_operator() {
	ext_from_preset("development").execute_with(|| {
		let (entitlement, intent) = buy(QUOTA, PRICE);
		acknowledge(entitlement, 1_000_000);
		let claim = anchor_and_prove(entitlement, 1_000_000, 1);
		assert_ok!(Metering::settle_usage(RuntimeOrigin::signed(telco()), claim));
		let held = <Escrow as EscrowLedger<_, _>>::held(intent).unwrap();
		let remaining = QUOTA - 1_000_000;

		// Charlie sells twice the data for the same price.
		let charlie = admit_charlie();
		let plan = pallet_plan_catalog::NextPlanId::<Runtime>::get();
		assert_ok!(PlanCatalog::create_plan(
			RuntimeOrigin::signed(charlie.clone()),
			plan_terms(2 * QUOTA, PRICE)
		));
		assert_ok!(Disputes::file_dispute(
			RuntimeOrigin::signed(subscriber()),
			DisputeSubject::Entitlement(entitlement),
			H256::repeat_byte(4)
		));
		let bob = balance(&subscriber());
		let to = pallet_plan_catalog::NextEntitlementId::<Runtime>::get();

		assert_ok!(Disputes::rule(council(), 0, Ruling::Reallocate { plan, compensation: 0 }));

		let moved = (remaining as u128 * PRICE).div_ceil(2 * QUOTA as u128);
		assert_eq!(balance(&subscriber()), bob + (held - moved) + DEPOSIT);
		let new = pallet_plan_catalog::Entitlements::<Runtime>::get(to).unwrap();
		assert_eq!((new.holder, new.telco, new.plan), (subscriber(), charlie.clone(), plan));
		assert_eq!(new.remaining_bytes, remaining);
		assert_eq!(<Escrow as EscrowLedger<_, _>>::held(new.intent), Some(moved));
		let old = pallet_plan_catalog::Entitlements::<Runtime>::get(entitlement).unwrap();
		assert_eq!(old.remaining_bytes, 0);
		assert_eq!(<Escrow as EscrowLedger<_, _>>::held(intent), Some(0));
		// Charlie's usage clock of the new entitlement starts now: nothing earlier is billable.
		assert!(pallet_metering::UsageClock::<Runtime>::contains_key(
			&charlie,
			gesim_primitives::UsageSubject::Entitlement(to)
		));
		Escrow::do_check_invariants().unwrap();
		PlanCatalog::do_check_indexes().unwrap();
	});
}

#[test]
fn a_disputed_roaming_booking_waits_for_the_ruling_and_only_the_rest_is_netted() {
	use frame_support::traits::Hooks;
	use gesim_primitives::{ProtocolParameters, RoamingLedger};
	use gesim_runtime::{Governance, Roaming};
	ext_from_preset("development").execute_with(|| {
		let (alice, charlie) = (telco(), admit_charlie());
		let agreement = pallet_roaming::NextAgreementId::<Runtime>::get();
		assert_ok!(Roaming::propose_agreement(
			RuntimeOrigin::signed(alice.clone()),
			charlie.clone(),
			pallet_roaming::RoamingTerms {
				rate_per_mb: 1_234_567,
				revenue_share_bps: 10_000,
				credit_limit: 100 * gesim_primitives::stablecoin::DOLLAR,
				settlement_period: 1,
				valid_from: 1,
				valid_until: 10_000,
			}
		));
		assert_ok!(Roaming::accept_agreement(RuntimeOrigin::signed(charlie.clone()), agreement));
		assert_ok!(Roaming::deposit(
			RuntimeOrigin::signed(charlie.clone()),
			50 * gesim_primitives::stablecoin::DOLLAR
		));
		// Charlie's subscribers used 7 MB on Alice's network, as she proved.
		let booked =
			<Roaming as RoamingLedger<_, _>>::book_usage(agreement, &alice, 7_000_000, 1).unwrap();
		assert_eq!(booked, 7 * 1_234_567);

		assert_ok!(Disputes::file_dispute(
			RuntimeOrigin::signed(charlie.clone()),
			DisputeSubject::RoamingBooking { agreement, visited: alice.clone(), amount: booked },
			H256::repeat_byte(3)
		));
		let alice_before = balance(&alice);
		let period = <Governance as ProtocolParameters<u32>>::netting_period();
		let mut now = 1;
		let mut net_once = || {
			now += period;
			frame_system::Pallet::<Runtime>::set_block_number(now);
			Roaming::on_initialize(now);
		};
		net_once();
		assert_eq!(balance(&alice), alice_before, "nothing netted while disputed");

		assert_ok!(Disputes::rule(council(), 0, Ruling::Split { to_subscriber: 5_000 }));
		let written_down = booked / 2;
		assert_eq!(
			pallet_roaming::Agreements::<Runtime>::get(agreement)
				.unwrap()
				.payable_to_proposer,
			booked - written_down
		);
		net_once();
		assert_eq!(
			balance(&alice),
			alice_before + (booked - written_down),
			"the rest, to the unit"
		);
		Roaming::do_check_invariants().unwrap();
	});
}

#[test]
fn a_swap_ruling_locks_both_routers_until_both_accept_and_then_exchanges_them() {
	use gesim_runtime::{Devices, Nfts};
	use pallet_devices::DeviceKind;
	ext_from_preset("development").execute_with(|| {
		let (entitlement, intent) = buy(QUOTA, PRICE);
		let (alice, bob) = (telco(), subscriber());
		for serial in [1, 2] {
			assert_ok!(Devices::register_device(
				RuntimeOrigin::signed(alice.clone()),
				DeviceKind::Router,
				H256::repeat_byte(serial)
			));
		}
		let (failed, spare) = (0, 1);
		let collection = pallet_devices::DeviceCollection::<Runtime>::get().unwrap();
		let holder =
			|device| pallet_nfts::Item::<Runtime>::get(collection, device).map(|i| i.owner);
		// Alice lends the first router to Bob with pallet-nfts' own call.
		assert_ok!(Nfts::transfer(
			RuntimeOrigin::signed(alice.clone()),
			collection,
			failed,
			bob.clone().into()
		));
		assert_ok!(Disputes::file_dispute(
			RuntimeOrigin::signed(bob.clone()),
			DisputeSubject::Entitlement(entitlement),
			H256::repeat_byte(5)
		));
		let (bob_before, held) = (balance(&bob), <Escrow as EscrowLedger<_, _>>::held(intent));
		let bob_native = Balances::balance(&bob);

		let ruling = Ruling::SwapDevices {
			claimant_device: failed,
			respondent_device: spare,
			meetup: H256::repeat_byte(0x4d),
			compensation: 5,
		};
		assert_ok!(Disputes::rule(council(), 0, ruling));
		assert_eq!(balance(&bob), bob_before + DEPOSIT, "the deposit is back, nothing refunded");
		assert_eq!(Balances::balance(&bob), bob_native + 5, "compensated from Alice's bond");
		assert_eq!(<Escrow as EscrowLedger<_, _>>::held(intent), held, "the service goes on");
		assert_noop!(
			Nfts::transfer(
				RuntimeOrigin::signed(bob.clone()),
				collection,
				failed,
				alice.clone().into()
			),
			pallet_nfts::Error::<Runtime>::ItemLocked
		);

		assert_ok!(Devices::accept_swap(RuntimeOrigin::signed(bob.clone()), 0));
		assert_eq!((holder(failed), holder(spare)), (Some(bob.clone()), Some(alice.clone())));
		assert_ok!(Devices::accept_swap(RuntimeOrigin::signed(alice.clone()), 0));
		assert_eq!((holder(failed), holder(spare)), (Some(alice.clone()), Some(bob)));
		assert_ok!(Devices::retire_device(RuntimeOrigin::signed(alice), failed));
	});
}
