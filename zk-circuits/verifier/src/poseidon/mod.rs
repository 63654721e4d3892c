//! Native Poseidon over BN254 with circomlib's parameters (x^5, 8 full rounds, circomlib's
//! partial rounds per width, state[0] = 0 as capacity, output = state[0]).
//!
//! Matching circomlib matters: operators compute usage roots with circomlibjs or circom and
//! the chain must get the same field element. `tests/poseidon_vectors.rs` in `gesim-zk`
//! checks every width against vectors produced by circomlibjs.

mod constants;

use ark_bn254::Fr;
use ark_ff::{Field, Zero};

/// Number of full rounds (half before, half after the partial rounds), as in circomlib.
pub const FULL_ROUNDS: usize = 8;

/// One Poseidon instance: width `t` = inputs + 1.
#[derive(Debug)]
pub struct PoseidonParams {
	/// State width: number of inputs plus the capacity element.
	pub width: usize,
	/// Partial rounds (only state[0] goes through the S-box).
	pub partial_rounds: usize,
	/// Round constants, `(FULL_ROUNDS + partial_rounds) * width`, round-major.
	pub round_constants: &'static [Fr],
	/// MDS matrix, `width * width`, row-major.
	pub mds: &'static [Fr],
}

impl PoseidonParams {
	/// Total rounds.
	pub const fn rounds(&self) -> usize {
		FULL_ROUNDS + self.partial_rounds
	}

	/// True if round `r` applies the S-box to the whole state.
	pub const fn is_full_round(&self, round: usize) -> bool {
		round < FULL_ROUNDS / 2 || round >= FULL_ROUNDS / 2 + self.partial_rounds
	}

	/// The round constant added to `state[i]` at round `r`.
	pub fn round_constant(&self, round: usize, i: usize) -> Fr {
		self.round_constants[round * self.width + i]
	}

	/// MDS entry `M[i][j]`.
	pub fn mds(&self, i: usize, j: usize) -> Fr {
		self.mds[i * self.width + j]
	}
}

/// t = 3: two inputs (EID commitment).
pub static POSEIDON_2: PoseidonParams = PoseidonParams {
	width: 3,
	partial_rounds: constants::PARTIAL_ROUNDS_T3,
	round_constants: &constants::ROUND_CONSTANTS_T3,
	mds: &constants::MDS_T3,
};

/// t = 5: four inputs (inner nodes of the usage tree).
pub static POSEIDON_4: PoseidonParams = PoseidonParams {
	width: 5,
	partial_rounds: constants::PARTIAL_ROUNDS_T5,
	round_constants: &constants::ROUND_CONSTANTS_T5,
	mds: &constants::MDS_T5,
};

/// t = 6: five inputs (usage binding hash).
pub static POSEIDON_5: PoseidonParams = PoseidonParams {
	width: 6,
	partial_rounds: constants::PARTIAL_ROUNDS_T6,
	round_constants: &constants::ROUND_CONSTANTS_T6,
	mds: &constants::MDS_T6,
};

/// t = 9: eight inputs (leaves of the usage tree: four records of two elements).
pub static POSEIDON_8: PoseidonParams = PoseidonParams {
	width: 9,
	partial_rounds: constants::PARTIAL_ROUNDS_T9,
	round_constants: &constants::ROUND_CONSTANTS_T9,
	mds: &constants::MDS_T9,
};

/// Largest width GeSIM uses; sizes the stack buffers.
const MAX_WIDTH: usize = 9;

/// The parameters for `n` inputs, if GeSIM uses that width.
pub fn params_for_inputs(n: usize) -> Option<&'static PoseidonParams> {
	match n {
		2 => Some(&POSEIDON_2),
		4 => Some(&POSEIDON_4),
		5 => Some(&POSEIDON_5),
		8 => Some(&POSEIDON_8),
		_ => None,
	}
}

fn sbox(x: Fr) -> Fr {
	let x2 = x.square();
	x2.square() * x
}

/// circomlib `Poseidon(N)`: hash `N = params.width - 1` inputs.
fn hash_with<const N: usize>(params: &PoseidonParams, inputs: [Fr; N]) -> Fr {
	debug_assert_eq!(params.width, N + 1);
	let t = params.width;
	let mut state = [Fr::zero(); MAX_WIDTH];
	state[1..t].copy_from_slice(&inputs);
	let mut mixed = [Fr::zero(); MAX_WIDTH];
	for round in 0..params.rounds() {
		for (i, s) in state[..t].iter_mut().enumerate() {
			*s += params.round_constant(round, i);
		}
		if params.is_full_round(round) {
			for s in state[..t].iter_mut() {
				*s = sbox(*s);
			}
		} else {
			state[0] = sbox(state[0]);
		}
		for (i, m) in mixed[..t].iter_mut().enumerate() {
			*m = (0..t).map(|j| params.mds(i, j) * state[j]).sum();
		}
		state[..t].copy_from_slice(&mixed[..t]);
	}
	state[0]
}

/// Poseidon of two field elements (t = 3).
pub fn hash2(inputs: [Fr; 2]) -> Fr {
	hash_with(&POSEIDON_2, inputs)
}

/// Poseidon of four field elements (t = 5).
pub fn hash4(inputs: [Fr; 4]) -> Fr {
	hash_with(&POSEIDON_4, inputs)
}

/// Poseidon of five field elements (t = 6).
pub fn hash5(inputs: [Fr; 5]) -> Fr {
	hash_with(&POSEIDON_5, inputs)
}

/// Poseidon of eight field elements (t = 9).
pub fn hash8(inputs: [Fr; 8]) -> Fr {
	hash_with(&POSEIDON_8, inputs)
}
