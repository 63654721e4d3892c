//! Usage circuit: "these records, all of this subject, all inside this period, all served on
//! these networks, hash to this root and add up to this many bytes".
//!
//! Public inputs, in order: `root`, `total_bytes`, `nonce`, `binding`, `subject`,
//! `period_start`, `period_end`, `networks` ([`gesim_zk_verifier::UsagePublicInputs`]).
//! Witness: the batch's records, padded with zero records, and the networks list behind the
//! `networks` commitment.
//!
//! Each slot is a real record or padding (`real` ∈ {0, 1}); padding carries no bytes. A real
//! record's encoding is rebuilt from its parts, so the hashed `meta` *is*
//! `subject·2^128 + (period_start + d₁)·2^64 + duration·2^32 + plmn` with
//! - `d₁` (start − period start), `duration` and `d₂` (period end − start − duration) each
//!   range-checked to 32 bits — the chain refuses periods of 2^32 seconds or more, so no sum
//!   wraps and the session lies inside the period;
//! - `plmn` a root of `∏ₖ (plmn − networkₖ)`, one of the networks committed to.
//!
//! Constraints per record: 80 for the byte counters, 96 for `d₁`, `duration`, `d₂`, 16 for
//! network membership, 4 for the slot's flag and its links, ≈ 126 for its share of the tree:
//! ≈ 322 in all, plus ≈ 1,060 once per batch for the networks commitment.

use crate::{
	batch::BatchSize,
	commitment::{padded_elements, usage_root, ARITY, RECORDS_PER_LEAF},
	error::{RecordError, Result, ZkError},
	gadgets::{
		bind_input, enforce_equal, input, poseidon::poseidon, range::alloc_bounded, witness, Term,
	},
	record::{UsageRecord, BYTES_BITS, MAX_BINDING_ID},
};
use ark_bn254::Fr;
use ark_relations::gr1cs::{
	ConstraintSynthesizer, ConstraintSystemRef, LinearCombination, SynthesisError, Variable,
};
use gesim_zk_verifier::{
	networks_commitment, networks_slots,
	poseidon::{POSEIDON_2, POSEIDON_4, POSEIDON_8},
	MAX_NETWORKS,
};

/// Bits of a session's offset in its period, its duration and its distance to the period's
/// end: the longest period the chain accepts is 2^32 − 1 seconds.
pub const PERIOD_BITS: usize = 32;

/// What a batch's proof is about, besides its records: all of it comes from the chain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UsageStatement {
	/// The claim nonce.
	pub nonce: u64,
	/// The binding hash of telco, subject and chain.
	pub binding: Fr,
	/// The subject's binding id: every record's `binding_id`.
	pub subject: u128,
	/// The anchored period's start, Unix seconds.
	pub period_start: u64,
	/// The anchored period's end.
	pub period_end: u64,
	/// The networks (PLMN BCD values) the usage may have been served on, as the chain lists
	/// them: 1 to [`MAX_NETWORKS`].
	pub networks: Vec<u32>,
}

impl UsageStatement {
	/// Checks the statement, then that every record fits it, so that a bad batch fails here
	/// with the record named instead of as an unsatisfiable circuit.
	pub fn check(&self, records: &[UsageRecord]) -> Result<()> {
		let argument = |what, reason: &str| ZkError::Argument { what, reason: reason.into() };
		if self.subject > MAX_BINDING_ID {
			return Err(argument("--agreement", "the subject binding id is 2^125 or more"));
		}
		if self.period_end < self.period_start
			|| self.period_end - self.period_start >= 1 << PERIOD_BITS
		{
			return Err(argument(
				"--period-end",
				"the period must end after it starts, within 2^32 - 1 seconds",
			));
		}
		if networks_slots(&self.networks).is_none() {
			return Err(argument("--networks", "give 1 to 16 networks"));
		}
		for (index, record) in records.iter().enumerate() {
			self.check_record(record).map_err(|source| ZkError::Record { index, source })?;
		}
		Ok(())
	}

	fn check_record(&self, record: &UsageRecord) -> Result<(), RecordError> {
		record.validate()?;
		if record.binding_id != self.subject {
			return Err(RecordError::OtherSubject {
				binding_id: record.binding_id,
				subject: self.subject,
			});
		}
		let end = record.session_start.checked_add(record.duration_secs.into());
		if record.session_start < self.period_start || end.is_none_or(|end| end > self.period_end) {
			return Err(RecordError::OutsidePeriod {
				start: self.period_start,
				end: self.period_end,
			});
		}
		if !self.networks.contains(&record.serving_network.to_bcd()) {
			return Err(RecordError::OtherNetwork(record.serving_network.to_string()));
		}
		Ok(())
	}
}

