//! Weights for `pallet_escrow`
//!
//! NOT YET GENERATED: the node's `benchmark pallet --pallet=pallet_escrow` command (built with the
//! `runtime-benchmarks` feature) replaces this file. Until then every function is charged a
//! conservative placeholder: the storage reads and writes counted from the code (the escrow's
//! own items plus `pallet-assets`' for each stablecoin transfer), the worst expiry-queue probe
//! (`MAX_QUEUE_PROBES` buckets of 1 024 intents), and a generous execution time.

// Executed Command:
// gesim-node
// benchmark
// pallet
// --pallet=pallet_escrow
// --extrinsic=*
// --steps=50
// --repeat=20
// --output=pallets/escrow/src/weights.rs

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for `pallet_escrow`.
pub trait WeightInfo {
	/// `set_protocol_margin`.
	fn set_protocol_margin() -> Weight;
	/// `refund_expired`, the intent listed last in a full bucket, refunded to a payer whose
	/// stablecoin account has to be created again.
	fn refund_expired() -> Weight;
	/// `on_idle`: visiting one expiry bucket (and moving the cursor past it).
	fn on_idle_bucket() -> Weight;
	/// `on_idle`: refunding and removing one due intent.
	fn on_idle_refund() -> Weight;
	/// `EscrowLedger::open`, with every probed bucket but the last full.
	fn open() -> Weight;
	/// `EscrowLedger::top_up` that extends the expiry (leaves a full bucket, probes for a new one).
	fn top_up() -> Weight;
	/// `EscrowLedger::release` with a margin, to a payee whose stablecoin account is created.
	fn release() -> Weight;
	/// `EscrowLedger::refund` to a payer whose stablecoin account is created.
	fn refund() -> Weight;
	/// `EscrowLedger::freeze` of an intent listed last in a full bucket.
	fn freeze() -> Weight;
	/// `EscrowLedger::thaw`, with every probed bucket but the last full.
	fn thaw() -> Weight;
}

/// Weights for `pallet_escrow` using the GeSIM runtime and recommended hardware.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `Escrow::ProtocolMarginBps` (r:0 w:1)
	fn set_protocol_margin() -> Weight {
		Weight::from_parts(15_000_000, 0)
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Escrow::Intents` (r:1 w:1)
	/// Storage: `Escrow::Expiring` (r:1 w:1)
	/// Storage: `Assets::Asset` (r:1 w:1)
	/// Storage: `Assets::Account` (r:2 w:2)
	/// Storage: `System::Account` (r:1 w:1)
	fn refund_expired() -> Weight {
		Weight::from_parts(90_000_000, 32_000)
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
	/// Storage: `Escrow::ExpiryCursor` (r:1 w:1)
	/// Storage: `Escrow::Expiring` (r:1 w:1)
	fn on_idle_bucket() -> Weight {
		Weight::from_parts(15_000_000, 11_000)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `Escrow::Intents` (r:1 w:1)
	/// Storage: `Assets::Asset` (r:1 w:1)
	/// Storage: `Assets::Account` (r:2 w:2)
	/// Storage: `System::Account` (r:1 w:1)
	fn on_idle_refund() -> Weight {
		Weight::from_parts(80_000_000, 21_000)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	/// Storage: `Escrow::NextIntentId` (r:1 w:1)
	/// Storage: `Escrow::ExpiryCursor` (r:1 w:1)
	/// Storage: `Escrow::Expiring` (r:16 w:1)
	/// Storage: `Escrow::Intents` (r:0 w:1)
	/// Storage: `Assets::Asset` (r:1 w:0)
	/// Storage: `Assets::Account` (r:2 w:2)
	fn open() -> Weight {
		Weight::from_parts(150_000_000, 180_000)
			.saturating_add(T::DbWeight::get().reads(21_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
	/// Storage: `Escrow::Intents` (r:1 w:1)
	/// Storage: `Escrow::ExpiryCursor` (r:1 w:0)
	/// Storage: `Escrow::Expiring` (r:17 w:2)
	/// Storage: `Assets::Asset` (r:1 w:0)
	/// Storage: `Assets::Account` (r:2 w:2)
	fn top_up() -> Weight {
		Weight::from_parts(160_000_000, 195_000)
			.saturating_add(T::DbWeight::get().reads(22_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	/// Storage: `Escrow::Intents` (r:1 w:1)
	/// Storage: `Escrow::ProtocolMarginBps` (r:1 w:0)
	/// Storage: `Assets::Asset` (r:1 w:1)
	/// Storage: `Assets::Account` (r:3 w:3)
	/// Storage: `System::Account` (r:1 w:1)
	fn release() -> Weight {
		Weight::from_parts(120_000_000, 24_000)
			.saturating_add(T::DbWeight::get().reads(7_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
	/// Storage: `Escrow::Intents` (r:1 w:1)
	/// Storage: `Assets::Asset` (r:1 w:1)
	/// Storage: `Assets::Account` (r:2 w:2)
	/// Storage: `System::Account` (r:1 w:1)
	fn refund() -> Weight {
		Weight::from_parts(80_000_000, 21_000)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	/// Storage: `Escrow::Intents` (r:1 w:1)
	/// Storage: `Escrow::Expiring` (r:1 w:1)
	fn freeze() -> Weight {
		Weight::from_parts(30_000_000, 14_000)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `Escrow::Intents` (r:1 w:1)
	/// Storage: `Escrow::ExpiryCursor` (r:1 w:0)
	/// Storage: `Escrow::Expiring` (r:16 w:1)
	fn thaw() -> Weight {
		Weight::from_parts(80_000_000, 175_000)
			.saturating_add(T::DbWeight::get().reads(18_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
}

// For backwards compatibility and tests.
impl WeightInfo for () {
	fn set_protocol_margin() -> Weight {
		Weight::from_parts(15_000_000, 0)
			.saturating_add(RocksDbWeight::get().writes(1_u64))
	}
	fn refund_expired() -> Weight {
		Weight::from_parts(90_000_000, 32_000)
			.saturating_add(RocksDbWeight::get().reads(6_u64))
			.saturating_add(RocksDbWeight::get().writes(6_u64))
	}
	fn on_idle_bucket() -> Weight {
		Weight::from_parts(15_000_000, 11_000)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn on_idle_refund() -> Weight {
		Weight::from_parts(80_000_000, 21_000)
			.saturating_add(RocksDbWeight::get().reads(5_u64))
			.saturating_add(RocksDbWeight::get().writes(5_u64))
	}
	fn open() -> Weight {
		Weight::from_parts(150_000_000, 180_000)
			.saturating_add(RocksDbWeight::get().reads(21_u64))
			.saturating_add(RocksDbWeight::get().writes(6_u64))
	}
	fn top_up() -> Weight {
		Weight::from_parts(160_000_000, 195_000)
			.saturating_add(RocksDbWeight::get().reads(22_u64))
			.saturating_add(RocksDbWeight::get().writes(5_u64))
	}
	fn release() -> Weight {
		Weight::from_parts(120_000_000, 24_000)
			.saturating_add(RocksDbWeight::get().reads(7_u64))
			.saturating_add(RocksDbWeight::get().writes(6_u64))
	}
	fn refund() -> Weight {
		Weight::from_parts(80_000_000, 21_000)
			.saturating_add(RocksDbWeight::get().reads(5_u64))
			.saturating_add(RocksDbWeight::get().writes(5_u64))
	}
	fn freeze() -> Weight {
		Weight::from_parts(30_000_000, 14_000)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn thaw() -> Weight {
		Weight::from_parts(80_000_000, 175_000)
			.saturating_add(RocksDbWeight::get().reads(18_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
}
