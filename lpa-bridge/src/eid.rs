//! Proving, on the device, that the subscriber knows the EID and salt behind the commitment
//! it binds to its identity: a Groth16 proof of the EID-possession circuit, bound to the
//! subscriber's account so that nobody else can use it.
//!
//! The salt is the device's secret: with it, the EID's 32 digits cannot be found from the
//! commitment, and it is kept beside the device key ([`EidOpening`]) to prove again or to
//! disclose the EID to the operator later.

use crate::BridgeError;
use gesim_esim_protocol::{eid_opening, Eid};
use gesim_primitives::{EidCommitment, EidPossessionProof};
use gesim_zk::{
	eid::{eid_commitment_bytes, parse_eid},
	verifier::{fr_from_le_bytes, CircuitId},
	CircuitKey, SetupRandomness,
};
use pallet_esim_provisioning::EidBinding;
use rand::RngCore;
use serde::{Deserialize, Serialize};
use std::{io::Write, os::unix::fs::OpenOptionsExt, path::Path};

/// Where the EID-possession proving key comes from.
pub enum ProvingKey<'a> {
	/// A `.pk` file of `gesim-zk setup --circuit eid` (the ceremony's, on a live network).
	File(&'a Path),
	/// The development chain's key (`--dev-seed 1`): anyone can forge proofs with it.
	Development,
}

impl ProvingKey<'_> {
	fn load(&self) -> Result<CircuitKey, BridgeError> {
		let key = match self {
			Self::File(path) => CircuitKey::load(path)
				.map_err(|e| BridgeError::Eid(format!("{}: {e}", path.display())))?,
			Self::Development => {
				CircuitKey::generate(CircuitId::EidPossession, SetupRandomness::DevSeed(1))
					.map_err(|e| BridgeError::Eid(e.to_string()))?
			},
		};
		if key.circuit != CircuitId::EidPossession {
			return Err(BridgeError::Eid(format!(
				"the proving key is for circuit {}, not eid",
				key.circuit.name()
			)));
		}
		Ok(key)
	}
}

/// An EID and the salt of its commitment: the opening the device keeps.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EidOpening {
	pub eid: String,
	/// 32 bytes, a field element (little-endian), hex.
	pub salt: String,
}

impl std::fmt::Debug for EidOpening {
	// The salt is what keeps the EID private: keep it out of logs.
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		f.debug_struct("EidOpening").field("eid", &self.eid).finish_non_exhaustive()
	}
}

impl EidOpening {
	/// `eid` with a fresh random salt.
	pub fn new(eid: &str) -> Result<Self, BridgeError> {
		let eid: Eid = eid.parse().map_err(|e| BridgeError::Eid(format!("{e}")))?;
		// 31 random bytes: always below the field modulus.
		let mut salt = [0u8; 32];
		rand::rngs::OsRng.fill_bytes(&mut salt[..31]);
		Ok(Self { eid: eid.as_str().to_owned(), salt: format!("0x{}", hex::encode(salt)) })
	}

	fn salt_bytes(&self) -> Result<[u8; 32], BridgeError> {
		hex::decode(self.salt.trim_start_matches("0x"))
			.ok()
			.and_then(|bytes| bytes.try_into().ok())
			.ok_or_else(|| BridgeError::Eid("the salt is not 32 bytes of hex".into()))
	}

	/// The commitment the identity holds: `Poseidon2(eid, salt)`, 32 little-endian bytes.
	pub fn commitment(&self) -> Result<EidCommitment, BridgeError> {
		eid_commitment_bytes(&self.eid, &self.salt_bytes()?)
			.map_err(|e| BridgeError::Eid(e.to_string()))
	}