/// One slot's witness: `None` for padding.
#[derive(Clone, Copy, Debug)]
struct Slot {
	/// Seconds from the period's start to the session's start.
	offset: u64,
	duration: u64,
	plmn: u32,
	up: u64,
	down: u64,
}

/// The usage statement for one batch and its witness.
#[derive(Clone, Debug)]
pub struct UsageCircuit {
	batch: BatchSize,
	slots: Vec<Option<Slot>>,
	root: Fr,
	total_bytes: u64,
	statement: UsageStatement,
}

impl UsageCircuit {
	/// The statement for `records`, which must fit `batch` and pass
	/// [`UsageStatement::check`].
	pub fn new(batch: BatchSize, records: &[UsageRecord], statement: UsageStatement) -> Self {
		let root = usage_root(&padded_elements(records, batch));
		let mut slots: Vec<Option<Slot>> = records
			.iter()
			.map(|r| {
				Some(Slot {
					offset: r.session_start.wrapping_sub(statement.period_start),
					duration: r.duration_secs.into(),
					plmn: r.serving_network.to_bcd(),
					up: r.bytes_up,
					down: r.bytes_down,
				})
			})
			.collect();
		slots.resize(batch.records(), None);
		let total_bytes = records.iter().map(UsageRecord::total_bytes).sum();
		Self { batch, slots, root, total_bytes, statement }
	}

	/// A circuit with the right shape and dummy values, for key generation.
	pub fn blank(batch: BatchSize) -> Self {
		let statement = UsageStatement {
			nonce: 0,
			binding: Fr::from(0u64),
			subject: 0,
			period_start: 0,
			period_end: 0,
			networks: vec![0],
		};
		Self::new(batch, &[], statement)
	}

	/// The public inputs this witness satisfies, in circuit order.
	pub fn public_inputs(&self) -> [Fr; 8] {
		let s = &self.statement;
		[
			self.root,
			Fr::from(self.total_bytes),
			Fr::from(s.nonce),
			s.binding,
			Fr::from(s.subject),
			Fr::from(s.period_start),
			Fr::from(s.period_end),
			networks_commitment(&s.networks).unwrap_or_default(),
		]
	}

	/// Overrides the claimed total (tests: a wrong claim must not prove).
	pub fn with_claimed_total(mut self, total_bytes: u64) -> Self {
		self.total_bytes = total_bytes;
		self
	}

	/// Overrides the statement after the witness was laid out (tests: records that do not
	/// fit the statement must not prove).
	pub fn with_statement(mut self, statement: UsageStatement) -> Self {
		self.statement = statement;
		self
	}

	/// The batch size.
	pub fn batch(&self) -> BatchSize {
		self.batch
	}
}

/// `a · b = c` for linear combinations.
fn enforce_product(
	cs: &ConstraintSystemRef<Fr>,
	a: &LinearCombination<Fr>,
	b: &LinearCombination<Fr>,
	c: &LinearCombination<Fr>,
) -> Result<(), SynthesisError> {
	let (a, b, c) = (a.clone(), b.clone(), c.clone());
	cs.enforce_r1cs_constraint(|| a, || b, || c)
}

