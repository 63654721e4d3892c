//! The EID-possession circuit end to end.

mod common;

use ark_bn254::Fr;
use common::{key, prepared, rng};
use gesim_zk::{
	circuits::circuit_size,
	eid::{eid_commitment, parse_eid},
	prove_eid,
	verifier::{fr_to_le_bytes, verify, CircuitId, EidPublicInputs, VerifyError},
	verify_with_arkworks,
};

const ACCOUNT: [u8; 32] = [0x2a; 32];

fn eid() -> Fr {
	parse_eid("89049032000001000000123456789012").unwrap()
}

#[test]
fn round_trip_with_chain_side_inputs() {
	let salt = Fr::from(123_456_789u64);
	let proof =
		prove_eid(key(CircuitId::EidPossession), eid(), salt, ACCOUNT, &mut rng(1)).unwrap();
	let inputs = EidPublicInputs {
		commitment: fr_to_le_bytes(&eid_commitment(eid(), salt)),
		account: ACCOUNT,
	}
	.to_inputs();
	assert_eq!(inputs.to_vec(), proof.input_bytes());
	assert_eq!(verify(&prepared(CircuitId::EidPossession), &proof.proof.0, &inputs), Ok(()));
	assert!(
		verify_with_arkworks(key(CircuitId::EidPossession), &proof.proof, &proof.inputs).unwrap()
	);
}

#[test]
fn size_is_one_poseidon_plus_three() {
	let size = circuit_size(CircuitId::EidPossession).unwrap();
	assert_eq!(size.constraints, 243 + 3);
	assert_eq!(size.public_inputs, 3);
}

mod reject {
	use super::*;

	fn proof_and_inputs() -> (gesim_zk::ProofWithInputs, EidPublicInputs) {
		let salt = Fr::from(5u64);
		let proof =
			prove_eid(key(CircuitId::EidPossession), eid(), salt, ACCOUNT, &mut rng(2)).unwrap();
		(
			proof,
			EidPublicInputs {
				commitment: fr_to_le_bytes(&eid_commitment(eid(), salt)),
				account: ACCOUNT,
			},
		)
	}

	#[test]
	fn another_account() {
		let (proof, mut inputs) = proof_and_inputs();
		for at in [0, 15, 16, 31] {
			inputs.account = ACCOUNT;
			inputs.account[at] ^= 1;
			let got =
				verify(&prepared(CircuitId::EidPossession), &proof.proof.0, &inputs.to_inputs());
			assert_eq!(got, Err(VerifyError::InvalidProof), "byte {at} of the account");
		}
	}

	#[test]
	fn another_commitment() {
		let (proof, mut inputs) = proof_and_inputs();
		inputs.commitment = fr_to_le_bytes(&eid_commitment(eid(), Fr::from(6u64)));
		let got = verify(&prepared(CircuitId::EidPossession), &proof.proof.0, &inputs.to_inputs());
		assert_eq!(got, Err(VerifyError::InvalidProof));
	}

	#[test]
	fn usage_key() {
		let (proof, inputs) = proof_and_inputs();
		let got = verify(&prepared(CircuitId::Usage64), &proof.proof.0, &inputs.to_inputs());
		assert_eq!(got, Err(VerifyError::WrongInputCount { expected: 8, got: 3 }));
	}
}
