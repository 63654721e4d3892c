//! Aura equivocation reports: two headers sealed in one slot, with real sr25519 seals.

use super::mock::*;
use crate::{
	aura_sealed, AuraEquivocationProof, Error, Event, OffenceRecord, Offences, SessionSlots,
};
use frame_support::{assert_noop, assert_ok, dispatch::Pays};
use sp_consensus_slots::Slot;
use sp_core::{sr25519, Pair, H256};
use sp_runtime::traits::{BlakeTwo256, Hash, Header as _};

type Header = frame_system::pallet_prelude::HeaderFor<Test>;
type Signature = sp_consensus_aura::sr25519::AuthoritySignature;

const KIND: [u8; 16] = *b"aura:equivocatio";

/// A header at `number` claiming `slot`, sealed by `signer` as Aura seals. `extrinsics` makes
/// headers differ.
fn sealed(number: u64, slot: u64, extrinsics: u8, signer: &sr25519::Pair) -> Header {
	let header = Header::new(
		number,
		BlakeTwo256::hash(&[extrinsics]),
		H256::repeat_byte(2),
		H256::repeat_byte(3),
		Default::default(),
	);
	aura_sealed(header, Slot::from(slot), |hash| Signature::from(signer.sign(hash.as_ref())))
}

/// `offender` sealing two different headers for `slot`.
pub fn equivocation(offender: AccountId, slot: u64) -> AuraEquivocationProof<Test> {
	let pair = aura_pair(offender);
	AuraEquivocationProof::<Test> {
		offender: pair.public().into(),
		slot: Slot::from(slot),
		first_header: sealed(7, slot, 1, &pair),
		second_header: sealed(7, slot, 2, &pair),
	}
}

fn ownership(owner: AccountId, session: u32) -> KeyOwnership {
	KeyOwnership { session, validator_count: 3, owner }
}

fn report(
	proof: AuraEquivocationProof<Test>,
	key_owner_proof: KeyOwnership,
) -> frame_support::dispatch::DispatchResultWithPostInfo {
	ValidatorSet::report_aura_equivocation(
		RuntimeOrigin::signed(STRANGER),
		Box::new(proof),
		key_owner_proof,
	)
}

/// Session 1 begins at slot 100; the chain is at slot 150.
fn in_session_one() {
	CurrentSlot::set(100);
	run_to_session(1);
	CurrentSlot::set(150);
}

#[test]
fn sessions_note_their_first_slot() {
	new_test_ext().execute_with(|| {
		assert_eq!(SessionSlots::<Test>::get(0), Some(Slot::from(0)));
		in_session_one();
		assert_eq!(SessionSlots::<Test>::get(1), Some(Slot::from(100)));
	});
}

#[test]
fn two_headers_sealed_in_one_slot_are_an_offence_recorded_once_and_free_to_report() {
	new_test_ext().execute_with(|| {
		in_session_one();
		let post = report(equivocation(2, 120), ownership(2, 1)).unwrap();
		assert_eq!(post.pays_fee, Pays::No);
		System::assert_last_event(
			Event::<Test>::OffenceReported { kind: KIND, offender: 2, session: 1 }.into(),
		);
		let records: Vec<_> = Offences::<Test>::iter_values().collect();
		assert_eq!(records, vec![OffenceRecord { kind: KIND, offender: 2, session: 1 }]);

		// The same slot again, with other headers: the same offence.
		let mut again = equivocation(2, 120);
		again.second_header = sealed(8, 120, 3, &aura_pair(2));
		assert_noop!(report(again, ownership(2, 1)), Error::<Test>::DuplicateOffenceReport);
		// Another slot is another offence.
		assert_ok!(report(equivocation(2, 121), ownership(2, 1)));
		assert_eq!(Offences::<Test>::iter().count(), 2);
	});
}

