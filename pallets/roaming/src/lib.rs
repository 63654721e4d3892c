//! # Roaming
//!
//! Operators serve each other's subscribers under **roaming agreements** and settle what they
//! owe each other in the stablecoin, by periodic multilateral netting.
//!
//! - An active telco ([`Config::Telcos`]) proposes an agreement to another: a rate per megabyte,
//!   the share of it the visited network invoices, a credit limit, a settlement period and a
//!   validity. The counterparty's acceptance is the second signature; either party may
//!   terminate it (or withdraw or decline a proposal), and so may the council
//!   (`force_terminate`). Agreements are reciprocal: either party may be the visited network for
//!   the other's subscribers.
//! - Metering proves roaming usage and books it through [`gesim_primitives::RoamingLedger`]: a
//!   payable from the home operator to the visited one, [`roaming_charge`] of the bytes.
//! - Operators keep a deposit of the stablecoin in this pallet's account to pay their roaming
//!   debts.
//! - Every netting period (the council's `NettingPeriod` parameter) `on_initialize` nets every agreement whose settlement
//!   period has elapsed (and every ended one with something booked): each operator's
//!   receivables less its payables, plus what it carried from the last run. Debtors pay from
//!   their deposits; creditors are paid pro rata of what was collected, to their own accounts.
//!   What a deposit could not cover is reported (`NettingShortfall`) and carried to the next run
//!   as a debt, and the matching part of the creditors' claims as receivables.
//!
//! ## Deposits are collateral
//!
//! A visited operator serves first and is paid at the next netting, so what it has served must
//! already be covered when it is booked:
//!
//! - Each operator's deposit covers its **obligations**: its carried debt plus every payable
//!   booked against it and not netted yet ([`BookedPayables`], kept per operator). A booking
//!   that the home operator's deposit cannot cover is refused, and so is a withdrawal that
//!   would leave the deposit below the obligations. Since a netting charges a debtor at most
//!   its obligations, a debtor's deposit always pays its net debt in full.
//! - The **credit limit** both parties signed bounds what may accrue in one direction between
//!   two settlements: a visited operator knows before serving how much more it will be paid
//!   for ([`Pallet::booking_headroom`]).
//! - A refused booking changes nothing: metering's settlement fails and its commitment stays
//!   pending, so the visited operator retries once the home operator has deposited more.
//! - A debtor still short `ShortfallDeadline` blocks after a netting first left it short (a
//!   debt carried from before deposits were collateral) is reported once (`DebtorInDefault`)
//!   and listed in [`Defaulters`] until it has paid: the council may then suspend it and slash
//!   its bond in the telco registry.
//!
//! ## Ended agreements settle late usage
//!
//! Usage records reach operators late. Usage anchored while an agreement was in force (within
//! its validity, and not after its termination) may still be booked for
//! [`Config::SettlementGrace`] blocks after the agreement ended. An ended agreement is
//! therefore kept: netted at every run that finds something booked under it, and removed by
//! the first run after its grace that finds both its parties square.
//!
//! ## Bounds
//!
//! At most [`Config::MaxAgreements`] agreements are stored (proposed, in force, or ended and
//! not removed yet), so a run nets at most that many agreements and twice that many operators.
//! No two operators can hold them all: each may have made [`Config::MaxProposalsPerOperator`]
//! open proposals and be a party to [`Config::MaxAgreementsPerOperator`] signed agreements; a
//! proposal lapses after [`Config::ProposalWindow`], and a validity ends at most
//! [`Config::MaxValidity`] blocks after it is proposed.
//!
//! Conservation: the carried positions sum to zero, the pool account holds at least the sum of
//! the deposits, [`Outstanding`] is exactly what operators owe and [`BookedPayables`] who owes
//! it; checked by [`Pallet::do_check_invariants`] (also the `try_state` hook).
//!
//! The pallet account never falls below the stablecoin's minimum balance, so that a deposit
//! below that minimum can be held: genesis tops it up to the minimum.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

// The benchmarks are compiled for the unit tests too: they run against the mock there.
#[cfg(any(feature = "runtime-benchmarks", test))]
mod benchmarking;
mod features;
mod impl_roaming_ledger;
pub mod migrations;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use features::netting::MaxOperators;
pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

/// An agreement as this runtime stores it.
pub type AgreementOf<T> = RoamingAgreement<
	<T as frame_system::Config>::AccountId,
	frame_system::pallet_prelude::BlockNumberFor<T>,
>;

/// Terms as this runtime takes them.
pub type RoamingTermsOf<T> = RoamingTerms<frame_system::pallet_prelude::BlockNumberFor<T>>;

