//! The usage-sum circuit end to end: prove with gesim-zk, verify with the chain's no_std
//! verifier (and arkworks as a cross-check), and every way a claim must be refused.

mod common;

use ark_bn254::Fr;
use ark_ff::{BigInteger, PrimeField};
use ark_relations::gr1cs::{ConstraintSynthesizer, ConstraintSystem};
use common::{binding, key, prepared, rng, sample_records};
use gesim_zk::{
	circuits::circuit_size,
	prove_usage, rerandomize,
	verifier::{
		fr_to_le_bytes, verify, verify_stored, CircuitId, PublicInput, UsagePublicInputs,
		VerifyError,
	},
	verify_with_arkworks, BatchSize, UsageProof, UsageSumCircuit, ZkError,
};

fn prove(circuit: CircuitId, records: usize, nonce: u64) -> UsageProof {
	prove_usage(key(circuit), &sample_records(records), nonce, binding(), &mut rng(nonce)).unwrap()
}

/// Public inputs rebuilt the way the pallet will: from the anchored root and chain state.
fn chain_inputs(proof: &UsageProof) -> [PublicInput; 4] {
	UsagePublicInputs {
		root: proof.commitment.root_bytes(),
		total_bytes: proof.commitment.total_bytes,
		nonce: proof.nonce,
		binding: fr_to_le_bytes(&binding()),
	}
	.to_inputs()
}

fn round_trip(circuit: CircuitId, records: usize) {
	let proof = prove(circuit, records, 1);
	let inputs = chain_inputs(&proof);
	assert_eq!(inputs.to_vec(), proof.proof.input_bytes(), "chain-side inputs match the prover's");
	let expected_total: u64 =
		sample_records(records).iter().map(|r| r.bytes_up + r.bytes_down).sum();
	assert_eq!(proof.commitment.total_bytes, expected_total);
	assert_eq!(verify(&prepared(circuit), &proof.proof.proof.0, &inputs), Ok(()));
	let stored = prepared(circuit).to_stored();
	assert_eq!(verify_stored(stored.as_bytes(), &proof.proof.proof.0, &inputs), Ok(()));
	assert!(verify_with_arkworks(key(circuit), &proof.proof.proof, &proof.proof.inputs).unwrap());
}

#[test]
fn round_trip_64_records_padded_from_3() {
	round_trip(CircuitId::UsageSum64, 3);
}

#[test]
fn round_trip_64_records_full() {
	round_trip(CircuitId::UsageSum64, 64);
}

#[test]
fn round_trip_256_records_padded_from_200() {
	round_trip(CircuitId::UsageSum256, 200);
}

#[test]
fn round_trip_1024_records_full() {
	round_trip(CircuitId::UsageSum1024, 1024);
}

#[test]
fn rerandomised_proof_has_new_bytes_and_still_verifies() {
	// This is why the chain must deduplicate on the nonce, never on proof bytes.
	let proof = prove(CircuitId::UsageSum64, 10, 2);
	let again = rerandomize(key(CircuitId::UsageSum64), &proof.proof.proof, &mut rng(99)).unwrap();
	assert_ne!(again, proof.proof.proof);
	assert_eq!(verify(&prepared(CircuitId::UsageSum64), &again.0, &chain_inputs(&proof)), Ok(()));
}

#[test]
fn constraints_per_record_stay_under_400() {
	for batch in BatchSize::ALL {
		let size = circuit_size(batch.circuit()).unwrap();
		let per_record = size.constraints as f64 / batch.records() as f64;
		println!(
			"{}: {} constraints, {per_record:.1} per record",
			batch.circuit().name(),
			size.constraints
		);
		assert!(per_record <= 400.0, "{per_record} constraints per record");
		assert_eq!(size.public_inputs, 4);
	}
}

mod reject {
	use super::*;

	fn refused(inputs: [PublicInput; 4], proof: &UsageProof) -> VerifyError {
		verify(&prepared(CircuitId::UsageSum64), &proof.proof.proof.0, &inputs).unwrap_err()
	}

	#[test]
	fn wrong_total() {
		let proof = prove(CircuitId::UsageSum64, 5, 3);
		let mut claim = UsagePublicInputs {
			root: proof.commitment.root_bytes(),
			total_bytes: proof.commitment.total_bytes + 1,
			nonce: proof.nonce,
			binding: fr_to_le_bytes(&binding()),
		};
		assert_eq!(refused(claim.to_inputs(), &proof), VerifyError::InvalidProof);
		claim.total_bytes = proof.commitment.total_bytes - 1;
		assert_eq!(refused(claim.to_inputs(), &proof), VerifyError::InvalidProof);
	}

	#[test]
	fn wrong_root() {
		let proof = prove(CircuitId::UsageSum64, 5, 4);
		let mut inputs = chain_inputs(&proof);
		inputs[0] = prove(CircuitId::UsageSum64, 6, 4).commitment.root_bytes();
		assert_eq!(refused(inputs, &proof), VerifyError::InvalidProof);
	}

	#[test]
	fn wrong_nonce() {
		let proof = prove(CircuitId::UsageSum64, 5, 5);
		let mut inputs = chain_inputs(&proof);
		inputs[2] = fr_to_le_bytes(&Fr::from(6u64));
		assert_eq!(refused(inputs, &proof), VerifyError::InvalidProof);
	}

