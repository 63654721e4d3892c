//! `gesim-node benchmark pallet`: runs the runtime's FRAME benchmarks in the wasm executor and
//! writes each pallet's `weights.rs`.
//!
//! It does what `frame-benchmarking-cli benchmark pallet` does, with only the crates the node
//! already builds: `gesim-benchmarking` runs the benchmarks, frame-benchmarking's `Analysis`
//! fits the linear model (`analysis.rs`) and `writer.rs` renders the weights file.

mod analysis;
mod writer;

use std::{
	collections::BTreeSet,
	fs,
	path::{Path, PathBuf},
	time::Instant,
};

use frame_benchmarking::{BenchmarkBatchSplitResults, BenchmarkList};
use gesim_benchmarking::{component_steps, Bench, Benchmark, Runtime};

use self::{analysis::PovEstimation, writer::WeightsShape};

/// `gesim-node benchmark ...`
#[derive(Debug, clap::Subcommand)]
pub enum BenchmarkCmd {
	/// Run pallets' benchmarks on a runtime wasm built with `runtime-benchmarks`, and write
	/// their weights.
	Pallet(PalletCmd),
}

impl BenchmarkCmd {
	/// Run the subcommand.
	pub fn run(&self) -> sc_cli::Result<()> {
		let result = match self {
			Self::Pallet(cmd) => cmd.run(),
		};
		// One line that says what to do, rather than the error's debug form.
		if let Err(error) = result {
			match error {
				sc_cli::Error::Input(message) => eprintln!("error: {message}"),
				other => eprintln!("error: {other}"),
			}
			std::process::exit(1);
		}
		Ok(())
	}
}

/// Flags of `gesim-node benchmark pallet`.
#[derive(Debug, clap::Parser)]
pub struct PalletCmd {
	/// The runtime wasm to benchmark, built with the `runtime-benchmarks` feature
	/// (`scripts/bench/weights.sh` builds one aside from the node's).
	#[arg(long, value_name = "WASM")]
	pub runtime: PathBuf,

	/// Pallets to benchmark, as named in the runtime's `define_benchmarks!`
	/// (`pallet_governance`), comma-separated, or `*` for all.
	#[arg(long, default_value = "*")]
	pub pallet: String,

	/// Benchmarks of those pallets to run, comma-separated, or `*` for all.
	#[arg(long, default_value = "*")]
	pub extrinsic: String,

	/// Values each component takes, evenly spaced from its lowest to its highest (the other
	/// components stay at their highest).
	#[arg(long, default_value_t = 50)]
	pub steps: u32,

	/// Timed runs of each step, repeated inside the runtime.
	#[arg(long, default_value_t = 20)]
	pub repeat: u32,

	/// The runtime's genesis preset the benchmarks start from.
	#[arg(long, default_value = sp_genesis_builder::DEV_RUNTIME_PRESET)]
	pub genesis_preset: String,

	/// Where to write the weights: a file (one pallet) or an existing directory (one
	/// `<pallet>.rs` per pallet). Without it only the summary is printed.
	#[arg(long, value_name = "PATH")]
	pub output: Option<PathBuf>,

	/// `pallet`: the pallet's own `weights.rs` (`WeightInfo` trait, `SubstrateWeight<T>`, `()`);
	/// `runtime`: a runtime's `impl pallet_x::WeightInfo`, for pallets GeSIM does not own.
	#[arg(long, value_enum, default_value_t = WeightsShape::Pallet)]
	pub weights_shape: WeightsShape,

	/// Print the runtime's benchmarks (`pallet benchmark` per line) and run none.
	#[arg(long)]
	pub list: bool,

	/// Skip the run of each step with the benchmark's verification code.
	#[arg(long)]
	pub no_verify: bool,

	/// Entries assumed in a storage map without `max_values`, to estimate proof sizes.
	#[arg(long, default_value_t = 1_000_000)]
	pub worst_case_map_values: u32,

	/// Trie layers added to the proof of every storage item read, for the rest of the state.
	#[arg(long, default_value_t = 2)]
	pub additional_trie_layers: u8,
}

