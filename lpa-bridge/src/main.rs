//! `gesim-lpa`: the LPA bridge on the command line. Every failure is one line on stderr and
//! exit status 1; results go to stdout.

use clap::{Parser, Subcommand};
use gesim_lpa_bridge::{
	chain::Trust,
	device::DeviceKeyFile,
	eid::{EidOpening, ProvingKey},
	finality::{TrustRoot, VerifyError},
	lpa::{Lpa, Lpac, TestEuicc},
	Bridge, BridgeError,
};
use std::{path::PathBuf, process::ExitCode, time::Duration};

#[derive(Parser)]
#[command(
	name = "gesim-lpa",
	version,
	about = "A device's bridge between its LPA and the GeSIM chain"
)]
struct Cli {
	/// The node's JSON-RPC endpoint.
	#[arg(long, global = true, default_value = "http://127.0.0.1:9944")]
	node: String,
	/// File holding the subscriber's account key (sr25519 seed, phrase or SURI; mode 600).
	#[arg(long, global = true, default_value = "account.key")]
	account_file: PathBuf,
	/// File holding the device's X25519 key (mode 600).
	#[arg(long, global = true, default_value = "device.key")]
	key_file: PathBuf,
	/// The chain's raw chain spec: orders are then read with storage proofs checked against
	/// blocks its GRANDPA authorities finalised.
	#[arg(long, global = true)]
	chain_spec: Option<PathBuf>,
	/// Take the node's word for orders instead (a node you run yourself; the dev chain).
	#[arg(long, global = true, conflicts_with = "chain_spec")]
	trust_rpc_node: bool,
	#[command(subcommand)]
	command: Command,
}

#[derive(Subcommand)]
enum Command {
	/// Generate the device key (never overwrites one) and print its public half.
	GenerateKey,
	/// Register the device key on chain for the subscriber's account.
	RegisterKey,
	/// The subscriber's entitlements, as JSON.
	Entitlements,
	/// One order, as JSON.
	Order { order: u64 },
	/// The latest block the validators finalised, proved from the chain spec through every
	/// GRANDPA authority set change since (needs --chain-spec), as JSON.
	Finalized,
	/// Bind an EID commitment to the subscriber's identity, with a proof made here.
	BindEid {
		/// The eUICC's EID (32 digits).
		#[arg(long)]
		eid: String,
		/// Where to keep the EID and its commitment's salt (created, mode 600).
		#[arg(long, default_value = "eid.json")]
		opening_file: PathBuf,
		/// The `eid` proving key (`gesim-zk setup --circuit eid`).
		#[arg(long, conflicts_with = "dev_key")]
		pk: Option<PathBuf>,
		/// Use the development chain's deterministic key instead (dev chain only).
		#[arg(long)]
		dev_key: bool,
		/// The key's version on chain.
		#[arg(long, default_value_t = 1)]
		key_version: u16,
	},
	/// Order a profile for an entitlement, sealed to this device; prints the order id.
	Request {
		entitlement: u32,
		/// A new profile even if one is installed.
		#[arg(long)]
		new_profile: bool,
		/// Bind the profile to the EID kept in this file by `bind-eid`: only that eUICC can
		/// download it. The EID is sealed to the operator; the chain sees only its commitment.
		#[arg(long)]
		eid_opening: Option<PathBuf>,
	},
	/// Wait for an order's activation code, open it, and print the code.
	Code {
		order: u64,
		#[arg(long, default_value_t = 120)]
		timeout_secs: u64,
	},
	/// Wait for an order's code, install its profile through the LPA, and wait until the chain
	/// shows it installed.
	Install {
		order: u64,
		#[command(flatten)]
		lpa: LpaArgs,
		#[arg(long, default_value_t = 180)]
		timeout_secs: u64,
	},
	/// Acknowledge the bytes this device counted for an entitlement, in all (its data counter
	/// for the entitlement's profile): the operator is paid at once up to it.
	Acknowledge {
		entitlement: u32,
		/// Bytes used, up and down, since the entitlement's profile was installed.
		#[arg(long)]
		bytes: u64,
	},
	/// Send an installation notification the LPA kept (after a failed `install`).
	Notify {
		seq_number: u32,
		#[command(flatten)]
		lpa: LpaArgs,
	},
}

#[derive(clap::Args)]
struct LpaArgs {
	/// The lpac executable.
	#[arg(long, default_value = "lpac", conflicts_with = "test_euicc")]
	lpac: PathBuf,
	/// Use the SM-DP+ simulator's test eUICC (this `gesim-smdp-sim` executable) instead of lpac.
	#[arg(long, requires = "ca")]
	test_euicc: Option<PathBuf>,
	/// The test eUICC's EID.
	#[arg(long, default_value = "89049032000001000000000000000017")]
	eid: String,
	/// The CA the simulator's certificate chains to (test eUICC).
	#[arg(long)]
	ca: Option<PathBuf>,
	/// Where the test eUICC keeps notifications.
	#[arg(long, default_value = "notifications")]
	notifications: PathBuf,
}

