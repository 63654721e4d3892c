//! From raw benchmark results to weight formulas: frame-benchmarking's least-squares fit of
//! time, storage reads, writes and recorded proof size against the components, and the proof
//! size a weight charges, estimated from what the runtime says of each storage item touched.
//!
//! The proof estimate is `frame-benchmarking-cli`'s default (`MaxEncodedLen`): an item with a
//! bounded size costs its bound plus the trie nodes above it, for each read; an unbounded item
//! costs the proof recorded in the run plus those nodes. The weight charges the largest of
//! these per-item estimates, as that tool does.

use std::collections::{HashMap, HashSet};

use frame_benchmarking::{
	Analysis, BenchmarkBatchSplitResults, BenchmarkResult, BenchmarkSelector,
};
use frame_support::traits::StorageInfo;

/// Bytes a trie layer adds to a proof: 16 children of which the proof compacts one away, each
/// a 32-byte hash with its length prefix.
const TRIE_LAYER_BYTES: u32 = 15 * 33;

/// How proof sizes are estimated.
#[derive(Debug, Clone, Copy)]
pub struct PovEstimation {
	/// Entries assumed in a storage map without `max_values`.
	pub worst_case_map_values: u32,
	/// Trie layers added to the proof of every storage item read, for the rest of the state.
	pub additional_trie_layers: u8,
}

/// The weights of one pallet instance's benchmarks.
pub struct PalletWeights {
	/// The pallet as the runtime's `define_benchmarks!` names it (`pallet_collective`).
	pub pallet: String,
	/// Its instance in the runtime (`Council`).
	pub instance: String,
	/// One per benchmark, in the runtime's order.
	pub extrinsics: Vec<ExtrinsicWeight>,
}

/// `slope` per unit of `component`, with the fit's standard error.
#[derive(Debug, Clone)]
pub struct Term {
	/// The component's name (`m`).
	pub component: String,
	/// What one more unit of the component adds.
	pub slope: u128,
	/// Standard error of the slope.
	pub error: u128,
}

/// A linear formula: `base` plus a term per component that moves the value.
#[derive(Debug, Clone, Default)]
pub struct Formula {
	/// The value with every component at zero.
	pub base: u128,
	/// Only the components whose slope is not zero.
	pub terms: Vec<Term>,
}

/// The fitted weight of one benchmark.
pub struct ExtrinsicWeight {
	/// The benchmark's name, which is the `WeightInfo` function's.
	pub name: String,
	/// Every component of the benchmark, and whether one of the charged formulas uses it.
	pub components: Vec<(String, bool)>,
	/// The range each component ran over.
	pub ranges: Vec<(String, u32, u32)>,
	/// Execution time in picoseconds, the unit of `ref_time`.
	pub time: Formula,
	/// The fastest run, in nanoseconds.
	pub min_time_ns: u128,
	/// Storage reads, whitelisted keys excluded.
	pub reads: Formula,
	/// Storage writes, whitelisted keys excluded.
	pub writes: Formula,
	/// The proof size the weight charges, in bytes (see the module's doc).
	pub proof: Formula,
	/// The proof size recorded in the runs, in bytes.
	pub recorded_proof: Formula,
	/// What the benchmark touched: a `Storage:` and a `Proof:` line per storage item.
	pub storage: Vec<String>,
}

impl ExtrinsicWeight {
	/// One line for the terminal: `12.34 µs + 1 read + 1 write, proof 3593 B (recorded 120 B)`.
	pub fn summary(&self) -> String {
		let mut text = format!("{:.2} µs", self.time.base as f64 / 1e6);
		for term in &self.time.terms {
			text += &format!(" + {:.3} ns × {}", term.slope as f64 / 1e3, term.component);
		}
		for (formula, what) in [(&self.reads, "read"), (&self.writes, "write")] {
			if formula.base > 0 {
				let plural = if formula.base == 1 { "" } else { "s" };
				text += &format!(" + {} {what}{plural}", formula.base);
			}
			for term in &formula.terms {
				text += &format!(" + {} {what}s × {}", term.slope, term.component);
			}
		}
		text += &format!(", proof {} B", self.proof.base);
		for term in &self.proof.terms {
			text += &format!(" + {} B × {}", term.slope, term.component);
		}
		text + &format!(" (recorded {} B)", self.recorded_proof.base)
	}
}

