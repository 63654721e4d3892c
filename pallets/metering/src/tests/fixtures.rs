use super::mock::*;
use crate::fixtures::{
	circuit_of, eid_fixture, fixture, EidFixture, Fixture, AGREEMENT, ENTITLEMENT, GENESIS_HASH,
	TELCO,
};
use codec::Encode;
use gesim_primitives::UsageSubject;
use gesim_zk::{
	eid::{eid_commitment, parse_eid},
	verifier::{fr_to_le_bytes, CircuitId, Fr},
};
use gesim_zk::{verifier::UsageClaim, BatchSize, CircuitKey, SetupRandomness, UsageCommitment};
use rand_chacha::{rand_core::SeedableRng, ChaCha20Rng};
use sp_runtime::{traits::TrailingZeroInput, AccountId32};

fn build(c: u32) -> Fixture {
	let circuit = circuit_of(c);
	let batch = BatchSize::from_circuit(circuit).unwrap();
	let key = CircuitKey::generate(circuit, SetupRandomness::DevSeed(7)).unwrap();
	let batch_records = records(batch.records(), batch.records() as u64 * 1_000_000);
	let commitment = UsageCommitment::new(&batch_records, batch).unwrap();
	let telco = AccountId32::new(TELCO);
	let claim = |subject: UsageSubject, nonce: u64| {
		let binding =
			gesim_zk::verifier::usage_binding(telco.as_ref(), subject.binding_id(), &GENESIS_HASH);
		let proof = gesim_zk::prove_usage(
			&key,
			&batch_records,
			nonce,
			binding,
			&mut ChaCha20Rng::seed_from_u64(nonce),
		)
		.unwrap();
		UsageClaim { total_bytes: commitment.total_bytes, nonce, proof: proof.proof.proof }
	};
	Fixture {
		circuit,
		vk: key.verifying_key_bytes(),
		root: commitment.root_bytes(),
		total_bytes: commitment.total_bytes,
		entitlement_claim: claim(UsageSubject::Entitlement(ENTITLEMENT), 1),
		roaming_claim: claim(UsageSubject::Roaming(AGREEMENT), 2),
	}
}

/// `frame_benchmarking::account(name, index, seed)`, which the benchmarks bind EIDs for.
fn benchmark_account(name: &'static str, index: u32, seed: u32) -> AccountId32 {
	let entropy = (name, index, seed).using_encoded(sp_io::hashing::blake2_256);
	codec::Decode::decode(&mut TrailingZeroInput::new(&entropy[..])).unwrap()
}

fn build_eid() -> EidFixture {
	let key = CircuitKey::generate(CircuitId::EidPossession, SetupRandomness::DevSeed(7)).unwrap();
	let account = benchmark_account("subscriber", 0, 0);
	let (eid, salt) = (parse_eid("89049032000001000000123456789012").unwrap(), Fr::from(0xB3_u64));
	let proof =
		gesim_zk::prove_eid(&key, eid, salt, *account.as_ref(), &mut ChaCha20Rng::seed_from_u64(3))
			.unwrap();
	EidFixture {
		vk: key.verifying_key_bytes(),
		account: *account.as_ref(),
		commitment: fr_to_le_bytes(&eid_commitment(eid, salt)),
		proof: proof.proof.0,
	}
}

#[test]
#[ignore = "writes pallets/metering/fixtures: run after changing a circuit or the binding"]
fn regenerate_benchmark_fixtures() {
	let dir = std::env::var("CARGO_MANIFEST_DIR").unwrap();
	for c in 0..3 {
		let fixture = build(c);
		let path = format!("{dir}/fixtures/{}.scale", fixture.circuit.name());
		std::fs::write(&path, fixture.encode()).unwrap();
	}
	std::fs::write(format!("{dir}/fixtures/eid.scale"), build_eid().encode()).unwrap();
}

#[test]
fn the_committed_eid_fixture_is_a_valid_proof_for_the_benchmark_account() {
	let f = eid_fixture().expect("fixture decodes");
	assert_eq!(f.account, <[u8; 32]>::from(benchmark_account("subscriber", 0, 0)));
	let inputs =
		gesim_zk::verifier::EidPublicInputs { commitment: f.commitment, account: f.account };
	let stored = gesim_zk::verifier::validate_vk(&f.vk).unwrap().to_stored().into_inner();
	assert_eq!(gesim_zk::verifier::verify_stored(&stored, &f.proof, &inputs.to_inputs()), Ok(()));
	let other = gesim_zk::verifier::EidPublicInputs { account: [0x11; 32], ..inputs };
	assert!(gesim_zk::verifier::verify_stored(&stored, &f.proof, &other.to_inputs()).is_err());
}

#[test]
fn the_committed_fixtures_are_valid_proofs_of_full_batches() {
	for c in 0..3 {
		let f = fixture(circuit_of(c)).expect("fixture decodes");
		let batch = BatchSize::from_circuit(f.circuit).unwrap();
		assert_eq!(f.total_bytes, batch.records() as u64 * 1_000_000);
		let telco = AccountId32::new(TELCO);
		for (subject, claim) in [
			(UsageSubject::Entitlement(ENTITLEMENT), &f.entitlement_claim),
			(UsageSubject::Roaming(AGREEMENT), &f.roaming_claim),
		] {
			let inputs = gesim_zk::verifier::UsagePublicInputs {
				root: f.root,
				total_bytes: claim.total_bytes,
				nonce: claim.nonce,
				binding: gesim_zk::verifier::usage_binding_bytes(
					telco.as_ref(),
					subject.binding_id(),
					&GENESIS_HASH,
				),
			};
			assert_eq!(
				gesim_zk::verifier::verify_stored(
					&gesim_zk::verifier::validate_vk(&f.vk).unwrap().to_stored().into_inner(),
					&claim.proof.0,
					&inputs.to_inputs(),
				),
				Ok(())
			);
		}
	}
}