/// What benchmarks need from the runtime: operators in good standing, and stablecoin.
#[cfg(any(feature = "runtime-benchmarks", test))]
pub trait BenchmarkHelper<AccountId> {
	/// Makes `telco` an active operator.
	fn activate_telco(telco: &AccountId);
	/// Gives `who` `amount` of the stablecoin, on top of the minimum balance it must keep.
	fn fund(who: &AccountId, amount: gesim_primitives::StablecoinAmount);
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{pallet_prelude::*, traits::fungible, PalletId};
	use frame_system::pallet_prelude::*;
	use gesim_primitives::{
		AgreementId, Bytes, ProtocolParameters, StablecoinAmount, TelcoInspect,
	};

	/// Version 1: deposits are collateral, agreements have a credit limit and a settlement
	/// grace (see [`crate::migrations::v1`]).
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// Which accounts are admitted operators in good standing.
		type Telcos: TelcoInspect<Self::AccountId>;

		/// Told when an agreement comes into force: neither party bills usage from before it.
		type OnUsageStart: gesim_primitives::OnUsageStart<Self::AccountId>;

		/// The stablecoin deposits and payouts are made in (in the runtime: the stablecoin
		/// asset of `pallet-assets` seen through `fungible::ItemOf`).
		type Stablecoin: fungible::Mutate<Self::AccountId, Balance = StablecoinAmount>;

		/// Derives the account operators' deposits sit in.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// The council majority that may end any agreement.
		type CouncilOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The protocol parameters; the netting period is read from them every block.
		type Parameters: ProtocolParameters<BlockNumberFor<Self>>;

		/// Agreements stored at once, whatever their status: bounds the work of one netting.
		#[pallet::constant]
		type MaxAgreements: Get<u32>;

		/// Open proposals one operator may have made at once.
		#[pallet::constant]
		type MaxProposalsPerOperator: Get<u32>;

		/// Signed agreements (in force, or ended and not removed yet) one operator may be a
		/// party to.
		#[pallet::constant]
		type MaxAgreementsPerOperator: Get<u32>;

		/// Blocks a proposal waits for the counterparty's signature; it lapses after them.
		#[pallet::constant]
		type ProposalWindow: Get<BlockNumberFor<Self>>;

		/// The longest validity: it must end at most this many blocks after it is proposed.
		#[pallet::constant]
		type MaxValidity: Get<BlockNumberFor<Self>>;

		/// Blocks after an agreement ended in which usage anchored while it was in force may
		/// still be booked.
		#[pallet::constant]
		type SettlementGrace: Get<BlockNumberFor<Self>>;

		/// Blocks a debtor may stay short after the netting that first left it short before it
		/// is reported in default.
		#[pallet::constant]
		type ShortfallDeadline: Get<BlockNumberFor<Self>>;

		/// Weights of this pallet's calls and hook.
		type WeightInfo: WeightInfo;

		/// Sets up operators and funds for the benchmarks.
		#[cfg(any(feature = "runtime-benchmarks", test))]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// The id the next agreement gets.
	#[pallet::storage]
	pub type NextAgreementId<T> = StorageValue<_, AgreementId, ValueQuery>;

	/// Proposed and in-force agreements, and ended ones until a netting after their settlement
	/// grace finds their parties square. At most `MaxAgreements`.
	#[pallet::storage]
	pub type Agreements<T: Config> =
		CountedStorageMap<_, Twox64Concat, AgreementId, AgreementOf<T>>;

	/// How many signed agreements (in force, or ended and not removed yet) each operator is a
	/// party to. At most `MaxAgreementsPerOperator`, but for agreements signed before that
	/// bound existed.
	#[pallet::storage]
	pub type AgreementsOf<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// How many open proposals each operator made. At most `MaxProposalsPerOperator`.
	#[pallet::storage]
	pub type ProposalsOf<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// Each operator's deposit in the pallet account, from which its roaming debts are paid: the
	/// collateral of its carried debt and booked payables.
	#[pallet::storage]
	pub type Deposits<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, StablecoinAmount, ValueQuery>;

	/// What the last netting left unpaid, per operator: negative for a debt, positive for a
	/// receivable. Absent when square. The positions sum to zero.
	#[pallet::storage]
	pub type Carried<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, Position>;

	/// Everything operators owe and have not paid yet: payables booked since their agreement
	/// was last settled, plus carried debts. At most [`MAX_OUTSTANDING`].
	#[pallet::storage]
	pub type Outstanding<T> = StorageValue<_, StablecoinAmount, ValueQuery>;

