//! Real proofs for the benchmarks, one per usage circuit, made off chain (a wasm runtime
//! cannot run the prover) by the ignored test `regenerate_benchmark_fixtures`:
//!
//! ```text
//! cargo test --workspace -- --ignored regenerate_benchmark_fixtures
//! ```
//!
//! Each proves a full batch of usage for [`TELCO`] on the chain whose genesis hash is
//! [`GENESIS_HASH`]: once for entitlement [`ENTITLEMENT`], once for roaming agreement
//! [`AGREEMENT`], so the benchmarks run the same verification a real settlement does. The
//! EID-possession fixture ([`eid_fixture`]) does the same for binding an EID commitment.

use codec::{Decode, Encode};
use gesim_primitives::{AgreementId, Bytes, EntitlementId};
use gesim_zk_verifier::{CircuitId, UsageClaim};

/// The operator the fixtures are bound to.
pub const TELCO: [u8; 32] = [0x7e; 32];
/// The genesis hash the benchmarks give their chain.
pub const GENESIS_HASH: [u8; 32] = [0x47; 32];
/// The entitlement the benchmark helper creates first.
pub const ENTITLEMENT: EntitlementId = 0;
/// The agreement the benchmark helper creates first.
pub const AGREEMENT: AgreementId = 0;

/// One usage circuit's key, batch and proofs.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
pub struct Fixture {
	/// The circuit.
	pub circuit: CircuitId,
	/// Its dev-seeded verifying key.
	pub vk: alloc::vec::Vec<u8>,
	/// The root of the full batch.
	pub root: [u8; 32],
	/// The batch's total.
	pub total_bytes: Bytes,
	/// The batch proved for [`ENTITLEMENT`], nonce 1.
	pub entitlement_claim: UsageClaim,
	/// The batch proved for [`AGREEMENT`], nonce 2.
	pub roaming_claim: UsageClaim,
}

/// The committed fixture of `circuit`.
pub fn fixture(circuit: CircuitId) -> Option<Fixture> {
	let bytes: &[u8] = match circuit {
		CircuitId::UsageSum64 => include_bytes!("../fixtures/usage-64.scale"),
		CircuitId::UsageSum256 => include_bytes!("../fixtures/usage-256.scale"),
		CircuitId::UsageSum1024 => include_bytes!("../fixtures/usage-1024.scale"),
		CircuitId::EidPossession => return None,
	};
	Fixture::decode(&mut &bytes[..]).ok()
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
		0 => CircuitId::UsageSum64,
		1 => CircuitId::UsageSum256,
		_ => CircuitId::UsageSum1024,
	}
}