impl ConstraintSynthesizer<Fr> for UsageCircuit {
	fn generate_constraints(self, cs: ConstraintSystemRef<Fr>) -> Result<(), SynthesisError> {
		let values = self.public_inputs();
		let [root, total, nonce, binding, subject, period_start, period_end, networks] =
			values.map(|v| input(&cs, Some(v)));
		let (root, total, nonce, binding) = (root?, total?, nonce?, binding?);
		let (subject, period_start, period_end, networks) =
			(subject?, period_start?, period_end?, networks?);
		let one = LinearCombination::from(Variable::One);
		let (shift32, shift64) = (Fr::from(1u64 << 32), Fr::from(1u128 << 64));
		let shift128 = shift64 * shift64;
		let lc = |v: Variable| LinearCombination::from(v);

		// The networks behind the commitment, in the chain's order, filled to 16.
		let listed = networks_slots(&self.statement.networks).unwrap_or([0; MAX_NETWORKS]);
		let listed = listed
			.into_iter()
			.map(|p| Ok(Term::var(witness(&cs, Some(Fr::from(p)))?, Some(Fr::from(p)))))
			.collect::<Result<Vec<_>, SynthesisError>>()?;
		let halves =
			[poseidon(&cs, &POSEIDON_8, &listed[..8])?, poseidon(&cs, &POSEIDON_8, &listed[8..])?];
		enforce_equal(&cs, &poseidon(&cs, &POSEIDON_2, &halves)?.lc, &lc(networks))?;

		// What every real record's meta starts with: subject·2^128 + period_start·2^64.
		let prefix = &(&lc(subject) * shift128) + &(&lc(period_start) * shift64);
		let prefix_value = values[4] * shift128 + values[5] * shift64;
		let span = &lc(period_end) - &lc(period_start);

		let mut sum = LinearCombination::zero();
		let mut records = Vec::with_capacity(self.slots.len());
		for slot in &self.slots {
			let real_value = Fr::from(slot.is_some() as u64);
			let real = witness(&cs, Some(real_value))?;
			enforce_product(&cs, &lc(real), &lc(real), &lc(real))?;
			let value = |f: fn(&Slot) -> u64| Some(slot.as_ref().map_or(0, f));

			let offset = alloc_bounded(&cs, value(|s| s.offset), PERIOD_BITS)?;
			let duration = alloc_bounded(&cs, value(|s| s.duration), PERIOD_BITS)?;
			let span_value = self.statement.period_end.wrapping_sub(self.statement.period_start);
			let used = slot.as_ref().map_or(0, |s| s.offset.wrapping_add(s.duration));
			let remaining = alloc_bounded(&cs, Some(span_value.wrapping_sub(used)), PERIOD_BITS)?;
			// offset + duration + remaining = period_end − period_start, with no wrap: every
			// term is below 2^32 and the chain keeps the period shorter than that.
			enforce_equal(&cs, &(&(&offset.lc + &duration.lc) + &remaining.lc), &span)?;

			let up = alloc_bounded(&cs, value(|s| s.up), BYTES_BITS)?;
			let down = alloc_bounded(&cs, value(|s| s.down), BYTES_BITS)?;
			// Padding carries no bytes: (1 − real)·(up + down) = 0.
			enforce_product(
				&cs,
				&(&one - &lc(real)),
				&(&up.lc + &down.lc),
				&LinearCombination::zero(),
			)?;
			sum = &(&sum + &up.lc) + &down.lc;

			// A real record was served on a listed network: real·∏(plmn − networkₖ) = 0.
			let plmn_value = Fr::from(slot.as_ref().map_or(0, |s| s.plmn));
			let plmn = witness(&cs, Some(plmn_value))?;
			let factor = |k: usize| &lc(plmn) - &listed[k].lc;
			let factor_value = |k: usize| listed[k].value.map(|n| plmn_value - n);
			let (mut product, mut product_value) = (factor(0), factor_value(0));
			for k in 1..MAX_NETWORKS {
				let next_value = product_value.zip(factor_value(k)).map(|(a, b)| a * b);
				let next = witness(&cs, next_value)?;
				enforce_product(&cs, &product, &factor(k), &lc(next))?;
				(product, product_value) = (lc(next), next_value);
			}
			enforce_product(&cs, &lc(real), &product, &LinearCombination::zero())?;

			// meta = real·prefix + offset·2^64 + duration·2^32 + plmn: the record's encoding.
			let prefixed_value = real_value * prefix_value;
			let prefixed = witness(&cs, Some(prefixed_value))?;
			enforce_product(&cs, &lc(real), &prefix, &lc(prefixed))?;
			let meta = Term {
				lc: &(&(&lc(prefixed) + &(&offset.lc * shift64)) + &(&duration.lc * shift32))
					+ &lc(plmn),
				value: offset
					.value
					.zip(duration.value)
					.map(|(o, d)| prefixed_value + o * shift64 + d * shift32 + plmn_value),
			};
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

		enforce_equal(&cs, &level[0].lc, &lc(root))?;
		enforce_equal(&cs, &sum, &lc(total))?;
		bind_input(&cs, nonce, Some(values[2]))?;
		bind_input(&cs, binding, Some(values[3]))?;
		Ok(())
	}
}
