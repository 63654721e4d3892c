//! Multilateral netting, every netting period (a protocol parameter) in `on_initialize`.
//!
//! A run takes every agreement whose payables are due (something is booked and its settlement
//! period has elapsed since it last settled, or something is booked and it has ended, or its
//! settlement grace is over) and every operator carrying a position from the last run; when
//! there is none, nothing happens.
//! Each operator's net is its receivables less its payables over those agreements, plus what it
//! carried. Debtors pay their net debt from their deposits, as far as the deposits go;
//! creditors share what was collected in proportion to their claims and are paid to their own
//! accounts. Whatever stays unpaid is carried to the next run, on both sides, so the carried
//! positions always sum to zero. A debtor still short `ShortfallDeadline` blocks after the run
//! that first left it short is reported in default, once, until it has paid.
//!
//! Deposits cover every booked payable and carried debt, so a debtor's deposit pays its net
//! debt in full: a shortfall can only come from debts carried from before that was so.
//!
//! An agreement with a dispute open on its bookings takes no part until the ruling.
//!
//! The run is formed completely before anything changes, and all of it happens in one storage
//! layer: if forming it fails (only a broken invariant can make it), nothing is settled and a
//! `NettingFailed` event says why.

use crate::*;
use core::marker::PhantomData;
use frame_support::{
	ensure, storage::with_storage_layer, traits::Get, weights::Weight, BoundedBTreeMap, BoundedVec,
};
use frame_system::pallet_prelude::BlockNumberFor;
use gesim_primitives::{AgreementId, ProtocolParameters, StablecoinAmount};
use sp_runtime::{
	helpers_128bit::multiply_by_rational_with_rounding, traits::Saturating, ArithmeticError,
	DispatchError, DispatchResult, Rounding,
};

/// Operators one run can involve: both parties of every stored agreement.
pub struct MaxOperators<T>(PhantomData<T>);

impl<T: Config> Get<u32> for MaxOperators<T> {
	fn get() -> u32 {
		T::MaxAgreements::get().saturating_mul(2)
	}
}

/// Whether an agreement takes part in a run.
enum Due {
	/// Not this time.
	No,
	/// Its payables are settled in this run.
	Yes,
	/// A proposal nobody accepted within the proposal window or the validity: removed.
	Lapsed,
	/// An ended agreement past its settlement grace, nothing booked under it and both
	/// parties square: removed without a run.
	Closed,
}

/// One operator's gross figures in a run.
#[derive(Default)]
struct Tally {
	receivable: StablecoinAmount,
	payable: StablecoinAmount,
	carried_in: Position,
}

/// One operator's result in a run, formed before anything moves.
struct Settlement<AccountId> {
	operator: AccountId,
	receivable: StablecoinAmount,
	payable: StablecoinAmount,
	carried_in: Position,
	net: Position,
	/// The net debt, for a debtor.
	owed: StablecoinAmount,
	/// Taken from its deposit, for a debtor.
	paid: StablecoinAmount,
	/// Its share of what was collected, for a creditor.
	received: StablecoinAmount,
}

/// What an operator is owed within a position.
fn credit_part(position: Position) -> StablecoinAmount {
	if position > 0 {
		position.unsigned_abs()
	} else {
		0
	}
}

/// What an operator owes within a position.
fn debit_part(position: Position) -> StablecoinAmount {
	if position < 0 {
		position.unsigned_abs()
	} else {
		0
	}
}

/// `amount` as a position; every amount in a run is at most `MAX_OUTSTANDING`, which fits.
fn position(amount: StablecoinAmount) -> Result<Position, DispatchError> {
	Position::try_from(amount).map_err(|_| ArithmeticError::Overflow.into())
}

fn overflow() -> DispatchError {
	ArithmeticError::Overflow.into()
}

impl<T: Config> Pallet<T> {
	/// `on_initialize`: runs a netting when a netting period has passed since the last one.
	/// Returns the weight used: the benchmarked run over every stored agreement (a bound:
	/// agreements that are not due cost less), or the check alone.
	pub(crate) fn do_net_if_due(now: BlockNumberFor<T>) -> Weight {
		let next = LastNettingAt::<T>::get().saturating_add(T::Parameters::netting_period());
		if now < next {
			return T::WeightInfo::on_initialize_idle();
		}
		let weight = T::WeightInfo::net(Agreements::<T>::count());
		LastNettingAt::<T>::put(now);
		if let Err(error) = with_storage_layer(|| Self::do_net(now)) {
			Self::deposit_event(Event::NettingFailed { error });
		}
		weight
	}

