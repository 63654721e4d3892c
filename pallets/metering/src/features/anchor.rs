//! Usage commitments: anchored by the serving operator, waiting for their proofs.

use crate::*;
use frame_support::{
	ensure,
	pallet_prelude::DispatchResult,
	traits::{Get, UnixTime},
};
use frame_system::pallet_prelude::BlockNumberFor;
use gesim_primitives::{
	EntitlementLedger, EntitlementView, EscrowLedger, RoamingLedger, TelcoInspect, UsageSubject,
};
use gesim_zk_verifier::{fr_from_le_bytes, Groth16Verifier};
use sp_runtime::{traits::Saturating, DispatchError, SaturatedConversion};

/// The longest period: the circuit range-checks a session's offsets in it with 32 bits.
const MAX_PERIOD_SECS: u64 = (1 << 32) - 1;

impl<T: Config> Pallet<T> {
	pub(crate) fn do_anchor_usage(
		telco: T::AccountId,
		subject: UsageSubject,
		key: KeyId,
		root: [u8; 32],
		period: UsagePeriod,
		nonce: u64,
	) -> DispatchResult {
		let plmns = T::Telcos::active_networks(&telco).ok_or(Error::<T>::NotActiveTelco)?;
		ensure!(!key.circuit.is_superseded(), Error::<T>::CircuitSuperseded);
		ensure!(key.circuit.batch_size().is_some(), Error::<T>::NotAUsageCircuit);
		Self::live_key(&key)?;
		// A root ≥ r would alias a smaller one inside the proof.
		ensure!(fr_from_le_bytes(&root).is_some(), Error::<T>::NonCanonicalRoot);
		ensure!(period.start <= period.end, Error::<T>::InvalidPeriod);
		ensure!(period.end - period.start <= MAX_PERIOD_SECS, Error::<T>::PeriodTooLong);
		ensure!(period.end <= T::UnixTime::now().as_secs(), Error::<T>::PeriodInFuture);
		let clock_before = UsageClock::<T>::get(&telco, subject);
		ensure!(period.start >= clock_before, Error::<T>::PeriodOverlaps);
		ensure!(!PendingUsage::<T>::contains_key(&telco, nonce), Error::<T>::NonceInUse);
		ensure!(nonce >= NextNonce::<T>::get(&telco), Error::<T>::NonceConsumed);
		let next_nonce = nonce.checked_add(1).ok_or(Error::<T>::NonceExhausted)?;
		let anchored_at = frame_system::Pallet::<T>::block_number();
		if let Some(entitlement) = Self::ensure_can_invoice(&telco, &subject, anchored_at)? {
			Self::ensure_within_validity(&entitlement, &period)?;
		}
		let plmns: alloc::vec::Vec<u32> = plmns.iter().map(|p| p.to_bcd()).collect();
		let networks =
			T::Verifier::networks_commitment(&plmns).ok_or(Error::<T>::NoServingNetworks)?;
		PendingCount::<T>::try_mutate(&telco, |count| {
			ensure!(
				*count < T::MaxPendingCommitments::get(),
				Error::<T>::TooManyPendingCommitments
			);
			*count += 1;
			Ok::<_, Error<T>>(())
		})?;
		// At most `PendingCount`, which is bounded.
		PendingOfSubject::<T>::mutate(&telco, subject, |count| *count = count.saturating_add(1));
		NextNonce::<T>::insert(&telco, next_nonce);
		// `period.end` is at most now, so one past it never overflows.
		UsageClock::<T>::insert(&telco, subject, period.end.saturating_add(1));
		PendingUsage::<T>::insert(
			&telco,
			nonce,
			UsageCommitment { subject, key, root, period, anchored_at, networks, clock_before },
		);
		Self::deposit_event(Event::UsageAnchored { telco, nonce, subject, key, root, period });
		Ok(())
	}

	pub(crate) fn do_discard_usage(telco: T::AccountId, nonce: u64) -> DispatchResult {
		let commitment = Self::take_commitment(&telco, nonce)?;
		// The latest period of its subject is given back; an earlier one stays spent, since a
		// later period was anchored after it.
		UsageClock::<T>::mutate(&telco, commitment.subject, |clock| {
			if *clock == commitment.period.end.saturating_add(1) {
				*clock = commitment.clock_before;
			}
		});
		Self::deposit_event(Event::UsageDiscarded { telco, nonce });
		Ok(())
	}

