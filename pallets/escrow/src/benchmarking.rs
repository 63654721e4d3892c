//! Benchmarks of the escrow pallet: its calls, the `on_idle` refund, and the `EscrowLedger`
//! operations other pallets add to their own weights. Each runs its worst case: full expiry
//! pages to search or to start a new page after, and stablecoin accounts that have to be
//! created.

use super::*;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{
		fungible::{Inspect, Mutate},
		Get, Hooks,
	},
	weights::Weight,
	BoundedVec,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use gesim_primitives::{parameters::MAX_PROTOCOL_MARGIN, ProtocolParameter, ProtocolParameters};
use gesim_primitives::{EscrowLedger, IntentId, StablecoinAmount};
use sp_runtime::traits::{One, Saturating};

/// What each intent in the benchmarks is paid with: a hundred times the minimum balance.
fn price<T: Config>() -> StablecoinAmount {
	T::Stablecoin::minimum_balance().saturating_mul(100)
}

/// Gives `who` `amount` of the stablecoin on top of the minimum balance.
fn fund<T: Config>(who: &T::AccountId, amount: StablecoinAmount) {
	let _ = T::Stablecoin::mint_into(who, amount.saturating_add(T::Stablecoin::minimum_balance()));
}

/// The escrow and treasury accounts exist, as the runtime's genesis makes sure.
fn endow_accounts<T: Config>() {
	let _ = Pallet::<T>::ensure_account_endowed();
	let treasury = T::Treasury::get();
	if T::Stablecoin::balance(&treasury) < T::Stablecoin::minimum_balance() {
		fund::<T>(&treasury, 0);
	}
}

/// Makes the list of `block` one page, full but for `room` places, with ids no intent has.
fn fill_bucket<T: Config>(block: BlockNumberFor<T>, room: u32) {
	let fill = T::MaxIntentsPerPage::get().saturating_sub(room);
	let ids: alloc::vec::Vec<IntentId> = (0..fill as IntentId).map(|i| IntentId::MAX - i).collect();
	ExpiryQueue::<T>::insert(block, 0, BoundedVec::truncate_from(ids));
	ExpiryPages::<T>::insert(block, QueuePages { first: 0, next: 1 });
}

/// Fills the last page of `block`'s list, so that queueing there starts a new page.
fn fill_last_page<T: Config>(block: BlockNumberFor<T>) {
	fill_bucket::<T>(block, 0);
}

/// Opens an intent from a funded payer, listed last in a full bucket. Returns it, its payer,
/// and its expiry.
fn open_last_in_full_bucket<T: Config>(
	seed: u32,
) -> Result<(IntentId, T::AccountId, BlockNumberFor<T>), BenchmarkError> {
	endow_accounts::<T>();
	let payer: T::AccountId = account("payer", seed, 0);
	let payee: T::AccountId = account("payee", seed, 0);
	fund::<T>(&payer, price::<T>());
	let expires_at = frame_system::Pallet::<T>::block_number().saturating_add(10u32.into());
	fill_bucket::<T>(Pallet::<T>::refundable_from(expires_at), 1);
	let intent = <Pallet<T> as EscrowLedger<_, _>>::open(&payer, &payee, price::<T>(), expires_at)
		.map_err(|_| BenchmarkError::Stop("opening the benchmark intent failed"))?;
	Ok((intent, payer, expires_at))
}

