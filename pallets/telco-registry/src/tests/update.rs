//! `update`: an operator replaces its profile under the same checks as `apply`; once admitted,
//! a new legal name or PLMN list waits for the council.

use super::mock::*;
use crate::{Error, Event, PlmnOwner, ProfileChange, ProfileChanges, Service, TelcoStatus, Telcos};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

#[test]
fn a_pending_applicant_replaces_its_whole_profile_at_once() {
	new_test_ext().execute_with(|| {
		apply_with(ALICE, alice_plmn(), ALICE_KEY);
		let added = plmn("208", "15");

		assert_ok!(update_profile(
			ALICE,
			"Orange France",
			&[added],
			&["u09", "u0d"],
			&[Service::Voice, Service::Data]
		));

		let record = Telcos::<Test>::get(ALICE).unwrap();
		assert_eq!(record.legal_name.to_vec(), b"Orange France".to_vec());
		assert_eq!(record.plmns.to_vec(), vec![added]);
		assert_eq!(record.coverage, cells(&["u09", "u0d"]));
		assert_eq!(record.services.to_vec(), vec![Service::Data, Service::Voice]);
		assert_eq!(record.status, TelcoStatus::Pending, "standing unchanged");
		assert_eq!((record.bond, record.receipt_key), (BOND, ALICE_KEY));
		assert!(!ProfileChanges::<Test>::contains_key(ALICE), "the council reviews at approval");
		assert_eq!(PlmnOwner::<Test>::get(added), Some(ALICE));
		assert_eq!(PlmnOwner::<Test>::get(alice_plmn()), None, "dropped PLMN released");
		assert_eq!(last_event(), Event::Updated { telco: ALICE }.into());

		// The released network is free for another operator.
		apply_with(BOB, alice_plmn(), BOB_KEY);
	});
}

#[test]
fn keeps_a_plmn_the_operator_already_claims() {
	new_test_ext().execute_with(|| {
		apply_with(ALICE, alice_plmn(), ALICE_KEY);
		assert_ok!(update_profile(
			ALICE,
			"Orange",
			&[plmn("208", "15"), alice_plmn()],
			&[],
			&[Service::Data]
		));
		assert_eq!(PlmnOwner::<Test>::get(alice_plmn()), Some(ALICE));
		assert_eq!(PlmnOwner::<Test>::get(plmn("208", "15")), Some(ALICE));
	});
}

#[test]
fn an_admitted_operator_changes_coverage_and_services_at_once() {
	new_test_ext().execute_with(|| {
		active_alice();

		assert_ok!(update_profile(
			ALICE,
			"Operator",
			&[alice_plmn()],
			&["u09", "u0d"],
			&[Service::Voice, Service::Data]
		));

		let record = Telcos::<Test>::get(ALICE).unwrap();
		assert_eq!(record.coverage, cells(&["u09", "u0d"]));
		assert_eq!(record.services.to_vec(), vec![Service::Data, Service::Voice]);
		assert_eq!(record.legal_name.to_vec(), b"Operator".to_vec());
		assert!(!ProfileChanges::<Test>::contains_key(ALICE), "nothing for the council");
		assert_eq!(last_event(), Event::Updated { telco: ALICE }.into());
	});
}

#[test]
fn active_telco_cannot_rename_itself_without_review() {
	new_test_ext().execute_with(|| {
		active_alice();
		System::set_block_number(4);

		assert_ok!(update_profile(
			ALICE,
			"Someone Else",
			&[alice_plmn()],
			&["u0d"],
			&[Service::Data]
		));

		let record = Telcos::<Test>::get(ALICE).unwrap();
		assert_eq!(record.legal_name.to_vec(), b"Operator".to_vec(), "name unchanged");
		assert_eq!(record.coverage, cells(&["u0d"]), "coverage changed at once");
		assert_eq!(
			ProfileChanges::<Test>::get(ALICE),
			Some(ProfileChange {
				legal_name: name("Someone Else"),
				plmns: plmns(&[alice_plmn()]),
				proposed_at: 4
			})
		);
		assert_eq!(
			last_events(2),
			vec![
				Event::Updated { telco: ALICE }.into(),
				Event::ProfileChangeProposed { telco: ALICE }.into()
			]
		);
	});
}

#[test]
fn active_telco_cannot_change_its_plmns_without_review() {
	new_test_ext().execute_with(|| {
		active_alice();
		let added = plmn("208", "15");

		assert_ok!(update_profile(ALICE, "Operator", &[added], &[], &[Service::Data]));

		let record = Telcos::<Test>::get(ALICE).unwrap();
		assert_eq!(record.plmns.to_vec(), vec![alice_plmn()], "PLMNs unchanged");
		assert_eq!(PlmnOwner::<Test>::get(alice_plmn()), Some(ALICE), "still its network");
		assert_eq!(PlmnOwner::<Test>::get(added), Some(ALICE), "claimed while it waits");
		assert_eq!(ProfileChanges::<Test>::get(ALICE).unwrap().plmns, plmns(&[added]));
		// No one else takes the PLMN meanwhile.
		assert_noop!(
			TelcoRegistry::apply(
				RuntimeOrigin::signed(BOB),
				name("Bob"),
				plmns(&[added]),
				cells(&[]),
				services(&[Service::Data]),
				BOB_KEY
			),
			Error::<Test>::PlmnTaken
		);
	});
}

