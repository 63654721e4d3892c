//! `approve_profile_change`: the council makes an admitted operator's pending change of legal
//! name or PLMNs its profile.

use super::mock::*;
use crate::{Error, Event, PlmnOwner, ProfileChanges, Service, Telcos};
use frame_support::{assert_noop, assert_ok};
use gesim_primitives::Plmn;
use sp_runtime::DispatchError;

fn approve(
	telco: AccountId,
	legal_name: &str,
	plmn_list: &[Plmn],
) -> frame_support::dispatch::DispatchResult {
	TelcoRegistry::approve_profile_change(
		RuntimeOrigin::root(),
		telco,
		name(legal_name),
		plmns(plmn_list),
	)
}

#[test]
fn makes_the_change_the_profile_and_releases_dropped_plmns() {
	new_test_ext().execute_with(|| {
		active_alice();
		let added = plmn("208", "15");
		alice_proposes(&[added]);

		assert_ok!(approve(ALICE, "Orange", &[added]));

		let record = Telcos::<Test>::get(ALICE).unwrap();
		assert_eq!(record.legal_name.to_vec(), b"Orange".to_vec());
		assert_eq!(record.plmns.to_vec(), vec![added]);
		assert!(!ProfileChanges::<Test>::contains_key(ALICE));
		assert_eq!(PlmnOwner::<Test>::get(added), Some(ALICE));
		assert_eq!(PlmnOwner::<Test>::get(alice_plmn()), None, "dropped PLMN released");
		assert_eq!(last_event(), Event::ProfileChangeApproved { telco: ALICE }.into());
		// The released network is free for another operator.
		apply_with(BOB, alice_plmn(), BOB_KEY);
	});
}

#[test]
fn keeps_a_plmn_the_change_still_lists() {
	new_test_ext().execute_with(|| {
		active_alice();
		let added = plmn("208", "15");
		alice_proposes(&[added, alice_plmn()]);

		assert_ok!(approve(ALICE, "Orange", &[added, alice_plmn()]));

		assert_eq!(Telcos::<Test>::get(ALICE).unwrap().plmns.to_vec(), vec![added, alice_plmn()]);
		assert_eq!(PlmnOwner::<Test>::get(alice_plmn()), Some(ALICE));
	});
}

#[test]
fn refuses_a_change_other_than_the_pending_one() {
	new_test_ext().execute_with(|| {
		active_alice();
		alice_proposes(&[plmn("208", "15")]);
		// The operator replaced the change after the council's motion was proposed.
		update_profile(ALICE, "Orange", &[plmn("208", "16")], &[], &[Service::Data]).unwrap();

		assert_noop!(
			approve(ALICE, "Orange", &[plmn("208", "15")]),
			Error::<Test>::ProfileChangeMismatch
		);
		assert_noop!(
			approve(ALICE, "Orange SA", &[plmn("208", "16")]),
			Error::<Test>::ProfileChangeMismatch
		);
	});
}

#[test]
fn refuses_an_operator_with_no_pending_change() {
	new_test_ext().execute_with(|| {
		active_alice();
		assert_noop!(approve(ALICE, "Operator", &[alice_plmn()]), Error::<Test>::NoProfileChange);
	});
}

#[test]
fn refuses_an_unknown_account() {
	new_test_ext().execute_with(|| {
		assert_noop!(approve(BOB, "Bob", &[bob_plmn()]), Error::<Test>::UnknownTelco);
	});
}

#[test]
fn refuses_anyone_but_the_council() {
	new_test_ext().execute_with(|| {
		active_alice();
		alice_proposes(&[plmn("208", "15")]);
		assert_noop!(
			TelcoRegistry::approve_profile_change(
				RuntimeOrigin::signed(ALICE),
				ALICE,
				name("Orange"),
				plmns(&[plmn("208", "15")])
			),
			DispatchError::BadOrigin
		);
	});
}
