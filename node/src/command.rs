//! Dispatches the command line to the service or to a subcommand.

use sc_cli::SubstrateCli;
use sc_service::{ChainType, PartialComponents};

use crate::{
	chain_spec,
	cli::{Cli, Sealing, Subcommand},
	service,
};

impl SubstrateCli for Cli {
	fn impl_name() -> String {
		"GeSIM Node".into()
	}

	fn impl_version() -> String {
		env!("SUBSTRATE_CLI_IMPL_VERSION").into()
	}

	fn description() -> String {
		env!("CARGO_PKG_DESCRIPTION").into()
	}

	fn author() -> String {
		env!("CARGO_PKG_AUTHORS").into()
	}

	fn support_url() -> String {
		"https://github.com/gesim/gesim/issues".into()
	}

	fn copyright_start_year() -> i32 {
		2026
	}

	fn load_spec(&self, id: &str) -> Result<Box<dyn sc_service::ChainSpec>, String> {
		Ok(match id {
			"dev" => Box::new(chain_spec::development()?),
			"" | "local" => Box::new(chain_spec::local_testnet()?),
			path => {
				Box::new(chain_spec::ChainSpec::from_json_file(std::path::PathBuf::from(path))?)
			},
		})
	}
}

/// Parse the command line and run it.
pub fn run() -> sc_cli::Result<()> {
	let cli = Cli::from_args();

	macro_rules! with_partial {
		($cmd:expr, |$components:ident, $config:ident| $body:expr) => {{
			let runner = cli.create_runner($cmd)?;
			runner.async_run(|$config| {
				let $components = service::new_partial(&$config, Sealing::Aura)?;
				$body
			})
		}};
	}

	match &cli.subcommand {
		Some(Subcommand::Key(cmd)) => cmd.run(&cli),
		Some(Subcommand::ExportChainSpec(cmd)) => {
			let spec = cli.load_spec(&cmd.chain)?;
			cmd.run(spec)
		},
		Some(Subcommand::BuildSpec(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| cmd.run(config.chain_spec, config.network))
		},
		Some(Subcommand::CheckBlock(cmd)) => with_partial!(cmd, |parts, config| {
			let PartialComponents { client, task_manager, import_queue, .. } = parts;
			Ok((cmd.run(client, import_queue), task_manager))
		}),
		Some(Subcommand::ExportBlocks(cmd)) => with_partial!(cmd, |parts, config| {
			let PartialComponents { client, task_manager, .. } = parts;
			Ok((cmd.run(client, config.database), task_manager))
		}),
		Some(Subcommand::ExportState(cmd)) => with_partial!(cmd, |parts, config| {
			let PartialComponents { client, task_manager, .. } = parts;
			Ok((cmd.run(client, config.chain_spec), task_manager))
		}),
		Some(Subcommand::ImportBlocks(cmd)) => with_partial!(cmd, |parts, config| {
			let PartialComponents { client, task_manager, import_queue, .. } = parts;
			Ok((cmd.run(client, import_queue), task_manager))
		}),
		Some(Subcommand::PurgeChain(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| cmd.run(config.database))
		},
		Some(Subcommand::Revert(cmd)) => with_partial!(cmd, |parts, config| {
			let PartialComponents { client, task_manager, backend, .. } = parts;
			// GRANDPA keeps its own authority-set history, which must be reverted too.
			let revert_grandpa = Box::new(|client, _, blocks| {
				sc_consensus_grandpa::revert(client, blocks)?;
				Ok(())
			});
			Ok((cmd.run(client, backend, Some(revert_grandpa)), task_manager))
		}),
		Some(Subcommand::Benchmark(cmd)) => cmd.run(),
		Some(Subcommand::ChainInfo(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| cmd.run::<gesim_runtime::opaque::Block>(&config))
		},
		None => {
			let runner = cli.create_runner(&cli.run)?;
			runner.run_node_until_exit(|mut config| async move {
				let sealing = cli.sealing.unwrap_or(match config.chain_spec.chain_type() {
					ChainType::Development => Sealing::Instant,
					_ => Sealing::Aura,
				});
				log::info!("🔏 Sealing: {sealing:?}");
				if sealing == Sealing::Instant {
					// Instant seal builds a block the moment a transaction arrives. With the
					// fork-aware pool, one sent while the previous block is still being imported
					// can be dropped unseen (polkadot-sdk issue 10104): an operator's second
					// receipt right after its first never lands. The single-state pool waits for
					// the parent's maintenance before handing out transactions.
					let pool = &cli.run.pool_config;
					config.transaction_pool =
						sc_transaction_pool::TransactionPoolOptions::new_with_params(
							pool.pool_limit,
							pool.pool_kbytes * 1024,
							pool.tx_ban_seconds,
							sc_transaction_pool::TransactionPoolType::SingleState,
							true,
							false,
						);
				}
				match config.network.network_backend {
					sc_network::config::NetworkBackendType::Libp2p => service::new_full::<
						sc_network::NetworkWorker<
							gesim_runtime::opaque::Block,
							<gesim_runtime::opaque::Block as sp_runtime::traits::Block>::Hash,
						>,
					>(config, sealing)
					.map_err(sc_cli::Error::Service),
					sc_network::config::NetworkBackendType::Litep2p => {
						service::new_full::<sc_network::Litep2pNetworkBackend>(config, sealing)
							.map_err(sc_cli::Error::Service)
					},
				}
			})
		},
	}
}
