//! Why a key, proof or public input was refused.

/// Why verification (or key registration) failed. Never a panic: every byte string the
/// chain can receive maps to one of these. SCALE-encoded, it crosses the host-function
/// boundary (`gesim-zk-host`) unchanged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error, codec::Encode, codec::Decode)]
pub enum VerifyError {
	/// The verifying key bytes do not decode (length, field elements >= p, flags).
	#[error("verifying key bytes are malformed")]
	MalformedKey,
	/// The key declares more public inputs than the chain supports.
	#[error("verifying key has {count} public inputs, more than the supported maximum")]
	TooManyPublicInputs {
		/// Public inputs the key declares.
		count: u32,
	},
	/// A key point is not on the BN254 curve.
	#[error("verifying key point is not on the curve")]
	KeyPointNotOnCurve,
	/// A key point is not in the prime-order subgroup.
	#[error("verifying key point is not in the prime-order subgroup")]
	KeyPointNotInSubgroup,
	/// α, β, γ or δ is the identity: such a key would accept forged proofs.
	#[error("verifying key is degenerate (identity point)")]
	DegenerateKey,
	/// The proof bytes do not decode (length, field elements >= p, flags).
	#[error("proof bytes are malformed")]
	MalformedProof,
	/// A proof point is not on the curve.
	#[error("proof point is not on the curve")]
	ProofPointNotOnCurve,
	/// A proof point is not in the prime-order subgroup (small-subgroup attack on G2).
	#[error("proof point is not in the prime-order subgroup")]
	ProofPointNotInSubgroup,
	/// The number of public inputs differs from what the key was made for.
	#[error("expected {expected} public inputs, got {got}")]
	WrongInputCount {
		/// Inputs the key expects.
		expected: u32,
		/// Inputs supplied.
		got: u32,
	},
	/// A public input is >= r: it would alias a smaller value (e.g. a nonce).
	#[error("public input {index} is not a canonical field element (>= r)")]
	NonCanonicalInput {
		/// Position of the offending input.
		index: u32,
	},
	/// The pairing equation does not hold: the proof is not for these inputs and this key.
	#[error("proof does not verify")]
	InvalidProof,
}
