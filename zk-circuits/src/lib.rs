//! GeSIM zero knowledge, prover side: usage records and their commitment, the Groth16
//! circuits (usage, EID possession), key generation, proving, and the JSON / SCALE
//! shapes the `gesim-zk` CLI writes. Verification lives in `gesim-zk-verifier`
//! (no_std), re-exported here as [`verifier`].
#![deny(missing_docs)]

pub mod batch;
pub mod circuits;
pub mod commitment;
pub mod eid;
pub mod error;
pub mod gadgets;
pub mod keys;
pub mod output;
pub mod prover;
pub mod record;
pub mod records_file;

pub use batch::BatchSize;
pub use circuits::{EidPossessionCircuit, UsageCircuit, UsageStatement};
pub use commitment::UsageCommitment;
pub use error::{RecordError, Result, ZkError};
pub use gesim_zk_verifier as verifier;
pub use keys::{CircuitKey, SetupRandomness};
pub use prover::{
	prove_eid, prove_usage, rerandomize, verify_vk_bytes_with_arkworks, verify_with_arkworks,
	ProofWithInputs, UsageProof,
};
pub use record::{Plmn, UsageRecord, MAX_BINDING_ID, MAX_BYTES_PER_DIRECTION};
