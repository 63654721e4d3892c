//! Settings: flags, a JSON file with the same names, and defaults. Keys are never settings:
//! only the files holding them are.

use crate::es2::{client::RetryPolicy, tls::Identity};
use clap::Parser;
use gesim_esim_protocol::ActivationCode;
use serde::Deserialize;
use std::{
	net::SocketAddr,
	path::{Path, PathBuf},
	time::Duration,
};

/// Files of the test PKI `gesim-smdp-sim certs` writes, the defaults under `--pki`.
pub mod pki {
	/// CA of every party.
	pub const CA_CERT: &str = "ca.pem";
	/// The gateway's client certificate towards the SM-DP+.
	pub const CLIENT_CERT: &str = "operator-client.pem";
	/// Its key.
	pub const CLIENT_KEY: &str = "operator-client.key.pem";
	/// The gateway's server certificate for notifications.
	pub const SERVER_CERT: &str = "operator-server.pem";
	/// Its key.
	pub const SERVER_KEY: &str = "operator-server.key.pem";
}

const ABOUT: &str =
	"The operator's SM-DP+ gateway: serves GeSIM provisioning orders through GSMA ES2+";

const LONG_ABOUT: &str = "\
The operator's SM-DP+ gateway: serves GeSIM provisioning orders through GSMA ES2+.

Follows the finalised blocks of a GeSIM node. For every order of the operator it reserves a \
profile at the SM-DP+ (downloadOrder, with an ICCID from the inventory file), confirms and \
releases it (confirmOrder), and posts signed receipts: Accepted (salted ICCID commitment), \
CodeReleased (the activation code sealed to the subscriber's device key), Failed (the SM-DP+'s \
status code). It serves handleDownloadProgressInfo for the SM-DP+ and posts Downloaded, \
Installed, Enabled and Deleted receipts from it, and cancels at the SM-DP+ what the chain \
cancels.

Every setting is a flag, or a key of the --config JSON file named as the flag without `--` \
(`\"node-url\": \"http://127.0.0.1:9944\"`); flags win over the file, the file over defaults. \
Relative paths in the file are taken from the file's directory. Keys are read from files only \
(a seed or SURI per file, e.g. `//Alice` on a dev chain), never from flags. Logs go to stderr; \
set RUST_LOG (e.g. `info`, `gesim_smdp_gateway=debug`) to choose how much.";

const AFTER_HELP: &str = "\
Exit codes:
  0  stopped by SIGINT or SIGTERM (or --check passed)
  1  failed while running: node unreachable at start-up, a listener could not be bound
  2  bad settings: flags, config file, key files, certificates, inventory

