//! # Plan catalog
//!
//! Operators list data plans; subscribers buy, top up and switch them. Each purchase yields an
//! **entitlement**: the right to the plan's quota until an expiry, paid for by an escrow intent
//! that releases money to the operator only against proved usage.
//!
//! - An active telco ([`Config::Telcos`]) lists plans: quota, validity, price in the stablecoin,
//!   region (geohash prefixes and/or networks), roaming partners, prepaid or postpaid, whether a
//!   top-up renews validity, and a hash committing to the full terms. Retiring a plan stops its
//!   sale and top-ups; entitlements already sold keep working.
//! - A subscriber with a live identity ([`Config::Identity`]) buys a plan: the price goes into a
//!   new intent through [`Config::Escrow`], and the entitlement is minted as an item of the
//!   catalog's collection through [`Config::Nfts`].
//! - Entitlement items never move between accounts: the collection is created without
//!   `TransferableItems`, so neither the holder nor the NFT pallet's own calls can transfer one.
//!   Resale moves quota, not items: a resale pallet cuts quota from one entitlement and the
//!   catalog mints a new item for the buyer. The holder may burn the item; the entitlement,
//!   kept here, is what counts. A split ([`gesim_primitives::EntitlementLedger::split_off`])
//!   moves the share of the escrow that follows the quota into a new intent whose payer is the
//!   buyer.
//! - The catalog's account (from [`Config::PalletId`]) owns the collection and pays its one
//!   collection deposit. Items carry no deposit ([`Config::ItemDeposits`] waives them when the
//!   collection is created): a shared account paying a native-token deposit per item would let
//!   anyone who buys enough cheap entitlements stop every purchase on the chain. What an
//!   entitlement costs the chain is bounded instead by what it costs its buyer: a governed
//!   minimum price held in escrow (and refunded only after a governed maximum validity plus
//!   the settlement grace), a live identity, and `MaxEntitlementsPerAccount`.
//! - A plan switch ends the old entitlement at once — no usage after it — but does not close it:
//!   usage from before the switch, anchored or still on its way to the operator, stays payable
//!   from the old escrow until its settlement deadline, and only what is left after that goes
//!   back to the subscriber, as at any expiry. Refunding the held money at the switch would
//!   hand back the price of data already used and leave the operator's proofs with no
//!   entitlement to pay from.
//! - An entitlement whose operator never delivered its eSIM (the provisioning pallet decides)
//!   is revoked with everything it holds refunded ([`gesim_primitives::EntitlementLedger::revoke_unserved`]).
//!   A ruling may instead reallocate it to another operator's plan
//!   ([`gesim_primitives::EntitlementLedger::reallocate`]): the remaining quota and the money
//!   for it move to a new entitlement and a new intent, and the money never leaves the escrow.
//!   Plan switches are reported to [`Config::OnSwitch`], so an installed eSIM profile serves
//!   the new entitlement as it served the old.
//! - Metering consumes quota through [`gesim_primitives::EntitlementLedger`]; the telco
//!   registry asks [`gesim_primitives::TelcoObligations`] before letting an operator retire.
//! - Queries for clients are public functions ([`Pallet::plans_by_telco`],
//!   [`Pallet::plans_in_region`], [`Pallet::entitlements_of`]) behind the runtime API in
//!   `pallet-plan-catalog-runtime-api`.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod features;
mod impl_entitlement_ledger;
pub mod migrations;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use features::items::{NftsItemDeposits, WaiveItemDeposits};
pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

