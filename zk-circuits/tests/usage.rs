//! The usage circuit end to end: prove with gesim-zk, verify with the chain's no_std
//! verifier (and arkworks as a cross-check), and every way a claim must be refused —
//! including records of another subject, outside the period or on another network.

mod common;

use ark_bn254::Fr;
use ark_ff::{BigInteger, PrimeField};
use ark_relations::gr1cs::{ConstraintSynthesizer, ConstraintSystem};
use common::{binding, key, networks, prepared, rng, sample_records, statement, PERIOD, SUBJECT};
use gesim_zk::{
	circuits::circuit_size,
	prove_usage, rerandomize,
	verifier::{
		fr_to_le_bytes, networks_commitment, verify, verify_stored, CircuitId, PublicInput,
		UsagePublicInputs, VerifyError,
	},
	verify_with_arkworks, BatchSize, Plmn, RecordError, UsageCircuit, UsageProof, UsageRecord,
	UsageStatement, ZkError,
};

fn prove(circuit: CircuitId, records: usize, nonce: u64) -> UsageProof {
	prove_usage(key(circuit), &sample_records(records), statement(nonce), &mut rng(nonce)).unwrap()
}

/// The inputs the pallet builds: the anchored root, subject and period, the operator's
/// networks, and the binding — all from chain state; only the total is claimed.
fn claim_inputs(proof: &UsageProof, total_bytes: u64) -> UsagePublicInputs {
	UsagePublicInputs {
		root: proof.commitment.root_bytes(),
		total_bytes,
		nonce: proof.statement.nonce,
		binding: fr_to_le_bytes(&binding()),
		subject: SUBJECT,
		period_start: PERIOD.0,
		period_end: PERIOD.1,
		networks: fr_to_le_bytes(&networks_commitment(&networks()).unwrap()),
	}
}

fn chain_inputs(proof: &UsageProof) -> [PublicInput; 8] {
	claim_inputs(proof, proof.commitment.total_bytes).to_inputs()
}

/// Whether `circuit` has a satisfying witness.
fn satisfied(circuit: UsageCircuit) -> bool {
	let cs = ConstraintSystem::<Fr>::new_ref();
	circuit.generate_constraints(cs.clone()).unwrap();
	cs.is_satisfied().unwrap()
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
	round_trip(CircuitId::Usage64, 3);
}

#[test]
fn round_trip_64_records_full() {
	round_trip(CircuitId::Usage64, 64);
}

#[test]
fn round_trip_256_records_padded_from_200() {
	round_trip(CircuitId::Usage256, 200);
}

#[test]
fn round_trip_1024_records_full() {
	round_trip(CircuitId::Usage1024, 1024);
}

#[test]
fn rerandomised_proof_has_new_bytes_and_still_verifies() {
	// This is why the chain must deduplicate on the nonce, never on proof bytes.
	let proof = prove(CircuitId::Usage64, 10, 2);
	let again = rerandomize(key(CircuitId::Usage64), &proof.proof.proof, &mut rng(99)).unwrap();
	assert_ne!(again, proof.proof.proof);
	assert_eq!(verify(&prepared(CircuitId::Usage64), &again.0, &chain_inputs(&proof)), Ok(()));
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
		assert_eq!(size.public_inputs, 8);
	}
}

mod reject {
	use super::*;

	fn refused(inputs: [PublicInput; 8], proof: &UsageProof) -> VerifyError {
		verify(&prepared(CircuitId::Usage64), &proof.proof.proof.0, &inputs).unwrap_err()
	}

	#[test]
	fn wrong_total() {
		let proof = prove(CircuitId::Usage64, 5, 3);
		let mut claim = claim_inputs(&proof, proof.commitment.total_bytes + 1);
		assert_eq!(refused(claim.to_inputs(), &proof), VerifyError::InvalidProof);
		claim.total_bytes = proof.commitment.total_bytes - 1;
		assert_eq!(refused(claim.to_inputs(), &proof), VerifyError::InvalidProof);
	}

