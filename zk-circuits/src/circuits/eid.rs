//! EID-possession circuit: "I know the (eid, salt) behind this commitment", bound to the
//! account that submits it.
//!
//! Public inputs, in order: `commitment`, `account_hi`, `account_lo` (the AccountId32 as
//! two big-endian 128-bit halves, see [`gesim_zk_verifier::bytes32_limbs`]).
//! Witness: `eid`, `salt`. Constraint: `Poseidon2(eid, salt) = commitment` (243), plus a
//! squaring of each account half (2) so the account is part of the constraint system.

use crate::gadgets::{bind_input, enforce_equal, input, poseidon::poseidon, witness, Term};
use ark_bn254::Fr;
use ark_relations::gr1cs::{ConstraintSynthesizer, ConstraintSystemRef, SynthesisError};
use gesim_zk_verifier::{bytes32_limbs, poseidon, poseidon::POSEIDON_2};

/// The EID-possession statement.
#[derive(Clone, Debug)]
pub struct EidPossessionCircuit {
	eid: Fr,
	salt: Fr,
	account: [u8; 32],
}

impl EidPossessionCircuit {
	/// The statement for `eid` and `salt`, bound to `account`.
	pub fn new(eid: Fr, salt: Fr, account: [u8; 32]) -> Self {
		Self { eid, salt, account }
	}

	/// Dummy values, for key generation.
	pub fn blank() -> Self {
		Self::new(Fr::from(0u64), Fr::from(0u64), [0; 32])
	}

	/// `Poseidon2(eid, salt)`: the commitment kept on the SBT.
	pub fn commitment(&self) -> Fr {
		poseidon::hash2([self.eid, self.salt])
	}

	/// Public inputs in circuit order.
	pub fn public_inputs(&self) -> [Fr; 3] {
		let [hi, lo] = bytes32_limbs(&self.account);
		[self.commitment(), hi, lo]
	}
}

impl ConstraintSynthesizer<Fr> for EidPossessionCircuit {
	fn generate_constraints(self, cs: ConstraintSystemRef<Fr>) -> Result<(), SynthesisError> {
		let [commitment_value, hi_value, lo_value] = self.public_inputs();
		let commitment = input(&cs, Some(commitment_value))?;
		let account_hi = input(&cs, Some(hi_value))?;
		let account_lo = input(&cs, Some(lo_value))?;
		let eid = Term::var(witness(&cs, Some(self.eid))?, Some(self.eid));
		let salt = Term::var(witness(&cs, Some(self.salt))?, Some(self.salt));
		let hash = poseidon(&cs, &POSEIDON_2, &[eid, salt])?;
		enforce_equal(&cs, &hash.lc, &commitment.into())?;
		bind_input(&cs, account_hi, Some(hi_value))?;
		bind_input(&cs, account_lo, Some(lo_value))?;
		Ok(())
	}
}
