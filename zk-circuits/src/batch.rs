//! Batch sizes: each is its own circuit with its own key.

use crate::error::{Result, ZkError};
use gesim_zk_verifier::CircuitId;

/// A usage batch size. Shorter batches are padded with zero records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum BatchSize {
	/// 64 records.
	B64,
	/// 256 records.
	B256,
	/// 1024 records.
	B1024,
}

impl BatchSize {
	/// All sizes, smallest first.
	pub const ALL: [BatchSize; 3] = [Self::B64, Self::B256, Self::B1024];

	/// Records the circuit takes.
	pub const fn records(self) -> usize {
		match self {
			Self::B64 => 64,
			Self::B256 => 256,
			Self::B1024 => 1024,
		}
	}

	/// The circuit id of this size.
	pub const fn circuit(self) -> CircuitId {
		match self {
			Self::B64 => CircuitId::Usage64,
			Self::B256 => CircuitId::Usage256,
			Self::B1024 => CircuitId::Usage1024,
		}
	}

	/// The size of a usage circuit id.
	pub fn from_circuit(circuit: CircuitId) -> Option<Self> {
		Self::ALL.into_iter().find(|b| b.circuit() == circuit)
	}

	/// The size with exactly `records` records.
	pub fn from_records(records: usize) -> Option<Self> {
		Self::ALL.into_iter().find(|b| b.records() == records)
	}

	/// The smallest size that holds `count` records (the default of `commit` and `prove`,
	/// so both pick the same tree).
	pub fn smallest_for(count: usize) -> Result<Self> {
		Self::ALL
			.into_iter()
			.find(|b| b.records() >= count)
			.ok_or(ZkError::BatchTooLarge {
				count,
				max: Self::B1024.records(),
				circuit: Self::B1024.circuit().name(),
			})
	}

	/// Checks that `count` records fit.
	pub fn check_fits(self, count: usize) -> Result<()> {
		if count > self.records() {
			return Err(ZkError::BatchTooLarge {
				count,
				max: self.records(),
				circuit: self.circuit().name(),
			});
		}
		Ok(())
	}
}
