//! The Groth16 circuits.

pub mod eid;
pub mod usage;

pub use eid::EidPossessionCircuit;
pub use usage::{UsageCircuit, UsageStatement};

use crate::batch::BatchSize;
use ark_bn254::Fr;
use ark_relations::gr1cs::{
	ConstraintSynthesizer, ConstraintSystem, OptimizationGoal, SynthesisError, SynthesisMode,
};
use gesim_zk_verifier::CircuitId;

/// Size of a circuit's constraint system.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CircuitSize {
	/// R1CS constraints.
	pub constraints: usize,
	/// Private witness variables.
	pub witnesses: usize,
	/// Public inputs (without the constant 1).
	pub public_inputs: usize,
}

/// Synthesises `circuit` in setup mode (as key generation does) and counts.
pub fn circuit_size(circuit: CircuitId) -> Result<CircuitSize, SynthesisError> {
	let cs = ConstraintSystem::<Fr>::new_ref();
	cs.set_optimization_goal(OptimizationGoal::Constraints);
	cs.set_mode(SynthesisMode::Setup);
	match BatchSize::from_circuit(circuit) {
		Some(batch) => UsageCircuit::blank(batch).generate_constraints(cs.clone())?,
		None => EidPossessionCircuit::blank().generate_constraints(cs.clone())?,
	}
	cs.finalize();
	Ok(CircuitSize {
		constraints: cs.num_constraints(),
		witnesses: cs.num_witness_variables(),
		public_inputs: cs.num_instance_variables() - 1,
	})
}
