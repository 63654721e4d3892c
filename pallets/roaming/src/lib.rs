//! # Roaming
//!
//! Operators serve each other's subscribers under **roaming agreements** and settle what they
//! owe each other in the stablecoin, by periodic multilateral netting.
//!
//! - An active telco ([`Config::Telcos`]) proposes an agreement to another: a rate per megabyte,
//!   the share of it the visited network invoices, a settlement period and a validity. The
//!   counterparty's acceptance is the second signature; either party may terminate it (or
//!   withdraw or decline a proposal). Agreements are reciprocal: either party may be the
//!   visited network for the other's subscribers.
//! - Metering proves roaming usage and books it through [`gesim_primitives::RoamingLedger`]: a
//!   payable from the home operator to the visited one, [`roaming_charge`] of the bytes.
//! - Operators keep a deposit of the stablecoin in this pallet's account to pay their roaming
//!   debts. They may withdraw what exceeds their carried debt.
//! - Every [`NettingPeriod`] blocks, `on_initialize` nets every agreement whose settlement
//!   period has elapsed (and every terminated or ended one, which is then removed): each
//!   operator's receivables less its payables, plus what it carried from the last run. Debtors
//!   pay from their deposits; creditors are paid pro rata of what was collected, to their own
//!   accounts. What a deposit could not cover is reported (`NettingShortfall`) and carried to
//!   the next run as a debt, and the matching part of the creditors' claims as receivables.
//!
//! Conservation: the carried positions sum to zero, the pallet account holds at least the sum of
//! the deposits, and [`Outstanding`] is exactly what operators owe; checked by
//! [`Pallet::do_check_invariants`] (also the `try_state` hook).
//!
//! Bounds: at most [`Config::MaxAgreements`] agreements are stored (proposed, in force, or
//! terminated and not netted yet), and an operator carrying a position keeps its ended
//! agreements until it is square, so a run nets at most that many agreements and twice that
//! many operators.
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
	use gesim_primitives::{AgreementId, Bytes, StablecoinAmount, TelcoInspect};

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// Which accounts are admitted operators in good standing.
		type Telcos: TelcoInspect<Self::AccountId>;

		/// The stablecoin deposits and payouts are made in (in the runtime: the stablecoin
		/// asset of `pallet-assets` seen through `fungible::ItemOf`).
		type Stablecoin: fungible::Mutate<Self::AccountId, Balance = StablecoinAmount>;

		/// Derives the account operators' deposits sit in.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// The council majority that sets the netting period.
		type CouncilOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Agreements stored at once, whatever their status: bounds the work of one netting.
		#[pallet::constant]
		type MaxAgreements: Get<u32>;

		/// Weights of this pallet's calls and hook.
		type WeightInfo: WeightInfo;

		/// Sets up operators and funds for the benchmarks.
		#[cfg(any(feature = "runtime-benchmarks", test))]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// The id the next agreement gets.
	#[pallet::storage]
	pub type NextAgreementId<T> = StorageValue<_, AgreementId, ValueQuery>;

	/// Proposed and in-force agreements, and ended ones until the netting that settles them
	/// last. At most `MaxAgreements`.
	#[pallet::storage]
	pub type Agreements<T: Config> =
		CountedStorageMap<_, Twox64Concat, AgreementId, AgreementOf<T>>;

	/// How many stored agreements each operator is a party to.
	#[pallet::storage]
	pub type AgreementsOf<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// Each operator's deposit in the pallet account, from which its roaming debts are paid.
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

	/// The netting period when genesis sets none.
	#[pallet::type_value]
	pub fn DefaultNettingPeriod<T: Config>() -> BlockNumberFor<T> {
		DEFAULT_NETTING_PERIOD.into()
	}

	/// Blocks between two nettings.
	#[pallet::storage]
	pub type NettingPeriod<T: Config> =
		StorageValue<_, BlockNumberFor<T>, ValueQuery, DefaultNettingPeriod<T>>;

	/// The block of the last netting (zero before the first); the next one runs a netting
	/// period later.
	#[pallet::storage]
	pub type LastNettingAt<T: Config> = StorageValue<_, BlockNumberFor<T>, ValueQuery>;

	/// The number of the last netting run that settled anything (zero before the first).
	#[pallet::storage]
	pub type NettingRuns<T> = StorageValue<_, u32, ValueQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DebugNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Blocks between two nettings.
		pub netting_period: BlockNumberFor<T>,
		#[serde(skip)]
		/// Binds the configuration to the runtime.
		pub _config: core::marker::PhantomData<T>,
	}

	impl<T: Config> Default for GenesisConfig<T> {
		fn default() -> Self {
			Self { netting_period: DEFAULT_NETTING_PERIOD.into(), _config: Default::default() }
		}
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			assert!(!self.netting_period.is_zero(), "genesis netting period is zero");
			NettingPeriod::<T>::put(self.netting_period);
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
		/// Nobody accepted `agreement` before its validity ended; it is removed.
		ProposalLapsed { agreement: AgreementId },
		/// `by` terminated `agreement`: no more usage is booked, and its payables are netted at
		/// the next run.
		AgreementTerminated { agreement: AgreementId, by: T::AccountId },
		/// `agreement`, terminated or past its validity, was settled for the last time and
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
		/// `operator` paid `amount` into its deposit, which is now `deposit`.
		Deposited { operator: T::AccountId, amount: StablecoinAmount, deposit: StablecoinAmount },
		/// `operator` took `amount` out of its deposit, which is now `deposit`.
		Withdrawn { operator: T::AccountId, amount: StablecoinAmount, deposit: StablecoinAmount },
		/// The council set the blocks between two nettings.
		NettingPeriodSet { period: BlockNumberFor<T> },
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
		/// As many agreements are stored as `MaxAgreements` allows.
		TooManyAgreements,
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
		/// The counterparty has not accepted the agreement yet.
		AgreementNotAccepted,
		/// The agreement was terminated.
		AgreementTerminated,
		/// The agreement's validity has not started yet.
		AgreementNotYetValid,
		/// The agreement's validity has ended.
		AgreementExpired,
		/// The usage charge overflows: bytes × rate × share is too large.
		ChargeOverflow,
		/// The payables would exceed what the netting can handle (`MAX_OUTSTANDING`).
		PayableOverflow,
		/// An amount of zero.
		ZeroAmount,
		/// The deposit holds less than the amount asked for.
		InsufficientDeposit,
		/// The withdrawal would leave less in the deposit than the operator's carried debt.
		DepositBelowDebt,
		/// The deposit would overflow.
		DepositOverflow,
		/// A netting period of zero blocks.
		ZeroNettingPeriod,
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
			assert!(T::MaxAgreements::get() > 0, "operators must be able to make an agreement");
			// A run involves up to two operators per agreement, counted in a u32.
			assert!(T::MaxAgreements::get() <= u32::MAX / 2, "MaxAgreements is too large");
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
		/// at once; an agreement in force books no more usage, and its payables are netted at
		/// the next run before it is removed.
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

		/// Take `amount` out of the caller's deposit; what stays must cover its carried debt.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::withdraw())]
		pub fn withdraw(origin: OriginFor<T>, amount: StablecoinAmount) -> DispatchResult {
			let operator = ensure_signed(origin)?;
			Self::do_withdraw(operator, amount)
		}

		/// Set the blocks between two nettings. The next netting runs `period` blocks after
		/// the last one.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::set_netting_period())]
		pub fn set_netting_period(
			origin: OriginFor<T>,
			period: BlockNumberFor<T>,
		) -> DispatchResult {
			T::CouncilOrigin::ensure_origin(origin)?;
			Self::do_set_netting_period(period)
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
