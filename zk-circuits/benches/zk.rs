//! GeSIM zk benchmarks: constraints per record, proving time per batch size, native
//! verification. Commands and figures: docs/PERFORMANCE.md, section "Zero knowledge".
//!
//! `cargo bench --profile dev -p gesim-zk --bench zk` (dev profile: every crate at
//! opt-level 3). Filter with e.g. `-- prove/1024`.

use ark_bn254::Fr;
use ark_relations::gr1cs::{
	ConstraintSynthesizer, ConstraintSystem, OptimizationGoal, SynthesisMode,
};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use gesim_zk::{
	circuits::circuit_size,
	prove_usage,
	verifier::{
		fr_to_le_bytes, usage_binding, validate_vk, verify, verify_batch_stored, verify_stored,
		PublicInput,
	},
	verify_with_arkworks, BatchSize, CircuitKey, Plmn, SetupRandomness, UsageCircuit, UsageRecord,
	UsageStatement,
};
use rand_chacha::{rand_core::SeedableRng, ChaCha20Rng};
use std::{
	sync::OnceLock,
	time::{Duration, Instant},
};

fn records(n: usize) -> Vec<UsageRecord> {
	(0..n)
		.map(|i| UsageRecord {
			binding_id: SUBJECT,
			session_start: 1_767_225_600 + i as u64 * 60,
			duration_secs: 30 + i as u32,
			bytes_up: (i as u64 * 7_919) % ((1 << 40) - 1),
			bytes_down: (i as u64 * 1_000_003) % ((1 << 40) - 1),
			serving_network: Plmn::parse("208", "01").unwrap(),
		})
		.collect()
}

fn key(batch: BatchSize) -> &'static CircuitKey {
	static KEYS: [OnceLock<CircuitKey>; 3] = [const { OnceLock::new() }; 3];
	let slot = BatchSize::ALL.iter().position(|b| *b == batch).unwrap();
	KEYS[slot]
		.get_or_init(|| CircuitKey::generate(batch.circuit(), SetupRandomness::DevSeed(1)).unwrap())
}

const SUBJECT: u128 = 7;

fn statement(nonce: u64) -> UsageStatement {
	UsageStatement {
		nonce,
		binding: usage_binding(&[1; 32], SUBJECT, &[2; 32]),
		subject: SUBJECT,
		period_start: 1_767_225_600,
		period_end: 1_767_225_600 + 1024 * 60 + 2048,
		networks: vec![Plmn::parse("208", "01").unwrap().to_bcd()],
	}
}

fn constraints(_: &mut Criterion) {
	// Constraint generation alone, as the prover runs it (witness values, matrices).
	let batch_records = records(1024);
	let circuit = UsageCircuit::new(BatchSize::B1024, &batch_records, statement(1));
	let cs = ConstraintSystem::<Fr>::new_ref();
	cs.set_optimization_goal(OptimizationGoal::Constraints);
	cs.set_mode(SynthesisMode::Prove { construct_matrices: true, generate_lc_assignments: false });
	let start = Instant::now();
	circuit.generate_constraints(cs.clone()).unwrap();
	cs.finalize();
	println!(
		"synthesis/1024: {:.2} s (prove-mode constraint generation)",
		start.elapsed().as_secs_f64()
	);
	for batch in BatchSize::ALL {
		let size = circuit_size(batch.circuit()).unwrap();
		println!(
			"constraints/{}: {} constraints, {} witnesses, {:.1} constraints per record",
			batch.records(),
			size.constraints,
			size.witnesses,
			size.constraints as f64 / batch.records() as f64
		);
	}
}

fn proving(c: &mut Criterion) {
	let mut group = c.benchmark_group("prove");
	group
		.sample_size(10)
		.warm_up_time(Duration::from_secs(1))
		.measurement_time(Duration::from_secs(20));
	for batch in BatchSize::ALL {
		group.bench_function(BenchmarkId::from_parameter(batch.records()), |b| {
			// Inside the closure so a filtered-out size costs no key generation.
			let (key, batch_records) = (key(batch), records(batch.records()));
			let mut rng = ChaCha20Rng::seed_from_u64(3);
			b.iter(|| prove_usage(key, &batch_records, statement(1), &mut rng).unwrap())
		});
	}
	group.finish();
}

fn verification(c: &mut Criterion) {
	let key = key(BatchSize::B64);
	let proof =
		prove_usage(key, &records(64), statement(1), &mut ChaCha20Rng::seed_from_u64(4)).unwrap();
	let inputs: Vec<PublicInput> = proof.proof.inputs.iter().map(fr_to_le_bytes).collect();
	let vk = key.verifying_key_bytes();
	let prepared = validate_vk(&vk).unwrap();
	let stored = prepared.to_stored();
	let mut group = c.benchmark_group("verify");
	group.bench_function("no_std-prepared-key", |b| {
		b.iter(|| verify(&prepared, &proof.proof.proof.0, &inputs).unwrap())
	});
	group.bench_function("no_std-stored-key", |b| {
		b.iter(|| verify_stored(stored.as_bytes(), &proof.proof.proof.0, &inputs).unwrap())
	});
	group.bench_function("arkworks", |b| {
		b.iter(|| {
			assert!(verify_with_arkworks(key, &proof.proof.proof, &proof.proof.inputs).unwrap())
		})
	});
	group.bench_function("validate_vk", |b| b.iter(|| validate_vk(&vk).unwrap()));
	// Sixteen distinct proofs under one key, checked as one batch (divide by 16 per proof).
	let proofs: Vec<_> = (0..16)
		.map(|nonce| {
			let mut rng = ChaCha20Rng::seed_from_u64(100 + nonce);
			let proof = prove_usage(key, &records(64), statement(nonce), &mut rng).unwrap();
			let inputs: Vec<PublicInput> = proof.proof.inputs.iter().map(fr_to_le_bytes).collect();
			(proof.proof.proof.0, inputs)
		})
		.collect();
	let items: Vec<(&[u8], &[PublicInput])> =
		proofs.iter().map(|(proof, inputs)| (&proof[..], &inputs[..])).collect();
	group.bench_function("batch-16-stored-key", |b| {
		b.iter(|| {
			let verdicts = verify_batch_stored(stored.as_bytes(), &items, &[7; 32]).unwrap();
			assert!(verdicts.iter().all(Result::is_ok))
		})
	});
	group.finish();

	// Wall time above includes time the scheduler gives to other work on a loaded
	// machine; this thread's CPU time does not, so it is the load-independent figure.
	const RUNS: u32 = 200;
	let start = thread_cpu_time();
	for _ in 0..RUNS {
		verify(&prepared, &proof.proof.proof.0, &inputs).unwrap();
	}
	let per_verify = (thread_cpu_time() - start) / RUNS;
	println!(
		"verify/no_std-prepared-key cpu time: {:.3} ms per proof ({RUNS} runs)",
		per_verify.as_secs_f64() * 1e3
	);
}

/// CPU time consumed by the calling thread.
fn thread_cpu_time() -> Duration {
	let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
	// SAFETY: clock_gettime only writes the timespec we pass.
	let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
	assert_eq!(rc, 0, "clock_gettime failed");
	Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

criterion_group!(benches, constraints, verification, proving);
criterion_main!(benches);
