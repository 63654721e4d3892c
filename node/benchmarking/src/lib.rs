//! The engine of `gesim-node benchmark pallet`: runs a runtime's FRAME benchmarks in the wasm
//! executor and returns frame-benchmarking's raw results, as `frame-benchmarking-cli` does.
//!
//! The genesis state comes from a preset of the wasm itself; each benchmark runs against
//! `sc-client-db`'s in-memory `BenchmarkingState`, which counts storage reads and writes and
//! records the storage proof.
//!
//! A crate of its own so that it is compiled with full optimisation even in dev builds (root
//! `Cargo.toml`): the generic state-machine, overlay and trie code is instantiated here, and a
//! benchmark times every storage access through it. Left at the node's `opt-level = 0`, it made
//! storage-heavy calls look three to four times slower than they are (`transfer_keep_alive`:
//! 148 µs instead of 42 µs).

use std::borrow::Cow;

use codec::{Decode, Encode};
use frame_benchmarking::{
	BenchmarkBatch, BenchmarkBatchSplitResults, BenchmarkConfig, BenchmarkList, BenchmarkParameter,
	BenchmarkResult,
};
use frame_support::traits::StorageInfo;
use sc_chain_spec::GenesisConfigBuilderRuntimeCaller;
use sc_client_db::BenchmarkingState;
use sc_executor::{RuntimeVersion, RuntimeVersionOf, WasmExecutor, DEFAULT_HEAP_ALLOC_STRATEGY};
use sp_api::RuntimeApiInfo;
use sp_core::{
	offchain::{
		testing::{TestOffchainExt, TestTransactionPoolExt},
		OffchainDbExt, OffchainWorkerExt, TransactionPoolExt,
	},
	storage::{well_known_keys, Storage},
	traits::{CallContext, ReadRuntimeVersionExt, RuntimeCode, WrappedRuntimeCode},
};
use sp_externalities::Extensions;
use sp_keystore::{testing::MemoryKeystore, KeystoreExt};
use sp_runtime::traits::BlakeTwo256;
use sp_state_machine::{BasicExternalities, OverlayedChanges, StateMachine};

/// The host functions a benchmarking runtime imports: Substrate's, the clock, database reset
/// and read/write counters of frame-benchmarking, and the node's Groth16 verification (so that
/// settlement weights are measured on the path the node runs).
type HostFunctions = (
	sp_io::SubstrateHostFunctions,
	frame_benchmarking::benchmarking::HostFunctions,
	gesim_zk_host::zk_proofs::HostFunctions,
);

/// The in-memory state benchmarks run against, with the hasher of GeSIM's blocks.
type State = BenchmarkingState<BlakeTwo256>;

/// Component values of one run: `(component, value)` for each of the benchmark's components.
pub type Components = Vec<(BenchmarkParameter, u32)>;

/// A benchmark of the runtime, named as its `define_benchmarks!` names it.
#[derive(Debug, Clone)]
pub struct Benchmark {
	/// The pallet's crate name (`pallet_collective`).
	pub pallet: String,
	/// The pallet's instance in the runtime (`Council`).
	pub instance: String,
	/// The benchmark, usually the call it measures (`propose_proposed`).
	pub name: String,
	/// Each component with its lowest and highest value.
	pub components: Vec<(BenchmarkParameter, u32, u32)>,
}

/// A runtime wasm built with the `runtime-benchmarks` feature, in the wasm executor.
pub struct Runtime {
	executor: WasmExecutor<HostFunctions>,
	code: WrappedRuntimeCode<'static>,
	hash: Vec<u8>,
	version: RuntimeVersion,
}

