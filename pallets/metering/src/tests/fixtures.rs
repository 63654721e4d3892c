use super::mock::*;
use crate::fixtures::{circuit_of, fixture, Fixture, AGREEMENT, ENTITLEMENT, GENESIS_HASH, TELCO};
use codec::Encode;
use gesim_primitives::UsageSubject;
use gesim_zk::{verifier::UsageClaim, BatchSize, CircuitKey, SetupRandomness, UsageCommitment};
use rand_chacha::{rand_core::SeedableRng, ChaCha20Rng};
use sp_runtime::AccountId32;

fn build(c: u32) -> Fixture {
	let circuit = circuit_of(c);
	let batch = BatchSize::from_circuit(circuit).unwrap();
	let key = CircuitKey::generate(circuit, SetupRandomness::DevSeed(7)).unwrap();
	let batch_records = records(batch.records(), batch.records() as u64 * 1_000_000);
	let commitment = UsageCommitment::new(&batch_records, batch).unwrap();
	let telco = AccountId32::new(TELCO);
	let claim = |subject: UsageSubject, nonce: u64| {
		let binding = gesim_zk::verifier::usage_binding(telco.as_ref(), subject.binding_id(), &GENESIS_HASH);
		let proof =
			gesim_zk::prove_usage(&key, &batch_records, nonce, binding, &mut ChaCha20Rng::seed_from_u64(nonce)).unwrap();
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

#[test]
#[ignore = "writes pallets/metering/fixtures: run after changing a circuit or the binding"]
fn regenerate_benchmark_fixtures() {
	for c in 0..3 {
		let fixture = build(c);
		let dir = std::env::var("CARGO_MANIFEST_DIR").unwrap();
		let path = format!("{dir}/fixtures/{}.scale", fixture.circuit.name());
		std::fs::write(&path, fixture.encode()).unwrap();
	}
}

#[test]
fn the_committed_fixtures_are_valid_proofs_of_full_batches() {
	for c in 0..3 {
		let f = fixture(circuit_of(c)).expect("fixture decodes");
		let batch = BatchSize::from_circuit(f.circuit).unwrap();
		assert_eq!(f.total_bytes, batch.records() as u64 * 1_000_000);
		let telco = AccountId32::new(TELCO);
		for (subject, claim) in
			[(UsageSubject::Entitlement(ENTITLEMENT), &f.entitlement_claim), (UsageSubject::Roaming(AGREEMENT), &f.roaming_claim)]
		{
			let inputs = gesim_zk::verifier::UsagePublicInputs {
				root: f.root,
				total_bytes: claim.total_bytes,
				nonce: claim.nonce,
				binding: gesim_zk::verifier::usage_binding_bytes(telco.as_ref(), subject.binding_id(), &GENESIS_HASH),
			};
			assert_eq!(gesim_zk::verifier::verify_stored(
				&gesim_zk::verifier::validate_vk(&f.vk).unwrap().to_stored().into_inner(),
				&claim.proof.0,
				&inputs.to_inputs(),
			), Ok(()));
		}
	}
}