	/// What each operator owes under all its agreements for usage booked since they were last
	/// settled: with its carried debt, what its deposit must cover. Absent when nothing.
	#[pallet::storage]
	pub type BookedPayables<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, StablecoinAmount, ValueQuery>;

	/// The netting that first left each operator now carrying a debt short.
	#[pallet::storage]
	pub type ShortfallSince<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, BlockNumberFor<T>>;

	/// Debtors in default, for the council to suspend and slash in the telco registry: still
	/// short `ShortfallDeadline` blocks after the netting that first left them short (the
	/// value). Removed when the debt is paid. Every defaulter carries a debt, so is a party to
	/// a stored agreement: at most twice `MaxAgreements` of them.
	#[pallet::storage]
	pub type Defaulters<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, BlockNumberFor<T>>;

	/// The block of the last netting (zero before the first); the next one runs a netting
	/// period later.
	#[pallet::storage]
	pub type LastNettingAt<T: Config> = StorageValue<_, BlockNumberFor<T>, ValueQuery>;

	/// The number of the last netting run that settled anything (zero before the first).
	#[pallet::storage]
	pub type NettingRuns<T> = StorageValue<_, u32, ValueQuery>;

	/// Agreements with a dispute open on their bookings: no netting run settles or removes
	/// them until the ruling. At most one entry per stored agreement.
	#[pallet::storage]
	pub type DisputedAgreements<T: Config> = StorageMap<_, Twox64Concat, AgreementId, ()>;

