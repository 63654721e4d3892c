//! The conservation invariant, for `try_state` and the tests.

use crate::*;
use alloc::collections::btree_map::BTreeMap;
use frame_support::{ensure, traits::Get};
use gesim_primitives::StablecoinAmount;
use sp_runtime::DispatchError;

impl<T: Config> Pallet<T> {
	/// Checks that no unit of the stablecoin was created or lost and that every bound holds:
	///
	/// - the carried positions sum to zero, and every operator carrying one is a party to a
	///   stored agreement (so a run involves at most twice `MaxAgreements` operators);
	/// - the pool account holds at least the sum of the deposits (the rest is the endowment,
	///   or money sent to it by someone else);
	/// - [`Outstanding`] is the payables booked and not netted plus the carried debts, and at
	///   most [`MAX_OUTSTANDING`]; [`BookedPayables`] is, per operator, the payables booked
	///   against it;
	/// - exactly the operators carrying a debt have a [`ShortfallSince`], and every one of
	///   [`Defaulters`] is among them, listed with the same block;
	/// - every disputed agreement is stored;
	/// - at most `MaxAgreements` agreements are stored, none with the same operator on both
	///   sides, none with an id not handed out yet, no proposal with a payable, and
	///   [`AgreementsOf`] and [`ProposalsOf`] count each operator's signed agreements and
	///   proposals exactly.
	pub fn do_check_invariants() -> Result<(), DispatchError> {
		let next_id = NextAgreementId::<T>::get();
		let mut parties = BTreeMap::<T::AccountId, u32>::new();
		let mut signed = BTreeMap::<T::AccountId, u32>::new();
		let mut proposals = BTreeMap::<T::AccountId, u32>::new();
		let mut owed_by = BTreeMap::<T::AccountId, StablecoinAmount>::new();
		let mut stored = 0u32;
		let mut payables = 0 as StablecoinAmount;
		for (id, agreement) in Agreements::<T>::iter() {
			ensure!(id < next_id, "an agreement id was never handed out");
			ensure!(agreement.proposer != agreement.counterparty, "an operator agrees with itself");
			let outstanding = agreement.outstanding().ok_or("an agreement's payables overflow")?;
			ensure!(agreement.is_signed() || outstanding == 0, "a proposal has payables");
			payables = payables.checked_add(outstanding).ok_or("the payables overflow")?;
			for (payer, amount) in [
				(&agreement.counterparty, agreement.payable_to_proposer),
				(&agreement.proposer, agreement.payable_to_counterparty),
			] {
				let owed = owed_by.entry(payer.clone()).or_default();
				*owed = owed.checked_add(amount).ok_or("an operator's payables overflow")?;
			}
			if agreement.is_signed() {
				for party in [&agreement.proposer, &agreement.counterparty] {
					*signed.entry(party.clone()).or_default() += 1;
				}
			} else {
				*proposals.entry(agreement.proposer.clone()).or_default() += 1;
			}
			for party in [agreement.proposer, agreement.counterparty] {
				*parties.entry(party).or_default() += 1;
			}
			stored += 1;
		}
		ensure!(stored == Agreements::<T>::count(), "the agreement counter is out of step");
		ensure!(stored <= T::MaxAgreements::get(), "more agreements than MaxAgreements");
		let counted: BTreeMap<T::AccountId, u32> = AgreementsOf::<T>::iter().collect();
		ensure!(counted == signed, "AgreementsOf is out of step with the agreements");
		let counted: BTreeMap<T::AccountId, u32> = ProposalsOf::<T>::iter().collect();
		ensure!(counted == proposals, "ProposalsOf is out of step with the proposals");
		owed_by.retain(|_, owed| *owed > 0);
		let booked: BTreeMap<T::AccountId, StablecoinAmount> =
			BookedPayables::<T>::iter().collect();
		ensure!(booked == owed_by, "BookedPayables is out of step with the agreements");

		let mut sum: Position = 0;
		let mut debts = 0 as StablecoinAmount;
		let mut debtors = BTreeMap::new();
		for (operator, position) in Carried::<T>::iter() {
			ensure!(position != 0, "a square operator carries a position");
			ensure!(
				parties.contains_key(&operator),
				"an operator carries a position with no agreement"
			);
			sum = sum.checked_add(position).ok_or("the carried positions overflow")?;
			if position < 0 {
				debts = debts.checked_add(position.unsigned_abs()).ok_or("the debts overflow")?;
				let since =
					ShortfallSince::<T>::get(&operator).ok_or("a debtor has no shortfall")?;
				debtors.insert(operator, since);
			}
		}
		ensure!(sum == 0, "the carried positions do not sum to zero");
		ensure!(
			ShortfallSince::<T>::iter_keys().all(|operator| debtors.contains_key(&operator)),
			"an operator with no debt has a shortfall"
		);
		for (operator, since) in Defaulters::<T>::iter() {
			ensure!(debtors.get(&operator) == Some(&since), "a defaulter is not short since then");
		}

		let outstanding = payables.checked_add(debts).ok_or("the outstanding payables overflow")?;
		ensure!(Outstanding::<T>::get() == outstanding, "Outstanding is out of step");
		ensure!(outstanding <= MAX_OUTSTANDING, "more is outstanding than MAX_OUTSTANDING");
		ensure!(
			DisputedAgreements::<T>::iter_keys().all(Agreements::<T>::contains_key),
			"an agreement disputed is not stored"
		);

		ensure!(
			Self::account_balance() >= Self::total_deposits()?,
			"the pool account holds less than the deposits"
		);
		Ok(())
	}

	/// Every operator's deposit together.
	pub fn total_deposits() -> Result<StablecoinAmount, DispatchError> {
		Deposits::<T>::iter_values()
			.try_fold(0 as StablecoinAmount, |sum, deposit| sum.checked_add(deposit))
			.ok_or_else(|| "the deposits overflow".into())
	}
}