	/// One netting run at block `now`.
	pub(crate) fn do_net(now: BlockNumberFor<T>) -> DispatchResult {
		let mut due = BoundedVec::<(AgreementId, AgreementOf<T>), T::MaxAgreements>::new();
		let mut removed = BoundedVec::<(AgreementId, Event<T>), T::MaxAgreements>::new();
		for (agreement, record) in Agreements::<T>::iter() {
			// Disputed bookings wait for the ruling, and so does everything else of the
			// agreement: it is neither settled nor removed.
			if DisputedAgreements::<T>::contains_key(agreement) {
				continue;
			}
			let removal = match Self::due(&record, now) {
				Due::Yes => {
					due.try_push((agreement, record))
						.map_err(|_| Error::<T>::InconsistentLedger)?;
					continue;
				},
				Due::No => continue,
				Due::Lapsed => Event::ProposalLapsed { agreement },
				Due::Closed => Event::AgreementClosed { agreement },
			};
			removed
				.try_push((agreement, removal))
				.map_err(|_| Error::<T>::InconsistentLedger)?;
		}
		// Storage iterates in hash order; settle in id order, as a reader expects.
		due.sort_by_key(|(agreement, _)| *agreement);
		removed.sort_by_key(|(agreement, _)| *agreement);

		for (agreement, removal) in removed {
			if let Some(record) = Agreements::<T>::get(agreement) {
				Self::remove_agreement(agreement, &record);
				Self::deposit_event(removal);
			}
		}

		let mut tallies = BoundedBTreeMap::<T::AccountId, Tally, MaxOperators<T>>::new();
		for (_, record) in due.iter() {
			let tally = Self::tally(&mut tallies, &record.proposer)?;
			tally.receivable =
				tally.receivable.checked_add(record.payable_to_proposer).ok_or_else(overflow)?;
			tally.payable =
				tally.payable.checked_add(record.payable_to_counterparty).ok_or_else(overflow)?;
			let tally = Self::tally(&mut tallies, &record.counterparty)?;
			tally.receivable = tally
				.receivable
				.checked_add(record.payable_to_counterparty)
				.ok_or_else(overflow)?;
			tally.payable =
				tally.payable.checked_add(record.payable_to_proposer).ok_or_else(overflow)?;
		}
		// Every carried position takes part, so that the run's nets sum to zero.
		for (operator, carried) in Carried::<T>::iter() {
			Self::tally(&mut tallies, &operator)?.carried_in = carried;
		}
		if tallies.is_empty() {
			return Ok(());
		}
		Self::settle(now, due, tallies)
	}

	/// Whether `record` takes part in a run at `now`. An agreement in force with nothing
	/// booked has nothing to settle: it waits, and settles at the first run after usage is
	/// booked once its period has elapsed. An ended one settles at every run that finds
	/// something booked under it (late usage, in its grace). After its grace it is removed as
	/// soon as nothing is booked under it and its parties are square; until then it takes part
	/// in every run, which removes it once they are.
	fn due(record: &AgreementOf<T>, now: BlockNumberFor<T>) -> Due {
		let booked = record.outstanding() != Some(0);
		match record.status {
			AgreementStatus::Proposed { at } => {
				let window_closed = now > at.saturating_add(T::ProposalWindow::get());
				if window_closed || now > record.terms.valid_until {
					Due::Lapsed
				} else {
					Due::No
				}
			},
			_ if Self::grace_over(record, now) => {
				let square = !Carried::<T>::contains_key(&record.proposer)
					&& !Carried::<T>::contains_key(&record.counterparty);
				if square && !booked {
					Due::Closed
				} else {
					Due::Yes
				}
			},
			_ if record.has_ended(now) && booked => Due::Yes,
			_ => {
				let period_elapsed =
					now >= record.last_settled_at.saturating_add(record.terms.settlement_period);
				if period_elapsed && booked {
					Due::Yes
				} else {
					Due::No
				}
			},
		}
	}

	/// Whether no more usage can be booked under the signed agreement `record` at `now`: it
	/// ended more than `SettlementGrace` blocks ago.
	pub(crate) fn grace_over(record: &AgreementOf<T>, now: BlockNumberFor<T>) -> bool {
		now > record.in_force_until().saturating_add(T::SettlementGrace::get())
	}

