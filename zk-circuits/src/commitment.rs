//! The usage commitment: a Poseidon Merkle root over a padded batch of records.
//!
//! Tree shape (arity 4 throughout, to cut constraints):
//! - leaves: `Poseidon8(meta₀, volume₀, …, meta₃, volume₃)` over four consecutive
//!   records (t = 9);
//! - inner nodes: `Poseidon4(child₀, …, child₃)` (t = 5), up to a single root.
//!
//! A batch of 64 / 256 / 1024 records has 16 / 64 / 256 leaves: always a power of four.
//! Empty slots after the last record are zero records. The root therefore depends on the
//! batch size: commit and prove with the same size.

use crate::{
	batch::BatchSize,
	error::{Result, ZkError},
	record::{UsageRecord, PADDING},
};
use ark_bn254::Fr;
use gesim_zk_verifier::{fr_to_le_bytes, poseidon};

/// Records per leaf.
pub const RECORDS_PER_LEAF: usize = 4;
/// Children per inner node.
pub const ARITY: usize = 4;

/// What an operator anchors on chain for a batch, and what it later proves against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UsageCommitment {
	/// The tree root.
	pub root: Fr,
	/// The batch size (circuit) the root was computed for.
	pub batch: BatchSize,
	/// Real records in the batch (the rest is padding).
	pub records: usize,
	/// Sum of bytes up and down.
	pub total_bytes: u64,
}

impl UsageCommitment {
	/// Commits to `records` padded to `batch`; records are range-checked first.
	pub fn new(records: &[UsageRecord], batch: BatchSize) -> Result<Self> {
		batch.check_fits(records.len())?;
		for (index, record) in records.iter().enumerate() {
			record.validate().map_err(|source| ZkError::Record { index, source })?;
		}
		Ok(Self {
			root: usage_root(&padded_elements(records, batch)),
			batch,
			records: records.len(),
			total_bytes: records.iter().map(UsageRecord::total_bytes).sum(),
		})
	}

	/// The root as the 32 little-endian bytes used on chain.
	pub fn root_bytes(&self) -> [u8; 32] {
		fr_to_le_bytes(&self.root)
	}
}

/// The field encoding of `records`, padded with zero records to the batch size.
pub fn padded_elements(records: &[UsageRecord], batch: BatchSize) -> Vec<[Fr; 2]> {
	let mut out: Vec<[Fr; 2]> = records.iter().map(UsageRecord::to_field_elements).collect();
	out.resize(batch.records(), PADDING);
	out
}

/// The root over already encoded, padded records (`len` a batch size).
pub fn usage_root(elements: &[[Fr; 2]]) -> Fr {
	let mut level: Vec<Fr> = elements
		.chunks(RECORDS_PER_LEAF)
		.map(|four| {
			let mut inputs = [Fr::from(0u64); 8];
			for (slot, record) in inputs.chunks_mut(2).zip(four) {
				slot.copy_from_slice(record);
			}
			poseidon::hash8(inputs)
		})
		.collect();
	while level.len() > 1 {
		level = level.chunks(ARITY).map(|c| poseidon::hash4([c[0], c[1], c[2], c[3]])).collect();
	}
	level[0]
}
