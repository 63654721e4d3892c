//! # Escrow
//!
//! Every purchase, top-up and plan switch in GeSIM pays the stablecoin into an *intent*: money
//! held in this pallet's account for one entitlement until proved usage releases it to the
//! operator or the entitlement's end returns it to the subscriber.
//!
//! - Other pallets move money only through [`gesim_primitives::EscrowLedger`]: the plan catalog
//!   opens and tops up intents (and refunds one on a plan switch), metering releases them against
//!   usage proofs, governance freezes, thaws and refunds them when it rules on a dispute. There is
//!   no call to release money.
//! - Each release pays the protocol margin (the council's `ProtocolMargin` parameter, read from
//!   [`Config::Parameters`] at the release; rounded down: [`margin_of`]) to the treasury and the
//!   rest to the operator.
//! - Each intent keeps the settlement grace (a protocol parameter) in force when it was opened: a later
//!   change of the grace applies to later purchases, never to money already paid in. Until its
//!   expiry plus that grace, proved usage may release money; from the next block on, what it
//!   still holds is the payer's — no release is accepted, by the block number, whether or not
//!   the refund has run — and goes back in `on_idle`, from an expiry queue, or through the
//!   permissionless [`Pallet::refund_expired`]. The intent is then removed; the `IntentClosed`
//!   event keeps its totals. Until then an intent emptied early stays, so that a top-up can
//!   reopen it.
//! - An entitlement that ends before its expiry (a plan switch) brings its intent's expiry
//!   forward ([`gesim_primitives::EscrowLedger::end_early`]); the grace still follows it.
//! - The expiry queue lists intents under the block they become refundable in, in pages: a
//!   block's list grows a page at a time, so queueing costs the same whatever the queue holds
//!   and nobody can fill it to keep another purchase out.
//! - A frozen intent (dispute open) never moves money until thawed.
//! - Money of a settlement whose payout waits for its challenge window is *reserved*
//!   ([`Reserved`]): it stays held, but `release`, `refund` and the refund at expiry pass it
//!   by, and only `release_reserved` or `refund_reserved` move it — whenever the settlement is
//!   resolved, after the refund time too. An intent whose refund time has come keeps only its
//!   reserved money and is removed when that is resolved.
//!
//! Conservation: for every intent `paid = held + released + margin + refunded`, and the pallet
//! account holds at least the sum of `held`, checked by [`Pallet::do_check_invariants`] (also the
//! `try_state` hook).
//!
//! The pallet account must never fall below the stablecoin's minimum balance, or a deposit
//! smaller than that minimum could not be escrowed: genesis tops it up to the minimum.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod features;
mod impl_escrow_ledger;
pub mod migrations;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use features::margin::margin_of;
pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

