//! Aura equivocations: a validator that sealed two different headers for the same slot.
//!
//! Aura's block import notices such a pair and logs it, but nothing reports it (unlike
//! GRANDPA's voter): whoever holds both headers reports them with
//! `report_aura_equivocation`, together with a proof that the sealing key was the validator's
//! Aura session key in the session the slot fell in (pallet-session's history). The check is
//! BABE's, on Aura's digests: two different headers, both pre-digests naming the reported slot,
//! both seals the offender's signature of its header without the seal. A valid report is
//! recorded like GRANDPA's, for the council to act on, and costs the reporter nothing.

use crate::*;
use alloc::{vec, vec::Vec};
use frame_support::{dispatch::DispatchResult, ensure, traits::KeyOwnerProofSystem};
use frame_system::pallet_prelude::HeaderFor;
use sp_consensus_aura::digests::CompatibleDigestItem;
use sp_consensus_slots::Slot;
use sp_runtime::{
	traits::{Get, Header},
	DigestItem, Perbill, RuntimeAppPublic,
};
use sp_session::{GetSessionNumber, GetValidatorCount};
use sp_staking::{
	offence::{Kind, Offence, OffenceError, ReportOffence},
	SessionIndex,
};

/// Two headers `offender` sealed for `slot`.
pub type AuraEquivocationProof<T> =
	sp_consensus_slots::EquivocationProof<HeaderFor<T>, <T as Config>::AuraId>;

/// An Aura equivocation, as the offence records keep it: one per validator and slot.
pub struct AuraEquivocation<Offender> {
	/// The slot both headers claim.
	pub slot: Slot,
	/// The session the slot fell in.
	pub session: SessionIndex,
	/// Validators in that session.
	pub validator_count: u32,
	/// The validator, as pallet-session's history identifies it.
	pub offender: Offender,
}

impl<Offender: Clone> Offence<Offender> for AuraEquivocation<Offender> {
	const ID: Kind = *b"aura:equivocatio";
	type Slot = Slot;

	fn offenders(&self) -> Vec<Offender> {
		vec![self.offender.clone()]
	}

	fn session_index(&self) -> SessionIndex {
		self.session
	}

	fn validator_set_count(&self) -> u32 {
		self.validator_count
	}

	fn slot(&self) -> Slot {
		self.slot
	}

	/// BABE's figure for the same offence. Nothing slashes by it here: the council decides.
	fn slash_fraction(&self, offenders_count: u32) -> Perbill {
		Perbill::from_rational(3 * offenders_count, self.validator_count.max(1)).square()
	}
}

/// `header` as an Aura author seals it for `slot`: a pre-digest claiming the slot, then, as the
/// last digest item, `sign` of the hash of the header so far. The inverse of the check a report
/// passes; for tests and benchmarks that make equivocations.
pub fn aura_sealed<H: Header, S: codec::Codec>(
	mut header: H,
	slot: Slot,
	sign: impl FnOnce(&H::Hash) -> S,
) -> H {
	header
		.digest_mut()
		.push(<DigestItem as CompatibleDigestItem<S>>::aura_pre_digest(slot));
	let seal = sign(&header.hash());
	header
		.digest_mut()
		.push(<DigestItem as CompatibleDigestItem<S>>::aura_seal(seal));
	header
}

/// Whether `header` claims `slot` in its Aura pre-digest and is sealed, in its last digest item,
/// by `signer` over the hash of the header without the seal.
fn sealed_for_slot<T: Config>(mut header: HeaderFor<T>, slot: Slot, signer: &T::AuraId) -> bool {
	type Seal<T> = <<T as Config>::AuraId as RuntimeAppPublic>::Signature;
	let claimed = header
		.digest()
		.logs()
		.iter()
		.find_map(<DigestItem as CompatibleDigestItem<Seal<T>>>::as_aura_pre_digest);
	if claimed != Some(slot) {
		return false;
	}
	let Some(seal) = header.digest_mut().pop() else { return false };
	let Some(signature) = <DigestItem as CompatibleDigestItem<Seal<T>>>::as_aura_seal(&seal) else {
		return false;
	};
	signer.verify(&header.hash().as_ref(), &signature)
}

/// Whether `proof` shows its offender sealing two different headers for its slot.
pub fn is_equivocation<T: Config>(proof: &AuraEquivocationProof<T>) -> bool {
	proof.first_header.hash() != proof.second_header.hash()
		&& sealed_for_slot::<T>(proof.first_header.clone(), proof.slot, &proof.offender)
		&& sealed_for_slot::<T>(proof.second_header.clone(), proof.slot, &proof.offender)
}

impl<T: Config> Pallet<T> {
	/// Checks an Aura equivocation report and records the offence.
	pub(crate) fn do_report_aura_equivocation(
		reporter: T::AccountId,
		proof: AuraEquivocationProof<T>,
		key_owner_proof: T::KeyOwnerProof,
	) -> DispatchResult {
		let session = key_owner_proof.session();
		let validator_count = key_owner_proof.validator_count();
		// The slot must lie in the session whose keys the ownership proof is about: from that
		// session's first slot to the next one's, and not in the future.
		let first = SessionSlots::<T>::get(session).ok_or(Error::<T>::SlotOutsideSession)?;
		let next = SessionSlots::<T>::get(session.saturating_add(1));
		ensure!(
			proof.slot >= first
				&& next.map_or(true, |next| proof.slot < next)
				&& proof.slot <= T::CurrentSlot::get(),
			Error::<T>::SlotOutsideSession
		);
		ensure!(is_equivocation::<T>(&proof), Error::<T>::InvalidEquivocationProof);
		let (offender, identification) =
			T::KeyOwnership::check_proof((T::AuraId::ID, proof.offender), key_owner_proof)
				.ok_or(Error::<T>::InvalidKeyOwnershipProof)?;
		let offence = AuraEquivocation {
			slot: proof.slot,
			session,
			validator_count,
			offender: (offender, identification),
		};
		Self::report_offence(vec![reporter], offence).map_err(|e| match e {
			OffenceError::DuplicateReport => Error::<T>::DuplicateOffenceReport,
			_ => Error::<T>::TooManyOffences,
		})?;
		Ok(())
	}

	/// Notes the slot `session` starts at, for the reports of its equivocations.
	pub(crate) fn note_session_slot(session: SessionIndex) {
		SessionSlots::<T>::insert(session, T::CurrentSlot::get());
	}
}