	#[test]
	fn wrong_binding() {
		let proof = prove(CircuitId::UsageSum64, 5, 6);
		for other in [
			gesim_zk::verifier::usage_binding(&common::telco(), 43, &[0x91; 32]),
			gesim_zk::verifier::usage_binding(&[1; 32], 42, &[0x91; 32]),
			gesim_zk::verifier::usage_binding(&common::telco(), 42, &[0x92; 32]),
		] {
			let mut inputs = chain_inputs(&proof);
			inputs[3] = fr_to_le_bytes(&other);
			assert_eq!(refused(inputs, &proof), VerifyError::InvalidProof);
		}
	}

	#[test]
	fn tampered_proof() {
		let proof = prove(CircuitId::UsageSum64, 5, 7);
		let inputs = chain_inputs(&proof);
		let key = prepared(CircuitId::UsageSum64);
		// Every single-byte change is refused, whichever check catches it.
		for at in [0, 31, 63, 64, 100, 191, 192, 255] {
			let mut bytes = proof.proof.proof.0;
			bytes[at] ^= 0x01;
			assert!(verify(&key, &bytes, &inputs).is_err(), "byte {at} flipped still verified");
		}
		// A still-valid curve point in the wrong place: caught by the pairing check.
		let mut swapped = proof.proof.proof.0;
		swapped.copy_within(0..64, 192);
		assert_eq!(verify(&key, &swapped, &inputs), Err(VerifyError::InvalidProof));
		assert_eq!(verify(&key, &swapped[..255], &inputs), Err(VerifyError::MalformedProof));
	}

	#[test]
	fn non_canonical_inputs() {
		let proof = prove(CircuitId::UsageSum64, 5, 8);
		let inputs = chain_inputs(&proof);
		for index in 0..4 {
			// x + r is the same residue as x: accepting it would let a nonce be reused.
			let mut value = Fr::from_le_bytes_mod_order(&inputs[index]).into_bigint();
			value.add_with_carry(&Fr::MODULUS);
			let mut aliased = inputs;
			aliased[index].copy_from_slice(&value.to_bytes_le());
			assert_eq!(
				refused(aliased, &proof),
				VerifyError::NonCanonicalInput { index: index as u32 }
			);
		}
	}

	#[test]
	fn key_of_another_circuit() {
		let proof = prove(CircuitId::UsageSum64, 5, 9);
		let inputs = chain_inputs(&proof);
		assert_eq!(
			verify(&prepared(CircuitId::UsageSum256), &proof.proof.proof.0, &inputs),
			Err(VerifyError::InvalidProof)
		);
		assert_eq!(
			verify(&prepared(CircuitId::EidPossession), &proof.proof.proof.0, &inputs),
			Err(VerifyError::WrongInputCount { expected: 3, got: 4 })
		);
		// A key from another setup of the same circuit is another key too.
		let other = gesim_zk::CircuitKey::generate(
			CircuitId::UsageSum64,
			gesim_zk::SetupRandomness::DevSeed(8),
		)
		.unwrap();
		let other = gesim_zk::verifier::validate_vk(&other.verifying_key_bytes()).unwrap();
		assert_eq!(verify(&other, &proof.proof.proof.0, &inputs), Err(VerifyError::InvalidProof));
	}

	#[test]
	fn wrong_input_count() {
		let proof = prove(CircuitId::UsageSum64, 5, 10);
		let inputs = chain_inputs(&proof);
		assert_eq!(
			verify(&prepared(CircuitId::UsageSum64), &proof.proof.proof.0, &inputs[..3]),
			Err(VerifyError::WrongInputCount { expected: 4, got: 3 })
		);
	}

	#[test]
	fn a_false_total_has_no_satisfying_witness() {
		let records = sample_records(5);
		let honest = UsageSumCircuit::new(BatchSize::B64, &records, 1, binding());
		let cs = ConstraintSystem::<Fr>::new_ref();
		honest.clone().generate_constraints(cs.clone()).unwrap();
		assert!(cs.is_satisfied().unwrap());
		let lying =
			honest.with_claimed_total(records.iter().map(|r| r.total_bytes()).sum::<u64>() + 1);
		let cs = ConstraintSystem::<Fr>::new_ref();
		lying.generate_constraints(cs.clone()).unwrap();
		assert!(!cs.is_satisfied().unwrap());
	}

	#[test]
	fn more_records_than_the_batch() {
		let err =
			prove_usage(key(CircuitId::UsageSum64), &sample_records(65), 1, binding(), &mut rng(1))
				.unwrap_err();
		assert!(matches!(err, ZkError::BatchTooLarge { count: 65, max: 64, .. }), "{err}");
	}

	#[test]
	fn bytes_over_the_range() {
		let mut records = sample_records(3);
		records[2].bytes_down = 1 << 40;
		let err = prove_usage(key(CircuitId::UsageSum64), &records, 1, binding(), &mut rng(1))
			.unwrap_err();
		assert!(matches!(err, ZkError::Record { index: 2, .. }), "{err}");
	}

	#[test]
	fn a_usage_proof_with_the_eid_key() {
		let err = prove_usage(
			key(CircuitId::EidPossession),
			&sample_records(3),
			1,
			binding(),
			&mut rng(1),
		)
		.unwrap_err();
		assert!(err.to_string().contains("not a usage batch"), "{err}");
	}
}
