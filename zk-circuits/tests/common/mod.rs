//! Shared fixtures: sample batches and dev-seeded keys (generated once per test binary).
#![allow(dead_code)]

use ark_bn254::Fr;
use gesim_zk::{
	verifier::{usage_binding, validate_vk, CircuitId, PreparedKey},
	CircuitKey, Plmn, SetupRandomness, UsageRecord, UsageStatement,
};
use rand_chacha::{rand_core::SeedableRng, ChaCha20Rng};
use std::sync::OnceLock;

/// The subject the sample records are charged to (and the binding's agreement id).
pub const SUBJECT: u128 = 42;
/// The period the sample records lie in: 1024 hourly sessions from 2026-01-01, the last
/// ending within a day of its start.
pub const PERIOD: (u64, u64) = (1_767_225_600, 1_767_225_600 + 1024 * 3600 + 86_400);
/// The networks the sample records were served on.
pub const NETWORKS: [(&str, &str); 3] = [("208", "01"), ("262", "001"), ("310", "260")];

/// A deterministic batch of `n` records of [`SUBJECT`] in [`PERIOD`] on [`NETWORKS`], with
/// varied volumes.
pub fn sample_records(n: usize) -> Vec<UsageRecord> {
	(0..n)
		.map(|i| {
			let (mcc, mnc) = NETWORKS[i % 3];
			UsageRecord {
				binding_id: SUBJECT,
				session_start: PERIOD.0 + i as u64 * 3600,
				duration_secs: 60 + i as u32 * 17,
				bytes_up: (i as u64 * 7919) % 1_000_003,
				bytes_down: if i == 5 { (1 << 40) - 1 } else { (i as u64 * 104_729) % 50_000_017 },
				serving_network: Plmn::parse(mcc, mnc).unwrap(),
			}
		})
		.collect()
}

/// The binding used by tests: telco 0xd4…35…, agreement 42, a fixed genesis hash.
pub fn binding() -> Fr {
	usage_binding(&telco(), SUBJECT, &[0x91; 32])
}

/// The networks' BCD values, in the order the chain would list them.
pub fn networks() -> Vec<u32> {
	NETWORKS
		.iter()
		.map(|(mcc, mnc)| Plmn::parse(mcc, mnc).unwrap().to_bcd())
		.collect()
}

/// What the sample records are proved for under `nonce`.
pub fn statement(nonce: u64) -> UsageStatement {
	UsageStatement {
		nonce,
		binding: binding(),
		subject: SUBJECT,
		period_start: PERIOD.0,
		period_end: PERIOD.1,
		networks: networks(),
	}
}

/// Test telco account.
pub fn telco() -> [u8; 32] {
	let mut t = [0x35; 32];
	t[..16].fill(0xd4);
	t
}

/// A deterministic RNG.
pub fn rng(seed: u64) -> ChaCha20Rng {
	ChaCha20Rng::seed_from_u64(seed)
}

/// Dev-seeded key for `circuit`, generated once per test binary.
pub fn key(circuit: CircuitId) -> &'static CircuitKey {
	static KEYS: [OnceLock<CircuitKey>; 7] = [const { OnceLock::new() }; 7];
	let slot = CircuitId::ALL.iter().position(|c| *c == circuit).unwrap();
	KEYS[slot].get_or_init(|| CircuitKey::generate(circuit, SetupRandomness::DevSeed(7)).unwrap())
}

/// The key as the chain holds it after registration.
pub fn prepared(circuit: CircuitId) -> PreparedKey {
	validate_vk(&key(circuit).verifying_key_bytes()).unwrap()
}
