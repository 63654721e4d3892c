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
	/// Superseded by [`Self::Usage64`]: proved a sum of records without binding them to the
	/// subject, the period or the serving networks. Kept so stored keys still decode.
	UsageSum64,
	/// Superseded by [`Self::Usage256`].
	UsageSum256,
	/// Superseded by [`Self::Usage1024`].
	UsageSum1024,
	/// Knowledge of the (eid, salt) behind an EID commitment, bound to an account.
	EidPossession,
	/// Usage of one subject in one period on its operator's networks, batches of up to 64
	/// records ([`crate::UsagePublicInputs`]).
	Usage64,
	/// The same, up to 256 records.
	Usage256,
	/// The same, up to 1024 records.
	Usage1024,
}

impl CircuitId {
	/// Public inputs the circuit's key expects.
	pub const fn public_input_count(self) -> usize {
		match self {
			Self::UsageSum64 | Self::UsageSum256 | Self::UsageSum1024 => 4,
			Self::EidPossession => 3,
			Self::Usage64 | Self::Usage256 | Self::Usage1024 => 8,
		}
	}

	/// Records in a batch of a live usage circuit; `None` for the EID circuit and the
	/// superseded usage circuits.
	pub const fn batch_size(self) -> Option<usize> {
		match self {
			Self::Usage64 => Some(64),
			Self::Usage256 => Some(256),
			Self::Usage1024 => Some(1024),
			_ => None,
		}
	}

	/// Whether this is a superseded usage circuit: its proofs bind nothing but the sum.
	pub const fn is_superseded(self) -> bool {
		matches!(self, Self::UsageSum64 | Self::UsageSum256 | Self::UsageSum1024)
	}

	/// Stable lowercase name (CLI flags, file names).
	pub const fn name(self) -> &'static str {
		match self {
			Self::UsageSum64 => "usage-sum-64",
			Self::UsageSum256 => "usage-sum-256",
			Self::UsageSum1024 => "usage-sum-1024",
			Self::EidPossession => "eid",
			Self::Usage64 => "usage-64",
			Self::Usage256 => "usage-256",
			Self::Usage1024 => "usage-1024",
		}
	}

	/// Every circuit id.
	pub const ALL: [CircuitId; 7] = [
		Self::UsageSum64,
		Self::UsageSum256,
		Self::UsageSum1024,
		Self::EidPossession,
		Self::Usage64,
		Self::Usage256,
		Self::Usage1024,
	];

	/// The circuits keys are made and registered for today.
	pub const LIVE: [CircuitId; 4] =
		[Self::Usage64, Self::Usage256, Self::Usage1024, Self::EidPossession];
}
