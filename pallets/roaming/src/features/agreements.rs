//! Agreements: proposed by one operator, accepted by the other, terminated by either or by the
//! council.

use crate::*;
use frame_support::{ensure, traits::Get};
use gesim_primitives::{AgreementId, OnUsageStart, TelcoInspect, UsageSubject};
use sp_runtime::{
	traits::{Saturating, Zero},
	DispatchError, DispatchResult,
};

/// What ending an agreement did.
enum Ended {
	/// A proposal was removed.
	ProposalRemoved,
	/// An agreement in force was terminated; it settles within the grace.
	Terminated,
}

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
		ensure!(
			ProposalsOf::<T>::get(&proposer) < T::MaxProposalsPerOperator::get(),
			Error::<T>::TooManyProposals
		);
		ensure!(Agreements::<T>::count() < T::MaxAgreements::get(), Error::<T>::TooManyAgreements);
		let agreement = NextAgreementId::<T>::get();
		let next = agreement.checked_add(1).ok_or(Error::<T>::NoAgreementIdLeft)?;

		let now = frame_system::Pallet::<T>::block_number();
		Agreements::<T>::insert(
			agreement,
			RoamingAgreement {
				proposer: proposer.clone(),
				counterparty: counterparty.clone(),
				terms,
				status: AgreementStatus::Proposed { at: now },
				payable_to_proposer: 0,
				payable_to_counterparty: 0,
				last_settled_at: now,
			},
		);
		ProposalsOf::<T>::mutate(&proposer, |count| count.saturating_inc());
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
		let proposed_at = match record.status {
			AgreementStatus::Proposed { at } => at,
			AgreementStatus::InForce => return Err(Error::<T>::AlreadyInForce.into()),
			AgreementStatus::Terminated { .. } => {
				return Err(Error::<T>::AgreementTerminated.into())
			},
		};
		ensure!(T::Telcos::is_active(&counterparty), Error::<T>::NotActiveTelco);
		ensure!(T::Telcos::is_active(&record.proposer), Error::<T>::PartnerNotActive);
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(now <= record.terms.valid_until, Error::<T>::AgreementExpired);
		ensure!(
			now <= proposed_at.saturating_add(T::ProposalWindow::get()),
			Error::<T>::ProposalWindowClosed
		);
		let most = T::MaxAgreementsPerOperator::get();
		ensure!(AgreementsOf::<T>::get(&counterparty) < most, Error::<T>::AgreementsFull);
		ensure!(AgreementsOf::<T>::get(&record.proposer) < most, Error::<T>::PartnerAgreementsFull);

		record.status = AgreementStatus::InForce;
		record.last_settled_at = now;
		let proposer = record.proposer.clone();
		Agreements::<T>::insert(agreement, record);
		ProposalsOf::<T>::mutate_exists(&proposer, Self::decrement);
		for party in [&proposer, &counterparty] {
			AgreementsOf::<T>::mutate(party, |count| count.saturating_inc());
			T::OnUsageStart::started(party, UsageSubject::Roaming(agreement));
		}
		Self::deposit_event(Event::AgreementAccepted { agreement, proposer, counterparty });
		Ok(())
	}

	/// `terminate_agreement`: a proposal goes at once; an agreement in force stops taking
	/// usage anchored from now on, and settles what was anchored before within the grace.
	pub(crate) fn do_terminate_agreement(
		party: T::AccountId,
		agreement: AgreementId,
	) -> DispatchResult {
		let record = Agreements::<T>::get(agreement).ok_or(Error::<T>::UnknownAgreement)?;
		ensure!(record.is_party(&party), Error::<T>::NotAParty);
		match Self::end_agreement(agreement, record)? {
			Ended::ProposalRemoved => {
				Self::deposit_event(Event::ProposalWithdrawn { agreement, by: party })
			},
			Ended::Terminated => {
				Self::deposit_event(Event::AgreementTerminated { agreement, by: party })
			},
		}
		Ok(())
	}

	/// `force_terminate`: as `terminate_agreement`, by the council.
	pub(crate) fn do_force_terminate(agreement: AgreementId) -> DispatchResult {
		let record = Agreements::<T>::get(agreement).ok_or(Error::<T>::UnknownAgreement)?;
		Self::end_agreement(agreement, record)?;
		Self::deposit_event(Event::AgreementForceTerminated { agreement });
		Ok(())
	}

	/// Removes a proposal, or terminates an agreement in force now.
	fn end_agreement(
		agreement: AgreementId,
		mut record: AgreementOf<T>,
	) -> Result<Ended, DispatchError> {
		match record.status {
			AgreementStatus::Proposed { .. } => {
				Self::remove_agreement(agreement, &record);
				Ok(Ended::ProposalRemoved)
			},
			AgreementStatus::InForce => {
				let now = frame_system::Pallet::<T>::block_number();
				record.status = AgreementStatus::Terminated { at: now };
				Agreements::<T>::insert(agreement, record);
				Ok(Ended::Terminated)
			},
			AgreementStatus::Terminated { .. } => Err(Error::<T>::AgreementTerminated.into()),
		}
	}

	/// Terms both parties can live by: a share within 100 %, a settlement period, and a
	/// validity that has not ended yet and ends within `MaxValidity` blocks.
	fn ensure_valid_terms(terms: &RoamingTermsOf<T>) -> DispatchResult {
		ensure!(
			(1..=BPS_DENOMINATOR).contains(&terms.revenue_share_bps),
			Error::<T>::RevenueShareOutOfRange
		);
		ensure!(!terms.settlement_period.is_zero(), Error::<T>::ZeroSettlementPeriod);
		ensure!(terms.valid_until > terms.valid_from, Error::<T>::EmptyValidity);
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(terms.valid_until >= now, Error::<T>::ValidityEnded);
		ensure!(
			terms.valid_until <= now.saturating_add(T::MaxValidity::get()),
			Error::<T>::ValidityTooLong
		);
		Ok(())
	}

	/// Removes `agreement` and its parties' counts of it: the proposer's proposal, or both
	/// parties' agreement.
	pub(crate) fn remove_agreement(agreement: AgreementId, record: &AgreementOf<T>) {
		Agreements::<T>::remove(agreement);
		if record.is_signed() {
			for party in [&record.proposer, &record.counterparty] {
				AgreementsOf::<T>::mutate_exists(party, Self::decrement);
			}
		} else {
			ProposalsOf::<T>::mutate_exists(&record.proposer, Self::decrement);
		}
	}

	/// One less in a count, removed at zero.
	fn decrement(count: &mut Option<u32>) {
		let left = count.unwrap_or(0).saturating_sub(1);
		*count = (left > 0).then_some(left);
	}
}
