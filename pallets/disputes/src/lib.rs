//! # Disputes
//!
//! A subscriber or an operator disputes an entitlement, a subscriber disputes a settlement
//! still in its challenge window (usage its device did not acknowledge), or a home operator
//! disputes roaming usage another operator booked against it; the council rules.
//!
//! - [`Pallet::file_dispute`]: the holder or the serving operator of an entitlement, up to the
//!   council's `DisputeWindow` after the entitlement ends; the holder of a held settlement's
//!   entitlement, until its challenge window ends. The filer puts down
//!   [`Config::DisputeDeposit`] in the stablecoin and names a hash of its evidence. The
//!   entitlement's escrow freezes at once if it still holds money: no release, refund or held
//!   payout moves until the ruling, so an operator cannot collect what is disputed while the
//!   council deliberates. Once everything was paid out or refunded, a dispute is about
//!   compensation alone. One dispute per entitlement at a time (`AlreadyDisputed`).
//! - The home operator disputes `amount` of what it owes a visited operator under a roaming
//!   agreement for usage booked since the last netting, until that netting: the agreement
//!   takes no part in netting until the ruling (one dispute per agreement at a time).
//! - [`Pallet::rule`], by council motion:
//!   - `Refund { compensation }`: all the disputed money goes back to the subscriber (for an
//!     entitlement: what its escrow holds, and the entitlement ends; for a held settlement:
//!     its reserved money), and `compensation` in the native token is taken from the
//!     operator's bond for what was already paid out;
//!   - `Split { to_subscriber }`: that share in basis points of the disputed money goes back,
//!     the rest to the operator (less the protocol margin) — for an entitlement, which then
//!     ends, the money for its unused quota too;
//!   - for a roaming booking, `Refund` writes the disputed amount off the home operator's
//!     payable and `Split` that share of it (compensation as above, from the visited
//!     operator's bond to the home operator); the rest is netted as usual;
//!   - `Reallocate { plan, compensation }`, for an entitlement: another operator's comparable
//!     plan serves instead. The catalog moves the remaining quota, as far as the escrowed money
//!     buys it at that plan's price, and that money into a new entitlement of the subscriber
//!     (BandShare's virtual reallocation); the rest of the money goes back to the subscriber,
//!     and `compensation` is taken from the failing operator's bond (for a dearer plan, say);
//!   - `SwapDevices { claimant_device, respondent_device, meetup, compensation }`: a lent
//!     device failed, and the parties are to swap it for a working one at a meetup whose hash
//!     the ruling records (BandShare's hardware swap, through [`Config::Devices`]: both
//!     devices lock until both parties accept, and then change hands). The service goes on,
//!     so the money moves as on `Reject`, with any compensation from the respondent's bond;
//!   - `Reject`: the money moves as if no dispute had been filed, and the deposit goes to the
//!     treasury. Otherwise the deposit goes back to the filer.
//!
//! Every ruling's amounts are exact to the unit: shares are rounded down in the operator's
//! favour, as the escrow's margin is.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
pub mod migrations;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

/// A dispute as this runtime stores it.
pub type DisputeOf<T> = Dispute<
	<T as frame_system::Config>::AccountId,
	frame_system::pallet_prelude::BlockNumberFor<T>,
>;

/// The bond currency's balance.
pub type BondBalanceOf<T> = <<T as Config>::Bonds as gesim_primitives::BondSlash<
	<T as frame_system::Config>::AccountId,
>>::Balance;

