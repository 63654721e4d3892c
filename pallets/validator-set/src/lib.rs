//! # Validator set
//!
//! Which operators validate. The council seats an admitted, active operator as a validator by
//! motion (`add_validator`) and unseats it (`remove_validator`); an operator that stops being
//! active — suspended by the council, suspended by a slash that left its bond short, or retired —
//! loses its seat at the next session on its own. The set never shrinks below `MinValidators`
//! (governed): a removal that would is refused, and a session that would keeps the set as it was
//! and says so (`SetKeptAtMinimum`).
//!
//! ## Sessions
//!
//! A session lasts `SessionLength` blocks (governed). At each session change pallet-session asks
//! this pallet for the next set ([`pallet_session::SessionManager`]); the set it plans takes
//! effect one session later, when Aura and GRANDPA receive the queued keys. Only a changed set
//! is handed over, so GRANDPA's authority set (and its id) changes only when the validators do.
//! An operator sets its own session keys (`author_rotateKeys` on its node, then
//! `session.setKeys`), which it may do once admitted ([`ActiveOperator`]), and must have done
//! before the council can seat it.
//!
//! ## Offences
//!
//! Equivocations reported against validators arrive here through
//! [`sp_staking::offence::ReportOffence`], each checked against the session keys of the session
//! it happened in: GRANDPA's, which the node's voter reports itself, and Aura's, which anyone
//! holding the two headers reports with `report_aura_equivocation` ([`aura`]). Each offender is
//! recorded once per offence kind and time slot (`Offences`), announced (`OffenceReported`),
//! and left for the council to act on (suspend, slash). A report never unseats anyone by
//! itself, so the chain keeps finalising with the offender until the council decides. Records
//! are kept for `OffenceHistory` sessions, at most `MaxOffencesPerSession` per session.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub mod aura;
#[cfg(feature = "runtime-benchmarks")]
pub mod benchmarking;
mod offences;
pub mod runtime_api;
mod sessions;
#[cfg(test)]
mod tests;
pub mod weights;

pub use aura::{aura_sealed, AuraEquivocation, AuraEquivocationProof};
pub use pallet::*;
pub use sessions::ActiveOperator;
pub use weights::WeightInfo;

/// Why an operator left the validator set.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	codec::Encode,
	codec::Decode,
	codec::DecodeWithMemTracking,
	codec::MaxEncodedLen,
	scale_info::TypeInfo,
	Debug,
)]
pub enum Unseated {
	/// The council removed it.
	ByCouncil,
	/// It is no longer an active operator (suspended or retired).
	NoLongerActive,
}

