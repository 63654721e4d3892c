//! Rating, flagging, and reading scores.

use crate::*;
use frame_support::{ensure, pallet_prelude::DispatchResult};
use frame_system::pallet_prelude::BlockNumberFor;
use gesim_primitives::{
	EntitlementId, EntitlementLedger, OperatorReputation, ProtocolParameters, ProvedUsage,
};
use sp_core::H256;
use sp_runtime::{
	traits::{Saturating, UniqueSaturatedInto},
	SaturatedConversion,
};

impl<T: Config> Pallet<T> {
	pub(crate) fn do_rate(
		who: T::AccountId,
		entitlement: EntitlementId,
		rater: Rater,
		stars: u8,
	) -> DispatchResult {
		ensure!((1..=5).contains(&stars), Error::<T>::InvalidStars);
		let view =
			T::Entitlements::entitlement(entitlement).ok_or(Error::<T>::UnknownEntitlement)?;
		// Who may rate on this entitlement, and whom.
		let (party, rated, not_party) = match rater {
			Rater::Subscriber => (&view.holder, view.telco.clone(), Error::<T>::NotHolder),
			Rater::Operator => (&view.telco, view.holder.clone(), Error::<T>::NotOperator),
		};
		ensure!(*party == who, not_party);
		ensure!(!Ratings::<T>::contains_key(entitlement, rater), Error::<T>::AlreadyRated);
		let weight = T::Usage::proved_bytes(entitlement);
		ensure!(weight > 0, Error::<T>::NoProvedUsage);

		let now = frame_system::Pallet::<T>::block_number();
		Ratings::<T>::insert(entitlement, rater, Rating { stars, weight, at: now });
		let add = |score: &mut Option<Score<BlockNumberFor<T>>>| {
			let score = score.get_or_insert_with(Default::default);
			Self::decay_to_now(score);
			score.weighted_stars =
				score.weighted_stars.saturating_add(stars as u128 * weight as u128);
			score.weight = score.weight.saturating_add(weight as u128);
			score.ratings = score.ratings.saturating_add(1);
			average(score).unwrap_or_default()
		};
		match rater {
			Rater::Subscriber => {
				let stars_centi = OperatorScores::<T>::mutate(&rated, add);
				Self::deposit_event(Event::OperatorRated {
					telco: rated,
					subscriber: who,
					entitlement,
					stars,
					weight,
					stars_centi,
				});
			},
			Rater::Operator => {
				let stars_centi = SubscriberScores::<T>::mutate(&rated, add);
				Self::deposit_event(Event::SubscriberRated {
					subscriber: rated,
					telco: who,
					entitlement,
					stars,
					weight,
					stars_centi,
				});
			},
		}
		Ok(())
	}

	pub(crate) fn do_flag(
		telco: T::AccountId,
		entitlement: EntitlementId,
		evidence: H256,
	) -> DispatchResult {
		let view =
			T::Entitlements::entitlement(entitlement).ok_or(Error::<T>::UnknownEntitlement)?;
		ensure!(view.telco == telco, Error::<T>::NotOperator);
		ensure!(!AbuseFlags::<T>::contains_key(entitlement), Error::<T>::AlreadyFlagged);
		let at = frame_system::Pallet::<T>::block_number();
		AbuseFlags::<T>::insert(
			entitlement,
			AbuseFlag { subscriber: view.holder.clone(), telco: telco.clone(), evidence, at },
		);
		SubscriberScores::<T>::mutate(&view.holder, |score| {
			let score = score.get_or_insert_with(Default::default);
			score.flags = score.flags.saturating_add(1);
		});
		Self::deposit_event(Event::AbuseFlagged {
			subscriber: view.holder,
			telco,
			entitlement,
			evidence,
		});
		Ok(())
	}

	/// Decays both sums of `score` from when they were last decayed to now.
	fn decay_to_now(score: &mut Score<BlockNumberFor<T>>) {
		let now = frame_system::Pallet::<T>::block_number();
		let elapsed: u64 = now.saturating_sub(score.updated_at).unique_saturated_into();
		let half_life: u64 = T::Parameters::reputation_half_life().saturated_into();
		score.weighted_stars = decay::decay(score.weighted_stars, elapsed, half_life);
		score.weight = decay::decay(score.weight, elapsed, half_life);
		score.updated_at = now;
	}

	/// `telco`'s score, decayed to now; `None` for an operator nobody rated.
	pub fn operator_score(telco: T::AccountId) -> Option<ScoreView> {
		OperatorScores::<T>::get(telco).map(Self::view)
	}

	/// `subscriber`'s score, decayed to now; `None` for a subscriber nobody rated or flagged.
	pub fn subscriber_score(subscriber: T::AccountId) -> Option<ScoreView> {
		SubscriberScores::<T>::get(subscriber).map(Self::view)
	}

	fn view(mut score: Score<BlockNumberFor<T>>) -> ScoreView {
		Self::decay_to_now(&mut score);
		ScoreView {
			stars_centi: average(&score),
			weight: score.weight,
			ratings: score.ratings,
			flags: score.flags,
		}
	}
}

/// The weighted average in hundredths of a star, rounded to the nearest; `None` with no
/// weight left.
fn average<B>(score: &Score<B>) -> Option<u32> {
	(score.weight > 0).then(|| {
		let centi = score.weighted_stars.saturating_mul(100).saturating_add(score.weight / 2)
			/ score.weight;
		centi.min(500) as u32
	})
}

impl<T: Config> OperatorReputation<T::AccountId> for Pallet<T> {
	fn operator_stars(telco: &T::AccountId) -> Option<u32> {
		Self::operator_score(telco.clone()).and_then(|view| view.stars_centi)
	}
}
