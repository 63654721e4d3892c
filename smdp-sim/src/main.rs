//! `gesim-smdp-sim`: the SM-DP+ simulator (`serve`), a test eUICC driven like lpac (`euicc`),
//! and the test PKI (`certs`).
//!
//! `serve` and `certs` print one line on stderr and exit 1 on failure; `euicc` prints lpac-style
//! JSON lines on stdout and exits 0 or 255, as lpac does.

use clap::{Parser, Subcommand, ValueEnum};
use gesim_esim_protocol::{install_result::NotificationEvent, ActivationCode, Eid, Iccid};
use gesim_smdp_sim::{
	euicc::{self, DownloadOptions, StepError},
	pki, ServeArgs, SystemClock,
};
use serde_json::json;
use std::{path::PathBuf, process::ExitCode, sync::Arc};
use tracing_subscriber::{filter::Targets, prelude::*};

#[derive(Parser)]
#[command(
	name = "gesim-smdp-sim",
	version,
	about = "SM-DP+ simulator (ES2+ over mutual TLS, simplified ES9+), test eUICC and test PKI"
)]
struct Cli {
	#[command(subcommand)]
	command: Command,
}

// Parsed once: the size of the `serve` variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
enum Command {
	/// Run the SM-DP+: ES2+ and /sim/* on mutual TLS, ES9+ on server-only TLS.
	Serve(ServeArgs),
	/// Write a test PKI (CA; SM-DP+ server and client; operator client and server) as PEM.
	Certs {
		/// Directory to write into (created if absent).
		#[arg(long)]
		out: PathBuf,
		/// Extra name or IP for the SM-DP+ server certificate (besides localhost, 127.0.0.1).
		#[arg(long = "smdp-host")]
		smdp_hosts: Vec<String>,
		/// Extra name or IP for the operator server certificate (besides localhost, 127.0.0.1).
		#[arg(long = "operator-host")]
		operator_hosts: Vec<String>,
		/// Replace existing files.
		#[arg(long)]
		force: bool,
	},
	/// A test eUICC and LPA, driven like lpac (JSON lines on stdout, exit 0 or 255).
	Euicc {
		#[command(subcommand)]
		command: EuiccCommand,
	},
}

#[derive(Subcommand)]
enum EuiccCommand {
	/// Download and install the profile of an activation code, then send the installation
	/// notification (unless deferred).
	Download {
		/// Activation code, `LPA:1$<SM-DP+ address>$<matching id>[$<OID>[$1]]`.
		#[arg(short = 'a', long)]
		activation_code: String,
		/// EID of the eUICC (32 digits).
		#[arg(long, default_value = euicc::DEFAULT_EID)]
		eid: String,
		/// Confirmation code, when the order has one.
		#[arg(short = 'c', long)]
		confirmation_code: Option<String>,
		/// CA the SM-DP+'s certificate must chain to (PEM).
		#[arg(long)]
		ca: PathBuf,
		/// Sequence number of the installation notification.
		#[arg(long, default_value_t = 1)]
		seq_number: u32,
		/// Keep the installation notification in this directory instead of sending it (as
		/// lpac does); send it with `euicc notification process`.
		#[arg(long)]
		defer_notification: Option<PathBuf>,
	},
	/// Pending notifications kept by `download --defer-notification`.
	Notification {
		#[command(subcommand)]
		command: NotificationCommand,
	},
	/// Report a life-cycle event of an installed profile to the SM-DP+.
	Profile {
		/// What happened.
		event: ProfileEvent,
		/// The profile.
		#[arg(long)]
		iccid: String,
		/// EID of the eUICC (32 digits).
		#[arg(long, default_value = euicc::DEFAULT_EID)]
		eid: String,
		/// SM-DP+ address (host:port) the profile came from.
		#[arg(long)]
		smdp_address: String,
		/// CA the SM-DP+'s certificate must chain to (PEM).
		#[arg(long)]
		ca: PathBuf,
		/// Sequence number of the notification.
		#[arg(long, default_value_t = 2)]
		seq_number: u32,
	},
}

#[derive(Subcommand)]
enum NotificationCommand {
	/// Send a kept notification to its SM-DP+.
	Process {
		/// Its sequence number.
		seq_number: u32,
		/// Directory given to `download --defer-notification`.
		#[arg(long)]
		dir: PathBuf,
		/// CA the SM-DP+'s certificate must chain to (PEM).
		#[arg(long)]
		ca: PathBuf,
		/// Remove it once the SM-DP+ accepted it.
		#[arg(short = 'r', long)]
		remove: bool,
	},
}

#[derive(Clone, Copy, ValueEnum)]
enum ProfileEvent {
	Enable,
	Disable,
	Delete,
}