	#[test]
	fn wrong_root() {
		let proof = prove(CircuitId::Usage64, 5, 4);
		let mut inputs = chain_inputs(&proof);
		inputs[0] = prove(CircuitId::Usage64, 6, 4).commitment.root_bytes();
		assert_eq!(refused(inputs, &proof), VerifyError::InvalidProof);
	}

	#[test]
	fn wrong_nonce() {
		let proof = prove(CircuitId::Usage64, 5, 5);
		let mut inputs = chain_inputs(&proof);
		inputs[2] = fr_to_le_bytes(&Fr::from(6u64));
		assert_eq!(refused(inputs, &proof), VerifyError::InvalidProof);
	}

	#[test]
	fn wrong_binding() {
		let proof = prove(CircuitId::Usage64, 5, 6);
		for other in [
			gesim_zk::verifier::usage_binding(&common::telco(), SUBJECT + 1, &[0x91; 32]),
			gesim_zk::verifier::usage_binding(&[1; 32], SUBJECT, &[0x91; 32]),
			gesim_zk::verifier::usage_binding(&common::telco(), SUBJECT, &[0x92; 32]),
		] {
			let mut inputs = chain_inputs(&proof);
			inputs[3] = fr_to_le_bytes(&other);
			assert_eq!(refused(inputs, &proof), VerifyError::InvalidProof);
		}
	}

