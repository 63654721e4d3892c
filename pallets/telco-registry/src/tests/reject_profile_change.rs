//! `reject_profile_change`: the council drops an admitted operator's pending change of legal
//! name or PLMNs, freeing the PLMNs it claimed.

use super::mock::*;
use crate::{Error, Event, PlmnOwner, ProfileChanges, Telcos};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

#[test]
fn drops_the_change_and_frees_the_plmns_it_claimed() {
	new_test_ext().execute_with(|| {
		active_alice();
		let added = plmn("208", "15");
		alice_proposes(&[alice_plmn(), added]);

		assert_ok!(TelcoRegistry::reject_profile_change(RuntimeOrigin::root(), ALICE));

		assert!(!ProfileChanges::<Test>::contains_key(ALICE));
		let record = Telcos::<Test>::get(ALICE).unwrap();
		assert_eq!(record.legal_name.to_vec(), b"Operator".to_vec());
		assert_eq!(record.plmns.to_vec(), vec![alice_plmn()]);
		assert_eq!(PlmnOwner::<Test>::get(added), None, "the asked-for PLMN is free");
		assert_eq!(PlmnOwner::<Test>::get(alice_plmn()), Some(ALICE), "its network is kept");
		assert_eq!(last_event(), Event::ProfileChangeRejected { telco: ALICE }.into());
		// The freed network is there for another operator.
		apply_with(BOB, added, BOB_KEY);
	});
}

#[test]
fn refuses_an_operator_with_no_pending_change() {
	new_test_ext().execute_with(|| {
		active_alice();
		assert_noop!(
			TelcoRegistry::reject_profile_change(RuntimeOrigin::root(), ALICE),
			Error::<Test>::NoProfileChange
		);
	});
}

#[test]
fn refuses_an_unknown_account() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			TelcoRegistry::reject_profile_change(RuntimeOrigin::root(), BOB),
			Error::<Test>::UnknownTelco
		);
	});
}

#[test]
fn refuses_anyone_but_the_council() {
	new_test_ext().execute_with(|| {
		active_alice();
		alice_proposes(&[plmn("208", "15")]);
		assert_noop!(
			TelcoRegistry::reject_profile_change(RuntimeOrigin::signed(ALICE), ALICE),
			DispatchError::BadOrigin
		);
	});
}
