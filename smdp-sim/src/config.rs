//! `serve` settings: flags, optionally a JSON file with the same names, and defaults.

use crate::{pki, state::ProfileSpec, SimError};
use clap::Args;
use serde::Deserialize;
use std::{
	net::SocketAddr,
	path::{Path, PathBuf},
	time::Duration,
};

/// SM-DP+ OID when none is configured: under 2.999, the arc ITU-T X.660 reserves for examples.
pub const DEFAULT_SMDP_OID: &str = "2.999.10";

/// Flags of `serve`. A `--config` JSON file may set the same keys (kebab-case, e.g.
/// `"order-ttl-secs": 600`); flags win over the file, the file over defaults. Relative paths
/// in the file are taken from the file's directory.
#[derive(Args, Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case", default, deny_unknown_fields)]
pub struct ServeArgs {
	/// JSON file with any of these settings.
	#[arg(long)]
	#[serde(skip)]
	pub config: Option<PathBuf>,
	/// ES2+ listener (mutual TLS), also serving `/sim/*`. Default 127.0.0.1:8443.
	#[arg(long)]
	pub es2_listen: Option<SocketAddr>,
	/// Device-facing ES9+ listener (server-only TLS). Default 127.0.0.1:8444.
	#[arg(long)]
	pub es9_listen: Option<SocketAddr>,
	/// SM-DP+ address put in activation codes and checked on initiateAuthentication.
	/// Default localhost:<ES9+ port>.
	#[arg(long)]
	pub smdp_address: Option<String>,
	/// functionRequesterIdentifier of the SM-DP+ on notifications. Default gesim-smdp-sim.
	#[arg(long)]
	pub smdp_id: Option<String>,
	/// OID of the SM-DP+ (what its certificate would carry), told to devices and expected in
	/// their installation results. Default 2.999.10 (the ITU example arc).
	#[arg(long)]
	pub smdp_oid: Option<String>,
	/// Directory written by `gesim-smdp-sim certs`: default for every certificate flag.
	#[arg(long)]
	pub pki: Option<PathBuf>,
	/// Server certificate (PEM) of both listeners.
	#[arg(long)]
	pub server_cert: Option<PathBuf>,
	/// Its private key (PEM).
	#[arg(long)]
	pub server_key: Option<PathBuf>,
	/// CA (PEM) that operator client certificates must chain to.
	#[arg(long)]
	pub client_ca: Option<PathBuf>,
	/// Profile inventory: JSON `[{"iccid": "...", "profileType": "..."}]`.
	#[arg(long)]
	pub inventory: Option<PathBuf>,
	/// Operator base URL for handleDownloadProgressInfo (https://host:port); none: not sent.
	#[arg(long)]
	pub operator_url: Option<String>,
	/// Client certificate (PEM) the SM-DP+ presents to the operator.
	#[arg(long)]
	pub notify_cert: Option<PathBuf>,
	/// Its private key (PEM).
	#[arg(long)]
	pub notify_key: Option<PathBuf>,
	/// CA (PEM) the operator's server certificate must chain to.
	#[arg(long)]
	pub operator_ca: Option<PathBuf>,
	/// Send notificationPointId as a decimal string (some SM-DP+s do) instead of an integer.
	#[arg(long)]
	pub notification_point_id_as_string: bool,
	/// Attempts per notification before giving up. Default 5.
	#[arg(long)]
	pub notify_attempts: Option<u32>,
	/// Wait after a failed notification attempt, doubled each time. Default 500 ms.
	#[arg(long)]
	pub notify_backoff_ms: Option<u64>,
	/// Seconds after downloadOrder at which an undownloaded order expires. Default 86400.
	#[arg(long)]
	pub order_ttl_secs: Option<u64>,
	/// Wrong confirmation codes after which an order is blocked. Default 3.
	#[arg(long)]
	pub max_cc_attempts: Option<u32>,
}

