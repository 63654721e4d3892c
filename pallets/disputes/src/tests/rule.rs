//! `rule`: each ruling moves exactly the disputed money, pays the compensation from the bond
//! and settles the deposit.

use super::mock::*;
use crate::{DisputeSubject, DisputedEntitlements, Error, Event, OpenDisputes, Ruling};
use frame_support::{assert_noop, assert_ok};
use gesim_primitives::traits::pro_rata;
use sp_core::H256;
use sp_runtime::DispatchError;

fn file(who: AccountId, subject: DisputeSubject<AccountId>) {
	assert_ok!(Disputes::file_dispute(RuntimeOrigin::signed(who), subject, H256::zero()));
}

fn rule(ruling: Ruling<u64>) -> sp_runtime::DispatchResult {
	rule_dispute(0, ruling)
}

fn rule_dispute(dispute: u64, ruling: Ruling<u64>) -> sp_runtime::DispatchResult {
	Disputes::rule(RuntimeOrigin::root(), dispute, ruling)
}

#[test]
fn a_refund_on_an_entitlement_ends_it_returns_its_money_and_takes_compensation_from_the_bond() {
	new_test_ext().execute_with(|| {
		file(HOLDER, DisputeSubject::Entitlement(ENTITLEMENT));
		assert_ok!(rule(Ruling::Refund { compensation: 250 }));

		assert!(world(|w| w.frozen.is_empty()), "thawed before the money moved");
		assert_eq!(world(|w| w.ended.clone()), vec![(ENTITLEMENT, 10_000)]);
		assert_eq!(world(|w| w.slashed.clone()), vec![(TELCO, 250, HOLDER)]);
		assert_eq!(balance(HOLDER), STARTING_BALANCE, "the deposit is back");
		assert!(OpenDisputes::<Test>::get(0).is_none());
		assert!(
			DisputedEntitlements::<Test>::get(ENTITLEMENT).is_none(),
			"it may be disputed again"
		);
		assert_eq!(
			last_event(),
			Event::DisputeRuled {
				dispute: 0,
				ruling: Ruling::Refund { compensation: 250 },
				refunded: HELD_INTENT_MONEY,
				released: 0,
				reallocated_to: None,
				swap: None,
			}
		);
	});
}

#[test]
fn a_split_on_a_held_settlement_pays_both_parties_exactly() {
	new_test_ext().execute_with(|| {
		file(HOLDER, DisputeSubject::HeldSettlement { telco: TELCO, nonce: NONCE });
		assert_ok!(rule(Ruling::Split { to_subscriber: 2_500 }));

		// A quarter of $3.000001, rounded down in the operator's favour.
		let refunded = pro_rata(HELD_AMOUNT, 2_500, 10_000);
		assert_eq!(refunded, 750_000);
		assert_eq!(world(|w| w.resolved.clone()), vec![(TELCO, NONCE, refunded)]);
		assert!(world(|w| w.slashed.is_empty()));
		assert_eq!(
			last_event(),
			Event::DisputeRuled {
				dispute: 0,
				ruling: Ruling::Split { to_subscriber: 2_500 },
				refunded,
				released: HELD_AMOUNT - refunded,
				reallocated_to: None,
				swap: None,
			}
		);
		assert_eq!(balance(HOLDER), STARTING_BALANCE);
	});
}

#[test]
fn a_split_on_an_entitlement_ends_it_with_the_shares_the_council_set() {
	new_test_ext().execute_with(|| {
		file(TELCO, DisputeSubject::Entitlement(ENTITLEMENT));
		assert_ok!(rule(Ruling::Split { to_subscriber: 6_000 }));
		assert_eq!(world(|w| w.ended.clone()), vec![(ENTITLEMENT, 6_000)]);
		assert!(matches!(
			last_event(),
			Event::DisputeRuled { refunded: 6_000_000, released: 4_000_000, .. }
		));
		assert_eq!(balance(TELCO), STARTING_BALANCE, "the operator filed: its deposit is back");
	});
}

#[test]
fn a_rejected_dispute_moves_nothing_and_its_deposit_goes_to_the_treasury() {
	new_test_ext().execute_with(|| {
		file(HOLDER, DisputeSubject::HeldSettlement { telco: TELCO, nonce: NONCE });
		let treasury = balance(TREASURY);
		assert_ok!(rule(Ruling::Reject));
		assert!(world(|w| w.frozen.is_empty()));
		assert!(world(|w| w.resolved.is_empty() && w.ended.is_empty() && w.slashed.is_empty()));
		assert!(world(|w| w.held_settlements.contains_key(&(TELCO, NONCE))), "still held");
		assert_eq!(balance(TREASURY), treasury + DEPOSIT);
		assert_eq!(balance(HOLDER), STARTING_BALANCE - DEPOSIT);
		assert_eq!(balance(Disputes::account_id()), 0);
	});
}