/// What the benchmarks need from the runtime.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// A live entitlement with money held, and its holder funded for the deposit.
	fn entitlement() -> gesim_primitives::EntitlementId;
	/// A held settlement of a live entitlement in its challenge window: (telco, nonce).
	fn held_settlement() -> (AccountId, u64);
	/// Roaming usage booked under an agreement in force and not netted yet:
	/// (agreement, visited operator, home operator funded for the deposit).
	fn roaming_booking() -> (gesim_primitives::AgreementId, AccountId, AccountId);
	/// A plan on sale by another operator than `entitlement`'s, cheaper per byte, so that a
	/// reallocation to it also refunds.
	fn comparable_plan(entitlement: gesim_primitives::EntitlementId) -> gesim_primitives::PlanId;
	/// A registered device held by each of `claimant` and `respondent`, in that order.
	fn devices(
		claimant: &AccountId,
		respondent: &AccountId,
	) -> (gesim_primitives::DeviceId, gesim_primitives::DeviceId);
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{self, Mutate},
			tokens::Preservation,
		},
		PalletId,
	};
	use frame_system::pallet_prelude::*;
	use gesim_primitives::{
		traits::pro_rata, BondSlash, DeviceSwaps, EntitlementLedger, EscrowLedger,
		HeldSettlementLedger, ProtocolParameters, RoamingDisputeLedger, StablecoinAmount,
		BPS_DENOMINATOR,
	};
	use sp_core::H256;
	use sp_runtime::traits::{AccountIdConversion, Saturating, Zero};

	/// 1: disputes on roaming bookings; a dispute names its claimant, its respondent and what
	/// it froze.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The entitlements disputed, and how a ruling ends one.
		type Entitlements: EntitlementLedger<Self::AccountId, BlockNumberFor<Self>>;
		/// Freezes and thaws the disputed money.
		type Escrow: EscrowLedger<Self::AccountId, BlockNumberFor<Self>>;
		/// Settlements waiting for their challenge window, and how a ruling ends one.
		type HeldSettlements: HeldSettlementLedger<Self::AccountId, BlockNumberFor<Self>>;
		/// Roaming bookings not netted yet, and how a dispute holds and a ruling writes one down.
		type Roaming: RoamingDisputeLedger<Self::AccountId>;
		/// Lent devices, which a ruling may have the parties swap.
		type Devices: DeviceSwaps<Self::AccountId>;
		/// Operators' bonds, which pay a ruling's compensation.
		type Bonds: BondSlash<
			Self::AccountId,
			Balance: Parameter + MaxEncodedLen + Zero + sp_runtime::traits::One,
		>;
		/// The stablecoin deposits are paid in.
		type Stablecoin: fungible::Mutate<Self::AccountId, Balance = StablecoinAmount>;
		/// What filing a dispute puts down, back unless the dispute is rejected.
		#[pallet::constant]
		type DisputeDeposit: Get<StablecoinAmount>;
		/// Derives the account deposits are kept in.
		#[pallet::constant]
		type PalletId: Get<PalletId>;
		/// Receives the deposits of rejected disputes.
		type Treasury: Get<Self::AccountId>;
		/// The council majority that rules.
		type CouncilOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// The protocol parameters: the dispute window.
		type Parameters: ProtocolParameters<BlockNumberFor<Self>>;
		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
		/// Sets up disputable entitlements and settlements for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// The number the next dispute gets.
	#[pallet::storage]
	pub type NextDisputeId<T> = StorageValue<_, DisputeId, ValueQuery>;

	/// Open disputes.
	#[pallet::storage]
	pub type OpenDisputes<T: Config> = StorageMap<_, Twox64Concat, DisputeId, DisputeOf<T>>;

	/// The open dispute of each disputed entitlement: one at a time.
	#[pallet::storage]
	pub type DisputedEntitlements<T: Config> =
		StorageMap<_, Twox64Concat, gesim_primitives::EntitlementId, DisputeId>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `filer` disputed `subject`, with evidence hashed to `evidence`.
		DisputeFiled {
			dispute: DisputeId,
			filer: T::AccountId,
			subject: DisputeSubject<T::AccountId>,
			entitlement: Option<gesim_primitives::EntitlementId>,
			evidence: H256,
		},
		/// The council ruled: `refunded` went back to the subscriber, `released` to the
		/// operator (margin included), the compensation from its bond to the subscriber, the
		/// service moved to entitlement `reallocated_to` if the ruling reallocated it, and the
		/// parties are to swap devices under `swap` if it proposed one.
		DisputeRuled {
			dispute: DisputeId,
			ruling: Ruling<BondBalanceOf<T>>,
			refunded: StablecoinAmount,
			released: StablecoinAmount,
			reallocated_to: Option<gesim_primitives::EntitlementId>,
			swap: Option<gesim_primitives::SwapId>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No entitlement has this id.
		UnknownEntitlement,
		/// No held settlement of this operator has this nonce (never held, or paid already).
		UnknownHeldSettlement,
		/// Only the holder or the serving operator disputes an entitlement, only the holder a
		/// held settlement, and only the home operator a roaming booking.
		NotAParty,
		/// The entitlement ended more than the dispute window ago.
		DisputeWindowClosed,
		/// The held settlement's challenge window has ended: it is the operator's.
		ChallengeWindowClosed,
		/// No open dispute has this number.
		UnknownDispute,
		/// A split gives the subscriber more than 10 000 basis points.
		InvalidSplit,
		/// Every dispute number has been used.
		NoDisputeIdLeft,
		/// The entitlement has an open dispute already.
		AlreadyDisputed,
		/// Only an entitlement's dispute can reallocate it.
		NotAnEntitlementDispute,
		/// No roaming agreement has this id, or the visited operator is not a party to it.
		UnknownBooking,
		/// The amount disputed is zero, or more than is booked and not netted yet.
		AmountNotBooked,
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Dispute `subject`, naming a hash of the evidence; freezes the money concerned and
		/// puts down the deposit.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::file_dispute().max(T::WeightInfo::file_roaming_dispute()))]
		pub fn file_dispute(
			origin: OriginFor<T>,
			subject: DisputeSubject<T::AccountId>,
			evidence: H256,
		) -> DispatchResult {
			let filer = ensure_signed(origin)?;
			Self::do_file(filer, subject, evidence)
		}

		/// End dispute `dispute` by `ruling`. Council only.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::rule_entitlement()
			.max(T::WeightInfo::rule_held_settlement())
			.max(T::WeightInfo::rule_reallocation())
			.max(T::WeightInfo::rule_roaming_booking())
			.max(T::WeightInfo::rule_swap()))]
		pub fn rule(
			origin: OriginFor<T>,
			dispute: DisputeId,
			ruling: Ruling<BondBalanceOf<T>>,
		) -> DispatchResult {
			T::CouncilOrigin::ensure_origin(origin)?;
			Self::do_rule(dispute, ruling)
		}
	}

	impl<T: Config> Pallet<T> {
		/// The account deposits are kept in.
		pub fn account_id() -> T::AccountId {
			T::PalletId::get().into_account_truncating()
		}

		fn do_file(
			filer: T::AccountId,
			subject: DisputeSubject<T::AccountId>,
			evidence: H256,
		) -> DispatchResult {
			let now = frame_system::Pallet::<T>::block_number();
			let (entitlement, claimant, respondent, frozen) = Self::parties(&filer, &subject, now)?;
			let dispute = NextDisputeId::<T>::get();
			let next = dispute.checked_add(1).ok_or(Error::<T>::NoDisputeIdLeft)?;
			if let Some(entitlement) = entitlement {
				ensure!(
					!DisputedEntitlements::<T>::contains_key(entitlement),
					Error::<T>::AlreadyDisputed
				);
				DisputedEntitlements::<T>::insert(entitlement, dispute);
			}
			match frozen {
				Some(Frozen::Intent(intent)) => T::Escrow::freeze(intent)?,
				Some(Frozen::Agreement(agreement)) => T::Roaming::freeze(agreement)?,
				None => {},
			}
			let deposit = T::DisputeDeposit::get();
			T::Stablecoin::transfer(&filer, &Self::account_id(), deposit, Preservation::Preserve)?;
			OpenDisputes::<T>::insert(
				dispute,
				Dispute {
					filer: filer.clone(),
					subject: subject.clone(),
					entitlement,
					claimant,
					respondent,
					frozen,
					evidence,
					deposit,
					filed_at: now,
				},
			);
			NextDisputeId::<T>::put(next);
			Self::deposit_event(Event::DisputeFiled {
				dispute,
				filer,
				subject,
				entitlement,
				evidence,
			});
			Ok(())
		}

		/// Checks that `filer` may dispute `subject` now; returns the entitlement concerned,
		/// the claimant, the respondent and what to freeze.
		#[allow(clippy::type_complexity)]
		fn parties(
			filer: &T::AccountId,
			subject: &DisputeSubject<T::AccountId>,
			now: BlockNumberFor<T>,
		) -> Result<
			(Option<gesim_primitives::EntitlementId>, T::AccountId, T::AccountId, Option<Frozen>),
			DispatchError,
		> {
			let entitlement = match subject {
				DisputeSubject::Entitlement(id) => *id,
				DisputeSubject::HeldSettlement { telco, nonce } => {
					let held = T::HeldSettlements::held_settlement(telco, *nonce)
						.ok_or(Error::<T>::UnknownHeldSettlement)?;
					ensure!(now < held.releases_at, Error::<T>::ChallengeWindowClosed);
					held.entitlement
				},
				DisputeSubject::RoamingBooking { agreement, visited, amount } => {
					let (home, booked) = T::Roaming::booked(*agreement, visited)
						.ok_or(Error::<T>::UnknownBooking)?;
					ensure!(*filer == home, Error::<T>::NotAParty);
					ensure!(*amount > 0 && *amount <= booked, Error::<T>::AmountNotBooked);
					return Ok((None, home, visited.clone(), Some(Frozen::Agreement(*agreement))));
				},
			};
			let view =
				T::Entitlements::entitlement(entitlement).ok_or(Error::<T>::UnknownEntitlement)?;
			if let DisputeSubject::Entitlement(_) = subject {
				ensure!(*filer == view.holder || *filer == view.telco, Error::<T>::NotAParty);
				let closes = view.expires_at.saturating_add(T::Parameters::dispute_window());
				ensure!(now <= closes, Error::<T>::DisputeWindowClosed);
			} else {
				ensure!(*filer == view.holder, Error::<T>::NotAParty);
			}
			let frozen = T::Escrow::held(view.intent)
				.is_some_and(|held| held > 0)
				.then_some(Frozen::Intent(view.intent));
			Ok((Some(entitlement), view.holder, view.telco, frozen))
		}

		fn do_rule(dispute: DisputeId, ruling: Ruling<BondBalanceOf<T>>) -> DispatchResult {
			let record = OpenDisputes::<T>::take(dispute).ok_or(Error::<T>::UnknownDispute)?;
			let (to_subscriber, compensation) = match &ruling {
				Ruling::Refund { compensation } => (BPS_DENOMINATOR, Some(compensation)),
				Ruling::Split { to_subscriber } => {
					ensure!(*to_subscriber <= BPS_DENOMINATOR, Error::<T>::InvalidSplit);
					(*to_subscriber, None)
				},
				Ruling::Reallocate { compensation, .. } => (BPS_DENOMINATOR, Some(compensation)),
				Ruling::SwapDevices { compensation, .. } => (0, Some(compensation)),
				Ruling::Reject => (0, None),
			};
			if let Some(entitlement) = record.entitlement {
				DisputedEntitlements::<T>::remove(entitlement);
			}
			match record.frozen {
				Some(Frozen::Intent(intent)) => T::Escrow::thaw(intent)?,
				Some(Frozen::Agreement(agreement)) => T::Roaming::thaw(agreement)?,
				None => {},
			}
			let (mut reallocated_to, mut swap) = (None, None);
			let (refunded, released) = match (&ruling, &record.subject) {
				(Ruling::Reject, _) => (0, 0),
				(Ruling::SwapDevices { claimant_device, respondent_device, meetup, .. }, _) => {
					swap = Some(T::Devices::propose_swap(
						(&record.claimant, *claimant_device),
						(&record.respondent, *respondent_device),
						*meetup,
					)?);
					(0, 0)
				},
				(Ruling::Reallocate { plan, .. }, DisputeSubject::Entitlement(id)) => {
					let reallocation = T::Entitlements::reallocate(*id, *plan)?;
					reallocated_to = Some(reallocation.to);
					(reallocation.refunded, 0)
				},
				(Ruling::Reallocate { .. }, _) => {
					return Err(Error::<T>::NotAnEntitlementDispute.into())
				},
				// Closed since: its escrow was empty when filed, so only compensation is left.
				(_, DisputeSubject::Entitlement(id))
					if T::Entitlements::entitlement(*id).is_none() =>
				{
					(0, 0)
				},
				(_, DisputeSubject::Entitlement(id)) => {
					let (refunded, release) = T::Entitlements::end_by_ruling(*id, to_subscriber)?;
					(refunded, release.total())
				},
				(_, DisputeSubject::HeldSettlement { telco, nonce }) => {
					let held = T::HeldSettlements::held_settlement(telco, *nonce)
						.ok_or(Error::<T>::UnknownHeldSettlement)?;
					let refunded =
						pro_rata(held.amount, to_subscriber.into(), BPS_DENOMINATOR.into());
					let release = T::HeldSettlements::resolve(telco, *nonce, refunded)?;
					(refunded, release.total())
				},
				// What is not written down stays booked and is netted as usual.
				(_, DisputeSubject::RoamingBooking { agreement, visited, amount }) => {
					let written_down =
						pro_rata(*amount, to_subscriber.into(), BPS_DENOMINATOR.into());
					if written_down > 0 {
						T::Roaming::write_down(*agreement, visited, written_down)?;
					}
					(written_down, 0)
				},
			};
			if let Some(compensation) = compensation.filter(|c| !c.is_zero()) {
				T::Bonds::slash_to(&record.respondent, compensation.clone(), &record.claimant)?;
			}
			let deposit_to = match ruling {
				Ruling::Reject => T::Treasury::get(),
				_ => record.filer.clone(),
			};
			T::Stablecoin::transfer(
				&Self::account_id(),
				&deposit_to,
				record.deposit,
				Preservation::Expendable,
			)?;
			Self::deposit_event(Event::DisputeRuled {
				dispute,
				ruling,
				refunded,
				released,
				reallocated_to,
				swap,
			});
			Ok(())
		}
	}
}
