//! # Reputation from verified customers
//!
//! Subscribers rate the operators that served them and operators rate their subscribers
//! (eSIMa's reputation contract). Only parties to real, proved service rate: a rating is tied
//! to an entitlement whose operator has proved and settled some of its usage, it is given once
//! per entitlement from each side, and it weighs as much as the usage proved.
//!
//! - [`Pallet::rate_operator`]: an entitlement's holder gives its operator 1 to 5 stars.
//! - [`Pallet::rate_subscriber`]: an entitlement's operator gives its holder 1 to 5 stars.
//! - [`Pallet::flag_abuse`]: an entitlement's operator flags its holder for abuse (fraud,
//!   SIM-box traffic, terms broken), with the hash of its evidence, once per entitlement.
//!
//! A score is the weighted average of the ratings, each weighed by its usage proved, with
//! both sums halving every council-set half-life (`ProtocolParameter::ReputationHalfLife`),
//! so that recent service counts more than old. Scores are read through
//! `pallet-reputation-runtime-api`; the catalog orders plans by their operator's score
//! ([`gesim_primitives::OperatorReputation`]), and the council's admission and discipline
//! motions can cite an operator's score and its weight.
//!
//! What a rating costs its giver is a paid entitlement with proved usage: a party cannot rate
//! itself up without buying and using service, and a rating can never weigh more than the
//! usage it paid for.

#![cfg_attr(not(feature = "std"), no_std)]

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
pub mod decay;
mod scores;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

/// What benchmarks need from the runtime.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// A live entitlement of `holder` with usage proved by its operator; returns it and the
	/// operator.
	fn entitlement_with_usage(holder: &AccountId) -> (gesim_primitives::EntitlementId, AccountId);
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;
	use gesim_primitives::{
		Bytes, EntitlementId, EntitlementLedger, ProtocolParameters, ProvedUsage,
	};
	use sp_core::H256;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The entitlements ratings are tied to.
		type Entitlements: EntitlementLedger<Self::AccountId, BlockNumberFor<Self>>;
		/// The usage proved on each entitlement, which a rating weighs.
		type Usage: ProvedUsage;
		/// The protocol parameters; the half-life is read at every rating and query.
		type Parameters: ProtocolParameters<BlockNumberFor<Self>>;
		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
		/// Sets up entitlements with proved usage for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// The rating given on each entitlement from each side.
	#[pallet::storage]
	pub type Ratings<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		EntitlementId,
		Twox64Concat,
		Rater,
		Rating<BlockNumberFor<T>>,
	>;

	/// Operators' scores, from their subscribers' ratings.
	#[pallet::storage]
	pub type OperatorScores<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, Score<BlockNumberFor<T>>>;

	/// Subscribers' scores, from their operators' ratings and flags.
	#[pallet::storage]
	pub type SubscriberScores<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, Score<BlockNumberFor<T>>>;

	/// The abuse flag raised on each entitlement, if any.
	#[pallet::storage]
	pub type AbuseFlags<T: Config> =
		StorageMap<_, Twox64Concat, EntitlementId, AbuseFlag<T::AccountId, BlockNumberFor<T>>>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `subscriber`, holding `entitlement`, gave `telco` `stars`, weighing `weight` bytes of
		/// proved usage; `telco`'s average is now `stars_centi` hundredths of a star.
		OperatorRated {
			telco: T::AccountId,
			subscriber: T::AccountId,
			entitlement: EntitlementId,
			stars: u8,
			weight: Bytes,
			stars_centi: u32,
		},
		/// `telco` gave the holder of `entitlement`, `subscriber`, `stars`, weighing `weight`;
		/// the subscriber's average is now `stars_centi`.
		SubscriberRated {
			subscriber: T::AccountId,
			telco: T::AccountId,
			entitlement: EntitlementId,
			stars: u8,
			weight: Bytes,
			stars_centi: u32,
		},
		/// `telco` flagged `subscriber`, the holder of `entitlement`, for abuse, with the hash
		/// of its evidence.
		AbuseFlagged {
			subscriber: T::AccountId,
			telco: T::AccountId,
			entitlement: EntitlementId,
			evidence: H256,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No entitlement has this id (or it was closed).
		UnknownEntitlement,
		/// Only the entitlement's holder rates its operator.
		NotHolder,
		/// Only the entitlement's operator rates or flags its holder.
		NotOperator,
		/// A rating is 1 to 5 stars.
		InvalidStars,
		/// No usage of the entitlement has been proved: only customers who were served rate.
		NoProvedUsage,
		/// This side already rated this entitlement.
		AlreadyRated,
		/// The operator already flagged this entitlement.
		AlreadyFlagged,
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Rate the operator of `entitlement`, which the caller holds, 1 to 5 stars.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::rate_operator())]
		pub fn rate_operator(
			origin: OriginFor<T>,
			entitlement: EntitlementId,
			stars: u8,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_rate(who, entitlement, Rater::Subscriber, stars)
		}

		/// Rate the holder of `entitlement`, which the caller serves, 1 to 5 stars.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::rate_subscriber())]
		pub fn rate_subscriber(
			origin: OriginFor<T>,
			entitlement: EntitlementId,
			stars: u8,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_rate(who, entitlement, Rater::Operator, stars)
		}

		/// Flag the holder of `entitlement`, which the caller serves, for abuse; `evidence` is
		/// the hash of what the operator keeps off chain.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::flag_abuse())]
		pub fn flag_abuse(
			origin: OriginFor<T>,
			entitlement: EntitlementId,
			evidence: H256,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_flag(who, entitlement, evidence)
		}
	}
}
