//! Time as the simulator sees it: the system clock, or a hand-driven one so tests can expire
//! orders without sleeping.

use std::{
	sync::atomic::{AtomicU64, Ordering},
	time::{SystemTime, UNIX_EPOCH},
};

/// Source of the current time, in Unix seconds.
pub trait Clock: Send + Sync + 'static {
	/// Seconds since the Unix epoch.
	fn now(&self) -> u64;
}

/// The system clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
	fn now(&self) -> u64 {
		SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
	}
}

/// A clock that moves only when told to.
#[derive(Debug)]
pub struct ManualClock(AtomicU64);

impl ManualClock {
	/// A clock showing `unix_seconds`.
	pub fn new(unix_seconds: u64) -> Self {
		Self(AtomicU64::new(unix_seconds))
	}

	/// Moves the clock forward.
	pub fn advance(&self, seconds: u64) {
		self.0.fetch_add(seconds, Ordering::SeqCst);
	}
}

impl Clock for ManualClock {
	fn now(&self) -> u64 {
		self.0.load(Ordering::SeqCst)
	}
}
