//! Agreements: proposed by one operator, accepted by the other, terminated by either.

use crate::*;
use frame_support::{ensure, traits::Get};
use gesim_primitives::{AgreementId, TelcoInspect};
use sp_runtime::{
	traits::{Saturating, Zero},
	DispatchResult,
};

impl<T: Config> Pallet<T> {
	/// `propose_agreement`: stores the proposal, signed by `proposer`.
	pub(crate) fn do_propose_agreement(
		proposer: T::AccountId,
		counterparty: T::AccountId,
		terms: RoamingTermsOf<T>,
	) -> DispatchResult {
		ensure!(T::Telcos::is_active(&proposer), Error::<T>::NotActiveTelco);
		ensure!(proposer != counterparty, Error::<T>::SelfAgreement);
		ensure!(T::Telcos::is_active(&counterparty), Error::<T>::PartnerNotActive);
		Self::ensure_valid_terms(&terms)?;
		ensure!(Agreements::<T>::count() < T::MaxAgreements::get(), Error::<T>::TooManyAgreements);
		let agreement = NextAgreementId::<T>::get();
		let next = agreement.checked_add(1).ok_or(Error::<T>::NoAgreementIdLeft)?;

		Agreements::<T>::insert(
			agreement,
			RoamingAgreement {
				proposer: proposer.clone(),
				counterparty: counterparty.clone(),
				terms,
				status: AgreementStatus::Proposed,
				payable_to_proposer: 0,
				payable_to_counterparty: 0,
				last_settled_at: frame_system::Pallet::<T>::block_number(),
			},
		);
		AgreementsOf::<T>::mutate(&proposer, |count| count.saturating_inc());
		AgreementsOf::<T>::mutate(&counterparty, |count| count.saturating_inc());
		NextAgreementId::<T>::put(next);
		Self::deposit_event(Event::AgreementProposed { agreement, proposer, counterparty, terms });
		Ok(())
	}

	/// `accept_agreement`: the counterparty's signature puts the proposal in force. Its first
	/// settlement period starts now.
	pub(crate) fn do_accept_agreement(
		counterparty: T::AccountId,
		agreement: AgreementId,
	) -> DispatchResult {
		let mut record = Agreements::<T>::get(agreement).ok_or(Error::<T>::UnknownAgreement)?;
		ensure!(record.counterparty == counterparty, Error::<T>::NotCounterparty);
		match record.status {
			AgreementStatus::Proposed => {},
			AgreementStatus::InForce => return Err(Error::<T>::AlreadyInForce.into()),
			AgreementStatus::Terminated => return Err(Error::<T>::AgreementTerminated.into()),
		}
		ensure!(T::Telcos::is_active(&counterparty), Error::<T>::NotActiveTelco);
		ensure!(T::Telcos::is_active(&record.proposer), Error::<T>::PartnerNotActive);
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(now <= record.terms.valid_until, Error::<T>::AgreementExpired);

		record.status = AgreementStatus::InForce;
		record.last_settled_at = now;
		let proposer = record.proposer.clone();
		Agreements::<T>::insert(agreement, record);
		Self::deposit_event(Event::AgreementAccepted { agreement, proposer, counterparty });
		Ok(())
	}

	/// `terminate_agreement`: a proposal goes at once; an agreement in force stops booking
	/// usage and waits for its final netting, which removes it.
	pub(crate) fn do_terminate_agreement(
		party: T::AccountId,
		agreement: AgreementId,
	) -> DispatchResult {
		let mut record = Agreements::<T>::get(agreement).ok_or(Error::<T>::UnknownAgreement)?;
		ensure!(record.is_party(&party), Error::<T>::NotAParty);
		match record.status {
			AgreementStatus::Proposed => {
				Self::remove_agreement(agreement, &record);
				Self::deposit_event(Event::ProposalWithdrawn { agreement, by: party });
			},
			AgreementStatus::InForce => {
				record.status = AgreementStatus::Terminated;
				Agreements::<T>::insert(agreement, record);
				Self::deposit_event(Event::AgreementTerminated { agreement, by: party });
			},
			AgreementStatus::Terminated => return Err(Error::<T>::AgreementTerminated.into()),
		}
		Ok(())
	}

	/// Terms both parties can live by: a share within 100 %, a settlement period, and a
	/// validity that has not ended yet.
	fn ensure_valid_terms(terms: &RoamingTermsOf<T>) -> DispatchResult {
		ensure!(
			(1..=BPS_DENOMINATOR).contains(&terms.revenue_share_bps),
			Error::<T>::RevenueShareOutOfRange
		);
		ensure!(!terms.settlement_period.is_zero(), Error::<T>::ZeroSettlementPeriod);
		ensure!(terms.valid_until > terms.valid_from, Error::<T>::EmptyValidity);
		ensure!(
			terms.valid_until >= frame_system::Pallet::<T>::block_number(),
			Error::<T>::ValidityEnded
		);
		Ok(())
	}

	/// Removes `agreement` and its parties' counts of it.
	pub(crate) fn remove_agreement(agreement: AgreementId, record: &AgreementOf<T>) {
		Agreements::<T>::remove(agreement);
		for party in [&record.proposer, &record.counterparty] {
			AgreementsOf::<T>::mutate_exists(party, |count| {
				let left = count.unwrap_or(0).saturating_sub(1);
				*count = (left > 0).then_some(left);
			});
		}
	}
}