fn init_logging(default: tracing::Level) {
	let filter = std::env::var("RUST_LOG")
		.ok()
		.and_then(|spec| spec.parse::<Targets>().ok())
		.unwrap_or_else(|| Targets::new().with_default(default));
	tracing_subscriber::registry()
		.with(tracing_subscriber::fmt::layer().with_writer(std::io::stderr).with_ansi(false))
		.with(filter)
		.init();
}

fn main() -> ExitCode {
	let cli = Cli::parse();
	let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
		Ok(runtime) => runtime,
		Err(e) => {
			eprintln!("error: cannot start the async runtime: {e}");
			return ExitCode::FAILURE;
		},
	};
	match cli.command {
		Command::Serve(args) => {
			init_logging(tracing::Level::INFO);
			runtime.block_on(serve(args))
		},
		Command::Certs { out, smdp_hosts, operator_hosts, force } => {
			match pki::write_test_pki(&out, &smdp_hosts, &operator_hosts, force) {
				Ok(files) => {
					for file in files {
						println!("{}", file.display());
					}
					ExitCode::SUCCESS
				},
				Err(e) => {
					eprintln!("error: {e}");
					ExitCode::FAILURE
				},
			}
		},
		Command::Euicc { command } => {
			init_logging(tracing::Level::WARN);
			let outcome = runtime.block_on(run_euicc(command));
			let line = match &outcome {
				Ok(data) => euicc::success_line(data.clone()),
				Err(e) => euicc::failure_line(e),
			};
			println!("{line}");
			if outcome.is_ok() {
				ExitCode::SUCCESS
			} else {
				ExitCode::from(255)
			}
		},
	}
}

async fn serve(args: ServeArgs) -> ExitCode {
	let running = match args.resolve() {
		Ok(config) => gesim_smdp_sim::start(config, Arc::new(SystemClock)).await,
		Err(e) => Err(e),
	};
	let running = match running {
		Ok(running) => running,
		Err(e) => {
			eprintln!("error: {e}");
			return ExitCode::FAILURE;
		},
	};
	// Scripts stop it with SIGTERM, people with Ctrl-C.
	let mut terminate =
		match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
			Ok(signal) => signal,
			Err(e) => {
				eprintln!("error: cannot wait for SIGTERM: {e}");
				return ExitCode::FAILURE;
			},
		};
	tokio::select! {
		_ = tokio::signal::ctrl_c() => {},
		_ = terminate.recv() => {},
	}
	tracing::info!("shutting down");
	running.shutdown().await;
	ExitCode::SUCCESS
}

fn parse<T: std::str::FromStr>(step: &'static str, what: &str, value: &str) -> Result<T, StepError>
where
	T::Err: std::fmt::Display,
{
	value.parse().map_err(|e| StepError { step, reason: format!("{what}: {e}") })
}

async fn run_euicc(command: EuiccCommand) -> Result<serde_json::Value, StepError> {
	let progress = |step: &'static str| println!("{}", euicc::progress_line(step));
	match command {
		EuiccCommand::Download {
			activation_code,
			eid,
			confirmation_code,
			ca,
			seq_number,
			defer_notification,
		} => {
			let opts = DownloadOptions {
				activation_code: parse::<ActivationCode>(
					"activation_code",
					"activation code",
					&activation_code,
				)?,
				eid: parse::<Eid>("activation_code", "--eid", &eid)?,
				confirmation_code,
				ca,
				seq_number,
				defer_notification_to: defer_notification,
			};
			let mut progress = progress;
			let downloaded = euicc::download(&opts, &mut progress).await?;
			Ok(json!({
				"seqNumber": downloaded.seq_number,
				"iccid": downloaded.iccid.digits(),
				"profileType": downloaded.profile_type,
			}))
		},
		EuiccCommand::Notification {
			command: NotificationCommand::Process { seq_number, dir, ca, remove },
		} => {
			progress("es9p_handle_notification");
			let sent = euicc::process_notification(&dir, seq_number, &ca, remove).await?;
			Ok(json!({"seqNumber": sent.seq_number, "iccid": sent.iccid}))
		},
		EuiccCommand::Profile { event, iccid, eid, smdp_address, ca, seq_number } => {
			const STEP: &str = "es9p_handle_notification";
			let iccid = parse::<Iccid>(STEP, "--iccid", &iccid)?;
			let eid = parse::<Eid>(STEP, "--eid", &eid)?;
			let event = match event {
				ProfileEvent::Enable => NotificationEvent::Enable,
				ProfileEvent::Disable => NotificationEvent::Disable,
				ProfileEvent::Delete => NotificationEvent::Delete,
			};
			progress(STEP);
			euicc::send_profile_event(&smdp_address, &ca, &eid, &iccid, event, seq_number).await?;
			Ok(json!({"seqNumber": seq_number, "iccid": iccid.digits()}))
		},
	}
}
