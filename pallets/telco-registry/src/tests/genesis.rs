//! The genesis config: operators active from the first block, bonded like any other.

use super::mock::*;
use crate::{PlmnOwner, Service, TelcoStatus, Telcos};
use gesim_primitives::TelcoInspect;

#[test]
fn registers_active_bonded_operators() {
	new_test_ext_with(vec![
		(
			ALICE,
			b"Orange".to_vec(),
			vec![alice_plmn().octets(), plmn("208", "02").octets()],
			ALICE_KEY,
		),
		(BOB, b"Telekom".to_vec(), vec![bob_plmn().octets()], BOB_KEY),
	])
	.execute_with(|| {
		let alice = Telcos::<Test>::get(ALICE).unwrap();
		assert_eq!(alice.status, TelcoStatus::Active);
		assert_eq!(alice.legal_name.to_vec(), b"Orange".to_vec());
		assert_eq!(alice.plmns.to_vec(), vec![alice_plmn(), plmn("208", "02")]);
		assert_eq!(alice.services.to_vec(), Service::ALL.to_vec());
		assert!(alice.coverage.is_empty());
		assert_eq!((alice.bond, alice.applied_at), (BOND, 0));
		assert!(TelcoRegistry::is_active(&ALICE) && TelcoRegistry::is_active(&BOB));
		assert!(TelcoRegistry::is_valid_receipt_key(&BOB, &BOB_KEY));
		assert_eq!((bond_held(ALICE), free(ALICE)), (BOND, START_BALANCE - BOND));
		assert_eq!(PlmnOwner::<Test>::get(plmn("208", "02")), Some(ALICE));
		assert_eq!(PlmnOwner::<Test>::get(bob_plmn()), Some(BOB));
	});
}

#[test]
#[should_panic(expected = "PlmnTaken")]
fn refuses_a_plmn_claimed_twice() {
	new_test_ext_with(vec![
		(ALICE, b"Orange".to_vec(), vec![alice_plmn().octets()], ALICE_KEY),
		(BOB, b"Telekom".to_vec(), vec![alice_plmn().octets()], BOB_KEY),
	]);
}

#[test]
#[should_panic(expected = "InsufficientBond")]
fn refuses_an_operator_that_cannot_bond() {
	new_test_ext_with(vec![(PAUPER, b"Pauper".to_vec(), vec![alice_plmn().octets()], ALICE_KEY)]);
}

#[test]
#[should_panic(expected = "invalid PLMN identity")]
fn refuses_malformed_plmn_octets() {
	new_test_ext_with(vec![(ALICE, b"Orange".to_vec(), vec![[0x00, 0xF0, 0x10]], ALICE_KEY)]);
}

#[cfg(feature = "runtime-benchmarks")]
#[test]
fn benchmark_helper_registers_an_active_bonded_operator() {
	new_test_ext().execute_with(|| {
		TelcoRegistry::benchmark_register_active(&50).unwrap();
		TelcoRegistry::benchmark_register_active(&51).unwrap();
		assert!(TelcoRegistry::is_active(&50) && TelcoRegistry::is_active(&51));
		assert_eq!((bond_held(50), bond_held(51)), (BOND, BOND));
		assert_ne!(Telcos::<Test>::get(50).unwrap().plmns, Telcos::<Test>::get(51).unwrap().plmns);
		// Idempotent for an operator already active.
		TelcoRegistry::benchmark_register_active(&50).unwrap();
	});
}