	#[test]
	fn tampered_proof() {
		let proof = prove(CircuitId::Usage64, 5, 7);
		let inputs = chain_inputs(&proof);
		let key = prepared(CircuitId::Usage64);
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
		let proof = prove(CircuitId::Usage64, 5, 8);
		let inputs = chain_inputs(&proof);
		for index in 0..8 {
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
		let proof = prove(CircuitId::Usage64, 5, 9);
		let inputs = chain_inputs(&proof);
		assert_eq!(
			verify(&prepared(CircuitId::Usage256), &proof.proof.proof.0, &inputs),
			Err(VerifyError::InvalidProof)
		);
		assert_eq!(
			verify(&prepared(CircuitId::EidPossession), &proof.proof.proof.0, &inputs),
			Err(VerifyError::WrongInputCount { expected: 3, got: 8 })
		);
		// A key from another setup of the same circuit is another key too.
		let other = gesim_zk::CircuitKey::generate(
			CircuitId::Usage64,
			gesim_zk::SetupRandomness::DevSeed(8),
		)
		.unwrap();
		let other = gesim_zk::verifier::validate_vk(&other.verifying_key_bytes()).unwrap();
		assert_eq!(verify(&other, &proof.proof.proof.0, &inputs), Err(VerifyError::InvalidProof));
	}

	#[test]
	fn wrong_input_count() {
		let proof = prove(CircuitId::Usage64, 5, 10);
		let inputs = chain_inputs(&proof);
		assert_eq!(
			verify(&prepared(CircuitId::Usage64), &proof.proof.proof.0, &inputs[..7]),
			Err(VerifyError::WrongInputCount { expected: 8, got: 7 })
		);
	}

	#[test]
	fn a_false_total_has_no_satisfying_witness() {
		let records = sample_records(5);
		let honest = UsageCircuit::new(BatchSize::B64, &records, statement(1));
		assert!(satisfied(honest.clone()));
		let lying =
			honest.with_claimed_total(records.iter().map(|r| r.total_bytes()).sum::<u64>() + 1);
		assert!(!satisfied(lying));
	}

	#[test]
	fn more_records_than_the_batch() {
		let err =
			prove_usage(key(CircuitId::Usage64), &sample_records(65), statement(1), &mut rng(1))
				.unwrap_err();
		assert!(matches!(err, ZkError::BatchTooLarge { count: 65, max: 64, .. }), "{err}");
	}

	#[test]
	fn bytes_over_the_range() {
		let mut records = sample_records(3);
		records[2].bytes_down = 1 << 40;
		let err =
			prove_usage(key(CircuitId::Usage64), &records, statement(1), &mut rng(1)).unwrap_err();
		assert!(matches!(err, ZkError::Record { index: 2, .. }), "{err}");
	}

	#[test]
	fn a_usage_proof_with_the_eid_key() {
		let err = prove_usage(
			key(CircuitId::EidPossession),
			&sample_records(3),
			statement(1),
			&mut rng(1),
		)
		.unwrap_err();
		assert!(err.to_string().contains("not a usage batch"), "{err}");
	}

	/// The proof of a batch fits only its own subject, period and networks: each is a public
	/// input the chain fills in.
	#[test]
	fn another_subject_period_or_networks() {
		let proof = prove(CircuitId::Usage64, 5, 11);
		let other_networks = [Plmn::parse("208", "02").unwrap().to_bcd()];
		for (index, other) in [
			(4, Fr::from(SUBJECT + 1)),
			(5, Fr::from(PERIOD.0 + 1)),
			(6, Fr::from(PERIOD.1 - 1)),
			(7, networks_commitment(&other_networks).unwrap()),
		] {
			let mut inputs = chain_inputs(&proof);
			inputs[index] = fr_to_le_bytes(&other);
			assert_eq!(refused(inputs, &proof), VerifyError::InvalidProof, "input {index}");
		}
	}

	/// Records as an operator would forge them, each laid out for the honest statement: the
	/// prover refuses them by name, and no witness satisfies the circuit either.
	#[test]
	fn records_of_another_subject_outside_the_period_or_on_another_network() {
		let forged: [(&str, fn(&mut UsageRecord)); 6] = [
			("another subscriber's session", |r| r.binding_id = SUBJECT + 1),
			("a roaming agreement's session", |r| r.binding_id = (1 << 64) + SUBJECT),
			("a session before the period", |r| r.session_start = PERIOD.0 - 1),
			("a session ending after the period", |r| {
				r.session_start = PERIOD.1 - 10;
				r.duration_secs = 11;
			}),
			("a session after the period", |r| r.session_start = PERIOD.1 + 1),
			("a session on another network", |r| {
				r.serving_network = Plmn::parse("208", "02").unwrap()
			}),
		];
		for (what, forge) in forged {
			let mut records = sample_records(5);
			forge(&mut records[3]);
			let err = prove_usage(key(CircuitId::Usage64), &records, statement(1), &mut rng(1))
				.unwrap_err();
			assert!(matches!(err, ZkError::Record { index: 3, .. }), "{what}: {err}");
			assert!(
				!satisfied(UsageCircuit::new(BatchSize::B64, &records, statement(1))),
				"{what}: the circuit accepted it"
			);
		}
	}

	#[test]
	fn the_prover_names_what_does_not_fit() {
		let mut records = sample_records(2);
		records[1].binding_id = 7;
		let err = statement(1).check(&records).unwrap_err();
		assert!(
			matches!(
				err,
				ZkError::Record {
					index: 1,
					source: RecordError::OtherSubject { binding_id: 7, subject: SUBJECT }
				}
			),
			"{err}"
		);
		let long = UsageStatement { period_end: PERIOD.0 + (1 << 32), ..statement(1) };
		assert!(long.check(&[]).unwrap_err().to_string().contains("--period-end"));
		let none = UsageStatement { networks: vec![], ..statement(1) };
		assert!(none.check(&[]).unwrap_err().to_string().contains("--networks"));
		let many = UsageStatement { networks: vec![networks()[0]; 17], ..statement(1) };
		assert!(many.check(&[]).unwrap_err().to_string().contains("--networks"));
	}

	/// The same records proved for another subject, period or networks list: no witness.
	#[test]
	fn a_statement_other_than_the_records_has_no_witness() {
		let records = sample_records(5);
		let honest = UsageCircuit::new(BatchSize::B64, &records, statement(1));
		for other in [
			UsageStatement { subject: SUBJECT + 1, ..statement(1) },
			UsageStatement { period_start: records[1].session_start, ..statement(1) },
			UsageStatement { period_end: records[4].session_start, ..statement(1) },
			UsageStatement { networks: networks()[..2].to_vec(), ..statement(1) },
		] {
			assert!(!satisfied(honest.clone().with_statement(other.clone())), "{other:?}");
		}
	}
}