/// Where notifications go and with which credentials.
#[derive(Clone, Debug)]
pub struct OperatorEndpoint {
	/// Base URL.
	pub url: String,
	/// SM-DP+ client certificate.
	pub client_cert: PathBuf,
	/// Its key.
	pub client_key: PathBuf,
	/// CA of the operator's server certificate.
	pub ca: PathBuf,
}

/// Resolved settings of a simulator.
#[derive(Clone, Debug)]
pub struct SimConfig {
	/// ES2+ listener address (port 0: any free port).
	pub es2_listen: SocketAddr,
	/// ES9+ listener address (port 0: any free port).
	pub es9_listen: SocketAddr,
	/// SM-DP+ address; `None`: `localhost:<ES9+ port>`.
	pub smdp_address: Option<String>,
	/// functionRequesterIdentifier on notifications.
	pub smdp_id: String,
	/// OID of the SM-DP+.
	pub smdp_oid: String,
	/// Server certificate of both listeners.
	pub server_cert: PathBuf,
	/// Its key.
	pub server_key: PathBuf,
	/// CA of operator client certificates.
	pub client_ca: PathBuf,
	/// The profiles.
	pub inventory: Vec<ProfileSpec>,
	/// Notification target, if any.
	pub operator: Option<OperatorEndpoint>,
	/// `notificationPointId` as a string.
	pub notification_point_id_as_string: bool,
	/// Attempts per notification.
	pub notify_attempts: u32,
	/// First retry delay.
	pub notify_backoff: Duration,
	/// Order time to live.
	pub order_ttl_secs: u64,
	/// Confirmation-code attempts.
	pub max_cc_attempts: u32,
}

impl SimConfig {
	/// Settings for tests: both listeners on free ports of 127.0.0.1, certificates from a
	/// `certs` directory, notifications to `operator_url` if given.
	pub fn for_test(
		pki_dir: &Path,
		inventory: Vec<ProfileSpec>,
		operator_url: Option<String>,
	) -> Self {
		let file = |name: &str| pki_dir.join(name);
		Self {
			es2_listen: ([127, 0, 0, 1], 0).into(),
			es9_listen: ([127, 0, 0, 1], 0).into(),
			smdp_address: None,
			smdp_id: "gesim-smdp-sim".into(),
			smdp_oid: DEFAULT_SMDP_OID.into(),
			server_cert: file(pki::SMDP_SERVER_CERT),
			server_key: file(pki::SMDP_SERVER_KEY),
			client_ca: file(pki::CA_CERT),
			inventory,
			operator: operator_url.map(|url| OperatorEndpoint {
				url,
				client_cert: file(pki::SMDP_CLIENT_CERT),
				client_key: file(pki::SMDP_CLIENT_KEY),
				ca: file(pki::CA_CERT),
			}),
			notification_point_id_as_string: false,
			notify_attempts: 5,
			notify_backoff: Duration::from_millis(100),
			order_ttl_secs: 86_400,
			max_cc_attempts: 3,
		}
	}
}

