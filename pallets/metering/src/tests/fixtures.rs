use crate::fixtures::{
	batch_fixture, circuit_of, eid_fixture, fixture, networks, BatchFixture, EidFixture, Fixture,
	ProvedBatch, AGREEMENT, BATCH, ENTITLEMENT, GENESIS_HASH, PERIOD, TELCO,
};
use codec::Encode;
use gesim_primitives::UsageSubject;
use gesim_zk::verifier::{UsageClaim, UsagePublicInputs};
use gesim_zk::{
	eid::{eid_commitment, parse_eid},
	verifier::{fr_to_le_bytes, networks_commitment, usage_binding, CircuitId, Fr},
	BatchSize, CircuitKey, Plmn, SetupRandomness, UsageCommitment, UsageRecord, UsageStatement,
};
use rand_chacha::{rand_core::SeedableRng, ChaCha20Rng};
use sp_runtime::{traits::TrailingZeroInput, AccountId32};

/// A megabyte per minute-long session, one after another from the period's start, each on
/// one of the operator's networks in turn.
fn records(subject: UsageSubject, n: usize) -> Vec<UsageRecord> {
	let networks = networks();
	(0..n)
		.map(|i| {
			let network = networks[i % networks.len()];
			let (mnc, three_digits) = network.mnc();
			let mnc = if three_digits { format!("{mnc:03}") } else { format!("{mnc:02}") };
			UsageRecord {
				binding_id: subject.binding_id(),
				session_start: PERIOD.start + i as u64 * 60,
				duration_secs: 60,
				bytes_up: 250_000,
				bytes_down: 750_000,
				serving_network: Plmn::parse(&format!("{:03}", network.mcc()), &mnc).unwrap(),
			}
		})
		.collect()
}

fn statement(subject: UsageSubject, nonce: u64) -> UsageStatement {
	let telco = AccountId32::new(TELCO);
	UsageStatement {
		nonce,
		binding: usage_binding(telco.as_ref(), subject.binding_id(), &GENESIS_HASH),
		subject: subject.binding_id(),
		period_start: PERIOD.start,
		period_end: PERIOD.end,
		networks: networks().iter().map(|p| p.to_bcd()).collect(),
	}
}

/// A full batch of `subject`'s usage under `circuit`'s dev-seeded key, proved under `nonce`.
fn prove(key: &CircuitKey, subject: UsageSubject, nonce: u64) -> ProvedBatch {
	let batch = BatchSize::from_circuit(key.circuit).unwrap();
	let records = records(subject, batch.records());
	let root = UsageCommitment::new(&records, batch).unwrap().root_bytes();
	let proof = gesim_zk::prove_usage(
		key,
		&records,
		statement(subject, nonce),
		&mut ChaCha20Rng::seed_from_u64(nonce),
	)
	.unwrap();
	let total_bytes = proof.commitment.total_bytes;
	ProvedBatch { root, claim: UsageClaim { total_bytes, nonce, proof: proof.proof.proof } }
}

fn build(c: u32) -> Fixture {
	let circuit = circuit_of(c);
	let key = CircuitKey::generate(circuit, SetupRandomness::DevSeed(7)).unwrap();
	let entitlement = prove(&key, UsageSubject::Entitlement(ENTITLEMENT), 1);
	let roaming = prove(&key, UsageSubject::Roaming(AGREEMENT), 2);
	Fixture {
		circuit,
		vk: key.verifying_key_bytes(),
		total_bytes: entitlement.claim.total_bytes,
		entitlement,
		roaming,
	}
}

/// `frame_benchmarking::account(name, index, seed)`, which the benchmarks bind EIDs for.
fn benchmark_account(name: &'static str, index: u32, seed: u32) -> AccountId32 {
	let entropy = (name, index, seed).using_encoded(sp_io::hashing::blake2_256);
	codec::Decode::decode(&mut TrailingZeroInput::new(&entropy[..])).unwrap()
}