/// Empties `who`'s stablecoin account, so that paying them has to create it again.
fn reap<T: Config>(who: &T::AccountId) {
	let _ = T::Stablecoin::set_balance(who, 0);
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn refund_expired() -> Result<(), BenchmarkError> {
		let (intent, payer, expires_at) = open_last_in_full_bucket::<T>(0)?;
		reap::<T>(&payer);
		frame_system::Pallet::<T>::set_block_number(Pallet::<T>::refundable_from(expires_at));
		let caller: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), intent);

		assert!(Intents::<T>::get(intent).is_none());
		assert_eq!(T::Stablecoin::balance(&payer), price::<T>());
		Ok(())
	}

	/// Visiting one empty bucket: what every block costs when nothing expires.
	#[benchmark]
	fn on_idle_bucket() {
		let now = frame_system::Pallet::<T>::block_number().saturating_add(One::one());
		frame_system::Pallet::<T>::set_block_number(now);
		ExpiryCursor::<T>::put(now);

		#[block]
		{
			Pallet::<T>::on_idle(now, Weight::MAX);
		}

		assert_eq!(ExpiryCursor::<T>::get(), Some(now.saturating_add(One::one())));
	}

	/// Refunding one due intent to a payer whose account has to be created again.
	#[benchmark]
	fn on_idle_refund() -> Result<(), BenchmarkError> {
		let (intent, payer, expires_at) = open_last_in_full_bucket::<T>(0)?;
		reap::<T>(&payer);
		let due = Pallet::<T>::refundable_from(expires_at);
		frame_system::Pallet::<T>::set_block_number(due);
		ExpiryCursor::<T>::put(due);
		// Only our intent is due in this bucket.
		ExpiryQueue::<T>::insert(due, 0, BoundedVec::truncate_from(alloc::vec![intent]));
		ExpiryPages::<T>::insert(due, QueuePages { first: 0, next: 1 });

		#[block]
		{
			Pallet::<T>::on_idle(due, Weight::MAX);
		}

		assert!(Intents::<T>::get(intent).is_none());
		Ok(())
	}

	#[benchmark]
	fn open() -> Result<(), BenchmarkError> {
		endow_accounts::<T>();
		let payer: T::AccountId = account("payer", 0, 0);
		let payee: T::AccountId = account("payee", 0, 0);
		fund::<T>(&payer, price::<T>());
		let expires_at = frame_system::Pallet::<T>::block_number().saturating_add(10u32.into());
		fill_last_page::<T>(Pallet::<T>::refundable_from(expires_at));
		let result;

		#[block]
		{
			result =
				<Pallet<T> as EscrowLedger<_, _>>::open(&payer, &payee, price::<T>(), expires_at);
		}

		let intent = result.map_err(|_| BenchmarkError::Stop("open failed"))?;
		assert_eq!(Intents::<T>::get(intent).map(|i| i.held), Some(price::<T>()));
		Ok(())
	}

	#[benchmark]
	fn top_up() -> Result<(), BenchmarkError> {
		let (intent, payer, expires_at) = open_last_in_full_bucket::<T>(0)?;
		fund::<T>(&payer, price::<T>());
		let later = expires_at.saturating_add(100u32.into());
		fill_last_page::<T>(Pallet::<T>::refundable_from(later));
		let result;

		#[block]
		{
			result = <Pallet<T> as EscrowLedger<_, _>>::top_up(intent, price::<T>(), later);
		}

		result.map_err(|_| BenchmarkError::Stop("top_up failed"))?;
		assert_eq!(Intents::<T>::get(intent).map(|i| i.expires_at), Some(later));
		Ok(())
	}

	#[benchmark]
	fn release() -> Result<(), BenchmarkError> {
		let (intent, _, _) = open_last_in_full_bucket::<T>(0)?;
		T::Parameters::set(ProtocolParameter::ProtocolMargin(MAX_PROTOCOL_MARGIN));
		let result;

		#[block]
		{
			result = <Pallet<T> as EscrowLedger<_, _>>::release(intent, price::<T>() / 2);
		}

		result.map_err(|_| BenchmarkError::Stop("release failed"))?;
		Ok(())
	}

	#[benchmark]
	fn refund() -> Result<(), BenchmarkError> {
		let (intent, payer, _) = open_last_in_full_bucket::<T>(0)?;
		reap::<T>(&payer);
		let result;

		#[block]
		{
			result = <Pallet<T> as EscrowLedger<_, _>>::refund(intent, price::<T>() / 2);
		}

		result.map_err(|_| BenchmarkError::Stop("refund failed"))?;
		assert_eq!(T::Stablecoin::balance(&payer), price::<T>() / 2);
		Ok(())
	}

	#[benchmark]
	fn end_early() -> Result<(), BenchmarkError> {
		let (intent, _, expires_at) = open_last_in_full_bucket::<T>(0)?;
		let now = frame_system::Pallet::<T>::block_number();
		fill_last_page::<T>(
			now.saturating_add(T::Parameters::settlement_grace()).saturating_add(One::one()),
		);
		let result;

		#[block]
		{
			result = <Pallet<T> as EscrowLedger<_, _>>::end_early(intent, now);
		}

		result.map_err(|_| BenchmarkError::Stop("end_early failed"))?;
		assert!(Intents::<T>::get(intent).is_some_and(|i| i.expires_at < expires_at));
		Ok(())
	}

	#[benchmark]
	fn freeze() -> Result<(), BenchmarkError> {
		let (intent, _, _) = open_last_in_full_bucket::<T>(0)?;
		let result;

		#[block]
		{
			result = <Pallet<T> as EscrowLedger<_, _>>::freeze(intent);
		}

		result.map_err(|_| BenchmarkError::Stop("freeze failed"))?;
		assert_eq!(Intents::<T>::get(intent).map(|i| i.status), Some(IntentStatus::Frozen));
		Ok(())
	}

	#[benchmark]
	fn thaw() -> Result<(), BenchmarkError> {
		let (intent, _, expires_at) = open_last_in_full_bucket::<T>(0)?;
		<Pallet<T> as EscrowLedger<_, _>>::freeze(intent)
			.map_err(|_| BenchmarkError::Stop("freeze failed"))?;
		fill_last_page::<T>(Pallet::<T>::refundable_from(expires_at));
		let result;

		#[block]
		{
			result = <Pallet<T> as EscrowLedger<_, _>>::thaw(intent);
		}

		result.map_err(|_| BenchmarkError::Stop("thaw failed"))?;
		assert_eq!(Intents::<T>::get(intent).map(|i| i.status), Some(IntentStatus::Funded));
		Ok(())
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::tests::mock::new_test_ext(),
		crate::tests::mock::Test
	);
}