impl PalletCmd {
	/// Benchmark, analyse and write.
	pub fn run(&self) -> sc_cli::Result<()> {
		let started = Instant::now();
		if self.steps < 2 {
			return Err(input("--steps must be at least 2: a slope needs two points"));
		}
		if self.repeat == 0 {
			return Err(input("--repeat must be at least 1"));
		}
		let code = fs::read(&self.runtime).map_err(|e| {
			input(format!("cannot read the runtime {}: {e}", self.runtime.display()))
		})?;
		let runtime = Runtime::load(code).map_err(input)?;
		eprintln!(
			"benchmark: runtime {} ({} v{}), genesis preset `{}`",
			self.runtime.display(),
			runtime.version().spec_name,
			runtime.version().spec_version,
			self.genesis_preset,
		);
		let bench = Bench::new(&runtime, &self.genesis_preset)?;
		let (list, storage_info) = bench.metadata()?;
		let selected = self.select(list)?;
		if self.list {
			for benchmark in &selected {
				println!("{} {}", benchmark.pallet, benchmark.name);
			}
			return Ok(());
		}

		if let Some(output) = self.output.as_deref().filter(|output| !output.is_dir()) {
			let instances: BTreeSet<_> =
				selected.iter().map(|b| (b.pallet.as_str(), b.instance.as_str())).collect();
			if instances.len() > 1 {
				return Err(input(format!(
					"{} pallets selected but --output {} is not a directory: give a directory",
					instances.len(),
					output.display()
				)));
			}
		}

		let mut results = Vec::<BenchmarkBatchSplitResults>::new();
		let mut failed = Vec::new();
		for (i, benchmark) in selected.iter().enumerate() {
			let steps = component_steps(&benchmark.components, self.steps);
			eprintln!(
				"benchmark: [{:>3}/{}] {}::{} ({} step{} x {} repeats)",
				i + 1,
				selected.len(),
				benchmark.pallet,
				benchmark.name,
				steps.len(),
				if steps.len() == 1 { "" } else { "s" },
				self.repeat,
			);
			match bench.measure(benchmark, &steps, self.repeat, !self.no_verify) {
				Ok(batch) => results.push(batch),
				Err(e) => {
					eprintln!("benchmark: {}::{} failed: {e}", benchmark.pallet, benchmark.name);
					failed.push(format!("{}::{}", benchmark.pallet, benchmark.name));
				},
			}
		}
		if !failed.is_empty() {
			return Err(input(format!(
				"{} benchmark(s) failed, no weights written: {}",
				failed.len(),
				failed.join(", ")
			)));
		}

		let pov = PovEstimation {
			worst_case_map_values: self.worst_case_map_values,
			additional_trie_layers: self.additional_trie_layers,
		};
		let pallets = analysis::analyse(&results, &storage_info, pov)?;
		for pallet in &pallets {
			for weight in &pallet.extrinsics {
				println!("{}::{}: {}", pallet.pallet, weight.name, weight.summary());
			}
		}
		if let Some(output) = &self.output {
			let header = writer::Header {
				command: command_line(),
				date: chrono::Utc::now().format("%Y-%m-%d").to_string(),
				steps: self.steps,
				repeat: self.repeat,
				runtime: format!(
					"`{}` spec version {}, {} (blake2-256 0x{}…)",
					runtime.version().spec_name,
					runtime.version().spec_version,
					self.runtime.file_name().unwrap_or_default().to_string_lossy(),
					runtime.hash()[..8].iter().map(|b| format!("{b:02x}")).collect::<String>(),
				),
				genesis_preset: self.genesis_preset.clone(),
				machine: machine(),
				pov,
			};
			self.write(output, &pallets, &header)?;
		}
		eprintln!("benchmark: done in {:.0?}", started.elapsed());
		Ok(())
	}