/// Fit every benchmark of `results`, grouped by pallet instance in the order they ran.
pub fn analyse(
	results: &[BenchmarkBatchSplitResults],
	storage_info: &[StorageInfo],
	pov: PovEstimation,
) -> Result<Vec<PalletWeights>, String> {
	let mut pallets = Vec::<PalletWeights>::new();
	for batch in results {
		let pallet = String::from_utf8_lossy(&batch.pallet).into_owned();
		let instance = String::from_utf8_lossy(&batch.instance).into_owned();
		let name = String::from_utf8_lossy(&batch.benchmark).into_owned();
		if batch.time_results.is_empty() || batch.db_results.is_empty() {
			eprintln!("benchmark: {pallet}::{name} returned no results (skipped by the benchmark)");
			continue;
		}
		let weight =
			fit_benchmark(name, batch, storage_info, pov).map_err(|e| format!("{pallet}::{e}"))?;
		match pallets.iter_mut().find(|p| p.pallet == pallet && p.instance == instance) {
			Some(weights) => weights.extrinsics.push(weight),
			None => pallets.push(PalletWeights { pallet, instance, extrinsics: vec![weight] }),
		}
	}
	Ok(pallets)
}

fn fit_benchmark(
	name: String,
	batch: &BenchmarkBatchSplitResults,
	storage_info: &[StorageInfo],
	pov: PovEstimation,
) -> Result<ExtrinsicWeight, String> {
	let fitted = |results: &Vec<BenchmarkResult>, selector| {
		analysis(results, selector)
			.map(Formula::from)
			.map_err(|e| format!("{name}: {e}"))
	};
	let time = analysis(&batch.time_results, BenchmarkSelector::ExtrinsicTime)
		.map_err(|e| format!("{name}: {e}"))?;
	let min_time_ns = time.minimum;
	let time = Formula::from(time);
	let reads = fitted(&batch.db_results, BenchmarkSelector::Reads)?;
	let writes = fitted(&batch.db_results, BenchmarkSelector::Writes)?;
	let recorded_proof = fitted(&batch.db_results, BenchmarkSelector::ProofSize)?;
	let (storage, per_item) = storage_accesses(&batch.db_results, storage_info, pov);

	// The largest per-item estimate, term by term.
	let mut proof = Formula::default();
	for results in per_item.values() {
		// An item touched at too few component values for a line costs its largest estimate.
		let item = fitted(results, BenchmarkSelector::ProofSize).unwrap_or_else(|_| Formula {
			base: results.iter().map(|r| u128::from(r.proof_size)).max().unwrap_or(0),
			terms: Vec::new(),
		});
		proof.base = proof.base.max(item.base);
		for term in item.terms {
			match proof.terms.iter_mut().find(|t| t.component == term.component) {
				Some(existing) if existing.slope < term.slope => *existing = term,
				Some(_) => {},
				None => proof.terms.push(term),
			}
		}
	}
	proof.terms.sort_by(|a, b| a.component.cmp(&b.component));

	let first = &batch.time_results[0];
	let charged = [&time, &reads, &writes, &proof];
	let components = first
		.components
		.iter()
		.map(|(component, _)| {
			let component = component.to_string();
			let used = charged.iter().any(|f| f.terms.iter().any(|t| t.component == component));
			(component, used)
		})
		.collect();
	let ranges = first
		.components
		.iter()
		.enumerate()
		.map(|(i, (component, _))| {
			let values = batch.time_results.iter().map(|r| r.components[i].1);
			let (low, high) = values.fold((u32::MAX, 0), |(l, h), v| (l.min(v), h.max(v)));
			(component.to_string(), low, high)
		})
		.collect();

	Ok(ExtrinsicWeight {
		name,
		components,
		ranges,
		time,
		min_time_ns,
		reads,
		writes,
		proof,
		recorded_proof,
		storage,
	})
}

/// The least-squares fit frame-benchmarking-cli uses by default (outliers beyond the
/// interquartile range dropped), or the median of slopes where that fit fails.
// `Analysis` takes a `&Vec`.
#[allow(clippy::ptr_arg)]
fn analysis(
	results: &Vec<BenchmarkResult>,
	selector: BenchmarkSelector,
) -> Result<Analysis, String> {
	Analysis::min_squares_iqr(results, selector)
		.or_else(|_| Analysis::median_slopes(results, selector))
		.map_err(|e| format!("the results do not fit a line: {e}"))
}

impl From<Analysis> for Formula {
	fn from(analysis: Analysis) -> Self {
		let errors = analysis.errors.unwrap_or_default();
		let terms = analysis
			.slopes
			.iter()
			.zip(&analysis.names)
			.enumerate()
			.filter(|(_, (slope, _))| **slope != 0)
			.map(|(i, (slope, name))| Term {
				component: name.clone(),
				slope: *slope,
				error: errors.get(i).copied().unwrap_or(0),
			})
			.collect();
		Formula { base: analysis.base, terms }
	}
}