	/// This opening sealed to an operator's receipt key, for an order of `entitlement`: what
	/// lets that operator, and no one else, bind the profile to this EID.
	pub fn seal_to(
		&self,
		receipt_key: &[u8; 32],
		genesis_hash: &[u8; 32],
		entitlement: u32,
	) -> Result<EidBinding, BridgeError> {
		let commitment = self.commitment()?;
		let opening = eid_opening::EidOpening {
			eid: Eid::parse(&self.eid).map_err(|e| BridgeError::Eid(e.to_string()))?,
			salt: self.salt_bytes()?,
		};
		let context =
			eid_opening::OpeningContext { genesis_hash, entitlement, commitment: &commitment };
		let sealed = eid_opening::seal(receipt_key, context, &opening, &mut rand::rngs::OsRng)
			.map_err(|e| BridgeError::Eid(format!("cannot seal the EID to the operator: {e}")))?;
		let sealed_opening = sealed.try_into().map_err(|sealed: Vec<u8>| {
			BridgeError::Eid(format!(
				"the sealed EID is {} bytes, more than the chain stores",
				sealed.len()
			))
		})?;
		Ok(EidBinding { commitment, sealed_opening })
	}

	fn field_elements(
		&self,
	) -> Result<(gesim_zk::verifier::Fr, gesim_zk::verifier::Fr), BridgeError> {
		let eid = parse_eid(&self.eid).map_err(|e| BridgeError::Eid(e.to_string()))?;
		let salt = fr_from_le_bytes(&self.salt_bytes()?)
			.ok_or_else(|| BridgeError::Eid("the salt is not below the field modulus".into()))?;
		Ok((eid, salt))
	}

	/// A proof, under `key` (registered on chain as version `key_version`), that `account`
	/// knows this opening.
	pub fn prove(
		&self,
		key: ProvingKey<'_>,
		key_version: u16,
		account: &[u8; 32],
	) -> Result<EidPossessionProof, BridgeError> {
		let (eid, salt) = self.field_elements()?;
		let key = key.load()?;
		let proof = gesim_zk::prove_eid(&key, eid, salt, *account, &mut rand::rngs::OsRng)
			.map_err(|e| BridgeError::Eid(e.to_string()))?;
		Ok(EidPossessionProof { key_version, proof: proof.proof.0 })
	}

	/// Writes the opening to a new file only its owner may read.
	pub fn save(&self, path: &Path) -> Result<(), BridgeError> {
		let io = |e: std::io::Error| BridgeError::Eid(format!("{}: {e}", path.display()));
		let mut file = std::fs::OpenOptions::new()
			.write(true)
			.create_new(true)
			.mode(0o600)
			.open(path)
			.map_err(io)?;
		file.write_all(
			serde_json::to_string_pretty(self).expect("always serializes; qed").as_bytes(),
		)
		.map_err(io)?;
		file.sync_all().map_err(io)
	}

	/// Reads an opening saved by [`EidOpening::save`].
	pub fn load(path: &Path) -> Result<Self, BridgeError> {
		let text = gesim_chain_client::keys::read_private_file(path)?;
		serde_json::from_str(&text)
			.map_err(|e| BridgeError::Eid(format!("{}: {e}", path.display())))
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	const EID: &str = "89049032000001000000123456789012";

	#[test]
	fn a_proof_verifies_for_its_account_only() {
		let opening = EidOpening::new(EID).unwrap();
		let commitment = opening.commitment().unwrap();
		let account = [0xB0; 32];
		let proof = opening.prove(ProvingKey::Development, 1, &account).unwrap();

		let key =
			CircuitKey::generate(CircuitId::EidPossession, SetupRandomness::DevSeed(1)).unwrap();
		let stored =
			gesim_zk::verifier::validate_vk(&key.verifying_key_bytes()).unwrap().to_stored();
		let verify = |account: [u8; 32]| {
			let inputs = gesim_zk::verifier::EidPublicInputs { commitment, account };
			gesim_zk::verifier::verify_stored(stored.as_bytes(), &proof.proof, &inputs.to_inputs())
		};
		assert_eq!(verify(account), Ok(()));
		assert!(verify([0xB1; 32]).is_err());
	}

	#[test]
	fn an_eid_must_be_32_digits_and_the_opening_is_kept_private() {
		assert!(EidOpening::new("8904903200000100000012345678901").is_err());
		assert!(EidOpening::new("8904903200000100000012345678901X").is_err());
		let opening = EidOpening::new(EID).unwrap();
		assert!(!format!("{opening:?}").contains(&opening.salt));
		let dir = tempfile::tempdir().unwrap();
		let path = dir.path().join("eid.json");
		opening.save(&path).unwrap();
		assert_eq!(EidOpening::load(&path).unwrap(), opening);
		assert!(opening.save(&path).is_err(), "never overwritten");
	}
}
