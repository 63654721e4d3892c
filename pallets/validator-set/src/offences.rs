//! Offences reported against validators, kept for the council to see.

use crate::*;
use alloc::vec::Vec;
use codec::Encode;
use sp_runtime::traits::{BlakeTwo256, Get, Hash};
use sp_staking::{
	offence::{Offence, OffenceError, ReportOffence},
	SessionIndex,
};

/// `OffenceError::Other` code of a report refused because its session already holds
/// `MaxOffencesPerSession` records.
pub const SESSION_FULL: u8 = 0;

impl<T: Config> Pallet<T> {
	/// The record key of `offender`'s offence of `kind` at `time_slot`.
	fn offence_key(
		kind: &sp_staking::offence::Kind,
		time_slot: &impl Encode,
		offender: &T::AccountId,
	) -> [u8; 32] {
		BlakeTwo256::hash_of(&(kind, time_slot, offender)).into()
	}

	/// Forgets the offences (and the first slot) of the session that falls out of
	/// `OffenceHistory` as `session` begins: older equivocations can no longer be reported.
	pub(crate) fn forget_offences_before(session: SessionIndex) {
		let Some(expired) = session.checked_sub(T::OffenceHistory::get()) else { return };
		for key in OffencesInSession::<T>::take(expired) {
			Offences::<T>::remove(key);
		}
		SessionSlots::<T>::remove(expired);
	}
}

/// Reports come from the consensus pallets' equivocation systems, which have already checked
/// the equivocation proof and the offender's session keys; `Offender` is the historical
/// identification tuple (the validator's account and its full identification).
impl<T, Identification, O> ReportOffence<T::AccountId, (T::AccountId, Identification), O>
	for Pallet<T>
where
	T: Config,
	O: Offence<(T::AccountId, Identification)>,
{
	fn report_offence(_reporters: Vec<T::AccountId>, offence: O) -> Result<(), OffenceError> {
		let session = offence.session_index();
		let slot = offence.slot();
		let new: Vec<_> = offence
			.offenders()
			.into_iter()
			.map(|(offender, _)| (Self::offence_key(&O::ID, &slot, &offender), offender))
			.filter(|(key, _)| !Offences::<T>::contains_key(key))
			.collect();
		if new.is_empty() {
			return Err(OffenceError::DuplicateReport);
		}
		OffencesInSession::<T>::try_mutate(session, |keys| {
			for (key, _) in &new {
				keys.try_push(*key).map_err(|_| OffenceError::Other(SESSION_FULL))?;
			}
			Ok::<_, OffenceError>(())
		})?;
		for (key, offender) in new {
			Offences::<T>::insert(
				key,
				OffenceRecord { kind: O::ID, offender: offender.clone(), session },
			);
			Self::deposit_event(Event::OffenceReported { kind: O::ID, offender, session });
		}
		Ok(())
	}

	fn is_known_offence(offenders: &[(T::AccountId, Identification)], slot: &O::Slot) -> bool {
		offenders.iter().all(|(offender, _)| {
			Offences::<T>::contains_key(Self::offence_key(&O::ID, slot, offender))
		})
	}
}