/// An intent as this runtime stores it.
pub type IntentOf<T> =
	Intent<<T as frame_system::Config>::AccountId, frame_system::pallet_prelude::BlockNumberFor<T>>;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{pallet_prelude::*, traits::fungible, PalletId};
	use frame_system::pallet_prelude::*;
	use gesim_primitives::{IntentId, ProtocolParameters, StablecoinAmount};

	/// 1: settlement grace stored per intent; the expiry queue in pages.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The stablecoin every intent is paid in (in the runtime: the stablecoin asset of
		/// `pallet-assets` seen through `fungible::ItemOf`).
		type Stablecoin: fungible::Mutate<Self::AccountId, Balance = StablecoinAmount>;

		/// Derives the account the escrowed money sits in.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// Receives the protocol margin.
		type Treasury: Get<Self::AccountId>;

		/// The protocol parameters: the margin is read at each release, the settlement grace
		/// (blocks after an intent's expiry during which late usage proofs may still release
		/// money) when an intent is opened, and stored with it.
		type Parameters: ProtocolParameters<BlockNumberFor<Self>>;

		/// Intents one page of the expiry queue lists; a block's list grows by pages.
		#[pallet::constant]
		type MaxIntentsPerPage: Get<u32>;

		/// Most expired intents `on_idle` refunds in one block, whatever weight is left.
		#[pallet::constant]
		type MaxRefundsPerBlock: Get<u32>;

		/// Weights of this pallet's calls and hooks.
		type WeightInfo: WeightInfo;
	}

	/// The id the next intent gets.
	#[pallet::storage]
	pub type NextIntentId<T> = StorageValue<_, IntentId, ValueQuery>;

	/// Open intents, and closed ones until their refund time (a top-up may reopen them).
	#[pallet::storage]
	pub type Intents<T: Config> = StorageMap<_, Twox64Concat, IntentId, IntentOf<T>>;

	/// Money of an intent set aside for settlements whose payout waits for their challenge
	/// window ([`gesim_primitives::EscrowLedger::reserve`]); part of its `held`, never zero.
	#[pallet::storage]
	pub type Reserved<T: Config> = StorageMap<_, Twox64Concat, IntentId, StablecoinAmount>;

	/// The expiry queue: for each block, the intents that become refundable in it, page by page.
	#[pallet::storage]
	pub type ExpiryQueue<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		BlockNumberFor<T>,
		Twox64Concat,
		u32,
		BoundedVec<IntentId, T::MaxIntentsPerPage>,
		ValueQuery,
	>;

	/// The pages of each block's list in the expiry queue not emptied yet.
	#[pallet::storage]
	pub type ExpiryPages<T: Config> =
		StorageMap<_, Twox64Concat, BlockNumberFor<T>, QueuePages, ValueQuery>;

	/// The first expiry-queue bucket `on_idle` has not emptied yet; `None` before the first
	/// intent is queued.
	#[pallet::storage]
	pub type ExpiryCursor<T: Config> = StorageValue<_, BlockNumberFor<T>, OptionQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		#[serde(skip)]
		/// Binds the configuration to the runtime.
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			// The escrow account stays above the minimum balance forever, so every amount can be
			// escrowed and the last payout never reaps it.
			Pallet::<T>::ensure_account_endowed()
				.expect("the stablecoin exists before the escrow's genesis (Assets comes first)");
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `payer` paid `amount` into a new intent for `payee`, refundable after `expires_at`.
		IntentFunded {
			intent: IntentId,
			payer: T::AccountId,
			payee: T::AccountId,
			amount: StablecoinAmount,
			expires_at: BlockNumberFor<T>,
		},
		/// The payer paid `amount` more into `intent`, which now expires at `expires_at`.
		IntentToppedUp { intent: IntentId, amount: StablecoinAmount, expires_at: BlockNumberFor<T> },
		/// The entitlement `intent` pays for ended early: it now expires at `expires_at`, and
		/// what it still holds after the settlement grace goes back to the payer.
		IntentEndedEarly { intent: IntentId, expires_at: BlockNumberFor<T> },
		/// Proved usage paid `to_payee` to the operator and `margin` to the treasury.
		Released { intent: IntentId, to_payee: StablecoinAmount, margin: StablecoinAmount },
		/// `amount` of what `intent` holds was set aside for a settlement in its challenge
		/// window; it now has `reserved` set aside in all.
		Reserved { intent: IntentId, amount: StablecoinAmount, reserved: StablecoinAmount },
		/// `amount` went back to the payer.
		Refunded { intent: IntentId, amount: StablecoinAmount },
		/// `amount` moved from `from` into the new intent `to` of `payer`: a ruling gave the
		/// service to another operator, or a resale's buyer took over a share of it.
		Reassigned { from: IntentId, to: IntentId, payer: T::AccountId, amount: StablecoinAmount },
		/// A dispute froze `intent`.
		Frozen { intent: IntentId },
		/// `intent` may move money again.
		Thawed { intent: IntentId },
		/// `intent` was settled after its refund time and removed; these are its totals.
		IntentClosed {
			intent: IntentId,
			paid: StablecoinAmount,
			released: StablecoinAmount,
			margin: StablecoinAmount,
			refunded: StablecoinAmount,
		},
		/// A refund smaller than the stablecoin's minimum balance could not be paid to a payer
		/// who no longer holds any: it went to the treasury (counted in the intent's margin).
		DustSwept { intent: IntentId, amount: StablecoinAmount },
		/// `on_idle` could not refund `intent`; it stays, and `refund_expired` can retry it.
		RefundFailed { intent: IntentId, error: DispatchError },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No intent has this id (or it was settled and removed).
		UnknownIntent,
		/// The intent is frozen by an open dispute.
		Frozen,
		/// The intent is not frozen.
		NotFrozen,
		/// The intent is already frozen.
		AlreadyFrozen,
		/// The intent holds less than the amount asked for (reserved money not counted).
		InsufficientHeld,
		/// Less than the amount asked for is reserved.
		InsufficientReserved,
		/// What the intent still holds is reserved for settlements in their challenge window:
		/// it leaves when they are resolved.
		HeldForSettlement,
		/// The intent holds nothing any more.
		AlreadyClosed,
		/// The intent's expiry and settlement grace have not passed yet.
		NotExpired,
		/// The intent's expiry and settlement grace have passed: it is being refunded.
		Expired,
		/// The expiry lies before the current block.
		ExpiryInPast,
		/// An amount of zero.
		ZeroAmount,
		/// The amount would overflow the intent's totals.
		AmountOverflow,
		/// Every intent id has been used.
		NoIntentIdLeft,
		/// A block's list in the expiry queue has run out of page numbers (about four billion
		/// pages): only a broken queue gets there.
		ExpiryQueueFull,
		/// The new expiry is later than the current one: ending early only brings it forward.
		ExpiryNotEarlier,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_idle(now: BlockNumberFor<T>, remaining_weight: Weight) -> Weight {
			Self::do_refund_due(now, remaining_weight)
		}

		fn integrity_test() {
			assert!(T::MaxIntentsPerPage::get() > 0, "the expiry queue needs room");
			assert!(T::MaxRefundsPerBlock::get() > 0, "on_idle must be able to refund");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_check_invariants()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		// Index 0 was `set_protocol_margin`, now `governance.set_parameter`.

		/// Refund what `intent` still holds to its payer and remove it, once its expiry and the
		/// settlement grace have passed. Anyone may call it; it is free when it succeeds.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::refund_expired())]
		pub fn refund_expired(
			origin: OriginFor<T>,
			intent: IntentId,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			Self::do_refund_expired(intent)?;
			Ok(Pays::No.into())
		}
	}

	impl<T: Config> Pallet<T> {
		/// The account holding every intent's money.
		pub fn account_id() -> T::AccountId {
			use sp_runtime::traits::AccountIdConversion;
			T::PalletId::get().into_account_truncating()
		}
	}
}
