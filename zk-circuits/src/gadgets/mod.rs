//! Low-level R1CS building blocks written directly against ark-relations, so the
//! constraint count is exactly what the comments say (no hidden helper constraints).

pub mod poseidon;
pub mod range;

use ark_bn254::Fr;
use ark_relations::gr1cs::{ConstraintSystemRef, LinearCombination, SynthesisError, Variable};

/// A circuit value: a linear combination of variables and, when proving, its value.
/// Linear combinations cost no constraints; only products do.
#[derive(Clone, Debug)]
pub struct Term {
	/// The linear combination.
	pub lc: LinearCombination<Fr>,
	/// Assigned value (`None` during key generation).
	pub value: Option<Fr>,
}

impl Term {
	/// A term that is exactly one variable.
	pub fn var(variable: Variable, value: Option<Fr>) -> Self {
		Self { lc: LinearCombination::from(variable), value }
	}

	/// A constant.
	pub fn constant(value: Fr) -> Self {
		Self { lc: LinearCombination::from((value, Variable::One)), value: Some(value) }
	}
}

/// Allocates a private witness.
pub fn witness(
	cs: &ConstraintSystemRef<Fr>,
	value: Option<Fr>,
) -> Result<Variable, SynthesisError> {
	cs.new_witness_variable(|| value.ok_or(SynthesisError::AssignmentMissing))
}

/// Allocates a public input.
pub fn input(cs: &ConstraintSystemRef<Fr>, value: Option<Fr>) -> Result<Variable, SynthesisError> {
	cs.new_input_variable(|| value.ok_or(SynthesisError::AssignmentMissing))
}

/// Enforces `left == right` (one constraint: `(left − right) · 1 = 0`).
pub fn enforce_equal(
	cs: &ConstraintSystemRef<Fr>,
	left: &LinearCombination<Fr>,
	right: &LinearCombination<Fr>,
) -> Result<(), SynthesisError> {
	let diff = left - right;
	cs.enforce_r1cs_constraint(
		|| diff,
		|| LinearCombination::from(Variable::One),
		LinearCombination::zero,
	)
}

/// Enforces `x · x = x²` for a public input so it sits in a real constraint: without one,
/// an input that nothing else reads could be dropped by constraint optimisers (circom's
/// habit), leaving the proof unbound to it.
pub fn bind_input(
	cs: &ConstraintSystemRef<Fr>,
	x: Variable,
	value: Option<Fr>,
) -> Result<(), SynthesisError> {
	let square = witness(cs, value.map(|v| v * v))?;
	cs.enforce_r1cs_constraint(
		|| LinearCombination::from(x),
		|| LinearCombination::from(x),
		|| LinearCombination::from(square),
	)
}
