//! # Resale of unused quota
//!
//! A subscriber who will not use all of an entitlement sells a chunk of its quota to another
//! (eSIMa's data resale). The buyer gets a new entitlement to the same plan, operator and
//! expiry, cut from the seller's by the catalog
//! ([`gesim_primitives::EntitlementLedger::split_off`]); the seller gets the price; and the
//! escrowed money behind the chunk moves with it into an intent the buyer pays into, so the
//! operator is still paid only for proved usage, from the escrow of whoever used the data.
//!
//! - [`Pallet::list`]: the holder offers `bytes` of an entitlement's quota for `price` in the
//!   stablecoin. The chunk is at least the council's minimum and the price per byte at most
//!   the council's share of the plan's own price per byte
//!   ([`gesim_primitives::ResaleBounds`]), so buying a large plan cheaply and selling it on in
//!   dear small pieces does not pay. Listings per entitlement and per seller are bounded.
//! - [`Pallet::buy`]: atomic. The price goes from the buyer to the seller, and the chunk and
//!   its money to the buyer's new entitlement, or nothing happens. A buyer holding no native
//!   token pays the fee in the stablecoin, as for any call.
//! - [`Pallet::cancel`]: the seller withdraws a listing. [`Pallet::remove_expired`]: anyone
//!   clears a listing whose entitlement has ended, free of charge. A listing lives as long as
//!   its entitlement: a top-up that renews the validity keeps it, a switch or a ruling that
//!   ends the entitlement ends it.
//!
//! ## Usage the seller consumed and the operator has not settled yet
//! Usage records reach operators late, and a proof arrives later still, so when a listing is
//! made the chain does not yet know how much of the quota the seller has already used. Two
//! rules keep that usage payable:
//! - **Listed quota is reserved.** From the listing on, the seller may use only the quota
//!   beyond what is listed ([`Listed`] per entitlement; the operator's network reads it from
//!   the chain and stops serving the seller there). Quota used before the listing is billed
//!   from the seller's entitlement as always; if it eats into listed quota, a listing larger
//!   than what is left can no longer be bought.
//! - **A listing is bought only once the seller's usage is settled up to it.** The operator
//!   must have anchored the entitlement's usage up to the second of the listing and proved
//!   every anchored batch of it ([`gesim_primitives::UsageClearance`], from metering). Every
//!   byte the seller used before the listing has then been taken from its quota and paid from
//!   its escrow, so the quota the buyer gets is quota nobody used, and the money that follows
//!   it is exactly its share of what is left. Until then a purchase is refused with
//!   [`Error::UsageNotCleared`].

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod market;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

