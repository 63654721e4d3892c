//! `gesim-zk`: trusted setup, usage commitments, proofs and verification for GeSIM.
//!
//! Every failure prints one line on stderr and exits with status 1.

mod commands;

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
	name = "gesim-zk",
	version,
	about = "GeSIM zero-knowledge prover and verifier (Groth16, BN254)"
)]
struct Cli {
	#[command(subcommand)]
	command: Command,
}

/// Binding hash: given directly, or computed from telco, agreement and chain.
#[derive(Args)]
struct BindingArgs {
	/// Binding hash as 32 little-endian bytes (0x + 64 hex), e.g. from `gesim-zk binding`.
	#[arg(long, conflicts_with_all = ["telco", "agreement", "genesis_hash"])]
	binding: Option<String>,
	/// Telco AccountId32 (0x + 64 hex).
	#[arg(long, requires_all = ["agreement", "genesis_hash"])]
	telco: Option<String>,
	/// Subscription or roaming agreement id being invoiced.
	#[arg(long)]
	agreement: Option<u128>,
	/// Genesis hash of the chain (0x + 64 hex).
	#[arg(long)]
	genesis_hash: Option<String>,
}

#[derive(Subcommand)]
enum Command {
	/// Generate proving and verifying keys (`<out-dir>/<circuit>.pk` and `.vk`).
	Setup {
		/// usage-64, usage-256, usage-1024, eid, or all.
		#[arg(long, default_value = "all")]
		circuit: String,
		/// Directory for the key files.
		#[arg(long, default_value = "keys")]
		out_dir: PathBuf,
		/// Deterministic setup from this seed. DEV CHAIN ONLY: whoever knows the seed can
		/// forge any proof.
		#[arg(long)]
		dev_seed: Option<u64>,
	},
	/// Compute the usage commitment (root) of a records file.
	Commit {
		/// Records file (.csv, or .json).
		#[arg(long)]
		records: PathBuf,
		/// 64, 256 or 1024; default: the smallest that fits.
		#[arg(long)]
		batch_size: Option<usize>,
	},
	/// Compute the binding hash of telco, agreement and chain.
	Binding {
		#[command(flatten)]
		binding: BindingArgs,
	},
	/// Prove that a records file's sessions, all of one subject, inside the anchored period
	/// and on the operator's networks, sum to its total (usage circuit of the key).
	Prove {
		/// Proving key (.pk) of a usage circuit.
		#[arg(long)]
		pk: PathBuf,
		/// Records file (.csv, or .json).
		#[arg(long)]
		records: PathBuf,
		/// Claim nonce (unique per claim; the chain refuses a used nonce).
		#[arg(long)]
		nonce: u64,
		/// Telco AccountId32 (0x + 64 hex).
		#[arg(long)]
		telco: String,
		/// The subject invoiced: an entitlement id, or 2^64 + a roaming agreement id. Every
		/// record's binding_id must be this.
		#[arg(long)]
		agreement: u128,
		/// Genesis hash of the chain (0x + 64 hex).
		#[arg(long)]
		genesis_hash: String,
		/// Start of the period anchored on chain (Unix seconds).
		#[arg(long)]
		period_start: u64,
		/// End of the period anchored on chain (Unix seconds).
		#[arg(long)]
		period_end: u64,
		/// The operator's networks as registered on chain, in that order: MCC-MNC, comma
		/// separated (e.g. 208-01,262-001).
		#[arg(long, value_delimiter = ',', required = true)]
		networks: Vec<String>,
		/// Output file (default: stdout).
		#[arg(long)]
		out: Option<PathBuf>,
	},
	/// Prove knowledge of the EID behind an EID commitment, bound to an account.
	ProveEid {
		/// Proving key (.pk) of the eid circuit.
		#[arg(long)]
		pk: PathBuf,
		/// EID, 32 decimal digits.
		#[arg(long)]
		eid: String,
		/// Salt, decimal or 0x-hex (big-endian), < r.
		#[arg(long)]
		salt: String,
		/// AccountId32 the proof is bound to (0x + 64 hex).
		#[arg(long)]
		account: String,
		/// Output file (default: stdout).
		#[arg(long)]
		out: Option<PathBuf>,
	},
	/// Verify a proof file against a verifying key: the chain's no_std verifier, then
	/// arkworks' Groth16 verifier as an independent check.
	Verify {
		/// Verifying key file (.vk, as written by setup, export-vk or import-snarkjs).
		#[arg(long)]
		vk: PathBuf,
		/// Proof file (JSON from prove, prove-eid or import-snarkjs).
		#[arg(long)]
		proof: PathBuf,
	},
	/// Write the verifying key of a proving key, and print its registration encodings.
	ExportVk {
		/// Proving key (.pk).
		#[arg(long)]
		pk: PathBuf,
		/// Where to write the raw verifying key (default: next to the .pk, as .vk).
		#[arg(long)]
		out: Option<PathBuf>,
	},
	/// Convert snarkjs Groth16 files (BN254) into gesim-zk files.
	ImportSnarkjs {
		/// snarkjs verification_key.json.
		#[arg(long)]
		vk: PathBuf,
		/// snarkjs proof.json (needs --public).
		#[arg(long, requires = "public")]
		proof: Option<PathBuf>,
		/// snarkjs public.json.
		#[arg(long, requires = "proof")]
		public: Option<PathBuf>,
		/// Output directory: `snarkjs.vk` and `snarkjs-proof.json`.
		#[arg(long, default_value = ".")]
		out_dir: PathBuf,
	},
}

fn main() {
	let cli = Cli::parse();
	if let Err(error) = commands::run(cli.command) {
		eprintln!("error: {error}");
		std::process::exit(1);
	}
}