/// The storage lines of a benchmark's doc comment, and for each storage item (by its 32-byte
/// prefix) the results with that item's proof estimate in place of the recorded proof size.
fn storage_accesses(
	db_results: &[BenchmarkResult],
	storage_info: &[StorageInfo],
	pov: PovEstimation,
) -> (Vec<String>, HashMap<Vec<u8>, Vec<BenchmarkResult>>) {
	let known: HashMap<&[u8], &StorageInfo> =
		storage_info.iter().map(|info| (&info.prefix[..], info)).collect();
	let mut lines = Vec::new();
	let mut per_item = HashMap::<Vec<u8>, Vec<BenchmarkResult>>::new();
	let mut seen = HashSet::new();

	// Largest components first, so each item's line shows its most accesses.
	let mut ordered: Vec<&BenchmarkResult> = db_results.iter().collect();
	ordered.sort_by(|a, b| {
		b.components.iter().map(|(_, v)| v).cmp(a.components.iter().map(|(_, v)| v))
	});
	for result in ordered {
		for (key, reads, writes, whitelisted) in &result.keys {
			if *whitelisted {
				continue;
			}
			let prefix = key[..key.len().min(32)].to_vec();
			let info = known.get(&prefix[..]).copied();
			let trie =
				trie_depth(info.and_then(|i| i.max_values).unwrap_or(pov.worst_case_map_values))
					* TRIE_LAYER_BYTES;
			let mut proof = match info.and_then(|i| i.max_size) {
				Some(max_size) => trie.saturating_add(max_size).saturating_mul(*reads),
				None => result.proof_size.saturating_add(trie.saturating_mul(*reads)),
			};
			if *reads > 0 {
				proof =
					proof.saturating_add(TRIE_LAYER_BYTES * u32::from(pov.additional_trie_layers));
			}
			per_item
				.entry(prefix.clone())
				.or_default()
				.push(BenchmarkResult { proof_size: proof, ..result.clone() });

			if seen.insert(prefix) {
				let name = item_name(info, key);
				lines.push(format!("Storage: {name} (r:{reads} w:{writes})"));
				lines.push(match info {
					Some(info) => match info.max_size {
						Some(max_size) => format!(
							"Proof: {name} (`max_values`: {:?}, `max_size`: {max_size}, added: {}, mode: `MaxEncodedLen`)",
							info.max_values,
							trie.saturating_add(max_size),
						),
						None => format!(
							"Proof: {name} (`max_values`: {:?}, `max_size`: None, mode: `Measured`)",
							info.max_values
						),
					},
					None => format!("Proof: {name} (mode: `Measured`)"),
				});
			}
		}
	}
	(lines, per_item)
}

/// `` `Pallet::Item` ``, or the key in hex for a key no pallet declares.
fn item_name(info: Option<&StorageInfo>, key: &[u8]) -> String {
	match (info, key) {
		(Some(info), _) => format!(
			"`{}::{}`",
			String::from_utf8_lossy(&info.pallet_name),
			String::from_utf8_lossy(&info.storage_name)
		),
		// Markers the benchmark macros put among the keys.
		(None, b"Skipped Metadata") => "`Skipped::Metadata`".into(),
		(None, b"Benchmark Override") => "`Benchmark::Override`".into(),
		(None, key) => format!(
			"UNKNOWN KEY `0x{}`",
			key.iter().map(|b| format!("{b:02x}")).collect::<String>()
		),
	}
}

/// Layers of a trie holding `entries` values (a base-16 logarithm, rounded up).
fn trie_depth(entries: u32) -> u32 {
	let mut depth = 0;
	let mut capacity = 1u64;
	while capacity < u64::from(entries) {
		capacity *= 16;
		depth += 1;
	}
	// A single value still sits below one layer.
	if entries > 0 {
		depth.max(1)
	} else {
		0
	}
}

#[cfg(test)]
mod tests {
	use super::trie_depth;

	#[test]
	fn trie_depth_is_the_rounded_up_base_16_logarithm() {
		assert_eq!(trie_depth(0), 0);
		assert_eq!(trie_depth(1), 1);
		assert_eq!(trie_depth(16), 1);
		assert_eq!(trie_depth(17), 2);
		assert_eq!(trie_depth(65_536), 4);
		assert_eq!(trie_depth(1_000_000), 5);
	}
}