	/// `operator`'s tally, added empty if it has none yet.
	fn tally<'a>(
		tallies: &'a mut BoundedBTreeMap<T::AccountId, Tally, MaxOperators<T>>,
		operator: &T::AccountId,
	) -> Result<&'a mut Tally, DispatchError> {
		if !tallies.contains_key(operator) {
			tallies
				.try_insert(operator.clone(), Tally::default())
				.map_err(|_| Error::<T>::InconsistentLedger)?;
		}
		tallies.get_mut(operator).ok_or_else(|| Error::<T>::InconsistentLedger.into())
	}

	/// Forms every operator's result, then moves the money, carries what is left unpaid,
	/// resets the agreements and removes the ended ones whose parties are square.
	fn settle(
		now: BlockNumberFor<T>,
		due: BoundedVec<(AgreementId, AgreementOf<T>), T::MaxAgreements>,
		tallies: BoundedBTreeMap<T::AccountId, Tally, MaxOperators<T>>,
	) -> DispatchResult {
		let mut settlements = BoundedVec::<Settlement<T::AccountId>, MaxOperators<T>>::new();
		let (mut collected, mut shortfall, mut total_claims) = (0u128, 0u128, 0u128);
		for (operator, tally) in tallies {
			let credit = tally
				.receivable
				.checked_add(credit_part(tally.carried_in))
				.ok_or_else(overflow)?;
			let debit =
				tally.payable.checked_add(debit_part(tally.carried_in)).ok_or_else(overflow)?;
			let (net, owed, paid) = if credit >= debit {
				let claim = credit.saturating_sub(debit);
				total_claims = total_claims.checked_add(claim).ok_or_else(overflow)?;
				(position(claim)?, 0, 0)
			} else {
				let owed = debit.saturating_sub(credit);
				let paid = owed.min(Deposits::<T>::get(&operator));
				collected = collected.checked_add(paid).ok_or_else(overflow)?;
				shortfall =
					shortfall.checked_add(owed.saturating_sub(paid)).ok_or_else(overflow)?;
				(position(owed)?.checked_neg().ok_or_else(overflow)?, owed, paid)
			};
			let settlement = Settlement {
				operator,
				receivable: tally.receivable,
				payable: tally.payable,
				carried_in: tally.carried_in,
				net,
				owed,
				paid,
				received: 0,
			};
			settlements.try_push(settlement).map_err(|_| Error::<T>::InconsistentLedger)?;
		}
		Self::share_out(&mut settlements, collected, total_claims)?;

		let agreements = due.len() as u32;
		let mut closing = BoundedVec::<(AgreementId, AgreementOf<T>), T::MaxAgreements>::new();
		let mut gross = 0u128;
		for (agreement, mut record) in due {
			let directions = [
				(&record.counterparty, &record.proposer, record.payable_to_proposer),
				(&record.proposer, &record.counterparty, record.payable_to_counterparty),
			];
			for (payer, payee, amount) in directions {
				if amount > 0 {
					Self::deposit_event(Event::GrossSettled {
						agreement,
						payer: payer.clone(),
						payee: payee.clone(),
						amount,
					});
				}
			}
			gross = gross
				.checked_add(record.outstanding().ok_or_else(overflow)?)
				.ok_or_else(overflow)?;
			record.payable_to_proposer = 0;
			record.payable_to_counterparty = 0;
			record.last_settled_at = now;
			if Self::grace_over(&record, now) {
				// Bounded like `due`, which it is taken from.
				let _ = closing.try_push((agreement, record.clone()));
			}
			Agreements::<T>::insert(agreement, record);
		}

		let operators = settlements.len() as u32;
		let (mut debts_in, mut debts_out) = (0u128, 0u128);
		for settlement in settlements {
			let Settlement { operator, receivable, payable, carried_in, net, owed, paid, received } =
				settlement;
			if paid > 0 {
				let deposit = Deposits::<T>::get(&operator)
					.checked_sub(paid)
					.ok_or(Error::<T>::InconsistentLedger)?;
				Self::set_deposit(&operator, deposit);
			}
			if payable > 0 {
				let booked = BookedPayables::<T>::get(&operator)
					.checked_sub(payable)
					.ok_or(Error::<T>::InconsistentLedger)?;
				Self::set_booked(&operator, booked);
			}
			if owed > paid {
				Self::deposit_event(Event::NettingShortfall {
					operator: operator.clone(),
					owed,
					paid,
				});
			}
			if received > 0 {
				// An account that cannot take the payout (blocked, or a new one below the
				// minimum balance) finds it in its deposit instead: the run never stalls.
				if let Err(error) = with_storage_layer(|| Self::pay_out(&operator, received)) {
					let deposit =
						Deposits::<T>::get(&operator).checked_add(received).ok_or_else(overflow)?;
					Deposits::<T>::insert(&operator, deposit);
					Self::deposit_event(Event::PayoutHeldAsDeposit {
						operator: operator.clone(),
						amount: received,
						error,
					});
				}
			}
			let carried_out = net
				.checked_add(position(paid)?)
				.and_then(|carried| carried.checked_sub(position(received).ok()?))
				.ok_or_else(overflow)?;
			if carried_out == 0 {
				Carried::<T>::remove(&operator);
			} else {
				Carried::<T>::insert(&operator, carried_out);
			}
			Self::track_default(&operator, debit_part(carried_out), now);
			debts_in = debts_in.checked_add(debit_part(carried_in)).ok_or_else(overflow)?;
			debts_out = debts_out.checked_add(debit_part(carried_out)).ok_or_else(overflow)?;
			Self::deposit_event(Event::NetPositionSettled {
				operator,
				receivable,
				payable,
				carried_in,
				net,
				paid,
				received,
				carried_out,
			});
		}
		let outstanding = Outstanding::<T>::get()
			.checked_sub(gross)
			.and_then(|left| left.checked_sub(debts_in))
			.and_then(|left| left.checked_add(debts_out))
			.ok_or(Error::<T>::InconsistentLedger)?;
		Outstanding::<T>::put(outstanding);

		// An operator still carrying a position keeps its ended agreements: that bounds the
		// operators of every run by the stored agreements.
		for (agreement, record) in closing {
			if !Carried::<T>::contains_key(&record.proposer)
				&& !Carried::<T>::contains_key(&record.counterparty)
			{
				Self::remove_agreement(agreement, &record);
				Self::deposit_event(Event::AgreementClosed { agreement });
			}
		}

		let run = NettingRuns::<T>::get().saturating_add(1);
		NettingRuns::<T>::put(run);
		Self::deposit_event(Event::NettingCompleted {
			run,
			agreements,
			operators,
			collected,
			shortfall,
		});
		Ok(())
	}

	/// Follows `operator`'s debt after a run at `now` left it `owed`: the run that first left
	/// it short starts its deadline, the first run past the deadline reports it in default,
	/// and the run that sees it paid forgets both.
	fn track_default(operator: &T::AccountId, owed: StablecoinAmount, now: BlockNumberFor<T>) {
		if owed == 0 {
			ShortfallSince::<T>::remove(operator);
			if Defaulters::<T>::take(operator).is_some() {
				Self::deposit_event(Event::DefaultCleared { operator: operator.clone() });
			}
			return;
		}
		let since = ShortfallSince::<T>::get(operator).unwrap_or_else(|| {
			ShortfallSince::<T>::insert(operator, now);
			now
		});
		let overdue = now.saturating_sub(since) >= T::ShortfallDeadline::get();
		if overdue && !Defaulters::<T>::contains_key(operator) {
			Defaulters::<T>::insert(operator, since);
			Self::deposit_event(Event::DebtorInDefault { operator: operator.clone(), owed, since });
		}
	}

	/// Shares `collected` among the creditors in proportion to their claims, rounded down;
	/// the few units rounding leaves go one each to the first creditors (in account order)
	/// still short of their claim, so that all of it is paid out and nobody gets more than
	/// its claim.
	fn share_out(
		settlements: &mut BoundedVec<Settlement<T::AccountId>, MaxOperators<T>>,
		collected: StablecoinAmount,
		total_claims: StablecoinAmount,
	) -> DispatchResult {
		if total_claims == 0 {
			ensure!(collected == 0, Error::<T>::InconsistentLedger);
			return Ok(());
		}
		let mut shared = 0u128;
		for settlement in settlements.iter_mut().filter(|settlement| settlement.net > 0) {
			settlement.received = multiply_by_rational_with_rounding(
				collected,
				settlement.net.unsigned_abs(),
				total_claims,
				Rounding::Down,
			)
			.ok_or_else(overflow)?;
			shared = shared.checked_add(settlement.received).ok_or_else(overflow)?;
		}
		let mut left = collected.checked_sub(shared).ok_or_else(overflow)?;
		for settlement in settlements.iter_mut().filter(|settlement| settlement.net > 0) {
			if left == 0 {
				break;
			}
			if settlement.received < settlement.net.unsigned_abs() {
				settlement.received.saturating_inc();
				left.saturating_dec();
			}
		}
		ensure!(left == 0, Error::<T>::InconsistentLedger);
		Ok(())
	}
}