/// What benchmarks need from the runtime: the other pallets' state a purchase depends on.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Makes `telco` an active operator.
	fn activate_telco(telco: &AccountId);
	/// Gives `who` a live identity.
	fn verify_identity(who: &AccountId);
	/// Gives `who` `amount` of the stablecoin, on top of the minimum balance it must keep.
	fn fund(who: &AccountId, amount: gesim_primitives::StablecoinAmount);
	/// Gives the catalog's account enough native token for the collection and item deposits.
	fn fund_deposits(catalog: &AccountId);
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::tokens::nonfungibles_v2::{Create, Inspect, Mutate},
		PalletId,
	};
	use frame_system::pallet_prelude::*;
	use gesim_primitives::{
		Bytes, EntitlementId, EscrowLedger, IdentityInspect, IntentId, OnPlanSwitch, OnUsageStart,
		PlanId, ProtocolParameters, StablecoinAmount, TelcoInspect,
	};
	use pallet_nfts::ItemConfig;

	/// 1: plan bounds; entitlement items without deposits.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// Which accounts are admitted operators in good standing.
		type Telcos: TelcoInspect<Self::AccountId>;

		/// Which accounts hold a live subscriber identity.
		type Identity: IdentityInspect<Self::AccountId>;

		/// Holds what entitlements are paid with.
		type Escrow: EscrowLedger<Self::AccountId, BlockNumberFor<Self>>;

		/// Collection ids of the NFT pallet.
		type CollectionId: Member + Parameter + MaxEncodedLen + Copy;

		/// The NFT pallet's deposit balance; it appears only in the collection configuration
		/// (as a mint price the catalog never sets).
		type NftBalance;

		/// The NFT pallet the entitlement items live in.
		type Nfts: Inspect<Self::AccountId, CollectionId = Self::CollectionId, ItemId = EntitlementId>
			+ Create<Self::AccountId, CollectionConfigOf<Self>>
			+ Mutate<Self::AccountId, ItemConfig>;

		/// Derives the account owning the entitlement collection and paying its deposits.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// Plans one operator may list at once.
		#[pallet::constant]
		type MaxPlansPerTelco: Get<u32>;

		/// Entitlements one account may hold at once (closed ones free their place).
		#[pallet::constant]
		type MaxEntitlementsPerAccount: Get<u32>;

		/// Geohash prefixes in a plan's region.
		#[pallet::constant]
		type MaxRegionCells: Get<u32>;

		/// Networks in a plan's region.
		#[pallet::constant]
		type MaxRegionNetworks: Get<u32>;

		/// Roaming partners of a plan.
		#[pallet::constant]
		type MaxRoamingPartners: Get<u32>;

		/// Told of every plan switch (the eSIM profile follows the entitlement).
		type OnSwitch: OnPlanSwitch;

		/// Told of every entitlement issued: its operator bills no usage from before it.
		type OnUsageStart: OnUsageStart<Self::AccountId>;

		/// Operators' reputation, which orders plans in region queries.
		type Reputation: gesim_primitives::OperatorReputation<Self::AccountId>;

		/// Waives the NFT pallet's item deposits for the entitlement collection.
		type ItemDeposits: WaiveItemDeposits<Self::CollectionId>;

		/// The protocol parameters; the plan bounds are read from them at every listing and
		/// sale.
		type Parameters: ProtocolParameters<BlockNumberFor<Self>>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;

		/// Sets up operators, identities and funds for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// The id the next plan gets.
	#[pallet::storage]
	pub type NextPlanId<T> = StorageValue<_, PlanId, ValueQuery>;

	/// Listed plans, and retired ones while entitlements to them live.
	#[pallet::storage]
	pub type Plans<T: Config> = StorageMap<_, Twox64Concat, PlanId, Plan<T>>;

	/// The plans each operator lists now (not retired).
	#[pallet::storage]
	pub type PlansByTelco<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<PlanId, T::MaxPlansPerTelco>,
		ValueQuery,
	>;

	/// The id the next entitlement (and its item) gets.
	#[pallet::storage]
	pub type NextEntitlementId<T> = StorageValue<_, EntitlementId, ValueQuery>;

	/// Entitlements not closed yet.
	#[pallet::storage]
	pub type Entitlements<T: Config> = StorageMap<_, Twox64Concat, EntitlementId, EntitlementOf<T>>;

	/// The entitlements each account holds.
	#[pallet::storage]
	pub type EntitlementsOf<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<EntitlementId, T::MaxEntitlementsPerAccount>,
		ValueQuery,
	>;

	/// How many entitlements each operator serves that are not closed yet.
	#[pallet::storage]
	pub type OpenEntitlements<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// The collection entitlement items are minted in, created with the first purchase.
	#[pallet::storage]
	pub type EntitlementCollection<T: Config> = StorageValue<_, T::CollectionId, OptionQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `telco` listed `plan`.
		PlanCreated {
			plan: PlanId,
			telco: T::AccountId,
			price: StablecoinAmount,
			quota_bytes: Bytes,
			validity: BlockNumberFor<T>,
		},
		/// `telco` stopped selling `plan`; its entitlements keep working.
		PlanRetired { plan: PlanId, telco: T::AccountId },
		/// `holder` bought `plan`: entitlement (and item) `entitlement`, paid into `intent`.
		Purchased {
			entitlement: EntitlementId,
			plan: PlanId,
			holder: T::AccountId,
			telco: T::AccountId,
			intent: IntentId,
			price: StablecoinAmount,
			expires_at: BlockNumberFor<T>,
		},
		/// `entitlement` got `added_bytes` more quota for `price`.
		ToppedUp {
			entitlement: EntitlementId,
			added_bytes: Bytes,
			remaining_bytes: Bytes,
			price: StablecoinAmount,
			expires_at: BlockNumberFor<T>,
		},
		/// `from` was given up for `to`, a new entitlement to `plan` paid into `intent` until
		/// `expires_at`. `from` ended at `from_ended_at`: usage before it stays payable from its
		/// escrow until `refund_from`, when what is left goes back to the holder.
		Switched {
			from: EntitlementId,
			to: EntitlementId,
			plan: PlanId,
			intent: IntentId,
			expires_at: BlockNumberFor<T>,
			from_ended_at: BlockNumberFor<T>,
			refund_from: BlockNumberFor<T>,
		},
		/// Proved usage took `bytes` from `entitlement`.
		QuotaConsumed { entitlement: EntitlementId, bytes: Bytes, remaining_bytes: Bytes },
		/// `entitlement` is closed: its item burnt and its storage freed.
		EntitlementClosed { entitlement: EntitlementId, holder: T::AccountId },
		/// `entitlement` was ended because its operator never delivered it (no eSIM profile
		/// reached `holder`), and `refunded` went back to `holder`.
		EntitlementRevoked {
			entitlement: EntitlementId,
			holder: T::AccountId,
			refunded: StablecoinAmount,
		},
		/// A dispute ruling ended `entitlement` and took its quota: `refunded` of its escrow
		/// went back to `holder`, `released` to its operator (margin included).
		EntitlementEndedByRuling {
			entitlement: EntitlementId,
			holder: T::AccountId,
			refunded: StablecoinAmount,
			released: StablecoinAmount,
		},
		/// A dispute ruling moved what was left of `from` to `to`, a new entitlement to `plan`
		/// of `telco`: `bytes` of quota, paid by `moved` from the old escrow into `intent`,
		/// until `expires_at`. `refunded` of the old escrow went back to the holder.
		EntitlementReallocated {
			from: EntitlementId,
			to: EntitlementId,
			plan: PlanId,
			telco: T::AccountId,
			intent: IntentId,
			bytes: Bytes,
			moved: StablecoinAmount,
			refunded: StablecoinAmount,
			expires_at: BlockNumberFor<T>,
		},
		/// `bytes` of `from`'s quota went to `to`, a new entitlement of `buyer` to the same plan
		/// and expiry, with `moved` of `from`'s escrow in `intent` (a resale). `from` keeps
		/// `remaining_bytes`.
		EntitlementSplit {
			from: EntitlementId,
			to: EntitlementId,
			buyer: T::AccountId,
			bytes: Bytes,
			moved: StablecoinAmount,
			intent: IntentId,
			remaining_bytes: Bytes,
		},
		/// The collection of entitlement items was created.
		CollectionCreated { collection: T::CollectionId },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No plan has this id (or it was retired and its last entitlement closed).
		UnknownPlan,
		/// Only the operator that listed the plan may do this.
		NotPlanOwner,
		/// The operator is not admitted, or suspended or retired.
		NotActiveTelco,
		/// The account holds no live identity.
		NotVerified,
		/// The plan is retired: no longer sold or topped up.
		PlanRetired,
		/// No entitlement has this id (or it was closed).
		UnknownEntitlement,
		/// Only the entitlement's holder may do this.
		NotHolder,
		/// The entitlement's validity has ended.
		EntitlementExpired,
		/// The entitlement is still valid.
		NotExpired,
		/// Its escrow still holds money (late usage proofs or the refund are pending).
		EscrowNotSettled,
		/// A plan must include some data.
		ZeroQuota,
		/// A plan must last at least one block.
		ZeroValidity,
		/// A plan must cost something (the escrow holds no empty intent).
		ZeroPrice,
		/// The price is below the lowest the council allows.
		PriceBelowMinimum,
		/// The validity is longer than the council allows.
		ValidityTooLong,
		/// The region names no cell and no network.
		EmptyRegion,
		/// A cell or network appears twice in the region.
		DuplicateRegionEntry,
		/// A roaming partner appears twice.
		DuplicateRoamingPartner,
		/// The operator lists as many plans as allowed.
		TooManyPlans,
		/// The account holds as many entitlements as allowed.
		TooManyEntitlements,
		/// The new plan is another operator's: a switch stays with one operator.
		DifferentTelco,
		/// The entitlement is already to this plan.
		SamePlan,
		/// A reallocation goes to another operator's plan.
		SameTelco,
		/// The entitlement has no quota left, or no unreserved money to pay for it elsewhere.
		NothingToReallocate,
		/// The entitlement has less quota left than that.
		InsufficientQuota,
		/// The entitlement's escrow holds no unreserved money to pay for that quota.
		QuotaUnfunded,
		/// The expiry lies beyond the largest block number.
		ExpiryOverflow,
		/// The quota would overflow.
		QuotaOverflow,
		/// Every plan id has been used.
		NoPlanIdLeft,
		/// Every entitlement id has been used.
		NoEntitlementIdLeft,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxPlansPerTelco::get() > 0, "operators must be able to list a plan");
			assert!(T::MaxEntitlementsPerAccount::get() > 0, "subscribers must be able to buy");
			assert!(
				T::MaxRegionCells::get() > 0 || T::MaxRegionNetworks::get() > 0,
				"a region needs room for a cell or a network"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_check_indexes()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// List a plan. The caller must be an active telco.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::create_plan(
			terms.region.cells.len() as u32,
			terms.region.networks.len() as u32,
			terms.roaming_partners.len() as u32,
		))]
		pub fn create_plan(origin: OriginFor<T>, terms: PlanTerms<T>) -> DispatchResult {
			let telco = ensure_signed(origin)?;
			Self::do_create_plan(telco, terms)
		}

		/// Stop selling `plan`; entitlements already sold keep working until they end.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::retire_plan())]
		pub fn retire_plan(origin: OriginFor<T>, plan: PlanId) -> DispatchResult {
			let telco = ensure_signed(origin)?;
			Self::do_retire_plan(telco, plan)
		}

		/// Buy `plan`: its price goes into escrow and an entitlement item is minted.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::purchase())]
		pub fn purchase(origin: OriginFor<T>, plan: PlanId) -> DispatchResult {
			let holder = ensure_signed(origin)?;
			Self::do_purchase(holder, plan)
		}

		/// Add the plan's quota to `entitlement` for the plan's price, renewing its validity if
		/// the plan says so.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::top_up())]
		pub fn top_up(origin: OriginFor<T>, entitlement: EntitlementId) -> DispatchResult {
			let holder = ensure_signed(origin)?;
			Self::do_top_up(holder, entitlement)
		}

		/// Give up `entitlement` for a new one to `new_plan` of the same operator. The old one
		/// ends now; what its escrow holds after usage from before the switch is proved (within
		/// the settlement grace) goes back to the holder.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::switch_plan().saturating_add(T::OnSwitch::weight()))]
		pub fn switch_plan(
			origin: OriginFor<T>,
			entitlement: EntitlementId,
			new_plan: PlanId,
		) -> DispatchResult {
			let holder = ensure_signed(origin)?;
			Self::do_switch_plan(holder, entitlement, new_plan)
		}

		/// Close an expired `entitlement` whose escrow is settled: burns its item and frees its
		/// storage. Anyone may call it; it is free when it succeeds.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::close_entitlement())]
		pub fn close_entitlement(
			origin: OriginFor<T>,
			entitlement: EntitlementId,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			Self::do_close_entitlement(entitlement)?;
			Ok(Pays::No.into())
		}

		// Index 6 was `set_plan_bounds`, now `governance.set_parameter`.
	}

	impl<T: Config> Pallet<T> {
		/// The account owning the entitlement collection and paying its deposits.
		pub fn account_id() -> T::AccountId {
			use sp_runtime::traits::AccountIdConversion;
			T::PalletId::get().into_account_truncating()
		}
	}
}
