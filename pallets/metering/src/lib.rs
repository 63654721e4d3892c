//! # Metering
//!
//! Money moves to an operator only against a Groth16 proof of usage, verified here, in the
//! runtime.
//!
//! 1. The council registers a verifying key per circuit and version ([`Pallet::register_key`]).
//!    It is validated once (every point on the curve and in its subgroup, no identity, the
//!    circuit's number of public inputs) and stored with e(α, β) precomputed, uncompressed.
//!    A retired key verifies nothing more.
//! 2. The serving operator anchors a usage commitment ([`Pallet::anchor_usage`]): the Poseidon
//!    root of a batch of usage records, for an entitlement it serves or a roaming agreement it
//!    is party to, with the period the usage covers and a nonce of its choosing.
//! 3. It then proves that the committed records sum to N bytes ([`Pallet::settle_usage`]).
//!    The pallet rebuilds every public input itself from chain state — the anchored root, the
//!    nonce, and the binding hash of operator, subject and chain — so a proof can be spent only
//!    for what it was made for. On success the nonce is consumed, and
//!    - for an entitlement: the quota shrinks by N (capped at what remains, by rule: usage
//!      beyond the quota is the operator's to bear) and escrow releases the share of the held
//!      money that follows the share of the remaining quota used — N × the plan's rate for a
//!      fresh entitlement — minus the protocol margin;
//!    - for a roaming agreement: N bytes are booked as a payable from the home operator to the
//!      proving (visited) one, settled by the roaming pallet's netting.
//!
//!    Records reach operators late: an entitlement's usage may still be anchored and proved
//!    after its validity ended (at its expiry, or early by a plan switch) until its escrow's
//!    settlement deadline — the expiry plus the grace fixed at purchase — and never after it,
//!    whether or not the refund has run.
//!
//! Subscribers keep operators honest about entitlements' usage by acknowledging it: the
//! holder's device posts the bytes it counted for the entitlement in all
//! ([`Pallet::acknowledge_usage`], signed by the holder's account on the device, fee
//! sponsored). A settlement pays at once for the bytes up to the latest acknowledgement plus
//! the council's `AcknowledgementTolerance` (basis points of the entitlement's quota, for
//! counters that lag). The money for bytes beyond that is reserved in escrow as a
//! [`HeldSettlement`] for the council's `ChallengeWindow`, during which the subscriber can
//! dispute it. [`Pallet::release_held`] (anyone may call it) pays it once the window ends,
//! or earlier if a later acknowledgement covers it. The quota is taken at settlement either
//! way, and the held money follows the quota it was taken with.
//!
//! An operator with many claims under one key settles up to `MaxSettlementBatch` of them in
//! one extrinsic ([`Pallet::settle_usage_batch`]): their proofs are checked together, with one
//! random linear combination whose coefficients the chain derives from every proof, every
//! public input and the parent block's hash, so the submitter cannot choose them. Each claim
//! still gets its own verdict: when the combination fails, each proof is checked alone, the
//! false ones are refused by name ([`Event::ClaimRefused`]) and the others paid. The call is
//! charged for that worst case and refunded down to the combined check when it holds.
//!
//! Every rejection is a named error and moves nothing. A settlement that fails still pays its
//! full weight, so sending bad proofs costs the sender; only a settled one is refunded down to
//! the weight of its actual circuit and subject.
//!
//! Replay: each operator's nonces only go up, and the chain deduplicates on them, never on
//! proof bytes (anyone can re-randomise a Groth16 proof into new, valid bytes). A nonce below
//! the next one the operator may anchor ([`NextNonce`]) and no longer waiting for its proof is
//! consumed for good, so replay protection costs one number per operator, not one entry per
//! settled batch.
//!
//! The same key registry serves the EID-possession circuit: this pallet implements
//! [`gesim_primitives::EidPossessionVerifier`], with which the identity pallet checks the proof
//! that comes with binding an EID commitment (public inputs: the commitment and the binding
//! account, so a proof is worth nothing to another account).

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod features;
#[cfg(any(test, feature = "runtime-benchmarks"))]
pub mod fixtures;
pub mod migrations;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

/// What a caller of `register_key` names a key with and passes it as.
pub use gesim_zk_verifier::{CircuitId, VerifyingKeyBytes};
pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

