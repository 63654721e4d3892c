//! Real proofs for the benchmarks, one per usage circuit, made off chain (a wasm runtime
//! cannot run the prover) by the ignored test `regenerate_benchmark_fixtures`:
//!
//! ```text
//! cargo test --workspace -- --ignored regenerate_benchmark_fixtures
//! ```
//!
//! Each proves two full batches of usage by [`TELCO`] on the chain whose genesis hash is
//! [`GENESIS_HASH`], served on its [`networks`] during [`PERIOD`]: one of entitlement
//! [`ENTITLEMENT`], one of roaming agreement [`AGREEMENT`], so the benchmarks run the same
//! verification a real settlement does. The batch fixture ([`batch_fixture`]) proves one
//! batch of each of [`BATCH`] entitlements, for batch settlement. The EID-possession fixture ([`eid_fixture`]) does the
//! same for binding an EID commitment.

use crate::UsagePeriod;
use codec::{Decode, Encode};
use gesim_primitives::{AgreementId, Bytes, EntitlementId, Plmn};
use gesim_zk_verifier::{CircuitId, UsageClaim};

/// The operator the fixtures are bound to.
pub const TELCO: [u8; 32] = [0x7e; 32];
/// The genesis hash the benchmarks give their chain.
pub const GENESIS_HASH: [u8; 32] = [0x47; 32];
/// The entitlement the benchmark helper creates first.
pub const ENTITLEMENT: EntitlementId = 0;
/// The agreement the benchmark helper creates first.
pub const AGREEMENT: AgreementId = 0;
/// The period every fixture batch lies in: a day, long enough for 1024 minute-long sessions.
pub const PERIOD: UsagePeriod = UsagePeriod { start: 1_767_225_600, end: 1_767_312_000 };

/// The networks [`TELCO`] registers in the benchmarks: as many as an operator may have
/// (999-900 … 999-915), so the anchor reads and commits to the most.
pub fn networks() -> alloc::vec::Vec<Plmn> {
	(900..916u32)
		.filter_map(|mnc| {
			let mnc =
				[b'0' + (mnc / 100) as u8, b'0' + (mnc / 10 % 10) as u8, b'0' + (mnc % 10) as u8];
			Plmn::from_digits(b"999", &mnc).ok()
		})
		.collect()
}

/// A full batch anchored under its root and the claim proving it.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
pub struct ProvedBatch {
	/// The root of the batch.
	pub root: [u8; 32],
	/// Its proof, with the batch's total and the nonce it was proved under.
	pub claim: UsageClaim,
}

/// One usage circuit's key, batch and proofs.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
pub struct Fixture {
	/// The circuit.
	pub circuit: CircuitId,
	/// Its dev-seeded verifying key.
	pub vk: alloc::vec::Vec<u8>,
	/// Each batch's total.
	pub total_bytes: Bytes,
	/// A batch of [`ENTITLEMENT`], nonce 1.
	pub entitlement: ProvedBatch,
	/// A batch of [`AGREEMENT`], nonce 2.
	pub roaming: ProvedBatch,
}

/// The committed fixture of `circuit`.
pub fn fixture(circuit: CircuitId) -> Option<Fixture> {
	let bytes: &[u8] = match circuit {
		CircuitId::Usage64 => include_bytes!("../fixtures/usage-64.scale"),
		CircuitId::Usage256 => include_bytes!("../fixtures/usage-256.scale"),
		CircuitId::Usage1024 => include_bytes!("../fixtures/usage-1024.scale"),
		_ => return None,
	};
	Fixture::decode(&mut &bytes[..]).ok()
}

/// Claims in the batch fixture: as many as the runtime settles in one batch.
pub const BATCH: u32 = 16;

/// [`BATCH`] full usage-64 batches, the `i`-th of entitlement `i` under nonce `i + 1`, proved
/// with the usage-64 fixture's key.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
pub struct BatchFixture {
	/// Each batch's total.
	pub total_bytes: Bytes,
	/// The batches, in entitlement order.
	pub batches: alloc::vec::Vec<ProvedBatch>,
}

/// The committed batch fixture.
pub fn batch_fixture() -> Option<BatchFixture> {
	BatchFixture::decode(&mut &include_bytes!("../fixtures/usage-64-batch.scale")[..]).ok()
}

/// An EID-possession proof for the benchmark of binding an EID commitment.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
pub struct EidFixture {
	/// The dev-seeded `eid` verifying key it verifies under.
	pub vk: alloc::vec::Vec<u8>,
	/// The account it is bound to: `frame_benchmarking::account("subscriber", 0, 0)`.
	pub account: [u8; 32],
	/// The EID commitment it opens.
	pub commitment: [u8; 32],
	/// The proof.
	pub proof: [u8; 256],
}

/// The committed EID-possession fixture.
pub fn eid_fixture() -> Option<EidFixture> {
	EidFixture::decode(&mut &include_bytes!("../fixtures/eid.scale")[..]).ok()
}

/// The usage circuit of benchmark component `c` (0, 1, 2).
pub fn circuit_of(c: u32) -> CircuitId {
	match c {
		0 => CircuitId::Usage64,
		1 => CircuitId::Usage256,
		_ => CircuitId::Usage1024,
	}
}
