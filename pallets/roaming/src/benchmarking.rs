//! Benchmarks of the roaming pallet: its calls, `on_initialize` with and without a netting,
//! and `RoamingLedger::book_usage`, which metering adds to its own weight. Each runs its worst
//! case; the netting's is `a` ended agreements past their grace between `2a` distinct
//! operators, every one of them carrying a position, one debtor short and reported in default,
//! every other one's default cleared, and creditors whose accounts the payouts create.
//!
//! They also run as unit tests against the mock (`impl_benchmark_test_suite!` below), which
//! is why this module is compiled for `test` too.

use super::*;
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, Mutate},
	Get, Hooks,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use gesim_primitives::{
	AgreementId, ProtocolParameter, ProtocolParameters, RoamingLedger, StablecoinAmount,
};
use sp_runtime::traits::{One, Saturating, Zero};

/// The unit the benchmark amounts are counted in: ten times the minimum balance, so every
/// payout can create the account it pays.
fn unit<T: Config>() -> StablecoinAmount {
	T::Stablecoin::minimum_balance().saturating_mul(10)
}

/// Terms valid from now for as long as allowed, settled every block, with credit for a
/// thousand units.
fn terms<T: Config>() -> RoamingTermsOf<T> {
	let now = frame_system::Pallet::<T>::block_number();
	RoamingTerms {
		rate_per_mb: 1_000,
		revenue_share_bps: 9_000,
		credit_limit: unit::<T>().saturating_mul(1_000),
		settlement_period: One::one(),
		valid_from: now,
		valid_until: now.saturating_add(T::MaxValidity::get()),
	}
}

/// Two active operators.
fn operators<T: Config>() -> (T::AccountId, T::AccountId) {
	let (proposer, counterparty): (T::AccountId, T::AccountId) =
		(account("proposer", 0, 0), account("counterparty", 0, 0));
	T::BenchmarkHelper::activate_telco(&proposer);
	T::BenchmarkHelper::activate_telco(&counterparty);
	(proposer, counterparty)
}

/// A proposal between two active operators. Returns it and its parties.
fn proposal<T: Config>() -> Result<(AgreementId, T::AccountId, T::AccountId), BenchmarkError> {
	let (proposer, counterparty) = operators::<T>();
	let agreement = NextAgreementId::<T>::get();
	Pallet::<T>::propose_agreement(
		RawOrigin::Signed(proposer.clone()).into(),
		counterparty.clone(),
		terms::<T>(),
	)
	.map_err(|_| BenchmarkError::Stop("proposing the benchmark agreement failed"))?;
	Ok((agreement, proposer, counterparty))
}

/// The origin the council passes with. The unit tests' council is root; frame-support offers
/// `try_successful_origin` only to benchmark builds.
fn council_origin<T: Config>() -> Result<T::RuntimeOrigin, BenchmarkError> {
	#[cfg(feature = "runtime-benchmarks")]
	{
		use frame_support::traits::EnsureOrigin;
		T::CouncilOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)
	}
	#[cfg(not(feature = "runtime-benchmarks"))]
	{
		Ok(RawOrigin::Root.into())
	}
}

/// Stores an agreement between `proposer` and `counterparty` terminated in block zero, with the
/// given payables, and counts it and the payables for both parties.
fn store_terminated<T: Config>(
	agreement: AgreementId,
	proposer: &T::AccountId,
	counterparty: &T::AccountId,
	payable_to_proposer: StablecoinAmount,
	payable_to_counterparty: StablecoinAmount,
) {
	Agreements::<T>::insert(
		agreement,
		RoamingAgreement {
			proposer: proposer.clone(),
			counterparty: counterparty.clone(),
			terms: terms::<T>(),
			status: AgreementStatus::Terminated { at: Zero::zero() },
			payable_to_proposer,
			payable_to_counterparty,
			last_settled_at: Zero::zero(),
		},
	);
	AgreementsOf::<T>::insert(proposer, 1);
	AgreementsOf::<T>::insert(counterparty, 1);
	BookedPayables::<T>::insert(counterparty, payable_to_proposer);
	BookedPayables::<T>::insert(proposer, payable_to_counterparty);
}

