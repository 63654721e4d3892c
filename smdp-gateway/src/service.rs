//! Wiring: keys, TLS, inventory, node, driver, notification server, metrics, follower.

use crate::{
	chain::{Chain, ChainError, RpcChain},
	config::{ConfigError, GatewayConfig},
	driver::{Driver, DriverSettings},
	es2::{tls, Es2Client, NotificationServer, TlsError},
	follower::{CursorFile, FollowSettings, Follower},
	inventory::{Inventory, InventoryCounts, InventoryError},
	keys::{KeyError, ReceiptKey, TransactionKey},
	metrics::Metrics,
};
use serde::Serialize;
use std::{future::Future, net::SocketAddr, sync::Arc, time::Duration};
use substrate_prometheus_endpoint::Registry;
use tokio::{sync::watch, time::Instant};

/// How long a stop waits for the step in progress.
const STOP_GRACE: Duration = Duration::from_secs(10);

/// Why the gateway stopped or would not start.
#[derive(Debug, thiserror::Error)]
pub enum GatewayError {
	/// A setting is missing or unusable.
	#[error(transparent)]
	Config(#[from] ConfigError),
	/// A key file is unusable.
	#[error(transparent)]
	Key(#[from] KeyError),
	/// A certificate, key or CA file is unusable.
	#[error(transparent)]
	Tls(#[from] TlsError),
	/// The inventory is unusable.
	#[error(transparent)]
	Inventory(#[from] InventoryError),
	/// The inventory records profiles taken by orders of another chain.
	#[error("inventory {inventory} records orders of another chain (cursor {cursor} is for genesis {theirs:?}, the node's is {ours:?}): give this chain a fresh inventory")]
	ForeignInventory {
		/// The inventory file.
		inventory: String,
		/// The cursor file.
		cursor: String,
		/// Genesis in the cursor.
		theirs: sp_core::H256,
		/// The node's genesis.
		ours: sp_core::H256,
	},
	/// The node could not be reached or read.
	#[error("{0}")]
	Chain(#[from] ChainError),
	/// A listener could not be bound.
	#[error("cannot listen on {addr} for {what}: {reason}")]
	Listen {
		/// The address.
		addr: SocketAddr,
		/// Which listener.
		what: &'static str,
		/// Why.
		reason: String,
	},
}

impl GatewayError {
	/// The process exit code: 2 for bad settings (nothing to retry), 1 otherwise.
	pub fn exit_code(&self) -> u8 {
		match self {
			Self::Config(_)
			| Self::Key(_)
			| Self::Tls(_)
			| Self::Inventory(_)
			| Self::ForeignInventory { .. } => 2,
			Self::Chain(_) | Self::Listen { .. } => 1,
		}
	}
}

/// What `--check` prints.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckReport {
	/// The operator's account (SS58, prefix 42).
	pub account: String,
	/// The receipt key's public key (hex), as the telco registry must hold it.
	pub receipt_key: String,
	/// Inventory profiles.
	pub profiles: InventoryCounts,
	/// Free profiles of the configured type.
	pub free_of_profile_type: usize,
}

/// Loads everything `config` names, without connecting: what `--check` reports.
pub fn check(config: &GatewayConfig) -> Result<CheckReport, GatewayError> {
	let tx_key = TransactionKey::from_file(&config.tx_key_file)?;
	let receipt_key = ReceiptKey::from_file(&config.receipt_key_file)?;
	tls::client_config(&config.smdp_ca, &config.client)?;
	tls::mutual_server_config(&config.server, &config.notify_client_ca)?;
	let inventory = Inventory::open(&config.inventory)?;
	Ok(CheckReport {
		account: tx_key.ss58(),
		receipt_key: format!("0x{}", hex::encode(receipt_key.public())),
		profiles: inventory.counts(),
		free_of_profile_type: inventory
			.snapshot()
			.iter()
			.filter(|e| e.is_free() && e.profile_type == config.profile_type)
			.count(),
	})
}

/// Runs the gateway until `shutdown` completes.
pub async fn run(
	config: GatewayConfig,
	shutdown: impl Future<Output = ()>,
) -> Result<(), GatewayError> {
	let tx_key = TransactionKey::from_file(&config.tx_key_file)?;
	let receipt_key = ReceiptKey::from_file(&config.receipt_key_file)?;
	let client_tls = tls::client_config(&config.smdp_ca, &config.client)?;
	let server_tls = tls::mutual_server_config(&config.server, &config.notify_client_ca)?;
	let inventory = Arc::new(Inventory::open(&config.inventory)?);
	let registry =
		Registry::new_custom(None, None).expect("no prefix and no labels are valid; qed");
	let metrics = Metrics::register(&registry).expect("the metric definitions are valid; qed");

	let account = tx_key.ss58();
	let chain = Arc::new(connect(&config, tx_key).await?);
	tracing::info!(node = chain.url(), %account, genesis = ?chain.genesis_hash(), "connected");
	let cursor = CursorFile::new(&config.cursor_file);
	if let Some(stale) = cursor.load().filter(|c| c.genesis != chain.genesis_hash()) {
		if inventory.has_allocations() {
			return Err(GatewayError::ForeignInventory {
				inventory: config.inventory.display().to_string(),
				cursor: config.cursor_file.display().to_string(),
				theirs: stale.genesis,
				ours: chain.genesis_hash(),
			});
		}
	}

	let es2 = Es2Client::new(
		client_tls,
		&config.smdp_url,
		&config.requester_id,
		config.es2_retry,
		metrics.clone(),
	);
	let driver = Arc::new(Driver::new(
		chain.clone(),
		es2,
		inventory,
		receipt_key,
		DriverSettings {
			smdp_address: config.smdp_address.clone(),
			profile_type: config.profile_type.clone(),
			confirmation_code: config.confirmation_code,
			receipt_timeout: config.receipt_timeout,
			retry_delay: config.poll_interval.max(Duration::from_secs(5)),
			max_retry_delay: Duration::from_secs(300),
		},
		metrics.clone(),
	));

	let server = NotificationServer::start(
		config.notify_listen,
		server_tls,
		driver.clone(),
		metrics.clone(),
	)
	.await
	.map_err(|e| GatewayError::Listen {
		addr: config.notify_listen,
		what: "notifications",
		reason: e.to_string(),
	})?;
	let prometheus = match config.metrics_listen {
		Some(addr) => {
			// Bound here first, so that a taken port fails the start rather than a task.
			std::net::TcpListener::bind(addr).map_err(|e| GatewayError::Listen {
				addr,
				what: "metrics",
				reason: e.to_string(),
			})?;
			tracing::info!(%addr, "Prometheus metrics at /metrics");
			Some(tokio::spawn(async move {
				if let Err(e) = substrate_prometheus_endpoint::init_prometheus(addr, registry).await
				{
					tracing::error!(%addr, "metrics endpoint stopped: {e}");
				}
			}))
		},
		None => None,
	};

	let (stop, stopped) = watch::channel(false);
	let follower = Follower::new(
		chain,
		driver,
		cursor,
		FollowSettings {
			poll_interval: config.poll_interval,
			resync_interval: config.resync_interval,
		},
		metrics,
	);
	let mut following = tokio::spawn(follower.run(stopped));
	tokio::pin!(shutdown);
	let outcome = tokio::select! {
		outcome = &mut following => outcome,
		_ = &mut shutdown => {
			tracing::info!("stopping");
			let _ = stop.send(true);
			// A step in progress may finish; one stuck in ES2+ backoff is cut short, which is
			// safe: every step is repeated from the chain's state at the next start.
			match tokio::time::timeout(STOP_GRACE, &mut following).await {
				Ok(outcome) => outcome,
				Err(_) => {
					following.abort();
					Ok(Ok(()))
				},
			}
		},
	};
	server.shutdown().await;
	if let Some(task) = prometheus {
		task.abort();
	}
	match outcome {
		Ok(result) => result.map_err(GatewayError::from),
		Err(e) => panic!("the follower panicked: {e}"),
	}
}

/// Connects to the node, trying again until `connect_timeout` has passed.
async fn connect(config: &GatewayConfig, tx_key: TransactionKey) -> Result<RpcChain, GatewayError> {
	let deadline = Instant::now() + config.connect_timeout;
	let rpc_timeout = Duration::from_secs(30);
	loop {
		match RpcChain::connect(&config.node_url, tx_key.clone(), rpc_timeout).await {
			Ok(chain) => return Ok(chain),
			Err(e @ ChainError::Transport { .. }) if Instant::now() < deadline => {
				tracing::warn!(node = %config.node_url, "not reachable yet ({e}); trying again");
				tokio::time::sleep(Duration::from_secs(2)).await;
			},
			Err(e) => return Err(e.into()),
		}
	}
}