/// What benchmarks need from the runtime: an entitlement to list and a buyer able to buy.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// A live entitlement of `seller` with at least `bytes` of unused quota at a price per
	/// byte of at least one unit per `bytes`, and its usage settled up to now.
	fn entitlement_of(
		seller: &AccountId,
		bytes: gesim_primitives::Bytes,
	) -> gesim_primitives::EntitlementId;
	/// Gives `buyer` a live identity and `amount` of the stablecoin.
	fn prepare_buyer(buyer: &AccountId, amount: gesim_primitives::StablecoinAmount);
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::{fungible, UnixTime},
	};
	use frame_system::pallet_prelude::*;
	use gesim_primitives::{
		Bytes, EntitlementId, EntitlementLedger, ProtocolParameters, StablecoinAmount,
		UsageClearance,
	};

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The entitlements quota is listed from and split off.
		type Entitlements: EntitlementLedger<Self::AccountId, BlockNumberFor<Self>>;
		/// How far each operator's usage of an entitlement is settled.
		type Usage: UsageClearance<Self::AccountId>;
		/// The stablecoin prices are paid in (the runtime's stablecoin asset).
		type Stablecoin: fungible::Mutate<Self::AccountId, Balance = StablecoinAmount>;
		/// The protocol parameters; the resale bounds are read at every listing.
		type Parameters: ProtocolParameters<BlockNumberFor<Self>>;
		/// The chain's time, which a listing is stamped with.
		type UnixTime: UnixTime;
		/// Listings one entitlement may have at once.
		#[pallet::constant]
		type MaxListingsPerEntitlement: Get<u32>;
		/// Listings one seller may have at once.
		#[pallet::constant]
		type MaxListingsPerSeller: Get<u32>;
		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
		/// Sets up entitlements and buyers for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// The id the next listing gets.
	#[pallet::storage]
	pub type NextListingId<T> = StorageValue<_, ListingId, ValueQuery>;

	/// Listings not bought, cancelled or removed yet.
	#[pallet::storage]
	pub type Listings<T: Config> = StorageMap<_, Twox64Concat, ListingId, ListingOf<T>>;

	/// Per entitlement, its listings and the quota they reserve: the seller may use only its
	/// remaining quota beyond it.
	#[pallet::storage]
	pub type Listed<T: Config> =
		StorageMap<_, Twox64Concat, EntitlementId, ListedQuota<T::MaxListingsPerEntitlement>>;

	/// Each seller's listings.
	#[pallet::storage]
	pub type ListingsOf<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<ListingId, T::MaxListingsPerSeller>,
		ValueQuery,
	>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `seller` listed `bytes` of `entitlement` for `price`, until the entitlement ends
		/// (`expires_at` now).
		Listed {
			listing: ListingId,
			seller: T::AccountId,
			entitlement: EntitlementId,
			bytes: Bytes,
			price: StablecoinAmount,
			expires_at: BlockNumberFor<T>,
		},
		/// `buyer` bought `listing`: `price` to `seller`, and `bytes` of `from` as the new
		/// entitlement `to`, with `moved` of `from`'s escrow.
		Sold {
			listing: ListingId,
			seller: T::AccountId,
			buyer: T::AccountId,
			from: EntitlementId,
			to: EntitlementId,
			bytes: Bytes,
			price: StablecoinAmount,
			moved: StablecoinAmount,
		},
		/// `seller` withdrew `listing`.
		ListingCancelled { listing: ListingId, seller: T::AccountId },
		/// `listing` was removed: its entitlement ended.
		ListingExpired { listing: ListingId },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No entitlement has this id (or it was closed).
		UnknownEntitlement,
		/// Only the entitlement's holder may list its quota.
		NotHolder,
		/// The entitlement's validity has ended.
		EntitlementExpired,
		/// The entitlement's plan is gone.
		UnknownPlan,
		/// The chunk is smaller than the council's minimum.
		ChunkTooSmall,
		/// A listing must cost something.
		ZeroPrice,
		/// The price per byte is above the council's cap relative to the plan's.
		PriceAboveCap,
		/// The entitlement has not that much quota left beyond what is already listed.
		NotEnoughQuota,
		/// The entitlement has as many listings as allowed.
		TooManyListingsOfEntitlement,
		/// The seller has as many listings as allowed.
		TooManyListingsOfSeller,
		/// No listing has this id (or it was bought, cancelled or removed).
		UnknownListing,
		/// Only the seller may cancel a listing.
		NotSeller,
		/// A seller cannot buy its own listing.
		OwnListing,
		/// The listing's entitlement has ended.
		ListingExpired,
		/// The listing's entitlement is still live.
		ListingNotExpired,
		/// The operator has not settled the seller's usage up to the listing yet.
		UsageNotCleared,
		/// Every listing id has been used.
		NoListingIdLeft,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxListingsPerEntitlement::get() > 0, "an entitlement must be listable");
			assert!(T::MaxListingsPerSeller::get() > 0, "a seller must be able to list");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Offer `bytes` of `entitlement`'s unused quota for `price` in the stablecoin. From now
		/// on the seller may use only its quota beyond what is listed.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::list())]
		pub fn list(
			origin: OriginFor<T>,
			entitlement: EntitlementId,
			bytes: Bytes,
			price: StablecoinAmount,
		) -> DispatchResult {
			let seller = ensure_signed(origin)?;
			Self::do_list(seller, entitlement, bytes, price)
		}

		/// Buy `listing`: its price goes to the seller, and its quota, with the escrowed money
		/// behind it, becomes a new entitlement of the caller.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::buy())]
		pub fn buy(origin: OriginFor<T>, listing: ListingId) -> DispatchResult {
			let buyer = ensure_signed(origin)?;
			Self::do_buy(buyer, listing)
		}

		/// Withdraw one of the caller's listings.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::cancel())]
		pub fn cancel(origin: OriginFor<T>, listing: ListingId) -> DispatchResult {
			let seller = ensure_signed(origin)?;
			Self::do_cancel(seller, listing)
		}

		/// Remove a listing whose entitlement has ended. Anyone may call it; it is free when it
		/// succeeds.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::remove_expired())]
		pub fn remove_expired(
			origin: OriginFor<T>,
			listing: ListingId,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			Self::do_remove_expired(listing)?;
			Ok(Pays::No.into())
		}
	}
}
