//! `apply`: a bonded, pending application whose PLMNs are claimed at once.

use super::mock::*;
use crate::{Error, Event, PlmnOwner, Service, TelcoStatus, Telcos};
use codec::{Decode, Encode};
use frame_support::{assert_noop, assert_ok, traits::PalletInfoAccess};
use sp_runtime::DispatchError;

fn apply(
	who: AccountId,
	legal_name: &str,
	plmn_list: &[gesim_primitives::Plmn],
	cell_list: &[&str],
	service_list: &[Service],
) -> frame_support::dispatch::DispatchResult {
	TelcoRegistry::apply(
		RuntimeOrigin::signed(who),
		name(legal_name),
		plmns(plmn_list),
		cells(cell_list),
		services(service_list),
		ALICE_KEY,
	)
}

#[test]
fn holds_the_bond_claims_the_plmns_and_waits_for_the_council() {
	new_test_ext().execute_with(|| {
		let second = plmn("208", "010");
		assert_ok!(apply(
			ALICE,
			"Orange SA",
			&[alice_plmn(), second],
			&["u09tv", "u09"],
			&[Service::Roaming, Service::Data, Service::Esim],
		));

		let record = Telcos::<Test>::get(ALICE).unwrap();
		assert_eq!(record.status, TelcoStatus::Pending);
		assert_eq!(record.legal_name.to_vec(), b"Orange SA".to_vec());
		assert_eq!(record.plmns.to_vec(), vec![alice_plmn(), second], "order kept: home first");
		assert_eq!(record.coverage, cells(&["u09tv", "u09"]));
		assert_eq!(
			record.services.to_vec(),
			vec![Service::Data, Service::Roaming, Service::Esim],
			"services stored sorted"
		);
		assert_eq!(record.receipt_key, ALICE_KEY);
		assert_eq!(record.retiring_receipt_key, None);
		assert_eq!((record.bond, record.applied_at), (BOND, 1));

		assert_eq!(bond_held(ALICE), BOND);
		assert_eq!(free(ALICE), START_BALANCE - BOND);
		assert_eq!(PlmnOwner::<Test>::get(alice_plmn()), Some(ALICE));
		assert_eq!(PlmnOwner::<Test>::get(second), Some(ALICE));
		assert_eq!(last_event(), Event::Applied { telco: ALICE, bond: BOND }.into());
	});
}

#[test]
fn refuses_an_account_already_registered() {
	new_test_ext().execute_with(|| {
		apply_with(ALICE, alice_plmn(), ALICE_KEY);
		assert_noop!(
			apply(ALICE, "Again", &[plmn("208", "20")], &[], &[Service::Data]),
			Error::<Test>::AlreadyRegistered
		);
	});
}

#[test]
fn refuses_a_plmn_another_operator_claims_even_while_pending() {
	new_test_ext().execute_with(|| {
		apply_with(ALICE, alice_plmn(), ALICE_KEY);
		assert_noop!(
			apply(BOB, "Bob Mobile", &[bob_plmn(), alice_plmn()], &[], &[Service::Data]),
			Error::<Test>::PlmnTaken
		);
		// Once approved, the claim stands just the same.
		assert_ok!(TelcoRegistry::approve(RuntimeOrigin::root(), ALICE));
		assert_noop!(
			apply(BOB, "Bob Mobile", &[alice_plmn()], &[], &[Service::Data]),
			Error::<Test>::PlmnTaken
		);
	});
}

#[test]
fn refuses_a_plmn_listed_twice() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			apply(
				ALICE,
				"Orange",
				&[alice_plmn(), bob_plmn(), alice_plmn()],
				&[],
				&[Service::Data]
			),
			Error::<Test>::DuplicatePlmn
		);
	});
}

#[test]
fn keeps_two_and_three_digit_mncs_apart() {
	new_test_ext().execute_with(|| {
		assert_ok!(apply(
			ALICE,
			"Orange",
			&[plmn("001", "01"), plmn("001", "001")],
			&[],
			&[Service::Data]
		));
	});
}

#[test]
fn refuses_an_empty_legal_name() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			apply(ALICE, "", &[alice_plmn()], &[], &[Service::Data]),
			Error::<Test>::EmptyLegalName
		);
	});
}

