//! Poseidon (circomlib parameters) as constraints: 3 per S-box (x², x⁴, x⁵), so
//! `3·(8·t + partial_rounds)`: 243 for t = 3, 300 for t = 5, 405 for t = 9.
//!
//! The linear layers cost nothing: the state is kept as coefficient rows over a small
//! basis of variables (the constant 1, the inputs' variables and every S-box output since
//! the last full round), so each constraint receives a plain linear combination.
//!
//! The partial rounds are linear except for one S-box each, so their linear algebra is
//! done once per width ([`PartialPhase`]) instead of once per hash: each S-box input is a
//! fixed combination of the state entering the phase and the earlier S-box outputs. That
//! keeps synthesis at a few thousand multiplications per hash instead of ~200,000.

use super::{witness, Term};
use ark_bn254::Fr;
use ark_ff::{Field, Zero};
use ark_relations::gr1cs::{ConstraintSystemRef, LinearCombination, SynthesisError, Variable};
use gesim_zk_verifier::poseidon::{PoseidonParams, FULL_ROUNDS};
use std::sync::OnceLock;

/// The permutation state as rows of coefficients over `basis`.
struct DenseState {
	basis: Vec<Variable>,
	rows: Vec<Vec<Fr>>,
	values: Vec<Option<Fr>>,
}

impl DenseState {
	/// State `[0, inputs…]`; basis = 1 followed by every input variable.
	fn new(width: usize, inputs: &[Term]) -> Self {
		let mut basis = vec![Variable::One];
		let mut rows = vec![vec![]; width];
		let mut values = vec![Some(Fr::zero()); width];
		for (i, input) in inputs.iter().enumerate() {
			let mut row = Vec::new();
			for &(coeff, var) in input.lc.iter() {
				let at = match basis.iter().position(|v| *v == var) {
					Some(at) => at,
					None => {
						basis.push(var);
						basis.len() - 1
					},
				};
				if row.len() <= at {
					row.resize(at + 1, Fr::zero());
				}
				row[at] += coeff;
			}
			rows[i + 1] = row;
			values[i + 1] = input.value;
		}
		for row in rows.iter_mut() {
			row.resize(basis.len(), Fr::zero());
		}
		Self { basis, rows, values }
	}

	fn lc(&self, row: usize) -> LinearCombination<Fr> {
		LinearCombination(
			self.rows[row]
				.iter()
				.zip(&self.basis)
				.filter(|(c, _)| !c.is_zero())
				.map(|(c, v)| (*c, *v))
				.collect(),
		)
	}

	/// x⁵ of state element `row` as a fresh variable (3 constraints).
	fn sbox(
		&self,
		cs: &ConstraintSystemRef<Fr>,
		row: usize,
	) -> Result<(Variable, Option<Fr>), SynthesisError> {
		sbox(cs, self.lc(row), self.values[row])
	}

	fn add_round_constants(&mut self, params: &PoseidonParams, round: usize) {
		for i in 0..params.width {
			let c = params.round_constant(round, i);
			self.rows[i][0] += c;
			self.values[i] = self.values[i].map(|v| v + c);
		}
	}

	fn full_sbox(&mut self, cs: &ConstraintSystemRef<Fr>) -> Result<(), SynthesisError> {
		let width = self.rows.len();
		let outputs = (0..width).map(|i| self.sbox(cs, i)).collect::<Result<Vec<_>, _>>()?;
		// Every element is now a single fresh variable: restart the basis.
		self.basis =
			core::iter::once(Variable::One).chain(outputs.iter().map(|(v, _)| *v)).collect();
		for (i, row) in self.rows.iter_mut().enumerate() {
			row.clear();
			row.resize(width + 1, Fr::zero());
			row[i + 1] = Fr::from(1u64);
		}
		self.values = outputs.into_iter().map(|(_, v)| v).collect();
		Ok(())
	}

	/// Runs all partial rounds using the width's precomputed [`PartialPhase`].
	fn partial_rounds(
		&mut self,
		cs: &ConstraintSystemRef<Fr>,
		params: &PoseidonParams,
	) -> Result<(), SynthesisError> {
		let phase = PartialPhase::for_params(params);
		let width = params.width;
		let entering = core::mem::take(&mut self.rows);
		let entering_values = core::mem::take(&mut self.values);
		let base = self.basis.len();
		let mut outputs: Vec<Option<Fr>> = Vec::with_capacity(params.partial_rounds);
		// `coeffs` is over [1, s_0..s_{t-1}, x_0..x_{k-1}]; the result over basis ++ x_vars.
		let compose = |coeffs: &[Fr], outputs: &[Option<Fr>]| {
			let mut row = vec![Fr::zero(); base + outputs.len()];
			row[0] = coeffs[0];
			for (j, c) in coeffs[1..=width].iter().enumerate().filter(|(_, c)| !c.is_zero()) {
				for (r, e) in row.iter_mut().zip(&entering[j]) {
					*r += *c * e;
				}
			}
			row[base..].copy_from_slice(&coeffs[1 + width..]);
			let value = (0..width)
				.map(|j| entering_values[j].map(|v| coeffs[1 + j] * v))
				.chain(outputs.iter().zip(&coeffs[1 + width..]).map(|(x, c)| x.map(|v| *c * v)))
				.try_fold(coeffs[0], |acc, term| term.map(|t| acc + t));
			(row, value)
		};
		for input in &phase.sbox_inputs {
			let (row, value) = compose(input, &outputs);
			// `row` spans the basis so far: the entering variables, then x_0..x_{k-1}.
			let lc = LinearCombination(
				row.iter()
					.zip(&self.basis)
					.filter(|(c, _)| !c.is_zero())
					.map(|(c, v)| (*c, *v))
					.collect(),
			);
			let (x, x_value) = sbox(cs, lc, value)?;
			self.basis.push(x);
			outputs.push(x_value);
		}
		let (rows, values): (Vec<_>, Vec<_>) =
			phase.outputs.iter().map(|o| compose(o, &outputs)).unzip();
		self.rows = rows;
		self.values = values;
		Ok(())
	}