The inventory file is a JSON list of {\"iccid\", \"profileType\"}; the gateway records in it, \
before asking the SM-DP+, which order took which ICCID (\"order\"), and keeps it consistent \
across crashes (written to a temporary file, fsynced, renamed). Edit it only while the gateway is \
stopped: a running gateway writes its own copy back.";

/// Flags of the gateway; the `--config` file takes the same keys.
#[derive(Parser, Clone, Debug, Default, Deserialize)]
#[command(name = "gesim-smdp-gateway", version, about = ABOUT, long_about = LONG_ABOUT, after_help = AFTER_HELP)]
#[serde(rename_all = "kebab-case", default, deny_unknown_fields)]
pub struct Args {
	/// JSON file with any of these settings (keys as the flags without `--`).
	#[arg(long, value_name = "FILE")]
	#[serde(skip)]
	pub config: Option<PathBuf>,
	/// Check settings, key files, certificates and inventory; print a JSON summary (account,
	/// receipt key, profiles) on stdout and exit, without connecting to anything.
	#[arg(long)]
	#[serde(skip)]
	pub check: bool,

	/// Node JSON-RPC URL, http:// or https://. [default: http://127.0.0.1:9944]
	#[arg(long, value_name = "URL", help_heading = "Chain")]
	pub node_url: Option<String>,
	/// File holding the operator account's sr25519 secret seed (0x…) or SURI. Required.
	#[arg(long, value_name = "FILE", help_heading = "Chain")]
	pub tx_key_file: Option<PathBuf>,
	/// File holding the SM-DP+ receipt key's Ed25519 secret seed or SURI: the key the telco
	/// registry holds for the operator. Required.
	#[arg(long, value_name = "FILE", help_heading = "Chain")]
	pub receipt_key_file: Option<PathBuf>,
	/// Milliseconds between two looks at the finalised head. [default: 2000]
	#[arg(long, value_name = "MS", help_heading = "Chain")]
	pub poll_interval_ms: Option<u64>,
	/// Seconds between two full reads of the open orders, besides following events.
	/// [default: 60]
	#[arg(long, value_name = "SECS", help_heading = "Chain")]
	pub resync_interval_secs: Option<u64>,
	/// Seconds a submitted receipt is given to reach a finalised block before its step is
	/// tried again. [default: 300]
	#[arg(long, value_name = "SECS", help_heading = "Chain")]
	pub receipt_timeout_secs: Option<u64>,
	/// Seconds to keep trying to reach the node at start-up. [default: 60]
	#[arg(long, value_name = "SECS", help_heading = "Chain")]
	pub connect_timeout_secs: Option<u64>,
	/// File keeping the last finalised block processed. [default: <inventory>.cursor.json]
	#[arg(long, value_name = "FILE", help_heading = "Chain")]
	pub cursor_file: Option<PathBuf>,

	/// ES2+ base URL of the SM-DP+, https://host:port. Required.
	#[arg(long, value_name = "URL", help_heading = "SM-DP+ (ES2+ client)")]
	pub smdp_url: Option<String>,
	/// SM-DP+ address devices download from (host or host:port): put in activation codes and
	/// Accepted receipts. Required.
	#[arg(long, value_name = "HOST[:PORT]", help_heading = "SM-DP+ (ES2+ client)")]
	pub smdp_address: Option<String>,
	/// functionRequesterIdentifier: the operator's identifier at the SM-DP+.
	/// [default: gesim-operator]
	#[arg(long, value_name = "ID", help_heading = "SM-DP+ (ES2+ client)")]
	pub requester_id: Option<String>,
	/// Directory written by `gesim-smdp-sim certs`: the default of every certificate flag
	/// (operator-client.pem, operator-server.pem, their .key.pem, ca.pem).
	#[arg(long, value_name = "DIR", help_heading = "SM-DP+ (ES2+ client)")]
	pub pki: Option<PathBuf>,
	/// Client certificate (PEM) presented to the SM-DP+.
	#[arg(long, value_name = "FILE", help_heading = "SM-DP+ (ES2+ client)")]
	pub client_cert: Option<PathBuf>,
	/// Its private key (PEM).
	#[arg(long, value_name = "FILE", help_heading = "SM-DP+ (ES2+ client)")]
	pub client_key: Option<PathBuf>,
	/// CA (PEM) the SM-DP+'s server certificate must chain to.
	#[arg(long, value_name = "FILE", help_heading = "SM-DP+ (ES2+ client)")]
	pub smdp_ca: Option<PathBuf>,
	/// Exchanges per ES2+ step before the order is left for a later try. [default: 5]
	#[arg(long, value_name = "N", help_heading = "SM-DP+ (ES2+ client)")]
	pub es2_attempts: Option<u32>,
	/// Wait after a failed ES2+ exchange, doubled each time up to 30 s. [default: 500]
	#[arg(long, value_name = "MS", help_heading = "SM-DP+ (ES2+ client)")]
	pub es2_backoff_ms: Option<u64>,
	/// Seconds to wait for one ES2+ answer. [default: 15]
	#[arg(long, value_name = "SECS", help_heading = "SM-DP+ (ES2+ client)")]
	pub es2_timeout_secs: Option<u64>,

	/// Where handleDownloadProgressInfo listens (mutual TLS). [default: 127.0.0.1:8445]
	#[arg(long, value_name = "ADDR", help_heading = "Notifications (ES2+ server)")]
	pub notify_listen: Option<SocketAddr>,
	/// Server certificate (PEM) of the notification listener.
	#[arg(long, value_name = "FILE", help_heading = "Notifications (ES2+ server)")]
	pub server_cert: Option<PathBuf>,
	/// Its private key (PEM).
	#[arg(long, value_name = "FILE", help_heading = "Notifications (ES2+ server)")]
	pub server_key: Option<PathBuf>,
	/// CA (PEM) the SM-DP+'s client certificate must chain to.
	#[arg(long, value_name = "FILE", help_heading = "Notifications (ES2+ server)")]
	pub notify_client_ca: Option<PathBuf>,

	/// Profile inventory: JSON [{"iccid", "profileType"}], updated in place. Required.
	#[arg(long, value_name = "FILE", help_heading = "Orders")]
	pub inventory: Option<PathBuf>,
	/// Profile type ordered for every plan. Required.
	#[arg(long, value_name = "TYPE", help_heading = "Orders")]
	pub profile_type: Option<String>,
	/// Give every order an 8-digit confirmation code, sealed to the device with the
	/// activation code.
	#[arg(long, help_heading = "Orders")]
	pub confirmation_code: bool,

	/// Prometheus endpoint (/metrics), e.g. 127.0.0.1:9616. [default: none]
	#[arg(long, value_name = "ADDR", help_heading = "Metrics")]
	pub metrics_listen: Option<SocketAddr>,
}

/// A setting that is missing or unusable.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
	/// The config file cannot be read or parsed.
	#[error("config file {}: {reason}", file.display())]
	File {
		/// The file.
		file: PathBuf,
		/// What is wrong.
		reason: String,
	},
	/// A required setting is absent.
	#[error("missing setting: {0}")]
	Missing(&'static str),
	/// A setting has an unusable value.
	#[error("--{name}: {reason}")]
	Invalid {
		/// The flag.
		name: &'static str,
		/// Why.
		reason: String,
	},
}

/// The settings the gateway runs with.
#[derive(Clone, Debug)]
pub struct GatewayConfig {
	/// Node JSON-RPC URL.
	pub node_url: String,
	/// File of the operator account's key.
	pub tx_key_file: PathBuf,
	/// File of the receipt key.
	pub receipt_key_file: PathBuf,
	/// Between two looks at the finalised head.
	pub poll_interval: Duration,
	/// Between two full reads of the open orders.
	pub resync_interval: Duration,
	/// Time a receipt is given to become final.
	pub receipt_timeout: Duration,
	/// Time to keep trying to reach the node at start-up.
	pub connect_timeout: Duration,
	/// The cursor file.
	pub cursor_file: PathBuf,
	/// ES2+ base URL of the SM-DP+.
	pub smdp_url: String,
	/// SM-DP+ address of activation codes.
	pub smdp_address: String,
	/// `functionRequesterIdentifier`.
	pub requester_id: String,
	/// Client certificate towards the SM-DP+.
	pub client: Identity,
	/// CA of the SM-DP+'s server certificate.
	pub smdp_ca: PathBuf,
	/// Retries of one ES2+ step.
	pub es2_retry: RetryPolicy,
	/// Notification listener.
	pub notify_listen: SocketAddr,
	/// Its server certificate.
	pub server: Identity,
	/// CA of the SM-DP+'s client certificate.
	pub notify_client_ca: PathBuf,
	/// Inventory file.
	pub inventory: PathBuf,
	/// Profile type ordered.
	pub profile_type: String,
	/// Whether orders get a confirmation code.
	pub confirmation_code: bool,
	/// Prometheus endpoint, if any.
	pub metrics_listen: Option<SocketAddr>,
}

impl Args {
	/// Merges flags over the `--config` file over defaults, and checks what can be checked
	/// without reading keys or connecting.
	pub fn resolve(self) -> Result<GatewayConfig, ConfigError> {
		let (file, base) = match &self.config {
			Some(path) => {
				let error = |reason: String| ConfigError::File { file: path.clone(), reason };
				let text = std::fs::read_to_string(path).map_err(|e| error(e.to_string()))?;
				let file: Args = serde_json::from_str(&text).map_err(|e| error(e.to_string()))?;
				(file, path.parent().map(Path::to_owned).unwrap_or_default())
			},
			None => (Args::default(), PathBuf::new()),
		};
		let in_file = |p: Option<PathBuf>| p.map(|p| base.join(p));
		let pki = self.pki.or(in_file(file.pki));
		let cert = |flag: Option<PathBuf>,
		            from_file: Option<PathBuf>,
		            pki_name: &str,
		            name: &'static str| {
			flag.or(in_file(from_file))
				.or_else(|| pki.as_ref().map(|dir| dir.join(pki_name)))
				.ok_or(ConfigError::Missing(name))
		};
		let required = |flag: Option<PathBuf>, from_file: Option<PathBuf>, name: &'static str| {
			flag.or(in_file(from_file)).ok_or(ConfigError::Missing(name))
		};

		let node_url = self
			.node_url
			.or(file.node_url)
			.unwrap_or_else(|| "http://127.0.0.1:9944".into());
		if !(node_url.starts_with("http://") || node_url.starts_with("https://")) {
			return Err(ConfigError::Invalid {
				name: "node-url",
				reason: format!("`{node_url}` is not an http:// or https:// URL"),
			});
		}
		let smdp_url = self
			.smdp_url
			.or(file.smdp_url)
			.ok_or(ConfigError::Missing("--smdp-url <https://host:port>"))?;
		if !smdp_url.starts_with("https://") {
			return Err(ConfigError::Invalid {
				name: "smdp-url",
				reason: format!("`{smdp_url}` is not an https:// URL (ES2+ runs over mutual TLS)"),
			});
		}
		let smdp_address = self
			.smdp_address
			.or(file.smdp_address)
			.ok_or(ConfigError::Missing("--smdp-address <host[:port]>"))?;
		// The longest matching id the gateway derives must still fit in an activation code.
		ActivationCode::new(
			smdp_address.clone(),
			"A".repeat(crate::keys::MATCHING_ID_LEN),
			None,
			true,
		)
		.map_err(|e| ConfigError::Invalid { name: "smdp-address", reason: e.to_string() })?;
		let inventory = required(self.inventory, file.inventory, "--inventory <profiles.json>")?;
		let cursor_file = self.cursor_file.or(in_file(file.cursor_file)).unwrap_or_else(|| {
			let mut name = inventory.clone().into_os_string();
			name.push(".cursor.json");
			name.into()
		});
		let profile_type = self
			.profile_type
			.or(file.profile_type)
			.ok_or(ConfigError::Missing("--profile-type <type>"))?;
		if profile_type.is_empty() {
			return Err(ConfigError::Invalid { name: "profile-type", reason: "empty".into() });
		}
		let secs = |flag: Option<u64>, from_file: Option<u64>, default: u64| {
			Duration::from_secs(flag.or(from_file).unwrap_or(default))
		};
		let poll_interval =
			Duration::from_millis(self.poll_interval_ms.or(file.poll_interval_ms).unwrap_or(2000));
		if poll_interval.is_zero() {
			return Err(ConfigError::Invalid {
				name: "poll-interval-ms",
				reason: "must be at least 1".into(),
			});
		}
		let defaults = RetryPolicy::default();
		Ok(GatewayConfig {
			node_url,
			tx_key_file: required(self.tx_key_file, file.tx_key_file, "--tx-key-file <file>")?,
			receipt_key_file: required(
				self.receipt_key_file,
				file.receipt_key_file,
				"--receipt-key-file <file>",
			)?,
			poll_interval,
			resync_interval: secs(self.resync_interval_secs, file.resync_interval_secs, 60),
			receipt_timeout: secs(self.receipt_timeout_secs, file.receipt_timeout_secs, 300),
			connect_timeout: secs(self.connect_timeout_secs, file.connect_timeout_secs, 60),
			cursor_file,
			smdp_url,
			smdp_address,
			requester_id: self
				.requester_id
				.or(file.requester_id)
				.unwrap_or_else(|| "gesim-operator".into()),
			client: Identity {
				cert: cert(
					self.client_cert,
					file.client_cert,
					pki::CLIENT_CERT,
					"--client-cert (or --pki)",
				)?,
				key: cert(
					self.client_key,
					file.client_key,
					pki::CLIENT_KEY,
					"--client-key (or --pki)",
				)?,
			},
			smdp_ca: cert(self.smdp_ca, file.smdp_ca, pki::CA_CERT, "--smdp-ca (or --pki)")?,
			es2_retry: RetryPolicy {
				attempts: self
					.es2_attempts
					.or(file.es2_attempts)
					.unwrap_or(defaults.attempts)
					.max(1),
				first_backoff: self
					.es2_backoff_ms
					.or(file.es2_backoff_ms)
					.map_or(defaults.first_backoff, Duration::from_millis),
				max_backoff: defaults.max_backoff,
				timeout: secs(
					self.es2_timeout_secs,
					file.es2_timeout_secs,
					defaults.timeout.as_secs(),
				),
			},
			notify_listen: self
				.notify_listen
				.or(file.notify_listen)
				.unwrap_or(([127, 0, 0, 1], 8445).into()),
			server: Identity {
				cert: cert(
					self.server_cert,
					file.server_cert,
					pki::SERVER_CERT,
					"--server-cert (or --pki)",
				)?,
				key: cert(
					self.server_key,
					file.server_key,
					pki::SERVER_KEY,
					"--server-key (or --pki)",
				)?,
			},
			notify_client_ca: cert(
				self.notify_client_ca,
				file.notify_client_ca,
				pki::CA_CERT,
				"--notify-client-ca (or --pki)",
			)?,
			inventory,
			profile_type,
			confirmation_code: self.confirmation_code || file.confirmation_code,
			metrics_listen: self.metrics_listen.or(file.metrics_listen),
		})
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn parse(flags: &[&str]) -> Args {
		Args::try_parse_from(std::iter::once("gesim-smdp-gateway").chain(flags.iter().copied()))
			.unwrap()
	}

	#[test]
	fn the_file_sets_what_flags_do_not_and_its_paths_are_relative_to_it() {
		let dir = tempfile::tempdir().unwrap();
		let file = dir.path().join("gateway.json");
		std::fs::write(
			&file,
			serde_json::json!({
				"node-url": "http://node:9944",
				"smdp-url": "https://smdp:8443",
				"smdp-address": "smdp.example:8444",
				"pki": "pki",
				"inventory": "profiles.json",
				"tx-key-file": "keys/tx",
				"receipt-key-file": "keys/receipt",
				"profile-type": "gesim-data",
				"poll-interval-ms": 500,
				"confirmation-code": true
			})
			.to_string(),
		)
		.unwrap();
		let config =
			parse(&["--config", file.to_str().unwrap(), "--node-url", "https://rpc.example"])
				.resolve()
				.unwrap();
		assert_eq!(config.node_url, "https://rpc.example");
		assert_eq!(config.smdp_address, "smdp.example:8444");
		assert_eq!(config.client.cert, dir.path().join("pki").join(pki::CLIENT_CERT));
		assert_eq!(config.notify_client_ca, dir.path().join("pki").join(pki::CA_CERT));
		assert_eq!(config.inventory, dir.path().join("profiles.json"));
		assert_eq!(config.cursor_file, dir.path().join("profiles.json.cursor.json"));
		assert_eq!(config.tx_key_file, dir.path().join("keys/tx"));
		assert_eq!(config.poll_interval, Duration::from_millis(500));
		assert!(config.confirmation_code);
		assert_eq!(config.requester_id, "gesim-operator");
		assert_eq!(config.notify_listen, "127.0.0.1:8445".parse().unwrap());
	}

	#[test]
	fn the_example_config_is_complete() {
		// Read when the test runs: a test binary built in another checkout is reused as is.
		let example =
			format!("{}/gateway.example.json", std::env::var("CARGO_MANIFEST_DIR").unwrap());
		let config = parse(&["--config", &example]).resolve().unwrap();
		assert_eq!(config.smdp_address, "localhost:8444");
		assert_eq!(config.metrics_listen, Some("127.0.0.1:9616".parse().unwrap()));
		assert!(config.client.cert.ends_with("pki/operator-client.pem"));
	}

	#[test]
	fn missing_and_invalid_settings_are_named() {
		let base = [
			"--smdp-url",
			"https://smdp:8443",
			"--smdp-address",
			"smdp:8444",
			"--pki",
			"/p",
			"--inventory",
			"i.json",
			"--profile-type",
			"t",
			"--tx-key-file",
			"k",
			"--receipt-key-file",
			"r",
		];
		assert!(parse(&base).resolve().is_ok());
		let without = |flag: &str| -> Vec<&str> {
			let at = base.iter().position(|f| *f == flag).unwrap();
			base.iter()
				.enumerate()
				.filter(|(i, _)| *i != at && *i != at + 1)
				.map(|(_, f)| *f)
				.collect()
		};
		for (flag, named) in [
			("--receipt-key-file", "--receipt-key-file"),
			("--pki", "--client-cert"),
			("--profile-type", "--profile-type"),
		] {
			let error = parse(&without(flag)).resolve().unwrap_err().to_string();
			assert!(error.contains(named), "{error}");
		}
		let mut plain = base.to_vec();
		plain[1] = "http://smdp:8443";
		assert!(parse(&plain).resolve().unwrap_err().to_string().contains("--smdp-url"));
		let mut bad_address = base.to_vec();
		bad_address[3] = "smdp$evil";
		assert!(parse(&bad_address)
			.resolve()
			.unwrap_err()
			.to_string()
			.contains("--smdp-address"));
	}

	#[test]
	fn unknown_keys_in_the_file_are_refused_and_keys_are_not_settings() {
		let dir = tempfile::tempdir().unwrap();
		let file = dir.path().join("gateway.json");
		std::fs::write(&file, r#"{"receipt-key": "//Alice"}"#).unwrap();
		let error = parse(&["--config", file.to_str().unwrap()]).resolve().unwrap_err().to_string();
		assert!(error.contains("unknown field"), "{error}");
		assert!(Args::try_parse_from(["gesim-smdp-gateway", "--receipt-key", "//Alice"]).is_err());
	}
}