fn build_batch() -> BatchFixture {
	let key = CircuitKey::generate(CircuitId::Usage64, SetupRandomness::DevSeed(7)).unwrap();
	let batches: Vec<_> = (0..BATCH)
		.map(|i| prove(&key, UsageSubject::Entitlement(ENTITLEMENT + i), u64::from(i) + 1))
		.collect();
	BatchFixture { total_bytes: batches[0].claim.total_bytes, batches }
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
	std::fs::write(format!("{dir}/fixtures/usage-64-batch.scale"), build_batch().encode()).unwrap();
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
	let plmns: Vec<u32> = networks().iter().map(|p| p.to_bcd()).collect();
	assert_eq!(plmns.len(), 16, "as many networks as an operator may register");
	let networks = fr_to_le_bytes(&networks_commitment(&plmns).unwrap());
	for c in 0..3 {
		let f = fixture(circuit_of(c)).expect("fixture decodes");
		let batch = BatchSize::from_circuit(f.circuit).unwrap();
		assert_eq!(f.total_bytes, batch.records() as u64 * 1_000_000);
		let stored = gesim_zk::verifier::validate_vk(&f.vk).unwrap().to_stored().into_inner();
		for (subject, proved) in [
			(UsageSubject::Entitlement(ENTITLEMENT), &f.entitlement),
			(UsageSubject::Roaming(AGREEMENT), &f.roaming),
		] {
			assert_eq!(proved.claim.total_bytes, f.total_bytes);
			let statement = statement(subject, proved.claim.nonce);
			let inputs = UsagePublicInputs {
				root: proved.root,
				total_bytes: proved.claim.total_bytes,
				nonce: proved.claim.nonce,
				binding: fr_to_le_bytes(&statement.binding),
				subject: subject.binding_id(),
				period_start: PERIOD.start,
				period_end: PERIOD.end,
				networks,
			};
			let verify = |inputs: &UsagePublicInputs| {
				gesim_zk::verifier::verify_stored(
					&stored,
					&proved.claim.proof.0,
					&inputs.to_inputs(),
				)
			};
			assert_eq!(verify(&inputs), Ok(()));
			// Bound to the subject: the other one's inputs do not verify.
			assert!(
				verify(&UsagePublicInputs { subject: subject.binding_id() ^ 1, ..inputs }).is_err()
			);
		}
	}
}

#[test]
fn the_committed_batch_fixture_proves_one_full_batch_of_each_entitlement() {
	let f = batch_fixture().expect("fixture decodes");
	let single = fixture(CircuitId::Usage64).expect("fixture decodes");
	let stored = gesim_zk::verifier::validate_vk(&single.vk).unwrap().to_stored().into_inner();
	let networks = networks().iter().map(|p| p.to_bcd()).collect::<Vec<_>>();
	let networks = fr_to_le_bytes(&networks_commitment(&networks).unwrap());
	assert_eq!(f.batches.len(), BATCH as usize);
	let inputs: Vec<_> = f
		.batches
		.iter()
		.enumerate()
		.map(|(i, proved)| {
			let subject = UsageSubject::Entitlement(ENTITLEMENT + i as u32);
			assert_eq!(
				(proved.claim.nonce, proved.claim.total_bytes),
				(i as u64 + 1, f.total_bytes)
			);
			UsagePublicInputs {
				root: proved.root,
				total_bytes: f.total_bytes,
				nonce: proved.claim.nonce,
				binding: fr_to_le_bytes(&statement(subject, proved.claim.nonce).binding),
				subject: subject.binding_id(),
				period_start: PERIOD.start,
				period_end: PERIOD.end,
				networks,
			}
			.to_inputs()
		})
		.collect();
	let items: Vec<(&[u8], &[gesim_zk::verifier::PublicInput])> = f
		.batches
		.iter()
		.zip(&inputs)
		.map(|(p, i)| (&p.claim.proof.0[..], &i[..]))
		.collect();
	let verdicts = gesim_zk::verifier::verify_batch_stored(&stored, &items, &[0; 32]).unwrap();
	assert_eq!(verdicts, vec![Ok(()); BATCH as usize]);
}
