//! Command-line flags and subcommands.

/// How the node seals blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Sealing {
	/// Aura slots and GRANDPA finality: what validators run.
	Aura,
	/// One block per incoming transaction, finalised at once: for the dev chain and tests.
	Instant,
}

#[derive(Debug, clap::Parser)]
pub struct Cli {
	#[command(subcommand)]
	pub subcommand: Option<Subcommand>,

	#[clap(flatten)]
	pub run: sc_cli::RunCmd,

	/// How to seal blocks. Defaults to `instant` on a development chain (`--dev`) and `aura`
	/// on every other chain.
	#[arg(long, value_enum)]
	pub sealing: Option<Sealing>,
}

#[derive(Debug, clap::Subcommand)]
#[allow(clippy::large_enum_variant)]
pub enum Subcommand {
	/// Generate, inspect and insert keys (session keys go in with `key insert`).
	#[command(subcommand)]
	Key(sc_cli::KeySubcommand),

	/// Export the chain specification of `--chain` as JSON.
	ExportChainSpec(sc_cli::ExportChainSpecCmd),

	/// Build a chain specification (kept for tooling that still calls it).
	BuildSpec(sc_cli::BuildSpecCmd),

	/// Validate blocks.
	CheckBlock(sc_cli::CheckBlockCmd),

	/// Export blocks.
	ExportBlocks(sc_cli::ExportBlocksCmd),

	/// Export the state of a given block into a chain spec.
	ExportState(sc_cli::ExportStateCmd),

	/// Import blocks.
	ImportBlocks(sc_cli::ImportBlocksCmd),

	/// Remove the whole chain.
	PurgeChain(sc_cli::PurgeChainCmd),

	/// Revert the chain to a previous state.
	Revert(sc_cli::RevertCmd),

	/// Database metadata.
	ChainInfo(sc_cli::ChainInfoCmd),

	/// Benchmark the runtime's pallets and write their weights (`benchmark pallet --help`).
	#[command(subcommand)]
	Benchmark(crate::benchmark::BenchmarkCmd),
}