impl ServeArgs {
	/// Merges flags over the `--config` file over defaults, and reads the inventory.
	pub fn resolve(self) -> Result<SimConfig, SimError> {
		let (file, base) = match &self.config {
			Some(path) => {
				let text = std::fs::read_to_string(path)
					.map_err(|source| SimError::Io { file: path.clone(), source })?;
				let file: ServeArgs = serde_json::from_str(&text)
					.map_err(|e| SimError::Config { file: path.clone(), reason: e.to_string() })?;
				(file, path.parent().map(Path::to_owned).unwrap_or_default())
			},
			None => (ServeArgs::default(), PathBuf::new()),
		};
		let from_file = |p: Option<PathBuf>| p.map(|p| base.join(p));
		let pki = self.pki.or(from_file(file.pki));
		let path = |flag: Option<PathBuf>, in_file: Option<PathBuf>, pki_name: &str, what: &str| {
			flag.or(from_file(in_file))
				.or_else(|| pki.as_ref().map(|dir| dir.join(pki_name)))
				.ok_or_else(|| SimError::Missing(format!("{what} (or --pki <dir from `certs`>)")))
		};
		let server_cert =
			path(self.server_cert, file.server_cert, pki::SMDP_SERVER_CERT, "--server-cert")?;
		let server_key =
			path(self.server_key, file.server_key, pki::SMDP_SERVER_KEY, "--server-key")?;
		let client_ca = path(self.client_ca, file.client_ca, pki::CA_CERT, "--client-ca")?;
		let operator = match self.operator_url.or(file.operator_url) {
			Some(url) => Some(OperatorEndpoint {
				url,
				client_cert: path(
					self.notify_cert,
					file.notify_cert,
					pki::SMDP_CLIENT_CERT,
					"--notify-cert",
				)?,
				client_key: path(
					self.notify_key,
					file.notify_key,
					pki::SMDP_CLIENT_KEY,
					"--notify-key",
				)?,
				ca: path(self.operator_ca, file.operator_ca, pki::CA_CERT, "--operator-ca")?,
			}),
			None => None,
		};
		let inventory_file = self
			.inventory
			.or(from_file(file.inventory))
			.ok_or_else(|| SimError::Missing("--inventory <profiles.json>".into()))?;
		Ok(SimConfig {
			es2_listen: self
				.es2_listen
				.or(file.es2_listen)
				.unwrap_or(([127, 0, 0, 1], 8443).into()),
			es9_listen: self
				.es9_listen
				.or(file.es9_listen)
				.unwrap_or(([127, 0, 0, 1], 8444).into()),
			smdp_address: self.smdp_address.or(file.smdp_address),
			smdp_id: self.smdp_id.or(file.smdp_id).unwrap_or_else(|| "gesim-smdp-sim".into()),
			smdp_oid: self.smdp_oid.or(file.smdp_oid).unwrap_or_else(|| DEFAULT_SMDP_OID.into()),
			server_cert,
			server_key,
			client_ca,
			inventory: read_inventory(&inventory_file)?,
			operator,
			notification_point_id_as_string: self.notification_point_id_as_string
				|| file.notification_point_id_as_string,
			notify_attempts: self.notify_attempts.or(file.notify_attempts).unwrap_or(5),
			notify_backoff: Duration::from_millis(
				self.notify_backoff_ms.or(file.notify_backoff_ms).unwrap_or(500),
			),
			order_ttl_secs: self.order_ttl_secs.or(file.order_ttl_secs).unwrap_or(86_400),
			max_cc_attempts: self.max_cc_attempts.or(file.max_cc_attempts).unwrap_or(3),
		})
	}
}

/// Reads an inventory file.
pub fn read_inventory(path: &Path) -> Result<Vec<ProfileSpec>, SimError> {
	let text = std::fs::read_to_string(path)
		.map_err(|source| SimError::Io { file: path.to_owned(), source })?;
	serde_json::from_str(&text)
		.map_err(|e| SimError::Config { file: path.to_owned(), reason: e.to_string() })
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn the_example_inventory_reads() {
		// Read when the test runs (cargo sets it then too): a test binary built in another
		// checkout of the same sources is reused as is.
		let file =
			Path::new(&std::env::var("CARGO_MANIFEST_DIR").unwrap()).join("inventory.example.json");
		let inventory = read_inventory(&file).unwrap();
		assert_eq!(inventory.len(), 12);
		assert!(crate::state::SmdpState::new(
			inventory,
			crate::state::OrderRules { order_ttl_secs: 1, max_confirmation_code_attempts: 1 }
		)
		.is_ok());
	}

	#[test]
	fn serve_needs_an_inventory_and_certificates() {
		let missing = ServeArgs::default().resolve().unwrap_err();
		assert!(missing.to_string().contains("--server-cert"), "{missing}");
		let args = ServeArgs { pki: Some("/nonexistent".into()), ..Default::default() };
		assert!(args.resolve().unwrap_err().to_string().contains("--inventory"));
	}
}