#[test]
fn refuses_an_empty_plmn_list() {
	new_test_ext().execute_with(|| {
		assert_noop!(apply(ALICE, "Orange", &[], &[], &[Service::Data]), Error::<Test>::NoPlmn);
	});
}

#[test]
fn refuses_a_coverage_cell_listed_twice() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			apply(ALICE, "Orange", &[alice_plmn()], &["u09", "u09tv", "u09"], &[Service::Data]),
			Error::<Test>::DuplicateCoverageCell
		);
	});
}

#[test]
fn refuses_an_empty_service_list() {
	new_test_ext().execute_with(|| {
		assert_noop!(apply(ALICE, "Orange", &[alice_plmn()], &[], &[]), Error::<Test>::NoService);
	});
}

#[test]
fn refuses_a_service_listed_twice() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			apply(
				ALICE,
				"Orange",
				&[alice_plmn()],
				&[],
				&[Service::Sms, Service::Data, Service::Sms]
			),
			Error::<Test>::DuplicateService
		);
	});
}

#[test]
fn refuses_an_applicant_who_cannot_hold_the_bond() {
	new_test_ext().execute_with(|| {
		// PAUPER has exactly the bond: holding it all would leave less than the existential
		// deposit free.
		assert_noop!(
			apply(PAUPER, "Pauper", &[alice_plmn()], &[], &[Service::Data]),
			Error::<Test>::InsufficientBond
		);
		assert_noop!(
			apply(77, "Nobody", &[alice_plmn()], &[], &[Service::Data]),
			Error::<Test>::InsufficientBond
		);
	});
}

#[test]
fn refuses_an_unsigned_origin() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			TelcoRegistry::apply(
				RuntimeOrigin::root(),
				name("Orange"),
				plmns(&[alice_plmn()]),
				cells(&[]),
				services(&[Service::Data]),
				ALICE_KEY
			),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn oversized_metadata_is_refused_when_the_call_is_decoded() {
	new_test_ext().execute_with(|| {
		let pallet = TelcoRegistry::index() as u8;
		let encode = |name: Vec<u8>,
		              plmn_list: Vec<gesim_primitives::Plmn>,
		              cell_list: Vec<&str>,
		              svc: Vec<Service>| {
			let cells: Vec<gesim_primitives::Geohash> = cell_list
				.iter()
				.map(|c| gesim_primitives::Geohash::new(c.as_bytes()).unwrap())
				.collect();
			let mut bytes = vec![pallet, 0];
			(name, plmn_list, cells, svc, ALICE_KEY).encode_to(&mut bytes);
			bytes
		};
		let fits = encode(vec![b'n'; 16], vec![alice_plmn()], vec!["u09"], vec![Service::Data]);
		assert!(RuntimeCall::decode(&mut &fits[..]).is_ok(), "the control call decodes");

		let long_name =
			encode(vec![b'n'; 17], vec![alice_plmn()], vec!["u09"], vec![Service::Data]);
		assert!(RuntimeCall::decode(&mut &long_name[..]).is_err());
		let many_plmns = encode(
			vec![b'n'],
			vec![alice_plmn(), bob_plmn(), plmn("310", "410"), plmn("302", "720")],
			vec![],
			vec![Service::Data],
		);
		assert!(RuntimeCall::decode(&mut &many_plmns[..]).is_err());
		let many_cells =
			encode(vec![b'n'], vec![alice_plmn()], vec!["u", "v", "w", "x"], vec![Service::Data]);
		assert!(RuntimeCall::decode(&mut &many_cells[..]).is_err());
		let seven_services = encode(
			vec![b'n'],
			vec![alice_plmn()],
			vec![],
			vec![Service::Data; crate::SERVICE_KINDS as usize + 1],
		);
		assert!(RuntimeCall::decode(&mut &seven_services[..]).is_err());
		// A malformed PLMN (MCC 000) never decodes either.
		let mut bad_plmn = vec![pallet, 0];
		(vec![b'n'], vec![[0x00u8, 0xF0, 0x10]], Vec::<u8>::new(), vec![Service::Data], ALICE_KEY)
			.encode_to(&mut bad_plmn);
		assert!(RuntimeCall::decode(&mut &bad_plmn[..]).is_err());
	});
}