#[test]
fn bad_rulings_are_refused_by_name_and_change_nothing() {
	new_test_ext().execute_with(|| {
		file(HOLDER, DisputeSubject::Entitlement(ENTITLEMENT));
		assert_noop!(
			Disputes::rule(RuntimeOrigin::signed(HOLDER), 0, Ruling::Reject),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Disputes::rule(RuntimeOrigin::root(), 1, Ruling::Reject),
			Error::<Test>::UnknownDispute
		);
		assert_noop!(rule(Ruling::Split { to_subscriber: 10_001 }), Error::<Test>::InvalidSplit);
		// More compensation than the bond holds: the whole ruling fails, the dispute stays.
		assert_noop!(
			rule(Ruling::Refund { compensation: 1_001 }),
			DispatchError::Other("SlashExceedsBond")
		);
		assert!(OpenDisputes::<Test>::get(0).is_some());
	});
}

#[test]
fn a_dispute_about_money_already_paid_out_is_ruled_by_compensation_alone() {
	new_test_ext().execute_with(|| {
		world(|w| w.held.insert(INTENT, 0));
		file(HOLDER, DisputeSubject::Entitlement(ENTITLEMENT));
		// Nothing was frozen, so nothing is thawed: the stand-in escrow would refuse that.
		assert_ok!(rule(Ruling::Refund { compensation: 400 }));
		assert_eq!(world(|w| w.slashed.clone()), vec![(TELCO, 400, HOLDER)]);
		assert!(matches!(last_event(), Event::DisputeRuled { refunded: 0, released: 0, .. }));
		assert_eq!(balance(HOLDER), STARTING_BALANCE);
	});
}

#[test]
fn an_entitlement_closed_while_its_compensation_dispute_was_open_is_still_compensated() {
	new_test_ext().execute_with(|| {
		world(|w| w.held.insert(INTENT, 0));
		file(HOLDER, DisputeSubject::Entitlement(ENTITLEMENT));
		// Its escrow was empty, so nothing froze and anyone could close it after its expiry.
		world(|w| w.entitlements.remove(&ENTITLEMENT));
		assert_ok!(rule(Ruling::Refund { compensation: 400 }));
		assert_eq!(world(|w| w.slashed.clone()), vec![(TELCO, 400, HOLDER)]);
		assert!(world(|w| w.ended.is_empty()), "nothing left to end");
		assert!(matches!(last_event(), Event::DisputeRuled { refunded: 0, released: 0, .. }));
	});
}

#[test]
fn a_reallocation_moves_the_service_to_another_operator_and_compensates_from_the_bond() {
	new_test_ext().execute_with(|| {
		file(HOLDER, DisputeSubject::Entitlement(ENTITLEMENT));
		assert_ok!(rule(Ruling::Reallocate { plan: OTHER_PLAN, compensation: 300 }));

		assert!(world(|w| w.frozen.is_empty()), "thawed before the money moved");
		assert_eq!(world(|w| w.reallocated.clone()), vec![(ENTITLEMENT, OTHER_PLAN)]);
		assert!(world(|w| w.ended.is_empty()), "reallocated, not ended by a split");
		assert_eq!(world(|w| w.slashed.clone()), vec![(TELCO, 300, HOLDER)]);
		assert_eq!(balance(HOLDER), STARTING_BALANCE, "the subscriber was right: deposit back");
		assert_eq!(
			last_event(),
			Event::DisputeRuled {
				dispute: 0,
				ruling: Ruling::Reallocate { plan: OTHER_PLAN, compensation: 300 },
				refunded: 0,
				released: 0,
				reallocated_to: Some(REALLOCATED_TO),
				swap: None,
			}
		);
	});
}

#[test]
fn only_an_entitlement_dispute_can_be_reallocated() {
	new_test_ext().execute_with(|| {
		file(HOLDER, DisputeSubject::HeldSettlement { telco: TELCO, nonce: NONCE });
		assert_noop!(
			rule(Ruling::Reallocate { plan: OTHER_PLAN, compensation: 0 }),
			Error::<Test>::NotAnEntitlementDispute
		);
		assert!(world(|w| w.frozen == vec![INTENT]), "still frozen for the ruling to come");
	});
}