#[test]
fn a_suspended_operator_waits_for_review_too() {
	new_test_ext().execute_with(|| {
		suspended_alice();
		assert_ok!(update_profile(ALICE, "Someone Else", &[alice_plmn()], &[], &[Service::Data]));
		assert_eq!(Telcos::<Test>::get(ALICE).unwrap().legal_name.to_vec(), b"Operator".to_vec());
		assert!(ProfileChanges::<Test>::contains_key(ALICE));
	});
}

#[test]
fn a_new_change_supersedes_the_pending_one_and_frees_its_plmns() {
	new_test_ext().execute_with(|| {
		active_alice();
		let (first, second, kept) = (plmn("208", "15"), plmn("208", "16"), plmn("208", "17"));
		alice_proposes(&[first, kept]);

		assert_ok!(update_profile(ALICE, "Orange", &[second, kept], &[], &[Service::Data]));

		assert_eq!(ProfileChanges::<Test>::get(ALICE).unwrap().plmns, plmns(&[second, kept]));
		assert_eq!(PlmnOwner::<Test>::get(first), None, "only the superseded change had it");
		assert_eq!(PlmnOwner::<Test>::get(second), Some(ALICE));
		assert_eq!(PlmnOwner::<Test>::get(kept), Some(ALICE));
		assert_eq!(PlmnOwner::<Test>::get(alice_plmn()), Some(ALICE), "its network is kept");
		assert_eq!(last_event(), Event::ProfileChangeProposed { telco: ALICE }.into());
	});
}

#[test]
fn updating_back_to_the_current_name_and_plmns_withdraws_the_change() {
	new_test_ext().execute_with(|| {
		active_alice();
		let added = plmn("208", "15");
		alice_proposes(&[alice_plmn(), added]);

		assert_ok!(update_profile(ALICE, "Operator", &[alice_plmn()], &[], &[Service::Data]));

		assert!(!ProfileChanges::<Test>::contains_key(ALICE));
		assert_eq!(PlmnOwner::<Test>::get(added), None);
		assert_eq!(PlmnOwner::<Test>::get(alice_plmn()), Some(ALICE));
		assert_eq!(last_event(), Event::ProfileChangeWithdrawn { telco: ALICE }.into());
	});
}

#[test]
fn refuses_a_plmn_another_operator_claims() {
	new_test_ext().execute_with(|| {
		active_alice();
		apply_with(BOB, bob_plmn(), BOB_KEY);
		assert_noop!(
			update_profile(ALICE, "Orange", &[alice_plmn(), bob_plmn()], &[], &[Service::Data]),
			Error::<Test>::PlmnTaken
		);
		// Nor one that another operator's pending change claims.
		alice_proposes(&[plmn("208", "15")]);
		assert_noop!(
			update_profile(BOB, "Bob", &[plmn("208", "15")], &[], &[Service::Data]),
			Error::<Test>::PlmnTaken
		);
	});
}

#[test]
fn refuses_what_apply_refuses() {
	new_test_ext().execute_with(|| {
		active_alice();
		let p = alice_plmn();
		assert_noop!(
			update_profile(ALICE, "", &[p], &[], &[Service::Data]),
			Error::<Test>::EmptyLegalName
		);
		assert_noop!(
			update_profile(ALICE, "Orange", &[], &[], &[Service::Data]),
			Error::<Test>::NoPlmn
		);
		assert_noop!(
			update_profile(ALICE, "Orange", &[p, p], &[], &[Service::Data]),
			Error::<Test>::DuplicatePlmn
		);
		assert_noop!(
			update_profile(ALICE, "Orange", &[p], &["u09", "u09"], &[Service::Data]),
			Error::<Test>::DuplicateCoverageCell
		);
		assert_noop!(update_profile(ALICE, "Orange", &[p], &[], &[]), Error::<Test>::NoService);
		assert_noop!(
			update_profile(ALICE, "Orange", &[p], &[], &[Service::Iot, Service::Iot]),
			Error::<Test>::DuplicateService
		);
	});
}

#[test]
fn refuses_an_unknown_account() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			update_profile(BOB, "Bob", &[bob_plmn()], &[], &[Service::Data]),
			Error::<Test>::UnknownTelco
		);
	});
}

#[test]
fn refuses_an_unsigned_origin() {
	new_test_ext().execute_with(|| {
		active_alice();
		assert_noop!(
			TelcoRegistry::update(
				RuntimeOrigin::root(),
				name("Orange"),
				plmns(&[alice_plmn()]),
				cells(&[]),
				services(&[Service::Data])
			),
			DispatchError::BadOrigin
		);
	});
}