	fn mix(&mut self, params: &PoseidonParams) {
		let width = params.width;
		let len = self.basis.len();
		let mut rows = vec![vec![Fr::zero(); len]; width];
		for (i, out) in rows.iter_mut().enumerate() {
			for j in 0..width {
				let m = params.mds(i, j);
				for (o, c) in out.iter_mut().zip(&self.rows[j]) {
					if !c.is_zero() {
						*o += m * c;
					}
				}
			}
		}
		let values = (0..width)
			.map(|i| {
				(0..width).try_fold(Fr::zero(), |acc, j| {
					self.values[j].map(|v| acc + params.mds(i, j) * v)
				})
			})
			.collect();
		self.rows = rows;
		self.values = values;
	}
}

/// circomlib `Poseidon(n)` of `inputs` (n = `params.width − 1`) in-circuit.
pub fn poseidon(
	cs: &ConstraintSystemRef<Fr>,
	params: &PoseidonParams,
	inputs: &[Term],
) -> Result<Term, SynthesisError> {
	assert_eq!(inputs.len() + 1, params.width, "Poseidon width does not match the inputs");
	let mut state = DenseState::new(params.width, inputs);
	let half = FULL_ROUNDS / 2;
	for round in 0..params.rounds() {
		if round == half {
			state.partial_rounds(cs, params)?;
		}
		if !params.is_full_round(round) {
			continue;
		}
		state.add_round_constants(params, round);
		state.full_sbox(cs)?;
		state.mix(params);
	}
	Ok(Term { lc: state.lc(0), value: state.values[0] })
}

/// x⁵ of `x` as a fresh variable: `x·x = x²`, `x²·x² = x⁴`, `x⁴·x = x⁵`.
fn sbox(
	cs: &ConstraintSystemRef<Fr>,
	x: LinearCombination<Fr>,
	value: Option<Fr>,
) -> Result<(Variable, Option<Fr>), SynthesisError> {
	let x2_value = value.map(|v| v.square());
	let x4_value = x2_value.map(|v| v.square());
	let x5_value = x4_value.zip(value).map(|(a, b)| a * b);
	let x2 = witness(cs, x2_value)?;
	let x4 = witness(cs, x4_value)?;
	let x5 = witness(cs, x5_value)?;
	let x_for_b = x.clone();
	let x_for_last = x.clone();
	cs.enforce_r1cs_constraint(|| x, || x_for_b, || x2.into())?;
	cs.enforce_r1cs_constraint(|| x2.into(), || x2.into(), || x4.into())?;
	cs.enforce_r1cs_constraint(|| x4.into(), || x_for_last, || x5.into())?;
	Ok((x5, x5_value))
}

/// The partial rounds of one width as linear forms, computed once: with `s` the state
/// entering the phase and `x_k` the S-box output of partial round `k`,
/// - `sbox_inputs[k]` gives round k's S-box input over `[1, s_0..s_{t-1}, x_0..x_{k-1}]`;
/// - `outputs[i]` gives state element i after the phase over `[1, s.., x_0..x_{P-1}]`.
struct PartialPhase {
	sbox_inputs: Vec<Vec<Fr>>,
	outputs: Vec<Vec<Fr>>,
}

impl PartialPhase {
	fn for_params(params: &PoseidonParams) -> &'static PartialPhase {
		static PHASES: [OnceLock<PartialPhase>; 4] = [const { OnceLock::new() }; 4];
		let slot = match params.width {
			3 => 0,
			5 => 1,
			6 => 2,
			9 => 3,
			other => panic!("no Poseidon width {other} in GeSIM"),
		};
		PHASES[slot].get_or_init(|| Self::derive(params))
	}

	/// Symbolic run of the partial rounds (rows of coefficients over the symbols).
	fn derive(params: &PoseidonParams) -> Self {
		let (t, p) = (params.width, params.partial_rounds);
		let symbols = 1 + t + p;
		let mut rows: Vec<Vec<Fr>> = (0..t)
			.map(|i| {
				let mut row = vec![Fr::zero(); symbols];
				row[1 + i] = Fr::from(1u64);
				row
			})
			.collect();
		let mut sbox_inputs = Vec::with_capacity(p);
		for k in 0..p {
			let round = FULL_ROUNDS / 2 + k;
			for (i, row) in rows.iter_mut().enumerate() {
				row[0] += params.round_constant(round, i);
			}
			sbox_inputs.push(rows[0][..1 + t + k].to_vec());
			rows[0].iter_mut().for_each(Zero::set_zero);
			rows[0][1 + t + k] = Fr::from(1u64);
			rows = (0..t)
				.map(|i| {
					let mut out = vec![Fr::zero(); symbols];
					for (j, row) in rows.iter().enumerate() {
						let m = params.mds(i, j);
						for (o, c) in out.iter_mut().zip(row) {
							*o += m * c;
						}
					}
					out
				})
				.collect();
		}
		Self { sbox_inputs, outputs: rows }
	}
}
