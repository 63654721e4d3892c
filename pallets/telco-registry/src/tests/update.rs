//! `update`: an operator replaces its profile under the same checks as `apply`.

use super::mock::*;
use crate::{Error, Event, PlmnOwner, Service, TelcoStatus, Telcos};
use frame_support::{assert_noop, assert_ok, dispatch::DispatchResult};
use gesim_primitives::Plmn;
use sp_runtime::DispatchError;

fn update(
	who: AccountId,
	legal_name: &str,
	plmn_list: &[Plmn],
	cell_list: &[&str],
	service_list: &[Service],
) -> DispatchResult {
	TelcoRegistry::update(
		RuntimeOrigin::signed(who),
		name(legal_name),
		plmns(plmn_list),
		cells(cell_list),
		services(service_list),
	)
}

#[test]
fn replaces_the_profile_and_moves_the_plmn_claims() {
	new_test_ext().execute_with(|| {
		active_alice();
		let added = plmn("208", "15");

		assert_ok!(update(
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
		assert_eq!(record.status, TelcoStatus::Active, "standing unchanged");
		assert_eq!((record.bond, record.receipt_key), (BOND, ALICE_KEY));
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
		active_alice();
		assert_ok!(update(
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
fn refuses_a_plmn_another_operator_claims() {
	new_test_ext().execute_with(|| {
		active_alice();
		apply_with(BOB, bob_plmn(), BOB_KEY);
		assert_noop!(
			update(ALICE, "Orange", &[alice_plmn(), bob_plmn()], &[], &[Service::Data]),
			Error::<Test>::PlmnTaken
		);
	});
}

#[test]
fn refuses_what_apply_refuses() {
	new_test_ext().execute_with(|| {
		active_alice();
		let p = alice_plmn();
		assert_noop!(update(ALICE, "", &[p], &[], &[Service::Data]), Error::<Test>::EmptyLegalName);
		assert_noop!(update(ALICE, "Orange", &[], &[], &[Service::Data]), Error::<Test>::NoPlmn);
		assert_noop!(
			update(ALICE, "Orange", &[p, p], &[], &[Service::Data]),
			Error::<Test>::DuplicatePlmn
		);
		assert_noop!(
			update(ALICE, "Orange", &[p], &["u09", "u09"], &[Service::Data]),
			Error::<Test>::DuplicateCoverageCell
		);
		assert_noop!(update(ALICE, "Orange", &[p], &[], &[]), Error::<Test>::NoService);
		assert_noop!(
			update(ALICE, "Orange", &[p], &[], &[Service::Iot, Service::Iot]),
			Error::<Test>::DuplicateService
		);
	});
}

#[test]
fn refuses_an_unknown_account() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			update(BOB, "Bob", &[bob_plmn()], &[], &[Service::Data]),
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
