//! The JSON files the CLI writes and reads. Field elements appear twice: in decimal (as
//! snarkjs and circomlibjs print them) and as `0x` + the 32 little-endian bytes the chain
//! carries (`*_hex`). SCALE strings are ready to paste into an extrinsic.

use crate::{
	commitment::UsageCommitment,
	error::{Result, ZkError},
	prover::{ProofWithInputs, UsageProof},
};
use ark_bn254::Fr;
use codec::Encode;
use gesim_zk_verifier::{
	fr_from_le_bytes, fr_to_le_bytes, ProofBytes, PublicInput, UsageClaim, PROOF_BYTES,
};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// `0x`-prefixed lowercase hex.
pub fn to_hex(bytes: &[u8]) -> String {
	format!("0x{}", hex::encode(bytes))
}

/// Parses `0x`-prefixed (or bare) hex of exactly `N` bytes.
pub fn from_hex<const N: usize>(what: &'static str, text: &str) -> Result<[u8; N]> {
	let digits = text.strip_prefix("0x").unwrap_or(text);
	let bytes = hex::decode(digits)
		.map_err(|_| ZkError::Argument { what, reason: format!("`{text}` is not hex") })?;
	bytes.try_into().map_err(|b: Vec<u8>| ZkError::Argument {
		what,
		reason: format!("{} bytes, expected {N}", b.len()),
	})
}

/// A field element in decimal.
pub fn decimal(x: &Fr) -> String {
	x.to_string()
}

/// `gesim-zk commit` output.
#[derive(Debug, Serialize, Deserialize)]
pub struct CommitmentJson {
	/// Circuit the root was computed for (`usage-64`, …).
	pub circuit: String,
	/// Real records.
	pub records: usize,
	/// Batch size (records incl. padding).
	pub batch_size: usize,
	/// Root, decimal.
	pub root: String,
	/// Root, 32 LE bytes.
	pub root_hex: String,
	/// Sum of bytes up and down.
	pub total_bytes: u64,
}

impl From<&UsageCommitment> for CommitmentJson {
	fn from(c: &UsageCommitment) -> Self {
		Self {
			circuit: c.batch.circuit().name().into(),
			records: c.records,
			batch_size: c.batch.records(),
			root: decimal(&c.root),
			root_hex: to_hex(&c.root_bytes()),
			total_bytes: c.total_bytes,
		}
	}
}

/// SCALE encodings of a proof's parts.
#[derive(Debug, Serialize, Deserialize)]
pub struct ScaleJson {
	/// `ProofBytes` (256 bytes, fixed length: no prefix).
	pub proof: String,
	/// `Vec<[u8; 32]>` of the public inputs.
	pub public_inputs: String,
	/// `UsageClaim { total_bytes, nonce, proof }` (usage proofs only).
	#[serde(skip_serializing_if = "Option::is_none", default)]
	pub claim: Option<String>,
}

/// `gesim-zk prove` / `prove-eid` / `import-snarkjs` output, `gesim-zk verify` input.
#[derive(Debug, Serialize, Deserialize)]
pub struct ProofJson {
	/// Circuit name, or `snarkjs` for imported proofs.
	pub circuit: String,
	/// Public inputs, decimal, in circuit order.
	pub public_inputs: Vec<String>,
	/// Public inputs, 32 LE bytes each: what the verifier reads.
	pub public_inputs_hex: Vec<String>,
	/// The proof, 256 bytes ([`ProofBytes`] layout).
	pub proof_hex: String,
	/// The usage commitment proven against (usage proofs only).
	#[serde(skip_serializing_if = "Option::is_none", default)]
	pub commitment: Option<CommitmentJson>,
	/// Claim nonce (usage proofs only).
	#[serde(skip_serializing_if = "Option::is_none", default)]
	pub nonce: Option<u64>,
	/// Binding hash, 32 LE bytes (usage proofs only).
	#[serde(skip_serializing_if = "Option::is_none", default)]
	pub binding_hex: Option<String>,
	/// SCALE encodings for extrinsics.
	pub scale: ScaleJson,
}

impl ProofJson {
	/// From raw parts.
	pub fn new(circuit: &str, proof: &ProofBytes, inputs: &[PublicInput]) -> Self {
		let decimal_inputs = inputs
			.iter()
			.map(|b| fr_from_le_bytes(b).map(|x| decimal(&x)).unwrap_or_default())
			.collect();
		Self {
			circuit: circuit.into(),
			public_inputs: decimal_inputs,
			public_inputs_hex: inputs.iter().map(|b| to_hex(b)).collect(),
			proof_hex: to_hex(&proof.0),
			commitment: None,
			nonce: None,
			binding_hex: None,
			scale: ScaleJson {
				proof: to_hex(&proof.encode()),
				public_inputs: to_hex(&inputs.to_vec().encode()),
				claim: None,
			},
		}
	}

	/// For a proof with its inputs.
	pub fn from_proof(proof: &ProofWithInputs) -> Self {
		Self::new(proof.circuit.name(), &proof.proof, &proof.input_bytes())
	}

	/// For a usage proof (adds commitment, nonce, binding and the claim encoding).
	pub fn from_usage(usage: &UsageProof) -> Self {
		let mut json = Self::from_proof(&usage.proof);
		let claim = UsageClaim {
			total_bytes: usage.commitment.total_bytes,
			nonce: usage.statement.nonce,
			proof: usage.proof.proof.clone(),
		};
		json.commitment = Some((&usage.commitment).into());
		json.nonce = Some(usage.statement.nonce);
		json.binding_hex = Some(to_hex(&fr_to_le_bytes(&usage.statement.binding)));
		json.scale.claim = Some(to_hex(&claim.encode()));
		json
	}

	/// Reads a proof file.
	pub fn read(path: &Path) -> Result<Self> {
		let text = std::fs::read_to_string(path)
			.map_err(|source| ZkError::Io { file: path.into(), source })?;
		serde_json::from_str(&text).map_err(|e| ZkError::Json {
			file: path.into(),
			reason: format!("not a gesim-zk proof file: {e}"),
		})
	}

	/// The proof bytes and the public inputs (as given: canonicity is the verifier's job).
	pub fn parts(&self, path: &Path) -> Result<(ProofBytes, Vec<PublicInput>)> {
		let bad = |reason: String| ZkError::Json { file: path.into(), reason };
		let proof = from_hex::<PROOF_BYTES>("proof_hex", &self.proof_hex)
			.map_err(|e| bad(e.to_string()))?;
		let inputs = self
			.public_inputs_hex
			.iter()
			.map(|h| from_hex::<32>("public_inputs_hex", h))
			.collect::<Result<Vec<_>>>()
			.map_err(|e| bad(e.to_string()))?;
		Ok((ProofBytes(proof), inputs))
	}

	/// Writes the file (pretty JSON).
	pub fn write(&self, path: &Path) -> Result<()> {
		let text = serde_json::to_string_pretty(self).expect("serialising plain data cannot fail");
		std::fs::write(path, text + "\n")
			.map_err(|source| ZkError::Io { file: path.into(), source })
	}
}
