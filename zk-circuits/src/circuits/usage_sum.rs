//! Usage-sum circuit: "the records behind this root add up to this many bytes".
//!
//! Public inputs, in order: `root`, `total_bytes`, `nonce`, `binding`.
//! Witness: the batch's records, padded with zero records.
//!
//! Constraints per record: 80 for the range checks of bytes up/down (40 bits each),
//! 405/4 for its share of a leaf hash, and the inner nodes' 300 per node (≈ 100/4 per
//! record): ≈ 206 per record in all. `total_bytes` is a sum of 2·N values below 2^40, so
//! it is below 2^51 for N ≤ 1024 and cannot wrap the field.

use crate::{
	batch::BatchSize,
	commitment::{padded_elements, usage_root, ARITY, RECORDS_PER_LEAF},
	gadgets::{
		bind_input, enforce_equal, input, poseidon::poseidon, range::alloc_bounded, witness, Term,
	},
	record::{UsageRecord, BYTES_BITS},
};
use ark_bn254::Fr;
use ark_relations::gr1cs::{
	ConstraintSynthesizer, ConstraintSystemRef, LinearCombination, SynthesisError,
};
use gesim_zk_verifier::poseidon::{POSEIDON_4, POSEIDON_8};

/// The usage-sum statement for one batch.
#[derive(Clone, Debug)]
pub struct UsageSumCircuit {
	batch: BatchSize,
	/// Per slot: `(meta, bytes_up, bytes_down)`; padding is `(0, 0, 0)`.
	slots: Vec<(Fr, u64, u64)>,
	root: Fr,
	total_bytes: u64,
	nonce: u64,
	binding: Fr,
}

impl UsageSumCircuit {
	/// The statement for `records` (already validated, at most `batch` of them).
	pub fn new(batch: BatchSize, records: &[UsageRecord], nonce: u64, binding: Fr) -> Self {
		let elements = padded_elements(records, batch);
		let root = usage_root(&elements);
		let mut slots: Vec<(Fr, u64, u64)> = records
			.iter()
			.zip(&elements)
			.map(|(r, e)| (e[0], r.bytes_up, r.bytes_down))
			.collect();
		slots.resize(batch.records(), (Fr::from(0u64), 0, 0));
		let total_bytes = records.iter().map(UsageRecord::total_bytes).sum();
		Self { batch, slots, root, total_bytes, nonce, binding }
	}

	/// A circuit with the right shape and dummy values, for key generation.
	pub fn blank(batch: BatchSize) -> Self {
		Self::new(batch, &[], 0, Fr::from(0u64))
	}

	/// The public inputs this witness satisfies, in circuit order.
	pub fn public_inputs(&self) -> [Fr; 4] {
		[self.root, Fr::from(self.total_bytes), Fr::from(self.nonce), self.binding]
	}

	/// Overrides the claimed total (tests: a wrong claim must not prove).
	pub fn with_claimed_total(mut self, total_bytes: u64) -> Self {
		self.total_bytes = total_bytes;
		self
	}

	/// The batch size.
	pub fn batch(&self) -> BatchSize {
		self.batch
	}
}

impl ConstraintSynthesizer<Fr> for UsageSumCircuit {
	fn generate_constraints(self, cs: ConstraintSystemRef<Fr>) -> Result<(), SynthesisError> {
		let [root_value, total_value, nonce_value, binding_value] = self.public_inputs();
		let root = input(&cs, Some(root_value))?;
		let total = input(&cs, Some(total_value))?;
		let nonce = input(&cs, Some(nonce_value))?;
		let binding = input(&cs, Some(binding_value))?;

		let shift64 = Fr::from(1u128 << 64);
		let mut sum = LinearCombination::zero();
		let mut records = Vec::with_capacity(self.slots.len());
		for &(meta, up, down) in &self.slots {
			let meta = Term::var(witness(&cs, Some(meta))?, Some(meta));
			let up = alloc_bounded(&cs, Some(up), BYTES_BITS)?;
			let down = alloc_bounded(&cs, Some(down), BYTES_BITS)?;
			sum = &(&sum + &up.lc) + &down.lc;
			// volume = up·2^64 + down, the same packing as UsageRecord::to_field_elements.
			let volume = Term {
				lc: &(&up.lc * shift64) + &down.lc,
				value: up.value.zip(down.value).map(|(u, d)| u * shift64 + d),
			};
			records.push([meta, volume]);
		}

		let mut level = records
			.chunks(RECORDS_PER_LEAF)
			.map(|four| {
				let inputs: Vec<Term> = four.iter().flatten().cloned().collect();
				poseidon(&cs, &POSEIDON_8, &inputs)
			})
			.collect::<Result<Vec<_>, _>>()?;
		while level.len() > 1 {
			level = level
				.chunks(ARITY)
				.map(|c| poseidon(&cs, &POSEIDON_4, c))
				.collect::<Result<Vec<_>, _>>()?;
		}

		enforce_equal(&cs, &level[0].lc, &root.into())?;
		enforce_equal(&cs, &sum, &total.into())?;
		bind_input(&cs, nonce, Some(nonce_value))?;
		bind_input(&cs, binding, Some(binding_value))?;
		Ok(())
	}
}
