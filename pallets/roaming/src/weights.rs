//! Weights of `pallet_roaming`.
//!
//! NOT MEASURED YET: these are estimates (the storage each benchmark touches, priced like the
//! same accesses in `pallet_escrow`'s measured weights), to be replaced by
//! `scripts/bench/weights.sh roaming` once the pallet is in the runtime's
//! `define_benchmarks!`. The functions and components match `benchmarking.rs`.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens, unused_imports, missing_docs)]

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::{constants::ParityDbWeight, Weight}};

/// Weight functions of `pallet_roaming`, one per benchmark.
pub trait WeightInfo {
	/// `propose_agreement` between two active operators.
	fn propose_agreement() -> Weight;
	/// `accept_agreement` by the counterparty, both operators active.
	fn accept_agreement() -> Weight;
	/// `terminate_agreement` of a proposal (removed at once, the heavier path).
	fn terminate_agreement() -> Weight;
	/// `deposit` that creates the operator's deposit.
	fn deposit() -> Weight;
	/// `withdraw` by an operator carrying a debt, to a stablecoin account created again.
	fn withdraw() -> Weight;
	/// `set_netting_period`.
	fn set_netting_period() -> Weight;
	/// `on_initialize` in a block where no netting is due.
	fn on_initialize_idle() -> Weight;
	/// `on_initialize` running a netting over `a` due (terminated) agreements between `2a`
	/// distinct operators, all carrying a position, one debtor short, creditors' accounts
	/// created by their payouts, all but at most two agreements removed.
	fn net(a: u32, ) -> Weight;
	/// `RoamingLedger::book_usage` under an agreement in force.
	fn book_usage() -> Weight;
}

