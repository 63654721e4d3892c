//! Proving-key files and trusted setup.
//!
//! A `.pk` file is `b"GESIMPK1" ‖ circuit id (SCALE, 1 byte) ‖ arkworks ProvingKey
//! (uncompressed)`: uncompressed because decompressing ~10^5 G2 points costs seconds,
//! and the header lets every command say which circuit a key belongs to.

use crate::{
	batch::BatchSize,
	circuits::{EidPossessionCircuit, UsageCircuit},
	error::{Result, ZkError},
};
use ark_bn254::Bn254;
use ark_groth16::{Groth16, ProvingKey};
use ark_serialize::{CanonicalDeserialize, CanonicalSerialize, Compress, Validate};
use ark_snark::CircuitSpecificSetupSNARK;
use codec::{Decode, Encode};
use gesim_zk_verifier::CircuitId;
use rand_chacha::{rand_core::SeedableRng, ChaCha20Rng};
use std::{
	io::{BufReader, BufWriter, Read, Write},
	path::Path,
};

const MAGIC: &[u8; 8] = b"GESIMPK1";

/// Where setup randomness comes from.
#[derive(Clone, Copy, Debug)]
pub enum SetupRandomness {
	/// Operating-system entropy: the only acceptable choice outside the dev chain.
	Os,
	/// A fixed seed: anyone who knows it can forge proofs. Dev chain and tests only.
	DevSeed(u64),
}

impl SetupRandomness {
	/// The RNG for this choice.
	pub fn rng(self) -> ChaCha20Rng {
		match self {
			Self::Os => ChaCha20Rng::from_entropy(),
			Self::DevSeed(seed) => ChaCha20Rng::seed_from_u64(seed),
		}
	}
}

/// A proving key and the circuit it was generated for.
#[derive(Clone)]
pub struct CircuitKey {
	/// The circuit.
	pub circuit: CircuitId,
	/// The arkworks proving key (contains the verifying key).
	pub pk: ProvingKey<Bn254>,
}

impl CircuitKey {
	/// Groth16 circuit-specific setup for `circuit`.
	pub fn generate(circuit: CircuitId, randomness: SetupRandomness) -> Result<Self> {
		let mut rng = randomness.rng();
		let failed = |e: ark_relations::gr1cs::SynthesisError| ZkError::Proving {
			circuit: circuit.name(),
			reason: e.to_string(),
		};
		let (pk, _) = match (BatchSize::from_circuit(circuit), circuit) {
			(Some(batch), _) => {
				Groth16::<Bn254>::setup(UsageCircuit::blank(batch), &mut rng).map_err(failed)?
			},
			(None, CircuitId::EidPossession) => {
				Groth16::<Bn254>::setup(EidPossessionCircuit::blank(), &mut rng).map_err(failed)?
			},
			(None, _) => {
				return Err(ZkError::Argument {
					what: "--circuit",
					reason: format!("{} is superseded: no keys are made for it", circuit.name()),
				})
			},
		};
		Ok(Self { circuit, pk })
	}

	/// The verifying key in GeSIM's encoding ([`gesim_zk_verifier::VerifyingKey`]).
	pub fn verifying_key_bytes(&self) -> Vec<u8> {
		let mut out = Vec::new();
		// Serialising into a Vec cannot fail.
		let _ = self.pk.vk.serialize_with_mode(&mut out, Compress::No);
		out
	}

	/// Writes the key file.
	pub fn save(&self, path: &Path) -> Result<()> {
		let io = |source| ZkError::Io { file: path.into(), source };
		let mut file = BufWriter::new(std::fs::File::create(path).map_err(io)?);
		file.write_all(MAGIC).map_err(io)?;
		file.write_all(&self.circuit.encode()).map_err(io)?;
		self.pk
			.serialize_with_mode(&mut file, Compress::No)
			.map_err(|e| ZkError::KeyFile { file: path.into(), reason: e.to_string() })?;
		file.flush().map_err(io)
	}

	/// Reads a key file. Points are not re-validated: a tampered key only yields proofs
	/// that fail verification.
	pub fn load(path: &Path) -> Result<Self> {
		let bad = |reason: &str| ZkError::KeyFile { file: path.into(), reason: reason.into() };
		let mut file = BufReader::new(
			std::fs::File::open(path)
				.map_err(|source| ZkError::Io { file: path.into(), source })?,
		);
		let mut header = [0u8; 9];
		file.read_exact(&mut header)
			.map_err(|_| bad("not a gesim-zk proving key (too short)"))?;
		if &header[..8] != MAGIC {
			return Err(bad("not a gesim-zk proving key (run `gesim-zk setup`)"));
		}
		let circuit = CircuitId::decode(&mut &header[8..])
			.map_err(|_| bad("unknown circuit id in proving key"))?;
		let pk = ProvingKey::deserialize_with_mode(&mut file, Compress::No, Validate::No)
			.map_err(|e| bad(&format!("proving key for {} is corrupt: {e}", circuit.name())))?;
		Ok(Self { circuit, pk })
	}
}
