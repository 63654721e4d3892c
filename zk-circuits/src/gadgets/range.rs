//! Range checks by bit decomposition: `bits` constraints for a value < 2^bits.

use super::{witness, Term};
use ark_bn254::Fr;
use ark_ff::AdditiveGroup;
use ark_relations::gr1cs::{ConstraintSystemRef, LinearCombination, SynthesisError};

/// Allocates `value` as `bits` boolean witnesses and returns the value as their weighted
/// sum. Each bit costs one constraint `b · b = b`; the sum is free. The result is
/// therefore < 2^bits by construction: no separate variable, no way around the check.
pub fn alloc_bounded(
	cs: &ConstraintSystemRef<Fr>,
	value: Option<u64>,
	bits: usize,
) -> Result<Term, SynthesisError> {
	let mut lc = LinearCombination::zero();
	let mut weight = Fr::from(1u64);
	for i in 0..bits {
		let bit = value.map(|v| Fr::from((v >> i) & 1));
		let b = witness(cs, bit)?;
		cs.enforce_r1cs_constraint(
			|| LinearCombination::from(b),
			|| LinearCombination::from(b),
			|| LinearCombination::from(b),
		)?;
		lc.0.push((weight, b));
		weight.double_in_place();
	}
	Ok(Term { lc, value: value.map(Fr::from) })
}