	#[pallet::genesis_config]
	#[derive(frame_support::DebugNoBound, frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		#[serde(skip)]
		/// Binds the configuration to the runtime.
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			// The pool account stays above the minimum balance forever, so every deposit can be
			// held and the last payout never reaps it.
			Pallet::<T>::ensure_account_endowed()
				.expect("the stablecoin exists before roaming's genesis (Assets comes first)");
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `proposer` signed `agreement` with `counterparty` on `terms`; it waits for the
		/// counterparty's signature.
		AgreementProposed {
			agreement: AgreementId,
			proposer: T::AccountId,
			counterparty: T::AccountId,
			terms: RoamingTermsOf<T>,
		},
		/// `counterparty` signed `agreement`: it is in force.
		AgreementAccepted {
			agreement: AgreementId,
			proposer: T::AccountId,
			counterparty: T::AccountId,
		},
		/// `by` withdrew (the proposer) or declined (the counterparty) the proposal
		/// `agreement`; it is removed.
		ProposalWithdrawn { agreement: AgreementId, by: T::AccountId },
		/// Nobody accepted `agreement` within the proposal window or its validity; it is
		/// removed.
		ProposalLapsed { agreement: AgreementId },
		/// `by` terminated `agreement`: usage anchored from now on is not booked; usage
		/// anchored until now still is, within the settlement grace.
		AgreementTerminated { agreement: AgreementId, by: T::AccountId },
		/// The council ended `agreement`: a proposal is removed; an agreement in force is
		/// terminated as by a party.
		AgreementForceTerminated { agreement: AgreementId },
		/// `agreement`, ended and past its settlement grace, was settled for the last time and
		/// removed.
		AgreementClosed { agreement: AgreementId },
		/// Proved usage of `bytes` by `home`'s subscribers on `visited`'s network: `amount` is
		/// now payable from `home` to `visited`, `accrued` in all since the last settlement.
		UsageBooked {
			agreement: AgreementId,
			visited: T::AccountId,
			home: T::AccountId,
			bytes: Bytes,
			amount: StablecoinAmount,
			accrued: StablecoinAmount,
		},
		/// A dispute on `agreement`'s bookings keeps it out of netting until the ruling.
		AgreementDisputed { agreement: AgreementId },
		/// The dispute on `agreement` was ruled: it is netted again.
		AgreementDisputeEnded { agreement: AgreementId },
		/// A ruling took `amount` off what `home` owes `visited` under `agreement`; `accrued`
		/// is left since the last settlement.
		PayableWrittenDown {
			agreement: AgreementId,
			visited: T::AccountId,
			home: T::AccountId,
			amount: StablecoinAmount,
			accrued: StablecoinAmount,
		},
		/// `operator` paid `amount` into its deposit, which is now `deposit`.
		Deposited { operator: T::AccountId, amount: StablecoinAmount, deposit: StablecoinAmount },
		/// `operator` took `amount` out of its deposit, which is now `deposit`.
		Withdrawn { operator: T::AccountId, amount: StablecoinAmount, deposit: StablecoinAmount },
		/// A netting settled `amount` owed by `payer` to `payee` under `agreement`.
		GrossSettled {
			agreement: AgreementId,
			payer: T::AccountId,
			payee: T::AccountId,
			amount: StablecoinAmount,
		},
		/// `operator`'s result in a netting. `net = receivable − payable + carried_in`;
		/// a debtor (`net < 0`) `paid` from its deposit, a creditor (`net > 0`) `received` to
		/// its account; `carried_out = net + paid − received` goes to the next run. Positions
		/// are positive when owed to the operator, negative when owed by it.
		NetPositionSettled {
			operator: T::AccountId,
			receivable: StablecoinAmount,
			payable: StablecoinAmount,
			carried_in: Position,
			net: Position,
			paid: StablecoinAmount,
			received: StablecoinAmount,
			carried_out: Position,
		},
		/// `operator`'s deposit could not cover its net debt: it `paid` what it had of what it
		/// `owed`, and carries the rest as a debt to the next run.
		NettingShortfall { operator: T::AccountId, owed: StablecoinAmount, paid: StablecoinAmount },
		/// `operator` still `owed` a carried debt `ShortfallDeadline` blocks after the netting
		/// in block `since` first left it short: it is listed in [`Defaulters`] for the
		/// council.
		DebtorInDefault { operator: T::AccountId, owed: StablecoinAmount, since: BlockNumberFor<T> },
		/// `operator`, in default, paid its debt: it is no longer listed.
		DefaultCleared { operator: T::AccountId },
		/// `amount` due to `operator` could not be paid to its account (`error`): it was added
		/// to its deposit instead, from which it can withdraw it.
		PayoutHeldAsDeposit {
			operator: T::AccountId,
			amount: StablecoinAmount,
			error: DispatchError,
		},
		/// Netting run `run` settled `agreements` agreements among `operators` operators:
		/// debtors paid `collected` in all, and `shortfall` of their debts is carried.
		NettingCompleted {
			run: u32,
			agreements: u32,
			operators: u32,
			collected: StablecoinAmount,
			shortfall: StablecoinAmount,
		},
		/// A netting could not be formed (`error`) and changed nothing; the next period retries.
		/// Only a broken invariant can cause it.
		NettingFailed { error: DispatchError },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The caller is not an admitted operator in good standing.
		NotActiveTelco,
		/// The other party is not an admitted operator in good standing.
		PartnerNotActive,
		/// An operator cannot make an agreement with itself.
		SelfAgreement,
		/// The revenue share is zero or above 10 000 basis points.
		RevenueShareOutOfRange,
		/// The settlement period is zero blocks.
		ZeroSettlementPeriod,
		/// The validity ends before it starts, or in the block it starts.
		EmptyValidity,
		/// The validity ended before the current block.
		ValidityEnded,
		/// The validity ends more than `MaxValidity` blocks after the current block.
		ValidityTooLong,
		/// As many agreements are stored as `MaxAgreements` allows.
		TooManyAgreements,
		/// The proposer has as many open proposals as `MaxProposalsPerOperator` allows.
		TooManyProposals,
		/// The caller is a party to as many agreements as `MaxAgreementsPerOperator` allows.
		AgreementsFull,
		/// The other party is a party to as many agreements as `MaxAgreementsPerOperator`
		/// allows.
		PartnerAgreementsFull,
		/// Every agreement id has been used.
		NoAgreementIdLeft,
		/// No agreement has this id (or it was withdrawn, or closed after its last netting).
		UnknownAgreement,
		/// The account is not a party to the agreement.
		NotAParty,
		/// Only the counterparty may accept a proposal.
		NotCounterparty,
		/// The agreement is already in force.
		AlreadyInForce,
		/// The proposal waited longer than the proposal window: it can no longer be accepted,
		/// and lapses at the next netting.
		ProposalWindowClosed,
		/// The counterparty has not accepted the agreement yet.
		AgreementNotAccepted,
		/// The agreement was terminated (before the usage was anchored).
		AgreementTerminated,
		/// The agreement's validity had not started when the usage was anchored.
		AgreementNotYetValid,
		/// The agreement's validity had ended when the usage was anchored (or the proposal was
		/// accepted).
		AgreementExpired,
		/// The agreement ended more than `SettlementGrace` blocks ago: no usage is booked under
		/// it any more.
		SettlementGraceOver,
		/// The usage charge overflows: bytes × rate × share is too large.
		ChargeOverflow,
		/// The payables would exceed what the netting can handle (`MAX_OUTSTANDING`).
		PayableOverflow,
		/// The booking would take what accrued in its direction since the last settlement above
		/// the agreement's credit limit.
		CreditLimitExceeded,
		/// The home operator's deposit does not cover the booking on top of its carried debt
		/// and booked payables. Retry once it has deposited more.
		InsufficientCollateral,
		/// An amount of zero.
		ZeroAmount,
		/// The deposit holds less than the amount asked for.
		InsufficientDeposit,
		/// The withdrawal would leave less in the deposit than the operator's obligations: its
		/// carried debt plus its booked payables.
		DepositBelowObligations,
		/// The deposit would overflow.
		DepositOverflow,
		/// A dispute on the agreement's bookings is open already.
		AlreadyDisputed,
		/// No dispute on the agreement's bookings is open.
		NotDisputed,
		/// Less than the amount is booked in that direction since the last settlement.
		InsufficientPayable,
		/// The pallet's books disagree with each other (a broken invariant): a netting run
		/// could not be formed, and nothing was settled.
		InconsistentLedger,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(now: BlockNumberFor<T>) -> Weight {
			Self::do_net_if_due(now)
		}