impl Runtime {
	/// Load `code`, checking that it carries the `Benchmark` runtime API (version 2).
	pub fn load(code: Vec<u8>) -> Result<Self, String> {
		let executor = WasmExecutor::<HostFunctions>::builder()
			.with_onchain_heap_alloc_strategy(DEFAULT_HEAP_ALLOC_STRATEGY)
			.with_offchain_heap_alloc_strategy(DEFAULT_HEAP_ALLOC_STRATEGY)
			.with_max_runtime_instances(2)
			.with_runtime_cache_size(2)
			.build();
		let hash = sp_io::hashing::blake2_256(&code).to_vec();
		let code = WrappedRuntimeCode(Cow::Owned(code));
		let version = {
			let runtime_code =
				RuntimeCode { code_fetcher: &code, heap_pages: None, hash: hash.clone() };
			executor
				.runtime_version(&mut BasicExternalities::new_empty(), &runtime_code)
				.map_err(|e| format!("the file is not a runtime wasm: {e}"))?
		};

		// The API's id does not depend on the block type: any will do.
		type AnyBlock = sp_runtime::generic::Block<
			sp_runtime::generic::Header<u32, BlakeTwo256>,
			sp_runtime::OpaqueExtrinsic,
		>;
		let api = <dyn frame_benchmarking::Benchmark<AnyBlock>>::ID;
		match version.api_version(&api) {
			Some(2..) => Ok(Self { executor, code, hash, version }),
			Some(v) => Err(format!(
				"the runtime's Benchmark API is version {v}; this command needs version 2"
			)),
			None => {
				Err("the runtime has no Benchmark API: build it with the `runtime-benchmarks` \
				 feature (scripts/bench/weights.sh does), not the node's embedded runtime"
					.into())
			},
		}
	}

	/// The runtime's version.
	pub fn version(&self) -> &RuntimeVersion {
		&self.version
	}

	/// Blake2-256 hash of the wasm.
	pub fn hash(&self) -> &[u8] {
		&self.hash
	}

	fn runtime_code(&self) -> RuntimeCode<'_> {
		RuntimeCode { code_fetcher: &self.code, heap_pages: None, hash: self.hash.clone() }
	}

	/// The storage of genesis preset `preset`, built by the runtime itself, with its code.
	fn genesis(&self, preset: &str) -> Result<Storage, String> {
		let builder = GenesisConfigBuilderRuntimeCaller::<
			frame_benchmarking::benchmarking::HostFunctions,
		>::new(&self.code.0);
		let mut storage = builder
			.get_storage_for_named_preset(Some(&preset.to_string()))
			.map_err(|e| format!("cannot build the genesis state of preset `{preset}`: {e}"))?;
		storage.top.insert(well_known_keys::CODE.to_vec(), self.code.0.to_vec());
		Ok(storage)
	}

	/// Call runtime API function `method` on `state`, and decode what it returns.
	fn call<R: Decode>(&self, state: &State, method: &str, args: &[u8]) -> Result<R, String> {
		let mut overlay = OverlayedChanges::default();
		let mut extensions = self.extensions();
		let runtime_code = self.runtime_code();
		let output = StateMachine::new(
			state,
			&mut overlay,
			&self.executor,
			method,
			args,
			&mut extensions,
			&runtime_code,
			CallContext::Offchain,
		)
		.execute()
		.map_err(|e| format!("{method}: {e}"))?;
		R::decode(&mut &output[..])
			.map_err(|e| format!("{method} returned an undecodable value: {e}"))
	}

	/// Run one benchmark configuration: the results of every internal repeat.
	fn dispatch(
		&self,
		state: &State,
		config: BenchmarkConfig,
	) -> Result<Vec<BenchmarkResult>, String> {
		let batches: Result<Vec<BenchmarkBatch>, String> =
			self.call(state, "Benchmark_dispatch_benchmark", &config.encode())?;
		Ok(batches?.into_iter().flat_map(|batch| batch.results).collect())
	}

	/// What a benchmark may reach outside the state: keys, offchain storage, a transaction
	/// pool and other runtimes' versions, all in memory.
	fn extensions(&self) -> Extensions {
		let mut extensions = Extensions::default();
		let (offchain, _) = TestOffchainExt::new();
		let (pool, _) = TestTransactionPoolExt::new();
		extensions.register(KeystoreExt::new(MemoryKeystore::new()));
		extensions.register(OffchainWorkerExt::new(offchain.clone()));
		extensions.register(OffchainDbExt::new(offchain));
		extensions.register(TransactionPoolExt::new(pool));
		extensions.register(ReadRuntimeVersionExt::new(self.executor.clone()));
		extensions
	}
}

/// A runtime and its genesis state, ready to run benchmarks.
pub struct Bench<'a> {
	runtime: &'a Runtime,
	/// Counts storage reads and writes, whitelisted keys apart.
	tracking: State,
	/// Timed: key tracking would add to the time.
	plain: State,
}