#[test]
fn a_report_whose_headers_do_not_show_an_equivocation_is_refused_and_changes_nothing() {
	new_test_ext().execute_with(|| {
		in_session_one();

		let mut same = equivocation(2, 120);
		same.second_header = same.first_header.clone();
		assert_noop!(report(same, ownership(2, 1)), Error::<Test>::InvalidEquivocationProof);

		let mut other_signer = equivocation(2, 120);
		other_signer.second_header = sealed(7, 120, 2, &aura_pair(3));
		assert_noop!(
			report(other_signer, ownership(2, 1)),
			Error::<Test>::InvalidEquivocationProof
		);

		let mut other_slot = equivocation(2, 120);
		other_slot.second_header = sealed(7, 121, 2, &aura_pair(2));
		assert_noop!(report(other_slot, ownership(2, 1)), Error::<Test>::InvalidEquivocationProof);

		let mut unsealed = equivocation(2, 120);
		unsealed.second_header.digest_mut().pop();
		assert_noop!(report(unsealed, ownership(2, 1)), Error::<Test>::InvalidEquivocationProof);

		// A seal over another header's hash.
		let mut tampered = equivocation(2, 120);
		tampered.second_header.set_state_root(H256::repeat_byte(9));
		assert_noop!(report(tampered, ownership(2, 1)), Error::<Test>::InvalidEquivocationProof);

		// Both headers claim slot 120; the report names 121.
		let mut misnamed = equivocation(2, 120);
		misnamed.slot = Slot::from(121);
		assert_noop!(report(misnamed, ownership(2, 1)), Error::<Test>::InvalidEquivocationProof);

		assert_eq!(Offences::<Test>::iter().count(), 0);
	});
}

#[test]
fn the_key_must_be_the_offenders_in_the_slots_session_and_the_slot_must_have_come() {
	new_test_ext().execute_with(|| {
		in_session_one();
		// Validator 3's key, claimed to be validator 2's.
		assert_noop!(
			report(equivocation(3, 120), ownership(2, 1)),
			Error::<Test>::InvalidKeyOwnershipProof
		);
		// Slot 50 was in session 0, not 1.
		assert_noop!(
			report(equivocation(2, 50), ownership(2, 1)),
			Error::<Test>::SlotOutsideSession
		);
		// Slot 120 was not in session 0.
		assert_noop!(
			report(equivocation(2, 120), ownership(2, 0)),
			Error::<Test>::SlotOutsideSession
		);
		// Slot 151 has not come.
		assert_noop!(
			report(equivocation(2, 151), ownership(2, 1)),
			Error::<Test>::SlotOutsideSession
		);
		// Session 5 has not begun.
		assert_noop!(
			report(equivocation(2, 120), ownership(2, 5)),
			Error::<Test>::SlotOutsideSession
		);
		// Unsigned: refused before anything is checked.
		assert_noop!(
			ValidatorSet::report_aura_equivocation(
				RuntimeOrigin::none(),
				Box::new(equivocation(2, 120)),
				ownership(2, 1)
			),
			sp_runtime::DispatchError::BadOrigin
		);
		// Session 0's slot 50 with session 0's keys is reportable.
		assert_ok!(report(equivocation(2, 50), ownership(2, 0)));
	});
}

#[test]
fn equivocations_older_than_the_offence_history_can_no_longer_be_reported() {
	new_test_ext().execute_with(|| {
		in_session_one();
		// The mock keeps two sessions: at session 2, session 0 is forgotten.
		CurrentSlot::set(200);
		run_to_session(2);
		assert_eq!(SessionSlots::<Test>::get(0), None);
		assert_noop!(
			report(equivocation(2, 50), ownership(2, 0)),
			Error::<Test>::SlotOutsideSession
		);
		assert_ok!(report(equivocation(2, 120), ownership(2, 1)));
	});
}

#[test]
fn a_session_full_of_offences_refuses_further_reports() {
	new_test_ext().execute_with(|| {
		in_session_one();
		// The mock's sessions hold three records.
		for slot in 120..123 {
			assert_ok!(report(equivocation(2, slot), ownership(2, 1)));
		}
		assert_noop!(report(equivocation(2, 123), ownership(2, 1)), Error::<Test>::TooManyOffences);
	});
}