/// Weights of `pallet_roaming` for the GeSIM runtime, with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `TelcoRegistry::Telcos` (r:2 w:0)
	/// Proof: `TelcoRegistry::Telcos` (`max_values`: None, `max_size`: 1158, added: 3633, mode: `MaxEncodedLen`)
	/// Storage: `Roaming::CounterForAgreements` (r:1 w:1)
	/// Proof: `Roaming::CounterForAgreements` (`max_values`: Some(1), `max_size`: 4, added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Roaming::NextAgreementId` (r:1 w:1)
	/// Proof: `Roaming::NextAgreementId` (`max_values`: Some(1), `max_size`: 4, added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Roaming::Agreements` (r:1 w:1)
	/// Proof: `Roaming::Agreements` (`max_values`: None, `max_size`: 143, added: 2618, mode: `MaxEncodedLen`)
	/// Storage: `Roaming::AgreementsOf` (r:2 w:2)
	/// Proof: `Roaming::AgreementsOf` (`max_values`: None, `max_size`: 52, added: 2527, mode: `MaxEncodedLen`)
	fn propose_agreement() -> Weight {
		// Proof size summary in bytes (estimated):
		//  Estimated: `8_256`
		Weight::from_parts(34_000_000, 8_256)
			.saturating_add(T::DbWeight::get().reads(7_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}

	/// Storage: `Roaming::Agreements` (r:1 w:1)
	/// Proof: `Roaming::Agreements` (`max_values`: None, `max_size`: 143, added: 2618, mode: `MaxEncodedLen`)
	/// Storage: `TelcoRegistry::Telcos` (r:2 w:0)
	/// Proof: `TelcoRegistry::Telcos` (`max_values`: None, `max_size`: 1158, added: 3633, mode: `MaxEncodedLen`)
	fn accept_agreement() -> Weight {
		// Proof size summary in bytes (estimated):
		//  Estimated: `8_256`
		Weight::from_parts(27_000_000, 8_256)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}

	/// Storage: `Roaming::Agreements` (r:1 w:1)
	/// Proof: `Roaming::Agreements` (`max_values`: None, `max_size`: 143, added: 2618, mode: `MaxEncodedLen`)
	/// Storage: `Roaming::CounterForAgreements` (r:1 w:1)
	/// Proof: `Roaming::CounterForAgreements` (`max_values`: Some(1), `max_size`: 4, added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Roaming::AgreementsOf` (r:2 w:2)
	/// Proof: `Roaming::AgreementsOf` (`max_values`: None, `max_size`: 52, added: 2527, mode: `MaxEncodedLen`)
	fn terminate_agreement() -> Weight {
		// Proof size summary in bytes (estimated):
		//  Estimated: `6_044`
		Weight::from_parts(26_000_000, 6_044)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}

	/// Storage: `Roaming::Deposits` (r:1 w:1)
	/// Proof: `Roaming::Deposits` (`max_values`: None, `max_size`: 64, added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `Assets::Asset` (r:1 w:1)
	/// Proof: `Assets::Asset` (`max_values`: None, `max_size`: 210, added: 2685, mode: `MaxEncodedLen`)
	/// Storage: `Assets::Account` (r:2 w:2)
	/// Proof: `Assets::Account` (`max_values`: None, `max_size`: 134, added: 2609, mode: `MaxEncodedLen`)
	fn deposit() -> Weight {
		// Proof size summary in bytes (estimated):
		//  Estimated: `6_208`
		Weight::from_parts(60_000_000, 6_208)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}

	/// Storage: `Roaming::Deposits` (r:1 w:1)
	/// Proof: `Roaming::Deposits` (`max_values`: None, `max_size`: 64, added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `Roaming::Carried` (r:1 w:0)
	/// Proof: `Roaming::Carried` (`max_values`: None, `max_size`: 64, added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `Assets::Asset` (r:1 w:1)
	/// Proof: `Assets::Asset` (`max_values`: None, `max_size`: 210, added: 2685, mode: `MaxEncodedLen`)
	/// Storage: `Assets::Account` (r:2 w:2)
	/// Proof: `Assets::Account` (`max_values`: None, `max_size`: 134, added: 2609, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: 128, added: 2603, mode: `MaxEncodedLen`)
	fn withdraw() -> Weight {
		// Proof size summary in bytes (estimated):
		//  Estimated: `6_208`
		Weight::from_parts(66_000_000, 6_208)
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}

	/// Storage: `Roaming::NettingPeriod` (r:0 w:1)
	/// Proof: `Roaming::NettingPeriod` (`max_values`: Some(1), `max_size`: 4, added: 499, mode: `MaxEncodedLen`)
	fn set_netting_period() -> Weight {
		// Proof size summary in bytes (estimated):
		//  Estimated: `0`
		Weight::from_parts(5_000_000, 0)
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}

	/// Storage: `Roaming::LastNettingAt` (r:1 w:0)
	/// Proof: `Roaming::LastNettingAt` (`max_values`: Some(1), `max_size`: 4, added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Roaming::NettingPeriod` (r:1 w:0)
	/// Proof: `Roaming::NettingPeriod` (`max_values`: Some(1), `max_size`: 4, added: 499, mode: `MaxEncodedLen`)
	fn on_initialize_idle() -> Weight {
		// Proof size summary in bytes (estimated):
		//  Estimated: `1_489`
		Weight::from_parts(4_000_000, 1_489)
			.saturating_add(T::DbWeight::get().reads(2_u64))
	}

	/// Storage: `Roaming::LastNettingAt` (r:1 w:1)
	/// Proof: `Roaming::LastNettingAt` (`max_values`: Some(1), `max_size`: 4, added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Roaming::NettingPeriod` (r:1 w:0)
	/// Proof: `Roaming::NettingPeriod` (`max_values`: Some(1), `max_size`: 4, added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Roaming::CounterForAgreements` (r:1 w:1)
	/// Proof: `Roaming::CounterForAgreements` (`max_values`: Some(1), `max_size`: 4, added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Roaming::Agreements` (r:a w:a)
	/// Proof: `Roaming::Agreements` (`max_values`: None, `max_size`: 143, added: 2618, mode: `MaxEncodedLen`)
	/// Storage: `Roaming::Carried` (r:2a w:2a)
	/// Proof: `Roaming::Carried` (`max_values`: None, `max_size`: 64, added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `Roaming::Deposits` (r:a w:a)
	/// Proof: `Roaming::Deposits` (`max_values`: None, `max_size`: 64, added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `Roaming::Outstanding` (r:1 w:1)
	/// Proof: `Roaming::Outstanding` (`max_values`: Some(1), `max_size`: 16, added: 511, mode: `MaxEncodedLen`)
	/// Storage: `Assets::Asset` (r:1 w:1)
	/// Proof: `Assets::Asset` (`max_values`: None, `max_size`: 210, added: 2685, mode: `MaxEncodedLen`)
	/// Storage: `Assets::Account` (r:a + 1 w:a + 1)
	/// Proof: `Assets::Account` (`max_values`: None, `max_size`: 134, added: 2609, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:a w:a)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: 128, added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Roaming::AgreementsOf` (r:2a w:2a)
	/// Proof: `Roaming::AgreementsOf` (`max_values`: None, `max_size`: 52, added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Roaming::NettingRuns` (r:1 w:1)
	/// Proof: `Roaming::NettingRuns` (`max_values`: Some(1), `max_size`: 4, added: 499, mode: `MaxEncodedLen`)
	/// The range of component `a` is `[1, 256]`.
	fn net(a: u32, ) -> Weight {
		// Proof size summary in bytes (estimated):
		//  Estimated: `3_675 + a * (20_000 ±0)`
		Weight::from_parts(40_000_000, 3_675)
			.saturating_add(Weight::from_parts(190_000_000, 0).saturating_mul(a.into()))
			.saturating_add(T::DbWeight::get().reads(9_u64))
			.saturating_add(T::DbWeight::get().reads((8_u64).saturating_mul(a.into())))
			.saturating_add(T::DbWeight::get().writes(7_u64))
			.saturating_add(T::DbWeight::get().writes((9_u64).saturating_mul(a.into())))
			.saturating_add(Weight::from_parts(0, 20_000).saturating_mul(a.into()))
	}

	/// Storage: `Roaming::Agreements` (r:1 w:1)
	/// Proof: `Roaming::Agreements` (`max_values`: None, `max_size`: 143, added: 2618, mode: `MaxEncodedLen`)
	/// Storage: `Roaming::Outstanding` (r:1 w:1)
	/// Proof: `Roaming::Outstanding` (`max_values`: Some(1), `max_size`: 16, added: 511, mode: `MaxEncodedLen`)
	fn book_usage() -> Weight {
		// Proof size summary in bytes (estimated):
		//  Estimated: `3_608`
		Weight::from_parts(24_000_000, 3_608)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
}

/// The same weights with ParityDB's (the database GeSIM nodes run), for mock runtimes.
impl WeightInfo for () {
	/// Storage: `TelcoRegistry::Telcos` (r:2 w:0)
	/// Proof: `TelcoRegistry::Telcos` (`max_values`: None, `max_size`: 1158, added: 3633, mode: `MaxEncodedLen`)
	/// Storage: `Roaming::CounterForAgreements` (r:1 w:1)
	/// Proof: `Roaming::CounterForAgreements` (`max_values`: Some(1), `max_size`: 4, added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Roaming::NextAgreementId` (r:1 w:1)
	/// Proof: `Roaming::NextAgreementId` (`max_values`: Some(1), `max_size`: 4, added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Roaming::Agreements` (r:1 w:1)
	/// Proof: `Roaming::Agreements` (`max_values`: None, `max_size`: 143, added: 2618, mode: `MaxEncodedLen`)
	/// Storage: `Roaming::AgreementsOf` (r:2 w:2)
	/// Proof: `Roaming::AgreementsOf` (`max_values`: None, `max_size`: 52, added: 2527, mode: `MaxEncodedLen`)
	fn propose_agreement() -> Weight {
		// Proof size summary in bytes (estimated):
		//  Estimated: `8_256`
		Weight::from_parts(34_000_000, 8_256)
			.saturating_add(ParityDbWeight::get().reads(7_u64))
			.saturating_add(ParityDbWeight::get().writes(5_u64))
	}

	/// Storage: `Roaming::Agreements` (r:1 w:1)
	/// Proof: `Roaming::Agreements` (`max_values`: None, `max_size`: 143, added: 2618, mode: `MaxEncodedLen`)
	/// Storage: `TelcoRegistry::Telcos` (r:2 w:0)
	/// Proof: `TelcoRegistry::Telcos` (`max_values`: None, `max_size`: 1158, added: 3633, mode: `MaxEncodedLen`)
	fn accept_agreement() -> Weight {
		// Proof size summary in bytes (estimated):
		//  Estimated: `8_256`
		Weight::from_parts(27_000_000, 8_256)
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}

	/// Storage: `Roaming::Agreements` (r:1 w:1)
	/// Proof: `Roaming::Agreements` (`max_values`: None, `max_size`: 143, added: 2618, mode: `MaxEncodedLen`)
	/// Storage: `Roaming::CounterForAgreements` (r:1 w:1)
	/// Proof: `Roaming::CounterForAgreements` (`max_values`: Some(1), `max_size`: 4, added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Roaming::AgreementsOf` (r:2 w:2)
	/// Proof: `Roaming::AgreementsOf` (`max_values`: None, `max_size`: 52, added: 2527, mode: `MaxEncodedLen`)
	fn terminate_agreement() -> Weight {
		// Proof size summary in bytes (estimated):
		//  Estimated: `6_044`
		Weight::from_parts(26_000_000, 6_044)
			.saturating_add(ParityDbWeight::get().reads(4_u64))
			.saturating_add(ParityDbWeight::get().writes(4_u64))
	}

	/// Storage: `Roaming::Deposits` (r:1 w:1)
	/// Proof: `Roaming::Deposits` (`max_values`: None, `max_size`: 64, added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `Assets::Asset` (r:1 w:1)
	/// Proof: `Assets::Asset` (`max_values`: None, `max_size`: 210, added: 2685, mode: `MaxEncodedLen`)
	/// Storage: `Assets::Account` (r:2 w:2)
	/// Proof: `Assets::Account` (`max_values`: None, `max_size`: 134, added: 2609, mode: `MaxEncodedLen`)
	fn deposit() -> Weight {
		// Proof size summary in bytes (estimated):
		//  Estimated: `6_208`
		Weight::from_parts(60_000_000, 6_208)
			.saturating_add(ParityDbWeight::get().reads(4_u64))
			.saturating_add(ParityDbWeight::get().writes(4_u64))
	}

	/// Storage: `Roaming::Deposits` (r:1 w:1)
	/// Proof: `Roaming::Deposits` (`max_values`: None, `max_size`: 64, added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `Roaming::Carried` (r:1 w:0)
	/// Proof: `Roaming::Carried` (`max_values`: None, `max_size`: 64, added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `Assets::Asset` (r:1 w:1)
	/// Proof: `Assets::Asset` (`max_values`: None, `max_size`: 210, added: 2685, mode: `MaxEncodedLen`)
	/// Storage: `Assets::Account` (r:2 w:2)
	/// Proof: `Assets::Account` (`max_values`: None, `max_size`: 134, added: 2609, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: 128, added: 2603, mode: `MaxEncodedLen`)
	fn withdraw() -> Weight {
		// Proof size summary in bytes (estimated):
		//  Estimated: `6_208`
		Weight::from_parts(66_000_000, 6_208)
			.saturating_add(ParityDbWeight::get().reads(6_u64))
			.saturating_add(ParityDbWeight::get().writes(5_u64))
	}

	/// Storage: `Roaming::NettingPeriod` (r:0 w:1)
	/// Proof: `Roaming::NettingPeriod` (`max_values`: Some(1), `max_size`: 4, added: 499, mode: `MaxEncodedLen`)
	fn set_netting_period() -> Weight {
		// Proof size summary in bytes (estimated):
		//  Estimated: `0`
		Weight::from_parts(5_000_000, 0)
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}

	/// Storage: `Roaming::LastNettingAt` (r:1 w:0)
	/// Proof: `Roaming::LastNettingAt` (`max_values`: Some(1), `max_size`: 4, added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Roaming::NettingPeriod` (r:1 w:0)
	/// Proof: `Roaming::NettingPeriod` (`max_values`: Some(1), `max_size`: 4, added: 499, mode: `MaxEncodedLen`)
	fn on_initialize_idle() -> Weight {
		// Proof size summary in bytes (estimated):
		//  Estimated: `1_489`
		Weight::from_parts(4_000_000, 1_489)
			.saturating_add(ParityDbWeight::get().reads(2_u64))
	}

	/// Storage: `Roaming::LastNettingAt` (r:1 w:1)
	/// Proof: `Roaming::LastNettingAt` (`max_values`: Some(1), `max_size`: 4, added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Roaming::NettingPeriod` (r:1 w:0)
	/// Proof: `Roaming::NettingPeriod` (`max_values`: Some(1), `max_size`: 4, added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Roaming::CounterForAgreements` (r:1 w:1)
	/// Proof: `Roaming::CounterForAgreements` (`max_values`: Some(1), `max_size`: 4, added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Roaming::Agreements` (r:a w:a)
	/// Proof: `Roaming::Agreements` (`max_values`: None, `max_size`: 143, added: 2618, mode: `MaxEncodedLen`)
	/// Storage: `Roaming::Carried` (r:2a w:2a)
	/// Proof: `Roaming::Carried` (`max_values`: None, `max_size`: 64, added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `Roaming::Deposits` (r:a w:a)
	/// Proof: `Roaming::Deposits` (`max_values`: None, `max_size`: 64, added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `Roaming::Outstanding` (r:1 w:1)
	/// Proof: `Roaming::Outstanding` (`max_values`: Some(1), `max_size`: 16, added: 511, mode: `MaxEncodedLen`)
	/// Storage: `Assets::Asset` (r:1 w:1)
	/// Proof: `Assets::Asset` (`max_values`: None, `max_size`: 210, added: 2685, mode: `MaxEncodedLen`)
	/// Storage: `Assets::Account` (r:a + 1 w:a + 1)
	/// Proof: `Assets::Account` (`max_values`: None, `max_size`: 134, added: 2609, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:a w:a)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: 128, added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Roaming::AgreementsOf` (r:2a w:2a)
	/// Proof: `Roaming::AgreementsOf` (`max_values`: None, `max_size`: 52, added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Roaming::NettingRuns` (r:1 w:1)
	/// Proof: `Roaming::NettingRuns` (`max_values`: Some(1), `max_size`: 4, added: 499, mode: `MaxEncodedLen`)
	/// The range of component `a` is `[1, 256]`.
	fn net(a: u32, ) -> Weight {
		// Proof size summary in bytes (estimated):
		//  Estimated: `3_675 + a * (20_000 ±0)`
		Weight::from_parts(40_000_000, 3_675)
			.saturating_add(Weight::from_parts(190_000_000, 0).saturating_mul(a.into()))
			.saturating_add(ParityDbWeight::get().reads(9_u64))
			.saturating_add(ParityDbWeight::get().reads((8_u64).saturating_mul(a.into())))
			.saturating_add(ParityDbWeight::get().writes(7_u64))
			.saturating_add(ParityDbWeight::get().writes((9_u64).saturating_mul(a.into())))
			.saturating_add(Weight::from_parts(0, 20_000).saturating_mul(a.into()))
	}

	/// Storage: `Roaming::Agreements` (r:1 w:1)
	/// Proof: `Roaming::Agreements` (`max_values`: None, `max_size`: 143, added: 2618, mode: `MaxEncodedLen`)
	/// Storage: `Roaming::Outstanding` (r:1 w:1)
	/// Proof: `Roaming::Outstanding` (`max_values`: Some(1), `max_size`: 16, added: 511, mode: `MaxEncodedLen`)
	fn book_usage() -> Weight {
		// Proof size summary in bytes (estimated):
		//  Estimated: `3_608`
		Weight::from_parts(24_000_000, 3_608)
			.saturating_add(ParityDbWeight::get().reads(2_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
}
