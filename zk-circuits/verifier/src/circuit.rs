//! Which circuit a key belongs to: keys are registered and versioned per circuit id.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// A GeSIM circuit. Each has its own verifying key; a proof for one never verifies
/// under the key of another.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum CircuitId {
	/// Usage sum over a batch of up to 64 records.
	UsageSum64,
	/// Usage sum over a batch of up to 256 records.
	UsageSum256,
	/// Usage sum over a batch of up to 1024 records.
	UsageSum1024,
	/// Knowledge of the (eid, salt) behind an EID commitment, bound to an account.
	EidPossession,
}

impl CircuitId {
	/// Public inputs the circuit's key expects.
	pub const fn public_input_count(self) -> usize {
		match self {
			Self::UsageSum64 | Self::UsageSum256 | Self::UsageSum1024 => 4,
			Self::EidPossession => 3,
		}
	}

	/// Records in a usage batch, `None` for the EID circuit.
	pub const fn batch_size(self) -> Option<usize> {
		match self {
			Self::UsageSum64 => Some(64),
			Self::UsageSum256 => Some(256),
			Self::UsageSum1024 => Some(1024),
			Self::EidPossession => None,
		}
	}

	/// Stable lowercase name (CLI flags, file names).
	pub const fn name(self) -> &'static str {
		match self {
			Self::UsageSum64 => "usage-64",
			Self::UsageSum256 => "usage-256",
			Self::UsageSum1024 => "usage-1024",
			Self::EidPossession => "eid",
		}
	}

	/// Every circuit id.
	pub const ALL: [CircuitId; 4] =
		[Self::UsageSum64, Self::UsageSum256, Self::UsageSum1024, Self::EidPossession];
}