/// An agreement in force between two active operators. Returns it and its parties.
fn in_force<T: Config>() -> Result<(AgreementId, T::AccountId, T::AccountId), BenchmarkError> {
	let (agreement, proposer, counterparty) = proposal::<T>()?;
	Pallet::<T>::accept_agreement(RawOrigin::Signed(counterparty.clone()).into(), agreement)
		.map_err(|_| BenchmarkError::Stop("accepting the benchmark agreement failed"))?;
	Ok((agreement, proposer, counterparty))
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn propose_agreement() -> Result<(), BenchmarkError> {
		let (proposer, counterparty) = operators::<T>();
		let agreement = NextAgreementId::<T>::get();

		#[extrinsic_call]
		_(RawOrigin::Signed(proposer), counterparty, terms::<T>());

		assert!(Agreements::<T>::contains_key(agreement));
		Ok(())
	}

	#[benchmark]
	fn accept_agreement() -> Result<(), BenchmarkError> {
		let (agreement, _, counterparty) = proposal::<T>()?;

		#[extrinsic_call]
		_(RawOrigin::Signed(counterparty), agreement);

		assert_eq!(
			Agreements::<T>::get(agreement).map(|record| record.status),
			Some(AgreementStatus::InForce)
		);
		Ok(())
	}

	/// Withdrawing a proposal: it is removed at once, which costs more than marking an
	/// agreement in force terminated.
	#[benchmark]
	fn terminate_agreement() -> Result<(), BenchmarkError> {
		let (agreement, proposer, _) = proposal::<T>()?;

		#[extrinsic_call]
		_(RawOrigin::Signed(proposer), agreement);

		assert!(!Agreements::<T>::contains_key(agreement));
		Ok(())
	}

	#[benchmark]
	fn deposit() -> Result<(), BenchmarkError> {
		Pallet::<T>::ensure_account_endowed().map_err(|_| BenchmarkError::Weightless)?;
		let operator: T::AccountId = account("operator", 0, 0);
		T::BenchmarkHelper::fund(&operator, unit::<T>());

		#[extrinsic_call]
		_(RawOrigin::Signed(operator.clone()), unit::<T>());

		assert_eq!(Deposits::<T>::get(&operator), unit::<T>());
		Ok(())
	}

	/// An operator carrying a debt and owing booked payables takes out all but them, to an
	/// account that has to be created again.
	#[benchmark]
	fn withdraw() -> Result<(), BenchmarkError> {
		Pallet::<T>::ensure_account_endowed().map_err(|_| BenchmarkError::Weightless)?;
		let operator: T::AccountId = account("operator", 0, 0);
		T::BenchmarkHelper::fund(&operator, unit::<T>().saturating_mul(3));
		Pallet::<T>::deposit(
			RawOrigin::Signed(operator.clone()).into(),
			unit::<T>().saturating_mul(3),
		)
		.map_err(|_| BenchmarkError::Stop("the benchmark deposit failed"))?;
		let _ = T::Stablecoin::set_balance(&operator, 0);
		let creditor: T::AccountId = account("creditor", 0, 0);
		let debt = unit::<T>();
		Carried::<T>::insert(&operator, -(debt as Position));
		Carried::<T>::insert(&creditor, debt as Position);
		BookedPayables::<T>::insert(&operator, unit::<T>());
		Outstanding::<T>::put(debt.saturating_mul(2));

		#[extrinsic_call]
		_(RawOrigin::Signed(operator.clone()), unit::<T>());

		assert_eq!(Deposits::<T>::get(&operator), debt.saturating_mul(2));
		assert_eq!(T::Stablecoin::balance(&operator), unit::<T>());
		Ok(())
	}

	/// The council withdraws a proposal: it is removed at once, which costs more than marking
	/// an agreement in force terminated.
	#[benchmark]
	fn force_terminate() -> Result<(), BenchmarkError> {
		let origin = council_origin::<T>()?;
		let (agreement, proposer, _) = proposal::<T>()?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, agreement);

		assert!(!Agreements::<T>::contains_key(agreement));
		assert_eq!(ProposalsOf::<T>::get(&proposer), 0);
		Ok(())
	}

	/// What every block costs when no netting is due.
	#[benchmark]
	fn on_initialize_idle() {
		let now = frame_system::Pallet::<T>::block_number().saturating_add(One::one());
		frame_system::Pallet::<T>::set_block_number(now);
		LastNettingAt::<T>::put(now);

		#[block]
		{
			Pallet::<T>::on_initialize(now);
		}

		assert_eq!(NettingRuns::<T>::get(), 0);
	}

	/// A netting of `a` agreements terminated in block zero, past their settlement grace,
	/// between `2a` distinct operators. Under agreement `i` the counterparty owes 3 units, is
	/// owed 1, and carries a debt of 1 from the last run (the proposer the matching
	/// receivable), short since block zero: each counterparty owes 3 net, each proposer is owed
	/// 3. Every debtor's deposit covers it but the first one's, short by the smallest amount
	/// past the shortfall deadline, so it is reported in default; every other debtor was in
	/// default and pays, so its default is cleared. One creditor is left short too, and the
	/// agreements of every other operator are removed. The proposers hold no stablecoin: each
	/// payout creates an account.
	#[benchmark]
	fn net(a: Linear<1, { T::MaxAgreements::get() }>) -> Result<(), BenchmarkError> {
		Pallet::<T>::ensure_account_endowed().map_err(|_| BenchmarkError::Weightless)?;
		let unit = unit::<T>();
		let mut deposits: StablecoinAmount = 0;
		for i in 0..a {
			let proposer: T::AccountId = account("proposer", i, 0);
			let counterparty: T::AccountId = account("counterparty", i, 0);
			store_terminated::<T>(i, &proposer, &counterparty, unit.saturating_mul(3), unit);
			Carried::<T>::insert(&proposer, unit as Position);
			Carried::<T>::insert(&counterparty, -(unit as Position));
			ShortfallSince::<T>::insert(&counterparty, BlockNumberFor::<T>::zero());
			if i > 0 {
				Defaulters::<T>::insert(&counterparty, BlockNumberFor::<T>::zero());
			}
			let owed = unit.saturating_mul(3);
			let held = if i == 0 { owed.saturating_sub(1) } else { owed };
			Deposits::<T>::insert(&counterparty, held);
			deposits = deposits.saturating_add(held);
		}
		NextAgreementId::<T>::put(a);
		// Payables booked (4 units per agreement) and carried debts (1 per agreement).
		Outstanding::<T>::put(unit.saturating_mul(5).saturating_mul(a.into()));
		T::BenchmarkHelper::fund(&Pallet::<T>::account_id(), deposits);
		let now = frame_system::Pallet::<T>::block_number()
			.saturating_add(T::SettlementGrace::get())
			.saturating_add(T::ShortfallDeadline::get())
			.saturating_add(One::one());
		frame_system::Pallet::<T>::set_block_number(now);
		LastNettingAt::<T>::put(BlockNumberFor::<T>::zero());
		T::Parameters::set(ProtocolParameter::NettingPeriod(One::one()));

		#[block]
		{
			Pallet::<T>::on_initialize(now);
		}

		assert_eq!(NettingRuns::<T>::get(), 1);
		let short: T::AccountId = account("counterparty", 0, 0);
		assert_eq!(Carried::<T>::get(&short), Some(-1));
		assert_eq!(Defaulters::<T>::iter_keys().collect::<alloc::vec::Vec<_>>(), [short]);
		assert!(Agreements::<T>::count() <= 2);
		Ok(())
	}

	/// Usage on the proposer's network, booked against a home operator that carries a debt
	/// and owes booked payables elsewhere, and whose deposit covers them and the booking.
	#[benchmark]
	fn book_usage() -> Result<(), BenchmarkError> {
		Pallet::<T>::ensure_account_endowed().map_err(|_| BenchmarkError::Weightless)?;
		let (agreement, proposer, home) = in_force::<T>()?;
		let collateral = unit::<T>().saturating_mul(100);
		T::BenchmarkHelper::fund(&home, collateral);
		Pallet::<T>::deposit(RawOrigin::Signed(home.clone()).into(), collateral)
			.map_err(|_| BenchmarkError::Stop("the benchmark deposit failed"))?;
		let creditor: T::AccountId = account("creditor", 0, 0);
		Carried::<T>::insert(&home, -(unit::<T>() as Position));
		Carried::<T>::insert(&creditor, unit::<T>() as Position);
		BookedPayables::<T>::insert(&home, unit::<T>());
		Outstanding::<T>::put(unit::<T>().saturating_mul(2));
		let anchored_at = frame_system::Pallet::<T>::block_number();
		let result;

		#[block]
		{
			result = <Pallet<T> as RoamingLedger<_, _>>::book_usage(
				agreement,
				&proposer,
				1 << 30,
				anchored_at,
			);
		}

		assert!(result.map_err(|_| BenchmarkError::Stop("booking failed"))? > 0);
		Ok(())
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::tests::mock::new_test_ext(),
		crate::tests::mock::Test
	);
}