/// An offence the council should see.
#[derive(
	Clone,
	PartialEq,
	Eq,
	codec::Encode,
	codec::Decode,
	codec::MaxEncodedLen,
	scale_info::TypeInfo,
	Debug,
)]
pub struct OffenceRecord<AccountId> {
	/// The offence's kind, as its reporting system names it (`b"grandpa:equivoca"`).
	pub kind: sp_staking::offence::Kind,
	/// The validator that committed it.
	pub offender: AccountId,
	/// The session it happened in.
	pub session: sp_staking::SessionIndex,
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::{boxed::Box, vec::Vec};
	use frame_support::{
		pallet_prelude::*,
		traits::{Contains, KeyOwnerProofSystem},
	};
	use frame_system::pallet_prelude::*;
	use gesim_primitives::TelcoInspect;
	use sp_consensus_slots::Slot;
	use sp_runtime::{KeyTypeId, RuntimeAppPublic};
	use sp_session::{GetSessionNumber, GetValidatorCount};
	use sp_staking::SessionIndex;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// Which accounts are admitted, active operators.
		type Operators: TelcoInspect<Self::AccountId>;
		/// Whether an account has set session keys (pallet-session's `NextKeys`): a validator
		/// without keys could not take its seat.
		type HasSessionKeys: Contains<Self::AccountId>;
		/// The council majority that seats and unseats validators and sets the parameters.
		type CouncilOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// Most validators at once (the consensus pallets' `MaxAuthorities`).
		#[pallet::constant]
		type MaxValidators: Get<u32>;
		/// Shortest session the council may set, in blocks.
		#[pallet::constant]
		type MinSessionLength: Get<BlockNumberFor<Self>>;
		/// Most offences recorded per session; further reports in that session are refused.
		#[pallet::constant]
		type MaxOffencesPerSession: Get<u32>;
		/// Sessions an offence record is kept for.
		#[pallet::constant]
		type OffenceHistory: Get<SessionIndex>;
		/// Aura's authority key: what seals blocks.
		type AuraId: Member + Parameter + RuntimeAppPublic;
		/// A proof that a session key was a validator's in a session (pallet-session's
		/// `historical::MembershipProof`).
		type KeyOwnerProof: Parameter + GetSessionNumber + GetValidatorCount;
		/// Checks those proofs against pallet-session's history; a validator is identified by
		/// its account alone (its stake is the operator's bond, held by the registry).
		type KeyOwnership: KeyOwnerProofSystem<
			(KeyTypeId, Self::AuraId),
			Proof = Self::KeyOwnerProof,
			IdentificationTuple = (Self::AccountId, ()),
		>;
		/// Aura's current slot.
		type CurrentSlot: Get<Slot>;
		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
		/// Makes operators with session keys, and an Aura equivocation, for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: benchmarking::BenchmarkHelper<Self>;
	}

	/// The validators: operators the council seated, in the order it seated them.
	#[pallet::storage]
	pub type Validators<T: Config> =
		StorageValue<_, BoundedVec<T::AccountId, T::MaxValidators>, ValueQuery>;

	/// The set last handed to pallet-session, to hand over only a changed one.
	#[pallet::storage]
	pub type Planned<T: Config> =
		StorageValue<_, BoundedVec<T::AccountId, T::MaxValidators>, ValueQuery>;

	/// The fewest validators the set may have.
	#[pallet::storage]
	pub type MinValidators<T: Config> = StorageValue<_, u32, ValueQuery>;

	/// Blocks per session.
	#[pallet::storage]
	pub type SessionLength<T: Config> = StorageValue<_, BlockNumberFor<T>, ValueQuery>;

	/// The block the current session started at.
	#[pallet::storage]
	pub type SessionStart<T: Config> = StorageValue<_, BlockNumberFor<T>, ValueQuery>;

	/// Offences reported, by BLAKE2-256 of (kind, time slot, offender).
	#[pallet::storage]
	pub type Offences<T: Config> = StorageMap<_, Identity, [u8; 32], OffenceRecord<T::AccountId>>;

	/// The keys of the offences recorded in each session, to forget them after
	/// `OffenceHistory` sessions.
	#[pallet::storage]
	pub type OffencesInSession<T: Config> = StorageMap<
		_,
		Twox64Concat,
		SessionIndex,
		BoundedVec<[u8; 32], T::MaxOffencesPerSession>,
		ValueQuery,
	>;

	/// The slot each session began at, for the sessions whose offences are kept.
	#[pallet::storage]
	pub type SessionSlots<T: Config> = StorageMap<_, Twox64Concat, SessionIndex, Slot>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// The council seated `telco`; it validates from the session after next.
		ValidatorAdded { telco: T::AccountId },
		/// `telco` lost its seat; it stops validating one session after the next change.
		ValidatorRemoved { telco: T::AccountId, reason: Unseated },
		/// The set for session `session` was handed to pallet-session.
		NewSetPlanned { session: SessionIndex, validators: Vec<T::AccountId> },
		/// `inactive` are no longer active operators, but unseating them would leave fewer than
		/// `MinValidators`: the set stays as it was until the council acts.
		SetKeptAtMinimum { session: SessionIndex, inactive: Vec<T::AccountId> },
		/// An offence of `kind` by `offender` in `session` was reported and recorded.
		OffenceReported {
			kind: sp_staking::offence::Kind,
			offender: T::AccountId,
			session: SessionIndex,
		},
		/// The council set the fewest validators to `min`.
		MinValidatorsSet { min: u32 },
		/// The council set the session length to `blocks`; the current session ends `blocks`
		/// after it began (at the next block if that is past).
		SessionLengthSet { blocks: BlockNumberFor<T> },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account is not an admitted, active operator.
		NotAnActiveOperator,
		/// The operator has not set its session keys (`session.setKeys`).
		NoSessionKeys,
		/// The operator already has a seat.
		AlreadyValidator,
		/// The account has no seat.
		NotAValidator,
		/// The set is full (`MaxValidators`).
		TooManyValidators,
		/// The set would have fewer than `MinValidators`.
		TooFewValidators,
		/// The minimum must be at least one and at most `MaxValidators`.
		InvalidMinimum,
		/// The session would be shorter than `MinSessionLength`.
		SessionTooShort,
		/// The headers are not two different headers both sealed for the slot by the offender.
		InvalidEquivocationProof,
		/// The key ownership proof does not show the key was a validator's in its session.
		InvalidKeyOwnershipProof,
		/// The slot is not in the session of the key ownership proof, or that session's
		/// offences are no longer kept, or the slot has not come yet.
		SlotOutsideSession,
		/// This offence is recorded already.
		DuplicateOffenceReport,
		/// The session already holds `MaxOffencesPerSession` offences.
		TooManyOffences,
	}

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The validators of the first sessions; pallet-session's genesis must give their keys.
		pub validators: Vec<T::AccountId>,
		/// The fewest validators the set may have.
		pub min_validators: u32,
		/// Blocks per session (at least `MinSessionLength`).
		pub session_length: BlockNumberFor<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			let validators: BoundedVec<_, T::MaxValidators> = self
				.validators
				.clone()
				.try_into()
				.expect("validator-set genesis: more validators than MaxValidators");
			assert!(
				self.min_validators as usize <= validators.len()
					&& (self.min_validators >= 1 || validators.is_empty()),
				"validator-set genesis: the minimum must be between 1 and the number of validators"
			);
			let length = self.session_length.max(T::MinSessionLength::get());
			Validators::<T>::put(&validators);
			Planned::<T>::put(validators);
			MinValidators::<T>::put(self.min_validators);
			SessionLength::<T>::put(length);
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Seat `telco`, an active operator that has set its session keys, as a validator. It
		/// validates from the session after next.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::add_validator())]
		pub fn add_validator(origin: OriginFor<T>, telco: T::AccountId) -> DispatchResult {
			T::CouncilOrigin::ensure_origin(origin)?;
			ensure!(T::Operators::is_active(&telco), Error::<T>::NotAnActiveOperator);
			ensure!(T::HasSessionKeys::contains(&telco), Error::<T>::NoSessionKeys);
			Validators::<T>::try_mutate(|validators| {
				ensure!(!validators.contains(&telco), Error::<T>::AlreadyValidator);
				validators.try_push(telco.clone()).map_err(|_| Error::<T>::TooManyValidators)
			})?;
			Self::deposit_event(Event::ValidatorAdded { telco });
			Ok(())
		}

		/// Unseat `telco`. Refused if the set would fall below `MinValidators`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::remove_validator())]
		pub fn remove_validator(origin: OriginFor<T>, telco: T::AccountId) -> DispatchResult {
			T::CouncilOrigin::ensure_origin(origin)?;
			Validators::<T>::try_mutate(|validators| {
				let at =
					validators.iter().position(|v| *v == telco).ok_or(Error::<T>::NotAValidator)?;
				ensure!(
					validators.len() > MinValidators::<T>::get() as usize,
					Error::<T>::TooFewValidators
				);
				validators.remove(at);
				Ok::<_, Error<T>>(())
			})?;
			Self::deposit_event(Event::ValidatorRemoved { telco, reason: Unseated::ByCouncil });
			Ok(())
		}

		/// Set the fewest validators the set may have: at least one, at most `MaxValidators`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::set_min_validators())]
		pub fn set_min_validators(origin: OriginFor<T>, min: u32) -> DispatchResult {
			T::CouncilOrigin::ensure_origin(origin)?;
			ensure!(min >= 1 && min <= T::MaxValidators::get(), Error::<T>::InvalidMinimum);
			MinValidators::<T>::put(min);
			Self::deposit_event(Event::MinValidatorsSet { min });
			Ok(())
		}

		/// Set the session length: at least `MinSessionLength`. The current session ends `blocks`
		/// after it began, or at the next block if that is past.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::set_session_length())]
		pub fn set_session_length(
			origin: OriginFor<T>,
			blocks: BlockNumberFor<T>,
		) -> DispatchResult {
			T::CouncilOrigin::ensure_origin(origin)?;
			ensure!(blocks >= T::MinSessionLength::get(), Error::<T>::SessionTooShort);
			SessionLength::<T>::put(blocks);
			Self::deposit_event(Event::SessionLengthSet { blocks });
			Ok(())
		}

		/// Report `equivocation_proof`'s offender for sealing two headers in one slot, with the
		/// proof that its Aura key was a validator's in that slot's session. Recorded as an
		/// offence for the council; free when valid, paid for when refused.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::report_aura_equivocation())]
		pub fn report_aura_equivocation(
			origin: OriginFor<T>,
			equivocation_proof: Box<AuraEquivocationProof<T>>,
			key_owner_proof: T::KeyOwnerProof,
		) -> DispatchResultWithPostInfo {
			let reporter = ensure_signed(origin)?;
			Self::do_report_aura_equivocation(reporter, *equivocation_proof, key_owner_proof)?;
			Ok(Pays::No.into())
		}
	}
}