impl LpaArgs {
	fn driver(self) -> Box<dyn Lpa> {
		match self.test_euicc {
			Some(program) => Box::new(TestEuicc {
				program,
				eid: self.eid,
				ca: self.ca.expect("clap requires --ca with --test-euicc; qed"),
				notifications: self.notifications,
			}),
			None => Box::new(Lpac { program: self.lpac }),
		}
	}
}

fn main() -> ExitCode {
	let cli = Cli::parse();
	match run(cli) {
		Ok(output) => {
			if !output.is_empty() {
				println!("{output}");
			}
			ExitCode::SUCCESS
		},
		Err(e) => {
			eprintln!("gesim-lpa: {e}");
			ExitCode::FAILURE
		},
	}
}

fn run(cli: Cli) -> Result<String, BridgeError> {
	if let Command::GenerateKey = cli.command {
		let key = DeviceKeyFile::generate(&cli.key_file)?;
		return Ok(format!("0x{}", hex::encode(key.public_key())));
	}
	if let Command::Notify { seq_number, lpa } = cli.command {
		lpa.driver().notify(seq_number)?;
		return Ok(String::new());
	}
	let trust = match (&cli.chain_spec, cli.trust_rpc_node) {
		(Some(path), _) => {
			let json = std::fs::read(path)
				.map_err(|e| VerifyError::ChainSpec(format!("cannot read {}: {e}", path.display())))?;
			Trust::Finality(TrustRoot::from_chain_spec(&json)?)
		},
		(None, true) => Trust::RpcNode,
		(None, false) => {
			return Err(BridgeError::Unexpected(
				"give the chain's raw chain spec (--chain-spec) so that what the node says is checked, or --trust-rpc-node for a node you run yourself".into(),
			))
		},
	};
	if let Command::Finalized = cli.command {
		let Trust::Finality(root) = trust else {
			return Err(BridgeError::Unexpected(
				"finalized proves finality from the chain spec: give --chain-spec".into(),
			));
		};
		let (block, set) = Bridge::finalized(&cli.node, &root)?;
		return Ok(pretty(&serde_json::json!({
			"number": block.number,
			"hash": block.hash,
			"authoritySet": set.id,
			"authorities": set.authorities.len(),
		})));
	}
	let bridge = Bridge::connect(&cli.node, trust, &cli.account_file, &cli.key_file)?;
	Ok(match cli.command {
		Command::GenerateKey | Command::Notify { .. } | Command::Finalized => {
			unreachable!("handled above")
		},
		Command::RegisterKey => {
			bridge.register_device()?;
			bridge.device_key()
		},
		Command::Entitlements => pretty(&bridge.entitlements()?),
		Command::Acknowledge { entitlement, bytes } => {
			bridge.acknowledge_usage(entitlement, bytes)?;
			pretty(&serde_json::json!({ "entitlement": entitlement, "acknowledgedBytes": bytes }))
		},
		Command::Order { order } => pretty(&bridge.order(order)?),
		Command::BindEid { eid, opening_file, pk, dev_key, key_version } => {
			let opening = EidOpening::new(&eid)?;
			let key = match (&pk, dev_key) {
				(Some(path), _) => ProvingKey::File(path),
				(None, true) => ProvingKey::Development,
				(None, false) => {
					return Err(BridgeError::Eid(
						"give the eid proving key (--pk) or --dev-key".into(),
					))
				},
			};
			// Kept before the transaction: a bound commitment whose salt was lost could never be
			// proved again.
			opening.save(&opening_file)?;
			bridge.bind_eid(&opening, key, key_version)?;
			format!("0x{}", hex::encode(opening.commitment()?))
		},
		Command::Request { entitlement, new_profile, eid_opening } => {
			let opening = eid_opening.as_deref().map(EidOpening::load).transpose()?;
			bridge.request_profile(entitlement, new_profile, opening.as_ref())?.to_string()
		},
		Command::Code { order, timeout_secs } => {
			let opened = bridge.wait_for_code(order, Duration::from_secs(timeout_secs))?;
			pretty(&serde_json::json!({
				"activationCode": opened.envelope.activation_code,
				"iccid": opened.envelope.iccid,
				"confirmationCode": opened.envelope.confirmation_code,
				"verifiedAt": opened.verified_at,
			}))
		},
		Command::Install { order, lpa, timeout_secs } => {
			let installed =
				bridge.install(order, lpa.driver().as_ref(), Duration::from_secs(timeout_secs))?;
			pretty(&serde_json::json!({
				"order": installed.order,
				"iccid": installed.iccid,
				"status": installed.status,
				"verifiedAt": installed.verified_at,
			}))
		},
	})
}

fn pretty(value: &impl serde::Serialize) -> String {
	serde_json::to_string_pretty(value).expect("always serializes; qed")
}