#[test]
fn a_reallocation_the_catalog_refuses_changes_nothing() {
	new_test_ext().execute_with(|| {
		world(|w| w.held.insert(INTENT, 0));
		file(HOLDER, DisputeSubject::Entitlement(ENTITLEMENT));
		world(|w| w.entitlements.remove(&ENTITLEMENT));
		assert_noop!(
			rule(Ruling::Reallocate { plan: OTHER_PLAN, compensation: 0 }),
			DispatchError::Other("Unknown")
		);
		assert!(OpenDisputes::<Test>::get(0).is_some(), "the council may rule otherwise");
	});
}

#[test]
fn a_split_on_a_roaming_booking_writes_down_the_home_operator_s_share_and_compensates() {
	new_test_ext().execute_with(|| {
		file(
			HOME,
			DisputeSubject::RoamingBooking { agreement: AGREEMENT, visited: TELCO, amount: BOOKED },
		);
		assert_ok!(rule(Ruling::Split { to_subscriber: 5_000 }));
		let written_down = pro_rata(BOOKED, 5_000, 10_000);
		assert_eq!(written_down, DOLLAR);
		assert_eq!(world(|w| w.booked[&(AGREEMENT, TELCO)]), (HOME, BOOKED - written_down));
		assert!(world(|w| w.disputed_agreements.is_empty()), "netted again");
		assert_eq!(
			last_event(),
			Event::DisputeRuled {
				dispute: 0,
				ruling: Ruling::Split { to_subscriber: 5_000 },
				refunded: written_down,
				released: 0,
				reallocated_to: None,
				swap: None,
			}
		);
		assert_eq!(balance(HOME), STARTING_BALANCE, "the deposit is back");

		let rest = BOOKED - written_down;
		file(
			HOME,
			DisputeSubject::RoamingBooking { agreement: AGREEMENT, visited: TELCO, amount: rest },
		);
		assert_noop!(
			rule_dispute(1, Ruling::Reallocate { plan: OTHER_PLAN, compensation: 0 }),
			Error::<Test>::NotAnEntitlementDispute
		);
		assert_ok!(rule_dispute(1, Ruling::Refund { compensation: 70 }));
		assert_eq!(world(|w| w.booked[&(AGREEMENT, TELCO)]), (HOME, 0));
		assert_eq!(world(|w| w.slashed.clone()), vec![(TELCO, 70, HOME)], "the visited pays");
	});
}

#[test]
fn a_swap_ruling_proposes_the_exchange_keeps_the_service_and_compensates_from_the_bond() {
	new_test_ext().execute_with(|| {
		file(HOLDER, DisputeSubject::Entitlement(ENTITLEMENT));
		let ruling = Ruling::SwapDevices {
			claimant_device: HOLDER_DEVICE,
			respondent_device: TELCO_DEVICE,
			meetup: MEETUP,
			compensation: 40,
		};
		assert_ok!(rule(ruling.clone()));

		assert_eq!(
			world(|w| w.swaps.clone()),
			vec![((HOLDER, HOLDER_DEVICE), (TELCO, TELCO_DEVICE), MEETUP)]
		);
		assert!(world(|w| w.frozen.is_empty()), "the escrow is thawed");
		assert!(world(|w| w.ended.is_empty()), "the service goes on");
		assert_eq!(world(|w| w.held.get(&INTENT).copied()), Some(HELD_INTENT_MONEY));
		assert_eq!(world(|w| w.slashed.clone()), vec![(TELCO, 40, HOLDER)]);
		assert_eq!(balance(HOLDER), STARTING_BALANCE, "the deposit is back");
		assert!(DisputedEntitlements::<Test>::get(ENTITLEMENT).is_none());
		assert_eq!(
			last_event(),
			Event::DisputeRuled {
				dispute: 0,
				ruling,
				refunded: 0,
				released: 0,
				reallocated_to: None,
				swap: Some(0),
			}
		);
	});
}

#[test]
fn a_swap_the_devices_do_not_allow_is_refused_and_the_dispute_stays_open() {
	new_test_ext().execute_with(|| {
		file(HOLDER, DisputeSubject::Entitlement(ENTITLEMENT));
		// The parties' devices the wrong way round: neither holds the one named for it.
		assert_noop!(
			rule(Ruling::SwapDevices {
				claimant_device: TELCO_DEVICE,
				respondent_device: HOLDER_DEVICE,
				meetup: MEETUP,
				compensation: 0,
			}),
			DispatchError::Other("NotHolder")
		);
		assert!(OpenDisputes::<Test>::contains_key(0));
		assert_ok!(rule(Ruling::SwapDevices {
			claimant_device: HOLDER_DEVICE,
			respondent_device: TELCO_DEVICE,
			meetup: MEETUP,
			compensation: 0,
		}));
		assert!(world(|w| w.slashed.is_empty()), "no compensation, no slash");
	});
}
