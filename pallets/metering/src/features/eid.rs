//! EID-possession proofs, checked for the identity pallet against the `eid` keys registered
//! here beside the usage keys: one registry, one council procedure for every circuit.

use crate::*;
use gesim_primitives::{EidCommitment, EidPossessionProof, EidPossessionVerifier, EidProofError};
use gesim_zk_verifier::{CircuitId, EidPublicInputs, Groth16Verifier};
use sp_runtime::AccountId32;

impl<T: Config> EidPossessionVerifier<AccountId32> for Pallet<T> {
	fn verify_eid_possession(
		who: &AccountId32,
		commitment: &EidCommitment,
		proof: &EidPossessionProof,
	) -> Result<(), EidProofError> {
		let key = KeyId { circuit: CircuitId::EidPossession, version: proof.key_version };
		let registered = Self::live_key(&key).map_err(|_| EidProofError::NoLiveKey)?;
		let inputs = EidPublicInputs { commitment: *commitment, account: *who.as_ref() };
		T::Verifier::verify_stored(registered.key.as_bytes(), &proof.proof, &inputs.to_inputs())
			.map_err(|_| EidProofError::Rejected)
	}
}