/// What the benchmarks need from the runtime: an operator, an entitlement and a roaming
/// agreement it may invoice, and the chain's time.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Makes `telco` an active operator running `networks`.
	fn activate_telco(telco: &AccountId, networks: &[gesim_primitives::Plmn]);
	/// Sets the chain's time to `unix_secs`.
	fn set_time(unix_secs: u64);
	/// A fresh entitlement served by `telco`, with `quota` bytes bought for `price`.
	fn entitlement(
		telco: &AccountId,
		quota: gesim_primitives::Bytes,
		price: gesim_primitives::StablecoinAmount,
	) -> gesim_primitives::EntitlementId;
	/// A roaming agreement in force between `visited` and another operator.
	fn roaming_agreement(visited: &AccountId) -> gesim_primitives::AgreementId;
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;
	use gesim_primitives::{
		Bytes, EntitlementId, EntitlementLedger, EscrowLedger, ProtocolParameters, RoamingLedger,
		StablecoinAmount, TelcoInspect, UsageSubject,
	};
	use gesim_zk_verifier::{UsageClaim, VerifyingKeyBytes};
	use sp_runtime::{AccountId32, DispatchError};

	/// 1: commitments carry their networks and the clock before them; the superseded usage
	/// circuits' keys are retired. 2: waiting commitments are counted per subject
	/// ([`crate::migrations`]).
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(2);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Accounts are 32 bytes: the binding hash a proof is bound to is defined over them.
	#[pallet::config]
	pub trait Config: frame_system::Config<AccountId = AccountId32> {
		/// Which accounts are admitted operators in good standing.
		type Telcos: TelcoInspect<Self::AccountId>;

		/// The entitlements usage is invoiced to.
		type Entitlements: EntitlementLedger<Self::AccountId, BlockNumberFor<Self>>;

		/// Holds what entitlements were paid with; releases it against proved usage.
		type Escrow: EscrowLedger<Self::AccountId, BlockNumberFor<Self>>;

		/// Roaming agreements, and where proved roaming usage is booked.
		type Roaming: RoamingLedger<Self::AccountId, BlockNumberFor<Self>>;

		/// The council majority that registers and retires verifying keys.
		type CouncilOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Commitments one operator may have waiting for their proofs.
		#[pallet::constant]
		type MaxPendingCommitments: Get<u32>;

		/// Held settlements one operator may have waiting for their challenge window.
		#[pallet::constant]
		type MaxHeldSettlements: Get<u32>;

		/// Claims one `settle_usage_batch` may carry.
		#[pallet::constant]
		type MaxSettlementBatch: Get<u32>;

		/// The protocol parameters: the acknowledgement tolerance and the challenge window are
		/// read at each settlement.
		type Parameters: ProtocolParameters<BlockNumberFor<Self>>;

		/// Where Groth16 proofs are checked: in the runtime itself
		/// ([`gesim_zk_verifier::InRuntime`], wasm) or on the node through a host function
		/// (`gesim_zk_host::OnHost`). Both accept and refuse exactly the same proofs.
		type Verifier: gesim_zk_verifier::Groth16Verifier;

		/// The chain's clock: no anchored period may end after now.
		type UnixTime: frame_support::traits::UnixTime;

		/// The shortest time between two blocks' slots, in milliseconds: it bounds when a past
		/// block was built, and with it when an entitlement's validity ended.
		#[pallet::constant]
		type SlotDuration: Get<u64>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;

		/// Sets up operators, entitlements and agreements for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// Verifying keys by circuit and version.
	#[pallet::storage]
	pub type VerifyingKeys<T> = StorageDoubleMap<
		_,
		Twox64Concat,
		gesim_zk_verifier::CircuitId,
		Twox64Concat,
		KeyVersion,
		RegisteredKey,
	>;

	/// Commitments waiting for their proofs, by operator and nonce.
	#[pallet::storage]
	pub type PendingUsage<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Twox64Concat,
		u64,
		UsageCommitment<BlockNumberFor<T>>,
	>;

	/// How many commitments each operator has waiting.
	#[pallet::storage]
	pub type PendingCount<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// The lowest nonce each operator may anchor next: nonces only go up, so every nonce
	/// below it that is not waiting for its proof is consumed — settled, or discarded — for
	/// good. One number per operator, however many batches it settles.
	#[pallet::storage]
	pub type NextNonce<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, u64, ValueQuery>;

	/// Per operator and subject, the earliest second a newly anchored period may start: the
	/// start of the subject's validity (the chain's time when the entitlement was issued or
	/// the agreement came into force, told through [`gesim_primitives::OnUsageStart`]), then
	/// one past the end of the last period the operator anchored for it. An operator's periods
	/// of one subject therefore never overlap and never reach before the subject existed, so
	/// no session can be billed twice. (Both parties to a roaming agreement bill it, each for
	/// the other's subscribers: two clocks.)
	#[pallet::storage]
	pub type UsageClock<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Blake2_128Concat,
		UsageSubject,
		u64,
		ValueQuery,
	>;

	/// Per operator and subject, how many of the operator's commitments of the subject wait for
	/// their proofs. With the usage clock it tells how far the subject's usage is settled
	/// ([`gesim_primitives::UsageClearance`]).
	#[pallet::storage]
	pub type PendingOfSubject<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Blake2_128Concat,
		UsageSubject,
		u32,
		ValueQuery,
	>;

	/// Per entitlement, the bytes billed to it and the bytes its holder acknowledged.
	#[pallet::storage]
	pub type EntitlementUsages<T> =
		StorageMap<_, Twox64Concat, EntitlementId, EntitlementUsage, ValueQuery>;

	/// Settlements whose payout waits for their challenge window, by operator and nonce.
	#[pallet::storage]
	pub type HeldSettlements<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Twox64Concat,
		u64,
		HeldSettlement<BlockNumberFor<T>>,
	>;

	/// How many held settlements each operator has waiting.
	#[pallet::storage]
	pub type HeldCount<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Verifying keys in force from genesis: circuit name (`usage-64`, `usage-256`,
		/// `usage-1024`, `eid`), version, and the key (`gesim_zk_verifier::VerifyingKey`
		/// encoding). Checked as a council registration would check them.
		pub verifying_keys:
			alloc::vec::Vec<(alloc::string::String, KeyVersion, alloc::vec::Vec<u8>)>,
		#[serde(skip)]
		/// Binds the configuration to the runtime.
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			for (name, version, vk) in &self.verifying_keys {
				let circuit = gesim_zk_verifier::CircuitId::ALL
					.into_iter()
					.find(|c| c.name() == name.as_str())
					.expect("a genesis verifying key names a GeSIM circuit");
				let vk = VerifyingKeyBytes::new(vk.clone())
					.expect("a genesis verifying key fits MAX_VK_BYTES");
				Pallet::<T>::do_register_key(KeyId { circuit, version: *version }, vk)
					.expect("a genesis verifying key is valid and registered once");
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// The council registered a verifying key.
		KeyRegistered { key: KeyId },
		/// The council retired a verifying key: it verifies nothing more.
		KeyRetired { key: KeyId },
		/// `telco` committed to a batch of usage of `subject`, to be proved under `nonce`.
		UsageAnchored {
			telco: T::AccountId,
			nonce: u64,
			subject: UsageSubject,
			key: KeyId,
			root: [u8; 32],
			period: UsagePeriod,
		},
		/// `telco` withdrew its unproved commitment under `nonce`.
		UsageDiscarded { telco: T::AccountId, nonce: u64 },
		/// A proof of `claimed_bytes` verified. `settled_bytes` were taken from the quota (less
		/// than claimed when the entitlement's quota ran out); `payout` went to `telco` and
		/// `margin` to the treasury at once — for roaming, `payout` is the payable booked for
		/// the next netting — and `held` stays reserved in escrow for the challenge window
		/// (`SettlementHeld`).
		UsageSettled {
			telco: T::AccountId,
			nonce: u64,
			subject: UsageSubject,
			claimed_bytes: Bytes,
			settled_bytes: Bytes,
			payout: StablecoinAmount,
			margin: StablecoinAmount,
			held: StablecoinAmount,
		},
		/// `telco`'s claim under `nonce` in a batch was refused for `error` and changed nothing;
		/// the batch's other claims stand.
		ClaimRefused { telco: T::AccountId, nonce: u64, error: DispatchError },
		/// `holder` acknowledged having used `total_bytes` of `entitlement` in all.
		UsageAcknowledged { entitlement: EntitlementId, holder: T::AccountId, total_bytes: Bytes },
		/// `bytes` of `telco`'s settlement under `nonce` went beyond what the subscriber
		/// acknowledged: `amount` stays reserved in escrow until `releases_at`, unless an
		/// acknowledgement covers it first.
		SettlementHeld {
			telco: T::AccountId,
			nonce: u64,
			entitlement: EntitlementId,
			bytes: Bytes,
			amount: StablecoinAmount,
			releases_at: BlockNumberFor<T>,
		},
		/// A dispute ruling ended the held settlement under `nonce`: `refunded` went back to
		/// the subscriber, `payout` to `telco` and `margin` to the treasury.
		HeldSettlementResolved {
			telco: T::AccountId,
			nonce: u64,
			entitlement: EntitlementId,
			refunded: StablecoinAmount,
			payout: StablecoinAmount,
			margin: StablecoinAmount,
		},
		/// The held settlement under `nonce` was paid: `payout` to `telco`, `margin` to the
		/// treasury.
		HeldSettlementReleased {
			telco: T::AccountId,
			nonce: u64,
			entitlement: EntitlementId,
			payout: StablecoinAmount,
			margin: StablecoinAmount,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// A key is already registered for this circuit and version.
		KeyAlreadyRegistered,
		/// No key is registered for this circuit and version.
		UnknownKey,
		/// The key was retired.
		KeyRetired,
		/// The key bytes do not decode.
		KeyMalformed,
		/// A key point is not on the curve.
		KeyPointOffCurve,
		/// A key point is not in the prime-order subgroup.
		KeyPointOutsideSubgroup,
		/// α, β, γ or δ is the identity: the key would accept forged proofs.
		KeyDegenerate,
		/// The key does not take the circuit's number of public inputs.
		KeyShapeMismatch,
		/// The key is not for a usage-sum circuit.
		NotAUsageCircuit,
		/// The caller is not an active operator.
		NotActiveTelco,
		/// The caller does not serve this entitlement.
		NotServingTelco,
		/// No entitlement has this id.
		UnknownEntitlement,
		/// The entitlement's settlement deadline (its expiry plus the settlement grace) has
		/// passed: what its escrow holds is the subscriber's.
		EntitlementExpired,
		/// The root is not a canonical field element (it is ≥ the field's modulus).
		NonCanonicalRoot,
		/// The period ends before it starts.
		InvalidPeriod,
		/// The period lasts 2^32 seconds or more.
		PeriodTooLong,
		/// The period ends after the current block's time.
		PeriodInFuture,
		/// The period starts before the operator's usage clock of the subject: before the end of
		/// a period already anchored for it, or before the subject's validity started.
		PeriodOverlaps,
		/// The period reaches past the end of the entitlement's validity.
		PeriodOutsideValidity,
		/// The key is of a superseded usage circuit, whose proofs do not bind the records to
		/// the subject, the period or the networks.
		CircuitSuperseded,
		/// The operator has no network registered that usage could have been served on.
		NoServingNetworks,
		/// The caller already has a commitment waiting under this nonce.
		NonceInUse,
		/// The nonce was used already: its usage was settled (or its commitment discarded), or
		/// it is below a nonce the caller anchored before. Nonces only go up.
		NonceConsumed,
		/// The largest nonce cannot be anchored: no nonce would be left after it.
		NonceExhausted,
		/// The caller has no commitment waiting under this nonce.
		UnknownCommitment,
		/// The caller has as many commitments waiting as it may.
		TooManyPendingCommitments,
		/// The proof bytes do not decode.
		ProofMalformed,
		/// A proof point is not on the curve.
		ProofPointOffCurve,
		/// A proof point is not in the prime-order subgroup.
		ProofPointOutsideSubgroup,
		/// The proof does not verify for the anchored root, the claimed total, the nonce and
		/// the caller's binding.
		ProofRejected,
		/// Booking the usage would overflow an amount.
		AmountOverflow,
		/// The caller does not hold this entitlement.
		NotHolder,
		/// An acknowledgement must count more bytes than the one before.
		AcknowledgementNotIncreasing,
		/// The operator has as many held settlements waiting as it may: release those whose
		/// challenge window has ended first.
		TooManyHeldSettlements,
		/// No held settlement of this operator has this nonce.
		UnknownHeldSettlement,
		/// The held settlement's challenge window has not ended and no acknowledgement covers
		/// it.
		ChallengeWindowOpen,
		/// A batch must carry at least one claim.
		EmptyBatch,
		/// The batch carries another claim under the same nonce before this one.
		DuplicateClaim,
		/// The commitment under this nonce was anchored under another key than the batch's.
		CommitmentUnderOtherKey,
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Register `vk` (encoded as `gesim_zk_verifier::VerifyingKey`) for `key`'s circuit and
		/// version, after checking every point. Council only.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_key())]
		pub fn register_key(
			origin: OriginFor<T>,
			key: KeyId,
			vk: VerifyingKeyBytes,
		) -> DispatchResult {
			T::CouncilOrigin::ensure_origin(origin)?;
			Self::do_register_key(key, vk)
		}

		/// Retire `key`: commitments waiting for proofs under it must be discarded and anchored
		/// again under a live key. Council only.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::retire_key())]
		pub fn retire_key(origin: OriginFor<T>, key: KeyId) -> DispatchResult {
			T::CouncilOrigin::ensure_origin(origin)?;
			Self::do_retire_key(key)
		}

		/// Commit to a batch of usage of `subject`: its Poseidon `root` under the usage circuit
		/// of `key`, the `period` it covers, and the `nonce` its proof will carry.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::anchor_usage())]
		pub fn anchor_usage(
			origin: OriginFor<T>,
			subject: UsageSubject,
			key: KeyId,
			root: [u8; 32],
			period: UsagePeriod,
			nonce: u64,
		) -> DispatchResult {
			let telco = ensure_signed(origin)?;
			Self::do_anchor_usage(telco, subject, key, root, period, nonce)
		}

		/// Withdraw an unproved commitment (a wrong root, a retired key). Its nonce is consumed:
		/// anchor the batch again under a new one.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::discard_usage())]
		pub fn discard_usage(origin: OriginFor<T>, nonce: u64) -> DispatchResult {
			let telco = ensure_signed(origin)?;
			Self::do_discard_usage(telco, nonce)
		}

		/// Prove that the batch committed under `claim.nonce` sums to `claim.total_bytes`, and be
		/// paid for it. Pays the full weight when it fails.
		#[pallet::call_index(4)]
		#[pallet::weight(Pallet::<T>::settle_usage_weight_bound())]
		pub fn settle_usage(origin: OriginFor<T>, claim: UsageClaim) -> DispatchResultWithPostInfo {
			let telco = ensure_signed(origin)?;
			let actual = Self::do_settle_usage(telco, claim)?;
			Ok(Some(actual).into())
		}

		/// The holder of `entitlement` acknowledges having used `total_bytes` of it in all, as
		/// its device counted them. Settlements up to that (plus the acknowledgement tolerance)
		/// pay at once; beyond it they wait for the challenge window. Only goes up.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::acknowledge_usage())]
		pub fn acknowledge_usage(
			origin: OriginFor<T>,
			entitlement: EntitlementId,
			total_bytes: Bytes,
		) -> DispatchResult {
			let holder = ensure_signed(origin)?;
			Self::do_acknowledge_usage(holder, entitlement, total_bytes)
		}

		/// Pay `telco`'s held settlement under `nonce`, once its challenge window has ended or
		/// an acknowledgement covers it. Anyone may call it; it is free when it succeeds.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::release_held())]
		pub fn release_held(
			origin: OriginFor<T>,
			telco: T::AccountId,
			nonce: u64,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			Self::do_release_held(telco, nonce)?;
			Ok(Pays::No.into())
		}

		/// Settle `claims`, each as `settle_usage` would, whose commitments were all anchored
		/// under `key`: their proofs are checked together. A claim that fails is refused alone
		/// (`ClaimRefused`, naming the error) and changes nothing; the others are paid. Fails
		/// whole only if the batch is empty, the caller is not an active operator, or `key` is
		/// not a live usage key. Charged as if the combined check failed and every proof were
		/// then checked alone; refunded down to one combined check when it holds.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::settle_usage_batch_fallback(claims.len() as u32))]
		pub fn settle_usage_batch(
			origin: OriginFor<T>,
			key: KeyId,
			claims: BoundedVec<UsageClaim, T::MaxSettlementBatch>,
		) -> DispatchResultWithPostInfo {
			let telco = ensure_signed(origin)?;
			let actual = Self::do_settle_usage_batch(telco, key, claims.into_inner())?;
			Ok(Some(actual).into())
		}
	}

	impl<T: Config> Pallet<T> {
		/// The most `settle_usage` can cost: the largest circuit, the costlier subject.
		pub fn settle_usage_weight_bound() -> Weight {
			T::WeightInfo::settle_entitlement_usage(2).max(T::WeightInfo::settle_roaming_usage(2))
		}
	}
}