		fn integrity_test() {
			let per_operator = T::MaxAgreementsPerOperator::get();
			let proposals = T::MaxProposalsPerOperator::get();
			assert!(per_operator > 0, "operators must be able to make an agreement");
			assert!(proposals > 0, "operators must be able to propose an agreement");
			// A run involves up to two operators per agreement, counted in a u32.
			assert!(T::MaxAgreements::get() <= u32::MAX / 2, "MaxAgreements is too large");
			// Two colluding operators hold at most their proposals and their agreements together.
			let pair = proposals.saturating_mul(2).saturating_add(per_operator);
			assert!(pair < T::MaxAgreements::get(), "two operators could hold every agreement");
			assert!(!T::ProposalWindow::get().is_zero(), "a proposal must be acceptable");
			assert!(!T::MaxValidity::get().is_zero(), "an agreement must be able to last");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_check_invariants()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Propose a roaming agreement on `terms` to `counterparty`, signing it. Both must be
		/// active telcos.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::propose_agreement())]
		pub fn propose_agreement(
			origin: OriginFor<T>,
			counterparty: T::AccountId,
			terms: RoamingTermsOf<T>,
		) -> DispatchResult {
			let proposer = ensure_signed(origin)?;
			Self::do_propose_agreement(proposer, counterparty, terms)
		}

		/// Sign `agreement` as its counterparty: it comes into force.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::accept_agreement())]
		pub fn accept_agreement(origin: OriginFor<T>, agreement: AgreementId) -> DispatchResult {
			let counterparty = ensure_signed(origin)?;
			Self::do_accept_agreement(counterparty, agreement)
		}

		/// End `agreement`, as either party. A proposal is withdrawn (or declined) and removed
		/// at once. An agreement in force takes no usage anchored from now on; usage anchored
		/// until now is still booked within the settlement grace, and the agreement is removed
		/// by the first netting after it that finds its parties square.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::terminate_agreement())]
		pub fn terminate_agreement(origin: OriginFor<T>, agreement: AgreementId) -> DispatchResult {
			let party = ensure_signed(origin)?;
			Self::do_terminate_agreement(party, agreement)
		}

		/// Pay `amount` of the stablecoin into the caller's deposit, from which its roaming
		/// debts are paid at each netting. Any account may deposit (a suspended operator must
		/// still be able to pay its debts); only parties to agreements are ever charged.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::deposit())]
		pub fn deposit(origin: OriginFor<T>, amount: StablecoinAmount) -> DispatchResult {
			let operator = ensure_signed(origin)?;
			Self::do_deposit(operator, amount)
		}

		/// Take `amount` out of the caller's deposit; what stays must cover its obligations:
		/// its carried debt and the payables booked against it.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::withdraw())]
		pub fn withdraw(origin: OriginFor<T>, amount: StablecoinAmount) -> DispatchResult {
			let operator = ensure_signed(origin)?;
			Self::do_withdraw(operator, amount)
		}

		// Index 5 was `set_netting_period`, now `governance.set_parameter`.

		/// End `agreement` as the council, as a party could: a proposal is removed at once, an
		/// agreement in force is terminated (usage anchored until now is still booked within
		/// the settlement grace). Frees the places of operators that hold agreements idle.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::force_terminate())]
		pub fn force_terminate(origin: OriginFor<T>, agreement: AgreementId) -> DispatchResult {
			T::CouncilOrigin::ensure_origin(origin)?;
			Self::do_force_terminate(agreement)
		}
	}

	impl<T: Config> Pallet<T> {
		/// The account holding every operator's deposit.
		pub fn account_id() -> T::AccountId {
			use sp_runtime::traits::AccountIdConversion;
			T::PalletId::get().into_account_truncating()
		}
	}
}
