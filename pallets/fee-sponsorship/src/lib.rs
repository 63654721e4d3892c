//! # Fee sponsorship
//!
//! An operator keeps a pot of native tokens that pays the transaction fees of its own
//! subscribers (accounts whose identity it issued) for a bounded set of calls — buying or
//! topping up a plan, binding an EID — so a subscriber holding no native token, and no
//! stablecoin to spare for fees, can still act. Each subscriber may be sponsored at most
//! `transactions_per_period` times per `period` blocks, so nobody can drain a pot. When the
//! pot cannot pay, or the allowance is used up, the subscriber pays as usual.
//!
//! The pot is an account derived from the pallet id and the operator; only the operator can
//! take money out of it, anyone can put money in. The fee itself is taken by
//! [`SponsoredFees`], a wrapper around the runtime's `OnChargeTransaction`; the storage it
//! looks up to decide who pays is weighed by [`WeighSponsorship`], a transaction extension the
//! runtime lists beside its fee payment.

#![cfg_attr(not(feature = "std"), no_std)]

mod adapter;
#[cfg(feature = "runtime-benchmarks")]
pub mod benchmarking;
mod extension;
mod sponsor;
#[cfg(test)]
mod tests;
mod types;
pub mod weights;

pub use adapter::SponsoredFees;
pub use extension::WeighSponsorship;
pub use pallet::*;
pub use types::{AllowanceUse, SponsorshipTerms};
pub use weights::WeightInfo;

#[frame_support::pallet]
pub mod pallet {
	use super::{AllowanceUse, SponsorshipTerms, WeightInfo};
	use frame_support::{
		pallet_prelude::*,
		traits::{fungible, Contains},
		PalletId,
	};
	use frame_system::pallet_prelude::*;
	use gesim_primitives::{IdentityInspect, TelcoInspect};

	/// Native balance of an account.
	pub type BalanceOf<T> = <<T as Config>::Currency as fungible::Inspect<
		<T as frame_system::Config>::AccountId,
	>>::Balance;

	/// No storage has changed shape since the pallet's first release.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The native token, which fees are paid in.
		type Currency: fungible::Mutate<Self::AccountId>;
		/// Which operators are active.
		type Telcos: TelcoInspect<Self::AccountId>;
		/// Which operator issued a subscriber's identity.
		type Identity: IdentityInspect<Self::AccountId>;
		/// The calls a pot pays for.
		type SponsoredCalls: Contains<<Self as frame_system::Config>::RuntimeCall>;
		/// Derives the pot accounts.
		#[pallet::constant]
		type PalletId: Get<PalletId>;
		/// Longest allowance period, in blocks.
		#[pallet::constant]
		type MaxPeriod: Get<BlockNumberFor<Self>>;
		/// Weights of this pallet's calls and of the sponsorship lookups.
		type WeightInfo: WeightInfo;
		/// Sets up what the benchmarks need.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: crate::benchmarking::BenchmarkHelper<
			Self::AccountId,
			<Self as frame_system::Config>::RuntimeCall,
		>;
	}

	/// What each sponsoring operator pays for.
	#[pallet::storage]
	pub type Terms<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, SponsorshipTerms<BlockNumberFor<T>>>;

	/// How much of its allowance a subscriber used with an operator in the current period.
	#[pallet::storage]
	pub type Allowances<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Blake2_128Concat,
		T::AccountId,
		AllowanceUse<BlockNumberFor<T>>,
	>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `from` put `amount` into `telco`'s pot.
		PotFunded { telco: T::AccountId, from: T::AccountId, amount: BalanceOf<T> },
		/// `telco` took `amount` back from its pot.
		PotWithdrawn { telco: T::AccountId, amount: BalanceOf<T> },
		/// `telco` sponsors up to `transactions_per_period` calls per subscriber every `period`.
		TermsSet { telco: T::AccountId, transactions_per_period: u32, period: BlockNumberFor<T> },
		/// `telco` stopped sponsoring.
		SponsorshipEnded { telco: T::AccountId },
		/// `telco`'s pot paid `fee` for a transaction of `subscriber`.
		FeeSponsored { telco: T::AccountId, subscriber: T::AccountId, fee: BalanceOf<T> },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// Only an active operator can sponsor.
		NotActiveTelco,
		/// Zero is not an amount.
		ZeroAmount,
		/// A sponsorship must allow at least one transaction per period.
		ZeroAllowance,
		/// The period is zero or longer than `MaxPeriod`.
		InvalidPeriod,
		/// The operator does not sponsor anything.
		NotSponsoring,
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Put `amount` of the caller's native token into `telco`'s pot.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::fund_pot())]
		pub fn fund_pot(
			origin: OriginFor<T>,
			telco: T::AccountId,
			amount: BalanceOf<T>,
		) -> DispatchResult {
			let from = ensure_signed(origin)?;
			Self::do_fund_pot(from, telco, amount)
		}

		/// Take `amount` out of the caller's own pot.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::withdraw_pot())]
		pub fn withdraw_pot(origin: OriginFor<T>, amount: BalanceOf<T>) -> DispatchResult {
			let telco = ensure_signed(origin)?;
			Self::do_withdraw_pot(telco, amount)
		}

		/// Sponsor each of the caller's subscribers for up to `transactions_per_period`
		/// transactions every `period` blocks.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::set_terms())]
		pub fn set_terms(
			origin: OriginFor<T>,
			transactions_per_period: u32,
			period: BlockNumberFor<T>,
		) -> DispatchResult {
			let telco = ensure_signed(origin)?;
			Self::do_set_terms(telco, transactions_per_period, period)
		}

		/// Stop sponsoring. The pot keeps its money until withdrawn.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::end_sponsorship())]
		pub fn end_sponsorship(origin: OriginFor<T>) -> DispatchResult {
			let telco = ensure_signed(origin)?;
			Self::do_end_sponsorship(telco)
		}
	}
}
