//! Following finalised blocks: the driver learns of new, changed and cancelled orders from the
//! events of each finalised block, in order, polled from the node.
//!
//! The last block processed is kept in a small cursor file, so that a restart also sees the
//! events of the blocks finalised while the gateway was down (cancellations, above all). The
//! cursor is a convenience, not a source of truth: a lost one costs nothing, because the
//! start-up [`Driver::resync`] rebuilds the work list from the open orders and reconciles every
//! profile the inventory records.

use crate::{
	chain::{Chain, ChainError, RpcChain},
	driver::Driver,
	inventory::write_atomically,
	metrics::Metrics,
};
use serde::{Deserialize, Serialize};
use sp_core::H256;
use std::{
	path::{Path, PathBuf},
	sync::Arc,
	time::{Duration, Instant},
};
use tokio::sync::watch;

/// Most blocks caught up at start-up; beyond that the resync alone stands for the events.
pub const MAX_CATCH_UP: u32 = 14_400;

/// Where the follower stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Cursor {
	/// The chain's genesis hash (a cursor of another chain is ignored).
	pub genesis: H256,
	/// The last finalised block whose events were processed.
	pub block: u32,
}

/// The cursor file.
#[derive(Clone, Debug)]
pub struct CursorFile(PathBuf);

impl CursorFile {
	/// The cursor kept at `path`.
	pub fn new(path: &Path) -> Self {
		Self(path.to_owned())
	}

	/// The file.
	pub fn path(&self) -> &Path {
		&self.0
	}

	/// The cursor, if the file exists and reads.
	pub fn load(&self) -> Option<Cursor> {
		let text = std::fs::read(&self.0).ok()?;
		match serde_json::from_slice(&text) {
			Ok(cursor) => Some(cursor),
			Err(e) => {
				tracing::warn!(file = %self.0.display(), "cursor file unreadable ({e}): starting from the finalised head");
				None
			},
		}
	}

	/// Replaces the cursor.
	pub fn save(&self, cursor: &Cursor) -> std::io::Result<()> {
		write_atomically(
			&self.0,
			&serde_json::to_vec(cursor).expect("a cursor always serializes; qed"),
		)
	}
}

/// How often the follower looks.
#[derive(Clone, Copy, Debug)]
pub struct FollowSettings {
	/// Between two looks at the finalised head.
	pub poll_interval: Duration,
	/// Between two full reads of the open orders.
	pub resync_interval: Duration,
}

/// Follows the finalised chain and feeds the driver.
pub struct Follower {
	chain: Arc<RpcChain>,
	driver: Arc<Driver<RpcChain>>,
	cursor: CursorFile,
	settings: FollowSettings,
	metrics: Metrics,
}

impl Follower {
	/// A follower of `chain` feeding `driver`.
	pub fn new(
		chain: Arc<RpcChain>,
		driver: Arc<Driver<RpcChain>>,
		cursor: CursorFile,
		settings: FollowSettings,
		metrics: Metrics,
	) -> Self {
		Self { chain, driver, cursor, settings, metrics }
	}

	/// Runs until `shutdown` turns true. Node outages are waited out; only a node unreachable
	/// at the very start is an error.
	pub async fn run(self, mut shutdown: watch::Receiver<bool>) -> Result<(), ChainError> {
		let genesis = self.chain.genesis_hash();
		let (mut head, _) = self.chain.finalized_head().await?;
		let mut next = match self.cursor.load() {
			Some(cursor) if cursor.genesis == genesis && cursor.block <= head => cursor.block + 1,
			Some(cursor) if cursor.genesis != genesis => {
				tracing::warn!(file = %self.cursor.path().display(), "cursor of another chain ({:?}): ignored", cursor.genesis);
				head + 1
			},
			_ => head + 1,
		};
		if head + 1 - next > MAX_CATCH_UP {
			tracing::warn!(
				from = next,
				to = head,
				"too many blocks to catch up on: only the last {MAX_CATCH_UP}"
			);
			next = head + 1 - MAX_CATCH_UP;
		}
		tracing::info!(
			finalized = head,
			catch_up_from = next,
			"rebuilding the work list from the open orders"
		);
		let mut last_resync = Instant::now();
		if let Err(e) = self.driver.resync().await {
			tracing::warn!(
				"resync failed ({e}); trying again in {:?}",
				self.settings.resync_interval
			);
		}
		loop {
			let before = next;
			while next <= head {
				match self.process(next).await {
					Ok(()) => next += 1,
					Err(e) => {
						tracing::warn!(
							block = next,
							"cannot read the block's events ({e}); trying again"
						);
						break;
					},
				}
			}
			if next > before {
				self.metrics.finalized_block.set(u64::from(next - 1));
				if let Err(e) = self.cursor.save(&Cursor { genesis, block: next - 1 }) {
					tracing::warn!(file = %self.cursor.path().display(), "cannot save the cursor: {e}");
				}
			}
			self.driver.tick().await;
			if last_resync.elapsed() >= self.settings.resync_interval {
				last_resync = Instant::now();
				if let Err(e) = self.driver.resync().await {
					tracing::warn!(
						"resync failed ({e}); trying again in {:?}",
						self.settings.resync_interval
					);
				}
			}
			tokio::select! {
				_ = tokio::time::sleep(self.settings.poll_interval) => {},
				_ = shutdown.changed() => return Ok(()),
			}
			match self.chain.finalized_head().await {
				Ok((number, _)) => head = number,
				Err(e) => tracing::warn!("cannot read the finalised head: {e}"),
			}
		}
	}

	/// Hands the events of finalised block `number` to the driver.
	async fn process(&self, number: u32) -> Result<(), ChainError> {
		let hash = self.chain.block_hash(number).await?.ok_or_else(|| ChainError::Decode {
			method: "chain_getBlockHash".into(),
			reason: format!("the node has no block {number}"),
		})?;
		match self.chain.events(hash).await {
			Ok(events) => {
				for record in &events {
					self.driver.on_event(&record.event).await;
				}
			},
			Err(ChainError::Decode { reason, .. }) => {
				// Another runtime's events (an upgrade this build does not know): read the
				// state instead, which the runtime API still returns in known types.
				tracing::warn!(
					block = number,
					"events do not decode ({reason}): resyncing from the open orders instead"
				);
				if let Err(e) = self.driver.resync().await {
					tracing::warn!("resync failed: {e}");
				}
			},
			Err(e) => return Err(e),
		}
		Ok(())
	}
}