	/// The benchmarks of the runtime that `--pallet` and `--extrinsic` select.
	fn select(&self, list: Vec<BenchmarkList>) -> sc_cli::Result<Vec<Benchmark>> {
		let matches = |filter: &str, name: &str| {
			filter == "*" || filter == "all" || filter.split(',').any(|f| f.trim() == name)
		};
		let mut selected = Vec::new();
		let mut known = BTreeSet::new();
		for item in list {
			let pallet = String::from_utf8_lossy(&item.pallet).into_owned();
			known.insert(pallet.clone());
			if !matches(&self.pallet, &pallet) {
				continue;
			}
			for benchmark in item.benchmarks {
				let name = String::from_utf8_lossy(&benchmark.name).into_owned();
				if matches(&self.extrinsic, &name) {
					selected.push(Benchmark {
						pallet: pallet.clone(),
						instance: String::from_utf8_lossy(&item.instance).into_owned(),
						name,
						components: benchmark.components,
					});
				}
			}
		}
		if selected.is_empty() {
			return Err(input(format!(
				"no benchmark matches --pallet {} --extrinsic {}; the runtime has: {}",
				self.pallet,
				self.extrinsic,
				known.into_iter().collect::<Vec<_>>().join(", ")
			)));
		}
		Ok(selected)
	}

	/// Write one weights file per pallet instance to `--output`.
	fn write(
		&self,
		output: &Path,
		pallets: &[analysis::PalletWeights],
		header: &writer::Header,
	) -> sc_cli::Result<()> {
		for pallet in pallets {
			let path = if output.is_dir() {
				let instances = pallets.iter().filter(|p| p.pallet == pallet.pallet).count();
				let name = if instances > 1 {
					format!("{}_{}.rs", pallet.pallet, snake_case(&pallet.instance))
				} else {
					format!("{}.rs", pallet.pallet)
				};
				output.join(name)
			} else {
				output.to_path_buf()
			};
			// Keep the hand-written doc lines of the trait's functions across regenerations.
			let previous = fs::read_to_string(&path).unwrap_or_default();
			let text = writer::render(pallet, self.weights_shape, header, &previous);
			fs::write(&path, text)
				.map_err(|e| input(format!("cannot write {}: {e}", path.display())))?;
			eprintln!("benchmark: wrote {}", path.display());
		}
		Ok(())
	}
}

/// The command line, for the generated file's header: no binary path, `~` for the home.
fn command_line() -> String {
	let home = std::env::var("HOME").unwrap_or_default();
	let mut args = std::env::args();
	args.next();
	std::iter::once("gesim-node".to_string())
		.chain(args.map(|arg| match arg.strip_prefix(&home) {
			Some(rest) if !home.is_empty() => format!("~{rest}"),
			_ => arg,
		}))
		.map(|arg| if arg.contains(['*', ' ']) { format!("'{arg}'") } else { arg })
		.collect::<Vec<_>>()
		.join(" ")
}

/// The machine the weights were measured on: CPU, cores, memory, kernel.
fn machine() -> String {
	let info = sc_sysinfo::gather_sysinfo();
	let mut parts = vec![format!("`{}`", info.cpu.as_deref().unwrap_or("unknown CPU"))];
	if let Some(cores) = info.core_count {
		parts.push(format!("{cores} physical cores"));
	}
	if let Some(memory) = info.memory {
		parts.push(format!("{} GiB", memory / (1 << 30)));
	}
	if let Some(kernel) = info.linux_kernel {
		parts.push(format!("Linux {kernel}"));
	}
	if info.is_virtual_machine == Some(true) {
		parts.push("virtual machine".into());
	}
	parts.join(", ")
}

/// `Council` -> `council`, `TechnicalCommittee` -> `technical_committee`.
fn snake_case(name: &str) -> String {
	let mut snake = String::new();
	for (i, c) in name.chars().enumerate() {
		if c.is_uppercase() && i > 0 {
			snake.push('_');
		}
		snake.extend(c.to_lowercase());
	}
	snake
}

fn input(message: impl Into<String>) -> sc_cli::Error {
	sc_cli::Error::Input(message.into())
}
