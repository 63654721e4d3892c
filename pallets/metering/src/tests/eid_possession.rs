//! `EidPossessionVerifier`: EID-possession proofs checked against the registered `eid` keys,
//! with real proofs.

use super::mock::*;
use crate::KeyId;
use frame_support::assert_ok;
use frame_system::RawOrigin;
use gesim_primitives::{EidPossessionProof, EidPossessionVerifier, EidProofError};
use gesim_zk::{
	eid::{eid_commitment, parse_eid},
	verifier::{fr_to_le_bytes, CircuitId, Fr},
};
use rand_chacha::{rand_core::SeedableRng, ChaCha20Rng};

const EID_KEY: KeyId = KeyId { circuit: CircuitId::EidPossession, version: 1 };

fn eid() -> Fr {
	parse_eid("89049032000001000000123456789012").unwrap()
}

fn salt() -> Fr {
	Fr::from(0x5A17_u64)
}

fn commitment() -> [u8; 32] {
	fr_to_le_bytes(&eid_commitment(eid(), salt()))
}

/// A real proof that `account` knows the opening of [`commitment`].
fn proof_for(account: &AccountId) -> EidPossessionProof {
	let key = circuit_key(CircuitId::EidPossession);
	let proof = gesim_zk::prove_eid(
		key,
		eid(),
		salt(),
		*account.as_ref(),
		&mut ChaCha20Rng::seed_from_u64(1),
	)
	.unwrap();
	EidPossessionProof { key_version: 1, proof: proof.proof.0 }
}

fn register_eid_key() {
	assert_ok!(crate::Pallet::<Test>::register_key(
		RawOrigin::Root.into(),
		EID_KEY,
		vk_bytes(CircuitId::EidPossession)
	));
}

fn verify(
	who: &AccountId,
	commitment: &[u8; 32],
	proof: &EidPossessionProof,
) -> Result<(), EidProofError> {
	<crate::Pallet<Test> as EidPossessionVerifier<AccountId>>::verify_eid_possession(
		who, commitment, proof,
	)
}

#[test]
fn a_proof_by_the_account_that_knows_the_opening_verifies() {
	new_test_ext().execute_with(|| {
		register_eid_key();
		assert_eq!(verify(&SUBSCRIBER, &commitment(), &proof_for(&SUBSCRIBER)), Ok(()));
	});
}

#[test]
fn a_proof_made_for_another_account_is_rejected() {
	new_test_ext().execute_with(|| {
		register_eid_key();
		// Copied from the chain, the proof is worthless to anyone else.
		assert_eq!(
			verify(&TELCO, &commitment(), &proof_for(&SUBSCRIBER)),
			Err(EidProofError::Rejected)
		);
	});
}

#[test]
fn a_proof_for_another_commitment_is_rejected() {
	new_test_ext().execute_with(|| {
		register_eid_key();
		let mut other = commitment();
		other[0] ^= 1;
		assert_eq!(
			verify(&SUBSCRIBER, &other, &proof_for(&SUBSCRIBER)),
			Err(EidProofError::Rejected)
		);
		// Not even a field element.
		assert_eq!(
			verify(&SUBSCRIBER, &[0xFF; 32], &proof_for(&SUBSCRIBER)),
			Err(EidProofError::Rejected)
		);
	});
}

#[test]
fn malformed_proof_bytes_are_rejected() {
	new_test_ext().execute_with(|| {
		register_eid_key();
		let mut proof = proof_for(&SUBSCRIBER);
		proof.proof[0] = proof.proof[0].wrapping_add(1);
		assert_eq!(verify(&SUBSCRIBER, &commitment(), &proof), Err(EidProofError::Rejected));
		let zero = EidPossessionProof { key_version: 1, proof: [0; 256] };
		assert_eq!(verify(&SUBSCRIBER, &commitment(), &zero), Err(EidProofError::Rejected));
	});
}

#[test]
fn without_a_live_eid_key_nothing_verifies() {
	new_test_ext().execute_with(|| {
		let proof = proof_for(&SUBSCRIBER);
		assert_eq!(verify(&SUBSCRIBER, &commitment(), &proof), Err(EidProofError::NoLiveKey));
		register_eid_key();
		let v2 = EidPossessionProof { key_version: 2, ..proof.clone() };
		assert_eq!(verify(&SUBSCRIBER, &commitment(), &v2), Err(EidProofError::NoLiveKey));
		assert_ok!(crate::Pallet::<Test>::retire_key(RawOrigin::Root.into(), EID_KEY));
		assert_eq!(verify(&SUBSCRIBER, &commitment(), &proof), Err(EidProofError::NoLiveKey));
	});
}

#[test]
fn a_usage_key_under_the_eid_version_does_not_stand_in() {
	new_test_ext().execute_with(|| {
		// Version 1 exists only for usage-64: the EID check looks up the eid circuit alone.
		register_usage_key();
		assert_eq!(
			verify(&SUBSCRIBER, &commitment(), &proof_for(&SUBSCRIBER)),
			Err(EidProofError::NoLiveKey)
		);
	});
}
