//! `gesim-smdp-gateway`: flags and config file in, the gateway run until SIGINT or SIGTERM.
//! Exit codes: 0 stopped by a signal (or `--check` passed), 1 failed while running, 2 bad
//! settings.

use clap::Parser;
use gesim_smdp_gateway::{service, Args};
use std::{io::IsTerminal, process::ExitCode};
use tracing_subscriber::EnvFilter;

fn main() -> ExitCode {
	let args = Args::parse();
	tracing_subscriber::fmt()
		.with_env_filter(
			EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
		)
		.with_writer(std::io::stderr)
		.with_ansi(std::io::stderr().is_terminal())
		.init();
	let check = args.check;
	let config = match args.resolve() {
		Ok(config) => config,
		Err(e) => return fail(&e.into()),
	};
	if check {
		return match service::check(&config) {
			Ok(report) => {
				println!(
					"{}",
					serde_json::to_string(&report).expect("the report always serializes; qed")
				);
				ExitCode::SUCCESS
			},
			Err(e) => fail(&e),
		};
	}
	let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
		Ok(runtime) => runtime,
		Err(e) => {
			eprintln!("gesim-smdp-gateway: cannot start the async runtime: {e}");
			return ExitCode::FAILURE;
		},
	};
	match runtime.block_on(service::run(config, stop_signal())) {
		Ok(()) => ExitCode::SUCCESS,
		Err(e) => fail(&e),
	}
}

fn fail(error: &service::GatewayError) -> ExitCode {
	eprintln!("gesim-smdp-gateway: {error}");
	ExitCode::from(error.exit_code())
}

/// SIGINT or SIGTERM, whichever comes first.
async fn stop_signal() {
	let terminate = async {
		match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
			Ok(mut sigterm) => {
				sigterm.recv().await;
			},
			Err(_) => std::future::pending().await,
		}
	};
	tokio::select! {
		_ = tokio::signal::ctrl_c() => {},
		_ = terminate => {},
	}
}