	/// Removes `telco`'s commitment under `nonce` from the waiting ones.
	pub(crate) fn take_commitment(
		telco: &T::AccountId,
		nonce: u64,
	) -> Result<UsageCommitment<frame_system::pallet_prelude::BlockNumberFor<T>>, Error<T>> {
		let commitment =
			PendingUsage::<T>::take(telco, nonce).ok_or(Error::<T>::UnknownCommitment)?;
		let fewer = |count: &mut Option<u32>| {
			*count = count.and_then(|n| n.checked_sub(1)).filter(|n| *n > 0);
		};
		PendingCount::<T>::mutate_exists(telco, fewer);
		PendingOfSubject::<T>::mutate_exists(telco, commitment.subject, fewer);
		Ok(commitment)
	}

	/// An entitlement whose validity ended (its expiry block is past) was valid until at most
	/// the time of that block, which is at most now less one slot per block built since
	/// (each block has its own, later slot). No period may reach past it.
	fn ensure_within_validity(
		entitlement: &EntitlementView<T::AccountId, BlockNumberFor<T>>,
		period: &UsagePeriod,
	) -> DispatchResult {
		let now = frame_system::Pallet::<T>::block_number();
		if now <= entitlement.expires_at {
			return Ok(());
		}
		let blocks_since: u64 = now
			.saturating_sub(entitlement.expires_at)
			.saturating_sub(1u32.into())
			.saturated_into();
		let ended_by = T::UnixTime::now()
			.as_secs()
			.saturating_sub(blocks_since.saturating_mul(T::SlotDuration::get() / 1000));
		ensure!(period.end <= ended_by, Error::<T>::PeriodOutsideValidity);
		Ok(())
	}

	/// Whether `telco` may invoice usage of `subject` anchored at block `anchored_at`: it
	/// serves the entitlement, which was live then, or is a party to the agreement in force.
	///
	/// An entitlement's usage may be anchored and proved after its validity ended — records
	/// reach operators late, and a plan switch ends an entitlement early — up to its escrow's
	/// settlement deadline (its expiry plus the grace fixed at purchase), by the block number,
	/// whether or not the refund has run yet.
	///
	/// Returns the entitlement it read, for the caller's own checks (none for an agreement).
	pub(crate) fn ensure_can_invoice(
		telco: &T::AccountId,
		subject: &UsageSubject,
		anchored_at: BlockNumberFor<T>,
	) -> Result<Option<EntitlementView<T::AccountId, BlockNumberFor<T>>>, DispatchError> {
		match *subject {
			UsageSubject::Entitlement(id) => {
				let entitlement =
					T::Entitlements::entitlement(id).ok_or(Error::<T>::UnknownEntitlement)?;
				ensure!(entitlement.telco == *telco, Error::<T>::NotServingTelco);
				// `anchored_at` is never after `now`: the current block decides.
				Self::ensure_before_deadline(&entitlement)?;
				Ok(Some(entitlement))
			},
			UsageSubject::Roaming(agreement) => {
				T::Roaming::ensure_can_invoice(agreement, telco, anchored_at).map(|()| None)
			},
		}
	}
}

impl<T: Config> Pallet<T> {
	/// Ok while `entitlement`'s usage may still be settled: up to its escrow's settlement
	/// deadline (its expiry plus the grace fixed at purchase).
	pub(crate) fn ensure_before_deadline(
		entitlement: &EntitlementView<T::AccountId, BlockNumberFor<T>>,
	) -> DispatchResult {
		let deadline = T::Escrow::settlement_deadline(entitlement.intent)
			.ok_or(Error::<T>::EntitlementExpired)?;
		ensure!(
			frame_system::Pallet::<T>::block_number() <= deadline,
			Error::<T>::EntitlementExpired
		);
		Ok(())
	}
}

/// Everything before the usage clock is anchored; it is also settled once no commitment of the
/// subject waits for its proof.
impl<T: Config> gesim_primitives::UsageClearance<T::AccountId> for Pallet<T> {
	fn settled_until(telco: &T::AccountId, subject: UsageSubject) -> Option<u64> {
		(PendingOfSubject::<T>::get(telco, subject) == 0)
			.then(|| UsageClock::<T>::get(telco, subject))
	}
}

/// Every byte settled on an entitlement, held settlements included.
impl<T: Config> gesim_primitives::ProvedUsage for Pallet<T> {
	fn proved_bytes(entitlement: gesim_primitives::EntitlementId) -> gesim_primitives::Bytes {
		EntitlementUsages::<T>::get(entitlement).billed
	}
}

/// Starts `telco`'s usage clock of `subject` at the chain's time: no session from before the
/// subject's validity can be billed. The clock never goes back, so periods already anchored
/// stay spent.
impl<T: Config> gesim_primitives::OnUsageStart<T::AccountId> for Pallet<T> {
	fn started(telco: &T::AccountId, subject: UsageSubject) {
		let now = T::UnixTime::now().as_secs();
		UsageClock::<T>::mutate(telco, subject, |clock| *clock = (*clock).max(now));
	}
}