impl<'a> Bench<'a> {
	/// The genesis state of `runtime`'s preset `preset`.
	pub fn new(runtime: &'a Runtime, preset: &str) -> Result<Self, String> {
		let genesis = runtime.genesis(preset)?;
		// Both states record the proof, so timed runs pay what the measured ones did.
		let state = |tracking| {
			State::new(genesis.clone(), None, true, tracking)
				.map_err(|e| format!("cannot build the genesis state: {e}"))
		};
		Ok(Self { runtime, tracking: state(true)?, plain: state(false)? })
	}

	/// The runtime's benchmarks, and what it knows of its storage items (their names and size
	/// bounds).
	pub fn metadata(&self) -> Result<(Vec<BenchmarkList>, Vec<StorageInfo>), String> {
		self.runtime.call(&self.plain, "Benchmark_benchmark_metadata", &false.encode())
	}

	/// Run `benchmark` at every step of `steps`: once with its verification code (if
	/// `verify`), once counting storage accesses, then `repeat` timed runs.
	pub fn measure(
		&self,
		benchmark: &Benchmark,
		steps: &[Components],
		repeat: u32,
		verify: bool,
	) -> Result<BenchmarkBatchSplitResults, String> {
		let mut time_results = Vec::new();
		let mut db_results = Vec::new();
		for components in steps {
			let config = |verify: bool, internal_repeats: u32| BenchmarkConfig {
				pallet: benchmark.pallet.as_bytes().to_vec(),
				instance: benchmark.instance.as_bytes().to_vec(),
				benchmark: benchmark.name.as_bytes().to_vec(),
				selected_components: components.clone(),
				verify,
				internal_repeats,
			};
			if verify {
				self.runtime.dispatch(&self.plain, config(true, 1))?;
			}
			db_results.extend(self.runtime.dispatch(&self.tracking, config(false, 1))?);
			time_results.extend(self.runtime.dispatch(&self.plain, config(false, repeat))?);
		}
		Ok(BenchmarkBatchSplitResults {
			pallet: benchmark.pallet.as_bytes().to_vec(),
			instance: benchmark.instance.as_bytes().to_vec(),
			benchmark: benchmark.name.as_bytes().to_vec(),
			time_results,
			db_results,
		})
	}
}

/// The component values to run: each component in turn takes `steps` values evenly spaced
/// over its range while the others stay at their highest; each distinct selection once.
pub fn component_steps(
	components: &[(BenchmarkParameter, u32, u32)],
	steps: u32,
) -> Vec<Components> {
	if components.is_empty() {
		return vec![Vec::new()];
	}
	let mut selections = Vec::new();
	let last = steps.saturating_sub(1).max(1) as u64;
	for (index, (_, low, high)) in components.iter().enumerate() {
		let range = high.saturating_sub(*low) as u64;
		for s in 0..steps {
			// Integer arithmetic: the last step is exactly `high` (floats can fall just short).
			let value = (*low as u64 + range * s as u64 / last).min(*high as u64) as u32;
			let selection: Components = components
				.iter()
				.enumerate()
				.map(|(i, (name, _, high))| (*name, if i == index { value } else { *high }))
				.collect();
			if !selections.contains(&selection) {
				selections.push(selection);
			}
		}
	}
	selections
}

#[cfg(test)]
mod tests {
	use super::*;
	use BenchmarkParameter::{m, n};

	#[test]
	fn components_step_over_their_range_one_at_a_time() {
		let steps = component_steps(&[(m, 0, 10), (n, 1, 3)], 3);
		assert_eq!(
			steps,
			vec![
				vec![(m, 0), (n, 3)],
				vec![(m, 5), (n, 3)],
				vec![(m, 10), (n, 3)],
				vec![(m, 10), (n, 1)],
				vec![(m, 10), (n, 2)],
			]
		);
		assert_eq!(component_steps(&[], 50), vec![Vec::new()]);
		// More steps than values: every value once, the highest included.
		assert_eq!(
			component_steps(&[(n, 0, 2)], 50),
			vec![vec![(n, 0)], vec![(n, 1)], vec![(n, 2)]]
		);
	}
}
