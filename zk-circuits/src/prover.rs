//! Proving, re-randomising and native verification.

use crate::{
	batch::BatchSize,
	circuits::{EidPossessionCircuit, UsageCircuit, UsageStatement},
	commitment::UsageCommitment,
	error::{Result, ZkError},
	keys::CircuitKey,
	record::UsageRecord,
};
use ark_bn254::{Bn254, Fr};
use ark_groth16::{Groth16, Proof};
use ark_serialize::{CanonicalDeserialize, CanonicalSerialize, Compress, Validate};
use ark_snark::SNARK;
use gesim_zk_verifier::{fr_to_le_bytes, CircuitId, ProofBytes, PublicInput, PROOF_BYTES};
use rand_chacha::rand_core::{CryptoRng, RngCore};

/// A proof with the public inputs it proves, in circuit order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProofWithInputs {
	/// The circuit it was made for.
	pub circuit: CircuitId,
	/// The proof bytes ([`ProofBytes`] layout).
	pub proof: ProofBytes,
	/// Public inputs as field elements.
	pub inputs: Vec<Fr>,
}

impl ProofWithInputs {
	/// Public inputs as the chain carries them (32 LE bytes each).
	pub fn input_bytes(&self) -> Vec<PublicInput> {
		self.inputs.iter().map(fr_to_le_bytes).collect()
	}
}

/// A usage proof together with the commitment it proves against.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UsageProof {
	/// Root, size and total of the batch.
	pub commitment: UsageCommitment,
	/// What it proves besides the sum: nonce, binding, subject, period, networks.
	pub statement: UsageStatement,
	/// The proof and its public inputs (see [`UsageCircuit`]).
	pub proof: ProofWithInputs,
}

fn proof_bytes(proof: &Proof<Bn254>) -> ProofBytes {
	let mut out = [0u8; PROOF_BYTES];
	// A Groth16 proof on BN254 is exactly 256 bytes uncompressed.
	let _ = proof.serialize_with_mode(&mut out[..], Compress::No);
	ProofBytes(out)
}

/// Proves that `records` (padded to the key's batch size) sum to their total.
pub fn prove_usage<R: RngCore + CryptoRng>(
	key: &CircuitKey,
	records: &[UsageRecord],
	statement: UsageStatement,
	rng: &mut R,
) -> Result<UsageProof> {
	let batch = BatchSize::from_circuit(key.circuit).ok_or(ZkError::Argument {
		what: "--pk",
		reason: format!("key is for circuit {}, not a usage batch", key.circuit.name()),
	})?;
	let commitment = UsageCommitment::new(records, batch)?;
	statement.check(records)?;
	let circuit = UsageCircuit::new(batch, records, statement.clone());
	let inputs = circuit.public_inputs().to_vec();
	let proof = Groth16::<Bn254>::prove(&key.pk, circuit, rng)
		.map_err(|e| ZkError::Proving { circuit: key.circuit.name(), reason: e.to_string() })?;
	Ok(UsageProof {
		commitment,
		statement,
		proof: ProofWithInputs { circuit: key.circuit, proof: proof_bytes(&proof), inputs },
	})
}

/// Proves knowledge of `(eid, salt)` behind `Poseidon2(eid, salt)`, bound to `account`.
pub fn prove_eid<R: RngCore + CryptoRng>(
	key: &CircuitKey,
	eid: Fr,
	salt: Fr,
	account: [u8; 32],
	rng: &mut R,
) -> Result<ProofWithInputs> {
	if key.circuit != CircuitId::EidPossession {
		return Err(ZkError::Argument {
			what: "--pk",
			reason: format!("key is for circuit {}, not eid", key.circuit.name()),
		});
	}
	let circuit = EidPossessionCircuit::new(eid, salt, account);
	let inputs = circuit.public_inputs().to_vec();
	let proof = Groth16::<Bn254>::prove(&key.pk, circuit, rng)
		.map_err(|e| ZkError::Proving { circuit: key.circuit.name(), reason: e.to_string() })?;
	Ok(ProofWithInputs { circuit: key.circuit, proof: proof_bytes(&proof), inputs })
}

/// Decodes proof bytes into arkworks' type (checked).
fn ark_proof(proof: &ProofBytes) -> Result<Proof<Bn254>> {
	Proof::deserialize_with_mode(&proof.0[..], Compress::No, Validate::Yes)
		.map_err(|_| ZkError::Rejected(gesim_zk_verifier::VerifyError::MalformedProof))
}

/// Re-randomises a proof: different bytes, same statement, still valid. This is why the
/// chain deduplicates on the nonce and never on proof bytes.
pub fn rerandomize<R: RngCore + CryptoRng>(
	key: &CircuitKey,
	proof: &ProofBytes,
	rng: &mut R,
) -> Result<ProofBytes> {
	let proof = ark_proof(proof)?;
	Ok(proof_bytes(&Groth16::<Bn254>::rerandomize_proof(&key.pk.vk, &proof, rng)))
}

/// Verifies with arkworks' own Groth16 verifier: an independent check of the no_std one.
pub fn verify_with_arkworks(key: &CircuitKey, proof: &ProofBytes, inputs: &[Fr]) -> Result<bool> {
	verify_vk_bytes_with_arkworks(&key.verifying_key_bytes(), proof, inputs)
}

/// [`verify_with_arkworks`] for a verifying key in GeSIM's encoding (which is arkworks'
/// uncompressed `VerifyingKey` serialisation).
pub fn verify_vk_bytes_with_arkworks(vk: &[u8], proof: &ProofBytes, inputs: &[Fr]) -> Result<bool> {
	let vk =
		ark_groth16::VerifyingKey::<Bn254>::deserialize_with_mode(vk, Compress::No, Validate::Yes)
			.map_err(|_| ZkError::Rejected(gesim_zk_verifier::VerifyError::MalformedKey))?;
	let proof = ark_proof(proof)?;
	Groth16::<Bn254>::verify(&vk, inputs, &proof)
		.map_err(|e| ZkError::Argument { what: "public inputs", reason: e.to_string() })
}
